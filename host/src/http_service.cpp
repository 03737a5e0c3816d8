#include "http_service.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <istream>
#include <map>
#include <optional>
#include <sstream>
#include <vector>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include "file_name.hpp"
#include "messages.hpp"
#include "render_pipeline.hpp"
#include "template_report.hpp"
#include "vanthu/input.hpp"
#include "vanthu/problem.hpp"

namespace vanthu::host {
namespace {

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;
using json = nlohmann::json;

constexpr const char* kDocxMediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr const char* kJsonMediaType = "application/json; charset=utf-8";
constexpr const char* kInternalErrorMessage =
    "Đã xảy ra lỗi nội bộ khi tạo văn bản. Vui lòng thử lại sau hoặc báo cho quản trị hệ thống.";

//! The API's resources, from the request path.
struct Route {
  enum class Resource {
    none,
    health,
    report_types,
    report_type,
    documents,
    builtin_template,   //!< /v1/report-types/{id}/template
    agency_templates,   //!< /v1/report-types/{id}/templates/{agency}
    agency_rollback,    //!< /v1/report-types/{id}/templates/{agency}:rollback
    agency_version,     //!< /v1/report-types/{id}/templates/{agency}/{version}
    templates_render,   //!< /v1/templates:render
    templates_check,    //!< /v1/templates:check
  } resource = Resource::none;
  std::string id;      //!< percent-decoded {id}
  std::string agency;  //!< percent-decoded {agency}
  std::string version; //!< {version} as written
};

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1;  // after the leading "/"
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

bool decode(const std::string& segment, std::string& out) {
  try {
    Poco::URI::decode(segment, out);
  } catch (const Poco::Exception&) {
    return false;
  }
  return !out.empty();
}

Route route(std::string_view raw_path) {
  using R = Route::Resource;
  Route r;
  if (raw_path.empty() || raw_path[0] != '/') return r;
  if (raw_path == "/healthz") return {R::health, {}, {}, {}};
  if (raw_path == "/v1/templates:render") return {R::templates_render, {}, {}, {}};
  if (raw_path == "/v1/templates:check") return {R::templates_check, {}, {}, {}};
  auto segments = split_path(raw_path);
  if (segments.size() < 2 || segments[0] != "v1" || segments[1] != "report-types") return r;
  if (segments.size() == 2) return {R::report_types, {}, {}, {}};
  std::string id;
  if (!decode(segments[2], id)) return r;
  if (segments.size() == 3) return {R::report_type, id, {}, {}};
  if (segments.size() == 4 && segments[3] == "documents") return {R::documents, id, {}, {}};
  if (segments.size() == 4 && segments[3] == "template") return {R::builtin_template, id, {}, {}};
  if (segments.size() < 5 || segments.size() > 6 || segments[3] != "templates") return r;
  std::string agency;
  if (!decode(segments[4], agency)) return r;
  if (segments.size() == 6) return segments[5].empty() ? r : Route{R::agency_version, id, agency, segments[5]};
  const std::string kRollback = ":rollback";
  if (agency.size() > kRollback.size() && agency.compare(agency.size() - kRollback.size(), kRollback.size(), kRollback) == 0)
    return {R::agency_rollback, id, agency.substr(0, agency.size() - kRollback.size()), {}};
  return {R::agency_templates, id, agency, {}};
}

//! A positive version number as written ("3"), or nothing.
std::optional<int> version_number(const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos || text[0] == '0')
    return std::nullopt;
  return std::stoi(text);
}

json version_json(const TemplateVersion& v) {
  return {{"version", v.version},
          {"sha256", v.sha256},
          {"size", v.size},
          {"delimiters", v.delimiters.empty() ? json(nullptr) : json(v.delimiters)},
          {"created", v.created},
          {"current", v.current}};
}

//! One part of a multipart/form-data body.
struct FormPart {
  std::string file_name;  //!< from Content-Disposition; empty for a plain field
  std::string content;
};

std::string path_of(const std::string& uri) {
  std::size_t end = uri.find_first_of("?#");
  return uri.substr(0, end);
}

class ApiRequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  ApiRequestHandler(std::shared_ptr<const PluginRegistry> registry, std::shared_ptr<TemplateStore> store,
                    std::size_t max_body, std::size_t max_upload, Poco::Logger& log)
      : registry_(std::move(registry)),
        store_(std::move(store)),
        max_body_(max_body),
        max_upload_(max_upload),
        limit_(max_body),
        log_(log) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    const std::string path = path_of(request.getURI());
    int status = HTTPResponse::HTTP_INTERNAL_SERVER_ERROR;
    try {
      status = dispatch(request, response, path);
    } catch (const std::exception& e) {
      log_.error(log_safe(request.getMethod(), 20) + " " + log_safe(path) + ": " + log_safe(e.what(), 1000));
      status = internal_error(response);
    } catch (...) {
      log_.error(log_safe(request.getMethod(), 20) + " " + log_safe(path) + ": unknown exception");
      status = internal_error(response);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.2fms", ms);
    log_.information(log_safe(request.getMethod(), 20) + " " + log_safe(path) + " " + std::to_string(status) + " " + duration);
  }

 private:
  int dispatch(HTTPServerRequest& request, HTTPServerResponse& response, const std::string& path) {
    const Route r = route(path);
    const std::string& method = request.getMethod();
    const bool read_only = method == HTTPRequest::HTTP_GET || method == HTTPRequest::HTTP_HEAD;
    switch (r.resource) {
      case Route::Resource::none:
        discard_body(request, response);
        return send_error(response, HTTPResponse::HTTP_NOT_FOUND, "not_found",
                          "Không có tài nguyên " + log_safe(path, 200) + " trên máy chủ này.");
      case Route::Resource::health:
        if (!read_only) return method_not_allowed(request, response, path, "GET, HEAD");
        return send_json(response, HTTPResponse::HTTP_OK,
                         {{"status", "ok"}, {"report_types", registry_->report_types().size()}});
      case Route::Resource::report_types: {
        if (!read_only) return method_not_allowed(request, response, path, "GET, HEAD");
        json list = json::array();
        for (const auto& type : registry_->report_types())
          list.push_back({{"id", type->id}, {"name", type->name}, {"version", type->version}});
        return send_json(response, HTTPResponse::HTTP_OK, {{"report_types", std::move(list)}});
      }
      case Route::Resource::report_type: {
        if (!read_only) return method_not_allowed(request, response, path, "GET, HEAD");
        const ReportType* type = registry_->find(r.id);
        if (!type) return unknown_report_type(request, response, r.id);
        return send_json(response, HTTPResponse::HTTP_OK,
                         {{"id", type->id},
                          {"name", type->name},
                          {"version", type->version},
                          {"schema", type->schema},
                          {"example", type->example}});
      }
      case Route::Resource::documents:
        if (method != HTTPRequest::HTTP_POST) return method_not_allowed(request, response, path, "POST");
        return create_document(request, response, r.id);
      case Route::Resource::builtin_template: {
        if (!read_only) return method_not_allowed(request, response, path, "GET, HEAD");
        const ReportType* type = registry_->find(r.id);
        if (!type) return unknown_report_type(request, response, r.id);
        return send_docx(response, type->template_docx, type->id + ".docx");
      }
      case Route::Resource::agency_templates:
        if (method == HTTPRequest::HTTP_PUT) return upload_template(request, response, r);
        if (!read_only) return method_not_allowed(request, response, path, "GET, HEAD, PUT");
        return list_templates(request, response, r);
      case Route::Resource::agency_rollback:
        if (method != HTTPRequest::HTTP_POST) return method_not_allowed(request, response, path, "POST");
        return rollback_template(request, response, r);
      case Route::Resource::agency_version:
        if (!read_only) return method_not_allowed(request, response, path, "GET, HEAD");
        return download_version(request, response, r);
      case Route::Resource::templates_render:
        if (method != HTTPRequest::HTTP_POST) return method_not_allowed(request, response, path, "POST");
        return render_any_template(request, response);
      case Route::Resource::templates_check:
        if (method != HTTPRequest::HTTP_POST) return method_not_allowed(request, response, path, "POST");
        return check_any_template(request, response);
    }
    return send_error(response, HTTPResponse::HTTP_NOT_FOUND, "not_found", "Không có tài nguyên " + log_safe(path, 200) + ".");
  }

  int create_document(HTTPServerRequest& request, HTTPServerResponse& response, const std::string& id) {
    const ReportType* type = registry_->find(id);
    if (!type) return unknown_report_type(request, response, id);

    // ?agency=hai-an[&template_version=3]: that agency's template instead of the built-in one.
    std::map<std::string, std::string> query;
    if (!query_parameters(request, query)) {
      discard_body(request, response);
      return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "bad_request", "Tham số truy vấn không đọc được.");
    }
    std::shared_ptr<const vanthu::Template> chosen;
    std::string template_label = "built-in";
    if (query.count("template_version") && !query.count("agency")) {
      discard_body(request, response);
      return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "invalid_template_version",
                        "template_version chỉ dùng kèm agency (mẫu của cơ quan nào).");
    }
    if (auto agency = query.find("agency"); agency != query.end()) {
      if (int status = check_agency(request, response, agency->second)) return status;
      std::optional<int> version;
      if (auto v = query.find("template_version"); v != query.end()) {
        version = version_number(v->second);
        if (!version) {
          discard_body(request, response);
          return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "invalid_template_version",
                            "template_version phải là số nguyên dương (ví dụ 3).");
        }
      }
      std::optional<TemplateVersion> stored = store_->find(type->id, agency->second, version);
      if (!stored && version) {
        discard_body(request, response);
        return send_error(response, HTTPResponse::HTTP_NOT_FOUND, "unknown_template_version",
                          "Cơ quan \"" + agency->second + "\" không có mẫu phiên bản " + std::to_string(*version) + " cho loại báo cáo " +
                              type->id + ".");
      }
      if (stored) {
        try {
          chosen = store_->compiled(*stored);
        } catch (const vanthu::TemplateError& e) {
          log_.error("mẫu " + type->id + "/" + stored->agency + "/" + std::to_string(stored->version) +
                     " không còn dịch được (stored template no longer compiles): " + template_issues_text(e.issues()));
          discard_body(request, response);
          return internal_error(response);
        }
        template_label = stored->agency + "/" + std::to_string(stored->version);
      }
    }

    std::string body;
    if (int status = read_json_body(request, response, body,
                                    "Dữ liệu phải gửi với Content-Type: application/json (mã hóa UTF-8)."))
      return status;

    RenderedDocument document = render_document(*type, body, chosen.get(), template_label);
    switch (document.status) {
      case RenderedDocument::Status::ok:
        response.setStatusAndReason(HTTPResponse::HTTP_OK);
        response.set("X-Vanthu-Template", template_label);
        response.setContentType(kDocxMediaType);
        response.set("Content-Disposition", attachment_disposition(document.file_name));
        response.set("Cache-Control", "no-store");
        response.set("X-Content-Type-Options", "nosniff");
        response.sendBuffer(document.docx.data(), document.docx.size());
        return HTTPResponse::HTTP_OK;
      case RenderedDocument::Status::malformed:
        return send_problems(response, HTTPResponse::HTTP_BAD_REQUEST, document.problems);
      case RenderedDocument::Status::invalid_input:
        return send_problems(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, document.problems);
      case RenderedDocument::Status::internal_error:
        log_.error("POST /v1/report-types/" + type->id + "/documents: " + log_safe(document.detail, 4000));
        return internal_error(response);
    }
    return internal_error(response);
  }

  // --- templates -------------------------------------------------------------------------

  //! The query's parameters (last one wins); false when they cannot be decoded.
  static bool query_parameters(const HTTPServerRequest& request, std::map<std::string, std::string>& out) {
    try {
      for (const auto& [name, value] : Poco::URI(request.getURI()).getQueryParameters()) out[name] = value;
      return true;
    } catch (const Poco::Exception&) {
      return false;
    }
  }

  //! 0 when `agency` is a valid agency id, else the 400 already sent.
  int check_agency(HTTPServerRequest& request, HTTPServerResponse& response, const std::string& agency) {
    if (valid_store_id(agency)) return 0;
    discard_body(request, response);
    return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "invalid_agency",
                      "Mã cơ quan \"" + log_safe(agency, 80) +
                          "\" không hợp lệ: chỉ dùng chữ thường a-z, chữ số và dấu gạch ngang, tối đa 64 ký tự (ví dụ hai-an).");
  }

  //! The report type and agency of a template route, or the error already sent (status > 0).
  int template_route(HTTPServerRequest& request, HTTPServerResponse& response, const Route& r, const ReportType*& type) {
    type = registry_->find(r.id);
    if (!type) return unknown_report_type(request, response, r.id);
    return check_agency(request, response, r.agency);
  }

  static bool is_media_type(const HTTPServerRequest& request, const char* type, const char* subtype) {
    if (!request.has(HTTPRequest::CONTENT_TYPE)) return false;
    try {
      return Poco::Net::MediaType(request.getContentType()).matches(type, subtype);
    } catch (const Poco::Exception&) {
      return false;
    }
  }

  //! Reads a multipart/form-data body (at most max_upload_ bytes) into `parts` by field name.
  //! Returns 0, or the error status already sent.
  int read_form(HTTPServerRequest& request, HTTPServerResponse& response, std::map<std::string, FormPart>& parts) {
    std::string boundary;
    try {
      Poco::Net::MediaType type(request.getContentType());
      if (type.matches("multipart", "form-data") && type.hasParameter("boundary")) boundary = type.getParameter("boundary");
    } catch (const Poco::Exception&) {
    }
    if (boundary.empty()) {
      discard_body(request, response);
      return send_error(response, HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                        "Yêu cầu này gửi dạng multipart/form-data (trường \"template\" là tệp DOCX, \"data\" là JSON).");
    }
    std::string body;
    if (int status = read_body(request, response, body, max_upload_)) return status;
    constexpr int kMaxParts = 16;
    try {
      std::istringstream in(body);
      Poco::Net::MultipartReader reader(in, boundary);
      int count = 0;
      while (reader.hasNextPart()) {
        if (++count > kMaxParts) throw Poco::DataFormatException("too many parts");
        Poco::Net::MessageHeader header;
        reader.nextPart(header);
        std::string disposition;
        Poco::Net::NameValueCollection parameters;
        Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, parameters);
        std::string name = parameters.get("name", "");
        FormPart part;
        part.file_name = parameters.get("filename", "");
        std::ostringstream content;
        content << reader.stream().rdbuf();
        part.content = content.str();
        if (name.empty()) continue;
        if (parts.count(name)) {
          return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "bad_request",
                            "Trường \"" + log_safe(name, 60) + "\" gửi hai lần.");
        }
        parts.emplace(std::move(name), std::move(part));
      }
    } catch (const Poco::Exception& e) {
      response.setKeepAlive(false);
      return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "bad_multipart",
                        "Dữ liệu multipart/form-data không đọc được: " + log_safe(e.message(), 200));
    }
    return 0;
  }

  //! Delimiters from a form field or the query ("[[ ]]"); 0, or the 422 already sent.
  int form_delimiters(HTTPServerResponse& response, const std::string& text, std::optional<vanthu::Delimiters>& out) {
    if (text.empty()) return 0;
    std::string why;
    out = vanthu::parse_delimiters(text, &why);
    if (out) return 0;
    vanthu::TemplateIssue issue;
    issue.code = "delimiters";
    issue.message = "Dấu thẻ \"" + log_safe(text, 40) + "\" không dùng được: " + why;
    return send_issues(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, {issue});
  }

  static int send_issues(HTTPServerResponse& response, HTTPResponse::HTTPStatus status,
                         const std::vector<vanthu::TemplateIssue>& issues) {
    return send_json(response, status, issues_body(issues));
  }

  static int send_docx(HTTPServerResponse& response, const std::string& docx, const std::string& file_name) {
    response.setStatusAndReason(HTTPResponse::HTTP_OK);
    response.setContentType(kDocxMediaType);
    response.set("Content-Disposition", attachment_disposition(document_file_name(file_name)));
    response.set("Cache-Control", "no-store");
    response.set("X-Content-Type-Options", "nosniff");
    response.sendBuffer(docx.data(), docx.size());
    return HTTPResponse::HTTP_OK;
  }

  json versions_json(const ReportType& type, const std::string& agency) {
    std::vector<TemplateVersion> versions = store_->versions(type.id, agency);
    json list = json::array();
    json current = nullptr;
    for (const auto& v : versions) {
      if (v.current) current = v.version;
      list.push_back(version_json(v));
    }
    return {{"report_type", type.id}, {"agency", agency}, {"current", current}, {"versions", std::move(list)}};
  }

  int list_templates(HTTPServerRequest& request, HTTPServerResponse& response, const Route& r) {
    const ReportType* type = nullptr;
    if (int status = template_route(request, response, r, type)) return status;
    return send_json(response, HTTPResponse::HTTP_OK, versions_json(*type, r.agency));
  }

  int download_version(HTTPServerRequest& request, HTTPServerResponse& response, const Route& r) {
    const ReportType* type = nullptr;
    if (int status = template_route(request, response, r, type)) return status;
    std::optional<int> number = version_number(r.version);
    std::optional<TemplateVersion> found = number ? store_->find(type->id, r.agency, number) : std::nullopt;
    if (!found) {
      return send_error(response, HTTPResponse::HTTP_NOT_FOUND, "unknown_template_version",
                        "Cơ quan \"" + r.agency + "\" không có mẫu phiên bản \"" + log_safe(r.version, 20) +
                            "\" cho loại báo cáo " + type->id + ".");
    }
    return send_docx(response, store_->content(*found),
                     type->id + "-" + r.agency + "-v" + std::to_string(found->version) + ".docx");
  }

  //! PUT: the body is the DOCX itself, or multipart/form-data with a "template" file (and an
  //! optional "delimiters" field). Every check runs before anything is stored.
  int upload_template(HTTPServerRequest& request, HTTPServerResponse& response, const Route& r) {
    const ReportType* type = nullptr;
    if (int status = template_route(request, response, r, type)) return status;
    std::map<std::string, std::string> query;
    query_parameters(request, query);
    std::string docx, delimiters_text = query.count("delimiters") ? query["delimiters"] : "";
    if (is_media_type(request, "multipart", "form-data")) {
      std::map<std::string, FormPart> parts;
      if (int status = read_form(request, response, parts)) return status;
      if (!parts.count("template"))
        return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "missing_template",
                          "Thiếu trường \"template\" (tệp mẫu DOCX).");
      docx = std::move(parts["template"].content);
      if (parts.count("delimiters")) delimiters_text = parts["delimiters"].content;
    } else if (is_media_type(request, "application", "vnd.openxmlformats-officedocument.wordprocessingml.document") ||
               is_media_type(request, "application", "octet-stream")) {
      if (int status = read_body(request, response, docx, max_upload_)) return status;
    } else {
      discard_body(request, response);
      return send_error(response, HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                        std::string("Gửi mẫu với Content-Type: ") + kDocxMediaType + " hoặc multipart/form-data.");
    }
    std::optional<vanthu::Delimiters> delimiters;
    if (int status = form_delimiters(response, delimiters_text, delimiters)) return status;
    vanthu::TemplateOptions options;
    options.delimiters = delimiters;
    vanthu::PackageLimits limits;
    limits.max_size = max_upload_;
    vanthu::TemplateCheck check = vanthu::check_template(docx, options, template_check_options(type, limits));
    if (!check.issues.empty()) return send_issues(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, check.issues);
    TemplateStore::Added added =
        store_->add(type->id, r.agency, docx, delimiters ? vanthu::delimiters_text(*delimiters) : std::string());
    const std::string location = "/v1/report-types/" + type->id + "/templates/" + r.agency + "/" +
                                 std::to_string(added.version.version);
    response.set("Location", location);
    json body = version_json(added.version);
    body["report_type"] = type->id;
    body["agency"] = r.agency;
    body["new_version"] = added.created;
    body["tags"] = check.tags.size();
    body["warnings"] = issues_body(check.warnings)["errors"];
    return send_json(response, added.created ? HTTPResponse::HTTP_CREATED : HTTPResponse::HTTP_OK, body);
  }

  //! POST {"version": n}: version n becomes current again.
  int rollback_template(HTTPServerRequest& request, HTTPServerResponse& response, const Route& r) {
    const ReportType* type = nullptr;
    if (int status = template_route(request, response, r, type)) return status;
    std::string body;
    if (int status = read_json_body(request, response, body, "Gửi {\"version\": n} với Content-Type: application/json."))
      return status;
    vanthu::InputDocument input = vanthu::read_input(body);
    if (input.malformed) return send_problems(response, HTTPResponse::HTTP_BAD_REQUEST, input.problems);
    if (!input.problems.empty()) return send_problems(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, input.problems);
    const json& value = input.value;
    auto version = value.is_object() ? value.find("version") : value.end();
    if (!value.is_object() || version == value.end() || !version->is_number_integer() || version->get<std::int64_t>() < 1 ||
        version->get<std::int64_t>() > 1000000000) {
      return send_problems(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY,
                           {{"/version", "type", "Cần {\"version\": n} với n là số phiên bản (số nguyên dương)."}});
    }
    const int wanted = static_cast<int>(version->get<std::int64_t>());
    if (!store_->make_current(type->id, r.agency, wanted)) {
      return send_error(response, HTTPResponse::HTTP_NOT_FOUND, "unknown_template_version",
                        "Cơ quan \"" + r.agency + "\" không có mẫu phiên bản " + std::to_string(wanted) + " cho loại báo cáo " +
                            type->id + ".");
    }
    return send_json(response, HTTPResponse::HTTP_OK, versions_json(*type, r.agency));
  }

  //! POST /v1/templates:render — what `vanthu fill` does, over HTTP: any template, any data.
  int render_any_template(HTTPServerRequest& request, HTTPServerResponse& response) {
    std::map<std::string, FormPart> parts;
    if (int status = read_form(request, response, parts)) return status;
    std::map<std::string, std::string> query;
    query_parameters(request, query);
    if (!parts.count("template"))
      return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "missing_template", "Thiếu trường \"template\" (tệp mẫu DOCX).");
    if (!parts.count("data"))
      return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "missing_data", "Thiếu trường \"data\" (dữ liệu JSON).");
    std::optional<vanthu::Delimiters> delimiters;
    std::string delimiters_text = parts.count("delimiters") ? parts["delimiters"].content : query["delimiters"];
    if (int status = form_delimiters(response, delimiters_text, delimiters)) return status;
    const std::string strict_text = parts.count("strict") ? parts["strict"].content : query["strict"];
    const bool strict = strict_text == "1" || strict_text == "true";

    vanthu::InputDocument data = vanthu::read_input(parts["data"].content);
    if (data.malformed) return send_problems(response, HTTPResponse::HTTP_BAD_REQUEST, data.problems);
    if (!data.problems.empty()) return send_problems(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, data.problems);
    if (!data.value.is_object())
      return send_problems(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY,
                           {{"", "type", "Dữ liệu điền mẫu phải là một đối tượng JSON {…}."}});

    vanthu::TemplateOptions options;
    options.delimiters = delimiters;
    vanthu::PackageLimits limits;
    limits.max_size = max_upload_;
    vanthu::TemplateCheck check = vanthu::check_template(parts["template"].content, options, template_check_options(nullptr, limits));
    if (!check.issues.empty() || !check.parsed)
      return send_issues(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, check.issues);
    vanthu::RenderResult rendered;
    try {
      rendered = vanthu::render(*check.parsed, data.value);
    } catch (const vanthu::RenderLimitError& e) {
      return send_problems(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, {{"", "render_limit", e.what()}});
    }
    if (strict && !rendered.missing.empty()) {
      vanthu::Problems problems;
      for (const auto& tag : rendered.missing)
        problems.push_back({"", "missing_value", "Thẻ " + tag + " không có giá trị trong dữ liệu."});
      return send_problems(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, problems);
    }
    // The first 50 tags without a value (a header must stay small), and how many there were.
    json missing = json::array();
    for (std::size_t i = 0; i < rendered.missing.size() && i < 50; ++i) missing.push_back(rendered.missing[i]);
    response.set("X-Vanthu-Missing", missing.dump(-1, ' ', true, json::error_handler_t::replace));
    response.set("X-Vanthu-Missing-Count", std::to_string(rendered.missing.size()));
    std::string name = parts["template"].file_name.empty() ? "van-ban.docx" : parts["template"].file_name;
    return send_docx(response, rendered.docx, name);
  }

  //! POST /v1/templates:check — the report of `vanthu check`, as JSON (200 whether or not the
  //! template has problems: "valid" says).
  int check_any_template(HTTPServerRequest& request, HTTPServerResponse& response) {
    std::map<std::string, FormPart> parts;
    if (int status = read_form(request, response, parts)) return status;
    std::map<std::string, std::string> query;
    query_parameters(request, query);
    if (!parts.count("template"))
      return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "missing_template", "Thiếu trường \"template\" (tệp mẫu DOCX).");
    std::optional<vanthu::Delimiters> delimiters;
    std::string delimiters_text = parts.count("delimiters") ? parts["delimiters"].content : query["delimiters"];
    if (int status = form_delimiters(response, delimiters_text, delimiters)) return status;
    std::string type_id = parts.count("report_type") ? parts["report_type"].content : query["report_type"];
    const ReportType* type = nullptr;
    if (!type_id.empty()) {
      type = registry_->find(type_id);
      if (!type)
        return send_error(response, HTTPResponse::HTTP_NOT_FOUND, "unknown_report_type",
                          "Không có loại báo cáo \"" + log_safe(type_id, 100) + "\". Xem danh sách tại /v1/report-types.");
    }
    vanthu::TemplateOptions options;
    options.delimiters = delimiters;
    vanthu::PackageLimits limits;
    limits.max_size = max_upload_;
    vanthu::TemplateCheck check = vanthu::check_template(parts["template"].content, options, template_check_options(type, limits));
    return send_json(response, HTTPResponse::HTTP_OK, check_report_json(check, type));
  }

  //! A JSON body: 415 with `how_to_send` (the body dropped) unless the Content-Type says JSON,
  //! then read_body. Returns 0 when the body is there, or the error status already sent.
  int read_json_body(HTTPServerRequest& request, HTTPServerResponse& response, std::string& body, const std::string& how_to_send) {
    if (!is_json_content_type(request)) {
      discard_body(request, response);
      return send_error(response, HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", how_to_send);
    }
    return read_body(request, response, body);
  }

  //! Reads the whole body into `body`, never more than the limit + 1 bytes (max_body_, or
  //! `limit` when given). Returns 0 when the body is there, or the error status already sent.
  int read_body(HTTPServerRequest& request, HTTPServerResponse& response, std::string& body, std::size_t limit = 0) {
    limit_ = limit ? limit : max_body_;
    const bool chunked = request.getChunkedTransferEncoding();
    std::optional<std::uint64_t> declared;
    if (!chunked) {
      if (!request.hasContentLength()) {
        response.setKeepAlive(false);
        return send_error(response, HTTPResponse::HTTP_LENGTH_REQUIRED, "length_required",
                          "Yêu cầu phải có Content-Length hoặc Transfer-Encoding: chunked.");
      }
      Poco::Int64 length = -1;
      try {
        length = request.getContentLength64();
      } catch (const Poco::Exception&) {
      }
      if (length < 0) {
        response.setKeepAlive(false);
        return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "bad_request", "Content-Length không hợp lệ.");
      }
      declared = static_cast<std::uint64_t>(length);
      if (*declared > limit_) return body_too_large(request, response);
    }
    // Poco's chunked decoder takes a malformed chunk header for the end of the body, and what
    // follows would be read as the next request on this connection: never reuse it.
    if (chunked) response.setKeepAlive(false);
    // The client waits for "100 Continue" before sending the body only when we want it.
    if (request.getExpectContinue()) response.sendContinue();

    std::istream& in = request.stream();
    in.exceptions(std::ios::badbit);  // socket errors and timeouts surface as exceptions
    const std::size_t cap = limit_ + 1;
    body.reserve(std::min<std::size_t>(declared.value_or(64 * 1024), cap));
    char buffer[64 * 1024];
    try {
      while (body.size() < cap) {
        in.read(buffer, static_cast<std::streamsize>(std::min(sizeof buffer, cap - body.size())));
        std::streamsize got = in.gcount();
        if (got <= 0) break;
        body.append(buffer, static_cast<std::size_t>(got));
      }
    } catch (const Poco::TimeoutException&) {
      response.setKeepAlive(false);
      return send_error(response, HTTPResponse::HTTP_REQUEST_TIMEOUT, "request_timeout",
                        "Máy chủ chờ quá lâu mà chưa nhận đủ dữ liệu gửi lên.");
    } catch (const Poco::Net::MessageException& e) {
      response.setKeepAlive(false);
      return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "bad_request",
                        std::string("Dữ liệu gửi lên sai định dạng HTTP: ") + e.message());
    }
    if (body.size() > limit_) return body_too_large(request, response);
    if (declared && body.size() < *declared) {
      response.setKeepAlive(false);
      return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "incomplete_body",
                        "Dữ liệu gửi lên bị ngắt giữa chừng (nhận " + std::to_string(body.size()) + " trên " +
                            std::to_string(*declared) + " byte).");
    }
    return 0;
  }

  //! Reads and drops a small unwanted body so the connection can serve the next request; a
  //! body over the limit is left unread and the connection is closed after the response.
  void discard_body(HTTPServerRequest& request, HTTPServerResponse& response) {
    const bool chunked = request.getChunkedTransferEncoding();
    // Without Content-Length or chunked coding a request has no body (RFC 9112, 6.3).
    if (!chunked && !request.hasContentLength()) return;
    if (!chunked) {
      Poco::Int64 length = -1;
      try {
        length = request.getContentLength64();
      } catch (const Poco::Exception&) {
      }
      if (length == 0) return;
      if (length < 0 || length > static_cast<Poco::Int64>(max_body_)) {
        response.setKeepAlive(false);
        return;
      }
    }
    if (chunked || request.getExpectContinue()) {
      // Not sent yet (Expect) or of a length we cannot trust (see read_body): close instead.
      response.setKeepAlive(false);
      return;
    }
    try {
      std::istream& in = request.stream();
      in.exceptions(std::ios::badbit);
      char buffer[16 * 1024];
      std::size_t total = 0;
      while (total <= max_body_) {
        in.read(buffer, sizeof buffer);
        std::streamsize got = in.gcount();
        if (got <= 0) return;
        total += static_cast<std::size_t>(got);
      }
    } catch (const std::exception&) {
    }
    response.setKeepAlive(false);
  }

  int method_not_allowed(HTTPServerRequest& request, HTTPServerResponse& response, const std::string& path,
                         const std::string& allow) {
    discard_body(request, response);
    response.set("Allow", allow);
    return send_error(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                      "Phương thức " + log_safe(request.getMethod(), 20) + " không dùng được với " + log_safe(path, 200) +
                          "; hãy dùng " + allow + ".");
  }

  int unknown_report_type(HTTPServerRequest& request, HTTPServerResponse& response, const std::string& id) {
    discard_body(request, response);
    return send_error(response, HTTPResponse::HTTP_NOT_FOUND, "unknown_report_type",
                      "Không có loại báo cáo \"" + log_safe(id, 100) + "\". Xem danh sách tại /v1/report-types.");
  }

  //! 413. A client that sent its whole body before reading (most do) must still get the answer:
  //! closing a socket with unread bytes makes the kernel reset the connection, and the reset can
  //! destroy the response in flight. So a body up to kDrainLimit past the limit is read and
  //! dropped first (bounded by the server's receive timeout); a larger one, or one the client
  //! holds back for "100 Continue", is never read and the connection is closed.
  int body_too_large(HTTPServerRequest& request, HTTPServerResponse& response) {
    constexpr std::uint64_t kDrainLimit = 16ull << 20;
    response.setKeepAlive(false);
    bool drain = !request.getExpectContinue();
    if (drain && !request.getChunkedTransferEncoding() && request.hasContentLength()) {
      Poco::Int64 length = -1;
      try {
        length = request.getContentLength64();
      } catch (const Poco::Exception&) {
      }
      drain = length >= 0 && static_cast<std::uint64_t>(length) <= limit_ + kDrainLimit;
    }
    if (drain) {
      try {
        std::istream& in = request.stream();
        in.exceptions(std::ios::badbit);
        char buffer[64 * 1024];
        for (std::uint64_t total = 0; total <= limit_ + kDrainLimit;) {
          in.read(buffer, sizeof buffer);
          std::streamsize got = in.gcount();
          if (got <= 0) break;
          total += static_cast<std::uint64_t>(got);
        }
      } catch (const std::exception&) {  // a timeout or a broken body: answer all the same
      }
    }
    return send_error(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                      "Dữ liệu gửi lên vượt quá giới hạn " + std::to_string(limit_) + " byte.");
  }

  int internal_error(HTTPServerResponse& response) {
    if (response.sent()) return HTTPResponse::HTTP_INTERNAL_SERVER_ERROR;
    try {
      response.setKeepAlive(false);
      return send_error(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal_error", kInternalErrorMessage);
    } catch (...) {
      return HTTPResponse::HTTP_INTERNAL_SERVER_ERROR;
    }
  }

  static bool is_json_content_type(const HTTPServerRequest& request) {
    if (!request.has(HTTPRequest::CONTENT_TYPE)) return false;
    try {
      Poco::Net::MediaType type(request.getContentType());
      if (!type.matches("application", "json")) return false;
      if (type.hasParameter("charset")) {
        std::string charset = Poco::toLower(type.getParameter("charset"));
        if (charset != "utf-8" && charset != "utf8") return false;
      }
      return true;
    } catch (const Poco::Exception&) {
      return false;
    }
  }

  static int send_json(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const json& body) {
    const std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
    response.setStatusAndReason(status);
    response.setContentType(kJsonMediaType);
    response.set("Cache-Control", "no-store");
    response.sendBuffer(text.data(), text.size());
    return status;
  }

  static int send_problems(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const vanthu::Problems& problems) {
    return send_json(response, status, vanthu::errors_body(problems));
  }

  static int send_error(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& code,
                        const std::string& message) {
    return send_problems(response, status, {vanthu::Problem{"", code, message}});
  }

  std::shared_ptr<const PluginRegistry> registry_;
  std::shared_ptr<TemplateStore> store_;
  std::size_t max_body_;
  std::size_t max_upload_;
  std::size_t limit_;  //!< the body limit of the request being handled (max_body_ or max_upload_)
  Poco::Logger& log_;
};

}  // namespace

ApiRequestHandlerFactory::ApiRequestHandlerFactory(std::shared_ptr<const PluginRegistry> registry,
                                                   std::shared_ptr<TemplateStore> store, const HttpSettings& settings,
                                                   Poco::Logger& log)
    : registry_(std::move(registry)),
      store_(std::move(store)),
      max_body_(settings.max_body),
      max_upload_(settings.max_upload),
      log_(log) {}

Poco::Net::HTTPRequestHandler* ApiRequestHandlerFactory::createRequestHandler(const HTTPServerRequest& request) {
  // Poco answers "Expect: 100-continue" on its own while the response status is 200; the
  // handler decides instead (no "100 Continue" for a body it will refuse unread).
  if (request.getExpectContinue()) request.response().setStatus(HTTPResponse::HTTP_EXPECTATION_FAILED);
  return new ApiRequestHandler(registry_, store_, max_body_, max_upload_, log_);
}

HttpService::HttpService(std::shared_ptr<const PluginRegistry> registry, HttpSettings settings, Poco::Logger& log)
    : registry_(std::move(registry)),
      settings_(std::move(settings)),
      log_(log),
      store_(std::make_shared<TemplateStore>(settings_.data_dir)) {}

HttpService::~HttpService() {
  try {
    stop();
  } catch (...) {
  }
}

void HttpService::start() {
  // SO_REUSEADDR for quick restarts, never SO_REUSEPORT: a second server on a busy port must
  // fail to start, not silently share the port with the first.
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress(settings_.host, static_cast<Poco::UInt16>(settings_.port)), true, false);
  socket.listen(64);
  port_ = socket.address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(settings_.threads);
  params->setMaxQueued(64);
  params->setTimeout(Poco::Timespan(30, 0));  // a client that stops sending is dropped
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setMaxKeepAliveRequests(100);
  params->setSoftwareVersion("vanthu/" VANTHU_VERSION);
  pool_ = std::make_unique<Poco::ThreadPool>(std::min(2, settings_.threads), settings_.threads);
  server_ = std::make_unique<Poco::Net::HTTPServer>(
      new ApiRequestHandlerFactory(registry_, store_, settings_, log_), *pool_, socket, params);
  server_->start();
}

int HttpService::port() const { return port_; }

void HttpService::stop() {
  if (!server_) return;
  // Stops accepting; each connection finishes the request it is handling, idle keep-alive
  // connections are shut down.
  server_->stopAll(false);
  pool_->joinAll();
  server_.reset();
  pool_.reset();
}

}  // namespace vanthu::host
