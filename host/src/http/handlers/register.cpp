//! The records office over HTTP: drafts, issuing, withdrawal, the register
//! (usecases/issue_document.hpp, usecases/register_export.hpp).
#include <map>
#include <optional>

#include "file_name.hpp"
#include "http/handlers/handlers.hpp"
#include "http/responses.hpp"
#include "messages.hpp"
#include "usecases/choose_template.hpp"
#include "usecases/issue_document.hpp"
#include "usecases/register_export.hpp"
#include "vanthu/date.hpp"
#include "vanthu/input.hpp"
#include "vanthu/text.hpp"

namespace vanthu::host::http {
namespace {

using json = nlohmann::json;

constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

std::string actor(const Request& request) { return request.who.authenticated() ? request.who.id : "anonymous"; }

//! The stored document, after the agency check; or the 404/403 to answer.
std::optional<Response> visible_document(const ApiContext& ctx, const Request& request, const std::string& id,
                                         access::Action action, std::optional<StoredDocument>& out) {
  out = ctx.documents->find(id);
  if (!out) return error_response(404, "unknown_document", "Không có văn bản mã \"" + log_safe(id, 80) + "\".");
  // Another agency's document is answered as absent is not: its id is random and unguessable,
  // and a 403 tells the caller which token to use.
  if (auto refused = ctx.guard->refuse_other_agency(request.who, action, out->agency)) return refused;
  return std::nullopt;
}

bool wants_json(const Request& request) {
  const std::string* accept = request.header("accept");
  return accept && accept->find("application/json") != std::string::npos;
}

Response file_response(const IssuedFile& file) {
  Response r = docx_response(file.bytes, file.file_name);
  r.set("Content-Type", file.media_type);
  r.set("X-Vanthu-Sha256", file.sha256);
  r.set("ETag", "\"" + file.sha256 + "\"");
  return r;
}

//! A kept draft, with the problems its input still has (keep_invalid).
json draft_json(const DraftOutcome& made) {
  json j = document_json(made.document, std::nullopt);
  json problems = json::array();
  for (const auto& p : made.problems) problems.push_back({{"path", p.path}, {"code", p.code}, {"message", p.message}});
  j["problems"] = std::move(problems);
  return j;
}

Response draft_refused(const ApiContext& ctx, const DraftOutcome& made, const std::string& what) {
  switch (made.status) {
    case DraftOutcome::Status::malformed: return problems_response(400, made.problems);
    case DraftOutcome::Status::invalid_input: return problems_response(422, made.problems);
    case DraftOutcome::Status::not_found: return error_response(404, "unknown_document", "Không còn văn bản này.");
    case DraftOutcome::Status::not_draft:
      return error_response(409, "not_draft", "Văn bản đã cấp số (hoặc đã thu hồi): không sửa được nữa. Hãy tạo dự thảo mới.");
    default:
      ctx.log.error(what + ": " + log_safe(made.detail, 4000));
      return internal_error();
  }
}

}  // namespace

Response create_draft(const ApiContext& ctx, Request& request) {
  json body;
  if (auto refused = body_object(request, {"report_type", "agency", "input", "keep_invalid"}, false, body))
    return std::move(*refused);
  if (body.contains("keep_invalid") && !body["keep_invalid"].is_boolean())
    return problems_response(422, {{"/keep_invalid", "type", "\"keep_invalid\" là true hoặc false."}});
  vanthu::Problems problems;
  for (const char* key : {"report_type", "agency"})
    if (!body.contains(key) || !body[key].is_string())
      problems.push_back({std::string("/") + key, "required",
                          std::string("Thiếu trường \"") + key + "\" (chuỗi): " +
                              (std::string(key) == "agency" ? "mã cơ quan, ví dụ \"hai-an\"." : "mã loại báo cáo, ví dụ \"nq57-weekly\".")});
  if (!body.contains("input") || !body["input"].is_object())
    problems.push_back({"/input", "required", "Thiếu trường \"input\": dữ liệu của báo cáo (một đối tượng JSON, như khi tạo văn bản)."});
  if (!problems.empty()) return problems_response(422, problems);
  const std::string agency = body["agency"], type_id = body["report_type"];
  if (auto problem = agency_id_problem(agency)) return problems_response(422, {{"/agency", "invalid_agency", *problem}});
  const ReportType* type = ctx.registry->find(type_id);
  if (!type)
    return problems_response(422, {{"/report_type", "unknown_report_type",
                                    "Không có loại báo cáo \"" + log_safe(type_id, 80) + "\" (xem GET /v1/report-types)."}});
  if (auto refused = ctx.guard->refuse_other_agency(request.who, access::Action::create_draft, agency)) return std::move(*refused);

  DraftOptions options;
  options.keep_invalid = body.value("keep_invalid", false);
  DraftOutcome made = vanthu::host::create_draft(*ctx.documents, *type, agency, body["input"].dump(), actor(request), options);
  if (made.status == DraftOutcome::Status::created) {
    Response r = json_response(201, draft_json(made));
    r.set("Location", "/v1/documents/" + made.document.id);
    return r;
  }
  return draft_refused(ctx, made, "POST /v1/documents (" + type->id + ")");
}

Response list_documents(const ApiContext& ctx, Request& request) {
  std::map<std::string, std::string> query;
  query_parameters(request, query);
  const std::string agency = query.count("agency") ? query["agency"] : "";
  if (agency.empty())
    return problems_response(422, {{"?agency", "required", "Cần tham số agency: mã cơ quan có văn bản cần xem (ví dụ ?agency=hai-an)."}});
  if (auto problem = agency_id_problem(agency)) return problems_response(422, {{"?agency", "invalid_agency", *problem}});
  std::string type_id = query.count("report_type") ? query["report_type"] : "";
  if (!type_id.empty() && !ctx.registry->find(type_id))
    return problems_response(422, {{"?report_type", "unknown_report_type",
                                    "Không có loại báo cáo \"" + log_safe(type_id, 80) + "\" (xem GET /v1/report-types)."}});
  std::size_t limit = 100;
  if (query.count("limit")) {
    const std::string& text = query["limit"];
    if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos || std::stoi(text) < 1 ||
        std::stoi(text) > 1000)
      return problems_response(422, {{"?limit", "invalid_limit", "limit là một số từ 1 đến 1000."}});
    limit = static_cast<std::size_t>(std::stoi(text));
  }
  json items = json::array();
  for (const StoredDocument& d : ctx.documents->documents(agency, type_id, limit))
    items.push_back(document_json(d, d.state == StoredDocument::State::draft ? std::nullopt : ctx.documents->entry(d.id)));
  return json_response(200, {{"agency", agency}, {"documents", std::move(items)}});
}

Response save_document(const ApiContext& ctx, Request& request, const std::string& id) {
  std::optional<StoredDocument> document;
  if (auto refused = visible_document(ctx, request, id, access::Action::create_draft, document)) return std::move(*refused);
  json body;
  if (auto refused = body_object(request, {"input", "keep_invalid"}, false, body)) return std::move(*refused);
  if (!body.contains("input") || !body["input"].is_object())
    return problems_response(422, {{"/input", "required", "Thiếu trường \"input\": dữ liệu của báo cáo (một đối tượng JSON)."}});
  if (body.contains("keep_invalid") && !body["keep_invalid"].is_boolean())
    return problems_response(422, {{"/keep_invalid", "type", "\"keep_invalid\" là true hoặc false."}});
  const ReportType* type = ctx.registry->find(document->report_type);
  if (!type) return error_response(503, "report_type_unavailable", "Loại báo cáo " + document->report_type + " không còn được nạp.");
  DraftOptions options;
  options.keep_invalid = body.value("keep_invalid", false);
  DraftOutcome saved = save_draft(*ctx.documents, *type, *document, body["input"].dump(), actor(request), options);
  if (saved.status == DraftOutcome::Status::created) return json_response(200, draft_json(saved));
  return draft_refused(ctx, saved, "PUT /v1/documents/" + id);
}

Response show_document(const ApiContext& ctx, Request& request, const std::string& id) {
  std::optional<StoredDocument> document;
  if (auto refused = visible_document(ctx, request, id, access::Action::read_document, document)) return std::move(*refused);
  return json_response(200, document_json(*document, ctx.documents->entry(id)));
}

Response issued_file(const ApiContext& ctx, Request& request, const std::string& id) {
  std::optional<StoredDocument> document;
  if (auto refused = visible_document(ctx, request, id, access::Action::read_document, document)) return std::move(*refused);
  std::optional<IssuedFile> file = ctx.documents->file(id);
  if (!file)
    return error_response(409, "not_issued", "Văn bản " + id + " còn là dự thảo: chưa cấp số nên chưa có tệp ban hành.");
  return file_response(*file);
}

Response issue(const ApiContext& ctx, Request& request, const std::string& id) {
  std::optional<StoredDocument> document;
  if (auto refused = visible_document(ctx, request, id, access::Action::issue_document, document)) return std::move(*refused);
  json body;
  if (auto refused = body_object(request, {"date", "copies", "format", "sign"}, true, body)) return std::move(*refused);
  IssueOptions options;
  options.issued_by = actor(request);
  options.pdf = ctx.pdf.get();
  options.data_dir = ctx.data_dir;
  vanthu::Problems problems;
  if (body.contains("format")) {
    auto format = body["format"].is_string() ? parse_document_format(body["format"].get<std::string>()) : std::nullopt;
    if (!format) problems.push_back({"/format", "invalid_format", "Định dạng văn bản ban hành là docx, pdf hoặc pdfa (PDF/A-2b)."});
    else options.format = *format;
  }
  if (body.contains("sign")) {
    if (!body["sign"].is_boolean()) problems.push_back({"/sign", "type", "\"sign\" là true hoặc false."});
    else options.sign = body["sign"].get<bool>();
  }
  if (body.contains("date")) {
    const json& d = body["date"];
    options.date = d.is_string() ? vanthu::Date::parse_iso(d.get<std::string>()) : std::nullopt;
    if (!options.date)
      problems.push_back({"/date", "invalid_date", "Ngày ban hành phải có dạng YYYY-MM-DD và là ngày có thật (ví dụ 2026-02-11)."});
  }
  if (body.contains("copies")) {
    const json& c = body["copies"];
    if (!c.is_number_integer() || c.get<std::int64_t>() < 1 || c.get<std::int64_t>() > 10000)
      problems.push_back({"/copies", "invalid_copies", "Số lượng bản phải là số nguyên từ 1 đến 10000."});
    else
      options.copies = c.get<int>();
  }
  if (!problems.empty()) return problems_response(422, problems);

  IssueResult issued = issue_document(*ctx.documents, *ctx.store, *ctx.registry, id, options);
  switch (issued.status) {
    case IssueResult::Status::issued: {
      Response r = wants_json(request) ? json_response(200, entry_json(issued.entry)) : file_response(issued.file);
      r.set("X-Vanthu-Number", issued.entry.number_symbol);
      r.set("Location", "/v1/documents/" + id + "/file");
      return r;
    }
    case IssueResult::Status::not_found:
      return error_response(404, "unknown_document", "Không có văn bản mã \"" + log_safe(id, 80) + "\".");
    case IssueResult::Status::already_issued: {
      json e = vanthu::errors_body({{"", "already_issued",
                                     "Văn bản đã được cấp số " + issued.entry.number_symbol + " ngày " +
                                         vanthu::Date::parse_iso(issued.entry.date).value_or(vanthu::Date{}).dd_mm_yyyy() +
                                         "; không cấp số lại. Tải tệp đã ban hành tại /v1/documents/" + id + "/file."}});
      e["register_entry"] = entry_json(issued.entry);
      return json_response(409, e);
    }
    case IssueResult::Status::withdrawn:
      return error_response(409, "withdrawn", "Văn bản " + issued.entry.number_symbol + " đã bị thu hồi; không cấp số lại.");
    case IssueResult::Status::invalid: return problems_response(422, issued.problems);
    case IssueResult::Status::unavailable: {
      ctx.log.warning("POST /v1/documents/" + log_safe(id, 80) + ":issue: " + log_safe(issued.detail, 2000));
      Response r = problems_response(issued.problems.front().code == "converter_busy" ? 429 : 503, issued.problems);
      r.set("Retry-After", std::to_string(std::max(1, issued.retry_after_s)));
      return r;
    }
    case IssueResult::Status::internal_error:
      ctx.log.error("POST /v1/documents/" + log_safe(id, 80) + ":issue: " + log_safe(issued.detail, 4000));
      return internal_error();
  }
  return internal_error();
}

Response withdraw(const ApiContext& ctx, Request& request, const std::string& id) {
  std::optional<StoredDocument> document;
  if (auto refused = visible_document(ctx, request, id, access::Action::issue_document, document)) return std::move(*refused);
  json body;
  if (auto refused = body_object(request, {"reason"}, false, body)) return std::move(*refused);
  std::string reason = body.contains("reason") && body["reason"].is_string() ? vanthu::text::trim(body["reason"].get<std::string>()) : "";
  if (reason.empty())
    return problems_response(422, {{"/reason", "required", "Cần ghi lý do thu hồi văn bản (trường \"reason\")."}});
  if (reason.size() > 2000)
    return problems_response(422, {{"/reason", "too_long", "Lý do thu hồi dài quá 2000 byte; hãy viết ngắn gọn hơn."}});
  using S = DocumentRegister::WithdrawOutcome::Status;
  DocumentRegister::WithdrawOutcome out = ctx.documents->withdraw(id, actor(request), reason);
  switch (out.status) {
    case S::withdrawn: return json_response(200, entry_json(out.entry));
    case S::not_found: return error_response(404, "unknown_document", "Không có văn bản mã \"" + log_safe(id, 80) + "\".");
    case S::not_issued:
      return error_response(409, "not_issued", "Văn bản còn là dự thảo, chưa cấp số: không có gì để thu hồi.");
    case S::already_withdrawn:
      return error_response(409, "already_withdrawn", "Văn bản " + out.entry.number_symbol + " đã được thu hồi trước đó.");
  }
  return internal_error();
}

Response show_register(const ApiContext& ctx, Request& request, const Route& r) {
  if (auto problem = agency_id_problem(r.agency)) return error_response(400, "invalid_agency", *problem);
  const bool digits = !r.version.empty() && r.version.size() == 4 && r.version.find_first_not_of("0123456789") == std::string::npos;
  const int year = digits ? std::stoi(r.version) : 0;
  if (year < 1900 || year > 9999)
    return error_response(400, "invalid_year", "Năm của sổ phải là bốn chữ số, ví dụ /v1/registers/hai-an/2026.");
  std::map<std::string, std::string> query;
  query_parameters(request, query);
  std::string format = query.count("format") ? query["format"] : "json";
  std::vector<RegisterEntry> entries = ctx.documents->entries(r.agency, year);
  if (format == "json") {
    json list = json::array();
    for (const auto& e : entries) list.push_back(entry_json(e));
    return json_response(200, {{"agency", r.agency}, {"year", year}, {"entries", list}});
  }
  const std::string name = "so-dang-ky-van-ban-di-" + r.agency + "-" + std::to_string(year);
  if (format == "docx") return docx_response(register_docx(r.agency, year, entries), name + ".docx");
  if (format == "xlsx") {
    Response out = docx_response(register_xlsx(r.agency, year, entries), name + ".xlsx");
    out.set("Content-Type", kXlsxType);
    return out;
  }
  return problems_response(400, {{"?format", "invalid_format", "format phải là json, docx hoặc xlsx."}});
}

}  // namespace vanthu::host::http
