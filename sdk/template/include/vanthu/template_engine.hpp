//! The DOCX template engine: docxtemplater's tag language over OOXML, parsed once, rendered fast.
//!
//! Tags (default delimiters "{" and "}"; see "Delimiters" below):
//!   {name} {a.b.c} {.}      a value, looked up in the current scope, then the enclosing ones
//!                           (the first segment is looked up outwards, the rest inside what was
//!                           found; a null in an inner scope lets an outer one answer)
//!   {name | filter | ...}   a value passed through Vietnamese filters, left to right:
//!                           hoa, thuong, so, tien, bang_chu, ngay_thang, ngay, hai_so
//!                           (vanthu/filters.hpp); an unknown filter is a template issue, a value
//!                           a filter cannot take is a missing value
//!   {#name} ... {/name}     a section, as docxtemplater: a non-empty array repeats the body once
//!                           per item (the item is the new scope); an object renders it once with
//!                           the object as scope; true, a non-empty string, a non-zero number render
//!                           it once in the same scope; false, null, 0, "", [] or a missing value
//!                           render nothing. {/} closes the innermost section.
//!   {^name} ... {/name}     an inverted section: renders once (same scope) exactly when {#name}
//!                           would render nothing
//!   {-w:p name} ... {/name} docxtemplater's explicit loop targets: the section repeats the
//!   {-w:tr name}, {-w:tbl name}  whole paragraph, table row or table holding its tags
//!   {@name}                 a whole paragraph given as WordprocessingML (must stand alone in
//!                           its paragraph; "" removes the paragraph; malformed XML is missing;
//!                           only an allowlist of elements, attributes and fields: no pictures,
//!                           objects, r:id references or remote fields — RenderResult::refused)
//!   {%name}                 an image in the run (docxtemplater's image-module syntax): a PNG or
//!                           JPEG given as base64 ("iVBOR…", or "data:image/png;base64,…") or as
//!                           {"data": "<base64>" | "file": "<name>", "width_cm": 8, "height_cm": 6,
//!                           "alt": "…"} (one size given: the other keeps the aspect ratio; none:
//!                           the image's DPI, 96 without one; never wider or taller than the
//!                           page's text area). Checked as uploads are (ImageLimits, the real
//!                           signature and header); a value refused is RenderResult::refused with
//!                           its JSON path. Missing: a missing value; null or "": nothing.
//!   {%%name}                docxtemplater's centred image: the same, alone in its paragraph
//!                           (image_not_alone otherwise), which is centred (w:jc "center").
//! Where a section repeats (as docxtemplater with paragraphLoop: true):
//!   - both tags in one paragraph: the text between them (inline);
//!   - the tags in different paragraphs of the same container, one of them not alone in its
//!     paragraph: the XML from the opening tag to the closing one (the end of the first paragraph,
//!     the paragraphs between, the start of the last); rendering nothing joins the two paragraphs;
//!   - each tag alone in its paragraph of the same container (body, cell, text box, header,
//!     footer, footnote, comment): the whole paragraphs from the start tag's to the end tag's, tables
//!     between them included; each copy keeps its paragraph properties (numbering, style). A
//!     paragraph that held nothing but the section tag is dropped, so no empty paragraph is left
//!     behind — unless it holds a page break: the opening one's break then starts every repetition
//!     (and goes with the block when it renders nothing), the closing one's is kept once after
//!     the block;
//!   - the tags in one table row (different cells): the row; in different rows: those rows.
//!     Merged cells stay valid: w:gridSpan is copied with its row, and a cell continuing a
//!     vertical merge (w:vMerge) whose cell above is gone or not merged becomes a restart.
//! Section breaks are never lost: a tag-only paragraph that ended a page section leaves its
//! section break in an empty paragraph; a block of paragraphs holding section breaks repeats them
//! with its paragraphs and, when it renders nothing, leaves its last one the same way (so the
//! pages before keep their layout). The body's own final w:sectPr is never inside a block.
//! Tags that Word split across runs (proofErr, rsid changes, bookmarks, comments, smart tags,
//! fields' results, tracked insertions, content controls) are joined first, and so are the
//! paragraphs of a tag typed across two of them (unless the second ends a page section); deleted text
//! (w:delText) and field codes (w:instrText) are never read as tags.
//! A loop that leaves a table cell, text box, header, footer or footnote without a paragraph gets
//! an empty one; a table left without rows is removed (Word refuses both). Sections nest at most
//! 64 deep.
//! Values are XML-escaped; "\n" in a value becomes a line break; the run's formatting is kept.
//! The parts holding tags: the main part (where _rels/.rels's officeDocument relationship says),
//! the headers, footers, footnotes, endnotes and comments it relates to or named as Word names
//! them. A w:p directly inside a w:p (Word and LibreOffice show such a body as empty) is the
//! issue nested_paragraph.
//!
//! Delimiters: "{" and "}" unless the template declares its own in a custom document property
//! (docProps/custom.xml, File > Properties > Custom in Word) named "vanthu:delimiters" with the
//! two delimiters separated by a space, e.g. "[[ ]]" — for documents that hold literal braces.
//! TemplateOptions::delimiters, when given, wins over the property.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanthu/problem.hpp"
#include "vanthu/zip.hpp"

namespace vanthu {

struct Delimiters {
  std::string open = "{";
  std::string close = "}";
  bool operator==(const Delimiters&) const = default;
};

//! "[[ ]]" -> {"[[", "]]"}: two delimiters separated by blanks, each 1 to 8 characters without
//! blanks, control characters or "|", and not starting with "#", "^", "/", "@" or ".".
//! nullopt (and a Vietnamese reason in `why`) when the text is not such a pair.
std::optional<Delimiters> parse_delimiters(std::string_view text, std::string* why = nullptr);
//! "{ }": the pair as parse_delimiters reads it.
std::string delimiters_text(const Delimiters& delimiters);

//! One thing wrong with a template, in words a clerk can act on.
struct TemplateIssue {
  std::string code;       //!< tags: unclosed_section, unopened_section, mismatched_section,
                          //!< malformed_tag, unclosed_tag, unopened_tag, unknown_filter,
                          //!< unknown_target ({-w:tc x}), nested_paragraph,
                          //!< filter_not_allowed, raw_not_alone, section_structure, delimiters,
                          //!< malformed_expression ({#a >}), expression_not_allowed ({a > 0}),
                          //!< image_not_alone ({%%x} beside text or another tag);
                          //!< package: not_docx, zip (ZipError's code in message), too_large,
                          //!< zip_bomb, too_many_entries, unsafe_name, zip_header_mismatch,
                          //!< zip_overlap, zip_hidden_data, part_not_allowed, macro,
                          //!< external_relationship, external_link, remote_field, xml, dtd,
                          //!< missing_part;
                          //!< against a report type's model (check_template): unknown_field,
                          //!< not_text, filter_type;
                          //!< TemplateLimits passed: too_many_tags, too_many_parts,
                          //!< too_many_elements, path_too_long, shape_too_large;
                          //!< too_many_problems: ends a capped list (vanthu::add_capped)
  std::string message;    //!< Vietnamese
  std::string part;       //!< "word/document.xml"
  std::string tag;        //!< the tag as written, e.g. "{#items}"
  std::string paragraph;  //!< the paragraph's text as Word shows it (tags included)
  std::string path;       //!< field issues: JSON Pointer of the field in the data shape ("/ds/0/ten")
  std::size_t omitted = 0;  //!< too_many_problems: how many issues past the cap were only counted
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
  std::string kind;       //!< "value", "section", "inverted", "end", "raw", "image"
  std::string path;       //!< "a.b", "." for the current item; a condition's canonical text
  //! A section or inverted section whose condition is an expression ({#so_luong > 0}): true,
  //! and `operands` lists the paths it reads ("ds.length" for the length of the list ds).
  bool expression = false;
  std::vector<std::string> operands;
  //! An end tag closing an opening tag that could not be read (that one is an issue): it closes
  //! no section, and walks over the tags ignore it.
  bool closes_unreadable = false;
  std::vector<std::string> filters;  //!< value tags: filter names, in order
  std::string mode;       //!< for sections: "inline", "paragraphs", "rows"
  std::string paragraph;  //!< the paragraph's text
  int paragraph_index = 0;  //!< the paragraph's position in its part (0 = first)
  int depth = 0;          //!< number of enclosing sections
};

//! What reading one template may cost, whatever it holds: each limit is checked while the
//! template is read, and reading stops as soon as one is passed, with one issue naming it (so a
//! template with a million tags costs no more than one with 20,001). Lists of issues are capped
//! on their own (kMaxProblems kept, the rest counted: vanthu::add_capped).
struct TemplateLimits {
  //! Tags of all parts together (tag-like mistakes such as "{}" count too): too_many_tags.
  std::size_t max_tags = 20'000;
  //! Parts that may hold tags (body, headers, footers, footnotes, endnotes): too_many_parts.
  std::size_t max_parts = 256;
  //! XML elements and attributes of one such part, counted while libxml2 builds it (its tree
  //! costs some 300 bytes each): too_many_elements. A 500-page document has fewer.
  std::size_t max_elements = 500'000;
  //! Segments of one tag's path ({a.b.c} has 3): path_too_long.
  std::size_t max_path_segments = 32;
  //! Fields (members of its objects, at any depth) of the data shape check_template builds:
  //! shape_too_large. Paths of many segments could otherwise make 32 fields of every tag.
  std::size_t max_shape_fields = 50'000;
};

struct TemplateOptions {
  //! The tag delimiters; nothing: the template's "vanthu:delimiters" property, else "{" "}".
  std::optional<Delimiters> delimiters;
  ZipLimits limits;
  TemplateLimits template_limits;
};

namespace engine {
struct TemplateFactory;
}

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
  //! The delimiters its tags were read with.
  const Delimiters& delimiters() const;
  //! Names of the parts that hold tags (rendered per request); all others are copied as stored.
  std::vector<std::string> templated_parts() const;
  //! Names of all parts of the package, in archive order.
  std::vector<std::string> part_names() const;
  //! The main document part: where _rels/.rels's officeDocument relationship points (Office 365
  //! may save "word/document2.xml"), else "word/document.xml".
  const std::string& main_part() const;

  struct Impl;
  const Impl& impl() const { return *impl_; }

 private:
  friend struct engine::TemplateFactory;
  explicit Template(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

//! The main document part of a package's entries (as Template::main_part); empty when its
//! officeDocument relationship names a part the package lacks.
std::string main_document_part(const std::vector<ZipEntry>& entries, const ZipLimits& limits = {});

//! Rendering stopped because the document would exceed RenderOptions' limits (a template whose
//! loops nest over the same long list can multiply its size without end).
class RenderLimitError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

//! What one render's {%x} images may be, each passed limit refusing the image (RenderResult::refused).
//! Sizes are of the decoded bytes, checked before decoding (from the base64's length) or while
//! reading a file; dimensions are read from the image's header, never by decoding its pixels (Word
//! and LibreOffice will: a 60,000 × 60,000 PNG of a few KiB would take them 14 GB).
struct ImageLimits {
  std::size_t max_bytes = std::size_t{10} << 20;        //!< one image: image_too_large
  std::size_t max_total_bytes = std::size_t{50} << 20;  //!< all the document's images (each distinct one once): images_too_large
  std::size_t max_images = 500;                         //!< distinct images in one document: too_many_images
  std::uint32_t max_side = 10'000;                      //!< pixels, width or height: image_dimensions
  std::uint64_t max_pixels = 50'000'000;                //!< width × height (a 48-megapixel photo passes): image_dimensions
};

//! Where a {%x} value's {"file": "name"} comes from (the parts of a multipart request, files next
//! to `vanthu fill`'s data): the file's bytes, at most `max_bytes + 1` of them (more are not
//! needed to know it is too large), or nothing when there is no such file. The engine refuses a
//! name that is not a plain relative name (absolute, "..", "\\", NUL: unsafe_file_name) before asking.
using ImageFiles = std::function<std::optional<std::string>(std::string_view name, std::size_t max_bytes)>;

struct RenderOptions {
  int compression_level = 1;  //!< deflate level for the parts that are rendered (bench/README.md)
  //! Limits of one render, each a RenderLimitError when passed: bytes of XML written for all the
  //! parts together, and operations run (loops over nothing still cost a step per repetition).
  std::size_t max_output = std::size_t{256} << 20;
  std::uint64_t max_steps = 50'000'000;
  //! A part whose XML grows past this many bytes is deflated piece by piece while it is being
  //! rendered (zlib's streaming deflate, straight into the archive), so a 2,000-row table or a
  //! 500-page document costs memory of the order of the DOCX, not of its XML. Smaller parts are
  //! deflated whole (libdeflate, faster). 0: never stream. The bytes of the archive depend on it.
  std::size_t stream_above = std::size_t{1} << 20;
  //! Parts replaced (or added) wholesale, not templated, e.g. {"docProps/core.xml", xml}.
  //! An added part also needs its content type, which the caller's template must declare.
  //! Replaced parts keep their place; added ones go last, in this order (ZipError "bad_name"
  //! for a name the zip reader would refuse too: vanthu/part_name.hpp).
  std::vector<std::pair<std::string, std::string>> parts;
  //! Rules applied to a templated part's rendered XML before it is written, e.g. the report
  //! layer's report::finish_body on word/document.xml (heading numbers, the closing "./.").
  //! Such a part is rendered whole, never streamed. `apply` gets well-formed XML and must leave
  //! it well-formed; an exception it throws ends the render.
  struct Finisher {
    std::string part;
    std::function<void(std::string& xml)> apply;
  };
  std::vector<Finisher> finishers;
  //! {%x} images: their limits, and the files a value may name (none: {"file": …} is image_file_not_found).
  ImageLimits image_limits;
  ImageFiles image_files;
};

struct RenderResult {
  std::string docx;
  //! Tags whose value was missing, as "{a.b} (word/document.xml)", first occurrence order,
  //! each once. They render as empty text.
  std::vector<std::string> missing;
  //! {@x} values refused because they hold more than the allowlist of WordprocessingML a value
  //! may bring (a picture, an object, an r:id, a field such as INCLUDEPICTURE "http://…"; see
  //! README.md): nothing was written for them and their tag is in `missing` too, so a caller that
  //! ignores this still gets a safe document. One issue per tag, its first refused value: code
  //! "unsafe_xml", part, tag ("{@x}") and a Vietnamese message naming what was refused. Hosts
  //! answer them as invalid input (422, exit 3) rather than hand out the document.
  //! {%x} images refused by their checks are here too, one per value, with `path` its JSON
  //! Pointer in the data ("/anh_su_kien", "/ds/2/anh") and a code: invalid_image_value (not a
  //! string or an object of data/file/width_cm/height_cm/alt), invalid_base64, unsupported_image
  //! (not PNG or JPEG by its bytes), corrupt_image (truncated, no header), image_too_large,
  //! images_too_large, too_many_images, image_dimensions, image_orientation (a JPEG whose EXIF
  //! says to rotate or flip it, which Word does not do), unsafe_file_name, image_file_not_found.
  //! Nothing is written for a refused image (the document stays valid).
  std::vector<TemplateIssue> refused;
};

//! Throws RenderLimitError when a limit of `options` is passed, ZipError for a bad added part.
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

//! Limits for a template someone uploads: stricter than ZipLimits' defaults.
struct PackageLimits {
  std::size_t max_size = 10u << 20;  //!< bytes of the .docx itself
  ZipLimits zip = {.max_entries = 1000, .max_entry_size = 32ull << 20, .max_total_size = 128ull << 20, .max_ratio = 100.0};
};

//! The checks an uploaded .docx must pass before anything else reads it, every failure at once
//! where they are independent: its size; a zip the reader accepts (entry count, sizes, the
//! compression ratio of zip bombs, entry names that are absolute, hold "..", backslashes or NUL,
//! duplicates; no forged archive: local headers that disagree with the central directory,
//! entries sharing bytes, bytes outside every entry); every part inflates within the limits;
//! only the parts a DOCX may hold (the package's skeleton, docProps/, customXml/, word/ XML and
//! relationships, images and media, OOXML embeddings — no macros, ActiveX or OLE binaries);
//! every XML part well-formed without a DTD or entity declarations; no external relationship (a
//! remote attachedTemplate or a linked image would make Word fetch it), hyperlinks included
//! (external_link: a template's link lands in every document issued from it; w:hyperlink
//! w:anchor, inside the document, is fine); no field code in a word/ part that fetches content
//! from outside (remote_field: INCLUDEPICTURE, INCLUDETEXT, INCLUDE, IMPORT, LINK, DDE, DDEAUTO,
//! DATABASE, or a field whose name another field computes) nor a HYPERLINK field to a URL or file
//! (external_link; HYPERLINK \l "bookmark" is fine); [Content_Types].xml, _rels/.rels and
//! the main part present (where _rels/.rels's officeDocument relationship says, else
//! word/document.xml; a relationship to a part the package lacks is not_docx).
std::vector<TemplateIssue> check_package(std::string_view docx, const PackageLimits& limits = {});

struct CheckOptions {
  bool package = true;  //!< run check_package first (with `limits`)
  PackageLimits limits;
  //! The data a report type's model gives (the plugin's model of its example input): value tag
  //! paths it cannot provide — with docxtemplater's scope rules — become unknown_field issues,
  //! value tags reaching an object or array not_text, filters that refuse the example's value
  //! filter_type. A section over a field the example lacks is only a warning (unknown_section):
  //! a missing section value is simply false, and models often mark kinds of items that way
  //! ({#chapter}…{/chapter} in a list whose example has no chapter). nullptr: not checked.
  const nlohmann::json* model_data = nullptr;
  //! Parts the template must have (e.g. those the model replaces): missing_part otherwise.
  std::vector<std::string> required_parts;
};

//! What `vanthu check` and POST /v1/templates:check report about a template.
struct TemplateCheck {
  //! Every problem found, all at once, capped: at most kMaxProblems kept, then one
  //! too_many_problems counting the rest (vanthu::add_capped; total_count() gives them all).
  std::vector<TemplateIssue> issues;
  //! What may be a mistake but does not stop the template (unknown_section); capped the same way.
  std::vector<TemplateIssue> warnings;
  //! Every tag, in document order, part by part (none when a TemplateLimits limit was passed).
  std::vector<TagInfo> tags;
  Delimiters delimiters;              //!< the delimiters the tags were read with
  //! The data the template expects, as JSON: "text", "number", "date" (ISO "YYYY-MM-DD"),
  //! "xml" or "image" ({%x}) for a value; an array holding the item's shape for a section with fields inside
  //! (["text"] when the body uses {.}); "condition" for a section without fields; nested objects
  //! for dotted paths. A field inside a section is taken to belong to the section's item unless
  //! an enclosing scope already has it.
  nlohmann::json shape = nlohmann::json::object();
  std::shared_ptr<const Template> parsed;  //!< the compiled template when there is no issue
};

TemplateCheck check_template(std::string_view docx, const TemplateOptions& options = {},
                             const CheckOptions& check = {});

}  // namespace vanthu
