//! Desk accounts as values (issue 13): a clerk's, a records officer's or an administrator's
//! account in one agency, its password hash, and the session cookie that stands for it.
//!
//! Passwords are hashed with Argon2id (libargon2, Debian's reference implementation of RFC 9106):
//! memory-hard, so a stolen database costs an attacker 19 MiB and two passes per guess (OWASP's
//! minimum, also RFC 9106's second recommendation scaled to a 2-core server). At most
//! kConcurrentHashes hashes run at once, so a burst of sign-ins cannot take the server's memory;
//! the others wait their turn.
//!
//! A session is "vs_" + base64url(32 random bytes), carried in the HttpOnly cookie
//! `vanthu_session`; only its SHA-256 is stored (the reasoning of API tokens, token.hpp). Each
//! session has its own CSRF token, which every unsafe request made with the cookie must echo in
//! the X-CSRF-Token header (or the form's `csrf` field).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "access/policy.hpp"
#include "access/token.hpp"

namespace vanthu::host::access {

//! What a desk account does in its agency.
enum class DeskRole {
  clerk,            //!< cán bộ: prepares drafts, previews them, reads the register
  records_officer,  //!< văn thư: also issues and withdraws, manages the agency's templates
  admin,            //!< quản trị: manages accounts (of its agency, or of every agency with "*")
};
//! "clerk", "records_officer", "admin".
const char* desk_role_name(DeskRole role);
//! "Cán bộ", "Văn thư", "Quản trị".
const char* desk_role_label(DeskRole role);
std::optional<DeskRole> parse_desk_role(std::string_view name);
//! The access roles (policy.hpp) an account of that role holds.
Roles roles_of(DeskRole role);

inline constexpr int kConcurrentHashes = 2;
inline constexpr std::size_t kMinPasswordLength = 10;
inline constexpr std::size_t kMaxPasswordLength = 256;

//! Argon2id, t=2, m=19 MiB, p=1, a 16-byte random salt; the PHC string "$argon2id$v=19$…".
std::string hash_password(std::string_view password);
//! Whether `password` matches the PHC string (false for a malformed one).
bool verify_password(std::string_view encoded, std::string_view password);
//! Runs the same work as a real verification, for a sign-in with an unknown user name (so the
//! answer's timing does not tell which names exist).
void verify_dummy_password(std::string_view password);
//! Why a new password is refused (Vietnamese), or nothing: at least 10 characters (code points),
//! at most 256 bytes, not the user name.
std::optional<std::string> password_problem(std::string_view password, std::string_view username);

//! User names: 3-64 of a-z, 0-9, '.', '_', '-', starting with a letter or digit (case-folded on
//! input: "NguyenVanA" signs in as "nguyenvana").
bool valid_username(std::string_view name);
std::string normalize_username(std::string_view name);

inline constexpr std::string_view kSessionCookie = "vanthu_session";
inline constexpr std::string_view kSessionPrefix = "vs_";
//! A new session token, "vs_" + base64url(32 bytes).
std::string new_session_token();
bool well_formed_session_token(std::string_view token);
//! A new CSRF token, base64url(32 bytes).
std::string new_csrf_token();

//! Sessions end after this long without a request, and in any case this long after sign-in.
inline constexpr std::chrono::minutes kSessionIdle{120};
inline constexpr std::chrono::hours kSessionLifetime{12};

//! After kFreeFailures wrong passwords in a row an account is locked for 1 minute, doubling with
//! each further failure up to kMaxLock; a right password (once unlocked) resets the count.
inline constexpr int kFreeFailures = 5;
inline constexpr std::chrono::minutes kMaxLock{60};
std::chrono::seconds lock_after(int consecutive_failures);

//! The value of the `vanthu_session` cookie in a Cookie header, or "" (RFC 6265 §5.4: pairs
//! separated by ';'; the first of that name wins).
std::string session_cookie_value(std::string_view cookie_header);

}  // namespace vanthu::host::access
