//! What the compiler knows about one part while it compiles it: paragraphs, tags, sections,
//! and where each section's markers go in the serialised XML.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <libxml/tree.h>

#include "template_tags.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::engine {

//! A w:t of a paragraph and the byte range of its text within the paragraph's text.
struct TextPiece {
  xmlNode* t = nullptr;
  std::size_t begin = 0;
  std::size_t end = 0;
};

//! A w:p with its visible text (the concatenation of its own w:t, as Word shows it).
struct Paragraph {
  xmlNode* p = nullptr;
  std::string text;
  std::vector<TextPiece> pieces;
  std::vector<std::size_t> tags;  //!< indexes into PartModel::tags, in text order
};

//! A tag of the part, in document order.
struct FoundTag {
  Tag tag;
  std::string written;          //!< as written in the template, e.g. "{ #items }"
  std::size_t paragraph = 0;    //!< index into PartModel::paragraphs
  xmlNode* t = nullptr;         //!< the w:t holding the whole tag once split tags are joined
  int section = -1;             //!< the section it opens or closes (-1 for values, unmatched)
  int depth = 0;                //!< number of enclosing sections
  bool closes_unreadable = false;  //!< an end tag closing an opening tag that could not be read
};

//! The new content of a w:t touched by tag joining: literal ranges of `text` and tags.
struct TextSegment {
  std::size_t begin = 0;
  std::size_t end = 0;
  int tag = -1;  //!< index into PartModel::tags, or -1 for the literal text [begin, end)
};
struct TextPlan {
  std::string text;
  std::vector<TextSegment> segments;
};

//! inline_text: both tags in one paragraph, the text between them repeats. spanning: the tags
//! in sibling paragraphs, one of them not alone in its paragraph: as docxtemplater, the XML from
//! the opening tag to the closing one repeats (the end of the first paragraph, the paragraphs
//! between, the start of the last), so a loop rendering nothing joins the two paragraphs.
//! paragraphs: each tag alone in its paragraph (docxtemplater's paragraphLoop), or an explicit
//! {-w:p x} / {-w:tbl x}: whole siblings repeat. rows: table rows repeat.
enum class SectionMode { inline_text, spanning, paragraphs, rows };

//! A matched {#x}…{/x} or {^x}…{/x}, and what it repeats.
struct Section {
  std::size_t open_tag = 0;
  std::size_t close_tag = 0;
  bool inverted = false;
  SectionMode mode = SectionMode::inline_text;
  xmlNode* first = nullptr;  //!< block modes: the first sibling repeated (w:p or w:tr)
  xmlNode* last = nullptr;   //!< block modes: the last sibling repeated
  bool placed = false;       //!< its extent is valid (no section_structure issue)
  //! {-w:p x}, {-w:tr x}, {-w:tbl x}: the enclosing elements repeat whole, tag-only paragraphs
  //! included (nothing is dropped), as docxtemplater does.
  bool explicit_target = false;
  //! paragraphs mode: the last section break (w:sectPr in a w:pPr) among the paragraphs it
  //! repeats; kept alone in an empty paragraph when the block is not rendered at all (spanning
  //! mode: among the paragraphs after the first, the paragraph then split where the tag was).
  xmlNode* last_break = nullptr;
};

//! Vertical-merge bookkeeping for one element of a table whose rows loops repeat (see MergeOp).
struct MergeMark {
  enum class Type : unsigned char { table, row, cell } type = Type::cell;
  enum class Cell : unsigned char { none, restart, continued } cell = Cell::none;
  std::uint32_t offset = 0;
  std::uint32_t columns = 0;
  std::uint32_t column = 0;
  std::uint32_t span = 1;
  const xmlNode* vmerge = nullptr;  //!< continued cell: its w:vMerge element (where the op goes)
};

//! A section boundary placed before or after an element.
struct Marker {
  bool begin = true;
  std::size_t section = 0;
};

//! What reading a template has spent so far, shared by its parts (TemplateLimits).
struct ReadBudget {
  TemplateLimits limits;
  std::size_t found = 0;  //!< tags and tag-like mistakes read so far, every part together
  bool stopped = false;   //!< a limit was passed: reading stopped, with the issue saying which
};

struct PartModel {
  std::string name;
  Delimiters delimiters;
  ReadBudget* budget = nullptr;  //!< nullptr: no limits
  std::vector<Paragraph> paragraphs;
  std::vector<FoundTag> tags;
  //! The section tags that could not be read ({#a >}, {/a >}: already issues), in document
  //! order, so that the tags pairing with them are not reported again (match_sections).
  struct UnreadableTag {
    std::size_t paragraph = 0;  //!< index into paragraphs
    std::size_t offset = 0;     //!< in the paragraph's text
    bool opens = false;         //!< an opening tag, else a closing one
  };
  std::vector<UnreadableTag> unreadable;
  std::unordered_map<const xmlNode*, TextPlan> plans;
  std::vector<Section> sections;
  std::unordered_set<const xmlNode*> dropped;        //!< paragraphs that held only section tags
  std::unordered_map<const xmlNode*, std::size_t> raw_paragraphs;  //!< w:p replaced by a {@raw} tag's value
  std::unordered_map<const xmlNode*, std::vector<Marker>> before, after;
  std::unordered_set<const xmlNode*> guarded_cells;   //!< w:tc, w:txbxContent, w:footnote, w:hdr, ... that a
                                                      //!< loop could leave without a w:p
  std::unordered_set<const xmlNode*> guarded_tables;  //!< w:tbl that a loop could leave without a w:tr
  std::unordered_set<const xmlNode*> stray_section_properties;  //!< containers with a w:sectPr mid-way
  //! Tag-only paragraphs kept for the page break they hold: rendered (without the tags) inside
  //! the block they open, or once after the block they close.
  std::unordered_set<const xmlNode*> break_carriers;
  std::unordered_map<const xmlNode*, MergeMark> merge_marks;  //!< w:tbl, w:tr, w:tc (continued cells: their w:vMerge)
  std::uint32_t merge_columns = 0;
  std::vector<TemplateIssue> issues;

  //! An issue about a tag of this part, with the paragraph's text.
  void report(const char* code, std::string message, const std::string& tag, std::size_t paragraph);
};

//! A paragraph's text for an issue or a tag listing: whole, unless absurdly long.
std::string shown_paragraph(const std::string& text);

//! Finds the paragraphs of a part and their tags (step 1); tag mistakes become issues. Stops
//! as soon as the budget's max_tags is passed (too_many_tags; budget->stopped).
void find_paragraph_tags(xmlNode* root, PartModel& model);
//! Moves each tag's text into the w:t where it starts (Word splits tags across runs).
void join_split_tags(PartModel& model);
//! Pairs section tags (step 2) and decides what each section repeats (step 3).
void plan_sections(PartModel& model);
//! Each {@raw} tag replaces its whole paragraph, so it must stand alone in it.
void plan_raw_tags(PartModel& model);
//! Each {%%x} centred image must stand alone in its paragraph, which is then centred.
void plan_centered_images(PartModel& model);
//! Vertical merges in tables whose rows loops repeat (after plan_sections).
void plan_merges(PartModel& model);

//! Whether a container must end with a paragraph (w:tc, w:txbxContent, w:footnote, w:endnote,
//! w:hdr, w:ftr, w:comment): a loop that empties it gets an empty one.
bool needs_paragraph(const xmlNode* container);
//! The value of the w:val attribute of a WordprocessingML element ("" when absent).
std::string w_val(const xmlNode* node);

}  // namespace vanthu::engine
