//! nq57-periodic (plugins/nq57-periodic/periodic.hpp): every phrase the report derives from
//! counts, at its edges; the budget sentence with money in words over a table of amounts; the
//! outline's numbering at every depth the seeds use; the semantic checks (422) with their paths.
#include "rules.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

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

TEST(PeriodicFiguresPeriod, SameYearDifferentYearsOneDay) {
  EXPECT_EQ(figures_period({2025, 7, 1}, {2025, 11, 6}), "Tính từ ngày 01/7 - 06/11/2025");  // seed 001
  EXPECT_EQ(figures_period({2024, 12, 15}, {2025, 1, 6}), "Tính từ ngày 15/12/2024 - 06/01/2025");
  EXPECT_EQ(figures_period({2025, 11, 6}, {2025, 11, 6}), "Trong ngày 06/11/2025");
  EXPECT_EQ(figures_period({2025, 11, 5}, {2025, 11, 6}), "Tính từ ngày 05/11 - 06/11/2025");
}

TEST(PeriodicMonthPhrase, LeadingZeroForJanuaryAndFebruaryOnly) {
  EXPECT_EQ(month_phrase(2025, 12), "tháng 12 năm 2025");
  EXPECT_EQ(month_phrase(2026, 1), "tháng 01 năm 2026");
  EXPECT_EQ(month_phrase(2026, 2), "tháng 02 năm 2026");
  EXPECT_EQ(month_phrase(2026, 3), "tháng 3 năm 2026");
}

// --- Task statistics by phase ---------------------------------------------------------------

TEST(PeriodicPhaseText, SeedPhaseOneAllCompletedOnTime) {
  // Seed 001 prints "đang thực hiện đúng hạn 16, tỷ lệ 100%" next to "hoàn thành 16/16": its own
  // counts leave none in progress, and the computed value is what the report says.
  PhaseText t = phase_text({"Giai đoạn 1", 16, 16, 0, 0}, "Ủy ban nhân dân phường");
  EXPECT_EQ(t.heading, "Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ");
  EXPECT_THAT(t.details,
              ElementsAre("Số nhiệm vụ đã hoàn thành 16/16, tỷ lệ 100%, trong đó: số nhiệm vụ hoàn thành đúng hạn 16, số "
                          "nhiệm vụ hoàn thành quá hạn 0.",
                          "Số nhiệm vụ đang thực hiện đúng hạn 0, tỷ lệ 0%.", "Số nhiệm vụ quá hạn chưa hoàn thành 0, tỷ lệ 0%."));
}

TEST(PeriodicPhaseText, InProgressIsWhatIsNeitherCompletedNorOverdue) {
  PhaseText t = phase_text({"Giai đoạn 2", 34, 20, 3, 5}, "Ủy ban nhân dân phường");
  EXPECT_THAT(t.details,
              ElementsAre("Số nhiệm vụ đã hoàn thành 23/34, tỷ lệ 67,6%, trong đó: số nhiệm vụ hoàn thành đúng hạn 20, số "
                          "nhiệm vụ hoàn thành quá hạn 3.",
                          "Số nhiệm vụ đang thực hiện đúng hạn 6, tỷ lệ 17,6%.",
                          "Số nhiệm vụ quá hạn chưa hoàn thành 5, tỷ lệ 14,7%."));
}

TEST(PeriodicPhaseText, RatesRoundHalfAwayFromZeroToOneDecimal) {
  // 1/3 = 33,33…% and 2/3 = 66,66…%; 1/8 = 12,5% exactly; 1/16 = 6,25% -> 6,3%.
  PhaseText thirds = phase_text({"Giai đoạn 1", 3, 1, 0, 2}, "UBND phường");
  EXPECT_THAT(thirds.details[0], HasSubstr("1/3, tỷ lệ 33,3%,"));
  EXPECT_THAT(thirds.details[2], HasSubstr(" 2, tỷ lệ 66,7%."));
  PhaseText eighth = phase_text({"Giai đoạn 1", 8, 1, 0, 0}, "UBND phường");
  EXPECT_THAT(eighth.details[0], HasSubstr("1/8, tỷ lệ 12,5%,"));
  EXPECT_THAT(eighth.details[1], HasSubstr(" 7, tỷ lệ 87,5%."));
  PhaseText sixteenth = phase_text({"Giai đoạn 1", 16, 1, 0, 0}, "UBND phường");
  EXPECT_THAT(sixteenth.details[0], HasSubstr("1/16, tỷ lệ 6,3%,"));
  EXPECT_THAT(sixteenth.details[1], HasSubstr(" 15, tỷ lệ 93,8%."));
}

TEST(PeriodicPhaseText, EverythingOverdue) {
  PhaseText t = phase_text({"Giai đoạn 3", 4, 0, 0, 4}, "UBND phường");
  EXPECT_THAT(t.details, ElementsAre("Số nhiệm vụ đã hoàn thành 0/4, tỷ lệ 0%, trong đó: số nhiệm vụ hoàn thành đúng hạn 0, số "
                                     "nhiệm vụ hoàn thành quá hạn 0.",
                                     "Số nhiệm vụ đang thực hiện đúng hạn 0, tỷ lệ 0%.",
                                     "Số nhiệm vụ quá hạn chưa hoàn thành 4, tỷ lệ 100%."));
}

TEST(PeriodicPhaseText, NothingAssignedSaysSoWithoutRates) {
  PhaseText t = phase_text({"Giai đoạn 3", 0, 0, 0, 0}, "Ủy ban nhân dân phường");
  EXPECT_EQ(t.heading, "Giai đoạn 3: Ủy ban nhân dân phường chưa được giao nhiệm vụ");
  EXPECT_TRUE(t.details.empty());
}

TEST(PeriodicPhaseText, ThousandsAreGroupedAndTheAssigneeDefaults) {
  PhaseText t = phase_text({"Giai đoạn 1", 1200, 1200, 0, 0}, "  ");
  EXPECT_EQ(t.heading, "Giai đoạn 1: Ủy ban nhân dân phường được giao 1.200 nhiệm vụ");
  EXPECT_THAT(t.details[0], HasSubstr("1.200/1.200, tỷ lệ 100%"));
}

// --- Initiatives, plan tasks ------------------------------------------------------------------

TEST(PeriodicInitiativesLines, SeedZeroesAndABacklog) {
  EXPECT_THAT(initiatives_lines(0, 0), ElementsAre("Tổng số PAKN, SKGP đã nhận được: 0, trong đó:", "Số PAKN, SKGP đã giải quyết: 0",
                                                   "Số PAKN, SKGP tồn đọng/chưa được tiếp nhận: 0"));
  EXPECT_THAT(initiatives_lines(1500, 1497), ElementsAre("Tổng số PAKN, SKGP đã nhận được: 1.500, trong đó:",
                                                         "Số PAKN, SKGP đã giải quyết: 1.497",
                                                         "Số PAKN, SKGP tồn đọng/chưa được tiếp nhận: 3"));
}

TEST(PeriodicPlanPhrases, CompletedOutOfTotal) {
  const std::string lead = "Tính đến thời điểm báo cáo, UBND phường đã nghiêm túc triển khai thực hiện";
  EXPECT_EQ(plan_completed_phrase(lead, 11, 12), lead + " hoàn thành 11/12 nhiệm vụ gồm:");  // seed 001
  EXPECT_EQ(plan_completed_phrase(lead, 3, 3), lead + " hoàn thành 3/3 nhiệm vụ gồm:");
  EXPECT_EQ(plan_completed_phrase(lead, 0, 2), lead + " hoàn thành 0/2 nhiệm vụ.");  // nothing to list
  EXPECT_EQ(plan_completed_phrase(lead + ", ", 1, 1), lead + " hoàn thành 1/1 nhiệm vụ gồm:");
}

TEST(PeriodicPlanPhrases, InProgressWithAndWithoutADueMonth) {
  EXPECT_EQ(plan_in_progress_phrase(1, std::make_pair(2025, 12)),
            "01 nhiệm vụ đang triển khai thực hiện dự kiến hoàn thành trong tháng 12 năm 2025, cụ thể:");  // seed 001
  EXPECT_EQ(plan_in_progress_phrase(12, std::make_pair(2026, 1)),
            "12 nhiệm vụ đang triển khai thực hiện dự kiến hoàn thành trong tháng 01 năm 2026, cụ thể:");
  EXPECT_EQ(plan_in_progress_phrase(2, std::nullopt), "02 nhiệm vụ đang triển khai thực hiện, cụ thể:");
}

// --- Reception desk ---------------------------------------------------------------------------

Reception seed_reception() {
  Reception r;
  r.from = {2025, 7, 1};
  r.to = {2025, 11, 6};
  r.desk = "Trung tâm phục vụ hành chính công phường An Hải";
  r.received = 11962;
  r.online = 9765;
  r.resolved = 11766;
  r.withdrawn = 96;
  r.overdue = {{"đất đai", 3}, {"hộ tịch", 1}};
  r.feedback_received = 26;
  r.feedback_resolved = 26;
  r.explanation = "do đường truyền khó đăng nhập";
  return r;
}

TEST(PeriodicReceptionSentence, SeedFiguresComputedFromCounts) {
  // The seed prints 98,3% and 1,7%: 11.766/11.962 is 98,36…% and 196/11.962 is 1,63…%.
  EXPECT_EQ(reception_sentence(seed_reception()),
            "Tính từ ngày 01/7 - 06/11/2025, Trung tâm phục vụ hành chính công phường An Hải tiếp nhận 11.962 hồ sơ giải "
            "quyết Thủ tục hành chính (9.765 hồ sơ trực tuyến và 2.197 hồ sơ trực tiếp), đã giải quyết 11.766 hồ sơ (tỷ lệ "
            "98,4%), đang giải quyết 196 hồ sơ (tỷ lệ 1,6%), hồ sơ rút: 96 hồ sơ (0,8%), hồ sơ giải quyết quá hạn: 04 hồ "
            "sơ (lĩnh vực đất đai 03 hồ sơ, hộ tịch 01 hồ sơ); Tiếp nhận 26 kiến nghị, phản ánh; đã giải quyết xong 26 "
            "phản ánh, kiến nghị; tỷ lệ hồ sơ trực tuyến 9.765/11.962 = 81,6% (do đường truyền khó đăng nhập); Không có "
            "hồ sơ chậm tiếp nhận.");
}

TEST(PeriodicReceptionSentence, EverythingOnlineAndResolved) {
  Reception r = seed_reception();
  r.online = r.received;
  r.resolved = r.received;
  r.withdrawn = 0;
  r.overdue.clear();
  r.explanation.clear();
  const std::string s = reception_sentence(r);
  EXPECT_THAT(s, HasSubstr("(11.962 hồ sơ trực tuyến và 0 hồ sơ trực tiếp), đã giải quyết 11.962 hồ sơ (tỷ lệ 100%), đang "
                           "giải quyết 0 hồ sơ (tỷ lệ 0%), hồ sơ rút: 0 hồ sơ (0%), không có hồ sơ giải quyết quá hạn;"));
  EXPECT_THAT(s, HasSubstr("tỷ lệ hồ sơ trực tuyến 11.962/11.962 = 100%; Không có"));
}

TEST(PeriodicReceptionSentence, NothingReceived) {
  Reception r;
  r.from = {2025, 7, 1};
  r.to = {2025, 7, 1};
  r.desk = "Trung tâm phục vụ hành chính công phường";
  EXPECT_EQ(reception_sentence(r),
            "Trong ngày 01/7/2025, Trung tâm phục vụ hành chính công phường chưa tiếp nhận hồ sơ giải quyết thủ tục hành "
            "chính nào; Không tiếp nhận kiến nghị, phản ánh nào; Không có hồ sơ chậm tiếp nhận.");
  r.explanation = "(nghỉ lễ)";
  EXPECT_THAT(reception_sentence(r), HasSubstr("chính nào (nghỉ lễ); Không tiếp nhận"));
}

TEST(PeriodicReceptionSentence, OneOverdueFieldReflectionsPendingAndLateReception) {
  Reception r = seed_reception();
  r.overdue = {{"hộ tịch", 12}};
  r.feedback_received = 7;
  r.feedback_resolved = 5;
  r.late_reception = 2;
  r.explanation = "(đã khắc phục)";  // brackets typed by the clerk are not doubled
  const std::string s = reception_sentence(r);
  EXPECT_THAT(s, HasSubstr("hồ sơ giải quyết quá hạn: 12 hồ sơ (lĩnh vực hộ tịch 12 hồ sơ);"));
  EXPECT_THAT(s, HasSubstr("; Tiếp nhận 7 kiến nghị, phản ánh; đã giải quyết xong 5 phản ánh, kiến nghị, đang giải quyết 2 "
                           "phản ánh, kiến nghị;"));
  EXPECT_THAT(s, HasSubstr("= 81,6% (đã khắc phục); Có 02 hồ sơ chậm tiếp nhận."));
}

TEST(PeriodicReceptionSentence, RatesOfVerySmallAndLargeShares) {
  Reception r = seed_reception();
  r.received = 2000;
  r.online = 1;       // 0,05% -> 0,1%
  r.resolved = 1999;  // 99,95% would round to 100%: a rate short of the whole says 99,9%; pending 0,05% -> 0,1%
  r.withdrawn = 0;
  r.overdue.clear();
  const std::string s = reception_sentence(r);
  EXPECT_THAT(s, HasSubstr("(1 hồ sơ trực tuyến và 1.999 hồ sơ trực tiếp)"));
  EXPECT_THAT(s, HasSubstr("đã giải quyết 1.999 hồ sơ (tỷ lệ 99,9%), đang giải quyết 1 hồ sơ (tỷ lệ 0,1%)"));
  EXPECT_THAT(s, HasSubstr("tỷ lệ hồ sơ trực tuyến 1/2.000 = 0,1%"));
}

// --- Budget: money in words through the budget sentence -------------------------------------------

TEST(PeriodicBudgetSourceLine, MoneyInWordsTable) {
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
      {kMaxAmount,
       "999.999.999.999.999đ (Bằng chữ: Chín trăm chín mươi chín nghìn tỷ, chín trăm chín mươi chín tỷ, chín trăm chín "
       "mươi chín triệu, chín trăm chín mươi chín nghìn, chín trăm chín mươi chín đồng)"},
  };
  ASSERT_GE(table.size(), 30u);
  for (const auto& [amount, phrase] : table)
    EXPECT_EQ(budget_source_line(label, amount), label + ": " + phrase) << "amount " << amount;
}

TEST(PeriodicBudgetSourceLine, LargestAmountIsTheSchemasMaximum) {
  json schema = json::parse(vanthu::test::read_file(vanthu::test::source_dir() / "plugins/nq57-periodic/schema.json"));
  EXPECT_EQ(schema["$defs"]["amount"]["maximum"].get<std::int64_t>(), kMaxAmount);
  EXPECT_THROW(money_phrase(kMaxAmount + 1), std::out_of_range);
}

TEST(PeriodicBudgetSourceLine, NoAmountReadsKhongCoAndTheLabelsColonIsNotDoubled) {
  EXPECT_EQ(budget_source_line("Cân đối thêm từ nguồn tăng thu ngân sách trung ương năm 2024", std::nullopt),
            "Cân đối thêm từ nguồn tăng thu ngân sách trung ương năm 2024: Không có");  // seed 001
  EXPECT_EQ(budget_source_line("Dự toán năm 2026: ", 5), "Dự toán năm 2026: 5đ (Bằng chữ: Năm đồng)");
}

TEST(PeriodicBudgetIntro, NamesTheYear) {
  EXPECT_EQ(budget_intro(2025), "Tổng kinh phí bố trí năm 2025, gồm:");
  EXPECT_EQ(budget_intro(2026), "Tổng kinh phí bố trí năm 2026, gồm:");
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

using vanthu::test::body_lines;

Problems problems_of(const json& input) { return test::problems_thrown(build, input); }

TEST(PeriodicBuild, NumbersHeadingsAtEveryDepthTheSeedsUse) {
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
  json data = build(input).data;
  EXPECT_THAT(body_lines(data),
              ElementsAre("A. CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO", "Đoạn A.", "B. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", "I. VỀ CÔNG TÁC CHỈ ĐẠO",
                          "1. Thống kê Có.", "2. Nguyên nhân:", "Nguyên nhân khách quan", "- Một.", "Nguyên nhân chủ quan",
                          "+ Hai.", "3. Nguyên nhân", "3.1. Nguyên nhân khách quan:", "Ba.", "3.2. Nguyên nhân chủ quan:", "Bốn.",
                          "II. VỀ CHUYỂN ĐỔI SỐ", "1. Tình hình", "a) Một", "x", "b) Hai", "x", "c) Ba", "x", "d) Bốn", "x",
                          "đ) Năm", "x", "III. KINH PHÍ", "- Tình hình giải ngân:",
                          "Chưa có.", "Trên đây là báo cáo./."));
  // Kinds the template styles: unnumbered headings are bold section lines.
  EXPECT_TRUE(data["body"][6]["section"].get<bool>());
  EXPECT_TRUE(data["body"][11]["subsection"].get<bool>());
  EXPECT_TRUE(data["body"][17]["item"].get<bool>());
}

TEST(PeriodicBuild, AnEmptyHeadingSaysNothingNewInAParagraphOfItsOwn) {
  json input = minimal_input();
  input["sections"] = json::parse(R"([
    {"level": "part", "title": "Phần trống"},
    {"level": "part", "title": "Phần có mục", "sections": [
      {"level": "chapter", "title": "Mục trống", "content": []},
      {"level": "chapter", "title": "Mục chỉ có chuỗi rỗng", "content": ["  "], "text": ""}]}
  ])");
  EXPECT_THAT(body_lines(build(input).data),
              ElementsAre("A. PHẦN TRỐNG", "Không phát sinh nội dung mới.", "B. PHẦN CÓ MỤC",
                          "I. MỤC TRỐNG", "Không phát sinh nội dung mới.", "II. MỤC CHỈ CÓ CHUỖI RỖNG",
                          "Không phát sinh nội dung mới./."));
  // After a heading that ends in a colon, it stays on the heading's line.
  input["sections"] = json::parse(R"([{"level": "section", "title": "Kết quả:", "content": []}])");
  EXPECT_THAT(body_lines(build(input).data), ElementsAre("1. Kết quả: Không phát sinh nội dung mới./."));
}

TEST(PeriodicBuild, RichInlineTextKeepsTheHeadingBoldAndTheReferencesSuperscript) {
  json input = minimal_input();
  input["sections"][0]["sections"] = json::parse(R"([
    {"level": "section", "title": "Thống kê các nhiệm vụ thực hiện:",
     "text": {"cited_documents": {"lead": "theo", "documents": ["Kế hoạch số 02-KH/BCĐTW", "Quy định số 05-QĐ/BCĐTW"]}},
     "sections": [
       {"level": "item", "title": "Việc cung cấp:", "text": {"runs": [{"text": "chữ "}, {"text": "nghiêng", "italic": true}]}}]}
  ])");
  json body = build(input).data["body"];
  ASSERT_EQ(body.size(), 4u);
  EXPECT_TRUE(body[2]["raw"].get<bool>());
  EXPECT_EQ(body[2]["text"], "1. Thống kê các nhiệm vụ thực hiện: theo 02 văn bản (1)Kế hoạch số 02-KH/BCĐTW; (2)Quy định số 05-QĐ/BCĐTW.");
  const std::string xml = body[2]["xml"];
  EXPECT_THAT(xml, HasSubstr("<w:pStyle w:val=\"VanthuSection\"/>"));
  EXPECT_THAT(xml, HasSubstr("<w:b/><w:bCs/></w:rPr><w:t xml:space=\"preserve\">1. Thống kê các nhiệm vụ thực hiện: </w:t>"));
  EXPECT_THAT(xml, HasSubstr("<w:vertAlign w:val=\"superscript\"/></w:rPr><w:t xml:space=\"preserve\">(2)</w:t>"));
  // An item's label is italic, as the template's item style has it.
  const std::string item = body[3]["xml"];
  EXPECT_THAT(item, HasSubstr("<w:pStyle w:val=\"VanthuItem\"/>"));
  EXPECT_THAT(item, HasSubstr("<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">a) Việc cung cấp: </w:t>"));
  // The closing mark goes into the last raw paragraph as a run of its own.
  EXPECT_THAT(item, HasSubstr("<w:r><w:t>./.</w:t></w:r></w:p>"));
}

TEST(PeriodicBuild, TheLastParagraphClosesTheTextAndKeepsWithTheSignature) {
  // Whatever the last block is, it ends with "./." and is a raw paragraph with keepNext, so the
  // signature block never starts a page alone.
  const std::vector<std::pair<json, std::string>> cases = {
      {"Trên đây là báo cáo.", "<w:pStyle w:val=\"Normal\"/><w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">Trên đây là báo cáo./.</w:t>"},
      {{{"style", "bullet"}, {"text", "Một việc;"}}, "<w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">- Một việc./.</w:t>"},
      {{{"style", "plus"}, {"text", "Hai việc"}}, "<w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">+ Hai việc./.</w:t>"},
      {{{"style", "note"}, {"text", "(Ghi chú)"}}, "<w:pStyle w:val=\"VanthuNote\"/><w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">(Ghi chú)./.</w:t>"},
      {{{"label", "Về hạ tầng"}, {"text", ""}}, "<w:t xml:space=\"preserve\">Về hạ tầng: Không phát sinh nội dung mới./.</w:t>"},
      {{{"runs", json::array({{{"text", "nghiêng"}, {"italic", true}}})}}, "<w:keepNext/></w:pPr><w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">nghiêng</w:t></w:r><w:r><w:t>./.</w:t></w:r></w:p>"},
  };
  for (const auto& [block, xml] : cases) {
    json input = minimal_input();
    input["sections"][0]["content"] = json::array({block});
    json body = build(input).data["body"];
    SCOPED_TRACE(block.dump());
    EXPECT_TRUE(body.back()["raw"].get<bool>());
    EXPECT_THAT(body.back()["xml"].get<std::string>(), HasSubstr(xml));
    EXPECT_EQ(body.back()["xml"].get<std::string>().find("<w:keepNext/>"), body.back()["xml"].get<std::string>().rfind("<w:keepNext/>"));
    // Only the last paragraph: the heading before it is a plain block.
    EXPECT_FALSE(body.front().contains("raw"));
  }
  // An empty heading at the very end: its label is bold, its inline text plain.
  json input = minimal_input();
  input["sections"][0]["content"] = json::array();
  json last = build(input).data["body"].back();
  EXPECT_EQ(last["text"], "Không phát sinh nội dung mới./.");
  EXPECT_THAT(last["xml"].get<std::string>(),
              HasSubstr("<w:pStyle w:val=\"Normal\"/><w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">Không phát sinh "
                        "nội dung mới./.</w:t>"));
}

TEST(PeriodicBuild, DerivedBlocksInTheirListStyles) {
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
  EXPECT_THAT(body_lines(build(input).data),
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
  json body = build(input).data["body"];
  EXPECT_THAT(body[1]["xml"].get<std::string>(), HasSubstr("<w:i/><w:iCs/></w:rPr><w:t xml:space=\"preserve\">Giai đoạn 1:"));
}

TEST(PeriodicBuild, DisbursementWithoutAnAmountReadsChuaCo) {
  json input = minimal_input();
  input["sections"][0]["content"] = json::parse(R"([
    {"budget": {"year": 2025, "sources": [{"label": "Dự toán", "amount": null}],
                "disbursement": {"label": "Tình hình giải ngân đến ngày báo cáo:", "amount": null}}}
  ])");
  EXPECT_THAT(body_lines(build(input).data), ElementsAre("I. CÔNG TÁC LÃNH ĐẠO", "Tổng kinh phí bố trí năm 2025, gồm:",
                                                    "+ Dự toán: Không có", "- Tình hình giải ngân đến ngày báo cáo: chưa có./."));
}

TEST(PeriodicBuild, HeaderClosingAndMetadata) {
  plugin::Model model = build(minimal_input());
  EXPECT_EQ(model.data["number_line"], "Số:      /BC-UBND");
  EXPECT_EQ(model.data["place_date_line"], "An Hải, ngày      tháng 11 năm 2025");
  EXPECT_EQ(model.data["issuer_name"], "ỦY BAN NHÂN DÂN\nPHƯỜNG AN HẢI");
  // Symbols keep their hyphen on one line: U+2011, written as w:noBreakHyphen.
  EXPECT_EQ(model.data["subject"], "Kết quả thực hiện Nghị quyết số 57\u2011NQ/TW");
  EXPECT_EQ(model.data["recipients"], json({"- UBKT Đảng ủy phường;", "- Lưu: VT, VHXX."}));
  EXPECT_EQ(model.data["signature_lines"], json({"TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"}));
  EXPECT_EQ(model.data["signer"], "Nguyễn Thế Đức");
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

TEST(PeriodicBuild, BothSamplesBuild) {
  for (const char* sample : {"an-hai-2025-11.json", "hong-bang-2025.json"}) {
    SCOPED_TRACE(sample);
    json input = json::parse(vanthu::test::read_file(vanthu::test::source_dir() / "samples/nq57-periodic" / sample));
    plugin::Model model;
    ASSERT_NO_THROW(model = build(input));
    EXPECT_GT(model.data["body"].size(), 20u);
  }
}

// --- Semantic checks: 422 with paths ------------------------------------------------------------

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
