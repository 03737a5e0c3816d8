//! API tokens over HTTP, for an administrator at the desk or a script: GET /v1/tokens (the
//! tokens of the agencies the caller administers), POST /v1/tokens (a new one, its secret in
//! this one answer and never again), POST /v1/tokens/{id}:revoke. The same store and records as
//! `vanthu token` (access/token_store.hpp).
//!
//! No one gives more than they hold: a token's agencies must all be the caller's (an
//! administrator of hai-an makes tokens for hai-an; "*" needs an administrator of every agency)
//! and its roles must all be the caller's own.
#include <algorithm>

#include "access/token.hpp"
#include "http/handlers/handlers.hpp"
#include "http/responses.hpp"
#include "messages.hpp"

namespace vanthu::host::http {
namespace {

using json = nlohmann::json;
namespace a = access;

std::optional<Response> no_tokens(const ApiContext& ctx) {
  if (ctx.tokens) return std::nullopt;
  return error_response(404, "not_found", "Máy chủ này không quản lý token qua HTTP.");
}

//! Whether the caller administers `agency`; "*" (every agency) only an administrator of every agency.
bool administers(const a::Principal& who, const std::string& agency) {
  return agency == "*" ? std::find(who.agencies.begin(), who.agencies.end(), "*") != who.agencies.end() : who.covers(agency);
}

//! Whether the caller administers every agency of the record.
bool administers(const a::Principal& who, const a::TokenRecord& record) {
  return std::all_of(record.agencies.begin(), record.agencies.end(),
                     [&](const std::string& agency) { return administers(who, agency); });
}

}  // namespace

Response list_api_tokens(const ApiContext& ctx, Request& request) {
  if (auto refused = no_tokens(ctx)) return std::move(*refused);
  const a::Time now = a::Clock::now();
  json list = json::array();
  for (const a::TokenRecord& record : ctx.tokens->list())
    if (administers(request.who, record)) list.push_back(a::token_record_json(record, now));
  Response r = json_response(200, {{"tokens", std::move(list)}});
  r.set("Cache-Control", "no-store");
  return r;
}

Response create_api_token(const ApiContext& ctx, Request& request) {
  if (auto refused = no_tokens(ctx)) return std::move(*refused);
  json body;
  if (auto refused = body_object(request, {"name", "agencies", "roles", "expires", "days"}, false, body)) return std::move(*refused);
  const a::Time now = a::Clock::now();
  a::TokenRequest wanted;
  vanthu::Problems problems;

  if (!body.contains("agencies") || !body["agencies"].is_array() || body["agencies"].empty()) {
    problems.push_back({"/agencies", "required", "Chọn ít nhất một cơ quan (mã như \"hai-an\", hoặc \"*\" cho mọi cơ quan)."});
  } else {
    for (std::size_t i = 0; i < body["agencies"].size(); ++i) {
      const json& item = body["agencies"][i];
      const std::string path = "/agencies/" + std::to_string(i);
      if (!item.is_string() || (item != "*" && !valid_store_id(item.get<std::string>()))) {
        problems.push_back({path, "invalid_agency", "Mã cơ quan gồm chữ thường a–z, chữ số và dấu '-' (ví dụ hai-an), hoặc \"*\"."});
        continue;
      }
      const std::string agency = item;
      if (std::find(wanted.agencies.begin(), wanted.agencies.end(), agency) == wanted.agencies.end())
        wanted.agencies.push_back(agency);
    }
    if (wanted.agencies.size() > 1 && std::find(wanted.agencies.begin(), wanted.agencies.end(), "*") != wanted.agencies.end())
      problems.push_back({"/agencies", "invalid_agency", "\"*\" đã là mọi cơ quan: không ghi kèm mã khác."});
  }
  if (!body.contains("roles") || !body["roles"].is_array() || body["roles"].empty()) {
    problems.push_back({"/roles", "required", "Chọn ít nhất một vai trò: render, issue, templates, admin."});
  } else {
    for (std::size_t i = 0; i < body["roles"].size(); ++i) {
      const json& item = body["roles"][i];
      std::optional<a::Roles> role = item.is_string() ? a::parse_roles(item.get<std::string>()) : std::nullopt;
      if (!role || item.get<std::string>().find(',') != std::string::npos) {
        problems.push_back({"/roles/" + std::to_string(i), "invalid_role", "Vai trò là một trong render, issue, templates, admin."});
        continue;
      }
      wanted.roles |= *role;
    }
  }
  if (body.contains("expires") && body.contains("days")) {
    problems.push_back({"/days", "conflict", "Chỉ dùng một trong expires (ngày hết hạn) và days (số ngày)."});
  } else if (body.contains("expires")) {
    if (!body["expires"].is_string()) {
      problems.push_back({"/expires", "invalid_date", "expires là ngày YYYY-MM-DD (hết ngày đó, giờ Việt Nam) hoặc \"never\"."});
    } else if (body["expires"] != "never") {
      wanted.expires = a::end_of_day_in_vietnam(body["expires"].get<std::string>());
      if (!wanted.expires)
        problems.push_back({"/expires", "invalid_date", "expires là ngày YYYY-MM-DD (hết ngày đó, giờ Việt Nam) hoặc \"never\"."});
      else if (*wanted.expires <= now)
        problems.push_back({"/expires", "in_the_past", "Ngày hết hạn đã qua: token sẽ không dùng được."});
    }
  } else {
    long days = a::kDefaultTokenDays;
    if (body.contains("days")) {
      if (!body["days"].is_number_integer() || body["days"].get<long>() < 1 || body["days"].get<long>() > 36500)
        problems.push_back({"/days", "invalid_days", "days là số ngày token còn dùng được, từ 1 đến 36500."});
      else
        days = body["days"].get<long>();
    }
    wanted.expires = now + std::chrono::hours(24 * days);
  }
  if (body.contains("name")) {
    if (!body["name"].is_string() || !a::acceptable_token_name(body["name"].get<std::string>()))
      problems.push_back({"/name", "invalid_name", "Tên token là một dòng chữ, không ký tự điều khiển, tối đa 200 byte."});
    else
      wanted.name = body["name"];
  }
  if (!problems.empty()) return problems_response(422, problems);

  // Never more than the caller holds.
  for (const std::string& agency : wanted.agencies) {
    if (!administers(request.who, agency))
      return problems_response(403, {{"/agencies", "forbidden",
                                      "Bạn không quản trị cơ quan \"" + log_safe(agency, 80) + "\" nên không cấp token cho cơ quan đó."}});
  }
  for (const std::string& role : a::role_names(wanted.roles)) {
    std::optional<a::Roles> bit = a::parse_roles(role);
    if (bit && (request.who.roles & *bit) != *bit)
      return problems_response(403, {{"/roles", "forbidden", "Bạn không có vai trò \"" + role + "\" nên không cấp được vai trò đó."}});
  }

  a::IssuedToken issued = a::create_token(*ctx.tokens, wanted, now);
  json answer = a::token_record_json(issued.record, now);
  answer["token"] = issued.token;  // this once; only its SHA-256 is kept
  ctx.log.information("Token " + issued.record.id + " tạo bởi " + request.who.id + " (API token created)");
  Response r = json_response(201, answer);
  r.set("Cache-Control", "no-store");
  return r;
}

Response revoke_api_token(const ApiContext& ctx, Request& request, const std::string& id) {
  if (auto refused = no_tokens(ctx)) return std::move(*refused);
  if (!a::well_formed_token_id(id))
    return error_response(400, "invalid_token_id", "\"" + log_safe(id, 60) + "\" không phải mã token (tk_ và 12 chữ số hex).");
  json nothing;  // the body may be empty or {}
  if (auto refused = body_object(request, {}, true, nothing)) return std::move(*refused);
  std::optional<a::TokenRecord> found;
  for (a::TokenRecord& record : ctx.tokens->list())
    if (record.id == id) found = std::move(record);
  if (!found || !administers(request.who, *found))  // another agency's token is answered as absent
    return error_response(404, "unknown_token", "Không có token " + id + " trong các cơ quan bạn quản trị.");
  const a::Time now = std::chrono::time_point_cast<std::chrono::seconds>(a::Clock::now());
  ctx.tokens->revoke(id, now);
  for (a::TokenRecord& record : ctx.tokens->list())
    if (record.id == id) found = std::move(record);
  ctx.log.information("Token " + id + " thu hồi bởi " + request.who.id + " (API token revoked)");
  return json_response(200, a::token_record_json(*found, now));
}

}  // namespace vanthu::host::http
