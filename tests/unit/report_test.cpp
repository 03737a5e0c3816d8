//! The report model helpers: the clerk's blocks as content items, header and closing fields, rich
//! paragraphs and footnotes, and the geometry the standard templates must share with
//! vanthu/report.hpp (heading numbers and "./." are tested in report_finish_test.cpp).

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "test_support.hpp"
#include "vanthu/nd30.hpp"
#include "vanthu/report.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace vanthu::report;

namespace {

TEST(ReportHeader, FieldsFollowTheDecree) {
  Header h;
  h.parent = "ủy ban nhân dân phường hải an";
  h.name = "Ban chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số";
  h.type_abbreviation = "BC";
  h.symbol = "BCĐ";
  h.place = "Hải An";
  h.year = 2026;
  json f = header_fields(h);
  EXPECT_EQ(f["issuer_parent"], "ỦY BAN NHÂN DÂN\nPHƯỜNG HẢI AN");  // too wide for one line: two even ones
  // As many lines as the column needs, balanced: no word alone on the last one.
  EXPECT_EQ(f["issuer_name"], "BAN CHỈ ĐẠO PHÁT\nTRIỂN KHOA HỌC, CÔNG\nNGHỆ, ĐỔI MỚI SÁNG\nTẠO VÀ CHUYỂN ĐỔI SỐ");
  EXPECT_EQ(f["symbol"], "BC-BCĐ");
  EXPECT_EQ(f["number_line"], vanthu::nd30::number_line(std::nullopt, "BC-BCĐ"));
  EXPECT_EQ(f["place_date_line"], vanthu::nd30::place_date_line("Hải An", std::nullopt, 2026));
  h.number = 7;
  h.date = vanthu::Date{2026, 2, 5};
  f = header_fields(h);
  EXPECT_EQ(f["number_line"], "Số: 07/BC-BCĐ");
  EXPECT_EQ(f["place_date_line"], "Hải An, ngày 05 tháng 02 năm 2026");
}

//! The rule's indents, read back from its XML.
std::pair<int, int> rule_indents(const std::string& xml) {
  std::smatch m;
  EXPECT_TRUE(std::regex_search(xml, m, std::regex("w:left=\"(\\d+)\" w:right=\"(\\d+)\""))) << xml;
  return {std::stoi(m[1]), std::stoi(m[2])};
}

TEST(ReportHeader, IssuerRuleIsCentredAndScalesWithTheName) {
  const int column = kHeaderLeftColumn - 2 * kHeaderCellMargin;
  Header shorter;
  shorter.name = "ỦY BAN NHÂN DÂN\nPHƯỜNG HẢI AN";
  shorter.symbol = "UBND";
  shorter.place = "Hải An";
  shorter.year = 2026;
  Header longer = shorter;
  longer.name = "ỦY BAN NHÂN DÂN\nPHƯỜNG HẢI AN THÀNH PHỐ HẢI PHÒNG";
  auto [l1, r1] = rule_indents(header_fields(shorter)["issuer_rule"]);
  auto [l2, r2] = rule_indents(header_fields(longer)["issuer_rule"]);
  EXPECT_LE(std::abs(l1 - r1), 1);
  EXPECT_LE(std::abs(l2 - r2), 1);
  int rule1 = column - l1 - r1, rule2 = column - l2 - r2;
  EXPECT_GT(rule2, rule1);
  // 1/3 to 1/2 of the widest printed line ("PHƯỜNG HẢI AN" at 13 pt bold).
  double widest = vanthu::nd30::text_width_pt("PHƯỜNG HẢI AN", kIssuerSize, true) * 20;
  EXPECT_GE(rule1, widest / 3);
  EXPECT_LE(rule1, widest / 2);
}

TEST(ReportClosing, RecipientsEndWithTheArchiveAndSignatureLinesAreUpper) {
  json f = closing_fields({"UBKT ĐU", "VP HĐND và UBND phường;"}, "VT phường, VHXX", {"tm. ủy ban nhân dân", "kt. chủ tịch"},
                          {"phó chủ tịch"}, " Bùi Quang Ngân ");
  EXPECT_EQ(f["recipients"], json({"- UBKT ĐU;", "- VP HĐND và UBND phường;", "- Lưu: VT phường, VHXX."}));
  EXPECT_EQ(f["signature_lines"], json({"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}));
  EXPECT_EQ(f["signer"], "Bùi Quang Ngân");
}

TEST(ReportClosing, FromTheStandardInputMembers) {
  json input = json::parse(R"({
    "recipients": ["UBKT ĐU", 7, "VP HĐND và UBND phường;"],
    "archive": "VT phường, VHXX",
    "signature": {"authority": ["tm. ủy ban nhân dân", "kt. chủ tịch"], "positions": ["phó chủ tịch"], "name": " Bùi Quang Ngân "}
  })");
  EXPECT_EQ(closing_fields_from_input(input),
            closing_fields({"UBKT ĐU", "VP HĐND và UBND phường;"}, "VT phường, VHXX", {"tm. ủy ban nhân dân", "kt. chủ tịch"},
                           {"phó chủ tịch"}, " Bùi Quang Ngân "));
  // Nothing given: the archive defaults to VT, no signature lines, no signer.
  json empty = closing_fields_from_input(json::object());
  EXPECT_EQ(empty["recipients"], json({"- Lưu: VT."}));
  EXPECT_EQ(empty["signature_lines"], json::array());
  EXPECT_EQ(empty["signer"], "");
  EXPECT_EQ(closing_fields_from_input(json{{"signature", "Bùi Quang Ngân"}})["signer"], "");  // not an object
}

TEST(ReportHeader, FromTheStandardInputMembers) {
  json input = json::parse(R"({
    "issuer": {"parent": "Đảng ủy phường", "name": " Ban Chỉ đạo\nphường Hải An ", "symbol": " BCĐ", "place": "Hải An  "},
    "document": {"number": 7, "date": "2026-02-11"}
  })");
  Header h = header_from_input(input);
  EXPECT_EQ(h.parent, "Đảng ủy phường");
  EXPECT_EQ(h.name, "Ban Chỉ đạo\nphường Hải An");
  EXPECT_EQ(h.symbol, "BCĐ");
  EXPECT_EQ(h.place, "Hải An");
  EXPECT_EQ(h.number, 7);
  EXPECT_EQ(h.date, (vanthu::Date{2026, 2, 11}));
  // The report type's own: untouched.
  EXPECT_EQ(h.type_abbreviation, "");
  EXPECT_EQ(h.year, 0);
}

TEST(ReportHeader, BlanksForTheRecordsOfficeWhenNumberOrDateAreNotGiven) {
  Header h = header_from_input(json::parse(R"({"issuer": {"name": "UBND"}, "document": {"number": null}})"));
  EXPECT_EQ(h.number, std::nullopt);
  EXPECT_EQ(h.date, std::nullopt);
  EXPECT_EQ(h.parent, "");
  h = header_from_input(json::parse(R"({"document": {"number": "7", "date": "2026-02-30"}})"));
  EXPECT_EQ(h.number, std::nullopt);  // text is not a number
  EXPECT_EQ(h.date, std::nullopt);    // not on the calendar
  EXPECT_EQ(h.name, "");
  h = header_from_input(json::array());
  EXPECT_EQ(h.symbol, "");
}

TEST(ReportTemplates, StandardTemplatesShareTheGeometryOfReportHpp) {
  int checked = 0;
  for (const auto& dir : fs::directory_iterator(vanthu::test::source_dir() / "templates")) {
    fs::path document = dir.path() / "word" / "document.xml";
    if (!fs::exists(document)) continue;
    std::string xml = vanthu::test::read_file(document);
    if (xml.find("VanthuIssuer") == std::string::npos) continue;  // not a standard report template
    SCOPED_TRACE(document.string());
    EXPECT_NE(xml.find("<w:gridCol w:w=\"" + std::to_string(kHeaderLeftColumn) + "\"/>"), std::string::npos);
    EXPECT_NE(xml.find("<w:gridCol w:w=\"" + std::to_string(kHeaderRightColumn) + "\"/>"), std::string::npos);
    EXPECT_NE(xml.find("<w:left w:w=\"" + std::to_string(kHeaderCellMargin) + "\" w:type=\"dxa\"/>"), std::string::npos);
    // A4, margins top 25, right 20, bottom 20, left 35 mm: text width kTextWidth.
    EXPECT_NE(xml.find("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"), std::string::npos);
    EXPECT_NE(xml.find("w:top=\"1418\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1985\""), std::string::npos);
    EXPECT_EQ(11906 - 1134 - 1985, kTextWidth);
    // The motto's rule is as long as the motto (within 1 pt).
    double motto = vanthu::nd30::text_width_pt(vanthu::nd30::kMotto, 13, true) * 20;
    std::smatch m;
    ASSERT_TRUE(std::regex_search(xml, m, std::regex("VanthuMotto[\\s\\S]*?w:ind w:left=\"(\\d+)\" w:right=\"(\\d+)\"")));
    int rule = kHeaderRightColumn - 2 * kHeaderCellMargin - std::stoi(m[1]) - std::stoi(m[2]);
    EXPECT_NEAR(rule, motto, 20);
    ++checked;
  }
  EXPECT_GE(checked, 1);
}

}  // namespace

namespace {

TEST(ReportRich, RunsCarryFormattingAndEscapedText) {
  std::string xml = paragraph_xml("Normal", {{.text = "(1)", .superscript = true}, {.text = "Kế hoạch <số 02> & \"khác\""},
                                             {.text = "đậm", .bold = true}, {.text = "nghiêng", .italic = true}});
  EXPECT_EQ(xml,
            "<w:p><w:pPr><w:pStyle w:val=\"Normal\"/></w:pPr>"
            "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t xml:space=\"preserve\">(1)</w:t></w:r>"
            "<w:r><w:t xml:space=\"preserve\">Kế hoạch &lt;số 02&gt; &amp; &quot;khác&quot;</w:t></w:r>"
            "<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">đậm</w:t></w:r>"
            "<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">nghiêng</w:t></w:r></w:p>");
}

TEST(ReportFootnotes, PartHasSeparatorsThenEachFootnoteInOrder) {
  Footnotes notes;
  EXPECT_TRUE(notes.empty());
  EXPECT_EQ(notes.add("Công văn số 689/CAHA-CSKV ngày 06/4/2026 của CAP"), 1);
  EXPECT_EQ(notes.add("Hai & ba"), 2);
  std::string xml = notes.part_xml();
  auto separator = xml.find("w:type=\"separator\" w:id=\"-1\"");
  auto continuation = xml.find("w:type=\"continuationSeparator\" w:id=\"0\"");
  auto first = xml.find("<w:footnote w:id=\"1\">");
  auto second = xml.find("<w:footnote w:id=\"2\">");
  ASSERT_NE(separator, std::string::npos);
  EXPECT_LT(separator, continuation);
  EXPECT_LT(continuation, first);
  EXPECT_LT(first, second);
  EXPECT_NE(xml.find("Công văn số 689/CAHA-CSKV"), std::string::npos);
  EXPECT_NE(xml.find("Hai &amp; ba"), std::string::npos);
  EXPECT_NO_THROW(vanthu::test::canonical_xml(xml));
}

}  // namespace
