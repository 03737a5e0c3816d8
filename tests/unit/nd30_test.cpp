//! Decree 30 wording rules and text measuring with Liberation Serif metrics.
#include "vanthu/nd30.hpp"

#include <algorithm>
#include <cmath>

#include <gtest/gtest.h>

#include "vanthu/text.hpp"

namespace vanthu::nd30 {
namespace {

TEST(NumberLine, LeadingZeroBelowTen) {
  EXPECT_EQ(number_line(1, "BC-BCĐ"), "Số: 01/BC-BCĐ");
  EXPECT_EQ(number_line(9, "BC-UBND"), "Số: 09/BC-UBND");
  EXPECT_EQ(number_line(10, "BC-UBND"), "Số: 10/BC-UBND");
  EXPECT_EQ(number_line(1804, "UBND-VHXH"), "Số: 1804/UBND-VHXH");
}

TEST(NumberLine, BlankForTheRecordsOffice) {
  EXPECT_EQ(number_line(std::nullopt, "BC-BCĐ"), "Số:      /BC-BCĐ");
  EXPECT_EQ(number_line(std::nullopt, "BC-HĐND"), "Số:      /BC-HĐND");
}

TEST(NumberLine, RejectsNumbersBelowOne) {
  EXPECT_THROW(number_line(0, "BC-UBND"), std::invalid_argument);
  EXPECT_THROW(number_line(-3, "BC-UBND"), std::invalid_argument);
}

TEST(PlaceDateLine, LeadingZeroForDaysBelowTenAndJanuaryFebruary) {
  EXPECT_EQ(place_date_line("Hải An", Date{2026, 4, 17}, 2026), "Hải An, ngày 17 tháng 4 năm 2026");
  EXPECT_EQ(place_date_line("Hải An", Date{2026, 2, 5}, 2026), "Hải An, ngày 05 tháng 02 năm 2026");
  EXPECT_EQ(place_date_line("Hải An", Date{2026, 1, 15}, 2026), "Hải An, ngày 15 tháng 01 năm 2026");
  EXPECT_EQ(place_date_line("An Hải", Date{2025, 11, 6}, 2025), "An Hải, ngày 06 tháng 11 năm 2025");
  EXPECT_EQ(place_date_line("Hồng Bàng", Date{2025, 3, 9}, 2025), "Hồng Bàng, ngày 09 tháng 3 năm 2025");
  EXPECT_EQ(place_date_line("Hải An", Date{2026, 12, 31}, 2026), "Hải An, ngày 31 tháng 12 năm 2026");
}

TEST(PlaceDateLine, BlankForTheRecordsOffice) {
  EXPECT_EQ(place_date_line("Hải An", std::nullopt, 2026), "Hải An, ngày      tháng      năm 2026");
}

TEST(PlaceDateLine, DateYearWinsAndEmptyPlaceStartsAtNgay) {
  EXPECT_EQ(place_date_line("Hải An", Date{2027, 1, 2}, 2026), "Hải An, ngày 02 tháng 01 năm 2027");
  EXPECT_EQ(place_date_line("", Date{2026, 4, 17}, 2026), "ngày 17 tháng 4 năm 2026");
}

TEST(WeekPeriod, AsTheSeedWritesIt) {
  EXPECT_EQ(week_period(Date{2026, 2, 5}, Date{2026, 2, 11}), "(Từ 05/02/2026 đến 11/02/2026)");
  EXPECT_EQ(week_period(Date{2025, 12, 29}, Date{2026, 1, 4}), "(Từ 29/12/2025 đến 04/01/2026)");
  EXPECT_THROW(week_period(Date{2026, 2, 11}, Date{2026, 2, 5}), std::invalid_argument);
}

TEST(Roman, HeadingNumerals) {
  EXPECT_EQ(roman(1), "I");
  EXPECT_EQ(roman(2), "II");
  EXPECT_EQ(roman(3), "III");
  EXPECT_EQ(roman(4), "IV");
  EXPECT_EQ(roman(9), "IX");
  EXPECT_EQ(roman(14), "XIV");
  EXPECT_EQ(roman(40), "XL");
  EXPECT_EQ(roman(90), "XC");
  EXPECT_EQ(roman(400), "CD");
  EXPECT_EQ(roman(1994), "MCMXCIV");
  EXPECT_EQ(roman(2026), "MMXXVI");
  EXPECT_EQ(roman(3999), "MMMCMXCIX");
  EXPECT_THROW(roman(0), std::out_of_range);
  EXPECT_THROW(roman(4000), std::out_of_range);
}

TEST(Letter, VietnameseAlphabetOrder) {
  std::string all;
  for (int i = 1; i <= 23; ++i) all += letter(i);
  EXPECT_EQ(all, "abcdđeghiklmnopqrstuvxy");
  EXPECT_EQ(letter(5), "đ");
  EXPECT_EQ(letter(6), "e");
  EXPECT_EQ(letter(7), "g");
  EXPECT_EQ(letter(10), "k");
  EXPECT_THROW(letter(0), std::out_of_range);
  EXPECT_THROW(letter(24), std::out_of_range);
}

TEST(TypeAbbreviation, AppendixThreeExactCase) {
  for (const char* abbreviation : {"NQ", "QĐ", "CT", "QC", "QyĐ", "TC", "TB", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC",
                                   "BB", "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB",
                                   "SY", "TrS", "SL"}) {
    EXPECT_TRUE(is_type_abbreviation(abbreviation)) << abbreviation;
  }
  for (const char* other : {"", "bc", "Bc", "QYĐ", "CTR", "TTR", "QD", "UBND", "BC-UBND", "BC ", "TRS"}) {
    EXPECT_FALSE(is_type_abbreviation(other)) << other;
  }
}

TEST(RecipientLines, SemicolonsAndFinalPeriod) {
  EXPECT_EQ(recipient_lines({"Như trên", "TT Đảng ủy phường", "Lưu: VT, VHXH"}),
            (std::vector<std::string>{"- Như trên;", "- TT Đảng ủy phường;", "- Lưu: VT, VHXH."}));
  EXPECT_EQ(recipient_lines({"Lưu: VT"}), (std::vector<std::string>{"- Lưu: VT."}));
  EXPECT_TRUE(recipient_lines({}).empty());
}

TEST(RecipientLines, TypedPunctuationAndDashesAreReplaced) {
  EXPECT_EQ(recipient_lines({"Như trên;", " - UBND thành phố (để b/c);  ", "Lưu: VT, VHXH."}),
            (std::vector<std::string>{"- Như trên;", "- UBND thành phố (để b/c);", "- Lưu: VT, VHXH."}));
  EXPECT_EQ(recipient_lines({"Như trên,", "", "   ", "Lưu: VT.;"}),
            (std::vector<std::string>{"- Như trên;", "- Lưu: VT."}));
}

// Advances read from LiberationSerif-*.ttf (unitsPerEm 2048) — the same as Times New Roman's
// (Adobe's Times AFM: A = 722/1000 em, n = 500, bold n = 556, italic A = 611).
TEST(TextWidth, ExactAdvancesFromTheFont) {
  EXPECT_DOUBLE_EQ(text_width_pt("A", 2048), 1479);
  EXPECT_DOUBLE_EQ(text_width_pt("n", 2048), 1024);
  EXPECT_DOUBLE_EQ(text_width_pt(" ", 2048), 512);
  EXPECT_DOUBLE_EQ(text_width_pt("m", 2048), 1593);
  EXPECT_DOUBLE_EQ(text_width_pt("n", 2048, true), 1139);
  EXPECT_DOUBLE_EQ(text_width_pt("m", 2048, true), 1706);
  EXPECT_DOUBLE_EQ(text_width_pt("A", 2048, false, true), 1251);
  EXPECT_DOUBLE_EQ(text_width_pt("A", 2048, true, true), 1366);
  EXPECT_DOUBLE_EQ(text_width_pt("₫", 2048), 1050);
  EXPECT_NEAR(text_width_pt("n", 10), 5.0, 1e-9);
  EXPECT_NEAR(text_width_pt("A", 12), 1479.0 * 12 / 2048, 1e-9);
  EXPECT_DOUBLE_EQ(text_width_pt("", 13), 0);
}

TEST(TextWidth, VietnameseLettersHaveTheirBaseWidth) {
  // Precomposed letters take their base letter's advance: Ủ as U, ạ as a.
  EXPECT_DOUBLE_EQ(text_width_pt("Ủ", 2048), text_width_pt("U", 2048));
  EXPECT_DOUBLE_EQ(text_width_pt("ạ", 2048), text_width_pt("a", 2048));
  EXPECT_DOUBLE_EQ(text_width_pt("ỦY BAN", 2048), 1479 * 4 + 1366 + 512);  // Ủ Y space B A N
}

TEST(TextWidth, MottoAtThirteenPointBold) {
  // Times-Bold advances (AFM, per 1000 em): Đ 722 ộ 500 c 444 space 250 l 278 ậ 500 p 556 - 333
  // T 667 ự 600 d 556 o 500 H 778 ạ 500 n 556 h 556 ú 556: 12.241 em, so 159.1 pt at 13 pt
  // (about 5.6 cm); 171.4 pt at 14 pt.
  const double width = text_width_pt(kMotto, 13, true);
  EXPECT_NEAR(width, 25071.0 * 13 / 2048, 1e-9);
  EXPECT_NEAR(width, 12.241 * 13, 0.1);
  EXPECT_NEAR(text_width_pt(kMotto, 14, true), 171.38, 0.01);
  EXPECT_GT(width, text_width_pt(kMotto, 13, false));  // bold is wider
}

TEST(TextWidth, ScalesLinearlyAndAddsUp) {
  const double at_12 = text_width_pt(kNationalName, 12, true);
  EXPECT_NEAR(text_width_pt(kNationalName, 24, true), 2 * at_12, 1e-9);
  EXPECT_NEAR(text_width_pt("Hải An", 13), text_width_pt("Hải", 13) + text_width_pt(" ", 13) + text_width_pt("An", 13),
              1e-9);
}

TEST(TextWidth, DecomposedTextMeasuresLikeComposed) {
  EXPECT_DOUBLE_EQ(text_width_pt("Ho\xCC\x80" "a", 13), text_width_pt("Hòa", 13));
  EXPECT_DOUBLE_EQ(text_width_pt("Vie\xCC\xA3\xCC\x82t", 13, true), text_width_pt("Việt", 13, true));
}

TEST(TextWidth, FallbacksForCodePointsOutsideTheTable) {
  // U+1E3F ḿ is outside the tables: NFD gives m + U+0301 (a zero-width mark).
  EXPECT_DOUBLE_EQ(text_width_pt("\xE1\xB8\xBF", 2048), 1593);
  // U+1E00 Ḁ: A + U+0325, a mark the table lacks, which takes no width.
  EXPECT_DOUBLE_EQ(text_width_pt("\xE1\xB8\x80", 2048), 1479);
  // U+4E00 (CJK) has no decomposition: the advance of "n".
  EXPECT_DOUBLE_EQ(text_width_pt("\xE4\xB8\x80", 2048), 1024);
  EXPECT_DOUBLE_EQ(text_width_pt("\xE4\xB8\x80", 2048, true), 1139);
}

TEST(AgencyRule, FortyPercentOfTheWidestLineInTwips) {
  const std::vector<std::string> lines = {"ỦY BAN NHÂN DÂN", "PHƯỜNG HẢI AN"};
  const double widest = std::max(text_width_pt(lines[0], 13, true), text_width_pt(lines[1], 13, true));
  const int rule = agency_rule_twips(lines, 13, 3900);
  EXPECT_EQ(rule, static_cast<int>(std::lround(widest * 0.4 * 20)));
  // Within the decree's 1/3 .. 1/2 of the text's length.
  EXPECT_GT(rule, widest * 20 / 3);
  EXPECT_LT(rule, widest * 20 / 2);
}

TEST(AgencyRule, ClampedToTheColumn) {
  EXPECT_EQ(agency_rule_twips({"ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"}, 13, 500), 500);
  EXPECT_EQ(agency_rule_twips({}, 13, 3900), 0);
  EXPECT_EQ(agency_rule_twips({"X"}, 13, -10), 0);
}

TEST(WrapLines, GreedyAtSpacesWithinTheWidth) {
  const std::string text = "Kết quả lãnh đạo, chỉ đạo tổ chức thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 "
                           "của Bộ Chính trị về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số";
  const int width_twips = 9000;  // 450 pt
  const auto lines = wrap_lines(text, 14, true, width_twips);
  ASSERT_GE(lines.size(), 2u);
  std::string joined;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    EXPECT_LE(text_width_pt(lines[i], 14, true), width_twips / 20.0 + 1e-9) << lines[i];
    if (i + 1 < lines.size()) {
      // Greedy: the next line's first word would not have fitted.
      const std::string next_word = lines[i + 1].substr(0, lines[i + 1].find(' '));
      EXPECT_GT(text_width_pt(lines[i] + " " + next_word, 14, true), width_twips / 20.0) << lines[i];
    }
    joined += (i ? " " : "") + lines[i];
  }
  EXPECT_EQ(joined, text);
}

TEST(WrapLines, WideWordStandsAlone) {
  const auto lines = wrap_lines("Số 1804/UBND-VHXH-KTHTĐT-VĂNPHÒNG hết", 13, false, 600);  // 30 pt
  EXPECT_EQ(lines, (std::vector<std::string>{"Số", "1804/UBND-VHXH-KTHTĐT-VĂNPHÒNG", "hết"}));
}

TEST(WrapLines, FitsOnOneLineAndCollapsesSpaces) {
  EXPECT_EQ(wrap_lines("  Hải   An  ", 13, false, 20000), (std::vector<std::string>{"Hải An"}));
  EXPECT_TRUE(wrap_lines("", 13, false, 2000).empty());
  EXPECT_TRUE(wrap_lines("   ", 13, false, 2000).empty());
  EXPECT_EQ(wrap_lines("a\nb", 13, false, 20000), (std::vector<std::string>{"a", "b"}));
}

TEST(WrapLines, ExactFitStaysOnTheLine) {
  const std::string line = "ỦY BAN NHÂN DÂN";
  const int exact = static_cast<int>(std::ceil(text_width_pt(line, 13, true) * 20));
  EXPECT_EQ(wrap_lines(line, 13, true, exact), (std::vector<std::string>{line}));
  EXPECT_EQ(wrap_lines(line, 13, true, exact - 40).size(), 2u);
}

TEST(WrapLines, OutputIsNfc) {
  const auto lines = wrap_lines("Ho\xCC\x80" "a", 13, false, 20000);
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(lines[0], "Hòa");
}

}  // namespace

TEST(Nd30Breaks, DocumentSymbolsKeepTheirHyphensOnOneLine) {
  using vanthu::nd30::keep_symbols_together;
  EXPECT_EQ(keep_symbols_together("Nghị quyết số 57-NQ/TW của Bộ Chính trị"), "Nghị quyết số 57\u2011NQ/TW của Bộ Chính trị");
  EXPECT_EQ(keep_symbols_together("Công văn 1804/UBND-VHXH;"), "Công văn 1804/UBND\u2011VHXH;");
  EXPECT_EQ(keep_symbols_together("(15/QĐ-BNV)"), "(15/QĐ-BNV)");  // does not start with the number: left as it is
  EXPECT_EQ(keep_symbols_together("15/QĐ-BNV"), "15/QĐ\u2011BNV");
  for (const char* same : {"giai đoạn 2021-2025", "Độc lập - Tự do - Hạnh phúc", "05/02/2026", "06/CP", "2021-2025/kế-hoạch",
                           "a-b/c", ""}) {
    EXPECT_EQ(keep_symbols_together(same), same) << same;
  }
  // Measured like the hyphen it prints as.
  EXPECT_DOUBLE_EQ(vanthu::nd30::text_width_pt("57\u2011NQ/TW", 14), vanthu::nd30::text_width_pt("57-NQ/TW", 14));
}

TEST(Nd30Breaks, BalancedLinesLeaveNoWordAlone) {
  using vanthu::nd30::balanced_lines;
  using vanthu::nd30::wrap_lines;
  const int column = 3856 - 114;
  const std::string name = "ỦY BAN NHÂN DÂN ĐẶC KHU BẠCH LONG VĨ";  // greedy: "… ĐẶC KHU" / "BẠCH LONG VĨ"
  const std::string balanced = balanced_lines(name, 13, true, column);
  std::vector<std::string> lines;
  for (std::size_t at = 0;;) {
    std::size_t nl = balanced.find('\n', at);
    lines.push_back(balanced.substr(at, nl == std::string::npos ? std::string::npos : nl - at));
    if (nl == std::string::npos) break;
    at = nl + 1;
  }
  EXPECT_EQ(lines.size(), wrap_lines(name, 13, true, column).size()) << "no more lines than the column needs";
  double widest = 0, narrowest = 1e9;
  for (const auto& line : lines) {
    EXPECT_LE(vanthu::nd30::text_width_pt(line, 13, true) * 20, column) << line;
    widest = std::max(widest, vanthu::nd30::text_width_pt(line, 13, true));
    narrowest = std::min(narrowest, vanthu::nd30::text_width_pt(line, 13, true));
  }
  const auto greedy = wrap_lines(name, 13, true, column);
  const double greedy_ratio =
      vanthu::nd30::text_width_pt(greedy.back(), 13, true) / vanthu::nd30::text_width_pt(greedy.front(), 13, true);
  EXPECT_GT(narrowest / widest, greedy_ratio + 0.2) << balanced;
  // The clerk's own line breaks stay; a line that fits is untouched.
  EXPECT_EQ(balanced_lines("ỦY BAN NHÂN DÂN\nPHƯỜNG HẢI AN", 13, true, column), "ỦY BAN NHÂN DÂN\nPHƯỜNG HẢI AN");
  // A number stays with its word.
  EXPECT_EQ(balanced_lines("V/v báo cáo tiến độ Đề án 06", 12, false, 2000).find("án\n06"), std::string::npos);
}

}  // namespace vanthu::nd30
