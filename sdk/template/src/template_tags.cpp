//! Finding tags in text: `{name}`, `{#name}`, `{^name}`, `{/name}`, `{/}`, `{.}`, `{@name}`, `{%name}`,
//! `{%%name}`, conditions `{#so_luong > 0}` (template_expression.hpp), with any delimiters and
//! whitespace inside them.
#include "template_tags.hpp"

#include "template_expression.hpp"

#include <algorithm>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace vanthu::engine {
namespace {

//! ASCII blanks and the no-break space Word likes to put next to punctuation.
std::string_view trim(std::string_view s) {
  auto blank_prefix = [](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    if (v[0] == ' ' || v[0] == '\t' || v[0] == '\n' || v[0] == '\r') return 1;
    if (v.size() >= 2 && static_cast<unsigned char>(v[0]) == 0xC2 && static_cast<unsigned char>(v[1]) == 0xA0) return 2;
    return 0;
  };
  auto blank_suffix = [](std::string_view v) -> std::size_t {
    if (v.empty()) return 0;
    char c = v.back();
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') return 1;
    if (v.size() >= 2 && static_cast<unsigned char>(v[v.size() - 2]) == 0xC2 &&
        static_cast<unsigned char>(v.back()) == 0xA0)
      return 2;
    return 0;
  };
  for (std::size_t n; (n = blank_prefix(s)) != 0;) s.remove_prefix(n);
  for (std::size_t n; (n = blank_suffix(s)) != 0;) s.remove_suffix(n);
  return s;
}

//! A letter (any script), a combining mark (decomposed Vietnamese), a digit, "_" or "-".
bool is_name_char(UChar32 c) {
  if (c == '_' || c == '-') return true;
  if (u_isalpha(c) || u_isdigit(c)) return true;
  auto category = u_charType(c);
  return category == U_NON_SPACING_MARK || category == U_COMBINING_SPACING_MARK;
}

bool valid_segment(std::string_view segment) {
  if (segment.empty()) return false;
  const auto* bytes = reinterpret_cast<const uint8_t*>(segment.data());
  int32_t length = static_cast<int32_t>(segment.size());
  for (int32_t i = 0; i < length;) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0 || !is_name_char(c)) return false;
  }
  return true;
}

long long as_index(std::string_view segment) {
  if (segment.empty() || segment.size() > 9) return -1;
  long long value = 0;
  for (char c : segment) {
    if (c < '0' || c > '9') return -1;
    value = value * 10 + (c - '0');
  }
  return value;
}

//! A filter name as written: ASCII letters, digits and "_".
bool filter_name_chars(std::string_view name) {
  if (name.empty()) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  return true;
}

//! Where a tag's filters begin: its first "|" that is neither half of "||" (an expression's
//! "or") nor inside a quoted string; npos when it has none.
std::size_t filter_bar(std::string_view inside) {
  char quote = 0;  // the kind of the quote open (quote_at: straight and Word's curly ones), 0: none
  for (std::size_t i = 0; i < inside.size();) {
    const Quote at = quote_at(inside.substr(i));
    if (quote) {
      if (inside[i] == '\\') i += 2;
      else if (at.kind == quote) quote = 0, i += at.length;
      else ++i;
      continue;
    }
    if (at.kind) {
      quote = at.kind;
      i += at.length;
    } else if (inside[i] == '|') {
      if (i + 1 < inside.size() && inside[i + 1] == '|') i += 2;
      else return i;
    } else {
      ++i;
    }
  }
  return std::string_view::npos;
}

//! A section's or an end tag's text that is not a path: a condition ({#so_luong > 0}) when it
//! reads as one. Returns "" and sets tag.path, or the problem's code.
const char* read_condition(std::string_view text, Tag& tag, std::string& detail, std::size_t max_segments,
                           bool length = false) {
  if (!length && !looks_like_expression(text)) return "malformed_tag";
  ExpressionParse parsed = parse_expression(text, max_segments);
  if (!parsed.expression) {
    detail = std::move(parsed.error);
    return "malformed_expression";
  }
  tag.path = Path{};
  tag.path.text = parsed.expression->canonical;
  tag.path.expression = std::move(parsed.expression);
  return "";
}

//! "ds.length": the length of a list or a text.
bool is_length(const Path& path) { return path.segments.size() > 1 && path.segments.back().name == "length"; }

bool too_many_segments(std::string_view inside, std::size_t max_segments) {
  return inside != "." && !looks_like_expression(inside) &&
         static_cast<std::size_t>(std::count(inside.begin(), inside.end(), '.')) >= max_segments;
}

//! Reads what is between the delimiters. Returns "" when it is a tag of the language, else the
//! problem's code (with `detail` set for unknown_filter, path_too_long and malformed_expression).
const char* read_tag(std::string_view inside, Tag& tag, std::string& detail, std::size_t max_segments) {
  std::string_view filter_text;
  if (std::size_t bar = filter_bar(inside); bar != std::string_view::npos) {
    filter_text = inside.substr(bar + 1);
    inside = inside.substr(0, bar);
  }
  inside = trim(inside);
  if (inside.empty()) return "malformed_tag";
  // {-w:p x}, {-w:tr x}, {-w:tbl x}: docxtemplater's loop over the enclosing element.
  if (inside.front() == '-' && inside.size() > 1 && inside[1] != ' ') {
    std::size_t blank = inside.find_first_of(" \t");
    std::string_view element = inside.substr(1, blank == std::string_view::npos ? std::string_view::npos : blank - 1);
    if (element.find(':') != std::string_view::npos) {
      tag.kind = TagKind::section;  // even when refused below: it opens a section (TagProblem::opens)
      if (element != "w:p" && element != "w:tr" && element != "w:tbl") {
        detail = std::string(element);
        return "unknown_target";
      }
      if (blank == std::string_view::npos) return "malformed_tag";
      tag.target = std::string(element.substr(2));
      inside = trim(inside.substr(blank));
      if (too_many_segments(inside, max_segments)) {
        detail = std::to_string(max_segments);
        return "path_too_long";
      }
      if (!parse_path(inside, tag.path)) {
        if (const char* problem = read_condition(inside, tag, detail, max_segments); *problem) return problem;
      } else if (is_length(tag.path)) {  // {-w:tr ds.length}: a condition, as {#ds.length}
        if (const char* problem = read_condition(inside, tag, detail, max_segments, true); *problem) return problem;
      }
      return filter_text.data() == nullptr ? "" : "filter_not_allowed";
    }
  }
  switch (inside.front()) {
    case '#': tag.kind = TagKind::section; break;
    case '^': tag.kind = TagKind::inverted; break;
    case '/': tag.kind = TagKind::end; break;
    case '@': tag.kind = TagKind::raw; break;
    case '%': tag.kind = TagKind::image; break;
    default: tag.kind = TagKind::value;
  }
  // {%%x}: docxtemplater's centred image, in a paragraph of its own.
  if (tag.kind == TagKind::image && inside.size() > 1 && inside[1] == '%') {
    tag.centered = true;
    inside.remove_prefix(1);
  }
  if (tag.kind != TagKind::value) inside = trim(inside.substr(1));
  if (too_many_segments(inside, max_segments)) {
    detail = std::to_string(max_segments);
    return "path_too_long";
  }
  if (tag.kind == TagKind::end && inside.empty()) {
    tag.path = Path{};  // "{/}" closes the innermost section
  } else if (parse_path(inside, tag.path)) {
    // {#ds.length}: a list's length, as docxtemplater's expressions read it, is a condition.
    if ((tag.kind == TagKind::section || tag.kind == TagKind::inverted) && is_length(tag.path))
      if (const char* problem = read_condition(inside, tag, detail, max_segments, true); *problem) return problem;
  } else {
    if (tag.kind == TagKind::value || tag.kind == TagKind::raw || tag.kind == TagKind::image) {
      // {so_luong > 0} written as a value: say what it is rather than "malformed".
      return looks_like_expression(inside) && parse_expression(inside, max_segments).expression ? "expression_not_allowed"
                                                                                               : "malformed_tag";
    }
    if (const char* problem = read_condition(inside, tag, detail, max_segments); *problem) return problem;
  }
  if (filter_text.data() == nullptr) return "";
  if (tag.kind != TagKind::value) return "filter_not_allowed";
  while (true) {
    std::size_t bar = filter_text.find('|');
    std::string_view name = trim(filter_text.substr(0, bar));
    if (!filter_name_chars(name)) return "malformed_tag";
    std::optional<filters::Filter> filter = filters::find(name);
    if (!filter) {
      detail = std::string(name);
      return "unknown_filter";
    }
    tag.filters.push_back(*filter);
    if (bar == std::string_view::npos) return "";
    filter_text = filter_text.substr(bar + 1);
  }
}

//! text.find(needle, at), remembering the last answer: asked again from a position between
//! where it last looked and what it found, it answers without searching. A paragraph of a
//! million "{" and one "}" would otherwise be searched to its end once per "{".
class Finder {
 public:
  Finder(std::string_view text, std::string_view needle) : text_(text), needle_(needle) {}
  std::size_t operator()(std::size_t at) {
    if (!valid_ || at < from_ || at > found_) {
      found_ = text_.find(needle_, at);
      from_ = at;
      valid_ = true;
    }
    return found_;
  }

 private:
  std::string_view text_, needle_;
  std::size_t from_ = 0, found_ = std::string_view::npos;
  bool valid_ = false;
};

}  // namespace

bool parse_path(std::string_view text, Path& path) {
  path.text = std::string(text);
  path.segments.clear();
  if (text == ".") return true;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    std::string_view segment = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (!valid_segment(segment)) return false;
    path.segments.push_back({std::string(segment), as_index(segment)});
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

TagScan scan_tags(std::string_view text, const Delimiters& delimiters, const ScanLimits& limits) {
  TagScan scan;
  // Whether one more tag or mistake may be kept; else the scan stops (a paragraph of a million
  // tags must not become a million Tags before anyone counts them).
  auto room = [&] {
    if (scan.tags.size() + scan.problems.size() < limits.max_found) return true;
    scan.stopped = true;
    return false;
  };
  const std::string_view open = delimiters.open, close = delimiters.close;
  if (open.empty() || close.empty()) return scan;
  const bool same = open == close;
  Finder find_open(text, open), find_close(text, close);
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t next_open = find_open(pos);
    std::size_t next_close = same ? std::string_view::npos : find_close(pos);
    if (next_close != std::string_view::npos && (next_open == std::string_view::npos || next_close < next_open)) {
      if (!room()) break;
      scan.problems.push_back({"unopened_tag", next_close, next_close + close.size(), {}});
      pos = next_close + close.size();
      continue;
    }
    if (next_open == std::string_view::npos) break;
    std::size_t inside = next_open + open.size();
    std::size_t closing = find_close(inside);
    std::size_t reopening = same ? std::string_view::npos : find_open(inside);
    if (!room()) break;
    if (closing == std::string_view::npos) {
      scan.problems.push_back({"unclosed_tag", next_open, text.size(), {}});
      break;
    }
    if (reopening < closing) {
      scan.problems.push_back({"unclosed_tag", next_open, reopening, {}});
      pos = reopening;
      continue;
    }
    Tag tag;
    tag.begin = next_open;
    tag.end = closing + close.size();
    std::string detail;
    const char* problem = read_tag(text.substr(inside, closing - inside), tag, detail, limits.max_path_segments);
    if (*problem == '\0') scan.tags.push_back(std::move(tag));
    else
      scan.problems.push_back({problem, tag.begin, tag.end, std::move(detail),
                               tag.kind == TagKind::section || tag.kind == TagKind::inverted, tag.kind == TagKind::end});
    pos = tag.end;
  }
  return scan;
}

const char* kind_name(TagKind kind) {
  switch (kind) {
    case TagKind::value: return "value";
    case TagKind::section: return "section";
    case TagKind::inverted: return "inverted";
    case TagKind::end: return "end";
    case TagKind::raw: return "raw";
    case TagKind::image: return "image";
  }
  return "value";
}

}  // namespace vanthu::engine
