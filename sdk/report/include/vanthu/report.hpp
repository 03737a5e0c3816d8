//! Building the document model of a report (báo cáo) for the standard Vanthu templates.
//!
//! Every report type's template has the same three official parts, filled from the same keys:
//!   header  (bảng tiêu đề): issuer_parent, issuer_name, issuer_rule, number_line, place_date_line
//!   title   (tên loại + trích yếu): subject, subject_rule
//!   body    (nội dung): the template's own wording and headings; the model gives facts and
//!           figures, and the clerk's typed blocks as content_items(); a paragraph with runs a
//!           template cannot express (superscript references, footnote references) as
//!           paragraph_xml()
//!   closing (nơi nhận + chữ ký): recipients, signature_lines, signer
//! Headings are numbered from their paragraph styles once the template is filled (finish_body),
//! so a template a clerk rewords, or an input, can never skip or repeat a number.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanthu/date.hpp"

namespace vanthu::report {

//! Geometry of the standard templates (templates/*/word/document.xml), in twips (1/20 pt).
//! A test checks that every standard template's grid matches these numbers.
inline constexpr int kHeaderLeftColumn = 3856;    //!< 6,8 cm: issuing body, "Số:"
inline constexpr int kHeaderRightColumn = 5840;   //!< 10,3 cm: Quốc hiệu, Tiêu ngữ, date line
inline constexpr int kHeaderCellMargin = 57;      //!< left and right cell margin (0,1 cm)
inline constexpr int kTextWidth = 8787;           //!< A4 minus 35 mm and 20 mm margins
inline constexpr double kIssuerSize = 13;         //!< pt, issuing body (bold)
inline constexpr double kSubjectSize = 14;        //!< pt, trích yếu (bold)

//! A run of text inside a rich paragraph.
struct Run {
  std::string text;
  bool bold = false;
  bool italic = false;
  bool superscript = false;  //!< e.g. the "(1)" of a numbered reference
  int footnote = 0;          //!< > 0: a reference to that footnote (see Footnotes), text ignored
};

//! Real Word footnotes (chú thích): numbered in order of add(); the body refers to them with
//! Run{.footnote = id}. The template must have word/footnotes.xml (its content is replaced by
//! part_xml()), its relationship and content type, a "VanthuFootnoteText" paragraph style, and
//! in word/settings.xml <w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>.
class Footnotes {
 public:
  //! Adds a footnote and returns its id (1, 2, ...).
  int add(const std::string& text);
  bool empty() const { return texts_.empty(); }
  //! The whole word/footnotes.xml: the two separators (ids -1 and 0), then each footnote.
  std::string part_xml() const;

 private:
  std::vector<std::string> texts_;
};

//! A paragraph in `style_id` made of `runs`, as WordprocessingML (text XML-escaped).
std::string paragraph_xml(const std::string& style_id, const std::vector<Run>& runs);

//! What a clerk typed, as the standard templates print it: trimmed, counts grouped as the decree
//! writes numbers ("1507 hồ sơ" -> "1.507 hồ sơ"), symbols kept on one line ("57-NQ/TW").
std::string clerk_text(const std::string& text);

//! The blocks a clerk typed for a section (each a string, or {"text", "style": paragraph |
//! bullet | plus | note | lettered, "label"}), as the items of the standard templates' content
//! loop. Every item has all four keys, so a template can test each:
//!   {"label": "Về hạ tầng" (no trailing colon; "" when none), "marker": "- " | "+ " | "a) " | "",
//!    "text": clerk_text (may be "" when there is a label), "note": true for an italic note}
//! Blank strings and objects without text or label are left out; an empty result is an empty
//! array, which a template tests with {^field} to say "Không phát sinh nội dung mới.". The
//! template's loop, one paragraph per item:
//!   {#field}
//!   {#label}{label}: {/label}{marker}{^note}{text}{^text}…{/text}{/note}{#note}<i>{text}</i>{/note}
//!   {/field}
nlohmann::json content_items(const nlohmann::json& blocks);

//! The rules a report's main part obeys once its template is filled, whoever wrote the template
//! (the built-in one, or an agency's reworded copy): the host applies it to word/document.xml of
//! every report it renders.
//!   - Heading numbers come from the heading's paragraph style: VanthuPart "A.", VanthuChapter
//!     "I.", VanthuSection "1.", VanthuSubsection "1.1.", VanthuSubsubsection "1.1.1.",
//!     VanthuItem "a)" (Vietnamese letters a, b, c, d, đ, e, g, …), each also as its "…Text"
//!     style (a heading followed by text on its line). Other styles are never numbered. A number the template wrote at the start of such a heading ("II. ", "3. ", "b) ")
//!     is replaced by the right one, and one is put there when the template wrote none, so a
//!     heading a clerk deletes, adds or moves in Word, or one a condition leaves out, never
//!     skips or repeats a number. An empty heading paragraph is not counted. A level restarts
//!     under each heading of a higher level.
//!   - A paragraph whose text is only "./." (the decree's end of text) joins the paragraph of
//!     text before it: that paragraph's trailing ".", ";", "," and spaces give way to "./.", and
//!     it is kept on the page of what follows (w:keepNext), so the signature block never stands
//!     alone on a page. After a table, or with nothing before it, the mark stays on its own line.
//!   - A run of a body paragraph left with no text at all (an italic run whose condition was
//!     false) is removed.
//! A part without these styles and without "./." is left as it is, unparsed.
void finish_body(std::string& xml);

//! The header table's values.
struct Header {
  std::string parent;             //!< cơ quan chủ quản, may be empty
  std::string name;               //!< cơ quan ban hành; "\n" separates lines as the clerk wants them
  std::string type_abbreviation;  //!< "BC" (Appendix III); empty for a công văn
  std::string symbol;             //!< agency part of the symbol, e.g. "BCĐ", "UBND-VHXH"
  std::optional<int> number;      //!< blank when the records office assigns it
  std::string place;
  std::optional<Date> date;       //!< blank when the records office fills it
  int year = 0;                   //!< the year printed when the date is blank
};

//! The header as the standard inputs give it: their "issuer" object (parent, name, symbol,
//! place) and "document" object (number, date), as in the schemas of nq57-weekly, nq57-periodic
//! and dean06-monthly. Text is trimmed; an absent number or date stays blank for the records
//! office to fill (the schema has bounded the number and refused a date not on the calendar).
//! What only the report type knows
//! is left for it to set: type_abbreviation ("BC"; empty for a công văn) and year (printed when
//! the date is blank).
Header header_from_input(const nlohmann::json& input);

//! The level of local government of the issuer (cấp hành chính: "phường", "xã" or "đặc khu"),
//! from issuer.unit, "phường" when absent: the word every fixed sentence uses ("UBND phường",
//! "UBND xã", "CA đặc khu").
std::string local_unit_from_input(const nlohmann::json& input);

//! issuer_parent, issuer_name (both UPPER), issuer_rule (raw paragraph XML: the short centred
//! line, 40% of the widest printed line), number_line, place_date_line, symbol.
nlohmann::json header_fields(const Header& header);

//! subject (trích yếu) and subject_rule (the short line under it).
nlohmann::json subject_fields(const std::string& subject);

//! recipients ("- X;" lines ending with "- Lưu: archive."), signature_lines (authority and
//! position lines, UPPER), signer.
nlohmann::json closing_fields(const std::vector<std::string>& recipients, const std::string& archive,
                              const std::vector<std::string>& authority, const std::vector<std::string>& positions,
                              const std::string& signer);

//! closing_fields() from the members the standard inputs share: "recipients" (strings),
//! "archive" and "signature" {authority, positions: strings; name}.
nlohmann::json closing_fields_from_input(const nlohmann::json& input);

//! A paragraph that draws a centred horizontal line `rule_twips` long in a column whose text
//! area is `column_twips` wide (a top border limited by indents): the form the decree's lines
//! take in Word and LibreOffice alike.
std::string rule_paragraph_xml(int rule_twips, int column_twips);

//! "2026-02-11T00:00:00Z"
std::string w3c_datetime(const Date& date);

//! A JSON array of strings as a vector.
std::vector<std::string> strings(const nlohmann::json& array);

}  // namespace vanthu::report
