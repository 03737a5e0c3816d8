//! nq57-periodic (plugins/nq57-periodic/rules.hpp): the model build() gives, and the document the
//! built-in template makes of it (rendered here as the host renders it, report::finish_body
//! included): every sentence the report derives from counts, at its edges; the budget lines
//! with money in words over a table of amounts; the outline's numbering at every depth the seeds
//! use; a template a clerk reworded; the semantic checks (422) with their paths.
#include "rules.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "vanthu/report.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::nq57_periodic {
namespace {

using json = nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

// --- Dates ----------------------------------------------------------------------------------

TEST(PeriodicIssueDate, ParsesYearMonthOrDay) {
  auto year = IssueDate::parse("2025");
  ASSERT_TRUE(year);
  EXPECT_EQ(year->year, 2025);
  EXPECT_FALSE(year->month);
  EXPECT_FALSE(year->full());
  auto month = IssueDate::parse("2025-11");
  ASSERT_TRUE(month);
  EXPECT_EQ(month->month, 11);
  EXPECT_FALSE(month->day);
  auto day = IssueDate::parse("2024-02-29");
  ASSERT_TRUE(day);
  EXPECT_EQ(day->full(), (Date{2024, 2, 29}));
}

TEST(PeriodicIssueDate, RefusesWhatIsNotOnTheCalendar) {
  for (const char* bad : {"", "25", "2025-", "2025-13", "2025-00", "2025-1", "2025-02-29", "2025-04-31", "2025-11-6",
                          "0000", "2025/11", "2025-11-06T00:00", "abcd"})
    EXPECT_FALSE(IssueDate::parse(bad)) << bad;
}

TEST(PeriodicIssueDate, FirstAndLastDayOfWhatIsKnown) {
  EXPECT_EQ(IssueDate::parse("2025")->first_day(), (Date{2025, 1, 1}));
  EXPECT_EQ(IssueDate::parse("2025")->last_day(), (Date{2025, 12, 31}));
  EXPECT_EQ(IssueDate::parse("2024-02")->last_day(), (Date{2024, 2, 29}));
  EXPECT_EQ(IssueDate::parse("2025-02")->last_day(), (Date{2025, 2, 28}));
  EXPECT_EQ(IssueDate::parse("2025-11-06")->first_day(), (Date{2025, 11, 6}));
  EXPECT_EQ(IssueDate::parse("2025-11-06")->last_day(), (Date{2025, 11, 6}));
}

TEST(PeriodicPlaceDateLine, BlanksWhatTheRecordsOfficeFills) {
  EXPECT_EQ(place_date_line("An Hải", *IssueDate::parse("2025-11")), "An Hải, ngày      tháng 11 năm 2025");  // seed 001
  EXPECT_EQ(place_date_line("Hồng Bàng", *IssueDate::parse("2025")), "Hồng Bàng, ngày      tháng      năm 2025");  // seed 003
  EXPECT_EQ(place_date_line("An Hải", *IssueDate::parse("2025-11-06")), "An Hải, ngày 06 tháng 11 năm 2025");
  // Months 1–2 take a leading 0, 3–12 do not; days 1–9 do.
  EXPECT_EQ(place_date_line("An Hải", *IssueDate::parse("2026-02")), "An Hải, ngày      tháng 02 năm 2026");
  EXPECT_EQ(place_date_line("An Hải", *IssueDate::parse("2026-03")), "An Hải, ngày      tháng 3 năm 2026");
  EXPECT_EQ(place_date_line("An Hải", *IssueDate::parse("2026-01-09")), "An Hải, ngày 09 tháng 01 năm 2026");
  EXPECT_EQ(place_date_line("", *IssueDate::parse("2026-12")), "ngày      tháng 12 năm 2026");
}

TEST(PeriodicShortDate, LeadingZerosAsTheDecreeWrites) {
  EXPECT_EQ(short_date({2025, 7, 1}, false), "01/7");
  EXPECT_EQ(short_date({2025, 11, 6}, true), "06/11/2025");
  EXPECT_EQ(short_date({2026, 2, 5}, false), "05/02");
  EXPECT_EQ(short_date({2026, 1, 31}, true), "31/01/2026");
  EXPECT_EQ(short_date({2026, 3, 10}, true), "10/3/2026");
  EXPECT_EQ(short_date({2026, 12, 9}, false), "09/12");
}

TEST(PeriodicMonthPhrase, LeadingZeroForJanuaryAndFebruaryOnly) {
  EXPECT_EQ(month_phrase(2025, 12), "tháng 12 năm 2025");
  EXPECT_EQ(month_phrase(2026, 1), "tháng 01 năm 2026");
  EXPECT_EQ(month_phrase(2026, 2), "tháng 02 năm 2026");
  EXPECT_EQ(month_phrase(2026, 3), "tháng 3 năm 2026");
}

// --- The document the built-in template makes ---------------------------------------------------

namespace fs = std::filesystem;

//! templates/nq57-periodic/ packed as vanthu-pack packs it (comments and indentation dropped).
std::string pack_built_in(const std::function<void(std::string& document_xml)>& edit = nullptr) {
  const fs::path source = test::source_dir() / "templates/nq57-periodic";
  std::vector<std::string> names;
  for (const auto& item : fs::recursive_directory_iterator(source))
    if (item.is_regular_file()) names.push_back(fs::relative(item.path(), source).generic_string());
  std::sort(names.begin(), names.end(), [](const std::string& a, const std::string& b) {
    auto rank = [](const std::string& n) { return n == "[Content_Types].xml" ? 0 : n == "_rels/.rels" ? 1 : 2; };
    return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
  });
  std::string docx;
  ZipWriter writer(docx);
  for (const std::string& name : names) {
    std::string content = test::read_file(source / name);
    if (name == "word/document.xml" && edit) edit(content);
    writer.add(name, compact_part_xml(name, content), 6);
  }
  writer.finish();
  return docx;
}

const Template& built_in() {
  static const std::shared_ptr<const Template> tpl = Template::parse(pack_built_in());
  return *tpl;
}

//! word/document.xml of the report `tpl` makes of `data`, finished as the host finishes it; no
//! tag may lack its value.
std::string document_xml(const json& data, const Template& tpl = built_in()) {
  RenderOptions options;
  options.finishers.push_back({"word/document.xml", [](std::string& xml) { report::finish_body(xml); }});
  RenderResult result = render(tpl, data, options);
  EXPECT_THAT(result.missing, ::testing::IsEmpty());
  EXPECT_THAT(result.refused, ::testing::IsEmpty());
  return test::docx_part(result.docx, "word/document.xml");
}

//! The body's paragraphs with text, one line each: from the first after the subject to the last
//! before "Nơi nhận:".
std::vector<std::string> lines_of(const std::string& xml) {
  std::vector<std::string> all, body;
  std::string text = test::docx_text(xml);
  for (std::size_t at = 0; at < text.size();) {
    std::size_t end = text.find('\n', at);
    if (end == std::string::npos) end = text.size();
    all.push_back(text.substr(at, end - at));
    at = end + 1;
  }
  auto title = std::find(all.begin(), all.end(), "BÁO CÁO");
  if (title == all.end() || title + 1 == all.end()) return body;
  for (auto it = title + 2; it != all.end() && *it != "Nơi nhận:"; ++it)
    if (it->find_first_not_of(" \t") != std::string::npos) body.push_back(*it);
  return body;
}

std::vector<std::string> body_lines(const json& input) { return lines_of(document_xml(build(input).data)); }

json minimal_input() {
  return json::parse(R"({
    "issuer": {"name": "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI", "symbol": "UBND", "place": "An Hải"},
    "document": {"number": null, "date": "2025-11"},
    "subject": "Kết quả thực hiện Nghị quyết số 57-NQ/TW",
    "sections": [{"level": "chapter", "title": "Công tác lãnh đạo", "content": ["Đoạn một."]}],
    "recipients": ["UBKT Đảng ủy phường"],
    "archive": "VT, VHXX",
    "signature": {"authority": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "positions": ["PHÓ CHỦ TỊCH"], "name": "Nguyễn Thế Đức"}
  })");
}

//! The lines `blocks` print under a chapter heading, before a closing paragraph.
std::vector<std::string> block_lines(const json& blocks, json input = minimal_input()) {
  input["sections"][0]["content"] = blocks;
  input["conclusion"] = {"Hết."};
  std::vector<std::string> lines = body_lines(input);
  EXPECT_GE(lines.size(), 2u);
  if (lines.size() < 2) return lines;
  EXPECT_EQ(lines.front(), "I. CÔNG TÁC LÃNH ĐẠO");
  EXPECT_EQ(lines.back(), "Hết./.");
  return {lines.begin() + 1, lines.end() - 1};
}

// --- Task statistics by phase ---------------------------------------------------------------

json phase(std::int64_t assigned, std::int64_t on_time, std::int64_t late, std::int64_t overdue) {
  return {{"assigned", assigned}, {"completed_on_time", on_time}, {"completed_late", late}, {"overdue", overdue}};
}

std::vector<std::string> phase_lines(const json& p, const std::string& assignee = "Ủy ban nhân dân phường") {
  return block_lines({{{"task_phases", {{"assignee", assignee}, {"phases", {p}}}}}});
}

TEST(PeriodicPhases, SeedPhaseOneAllCompletedOnTime) {
  // Seed 001 prints "đang thực hiện đúng hạn 16, tỷ lệ 100%" next to "hoàn thành 16/16": its own
  // counts leave none in progress, and the computed value is what the report says.
  EXPECT_THAT(phase_lines(phase(16, 16, 0, 0)),
              ElementsAre("- Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ",
                          "+ Số nhiệm vụ đã hoàn thành 16/16, tỷ lệ 100%, trong đó: số nhiệm vụ hoàn thành đúng hạn 16, số "
                          "nhiệm vụ hoàn thành quá hạn 0.",
                          "+ Số nhiệm vụ đang thực hiện đúng hạn 0, tỷ lệ 0%.", "+ Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0%."));
}

TEST(PeriodicPhases, InProgressIsWhatIsNeitherCompletedNorOverdue) {
  json p = phase(34, 20, 3, 5);
  p["name"] = "Giai đoạn 2";
  EXPECT_THAT(phase_lines(p),
              ElementsAre("- Giai đoạn 2: Ủy ban nhân dân phường được giao 34 nhiệm vụ",
                          "+ Số nhiệm vụ đã hoàn thành 23/34, tỷ lệ 67,6%, trong đó: số nhiệm vụ hoàn thành đúng hạn 20, số "
                          "nhiệm vụ hoàn thành quá hạn 3.",
                          "+ Số nhiệm vụ đang thực hiện đúng hạn 6, tỷ lệ 17,6%.",
                          "+ Số nhiệm vụ quá hạn chưa hoàn thành 5, tỷ lệ 14,7%."));
}

TEST(PeriodicPhases, RatesRoundHalfAwayFromZeroToOneDecimal) {
  // 1/3 = 33,33…% and 2/3 = 66,66…%; 1/8 = 12,5% exactly; 1/16 = 6,25% -> 6,3%.
  std::vector<std::string> thirds = phase_lines(phase(3, 1, 0, 2), "UBND phường");
  ASSERT_EQ(thirds.size(), 4u);
  EXPECT_THAT(thirds[1], HasSubstr("1/3, tỷ lệ 33,3%,"));
  EXPECT_THAT(thirds[3], HasSubstr(" 2, tỷ lệ 66,7%."));
  std::vector<std::string> eighth = phase_lines(phase(8, 1, 0, 0), "UBND phường");
  ASSERT_EQ(eighth.size(), 4u);
  EXPECT_THAT(eighth[1], HasSubstr("1/8, tỷ lệ 12,5%,"));
  EXPECT_THAT(eighth[2], HasSubstr(" 7, tỷ lệ 87,5%."));
  std::vector<std::string> sixteenth = phase_lines(phase(16, 1, 0, 0), "UBND phường");
  ASSERT_EQ(sixteenth.size(), 4u);
  EXPECT_THAT(sixteenth[1], HasSubstr("1/16, tỷ lệ 6,3%,"));
  EXPECT_THAT(sixteenth[2], HasSubstr(" 15, tỷ lệ 93,8%."));
}

TEST(PeriodicPhases, EverythingOverdue) {
  EXPECT_THAT(phase_lines(phase(4, 0, 0, 4), "UBND phường"),
              ElementsAre("- Giai đoạn 1: UBND phường được giao 4 nhiệm vụ",
                          "+ Số nhiệm vụ đã hoàn thành 0/4, tỷ lệ 0%, trong đó: số nhiệm vụ hoàn thành đúng hạn 0, số "
                          "nhiệm vụ hoàn thành quá hạn 0.",
                          "+ Số nhiệm vụ đang thực hiện đúng hạn 0, tỷ lệ 0%.", "+ Số nhiệm vụ quá hạn chưa hoàn thành 4, tỷ lệ 100%."));
}

TEST(PeriodicPhases, NothingAssignedSaysSoWithoutRates) {
  json p = phase(0, 0, 0, 0);
  p["name"] = "Giai đoạn 3";
  EXPECT_THAT(phase_lines(p), ElementsAre("- Giai đoạn 3: Ủy ban nhân dân phường chưa được giao nhiệm vụ"));
}

TEST(PeriodicPhases, ThousandsAreGroupedAndTheAssigneeIsTheIssuersLevel) {
  std::vector<std::string> lines = phase_lines(phase(1200, 1200, 0, 0), "  ");
  ASSERT_EQ(lines.size(), 4u);
  EXPECT_EQ(lines[0], "- Giai đoạn 1: Ủy ban nhân dân phường được giao 1.200 nhiệm vụ");
  EXPECT_THAT(lines[1], HasSubstr("1.200/1.200, tỷ lệ 100%"));
  // A xã's report: the phase without its assignee is the xã's.
  json input = minimal_input();
  input["issuer"]["unit"] = "xã";
  input["issuer"]["name"] = "ỦY BAN NHÂN DÂN\nXÃ AN HẢI";
  lines = block_lines({{{"task_phases", {{"phases", {phase(2, 2, 0, 0)}}}}}}, input);
  ASSERT_FALSE(lines.empty());
  EXPECT_EQ(lines[0], "- Giai đoạn 1: Ủy ban nhân dân xã được giao 2 nhiệm vụ");
}

TEST(PeriodicPhases, TheModelHasTheCountsAndRates) {
  json input = minimal_input();
  input["sections"][0]["content"] = {{{"task_phases", {{"phases", {phase(34, 20, 3, 5)}}}}}};
  const json block = build(input).data["sections"][0]["content"][0];
  EXPECT_EQ(block["phases"], json::parse(R"([{"name": "", "number": 1, "assignee": "", "assigned": 34, "completed": 23,
      "on_time": 20, "late": 3, "in_progress": 6, "overdue": 5, "completed_rate": "67,6%", "in_progress_rate": "17,6%",
      "overdue_rate": "14,7%"}])"));
}

// --- Initiatives, plan tasks ------------------------------------------------------------------

TEST(PeriodicInitiatives, SeedZeroesAndABacklog) {
  EXPECT_THAT(block_lines({{{"initiatives", {{"received", 0}, {"resolved", 0}}}}}),
              ElementsAre("- Tổng số PAKN, SKGP đã nhận được: 0, trong đó:", "+ Số PAKN, SKGP đã giải quyết: 0",
                          "+ Số PAKN, SKGP tồn đọng/chưa được tiếp nhận: 0"));
  EXPECT_THAT(block_lines({{{"initiatives", {{"received", 1500}, {"resolved", 1497}}}}}),
              ElementsAre("- Tổng số PAKN, SKGP đã nhận được: 1.500, trong đó:", "+ Số PAKN, SKGP đã giải quyết: 1.497",
                          "+ Số PAKN, SKGP tồn đọng/chưa được tiếp nhận: 3"));
}

std::vector<std::string> plan_lines(const std::string& lead, int completed, int in_progress, const std::string& due = "") {
  json plan = {{"lead", lead}, {"completed", json::array()}, {"in_progress", json::array()}};
  for (int i = 1; i <= completed; ++i) plan["completed"].push_back("Việc " + std::to_string(i) + ".");
  for (int i = 1; i <= in_progress; ++i) plan["in_progress"].push_back("Việc đang làm " + std::to_string(i) + ".");
  if (!due.empty()) plan["in_progress_due"] = due;
  return block_lines({{{"plan_tasks", plan}}});
}

TEST(PeriodicPlanTasks, CompletedOutOfTotal) {
  const std::string lead = "Tính đến thời điểm báo cáo, UBND phường đã nghiêm túc triển khai thực hiện";
  std::vector<std::string> seed = plan_lines(lead, 11, 1, "2025-12");  // seed 001
  ASSERT_EQ(seed.size(), 14u);
  EXPECT_EQ(seed[0], lead + " hoàn thành 11/12 nhiệm vụ gồm:");
  EXPECT_EQ(seed[11], "+ Việc 11.");
  EXPECT_EQ(seed[12], "- 01 nhiệm vụ đang triển khai thực hiện dự kiến hoàn thành trong tháng 12 năm 2025, cụ thể:");
  EXPECT_EQ(seed[13], "+ Việc đang làm 1.");
  EXPECT_THAT(plan_lines(lead, 3, 0), ElementsAre(lead + " hoàn thành 3/3 nhiệm vụ gồm:", "+ Việc 1.", "+ Việc 2.", "+ Việc 3."));
  // Nothing completed: nothing to list; a lead typed with its comma keeps one.
  EXPECT_THAT(plan_lines(lead + ", ", 0, 2),
              ElementsAre(lead + " hoàn thành 0/2 nhiệm vụ.", "- 02 nhiệm vụ đang triển khai thực hiện, cụ thể:",
                          "+ Việc đang làm 1.", "+ Việc đang làm 2."));
}

TEST(PeriodicPlanTasks, InProgressDueInJanuaryHasItsZero) {
  std::vector<std::string> lines = plan_lines("Đã", 1, 12, "2026-01");
  ASSERT_GE(lines.size(), 3u);
  EXPECT_EQ(lines[2], "- 12 nhiệm vụ đang triển khai thực hiện dự kiến hoàn thành trong tháng 01 năm 2026, cụ thể:");
}

// --- Reception desk ---------------------------------------------------------------------------

json seed_reception() {
  return {{"from", "2025-07-01"},
          {"to", "2025-11-06"},
          {"desk", "Trung tâm phục vụ hành chính công phường An Hải"},
          {"received", 11962},
          {"online", 9765},
          {"resolved", 11766},
          {"withdrawn", 96},
          {"overdue", {{{"field", "đất đai"}, {"count", 3}}, {{"field", "hộ tịch"}, {"count", 1}}}},
          {"feedback_received", 26},
          {"feedback_resolved", 26},
          {"explanation", "do đường truyền khó đăng nhập"}};
}

std::string reception_line(const json& reception) {
  std::vector<std::string> lines = block_lines({{{"reception", reception}}});
  EXPECT_EQ(lines.size(), 1u);
  return lines.empty() ? "" : lines[0];
}

TEST(PeriodicReception, SeedFiguresComputedFromCounts) {
  // The seed prints 98,3% and 1,7%: 11.766/11.962 is 98,36…% and 196/11.962 is 1,63…%.
  EXPECT_EQ(reception_line(seed_reception()),
            "Tính từ ngày 01/7 - 06/11/2025, Trung tâm phục vụ hành chính công phường An Hải tiếp nhận 11.962 hồ sơ giải "
            "quyết Thủ tục hành chính (9.765 hồ sơ trực tuyến và 2.197 hồ sơ trực tiếp), đã giải quyết 11.766 hồ sơ (tỷ lệ "
            "98,4%), đang giải quyết 196 hồ sơ (tỷ lệ 1,6%), hồ sơ rút: 96 hồ sơ (0,8%), hồ sơ giải quyết quá hạn: 04 hồ "
            "sơ (lĩnh vực đất đai 03 hồ sơ, hộ tịch 01 hồ sơ); Tiếp nhận 26 kiến nghị, phản ánh; đã giải quyết xong 26 "
            "phản ánh, kiến nghị; tỷ lệ hồ sơ trực tuyến 9.765/11.962 = 81,6% (do đường truyền khó đăng nhập); Không có "
            "hồ sơ chậm tiếp nhận.");
}

TEST(PeriodicReception, EverythingOnlineAndResolved) {
  json r = seed_reception();
  r["online"] = 11962;
  r["resolved"] = 11962;
  r["withdrawn"] = 0;
  r.erase("overdue");
  r.erase("explanation");
  const std::string s = reception_line(r);
  EXPECT_THAT(s, HasSubstr("(11.962 hồ sơ trực tuyến và 0 hồ sơ trực tiếp), đã giải quyết 11.962 hồ sơ (tỷ lệ 100%), đang "
                           "giải quyết 0 hồ sơ (tỷ lệ 0%), hồ sơ rút: 0 hồ sơ (0%), không có hồ sơ giải quyết quá hạn;"));
  EXPECT_THAT(s, HasSubstr("tỷ lệ hồ sơ trực tuyến 11.962/11.962 = 100%; Không có"));
}

TEST(PeriodicReception, NothingReceivedInOneDay) {
  json r = {{"from", "2025-07-01"}, {"to", "2025-07-01"}, {"desk", "Trung tâm phục vụ hành chính công phường"},
            {"received", 0},        {"online", 0},        {"resolved", 0}};
  EXPECT_EQ(reception_line(r),
            "Trong ngày 01/7/2025, Trung tâm phục vụ hành chính công phường chưa tiếp nhận hồ sơ giải quyết thủ tục hành "
            "chính nào; Không tiếp nhận kiến nghị, phản ánh nào; Không có hồ sơ chậm tiếp nhận.");
  r["explanation"] = "(nghỉ lễ)";
  EXPECT_THAT(reception_line(r), HasSubstr("chính nào (nghỉ lễ); Không tiếp nhận"));
}

TEST(PeriodicReception, ThePeriodAcrossTheYearAndOverTwoDays) {
  json r = {{"from", "2024-12-15"}, {"to", "2025-01-06"}, {"desk", "Trung tâm"}, {"received", 0}, {"online", 0}, {"resolved", 0}};
  EXPECT_THAT(reception_line(r), ::testing::StartsWith("Tính từ ngày 15/12/2024 - 06/01/2025, Trung tâm chưa tiếp nhận"));
  r["from"] = "2025-11-05";
  r["to"] = "2025-11-06";
  EXPECT_THAT(reception_line(r), ::testing::StartsWith("Tính từ ngày 05/11 - 06/11/2025, Trung tâm chưa tiếp nhận"));
}

TEST(PeriodicReception, OneOverdueFieldReflectionsPendingAndLateReception) {
  json r = seed_reception();
  r["overdue"] = {{{"field", "hộ tịch"}, {"count", 12}}};
  r["feedback_received"] = 7;
  r["feedback_resolved"] = 5;
  r["late_reception"] = 2;
  r["explanation"] = "(đã khắc phục)";  // brackets typed by the clerk are not doubled
  const std::string s = reception_line(r);
  EXPECT_THAT(s, HasSubstr("hồ sơ giải quyết quá hạn: 12 hồ sơ (lĩnh vực hộ tịch 12 hồ sơ);"));
  EXPECT_THAT(s, HasSubstr("; Tiếp nhận 7 kiến nghị, phản ánh; đã giải quyết xong 5 phản ánh, kiến nghị, đang giải quyết 2 "
                           "phản ánh, kiến nghị;"));
  EXPECT_THAT(s, HasSubstr("= 81,6% (đã khắc phục); Có 02 hồ sơ chậm tiếp nhận."));
}

TEST(PeriodicReception, RatesOfVerySmallAndLargeShares) {
  json r = seed_reception();
  r["received"] = 2000;
  r["online"] = 1;       // 0,05% -> 0,1%
  r["resolved"] = 1999;  // 99,95% would round to 100%: a rate short of the whole says 99,9%; pending 0,05% -> 0,1%
  r["withdrawn"] = 0;
  r.erase("overdue");
  const std::string s = reception_line(r);
  EXPECT_THAT(s, HasSubstr("(1 hồ sơ trực tuyến và 1.999 hồ sơ trực tiếp)"));
  EXPECT_THAT(s, HasSubstr("đã giải quyết 1.999 hồ sơ (tỷ lệ 99,9%), đang giải quyết 1 hồ sơ (tỷ lệ 0,1%)"));
  EXPECT_THAT(s, HasSubstr("tỷ lệ hồ sơ trực tuyến 1/2.000 = 0,1%"));
}

// --- Budget: money in words through the budget lines ---------------------------------------------

TEST(PeriodicBudget, MoneyInWordsTable) {
  const std::string label = "Dự toán ngân sách nhà nước năm 2025";
  const std::vector<std::pair<std::int64_t, std::string>> table = {
      {0, "0đ (Bằng chữ: Không đồng)"},
      {1, "1đ (Bằng chữ: Một đồng)"},
      {5, "5đ (Bằng chữ: Năm đồng)"},
      {10, "10đ (Bằng chữ: Mười đồng)"},
      {11, "11đ (Bằng chữ: Mười một đồng)"},
      {14, "14đ (Bằng chữ: Mười bốn đồng)"},
      {15, "15đ (Bằng chữ: Mười lăm đồng)"},
      {20, "20đ (Bằng chữ: Hai mươi đồng)"},
      {21, "21đ (Bằng chữ: Hai mươi mốt đồng)"},
      {24, "24đ (Bằng chữ: Hai mươi tư đồng)"},
      {25, "25đ (Bằng chữ: Hai mươi lăm đồng)"},
      {100, "100đ (Bằng chữ: Một trăm đồng)"},
      {101, "101đ (Bằng chữ: Một trăm linh một đồng)"},
      {105, "105đ (Bằng chữ: Một trăm linh năm đồng)"},
      {110, "110đ (Bằng chữ: Một trăm mười đồng)"},
      {115, "115đ (Bằng chữ: Một trăm mười lăm đồng)"},
      {999, "999đ (Bằng chữ: Chín trăm chín mươi chín đồng)"},
      {1000, "1.000đ (Bằng chữ: Một nghìn đồng chẵn)"},
      {1005, "1.005đ (Bằng chữ: Một nghìn, không trăm linh năm đồng)"},
      {1015, "1.015đ (Bằng chữ: Một nghìn, không trăm mười lăm đồng)"},
      {1021, "1.021đ (Bằng chữ: Một nghìn, không trăm hai mươi mốt đồng)"},
      {10000, "10.000đ (Bằng chữ: Mười nghìn đồng chẵn)"},
      {15500, "15.500đ (Bằng chữ: Mười lăm nghìn, năm trăm đồng)"},
      {105000, "105.000đ (Bằng chữ: Một trăm linh năm nghìn đồng chẵn)"},
      {1000000, "1.000.000đ (Bằng chữ: Một triệu đồng chẵn)"},
      {1000001, "1.000.001đ (Bằng chữ: Một triệu, không trăm linh một đồng)"},
      {1024000, "1.024.000đ (Bằng chữ: Một triệu, không trăm hai mươi tư nghìn đồng chẵn)"},
      {2996000, "2.996.000đ (Bằng chữ: Hai triệu, chín trăm chín mươi sáu nghìn đồng chẵn)"},
      {820000000, "820.000.000đ (Bằng chữ: Tám trăm hai mươi triệu đồng chẵn)"},  // seed 001
      {1000000000, "1.000.000.000đ (Bằng chữ: Một tỷ đồng chẵn)"},
      {1000000005, "1.000.000.005đ (Bằng chữ: Một tỷ, không trăm linh năm đồng)"},
      {17467000000, "17.467.000.000đ (Bằng chữ: Mười bảy tỷ, bốn trăm sáu mươi bảy triệu đồng chẵn)"},
      {21000024000, "21.000.024.000đ (Bằng chữ: Hai mươi mốt tỷ, không trăm hai mươi tư nghìn đồng chẵn)"},
      {1000000000000, "1.000.000.000.000đ (Bằng chữ: Một nghìn tỷ đồng chẵn)"},
      {999999999999999,  // the schema's maximum
       "999.999.999.999.999đ (Bằng chữ: Chín trăm chín mươi chín nghìn tỷ, chín trăm chín mươi chín tỷ, chín trăm chín "
       "mươi chín triệu, chín trăm chín mươi chín nghìn, chín trăm chín mươi chín đồng)"},
  };
  ASSERT_GE(table.size(), 30u);
  json sources = json::array();
  for (const auto& [amount, phrase] : table) sources.push_back({{"label", label}, {"amount", amount}});
  std::vector<std::string> lines = block_lines({{{"budget", {{"year", 2025}, {"sources", sources}}}}});
  ASSERT_EQ(lines.size(), table.size() + 1);
  EXPECT_EQ(lines[0], "Tổng kinh phí bố trí năm 2025, gồm:");
  for (std::size_t i = 0; i < table.size(); ++i)
    EXPECT_EQ(lines[i + 1], "+ " + label + ": " + table[i].second) << "amount " << table[i].first;
}

TEST(PeriodicBudget, LargestAmountIsTheSchemasMaximum) {
  // The most the template's bang_chu filter spells (10^15 - 1) is what the schema allows.
  json schema = json::parse(vanthu::test::read_file(vanthu::test::source_dir() / "plugins/nq57-periodic/schema.json"));
  EXPECT_EQ(schema["$defs"]["amount"]["maximum"].get<std::int64_t>(), 999'999'999'999'999);
}

TEST(PeriodicBudget, NoAmountReadsKhongCoAndTheLabelsColonIsNotDoubled) {
  std::vector<std::string> lines = block_lines(
      {{{"budget",
         {{"year", 2026},
          {"sources", {{{"label", "Cân đối thêm từ nguồn tăng thu ngân sách trung ương năm 2024"}, {"amount", nullptr}},
                       {{"label", "Dự toán năm 2026: "}, {"amount", 5}}}}}}}});
  EXPECT_THAT(lines, ElementsAre("Tổng kinh phí bố trí năm 2026, gồm:",
                                 "+ Cân đối thêm từ nguồn tăng thu ngân sách trung ương năm 2024: Không có",  // seed 001
                                 "+ Dự toán năm 2026: 5đ (Bằng chữ: Năm đồng)"));
}

TEST(PeriodicBudget, DisbursementWithoutAnAmountReadsChuaCo) {
  std::vector<std::string> lines = block_lines(json::parse(R"([
    {"budget": {"year": 2025, "sources": [{"label": "Dự toán", "amount": null}],
                "disbursement": {"label": "Tình hình giải ngân đến ngày báo cáo:", "amount": null}}}
  ])"));
  EXPECT_THAT(lines, ElementsAre("Tổng kinh phí bố trí năm 2025, gồm:", "+ Dự toán: Không có",
                                 "- Tình hình giải ngân đến ngày báo cáo: chưa có"));
}

TEST(PeriodicBudget, DisbursementWithFormattedTextIsOneRawLineInTheTemplatesWords) {
  // Seed 001: what was spent has italic words; the line reads as the template's plain one.
  json budget = json::parse(R"J({"budget": {"year": 2025, "sources": [{"label": "Dự toán", "amount": 1000000}],
      "disbursement": {"label": "Tình hình giải ngân", "amount": 1000000,
                       "text": {"runs": [{"text": "Mua sắm ("}, {"text": "máy tính", "italic": true}, {"text": ")"}]}}}})J");
  std::vector<std::string> lines = block_lines(json::array({budget}));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2], "- Tình hình giải ngân: Mua sắm (máy tính) với tổng kinh phí: 1.000.000đ (Bằng chữ: Một triệu đồng chẵn)");
  json input = minimal_input();
  input["sections"][0]["content"] = json::array({budget});
  EXPECT_THAT(document_xml(build(input).data), HasSubstr("<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">máy tính</w:t>"));
  budget["budget"]["disbursement"]["text"] = "Mua sắm (máy tính)";
  EXPECT_EQ(block_lines(json::array({budget}))[2], lines[2]);
}

// --- Numbered references --------------------------------------------------------------------

std::string rendered(const std::vector<report::Run>& runs) {
  std::string out;
  for (const auto& r : runs) out += r.superscript ? "^" + r.text : r.text;
  return out;
}

TEST(PeriodicCitedDocuments, SeedEightDocumentsAsSuperscripts) {
  auto runs = cited_documents_runs("Tổng số có bao nhiêu nhiệm vụ được giao; số lượng nhiệm vụ theo",
                                   {"Kế hoạch số 02-KH/BCĐTW, ngày 19/6/2025", "Quy định số 05-QĐ/BCĐTW, ngày 27/8/2025",
                                    "Thông báo số 06-TB/CQTTBCĐ ngày 27/9/2025", "Thông báo số 44-TB/TGV, ngày 12/9/2025",
                                    "Thông báo số 45-TB/TGV, ngày 30/09/2025", "Thông báo số 46-TB/TGV, ngày 30/09/2025",
                                    "Thông báo số 07-TB/CQTTBCĐ, ngày 15/10/2025", "Thông báo số 47-TB/TGV, ngày 17/10/2025"});
  EXPECT_EQ(rendered(runs),
            "Tổng số có bao nhiêu nhiệm vụ được giao; số lượng nhiệm vụ theo 08 văn bản ^(1)Kế hoạch số 02-KH/BCĐTW, ngày "
            "19/6/2025; ^(2)Quy định số 05-QĐ/BCĐTW, ngày 27/8/2025; ^(3)Thông báo số 06-TB/CQTTBCĐ ngày 27/9/2025; "
            "^(4)Thông báo số 44-TB/TGV, ngày 12/9/2025; ^(5)Thông báo số 45-TB/TGV, ngày 30/09/2025; ^(6)Thông báo số "
            "46-TB/TGV, ngày 30/09/2025; ^(7)Thông báo số 07-TB/CQTTBCĐ, ngày 15/10/2025; ^(8)Thông báo số 47-TB/TGV, ngày "
            "17/10/2025.");
  ASSERT_EQ(runs.size(), 17u);
  EXPECT_TRUE(runs[1].superscript);
  EXPECT_FALSE(runs[2].superscript);
  EXPECT_FALSE(runs[0].superscript);
}

TEST(PeriodicCitedDocuments, OneDocumentTenDocumentsAndTypedPunctuation) {
  EXPECT_EQ(rendered(cited_documents_runs("theo", {"Kế hoạch số 02-KH/BCĐTW;"})), "theo 01 văn bản ^(1)Kế hoạch số 02-KH/BCĐTW.");
  std::vector<std::string> ten(10, "Thông báo.");
  std::string s = rendered(cited_documents_runs("theo ", ten));
  EXPECT_THAT(s, HasSubstr("theo 10 văn bản ^(1)Thông báo; ^(2)"));
  EXPECT_THAT(s, HasSubstr("; ^(10)Thông báo."));
  EXPECT_EQ(s.find(".;"), std::string::npos);
}

TEST(PeriodicCitedDocuments, TheParagraphXmlMarksTheNumbersSuperscript) {
  auto runs = cited_documents_runs("theo", {"Kế hoạch số 02-KH/BCĐTW"});
  std::string xml = report::paragraph_xml("Normal", runs);
  EXPECT_THAT(xml, HasSubstr("<w:vertAlign w:val=\"superscript\"/></w:rPr><w:t xml:space=\"preserve\">(1)</w:t>"));
}

// --- The whole report -----------------------------------------------------------------------

TEST(PeriodicReport, NumbersHeadingsAtEveryDepthTheSeedsUse) {
  json input = minimal_input();
  input["sections"] = json::parse(R"([
    {"level": "part", "title": "Công tác lãnh đạo, chỉ đạo", "content": ["Đoạn A."]},
    {"level": "part", "title": "Tình hình, kết quả thực hiện", "sections": [
      {"level": "chapter", "title": "Về công tác chỉ đạo", "sections": [
        {"level": "section", "title": "Thống kê", "text": "Có."},
        {"level": "section", "title": "Nguyên nhân:", "sections": [
          {"level": "heading", "title": "Nguyên nhân khách quan", "content": [{"style": "bullet", "text": "Một."}]},
          {"level": "heading", "title": "Nguyên nhân chủ quan", "content": [{"style": "plus", "text": "Hai."}]}]},
        {"level": "section", "title": "Nguyên nhân", "sections": [
          {"level": "subsection", "title": "Nguyên nhân khách quan:", "content": ["Ba."]},
          {"level": "subsection", "title": "Nguyên nhân chủ quan:", "content": ["Bốn."]}]}]},
      {"level": "chapter", "title": "về chuyển đổi số", "sections": [
        {"level": "section", "title": "Tình hình", "sections": [
          {"level": "item", "title": "Một", "content": ["x"]}, {"level": "item", "title": "Hai", "content": ["x"]},
          {"level": "item", "title": "Ba", "content": ["x"]}, {"level": "item", "title": "Bốn", "content": ["x"]},
          {"level": "item", "title": "Năm", "content": ["x"]}]}]},
      {"level": "chapter", "title": "Kinh phí", "sections": [
        {"level": "dash", "title": "Tình hình giải ngân:", "content": ["Chưa có."]}]}]}
  ])");
  input["conclusion"] = {"Trên đây là báo cáo."};
  EXPECT_THAT(body_lines(input),
              ElementsAre("A. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "Đoạn A.", "B. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", "I. VỀ CÔNG TÁC CHỈ ĐẠO",
                          "1. Thống kê Có.", "2. Nguyên nhân:", "Nguyên nhân khách quan", "- Một.", "Nguyên nhân chủ quan",
                          "+ Hai.", "3. Nguyên nhân", "3.1. Nguyên nhân khách quan:", "Ba.", "3.2. Nguyên nhân chủ quan:", "Bốn.",
                          "II. VỀ CHUYỂN ĐỔI SỐ", "1. Tình hình", "a) Một", "x", "b) Hai", "x", "c) Ba", "x", "d) Bốn", "x",
                          "đ) Năm", "x", "III. KINH PHÍ", "- Tình hình giải ngân:",
                          "Chưa có.", "Trên đây là báo cáo./."));
  // The model: one entry per heading in reading order, its level a flag, its title as typed
  // (no number: the template's heading styles have them); the conclusion an entry without one.
  json sections = build(input).data["sections"];
  ASSERT_EQ(sections.size(), 20u);
  EXPECT_TRUE(sections[0]["part"].get<bool>());
  EXPECT_EQ(sections[0]["title"], "Công tác lãnh đạo, chỉ đạo");
  EXPECT_EQ(sections[3]["text"], "Có.");
  EXPECT_TRUE(sections[5]["heading"].get<bool>());
  EXPECT_FALSE(sections[5]["section"].get<bool>());
  EXPECT_TRUE(sections[8]["subsection"].get<bool>());
  EXPECT_TRUE(sections[12]["item"].get<bool>());
  EXPECT_TRUE(sections[18]["dash"].get<bool>());
  for (const char* level : {"part", "chapter", "section", "subsection", "item", "heading", "dash"})
    EXPECT_FALSE(sections[19][level].get<bool>()) << level;
  // The unnumbered headings are in a style the finisher never numbers.
  const std::string xml = document_xml(build(input).data);
  EXPECT_THAT(xml, HasSubstr("<w:pStyle w:val=\"VanthuHeading\"/></w:pPr><w:r><w:rPr><w:rStyle w:val=\"VanthuHeadingLabel\"/>"
                             "</w:rPr><w:t xml:space=\"preserve\">Nguyên nhân khách quan</w:t>"));
}

TEST(PeriodicReport, EveryEntryAndBlockHasEveryKeyTheTemplateReads) {
  // A key missing in an item would let the template read an outer scope's value of that name.
  json input = json::parse(vanthu::test::read_file(vanthu::test::source_dir() / "samples/nq57-periodic/an-hai-2025-11.json"));
  json sections = build(input).data["sections"];
  const std::vector<std::string> entry_keys = {"chapter", "content", "dash", "heading", "item", "line_xml", "nothing_new",
                                               "nothing_new_on_line", "part", "section", "subsection", "text", "title"};
  const std::vector<std::string> block_keys = {"budget", "initiatives", "label", "marker", "note", "paragraph",
                                               "phases", "plan", "reception", "text", "xml"};
  auto keys = [](const json& object) {
    std::vector<std::string> out;
    for (auto it = object.begin(); it != object.end(); ++it) out.push_back(it.key());
    return out;
  };
  std::size_t blocks = 0;
  for (const json& entry : sections) {
    EXPECT_EQ(keys(entry), entry_keys) << entry.dump();
    for (const json& block : entry["content"]) {
      EXPECT_EQ(keys(block), block_keys) << block.dump();
      ++blocks;
    }
  }
  EXPECT_GT(blocks, 70u);
  // The introduction and the conclusion: entries without a heading, first and last.
  EXPECT_EQ(sections.front()["title"], "");
  EXPECT_THAT(sections.back()["content"][0]["text"].get<std::string>(), ::testing::StartsWith("Trên đây là báo cáo"));
}

TEST(PeriodicReport, AnEmptyHeadingSaysNothingNewInAParagraphOfItsOwn) {
  json input = minimal_input();
  input["sections"] = json::parse(R"([
    {"level": "part", "title": "Phần trống"},
    {"level": "part", "title": "Phần có mục", "sections": [
      {"level": "chapter", "title": "Mục trống", "content": []},
      {"level": "chapter", "title": "Mục chỉ có chuỗi rỗng", "content": ["  "], "text": ""}]}
  ])");
  EXPECT_THAT(body_lines(input), ElementsAre("A. PHẦN TRỐNG", "Không phát sinh nội dung mới.", "B. PHẦN CÓ MỤC", "I. MỤC TRỐNG",
                                             "Không phát sinh nội dung mới.", "II. MỤC CHỈ CÓ CHUỖI RỖNG",
                                             "Không phát sinh nội dung mới./."));
  // After a heading that ends in a colon, it stays on the heading's line.
  input["sections"] = json::parse(R"([{"level": "section", "title": "Kết quả:", "content": []}])");
  EXPECT_THAT(body_lines(input), ElementsAre("1. Kết quả: Không phát sinh nội dung mới./."));
  EXPECT_TRUE(build(input).data["sections"][0]["nothing_new_on_line"].get<bool>());
  EXPECT_FALSE(build(input).data["sections"][0]["nothing_new"].get<bool>());
}

TEST(PeriodicReport, RichInlineTextKeepsTheHeadingBoldAndTheReferencesSuperscript) {
  json input = minimal_input();
  input["sections"][0]["sections"] = json::parse(R"([
    {"level": "section", "title": "Thống kê các nhiệm vụ thực hiện:",
     "text": {"cited_documents": {"lead": "theo", "documents": ["Kế hoạch số 02-KH/BCĐTW", "Quy định số 05-QĐ/BCĐTW"]}},
     "sections": [
       {"level": "item", "title": "Việc cung cấp:", "text": {"runs": [{"text": "chữ "}, {"text": "nghiêng", "italic": true}]}}]}
  ])");
  EXPECT_THAT(body_lines(input),
              ElementsAre("I. CÔNG TÁC LÃNH ĐẠO", "Đoạn một.",
                          "1. Thống kê các nhiệm vụ thực hiện: theo 02 văn bản (1)Kế hoạch số 02-KH/BCĐTW; (2)Quy định số "
                          "05-QĐ/BCĐTW.",
                          "a) Việc cung cấp: chữ nghiêng./."));
  // The line is a raw paragraph in the heading's "…Text" style, its title without a number.
  json sections = build(input).data["sections"];
  const std::string line = sections[1]["line_xml"];
  EXPECT_THAT(line, HasSubstr("<w:pStyle w:val=\"VanthuSectionText\"/>"));
  EXPECT_THAT(line, HasSubstr("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">Thống kê các nhiệm vụ thực hiện: </w:t>"));
  EXPECT_THAT(line, HasSubstr("<w:vertAlign w:val=\"superscript\"/></w:rPr><w:t xml:space=\"preserve\">(2)</w:t>"));
  EXPECT_EQ(sections[1]["text"], "");
  // In the document the number goes into the bold title; an item's title is italic.
  const std::string xml = document_xml(build(input).data);
  EXPECT_THAT(xml, HasSubstr("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">1. Thống kê các nhiệm vụ thực hiện: </w:t>"));
  EXPECT_THAT(xml, HasSubstr("<w:pStyle w:val=\"VanthuItemText\"/>"));
  EXPECT_THAT(xml, HasSubstr("<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">a) Việc cung cấp: </w:t>"));
}

TEST(PeriodicReport, TheLastParagraphClosesTheTextAndKeepsWithTheSignature) {
  // Whatever the last block is, it ends with "./." and keeps with the signature block.
  const std::vector<std::pair<json, std::string>> cases = {
      {"Trên đây là báo cáo.", "Trên đây là báo cáo./."},
      {{{"style", "bullet"}, {"text", "Một việc;"}}, "- Một việc./."},
      {{{"style", "plus"}, {"text", "Hai việc"}}, "+ Hai việc./."},
      {{{"style", "note"}, {"text", "(Ghi chú)"}}, "(Ghi chú)./."},
      {{{"label", "Về hạ tầng"}, {"text", ""}}, "Về hạ tầng: Không phát sinh nội dung mới./."},
      {{{"runs", json::array({{{"text", "nghiêng"}, {"italic", true}}})}}, "nghiêng./."},
  };
  for (const auto& [block, last] : cases) {
    SCOPED_TRACE(block.dump());
    json input = minimal_input();
    input["sections"][0]["content"] = json::array({block});
    const std::string xml = document_xml(build(input).data);
    std::vector<std::string> lines = lines_of(xml);
    ASSERT_EQ(lines.size(), 2u);
    EXPECT_EQ(lines[1], last);
    // keepNext on the closing paragraph (the heading's style has its own, in styles.xml).
    const std::size_t mark = xml.find("./.");
    ASSERT_NE(mark, std::string::npos);
    const std::size_t paragraph = xml.rfind("<w:p>", mark);
    EXPECT_NE(xml.substr(paragraph, mark - paragraph).find("<w:keepNext/>"), std::string::npos);
    EXPECT_EQ(xml.find("./.", mark + 1), std::string::npos);
  }
  // An empty heading at the very end.
  json input = minimal_input();
  input["sections"][0]["content"] = json::array();
  EXPECT_THAT(body_lines(input), ElementsAre("I. CÔNG TÁC LÃNH ĐẠO", "Không phát sinh nội dung mới./."));
}

TEST(PeriodicReport, DerivedBlocksInTheirListStyles) {
  json input = minimal_input();
  input["sections"][0]["content"] = json::parse(R"([
    {"task_phases": {"phases": [{"assigned": 2, "completed_on_time": 1, "completed_late": 0, "overdue": 0},
                                {"name": "Giai đoạn bổ sung", "assigned": 0, "completed_on_time": 0, "completed_late": 0, "overdue": 0}]}},
    {"initiatives": {"received": 3, "resolved": 1}},
    {"plan_tasks": {"lead": "UBND phường đã", "completed": ["Việc một."], "in_progress": ["Việc hai."], "in_progress_due": "2025-12"}},
    {"budget": {"year": 2025, "sources": [{"label": "Dự toán", "amount": 820000000}, {"label": "Nguồn khác", "amount": null}],
                "disbursement": {"label": "Tình hình giải ngân đến ngày báo cáo", "text": "Mua sắm", "amount": 1000000}}},
    {"style": "bullet", "runs": [{"text": "Có "}, {"text": "nghiêng", "italic": true}]},
    {"label": "Về hạ tầng", "text": ""}
  ])");
  EXPECT_THAT(body_lines(input),
              ElementsAre("I. CÔNG TÁC LÃNH ĐẠO", "- Giai đoạn 1: Ủy ban nhân dân phường được giao 2 nhiệm vụ",
                          "+ Số nhiệm vụ đã hoàn thành 1/2, tỷ lệ 50%, trong đó: số nhiệm vụ hoàn thành đúng hạn 1, số nhiệm vụ hoàn "
                          "thành quá hạn 0.",
                          "+ Số nhiệm vụ đang thực hiện đúng hạn 1, tỷ lệ 50%.", "+ Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0%.",
                          "- Giai đoạn bổ sung: Ủy ban nhân dân phường chưa được giao nhiệm vụ",
                          "- Tổng số PAKN, SKGP đã nhận được: 3, trong đó:", "+ Số PAKN, SKGP đã giải quyết: 1",
                          "+ Số PAKN, SKGP tồn đọng/chưa được tiếp nhận: 2", "UBND phường đã hoàn thành 1/2 nhiệm vụ gồm:",
                          "+ Việc một.", "- 01 nhiệm vụ đang triển khai thực hiện dự kiến hoàn thành trong tháng 12 năm 2025, cụ thể:",
                          "+ Việc hai.", "Tổng kinh phí bố trí năm 2025, gồm:",
                          "+ Dự toán: 820.000.000đ (Bằng chữ: Tám trăm hai mươi triệu đồng chẵn)", "+ Nguồn khác: Không có",
                          "- Tình hình giải ngân đến ngày báo cáo: Mua sắm với tổng kinh phí: 1.000.000đ (Bằng chữ: Một triệu đồng chẵn)",
                          "- Có nghiêng", "Về hạ tầng: Không phát sinh nội dung mới./."));
  // The phase heading is italic after its dash, as seed 001 prints it.
  EXPECT_THAT(document_xml(build(input).data),
              HasSubstr("<w:r><w:t xml:space=\"preserve\">- </w:t></w:r><w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Giai đoạn 1:"));
}

TEST(PeriodicReport, AClerksRewordedTemplate) {
  // The clerk adds a chapter of the ward's own before the outline's, rewords the budget's
  // sentence and the empty heading's: the outline's chapters number on from it.
  std::string docx = pack_built_in([](std::string& xml) {
    auto replace = [&](const std::string& from, const std::string& to) {
      const std::size_t at = xml.find(from);
      ASSERT_NE(at, std::string::npos) << from;
      xml.replace(at, from.size(), to);
    };
    replace("<w:p><w:r><w:t>{#sections}</w:t></w:r></w:p>",
            "<w:p><w:pPr><w:pStyle w:val=\"VanthuChapter\"/></w:pPr><w:r><w:t>ĐẶC ĐIỂM TÌNH HÌNH</w:t></w:r></w:p>"
            "<w:p><w:r><w:t>Phường có 70 tổ dân phố.</w:t></w:r></w:p><w:p><w:r><w:t>{#sections}</w:t></w:r></w:p>");
    replace("Tổng kinh phí bố trí năm {year}, gồm:", "Kinh phí năm {year}:");
    replace("<w:p><w:r><w:t>Không phát sinh nội dung mới.</w:t></w:r></w:p>", "<w:p><w:r><w:t>Chưa có kết quả.</w:t></w:r></w:p>");
  });
  std::shared_ptr<const Template> reworded = Template::parse(docx);
  json input = minimal_input();
  input["sections"] = json::parse(R"([
    {"level": "chapter", "title": "Công tác lãnh đạo", "content": [{"budget": {"year": 2025, "sources": [{"label": "Dự toán", "amount": 5}]}}]},
    {"level": "chapter", "title": "Kinh phí"}
  ])");
  EXPECT_THAT(lines_of(document_xml(build(input).data, *reworded)),
              ElementsAre("I. ĐẶC ĐIỂM TÌNH HÌNH", "Phường có 70 tổ dân phố.", "II. CÔNG TÁC LÃNH ĐẠO", "Kinh phí năm 2025:",
                          "+ Dự toán: 5đ (Bằng chữ: Năm đồng)", "III. KINH PHÍ", "Chưa có kết quả./."));
}

TEST(PeriodicReport, HeaderClosingAndMetadata) {
  plugin::Model model = build(minimal_input());
  EXPECT_EQ(model.data["number_line"], "Số:      /BC-UBND");
  EXPECT_EQ(model.data["place_date_line"], "An Hải, ngày      tháng 11 năm 2025");
  EXPECT_EQ(model.data["issuer_name"], "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI");
  // Symbols keep their hyphen on one line: U+2011, written as w:noBreakHyphen.
  EXPECT_EQ(model.data["subject"], "Kết quả thực hiện Nghị quyết số 57\u2011NQ/TW");
  EXPECT_EQ(model.data["recipients"], json({"- UBKT Đảng ủy phường;", "- Lưu: VT, VHXX."}));
  EXPECT_EQ(model.data["signature_lines"], json({"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}));
  EXPECT_EQ(model.data["signer"], "Nguyễn Thế Đức");
  EXPECT_EQ(model.data["unit"], "phường");
  EXPECT_FALSE(model.data.contains("body"));
  EXPECT_EQ(model.meta["creator"], "ỦY BAN NHÂN DÂN PHƯỜNG AN HẢI");
  EXPECT_EQ(model.meta["created"], "2025-11-01T00:00:00Z");
  EXPECT_EQ(model.meta["file_name"], "Báo cáo NQ57 An Hải tháng 11.2025.docx");

  json input = minimal_input();
  input["document"] = {{"number", 7}, {"date", "2026-02-05"}};
  model = build(input);
  EXPECT_EQ(model.data["number_line"], "Số: 07/BC-UBND");
  EXPECT_EQ(model.data["place_date_line"], "An Hải, ngày 05 tháng 02 năm 2026");
  EXPECT_EQ(model.meta["file_name"], "Báo cáo NQ57 An Hải 05.02.2026.docx");
  input["document"] = {{"date", "2025"}};
  model = build(input);
  EXPECT_EQ(model.data["place_date_line"], "An Hải, ngày      tháng      năm 2025");
  EXPECT_EQ(model.meta["created"], "2025-01-01T00:00:00Z");
  EXPECT_EQ(model.meta["file_name"], "Báo cáo NQ57 An Hải năm 2025.docx");
}

TEST(PeriodicReport, BothSamplesRenderWithEveryValue) {
  for (const char* sample : {"an-hai-2025-11.json", "hong-bang-2025.json"}) {
    SCOPED_TRACE(sample);
    json input = json::parse(vanthu::test::read_file(vanthu::test::source_dir() / "samples/nq57-periodic" / sample));
    plugin::Model model;
    ASSERT_NO_THROW(model = build(input));
    std::vector<std::string> lines = lines_of(document_xml(model.data));
    EXPECT_GT(lines.size(), 20u);
    ASSERT_FALSE(lines.empty());
    EXPECT_THAT(lines.back(), ::testing::EndsWith("./."));
  }
}

// --- Semantic checks: 422 with paths ------------------------------------------------------------

Problems problems_of(const json& input) { return test::problems_thrown(build, input); }

MATCHER_P2(IsProblem, path, code, "") { return arg.path == path && arg.code == code && !arg.message.empty(); }

TEST(PeriodicChecks, DateNotOnTheCalendar) {
  json input = minimal_input();
  input["document"]["date"] = "2025-02-29";
  EXPECT_THAT(problems_of(input), ElementsAre(IsProblem("/document/date", "invalid_date")));
}

TEST(PeriodicChecks, HeadingLevelsMustNestAndSiblingsAgree) {
  json input = minimal_input();
  input["sections"] = json::parse(R"([
    {"level": "chapter", "title": "I", "sections": [
      {"level": "part", "title": "A trong I"},
      {"level": "subsection", "title": "1.1 ngoài khoản"}]},
    {"level": "part", "title": "Phần lẫn với mục"},
    {"level": "chapter", "title": "II", "sections": [
      {"level": "section", "title": "1", "sections": [
        {"level": "heading", "title": "Không số", "sections": [{"level": "item", "title": "a"}]}]}]}
  ])");
  EXPECT_THAT(problems_of(input), ElementsAre(IsProblem("/sections/0/sections/0/level", "heading_level"),
                                              IsProblem("/sections/0/sections/1/level", "heading_level"),
                                              IsProblem("/sections/1/level", "mixed_heading_levels"),
                                              IsProblem("/sections/2/sections/0/sections/0/sections", "unnumbered_with_sections")));
}

TEST(PeriodicChecks, AnOutlineDeeperThanSixLevelsStops) {
  json chain = {{"level", "chapter"}, {"title", "7"}};
  for (int i = 6; i >= 1; --i) chain = {{"level", "chapter"}, {"title", std::to_string(i)}, {"sections", json::array({chain})}};
  json input = minimal_input();
  input["sections"] = json::array({chain});
  Problems problems = problems_of(input);
  ASSERT_EQ(problems.size(), 6u);
  std::string path = "/sections/0";
  for (int i = 0; i < 5; ++i) {
    path += "/sections/0";
    EXPECT_THAT(problems[static_cast<std::size_t>(i)], IsProblem(path + "/level", "heading_level"));
  }
  EXPECT_THAT(problems[5], IsProblem(path + "/sections", "too_deep"));
}

TEST(PeriodicChecks, TooManyLetteredItems) {
  json input = minimal_input();
  json items = json::array();
  for (int i = 0; i < 24; ++i) items.push_back({{"level", "item"}, {"title", "điểm"}});
  input["sections"][0]["sections"] = items;
  EXPECT_THAT(problems_of(input), ElementsAre(IsProblem("/sections/0/sections/23", "too_many_headings")));
  items.erase(items.end() - 1);
  input["sections"][0]["sections"] = items;
  EXPECT_TRUE(problems_of(input).empty());  // a) … y): 23 letters
}

TEST(PeriodicChecks, ABlockHasExactlyOneKind) {
  json input = minimal_input();
  input["sections"][0]["content"] = json::parse(R"([
    {"style": "bullet"},
    {"text": "a", "initiatives": {"received": 1, "resolved": 1}},
    {"label": "Nhãn", "runs": [{"text": "x"}]},
    {"label": "  ", "text": "x"}
  ])");
  input["sections"][0]["text"] = json::object();
  EXPECT_THAT(problems_of(input),
              ElementsAre(IsProblem("/sections/0/text", "block_kind"), IsProblem("/sections/0/content/0", "block_kind"),
                          IsProblem("/sections/0/content/1", "block_kind"), IsProblem("/sections/0/content/2/label", "block_kind"),
                          IsProblem("/sections/0/content/3/label", "required")));
}

TEST(PeriodicChecks, CountsThatDoNotAddUp) {
  json input = minimal_input();
  input["sections"][0]["content"] = json::parse(R"([
    {"task_phases": {"phases": [{"assigned": 16, "completed_on_time": 16, "completed_late": 0, "overdue": 0},
                                {"assigned": 16, "completed_on_time": 10, "completed_late": 4, "overdue": 3}]}},
    {"initiatives": {"received": 2, "resolved": 3}},
    {"plan_tasks": {"lead": "Đã"}},
    {"plan_tasks": {"lead": "Đã", "completed": ["x"], "in_progress_due": "2025-12"}},
    {"plan_tasks": {"lead": "Đã", "in_progress": ["x"], "in_progress_due": "2025-10"}},
    {"budget": {"year": 2025, "sources": [{"label": "Dự toán", "amount": 100}, {"label": "Khác", "amount": null}],
                "disbursement": {"label": "Giải ngân", "amount": 101}}}
  ])");
  EXPECT_THAT(problems_of(input), ElementsAre(IsProblem("/sections/0/content/0/task_phases/phases/1/assigned", "inconsistent_total"),
                                              IsProblem("/sections/0/content/1/initiatives/resolved", "inconsistent_total"),
                                              IsProblem("/sections/0/content/2/plan_tasks/completed", "required"),
                                              IsProblem("/sections/0/content/3/plan_tasks/in_progress_due", "inconsistent"),
                                              IsProblem("/sections/0/content/4/plan_tasks/in_progress_due", "due_before_report"),
                                              IsProblem("/sections/0/content/5/budget/disbursement/amount", "inconsistent_total")));
  // At the edge: everything accounted for, disbursement equal to the allocation.
  input["sections"][0]["content"] = json::parse(R"([
    {"task_phases": {"phases": [{"assigned": 17, "completed_on_time": 10, "completed_late": 4, "overdue": 3}]}},
    {"initiatives": {"received": 3, "resolved": 3}},
    {"plan_tasks": {"lead": "Đã", "in_progress": ["x"], "in_progress_due": "2025-11"}},
    {"budget": {"year": 2025, "sources": [{"label": "Dự toán", "amount": 100}], "disbursement": {"label": "Giải ngân", "amount": 100}}}
  ])");
  EXPECT_TRUE(problems_of(input).empty());
}

TEST(PeriodicChecks, ReceptionFiguresThatDoNotAddUp) {
  json input = minimal_input();
  json reception = {{"from", "2025-07-01"}, {"to", "2025-11-06"}, {"desk", "Trung tâm"}, {"received", 100},
                    {"online", 101},        {"resolved", 102},    {"withdrawn", 103},     {"overdue", json::array({{{"field", "đất đai"}, {"count", 60}}, {{"field", "hộ tịch"}, {"count", 41}}})},
                    {"feedback_received", 2}, {"feedback_resolved", 3}, {"late_reception", 104}};
  input["sections"][0]["content"] = json::array({{{"reception", reception}}});
  const std::string at = "/sections/0/content/0/reception/";
  EXPECT_THAT(problems_of(input),
              ElementsAre(IsProblem(at + "online", "inconsistent_total"), IsProblem(at + "resolved", "inconsistent_total"),
                          IsProblem(at + "withdrawn", "inconsistent_total"), IsProblem(at + "overdue", "inconsistent_total"),
                          IsProblem(at + "late_reception", "inconsistent_total"),
                          IsProblem(at + "feedback_resolved", "inconsistent_total")));

  reception = {{"from", "2025-07-01"}, {"to", "2025-06-30"}, {"desk", "Trung tâm"}, {"received", 0}, {"online", 0}, {"resolved", 0}};
  input["sections"][0]["content"] = json::array({{{"reception", reception}}});
  EXPECT_THAT(problems_of(input), ElementsAre(IsProblem(at + "to", "inconsistent_period")));
  reception["to"] = "2025-12-01";  // after November, the report's month
  input["sections"][0]["content"] = json::array({{{"reception", reception}}});
  EXPECT_THAT(problems_of(input), ElementsAre(IsProblem(at + "to", "date_after_report")));
  reception["to"] = "2025-11-30";  // the last day the report can bear
  reception["received"] = 5;
  reception["online"] = 5;
  reception["resolved"] = 5;
  reception["withdrawn"] = 5;
  reception["late_reception"] = 5;
  input["sections"][0]["content"] = json::array({{{"reception", reception}}});
  EXPECT_TRUE(problems_of(input).empty());
}

TEST(PeriodicChecks, EveryProblemAtOnce) {
  json input = minimal_input();
  input["document"]["date"] = "2025-04-31";
  input["sections"][0]["content"] = json::parse(R"([{"initiatives": {"received": 0, "resolved": 1}}, {}])");
  input["conclusion"] = json::parse(R"([{"text": "x", "runs": [{"text": "y"}]}])");
  EXPECT_THAT(problems_of(input), ElementsAre(IsProblem("/document/date", "invalid_date"),
                                              IsProblem("/sections/0/content/0/initiatives/resolved", "inconsistent_total"),
                                              IsProblem("/sections/0/content/1", "block_kind"),
                                              IsProblem("/conclusion/0", "block_kind")));
}

}  // namespace
}  // namespace vanthu::nq57_periodic
