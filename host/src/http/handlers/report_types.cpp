#include "http/handlers/handlers.hpp"

#include "file_name.hpp"
#include "http/responses.hpp"

namespace vanthu::host::http {

using json = nlohmann::json;

Response health(const ApiContext& ctx) {
  return json_response(200, {{"status", "ok"}, {"report_types", ctx.registry->report_types().size()}});
}

Response ready(const ApiContext& ctx) {
  json checks = json::object();
  bool ok = true;
  const std::size_t types = ctx.registry->report_types().size();
  checks["report_types"] = types;
  if (types == 0) ok = false;
  try {
    ctx.store->versions("-", "-");  // a read through the store's database
    checks["template_store"] = "ok";
  } catch (const std::exception&) {
    checks["template_store"] = "unavailable";
    ok = false;
  }
  if (ctx.pdf)  // PDF is a refinement: a server whose converters are still starting serves DOCX
    checks["pdf_workers"] = {{"configured", ctx.pdf->workers()}, {"ready", ctx.pdf->ready_workers()}};
  if (!ok)
    return json_response(503, {{"status", "not_ready"},
                               {"checks", checks},
                               {"errors", json::array({{{"path", ""},
                                                        {"code", "not_ready"},
                                                        {"message", "Máy chủ chưa sẵn sàng: chưa nạp được loại báo cáo nào "
                                                                    "hoặc kho mẫu chưa mở được."}}})}});
  return json_response(200, {{"status", "ready"}, {"checks", checks}});
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
  // In the plugin's own member order (the desk lists a form's fields in it).
  nlohmann::ordered_json body = {{"id", type->id},
                                 {"name", type->name},
                                 {"version", type->version},
                                 {"schema", type->schema_as_written},
                                 {"example", type->example_as_written}};
  Response r = json_response(200, nullptr);
  r.body = body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  return r;
}

//! The built-in template (DOCX): the starting point a clerk edits in Word.
Response builtin_template(const ApiContext& ctx, const std::string& id) {
  const ReportType* type = ctx.registry->find(id);
  if (!type) return unknown_report_type(id);
  return docx_response(type->template_docx, document_file_name(type->id + ".docx"));
}

}  // namespace vanthu::host::http
