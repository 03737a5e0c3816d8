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
  if (raw_path == "/v1/accounts") return {R::accounts, {}, {}, {}};
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

std::optional<int> version_number(const std::string& text) {
  if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos || text[0] == '0')
    return std::nullopt;
  return std::stoi(text);
}

}  // namespace vanthu::host::http
