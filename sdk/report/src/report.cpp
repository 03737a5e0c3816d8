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
    while (!label.empty() && (label.back() == ':' || label.back() == ' ')) label.pop_back();
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

void Body::add(const char* kind, std::string label, std::string text) {
  // Counts a clerk typed are grouped as the decree writes numbers ("1507 hồ sơ" -> "1.507 hồ sơ").
  // Symbols keep their hyphens on one line ("57-NQ/TW").
  blocks_.push_back({{kind, true},
                     {"label", nd30::keep_symbols_together(label)},
                     {"text", nd30::keep_symbols_together(text::group_counts(text))}});
}

void Body::heading(const char* kind, std::string label, const std::optional<std::string>& text) {
  std::string said = text ? inline_or_nothing_new(*text) : std::string();
  // "Không phát sinh nội dung mới." goes after a colon on the heading's line, or in its own
  // paragraph under it (seed 000): never glued to a heading that does not end in ":".
  if (said == nd30::kNothingNew && (label.empty() || label.back() != ':')) {
    add(kind, std::move(label), "");
    paragraph(said);
    return;
  }
  add(kind, std::move(label), std::move(said));
}

void Body::part(const std::string& label) {
  ++parts_;
  chapters_ = sections_ = subsections_ = items_ = 0;
  add("part", std::string(1, static_cast<char>('A' + (parts_ - 1) % 26)) + ". " + label, "");
}

void Body::chapter(const std::string& label, const std::optional<std::string>& text) {
  ++chapters_;
  sections_ = subsections_ = items_ = 0;
  heading("chapter", nd30::roman(chapters_) + ". " + label, text);
}

void Body::section(const std::string& label, const std::optional<std::string>& text) {
  ++sections_;
  subsections_ = items_ = 0;
  heading("section", std::to_string(sections_) + ". " + label, text);
}

void Body::subsection(const std::string& label, const std::optional<std::string>& text) {
  ++subsections_;
  items_ = 0;
  heading("subsection", std::to_string(sections_) + "." + std::to_string(subsections_) + ". " + label, text);
}

void Body::item(const std::string& label, const std::optional<std::string>& text) {
  ++items_;
  heading("item", nd30::letter(items_) + ") " + label, text);
}

void Body::paragraph(const std::string& text) { add("paragraph", "", text); }

void Body::rich(const std::vector<Run>& runs, const std::string& style_id) {
  std::string plain;
  for (const auto& run : runs) plain += run.text;
  blocks_.push_back({{"raw", true}, {"label", ""}, {"text", plain}, {"xml", paragraph_xml(style_id, runs)}});
}
void Body::bullet(const std::string& text) { add("bullet", "", text); }
void Body::plus(const std::string& text) { add("plus", "", text); }
void Body::note(const std::string& text) { add("note", "", text); }

void Body::labelled(const std::string& label, const std::string& text) {
  add("labelled", label + ":", inline_or_nothing_new(text));
}

std::string Body::inline_or_nothing_new(const std::string& text) {
  std::string t = trim(text);
  return t.empty() ? std::string(nd30::kNothingNew) : t;
}

void Body::content(const nlohmann::json& blocks, const std::function<bool(const nlohmann::json&)>& object_block,
                   bool nothing_new_when_empty) {
  bool any = false;
  if (blocks.is_array()) {
    for (const auto& block : blocks) {
      if (block.is_string()) {
        std::string text = trim(block.get<std::string>());
        if (text.empty()) continue;
        paragraph(text);
        any = true;
      } else if (block.is_object()) {
        any = object_block(block) || any;
      }
    }
  }
  if (!any && nothing_new_when_empty) paragraph(std::string(nd30::kNothingNew));
}

void Body::content(const nlohmann::json& blocks) {
  content(blocks, [this](const nlohmann::json& block) {
    std::string text = trim(block.value("text", std::string()));
    std::string label = trim(block.value("label", std::string()));
    std::string style = block.value("style", std::string("paragraph"));
    if (!label.empty()) {
      if (label.back() == ':') label.pop_back();
      labelled(label, text);
      return true;
    }
    if (text.empty()) return false;
    if (style == "bullet") bullet(text);
    else if (style == "plus") plus(text);
    else if (style == "note") note(text);
    else paragraph(text);
    return true;
  });
}

void Body::close(bool signature_follows) {
  if (blocks_.empty()) return;
  end_with_closing_mark(blocks_.back());
  if (signature_follows) keep_with_next(blocks_.back());
}

void end_with_closing_mark(nlohmann::json& block) {
  if (block.contains("raw")) {  // a rich paragraph: the mark goes in a run of its own
    std::string xml = block["xml"].get<std::string>();
    auto end = xml.rfind("</w:p>");
    if (end != std::string::npos) xml.insert(end, "<w:r><w:t>./.</w:t></w:r>");
    block["xml"] = xml;
    block["text"] = block.value("text", std::string()) + "./.";
    return;
  }
  std::string& target = block["text"].get_ref<std::string&>();
  std::string& where = target.empty() ? block["label"].get_ref<std::string&>() : target;
  // The clerk's closing punctuation and spaces give way to the mark: "x;" and "x. ;" end "x./.".
  where = trim(where);
  while (!where.empty() && (where.back() == '.' || where.back() == ';' || where.back() == ',' || where.back() == ' '))
    where.pop_back();
  where += "./.";
}

nlohmann::json raw_block(const nlohmann::json& block) {
  if (block.contains("raw")) return block;
  const std::string label = block.value("label", std::string()), text = block.value("text", std::string());
  std::vector<Run> runs;
  std::string style = "Normal";
  auto heading = [&](const char* style_id, bool bold, bool italic) {
    style = style_id;
    runs.push_back({.text = label, .bold = bold, .italic = italic});
    if (!text.empty()) runs.push_back({.text = " " + text});
  };
  if (block.contains("part")) heading("VanthuPart", false, false);  // the style is bold
  else if (block.contains("chapter")) heading("VanthuChapter", true, false);
  else if (block.contains("section") || block.contains("subsection")) heading("VanthuSection", true, false);
  else if (block.contains("item")) heading("VanthuItem", false, true);
  else if (block.contains("labelled")) runs.push_back({.text = label + " " + text});
  else if (block.contains("bullet")) runs.push_back({.text = "- " + text});
  else if (block.contains("plus")) runs.push_back({.text = "+ " + text});
  else runs.push_back({.text = text});
  if (block.contains("note")) style = "VanthuNote";
  std::string plain;
  for (const auto& run : runs) plain += run.text;
  return {{"raw", true}, {"label", ""}, {"text", plain}, {"xml", paragraph_xml(style, runs)}};
}

void keep_with_next(nlohmann::json& block) {
  block = raw_block(block);
  std::string xml = block["xml"].get<std::string>();
  if (xml.find("<w:keepNext/>") != std::string::npos) return;
  if (auto style = xml.find("<w:pStyle"); style != std::string::npos) {
    xml.insert(xml.find("/>", style) + 2, "<w:keepNext/>");
  } else if (auto ppr = xml.find("<w:pPr>"); ppr != std::string::npos) {
    xml.insert(ppr + 7, "<w:keepNext/>");
  } else if (auto p = xml.find("<w:p>"); p != std::string::npos) {
    xml.insert(p + 5, "<w:pPr><w:keepNext/></w:pPr>");
  }
  block["xml"] = xml;
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
