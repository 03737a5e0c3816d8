//! {@name}: a whole paragraph given as WordprocessingML (docxtemplater's raw XML tag). Report
//! types use it for what a template cannot hold as text, such as the measured rules under the
//! issuing body.
#include <gtest/gtest.h>

#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;

const std::string kRule =
    "<w:p><w:pPr><w:pBdr><w:top w:val=\"single\" w:sz=\"6\" w:space=\"1\" w:color=\"000000\"/></w:pBdr>"
    "<w:ind w:left=\"900\" w:right=\"900\"/></w:pPr></w:p>";

TEST(TemplateRaw, ReplacesTheWholeParagraph) {
  std::vector<std::string> missing;
  std::string xml = render_document(make_docx(para("trước") + para("{@rule}") + para("sau")), {{"rule", kRule}}, &missing);
  EXPECT_TRUE(missing.empty());
  EXPECT_NE(xml.find("<w:t xml:space=\"preserve\">trước</w:t></w:r></w:p>" + kRule + "<w:p>"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("{@rule}"), std::string::npos);
  EXPECT_TRUE(well_formed(xml));
}

TEST(TemplateRaw, SeveralParagraphsAndInsideLoops) {
  json data = {{"items", {{{"x", "<w:p><w:r><w:t>một</w:t></w:r></w:p>"}}, {{"x", "<w:p><w:r><w:t>hai</w:t></w:r></w:p><w:p/>"}}}}};
  std::string text = docx_text(render_document(make_docx(para("{#items}") + para("{@x}") + para("{/items}")), data));
  EXPECT_EQ(text, "một\nhai\n\n");
}

TEST(TemplateRaw, EmptyStringRemovesTheParagraph) {
  std::vector<std::string> missing;
  std::string xml = render_document(make_docx(para("a") + para("{@rule}") + para("b")), {{"rule", ""}}, &missing);
  EXPECT_TRUE(missing.empty());
  EXPECT_EQ(count_of(xml, "<w:p>"), 2u) << xml;
}

TEST(TemplateRaw, ACellLeftEmptyStillEndsWithAParagraph) {
  std::string body = table({"<w:tr>" + cell(para("{@rule}")) + "</w:tr>"});
  std::string xml = render_document(make_docx(body), {{"rule", ""}});
  EXPECT_NE(xml.find("<w:p/></w:tc>"), std::string::npos) << xml;
  EXPECT_TRUE(well_formed(xml));
}

TEST(TemplateRaw, MissingWrongTypeOrMalformedXmlWritesNothingAndIsListed) {
  for (const json& data : {json::object(), json{{"rule", 5}}, json{{"rule", "<w:p><w:r>"}}, json{{"rule", "<x:p/>"}},
                           json{{"rule", "<!DOCTYPE x><w:p/>"}}, json{{"rule", "<w:p/><!-- c -->"}}}) {
    SCOPED_TRACE(data.dump());
    std::vector<std::string> missing;
    std::string xml = render_document(make_docx(para("a") + para("{@rule}")), data, &missing);
    EXPECT_EQ(missing, (std::vector<std::string>{"{@rule} (word/document.xml)"}));
    EXPECT_TRUE(well_formed(xml)) << xml;
    EXPECT_EQ(count_of(xml, "<w:p>"), 1u) << xml;
  }
}

// --- The allowlist: a value brings text and formatting, never content from elsewhere ----------

//! The document rendered from one {@x} paragraph, with `x` as its value.
RenderResult render_raw(const std::string& x) {
  return render(*Template::parse(make_docx(para("a") + para("{@x}"))), json{{"x", x}});
}

TEST(TemplateRaw, WhatTheAllowlistHoldsIsWrittenAsItIs) {
  const std::string rich =
      "<w:p><w:pPr><w:pStyle w:val=\"VanthuBody\"/><w:keepNext/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr>"
      "<w:spacing w:before=\"0\" w:after=\"120\" w:line=\"360\" w:lineRule=\"auto\"/><w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/>"
      "</w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/><w:b/><w:i/><w:u w:val=\"single\"/>"
      "<w:sz w:val=\"28\"/><w:lang w:val=\"vi-VN\"/></w:rPr><w:t xml:space=\"preserve\">Điều 1. </w:t><w:tab/><w:br/>"
      "<w:sym w:font=\"Symbol\" w:char=\"F0B7\"/></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr>"
      "<w:footnoteReference w:id=\"1\"/></w:r><w:proofErr w:type=\"spellStart\"/>"
      "<w:hyperlink w:anchor=\"phu_luc\" w:history=\"1\"><w:r><w:t>Phụ lục</w:t></w:r></w:hyperlink>"
      "<w:fldSimple w:instr=\" PAGE \\* MERGEFORMAT \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"
      "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> NUMPAGES </w:instrText></w:r>"
      "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
      "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid><w:gridCol w:w=\"4000\"/></w:tblGrid>"
      "<w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:tcW w:w=\"4000\" w:type=\"dxa\"/><w:vMerge w:val=\"restart\"/>"
      "<w:shd w:val=\"clear\" w:fill=\"D9D9D9\"/></w:tcPr><w:p><w:r><w:t>Ô</w:t></w:r></w:p></w:tc></w:tr></w:tbl>";
  RenderResult result = render_raw(rich);
  EXPECT_TRUE(result.refused.empty()) << result.refused.front().message;
  EXPECT_TRUE(result.missing.empty());
  EXPECT_NE(docx_part(result.docx, "word/document.xml").find(rich), std::string::npos);
}

TEST(TemplateRaw, ContentFromOutsideTheDocumentIsRefusedNamingTheTag) {
  const std::string field_begin = "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>";
  const std::string field_rest = "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>ảnh</w:t></w:r>"
                                 "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>";
  auto complex = [&](const std::vector<std::string>& pieces) {
    std::string xml = "<w:p>" + field_begin;
    for (const auto& piece : pieces) xml += "<w:r><w:instrText xml:space=\"preserve\">" + piece + "</w:instrText></w:r>";
    return xml + field_rest + "</w:p>";
  };
  struct Case {
    std::string value;
    std::string named;  //!< what the message names
  };
  const std::vector<Case> cases = {
      {complex({" INCLUDEPICTURE \"http://evil.example/pixel.png\" \\d "}), "INCLUDEPICTURE"},
      {complex({" INCLUDE", "PICTURE \"http://evil.example/pixel.png\" "}), "INCLUDEPICTURE"},
      {complex({" includetext \"\\\\\\\\server\\\\a.docx\" "}), "INCLUDETEXT"},
      {complex({" DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe \"/k calc\" "}), "DDEAUTO"},
      {complex({" LINK Excel.Sheet.12 \"http://evil.example/a.xlsx\" \"\" "}), "LINK"},
      {complex({" IMPORT \"http://evil.example/a.wmf\" "}), "IMPORT"},
      {complex({" DDE excel \"x\" "}), "DDE"},
      {complex({" HYPERLINK \"https://evil.example\" "}), "HYPERLINK"},
      {complex({" MERGEFIELD x "}), "MERGEFIELD"},
      {"<w:p><w:fldSimple w:instr=\" INCLUDEPICTURE &quot;http://evil.example/p.png&quot; \"><w:r><w:t>x</w:t></w:r></w:fldSimple></w:p>",
       "INCLUDEPICTURE"},
      // A field left open, to be closed by whatever the template has after the paragraph.
      {"<w:p>" + field_begin + "<w:r><w:instrText> PAGE </w:instrText></w:r></w:p>", "không trọn"},
      {"<w:p><w:r><w:instrText> INCLUDEPICTURE \"http://evil.example/p.png\" </w:instrText></w:r></w:p>", "INCLUDEPICTURE"},
      {"<w:p>" + field_begin + complex({" QUOTE \"INCLUDEPICTURE\" "}).substr(5, std::string::npos) +
           "<w:p><w:r><w:instrText> \"http://evil.example/p.png\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>",
       "tên do trường khác"},
      // References to the template's relationships, pictures, objects, embedded documents.
      {"<w:p><w:hyperlink r:id=\"rId1\"><w:r><w:t>bấm vào đây</w:t></w:r></w:hyperlink></w:p>", "r:id"},
      {"<w:p><w:r><w:t r:id=\"rId1\">x</w:t></w:r></w:p>", "r:id"},
      {"<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\"/></w:drawing></w:r></w:p>",
       "w:drawing"},
      {"<w:p><w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:imagedata r:id=\"rId7\" "
       "o:href=\"http://evil.example/p.png\" xmlns:o=\"urn:schemas-microsoft-com:office:office\"/></v:shape></w:pict></w:r></w:p>",
       "w:pict"},
      {"<w:p><w:r><w:object w:dxaOrig=\"1\" w:dyaOrig=\"1\"/></w:r></w:p>", "w:object"},
      {"<w:altChunk r:id=\"rId3\"/>", "w:altChunk"},
      {"<w:p><w:subDoc r:id=\"rId3\"/></w:p>", "w:subDoc"},
      {"<mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"/>", "mc:AlternateContent"},
      {"<w:sdt><w:sdtContent><w:p/></w:sdtContent></w:sdt>", "w:sdt"},
      {"<w:p><w:pPr><w:sectPr/></w:pPr></w:p>", "w:sectPr"},
      {"<w:p><w:ins w:id=\"1\" w:author=\"A\"><w:r><w:t>x</w:t></w:r></w:ins></w:p>", "w:ins"},
      {"<w:p xmlns:w=\"urn:not-word\"><w:r><w:t>x</w:t></w:r></w:p>", "w:p"},  // the w: prefix made to mean something else
      {"<w:p><w:r w14:paraId=\"1\" xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\"><w:t>x</w:t></w:r></w:p>",
       "w14:paraId"},
      {"<w:r><w:t>a run alone</w:t></w:r>", "w:r"},
      {"<w:p>chữ trần</w:p>", "ngoài w:t"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.value);
    RenderResult result = render_raw(c.value);
    ASSERT_EQ(result.refused.size(), 1u);
    const TemplateIssue& issue = result.refused[0];
    EXPECT_EQ(issue.code, "unsafe_xml");
    EXPECT_EQ(issue.tag, "{@x}");
    EXPECT_EQ(issue.part, "word/document.xml");
    EXPECT_NE(issue.message.find("Giá trị của thẻ {@x} (word/document.xml) bị từ chối"), std::string::npos) << issue.message;
    EXPECT_NE(issue.message.find(c.named), std::string::npos) << issue.message;
    EXPECT_EQ(result.missing, (std::vector<std::string>{"{@x} (word/document.xml)"}));
    const std::string xml = docx_part(result.docx, "word/document.xml");
    EXPECT_EQ(xml.find("evil.example"), std::string::npos) << "nothing of the value is written";
    EXPECT_EQ(count_of(xml, "<w:p>"), 1u) << xml;
    EXPECT_TRUE(well_formed(xml)) << xml;
  }
}

TEST(TemplateRaw, ARefusedTagIsReportedOnceHoweverOftenALoopMeetsIt) {
  const std::string bad = "<w:p><w:fldSimple w:instr=\"INCLUDEPICTURE &quot;http://evil.example/a.png&quot;\"/></w:p>";
  json data = {{"items", {{{"x", bad}}, {{"x", "<w:p><w:r><w:t>tốt</w:t></w:r></w:p>"}}, {{"x", bad}}}}};
  RenderResult result = render(*Template::parse(make_docx(para("{#items}") + para("{@x}") + para("{/items}"))), data);
  ASSERT_EQ(result.refused.size(), 1u);
  EXPECT_EQ(result.refused[0].tag, "{@x}");
  EXPECT_EQ(docx_text(docx_part(result.docx, "word/document.xml")), "tốt\n") << "the good value is kept";
}

TEST(TemplateRaw, MustStandAloneInItsParagraph) {
  auto issues = issues_of(make_docx(para("Trước {@rule}") + para("{@a}{b}")));
  ASSERT_EQ(issues.size(), 2u);
  for (const auto& issue : issues) EXPECT_EQ(issue.code, "raw_not_alone");
  EXPECT_EQ(issues[0].tag, "{@rule}");
  EXPECT_EQ(issues[0].paragraph, "Trước {@rule}");
  EXPECT_EQ(issues[0].part, "word/document.xml");
}

TEST(TemplateRaw, IsListedAsARawTag) {
  auto tpl = Template::parse(make_docx(para("{@rule}")));
  ASSERT_EQ(tpl->tags().size(), 1u);
  EXPECT_EQ(tpl->tags()[0].kind, "raw");
  EXPECT_EQ(tpl->tags()[0].path, "rule");
}

}  // namespace
}  // namespace vanthu::test
