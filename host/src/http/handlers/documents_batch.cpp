//! POST /v1/report-types/{id}/documents:batch — many documents of one report type in one request
//! (a district's wards at once), answered with one ZIP:
//!
//!   001-<file name>.docx, 002-…  each item that rendered, numbered by its place in "items"
//!   results.json                  every item's outcome, in order: its file, or its problems with
//!                                 paths under /items/<index>
//!
//! The request itself (the report type, ?agency=&template_version=&format=, the body's shape) is
//! checked first and refused as a whole (4xx JSON); after that each item stands alone: a wrong
//! item is reported in results.json and the others are still made, never silently dropped
//! (X-Vanthu-Failed counts them). The ZIP goes to an unlinked temporary file, one document at a
//! time, and the server sends it from there: memory holds one document, whatever the batch.
//! Same items, same bytes.
#include <cstdio>

#include "digest.hpp"
#include "file_name.hpp"
#include "http/handlers/handlers.hpp"
#include "http/responses.hpp"
#include "messages.hpp"
#include "render_pipeline.hpp"
#include "usecases/convert_document.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::host::http {
namespace {

using json = nlohmann::json;

constexpr std::size_t kMaxItems = 1000;     //!< DOCX: rendering takes well under a millisecond each
constexpr std::size_t kMaxPdfItems = 100;   //!< PDF: each is a LibreOffice conversion (~0.2 s)

//! An item's problems, their paths under the item's place in the request ("/items/3/period").
json problems_json(vanthu::Problems problems, const std::string& prefix) {
  json out = json::array();
  for (auto& p : problems) {
    p.path = prefix + p.path;
    out.push_back(vanthu::to_json(p));
  }
  return out;
}

}  // namespace

Response create_documents_batch(const ApiContext& ctx, Request& request, const std::string& id) {
  const ReportType* type = ctx.registry->find(id);
  if (!type) return unknown_report_type(id);
  std::map<std::string, std::string> query;
  if (!query_parameters(request, query)) return error_response(400, "bad_request", "Tham số truy vấn không đọc được.");
  std::optional<DocumentFormat> given;  // the documents' format; the answer is a ZIP whatever it is
  if (auto refused = format_parameter(query, given)) return std::move(*refused);
  const DocumentFormat format = given.value_or(DocumentFormat::docx);
  if (!accepts_media_type(request, "application", "zip"))
    return error_response(406, "not_acceptable",
                          "Địa chỉ " + log_safe(request.path, 200) + " trả về một gói application/zip; Accept \"" +
                              log_safe(request.header_or("accept"), 120) + "\" không nhận kiểu đó.");
  std::shared_ptr<const vanthu::Template> chosen;
  std::string template_label;
  if (auto refused = requested_template(ctx, *type, query, chosen, template_label)) return std::move(*refused);

  json body;
  if (auto refused = body_object(request, {"items"}, false, body)) return std::move(*refused);
  const std::size_t most = format == DocumentFormat::docx ? kMaxItems : kMaxPdfItems;
  if (!body.contains("items"))
    return problems_response(422, {{"/items", "required", "Thiếu \"items\": danh sách dữ liệu của từng văn bản."}});
  if (!body["items"].is_array() || body["items"].empty())
    return problems_response(422, {{"/items", "invalid_type", "\"items\" phải là một danh sách có ít nhất một văn bản."}});
  const json& items = body["items"];
  if (items.size() > most)
    return problems_response(413, {{"/items", "too_many_items",
                                    "Một gói có tối đa " + std::to_string(most) + " văn bản" +
                                        (format == DocumentFormat::docx ? "" : " PDF") + "; gói này có " +
                                        std::to_string(items.size()) + ". Chia thành nhiều gói."}});

  std::shared_ptr<FileBody> file = FileBody::create(ctx.data_dir / "tmp");
  std::string buffer;
  vanthu::ZipWriter zip(buffer);
  auto to_file = [&](std::string_view piece) { file->append(piece); };
  const int digits = static_cast<int>(std::to_string(items.size()).size());
  json results = json::array();
  std::size_t made = 0, failed = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string prefix = "/items/" + std::to_string(i);
    json result = {{"index", i}};
    auto fail = [&](const std::string& status, json problems) {
      result["status"] = status;
      result["errors"] = std::move(problems);
      ++failed;
    };
    if (!items[i].is_object()) {
      fail("invalid_input", json::array({{{"path", prefix}, {"code", "invalid_type"},
                                          {"message", "Mỗi mục của \"items\" là dữ liệu của một văn bản, dạng đối tượng JSON ({…})."}}}));
      results.push_back(std::move(result));
      continue;
    }
    RenderedDocument document = render_document(*type, items[i].dump(), chosen.get(), template_label);
    switch (document.status) {
      case RenderedDocument::Status::ok: {
        ConvertedDocument converted = convert_document(ctx.pdf.get(), std::move(document.docx), format);
        if (converted.status != ConvertedDocument::Status::ok) {
          ctx.log.warning("POST " + log_safe(request.path, 200) + prefix + ": " + log_safe(converted.detail, 1000));
          fail("conversion_failed",
               json::array({{{"path", prefix}, {"code", "conversion_failed"}, {"message", conversion_message(converted.status)}}}));
          break;
        }
        char number[16];
        std::snprintf(number, sizeof number, "%0*zu-", digits, i + 1);
        const std::string name = number + file_name_for(document.file_name, format);
        // A DOCX is a ZIP already and a PDF's streams are compressed: stored, not deflated again.
        zip.add(name, converted.bytes, 0);
        zip.flush(to_file);
        result["status"] = "ok";
        result["file"] = name;
        result["sha256"] = sha256_hex(converted.bytes);
        ++made;
        break;
      }
      case RenderedDocument::Status::malformed:
      case RenderedDocument::Status::invalid_input:
        fail("invalid_input", problems_json(std::move(document.problems), prefix));
        break;
      case RenderedDocument::Status::internal_error:
        ctx.log.error("POST " + log_safe(request.path, 200) + prefix + ": " + log_safe(document.detail, 4000));
        fail("internal_error", json::array({{{"path", prefix}, {"code", "internal_error"},
                                             {"message", "Lỗi nội bộ khi tạo văn bản này; các văn bản khác không bị ảnh hưởng."}}}));
        break;
    }
    results.push_back(std::move(result));
  }
  const json summary = {{"report_type", type->id},  {"template", template_label}, {"format", format_name(format)},
                        {"items", items.size()},    {"documents", made},          {"failed", failed},
                        {"results", std::move(results)}};
  zip.add("results.json", summary.dump(2, ' ', false, json::error_handler_t::replace) + "\n", 6);
  zip.finish();
  zip.flush(to_file);

  Response r;
  r.set("Content-Type", "application/zip");
  r.set("Content-Disposition", attachment_disposition(type->id + "-batch.zip"));
  r.set("X-Vanthu-Template", template_label);
  r.set("X-Vanthu-Documents", std::to_string(made));
  r.set("X-Vanthu-Failed", std::to_string(failed));
  r.file = std::move(file);
  return r;
}

}  // namespace vanthu::host::http
