#include "http/handlers/handlers.hpp"

#include <map>
#include <optional>

#include "http/multipart.hpp"
#include "http/responses.hpp"
#include "file_name.hpp"
#include "messages.hpp"
#include "template_report.hpp"
#include "usecases/choose_template.hpp"
#include "vanthu/input.hpp"

namespace vanthu::host::http {
namespace {

using json = nlohmann::json;

json version_json(const TemplateVersion& v) {
  return {{"version", v.version},
          {"sha256", v.sha256},
          {"size", v.size},
          {"delimiters", v.delimiters.empty() ? json(nullptr) : json(v.delimiters)},
          {"created", v.created},
          {"current", v.current}};
}

//! The 400 for an agency id that is not valid, or nothing.
std::optional<Response> check_agency(const std::string& agency) {
  if (auto problem = agency_id_problem(agency)) return error_response(400, "invalid_agency", *problem);
  return std::nullopt;
}

//! The report type and agency of a template route, or the error to answer.
std::optional<Response> template_route(const ApiContext& ctx, const Route& r, const ReportType*& type) {
  type = ctx.registry->find(r.id);
  if (!type) return unknown_report_type(r.id);
  return check_agency(r.agency);
}

json versions_json(const ApiContext& ctx, const ReportType& type, const std::string& agency) {
  std::vector<TemplateVersion> versions = ctx.store->versions(type.id, agency);
  json list = json::array();
  json current = nullptr;
  for (const auto& v : versions) {
    if (v.current) current = v.version;
    list.push_back(version_json(v));
  }
  return {{"report_type", type.id}, {"agency", agency}, {"current", current}, {"versions", std::move(list)}};
}

}  // namespace

Response list_templates(const ApiContext& ctx, const Route& r) {
  const ReportType* type = nullptr;
  if (auto refused = template_route(ctx, r, type)) return std::move(*refused);
  return json_response(200, versions_json(ctx, *type, r.agency));
}

Response download_version(const ApiContext& ctx, const Route& r) {
  const ReportType* type = nullptr;
  if (auto refused = template_route(ctx, r, type)) return std::move(*refused);
  std::optional<int> number = version_number(r.version);
  std::optional<TemplateVersion> found = number ? ctx.store->find(type->id, r.agency, number) : std::nullopt;
  if (!found) {
    return error_response(404, "unknown_template_version",
                          "Cơ quan \"" + r.agency + "\" không có mẫu phiên bản \"" + log_safe(r.version, 20) +
                              "\" cho loại báo cáo " + type->id + ".");
  }
  return docx_response(ctx.store->content(*found),
                       document_file_name(type->id + "-" + r.agency + "-v" + std::to_string(found->version) + ".docx"));
}

//! PUT: the body is the DOCX itself, or multipart/form-data with a "template" file (and an
//! optional "delimiters" field). Every check runs before anything is stored.
Response upload_template(const ApiContext& ctx, Request& request, const Route& r) {
  const ReportType* type = nullptr;
  if (auto refused = template_route(ctx, r, type)) return std::move(*refused);
  std::map<std::string, std::string> query;
  query_parameters(request, query);
  std::string docx, delimiters_text = query.count("delimiters") ? query["delimiters"] : "";
  if (has_media_type(request, "multipart", "form-data")) {
    std::map<std::string, FormPart> parts;
    if (auto refused = read_form(request, ctx.max_upload, parts)) return std::move(*refused);
    if (!parts.count("template")) return error_response(400, "missing_template", "Thiếu trường \"template\" (tệp mẫu DOCX).");
    docx = std::move(parts["template"].content);
    if (parts.count("delimiters")) delimiters_text = parts["delimiters"].content;
  } else if (has_media_type(request, "application", "vnd.openxmlformats-officedocument.wordprocessingml.document") ||
             has_media_type(request, "application", "octet-stream")) {
    if (auto refused = framed_body(request)) return std::move(*refused);
    if (request.body.size() > ctx.max_upload)
      return error_response(413, "body_too_large", "Dữ liệu gửi lên vượt quá giới hạn " + std::to_string(ctx.max_upload) + " byte.");
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
  limits.max_size = ctx.max_upload;
  vanthu::TemplateCheck check = vanthu::check_template(docx, options, template_check_options(type, limits));
  if (!check.issues.empty()) return issues_response(422, check.issues);
  TemplateStore::Added added =
      ctx.store->add(type->id, r.agency, docx, delimiters ? vanthu::delimiters_text(*delimiters) : std::string());
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
Response rollback_template(const ApiContext& ctx, Request& request, const Route& r) {
  const ReportType* type = nullptr;
  if (auto refused = template_route(ctx, r, type)) return std::move(*refused);
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
  if (!ctx.store->make_current(type->id, r.agency, wanted)) {
    return error_response(404, "unknown_template_version",
                          "Cơ quan \"" + r.agency + "\" không có mẫu phiên bản " + std::to_string(wanted) + " cho loại báo cáo " +
                              type->id + ".");
  }
  return json_response(200, versions_json(ctx, *type, r.agency));
}

}  // namespace vanthu::host::http
