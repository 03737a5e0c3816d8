//! The desk's accounts over HTTP: signing in and out (/v1/session) and an administrator's
//! management of an agency's accounts (/v1/accounts). Passwords, hashing, lockout and sessions
//! are access/account_store.hpp's; this file only translates.
#include <map>

#include "http/handlers/handlers.hpp"
#include "http/responses.hpp"
#include "messages.hpp"
#include "usecases/choose_template.hpp"
#include "vanthu/input.hpp"

namespace vanthu::host::http {
namespace {

using json = nlohmann::json;
using access::Account;

json account_json(const Account& a) {
  json j = {{"id", a.id},
            {"username", a.username},
            {"display_name", a.display_name},
            {"agency", a.agency},
            {"role", access::desk_role_name(a.role)},
            {"role_label", access::desk_role_label(a.role)},
            {"roles", access::role_names(access::roles_of(a.role))},
            {"created", a.created},
            {"disabled", a.disabled}};
  if (a.locked_until && *a.locked_until > access::Clock::now()) j["locked_until"] = access::utc_text(*a.locked_until);
  return j;
}

//! The string members `names` of `body`, each required; the 422 naming every missing one.
std::optional<Response> require_strings(const json& body, const std::vector<std::pair<std::string, std::string>>& names) {
  vanthu::Problems problems;
  for (const auto& [name, label] : names)
    if (!body.contains(name) || !body[name].is_string() || body[name].get_ref<const std::string&>().empty())
      problems.push_back({"/" + name, "required", "Chưa nhập " + label + "."});
  if (problems.empty()) return std::nullopt;
  return problems_response(422, problems);
}

std::string cookie(const ApiContext& ctx, const std::string& value, long max_age) {
  return std::string(access::kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(max_age) + (ctx.secure_cookies ? "; Secure" : "");
}

std::optional<Response> no_accounts(const ApiContext& ctx) {
  if (ctx.accounts) return std::nullopt;
  return error_response(404, "not_found", "Máy chủ này không bật tài khoản của trang làm việc.");
}

//! The account the administrator may act on, or the 404/403.
std::optional<Response> managed_account(const ApiContext& ctx, const Request& request, const std::string& id,
                                        std::optional<Account>& out) {
  out = ctx.accounts->find(id);
  if (!out) return error_response(404, "unknown_account", "Không có tài khoản \"" + log_safe(id, 80) + "\".");
  if (auto refused = ctx.guard->refuse_other_agency(request.who, access::Action::administer, out->agency)) return refused;
  return std::nullopt;
}

Response account_error(const access::AccountError& e) {
  const int status = e.code == "username_taken" ? 409 : e.code == "not_found" ? 404 : 422;
  return problems_response(status, {{e.path, e.code, e.what()}});
}

}  // namespace

Response session(const ApiContext& ctx, Request& request) {
  if (auto refused = no_accounts(ctx)) return std::move(*refused);
  const std::string* cookie_header = request.header("cookie");
  const std::string token = cookie_header ? access::session_cookie_value(*cookie_header) : std::string();
  if (request.method == "DELETE") {
    if (!token.empty()) ctx.accounts->sign_out(token);
    Response r = json_response(200, {{"signed_out", true}});
    r.set("Set-Cookie", cookie(ctx, "", 0));
    return r;
  }
  if (request.method != "POST") {
    auto current = token.empty() ? std::nullopt : ctx.accounts->session(token, access::Clock::now());
    if (!current) return error_response(401, "not_signed_in", "Chưa đăng nhập, hoặc phiên đăng nhập đã hết hạn.");
    return json_response(200, {{"account", account_json(current->account)}, {"csrf", current->csrf},
                               {"expires", access::utc_text(current->expires)}});
  }
  json body;
  if (auto refused = body_object(request, {"username", "password"}, false, body)) return std::move(*refused);
  if (auto refused = require_strings(body, {{"username", "tên đăng nhập"}, {"password", "mật khẩu"}})) return std::move(*refused);
  using S = access::SignInResult::Status;
  access::SignInResult result = ctx.accounts->sign_in(body["username"], body["password"], access::Clock::now());
  switch (result.status) {
    case S::signed_in: {
      if (!token.empty()) ctx.accounts->sign_out(token);  // a new session id at each sign-in (no fixation)
      Response r = json_response(200, {{"account", account_json(result.account)}, {"csrf", result.csrf}});
      r.set("Set-Cookie", cookie(ctx, result.session_token,
                                 static_cast<long>(std::chrono::duration_cast<std::chrono::seconds>(access::kSessionLifetime).count())));
      return r;
    }
    case S::wrong_credentials:
      return problems_response(401, {{"/password", "wrong_credentials", "Tên đăng nhập hoặc mật khẩu không đúng."}});
    case S::disabled:
      return problems_response(403, {{"/username", "account_disabled", "Tài khoản này đã bị khóa; hãy liên hệ quản trị viên."}});
    case S::locked: {
      const auto wait = std::chrono::ceil<std::chrono::seconds>(*result.locked_until - access::Clock::now()).count();
      const long minutes = std::max<long>(1, static_cast<long>((wait + 59) / 60));
      Response r = problems_response(429, {{"/password", "account_locked",
                                            "Nhập sai mật khẩu nhiều lần nên tài khoản tạm khóa; hãy thử lại sau " +
                                                std::to_string(minutes) + " phút."}});
      r.set("Retry-After", std::to_string(std::max<long long>(1, wait)));
      return r;
    }
  }
  return internal_error();
}

Response list_accounts(const ApiContext& ctx, Request& request) {
  if (auto refused = no_accounts(ctx)) return std::move(*refused);
  std::map<std::string, std::string> query;
  query_parameters(request, query);
  std::string agency = query.count("agency") ? query["agency"] : "";
  if (agency.empty()) agency = request.who.agencies.empty() ? "" : request.who.agencies.front();
  if (agency != "*")
    if (auto problem = agency_id_problem(agency)) return problems_response(422, {{"?agency", "invalid_agency", *problem}});
  if (auto refused = ctx.guard->refuse_other_agency(request.who, access::Action::administer, agency)) return std::move(*refused);
  json items = json::array();
  for (const Account& a : ctx.accounts->list(agency)) items.push_back(account_json(a));
  return json_response(200, {{"agency", agency}, {"accounts", std::move(items)}});
}

Response create_account(const ApiContext& ctx, Request& request) {
  if (auto refused = no_accounts(ctx)) return std::move(*refused);
  json body;
  if (auto refused = body_object(request, {"username", "display_name", "agency", "role", "password"}, false, body))
    return std::move(*refused);
  if (auto refused = require_strings(body, {{"username", "tên đăng nhập"}, {"display_name", "họ và tên"},
                                            {"agency", "mã cơ quan"}, {"role", "vai trò"}, {"password", "mật khẩu"}}))
    return std::move(*refused);
  auto role = access::parse_desk_role(body["role"].get<std::string>());
  if (!role)
    return problems_response(422, {{"/role", "invalid_role", "Vai trò là clerk (cán bộ), records_officer (văn thư) hoặc admin (quản trị)."}});
  const std::string agency = body["agency"];
  if (auto refused = ctx.guard->refuse_other_agency(request.who, access::Action::administer, agency)) return std::move(*refused);
  try {
    Account a = ctx.accounts->create({body["username"], body["display_name"], agency, body["password"], *role}, request.who.id);
    Response r = json_response(201, account_json(a));
    r.set("Location", "/v1/accounts/" + a.id);
    return r;
  } catch (const access::AccountError& e) {
    return account_error(e);
  }
}

Response show_account(const ApiContext& ctx, Request& request, const std::string& id) {
  if (auto refused = no_accounts(ctx)) return std::move(*refused);
  std::optional<Account> account;
  if (auto refused = managed_account(ctx, request, id, account)) return std::move(*refused);
  return json_response(200, account_json(*account));
}

Response change_account(const ApiContext& ctx, Request& request, const Route& r) {
  if (auto refused = no_accounts(ctx)) return std::move(*refused);
  std::optional<Account> account;
  if (auto refused = managed_account(ctx, request, r.id, account)) return std::move(*refused);
  try {
    if (r.version == "set-password") {
      json body;
      if (auto refused = body_object(request, {"password"}, false, body)) return std::move(*refused);
      if (auto refused = require_strings(body, {{"password", "mật khẩu mới"}})) return std::move(*refused);
      ctx.accounts->set_password(r.id, body["password"], request.who.id);
    } else {
      if (!request.body.empty()) return error_response(400, "unexpected_body", "Yêu cầu này không cần dữ liệu gửi kèm.");
      const bool disable = r.version == "disable";
      if (disable && r.id == request.who.id)
        return error_response(409, "own_account", "Không tự khóa tài khoản đang dùng; hãy nhờ một quản trị viên khác.");
      ctx.accounts->set_disabled(r.id, disable, request.who.id);
    }
  } catch (const access::AccountError& e) {
    return account_error(e);
  }
  return json_response(200, account_json(*ctx.accounts->find(r.id)));
}

}  // namespace vanthu::host::http
