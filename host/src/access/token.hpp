//! API tokens as values: making one (256 random bits from the kernel), its shape, its hash, the
//! Authorization header that carries it, and the times tokens are stamped with.
//!
//! A token is "vt_" + 43 base64url characters (32 bytes from getrandom(2)); only its SHA-256 is
//! stored. Why SHA-256 and not a password KDF (Argon2, issue 13's accounts): a KDF makes guessing
//! a *low-entropy* secret slow; a 256-bit random token cannot be guessed however fast the hash is
//! (2^256 candidates), so a slow hash would add nothing but a few milliseconds of CPU and memory to
//! every API request — a denial-of-service lever. One SHA-256 of a high-entropy secret is the
//! standard for API tokens (GitHub, GitLab and others do the same).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::host::access {

using Clock = std::chrono::system_clock;
using Time = Clock::time_point;

inline constexpr std::string_view kTokenPrefix = "vt_";
inline constexpr std::size_t kTokenSecretBytes = 32;
inline constexpr std::size_t kTokenLength = 3 + 43;  //!< "vt_" + base64url(32 bytes) without padding

//! `count` bytes from the kernel's CSPRNG (getrandom(2)); throws std::runtime_error if it fails.
std::string random_bytes(std::size_t count);
//! RFC 4648 §5, without padding.
std::string base64url(std::string_view bytes);

//! A new token: "vt_" + base64url of 32 random bytes.
std::string new_token_secret();
//! `prefix` + 12 lower-case hex digits (48 random bits): the ids of tokens ("tk_") and accounts ("acc_").
std::string random_id(std::string_view prefix);
//! A new token id: "tk_" + 12 hex digits (48 random bits): what lists, logs and `revoke` name.
std::string new_token_id();
//! "tk_" + 12 lower-case hex digits.
bool well_formed_token_id(std::string_view id);
//! The shape of new_token_secret()'s tokens (prefix, length, alphabet).
bool well_formed_token(std::string_view token);

//! SHA-256 of the token, lower-case hex: what the store keeps.
std::string token_hash(std::string_view token);
//! Equal strings, in a time that depends only on their lengths (no early exit).
bool constant_time_equal(std::string_view a, std::string_view b);

//! An Authorization header read as RFC 6750 §2.1 says: "Bearer" (any case), one or more spaces,
//! then a token68 — and here also the shape of our tokens.
struct BearerCredentials {
  enum class Status {
    ok,
    missing,        //!< no Authorization header
    repeated,       //!< more than one Authorization header
    other_scheme,   //!< "Basic …", "Token …"
    no_token,       //!< "Bearer" alone
    malformed,      //!< not a token68, or not one of our tokens (wrong prefix, length, alphabet)
  } status = Status::missing;
  std::string token;  //!< when ok
};
//! `values`: every Authorization header of the request (0, 1 or more).
BearerCredentials parse_authorization(const std::vector<std::string_view>& values);

//! "2027-06-30T17:00:00Z".
std::string utc_text(Time time);
//! The inverse of utc_text (exactly that shape); nothing otherwise.
std::optional<Time> parse_utc(std::string_view text);
//! --expires=2027-06-30: valid through that day in Vietnam (UTC+7, no daylight saving), i.e.
//! expiring at 2027-07-01T00:00:00+07:00 = 2027-06-30T17:00:00Z. Nothing for another shape or a
//! date that does not exist.
std::optional<Time> end_of_day_in_vietnam(std::string_view date);

}  // namespace vanthu::host::access
