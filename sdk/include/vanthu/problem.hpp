//! A problem with the input or a template, addressed so a clerk can find and fix it.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace vanthu {

//! One thing wrong with a request: where (JSON Pointer, RFC 6901, "" = the whole document),
//! what (a stable English code for programs) and why (a Vietnamese sentence for the clerk).
struct Problem {
  std::string path;
  std::string code;
  std::string message;

  bool operator==(const Problem&) const = default;
};

using Problems = std::vector<Problem>;

//! {"path": ..., "code": ..., "message": ...}
nlohmann::json to_json(const Problem& problem);
//! {"errors": [...]} — the body of every error response.
nlohmann::json errors_body(const Problems& problems);
//! Reads back a JSON array of problems (what a plugin returns with VANTHU_INVALID_INPUT).
//! Throws std::invalid_argument when the JSON is not of that shape.
Problems problems_from_json(const nlohmann::json& array);

//! Appends a JSON Pointer reference token, escaping "~" and "/" (RFC 6901).
std::string pointer_append(const std::string& pointer, const std::string& token);
std::string pointer_append(const std::string& pointer, std::size_t index);

}  // namespace vanthu
