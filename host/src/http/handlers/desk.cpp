//! GET / and GET /desk/…: the clerk's desk's files (desk/assets.hpp).
#include "http/handlers/handlers.hpp"
#include "http/responses.hpp"

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

}  // namespace vanthu::host::http
