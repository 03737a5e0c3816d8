//! The HTTP side of the access model (access/policy.hpp): which action each route is, the
//! Authorization: Bearer header, and the 401/403 answers.
//!
//!   401 unauthorized  (WWW-Authenticate: Bearer …) no token where one is needed; a token that is
//!                     malformed, unknown, expired or revoked (wherever it is sent)
//!   403 forbidden     (WWW-Authenticate: Bearer error="insufficient_scope") a valid token
//!                     without the role, or for another agency
//!   503 token_store_unavailable  the token store cannot be read (no token is trusted then)
//!
//! Nothing here logs a token: the request's log line gets "token=tk_…" (the id) from note.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include <Poco/Logger.h>

#include "access/account_store.hpp"
#include "access/policy.hpp"
#include "access/token_store.hpp"
#include "http/message.hpp"
#include "http/router.hpp"

namespace vanthu::host::http {

//! The action a request is, and the agency it acts on; nothing for a route the API lacks or a
//! method the route does not serve (the dispatcher answers 404 or 405).
struct RequestAction {
  access::Action action;
  std::string agency;  //!< "" when the action names none
  //! The agency is known only to the handler (in the body, or the stored document's): the guard
  //! checks the token and its role, the handler calls refuse_other_agency() once it knows.
  bool agency_in_handler = false;
};
std::optional<RequestAction> action_of(const Request& request, const Route& route);

class AccessGuard {
 public:
  //! `accounts`: the desk's accounts, whose session cookie (vanthu_session) also authenticates a
  //! request that has no Authorization header; nothing: cookies are ignored.
  AccessGuard(std::shared_ptr<access::TokenStore> tokens, access::PolicySettings settings, Poco::Logger& log,
              std::shared_ptr<access::AccountStore> accounts = nullptr);

  struct Outcome {
    std::optional<Response> refused;  //!< the 401, 403 or 503 to answer; nothing: go on
    std::string note;                 //!< for the request's log line: "token=tk_…", "auth=expired token=tk_…"
    access::Principal who;            //!< who asked (anonymous when no token was sent)
  };
  //! Whether the request may go on to its handler.
  Outcome check(const Request& request, const Route& route);

  //! For a route whose agency only the handler knows: the 403 when `who` may not do `action` on
  //! `agency`; nothing when it may.
  std::optional<Response> refuse_other_agency(const access::Principal& who, access::Action action,
                                              const std::string& agency) const;

  const access::PolicySettings& settings() const { return settings_; }
  const std::shared_ptr<access::AccountStore>& accounts() const { return accounts_; }

 private:
  //! The desk session of the request's cookie, into `who`; the 403 (cross-origin write, missing
  //! or wrong CSRF token) or 503 to answer instead.
  std::optional<Response> session_of(const Request& request, const RequestAction& wanted, access::Time now,
                                     access::Principal& who, std::string& note);
  void note_use(const std::string& id, access::Time now);

  std::shared_ptr<access::TokenStore> tokens_;
  std::shared_ptr<access::AccountStore> accounts_;
  access::PolicySettings settings_;
  Poco::Logger& log_;
  std::mutex uses_mutex_;
  std::map<std::string, access::Time> recorded_uses_;  //!< last use written to the store, per token id
};

}  // namespace vanthu::host::http
