#include "http/handlers/handlers.hpp"

#include "file_name.hpp"
#include "http/responses.hpp"

namespace vanthu::host::http {

using json = nlohmann::json;

Response health(const ApiContext& ctx) {
  return json_response(200, {{"status", "ok"}, {"report_types", ctx.registry->report_types().size()}});
}

Response list_report_types(const ApiContext& ctx) {
  json list = json::array();
  for (const auto& type : ctx.registry->report_types())
    list.push_back({{"id", type->id}, {"name", type->name}, {"version", type->version}});
  return json_response(200, {{"report_types", std::move(list)}});
}

Response describe_report_type(const ApiContext& ctx, const std::string& id) {
  const ReportType* type = ctx.registry->find(id);
  if (!type) return unknown_report_type(id);
  return json_response(200, {{"id", type->id},
                             {"name", type->name},
                             {"version", type->version},
                             {"schema", type->schema},
                             {"example", type->example}});
}

//! The built-in template (DOCX): the starting point a clerk edits in Word.
Response builtin_template(const ApiContext& ctx, const std::string& id) {
  const ReportType* type = ctx.registry->find(id);
  if (!type) return unknown_report_type(id);
  return docx_response(type->template_docx, document_file_name(type->id + ".docx"));
}

}  // namespace vanthu::host::http
