//! report::finish_body: heading numbers from the heading styles, and the closing "./.".
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "vanthu/report.hpp"

namespace {

const std::string kOpen =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";
const std::string kClose = "<w:sectPr/></w:body></w:document>";

std::string p(const std::string& style, const std::string& text) {
  std::string props = style.empty() ? "" : "<w:pPr><w:pStyle w:val=\"" + style + "\"/></w:pPr>";
  return "<w:p>" + props + "<w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>";
}

std::string finish(const std::string& body) {
  std::string xml = kOpen + body + kClose;
  vanthu::report::finish_body(xml);
  return xml;
}

//! The text of every paragraph, in order.
std::vector<std::string> texts(const std::string& xml) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while ((at = xml.find("<w:p", at)) != std::string::npos) {
    char after = xml[at + 4];
    if (after != '>' && after != '/' && after != ' ') {  // <w:pPr>, <w:pStyle>
      ++at;
      continue;
    }
    if (xml.compare(at, 6, "<w:p/>") == 0) {
      out.emplace_back();
      ++at;
      continue;
    }
    std::size_t end = xml.find("</w:p>", at);
    std::string text;
    std::size_t t = at;
    while ((t = xml.find("<w:t", t)) != std::string::npos && t < end) {
      std::size_t open = xml.find('>', t);
      char after = xml[t + 4];
      if (after != '>' && after != ' ' && after != '/') {  // <w:tbl>, <w:tc>, ...
        t = open;
        continue;
      }
      if (xml[open - 1] == '/') {  // <w:t/>: empty
        t = open;
        continue;
      }
      std::size_t close = xml.find("</w:t>", open);
      text += xml.substr(open + 1, close - open - 1);
      t = close;
    }
    out.push_back(text);
    at = end;
  }
  return out;
}

TEST(FinishBody, NumbersHeadingsByStyleAndRestartsUnderEachHigherLevel) {
  auto got = texts(finish(p("VanthuPart", "CÔNG TÁC") + p("VanthuChapter", "VỀ CHỈ ĐẠO") + p("VanthuSection", "Họp") +
                          p("VanthuItem", "Một") + p("VanthuItem", "Hai") + p("VanthuSection", "Nhiệm vụ") +
                          p("VanthuItem", "Ba") + p("VanthuChapter", "VỀ THỂ CHẾ") + p("VanthuSectionText", "Kết quả:") +
                          p("VanthuPart", "TÌNH HÌNH") + p("VanthuChapter", "KIẾN NGHỊ")));
  std::vector<std::string> want = {"A. CÔNG TÁC", "I. VỀ CHỈ ĐẠO", "1. Họp",        "a) Một",  "b) Hai",      "2. Nhiệm vụ",
                                   "a) Ba",       "II. VỀ THỂ CHẾ", "1. Kết quả:", "B. TÌNH HÌNH", "I. KIẾN NGHỊ"};
  EXPECT_EQ(got, want);
}

TEST(FinishBody, ReplacesTheNumberAClerkWroteWhenItIsWrong) {
  // Chapter I was deleted in Word: "II." and "III." move up; "1." under a chapter stays.
  auto got = texts(finish(p("VanthuChapter", "II. VỀ THỂ CHẾ") + p("VanthuSection", "3. Kết quả") +
                          p("VanthuChapter", "III. KIẾN NGHỊ") + p("VanthuItem", "c) Về dịch vụ") +
                          p("VanthuItem", "b. Về ứng dụng")));
  std::vector<std::string> want = {"I. VỀ THỂ CHẾ", "1. Kết quả", "II. KIẾN NGHỊ", "a) Về dịch vụ", "b) Về ứng dụng"};
  EXPECT_EQ(got, want);
}

TEST(FinishBody, LettersAreVietnameseAndDeepLevelsCarryTheirParents) {
  std::string body = p("VanthuSection", "Mục");
  for (int i = 0; i < 7; ++i) body += p("VanthuItem", "x");
  body += p("VanthuSubsection", "Con") + p("VanthuSubsubsection", "Cháu") + p("VanthuSubsubsection", "Cháu") +
          p("VanthuSubsection", "Con");
  auto got = texts(finish(body));
  std::vector<std::string> want = {"1. Mục", "a) x", "b) x",   "c) x",     "d) x",    "đ) x", "e) x", "g) x",
                                   "1.1. Con", "1.1.1. Cháu", "1.1.2. Cháu", "1.2. Con"};
  EXPECT_EQ(got, want);
}

TEST(FinishBody, WordsThatLookLikeNumbersAreKept) {
  // "VỀ" begins with V, "IV" with I, "2026" with a digit: none is a number followed by a space.
  auto got = texts(finish(p("VanthuChapter", "VỀ CHUYỂN ĐỔI SỐ") + p("VanthuChapter", "IVAN. x") +
                          p("VanthuSection", "2026 là năm") + p("VanthuItem", "đã làm")));
  std::vector<std::string> want = {"I. VỀ CHUYỂN ĐỔI SỐ", "II. IVAN. x", "1. 2026 là năm", "a) đã làm"};
  EXPECT_EQ(got, want);
}

TEST(FinishBody, ANumberSplitOverRunsIsReplacedWhole) {
  std::string heading =
      "<w:p><w:pPr><w:pStyle w:val=\"VanthuChapter\"/></w:pPr><w:r><w:t>I</w:t></w:r><w:r><w:t>V</w:t></w:r>"
      "<w:r><w:t xml:space=\"preserve\">. KIẾN NGHỊ</w:t></w:r></w:p>";
  auto got = texts(finish(heading));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0], "I. KIẾN NGHỊ");
}

TEST(FinishBody, EmptyHeadingsAndOtherStylesAreNotCounted) {
  auto got = texts(finish(p("VanthuChapter", "") + p("VanthuChapter", "MỘT") + p("Normal", "II. trích dẫn") +
                          p("", "1. đoạn thường") + p("VanthuChapter", "HAI")));
  std::vector<std::string> want = {"", "I. MỘT", "II. trích dẫn", "1. đoạn thường", "II. HAI"};
  EXPECT_EQ(got, want);
}

TEST(FinishBody, ClosingMarkJoinsTheLastParagraphOfText) {
  std::string xml = finish(p("", "- Kiến nghị một;") + p("", "") + p("", "./.") + "<w:tbl/>");
  auto got = texts(xml);
  std::vector<std::string> want = {"- Kiến nghị một./.", ""};
  EXPECT_EQ(got, want);
  // The paragraph keeps with the signature block that follows.
  EXPECT_NE(xml.find("<w:pPr><w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">- Kiến nghị một./."), std::string::npos)
      << xml;
}

TEST(FinishBody, ClosingMarkGoesAfterTheLastRunWithText) {
  std::string body =
      "<w:p><w:pPr><w:pStyle w:val=\"VanthuNote\"/></w:pPr><w:r><w:t>(Chưa giải quyết).</w:t></w:r>"
      "<w:r><w:t xml:space=\"preserve\"> </w:t></w:r></w:p>" +
      p("", " ./. ");
  std::string xml = finish(body);
  EXPECT_EQ(texts(xml), std::vector<std::string>{"(Chưa giải quyết)./."});
  EXPECT_NE(xml.find("<w:pStyle w:val=\"VanthuNote\"/><w:keepNext/>"), std::string::npos) << xml;
}

TEST(FinishBody, ClosingMarkAfterATableStaysOnItsOwnLine) {
  auto got = texts(finish("<w:tbl><w:tr><w:tc>" + p("", "ô") + "</w:tc></w:tr></w:tbl>" + p("", "./.")));
  std::vector<std::string> want = {"ô", "./."};
  EXPECT_EQ(got, want);
}

TEST(FinishBody, APartWithoutStylesOrMarkIsLeftByteForByte) {
  std::string xml = kOpen + p("Normal", "I. không phải đề mục") + kClose;
  std::string before = xml;
  vanthu::report::finish_body(xml);
  EXPECT_EQ(xml, before);
}

TEST(FinishBody, TextIsEscapedWhenWrittenBack) {
  auto xml = finish(p("VanthuSection", "A &amp; B &lt;C&gt;"));
  EXPECT_NE(xml.find("1. A &amp; B &lt;C&gt;"), std::string::npos) << xml;
}

}  // namespace

namespace {

TEST(FinishBody, RunsLeftWithoutTextAreRemoved) {
  std::string body = std::string("<w:p><w:pPr><w:pStyle w:val=\"VanthuSection\"/></w:pPr>") +
                     "<w:r><w:t>Họp</w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t xml:space=\"preserve\"></w:t></w:r>" +
                     "<w:r><w:br/></w:r></w:p>";
  std::string xml = finish(body);
  EXPECT_EQ(xml.find("<w:i/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<w:br/>"), std::string::npos) << xml;  // a run with something else stays
}

}  // namespace

namespace {

TEST(FinishBody, ReadsWhatWordWritesAroundTheParagraphs) {
  // Comments, a processing instruction, an attribute holding ">", an empty run, and a text box
  // whose own paragraph is neither counted nor the heading's text.
  std::string body =
      "<!-- a <w:p> in a comment --><?mso-application progid=\"Word.Document\"?>"
      "<w:p w:rsidR=\"00A1\" w14:paraId=\"a>b\"><w:pPr><w:pStyle w:val=\"VanthuChapter\"/></w:pPr><w:r/>"
      "<w:r><w:drawing><w:txbxContent><w:p><w:pPr><w:pStyle w:val=\"VanthuChapter\"/></w:pPr><w:r><w:t>hộp</w:t></w:r></w:p>"
      "</w:txbxContent></w:drawing></w:r><w:r><w:t>MỘT</w:t></w:r></w:p>" +
      p("VanthuChapter", "HAI");
  std::string xml = finish(body);
  EXPECT_NE(xml.find("<w:t>I. MỘT</w:t>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("II. HAI"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<w:t>hộp</w:t>"), std::string::npos) << xml;  // the text box's paragraph untouched
  EXPECT_EQ(xml.find("<w:r/>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<!-- a <w:p> in a comment -->"), std::string::npos);
  EXPECT_NE(xml.find("w14:paraId=\"a>b\""), std::string::npos);
}

TEST(FinishBody, AHeadingThatIsTheLastTextTakesTheClosingMark) {
  auto got = texts(finish(p("VanthuChapter", "III. KIẾN NGHỊ.") + p("", "./.")));
  EXPECT_EQ(got, std::vector<std::string>{"I. KIẾN NGHỊ./."});
}

TEST(FinishBody, TruncatedXmlIsAnError) {
  std::string xml = kOpen + "<w:p><w:pPr><w:pStyle w:val=\"VanthuChapter\"";
  EXPECT_THROW(vanthu::report::finish_body(xml), std::runtime_error);
}

}  // namespace
