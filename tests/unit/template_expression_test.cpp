//! Conditions written as expressions ({#so_luong > 0}, {^trang_thai == "xong"}, and/or/not):
//! reading, every operator over many values, scopes in loops, closing tags, Word's curly quotes,
//! the limits, the errors a clerk gets, and what `check` lists.
#include <gtest/gtest.h>

#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;

//! `text` escaped for a w:t (the way Word stores "<", ">" and "&").
std::string escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '&') out += "&amp;";
    else out += c;
  }
  return out;
}

//! A paragraph holding `text` as typed.
std::string typed(std::string_view text) { return para(escaped(text)); }

//! "x" when {#condition} holds for `data`, else "y" (from the inverted section), checking both.
std::string holds(std::string_view condition, const json& data) {
  const std::string c(condition);
  return render_text(typed("[{#" + c + "}x{/}|{^" + c + "}y{/}]"), data);
}

TEST(TemplateExpression, ComparesNumbers) {
  const json data = {{"so_luong", 5}, {"khong", 0}, {"am", -2.5}, {"lon", 1e15}};
  EXPECT_EQ(holds("so_luong > 0", data), "[x|]\n");
  EXPECT_EQ(holds("khong > 0", data), "[|y]\n");
  EXPECT_EQ(holds("so_luong >= 5", data), "[x|]\n");
  EXPECT_EQ(holds("so_luong < 5", data), "[|y]\n");
  EXPECT_EQ(holds("so_luong <= 5", data), "[x|]\n");
  EXPECT_EQ(holds("so_luong == 5", data), "[x|]\n");
  EXPECT_EQ(holds("so_luong != 5", data), "[|y]\n");
  EXPECT_EQ(holds("am < -2", data), "[x|]\n");
  EXPECT_EQ(holds("am == -2.5", data), "[x|]\n");
  EXPECT_EQ(holds("lon > 999999999999999", data), "[x|]\n");
  EXPECT_EQ(holds("so_luong > khong", data), "[x|]\n") << "two fields";
  EXPECT_EQ(holds("so_luong≥5", data), "[x|]\n") << "≥ as Word's symbol, no blanks";
  EXPECT_EQ(holds("so_luong ≤ 4", data), "[|y]\n");
  EXPECT_EQ(holds("so_luong ≠ 4", data), "[x|]\n");
}

TEST(TemplateExpression, ComparesTextsAndCoercesOnlyNumbers) {
  const json data = {{"trang_thai", "xong"}, {"so", "5"}, {"rong", ""}, {"viet", "Hải An"}};
  EXPECT_EQ(holds("trang_thai == \"xong\"", data), "[x|]\n");
  EXPECT_EQ(holds("trang_thai == 'xong'", data), "[x|]\n");
  EXPECT_EQ(holds("trang_thai == “xong”", data), "[x|]\n") << "Word's curly quotes";
  EXPECT_EQ(holds("trang_thai == ‘xong’", data), "[x|]\n");
  EXPECT_EQ(holds("trang_thai != \"xong\"", data), "[|y]\n");
  EXPECT_EQ(holds("trang_thai == \"Xong\"", data), "[|y]\n") << "case matters";
  EXPECT_EQ(holds("viet == \"Hải An\"", data), "[x|]\n") << "Vietnamese text, a blank inside";
  EXPECT_EQ(holds("so == 5", data), "[x|]\n") << "a text that is a number equals the number";
  EXPECT_EQ(holds("so === 5", data), "[|y]\n") << "=== does not convert";
  EXPECT_EQ(holds("so !== 5", data), "[x|]\n");
  EXPECT_EQ(holds("so > 4", data), "[x|]\n");
  EXPECT_EQ(holds("trang_thai > 4", data), "[|y]\n") << "a text that is no number has no order against one";
  EXPECT_EQ(holds("trang_thai < 4", data), "[|y]\n");
  EXPECT_EQ(holds("b > \"a\"", {{"b", "b"}}), "[x|]\n") << "texts in code-point order";
  EXPECT_EQ(holds("b > \"ă\"", {{"b", "b"}}), "[|y]\n") << "code points: ă (U+0103) is after b";
  EXPECT_EQ(holds("rong == \"\"", data), "[x|]\n");
  EXPECT_EQ(holds("q == \"say \\\"hi\\\"\"", {{"q", "say \"hi\""}}), "[x|]\n") << "escaped quotes read";
  EXPECT_EQ(holds("a < \"9\"", {{"a", "10"}}), "[x|]\n") << "two texts by their bytes, even when they are numbers";
  EXPECT_EQ(holds("a >= b and a <= b", {{"a", "5"}, {"b", "5.0"}}), "[|y]\n");
  EXPECT_EQ(holds("a > 9", {{"a", "10"}}), "[x|]\n") << "a text against a number: by value";
  EXPECT_EQ(holds("a == 1e3", {{"a", 1000}}), "[x|]\n") << "an exponent";
}

TEST(TemplateExpression, NullMissingAndBooleans) {
  const json data = {{"null", nullptr}, {"co", true}, {"khong", false}, {"so", 0}};
  EXPECT_EQ(holds("thieu == null", data), "[x|]\n") << "a missing field is null";
  EXPECT_EQ(holds("null == thieu", data), "[x|]\n");
  EXPECT_EQ(holds("so == null", data), "[|y]\n") << "0 is not null";
  EXPECT_EQ(holds("thieu > 0", data), "[|y]\n");
  EXPECT_EQ(holds("thieu < 0", data), "[|y]\n");
  EXPECT_EQ(holds("co == true", data), "[x|]\n");
  EXPECT_EQ(holds("khong == false", data), "[x|]\n");
  EXPECT_EQ(holds("co == 1", data), "[|y]\n") << "a boolean is not a number";
  EXPECT_EQ(holds("n === null", {{"n", nullptr}}), "[x|]\n") << "null is null, strictly";
  EXPECT_EQ(holds("thieu === null", data), "[x|]\n") << "missing is null, strictly too";
  EXPECT_EQ(holds("so === null", data), "[|y]\n");
}

TEST(TemplateExpression, AndOrNotWithPrecedence) {
  const json data = {{"a", true}, {"b", false}, {"c", 3}};
  EXPECT_EQ(holds("a and b", data), "[|y]\n");
  EXPECT_EQ(holds("a && b", data), "[|y]\n");
  EXPECT_EQ(holds("a or b", data), "[x|]\n");
  EXPECT_EQ(holds("a || b", data), "[x|]\n") << "|| is an or, not a filter";
  EXPECT_EQ(holds("not b", data), "[x|]\n");
  EXPECT_EQ(holds("!b", data), "[x|]\n");
  EXPECT_EQ(holds("not not a", data), "[x|]\n");
  EXPECT_EQ(holds("b or a and b", data), "[|y]\n") << "and binds tighter than or";
  EXPECT_EQ(holds("(b or a) and c > 2", data), "[x|]\n");
  EXPECT_EQ(holds("not c == 3", data), "[|y]\n") << "not (c == 3)";
  EXPECT_EQ(holds("a and (b or (c >= 3 and not b))", data), "[x|]\n");
  EXPECT_EQ(holds("thieu or b", data), "[|y]\n") << "a missing field is false";
  EXPECT_EQ(holds("not thieu", data), "[x|]\n");
  EXPECT_EQ(holds("a\u00A0and\u00A0c\u00A0>\u00A02", data), "[x|]\n") << "no-break spaces between the words";
}

TEST(TemplateExpression, LengthOfListsAndTexts) {
  const json data = {{"ds", {1, 2, 3}}, {"rong", json::array()}, {"ten", "Hải"}, {"obj", {{"length", 7}}}};
  EXPECT_EQ(holds("ds.length > 2", data), "[x|]\n");
  EXPECT_EQ(holds("ds.length == 3", data), "[x|]\n");
  EXPECT_EQ(holds("rong.length > 0", data), "[|y]\n");
  EXPECT_EQ(holds("ten.length == 3", data), "[x|]\n") << "characters, not bytes";
  EXPECT_EQ(holds("obj.length == 7", data), "[x|]\n") << "an object's own field named length";
  EXPECT_EQ(holds("thieu.length > 0", data), "[|y]\n");
  EXPECT_EQ(render_text(typed("{#ds.length}x{/ds.length}|{^ds.length}y{/ds.length}|{#rong.length}z{/rong.length}"), data),
            "x||\n")
      << "{#ds.length} alone is a condition, not a field named length";
}

TEST(TemplateExpression, ResolvesInTheLoopItemFirstAndKeepsTheScope) {
  const json data = {{"nguong", 10},
                     {"ds", {{{"ten", "An"}, {"diem", 12}}, {{"ten", "Bình"}, {"diem", 8}}, {{"ten", "Chi"}, {"diem", 10}, {"nguong", 11}}}}};
  EXPECT_EQ(render_text(typed("{#ds}{#diem >= nguong}{ten};{/}{/ds}"), data), "An;\n")
      << "diem from the item, nguong from the item or outside; the body sees the item's ten";
  EXPECT_EQ(render_text(typed("{#ds}{^diem >= nguong}{ten};{/diem >= nguong}{/ds}"), data), "Bình;Chi;\n")
      << "closed by its own text";
}

TEST(TemplateExpression, TheCurrentItemAndListsByIdentity) {
  const json data = {{"ds", {"a", "b"}}, {"ds2", {"a", "b"}}};
  EXPECT_EQ(render_text(typed("{#ds}{#. == \"b\"}{.}{/}{/ds}"), data), "b\n") << "{.} in a condition";
  EXPECT_EQ(holds("ds == ds", data), "[x|]\n") << "a list equals itself";
  EXPECT_EQ(holds("ds == ds2", data), "[|y]\n") << "and no other list, as JavaScript compares them";
}

TEST(TemplateExpression, ComparingLongTextsCostsSteps) {
  json data = {{"t", std::string(1 << 20, 'a')}, {"ds", json::array()}};
  for (int i = 0; i < 1000; ++i) data["ds"].push_back(i);
  auto tpl = Template::parse(make_docx(typed("{#ds}{#t == t}x{/}{/ds}")));
  RenderOptions options;
  options.max_steps = 100'000;
  EXPECT_THROW(render(*tpl, data, options), RenderLimitError) << "1,000 comparisons of 1 MiB texts";
  options.max_steps = 50'000'000;
  EXPECT_NO_THROW(render(*tpl, data, options));
}

TEST(TemplateExpression, NormalisesTheTemplatesTexts) {
  // "Đã duyệt" typed decomposed (NFD, as some Vietnamese keyboards write): the data is NFC.
  EXPECT_EQ(holds("s == \"\u0110a\u0303 duye\u0323\u0302t\"", {{"s", "Đã duyệt"}}), "[x|]\n");
}

TEST(TemplateExpression, ClosingTagsMatchTheCanonicalText) {
  const json data = {{"a", 2}};
  EXPECT_EQ(render_text(typed("{#a>1}x{/a > 1}"), data), "x\n") << "blanks do not matter";
  EXPECT_EQ(render_text(typed("{#a == “2”}x{/a == \"2\"}"), data), "x\n") << "nor the kind of quotes";
  std::vector<TemplateIssue> issues = issues_of(make_docx(typed("{#a > 1}x{/a > 2}")));
  ASSERT_FALSE(issues.empty());
  EXPECT_EQ(issues.front().code, "mismatched_section") << "another condition does not close it";
}

TEST(TemplateExpression, WholeParagraphTargets) {
  const std::string body = typed("{-w:p so_luong > 0}Có {so_luong} hồ sơ.{/}") + para("Hết.") +
                           table({row({"Tên"}), row({"{-w:tbl ds.length > 0}{ten}{/}"})});
  const std::string docx = make_docx(body);
  EXPECT_EQ(docx_text(render_document(docx, {{"so_luong", 2}, {"ds", {1}}, {"ten", "A"}})), "Có 2 hồ sơ.\nHết.\nTên\nA\n");
  const std::string none = render_document(docx, {{"so_luong", 0}, {"ds", json::array()}});
  EXPECT_EQ(docx_text(none), "Hết.\n") << "the paragraph and the table go";
  EXPECT_TRUE(well_formed(none));
}

TEST(TemplateExpression, ParagraphAndRowConditions) {
  const std::string body = typed("{#so_luong > 0}") + para("Có {so_luong} hồ sơ.") + para("{/}") +
                           table({row({"{-w:tr trang_thai == \"xong\"}{ten}{/}"})});
  const std::string docx = make_docx(body);
  const std::string done = render_document(docx, {{"so_luong", 2}, {"trang_thai", "xong"}, {"ten", "Hồ sơ A"}});
  EXPECT_NE(done.find("Có 2 hồ sơ."), std::string::npos);
  EXPECT_NE(done.find("Hồ sơ A"), std::string::npos);
  EXPECT_TRUE(well_formed(done));
  const std::string none = render_document(docx, {{"so_luong", 0}, {"trang_thai", "đang làm"}, {"ten", "Hồ sơ A"}});
  EXPECT_EQ(none.find("hồ sơ."), std::string::npos) << "the paragraphs go";
  EXPECT_EQ(none.find("Hồ sơ A"), std::string::npos) << "the row goes";
  EXPECT_TRUE(well_formed(none));
}

//! The one issue a paragraph of `xml` (already escaped) gives.
TemplateIssue only_issue_xml(const std::string& xml) {
  std::vector<TemplateIssue> issues = issues_of(make_docx(para(xml)));
  EXPECT_EQ(issues.size(), 1u) << xml;
  return issues.empty() ? TemplateIssue{} : issues.front();
}

//! The one issue `tag` gives, as the engine reports it.
TemplateIssue only_issue(const std::string& tag) {
  std::vector<TemplateIssue> issues = issues_of(make_docx(typed(tag)));
  EXPECT_EQ(issues.size(), 1u) << tag;
  return issues.empty() ? TemplateIssue{} : issues.front();
}

TEST(TemplateExpression, MistakesAreNamedInVietnamese) {
  struct Case {
    std::string tag, code, says;
  };
  const std::vector<Case> cases = {
      {"{#a >}", "malformed_expression", "thiếu một giá trị"},
      {"{#a = 1}", "malformed_expression", "“==”"},
      {"{#a &amp; b}", "malformed_expression", "“&&”"},
      {"{#(a > 1}", "malformed_expression", "thiếu dấu “)”"},
      {"{#a > 1)}", "malformed_expression", "“)”"},
      {"{#a == \"xong}", "malformed_expression", "dấu nháy"},
      {"{#1 &lt; a &lt; 3}", "malformed_expression", "hai phép so sánh"},
      {"{#a == 1 b}", "malformed_expression", "thiếu phép so sánh"},
      {"{#(a b)}", "malformed_expression", "thiếu phép so sánh"},
      {"{#a &gt; -.5}", "malformed_expression", "số “-.5” viết sai"},
      {"{#a == 1.2.3}", "malformed_expression", "số “1.2.3” viết sai"},
      {"{#a == -b}", "malformed_expression", "dấu “-”"},
      {"{#“ds”}", "malformed_expression", "không đọc trường nào"},
      {"{#(ds)}", "malformed_expression", "dấu ngoặc quanh một tên trường"},
      {"{#a == “x|y”}", "", ""},
      {"{@a &gt; 0}", "expression_not_allowed", "{@…}"},
      {"{ten || hoa}", "expression_not_allowed", "một dấu “|”"},
      {"{#a b}", "malformed_tag", "tên trường"},
      {"{#Q&amp;A}", "malformed_tag", "tên trường"},
      {"{#khách’s}", "malformed_tag", "tên trường"},
      {"{#a > $}", "malformed_expression", "“$”"},
      {"{#a. > 1}", "malformed_expression", "“a.”"},
      {"{so_luong > 0}", "expression_not_allowed", "chỉ dùng được trong thẻ mở đoạn"},
  };
  for (const Case& c : cases) {
    if (c.code.empty()) {  // fine: a "|" inside Word's quotes is no filter
      EXPECT_TRUE(issues_of(make_docx(para(c.tag + "ok{/}"))).empty()) << c.tag;
      continue;
    }
    const TemplateIssue issue = only_issue_xml(c.tag);
    EXPECT_EQ(issue.code, c.code) << c.tag;
    EXPECT_NE(issue.message.find(c.says), std::string::npos) << c.tag << ": " << issue.message;
    EXPECT_EQ(issue.part, "word/document.xml") << c.tag;
  }
}

TEST(TemplateExpression, AnOpenerThatCannotBeReadIsReportedOnceNotAgainAtItsClosingTag) {
  auto codes_of = [](const std::string& body) {
    std::vector<std::string> out;
    for (const TemplateIssue& issue : issues_of(make_docx(body))) out.push_back(issue.code);
    return out;
  };
  using Codes = std::vector<std::string>;
  EXPECT_EQ(codes_of(para("{#a >}x{/}")), Codes{"malformed_expression"});
  EXPECT_EQ(codes_of(para("{#a b}x{/a}")), Codes{"malformed_tag"});
  EXPECT_EQ(codes_of(para("{#a >}") + para("x") + para("{/}")), Codes{"malformed_expression"}) << "across paragraphs";
  // Inside a good section: the good one still pairs with its own closing tag.
  EXPECT_EQ(codes_of(para("{#ds}{#a >}x{/}{/ds}")), Codes{"malformed_expression"});
  EXPECT_EQ(codes_of(para("{#ds}{#a >}x{/ds}")), Codes{"malformed_expression"}) << "closing ds ends the broken one";
  EXPECT_EQ(codes_of(para("{#ds}{#a >}x{/}")), Codes({"malformed_expression", "unclosed_section"})) << "ds is open";
  // And the closing tags that really have no opening one are still reported.
  EXPECT_EQ(codes_of(para("{#a >}x{/}{/}")), Codes({"malformed_expression", "unopened_section"}));
  EXPECT_EQ(codes_of(para("{/}{#a >}x")), Codes({"malformed_expression", "unopened_section"}));
  const std::vector<TemplateIssue> valid = issues_of(make_docx(para("{#ds}{#a > 1}x{/}{/ds}")));
  EXPECT_TRUE(valid.empty());

  // Closed with the same (unreadable) condition: each tag is its own issue, and the pair is closed.
  EXPECT_EQ(codes_of(para("{#x >}y{/x >}")), Codes({"malformed_expression", "malformed_expression"}));
  EXPECT_EQ(codes_of(para("{#x >}{/x >}{#b}{/b}{/}")), Codes({"malformed_expression", "malformed_expression", "unopened_section"}));
  // A refused {-w:…} opener counts as one too.
  EXPECT_EQ(codes_of(para("{-w:foo x}a{/x}")), Codes{"unknown_target"});
  EXPECT_EQ(codes_of(para("{-w:p}a{/}")), Codes{"malformed_tag"});
  // Placeholders are no nesting: 70 unclosed unreadable openers do not pass the depth limit.
  std::string many;
  for (int i = 0; i < 70; ++i) many += "{#x >}";
  EXPECT_EQ(codes_of(para(many + "{#a}{/a}")), Codes(70, "malformed_expression"));

  // The check's walk agrees: the {/} closing the unreadable opener does not close a.
  TemplateCheck check = check_template(make_docx(typed("{#a}{#b >}{/}{x}{/a}")));
  EXPECT_EQ(check.shape, json({{"a", json::array({{{"x", "text"}}})}})) << check.shape.dump();
  for (const TagInfo& tag : check.tags)
    if (tag.tag == "{x}") EXPECT_EQ(tag.depth, 1);
}

TEST(TemplateExpression, BoundedWhileReading) {
  std::string deep;
  for (int i = 0; i < 40; ++i) deep += "(";
  deep += "a";
  for (int i = 0; i < 40; ++i) deep += ")";
  TemplateIssue issue = only_issue("{#" + deep + "}");
  EXPECT_EQ(issue.code, "malformed_expression");
  EXPECT_NE(issue.message.find("lồng quá sâu"), std::string::npos) << issue.message;

  std::string nots;
  for (int i = 0; i < 40; ++i) nots += "not ";
  issue = only_issue("{#" + nots + "a}");
  EXPECT_NE(issue.message.find("lồng quá sâu"), std::string::npos) << issue.message;

  std::string wide = "a";
  for (int i = 0; i < 200; ++i) wide += " or a";
  issue = only_issue("{#" + wide + "}");
  EXPECT_NE(issue.message.find("quá dài"), std::string::npos) << issue.message;

  issue = only_issue("{#a == \"" + std::string(2000, 'x') + "\"}");
  EXPECT_NE(issue.message.find("quá dài"), std::string::npos) << issue.message;

  std::string within = "a";
  for (int i = 0; i < 16; ++i) within = "(" + within + ")";
  EXPECT_EQ(holds(within + " == 1", {{"a", 1}}), "[x|]\n") << "16 levels are fine";
  issue = only_issue("{#(" + within + " == 1)}");
  EXPECT_NE(issue.message.find("lồng quá sâu"), std::string::npos) << "17 are not: " << issue.message;

  std::string nodes = "a";  // 64 operands and 63 "or": 127 nodes, then one more comparison makes 129
  for (int i = 0; i < 63; ++i) nodes += " or a";
  EXPECT_EQ(holds(nodes, {{"a", true}}), "[x|]\n") << "127 nodes are fine";
  issue = only_issue("{#" + nodes + " or a == 1}");
  EXPECT_NE(issue.message.find("quá dài"), std::string::npos) << issue.message;
}

TEST(TemplateExpression, CheckListsTheFieldsItReads) {
  const std::string docx = make_docx(typed("{#ds}{#diem >= nguong and ten != \"\"}{ten}{/}{/ds}"));
  TemplateCheck check = check_template(docx);
  ASSERT_TRUE(check.issues.empty()) << check.issues.front().message;
  bool seen = false;
  for (const TagInfo& tag : check.tags) {
    if (!tag.expression) continue;
    seen = true;
    EXPECT_EQ(tag.kind, "section");
    EXPECT_EQ(tag.path, "diem >= nguong and ten != \"\"");
    EXPECT_EQ(tag.operands, (std::vector<std::string>{"diem", "nguong", "ten"}));
  }
  EXPECT_TRUE(seen);
  EXPECT_EQ(check.shape["ds"][0]["diem"], "condition") << check.shape.dump();
  EXPECT_EQ(check.shape["ds"][0]["ten"], "text") << "its value tag says text: " << check.shape.dump();
}

TEST(TemplateExpression, AValueTagPrintsALengthAsConditionsReadIt) {
  const json data = {{"ds", {"a", "b", "c"}}, {"ten", "Hải An"}, {"trong", json::array()},
                     {"nhom", {{{"ds", {1, 2}}}, {{"ds", json::array()}}}}, {"obj", {{"length", "dài"}}}, {"so", 7}};
  EXPECT_EQ(render_text(typed("{ds.length} mục, {trong.length}, {ten.length} ký tự"), data), "3 mục, 0, 6 ký tự\n");
  EXPECT_EQ(render_text(typed("{#nhom}[{ds.length}]{/nhom}"), data), "[2][0]\n") << "each item's own list";
  EXPECT_EQ(render_text(typed("{obj.length}"), data), "dài\n") << "a field named length is that field";
  EXPECT_EQ(render_text(typed("{ds.length | so}"), {{"ds", json::array({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})}}), "12\n");

  // A length of nothing, or of a number, is a missing value like any other.
  RenderResult missing = render(*Template::parse(make_docx(typed("{khong_co.length}{so.length}"))), data);
  EXPECT_EQ(missing.missing.size(), 2u);

  // The check reads ds as a list, and against a report type's example the length is there.
  TemplateCheck check = check_template(make_docx(typed("{ds.length}") + typed("{#ds}{.}{/ds}")));
  EXPECT_EQ(check.shape, json({{"ds", json::array({"text"})}})) << check.shape.dump();
  EXPECT_EQ(check_template(make_docx(typed("Tổng: {ds.length}"))).shape, json({{"ds", json::array()}}));
  CheckOptions against;
  against.model_data = &data;
  TemplateCheck model = check_template(make_docx(typed("{ds.length} {ten.length}")), {}, against);
  EXPECT_TRUE(model.issues.empty()) << model.issues[0].message;
}

TEST(TemplateExpression, AnExplicitLoopTargetOverALengthIsACondition) {
  // {-w:p ds.length} as {#ds.length}: the paragraph once when ds has items.
  EXPECT_EQ(render_text(typed("{-w:p ds.length}A{/}"), {{"ds", {1, 2}}}), "A\n");
  EXPECT_EQ(render_text(typed("{-w:p ds.length}A{/}") + typed("B"), {{"ds", json::array()}}), "B\n");
  TemplateCheck check = check_template(make_docx(typed("{-w:p ds.length}A{/}")));
  EXPECT_EQ(check.shape, json({{"ds", json::array()}})) << check.shape.dump();
}

TEST(TemplateExpression, PlainNamesAndFiltersAreUnchanged) {
  const json data = {{"ten", "an"}, {"ds", {"a", "b"}}};
  EXPECT_EQ(render_text(typed("{ten | hoa}|{#ds}{.}{/ds}"), data), "AN|ab\n");
  EXPECT_EQ(only_issue("{#ten | hoa}").code, "filter_not_allowed");
  EXPECT_EQ(only_issue("{#tên có dấu cách}").code, "malformed_tag") << "a name with blanks stays a malformed name";
  EXPECT_EQ(render_text(typed("{#so-luong}x{/so-luong}"), {{"so-luong", 1}}), "x\n") << "a name with '-'";
}

}  // namespace
}  // namespace vanthu::test
