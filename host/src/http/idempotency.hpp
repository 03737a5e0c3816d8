//! Idempotency-Key on the POSTs that create or change something (RouteSpec::idempotency_key in
//! router.cpp): a system whose connection dropped before the answer came sends the request again
//! with the same key and gets the first answer, byte for byte, with `Idempotent-Replayed: true`;
//! nothing is created twice. The header follows the IETF httpapi draft: a key of 1–255 visible
//! ASCII characters, optionally in double quotes.
//!
//!   same caller, key and request (method, path, query, Content-Type, body)  → the kept answer
//!   same caller and key, another request                                   → 422 idempotency_key_reused
//!   the same request still running (a retry too soon)                      → 409, Retry-After
//!   a key where it means nothing (a GET, sign-in) or without a caller      → 400
//!
//! Kept: final answers (2xx, and 4xx other than 409/429) up to 16 MiB; not kept, so a retry runs
//! again: 5xx, 409, 429 and an exception. Keys belong to the caller (token or account id).
//!
//! Not on the account routes: their bodies hold passwords, and a kept fingerprint of a body is an
//! unsalted hash of one (an administrator creating an account at the desk does not retry blindly).
#pragma once

#include <functional>

#include "http/message.hpp"
#include "http/router.hpp"
#include "idempotency/idempotency_store.hpp"

namespace vanthu::host::http {

//! Runs `run` for the request, through the store when it carries an Idempotency-Key.
Response idempotent(IdempotencyStore& store, const Request& request, const Route& route, const std::function<Response()>& run);

}  // namespace vanthu::host::http
