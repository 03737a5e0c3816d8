//! Counts against their totals: the problem, its JSON path and its code, at the edges.

#include <gtest/gtest.h>

#include "vanthu/count_checks.hpp"

using nlohmann::json;
using vanthu::PartOfWhole;
using vanthu::Problem;
using vanthu::Problems;

namespace {

const PartOfWhole kOnline{"applications_online", "số hồ sơ trực tuyến", "applications_received",
                          "tổng số hồ sơ tiếp nhận"};
const std::string kServices = "/digital_transformation/public_services";

Problems checked(const json& object, const PartOfWhole& figures = kOnline) {
  Problems problems;
  vanthu::check_part_of_whole(object, kServices, figures, problems);
  return problems;
}

TEST(PartAboveWhole, OnlyWhenThePartIsMore) {
  EXPECT_EQ(vanthu::part_above_whole("/a", "số hồ sơ trực tuyến", 2126, "tổng số hồ sơ tiếp nhận", 2126), std::nullopt);
  EXPECT_EQ(vanthu::part_above_whole("/a", "số hồ sơ trực tuyến", 0, "tổng số hồ sơ tiếp nhận", 0), std::nullopt);
  EXPECT_EQ(vanthu::part_above_whole("/a/online", "số hồ sơ trực tuyến", 2127, "tổng số hồ sơ tiếp nhận", 2126),
            (Problem{"/a/online", "inconsistent_total",
                     "Số hồ sơ trực tuyến (2.127) lớn hơn tổng số hồ sơ tiếp nhận (2.126)."}));
}

TEST(PartAboveWhole, TheReportTypeMayNameItsOwnCode) {
  auto problem = vanthu::part_above_whole("/ratio/count", "số đại biểu đã đạt", 28, "tổng số", 27, "inconsistent_ratio");
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->code, "inconsistent_ratio");
  EXPECT_EQ(problem->message, "Số đại biểu đã đạt (28) lớn hơn tổng số (27).");
}

TEST(PartAboveWhole, CapitalisesOnlyTheFirstLetterOfTheSentence) {
  auto problem = vanthu::part_above_whole("/p", "đã giải quyết", 5, "Số đã nhận", 4);
  ASSERT_TRUE(problem);
  EXPECT_EQ(problem->message, "Đã giải quyết (5) lớn hơn Số đã nhận (4).");
}

TEST(WholeBelowParts, OnlyWhenTheTotalIsLess) {
  EXPECT_EQ(vanthu::whole_below_parts("/t", "tổng số TTHC", 12, "số TTHC trực tuyến", 12), std::nullopt);
  EXPECT_EQ(vanthu::whole_below_parts("/t", "tổng số TTHC", 13, "số TTHC trực tuyến", 12), std::nullopt);
  EXPECT_EQ(vanthu::whole_below_parts("/public_services/procedures_total", "tổng số TTHC", 1000,
                                      "số TTHC trực tuyến toàn trình và một phần", 1001),
            (Problem{"/public_services/procedures_total", "inconsistent_total",
                     "Tổng số TTHC (1.000) nhỏ hơn số TTHC trực tuyến toàn trình và một phần cộng lại (1.001)."}));
}

TEST(CheckPartOfWhole, ConsistentOrPartLeftOutIsNoProblem) {
  EXPECT_TRUE(checked(json{{"applications_online", 10}, {"applications_received", 10}}).empty());
  EXPECT_TRUE(checked(json{{"applications_received", 10}}).empty());
  EXPECT_TRUE(checked(json::object()).empty());
  EXPECT_TRUE(checked(json()).empty());  // the whole object left out
}

TEST(CheckPartOfWhole, PartAboveWholeAtThePartsPath) {
  Problems problems = checked(json{{"applications_online", 11}, {"applications_received", 10}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "/digital_transformation/public_services/applications_online");
  EXPECT_EQ(problems[0].code, "inconsistent_total");
  EXPECT_EQ(problems[0].message, "Số hồ sơ trực tuyến (11) lớn hơn tổng số hồ sơ tiếp nhận (10).");
}

TEST(CheckPartOfWhole, PartWithoutWholeIsRequiredAtTheWholesPath) {
  Problems problems = checked(json{{"applications_online", 11}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0], (Problem{"/digital_transformation/public_services/applications_received", "required",
                                  "Có số hồ sơ trực tuyến thì phải có tổng số hồ sơ tiếp nhận."}));
}

TEST(CheckPartOfWhole, AMemberOfAnotherTypeIsAbsent) {
  // A whole typed as text is no whole: the part needs one.
  Problems problems = checked(json{{"applications_online", 11}, {"applications_received", "10"}});
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].code, "required");
  // A part typed as a fraction is no count: nothing to compare.
  EXPECT_TRUE(checked(json{{"applications_online", 11.5}, {"applications_received", 10}}).empty());
}

TEST(CheckPartOfWhole, KeysAreEscapedInThePath) {
  PartOfWhole odd{"on/line", "số hồ sơ trực tuyến", "re~ceived", "tổng số hồ sơ", "online_exceeds_total"};
  Problems problems = checked(json{{"on/line", 3}, {"re~ceived", 2}}, odd);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, kServices + "/on~1line");
  EXPECT_EQ(problems[0].code, "online_exceeds_total");
  problems = checked(json{{"on/line", 3}}, odd);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, kServices + "/re~0ceived");
}

TEST(CheckPartOfWhole, AppendsToTheProblemsAlreadyFound) {
  Problems problems{{"/period/to", "inconsistent_period", "..."}};
  vanthu::check_part_of_whole(json{{"applications_online", 2}, {"applications_received", 1}}, "", kOnline, problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[1].path, "/applications_online");
}

}  // namespace
