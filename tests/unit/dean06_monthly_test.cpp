//! dean06-monthly's computation rules (plugins/dean06-monthly/rules.hpp): the reporting month
//! and the month it is compared with, rates and changes, the sentences that carry figures, the
//! 25 rows of Phụ lục 2, and every check that turns inconsistent facts into a problem with its
//! path. The test links the same static library as the plugin (dean06_monthly_rules).

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "rules.hpp"
#include "test_support.hpp"

namespace {

using nlohmann::json;
using vanthu::Date;
using namespace vanthu::dean06_monthly;

Month april() { return *Month::make(2026, 4); }

json sample() {
  return json::parse(vanthu::test::read_file(vanthu::test::source_dir() / "samples/dean06-monthly/hai-an-2026-04.json"));
}

//! The problems' paths and codes, "path code", sorted.
std::vector<std::string> found(const json& input) {
  std::vector<std::string> out;
  for (const auto& p : check(input)) out.push_back(p.path + " " + p.code);
  std::sort(out.begin(), out.end());
  return out;
}

// --- Periods -------------------------------------------------------------------------------------

TEST(Dean06Month, OnlyRealMonthsExist) {
  EXPECT_TRUE(Month::make(2026, 4));
  EXPECT_TRUE(Month::make(2026, 1));
  EXPECT_TRUE(Month::make(2026, 12));
  EXPECT_FALSE(Month::make(2026, 13));
  EXPECT_FALSE(Month::make(2026, 0));
  EXPECT_FALSE(Month::make(2026, -4));
  EXPECT_FALSE(Month::make(0, 4));
}

TEST(Dean06Month, JanuaryComparesWithDecemberOfTheYearBefore) {
  EXPECT_EQ(Month::make(2026, 1)->previous(), (Month{2025, 12}));
  EXPECT_EQ(april().previous(), (Month{2026, 3}));
  EXPECT_EQ(Month::make(2026, 3)->previous(), (Month{2026, 2}));
}

TEST(Dean06Month, WrittenAsTheSeedWritesIt) {
  EXPECT_EQ(april().text(), "4/2026");
  EXPECT_EQ(Month::make(2025, 12)->text(), "12/2025");
  // January and February take two digits, as in the decree's date line.
  EXPECT_EQ(Month::make(2026, 1)->text(), "01/2026");
  EXPECT_EQ(Month::make(2026, 2)->text(), "02/2026");
}

TEST(Dean06Month, FirstAndLastDays) {
  EXPECT_EQ(april().first_day(), (Date{2026, 4, 1}));
  EXPECT_EQ(april().last_day(), (Date{2026, 4, 30}));
  EXPECT_EQ(Month::make(2024, 2)->last_day(), (Date{2024, 2, 29}));
  EXPECT_EQ(Month::make(2026, 2)->last_day(), (Date{2026, 2, 28}));
}

TEST(Dean06Dates, ShortDatesInRunningText) {
  EXPECT_EQ(short_date({2026, 4, 17}), "17/4/2026");
  EXPECT_EQ(short_date({2026, 4, 6}), "06/4/2026");
  EXPECT_EQ(short_date({2026, 2, 11}), "11/02/2026");
  EXPECT_EQ(short_date({2026, 1, 5}), "05/01/2026");
  EXPECT_EQ(short_date({2025, 12, 9}), "09/12/2025");
}

// --- Figures -------------------------------------------------------------------------------------

TEST(Dean06Figures, CountsGroupThousandsWithDots) {
  EXPECT_EQ(count(2126), "2.126");
  EXPECT_EQ(count(1601), "1.601");
  EXPECT_EQ(count(0), "0");
  EXPECT_EQ(count(999), "999");
  EXPECT_EQ(count(100031), "100.031");
}

TEST(Dean06Figures, MoneyInDong) { EXPECT_EQ(money(2996000), "2.996.000 đồng"); }

TEST(Dean06Rate, OneDecimalWithACommaAsTheSeedPrintsThem) {
  EXPECT_EQ(rate(1593, 1601), "99,5%");   // Phụ lục 2, row 2
  EXPECT_EQ(rate(2006, 2126), "94,4%");   // hồ sơ đúng hạn
  EXPECT_EQ(rate(120, 2126), "5,6%");     // hồ sơ đang giải quyết
  EXPECT_EQ(rate(11766, 11962), "98,4%"); // half away from zero (98,36…)
  EXPECT_EQ(rate(1, 3), "33,3%");
  EXPECT_EQ(rate(2, 3), "66,7%");
}

TEST(Dean06Rate, WholeIsOneHundredWithoutDecimals) {
  EXPECT_EQ(rate(1, 1), "100%");
  EXPECT_EQ(rate(1330, 1330), "100%");
  EXPECT_EQ(rate(0, 5), "0%");
  EXPECT_EQ(rate(1, 2), "50%");
}

TEST(Dean06Rate, BlankWhenThereIsNoTotal) {
  EXPECT_EQ(rate(0, 0), std::nullopt);
  EXPECT_EQ(rate(5, 0), std::nullopt);
}

TEST(Dean06Rate, HalfAwayFromZero) {
  EXPECT_EQ(rate(1, 8), "12,5%");
  EXPECT_EQ(rate(1, 16), "6,3%");    // 6,25
  EXPECT_EQ(rate(3, 16), "18,8%");   // 18,75
  EXPECT_EQ(rate(1, 160), "0,6%");   // 0,625
}

TEST(Dean06Rate, NeverClaimsAllOrNoneWhenItIsNot) {
  // The seed's health-book figure: 39.904/100.031 is 39,9%, not the seed's "40%".
  EXPECT_EQ(rate(39904, 100031), "39,9%");
  EXPECT_EQ(rate(19999, 20000), "99,9%");  // 99,995 would round to 100
  EXPECT_EQ(rate(1, 20000), "0,1%");       // 0,005 would round to 0
  EXPECT_EQ(rate(20001, 20000), "100,1%");
  EXPECT_EQ(rate(3, 2), "150%");
}

TEST(Dean06Change, ExactFromTheCountsInHundredthsOfAPoint) {
  EXPECT_EQ(change_in_hundredths(2006, 2126, 1784, 1911), 100);  // the sample: "tăng 1%"
  EXPECT_EQ(change_in_hundredths(1330, 1330, 1429, 1430), 7);    // "tăng 0,07%"
  EXPECT_EQ(change_in_hundredths(1784, 1911, 2006, 2126), -100);
  EXPECT_EQ(change_in_hundredths(5, 10, 50, 100), 0);
  EXPECT_EQ(change_in_hundredths(1, 2, 1, 1), -5000);
}

TEST(Dean06Change, RoundsHalfAwayFromZero) {
  EXPECT_EQ(change_in_hundredths(1, 2, 9999, 20000), 1);    // +0,005 point
  EXPECT_EQ(change_in_hundredths(1, 2, 10001, 20000), -1);  // -0,005 point
  EXPECT_EQ(change_in_hundredths(1, 2, 99999, 200000), 0);  // +0,0005 point
}

TEST(Dean06Change, NoneWithoutATotal) {
  EXPECT_EQ(change_in_hundredths(1, 0, 1, 1), std::nullopt);
  EXPECT_EQ(change_in_hundredths(1, 1, 0, 0), std::nullopt);
}

TEST(Dean06Change, LargeCountsDoNotOverflow) {
  EXPECT_EQ(change_in_hundredths(100000000, 100000000, 99999999, 100000000), 0);
  EXPECT_EQ(change_in_hundredths(100000000, 100000000, 0, 100000000), 10000);
}

TEST(Dean06Change, PointsAsTheSeedWritesThem) {
  EXPECT_EQ(points(100), "1");
  EXPECT_EQ(points(7), "0,07");
  EXPECT_EQ(points(150), "1,5");
  EXPECT_EQ(points(-250), "2,5");
  EXPECT_EQ(points(0), "0");
  EXPECT_EQ(points(123456), "1.234,56");
}

TEST(Dean06Change, TangGiamKhongThayDoi) {
  Month march{2026, 3};
  EXPECT_EQ(change_phrase(100, march), "tăng 1% so với tháng 3/2026");
  EXPECT_EQ(change_phrase(-50, march), "giảm 0,5% so với tháng 3/2026");
  EXPECT_EQ(change_phrase(0, march), "không thay đổi so với tháng 3/2026");
  EXPECT_EQ(change_phrase(7, Month::make(2026, 1)->previous()), "tăng 0,07% so với tháng 12/2025");
}

// --- Sentences of section 3 ----------------------------------------------------------------------

Applications seed_applications() { return {2126, 2126, 2006, 0, 120, 0}; }
Applications seed_previous() { return {1911, 1911, 1784, 0, 127, 0}; }

TEST(Dean06Processing, ReproducesTheSeed) {
  Applications previous = seed_previous();
  EXPECT_EQ(processing_sentence(seed_applications(), &previous, april(), Date{2026, 3, 10}, Date{2026, 4, 9}),
            "Từ 10/3/2026 đến 09/4/2026, đã giải quyết 2.006 hồ sơ (đạt tỷ lệ 94,4%, tăng 1% so với tháng 3/2026) đúng "
            "và trước hạn; đang giải quyết 120 hồ sơ trong hạn (chiếm 5,6%). Không có hồ sơ quá hạn.");
}

TEST(Dean06Processing, WithoutLastMonthOrTheDataWindow) {
  EXPECT_EQ(processing_sentence(seed_applications(), nullptr, april(), std::nullopt, std::nullopt),
            "Trong tháng 4/2026, đã giải quyết 2.006 hồ sơ (đạt tỷ lệ 94,4%) đúng và trước hạn; đang giải quyết 120 hồ sơ "
            "trong hạn (chiếm 5,6%). Không có hồ sơ quá hạn.");
}

TEST(Dean06Processing, ADecreaseAndLateApplications) {
  Applications now{1000, 900, 950, 30, 15, 5};
  Applications previous{1000, 900, 980, 0, 20, 0};
  EXPECT_EQ(processing_sentence(now, &previous, Month{2026, 1}, std::nullopt, std::nullopt),
            "Trong tháng 01/2026, đã giải quyết 950 hồ sơ (đạt tỷ lệ 95%, giảm 3% so với tháng 12/2025) đúng và trước "
            "hạn; đang giải quyết 15 hồ sơ trong hạn (chiếm 1,5%). Có 35 hồ sơ quá hạn (chiếm 3,5%), trong đó 30 hồ sơ "
            "đã giải quyết quá hạn, 5 hồ sơ đang giải quyết quá hạn.");
}

TEST(Dean06Processing, UnchangedRateAndOnlyOneKindOfLateness) {
  Applications now{200, 0, 190, 10, 0, 0};
  Applications previous{100, 0, 95, 5, 0, 0};
  EXPECT_EQ(processing_sentence(now, &previous, april(), std::nullopt, std::nullopt),
            "Trong tháng 4/2026, đã giải quyết 190 hồ sơ (đạt tỷ lệ 95%, không thay đổi so với tháng 3/2026) đúng và "
            "trước hạn. Có 10 hồ sơ giải quyết quá hạn (chiếm 5%).");
}

TEST(Dean06Processing, TheTotalIsTheSumWhenReceivedIsMissing) {
  Applications now{std::nullopt, std::nullopt, 90, std::nullopt, 10, std::nullopt};
  EXPECT_EQ(processing_sentence(now, nullptr, april(), std::nullopt, std::nullopt),
            "Trong tháng 4/2026, đã giải quyết 90 hồ sơ (đạt tỷ lệ 90%) đúng và trước hạn; đang giải quyết 10 hồ sơ "
            "trong hạn (chiếm 10%).");
}

TEST(Dean06Processing, NothingKnownNothingSaid) {
  EXPECT_EQ(processing_sentence(Applications{}, nullptr, april(), std::nullopt, std::nullopt), "");
}

TEST(Dean06Online, ReproducesTheSeed) {
  Applications previous = seed_previous();
  EXPECT_EQ(online_sentence(seed_applications(), &previous, april()),
            "Trong tháng 4/2026 đã tiếp nhận 2.126 hồ sơ trực tuyến, tiếp tục duy trì tỷ lệ hồ sơ trực tuyến đạt 100%.");
}

TEST(Dean06Online, PartlyOnlineWithAChange) {
  Applications now{2000, 1990, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  Applications previous{1000, 1000, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  EXPECT_EQ(online_sentence(now, &previous, april()),
            "Trong tháng 4/2026 đã tiếp nhận 2.000 hồ sơ, trong đó 1.990 hồ sơ trực tuyến, tỷ lệ hồ sơ trực tuyến đạt "
            "99,5%, giảm 0,5% so với tháng 3/2026.");
  EXPECT_EQ(online_sentence(now, nullptr, april()),
            "Trong tháng 4/2026 đã tiếp nhận 2.000 hồ sơ, trong đó 1.990 hồ sơ trực tuyến, tỷ lệ hồ sơ trực tuyến đạt "
            "99,5%.");
}

TEST(Dean06Online, NoApplicationsOrNoFigures) {
  Applications none{0, 0, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  EXPECT_EQ(online_sentence(none, nullptr, april()), "Trong tháng 4/2026 chưa tiếp nhận hồ sơ.");
  EXPECT_EQ(online_sentence(Applications{}, nullptr, april()), "");
}

TEST(Dean06Satisfaction, MaintainedRaisedOrAlone) {
  EXPECT_EQ(satisfaction_sentence(100, 100, april()),
            "Mức độ đánh giá hài lòng của người dân và doanh nghiệp tiếp tục duy trì 100%.");
  EXPECT_EQ(satisfaction_sentence(98.5, 97, april()),
            "Mức độ đánh giá hài lòng của người dân và doanh nghiệp đạt 98,5%, tăng 1,5% so với tháng 3/2026.");
  EXPECT_EQ(satisfaction_sentence(99.93, std::nullopt, april()),
            "Mức độ đánh giá hài lòng của người dân và doanh nghiệp đạt 99,93%.");
  EXPECT_EQ(satisfaction_sentence(std::nullopt, 100, april()), "");
}

TEST(Dean06Payments, ReproducesTheSeed) {
  Payments now{1330, 1330, 2996000};
  Payments previous{1429, 1430, std::nullopt};
  EXPECT_EQ(payments_sentence(now, &previous, april()),
            "Trong tháng 4/2026, đã thực hiện thanh toán trực tuyến đối với 1.330/1.330 hồ sơ có phát sinh phí, lệ phí, "
            "tổng số tiền: 2.996.000 đồng, đạt tỷ lệ 100%, tăng 0,07% so với tháng 3/2026.");
}

TEST(Dean06Payments, WithoutAmountOrFees) {
  Payments now{95, 100, std::nullopt};
  EXPECT_EQ(payments_sentence(now, nullptr, april()),
            "Trong tháng 4/2026, đã thực hiện thanh toán trực tuyến đối với 95/100 hồ sơ có phát sinh phí, lệ phí, đạt "
            "tỷ lệ 95%.");
  EXPECT_EQ(payments_sentence(Payments{0, 0, std::nullopt}, nullptr, april()),
            "Trong tháng 4/2026, không có hồ sơ phát sinh phí, lệ phí.");
  EXPECT_EQ(payments_sentence(Payments{std::nullopt, 100, 5}, nullptr, april()), "");
}

TEST(Dean06Procedures, FullOnlineOfEligible) {
  EXPECT_EQ(procedures_sentence(161, 161),
            "Số TTHC đã cung cấp dịch vụ công trực tuyến toàn trình: 161/161, đạt tỷ lệ 100% TTHC đủ điều kiện cung cấp "
            "DVCTT toàn trình.");
  EXPECT_EQ(procedures_sentence(0, 0), "Số TTHC đã cung cấp dịch vụ công trực tuyến toàn trình: 0/0.");
  EXPECT_EQ(procedures_sentence(std::nullopt, 161), "");
}

TEST(Dean06CrossBoundary, NoneSomeOrUnknown) {
  EXPECT_EQ(cross_boundary_sentence(0, april()), "Trong tháng 4/2026 chưa tiếp nhận hồ sơ phi địa giới.");
  EXPECT_EQ(cross_boundary_sentence(1200, april()), "Trong tháng 4/2026 đã tiếp nhận 1.200 hồ sơ phi địa giới.");
  EXPECT_EQ(cross_boundary_sentence(std::nullopt, april()), "");
}

TEST(Dean06Figures, FiguresInsideTheClerksParagraphs) {
  EXPECT_EQ(figure_text({{"count", 39904}, {"of", 100031}, {"unit", "người"}}), "39.904/100.031 người, đạt 39,9%");
  EXPECT_EQ(figure_text({{"count", 71288}, {"unit", "cử tri"}}), "71.288 cử tri");
  EXPECT_EQ(figure_text({{"count", 3}, {"of", 0}}), "3/0");
  EXPECT_EQ(figure_text({{"money", 17467000000}, {"in_words", true}}),
            "17.467.000.000 đồng (Bằng chữ: Mười bảy tỷ, bốn trăm sáu mươi bảy triệu đồng chẵn)");
  EXPECT_EQ(figure_text({{"money", 2996000}}), "2.996.000 đồng");
}

// --- Phụ lục 2 -----------------------------------------------------------------------------------

TEST(Dean06Services, TwentyFiveServicesThirteenForTheWard) {
  const auto& list = default_services();
  ASSERT_EQ(list.size(), 25u);
  EXPECT_EQ(ward_service_count(), 13u);
  std::set<std::string_view> keys, names;
  for (const auto& s : list) {
    keys.insert(s.key);
    names.insert(s.name);
    EXPECT_FALSE(s.lead.empty()) << s.key;
  }
  EXPECT_EQ(keys.size(), 25u);
  EXPECT_EQ(names.size(), 25u) << "two services with the same name";
  EXPECT_EQ(list.front().name, "Xác nhận số Chứng minh nhân dân khi đã được cấp thẻ Căn cước công dân");
  EXPECT_EQ(list[11].lead, "CATP");
  EXPECT_EQ(list.back().lead, "Điện lực - UBND TP");
}

TEST(Dean06Services, TheSchemaListsTheSameServicesInTheSameOrder) {
  json schema = json::parse(vanthu::test::read_file(vanthu::test::source_dir() / "plugins/dean06-monthly/schema.json"));
  const json& properties = schema["properties"]["essential_services"]["properties"];
  std::vector<std::string> in_schema;
  for (const auto& [key, value] : properties.items()) {
    in_schema.push_back(key);
    EXPECT_NE(value["title"].get<std::string>().find(
                  std::string(std::find_if(default_services().begin(), default_services().end(),
                                           [&](const auto& s) { return s.key == key; })->name)),
              std::string::npos)
        << key;
  }
  // nlohmann::json sorts keys; the table order is the list's, checked against the seed below.
  std::vector<std::string> in_list;
  for (const auto& s : default_services()) in_list.emplace_back(s.key);
  std::sort(in_list.begin(), in_list.end());
  EXPECT_EQ(in_schema, in_list);
  // The schema file itself keeps the table's order, for a form generated from it.
  std::string text = vanthu::test::read_file(vanthu::test::source_dir() / "plugins/dean06-monthly/schema.json");
  std::size_t last = 0;
  for (const auto& s : default_services()) {
    std::size_t at = text.find("\"" + std::string(s.key) + "\"");
    ASSERT_NE(at, std::string::npos) << s.key;
    EXPECT_GT(at, last) << s.key;
    last = at;
  }
}

TEST(Dean06Services, RowsFromTheSampleAsTheSeedPrintsThem) {
  auto rows = service_rows(sample()["essential_services"]);
  ASSERT_EQ(rows.size(), 25u);
  EXPECT_EQ(rows[0].number, "1.");
  EXPECT_EQ(rows[1].name, "Cấp lại, đổi thẻ căn cước công dân");
  EXPECT_EQ(rows[1].lead, "CA phường");
  EXPECT_EQ(rows[1].total, "1.601");
  EXPECT_EQ(rows[1].online, "1.593");
  EXPECT_EQ(rows[1].rate, "99,5%");
  EXPECT_EQ(rows[1].note, "2.");
  // Total 0, nothing online: the count, and blanks.
  EXPECT_EQ(rows[4].total, "0");
  EXPECT_EQ(rows[4].online, "");
  EXPECT_EQ(rows[4].rate, "");
  EXPECT_EQ(rows[7].issues, "TTHC thuộc thẩm quyền CAP, tuy nhiên hiện nay chưa có đủ trang thiết bị, đường truyền, C08 chưa cấp tài khoản");
  EXPECT_EQ(rows[7].solutions, "Tiếp tục triển khai theo Kế hoạch của CATP");
  // Outside the ward's competence: the lead body and blank figures, no ward number.
  EXPECT_EQ(rows[11].number, "12.");
  EXPECT_EQ(rows[11].lead, "CATP");
  EXPECT_EQ(rows[11].total, "");
  EXPECT_EQ(rows[11].rate, "");
  EXPECT_EQ(rows[11].note, "");
  // Ghi chú numbers the ward's 13 services: rows 15 and 16 are its 12th and 13th.
  EXPECT_EQ(rows[14].note, "12.");
  EXPECT_EQ(rows[15].note, "13.");
  EXPECT_EQ(rows[16].lead, "BHXH cơ sở Hải An (BHXH TP)");
  EXPECT_EQ(rows[24].number, "25.");
}

TEST(Dean06Services, NoFactsGiveTheDefaultListWithBlankFigures) {
  auto rows = service_rows(nullptr);
  ASSERT_EQ(rows.size(), 25u);
  for (const auto& row : rows) {
    EXPECT_EQ(row.total, "");
    EXPECT_EQ(row.online, "");
    EXPECT_EQ(row.rate, "");
  }
  EXPECT_EQ(rows[0].note, "1.");
}

TEST(Dean06Services, TheClerksRemarkAndLeadBody) {
  json facts = {{"stay_notice", {{"total", 4}, {"online", 3}, {"note", "Cập nhật đến 09/4"}}},
                {"passport", {{"lead", "Phòng QLXNC - CATP"}, {"note", "Không phát sinh"}}}};
  auto rows = service_rows(facts);
  EXPECT_EQ(rows[5].rate, "75%");
  EXPECT_EQ(rows[5].note, "6. Cập nhật đến 09/4");
  EXPECT_EQ(rows[11].lead, "Phòng QLXNC - CATP");
  EXPECT_EQ(rows[11].note, "Không phát sinh");
}

// --- The model (model.cpp): facts and figures, the wording being the template's ---------------------

TEST(Dean06Model, FactsAndFiguresUnderTheirOwnKeys) {
  vanthu::plugin::Model model = build(sample());
  const json& data = model.data;
  EXPECT_FALSE(data.contains("body")) << "the template holds the headings and the wording";
  EXPECT_FALSE(data.contains("letter"));
  EXPECT_EQ(data["unit"], "phường");
  EXPECT_EQ(data["month"], "4/2026");
  EXPECT_EQ(data["year"], 2026);
  EXPECT_EQ(data["full_name"], "Ủy ban nhân dân phường Hải An");
  EXPECT_EQ(data["short_name"], "UBND phường Hải An");
  // The công văn: the request it answers and the counts of its bullets.
  EXPECT_EQ(data["request_kind"], "Công văn");
  EXPECT_EQ(data["request_date"], "17/4/2026");
  EXPECT_EQ(data["request_summary"], "") << "the template's own summary";
  EXPECT_EQ(data["services_listed"], 53);
  EXPECT_EQ(data["service_count"], 25);
  EXPECT_EQ(data["ward_service_count"], 13);
  EXPECT_EQ(data["closing"], "");
  EXPECT_EQ(data["addressees_text"], "Công an thành phố");
  ASSERT_EQ(data["letter_points"].size(), 1u);
  // The clerk's paragraphs: every item has every key; a footnote makes a whole paragraph.
  ASSERT_EQ(data["direction"].size(), 6u);
  for (const auto& item : data["direction"])
    for (const char* key : {"label", "marker", "text", "note", "xml"}) EXPECT_TRUE(item.contains(key)) << key;
  EXPECT_EQ(data["direction"][0]["marker"], "- ");
  EXPECT_EQ(data["direction"][0]["xml"], false);
  ASSERT_TRUE(data["direction"][4]["xml"].is_string());
  EXPECT_NE(data["direction"][4]["xml"].get<std::string>().find("<w:footnoteReference w:id=\"1\"/>"), std::string::npos);
  EXPECT_NE(model.parts.at("word/footnotes.xml").get<std::string>().find("Công văn số 689/CAHA-CSKV"), std::string::npos);
  // Lettered tasks in Decree 30's order: a) b) c) d) đ).
  ASSERT_EQ(data["institutions_key_tasks"].size(), 5u);
  EXPECT_EQ(data["institutions_key_tasks"][4]["marker"], "đ) ");
  // Empty sections are empty lists (the template says "Không phát sinh nội dung mới.").
  EXPECT_EQ(data["economy_shortcomings"], json::array());
  EXPECT_EQ(data["data_shortcomings"], json::array());
  // A figure inside the clerk's paragraph is computed.
  EXPECT_NE(data["funding"][0]["text"].get<std::string>().find("17.467.000.000 đồng (Bằng chữ: Mười bảy tỷ"), std::string::npos);
  // The answers to the form's questions: the computed sentences, "" when nothing is known.
  EXPECT_EQ(data["full_online_procedures"],
            "Số TTHC đã cung cấp dịch vụ công trực tuyến toàn trình: 161/161, đạt tỷ lệ 100% TTHC đủ điều kiện cung cấp DVCTT toàn trình.");
  EXPECT_EQ(data["online_applications"], "Trong tháng 4/2026 đã tiếp nhận 2.126 hồ sơ trực tuyến, tiếp tục duy trì tỷ lệ hồ sơ trực tuyến đạt 100%.");
  EXPECT_EQ(data["vneid_status"], "");
  EXPECT_EQ(data["processing_time"], "");
  EXPECT_EQ(data["boundary_free_procedures"], "Đạt 100%");
  // Proposals: one per addressee, its items possibly empty.
  ASSERT_EQ(data["proposals"].size(), 2u);
  EXPECT_EQ(data["proposals"][0]["to"], "Chính phủ, Thủ tướng Chính phủ");
  EXPECT_EQ(data["proposals"][0]["items"], json::array());
  EXPECT_EQ(data["services"].size(), 25u);
}

TEST(Dean06Model, AXaAndAnEmptyInput) {
  json input = sample();
  input["issuer"]["unit"] = "xã";
  input["proposals"] = json::array();
  input["direction"] = {"  ", {{"style", "bullet"}, {"text", " "}}};
  input["request"]["summary"] = "báo cáo tháng 4/2026.";
  input["administrative_reform"].erase("procedures");
  vanthu::plugin::Model model = build(input);
  EXPECT_EQ(model.data["unit"], "xã");
  EXPECT_EQ(model.data["services"][0]["lead"], "CA xã");
  EXPECT_EQ(model.data["proposals"], json::array());
  EXPECT_EQ(model.data["direction"], json::array()) << "blank paragraphs are left out";
  EXPECT_EQ(model.data["request_summary"], "báo cáo tháng 4/2026");
  EXPECT_EQ(model.data["full_online_procedures"], "");
  // No footnote left: the footnotes part has only its separators.
  EXPECT_EQ(model.parts.at("word/footnotes.xml").get<std::string>().find("w:id=\"1\""), std::string::npos);
}

// --- Checks --------------------------------------------------------------------------------------

TEST(Dean06Check, TheSampleIsConsistent) { EXPECT_EQ(found(sample()), std::vector<std::string>{}); }

TEST(Dean06Check, OnlineGreaterThanTotal) {
  json input = sample();
  input["essential_services"]["id_card_renewal"]["online"] = 1602;
  input["administrative_reform"]["applications"]["online"] = 2127;
  input["administrative_reform"]["procedures"]["full_online"] = 162;
  input["administrative_reform"]["payments"]["paid_online"] = 1331;
  EXPECT_EQ(found(input), (std::vector<std::string>{"/administrative_reform/applications/online online_exceeds_total",
                                                    "/administrative_reform/payments/paid_online online_exceeds_total",
                                                    "/administrative_reform/procedures/full_online online_exceeds_total",
                                                    "/essential_services/id_card_renewal/online online_exceeds_total"}));
  auto problems = check(input);
  auto service = std::find_if(problems.begin(), problems.end(), [](const auto& p) { return p.path.find("id_card") != std::string::npos; });
  EXPECT_EQ(service->message, "Số hồ sơ trực tuyến (1.602) lớn hơn tổng số hồ sơ (1.601).");
}

TEST(Dean06Check, OnlineEqualToTotalIsFine) {
  json input = sample();
  input["essential_services"]["id_card_renewal"]["online"] = 1601;
  EXPECT_TRUE(check(input).empty());
}

TEST(Dean06Check, OnlineWithoutItsTotal) {
  json input = sample();
  input["essential_services"]["stay_notice"].erase("total");
  input["administrative_reform"]["payments"].erase("with_fees");
  EXPECT_EQ(found(input), (std::vector<std::string>{"/administrative_reform/payments/with_fees required",
                                                    "/essential_services/stay_notice/total required"}));
}

TEST(Dean06Check, ResolvedPlusPendingMustBeTheReceived) {
  json input = sample();
  input["administrative_reform"]["applications"]["pending_on_time"] = 119;
  input["administrative_reform"]["previous_month"]["applications"]["resolved_late"] = 3;
  EXPECT_EQ(found(input), (std::vector<std::string>{
                              "/administrative_reform/applications/received inconsistent_total",
                              "/administrative_reform/previous_month/applications/received inconsistent_total"}));
  auto problems = check(input);
  EXPECT_EQ(problems.front().message,
            "Số hồ sơ đã giải quyết và đang giải quyết cộng lại (2.125) khác tổng số hồ sơ tiếp nhận (2.126).");
}

TEST(Dean06Check, PartsAreOnlyComparedWhenBothAreGiven) {
  json input = sample();
  auto& a = input["administrative_reform"]["applications"];
  a.erase("pending_on_time");
  a.erase("pending_late");
  EXPECT_TRUE(check(input).empty()) << "resolved alone may be less than received";
  a["resolved_on_time"] = 3000;
  EXPECT_EQ(found(input), std::vector<std::string>{"/administrative_reform/applications/received inconsistent_total"});
}

TEST(Dean06Check, OnlineApplicationsNeedATotal) {
  json input = sample();
  input["administrative_reform"]["applications"] = {{"online", 5}};
  EXPECT_EQ(found(input), std::vector<std::string>{"/administrative_reform/applications/received required"});
  input["administrative_reform"]["applications"] = {{"online", 5}, {"resolved_on_time", 4}, {"pending_on_time", 1}};
  EXPECT_TRUE(check(input).empty()) << "resolved + pending is the total";
}

TEST(Dean06Check, FiguresForAServiceOutsideTheWard) {
  json input = sample();
  input["essential_services"]["passport"] = {{"total", 4}, {"online", 4}};
  input["essential_services"]["criminal_record"] = {{"issues", "Chưa có"}, {"lead", "Sở Tư pháp"}};
  EXPECT_EQ(found(input), (std::vector<std::string>{"/essential_services/passport/online not_ward_service",
                                                    "/essential_services/passport/total not_ward_service"}));
}

TEST(Dean06Check, APeriodThatDoesNotExist) {
  json input = sample();
  input["period"]["month"] = 13;
  EXPECT_EQ(found(input), std::vector<std::string>{"/period/month period_not_found"});
  EXPECT_EQ(check(input).front().message, "Kỳ báo cáo tháng 13/2026 không tồn tại.");
  input["period"]["month"] = 0;
  EXPECT_EQ(found(input), std::vector<std::string>{"/period/month period_not_found"});
}

TEST(Dean06Check, TheDataWindowMustFitItsMonth) {
  json input = sample();
  input["period"]["from"] = "2026-04-10";
  EXPECT_EQ(found(input), std::vector<std::string>{"/period/to inconsistent_period"});
  input = sample();
  input["period"]["to"] = "2026-05-01";
  input["document"]["date"] = "2026-05-05";
  EXPECT_EQ(found(input), std::vector<std::string>{"/period/to period_outside_month"});
  input = sample();
  input["period"]["from"] = "2026-02-28";
  EXPECT_EQ(found(input), std::vector<std::string>{"/period/from period_outside_month"});
  input["period"]["from"] = "2026-03-01";  // the previous month's first day is the earliest
  EXPECT_TRUE(check(input).empty());
}

TEST(Dean06Check, JanuaryDataMayStartInDecember) {
  json input = sample();
  input["period"] = {{"year", 2026}, {"month", 1}, {"from", "2025-12-10"}, {"to", "2026-01-09"}};
  input["document"]["date"] = "2026-01-15";
  input["request"]["date"] = "2026-01-12";
  EXPECT_TRUE(check(input).empty());
  input["period"]["from"] = "2025-11-30";
  EXPECT_EQ(found(input), std::vector<std::string>{"/period/from period_outside_month"});
}

TEST(Dean06Check, DatesInOrder) {
  json input = sample();
  input["document"]["date"] = "2026-04-08";  // before the data's last day
  input["request"]["date"] = "2026-04-01";
  EXPECT_EQ(found(input), std::vector<std::string>{"/document/date date_before_period"});
  input["document"]["date"] = "2026-04-16";
  input["request"]["date"] = "2026-04-17";
  EXPECT_EQ(found(input), std::vector<std::string>{"/request/date request_after_document"});
  input["document"] = {{"number", nullptr}, {"date", nullptr}};  // the records office dates it
  EXPECT_TRUE(check(input).empty());
}

TEST(Dean06Check, ListedServicesCannotBeFewerThanTheTable) {
  json input = sample();
  input["request"]["services_listed"] = 24;
  EXPECT_EQ(found(input), std::vector<std::string>{"/request/services_listed inconsistent_total"});
}

TEST(Dean06Check, ParagraphSegments) {
  json input = sample();
  input["direction"] = json::array({
      {{"text", "Văn bản"}, {"parts", {"Văn bản"}}},
      {{"parts", {"A", {{"footnote", "Chú thích"}, {"money", 5}}}}},
      {{"parts", {{{"unit", "người"}}}}},
      {{"parts", {{{"of", 10}}}}},
      {{"parts", {{{"count", 1}, {"in_words", true}}}}},
  });
  EXPECT_EQ(found(input), (std::vector<std::string>{"/direction/0/parts text_and_parts", "/direction/1/parts/1 segment_kind",
                                                    "/direction/2/parts/0 segment_kind", "/direction/3/parts/0 segment_kind",
                                                    "/direction/3/parts/0/count required",
                                                    "/direction/4/parts/0/money required"}));
}

TEST(Dean06Check, EveryProblemAtOnceInVietnamese) {
  json input = sample();
  input["period"]["from"] = "2026-04-10";
  input["essential_services"]["birth_registration"]["online"] = 108;
  input["essential_services"]["new_seal"] = {{"total", 1}};
  auto problems = check(input);
  ASSERT_EQ(problems.size(), 3u);
  for (const auto& p : problems) {
    EXPECT_FALSE(p.path.empty());
    EXPECT_FALSE(p.message.empty());
    // Vietnamese with diacritics: at least one byte outside ASCII.
    EXPECT_TRUE(std::any_of(p.message.begin(), p.message.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }))
        << p.message;
  }
}

}  // namespace
