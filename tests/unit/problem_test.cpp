//! Problems: JSON form, reading back from a plugin, JSON Pointer tokens.
#include "vanthu/problem.hpp"

#include <gtest/gtest.h>

namespace vanthu {
namespace {

using nlohmann::json;

TEST(PointerAppend, EscapesTildeBeforeSlash) {
  EXPECT_EQ(pointer_append("", "period"), "/period");
  EXPECT_EQ(pointer_append("/period", "from"), "/period/from");
  EXPECT_EQ(pointer_append("", "a/b"), "/a~1b");
  EXPECT_EQ(pointer_append("", "m~n"), "/m~0n");
  // "~1" typed literally must not be read back as "/": "~" is escaped first.
  EXPECT_EQ(pointer_append("", "~1"), "/~01");
  EXPECT_EQ(pointer_append("/x", ""), "/x/");
  EXPECT_EQ(pointer_append("", "Hòa"), "/Hòa");
}

TEST(PointerAppend, AppendsArrayIndex) {
  EXPECT_EQ(pointer_append("", std::size_t{0}), "/0");
  EXPECT_EQ(pointer_append("/items", std::size_t{12}), "/items/12");
}

TEST(PointerAppend, ResultResolvesWithNlohmannPointer) {
  const json document = {{"a/b", {{"m~n", 7}}}};
  const std::string pointer = pointer_append(pointer_append("", "a/b"), "m~n");
  EXPECT_EQ(document.at(json::json_pointer(pointer)), 7);
}

TEST(ProblemJson, HasPathCodeMessage) {
  const Problem problem{"/period/from", "required", "Thiếu “Ngày bắt đầu kỳ báo cáo” (period.from)."};
  EXPECT_EQ(to_json(problem),
            (json{{"path", "/period/from"}, {"code", "required"}, {"message", "Thiếu “Ngày bắt đầu kỳ báo cáo” (period.from)."}}));
}

TEST(ProblemJson, ErrorsBodyWrapsAllInOrder) {
  const Problems problems = {{"", "malformed_json", "a"}, {"/x", "type", "b"}};
  const json body = errors_body(problems);
  ASSERT_TRUE(body.contains("errors"));
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][0]["code"], "malformed_json");
  EXPECT_EQ(body["errors"][1]["path"], "/x");
  EXPECT_EQ(errors_body({}), (json{{"errors", json::array()}}));
}

TEST(ProblemJson, RoundTripsThroughProblemsFromJson) {
  const Problems problems = {{"", "malformed_json", "Dữ liệu JSON không hợp lệ"}, {"/a~1b/0", "type", "“Số” phải là số nguyên."}};
  EXPECT_EQ(problems_from_json(errors_body(problems)["errors"]), problems);
  EXPECT_TRUE(problems_from_json(json::array()).empty());
}

Problems numbered(std::size_t count) {
  Problems problems;
  for (std::size_t i = 0; i < count; ++i) problems.push_back({"/x/" + std::to_string(i), "type", "p" + std::to_string(i)});
  return problems;
}

TEST(ProblemCap, AddCappedKeepsAHundredAndCountsTheRest) {
  Problems problems;
  for (const Problem& problem : numbered(300)) add_capped(problems, problem);
  ASSERT_EQ(problems.size(), kMaxProblems + 1);
  EXPECT_EQ(problems[99].path, "/x/99");
  EXPECT_EQ(problems.back().code, "too_many_problems");
  EXPECT_EQ(problems.back().path, "");
  EXPECT_EQ(problems.back().omitted, 200u);
  EXPECT_EQ(problems.back().message, "Còn 200 lỗi khác không liệt kê; hãy sửa các lỗi trên rồi gửi lại.");
  EXPECT_EQ(total_count(problems), 300u);
}

TEST(ProblemCap, AHundredAreKeptWithoutASummary) {
  Problems problems;
  for (const Problem& problem : numbered(100)) add_capped(problems, problem);
  EXPECT_EQ(problems, numbered(100));
  add_capped(problems, Problem{"/y", "type", "one more"});
  ASSERT_EQ(problems.size(), 101u);
  EXPECT_EQ(problems.back().omitted, 1u);
  EXPECT_EQ(problems.back().message, "Còn 1 lỗi khác không liệt kê; hãy sửa các lỗi trên rồi gửi lại.");
}

TEST(ProblemCap, ASummaryAddedCountsAsManyAsItStandsFor) {
  Problems problems = numbered(3);
  Problem end{"", "too_many_problems", "", 5000};
  add_capped(problems, end);  // another capped list's end: counted, even below the cap
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems.back().omitted, 5000u);
  EXPECT_EQ(problems.back().message, "Còn 5.000 lỗi khác không liệt kê; hãy sửa các lỗi trên rồi gửi lại.");
  add_capped(problems, numbered(1)[0]);  // after the summary everything is counted
  EXPECT_EQ(problems.size(), 4u);
  EXPECT_EQ(total_count(problems), 5004u);
}

TEST(ProblemCap, ErrorsBodyListsAHundredThenTheCount) {
  for (const Problems& problems : {numbered(312), [] {
         Problems capped;
         for (const Problem& problem : numbered(312)) add_capped(capped, problem);
         return capped;
       }()}) {
    const json body = errors_body(problems);
    ASSERT_EQ(body["errors"].size(), 101u);
    EXPECT_EQ(body["errors"][99]["path"], "/x/99");
    EXPECT_EQ(body["errors"][100],
              (json{{"path", ""},
                    {"code", "too_many_problems"},
                    {"message", "Còn 212 lỗi khác không liệt kê; hãy sửa các lỗi trên rồi gửi lại."}}));
    EXPECT_EQ(body["errors_total"], 312);
    EXPECT_EQ(body["errors_omitted"], 212);
  }
}

TEST(ProblemCap, ErrorsBodyOfAHundredHasNoCount) {
  const json body = errors_body(numbered(100));
  EXPECT_EQ(body["errors"].size(), 100u);
  EXPECT_FALSE(body.contains("errors_total"));
  EXPECT_FALSE(body.contains("errors_omitted"));
}

TEST(ProblemCap, ACappedListGoesThroughAPluginAndBack) {
  Problems capped;
  for (const Problem& problem : numbered(250)) add_capped(capped, problem);
  json sent = json::array();
  for (const Problem& problem : capped) sent.push_back(to_json(problem));
  EXPECT_EQ(sent.back()["omitted"], 150);
  EXPECT_EQ(problems_from_json(sent), capped);
  // A plugin that sends them all: read back capped.
  json all = json::array();
  for (const Problem& problem : numbered(250)) all.push_back(to_json(problem));
  EXPECT_EQ(problems_from_json(all), capped);
}

TEST(ProblemJson, RejectsWrongShapes) {
  EXPECT_THROW(problems_from_json(json::object()), std::invalid_argument);
  EXPECT_THROW(problems_from_json(json{1}), std::invalid_argument);
  EXPECT_THROW(problems_from_json(json::array({{{"path", ""}, {"code", "x"}}})), std::invalid_argument);
  EXPECT_THROW(problems_from_json(json::array({{{"path", 3}, {"code", "x"}, {"message", "m"}}})), std::invalid_argument);
  EXPECT_THROW(problems_from_json(json::array({{{"path", "no-slash"}, {"code", "x"}, {"message", "m"}}})),
               std::invalid_argument);
  EXPECT_THROW(problems_from_json(json::array({{{"path", ""}, {"code", ""}, {"message", "m"}}})), std::invalid_argument);
}

}  // namespace
}  // namespace vanthu
