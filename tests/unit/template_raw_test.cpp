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
