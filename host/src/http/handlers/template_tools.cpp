#include "http/handlers/handlers.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "file_name.hpp"
#include "http/multipart.hpp"
#include "http/responses.hpp"
#include "messages.hpp"
#include "template_report.hpp"
#include "usecases/convert_document.hpp"
#include "usecases/fill_template.hpp"

namespace vanthu::host::http {

using json = nlohmann::json;

//! POST /v1/templates:render — what `vanthu fill` does, over HTTP: any template, any data; a PDF
//! with Accept: application/pdf or ?format=pdf|pdfa.
Response render_any_template(const ApiContext& ctx, Request& request) {
  std::map<std::string, std::string> query;
  query_parameters(request, query);
  DocumentFormat format = DocumentFormat::docx;
  if (auto refused = choose_document_format(request, query, format)) return std::move(*refused);
  std::map<std::string, FormPart> parts;
  if (auto refused = read_form(request, ctx.max_upload, parts)) return std::move(*refused);
  if (!parts.count("template")) return error_response(400, "missing_template", "Thiếu trường \"template\" (tệp mẫu DOCX).");
  if (!parts.count("data")) return error_response(400, "missing_data", "Thiếu trường \"data\" (dữ liệu JSON).");
  std::optional<vanthu::Delimiters> delimiters;
  std::string delimiters_text = parts.count("delimiters") ? parts["delimiters"].content : query["delimiters"];
  if (auto refused = form_delimiters(delimiters_text, delimiters)) return std::move(*refused);
  const std::string strict_text = parts.count("strict") ? parts["strict"].content : query["strict"];
  const bool strict = strict_text == "1" || strict_text == "true";

  // The other parts are files a {%x} image may name: {"file": "anh1"} is the part of that field
  // name, else the part uploaded under that file name.
  auto image_files = [&parts](std::string_view name, std::size_t max_bytes) -> std::optional<std::string> {
    static const char* const kFields[] = {"template", "data", "delimiters", "strict"};
    auto is_field = [](const std::string& field) {
      return std::find(std::begin(kFields), std::end(kFields), field) != std::end(kFields);
    };
    const FormPart* found = nullptr;
    if (auto it = parts.find(std::string(name)); it != parts.end() && !is_field(it->first)) found = &it->second;
    for (const auto& [field, part] : parts)
      if (!found && !is_field(field) && !part.file_name.empty() && part.file_name == name) found = &part;
    if (!found) return std::nullopt;
    return found->content.substr(0, max_bytes + 1);
  };
  FillOutcome filled = fill_template({.template_docx = parts["template"].content,
                                      .data_json = parts["data"].content,
                                      .delimiters = delimiters,
                                      .strict = strict,
                                      .max_template_size = ctx.max_upload,
                                      .image_files = image_files});
  using Status = FillOutcome::Status;
  switch (filled.status) {
    case Status::ok:
      break;
    case Status::bad_template:
    case Status::refused_value:  // a {@x} value holding remote fields, relationships, objects; a {%x} image refused
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
  ConvertedDocument converted = convert_document(ctx.pdf.get(), std::move(filled.docx), format);
  if (converted.status != ConvertedDocument::Status::ok) {
    ctx.log.warning(std::string("POST /v1/templates:render?format=") + format_name(format) + ": " + log_safe(converted.detail, 1000));
    return conversion_refused(converted);
  }
  Response response = document_response(std::move(converted.bytes), document_file_name(name), format);
  response.set("X-Vanthu-Missing", missing.dump(-1, ' ', true, json::error_handler_t::replace));
  response.set("X-Vanthu-Missing-Count", std::to_string(missing_tags.size()));
  return response;
}

//! POST /v1/templates:check — the report of `vanthu check`, as JSON (200 whether or not the
//! template has problems: "valid" says).
Response check_any_template(const ApiContext& ctx, Request& request) {
  std::map<std::string, FormPart> parts;
  if (auto refused = read_form(request, ctx.max_upload, parts)) return std::move(*refused);
  std::map<std::string, std::string> query;
  query_parameters(request, query);
  if (!parts.count("template")) return error_response(400, "missing_template", "Thiếu trường \"template\" (tệp mẫu DOCX).");
  std::optional<vanthu::Delimiters> delimiters;
  std::string delimiters_text = parts.count("delimiters") ? parts["delimiters"].content : query["delimiters"];
  if (auto refused = form_delimiters(delimiters_text, delimiters)) return std::move(*refused);
  std::string type_id = parts.count("report_type") ? parts["report_type"].content : query["report_type"];
  const ReportType* type = nullptr;
  if (!type_id.empty()) {
    type = ctx.registry->find(type_id);
    if (!type)
      return error_response(404, "unknown_report_type",
                            "Không có loại báo cáo \"" + log_safe(type_id, 100) + "\". Xem danh sách tại /v1/report-types.");
  }
  vanthu::TemplateOptions options;
  options.delimiters = delimiters;
  vanthu::PackageLimits limits;
  limits.max_size = ctx.max_upload;
  vanthu::TemplateCheck check = vanthu::check_template(parts["template"].content, options, template_check_options(type, limits));
  return json_response(200, check_report_json(check, type));
}

}  // namespace vanthu::host::http
