//! The report model helpers: heading numbers, "nothing new", "./.", header and closing fields,
//! and the geometry the standard templates must share with vanthu/report.hpp.

#include <gtest/gtest.h>

#include <functional>

#include <filesystem>
#include <regex>

#include "test_support.hpp"
#include "vanthu/nd30.hpp"
#include "vanthu/report.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace vanthu::report;

namespace {

std::vector<std::string> labels(const Body& body) {
  std::vector<std::string> out;
  for (const auto& b : body.blocks()) out.push_back(b["label"].get<std::string>());
  return out;
}

TEST(ReportBody, NumbersHeadingsByConstructionAndResetsLowerLevels) {
  Body body;
  body.part("PHẦN MỘT");
  body.chapter("MỤC MỘT");
  body.section("Khoản một");
  for (int i = 0; i < 6; ++i) body.item("điểm");
  body.chapter("MỤC HAI");
  body.section("Khoản một của mục hai");
  body.part("PHẦN HAI");
  body.chapter("MỤC MỘT CỦA PHẦN HAI");
  EXPECT_EQ(labels(body), (std::vector<std::string>{"A. PHẦN MỘT", "I. MỤC MỘT", "1. Khoản một", "a) điểm", "b) điểm",
                                                     "c) điểm", "d) điểm", "đ) điểm", "e) điểm", "II. MỤC HAI",
                                                     "1. Khoản một của mục hai", "B. PHẦN HAI", "I. MỤC MỘT CỦA PHẦN HAI"}));
  EXPECT_TRUE(body.blocks()[0]["part"].get<bool>());
  EXPECT_TRUE(body.blocks()[3]["item"].get<bool>());
}

TEST(ReportBody, EmptyContentSaysNothingNew) {
  Body body;
  body.content(json::array());
  body.content(json::array({"", "   "}));
  body.content(nullptr);
  ASSERT_EQ(body.blocks().size(), 3u);
  for (const auto& b : body.blocks()) {
    EXPECT_TRUE(b["paragraph"].get<bool>());
    EXPECT_EQ(b["text"], "Không phát sinh nội dung mới.");
  }
}

TEST(ReportBody, InlineTextOrNothingNew) {
  Body body;
  body.section("Thống kê:", "");
  body.section("Phản ánh:", "Không có.");
  body.section("Không có nội dung:");
  EXPECT_EQ(body.blocks()[0]["text"], "Không phát sinh nội dung mới.");
  EXPECT_EQ(body.blocks()[1]["text"], "Không có.");
  EXPECT_EQ(body.blocks()[2]["text"], "");
}

TEST(ReportBody, ContentBlocksKeepTheirStyleAndLabelledEmptyOnesSayNothingNew) {
  Body body;
  body.content(json::parse(R"([
    "Đoạn thường.",
    {"style": "bullet", "text": "Gạch đầu dòng"},
    {"style": "plus", "text": "Dấu cộng"},
    {"style": "note", "text": "(Ghi chú)."},
    {"label": "Về hạ tầng", "text": ""},
    {"label": "Về dữ liệu:", "text": "Đã kết nối."}
  ])"));
  const auto& b = body.blocks();
  ASSERT_EQ(b.size(), 6u);
  EXPECT_TRUE(b[0].contains("paragraph"));
  EXPECT_TRUE(b[1].contains("bullet"));
  EXPECT_TRUE(b[2].contains("plus"));
  EXPECT_TRUE(b[3].contains("note"));
  EXPECT_EQ(b[4]["label"], "Về hạ tầng:");
  EXPECT_EQ(b[4]["text"], "Không phát sinh nội dung mới.");
  EXPECT_EQ(b[5]["label"], "Về dữ liệu:");
  EXPECT_EQ(b[5]["text"], "Đã kết nối.");
}

TEST(ReportBody, ContentWithAReportTypesOwnBlocks) {
  Body body;
  std::vector<std::string> seen;
  auto own = [&](const json& block) {
    seen.push_back(block.value("kind", ""));
    if (block.value("kind", "") != "figure") return false;
    body.bullet("Số liệu " + block.value("value", ""));
    return true;
  };
  body.content(json::parse(R"([" Đoạn thường. ", "", 7, {"kind": "figure", "value": "12"}, {"kind": "empty"}])"), own);
  EXPECT_EQ(seen, (std::vector<std::string>{"figure", "empty"})) << "strings are the SDK's, objects the report type's";
  ASSERT_EQ(body.blocks().size(), 2u);
  EXPECT_EQ(body.blocks()[0]["text"], "Đoạn thường.");
  EXPECT_EQ(body.blocks()[1]["text"], "Số liệu 12");
  // Only blocks that write nothing: "nothing new", unless the caller says otherwise.
  body.content(json::parse(R"([{"kind": "empty"}, "  "])"), own);
  ASSERT_EQ(body.blocks().size(), 3u);
  EXPECT_EQ(body.blocks()[2]["text"], "Không phát sinh nội dung mới.");
  body.content(json::parse(R"([{"kind": "empty"}])"), own, false);
  EXPECT_EQ(body.blocks().size(), 3u);
}

TEST(ReportBody, CloseEndsTheTextWithTheDecreeMark) {
  Body a;
  a.note("(Những kiến nghị trong kỳ báo cáo trước chưa được giải quyết).");
  a.close(/*signature_follows=*/false);
  EXPECT_EQ(a.blocks().back()["text"], "(Những kiến nghị trong kỳ báo cáo trước chưa được giải quyết)./.");
  Body b;
  b.bullet("Kiến nghị thành phố;");
  b.close(false);
  EXPECT_EQ(b.blocks().back()["text"], "Kiến nghị thành phố./.");
  Body c;
  c.chapter("ĐỀ XUẤT");  // a heading with no text: the mark goes on the label
  c.close(false);
  EXPECT_EQ(c.blocks().back()["label"], "I. ĐỀ XUẤT./.");
  Body d;
  d.paragraph("Kiến nghị thành phố. ;");  // spaces between the clerk's marks give way too
  d.close(false);
  EXPECT_EQ(d.blocks().back()["text"], "Kiến nghị thành phố./.");
}

TEST(ReportBody, CloseKeepsTheLastParagraphOnThePageOfTheSignature) {
  // Whatever the last block's kind, it becomes a paragraph of the same look that keeps with
  // the signature block, so "Nơi nhận:" never stands alone on the last page.
  struct Case {
    std::function<void(Body&)> add;
    std::string style, text;
  };
  const std::vector<Case> cases = {
      {[](Body& b) { b.paragraph("Trên đây là báo cáo."); }, "Normal", "Trên đây là báo cáo./."},
      {[](Body& b) { b.bullet("Kiến nghị thành phố;"); }, "Normal", "- Kiến nghị thành phố./."},
      {[](Body& b) { b.note("Ghi chú."); }, "VanthuNote", "Ghi chú./."},
      {[](Body& b) { b.labelled("Nguyên nhân", "khách quan"); }, "Normal", "Nguyên nhân: khách quan./."},
      {[](Body& b) { b.section("Kết quả:", "tốt"); }, "VanthuSection", "1. Kết quả: tốt./."},
      {[](Body& b) { b.chapter("ĐỀ XUẤT"); }, "VanthuChapter", "I. ĐỀ XUẤT./."},
  };
  for (const auto& c : cases) {
    Body body;
    body.part("PHẦN");
    c.add(body);
    body.close();
    const auto& last = body.blocks().back();
    SCOPED_TRACE(c.text);
    ASSERT_TRUE(last.contains("raw"));
    EXPECT_EQ(last["text"], c.text);
    const std::string xml = last["xml"];
    EXPECT_NE(xml.find("<w:pStyle w:val=\"" + c.style + "\"/><w:keepNext/>"), std::string::npos) << xml;
    EXPECT_EQ(xml.find("<w:keepNext/>"), xml.rfind("<w:keepNext/>"));
    EXPECT_FALSE(body.blocks().front().contains("raw")) << "only the last paragraph";
  }
  // Without a signature under it (an appendix), the block stays as it was.
  Body appendix;
  appendix.paragraph("Hết.");
  appendix.close(false);
  EXPECT_FALSE(appendix.blocks().back().contains("raw"));
}

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

TEST(ReportBody, SubsectionsNumberUnderTheirSection) {
  Body body;
  body.chapter("KẾT QUẢ");
  body.section("Về thể chế");
  body.subsection("Ủy ban nhân dân phường báo cáo kết quả");
  body.subsection("Công an phường báo cáo kết quả", "");
  body.section("Về dữ liệu");
  body.subsection("Kết quả");
  EXPECT_EQ(labels(body), (std::vector<std::string>{"I. KẾT QUẢ", "1. Về thể chế", "1.1. Ủy ban nhân dân phường báo cáo kết quả",
                                                     "1.2. Công an phường báo cáo kết quả", "", "2. Về dữ liệu", "2.1. Kết quả"}));
  EXPECT_TRUE(body.blocks()[2]["subsection"].get<bool>());
  // "Không phát sinh nội dung mới." under a heading without a colon: its own paragraph.
  EXPECT_EQ(body.blocks()[3]["text"], "");
  EXPECT_TRUE(body.blocks()[4]["paragraph"].get<bool>());
  EXPECT_EQ(body.blocks()[4]["text"], "Không phát sinh nội dung mới.");
}

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

TEST(ReportRich, RichBlocksAreRawAndCloseAddsTheMarkInARun) {
  Body body;
  vanthu::report::Run text, reference;
  text.text = "Văn bản";
  reference.footnote = 1;
  body.rich({text, reference});
  body.close();
  const auto& b = body.blocks().back();
  EXPECT_TRUE(b["raw"].get<bool>());
  EXPECT_EQ(b["text"], "Văn bản./.");
  std::string xml = b["xml"];
  EXPECT_NE(xml.find("<w:footnoteReference w:id=\"1\"/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<w:r><w:t>./.</w:t></w:r></w:p>"), std::string::npos) << xml;
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
