//! JSON Schema validation with Vietnamese messages, and schema checking for plugin authors.
#include "vanthu/schema.hpp"

#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "vanthu/text.hpp"

namespace vanthu {
namespace {

using nlohmann::json;

//! A report type's input schema, in the shape plugins declare.
const json kSchema = json::parse(R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Báo cáo tuần",
  "type": "object",
  "additionalProperties": false,
  "required": ["number", "period", "agency"],
  "properties": {
    "number": {"title": "Số văn bản", "type": "integer", "minimum": 1},
    "draft_number": {"type": ["integer", "null"]},
    "period": {
      "title": "Kỳ báo cáo", "type": "object", "required": ["from", "to"],
      "properties": {
        "from": {"title": "Ngày bắt đầu kỳ báo cáo", "type": "string", "format": "date"},
        "to": {"$ref": "#/$defs/end_date"}
      }
    },
    "agency": {"type": "string", "minLength": 1, "maxLength": 20},
    "kind": {"title": "Loại kỳ", "enum": ["tuần", "tháng", "quý"]},
    "version": {"const": 1},
    "symbol": {"title": "Ký hiệu", "type": "string", "pattern": "^[A-ZĐ]+-[A-ZĐ]+$"},
    "recipients": {"title": "Nơi nhận", "type": "array", "minItems": 1, "maxItems": 3,
                   "items": {"title": "Tên nơi nhận", "type": "string", "minLength": 2}},
    "rate": {"title": "Tỷ lệ", "type": "number", "exclusiveMinimum": 0, "maximum": 100},
    "budget": {"title": "Kinh phí", "type": "integer", "maximum": 17467000000, "exclusiveMaximum": 20000000000},
    "signed_at": {"title": "Thời điểm ký", "type": "string", "format": "date-time"},
    "extra": {"type": "object", "additionalProperties": {"type": "integer"}}
  },
  "$defs": {
    "end_date": {"title": "Ngày kết thúc kỳ báo cáo", "type": "string", "format": "date"}
  }
})");

json valid_instance() {
  return json::parse(R"({
    "number": 1, "draft_number": null, "period": {"from": "2026-02-05", "to": "2026-02-11"}, "agency": "Ban Chỉ đạo",
    "kind": "tuần", "version": 1, "symbol": "BC-BCĐ", "recipients": ["Như trên", "Lưu: VT"], "rate": 94.4,
    "budget": 17467000000, "signed_at": "2026-02-11T16:30:00+07:00", "extra": {"a": 1}
  })");
}

//! The problems for `instance` after changing one value.
Problems validate_with(const std::string& pointer, const json& value) {
  json instance = valid_instance();
  instance[json::json_pointer(pointer)] = value;
  return validate(kSchema, instance);
}

TEST(Validate, ValidInstanceHasNoProblems) {
  EXPECT_TRUE(check_schema(kSchema).empty());
  EXPECT_TRUE(validate(kSchema, valid_instance()).empty());
}

TEST(Validate, MissingRequiredIsReportedWhereItShouldBe) {
  json instance = valid_instance();
  instance["period"].erase("from");
  EXPECT_EQ(validate(kSchema, instance),
            (Problems{{"/period/from", "required", "Thiếu “Ngày bắt đầu kỳ báo cáo” (period.from)."}}));
}

TEST(Validate, RequiredUsesTitleThroughRefAndFallsBackToTheName) {
  json instance = valid_instance();
  instance["period"].erase("to");
  instance.erase("agency");
  EXPECT_EQ(validate(kSchema, instance),
            (Problems{{"/agency", "required", "Thiếu trường “agency”."},
                      {"/period/to", "required", "Thiếu “Ngày kết thúc kỳ báo cáo” (period.to)."}}));
}

TEST(Validate, TypeMessagesNameTheFieldByTitle) {
  EXPECT_EQ(validate_with("/number", "01"), (Problems{{"/number", "type", "“Số văn bản” phải là số nguyên."}}));
  EXPECT_EQ(validate_with("/number", 1.5), (Problems{{"/number", "type", "“Số văn bản” phải là số nguyên."}}));
  EXPECT_EQ(validate_with("/agency", 5),
            (Problems{{"/agency", "type", "Trường “agency” phải là văn bản (chuỗi ký tự)."}}));
  EXPECT_EQ(validate_with("/draft_number", "x"),
            (Problems{{"/draft_number", "type", "Trường “draft_number” phải là số nguyên hoặc để trống (null)."}}));
  EXPECT_EQ(validate(kSchema, json::array()),
            (Problems{{"", "type", "“Báo cáo tuần” phải là một nhóm trường (đối tượng JSON)."}}));
  EXPECT_EQ(validate(json{{"type", "object"}}, 3), (Problems{{"", "type", "Dữ liệu phải là một nhóm trường (đối tượng JSON)."}}));
}

TEST(Validate, IntegerAcceptsWholeNumbersWrittenWithAPoint) {
  EXPECT_TRUE(validate_with("/number", 3.0).empty());
  EXPECT_TRUE(validate(json{{"type", "integer"}}, -7).empty());
  EXPECT_FALSE(validate(json{{"type", "integer"}}, true).empty());
  EXPECT_TRUE(validate(json{{"type", "number"}}, 7).empty());
}

TEST(Validate, WrongTypeStopsFurtherChecksOfThatValue) {
  // A number for "symbol" is one mistake, not also a pattern and length mistake.
  EXPECT_EQ(validate_with("/symbol", 12).size(), 1u);
  EXPECT_EQ(validate_with("/period/to", 12),
            (Problems{{"/period/to", "type", "“Ngày kết thúc kỳ báo cáo” phải là văn bản (chuỗi ký tự)."}}));
}

TEST(Validate, ThreeHundredProblemsKeepAHundredAndCountTheRest) {
  json instance = valid_instance();
  for (int i = 0; i < 300; ++i) instance["x" + std::to_string(1000 + i)] = 1;
  const Problems problems = validate(kSchema, instance);
  ASSERT_EQ(problems.size(), kMaxProblems + 1);
  EXPECT_EQ(problems[0], (Problem{"/x1000", "additional_property", "Trường “x1000” không có trong mẫu báo cáo này."}));
  EXPECT_EQ(problems[99].path, "/x1099");
  EXPECT_EQ(problems.back().code, "too_many_problems");
  EXPECT_EQ(problems.back().omitted, 200u);
  EXPECT_EQ(total_count(problems), 300u);
  const json body = errors_body(problems);
  EXPECT_EQ(body["errors"].size(), 101u);
  EXPECT_EQ(body["errors_total"], 300);
  EXPECT_EQ(body["errors_omitted"], 200);
}

TEST(Validate, AHundredProblemsAreAllKept) {
  json instance = valid_instance();
  for (int i = 0; i < 100; ++i) instance["x" + std::to_string(1000 + i)] = 1;
  const Problems problems = validate(kSchema, instance);
  EXPECT_EQ(problems.size(), 100u);
  EXPECT_NE(problems.back().code, "too_many_problems");
}

TEST(Validate, ThreeHundredThousandUnknownKeysAreCountedNotKept) {
  json instance = valid_instance();
  for (int i = 0; i < 300'000; ++i) instance["k" + std::to_string(i)] = i;
  const Problems problems = validate(kSchema, instance);
  EXPECT_EQ(problems.size(), kMaxProblems + 1);
  EXPECT_EQ(total_count(problems), 300'000u);
  EXPECT_LT(errors_body(problems).dump().size(), 20'000u);  // was 37 MB
}

TEST(Validate, AdditionalPropertyFalse) {
  json instance = valid_instance();
  instance["x"] = 1;
  EXPECT_EQ(validate(kSchema, instance),
            (Problems{{"/x", "additional_property", "Trường “x” không có trong mẫu báo cáo này."}}));
}

TEST(Validate, AdditionalPropertiesAsSchema) {
  EXPECT_EQ(validate_with("/extra/b", "hai"),
            (Problems{{"/extra/b", "type", "Trường “extra.b” phải là số nguyên."}}));
}

TEST(Validate, DateFormat) {
  EXPECT_EQ(validate_with("/period/from", "2026-02-30"),
            (Problems{{"/period/from", "invalid_date", "“Ngày bắt đầu kỳ báo cáo” không phải ngày có thật (2026-02-30)."}}));
  EXPECT_EQ(validate_with("/period/to", "11/02/2026"),
            (Problems{{"/period/to", "invalid_date",
                       "“Ngày kết thúc kỳ báo cáo” phải là ngày dạng YYYY-MM-DD (ví dụ 2026-02-05)."}}));
  EXPECT_EQ(validate_with("/period/from", "1899-12-31").at(0).code, "invalid_date");
  EXPECT_TRUE(validate_with("/period/from", "2024-02-29").empty());
  // Format only constrains strings.
  EXPECT_TRUE(validate(json{{"format", "date"}}, 20260205).empty());
}

TEST(Validate, DateTimeFormat) {
  for (const char* good : {"2026-02-11T16:30:00+07:00", "2026-02-11T09:30:00Z", "2026-02-11t09:30:00.125z",
                           "2026-02-11T23:59:60-05:30"}) {
    EXPECT_TRUE(validate_with("/signed_at", good).empty()) << good;
  }
  for (const char* bad : {"2026-02-11", "2026-02-11 16:30:00+07:00", "2026-02-30T16:30:00Z", "2026-02-11T24:00:00Z",
                          "2026-02-11T16:30:00", "2026-02-11T16:30Z", "2026-02-11T16:30:00+7:00", "2026-02-11T16:30:00.Z"}) {
    const Problems problems = validate_with("/signed_at", bad);
    ASSERT_EQ(problems.size(), 1u) << bad;
    EXPECT_EQ(problems[0].code, "invalid_date_time") << bad;
  }
}

TEST(Validate, LengthsCountCodePoints) {
  const json schema = {{"type", "string"}, {"minLength", 3}, {"maxLength", 4}};
  EXPECT_EQ(validate(schema, "Đà").at(0).code, "min_length");  // 2 characters, 4 bytes
  EXPECT_TRUE(validate(schema, "Đà N").empty());
  EXPECT_TRUE(validate(schema, "Hồng").empty());  // 4 characters, 6 bytes
  EXPECT_EQ(validate(schema, "Hải An").at(0),
            (Problem{"", "max_length", "Dữ liệu dài tối đa 4 ký tự (hiện có 6)."}));
  EXPECT_EQ(validate_with("/agency", ""), (Problems{{"/agency", "min_length", "Trường “agency” không được để trống."}}));
}

TEST(Validate, LengthsOfLongStringsCountCodePoints) {
  // Characters of 1 to 4 bytes, so that they straddle every byte offset of a longer string.
  const std::vector<std::string> characters = {"ệ", "a", "𝔸", "đ", " "};
  std::string text;
  for (std::size_t length = 1; length <= 40; ++length) {
    text += characters[length % characters.size()];
    EXPECT_TRUE(validate(json{{"maxLength", length}, {"minLength", length}}, text).empty()) << length;
    EXPECT_EQ(validate(json{{"maxLength", length - 1}}, text),
              (Problems{{"", "max_length",
                         "Dữ liệu dài tối đa " + std::to_string(length - 1) + " ký tự (hiện có " + std::to_string(length) + ")."}}));
  }
}

TEST(Validate, PatternMatchesCharactersNotBytes) {
  EXPECT_TRUE(validate_with("/symbol", "BC-BCĐ").empty());
  EXPECT_EQ(validate_with("/symbol", "BC BCĐ"),
            (Problems{{"/symbol", "pattern", "“Ký hiệu” không đúng định dạng yêu cầu."}}));
  // Unanchored patterns search, as JSON Schema says.
  EXPECT_TRUE(validate(json{{"pattern", "[À-ỹ]"}}, "Phường Hải An").empty());
  EXPECT_FALSE(validate(json{{"pattern", "[À-ỹ]"}}, "Phuong Hai An").empty());
  EXPECT_TRUE(validate(json{{"pattern", "^.{3}$"}}, "Đạt").empty());
}

TEST(Validate, PatternOnVeryLongStringsDoesNotOverflowTheStack) {
  // std::regex recurses per character and crashed here with 100 000 characters.
  const json schema = {{"type", "string"}, {"pattern", "^[A-ZĐ]+$"}};
  EXPECT_TRUE(validate(schema, std::string(1'000'000, 'A')).empty());
  EXPECT_EQ(validate(schema, std::string(1'000'000, 'A') + "a").at(0).code, "pattern");
}

TEST(Validate, CatastrophicBacktrackingIsCutShortAndRejected) {
  const json schema = {{"type", "string"}, {"pattern", "^(A+)+B"}};
  // Backtracking would take 2^5000 steps: a hang, which ctest's TIMEOUT turns into a failure.
  EXPECT_EQ(validate(schema, std::string(5000, 'A')).at(0).code, "pattern");
}

TEST(Validate, EnumAndConst) {
  EXPECT_EQ(validate_with("/kind", "năm"),
            (Problems{{"/kind", "enum", "“Loại kỳ” phải là một trong các giá trị: “tuần”, “tháng”, “quý”."}}));
  EXPECT_EQ(validate_with("/version", 2), (Problems{{"/version", "const", "Trường “version” phải có giá trị 1."}}));
  EXPECT_TRUE(validate_with("/version", 1.0).empty());  // the same number
}

TEST(Validate, NumericBounds) {
  EXPECT_EQ(validate_with("/number", 0), (Problems{{"/number", "minimum", "“Số văn bản” phải lớn hơn hoặc bằng 1."}}));
  EXPECT_EQ(validate_with("/rate", 0), (Problems{{"/rate", "minimum", "“Tỷ lệ” phải lớn hơn 0."}}));
  EXPECT_EQ(validate_with("/rate", 100.5), (Problems{{"/rate", "maximum", "“Tỷ lệ” phải nhỏ hơn hoặc bằng 100."}}));
  EXPECT_TRUE(validate_with("/rate", 100).empty());
  EXPECT_EQ(validate_with("/budget", 17467000001),
            (Problems{{"/budget", "maximum", "“Kinh phí” phải nhỏ hơn hoặc bằng 17.467.000.000."}}));
  EXPECT_EQ(validate_with("/budget", 20000000000).size(), 2u);  // maximum and exclusiveMaximum
  EXPECT_EQ(validate(json{{"maximum", 0.5}}, 0.75).at(0).message, "Dữ liệu phải nhỏ hơn hoặc bằng 0,5.");
}

TEST(Validate, LargeIntegersCompareExactly) {
  const json schema = {{"maximum", 9007199254740992}};  // 2^53: the next integer is not a double
  EXPECT_TRUE(validate(schema, 9007199254740992).empty());
  EXPECT_EQ(validate(schema, 9007199254740993).size(), 1u);
  EXPECT_EQ(validate(json{{"minimum", 0}}, 18446744073709551615ull).size(), 0u);
}

TEST(Validate, ArraysAndItems) {
  EXPECT_EQ(validate_with("/recipients", json::array()),
            (Problems{{"/recipients", "min_items", "“Nơi nhận” phải có ít nhất 1 mục (đang để trống)."}}));
  EXPECT_EQ(validate_with("/recipients", json{"a1", "b2", "c3", "d4"}),
            (Problems{{"/recipients", "max_items", "“Nơi nhận” có tối đa 3 mục (hiện có 4)."}}));
  EXPECT_EQ(validate_with("/recipients", json{"Như trên", 5, "x"}),
            (Problems{{"/recipients/1", "type", "“Tên nơi nhận” phải là văn bản (chuỗi ký tự)."},
                      {"/recipients/2", "min_length", "“Tên nơi nhận” phải có ít nhất 2 ký tự (hiện có 1)."}}));
}

TEST(Validate, UntitledArrayElementsAreNamedByIndex) {
  const json schema = {{"type", "object"},
                       {"properties", {{"items", {{"type", "array"}, {"items", {{"type", "object"}, {"required", {"name"}}}}}}}}};
  EXPECT_EQ(validate(schema, json{{"items", json::array({json::object(), json::object()})}}),
            (Problems{{"/items/0/name", "required", "Thiếu trường “items[0].name”."},
                      {"/items/1/name", "required", "Thiếu trường “items[1].name”."}}));
}

TEST(Validate, AllViolationsAtOnceInDocumentOrder) {
  json instance = valid_instance();
  instance.erase("agency");
  instance["number"] = "một";
  instance["period"]["from"] = "2026-02-30";
  instance["period"].erase("to");
  instance["recipients"] = json{"a"};
  instance["zz"] = true;
  const Problems problems = validate(kSchema, instance);
  std::vector<std::string> seen;
  for (const Problem& problem : problems) seen.push_back(problem.path + " " + problem.code);
  EXPECT_EQ(seen, (std::vector<std::string>{"/agency required", "/number type", "/period/from invalid_date",
                                            "/period/to required", "/recipients/0 min_length",
                                            "/zz additional_property"}));
  for (const Problem& problem : problems) EXPECT_TRUE(text::is_nfc(problem.message)) << problem.message;
}

TEST(Validate, BooleanSchemas) {
  EXPECT_TRUE(validate(true, json{{"a", 1}}).empty());
  const json schema = {{"properties", {{"legacy", false}}}};
  EXPECT_EQ(validate(schema, json{{"legacy", 1}}).at(0).code, "additional_property");
  EXPECT_TRUE(validate(schema, json{{"other", 1}}).empty());
}

TEST(Validate, UnknownKeywordsAreIgnored) {
  EXPECT_TRUE(validate(json{{"type", "string"}, {"x-ui", "textarea"}}, "a").empty());
}

TEST(Validate, UnusableSchemaThrows) {
  EXPECT_THROW(validate(json{{"$ref", "#/$defs/missing"}}, 1), std::invalid_argument);
  EXPECT_THROW(validate(json{{"pattern", "(["}}, "a"), std::invalid_argument);
  const json cycle = {{"$defs", {{"a", {{"$ref", "#/$defs/a"}}}}}, {"$ref", "#/$defs/a"}};
  EXPECT_THROW(validate(cycle, 1), std::invalid_argument);
}

TEST(Validate, RecursiveRefFollowsTheInstance) {
  const json schema = json::parse(R"({
    "$ref": "#/$defs/section",
    "$defs": {"section": {"type": "object", "required": ["title"],
                          "properties": {"title": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#/$defs/section"}}}}}
  })");
  EXPECT_TRUE(check_schema(schema).empty());
  const json instance = json::parse(R"({"title": "I", "children": [{"title": "1"}, {"children": []}]})");
  EXPECT_EQ(validate(schema, instance), (Problems{{"/children/1/title", "required", "Thiếu trường “children[1].title”."}}));
}

TEST(Validate, PatternsAndFormatsFromSeveralThreadsAtOnce) {
  // Compiled patterns (and anything else kept between calls) are shared or per thread; each
  // thread must see exactly what a lone call sees. Some schemas are built and destroyed inside
  // the loop with a pattern of their own, so nothing may be keyed by a schema's address.
  json bad = valid_instance();
  bad["symbol"] = "BC BCĐ";
  bad["period"]["from"] = "2026-02-30";
  bad["signed_at"] = "2026-02-11 16:30";
  bad["recipients"] = json{"Như trên", "x"};
  const Problems expected_bad = validate(kSchema, bad);
  ASSERT_EQ(expected_bad.size(), 4u);
  const Problems expected_good = validate(kSchema, valid_instance());
  ASSERT_TRUE(expected_good.empty());

  constexpr int kThreads = 4;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 150; ++i) {
        if (validate(kSchema, i % 2 == 0 ? bad : valid_instance()) != (i % 2 == 0 ? expected_bad : expected_good))
          ++failures[t];
        json own = {{"type", "string"}, {"pattern", "^T" + std::to_string(t) + "-" + std::to_string(i % 7) + "$"}};
        const std::string good_value = "T" + std::to_string(t) + "-" + std::to_string(i % 7);
        if (!validate(own, good_value).empty()) ++failures[t];
        if (validate(own, good_value + "x") != Problems{{"", "pattern", "Dữ liệu không đúng định dạng yêu cầu."}})
          ++failures[t];
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

TEST(CheckSchema, ReportsWhatValidateWouldNotUnderstand) {
  const json schema = json::parse(R"({
    "type": "object",
    "properties": {
      "from": {"type": "string", "fromat": "date"},
      "count": {"type": "int", "minimum": "1"},
      "code": {"type": "string", "pattern": "(["},
      "mail": {"type": "string", "format": "email"},
      "to": {"$ref": "#/definitions/date"},
      "name": {"type": "string", "minLength": -1, "maxLength": 2.5},
      "list": {"type": "array", "items": [{"type": "string"}]},
      "kind": {"enum": []}
    },
    "required": ["from", "from"],
    "additionalProperties": "no"
  })");
  std::vector<std::string> seen;
  for (const Problem& problem : check_schema(schema)) seen.push_back(problem.path + " " + problem.code);
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "/additionalProperties invalid_keyword_value",
                      "/properties/code/pattern invalid_pattern",
                      "/properties/count/minimum invalid_keyword_value",
                      "/properties/count/type invalid_keyword_value",
                      "/properties/from/fromat unknown_keyword",
                      "/properties/kind/enum invalid_keyword_value",
                      "/properties/list/items invalid_keyword_value",
                      "/properties/mail/format unknown_format",
                      "/properties/name/maxLength invalid_keyword_value",
                      "/properties/name/minLength invalid_keyword_value",
                      "/properties/to/$ref unresolved_ref",
                      "/required invalid_keyword_value",
                  }));
}

TEST(CheckSchema, RefCycleIsReported) {
  const json cycle = {{"$defs", {{"a", {{"$ref", "#/$defs/b"}}}, {"b", {{"$ref", "#/$defs/a"}}}}},
                      {"properties", {{"x", {{"$ref", "#/$defs/a"}}}}}};
  const Problems problems = check_schema(cycle);
  ASSERT_EQ(problems.size(), 3u);
  for (const Problem& problem : problems) EXPECT_EQ(problem.code, "unresolved_ref");
  EXPECT_EQ(problems[2].path, "/properties/x/$ref");
  EXPECT_THROW(validate(cycle, json{{"x", 1}}), std::invalid_argument);
}

TEST(CheckSchema, MessagesAreVietnamese) {
  const Problems problems = check_schema(json{{"fromat", "date"}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "Từ khóa “fromat” không được hỗ trợ nên sẽ bị bỏ qua; hãy kiểm tra lỗi chính tả.");
}

TEST(CheckSchema, AcceptsAnnotationsAndBooleanSchemas) {
  EXPECT_TRUE(check_schema(true).empty());
  EXPECT_TRUE(check_schema(json::parse(R"({"$id": "x", "$comment": "c", "description": "d", "default": 1,
                                          "examples": [1], "deprecated": false, "items": false})"))
                  .empty());
  EXPECT_EQ(check_schema(json(3)).at(0).code, "invalid_schema");
  EXPECT_EQ(check_schema(json{{"type", json::array({"string", "string"})}}).at(0).code, "invalid_keyword_value");
}

}  // namespace
}  // namespace vanthu
