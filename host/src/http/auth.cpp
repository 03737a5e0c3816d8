#include "http/auth.hpp"

#include <map>
#include <vector>

#include "http/responses.hpp"
#include "messages.hpp"

namespace vanthu::host::http {
namespace {

using access::Action;
using access::Decision;

constexpr const char* kChallenge = "Bearer realm=\"vanthu\"";
constexpr auto kUseGranularity = std::chrono::hours(1);

//! What an action is, for a message ("tải lên hoặc khôi phục mẫu của cơ quan").
const char* what(Action action) {
  switch (action) {
    case Action::probe: return "kiểm tra tình trạng máy chủ";
    case Action::observe: return "xem số liệu vận hành (/metrics)";
    case Action::read_catalog: return "xem danh sách loại báo cáo, schema và mẫu gốc";
    case Action::render_builtin: return "tạo văn bản bằng mẫu gốc";
    case Action::render_agency: return "tạo văn bản bằng mẫu của cơ quan";
    case Action::render_any_template: return "điền một mẫu bất kỳ (/v1/templates:render)";
    case Action::check_template: return "kiểm tra một mẫu (/v1/templates:check)";
    case Action::read_agency_templates: return "xem các phiên bản mẫu của cơ quan";
    case Action::write_agency_templates: return "tải lên hoặc khôi phục mẫu của cơ quan";
    case Action::create_draft: return "lưu dự thảo văn bản";
    case Action::read_document: return "xem văn bản của cơ quan";
    case Action::issue_document: return "cấp số hoặc thu hồi văn bản";
    case Action::read_register: return "xem sổ đăng ký văn bản đi";
    case Action::administer: return "quản trị tài khoản của cơ quan";
    case Action::convert_text: return "chuyển văn bản TCVN3/VNI sang Unicode";
    case Action::sign_in: return "đăng nhập";
    case Action::open_desk: return "mở trang làm việc";
  }
  return "việc này";
}

Response unauthorized(const std::string& message, const char* error = nullptr) {
  Response r = error_response(401, "unauthorized", message);
  r.set("WWW-Authenticate", error ? std::string(kChallenge) + ", error=\"" + error + "\"" : std::string(kChallenge));
  return r;
}

Response forbidden(const std::string& message) {
  Response r = error_response(403, "forbidden", message);
  r.set("WWW-Authenticate", std::string(kChallenge) + ", error=\"insufficient_scope\"");
  return r;
}

std::string token_label(const access::TokenRecord& record) {
  return "Token " + record.id + (record.name.empty() ? "" : " («" + log_safe(record.name, 100) + "»)");
}

//! "Token tk_…" or "Tài khoản nguyenvana": who is refused, in a message.
std::string principal_label(const access::Principal& who) {
  if (who.kind == access::Principal::Kind::account) return "Tài khoản " + log_safe(who.name, 100);
  return "Token " + who.id;
}

//! "token dành cho: " or "tài khoản thuộc: ", before the principal's agencies.
std::string scope_label(const access::Principal& who) {
  return who.kind == access::Principal::Kind::account ? "tài khoản thuộc: " : "token dành cho: ";
}

//! The Origin of a browser's request matches the Host it was sent to (http or https), or there
//! is none (not a browser, or a same-origin GET).
bool same_origin(const Request& request) {
  const std::string* origin = request.header("origin");
  if (!origin) return true;
  const std::string* host = request.header("host");
  if (!host) return false;
  return *origin == "http://" + *host || *origin == "https://" + *host;
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace

std::optional<RequestAction> action_of(const Request& request, const Route& route) {
  using R = Route::Resource;
  const bool read = is_read_only(request.method);
  const std::string& method = request.method;
  auto when = [](bool served, Action action, std::string agency = {}) -> std::optional<RequestAction> {
    if (!served) return std::nullopt;
    return RequestAction{action, std::move(agency)};
  };
  switch (route.resource) {
    case R::none: return std::nullopt;
    case R::health:
    case R::ready: return when(read, Action::probe);
    case R::metrics: return when(read, Action::observe);
    case R::report_types:
    case R::report_type:
    case R::builtin_template: return when(read, Action::read_catalog);
    case R::documents:
    case R::documents_batch: {
      // The agency exactly as the handler reads it (query_parameters: the last one wins).
      std::map<std::string, std::string> query;
      query_parameters(request, query);
      auto agency = query.find("agency");
      if (agency != query.end() && !agency->second.empty()) return when(method == "POST", Action::render_agency, agency->second);
      return when(method == "POST", Action::render_builtin);
    }
    case R::agency_templates:
      if (method == "PUT") return RequestAction{Action::write_agency_templates, route.agency};
      return when(read, Action::read_agency_templates, route.agency);
    case R::agency_rollback: return when(method == "POST", Action::write_agency_templates, route.agency);
    case R::agency_version: return when(read, Action::read_agency_templates, route.agency);
    case R::templates_render: return when(method == "POST", Action::render_any_template);
    case R::templates_check: return when(method == "POST", Action::check_template);
    case R::drafts: {
      if (method == "POST") return RequestAction{Action::create_draft, {}, true};
      std::map<std::string, std::string> query;
      query_parameters(request, query);
      auto agency = query.find("agency");
      return when(read, Action::read_document, agency == query.end() ? std::string() : agency->second);
    }
    case R::document:
      if (method == "PUT") return RequestAction{Action::create_draft, {}, true};
      if (!read) return std::nullopt;
      return RequestAction{Action::read_document, {}, true};
    case R::document_file:
      if (!read) return std::nullopt;
      return RequestAction{Action::read_document, {}, true};
    case R::document_issue:
    case R::document_withdraw:
      if (method != "POST") return std::nullopt;
      return RequestAction{Action::issue_document, {}, true};
    case R::register_year: return when(read, Action::read_register, route.agency);
    case R::session:
      if (!read && method != "POST" && method != "DELETE") return std::nullopt;
      return RequestAction{Action::sign_in, {}};
    case R::accounts:
      if (!read && method != "POST") return std::nullopt;
      return RequestAction{Action::administer, {}, true};
    case R::account:
      if (!read) return std::nullopt;
      return RequestAction{Action::administer, {}, true};
    case R::account_action:
      if (method != "POST") return std::nullopt;
      return RequestAction{Action::administer, {}, true};
    case R::tokens:
      if (!read && method != "POST") return std::nullopt;
      return RequestAction{Action::administer, {}, true};
    case R::token_revoke:
      if (method != "POST") return std::nullopt;
      return RequestAction{Action::administer, {}, true};
    case R::desk: return when(read, Action::open_desk);
    case R::text_unicode: return when(method == "POST", Action::convert_text);
    case R::openapi: return when(read, Action::read_catalog);
  }
  return std::nullopt;
}

AccessGuard::AccessGuard(std::shared_ptr<access::TokenStore> tokens, access::PolicySettings settings, Poco::Logger& log,
                         std::shared_ptr<access::AccountStore> accounts)
    : tokens_(std::move(tokens)), accounts_(std::move(accounts)), settings_(settings), log_(log) {}

AccessGuard::Outcome AccessGuard::check(const Request& request, const Route& route) {
  using Status = access::BearerCredentials::Status;
  Outcome outcome;
  std::optional<RequestAction> wanted = action_of(request, route);
  if (!wanted) return outcome;

  std::vector<std::string_view> values;
  for (const auto& header : request.headers)
    if (header.name == "authorization") values.push_back(header.value);
  const access::BearerCredentials credentials = access::parse_authorization(values);

  access::Principal who;  // anonymous
  const access::Time now = access::Clock::now();
  switch (credentials.status) {
    case Status::missing:
      if (auto refused = session_of(request, *wanted, now, who, outcome.note)) {
        outcome.refused = std::move(refused);
        return outcome;
      }
      break;
    case Status::repeated:
      outcome.note = "auth=repeated-header";
      outcome.refused = unauthorized("Yêu cầu có nhiều header Authorization; chỉ gửi một: Authorization: Bearer <token>.",
                                     "invalid_request");
      return outcome;
    case Status::other_scheme:
      outcome.note = "auth=other-scheme";
      outcome.refused = unauthorized("Header Authorization phải có dạng \"Bearer <token>\" với token API của Vanthu; "
                                     "kiểu xác thực khác (Basic, …) không được nhận.",
                                     "invalid_request");
      return outcome;
    case Status::no_token:
      outcome.note = "auth=no-token";
      outcome.refused = unauthorized("Header Authorization thiếu token sau \"Bearer\".", "invalid_request");
      return outcome;
    case Status::malformed:
      outcome.note = "auth=malformed-token";
      outcome.refused = unauthorized("Token không đúng dạng: token API của Vanthu bắt đầu bằng \"vt_\" và có " +
                                         std::to_string(access::kTokenLength) + " ký tự (chữ, số, \"-\" và \"_\").",
                                     "invalid_token");
      return outcome;
    case Status::ok: {
      access::Authentication auth;
      try {
        auth = access::authenticate(*tokens_, credentials.token, now);
      } catch (const std::exception& e) {
        log_.error("Kho token không dùng được (token store unavailable), mọi token bị từ chối: " + log_safe(e.what(), 600));
        outcome.note = "auth=store-unavailable";
        Response r = error_response(503, "token_store_unavailable",
                                    "Tạm thời không xác thực được token (kho token không đọc được). Vui lòng thử lại sau "
                                    "hoặc báo cho quản trị hệ thống.");
        r.set("Retry-After", "30");
        outcome.refused = std::move(r);
        return outcome;
      }
      using A = access::Authentication::Status;
      switch (auth.status) {
        case A::unknown:
          outcome.note = "auth=unknown-token";
          outcome.refused = unauthorized("Token không hợp lệ: không có trong hệ thống. Kiểm tra lại token, hoặc xin quản trị "
                                         "viên cấp token mới (vanthu token create).",
                                         "invalid_token");
          return outcome;
        case A::expired:
          outcome.note = "auth=expired token=" + auth.record->id;
          outcome.refused = unauthorized(token_label(*auth.record) + " đã hết hạn lúc " + access::utc_text(*auth.record->expires) +
                                             ". Xin quản trị viên cấp token mới.",
                                         "invalid_token");
          return outcome;
        case A::revoked:
          outcome.note = "auth=revoked token=" + auth.record->id;
          outcome.refused = unauthorized(token_label(*auth.record) + " đã bị thu hồi. Xin quản trị viên cấp token mới.",
                                         "invalid_token");
          return outcome;
        case A::ok:
          who = auth.record->principal();
          outcome.note = "token=" + auth.record->id;
          if (!auth.record->last_used || now - *auth.record->last_used >= kUseGranularity) note_use(auth.record->id, now);
          break;
      }
      break;
    }
  }

  outcome.who = who;
  const Decision decision = access::decide(who, wanted->action, wanted->agency, settings_);
  switch (decision.outcome) {
    case Decision::Outcome::allow:
      return outcome;
    case Decision::Outcome::unauthenticated:
      if (outcome.note == "auth=stale-session") {
        outcome.refused = unauthorized("Phiên đăng nhập đã hết hạn hoặc đã đăng xuất; hãy đăng nhập lại.", "invalid_token");
        return outcome;
      }
      outcome.note = "auth=none";
      outcome.refused = unauthorized(std::string("Cần token API để ") + what(wanted->action) +
                                     ": gửi header Authorization: Bearer <token>. Quản trị viên cấp token bằng lệnh "
                                     "vanthu token create.");
      return outcome;
    case Decision::Outcome::missing_role:
      outcome.note += " forbidden=role";
      outcome.refused = forbidden(principal_label(who) + " không có vai trò \"" + access::role_name(*decision.role) + "\" cần để " +
                                  what(wanted->action) + " (vai trò của token: " + joined(access::role_names(who.roles)) + ").");
      return outcome;
    case Decision::Outcome::other_agency:
      if (wanted->agency_in_handler) return outcome;  // the handler decides once it knows the agency
      outcome.note += " forbidden=agency";
      outcome.refused = forbidden(principal_label(who) + " không dùng được cho cơ quan \"" + log_safe(wanted->agency, 80) +
                                  "\" (" + scope_label(who) + joined(who.agencies) + "); không được " + what(wanted->action) + ".");
      return outcome;
  }
  return outcome;
}

std::optional<Response> AccessGuard::refuse_other_agency(const access::Principal& who, access::Action action,
                                                         const std::string& agency) const {
  if (access::decide(who, action, agency, settings_).outcome != Decision::Outcome::other_agency) return std::nullopt;
  return forbidden(principal_label(who) + " không dùng được cho cơ quan \"" + log_safe(agency, 80) +
                   "\" (" + scope_label(who) + joined(who.agencies) + "); không được " + what(action) + ".");
}

std::optional<Response> AccessGuard::session_of(const Request& request, const RequestAction& wanted, access::Time now,
                                                access::Principal& who, std::string& note) {
  const bool unsafe = !is_read_only(request.method);
  // A browser's sign-in from another site's page (login CSRF) is refused like any other write.
  if (unsafe && !same_origin(request)) {
    note = "auth=cross-origin";
    return forbidden("Yêu cầu gửi từ một trang khác (Origin không khớp với máy chủ): bị từ chối để bảo vệ phiên đăng nhập.");
  }
  if (!accounts_) return std::nullopt;
  const std::string* cookie = request.header("cookie");
  if (!cookie) return std::nullopt;
  const std::string token = access::session_cookie_value(*cookie);
  if (token.empty()) return std::nullopt;
  std::optional<access::DeskSession> session;
  try {
    session = accounts_->session(token, now);
  } catch (const std::exception& e) {
    log_.error("Kho tài khoản không dùng được (account store unavailable): " + log_safe(e.what(), 600));
    note = "auth=account-store-unavailable";
    Response r = error_response(503, "account_store_unavailable",
                                "Tạm thời không kiểm tra được phiên đăng nhập. Vui lòng thử lại sau ít phút.");
    r.set("Retry-After", "30");
    return r;
  }
  if (!session) {
    note = "auth=stale-session";
    return std::nullopt;
  }
  who = session->account.principal();
  note = "account=" + session->account.id;
  // Every write made with the cookie echoes the session's CSRF token (the desk's pages send it
  // as X-CSRF-Token): a page of another site can make the browser send the cookie, never the token.
  if (unsafe && !(wanted.action == access::Action::sign_in && request.method == "POST")) {
    const std::string* sent = request.header("x-csrf-token");
    if (!sent || !access::constant_time_equal(*sent, session->csrf)) {
      note += " auth=csrf";
      return error_response(403, "csrf_failed",
                            "Thiếu hoặc sai mã chống giả mạo (X-CSRF-Token) của phiên đăng nhập; hãy tải lại trang rồi thử lại.");
    }
  }
  return std::nullopt;
}

void AccessGuard::note_use(const std::string& id, access::Time now) {
  {
    std::lock_guard lock(uses_mutex_);
    auto it = recorded_uses_.find(id);
    if (it != recorded_uses_.end() && now - it->second < kUseGranularity) return;
    recorded_uses_[id] = now;
  }
  try {
    tokens_->record_use(id, std::chrono::time_point_cast<std::chrono::seconds>(now));
  } catch (const std::exception& e) {
    log_.warning("Không ghi được lần dùng token " + id + " (cannot record token use): " + log_safe(e.what(), 400));
  }
}

}  // namespace vanthu::host::http
