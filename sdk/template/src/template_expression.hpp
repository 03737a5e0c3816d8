//! Conditions written as expressions, docxtemplater's common forms (its angular-expressions
//! parser) in a small, safe grammar of our own:
//!
//!   {#so_luong > 0} … {/}      {^trang_thai == "xong"} … {/}      {#a and (b or not c)} … {/}
//!
//!   expression := or
//!   or         := and { ("or" | "||") and }
//!   and        := not { ("and" | "&&") not }
//!   not        := ("not" | "!") not | comparison      "not a == b" is "not (a == b)"
//!   comparison := operand [ ("==" | "!=" | "===" | "!==" | "<" | "<=" | ">" | ">=" | "≤" | "≥" | "≠") operand ]
//!   operand    := path | path ".length" | number | string | true | false | null | "(" expression ")"
//!
//! Strings take "…", '…' and Word's curly quotes “…” ‘…’. A path resolves as a tag's does (from
//! the innermost loop item outwards); a missing one is null. An expression is a condition: its
//! section is written once, in the same scope, or not at all (a loop takes a plain name).
//! Comparing: numbers, or a number and a text that is a number, by value ("5" == 5; === does not
//! convert); two texts by their bytes (code-point order, "10" < "9"); null equals only null; a
//! list or a group equals only itself; anything else is unequal and unordered. A condition must
//! read a field, and a name in parentheses alone is no condition ({#(ds)}: write {#ds}). Bounded: at most kMaxExpressionBytes of text, kMaxExpressionNodes
//! operands and operators, kMaxExpressionDepth nested parentheses/not — checked while reading.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "template_tags.hpp"

namespace vanthu::engine {

inline constexpr std::size_t kMaxExpressionBytes = 1000;
inline constexpr std::size_t kMaxExpressionNodes = 128;
inline constexpr std::size_t kMaxExpressionDepth = 16;

struct Expression {
  enum class Kind : std::uint8_t { path, length, number, text, boolean, null, negation, conjunction, disjunction, comparison };
  enum class Compare : std::uint8_t { equal, not_equal, strictly_equal, strictly_not_equal, less, less_or_equal, greater, greater_or_equal };
  struct Node {
    Kind kind = Kind::null;
    Compare compare = Compare::equal;
    bool boolean = false;
    double number = 0;
    std::string text;         //!< a string literal
    Path path;                //!< path, length (the path without ".length")
    std::uint32_t left = 0;   //!< negation: its operand; conjunction, disjunction, comparison: left
    std::uint32_t right = 0;  //!< conjunction, disjunction, comparison: right
  };
  std::vector<Node> nodes;
  std::uint32_t root = 0;
  std::string canonical;  //!< the tokens, one space apart: how closing tags are matched and tags shown
};

struct ExpressionParse {
  std::shared_ptr<const Expression> expression;  //!< null when the text is not an expression
  std::string error;  //!< why not, in Vietnamese (empty when it is one)
};

//! A quote mark at the start of `text`: straight (" ') or Word's curly (“ ” ‘ ’), each curly one
//! opening or closing as a straight one does. kind 'd' (double) or 's' (single) with its length
//! in bytes; kind 0 when `text` does not start with one.
struct Quote {
  char kind = 0;
  std::size_t length = 0;
};
Quote quote_at(std::string_view text);

//! Whether `text` (a tag's inside, without its "#", "^" or "/") reads as an attempted expression
//! rather than a name: it holds an operator, a quote, a parenthesis or a blank between words.
bool looks_like_expression(std::string_view text);

//! Reads `text` as an expression; paths of more than `max_path_segments` segments are refused.
ExpressionParse parse_expression(std::string_view text, std::size_t max_path_segments);

//! Resolves a path in the renderer's scopes; nullptr: missing.
using PathResolver = const nlohmann::json* (*)(const void* context, const Path& path);

//! The condition's value: whether its section is written. Each operand and operator costs one of
//! `steps`, and comparing or measuring a text one more per 64 bytes; nullopt when they ran out.
std::optional<bool> evaluate(const Expression& expression, PathResolver resolve, const void* context, std::uint64_t& steps);

//! What "ds.length" is, in conditions, in {ds.length} and in the check: a list's number of items
//! or a text's number of characters (code points); nullopt for anything else.
std::optional<std::size_t> measured_length(const nlohmann::json& value);

//! Every path the expression reads (for checks against a report type's data), in order, once;
//! a list's or a text's length as "ds.length".
std::vector<std::string> operand_paths(const Expression& expression);

}  // namespace vanthu::engine
