#include "http/idempotency.hpp"

#include <algorithm>
#include <cctype>

#include <Poco/SHA2Engine.h>

#include "http/responses.hpp"
#include "messages.hpp"

namespace vanthu::host::http {
namespace {

constexpr std::size_t kMaxKeptBody = 16u << 20;

bool takes_key(const Request& request, const Route& route) {
  return request.method == "POST" && spec_of(route.resource).idempotency_key;
}

//! What makes two requests the same request: method, path, query, Content-Type and body.
std::string fingerprint(const Request& request) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  const std::string content_type = request.header_or("content-type");
  for (const std::string* part : {&request.method, &request.path, &request.query, &content_type, &request.body}) {
    const std::string length = std::to_string(part->size()) + ":";
    engine.update(length.data(), static_cast<unsigned>(length.size()));
    engine.update(part->data(), static_cast<unsigned>(part->size()));
  }
  return Poco::DigestEngine::digestToHex(engine.digest());
}

bool kept_header(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return lower != "x-request-id" && lower != "set-cookie" && lower != "date" && lower != "connection";
}

bool final_answer(const Response& response) {
  return !response.file && response.status >= 200 && response.status < 500 && response.status != 409 && response.status != 429 &&
         response.body.size() <= kMaxKeptBody;
}

}  // namespace

Response idempotent(IdempotencyStore& store, const Request& request, const Route& route, const std::function<Response()>& run) {
  std::size_t given = 0;
  for (const auto& h : request.headers) given += h.name == "idempotency-key";
  if (given == 0) return run();
  std::string key = *request.header("idempotency-key");
  if (given > 1)
    return error_response(400, "invalid_idempotency_key", "Chỉ gửi một tiêu đề Idempotency-Key cho mỗi yêu cầu.");
  if (key.size() >= 2 && key.front() == '"' && key.back() == '"') key = key.substr(1, key.size() - 2);
  if (key.empty() || key.size() > 255 || std::any_of(key.begin(), key.end(), [](unsigned char c) { return c < 0x21 || c > 0x7e; }))
    return error_response(400, "invalid_idempotency_key",
                          "Idempotency-Key phải gồm 1–255 ký tự ASCII nhìn thấy được (không dấu cách, không dấu tiếng Việt).");
  if (!takes_key(request, route))
    return error_response(400, "idempotency_key_not_accepted",
                          "Địa chỉ " + log_safe(request.path, 200) + " không nhận Idempotency-Key với " + log_safe(request.method, 20) +
                              " (chỉ các yêu cầu POST tạo hoặc thay đổi dữ liệu nhận).");
  if (!request.who.authenticated() || request.who.id.empty())
    return error_response(400, "idempotency_key_needs_caller",
                          "Idempotency-Key chỉ dùng được khi yêu cầu có mã truy cập (Authorization: Bearer) hoặc phiên đăng nhập: "
                          "khoá thuộc về người gửi.");

  const auto when = std::chrono::system_clock::now();
  IdempotencyStore::Claim claim = store.claim(request.who.id, key, fingerprint(request), when);
  switch (claim.status) {
    case IdempotencyStore::Claim::Status::replay: {
      Response replayed;
      replayed.status = claim.answer.status;
      for (auto& [name, value] : claim.answer.headers) replayed.headers.push_back({name, value});
      replayed.body = std::move(claim.answer.body);
      replayed.set("Idempotent-Replayed", "true");
      return replayed;
    }
    case IdempotencyStore::Claim::Status::other_body:
      return error_response(422, "idempotency_key_reused",
                            "Idempotency-Key \"" + log_safe(key, 80) +
                                "\" đã dùng cho một yêu cầu khác (khác địa chỉ, tham số hoặc nội dung). Mỗi yêu cầu mới cần một khoá mới.");
    case IdempotencyStore::Claim::Status::in_progress: {
      Response busy = error_response(409, "idempotency_key_in_progress",
                                     "Yêu cầu với Idempotency-Key \"" + log_safe(key, 80) + "\" đang được xử lý; gửi lại sau giây lát.");
      busy.set("Retry-After", "1");
      return busy;
    }
    case IdempotencyStore::Claim::Status::claimed:
      break;
  }
  Response response;
  try {
    response = run();
  } catch (...) {
    store.release(request.who.id, key);
    throw;
  }
  if (!final_answer(response)) {
    store.release(request.who.id, key);
    return response;
  }
  KeptAnswer answer;
  answer.status = response.status;
  for (const auto& h : response.headers)
    if (kept_header(h.name)) answer.headers.emplace_back(h.name, h.value);
  answer.body = response.body;
  store.keep(request.who.id, key, answer, std::chrono::system_clock::now());
  return response;
}

}  // namespace vanthu::host::http
