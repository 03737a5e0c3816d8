//! TemplateLimits: what reading one template may cost, each limit checked while reading (just
//! under passes, just over is the limit's issue), and the cap of issue lists (kMaxProblems kept,
//! the rest counted in one too_many_problems).
#include <gtest/gtest.h>
#include <gmock/gmock.h>


#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

std::vector<std::string> codes(const std::vector<TemplateIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& issue : issues) out.push_back(issue.code);
  return out;
}

bool has_code(const std::vector<TemplateIssue>& issues, std::string_view code) {
  for (const auto& issue : issues)
    if (issue.code == code) return true;
  return false;
}

//! `count` value tags {f0}{f1}..., `per_paragraph` to a paragraph.
std::string many_tags(std::size_t count, std::size_t per_paragraph) {
  std::string body, text;
  for (std::size_t i = 0; i < count; ++i) {
    text += "{f" + std::to_string(i) + "}";
    if ((i + 1) % per_paragraph == 0 || i + 1 == count) {
      body += para(text);
      text.clear();
    }
  }
  return body;
}

TemplateOptions with_limits(const TemplateLimits& limits) {
  TemplateOptions options;
  options.template_limits = limits;
  return options;
}

//! The upload checks, but without the compression ratio: the templates made here are so regular
//! that they would be zip bombs (a clerk's template of as many tags is not).
CheckOptions any_ratio() {
  CheckOptions options;
  options.limits.zip.max_ratio = 1e9;
  return options;
}

// --- max_tags ------------------------------------------------------------------------------------

TEST(TemplateReadLimits, DefaultsAreThoseDocumented) {
  TemplateLimits limits;
  EXPECT_EQ(limits.max_tags, 20'000u);
  EXPECT_EQ(limits.max_parts, 256u);
  EXPECT_EQ(limits.max_elements, 500'000u);
  EXPECT_EQ(limits.max_path_segments, 32u);
  EXPECT_EQ(limits.max_shape_fields, 50'000u);
  EXPECT_GE(limits.max_shape_fields, limits.max_tags) << "a template of single-field tags never passes it";
}

TEST(TemplateReadLimits, TwentyThousandTagsPassAndOneMoreIsTooManyTags) {
  TemplateCheck under = check_template(make_docx(many_tags(20'000, 1000)), {}, any_ratio());
  EXPECT_TRUE(under.issues.empty()) << ::testing::PrintToString(codes(under.issues));
  EXPECT_EQ(under.tags.size(), 20'000u);
  ASSERT_TRUE(under.parsed);

  TemplateCheck over = check_template(make_docx(many_tags(20'001, 1000)), {}, any_ratio());
  EXPECT_EQ(codes(over.issues), std::vector<std::string>{"too_many_tags"});
  EXPECT_THAT(over.issues[0].message, HasSubstr("Mẫu có quá nhiều thẻ (hơn 20.000)"));
  EXPECT_EQ(over.issues[0].part, "word/document.xml");
  EXPECT_TRUE(over.tags.empty());  // reading stopped: no half list
  EXPECT_FALSE(over.parsed);
}

TEST(TemplateReadLimits, TagsOfAllPartsCountTogether) {
  TemplateLimits limits;
  limits.max_tags = 10;
  auto header = [](std::size_t tags) {
    return std::pair<std::string, std::string>{"word/header1.xml", header_xml("hdr", many_tags(tags, 100))};
  };
  TemplateCheck under = check_template(make_docx(many_tags(6, 100), {header(4)}), with_limits(limits));
  EXPECT_TRUE(under.issues.empty()) << ::testing::PrintToString(codes(under.issues));
  EXPECT_EQ(under.tags.size(), 10u);
  TemplateCheck over = check_template(make_docx(many_tags(6, 100), {header(5)}), with_limits(limits));
  EXPECT_EQ(codes(over.issues), std::vector<std::string>{"too_many_tags"});
  EXPECT_EQ(over.issues[0].part, "word/header1.xml");
  EXPECT_TRUE(over.tags.empty());
}

TEST(TemplateReadLimits, TagMistakesCountAsTags) {
  TemplateLimits limits;
  limits.max_tags = 10;
  std::string ten_mistakes;
  for (int i = 0; i < 10; ++i) ten_mistakes += "{a b}";
  EXPECT_FALSE(has_code(check_template(make_docx(para(ten_mistakes)), with_limits(limits)).issues, "too_many_tags"));
  EXPECT_TRUE(has_code(check_template(make_docx(para(ten_mistakes + "}")), with_limits(limits)).issues, "too_many_tags"));
}

TEST(TemplateReadLimits, ParseRefusesTooManyTags) {
  TemplateLimits limits;
  limits.max_tags = 5;
  EXPECT_TRUE(issues_of(make_docx(many_tags(5, 5)), with_limits(limits)).empty());
  EXPECT_EQ(codes(issues_of(make_docx(many_tags(6, 5)), with_limits(limits))), std::vector<std::string>{"too_many_tags"});
}

TEST(TemplateReadLimits, AMillionTagsStopQuicklyAtTheLimit) {
  const std::string docx = make_docx(many_tags(1'000'000, 1000));
  TemplateCheck check = check_template(docx, {}, any_ratio());
  EXPECT_EQ(codes(check.issues), std::vector<std::string>{"too_many_tags"});
  EXPECT_TRUE(check.tags.empty());
  EXPECT_TRUE(check.shape.empty());
}

TEST(TemplateReadLimits, AMillionOpeningDelimitersInOneParagraphAreNotSearchedQuadratically) {
  // Each "{" is an unclosed tag whose closing "}" is at the very end: the closing delimiter's
  // search is remembered, not run to the end once per "{".
  const std::string docx = make_docx(para(std::string(1'000'000, '{') + "}"));
  TemplateCheck check = check_template(docx, {}, any_ratio());
  EXPECT_TRUE(has_code(check.issues, "too_many_tags")) << ::testing::PrintToString(codes(check.issues));
}

// --- max_parts -----------------------------------------------------------------------------------

TEST(TemplateReadLimits, TooManyPartsThatMayHoldTags) {
  TemplateLimits limits;
  limits.max_parts = 3;  // word/document.xml and two headers
  std::vector<std::pair<std::string, std::string>> headers;
  for (int i = 1; i <= 3; ++i)
    headers.emplace_back("word/header" + std::to_string(i) + ".xml", header_xml("hdr", para("{x}")));
  TemplateCheck over = check_template(make_docx(para("{a}"), headers), with_limits(limits));
  EXPECT_EQ(codes(over.issues), std::vector<std::string>{"too_many_parts"});
  EXPECT_THAT(over.issues[0].message, HasSubstr("Mẫu có 4 phần có thể chứa thẻ"));
  headers.pop_back();
  TemplateCheck under = check_template(make_docx(para("{a}"), headers), with_limits(limits));
  EXPECT_TRUE(under.issues.empty()) << ::testing::PrintToString(codes(under.issues));
  EXPECT_EQ(under.tags.size(), 3u);
}

// --- max_elements --------------------------------------------------------------------------------

TEST(TemplateReadLimits, TooManyXmlElementsInAPart) {
  TemplateLimits limits;
  limits.max_elements = 100;
  // w:document, w:body, then the paragraphs: one holds a tag (w:p, w:r, w:t xml:space="preserve").
  auto body = [](std::size_t empty_paragraphs) {
    std::string xml = para("{a}");
    for (std::size_t i = 0; i < empty_paragraphs; ++i) xml += "<w:p/>";
    return document_xml(xml, false);
  };
  TemplateOptions options = with_limits(limits);
  TemplateCheck under = check_template(make_package(body(94)), options);
  EXPECT_TRUE(under.issues.empty()) << ::testing::PrintToString(codes(under.issues));
  TemplateCheck over = check_template(make_package(body(95)), options);
  EXPECT_EQ(codes(over.issues), std::vector<std::string>{"too_many_elements"});
  EXPECT_THAT(over.issues[0].message, HasSubstr("word/document.xml có quá nhiều phần tử và thuộc tính XML (hơn 100)"));
  EXPECT_EQ(codes(issues_of(make_package(body(95)), options)), std::vector<std::string>{"too_many_elements"});
  // Attributes count too: one element of many attributes costs as much as many elements.
  auto attributes = [](std::size_t count) {
    std::string xml = "<w:p";
    for (std::size_t i = 0; i < count; ++i) xml += " w:a" + std::to_string(i) + "=\"1\"";
    return document_xml(para("{a}") + xml + "/>", false);
  };
  EXPECT_TRUE(check_template(make_package(attributes(93)), options).issues.empty());  // 6 elements, 1 + 93 attributes
  EXPECT_EQ(codes(check_template(make_package(attributes(94)), options).issues), std::vector<std::string>{"too_many_elements"});
}

TEST(TemplateReadLimits, EveryXmlPartOfAnUploadIsHeldToTheDefaultElementLimit) {
  std::string styles = R"(<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w=")" + std::string(kWordNs) + "\">";
  for (std::size_t i = 0; i < 500'000; ++i) styles += "<w:s/>";  // with the root: 500,001
  styles += "</w:styles>";
  PackageLimits limits;
  limits.zip.max_ratio = 1e9;  // so the test is about elements, not the compression ratio
  std::vector<TemplateIssue> issues = check_package(make_docx(para("x"), {{"word/styles.xml", styles}}), limits);
  EXPECT_TRUE(has_code(issues, "too_many_elements")) << ::testing::PrintToString(codes(issues));
}

// --- max_path_segments ---------------------------------------------------------------------------

TEST(TemplateReadLimits, PathsOfAtMost32Segments) {
  std::string path = "a";
  for (int i = 1; i < 32; ++i) path += ".a";
  EXPECT_TRUE(check_template(make_docx(para("{" + path + "}"))).issues.empty());
  TemplateCheck over = check_template(make_docx(para("{" + path + ".a}")));
  EXPECT_EQ(codes(over.issues), std::vector<std::string>{"path_too_long"});
  EXPECT_THAT(over.issues[0].message, HasSubstr("tối đa 32 phần"));
  EXPECT_EQ(over.issues[0].tag, "{" + path + ".a}");
  EXPECT_TRUE(check_template(make_docx(para("{#" + path + "}x{/}"))).issues.empty());
  EXPECT_EQ(codes(check_template(make_docx(para("{#" + path + ".a}x{/}"))).issues),
            std::vector<std::string>{"path_too_long"})
      << "its {/} closes the refused opener: one issue, not also unopened_section";
}

// --- max_shape_fields -----------------------------------------------------------------------------

TEST(TemplateReadLimits, TheDataShapeStopsGrowingAtItsLimit) {
  TemplateLimits limits;
  limits.max_shape_fields = 10;
  TemplateCheck under = check_template(make_docx(many_tags(10, 5)), with_limits(limits));
  EXPECT_TRUE(under.issues.empty()) << ::testing::PrintToString(codes(under.issues));
  EXPECT_EQ(under.shape.size(), 10u);
  TemplateCheck over = check_template(make_docx(many_tags(11, 5)), with_limits(limits));
  EXPECT_EQ(codes(over.issues), std::vector<std::string>{"shape_too_large"});
  EXPECT_EQ(over.shape.size(), 10u);
  // The same field again costs nothing; a dotted path costs a field per segment.
  TemplateCheck repeated = check_template(make_docx(many_tags(10, 5) + para("{f0}{f9}")), with_limits(limits));
  EXPECT_TRUE(repeated.issues.empty());
  EXPECT_TRUE(check_template(make_docx(para("{a.b.c.d.e}{#f}{g.h.i.j}{/f}")), with_limits(limits)).issues.empty());
  EXPECT_EQ(codes(check_template(make_docx(para("{a.b.c.d.e}{#f}{g.h.i.j.k}{/f}")), with_limits(limits)).issues),
            std::vector<std::string>{"shape_too_large"});
}

// --- the cap of issue lists ----------------------------------------------------------------------

TEST(TemplateIssueCap, ThreeHundredTagMistakesListAHundredAndCountTheRest) {
  std::string body;
  for (int i = 0; i < 300; ++i) body += para("{x | khong_co_" + std::to_string(i) + "}");
  TemplateCheck check = check_template(make_docx(body));
  ASSERT_EQ(check.issues.size(), kMaxProblems + 1);
  EXPECT_EQ(check.issues[0].code, "unknown_filter");
  EXPECT_EQ(check.issues[kMaxProblems - 1].code, "unknown_filter");
  const TemplateIssue& end = check.issues.back();
  EXPECT_EQ(end.code, "too_many_problems");
  EXPECT_EQ(end.omitted, 200u);
  EXPECT_EQ(end.message, "Còn 200 lỗi khác không liệt kê; hãy sửa các lỗi trên rồi gửi lại.");
  EXPECT_EQ(total_count(check.issues), 300u);
  EXPECT_FALSE(check.parsed);

  std::vector<TemplateIssue> parsed = issues_of(make_docx(body));
  EXPECT_EQ(parsed.size(), kMaxProblems + 1);
  EXPECT_EQ(total_count(parsed), 300u);
}

TEST(TemplateIssueCap, AHundredIssuesAreAllListed) {
  std::string body;
  for (int i = 0; i < 100; ++i) body += para("{x | khong_co_" + std::to_string(i) + "}");
  TemplateCheck check = check_template(make_docx(body));
  EXPECT_EQ(check.issues.size(), 100u);
  EXPECT_FALSE(has_code(check.issues, "too_many_problems"));
}

TEST(TemplateIssueCap, ModelIssuesAndWarningsAreCappedTogetherWithTagIssues) {
  const json model = {{"ten", "x"}};
  CheckOptions options;
  options.model_data = &model;
  std::string body;
  for (int i = 0; i < 250; ++i) body += para("{khong_co_" + std::to_string(i) + "}");
  for (int i = 0; i < 150; ++i) body += para("{#muc_" + std::to_string(i) + "}x{/}");
  TemplateCheck check = check_template(make_docx(body), {}, options);
  ASSERT_EQ(check.issues.size(), kMaxProblems + 1);
  EXPECT_EQ(check.issues[0].code, "unknown_field");
  EXPECT_EQ(total_count(check.issues), 250u);
  ASSERT_EQ(check.warnings.size(), kMaxProblems + 1);
  EXPECT_EQ(check.warnings[0].code, "unknown_section");
  EXPECT_EQ(total_count(check.warnings), 150u);
}

TEST(TemplateIssueCap, IssuesAcrossPartsShareOneCap) {
  std::string body, header;
  for (int i = 0; i < 80; ++i) body += para("{a b}");
  for (int i = 0; i < 80; ++i) header += para("{a b}");
  TemplateCheck check = check_template(make_docx(body, {{"word/header1.xml", header_xml("hdr", header)}}));
  ASSERT_EQ(check.issues.size(), kMaxProblems + 1);
  EXPECT_EQ(check.issues[99].part, "word/header1.xml");
  EXPECT_EQ(check.issues.back().omitted, 60u);
}

}  // namespace
}  // namespace vanthu::test
