//! Reading request bodies: JSON with positions, UTF-8 and NFC checks on every string.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "vanthu/problem.hpp"

namespace vanthu {

//! The result of reading a request body.
struct InputDocument {
  nlohmann::json value;  //!< every string (and object key) in NFC
  Problems problems;     //!< empty when the body can be used
  bool malformed = false;  //!< true when the body is not JSON at all (HTTP 400, not 422)
};

//! Parses a JSON request body.
//! - Not JSON: malformed = true, one problem with code "malformed_json" whose message names the
//!   line and column ("Dữ liệu JSON không hợp lệ ở dòng 3, cột 14: ...").
//! - Bytes that are not UTF-8: the string holding them is reported at its JSON path with code
//!   "invalid_utf8" (the body is still parsed, so every such string is named at once).
//! - Control characters other than tab and newline (CR LF is folded to LF): code
//!   "control_character" at the string's path.
//! - A key twice in one object (after NFC and CR LF folding, so "Hòa" precomposed and decomposed
//!   are the same key): code "duplicate_key" at the path of the second occurrence, whose value
//!   is the one kept (and checked). JSON readers disagree on which of the two wins, so such a body
//!   is refused (HTTP 422) rather than read one way.
//! - Every string and key is normalised to NFC, so NFD input gives byte-identical output.
InputDocument read_input(std::string_view body);

}  // namespace vanthu
