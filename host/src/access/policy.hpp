//! The access model: who may do what. Shared by the HTTP API's API tokens (http/auth.hpp) and,
//! later, the clerk's desk accounts (issue 13): both become a Principal (agencies and roles), and
//! every request becomes an Action, optionally on one agency. decide() reads the one table of
//! rules, kRules in policy.cpp — the place a reviewer reads to see who may do what.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::host::access {

//! What a principal may be allowed to do. A bit set (Roles).
enum class Role : unsigned {
  render = 1u << 0,     //!< make documents (built-in or an agency's template), render/check any template
  issue = 1u << 1,      //!< issue numbered documents into the register, withdraw them
  templates = 1u << 2,  //!< upload, roll back and read an agency's stored templates
  admin = 1u << 3,      //!< manage tokens and accounts (reserved: later, through the API and the desk)
};
using Roles = unsigned;

inline constexpr Roles bit(Role role) { return static_cast<Roles>(role); }
inline constexpr Roles kAllRoles = bit(Role::render) | bit(Role::issue) | bit(Role::templates) | bit(Role::admin);

//! "render", "issue", "templates", "admin".
const char* role_name(Role role);
//! The roles of a set, in the order above.
std::vector<std::string> role_names(Roles roles);
//! "render,templates" (or "render, templates" with a space) to a set; nothing when a name is
//! unknown or the list is empty (`bad` says which name).
std::optional<Roles> parse_roles(std::string_view text, std::string* bad = nullptr);

//! Who is asking: nobody (no credentials), or an authenticated API token (later also a desk
//! account). Agencies are ids (a-z, 0-9, -) or "*" (every agency).
struct Principal {
  enum class Kind { anonymous, token, account } kind = Kind::anonymous;
  std::string id;                    //!< the token's id ("tk_…") or the account's ("acc_…"), never a secret
  std::string name;                  //!< what the administrator called it
  std::vector<std::string> agencies;
  Roles roles = 0;

  bool authenticated() const { return kind != Kind::anonymous; }
  bool has(Role role) const { return (roles & bit(role)) != 0; }
  //! The agency is in the principal's list, or the list holds "*".
  bool covers(std::string_view agency) const;
};

//! Every kind of request the service answers, by what it does (not by URL: the desk's pages map
//! to the same actions). http/auth.cpp says which route is which action.
enum class Action {
  probe,                   //!< liveness and readiness
  observe,                 //!< the metrics
  read_catalog,            //!< report types, their schemas and built-in templates
  render_builtin,          //!< a document with the built-in template
  render_agency,           //!< a document with an agency's template
  render_any_template,     //!< a template the caller brings, filled with the caller's data
  check_template,          //!< the check report of a template the caller brings
  read_agency_templates,   //!< an agency's stored versions (listing, download)
  write_agency_templates,  //!< upload a new version, roll back
  create_draft,            //!< keep a draft of an agency's document (POST /v1/documents)
  read_document,           //!< an agency's draft or issued document, and its issued file
  issue_document,          //!< give a draft its number in the register, or withdraw an issued one
  read_register,           //!< an agency's register of outgoing documents
  administer,              //!< manage an agency's desk accounts (and, later, tokens over the API)
  convert_text,            //!< text pasted from TCVN3/VNI documents made Unicode (POST /v1/text:unicode)
  sign_in,                 //!< start, read or end a desk session (the session's own routes)
  open_desk,               //!< the desk's pages and assets (they hold no data: every datum comes from the API)
};

//! The service's switches that open some actions to anonymous callers.
struct PolicySettings {
  bool public_read = true;        //!< vanthu.public-read: the catalog and the metrics without a token
  bool anonymous_render = false;  //!< vanthu.anonymous-render: built-in templates without a token
};

//! When an action needs no credentials at all.
enum class Anonymous {
  always,               //!< never needs a token
  if_public_read,       //!< when public_read is on
  if_anonymous_render,  //!< when anonymous_render is on
  never,                //!< always a token
};

struct Rule {
  Action action;
  const char* routes;        //!< what it is over HTTP, for the reader (and the README)
  Anonymous anonymous;       //!< when nobody at all may do it
  std::optional<Role> role;  //!< the role a principal needs otherwise; none: any authenticated one
  bool agency_scoped;        //!< the agency acted on must be one of the principal's
};

//! The table, one rule per action, in the order of Action.
const std::vector<Rule>& rules();
const Rule& rule_of(Action action);

struct Decision {
  enum class Outcome {
    allow,
    unauthenticated,  //!< needs credentials, none given (401)
    missing_role,     //!< authenticated, lacks `role` (403)
    other_agency,     //!< authenticated, the agency is outside its scope (403)
  } outcome = Outcome::allow;
  std::optional<Role> role;  //!< the role the rule asks for
  bool allowed() const { return outcome == Outcome::allow; }
};

//! Whether `who` may do `action` on `agency` ("" when the action names no agency).
Decision decide(const Principal& who, Action action, std::string_view agency, const PolicySettings& settings);

}  // namespace vanthu::host::access
