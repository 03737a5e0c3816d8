#include "http/handlers/handlers.hpp"

#include <map>
#include <optional>

#include "http/responses.hpp"
#include "messages.hpp"
#include "render_pipeline.hpp"
#include "usecases/choose_template.hpp"
#include "usecases/convert_document.hpp"

namespace vanthu::host::http {

std::optional<Response> requested_template(const ApiContext& ctx, const ReportType& type,
                                           const std::map<std::string, std::string>& query,
                                           std::shared_ptr<const vanthu::Template>& chosen, std::string& template_label) {
  template_label = "built-in";
  chosen = nullptr;
  if (query.count("template_version") && !query.count("agency"))
    return error_response(400, "invalid_template_version", "template_version chỉ dùng kèm agency (mẫu của cơ quan nào).");
  auto agency = query.find("agency");
  if (agency == query.end()) return std::nullopt;
  std::optional<int> version;
  if (auto v = query.find("template_version"); v != query.end()) {
    version = version_number(v->second);
    if (!version) return error_response(400, "invalid_template_version", "template_version phải là số nguyên dương (ví dụ 3).");
  }
  TemplateChoice picked = choose_template(*ctx.store, type, agency->second, version);
  switch (picked.status) {
    case TemplateChoice::Status::ok:
      break;
    case TemplateChoice::Status::invalid_agency:
      return error_response(400, "invalid_agency", picked.message);
    case TemplateChoice::Status::unknown_version:
      return error_response(404, "unknown_template_version", picked.message);
    case TemplateChoice::Status::unusable:
      ctx.log.error(picked.detail);
      return internal_error();
  }
  chosen = picked.tpl;
  template_label = picked.label;
  return std::nullopt;
}

//! JSON in, DOCX out; ?agency=A[&template_version=N]: filled with agency A's template;
//! Accept: application/pdf or ?format=pdf|pdfa: the PDF (PDF/A-2b) of that DOCX.
Response create_document(const ApiContext& ctx, Request& request, const std::string& id) {
  const ReportType* type = ctx.registry->find(id);
  if (!type) return unknown_report_type(id);

  // ?agency=hai-an[&template_version=3]: that agency's template instead of the built-in one.
  std::map<std::string, std::string> query;
  if (!query_parameters(request, query)) return error_response(400, "bad_request", "Tham số truy vấn không đọc được.");
  DocumentFormat format = DocumentFormat::docx;
  if (auto refused = choose_document_format(request, query, format)) return std::move(*refused);
  std::shared_ptr<const vanthu::Template> chosen;
  std::string template_label;
  if (auto refused = requested_template(ctx, *type, query, chosen, template_label)) return std::move(*refused);

  if (auto refused = json_body(request, "Dữ liệu phải gửi với Content-Type: application/json (mã hóa UTF-8).")) return std::move(*refused);

  RenderedDocument document = render_document(*type, request.body, chosen.get(), template_label);
  switch (document.status) {
    case RenderedDocument::Status::ok: {
      ConvertedDocument converted = convert_document(ctx.pdf.get(), std::move(document.docx), format);
      if (converted.status != ConvertedDocument::Status::ok) {
        ctx.log.warning("POST /v1/report-types/" + type->id + "/documents?format=" + format_name(format) + ": " +
                        log_safe(converted.detail, 1000));
        return conversion_refused(converted);
      }
      Response r = document_response(std::move(converted.bytes), document.file_name, format);
      r.set("X-Vanthu-Template", template_label);
      return r;
    }
    case RenderedDocument::Status::malformed:
      return problems_response(400, document.problems);
    case RenderedDocument::Status::invalid_input:
      return problems_response(422, document.problems);
    case RenderedDocument::Status::internal_error:
      ctx.log.error("POST /v1/report-types/" + type->id + "/documents: " + log_safe(document.detail, 4000));
      return internal_error();
  }
  return internal_error();
}

}  // namespace vanthu::host::http
