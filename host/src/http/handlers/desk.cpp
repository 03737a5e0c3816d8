//! GET / and GET /desk/…: the clerk's desk's files (desk/assets.hpp); POST /v1/text:unicode, the
//! desk's conversion of text pasted from TCVN3/VNI documents (vanthu/legacy_encoding.hpp).
#include "http/handlers/handlers.hpp"
#include "http/responses.hpp"
#include "vanthu/input.hpp"
#include "vanthu/legacy_encoding.hpp"

namespace vanthu::host::http {

Response desk_page(const ApiContext& ctx, const Request& request, const Route& r) {
  if (request.path == "/" || request.path == "/desk") {
    Response moved;
    moved.status = 302;
    moved.set("Location", "/desk/");
    moved.set("Cache-Control", "no-store");
    return moved;
  }
  const desk::Asset* asset = ctx.desk ? ctx.desk->find(r.id) : nullptr;
  if (!asset) return error_response(404, "not_found", "Không có trang này.");
  Response page;
  page.body = asset->bytes;
  page.set("Content-Type", asset->media_type);
  page.set("Content-Security-Policy", desk::kContentSecurityPolicy);
  page.set("X-Content-Type-Options", "nosniff");
  page.set("X-Frame-Options", "SAMEORIGIN");
  page.set("Referrer-Policy", "no-referrer");
  page.set("Cache-Control", "no-cache");
  return page;
}

Response convert_text(const ApiContext&, Request& request) {
  if (auto refused = json_body(request, "Gửi {\"text\": \"…\"} dạng JSON (Content-Type: application/json).")) return std::move(*refused);
  // Read as JSON only: read_input would make the text NFC, and TCVN3's bytes must stay as pasted.
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return error_response(400, "invalid_body", "Dữ liệu gửi lên phải là {\"text\": \"…\"}.");
  for (const auto& [key, value] : body.items())
    if (key != "text") return problems_response(400, {{"/" + key, "unknown_field", "Chỉ nhận trường \"text\"."}});
  if (!body.contains("text") || !body["text"].is_string())
    return problems_response(422, {{"/text", "required", "Thiếu trường \"text\" (chuỗi): đoạn văn bản đã dán."}});
  const std::string& text = body["text"].get_ref<const std::string&>();
  const auto encoding = vanthu::text::detect_legacy(text);
  return json_response(200, {{"encoding", vanthu::text::legacy_encoding_name(encoding)},
                             {"encoding_label", vanthu::text::legacy_encoding_label(encoding)},
                             {"text", vanthu::text::to_unicode(text, encoding)}});
}

}  // namespace vanthu::host::http
