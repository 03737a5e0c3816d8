//! The DOCX template engine: docxtemplater's tag language over OOXML, parsed once, rendered fast.
//!
//! Tags (default delimiters "{" and "}"):
//!   {name} {a.b.c} {.}      a value, looked up in the current scope, then the enclosing ones
//!   {#name} ... {/name}     a section: loops over an array, renders once for a truthy object
//!                           (as the new scope) or true / non-empty string / non-zero number
//!   {@name}                 a whole paragraph given as WordprocessingML (must stand alone in
//!                           its paragraph; "" removes the paragraph; malformed XML is missing)
//!   {^name} ... {/name}     an inverted section: renders once when the value is falsy,
//!                           missing or an empty array
//! Where a section repeats:
//!   - both tags in one paragraph: the text between them (inline);
//!   - the tags in different paragraphs of the same container (body, cell): the whole paragraphs
//!     from the start tag's to the end tag's; a paragraph that held nothing but the tag is
//!     dropped, so no empty paragraph is left behind;
//!   - the tags in one table row (different cells): the row; in different rows: those rows.
//! Tags that Word split across runs (proofErr, rsid changes, bookmarks) are joined first.
//! A loop that leaves a table cell without a paragraph gets an empty one; a table left without
//! rows is removed (Word refuses both). Sections nest at most 64 deep.
//! Values are XML-escaped; "\n" in a value becomes a line break; the run's formatting is kept.
#pragma once

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanthu/zip.hpp"

namespace vanthu {

struct Delimiters {
  std::string open = "{";
  std::string close = "}";
};

//! One thing wrong with a template, in words a clerk can act on.
struct TemplateIssue {
  std::string code;       //!< unclosed_section, unopened_section, mismatched_section, malformed_tag,
                          //!< unclosed_tag, unopened_tag, section_structure, not_docx, xml, dtd,
                          //!< zip (with ZipError's code in message)
  std::string message;    //!< Vietnamese
  std::string part;       //!< "word/document.xml"
  std::string tag;        //!< the tag as written, e.g. "{#items}"
  std::string paragraph;  //!< the paragraph's text as Word shows it (tags included)
};

//! Every problem of a template at once.
class TemplateError : public std::runtime_error {
 public:
  explicit TemplateError(std::vector<TemplateIssue> issues);
  const std::vector<TemplateIssue>& issues() const { return issues_; }

 private:
  std::vector<TemplateIssue> issues_;
};

//! A tag found in a template (for `vanthu check` and schema cross-checks).
struct TagInfo {
  std::string part;
  std::string tag;        //!< as written, with delimiters
  std::string kind;       //!< "value", "section", "inverted", "end"
  std::string path;       //!< "a.b", "." for the current item
  std::string mode;       //!< for sections: "inline", "paragraphs", "rows"
  std::string paragraph;  //!< the paragraph's text
  int depth = 0;          //!< number of enclosing sections
};

struct TemplateOptions {
  Delimiters delimiters;
  ZipLimits limits;
};

//! A parsed, compiled template. Immutable and safe to share between threads.
class Template {
 public:
  //! Throws TemplateError listing every issue found.
  static std::shared_ptr<const Template> parse(std::string_view docx, const TemplateOptions& options = {});
  static std::shared_ptr<const Template> parse_file(const std::string& path, const TemplateOptions& options = {});

  ~Template();
  Template(const Template&) = delete;
  Template& operator=(const Template&) = delete;

  const std::vector<TagInfo>& tags() const;
  //! Names of the parts that hold tags (rendered per request); all others are copied as stored.
  std::vector<std::string> templated_parts() const;
  //! Names of all parts of the package, in archive order.
  std::vector<std::string> part_names() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  explicit Template(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

struct RenderOptions {
  int compression_level = 6;  //!< deflate level for the parts that are rendered
  //! Parts replaced (or added) wholesale, not templated, e.g. {"docProps/core.xml", xml}.
  //! An added part also needs its content type, which the caller's template must declare.
  //! Replaced parts keep their place; added ones go last, in this order (ZipError "bad_name"
  //! for a name that is absolute or holds "..", a backslash or NUL).
  std::vector<std::pair<std::string, std::string>> parts;
};

struct RenderResult {
  std::string docx;
  //! Tags whose value was missing, as "{a.b} (word/document.xml)", first occurrence order,
  //! each once. They render as empty text.
  std::vector<std::string> missing;
};

RenderResult render(const Template& tpl, const nlohmann::json& data, const RenderOptions& options = {});

//! The rendered XML of one part (for tests and checks), without zipping. A part without tags
//! comes back as stored; a part the template lacks throws std::out_of_range.
std::string render_part(const Template& tpl, std::string_view part, const nlohmann::json& data);

//! Whether one XML part is acceptable to the engine: well-formed and without a DTD. Returns the
//! issue (code "xml" with libxml2's line, or "dtd") naming `part`, or nothing when it is fine.
std::optional<TemplateIssue> check_part_xml(std::string_view part, std::string_view xml);

//! The part without comments and without the whitespace that only indents elements (a text node
//! of blanks whose parent also holds elements); text content, w:t with spaces included, is kept.
//! vanthu-pack applies it so template sources can be indented for review. Throws TemplateError
//! when the XML is not acceptable (see check_part_xml).
std::string compact_part_xml(std::string_view part, std::string_view xml);

}  // namespace vanthu
