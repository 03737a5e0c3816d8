//! hdnd-quarterly's rules (plugins/hdnd-quarterly/hdnd_quarterly_rules.*): every derived phrase
//! at its edges (zero, one, many; the quarter after IV; ratios at 0 and at the total), the
//! semantic checks with their JSON paths, and the model built from the sample of seed 004.

#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <algorithm>
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

using vanthu::test::body_lines;

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

TEST(HdndCouncil, ShortNameFollowsTheUnit) {
  EXPECT_EQ(council_short_name("phường"), "HĐND phường");
  EXPECT_EQ(council_short_name("xã"), "HĐND xã");
  EXPECT_EQ(council_short_name(""), "HĐND phường");
}

// --- Task statistics -----------------------------------------------------------------------

TEST(HdndTasksAssigned, ManyWithTheSourceAndAList) {
  EXPECT_EQ(tasks_assigned_sentence("Tại thông báo số 02 ngày 27/3/2026", "HĐND phường", 3, true),
            "Tại thông báo số 02 ngày 27/3/2026, HĐND phường được giao 03 nhiệm vụ:");
}

TEST(HdndTasksAssigned, OneWithoutAListEndsTheSentence) {
  EXPECT_EQ(tasks_assigned_sentence("Tại thông báo số 02,", "HĐND phường", 1, false),
            "Tại thông báo số 02, HĐND phường được giao 01 nhiệm vụ.");
}

TEST(HdndTasksAssigned, NoSourceStartsWithTheCouncil) {
  EXPECT_EQ(tasks_assigned_sentence("", "HĐND xã", 12, true), "HĐND xã được giao 12 nhiệm vụ:");
}

TEST(HdndTasksAssigned, NoneAssigned) {
  EXPECT_EQ(tasks_assigned_sentence("Tại thông báo số 02", "HĐND phường", 0, false),
            "Tại thông báo số 02, HĐND phường không được giao nhiệm vụ nào.");
}

TEST(HdndTasksSummary, TheSeedsCounts) {
  EXPECT_EQ(tasks_summary_sentence("HĐND phường", {3, 1, 2, 0}, true),
            "Trong 03 nhiệm vụ được giao, HĐND phường đã hoàn thành 01 nhiệm vụ, 02 nhiệm vụ đang triển khai thực "
            "hiện theo lộ trình; không có nhiệm vụ quá hạn:");
}

TEST(HdndTasksSummary, NoneCompleted) {
  EXPECT_EQ(tasks_summary_sentence("HĐND phường", {3, 0, 3, 0}, false),
            "Trong 03 nhiệm vụ được giao, HĐND phường chưa hoàn thành nhiệm vụ nào, 03 nhiệm vụ đang triển khai "
            "thực hiện theo lộ trình; không có nhiệm vụ quá hạn.");
}

TEST(HdndTasksSummary, AllCompletedLeavesOutTheTasksInProgress) {
  EXPECT_EQ(tasks_summary_sentence("HĐND phường", {3, 3, 0, 0}, false),
            "Trong 03 nhiệm vụ được giao, HĐND phường đã hoàn thành 03 nhiệm vụ; không có nhiệm vụ quá hạn.");
}

TEST(HdndTasksSummary, OverdueCounted) {
  EXPECT_EQ(tasks_summary_sentence("HĐND phường", {12, 10, 1, 1}, true),
            "Trong 12 nhiệm vụ được giao, HĐND phường đã hoàn thành 10 nhiệm vụ, 01 nhiệm vụ đang triển khai thực "
            "hiện theo lộ trình; 01 nhiệm vụ quá hạn:");
}

TEST(HdndTasksSummary, AllOverdue) {
  EXPECT_EQ(tasks_summary_sentence("HĐND xã", {2, 0, 0, 2}, false),
            "Trong 02 nhiệm vụ được giao, HĐND xã chưa hoàn thành nhiệm vụ nào; 02 nhiệm vụ quá hạn.");
}

TEST(HdndTasksSummary, OneTask) {
  EXPECT_EQ(tasks_summary_sentence("HĐND phường", {1, 1, 0, 0}, false),
            "Trong 01 nhiệm vụ được giao, HĐND phường đã hoàn thành 01 nhiệm vụ; không có nhiệm vụ quá hạn.");
}

TEST(HdndTasksSummary, NothingAssignedHasNoSummary) {
  EXPECT_EQ(tasks_summary_sentence("HĐND phường", {0, 0, 0, 0}, true), std::nullopt);
}

// --- Ratios --------------------------------------------------------------------------------

Ratio delegates(std::int64_t count, std::int64_t total) {
  return {count, total, "đại biểu", "HĐND phường", "có chữ ký số cá nhân", "chưa được cấp chữ ký số"};
}

TEST(HdndRatio, PartOfTheTotalSaysWhatRemains) {
  EXPECT_EQ(ratio_sentence({15, 27, "đại biểu", "HĐND phường làm việc tại cơ quan Đảng uỷ, HĐND, UBND phường",
                            "có trang thiết bị đáp ứng yêu cầu công việc", "chưa được cấp chữ ký số"}),
            "15/27 đại biểu HĐND phường làm việc tại cơ quan Đảng uỷ, HĐND, UBND phường có trang thiết bị đáp ứng yêu "
            "cầu công việc, còn 12 đại biểu chưa được cấp chữ ký số.");
}

TEST(HdndRatio, OneShortAndOneAchieved) {
  EXPECT_EQ(ratio_sentence(delegates(26, 27)),
            "26/27 đại biểu HĐND phường có chữ ký số cá nhân, còn 1 đại biểu chưa được cấp chữ ký số.");
  EXPECT_EQ(ratio_sentence(delegates(1, 27)),
            "1/27 đại biểu HĐND phường có chữ ký số cá nhân, còn 26 đại biểu chưa được cấp chữ ký số.");
}

TEST(HdndRatio, AllAchieved) {
  EXPECT_EQ(ratio_sentence(delegates(27, 27)),
            "27/27 đại biểu HĐND phường có chữ ký số cá nhân, không còn đại biểu nào chưa được cấp chữ ký số.");
  EXPECT_EQ(ratio_sentence(delegates(1, 1)),
            "1/1 đại biểu HĐND phường có chữ ký số cá nhân, không còn đại biểu nào chưa được cấp chữ ký số.");
}

TEST(HdndRatio, NoneAchievedSaysAllHaveNot) {
  EXPECT_EQ(ratio_sentence(delegates(0, 27)), "27/27 đại biểu HĐND phường chưa được cấp chữ ký số.");
}

TEST(HdndRatio, LargeNumbersAreGroupedAndPunctuationIsNotDoubled) {
  EXPECT_EQ(ratio_sentence({1500, 2006, "hồ sơ", "", "được xử lý trên môi trường điện tử;", "xử lý trên giấy."}),
            "1.500/2.006 hồ sơ được xử lý trên môi trường điện tử, còn 506 hồ sơ xử lý trên giấy.");
}

// --- Lists and signature -------------------------------------------------------------------

TEST(HdndLists, ItemsEndWithSemicolonsAndTheLastWithAPeriod) {
  EXPECT_EQ(list_items({"Kế hoạch số 05/KH-HĐND", "Thông báo số 11/TB-HĐND."}),
            (std::vector<std::string>{"Kế hoạch số 05/KH-HĐND;", "Thông báo số 11/TB-HĐND."}));
  EXPECT_EQ(list_items({"Kế hoạch số 05/KH-HĐND;"}), (std::vector<std::string>{"Kế hoạch số 05/KH-HĐND."}));
  EXPECT_EQ(list_items({"A,", " ", "B", "C;"}), (std::vector<std::string>{"A;", "B;", "C."}));
  EXPECT_TRUE(list_items({}).empty());
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
  EXPECT_THAT(body_lines(data)[3], HasSubstr("HĐND xã được giao 03 nhiệm vụ:"));
}

TEST(HdndModel, BodyReadsLikeTheSeed) {
  plugin::Model model = build(sample());
  std::vector<std::string> lines = body_lines(model.data);
  ASSERT_GE(lines.size(), 14u);
  EXPECT_EQ(lines[0], "I. KẾT QUẢ THỰC HIỆN QUÝ II/2026");
  EXPECT_EQ(lines[1], "1. Về công tác chỉ đạo, điều hành");
  EXPECT_EQ(lines[2], "1.1. Thống kê số nhiệm vụ");
  EXPECT_EQ(lines[3],
            "- Tại thông báo số 02 ngày 27/3/2026 và thông báo kết luận cuộc họp Ban chỉ đạo ngày 15/4/2026, HĐND "
            "phường được giao 03 nhiệm vụ:");
  EXPECT_THAT(lines[4], testing::StartsWith("+ Tỷ lệ cán bộ cấp phường"));
  EXPECT_EQ(lines[7], "- Kết quả thực hiện:");
  EXPECT_EQ(lines[8],
            "Trong 03 nhiệm vụ được giao, HĐND phường đã hoàn thành 01 nhiệm vụ, 02 nhiệm vụ đang triển khai thực "
            "hiện theo lộ trình; không có nhiệm vụ quá hạn:");
  EXPECT_THAT(lines[9], testing::StartsWith("+ 15/27 đại biểu HĐND phường làm việc tại cơ quan Đảng uỷ"));
  EXPECT_THAT(lines[9], testing::EndsWith(", còn 12 đại biểu chưa được cấp chữ ký số."));
  EXPECT_THAT(lines[10], testing::StartsWith("+ Tỷ lệ hồ sơ công việc được xử lý trên môi trường điện tử và sử dụng chữ "
                                              "ký số chuyên dùng công vụ: Đang được triển khai"));
  EXPECT_EQ(lines[12], "1.2. Công tác lãnh đạo, chỉ đạo điều hành");
  EXPECT_EQ(lines[13], "- Các văn bản đã ban hành:");
  EXPECT_THAT(lines[14], testing::EndsWith("trên địa bàn phường năm 2026;"));
  EXPECT_THAT(lines[15], testing::EndsWith("của HĐND phường Hải An."));
  EXPECT_THAT(lines[16], testing::StartsWith("- Công tác kiểm tra, giám sát: Tại thông báo số 11/TB\u2011HĐND"));
  EXPECT_EQ(lines[17], "2. Xây dựng, hoàn thiện thể chế, quy định cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số");
  // The headings, in order, to the depth the seed uses.
  std::vector<std::string> headings;
  for (const auto& b : model.data["body"])
    if (b.contains("chapter") || b.contains("section") || b.contains("subsection")) headings.push_back(b["label"]);
  EXPECT_THAT(headings, ElementsAre("I. KẾT QUẢ THỰC HIỆN QUÝ II/2026", "1. Về công tác chỉ đạo, điều hành",
                                    "1.1. Thống kê số nhiệm vụ", "1.2. Công tác lãnh đạo, chỉ đạo điều hành",
                                    testing::StartsWith("2. Xây dựng, hoàn thiện thể chế"),
                                    "3. Phát triển khoa học, công nghệ, đổi mới sáng tạo",
                                    "4. Tình hình thực hiện chuyển đổi số",
                                    "5. An ninh mạng, bảo mật thông tin, an toàn dữ liệu",
                                    "II. KHÓ KHĂN, TỒN TẠI, HẠN CHẾ", "III. NHIỆM VỤ TRONG THỜI GIAN TỚI"));
  EXPECT_THAT(lines.back(), testing::EndsWith("của tập thể, cá nhân./."));
}

TEST(HdndModel, EmptyPartsSayNothingNew) {
  json input = sample();
  input["results"]["direction"]["leadership"] = json::object();
  input["results"].erase("security");
  input["next_tasks"] = json::array();
  std::vector<std::string> lines = body_lines(build(input).data);
  EXPECT_THAT(lines, testing::Contains("- Các văn bản đã ban hành: Không phát sinh nội dung mới."));
  EXPECT_THAT(lines, testing::Contains("- Công tác kiểm tra, giám sát: Không phát sinh nội dung mới."));
  auto security = std::find(lines.begin(), lines.end(), "5. An ninh mạng, bảo mật thông tin, an toàn dữ liệu");
  ASSERT_NE(security, lines.end());
  EXPECT_EQ(*(security + 1), "Không phát sinh nội dung mới.");
  EXPECT_EQ(lines.back(), "Không phát sinh nội dung mới./.");
}

TEST(HdndModel, NoTasksAssignedHasNoResultsLine) {
  json input = sample();
  json& tasks = input["results"]["direction"]["tasks"];
  tasks = {{"source", "Trong quý"}, {"assigned", 0}, {"completed", 0}, {"in_progress", 0}};
  std::vector<std::string> lines = body_lines(build(input).data);
  EXPECT_EQ(lines[3], "- Trong quý, HĐND phường không được giao nhiệm vụ nào.");
  EXPECT_EQ(lines[4], "1.2. Công tác lãnh đạo, chỉ đạo điều hành");
}

TEST(HdndModel, ContentBlocksKeepStylesLabelsAndRatioText) {
  json input = sample();
  input["results"]["security"] = json::parse(R"([
    {"style": "plus", "label": "Về hạ tầng:", "text": ""},
    {"style": "note", "text": "(Ghi chú)."},
    {"label": "Về dữ liệu", "text": "Đã kết nối."},
    {"style": "bullet", "ratio": {"count": 2, "total": 2, "unit": "máy chủ", "done": "đã vá lỗi", "not_done": "chưa vá lỗi"},
     "text": "Đã kiểm tra lại."}
  ])");
  json data = build(input).data;
  std::vector<std::string> lines = body_lines(data);
  auto security = std::find(lines.begin(), lines.end(), "5. An ninh mạng, bảo mật thông tin, an toàn dữ liệu");
  ASSERT_NE(security, lines.end());
  EXPECT_EQ(*(security + 1), "+ Về hạ tầng: Không phát sinh nội dung mới.");
  EXPECT_EQ(*(security + 2), "(Ghi chú).");
  EXPECT_EQ(*(security + 3), "Về dữ liệu: Đã kết nối.");
  EXPECT_EQ(*(security + 4), "- 2/2 máy chủ đã vá lỗi, không còn máy chủ nào chưa vá lỗi. Đã kiểm tra lại.");
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
