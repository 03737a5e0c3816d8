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
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include "file_name.hpp"
#include "messages.hpp"
#include "render_pipeline.hpp"
#include "template_report.hpp"
#include "usecases/choose_template.hpp"
#include "usecases/fill_template.hpp"
#include "vanthu/input.hpp"
#include "vanthu/problem.hpp"

namespace vanthu::host {
namespace {

using http::Request;
using http::Response;
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

bool is_read_only(const std::string& method) { return method == "GET" || method == "HEAD"; }

Response json_response(int status, const json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.set("Content-Type", kJsonMediaType);
  r.set("Cache-Control", "no-store");
  r.set("X-Content-Type-Options", "nosniff");
  return r;
}

Response problems_response(int status, const vanthu::Problems& problems) {
  return json_response(status, vanthu::errors_body(problems));
}

Response error_response(int status, const std::string& code, const std::string& message) {
  return problems_response(status, {vanthu::Problem{"", code, message}});
}

Response issues_response(int status, const std::vector<vanthu::TemplateIssue>& issues) {
  return json_response(status, issues_body(issues));
}

Response docx_response(std::string docx, const std::string& file_name) {
  Response r;
  r.body = std::move(docx);
  r.set("Content-Type", kDocxMediaType);
  r.set("Content-Disposition", attachment_disposition(file_name));
  r.set("Cache-Control", "no-store");
  r.set("X-Content-Type-Options", "nosniff");
  return r;
}

Response internal_error() {
  Response r = error_response(500, "internal_error", kInternalErrorMessage);
  r.close = true;
  return r;
}

bool has_media_type(const Request& request, const char* type, const char* subtype) {
  const std::string* value = request.header("content-type");
  if (!value) return false;
  try {
    return Poco::Net::MediaType(*value).matches(type, subtype);
  } catch (const Poco::Exception&) {
    return false;
  }
}

bool is_json_content_type(const Request& request) {
  const std::string* value = request.header("content-type");
  if (!value) return false;
  try {
    Poco::Net::MediaType type(*value);
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

//! The query's parameters (last one wins); false when they cannot be decoded.
bool query_parameters(const Request& request, std::map<std::string, std::string>& out) {
  try {
    for (const auto& [name, value] : Poco::URI(request.target).getQueryParameters()) out[name] = value;
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

//! The API behind the front end (http/server.hpp): every request arrives whole, its body read
//! exactly as framed and within body_limit(), so no route has a body left to read or drop.
class ApiHandler : public http::Handler {
 public:
  ApiHandler(std::shared_ptr<const PluginRegistry> registry, std::shared_ptr<TemplateStore> store, std::size_t max_body,
             std::size_t max_upload, Poco::Logger& log)
      : registry_(std::move(registry)), store_(std::move(store)), max_body_(max_body), max_upload_(max_upload), log_(log) {}

  std::size_t body_limit(const Request& head) const override {
    switch (route(head.path).resource) {
      case Route::Resource::agency_templates:
      case Route::Resource::templates_render:
      case Route::Resource::templates_check:
        return std::max(max_body_, max_upload_);
      default:
        return max_body_;
    }
  }

  Response handle(Request& request) override {
    const auto started = std::chrono::steady_clock::now();
    Response response;
    try {
      response = dispatch(request);
    } catch (const std::exception& e) {
      log_.error(log_safe(request.method, 20) + " " + log_safe(request.path) + ": " + log_safe(e.what(), 1000));
      response = internal_error();
    } catch (...) {
      log_.error(log_safe(request.method, 20) + " " + log_safe(request.path) + ": unknown exception");
      response = internal_error();
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.2fms", ms);
    log_.information(log_safe(request.method, 20) + " " + log_safe(request.path) + " " + std::to_string(response.status) + " " +
                     duration);
    return response;
  }

  Response error(int status, const std::string& code, const std::string& message) const override {
    return error_response(status, code, message);
  }

  void log_refused(const std::string& peer, const std::string& what, int status) const override {
    log_.information(log_safe(what, 240) + " " + std::to_string(status) + " (từ chối trước khi xử lý, refused by the front end; " +
                     log_safe(peer, 60) + ")");
  }

 private:
  Response dispatch(Request& request) {
    const std::string& path = request.path;
    const Route r = route(path);
    const std::string& method = request.method;
    const bool read_only = is_read_only(method);
    switch (r.resource) {
      case Route::Resource::none:
        return error_response(404, "not_found", "Không có tài nguyên " + log_safe(path, 200) + " trên máy chủ này.");
      case Route::Resource::health:
        if (!read_only) return method_not_allowed(request, "GET, HEAD");
        return json_response(200, {{"status", "ok"}, {"report_types", registry_->report_types().size()}});
      case Route::Resource::report_types: {
        if (!read_only) return method_not_allowed(request, "GET, HEAD");
        json list = json::array();
        for (const auto& type : registry_->report_types())
          list.push_back({{"id", type->id}, {"name", type->name}, {"version", type->version}});
        return json_response(200, {{"report_types", std::move(list)}});
      }
      case Route::Resource::report_type: {
        if (!read_only) return method_not_allowed(request, "GET, HEAD");
        const ReportType* type = registry_->find(r.id);
        if (!type) return unknown_report_type(r.id);
        return json_response(200, {{"id", type->id},
                                   {"name", type->name},
                                   {"version", type->version},
                                   {"schema", type->schema},
                                   {"example", type->example}});
      }
      case Route::Resource::documents:
        if (method != "POST") return method_not_allowed(request, "POST");
        return create_document(request, r.id);
      case Route::Resource::builtin_template: {
        if (!read_only) return method_not_allowed(request, "GET, HEAD");
        const ReportType* type = registry_->find(r.id);
        if (!type) return unknown_report_type(r.id);
        return docx_response(type->template_docx, document_file_name(type->id + ".docx"));
      }
      case Route::Resource::agency_templates:
        if (method == "PUT") return upload_template(request, r);
        if (!read_only) return method_not_allowed(request, "GET, HEAD, PUT");
        return list_templates(r);
      case Route::Resource::agency_rollback:
        if (method != "POST") return method_not_allowed(request, "POST");
        return rollback_template(request, r);
      case Route::Resource::agency_version:
        if (!read_only) return method_not_allowed(request, "GET, HEAD");
        return download_version(r);
      case Route::Resource::templates_render:
        if (method != "POST") return method_not_allowed(request, "POST");
        return render_any_template(request);
      case Route::Resource::templates_check:
        if (method != "POST") return method_not_allowed(request, "POST");
        return check_any_template(request);
    }
    return error_response(404, "not_found", "Không có tài nguyên " + log_safe(path, 200) + ".");
  }

  Response create_document(Request& request, const std::string& id) {
    const ReportType* type = registry_->find(id);
    if (!type) return unknown_report_type(id);

    // ?agency=hai-an[&template_version=3]: that agency's template instead of the built-in one.
    std::map<std::string, std::string> query;
    if (!query_parameters(request, query)) return error_response(400, "bad_request", "Tham số truy vấn không đọc được.");
    std::shared_ptr<const vanthu::Template> chosen;
    std::string template_label = "built-in";
    if (query.count("template_version") && !query.count("agency"))
      return error_response(400, "invalid_template_version", "template_version chỉ dùng kèm agency (mẫu của cơ quan nào).");
    if (auto agency = query.find("agency"); agency != query.end()) {
      std::optional<int> version;
      if (auto v = query.find("template_version"); v != query.end()) {
        version = version_number(v->second);
        if (!version)
          return error_response(400, "invalid_template_version", "template_version phải là số nguyên dương (ví dụ 3).");
      }
      TemplateChoice picked = choose_template(*store_, *type, agency->second, version);
      switch (picked.status) {
        case TemplateChoice::Status::ok:
          break;
        case TemplateChoice::Status::invalid_agency:
          return error_response(400, "invalid_agency", picked.message);
        case TemplateChoice::Status::unknown_version:
          return error_response(404, "unknown_template_version", picked.message);
        case TemplateChoice::Status::unusable:
          log_.error(picked.detail);
          return internal_error();
      }
      chosen = picked.tpl;
      template_label = picked.label;
    }

    if (auto refused = json_body(request, "Dữ liệu phải gửi với Content-Type: application/json (mã hóa UTF-8).")) return std::move(*refused);

    RenderedDocument document = render_document(*type, request.body, chosen.get(), template_label);
    switch (document.status) {
      case RenderedDocument::Status::ok: {
        Response r = docx_response(std::move(document.docx), document.file_name);
        r.set("X-Vanthu-Template", template_label);
        return r;
      }
      case RenderedDocument::Status::malformed:
        return problems_response(400, document.problems);
      case RenderedDocument::Status::invalid_input:
        return problems_response(422, document.problems);
      case RenderedDocument::Status::internal_error:
        log_.error("POST /v1/report-types/" + type->id + "/documents: " + log_safe(document.detail, 4000));
        return internal_error();
    }
    return internal_error();
  }

  // --- templates -------------------------------------------------------------------------

  //! The 400 for an agency id that is not valid, or nothing.
  static std::optional<Response> check_agency(const std::string& agency) {
    if (valid_store_id(agency)) return std::nullopt;
    return error_response(400, "invalid_agency",
                          "Mã cơ quan \"" + log_safe(agency, 80) +
                              "\" không hợp lệ: chỉ dùng chữ thường a-z, chữ số và dấu gạch ngang, tối đa 64 ký tự (ví dụ hai-an).");
  }

  //! The report type and agency of a template route, or the error to answer.
  std::optional<Response> template_route(const Route& r, const ReportType*& type) {
    type = registry_->find(r.id);
    if (!type) return unknown_report_type(r.id);
    return check_agency(r.agency);
  }

  //! 411 for a request that says nothing of its body's length (RFC 9112: it has none).
  static std::optional<Response> framed_body(const Request& request) {
    if (request.has_body_framing) return std::nullopt;
    Response r = error_response(411, "length_required", "Yêu cầu phải có Content-Length hoặc Transfer-Encoding: chunked.");
    r.close = true;
    return r;
  }

  //! 415 with `how_to_send` unless the Content-Type says JSON; then framed_body.
  static std::optional<Response> json_body(const Request& request, const std::string& how_to_send) {
    if (!is_json_content_type(request)) return error_response(415, "unsupported_media_type", how_to_send);
    return framed_body(request);
  }

  //! Reads a multipart/form-data body into `parts` by field name, or gives the error to answer.
  std::optional<Response> read_form(const Request& request, std::map<std::string, FormPart>& parts) {
    std::string boundary;
    try {
      Poco::Net::MediaType type(request.header_or("content-type"));
      if (type.matches("multipart", "form-data") && type.hasParameter("boundary")) boundary = type.getParameter("boundary");
    } catch (const Poco::Exception&) {
    }
    if (boundary.empty())
      return error_response(415, "unsupported_media_type",
                            "Yêu cầu này gửi dạng multipart/form-data (trường \"template\" là tệp DOCX, \"data\" là JSON).");
    if (auto refused = framed_body(request)) return refused;
    if (request.body.size() > max_upload_)
      return error_response(413, "body_too_large", "Dữ liệu gửi lên vượt quá giới hạn " + std::to_string(max_upload_) + " byte.");
    constexpr int kMaxParts = 16;
    try {
      std::istringstream in(request.body);
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
        if (parts.count(name))
          return error_response(400, "bad_request", "Trường \"" + log_safe(name, 60) + "\" gửi hai lần.");
        parts.emplace(std::move(name), std::move(part));
      }
    } catch (const Poco::Exception& e) {
      return error_response(400, "bad_multipart", "Dữ liệu multipart/form-data không đọc được: " + log_safe(e.message(), 200));
    }
    return std::nullopt;
  }

  //! Delimiters from a form field or the query ("[[ ]]"), or the 422 to answer.
  static std::optional<Response> form_delimiters(const std::string& text, std::optional<vanthu::Delimiters>& out) {
    if (text.empty()) return std::nullopt;
    std::string why;
    out = vanthu::parse_delimiters(text, &why);
    if (out) return std::nullopt;
    vanthu::TemplateIssue issue;
    issue.code = "delimiters";
    issue.message = "Dấu thẻ \"" + log_safe(text, 40) + "\" không dùng được: " + why;
    return issues_response(422, {issue});
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

  Response list_templates(const Route& r) {
    const ReportType* type = nullptr;
    if (auto refused = template_route(r, type)) return std::move(*refused);
    return json_response(200, versions_json(*type, r.agency));
  }

  Response download_version(const Route& r) {
    const ReportType* type = nullptr;
    if (auto refused = template_route(r, type)) return std::move(*refused);
    std::optional<int> number = version_number(r.version);
    std::optional<TemplateVersion> found = number ? store_->find(type->id, r.agency, number) : std::nullopt;
    if (!found) {
      return error_response(404, "unknown_template_version",
                            "Cơ quan \"" + r.agency + "\" không có mẫu phiên bản \"" + log_safe(r.version, 20) +
                                "\" cho loại báo cáo " + type->id + ".");
    }
    return docx_response(store_->content(*found),
                         document_file_name(type->id + "-" + r.agency + "-v" + std::to_string(found->version) + ".docx"));
  }

  //! PUT: the body is the DOCX itself, or multipart/form-data with a "template" file (and an
  //! optional "delimiters" field). Every check runs before anything is stored.
  Response upload_template(Request& request, const Route& r) {
    const ReportType* type = nullptr;
    if (auto refused = template_route(r, type)) return std::move(*refused);
    std::map<std::string, std::string> query;
    query_parameters(request, query);
    std::string docx, delimiters_text = query.count("delimiters") ? query["delimiters"] : "";
    if (has_media_type(request, "multipart", "form-data")) {
      std::map<std::string, FormPart> parts;
      if (auto refused = read_form(request, parts)) return std::move(*refused);
      if (!parts.count("template")) return error_response(400, "missing_template", "Thiếu trường \"template\" (tệp mẫu DOCX).");
      docx = std::move(parts["template"].content);
      if (parts.count("delimiters")) delimiters_text = parts["delimiters"].content;
    } else if (has_media_type(request, "application", "vnd.openxmlformats-officedocument.wordprocessingml.document") ||
               has_media_type(request, "application", "octet-stream")) {
      if (auto refused = framed_body(request)) return std::move(*refused);
      if (request.body.size() > max_upload_)
        return error_response(413, "body_too_large", "Dữ liệu gửi lên vượt quá giới hạn " + std::to_string(max_upload_) + " byte.");
      docx = std::move(request.body);
    } else {
      return error_response(415, "unsupported_media_type",
                            std::string("Gửi mẫu với Content-Type: ") + kDocxMediaType + " hoặc multipart/form-data.");
    }
    std::optional<vanthu::Delimiters> delimiters;
    if (auto refused = form_delimiters(delimiters_text, delimiters)) return std::move(*refused);
    vanthu::TemplateOptions options;
    options.delimiters = delimiters;
    vanthu::PackageLimits limits;
    limits.max_size = max_upload_;
    vanthu::TemplateCheck check = vanthu::check_template(docx, options, template_check_options(type, limits));
    if (!check.issues.empty()) return issues_response(422, check.issues);
    TemplateStore::Added added =
        store_->add(type->id, r.agency, docx, delimiters ? vanthu::delimiters_text(*delimiters) : std::string());
    const std::string location = "/v1/report-types/" + type->id + "/templates/" + r.agency + "/" +
                                 std::to_string(added.version.version);
    json body = version_json(added.version);
    body["report_type"] = type->id;
    body["agency"] = r.agency;
    body["new_version"] = added.created;
    body["tags"] = check.tags.size();
    body["warnings"] = issues_body(check.warnings)["errors"];
    Response response = json_response(added.created ? 201 : 200, body);
    response.set("Location", location);
    return response;
  }

  //! POST {"version": n}: version n becomes current again.
  Response rollback_template(Request& request, const Route& r) {
    const ReportType* type = nullptr;
    if (auto refused = template_route(r, type)) return std::move(*refused);
    if (auto refused = json_body(request, "Gửi {\"version\": n} với Content-Type: application/json.")) return std::move(*refused);
    vanthu::InputDocument input = vanthu::read_input(request.body);
    if (input.malformed) return problems_response(400, input.problems);
    if (!input.problems.empty()) return problems_response(422, input.problems);
    const json& value = input.value;
    auto version = value.is_object() ? value.find("version") : value.end();
    if (!value.is_object() || version == value.end() || !version->is_number_integer() || version->get<std::int64_t>() < 1 ||
        version->get<std::int64_t>() > 1000000000) {
      return problems_response(422, {{"/version", "type", "Cần {\"version\": n} với n là số phiên bản (số nguyên dương)."}});
    }
    const int wanted = static_cast<int>(version->get<std::int64_t>());
    if (!store_->make_current(type->id, r.agency, wanted)) {
      return error_response(404, "unknown_template_version",
                            "Cơ quan \"" + r.agency + "\" không có mẫu phiên bản " + std::to_string(wanted) + " cho loại báo cáo " +
                                type->id + ".");
    }
    return json_response(200, versions_json(*type, r.agency));
  }

  //! POST /v1/templates:render — what `vanthu fill` does, over HTTP: any template, any data.
  Response render_any_template(Request& request) {
    std::map<std::string, FormPart> parts;
    if (auto refused = read_form(request, parts)) return std::move(*refused);
    std::map<std::string, std::string> query;
    query_parameters(request, query);
    if (!parts.count("template")) return error_response(400, "missing_template", "Thiếu trường \"template\" (tệp mẫu DOCX).");
    if (!parts.count("data")) return error_response(400, "missing_data", "Thiếu trường \"data\" (dữ liệu JSON).");
    std::optional<vanthu::Delimiters> delimiters;
    std::string delimiters_text = parts.count("delimiters") ? parts["delimiters"].content : query["delimiters"];
    if (auto refused = form_delimiters(delimiters_text, delimiters)) return std::move(*refused);
    const std::string strict_text = parts.count("strict") ? parts["strict"].content : query["strict"];
    const bool strict = strict_text == "1" || strict_text == "true";

    FillOutcome filled = fill_template({.template_docx = parts["template"].content,
                                        .data_json = parts["data"].content,
                                        .delimiters = delimiters,
                                        .strict = strict,
                                        .max_template_size = max_upload_});
    using Status = FillOutcome::Status;
    switch (filled.status) {
      case Status::ok:
        break;
      case Status::bad_template:
      case Status::refused_value:  // a {@x} value holding remote fields, relationships, objects
        return issues_response(422, filled.issues);
      case Status::malformed_data:
        return problems_response(400, filled.problems);
      case Status::invalid_data:
      case Status::render_limit:
      case Status::missing_values:
        return problems_response(422, filled.problems);
    }
    const std::vector<std::string>& missing_tags = filled.missing;
    // The first 50 tags without a value (a header must stay small), and how many there were.
    json missing = json::array();
    for (std::size_t i = 0; i < missing_tags.size() && i < 50; ++i) missing.push_back(missing_tags[i]);
    std::string name = parts["template"].file_name.empty() ? "van-ban.docx" : parts["template"].file_name;
    Response response = docx_response(std::move(filled.docx), document_file_name(name));
    response.set("X-Vanthu-Missing", missing.dump(-1, ' ', true, json::error_handler_t::replace));
    response.set("X-Vanthu-Missing-Count", std::to_string(missing_tags.size()));
    return response;
  }

  //! POST /v1/templates:check — the report of `vanthu check`, as JSON (200 whether or not the
  //! template has problems: "valid" says).
  Response check_any_template(Request& request) {
    std::map<std::string, FormPart> parts;
    if (auto refused = read_form(request, parts)) return std::move(*refused);
    std::map<std::string, std::string> query;
    query_parameters(request, query);
    if (!parts.count("template")) return error_response(400, "missing_template", "Thiếu trường \"template\" (tệp mẫu DOCX).");
    std::optional<vanthu::Delimiters> delimiters;
    std::string delimiters_text = parts.count("delimiters") ? parts["delimiters"].content : query["delimiters"];
    if (auto refused = form_delimiters(delimiters_text, delimiters)) return std::move(*refused);
    std::string type_id = parts.count("report_type") ? parts["report_type"].content : query["report_type"];
    const ReportType* type = nullptr;
    if (!type_id.empty()) {
      type = registry_->find(type_id);
      if (!type)
        return error_response(404, "unknown_report_type",
                              "Không có loại báo cáo \"" + log_safe(type_id, 100) + "\". Xem danh sách tại /v1/report-types.");
    }
    vanthu::TemplateOptions options;
    options.delimiters = delimiters;
    vanthu::PackageLimits limits;
    limits.max_size = max_upload_;
    vanthu::TemplateCheck check = vanthu::check_template(parts["template"].content, options, template_check_options(type, limits));
    return json_response(200, check_report_json(check, type));
  }

  static Response method_not_allowed(const Request& request, const std::string& allow) {
    Response r = error_response(405, "method_not_allowed",
                                "Phương thức " + log_safe(request.method, 20) + " không dùng được với " + log_safe(request.path, 200) +
                                    "; hãy dùng " + allow + ".");
    r.set("Allow", allow);
    return r;
  }

  static Response unknown_report_type(const std::string& id) {
    return error_response(404, "unknown_report_type",
                          "Không có loại báo cáo \"" + log_safe(id, 100) + "\". Xem danh sách tại /v1/report-types.");
  }

  std::shared_ptr<const PluginRegistry> registry_;
  std::shared_ptr<TemplateStore> store_;
  std::size_t max_body_;
  std::size_t max_upload_;
  Poco::Logger& log_;
};

}  // namespace

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
  http::ServerSettings server;
  server.host = settings_.host;
  server.port = settings_.port;
  server.workers = settings_.threads;
  server.max_connections = settings_.max_connections;
  server.allowed_hosts = settings_.allowed_hosts;
  server.head_timeout = std::chrono::milliseconds(settings_.head_timeout_ms);
  server.body_timeout = std::chrono::milliseconds(settings_.body_timeout_ms);
  server.idle_timeout = std::chrono::milliseconds(settings_.idle_timeout_ms);
  auto handler = std::make_shared<ApiHandler>(registry_, store_, settings_.max_body, settings_.max_upload, log_);
  server_ = std::make_unique<http::Server>(server, handler, log_);
  server_->start();
}

int HttpService::port() const { return server_ ? server_->port() : 0; }

void HttpService::stop() {
  if (!server_) return;
  server_->stop();
  server_.reset();
}

}  // namespace vanthu::host
