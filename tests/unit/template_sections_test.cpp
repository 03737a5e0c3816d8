//! What a section repeats (inline text, paragraphs, table rows) and tags Word split across runs.
#include <gtest/gtest.h>

#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;

const json kPeople = {{"ds", {{{"ten", "An"}, {"tuoi", 30}}, {{"ten", "Bình"}, {"tuoi", 41}}}}};

//! The body of the rendered document, between <w:body> and </w:body>.
std::string body_of(const std::string& xml) {
  auto begin = xml.find("<w:body>"), end = xml.find("</w:body>");
  return xml.substr(begin + 8, end - begin - 8);
}

TEST(TemplateInline, SectionInsideOneRunRepeatsItsText) {
  EXPECT_EQ(render_text(para("Gồm: {#ds}{ten} ({tuoi}), {/ds}hết."), kPeople), "Gồm: An (30), Bình (41), hết.\n");
}

TEST(TemplateInline, SectionAcrossRunsKeepsEachRunsFormatting) {
  std::string body =
      "<w:p><w:r><w:t xml:space=\"preserve\">{#ds}</w:t></w:r>"
      "<w:r><w:rPr><w:b/></w:rPr><w:t>{ten}</w:t></w:r>"
      "<w:r><w:t xml:space=\"preserve\">; {/ds}</w:t></w:r></w:p>";
  std::string xml = render_document(make_docx(body), kPeople);
  EXPECT_EQ(docx_text(xml), "An; Bình; \n");
  EXPECT_EQ(count_of(xml, "<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">An</w:t>"), 1u) << xml;
  EXPECT_EQ(count_of(xml, "<w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Bình</w:t>"), 1u) << xml;
  EXPECT_TRUE(well_formed(xml));
}

TEST(TemplateInline, FalseSectionAcrossRunsLeavesValidXml) {
  std::string body = para_runs({"a{#co}b", "c{/co}d"});
  std::string xml = render_document(make_docx(body), {{"co", false}});
  EXPECT_EQ(docx_text(xml), "ad\n");
  EXPECT_TRUE(well_formed(xml));
}

TEST(TemplateParagraphs, RepeatsWholeParagraphsAndDropsTagOnlyOnes) {
  std::string body = para("Trước") + para("{#ds}") + para("Họ tên: {ten}") + para("Tuổi: {tuoi}") + para("{/ds}") +
                     para("Sau");
  std::string xml = render_document(make_docx(body), kPeople);
  EXPECT_EQ(docx_text(xml), "Trước\nHọ tên: An\nTuổi: 30\nHọ tên: Bình\nTuổi: 41\nSau\n");
  EXPECT_EQ(count_of(body_of(xml), "<w:p>"), 6u) << "no empty paragraph is left where the tags were";
  EXPECT_TRUE(well_formed(xml));
}

// As docxtemplater (template_docxtemplater_test, loop-tag-with-blanks): a tag paragraph with
// anything else, blanks included, is no paragraph loop; the XML between the tags repeats.
TEST(TemplateParagraphs, BlanksBesideATagRepeatTheXmlBetweenTheTags) {
  std::string body = para("Trước") + para("{#ds}") + para("Họ tên: {ten}") + para(" {/ds} ") + para("Sau");
  std::string xml = render_document(make_docx(body), kPeople);
  EXPECT_EQ(docx_text(xml), "Trước\n\nHọ tên: An\n \nHọ tên: Bình\n  \nSau\n");
  EXPECT_TRUE(well_formed(xml));
  EXPECT_EQ(render_text(body, {{"ds", json::array()}}), "Trước\n \nSau\n") << "an empty loop joins the two tag paragraphs";
}

TEST(TemplateParagraphs, EmptyListLeavesNothing) {
  std::string body = para("Trước") + para("{#ds}") + para("{ten}") + para("{/ds}") + para("Sau");
  EXPECT_EQ(render_text(body, {{"ds", json::array()}}), "Trước\nSau\n");
}

// As docxtemplater (loop-tags-with-text-around): the end of the first paragraph, and the start of
// the last, repeat; the text outside the tags is written once.
TEST(TemplateParagraphs, TextAroundTheTagsRepeatsTheXmlBetweenThem) {
  std::string body = para("Mục {#ds}{ten}") + para("{tuoi}{/ds} tuổi");
  EXPECT_EQ(render_text(body, kPeople), "Mục An\n30Bình\n41 tuổi\n");
  EXPECT_EQ(render_text(body, {{"ds", json::array()}}), "Mục  tuổi\n");
}

TEST(TemplateParagraphs, InvertedParagraphs) {
  std::string body = para("{^ds}") + para("Không có ai.") + para("{/ds}");
  EXPECT_EQ(render_text(body, {{"ds", json::array()}}), "Không có ai.\n");
  EXPECT_EQ(render_text(body, kPeople), "");
}

TEST(TemplateParagraphs, SectionBreakInADroppedParagraphIsKeptOnceOutsideTheLoop) {
  std::string section_break = "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr>";
  std::string body = para("{#ds}") + para("{ten}") +
                     "<w:p><w:pPr><w:jc w:val=\"left\"/>" + section_break +
                     "</w:pPr><w:r><w:t>{/ds}</w:t></w:r></w:p>" + para("Phụ lục");
  std::string xml = render_document(make_docx(body), kPeople);
  EXPECT_EQ(docx_text(xml), "An\nBình\n\nPhụ lục\n");
  EXPECT_EQ(count_of(xml, section_break), 1u);
  EXPECT_NE(xml.find("<w:p><w:pPr><w:jc w:val=\"left\"/>" + section_break + "</w:pPr></w:p>"), std::string::npos) << xml;
  EXPECT_EQ(count_of(xml, "{/ds}"), 0u);
  EXPECT_LT(xml.find("Bình"), xml.find(section_break)) << "the break still ends the section after the loop";
  EXPECT_EQ(count_of(xml, "<w:sectPr>"), 2u) << "and the body's own sectPr is kept";
}

TEST(TemplateParagraphs, BodySectionPropertiesStayLast) {
  std::string body = para("{#ds}") + para("{ten}") + para("{/ds}");
  std::string xml = render_document(make_docx(body), kPeople);
  EXPECT_NE(xml.find("<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body>"), std::string::npos);
  EXPECT_EQ(count_of(xml, "<w:sectPr>"), 1u);
}

TEST(TemplateParagraphs, AdjacentLoopsSharingATagParagraph) {
  std::string body = para("{#a}") + para("A{.}") + para("{/a}{#b}") + para("B{.}") + para("{/b}");
  // "{/a}{#b}" is not a tag alone: both loops repeat the XML between their tags (as docxtemplater,
  // adjacent-loops-sharing-a-paragraph), which leaves the tag paragraphs' remains as empty ones.
  EXPECT_EQ(render_text(body, {{"a", {1, 2}}, {"b", {3}}}), "\nA1\n\nA2\n\nB3\n\n");
}

TEST(TemplateParagraphs, NestedParagraphLoopsAndInlineLoopInside) {
  std::string body = para("{#nhom}") + para("Nhóm {ten}") + para("{#ds}") + para("- {ten}: {#so}{.} {/so}") +
                     para("{/ds}") + para("{/nhom}");
  json data = {{"nhom",
                {{{"ten", "I"}, {"ds", {{{"ten", "a"}, {"so", {1, 2}}}}}}, {{"ten", "II"}, {"ds", json::array()}}}}};
  EXPECT_EQ(render_text(body, data), "Nhóm I\n- a: 1 2 \nNhóm II\n");
}

TEST(TemplateParagraphs, LoopInsideACellThatEndsEmptyGetsAParagraph) {
  std::string body = table({"<w:tr>" + cell(para("{#ds}") + para("{ten}") + para("{/ds}")) + "</w:tr>"});
  std::string empty = render_document(make_docx(body), {{"ds", json::array()}});
  EXPECT_NE(empty.find("</w:tcPr><w:p/></w:tc>"), std::string::npos) << empty;
  std::string full = render_document(make_docx(body), kPeople);
  EXPECT_EQ(count_of(full, "<w:p/>"), 0u);
  EXPECT_EQ(docx_text(full), "An\nBình\n");
}

TEST(TemplateRows, TagsInCellsOfOneRowRepeatTheRow) {
  std::string body = table({row({"Họ tên", "Tuổi"}), row({"{#ds}{ten}", "{tuoi}{/ds}"}), row({"Cộng", "2"})});
  std::string xml = render_document(make_docx(body), kPeople);
  EXPECT_EQ(count_of(xml, "<w:tr>"), 4u);
  EXPECT_EQ(docx_text(xml), "Họ tên\nTuổi\nAn\n30\nBình\n41\nCộng\n2\n");
  EXPECT_TRUE(well_formed(xml));
}

TEST(TemplateRows, TagsInDifferentRowsRepeatThoseRows) {
  std::string body = table({row({"Đầu"}), row({"{#ds}{ten}"}), row({"{tuoi}{/ds}"}), row({"Cuối"})});
  std::string xml = render_document(make_docx(body), kPeople);
  EXPECT_EQ(count_of(xml, "<w:tr>"), 6u);
  EXPECT_EQ(docx_text(xml), "Đầu\nAn\n30\nBình\n41\nCuối\n");
}

TEST(TemplateRows, EmptyListRemovesTheRows) {
  std::string body = table({row({"Đầu"}), row({"{#ds}{ten}", "{/ds}"})});
  std::string xml = render_document(make_docx(body), {{"ds", json::array()}});
  EXPECT_EQ(count_of(xml, "<w:tr>"), 1u);
  EXPECT_EQ(docx_text(xml), "Đầu\n");
}

TEST(TemplateRows, TableLeftWithoutRowsIsRemoved) {
  std::string body = para("Trước") + table({row({"{#ds}{ten}", "{/ds}"})}) + para("Sau");
  std::string empty = render_document(make_docx(body), {{"ds", json::array()}});
  EXPECT_EQ(count_of(empty, "<w:tbl>"), 0u) << "Word refuses a table without rows";
  EXPECT_EQ(docx_text(empty), "Trước\nSau\n");
  EXPECT_TRUE(well_formed(empty));
  std::string full = render_document(make_docx(body), kPeople);
  EXPECT_EQ(count_of(full, "<w:tbl>"), 1u);
  EXPECT_EQ(count_of(full, "<w:tr>"), 2u);
}

TEST(TemplateRows, RowLoopInsideParagraphLoop) {
  std::string body = para("{#nhom}") + para("{ten}") + table({row({"{#ds}{.}", "x{/ds}"})}) + para("{/nhom}");
  json data = {{"nhom", {{{"ten", "I"}, {"ds", {1, 2}}}, {{"ten", "II"}, {"ds", {3}}}}}};
  std::string xml = render_document(make_docx(body), data);
  EXPECT_EQ(docx_text(xml), "I\n1\nx\n2\nx\nII\n3\nx\n");
  EXPECT_EQ(count_of(xml, "<w:tbl>"), 2u);
}

TEST(TemplateSplitTags, ProofErrBetweenPieces) {
  std::string body =
      "<w:p><w:r><w:t xml:space=\"preserve\">Xin chào {ho_</w:t></w:r><w:proofErr w:type=\"spellStart\"/>"
      "<w:r><w:t>ten</w:t></w:r><w:proofErr w:type=\"spellEnd\"/><w:r><w:t xml:space=\"preserve\">}, bạn</w:t></w:r></w:p>";
  std::string xml = render_document(make_docx(body), {{"ho_ten", "An"}});
  EXPECT_EQ(docx_text(xml), "Xin chào An, bạn\n");
  EXPECT_NE(xml.find("<w:t xml:space=\"preserve\">Xin chào An</w:t>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<w:t xml:space=\"preserve\">, bạn</w:t>"), std::string::npos) << xml;
  EXPECT_TRUE(well_formed(xml));
}

TEST(TemplateSplitTags, RsidSplitRunsOneCharacterEach) {
  std::string body =
      "<w:p><w:r w:rsidR=\"001\"><w:rPr><w:i/></w:rPr><w:t>{</w:t></w:r><w:r w:rsidR=\"002\"><w:t>#</w:t></w:r>"
      "<w:r w:rsidR=\"003\"><w:t>ds}</w:t></w:r><w:r><w:t>{.</w:t></w:r><w:r><w:t>}{/</w:t></w:r><w:r><w:t>ds}</w:t></w:r></w:p>";
  std::string xml = render_document(make_docx(body), {{"ds", {"x", "y"}}});
  EXPECT_EQ(docx_text(xml), "xy\n");
  EXPECT_TRUE(well_formed(xml));
}

TEST(TemplateSplitTags, BookmarksBetweenPieces) {
  std::string body =
      "<w:p><w:r><w:t>{so_</w:t></w:r><w:bookmarkStart w:id=\"0\" w:name=\"so\"/><w:r><w:t>hieu</w:t></w:r>"
      "<w:bookmarkEnd w:id=\"0\"/><w:r><w:t>}/UBND</w:t></w:r></w:p>";
  std::string xml = render_document(make_docx(body), {{"so_hieu", "12"}});
  EXPECT_EQ(docx_text(xml), "12/UBND\n");
  EXPECT_NE(xml.find("<w:bookmarkStart w:id=\"0\" w:name=\"so\"/>"), std::string::npos);
  EXPECT_NE(xml.find("<w:bookmarkEnd w:id=\"0\"/>"), std::string::npos);
}

TEST(TemplateSplitTags, TagsInsideHyperlinksAndInsertions) {
  std::string body =
      "<w:p><w:hyperlink r:id=\"rId9\"><w:r><w:t>{url</w:t></w:r></w:hyperlink><w:ins w:id=\"1\" w:author=\"A\">"
      "<w:r><w:t>}</w:t></w:r></w:ins></w:p>";
  EXPECT_EQ(render_text(body, {{"url", "vanban.gov.vn"}}), "vanban.gov.vn\n");
}

TEST(TemplateSplitTags, DeletedAndFieldInstructionTextIsNotTemplated) {
  std::string body =
      "<w:p><w:del w:id=\"1\" w:author=\"A\"><w:r><w:delText>{cu}</w:delText></w:r></w:del>"
      "<w:r><w:instrText xml:space=\"preserve\"> PAGE {x} </w:instrText></w:r><w:r><w:t>{moi}</w:t></w:r></w:p>";
  auto tpl = Template::parse(make_docx(body));
  ASSERT_EQ(tpl->tags().size(), 1u);
  std::string xml = render_part(*tpl, "word/document.xml", {{"moi", "M"}});
  EXPECT_NE(xml.find("<w:delText>{cu}</w:delText>"), std::string::npos);
  EXPECT_NE(xml.find(" PAGE {x} "), std::string::npos);
}

TEST(TemplateSplitTags, SplitSectionTagsInParagraphMode) {
  std::string body = para_runs({"{#d", "s}"}) + para("{ten}") + para_runs({"{/", "ds", "}"});
  std::string xml = render_document(make_docx(body), kPeople);
  EXPECT_EQ(docx_text(xml), "An\nBình\n");
  EXPECT_EQ(count_of(body_of(xml), "<w:p>"), 2u);
}

TEST(TemplateTextboxes, ParagraphsInATextboxAreTemplated) {
  std::string body =
      "<w:p><w:r><w:t>Ngoài {a}</w:t></w:r><w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox>"
      "<w:txbxContent>" +
      para("{#ds}") + para("Trong {.}") + para("{/ds}") + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>";
  std::string xml = render_document(make_docx(body), {{"a", "A"}, {"ds", {1, 2}}});
  EXPECT_EQ(docx_text(xml), "Ngoài ATrong 1\nTrong 2\n\n");
  EXPECT_TRUE(well_formed(xml));
}

}  // namespace
}  // namespace vanthu::test
