#include "http_service.hpp"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <random>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/auth.hpp"
#include "http/handlers/handlers.hpp"
#include "http/idempotency.hpp"
#include "http/metrics.hpp"
#include "http/responses.hpp"
#include "http/router.hpp"
#include "messages.hpp"

namespace vanthu::host {
namespace {

using http::Request;
using http::Response;
using http::Route;

//! The API behind the front end (http/server.hpp): every request arrives whole, its body read
//! exactly as framed and within body_limit(), so no route has a body left to read or drop. It
//! routes (http/router.hpp) and hands each request to its resource's handler (http/handlers/).
class ApiHandler : public http::Handler {
 public:
  ApiHandler(http::ApiContext ctx, std::shared_ptr<http::AccessGuard> guard, bool json_log)
      : ctx_(std::move(ctx)), guard_(std::move(guard)), json_log_(json_log) {}

  std::size_t body_limit(const Request& head) const override {
    switch (http::route(head.path).resource) {
      case Route::Resource::agency_templates:
      case Route::Resource::templates_render:
      case Route::Resource::templates_check:
        // Routes that always need a token: a request without one may not make the front end
        // hold an upload-sized body (it is answered 401 once read, or 413 past the JSON limit).
        if (!head.header("authorization")) return ctx_.max_body;
        return std::max(ctx_.max_body, ctx_.max_upload);
      default:
        return ctx_.max_body;
    }
  }

  Response handle(Request& request) override {
    const auto started = std::chrono::steady_clock::now();
    const std::string request_id = request_id_of(request);
    const Route r = http::route(request.path);
    Response response;
    std::string access_note;
    try {
      http::AccessGuard::Outcome access = guard_->check(request, r);
      access_note = std::move(access.note);
      request.who = std::move(access.who);
      response = access.refused ? std::move(*access.refused)
                                : http::idempotent(*ctx_.idempotency, request, r, [&] { return dispatch(request, r); });
    } catch (const std::exception& e) {
      ctx_.log.error(log_safe(request.method, 20) + " " + log_safe(request.path) + ": " + log_safe(e.what(), 1000));
      response = http::internal_error();
    } catch (...) {
      ctx_.log.error(log_safe(request.method, 20) + " " + log_safe(request.path) + ": unknown exception");
      response = http::internal_error();
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (json_log_) {
      // One object a request; the formatter (cli/application.cpp) adds time, level and logger.
      nlohmann::ordered_json line = {{"event", "request"},
                                     {"request_id", request_id},
                                     {"method", log_safe(request.method, 20)},
                                     {"path", log_safe(request.path)},
                                     {"route", route_name(r.resource)},
                                     {"status", response.status},
                                     {"duration_ms", std::round(ms * 100) / 100},
                                     {"bytes", response.file ? response.file->size() : response.body.size()},
                                     {"caller", request.who.authenticated() ? request.who.id : "anonymous"},
                                     {"peer", log_safe(request.peer, 60)}};
      if (!access_note.empty()) line["access"] = access_note;
      if (response.header("Idempotent-Replayed")) line["replayed"] = true;
      ctx_.log.information(line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace));
    } else {
      char duration[32];
      std::snprintf(duration, sizeof duration, "%.2fms", ms);
      ctx_.log.information(log_safe(request.method, 20) + " " + log_safe(request.path) + " " + std::to_string(response.status) +
                           " " + duration + " id=" + request_id + (access_note.empty() ? "" : " " + access_note));
    }
    metrics_.observe(route_name(r.resource), response.status, ms / 1000.0);
    if (response.status == 200 && response.header("Content-Disposition")) metrics_.document_rendered();
    if (r.resource == Route::Resource::document_issue && response.status == 200 && !response.header("Idempotent-Replayed"))
      metrics_.issued();
    response.set("X-Request-Id", request_id);
    return response;
  }

  //! The client's X-Request-Id when it is a sane token (1-128 of A-Z a-z 0-9 . _ - :), else a new
  //! random one: echoed in the answer and written in the log line, so a request can be followed
  //! from the calling system into ours.
  static std::string request_id_of(const Request& request) {
    if (const std::string* given = request.header("x-request-id")) {
      const bool sane = !given->empty() && given->size() <= 128 &&
                        given->find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-:") ==
                            std::string::npos;
      if (sane) return *given;
    }
    thread_local std::mt19937_64 random{std::random_device{}()};
    char text[33];
    std::snprintf(text, sizeof text, "%016llx%016llx", static_cast<unsigned long long>(random()),
                  static_cast<unsigned long long>(random()));
    return text;
  }

  Response error(int status, const std::string& code, const std::string& message) const override {
    return http::error_response(status, code, message);
  }

  void log_refused(const std::string& peer, const std::string& what, int status) const override {
    metrics_.refused(status);
    ctx_.log.information(log_safe(what, 240) + " " + std::to_string(status) +
                         " (từ chối trước khi xử lý, refused by the front end; " + log_safe(peer, 60) + ")");
  }

 private:
  Response dispatch(Request& request, const Route& r) {
    using R = Route::Resource;
    const std::string& method = request.method;
    const bool read_only = http::is_read_only(method);
    auto only = [&](bool allowed, const char* allow) -> std::optional<Response> {
      if (allowed) return std::nullopt;
      return http::method_not_allowed(request, allow);
    };
    if (auto refused = unknown_parameters(request, r)) return *refused;
    if (auto refused = not_acceptable(request, r)) return *refused;
    switch (r.resource) {
      case R::none:
        return http::error_response(404, "not_found", "Không có tài nguyên " + log_safe(request.path, 200) + " trên máy chủ này.");
      case R::health:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::health(ctx_);
      case R::ready:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::ready(ctx_);
      case R::metrics: {
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        Response r;
        r.body = metrics_.text(ctx_.pdf.get());
        r.set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        r.set("Cache-Control", "no-store");
        return r;
      }
      case R::report_types:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::list_report_types(ctx_);
      case R::report_type:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::describe_report_type(ctx_, r.id);
      case R::documents:
        if (auto refused = only(method == "POST", "POST")) return *refused;
        return http::create_document(ctx_, request, r.id);
      case R::documents_batch:
        if (auto refused = only(method == "POST", "POST")) return *refused;
        return http::create_documents_batch(ctx_, request, r.id);
      case R::builtin_template:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::builtin_template(ctx_, r.id);
      case R::agency_templates:
        if (method == "PUT") return http::upload_template(ctx_, request, r);
        if (auto refused = only(read_only, "GET, HEAD, PUT")) return *refused;
        return http::list_templates(ctx_, r);
      case R::agency_rollback:
        if (auto refused = only(method == "POST", "POST")) return *refused;
        return http::rollback_template(ctx_, request, r);
      case R::agency_version:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::download_version(ctx_, r);
      case R::templates_render:
        if (auto refused = only(method == "POST", "POST")) return *refused;
        return http::render_any_template(ctx_, request);
      case R::templates_check:
        if (auto refused = only(method == "POST", "POST")) return *refused;
        return http::check_any_template(ctx_, request);
      case R::drafts:
        if (method == "POST") return http::create_draft(ctx_, request);
        if (auto refused = only(read_only, "GET, HEAD, POST")) return *refused;
        return http::list_documents(ctx_, request);
      case R::document:
        if (method == "PUT") return http::save_document(ctx_, request, r.id);
        if (auto refused = only(read_only, "GET, HEAD, PUT")) return *refused;
        return http::show_document(ctx_, request, r.id);
      case R::document_file:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::issued_file(ctx_, request, r.id);
      case R::document_issue:
        if (auto refused = only(method == "POST", "POST")) return *refused;
        return http::issue(ctx_, request, r.id);
      case R::document_withdraw:
        if (auto refused = only(method == "POST", "POST")) return *refused;
        return http::withdraw(ctx_, request, r.id);
      case R::register_year:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::show_register(ctx_, request, r);
      case R::session:
        if (auto refused = only(read_only || method == "POST" || method == "DELETE", "GET, HEAD, POST, DELETE")) return *refused;
        return http::session(ctx_, request);
      case R::accounts:
        if (method == "POST") return http::create_account(ctx_, request);
        if (auto refused = only(read_only, "GET, HEAD, POST")) return *refused;
        return http::list_accounts(ctx_, request);
      case R::account:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::show_account(ctx_, request, r.id);
      case R::account_action:
        if (auto refused = only(method == "POST", "POST")) return *refused;
        return http::change_account(ctx_, request, r);
      case R::tokens:
        if (method == "POST") return http::create_api_token(ctx_, request);
        if (auto refused = only(read_only, "GET, HEAD, POST")) return *refused;
        return http::list_api_tokens(ctx_, request);
      case R::token_revoke:
        if (auto refused = only(method == "POST", "POST")) return *refused;
        return http::revoke_api_token(ctx_, request, r.id);
      case R::openapi:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::openapi(ctx_);
      case R::text_unicode:
        if (auto refused = only(method == "POST", "POST")) return *refused;
        return http::convert_text(ctx_, request);
      case R::desk:
        if (auto refused = only(read_only, "GET, HEAD")) return *refused;
        return http::desk_page(ctx_, request, r);
    }
    return http::error_response(404, "not_found", "Không có tài nguyên " + log_safe(request.path, 200) + ".");
  }

  //! A misspelled parameter (?agnecy=hai-an) must not silently give the built-in template: every
  //! query parameter a route does not take is a 400 naming it.
  static std::optional<Response> unknown_parameters(const Request& request, const Route& r) {
    using R = Route::Resource;
    if (request.query.empty() || r.resource == R::none) return std::nullopt;
    const std::vector<std::string>& allowed = http::spec_of(r.resource).query;  // router.cpp, the one table
    std::map<std::string, std::string> query;
    if (!http::query_parameters(request, query))
      return http::error_response(400, "bad_request", "Tham số truy vấn không đọc được.");
    vanthu::Problems problems;
    for (const auto& [name, value] : query) {
      if (std::find(allowed.begin(), allowed.end(), name) != allowed.end()) continue;
      std::string takes;
      for (const auto& a : allowed) takes += (takes.empty() ? "" : ", ") + a;
      problems.push_back({"?" + log_safe(name, 60), "unknown_parameter",
                          "Tham số \"" + log_safe(name, 60) + "\" không dùng được với " + log_safe(request.path, 200) +
                              (takes.empty() ? " (địa chỉ này không nhận tham số nào)." : "; các tham số được nhận: " + takes + ".")});
    }
    if (problems.empty()) return std::nullopt;
    return http::problems_response(400, problems);
  }

  //! 406 when the client's Accept rules out what the route answers with (a DOCX, or JSON); its
  //! errors are JSON whatever Accept says. No Accept, or */*, takes anything.
  static std::optional<Response> not_acceptable(const Request& request, const Route& r) {
    using R = Route::Resource;
    const std::string* accept = request.header("accept");
    if (!accept || r.resource == R::none) return std::nullopt;
    // The register answers JSON, DOCX or XLSX by ?format=, an issued file is what was stored,
    // and a document is a DOCX or a PDF (Accept, ?format=): the handler judges Accept there.
    if (r.resource == R::register_year || r.resource == R::document_file || r.resource == R::document_issue ||
        r.resource == R::documents || r.resource == R::documents_batch || r.resource == R::templates_render || r.resource == R::desk)
      return std::nullopt;
    const bool docx = r.resource == R::documents || r.resource == R::builtin_template || r.resource == R::agency_version ||
                      r.resource == R::templates_render;
    const std::string type = r.resource == R::metrics ? "text" : "application";
    const std::string subtype =
        r.resource == R::metrics ? "plain" : docx ? "vnd.openxmlformats-officedocument.wordprocessingml.document" : "json";
    std::string_view rest = *accept;
    while (!rest.empty()) {
      std::size_t comma = rest.find(',');
      std::string range(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
      // "type/subtype;q=0.5": a range with q=0 is refused, any other q accepted.
      std::string params;
      if (std::size_t semi = range.find(';'); semi != std::string::npos) {
        params = range.substr(semi + 1);
        range.resize(semi);
      }
      range.erase(0, range.find_first_not_of(" \t"));
      range.erase(range.find_last_not_of(" \t") + 1);
      for (char& c : range) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      std::string compact;
      for (char c : params)
        if (c != ' ' && c != '\t') compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (compact.find("q=0") != std::string::npos && compact.find_first_of("123456789", compact.find("q=0")) == std::string::npos)
        continue;
      const std::size_t slash = range.find('/');
      if (slash == std::string::npos) continue;
      const std::string t = range.substr(0, slash), s = range.substr(slash + 1);
      if ((t == "*" || t == type) && (s == "*" || s == subtype)) return std::nullopt;
    }
    return http::error_response(406, "not_acceptable",
                                "Địa chỉ " + log_safe(request.path, 200) + " chỉ trả về " + type + "/" + subtype +
                                    "; Accept \"" + log_safe(*accept, 120) + "\" không nhận kiểu đó.");
  }

  //! A route's name in the metrics: the resource, never the path (ids would make labels unbounded).
  static const char* route_name(Route::Resource resource) {
    using R = Route::Resource;
    switch (resource) {
      case R::none: return "unknown";
      case R::health: return "healthz";
      case R::ready: return "readyz";
      case R::metrics: return "metrics";
      case R::report_types: return "report_types";
      case R::report_type: return "report_type";
      case R::documents: return "documents";
      case R::documents_batch: return "documents_batch";
      case R::builtin_template: return "builtin_template";
      case R::agency_templates: return "agency_templates";
      case R::agency_rollback: return "agency_rollback";
      case R::agency_version: return "agency_version";
      case R::templates_render: return "templates_render";
      case R::templates_check: return "templates_check";
      case R::drafts: return "drafts";
      case R::document: return "document";
      case R::document_file: return "document_file";
      case R::document_issue: return "document_issue";
      case R::document_withdraw: return "document_withdraw";
      case R::register_year: return "register";
      case R::session: return "session";
      case R::accounts: return "accounts";
      case R::account: return "account";
      case R::account_action: return "account_action";
      case R::desk: return "desk";
      case R::text_unicode: return "text_unicode";
      case R::openapi: return "openapi";
      case R::tokens: return "tokens";
      case R::token_revoke: return "token_revoke";
    }
    return "unknown";
  }

  http::ApiContext ctx_;
  std::shared_ptr<http::AccessGuard> guard_;
  bool json_log_ = false;
  mutable http::Metrics metrics_;
};

}  // namespace

HttpService::HttpService(std::shared_ptr<const PluginRegistry> registry, HttpSettings settings, Poco::Logger& log)
    : registry_(std::move(registry)),
      settings_(std::move(settings)),
      log_(log),
      desk_(std::make_shared<const desk::Assets>(desk::Assets::load(settings_.desk_dir))) {
  Stores stores = open_stores({settings_.data_dir, settings_.database}, &log_);
  store_ = std::move(stores.templates);
  documents_ = std::move(stores.documents);
  tokens_ = std::move(stores.tokens);
  accounts_ = std::move(stores.accounts);
  idempotency_ = std::move(stores.idempotency);
}

std::shared_ptr<PdfPool> HttpService::pdf_pool() const { return pdf_; }

HttpService::~HttpService() {
  try {
    stop();
  } catch (...) {
  }
}

void HttpService::start() {
  http::ServerSettings server;
  server.host = settings_.host;
  server.port = settings_.port;
  server.workers = settings_.threads;
  server.max_connections = settings_.max_connections;
  server.allowed_hosts = settings_.allowed_hosts;
  server.head_timeout = std::chrono::milliseconds(settings_.head_timeout_ms);
  server.body_timeout = std::chrono::milliseconds(settings_.body_timeout_ms);
  server.idle_timeout = std::chrono::milliseconds(settings_.idle_timeout_ms);
  auto guard = std::make_shared<http::AccessGuard>(
      tokens_, access::PolicySettings{settings_.public_read, settings_.anonymous_render}, log_, accounts_);
  if (!pdf_ && settings_.pdf.workers > 0) {
    PdfPoolSettings pdf = settings_.pdf;
    if (pdf.profiles_dir.empty()) pdf.profiles_dir = settings_.data_dir / "lo-profiles";
    // Each new worker converts a built-in template once, so the first request finds it warm.
    if (pdf.warmup_docx.empty() && !registry_->report_types().empty()) pdf.warmup_docx = registry_->report_types().front()->template_docx;
    pdf_ = std::make_shared<PdfPool>(std::move(pdf), log_);
  }
  auto handler = std::make_shared<ApiHandler>(
      http::ApiContext{registry_, store_, documents_, guard, pdf_, settings_.max_body, settings_.max_upload, log_, accounts_, desk_,
                       settings_.secure_cookies, settings_.data_dir, idempotency_, tokens_},
      guard, settings_.json_log);
  server_ = std::make_unique<http::Server>(server, handler, log_);
  server_->start();
  if (pdf_) pdf_->start();  // once the port is ours: a server that cannot listen starts no office
}

int HttpService::port() const { return server_ ? server_->port() : 0; }

void HttpService::stop() {
  if (!server_) return;
  server_->stop();
  server_.reset();
  pdf_.reset();
}

}  // namespace vanthu::host
