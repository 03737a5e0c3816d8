//! check_template: the tag list, every issue at once, the data shape, tag paths against a report
//! type's model with docxtemplater's scope rules, and the delimiters a template declares.
#include <gtest/gtest.h>

#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;

std::vector<std::string> codes(const std::vector<TemplateIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& issue : issues) out.push_back(issue.code);
  return out;
}

//! docProps/custom.xml declaring one custom property.
std::string custom_properties(std::string_view name, std::string_view value) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" )"
         R"(xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">)"
         R"(<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name=")" +
         std::string(name) + R"("><vt:lpwstr>)" + std::string(value) + "</vt:lpwstr></property></Properties>";
}

TEST(TemplateCheck, ListsTagsWithWhereTheyAre) {
  std::string body = para("Kính gửi: {noi_nhan}") + para("{#ds}") + para("- {ten | hoa}") + para("{/ds}");
  TemplateCheck check = check_template(make_docx(body));
  EXPECT_TRUE(check.issues.empty());
  ASSERT_EQ(check.tags.size(), 4u);
  EXPECT_EQ(check.tags[0].tag, "{noi_nhan}");
  EXPECT_EQ(check.tags[0].paragraph, "Kính gửi: {noi_nhan}");
  EXPECT_EQ(check.tags[0].paragraph_index, 0);
  EXPECT_EQ(check.tags[1].kind, "section");
  EXPECT_EQ(check.tags[1].mode, "paragraphs");
  EXPECT_EQ(check.tags[2].filters, std::vector<std::string>{"hoa"});
  EXPECT_EQ(check.tags[2].depth, 1);
  EXPECT_EQ(check.tags[2].paragraph_index, 2);
  EXPECT_EQ(check.tags[3].kind, "end");
  ASSERT_TRUE(check.parsed);
  EXPECT_EQ(check.delimiters, Delimiters{});
}

TEST(TemplateCheck, ShapeOfTheExpectedData) {
  std::string body = para("{co_quan.ten | hoa} {so_tien | bang_chu} {ngay | ngay_thang}") + para("{#ds}") +
                     para("{ten}: {#muc}{.}{/muc}") + para("{/ds}") + para("{#co_phu_luc}Phụ lục{/co_phu_luc}") +
                     para("{^trong}x{/trong}") + table({row({"{#bang}{a}", "{b}{/bang}"})}) + para("{@xml}");
  TemplateCheck check = check_template(make_docx(body));
  EXPECT_TRUE(check.issues.empty());
  json expected = {{"co_quan", {{"ten", "text"}}},
                   {"so_tien", "number"},
                   {"ngay", "date"},
                   {"ds", json::array({{{"ten", "text"}, {"muc", json::array({"text"})}}})},
                   {"co_phu_luc", "condition"},
                   {"trong", "condition"},
                   {"bang", json::array({{{"a", "text"}, {"b", "text"}}})},
                   {"xml", "xml"}};
  EXPECT_EQ(check.shape, expected) << check.shape.dump(2);
}

TEST(TemplateCheck, ShapeGivesAFieldAlreadyKnownOutsideToTheOuterScope) {
  TemplateCheck check = check_template(make_docx(para("{don_vi}") + para("{#ds}{ten} - {don_vi}{/ds}")));
  EXPECT_EQ(check.shape, json({{"don_vi", "text"}, {"ds", json::array({{{"ten", "text"}}})}})) << check.shape.dump();
}

TEST(TemplateCheck, ShapeOfASectionNestedInsideItselfFoundByTheFuzzer) {
  // The inner {#ds} closing once replaced the array the outer one's scope pointed into.
  TemplateCheck check = check_template(make_docx(para("{#ds}") + para("{#ds}{.}{/ds} {x}") + para("{/ds}") + para("{#e}{#e}{/e}{/e}")));
  EXPECT_EQ(check.shape, json({{"ds", json::array({{{"x", "text"}}})}, {"e", "condition"}})) << check.shape.dump();
}

TEST(TemplateCheck, EveryIssueAtOnceWithTagsStillListed) {
  std::string body = para("{#a}") + para("{b | khong_co}") + para("x } y");
  TemplateCheck check = check_template(make_docx(body));
  EXPECT_EQ(codes(check.issues), (std::vector<std::string>{"unknown_filter", "unopened_tag", "unclosed_section"}));
  EXPECT_FALSE(check.parsed);
  EXPECT_EQ(check.tags.size(), 1u) << "the {#a} found; the malformed ones are issues";
}

const json kModel = {{"co_quan", "UBND phường Hải An"},
                     {"so_tien", 17467000000},
                     {"ngay", "2026-02-11"},
                     {"nguoi_ky", {{"ho_ten", "Nguyễn Văn A"}, {"chuc_vu", "Chủ tịch"}}},
                     {"ds", {{{"ten", "a"}, {"so", 1}}, {{"ten", "b"}, {"ghi_chu", "chỉ mục này có"}}}},
                     {"trong", json::array()},
                     {"co_phu_luc", true},
                     {"ghi_chu", nullptr}};

std::vector<TemplateIssue> model_issues(const std::string& body) {
  CheckOptions options;
  options.model_data = &kModel;
  return check_template(make_docx(body), {}, options).issues;
}

TEST(TemplateCheck, PathsTheModelHasAreFine) {
  std::string body = para("{co_quan} {so_tien | bang_chu} {ngay | ngay_thang} {nguoi_ky.ho_ten}") +
                     para("{#ds}{ten} {so} {ghi_chu} {co_quan} {nguoi_ky.chuc_vu}{/ds}") +
                     para("{#trong}{bat_ky}{/trong}") + para("{#co_phu_luc}{co_quan}{/co_phu_luc}") +
                     para("{#nguoi_ky}{ho_ten}{/nguoi_ky}") + para("{ghi_chu}");
  auto issues = model_issues(body);
  EXPECT_TRUE(issues.empty()) << issues[0].message;
}

TEST(TemplateCheck, UnknownFieldsAreReportedWithPartParagraphTagAndPath) {
  std::string body = para("Kính gửi {noi_nhan}") + para("{#ds}") + para("{ten} {tuoi}") + para("{/ds}") +
                     para("{nguoi_ky.email}") + para("{ten}");
  auto issues = model_issues(body);
  ASSERT_EQ(codes(issues), (std::vector<std::string>{"unknown_field", "unknown_field", "unknown_field", "unknown_field"}));
  EXPECT_EQ(issues[0].tag, "{noi_nhan}");
  EXPECT_EQ(issues[0].part, "word/document.xml");
  EXPECT_EQ(issues[0].paragraph, "Kính gửi {noi_nhan}");
  EXPECT_EQ(issues[0].path, "/noi_nhan");
  EXPECT_NE(issues[0].message.find("co_quan"), std::string::npos) << "names the fields that exist: " << issues[0].message;
  EXPECT_EQ(issues[1].tag, "{tuoi}");
  EXPECT_EQ(issues[1].path, "/ds/0/tuoi") << "inside the section: the item's shape";
  EXPECT_EQ(issues[2].path, "/nguoi_ky/email");
  EXPECT_EQ(issues[3].tag, "{ten}") << "{ten} exists only inside ds";
}

TEST(TemplateCheck, SectionsOverFieldsTheExampleLacksAreWarningsAndTheirInsideIsNotChecked) {
  CheckOptions options;
  options.model_data = &kModel;
  TemplateCheck check = check_template(make_docx(para("{#khong_co}{a}{b}{/khong_co}") + para("{^cung_khong}x{/cung_khong}") +
                                                 para("{#ds}{#chuong}{tieu_de}{/chuong}{/ds}")),
                                       {}, options);
  EXPECT_TRUE(check.issues.empty()) << check.issues[0].message;
  ASSERT_EQ(codes(check.warnings), (std::vector<std::string>{"unknown_section", "unknown_section", "unknown_section"}));
  EXPECT_EQ(check.warnings[0].tag, "{#khong_co}");
  EXPECT_EQ(check.warnings[2].path, "/ds/0/chuong");
  EXPECT_TRUE(check.parsed) << "warnings do not stop the template";
}

TEST(TemplateCheck, ALengthInAConditionIsReadAsAList) {
  // The shape: ds is a list (its items unknown until a loop over it says more), n a condition.
  TemplateCheck alone = check_template(make_docx(para("{#ds.length &gt; n}x{/}") + para("{^trong.length}y{/}")));
  ASSERT_TRUE(alone.issues.empty()) << alone.issues[0].message;
  EXPECT_EQ(alone.shape, json({{"ds", json::array()}, {"n", "condition"}, {"trong", json::array()}})) << alone.shape.dump();
  bool seen = false;
  for (const TagInfo& tag : alone.tags)
    if (tag.expression && tag.kind == "section") {
      seen = true;
      EXPECT_EQ(tag.operands, (std::vector<std::string>{"ds.length", "n"}));
    }
  EXPECT_TRUE(seen);
  const json with_loop = json({{"ds", json::array({{{"ten", "text"}}})}});
  EXPECT_EQ(check_template(make_docx(para("{#ds.length}x{/}") + para("{#ds}{ten}{/ds}"))).shape, with_loop);
  EXPECT_EQ(check_template(make_docx(para("{#ds}{ten}{/ds}") + para("{#ds.length}x{/}"))).shape, with_loop) << "either order";

  // Whatever the order of the tags: a printed field is a text, a field both looped over and
  // measured a list, a group's own "length" a field of it.
  auto shape_of = [](const std::string& body) { return check_template(make_docx(body)).shape; };
  EXPECT_EQ(shape_of(para("{ten.length} {ten}")), json({{"ten", "text"}}));
  EXPECT_EQ(shape_of(para("{ten} {ten.length}")), json({{"ten", "text"}}));
  EXPECT_EQ(shape_of(para("{#ds}{/ds}{ds.length}")), json({{"ds", json::array()}}));
  EXPECT_EQ(shape_of(para("{#ds.length &gt; 0}{/}{#ds}{/ds}")), json({{"ds", json::array()}}));
  EXPECT_EQ(shape_of(para("{kt.rong} {kt.length}")), json({{"kt", {{"rong", "text"}, {"length", "text"}}}}));

  // Against a report type's example: the length of a list or a text is there; of a number it is not.
  CheckOptions options;
  options.model_data = &kModel;
  TemplateCheck model = check_template(make_docx(para("{#ds.length &gt; 1}a{/}{#trong.length}b{/}{#co_quan.length}c{/}")), {}, options);
  EXPECT_TRUE(model.issues.empty()) << model.issues[0].message;
  EXPECT_TRUE(model.warnings.empty()) << model.warnings[0].message;
  TemplateCheck number = check_template(make_docx(para("{#so_tien.length}a{/}")), {}, options);
  EXPECT_EQ(codes(number.warnings), std::vector<std::string>{"unknown_section"});
}

TEST(TemplateCheck, ValueTagOnAListAndFilterOnTheWrongType) {
  auto issues = model_issues(para("{ds} {co_quan | so} {nguoi_ky}"));
  ASSERT_EQ(codes(issues), (std::vector<std::string>{"not_text", "filter_type", "not_text"}));
  EXPECT_EQ(issues[0].path, "/ds");
  EXPECT_NE(issues[1].message.find("“so”"), std::string::npos) << issues[1].message;
}

TEST(TemplateCheck, ScopesAreTrackedPerPart) {
  CheckOptions options;
  options.model_data = &kModel;
  std::string docx = make_docx(para("{#ds}{ten}{/ds}"), {{"word/header1.xml", header_xml("hdr", para("{ten}"))}});
  auto issues = check_template(docx, {}, options).issues;
  ASSERT_EQ(codes(issues), std::vector<std::string>{"unknown_field"});
  EXPECT_EQ(issues[0].part, "word/header1.xml");
}

TEST(TemplateCheck, RequiredPartsMustBeThere) {
  CheckOptions options;
  options.required_parts = {"docProps/core.xml", "word/document.xml"};
  auto issues = check_template(make_docx(para("x")), {}, options).issues;
  ASSERT_EQ(codes(issues), std::vector<std::string>{"missing_part"});
  EXPECT_EQ(issues[0].part, "docProps/core.xml");
}

TEST(TemplateDelimiters, Parsing) {
  EXPECT_EQ(parse_delimiters("[[ ]]"), (Delimiters{"[[", "]]"}));
  EXPECT_EQ(parse_delimiters("  <% \t %>  "), (Delimiters{"<%", "%>"}));
  EXPECT_EQ(parse_delimiters("«« »»"), (Delimiters{"««", "»»"}));
  std::string why;
  EXPECT_FALSE(parse_delimiters("[[", &why));
  EXPECT_FALSE(why.empty());
  EXPECT_FALSE(parse_delimiters("[[ ]] x"));
  EXPECT_FALSE(parse_delimiters("ab cd")) << "letters belong to field names";
  EXPECT_FALSE(parse_delimiters("{| |}"));
  EXPECT_FALSE(parse_delimiters("[[[[[[[[[ ]]"));
  EXPECT_FALSE(parse_delimiters(std::string("\x01 ]", 3)));
  EXPECT_EQ(delimiters_text(Delimiters{}), "{ }");
}

TEST(TemplateDelimiters, DeclaredInTheTemplate) {
  std::string docx = make_docx(para("JSON: {\"a\": 1} — [[ten]] [[#ds]][[.]][[/ds]]"),
                               {{"docProps/custom.xml", custom_properties("vanthu:delimiters", "[[ ]]")}});
  auto tpl = Template::parse(docx);
  EXPECT_EQ(tpl->delimiters(), (Delimiters{"[[", "]]"}));
  EXPECT_EQ(docx_text(render_part(*tpl, "word/document.xml", {{"ten", "An"}, {"ds", {1, 2}}})),
            "JSON: {\"a\": 1} — An 12\n");
  EXPECT_EQ(check_template(docx).delimiters, (Delimiters{"[[", "]]"}));
}

TEST(TemplateDelimiters, OptionWinsOverTheProperty) {
  std::string docx = make_docx(para("&lt;&lt;a&gt;&gt; [[a]]"), {{"docProps/custom.xml", custom_properties("vanthu:delimiters", "[[ ]]")}});
  TemplateOptions options;
  options.delimiters = Delimiters{"<<", ">>"};
  auto tpl = Template::parse(docx, options);
  EXPECT_EQ(docx_text(render_part(*tpl, "word/document.xml", {{"a", "x"}})), "x [[a]]\n");
}

TEST(TemplateDelimiters, OtherPropertiesAreIgnoredAndABadOneIsAnIssue) {
  std::string other = make_docx(para("{a}"), {{"docProps/custom.xml", custom_properties("Phòng ban", "[[ ]]")}});
  EXPECT_EQ(Template::parse(other)->delimiters(), Delimiters{});
  std::string bad = make_docx(para("{a}"), {{"docProps/custom.xml", custom_properties("vanthu:delimiters", "[[")}});
  auto issues = issues_of(bad);
  ASSERT_EQ(codes(issues), std::vector<std::string>{"delimiters"});
  EXPECT_EQ(issues[0].part, "docProps/custom.xml");
}

}  // namespace
}  // namespace vanthu::test
