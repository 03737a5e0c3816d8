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
