//! A compiled part: literal XML bytes and a few operations, walked once per render with no XML
//! work at all. Also the Template's private state.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "template_tags.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::engine {

enum class OpKind : std::uint8_t {
  literal,   //!< pool[a, a + b)
  value,     //!< values[a]
  section,   //!< {#paths[a]}: body is ops up to index b
  inverted,  //!< {^paths[a]}: body is ops up to index b
  guard,     //!< guards[a] over the body (ops up to b): an element a loop may leave empty
  raw,       //!< values[a] as WordprocessingML replacing a whole paragraph ({@x})
  merge,     //!< merges[a]: vertical-merge bookkeeping of a table whose rows loops repeat
  image,     //!< images[a]: a {%x} picture in the run (template_images.hpp)
  drawing_id,  //!< the number drawing_ids[a] stands for in this render (DrawingIds, template_drawings.hpp)
};

struct Op {
  OpKind kind = OpKind::literal;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
  //! section / inverted: 1 + index into Program::fillers, written when the body is not rendered
  //! at all (the block's last section break, so the pages before keep their layout); 0: none.
  std::uint32_t c = 0;
};

//! A {value} tag: where to look, how to name it when missing, how to break a line inside it.
struct ValueSlot {
  std::uint32_t path = 0;
  std::uint32_t label = 0;         //!< index into Program::labels
  std::uint32_t line_break = 0;    //!< index into Program::line_breaks
  std::uint32_t filter_begin = 0;  //!< filters[filter_begin, filter_begin + filter_count)
  std::uint32_t filter_count = 0;
};

//! A {%x} image tag: where its value is, how to name it, how to leave and re-enter the w:t.
struct ImageSlot {
  std::uint32_t path = 0;
  std::uint32_t label = 0;      //!< index into Program::labels ("{%x} (word/document.xml)")
  std::uint32_t paragraph = 0;  //!< index into Program::image_paragraphs (the text, for issues)
  std::uint32_t text_end = 0;   //!< index into Program::fillers: "</w:t>"
  std::uint32_t text_start = 0; //!< index into Program::fillers: "<w:t xml:space=\"preserve\">"
  std::uint32_t prefix = 0;     //!< index into Program::fillers: "w:", the WordprocessingML prefix
  std::int64_t max_cx = 0;      //!< EMU: the table cell's text width (cell_text_width); 0: the page's
};

//! Vertical merges (w:vMerge) of a table whose rows a loop repeats or removes: a cell that
//! continues a merge must sit under a cell that is merged, or Word and LibreOffice draw it
//! wrongly. The renderer tracks, per table and grid column, whether the row rendered last had a
//! merged cell there, and writes a "continue" cell as a "restart" when it would be orphaned.
struct MergeOp {
  enum class Type : std::uint8_t { table, row, cell } type = Type::cell;
  enum class Cell : std::uint8_t { none, restart, continued } cell = Cell::none;
  std::uint32_t offset = 0;   //!< the table's first column in Renderer's state (table, row, cell)
  std::uint32_t columns = 0;  //!< table, row: the table's grid columns
  std::uint32_t column = 0;   //!< cell: its first grid column
  std::uint32_t span = 1;     //!< cell: w:gridSpan
  std::uint32_t as_continue = 0;  //!< continued cell: index into Program::fillers (the w:vMerge as written)
  std::uint32_t as_restart = 0;   //!< continued cell: index into Program::fillers (w:vMerge w:val="restart")
};

//! What must be true of an element after its loops ran: a w:tc ends with a paragraph, a
//! w:tbl has a row (Word refuses either otherwise).
struct Guard {
  std::string probe;   //!< "<w:p" / "<w:tr": an element that must start somewhere in the output
  std::string filler;  //!< appended when it does not ("<w:p/>"); empty: the output is dropped
};

struct Program {
  std::string part;  //!< the part's name, "word/document.xml"
  std::string pool;  //!< every literal byte, in order
  std::vector<Op> ops;
  std::vector<Path> paths;
  std::vector<ValueSlot> values;
  std::vector<std::string> labels;       //!< "{a.b} (word/document.xml)"
  std::vector<std::string> line_breaks;  //!< "</w:t><w:br/><w:t xml:space=\"preserve\">"
  std::vector<std::string> no_break_hyphens;  //!< the same index: "</w:t><w:noBreakHyphen/><w:t …>"
  std::vector<Guard> guards;
  std::vector<filters::Filter> filters;
  std::vector<std::string> fillers;
  std::vector<MergeOp> merges;
  std::uint32_t merge_columns = 0;  //!< total grid columns of the tables merges track
  std::vector<ImageSlot> images;    //!< empty: the part has no {%x} tag (no image work at all)
  std::vector<std::string> image_paragraphs;
  //! The template's own wp:docPr ids inside sections (which a loop may repeat), in the order of
  //! their OpKind::drawing_id; empty: the part has none (no drawing work at all).
  std::vector<std::uint64_t> drawing_ids;
};

//! What one render may still spend, shared by its parts.
struct RenderBudget {
  std::uint64_t steps = 50'000'000;
  std::size_t output = std::size_t{256} << 20;  //!< bytes of XML, all parts together
};

//! Where a big part's XML goes while it is being rendered (streaming): the renderer hands on
//! its output in pieces, in order, once `out` holds `chunk` bytes, and keeps only what it may
//! still have to take back (a guard's region whose element has not appeared yet).
class XmlSink {
 public:
  virtual ~XmlSink() = default;
  virtual void consume(std::string_view xml) = 0;
};

class ImageRender;
class DrawingIds;

//! Renders `program` against `data`, appending XML to `out`, newly missing labels to `missing`
//! and {@x} values refused by the allowlist (check_fragment) and {%x} images refused by their
//! checks to `refused` (see RenderResult). `images` places the {%x} pictures (needed exactly when
//! the program has image slots; `part` is the entry's index, for its relationships). `drawings`
//! numbers the template's drawings in sections (without it they keep the template's ids).
//! With a `sink`, the beginning of the output may already have been handed to it (in order) when
//! this returns: `out` then holds the rest. Throws RenderLimitError when the budget runs out
//! (what was spent is taken from it).
void render_program(const Program& program, const nlohmann::json& data, std::string& out,
                    std::vector<std::string>& missing, std::vector<TemplateIssue>& refused, RenderBudget& budget,
                    XmlSink* sink = nullptr, std::size_t chunk = 0, ImageRender* images = nullptr,
                    std::size_t part = 0, DrawingIds* drawings = nullptr);

//! A part compiled from its XML. has_tags false: the part is copied as stored.
struct CompiledPart {
  bool has_tags = false;
  Program program;
  std::vector<TagInfo> tags;
};

struct ReadBudget;

//! Steps 1-4 for one part. Issues are appended (add_capped); the program is only usable when
//! none were added. With a budget, its limits hold (see TemplateLimits): when one is passed,
//! budget->stopped is set and the part comes back without tags.
CompiledPart compile_part(std::string_view part, std::string_view xml, const Delimiters& delimiters,
                          std::vector<TemplateIssue>& issues, ReadBudget* budget = nullptr);

}  // namespace vanthu::engine

namespace vanthu::engine {
struct ImagePlan;
struct DrawingPlan;
}

namespace vanthu {

struct Template::Impl {
  TemplateOptions options;
  Delimiters delimiters;                       //!< the ones the tags were read with
  std::vector<ZipEntry> entries;               //!< as stored in the template, in order
  std::string main_part;                       //!< main_part_name of the entries
  std::vector<int> program_of_entry;           //!< index into programs, -1: copied as stored
  std::vector<engine::Program> programs;
  std::vector<TagInfo> tags;
  std::size_t output_hint = 0;                 //!< likely size of a rendered docx, for reserve()
  std::size_t rendered_size = 0;               //!< literal XML bytes of the templated parts
  //! What rendering {%x} images needs to know of the package (template_images.hpp); null when
  //! no part has an image tag, and then a render does no image work at all.
  std::shared_ptr<const engine::ImagePlan> images;
  //! What numbering wp:docPr ids needs (template_drawings.hpp); null when no part has a drawing
  //! in a section and no image tag.
  std::shared_ptr<const engine::DrawingPlan> drawings;
};

}  // namespace vanthu

namespace vanthu::engine {

//! Builds templates (Template's constructor is private).
struct TemplateFactory {
  //! Reads and compiles a template, collecting every issue and every tag (even with issues).
  //! Returns the template only when there is no issue.
  static std::shared_ptr<const Template> compile(std::string_view docx, const TemplateOptions& options,
                                                 std::vector<TemplateIssue>& issues, std::vector<TagInfo>& tags,
                                                 Delimiters& delimiters);
};

//! `s` with ASCII letters in lower case (part names and extensions compare this way).
std::string ascii_lower(std::string_view s);

//! The package's main document part: the target of the officeDocument relationship of
//! _rels/.rels (Office 365 may save it as "word/document2.xml"); "word/document.xml" when the
//! package has no such relationship. Empty when the relationship names a part the package lacks.
std::string main_part_name(const std::vector<ZipEntry>& entries, const ZipLimits& limits);

//! The parts that may hold tags: the main part (main_part_name), the headers, footers, footnotes,
//! endnotes and comments its relationships name, and parts named as Word names them
//! (word/header*.xml, word/footer*.xml, word/footnotes.xml, word/endnotes.xml, word/comments.xml).
std::vector<std::string> templatable_parts(const std::vector<ZipEntry>& entries, const ZipLimits& limits,
                                           const std::string& main);

//! The "vanthu:delimiters" custom property of a package's docProps/custom.xml, if any.
std::optional<std::string> delimiters_property(const std::vector<ZipEntry>& entries, const ZipLimits& limits);

}  // namespace vanthu::engine
