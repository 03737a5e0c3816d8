//! The tag language, as text: finding tags in a paragraph's text and reading what they say.
//! Pure string work, no XML, so it can be fuzzed and tested on its own.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "vanthu/filters.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::engine {

struct Expression;  // template_expression.hpp

//! value {x}, section {#x}, inverted {^x}, end {/x}, raw {@x} (a whole paragraph of WordprocessingML),
//! image {%x} (a PNG or JPEG in the run, docxtemplater's image-module syntax: template_images.hpp;
//! {%%x}, its centred image, alone in a paragraph that is then centred).
enum class TagKind : unsigned char { value, section, inverted, end, raw, image };

//! One segment of a dotted path; `index` is its value as an array index when it is all digits.
struct PathSegment {
  std::string name;
  long long index = -1;
};

//! A dotted path, pre-split so rendering never splits or builds strings. No segments: "{.}".
struct Path {
  std::string text;  //!< "a.b", "." or "" (only for "{/}"); a condition's: its canonical text
  std::vector<PathSegment> segments;
  //! {#so_luong > 0}, {^a and b}: the condition a section or inverted section tests instead of a
  //! path (segments empty); also set on the {/…} that names one.
  std::shared_ptr<const Expression> expression;
};

//! A tag as found in a paragraph's text.
struct Tag {
  TagKind kind = TagKind::value;
  std::size_t begin = 0;  //!< byte offset of the open delimiter in the paragraph's text
  std::size_t end = 0;    //!< byte offset just past the close delimiter
  Path path;
  std::vector<filters::Filter> filters;  //!< {x | hoa | ...}: applied left to right (value tags only)
  //! docxtemplater's explicit loop target, {-w:p x}, {-w:tr x}, {-w:tbl x}: "p", "tr" or "tbl"
  //! (a section that repeats the whole enclosing paragraph, row or table); "" for {#x}.
  std::string target;
  bool centered = false;  //!< {%%x}: docxtemplater's centred image (the tag alone in its paragraph)
};

//! Something in the text that is not a valid tag: code is malformed_tag, unclosed_tag,
//! unopened_tag, unknown_filter (detail: the name), filter_not_allowed (a filter on a tag that
//! is not a value), path_too_long (detail: the limit), malformed_expression (detail: why, in
//! Vietnamese) or expression_not_allowed (an expression in a value or raw tag); [begin, end) is
//! the offending text.
struct TagProblem {
  std::string code;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string detail;
  bool opens = false;   //!< it was written as a section's opening tag ({#…}, {^…}, {-w:p …})
  bool closes = false;  //!< it was written as a closing tag ({/a >})
};

struct TagScan {
  std::vector<Tag> tags;
  std::vector<TagProblem> problems;
  bool stopped = false;  //!< more than ScanLimits::max_found were met: the scan stopped there
};

struct ScanLimits {
  //! Tags and mistakes kept; meeting one more sets TagScan::stopped and ends the scan.
  std::size_t max_found = static_cast<std::size_t>(-1);
  //! A path of more segments is the problem path_too_long (counted before it is split).
  std::size_t max_path_segments = static_cast<std::size_t>(-1);
};

//! Finds every tag (and every tag-like mistake) in `text`, left to right, within `limits`.
TagScan scan_tags(std::string_view text, const Delimiters& delimiters, const ScanLimits& limits = {});

//! Reads a path ("a.b.c", "."); false when it breaks the path syntax.
bool parse_path(std::string_view text, Path& path);

const char* kind_name(TagKind kind);

}  // namespace vanthu::engine
