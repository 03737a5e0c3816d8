#include "vanthu/report.hpp"

#include <algorithm>
#include <cstdio>

#include "vanthu/json_access.hpp"
#include "vanthu/nd30.hpp"
#include "vanthu/text.hpp"
#include "vanthu/xml_text.hpp"

namespace vanthu::report {
namespace {

using text::trim;

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::string::size_type start = 0;
  while (true) {
    auto end = text.find('\n', start);
    std::string line = trim(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (!line.empty()) lines.push_back(line);
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return lines;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

//! The printed lines of `text` in a column: the clerk's own line breaks, then wrapping.
std::vector<std::string> printed_lines(const std::string& text, double size_pt, bool bold, int width_twips) {
  std::vector<std::string> lines;
  for (const auto& line : split_lines(text))
    for (auto& wrapped : nd30::wrap_lines(line, size_pt, bold, width_twips)) lines.push_back(std::move(wrapped));
  return lines;
}

}  // namespace

std::string clerk_text(const std::string& text) {
  return nd30::keep_symbols_together(text::group_counts(trim(text)));
}

nlohmann::json content_items(const nlohmann::json& blocks) {
  nlohmann::json items = nlohmann::json::array();
  if (!blocks.is_array()) return items;
  int letters = 0;
  for (const auto& block : blocks) {
    std::string text, label, style = "paragraph";
    if (block.is_string()) {
      text = block.get<std::string>();
    } else if (block.is_object()) {
      text = string_member(block, "text");
      label = trim(string_member(block, "label"));
      if (auto found = block.find("style"); found != block.end() && found->is_string()) style = found->get<std::string>();
    } else {
      continue;
    }
    text = clerk_text(text);
    label = text::trim_end(label, ":");
    if (text.empty() && label.empty()) continue;
    std::string marker = style == "bullet" ? "- " : style == "plus" ? "+ " : "";
    if (style == "lettered") marker = nd30::letter(++letters) + ") ";
    items.push_back({{"label", nd30::keep_symbols_together(label)},
                     {"marker", marker},
                     {"text", text},
                     {"note", style == "note"}});
  }
  return items;
}

nlohmann::json header_fields(const Header& h) {
  const int column = kHeaderLeftColumn - 2 * kHeaderCellMargin;
  std::string parent = nd30::balanced_lines(join_lines(split_lines(text::upper(h.parent))), kIssuerSize, false, column);
  // Balanced as a clerk sets them: no word alone on the issuing body's last line.
  std::string name = nd30::balanced_lines(join_lines(split_lines(text::upper(h.name))), kIssuerSize, true, column);
  auto lines = printed_lines(name, kIssuerSize, true, column);
  std::string symbol = h.type_abbreviation.empty() ? h.symbol : h.type_abbreviation + "-" + h.symbol;
  int year = h.date ? h.date->year : h.year;
  return {
      {"issuer_parent", parent},
      {"issuer_name", name},
      {"issuer_rule", rule_paragraph_xml(nd30::agency_rule_twips(lines, kIssuerSize, column), column)},
      {"symbol", symbol},
      {"number_line", nd30::number_line(h.number, symbol)},
      {"place_date_line", nd30::place_date_line(h.place, h.date, year)},
  };
}

Header header_from_input(const nlohmann::json& input) {
  const nlohmann::json& issuer = member(input, "issuer");  // header_from_input
  const nlohmann::json& document = member(input, "document");
  Header header;
  header.parent = trim(string_member(issuer, "parent"));
  header.name = trim(string_member(issuer, "name"));
  header.symbol = trim(string_member(issuer, "symbol"));
  header.place = trim(string_member(issuer, "place"));
  // The schema bounds it (1..99999): a blank number is the records office's, not an int overflow.
  if (auto number = integer_member(document, "number")) header.number = static_cast<int>(*number);
  header.date = date_member(document, "date");
  return header;
}

nlohmann::json subject_fields(const std::string& subject) {
  const int column = kTextWidth;
  auto lines = printed_lines(subject, kSubjectSize, true, column);
  // The same proportion as under the issuing body, but never longer than a third of the page:
  // under a title of several full lines a half-page rule would read as a separator.
  int rule = std::min(nd30::agency_rule_twips(lines, kSubjectSize, column), column / 3);
  return {{"subject", nd30::keep_symbols_together(trim(subject))}, {"subject_rule", rule_paragraph_xml(rule, column)}};
}

nlohmann::json closing_fields(const std::vector<std::string>& recipients, const std::string& archive,
                              const std::vector<std::string>& authority, const std::vector<std::string>& positions,
                              const std::string& signer) {
  std::vector<std::string> items;
  for (const auto& r : recipients)
    if (!trim(r).empty()) items.push_back(trim(r));
  std::string kept = trim(archive);  // nơi lưu
  items.push_back("Lưu: " + (kept.empty() ? std::string("VT") : kept));
  nlohmann::json lines = nlohmann::json::array();
  for (const auto& a : authority)
    if (!trim(a).empty()) lines.push_back(text::upper(trim(a)));
  for (const auto& p : positions)
    if (!trim(p).empty()) lines.push_back(text::upper(trim(p)));
  return {{"recipients", nd30::recipient_lines(items)}, {"signature_lines", lines}, {"signer", trim(signer)}};
}

nlohmann::json closing_fields_from_input(const nlohmann::json& input) {
  const nlohmann::json& signature = member(input, "signature");
  return closing_fields(strings(member(input, "recipients")), string_member(input, "archive"),
                        strings(member(signature, "authority")), strings(member(signature, "positions")),
                        string_member(signature, "name"));
}

std::string rule_paragraph_xml(int rule_twips, int column_twips) {
  rule_twips = std::clamp(rule_twips, 0, column_twips);
  int side = (column_twips - rule_twips) / 2;
  char xml[512];
  std::snprintf(xml, sizeof xml,
                "<w:p><w:pPr><w:pStyle w:val=\"VanthuRule\"/><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" "
                "w:space=\"0\" w:color=\"000000\"/></w:pBdr><w:ind w:left=\"%d\" w:right=\"%d\"/></w:pPr></w:p>",
                side, column_twips - rule_twips - side);
  return xml;
}

std::string w3c_datetime(const Date& date) { return date.iso() + "T00:00:00Z"; }

namespace {

void append_escaped(std::string& out, std::string_view text) { xml::append_text(out, text, xml::kWordLineBreak); }

}  // namespace

std::string paragraph_xml(const std::string& style_id, const std::vector<Run>& runs) {
  std::string xml = "<w:p><w:pPr><w:pStyle w:val=\"";
  append_escaped(xml, style_id);
  xml += "\"/></w:pPr>";
  for (const auto& run : runs) {
    xml += "<w:r>";
    if (run.bold || run.italic || run.superscript || run.footnote > 0) {
      xml += "<w:rPr>";
      if (run.bold) xml += "<w:b/><w:bCs/>";
      if (run.italic) xml += "<w:i/><w:iCs/>";
      if (run.superscript || run.footnote > 0) xml += "<w:vertAlign w:val=\"superscript\"/>";
      xml += "</w:rPr>";
    }
    if (run.footnote > 0) {
      xml += "<w:footnoteReference w:id=\"" + std::to_string(run.footnote) + "\"/>";
    } else {
      xml += "<w:t xml:space=\"preserve\">";
      // Counts grouped, symbols kept on one line (U+2011 as w:noBreakHyphen), as in every block.
      xml::append_text(xml, nd30::keep_symbols_together(text::group_counts(run.text)), xml::kWordLineBreak,
                       xml::kWordNoBreakHyphen);
      xml += "</w:t>";
    }
    xml += "</w:r>";
  }
  return xml + "</w:p>";
}

int Footnotes::add(const std::string& text) {
  texts_.push_back(text);
  return static_cast<int>(texts_.size());
}

std::string Footnotes::part_xml() const {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
      "<w:footnotes xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
      "<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" "
      "w:lineRule=\"auto\"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>"
      "<w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:pPr><w:spacing w:after=\"0\" "
      "w:line=\"240\" w:lineRule=\"auto\"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>";
  for (std::size_t i = 0; i < texts_.size(); ++i) {
    xml += "<w:footnote w:id=\"" + std::to_string(i + 1) +
           "\"><w:p><w:pPr><w:pStyle w:val=\"VanthuFootnoteText\"/></w:pPr><w:r><w:rPr><w:vertAlign "
           "w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> ";
    append_escaped(xml, texts_[i]);
    xml += "</w:t></w:r></w:p></w:footnote>";
  }
  return xml + "</w:footnotes>";
}

std::vector<std::string> strings(const nlohmann::json& array) {
  std::vector<std::string> out;
  if (array.is_array())
    for (const auto& v : array)
      if (v.is_string()) out.push_back(v.get<std::string>());
  return out;
}

std::string local_unit_from_input(const nlohmann::json& input) {
  std::string unit = trim(string_member(member(input, "issuer"), "unit"));
  return unit == "xã" || unit == "đặc khu" ? unit : std::string("phường");
}

}  // namespace vanthu::report
