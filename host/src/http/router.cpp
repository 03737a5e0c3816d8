#include "http/router.hpp"

#include <vector>

#include <Poco/Exception.h>
#include <Poco/URI.h>

namespace vanthu::host::http {

namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1;  // after the leading "/"
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

bool decode(const std::string& segment, std::string& out) {
  try {
    Poco::URI::decode(segment, out);
  } catch (const Poco::Exception&) {
    return false;
  }
  return !out.empty();
}

}  // namespace

Route route(std::string_view raw_path) {
  using R = Route::Resource;
  Route r;
  if (raw_path.empty() || raw_path[0] != '/') return r;
  if (raw_path == "/healthz") return {R::health, {}, {}, {}};
  if (raw_path == "/readyz") return {R::ready, {}, {}, {}};
  if (raw_path == "/metrics") return {R::metrics, {}, {}, {}};
  if (raw_path == "/v1/templates:render") return {R::templates_render, {}, {}, {}};
  if (raw_path == "/v1/templates:check") return {R::templates_check, {}, {}, {}};
  if (raw_path == "/v1/session") return {R::session, {}, {}, {}};
  if (raw_path == "/v1/text:unicode") return {R::text_unicode, {}, {}, {}};
  if (raw_path == "/v1/openapi.json") return {R::openapi, {}, {}, {}};
  if (raw_path == "/v1/accounts") return {R::accounts, {}, {}, {}};
  if (raw_path == "/v1/tokens") return {R::tokens, {}, {}, {}};
  if (raw_path == "/" || raw_path == "/desk") return {R::desk, "", {}, {}};
  if (raw_path.substr(0, 6) == "/desk/") return {R::desk, std::string(raw_path.substr(6)), {}, {}};
  auto segments = split_path(raw_path);
  if (segments.size() == 3 && segments[0] == "v1" && segments[1] == "accounts") {
    std::string id;
    if (!decode(segments[2], id)) return r;
    for (const char* verb : {":disable", ":enable", ":set-password"}) {
      const std::string v = verb;
      if (id.size() > v.size() && id.compare(id.size() - v.size(), v.size(), v) == 0)
        return {R::account_action, id.substr(0, id.size() - v.size()), {}, v.substr(1)};
    }
    return {R::account, id, {}, {}};
  }
  if (segments.size() == 3 && segments[0] == "v1" && segments[1] == "tokens") {
    std::string id;
    const std::string verb = ":revoke";
    if (!decode(segments[2], id) || id.size() <= verb.size() || id.compare(id.size() - verb.size(), verb.size(), verb) != 0)
      return r;
    return {R::token_revoke, id.substr(0, id.size() - verb.size()), {}, {}};
  }
  if (segments.size() >= 2 && segments[0] == "v1" && segments[1] == "documents") {
    if (segments.size() == 2) return {R::drafts, {}, {}, {}};
    std::string id;
    if (!decode(segments[2], id)) return r;
    if (segments.size() == 4) return segments[3] == "file" ? Route{R::document_file, id, {}, {}} : r;
    if (segments.size() != 3) return r;
    auto ends_with = [&](std::string_view verb) {
      return id.size() > verb.size() && id.compare(id.size() - verb.size(), verb.size(), verb) == 0;
    };
    if (ends_with(":issue")) return {R::document_issue, id.substr(0, id.size() - 6), {}, {}};
    if (ends_with(":withdraw")) return {R::document_withdraw, id.substr(0, id.size() - 9), {}, {}};
    return {R::document, id, {}, {}};
  }
  if (segments.size() == 4 && segments[0] == "v1" && segments[1] == "registers") {
    std::string agency;
    if (!decode(segments[2], agency) || segments[3].empty()) return r;
    return {R::register_year, {}, agency, segments[3]};
  }
  if (segments.size() < 2 || segments[0] != "v1" || segments[1] != "report-types") return r;
  if (segments.size() == 2) return {R::report_types, {}, {}, {}};
  std::string id;
  if (!decode(segments[2], id)) return r;
  if (segments.size() == 3) return {R::report_type, id, {}, {}};
  if (segments.size() == 4 && segments[3] == "documents") return {R::documents, id, {}, {}};
  if (segments.size() == 4 && segments[3] == "documents:batch") return {R::documents_batch, id, {}, {}};
  if (segments.size() == 4 && segments[3] == "template") return {R::builtin_template, id, {}, {}};
  if (segments.size() < 5 || segments.size() > 6 || segments[3] != "templates") return r;
  std::string agency;
  if (!decode(segments[4], agency)) return r;
  if (segments.size() == 6) return segments[5].empty() ? r : Route{R::agency_version, id, agency, segments[5]};
  const std::string kRollback = ":rollback";
  if (agency.size() > kRollback.size() && agency.compare(agency.size() - kRollback.size(), kRollback.size(), kRollback) == 0)
    return {R::agency_rollback, id, agency.substr(0, agency.size() - kRollback.size()), {}};
  return {R::agency_templates, id, agency, {}};
}

const std::vector<RouteSpec>& route_specs() {
  using R = Route::Resource;
  static const std::vector<RouteSpec> specs = {
      {R::health, {"/healthz"}, {"GET"}, {}, "Liveness: the process answers"},
      {R::ready, {"/readyz"}, {"GET"}, {}, "Readiness: report types loaded, stores open"},
      {R::metrics, {"/metrics"}, {"GET"}, {}, "Prometheus metrics"},
      {R::report_types, {"/v1/report-types"}, {"GET"}, {}, "The report types"},
      {R::report_type, {"/v1/report-types/{id}"}, {"GET"}, {}, "A report type's input schema and example"},
      {R::documents, {"/v1/report-types/{id}/documents"}, {"POST"}, {"agency", "template_version", "format"},
       "Render a document (DOCX, or PDF/PDF-A by Accept or ?format=)", true},
      {R::documents_batch, {"/v1/report-types/{id}/documents:batch"}, {"POST"}, {"agency", "template_version", "format"},
       "Render many documents at once: one ZIP, a file per item and results.json with each item's problems"},
      {R::builtin_template, {"/v1/report-types/{id}/template"}, {"GET"}, {}, "The built-in template (DOCX)"},
      {R::agency_templates, {"/v1/report-types/{id}/templates/{agency}"}, {"GET", "PUT"}, {"delimiters"},
       "An agency's template versions; upload a new one"},
      {R::agency_rollback, {"/v1/report-types/{id}/templates/{agency}:rollback"}, {"POST"}, {}, "Make an older version current", true},
      {R::agency_version, {"/v1/report-types/{id}/templates/{agency}/{version}"}, {"GET"}, {}, "One stored template version"},
      {R::templates_render, {"/v1/templates:render"}, {"POST"}, {"delimiters", "strict", "format"}, "Fill any template with any data", true},
      {R::templates_check, {"/v1/templates:check"}, {"POST"}, {"delimiters", "report_type"}, "Check a template"},
      {R::drafts, {"/v1/documents"}, {"GET", "POST"}, {"agency", "report_type", "limit"}, "An agency's documents; keep a draft", true},
      {R::document, {"/v1/documents/{id}"}, {"GET", "PUT"}, {}, "A document; save a draft again"},
      {R::document_issue, {"/v1/documents/{id}:issue"}, {"POST"}, {}, "Number, date and issue a draft", true},
      {R::document_withdraw, {"/v1/documents/{id}:withdraw"}, {"POST"}, {}, "Withdraw an issued document", true},
      {R::document_file, {"/v1/documents/{id}/file"}, {"GET"}, {}, "The issued file, byte for byte"},
      {R::register_year, {"/v1/registers/{agency}/{year}"}, {"GET"}, {"format"}, "The register of outgoing documents"},
      {R::session, {"/v1/session"}, {"GET", "POST", "DELETE"}, {}, "The desk's session: read, sign in, sign out"},
      {R::accounts, {"/v1/accounts"}, {"GET", "POST"}, {"agency"}, "An agency's desk accounts; add one"},
      {R::account, {"/v1/accounts/{id}"}, {"GET"}, {}, "A desk account"},
      {R::account_action, {"/v1/accounts/{id}:disable", "/v1/accounts/{id}:enable", "/v1/accounts/{id}:set-password"}, {"POST"},
       {}, "Disable, enable an account, or set its password"},
      {R::tokens, {"/v1/tokens"}, {"GET", "POST"}, {}, "API tokens the caller administers; make one (shown once)"},
      {R::token_revoke, {"/v1/tokens/{id}:revoke"}, {"POST"}, {}, "Revoke an API token"},
      {R::text_unicode, {"/v1/text:unicode"}, {"POST"}, {}, "Text typed in TCVN3 or VNI, in Unicode"},
      {R::openapi, {"/v1/openapi.json"}, {"GET"}, {}, "This description"},
      {R::desk, {"/", "/desk/", "/desk/{asset}"}, {"GET"}, {}, "The clerk's desk (web pages)"},
  };
  return specs;
}

const RouteSpec& spec_of(Route::Resource resource) {
  for (const auto& spec : route_specs())
    if (spec.resource == resource) return spec;
  static const RouteSpec none{Route::Resource::none, {}, {}, {}, ""};
  return none;
}

std::optional<int> version_number(const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos || text[0] == '0')
    return std::nullopt;
  return std::stoi(text);
}

}  // namespace vanthu::host::http
