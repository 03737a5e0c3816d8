//! The template engine's tag language: values, paths, scopes, truthiness, escaping, tag listing.
#include <gtest/gtest.h>

#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;

TEST(TemplateValues, PlainTagIsReplacedByTheString) {
  EXPECT_EQ(render_text(para("Kính gửi: {ten}."), {{"ten", "UBND phường"}}), "Kính gửi: UBND phường.\n");
}

TEST(TemplateValues, DottedPathResolvesInsideObjects) {
  json data = {{"nguoi_ky", {{"chuc_vu", {{"ten", "CHỦ TỊCH"}}}}}};
  EXPECT_EQ(render_text(para("{nguoi_ky.chuc_vu.ten}"), data), "CHỦ TỊCH\n");
}

TEST(TemplateValues, WhitespaceInsideDelimitersIsAllowed) {
  EXPECT_EQ(render_text(para("[{ ten }][{#  ds }{ . }{/ ds }]"), {{"ten", "A"}, {"ds", {"x", "y"}}}), "[A][xy]\n");
}

TEST(TemplateValues, VietnameseLettersAreValidInNames) {
  EXPECT_EQ(render_text(para("{họ_tên}-{số-hiệu}"), {{"họ_tên", "Lê Văn Tám"}, {"số-hiệu", 7}}), "Lê Văn Tám-7\n");
}

TEST(TemplateValues, ScalarsRenderAsText) {
  json data = {{"i", 42}, {"neg", -7}, {"u", 18446744073709551615ull}, {"f", 3.5}, {"tenth", 0.1},
               {"yes", true}, {"no", false}, {"nothing", nullptr}};
  EXPECT_EQ(render_text(para("{i}|{neg}|{u}|{f}|{tenth}|{yes}|{no}|{nothing}|"), data),
            "42|-7|18446744073709551615|3.5|0.1|true|false||\n");
}

TEST(TemplateValues, ArrayIndexInPath) {
  EXPECT_EQ(render_text(para("{ds.1.ten}"), {{"ds", {{{"ten", "a"}}, {{"ten", "b"}}}}}), "b\n");
}

TEST(TemplateValues, MissingValuesRenderEmptyAndAreListedOnceInOrder) {
  std::vector<std::string> missing;
  std::string xml = render_document(make_docx(para("{b.c}{a}{b.c}{ok}{obj}{arr}")),
                                    {{"ok", "x"}, {"obj", {{"k", 1}}}, {"arr", {1, 2}}}, &missing);
  EXPECT_EQ(docx_text(xml), "x\n");
  EXPECT_EQ(missing, (std::vector<std::string>{"{b.c} (word/document.xml)", "{a} (word/document.xml)",
                                               "{obj} (word/document.xml)", "{arr} (word/document.xml)"}));
}

TEST(TemplateValues, MissingInHeaderNamesTheHeaderPart) {
  std::string docx = make_docx(para("{a}"), {{"word/header1.xml", header_xml("hdr", para("{b}"))}});
  auto tpl = Template::parse(docx);
  RenderResult result = render(*tpl, json::object());
  EXPECT_EQ(result.missing, (std::vector<std::string>{"{a} (word/document.xml)", "{b} (word/header1.xml)"}));
}

TEST(TemplateValues, EscapesMarkupCharacters) {
  std::string value = "a < b & \"c\" > d ]]> e";
  std::string xml = render_document(make_docx(para("{v}")), {{"v", value}});
  EXPECT_NE(xml.find("a &lt; b &amp; &quot;c&quot; &gt; d ]]&gt; e"), std::string::npos);
  EXPECT_TRUE(well_formed(xml));
  EXPECT_EQ(docx_text(xml), value + "\n");
}

TEST(TemplateValues, NewlinesBecomeLineBreaks) {
  std::string xml = render_document(make_docx(para("{v}")), {{"v", "một\nhai\r\nba\rbốn"}});
  EXPECT_EQ(count_of(xml, "<w:br/>"), 3u);
  EXPECT_NE(xml.find("một</w:t><w:br/><w:t xml:space=\"preserve\">hai"), std::string::npos);
  EXPECT_EQ(docx_text(xml), "một\nhai\nba\nbốn\n");
  EXPECT_TRUE(well_formed(xml));
}

TEST(TemplateValues, ControlCharactersThatXmlCannotHoldAreDropped) {
  std::string xml = render_document(make_docx(para("{v}")), {{"v", std::string("a\x01" "b\x1f" "c\td")}});
  EXPECT_TRUE(well_formed(xml));
  EXPECT_EQ(docx_text(xml), "abc\td\n");
}

TEST(TemplateValues, RunFormattingIsKept) {
  std::string body = "<w:p><w:r><w:rPr><w:b/><w:i/><w:sz w:val=\"28\"/></w:rPr><w:t>{ten}</w:t></w:r></w:p>";
  std::string xml = render_document(make_docx(body), {{"ten", "BÁO CÁO"}});
  EXPECT_NE(xml.find("<w:r><w:rPr><w:b/><w:i/><w:sz w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">BÁO CÁO</w:t></w:r>"),
            std::string::npos)
      << xml;
}

TEST(TemplateValues, TextWithoutTagsIsKeptExactly) {
  std::string body = para("trước") + "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{a}</w:t></w:r></w:p>" +
                     para("sau &amp; &lt;");
  std::string docx = make_docx(body);
  std::string xml = render_document(docx, {{"a", "A"}});
  std::string expected = document_xml(para("trước") +
                                      "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\">A"
                                      "</w:t></w:r></w:p>" +
                                      para("sau &amp; &lt;"));
  EXPECT_EQ(xml, expected);
}

TEST(TemplateScopes, LoopItemThenOuterScopes) {
  json data = {{"don_vi", "Phường 1"}, {"ds", {{{"ten", "An"}}, {{"ten", "Bình"}, {"don_vi", "Phường 2"}}}}};
  EXPECT_EQ(render_text(para("{#ds}{ten}/{don_vi};{/ds}"), data), "An/Phường 1;Bình/Phường 2;\n");
}

TEST(TemplateScopes, RestOfPathResolvesOnlyInsideWhatWasFound) {
  json data = {{"a", {{"b", "outer"}}}, {"ds", {{{"a", {{"c", 1}}}}}}};
  std::vector<std::string> missing;
  std::string xml = render_document(make_docx(para("{#ds}[{a.b}]{/ds}")), data, &missing);
  EXPECT_EQ(docx_text(xml), "[]\n");
  EXPECT_EQ(missing, std::vector<std::string>{"{a.b} (word/document.xml)"});
}

TEST(TemplateScopes, NullInInnerScopeLetsOuterScopeAnswer) {
  json data = {{"ten", "ngoài"}, {"ds", {{{"ten", nullptr}}}}};
  EXPECT_EQ(render_text(para("{#ds}{ten}{/ds}"), data), "ngoài\n");
}

TEST(TemplateScopes, DotIsTheCurrentItem) {
  EXPECT_EQ(render_text(para("{#ds}&lt;{.}&gt;{/ds}"), {{"ds", {"a", 1, true}}}), "<a><1><true>\n");
}

TEST(TemplateScopes, NestedLoops) {
  json data = {{"nhom", {{{"ten", "A"}, {"ds", {1, 2}}}, {{"ten", "B"}, {"ds", json::array()}}, {{"ten", "C"}, {"ds", {3}}}}}};
  EXPECT_EQ(render_text(para("{#nhom}{ten}:{#ds}{.},{/ds} {/nhom}"), data), "A:1,2, B: C:3, \n");
}

TEST(TemplateScopes, ObjectSectionBecomesTheScope) {
  json data = {{"ten", "gốc"}, {"ky", {{"ten", "Nguyễn Văn A"}, {"chuc_vu", "Chủ tịch"}}}};
  EXPECT_EQ(render_text(para("{#ky}{chuc_vu} {ten}{/ky}"), data), "Chủ tịch Nguyễn Văn A\n");
}

TEST(TemplateScopes, TruthyScalarKeepsTheScope) {
  json data = {{"co", "x"}, {"ten", "An"}};
  EXPECT_EQ(render_text(para("{#co}{ten}{/co}"), data), "An\n");
}

TEST(TemplateScopes, ClosingWithEmptyEndTag) {
  EXPECT_EQ(render_text(para("{#ds}{.}{/}!"), {{"ds", {1, 2}}}), "12!\n");
}

struct Truthiness {
  const char* name;
  json value;
  bool truthy;
};

class TemplateTruthiness : public ::testing::TestWithParam<Truthiness> {};

TEST_P(TemplateTruthiness, SectionRendersWhenTruthyInvertedWhenNot) {
  const Truthiness& c = GetParam();
  json data = json::object();
  if (std::string(c.name) != "missing") data["v"] = c.value;
  std::string text = render_text(para("[{#v}S{/v}][{^v}I{/v}]"), data);
  EXPECT_EQ(text, c.truthy ? "[S][]\n" : "[][I]\n") << c.name;
}

INSTANTIATE_TEST_SUITE_P(
    Table, TemplateTruthiness,
    ::testing::Values(Truthiness{"true", true, true}, Truthiness{"false", false, false},
                      Truthiness{"null", nullptr, false}, Truthiness{"missing", nullptr, false},
                      Truthiness{"empty_string", "", false}, Truthiness{"string", "có", true},
                      Truthiness{"zero", 0, false}, Truthiness{"zero_float", 0.0, false}, Truthiness{"one", 1, true},
                      Truthiness{"negative", -2, true}, Truthiness{"float", 2.5, true},
                      Truthiness{"empty_array", json::array(), false}, Truthiness{"object", json::object(), true},
                      Truthiness{"object_with_keys", {{"a", 1}}, true}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(TemplateScopes, ArraySectionRepeatsOncePerItem) {
  EXPECT_EQ(render_text(para("{#v}S{/v}"), {{"v", {0, false, nullptr}}}), "SSS\n");
}

TEST(TemplateScopes, InvertedSectionKeepsTheScope) {
  EXPECT_EQ(render_text(para("{^ds}Không có {loai}.{/ds}"), {{"ds", json::array()}, {"loai", "mục"}}),
            "Không có mục.\n");
}

TEST(TemplateTags, ListsEveryTagInDocumentOrder) {
  std::string body = para("{ten}") + para("{#ds}") + para("{ .}{^trong}x{/trong}") + para("{/}") +
                     table({row({"{#hang}{a}", "{b}{/hang}"})});
  auto tpl = Template::parse(make_docx(body));
  const auto& tags = tpl->tags();
  ASSERT_EQ(tags.size(), 10u);
  auto check = [&](std::size_t i, const char* tag, const char* kind, const char* path, const char* mode, int depth) {
    SCOPED_TRACE(i);
    EXPECT_EQ(tags[i].part, "word/document.xml");
    EXPECT_EQ(tags[i].tag, tag);
    EXPECT_EQ(tags[i].kind, kind);
    EXPECT_EQ(tags[i].path, path);
    EXPECT_EQ(tags[i].mode, mode);
    EXPECT_EQ(tags[i].depth, depth);
  };
  check(0, "{ten}", "value", "ten", "", 0);
  check(1, "{#ds}", "section", "ds", "paragraphs", 0);
  check(2, "{ .}", "value", ".", "", 1);
  check(3, "{^trong}", "inverted", "trong", "inline", 1);
  check(4, "{/trong}", "end", "trong", "inline", 1);
  check(5, "{/}", "end", "ds", "paragraphs", 0);
  check(6, "{#hang}", "section", "hang", "rows", 0);
  check(7, "{a}", "value", "a", "", 1);
  check(8, "{b}", "value", "b", "", 1);
  check(9, "{/hang}", "end", "hang", "rows", 0);
  EXPECT_EQ(tags[3].paragraph, "{ .}{^trong}x{/trong}");
}

TEST(TemplateTags, TemplatedPartsAreThoseWithTags) {
  std::string docx = make_docx(para("{a}"), {{"word/header1.xml", header_xml("hdr", para("{b}"))},
                                             {"word/footer1.xml", header_xml("ftr", para("Trang"))},
                                             {"word/styles.xml", header_xml("styles", para("{không phải thẻ}"))}});
  auto tpl = Template::parse(docx);
  EXPECT_EQ(tpl->templated_parts(), (std::vector<std::string>{"word/document.xml", "word/header1.xml"}));
}

TEST(TemplateTags, HeadersFootersFootnotesAreTemplated) {
  std::string docx = make_docx(para("{a}"), {{"word/header2.xml", header_xml("hdr", para("H:{a}"))},
                                             {"word/footer1.xml", header_xml("ftr", para("F:{#ds}{.}{/ds}"))},
                                             {"word/footnotes.xml", header_xml("footnotes", para("N:{a}"))}});
  auto tpl = Template::parse(docx);
  RenderResult result = render(*tpl, {{"a", "x"}, {"ds", {1, 2}}});
  EXPECT_EQ(docx_text(docx_part(result.docx, "word/header2.xml")), "H:x\n");
  EXPECT_EQ(docx_text(docx_part(result.docx, "word/footer1.xml")), "F:12\n");
  EXPECT_EQ(docx_text(docx_part(result.docx, "word/footnotes.xml")), "N:x\n");
}

TEST(TemplateTags, ParagraphLoopInAHeader) {
  std::string docx = make_docx(para("x"), {{"word/header1.xml", header_xml("hdr", para("{#ds}") + para("Dòng {.}") +
                                                                                        para("{/ds}"))}});
  auto tpl = Template::parse(docx);
  std::string xml = render_part(*tpl, "word/header1.xml", {{"ds", {1, 2}}});
  EXPECT_EQ(docx_text(xml), "Dòng 1\nDòng 2\n");
  EXPECT_EQ(tpl->tags()[0].mode, "paragraphs");
  EXPECT_EQ(tpl->tags()[0].part, "word/header1.xml");
}

TEST(TemplateTags, CustomDelimiters) {
  TemplateOptions options;
  options.delimiters = {"[[", "]]"};
  auto tpl = Template::parse(make_docx(para("{giữ} [[a]] [[#ds]][[.]][[/ds]]")), options);
  EXPECT_EQ(docx_text(render_part(*tpl, "word/document.xml", {{"a", "A"}, {"ds", {1, 2}}})), "{giữ} A 12\n");
}

TEST(TemplateTags, RenderPartOfUntemplatedAndUnknownParts) {
  std::string docx = make_docx(para("{a}"), {{"word/styles.xml", "<x/>"}});
  auto tpl = Template::parse(docx);
  EXPECT_EQ(render_part(*tpl, "word/styles.xml", json::object()), "<x/>");
  EXPECT_THROW(render_part(*tpl, "word/none.xml", json::object()), std::out_of_range);
}

TEST(TemplateTags, EmptyDelimitersAreRefused) {
  TemplateOptions options;
  options.delimiters = Delimiters{"{", ""};
  EXPECT_THROW(Template::parse(make_docx(para("x")), options), TemplateError);
}

}  // namespace
}  // namespace vanthu::test
