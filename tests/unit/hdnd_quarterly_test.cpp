//! hdnd-quarterly's rules (plugins/hdnd-quarterly/rules.*): every derived figure at its edges
//! (the quarter after IV; ratios at 0 and at the total; empty parts), the semantic checks with
//! their JSON paths, and the model built from the sample of seed 004. The sentences the template
//! makes of them are tested on rendered documents in tests/integration/hdnd_quarterly_test.cpp.

#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules.hpp"
#include "vanthu/nd30.hpp"
#include "test_support.hpp"

namespace vanthu::hdnd_quarterly {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using json = nlohmann::json;

json sample() {
  return json::parse(vanthu::test::read_file(vanthu::test::source_dir() / "samples/hdnd-quarterly/hai-an-2026-q2.json"));
}

Problems problems_of(const json& input) { return test::problems_thrown(build, input); }

std::vector<std::string> paths(const Problems& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.path);
  return out;
}

std::vector<std::string> codes(const Problems& problems) {
  std::vector<std::string> out;
  for (const auto& p : problems) out.push_back(p.code);
  return out;
}

// --- Quarters ---------------------------------------------------------------------------------

TEST(HdndQuarter, NextQuarterStaysInTheYearUntilIV) {
  EXPECT_EQ((Quarter{1, 2026}.next()), (Quarter{2, 2026}));
  EXPECT_EQ((Quarter{2, 2026}.next()), (Quarter{3, 2026}));
  EXPECT_EQ((Quarter{3, 2026}.next()), (Quarter{4, 2026}));
}

TEST(HdndQuarter, AfterQuarterIVComesQuarterIOfTheNextYear) {
  EXPECT_EQ((Quarter{4, 2026}.next()), (Quarter{1, 2027}));
  EXPECT_EQ((Quarter{4, 2026}.next().long_name()), "quý I năm 2027");
}

TEST(HdndQuarter, NamesAsTheSeedWritesThem) {
  EXPECT_EQ((Quarter{2, 2026}.short_name()), "quý II/2026");
  EXPECT_EQ((Quarter{3, 2026}.long_name()), "quý III năm 2026");
  EXPECT_EQ((Quarter{4, 2026}.short_name()), "quý IV/2026");
  EXPECT_EQ((Quarter{1, 2027}.short_name()), "quý I/2027");
}

TEST(HdndQuarter, FirstAndLastDays) {
  EXPECT_EQ((Quarter{1, 2026}.first_day()), (Date{2026, 1, 1}));
  EXPECT_EQ((Quarter{1, 2026}.last_day()), (Date{2026, 3, 31}));
  EXPECT_EQ((Quarter{2, 2026}.first_day()), (Date{2026, 4, 1}));
  EXPECT_EQ((Quarter{2, 2026}.last_day()), (Date{2026, 6, 30}));
  EXPECT_EQ((Quarter{3, 2026}.last_day()), (Date{2026, 9, 30}));
  EXPECT_EQ((Quarter{4, 2026}.first_day()), (Date{2026, 10, 1}));
  EXPECT_EQ((Quarter{4, 2026}.last_day()), (Date{2026, 12, 31}));
}

// --- Title -----------------------------------------------------------------------------------

TEST(HdndSubject, QuarterIIAndTheNextInTheSameYear) {
  EXPECT_EQ(report_subject({2, 2026}, "triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị"),
            "Kết quả quý II về việc triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị và phương hướng, "
            "nhiệm vụ quý III năm 2026");
}

TEST(HdndSubject, QuarterIVNamesBothYears) {
  EXPECT_EQ(report_subject({4, 2026}, "triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị"),
            "Kết quả quý IV năm 2026 về việc triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị và phương "
            "hướng, nhiệm vụ quý I năm 2027");
}

TEST(HdndSubject, EmptySubjectIsResolution57AndTrailingPunctuationGoes) {
  EXPECT_EQ(report_subject({1, 2026}, "  "),
            "Kết quả quý I về việc triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị và phương hướng, "
            "nhiệm vụ quý II năm 2026");
  EXPECT_EQ(report_subject({3, 2026}, "thực hiện Đề án 06."),
            "Kết quả quý III về việc thực hiện Đề án 06 và phương hướng, nhiệm vụ quý IV năm 2026");
}

// --- Ratios, content blocks, lists ----------------------------------------------------------

json ratio_input(std::int64_t count, std::int64_t total) {
  return {{"count", count}, {"total", total}, {"unit", "đại biểu"}, {"who", "HĐND phường"},
          {"done", "có chữ ký số cá nhân"}, {"not_done", "chưa được cấp chữ ký số"}};
}

TEST(HdndRatio, RemainingIsTheTotalLessTheCount) {
  EXPECT_EQ(ratio_fields(ratio_input(15, 27))["remaining"], 12);
  EXPECT_EQ(ratio_fields(ratio_input(26, 27))["remaining"], 1);
  EXPECT_EQ(ratio_fields(ratio_input(27, 27))["remaining"], 0);  // "không còn đại biểu nào"
  EXPECT_EQ(ratio_fields(ratio_input(0, 27))["remaining"], 27);   // the template says "27/27 … chưa"
  EXPECT_EQ(ratio_fields(ratio_input(15, 27)),
            json({{"count", 15}, {"total", 27}, {"remaining", 12}, {"unit", "đại biểu"}, {"who", "HĐND phường"},
                  {"done", "có chữ ký số cá nhân"}, {"not_done", "chưa được cấp chữ ký số"}}));
}

TEST(HdndRatio, PhrasesLoseTheirTrailingPunctuationAndAnAbsentWhoIsEmpty) {
  json r = ratio_fields({{"count", 1500}, {"total", 2006}, {"unit", " hồ sơ "}, {"done", "được xử lý trên môi trường điện tử;"},
                         {"not_done", "xử lý trên giấy."}});
  EXPECT_EQ(r["unit"], "hồ sơ");
  EXPECT_EQ(r["who"], "");
  EXPECT_EQ(r["done"], "được xử lý trên môi trường điện tử");
  EXPECT_EQ(r["not_done"], "xử lý trên giấy");
  EXPECT_EQ(r["remaining"], 506);
}

TEST(HdndContent, EveryItemHasEveryKeyAndARatioList) {
  json items = content_items(json::parse(R"([
    "Một đoạn.",
    "   ",
    {"style": "plus", "label": "Về hạ tầng:", "text": ""},
    {"style": "note", "text": "(Ghi chú)."},
    {"label": "Về dữ liệu", "text": "Đã kết nối."},
    {"style": "bullet", "ratio": {"count": 2, "total": 2, "unit": "máy chủ", "done": "đã vá lỗi", "not_done": "chưa vá lỗi"},
     "text": "Đã kiểm tra lại."},
    {"style": "plus", "ratio": {"count": 0, "total": 4, "unit": "tổ", "done": "a", "not_done": "chưa họp"}},
    {"style": "bullet", "text": " "}
  ])"));
  ASSERT_EQ(items.size(), 6u) << items.dump(1);
  EXPECT_EQ(items[0], json({{"label", ""}, {"marker", ""}, {"text", "Một đoạn."}, {"note", false}, {"ratio", json::array()}}));
  EXPECT_EQ(items[1], json({{"label", "Về hạ tầng"}, {"marker", "+ "}, {"text", ""}, {"note", false}, {"ratio", json::array()}}));
  EXPECT_EQ(items[2]["note"], true);
  EXPECT_EQ(items[3]["label"], "Về dữ liệu");
  EXPECT_EQ(items[3]["marker"], "");
  EXPECT_EQ(items[4]["marker"], "- ");
  EXPECT_EQ(items[4]["text"], "Đã kiểm tra lại.");
  ASSERT_EQ(items[4]["ratio"].size(), 1u);
  EXPECT_EQ(items[4]["ratio"][0]["remaining"], 0);
  // A block that holds only a ratio is kept, with its marker.
  EXPECT_EQ(items[5]["marker"], "+ ");
  EXPECT_EQ(items[5]["text"], "");
  EXPECT_EQ(items[5]["ratio"][0]["count"], 0);
  EXPECT_EQ(content_items(json::array()), json::array());
  EXPECT_EQ(content_items(json()), json::array());
}

TEST(HdndLists, TheLastItemIsMarkedAndTypedPunctuationGoes) {
  EXPECT_EQ(list_items({"Kế hoạch số 05/KH-HĐND", "Thông báo số 11/TB-HĐND."}),
            json({{{"text", "Kế hoạch số 05/KH\u2011HĐND"}, {"last", false}}, {{"text", "Thông báo số 11/TB\u2011HĐND"}, {"last", true}}}));
  EXPECT_EQ(list_items({"A,", " ", "B", "C;"}),
            json({{{"text", "A"}, {"last", false}}, {{"text", "B"}, {"last", false}}, {{"text", "C"}, {"last", true}}}));
  EXPECT_EQ(list_items({}), json::array());
}

TEST(HdndSignature, ViceChairSignsForTheChair) {
  SignatureLines lines = signature_lines("vice_chair");
  EXPECT_EQ(lines.authority, (std::vector<std::string>{"TM. HỘI ĐỒNG NHÂN DÂN", "KT. CHỦ TỊCH"}));
  EXPECT_EQ(lines.positions, (std::vector<std::string>{"PHÓ CHỦ TỊCH"}));
}

TEST(HdndSignature, ChairSignsInTheirOwnName) {
  SignatureLines lines = signature_lines("chair");
  EXPECT_EQ(lines.authority, (std::vector<std::string>{"TM. HỘI ĐỒNG NHÂN DÂN"}));
  EXPECT_EQ(lines.positions, (std::vector<std::string>{"CHỦ TỊCH"}));
}

// --- The model -----------------------------------------------------------------------------

TEST(HdndModel, HeaderOfTheSample) {
  json data = build(sample()).data;
  EXPECT_EQ(data["issuer_parent"], "");
  EXPECT_EQ(data["issuer_name"], "HỘI ĐỒNG NHÂN DÂN\nPHƯỜNG HẢI AN");
  EXPECT_EQ(data["number_line"], vanthu::nd30::number_line(std::nullopt, "BC-HĐND"));
  EXPECT_THAT(data["number_line"].get<std::string>(), HasSubstr("/BC-HĐND"));
  EXPECT_EQ(data["place_date_line"], "Hải An, ngày 19 tháng 6 năm 2026");
  EXPECT_EQ(data["subject"],
            "Kết quả quý II về việc triển khai thực hiện Nghị quyết số 57\u2011NQ/TW của Bộ Chính trị và phương hướng, "
            "nhiệm vụ quý III năm 2026");
  EXPECT_EQ(data["signature_lines"], json({"TM. HỘI ĐỒNG NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}));
  EXPECT_EQ(data["signer"], "Vũ Văn Lăng");
  EXPECT_EQ(data["recipients"], json({"- TT Đảng ủy, HĐND phường;", "- Lưu: VT."}));
}

TEST(HdndModel, DateLineUsesTheLeadingZeroRuleAndANumber) {
  json input = sample();
  input["period"] = {{"quarter", 1}, {"year", 2026}};
  input["document"] = {{"number", 7}, {"date", "2026-02-05"}};
  json data = build(input).data;
  EXPECT_EQ(data["place_date_line"], "Hải An, ngày 05 tháng 02 năm 2026");
  EXPECT_EQ(data["number_line"], "Số: 07/BC-HĐND");
  input["document"] = {{"number", nullptr}, {"date", "2026-03-09"}};
  EXPECT_EQ(build(input).data["place_date_line"], "Hải An, ngày 09 tháng 3 năm 2026");
}

TEST(HdndModel, BlankDateKeepsTheQuarterYearForTheRecordsOffice) {
  json input = sample();
  input["document"] = {{"number", nullptr}, {"date", nullptr}};
  plugin::Model model = build(input);
  EXPECT_EQ(model.data["place_date_line"], vanthu::nd30::place_date_line("Hải An", std::nullopt, 2026));
  EXPECT_EQ(model.meta["created"], "2026-06-30T00:00:00Z");  // the quarter's last day, never the clock
}

TEST(HdndModel, XaUnitNamesTheCommune) {
  json input = sample();
  input["issuer"] = {{"unit", "xã"}, {"ward", "Cát Hải"}};
  json data = build(input).data;
  EXPECT_EQ(data["issuer_name"], "HỘI ĐỒNG NHÂN DÂN\nXÃ CÁT HẢI");
  EXPECT_EQ(data["unit"], "xã");  // "HĐND {unit} được giao …" in the template
  input["issuer"].erase("unit");
  EXPECT_EQ(build(input).data["unit"], "phường");
}

TEST(HdndModel, FactsAndFiguresOfTheSample) {
  json data = build(sample()).data;
  EXPECT_FALSE(data.contains("body"));  // the wording is the template's
  EXPECT_EQ(data["quarter"], "II");
  EXPECT_EQ(data["year"], 2026);
  EXPECT_EQ(data["tasks_source"],
            "Tại thông báo số 02 ngày 27/3/2026 và thông báo kết luận cuộc họp Ban chỉ đạo ngày 15/4/2026");
  EXPECT_EQ(data["assigned"], 3);
  EXPECT_EQ(data["completed"], 1);
  EXPECT_EQ(data["in_progress"], 2);
  EXPECT_EQ(data["overdue"], 0);
  EXPECT_EQ(data["tasks_listed"], true);
  ASSERT_EQ(data["task_list"].size(), 3u);
  EXPECT_THAT(data["task_list"][0].get<std::string>(), testing::StartsWith("Tỷ lệ cán bộ cấp phường"));
  EXPECT_EQ(data["results_listed"], true);
  EXPECT_EQ(data["results_reported"], true);
  ASSERT_EQ(data["task_results"].size(), 3u);
  EXPECT_EQ(data["task_results"][0]["marker"], "+ ");
  EXPECT_EQ(data["task_results"][0]["ratio"][0]["count"], 15);
  EXPECT_EQ(data["task_results"][0]["ratio"][0]["remaining"], 12);
  EXPECT_EQ(data["task_results"][1]["label"],
            "Tỷ lệ hồ sơ công việc được xử lý trên môi trường điện tử và sử dụng chữ ký số chuyên dùng công vụ");
  ASSERT_EQ(data["documents"].size(), 2u);
  EXPECT_THAT(data["documents"][0]["text"].get<std::string>(), testing::EndsWith("trên địa bàn phường năm 2026"));
  EXPECT_EQ(data["documents"][1]["last"], true);
  EXPECT_THAT(data["supervision"].get<std::string>(), testing::StartsWith("Tại thông báo số 11/TB\u2011HĐND"));
  EXPECT_EQ(data["leadership_details"], json::array());
  for (const char* key : {"institutions", "science", "digital_transformation", "security", "difficulties", "next_tasks"})
    EXPECT_FALSE(data[key].empty()) << key;
  EXPECT_EQ(data["science"].size(), 3u);
  EXPECT_EQ(data["next_tasks"].size(), 5u);
}

TEST(HdndModel, EmptyPartsAreEmptyNeverMissing) {
  json input = sample();
  input["results"]["direction"]["leadership"] = json::object();
  input["results"].erase("security");
  input["next_tasks"] = json::array();
  input.erase("difficulties");
  json data = build(input).data;
  EXPECT_EQ(data["documents"], json::array());
  EXPECT_EQ(data["supervision"], "");
  EXPECT_EQ(data["leadership_details"], json::array());
  EXPECT_EQ(data["security"], json::array());
  EXPECT_EQ(data["next_tasks"], json::array());
  EXPECT_EQ(data["difficulties"], json::array());
}

TEST(HdndModel, NoTasksAssignedHasNoResultsLine) {
  json input = sample();
  json& tasks = input["results"]["direction"]["tasks"];
  tasks = {{"source", "Trong quý,"}, {"assigned", 0}, {"completed", 0}, {"in_progress", 0}};
  json data = build(input).data;
  EXPECT_EQ(data["tasks_source"], "Trong quý");
  EXPECT_EQ(data["assigned"], 0);
  EXPECT_EQ(data["overdue"], 0);
  EXPECT_EQ(data["tasks_listed"], false);
  EXPECT_EQ(data["task_list"], json::array());
  EXPECT_EQ(data["results_listed"], false);
  EXPECT_EQ(data["results_reported"], false);
  // Results typed without tasks assigned still get their line.
  tasks["results"] = json::array({"Đã rà soát."});
  data = build(input).data;
  EXPECT_EQ(data["results_listed"], true);
  EXPECT_EQ(data["results_reported"], true);
}

TEST(HdndModel, MetaComesFromTheInput) {
  plugin::Model model = build(sample());
  EXPECT_EQ(model.meta["created"], "2026-06-19T00:00:00Z");
  EXPECT_EQ(model.meta["creator"], "HỘI ĐỒNG NHÂN DÂN PHƯỜNG HẢI AN");
  EXPECT_THAT(model.meta["title"].get<std::string>(), testing::StartsWith("Báo cáo kết quả quý II về việc"));
  EXPECT_EQ(model.meta["file_name"], "Báo cáo quý II năm 2026 HĐND phường Hải An về NQ57.docx");
}

// --- Checks (422) --------------------------------------------------------------------------

TEST(HdndChecks, TheSampleIsConsistent) { EXPECT_TRUE(check(sample()).empty()); }

TEST(HdndChecks, CountsThatDoNotAddUp) {
  json input = sample();
  input["results"]["direction"]["tasks"]["completed"] = 2;  // 2 + 2 + 0 != 3
  Problems problems = problems_of(input);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "/results/direction/tasks/assigned");
  EXPECT_EQ(problems[0].code, "inconsistent_total");
  EXPECT_THAT(problems[0].message, HasSubstr("Số nhiệm vụ được giao (3)"));
  EXPECT_THAT(problems[0].message, HasSubstr("là 4"));
}

TEST(HdndChecks, OverdueCountsInTheTotal) {
  json input = sample();
  input["results"]["direction"]["tasks"]["overdue"] = 1;
  EXPECT_THAT(paths(problems_of(input)), ElementsAre("/results/direction/tasks/assigned"));
  input["results"]["direction"]["tasks"]["in_progress"] = 1;
  EXPECT_TRUE(problems_of(input).empty());
}

TEST(HdndChecks, ListOfAnotherLength) {
  json input = sample();
  input["results"]["direction"]["tasks"]["list"].erase(2);
  Problems problems = problems_of(input);
  EXPECT_THAT(paths(problems), ElementsAre("/results/direction/tasks/list"));
  EXPECT_THAT(codes(problems), ElementsAre("count_mismatch"));
  EXPECT_THAT(problems[0].message, HasSubstr("có 2 nhiệm vụ"));
  input["results"]["direction"]["tasks"]["list"] = json::array();  // no list at all is fine
  EXPECT_TRUE(problems_of(input).empty());
}

TEST(HdndChecks, RatioAboveItsTotalNamesTheBlock) {
  json input = sample();
  input["results"]["direction"]["tasks"]["results"][0]["ratio"]["count"] = 28;
  Problems problems = problems_of(input);
  EXPECT_THAT(paths(problems), ElementsAre("/results/direction/tasks/results/0/ratio/count"));
  EXPECT_THAT(codes(problems), ElementsAre("inconsistent_ratio"));
  EXPECT_THAT(problems[0].message, HasSubstr("(28) lớn hơn tổng số (27)"));
  input["results"]["direction"]["tasks"]["results"][0]["ratio"]["count"] = 27;  // the edge is fine
  EXPECT_TRUE(problems_of(input).empty());
}

TEST(HdndChecks, RatiosAreCheckedInEveryPart) {
  json input = sample();
  input["next_tasks"][1] = json::parse(R"({"style": "bullet", "ratio": {"count": 5, "total": 4, "unit": "tổ", "done": "a", "not_done": "b"}})");
  EXPECT_THAT(paths(problems_of(input)), ElementsAre("/next_tasks/1/ratio/count"));
}

TEST(HdndChecks, IssueDateBeforeTheQuarter) {
  json input = sample();
  input["document"]["date"] = "2026-03-31";
  Problems problems = problems_of(input);
  EXPECT_THAT(paths(problems), ElementsAre("/document/date"));
  EXPECT_THAT(codes(problems), ElementsAre("date_before_period"));
  EXPECT_THAT(problems[0].message, HasSubstr("quý II/2026 (01/04/2026)"));
  input["document"]["date"] = "2026-04-01";
  EXPECT_TRUE(problems_of(input).empty());
}

TEST(HdndChecks, IssueDateAfterTheNextQuarter) {
  json input = sample();
  input["document"]["date"] = "2026-10-01";
  EXPECT_THAT(codes(problems_of(input)), ElementsAre("date_after_next_quarter"));
  input["document"]["date"] = "2026-09-30";
  EXPECT_TRUE(problems_of(input).empty());
  input["period"] = {{"quarter", 4}, {"year", 2026}};  // the next quarter is in 2027
  input["document"]["date"] = "2027-03-31";
  EXPECT_TRUE(problems_of(input).empty());
  input["document"]["date"] = "2027-04-01";
  EXPECT_THAT(codes(problems_of(input)), ElementsAre("date_after_next_quarter"));
}

TEST(HdndChecks, EveryProblemAtOnce) {
  json input = sample();
  input["document"]["date"] = "2025-12-31";
  input["results"]["direction"]["tasks"]["assigned"] = 4;
  input["results"]["direction"]["tasks"]["results"][0]["ratio"]["count"] = 30;
  EXPECT_THAT(paths(problems_of(input)),
              ElementsAre("/document/date", "/results/direction/tasks/assigned", "/results/direction/tasks/list",
                          "/results/direction/tasks/results/0/ratio/count"));
}

}  // namespace
}  // namespace vanthu::hdnd_quarterly
