#include "access/policy.hpp"

#include <algorithm>
#include <stdexcept>

namespace vanthu::host::access {
namespace {

using A = Action;
using Open = Anonymous;

// ---------------------------------------------------------------------------------------------
// WHO MAY DO WHAT. One row per action; decide() reads nothing else.
//
//   anonymous: when a caller without a token may do it at all;
//   role:      what a token (later: a desk account) needs otherwise (nullopt: any valid token);
//   agency:    the agency acted on (?agency=, {agency}) must be in the token's list (or "*").
//
// Writes always need a token. A token that is sent is always checked, also on open routes: a
// wrong, expired or revoked token is a 401 wherever it is used, so a caller learns of it at once.
// ---------------------------------------------------------------------------------------------
const std::vector<Rule> kRules = {
    //  action                     routes                                                              anonymous                 role              agency
    {A::probe,                  "GET /healthz, GET /readyz",                                         Open::always,              std::nullopt,     false},
    {A::observe,                "GET /metrics",                                                      Open::if_public_read,      std::nullopt,     false},
    {A::read_catalog,           "GET /v1/report-types, GET /v1/report-types/{id}, GET /v1/report-types/{id}/template",
                                                                                                     Open::if_public_read,      std::nullopt,     false},
    {A::render_builtin,         "POST /v1/report-types/{id}/documents",                              Open::if_anonymous_render, Role::render,     false},
    {A::render_agency,          "POST /v1/report-types/{id}/documents?agency={agency}",              Open::never,               Role::render,     true},
    {A::render_any_template,    "POST /v1/templates:render",                                         Open::never,               Role::render,     false},
    {A::check_template,         "POST /v1/templates:check",                                          Open::never,               Role::render,     false},
    {A::read_agency_templates,  "GET /v1/report-types/{id}/templates/{agency}[/{n}]",                Open::never,               Role::templates,  true},
    {A::write_agency_templates, "PUT /v1/report-types/{id}/templates/{agency}, POST …/templates/{agency}:rollback",
                                                                                                     Open::never,               Role::templates,  true},
    {A::create_draft,           "POST /v1/documents, PUT /v1/documents/{id} (a draft)",              Open::never,               Role::render,     true},
    {A::read_document,          "GET /v1/documents?agency=, GET /v1/documents/{id}, GET /v1/documents/{id}/file",
                                                                                                     Open::never,               Role::render,     true},
    {A::issue_document,         "POST /v1/documents/{id}:issue, POST /v1/documents/{id}:withdraw",   Open::never,               Role::issue,      true},
    {A::read_register,          "GET /v1/registers/{agency}/{year}",                                 Open::never,               Role::render,     true},
    {A::administer,             "GET/POST /v1/accounts, POST /v1/accounts/{id}:disable|:enable|:set-password, GET/POST /v1/tokens, POST /v1/tokens/{id}:revoke",
                                                                                                     Open::never,               Role::admin,      true},
    {A::convert_text,           "POST /v1/text:unicode",                                             Open::never,               Role::render,     false},
    {A::sign_in,                "POST /v1/session, GET /v1/session, DELETE /v1/session",             Open::always,              std::nullopt,     false},
    {A::open_desk,              "GET /, GET /desk/…",                                                Open::always,              std::nullopt,     false},
};

bool open_to_anonymous(Open open, const PolicySettings& settings) {
  switch (open) {
    case Open::always: return true;
    case Open::if_public_read: return settings.public_read;
    case Open::if_anonymous_render: return settings.anonymous_render;
    case Open::never: return false;
  }
  return false;
}

}  // namespace

const char* role_name(Role role) {
  switch (role) {
    case Role::render: return "render";
    case Role::issue: return "issue";
    case Role::templates: return "templates";
    case Role::admin: return "admin";
  }
  return "?";
}

std::vector<std::string> role_names(Roles roles) {
  std::vector<std::string> names;
  for (Role role : {Role::render, Role::issue, Role::templates, Role::admin})
    if (roles & bit(role)) names.emplace_back(role_name(role));
  return names;
}

std::optional<Roles> parse_roles(std::string_view text, std::string* bad) {
  Roles roles = 0;
  std::size_t at = 0;
  while (at <= text.size()) {
    std::size_t comma = text.find(',', at);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view name = text.substr(at, comma - at);
    while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
    while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
    bool known = false;
    for (Role role : {Role::render, Role::issue, Role::templates, Role::admin}) {
      if (name == role_name(role)) {
        roles |= bit(role);
        known = true;
      }
    }
    if (!known) {
      if (bad) *bad = std::string(name);
      return std::nullopt;
    }
    at = comma + 1;
  }
  if (roles == 0) return std::nullopt;
  return roles;
}

bool Principal::covers(std::string_view agency) const {
  return std::any_of(agencies.begin(), agencies.end(),
                     [&](const std::string& mine) { return mine == "*" || (!agency.empty() && mine == agency); });
}

const std::vector<Rule>& rules() { return kRules; }

const Rule& rule_of(Action action) {
  for (const Rule& rule : kRules)
    if (rule.action == action) return rule;
  throw std::logic_error("access::rule_of: an action without a rule");  // a unit test walks every action
}

Decision decide(const Principal& who, Action action, std::string_view agency, const PolicySettings& settings) {
  const Rule& rule = rule_of(action);
  Decision decision;
  decision.role = rule.role;
  if (open_to_anonymous(rule.anonymous, settings)) return decision;  // open to anyone, token or not
  if (!who.authenticated()) {
    decision.outcome = Decision::Outcome::unauthenticated;
    return decision;
  }
  if (rule.role && !who.has(*rule.role)) {
    decision.outcome = Decision::Outcome::missing_role;
    return decision;
  }
  if (rule.agency_scoped && !who.covers(agency)) {
    decision.outcome = Decision::Outcome::other_agency;
    return decision;
  }
  return decision;
}

}  // namespace vanthu::host::access
