//! Vietnamese text rules: NFC, UTF-8, control characters, case, numbers, money in words.
#include "vanthu/text.hpp"

#include <climits>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

namespace vanthu::text {
namespace {

// "Hòa" with o + U+0300 COMBINING GRAVE ACCENT, and "Việt" with e + U+0323 + U+0302.
const std::string kHoaNfd = "Ho\xCC\x80" "a";
const std::string kVietNfd = "Vie\xCC\xA3\xCC\x82t";

TEST(Nfc, ComposesDecomposedVietnamese) {
  EXPECT_EQ(nfc(kHoaNfd), "Hòa");
  EXPECT_EQ(nfc(kVietNfd), "Việt");
  EXPECT_EQ(nfc("Hòa"), "Hòa");
  EXPECT_EQ(nfc(""), "");
  EXPECT_NE(kHoaNfd, "Hòa");
}

TEST(Nfc, IsNfc) {
  EXPECT_TRUE(is_nfc("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
  EXPECT_TRUE(is_nfc(""));
  EXPECT_FALSE(is_nfc(kHoaNfd));
  EXPECT_FALSE(is_nfc("\xFF"));  // not UTF-8 at all
}

TEST(Utf8, AcceptsWellFormed) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("abc"));
  EXPECT_TRUE(is_valid_utf8("Độc lập - Tự do - Hạnh phúc"));
  EXPECT_TRUE(is_valid_utf8("\xF0\x9F\x98\x80"));  // U+1F600
  EXPECT_TRUE(is_valid_utf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(is_valid_utf8("\xED\x9F\xBF"));      // U+D7FF, just below the surrogates
  EXPECT_TRUE(is_valid_utf8(std::string_view("a\0b", 3)));
}

TEST(Utf8, RejectsIllFormed) {
  EXPECT_FALSE(is_valid_utf8("\x80"));              // lone continuation byte
  EXPECT_FALSE(is_valid_utf8("\xC3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("\xC0\x80"));          // overlong NUL
  EXPECT_FALSE(is_valid_utf8("\xE0\x80\xAF"));      // overlong "/"
  EXPECT_FALSE(is_valid_utf8("\xF0\x80\x80\xAF"));  // overlong 4-byte
  EXPECT_FALSE(is_valid_utf8("\xED\xA0\x80"));      // U+D800 surrogate
  EXPECT_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xF5\x80\x80\x80"));
  EXPECT_FALSE(is_valid_utf8("\xFE"));
  EXPECT_FALSE(is_valid_utf8("H\xF2" "a"));  // TCVN3/Windows-1258 byte in the middle
  EXPECT_FALSE(is_valid_utf8("\xE1\xBB"));   // truncated 3-byte
}

TEST(TrimEnd, TrailingPunctuationAndTheSpacesBetweenGiveWay) {
  EXPECT_EQ(trim_end("Về hạ tầng : ", ":"), "Về hạ tầng");
  EXPECT_EQ(trim_end("  Công an thành phố.\n", ".,;:"), "Công an thành phố");
  EXPECT_EQ(trim_end("x. ;", ".,;:"), "x");         // ". ;" as a clerk types it
  EXPECT_EQ(trim_end("Kế hoạch 02;", ":"), "Kế hoạch 02;");  // only the punctuation asked for
  EXPECT_EQ(trim_end("3.5", "."), "3.5");            // inside the text nothing changes
  EXPECT_EQ(trim_end(":::", ":"), "");
  EXPECT_EQ(trim_end("", ".,"), "");
  // UTF-8 bytes at the end are never taken for ASCII punctuation.
  EXPECT_EQ(trim_end("Hải Phòng…", "."), "Hải Phòng…");
  EXPECT_EQ(trim_end("mới.", "."), "mới");
}

TEST(Trim, SpacesTabsAndLineBreaksAtBothEndsOnly) {
  EXPECT_EQ(trim("  Hải An\n"), "Hải An");
  EXPECT_EQ(trim("\t Công an thành phố \t\n"), "Công an thành phố");
  EXPECT_EQ(trim("dòng một\n  dòng hai"), "dòng một\n  dòng hai");  // the clerk's own breaks stay
  EXPECT_EQ(trim(" \n\t "), "");
  EXPECT_EQ(trim(""), "");
  EXPECT_EQ(trim("x"), "x");
  // Only ASCII blanks: a no-break space is the clerk's text, not padding.
  EXPECT_EQ(trim("\u00a0Đề án 06\u00a0"), "\u00a0Đề án 06\u00a0");
}

TEST(ControlCharacters, FindsC0DelAndC1ButNotTabOrNewline) {
  EXPECT_EQ(find_control_character("dòng 1\ndòng 2\tcột"), std::nullopt);
  EXPECT_EQ(find_control_character(""), std::nullopt);
  EXPECT_EQ(find_control_character("a\rb"), std::optional<char32_t>(U'\r'));
  EXPECT_EQ(find_control_character(std::string_view("a\0b", 3)), std::optional<char32_t>(0));
  EXPECT_EQ(find_control_character("chuông\x07"), std::optional<char32_t>(7));
  EXPECT_EQ(find_control_character("x\x7F"), std::optional<char32_t>(0x7F));
  EXPECT_EQ(find_control_character("x\xC2\x85y"), std::optional<char32_t>(0x85));  // NEL (C1)
  EXPECT_EQ(find_control_character("\x1B[0m\x01"), std::optional<char32_t>(0x1B));  // the first one
  EXPECT_EQ(find_control_character("\xC2\xA0"), std::nullopt);                     // NBSP is not C1
}

TEST(LetterCase, VietnameseUpperAndLower) {
  EXPECT_EQ(upper("ủy ban nhân dân"), "ỦY BAN NHÂN DÂN");
  EXPECT_EQ(upper("phường hải an"), "PHƯỜNG HẢI AN");
  EXPECT_EQ(upper("cộng hòa xã hội chủ nghĩa việt nam"), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
  EXPECT_EQ(upper("đ"), "Đ");
  EXPECT_EQ(lower("ĐỘC LẬP"), "độc lập");
  EXPECT_EQ(lower("HẢI AN, NGÀY"), "hải an, ngày");
  EXPECT_EQ(upper(""), "");
  EXPECT_EQ(upper(kHoaNfd), "HO\xCC\x80" "A");  // case changes, normal form is not the job here
}

TEST(LetterCase, CapitalizeFirstLeavesTheRest) {
  EXPECT_EQ(capitalize_first("mười bảy"), "Mười bảy");
  EXPECT_EQ(capitalize_first("ủy ban nhân dân phường"), "Ủy ban nhân dân phường");
  EXPECT_EQ(capitalize_first("đồng chí"), "Đồng chí");
  EXPECT_EQ(capitalize_first("Đã có"), "Đã có");
  EXPECT_EQ(capitalize_first("bằng UBND"), "Bằng UBND");
  EXPECT_EQ(capitalize_first("(bằng chữ"), "(Bằng chữ");
  EXPECT_EQ(capitalize_first("2 nhiệm vụ"), "2 nhiệm vụ");
  EXPECT_EQ(capitalize_first(""), "");
  EXPECT_EQ(capitalize_first("o\xCC\x80 x"), "O\xCC\x80 x");  // NFD: the mark stays with its letter
}

TEST(Numbers, GroupThousands) {
  EXPECT_EQ(group_thousands(0), "0");
  EXPECT_EQ(group_thousands(999), "999");
  EXPECT_EQ(group_thousands(1000), "1.000");
  EXPECT_EQ(group_thousands(2006), "2.006");
  EXPECT_EQ(group_thousands(11962), "11.962");
  EXPECT_EQ(group_thousands(100031), "100.031");
  EXPECT_EQ(group_thousands(17467000000), "17.467.000.000");
  EXPECT_EQ(group_thousands(-17467000000), "-17.467.000.000");
  EXPECT_EQ(group_thousands(-5), "-5");
  EXPECT_EQ(group_thousands(INT64_MIN), "-9.223.372.036.854.775.808");
  EXPECT_EQ(group_thousands(INT64_MAX), "9.223.372.036.854.775.807");
}

TEST(Numbers, DecimalUsesCommaAndDropsTrailingZeros) {
  EXPECT_EQ(decimal(94.4, 1), "94,4");
  EXPECT_EQ(decimal(100.0, 1), "100");
  EXPECT_EQ(decimal(1234.5, 2), "1.234,5");
  EXPECT_EQ(decimal(98.3, 1), "98,3");
  EXPECT_EQ(decimal(0.8, 1), "0,8");
  EXPECT_EQ(decimal(81.63, 1), "81,6");
  EXPECT_EQ(decimal(1234567.891, 2), "1.234.567,89");
  EXPECT_EQ(decimal(5, 0), "5");
  EXPECT_EQ(decimal(0.0, 3), "0");
}

TEST(Numbers, DecimalRoundsHalfAwayFromZeroOnTheWrittenValue) {
  EXPECT_EQ(decimal(2.5, 0), "3");
  EXPECT_EQ(decimal(-2.5, 0), "-3");
  EXPECT_EQ(decimal(0.05, 1), "0,1");
  EXPECT_EQ(decimal(1.005, 2), "1,01");  // the double is 1.00499..., the clerk typed 1.005
  EXPECT_EQ(decimal(0.125, 2), "0,13");
  EXPECT_EQ(decimal(999.95, 1), "1.000");
  EXPECT_EQ(decimal(9.96, 1), "10");
  EXPECT_EQ(decimal(-0.04, 1), "0");  // no "-0"
  EXPECT_EQ(decimal(-1.25, 1), "-1,3");
  EXPECT_EQ(decimal(1.04, 1), "1");
}

TEST(Numbers, DecimalRejectsWhatCannotBeWritten) {
  EXPECT_THROW(decimal(std::nan(""), 1), std::invalid_argument);
  EXPECT_THROW(decimal(std::numeric_limits<double>::infinity(), 1), std::invalid_argument);
  EXPECT_THROW(decimal(1.0, -1), std::invalid_argument);
}

TEST(Numbers, ARateNeverClaimsWhatDidNotHappen) {
  // 100% only when everything is done, 0% only when nothing is, whatever the rounding.
  EXPECT_EQ(percent(99999999, 100000000), "99,9%");
  EXPECT_EQ(percent(1999999, 2000000), "99,9%");
  EXPECT_EQ(percent(1999999, 2000000, 0), "99%");
  EXPECT_EQ(percent(1999999, 2000000, 2), "99,99%");
  EXPECT_EQ(percent(2000000, 2000000), "100%");
  EXPECT_EQ(percent(1, 2000000), "0,1%");
  EXPECT_EQ(percent(1, 2000000, 0), "1%");
  EXPECT_EQ(percent(0, 2000000), "0%");
  EXPECT_EQ(percent(2000001, 2000000), "100,1%");
  EXPECT_EQ(percent(999, 1000), "99,9%");  // exact, untouched
  EXPECT_EQ(percent(9995, 10000), "99,9%");  // would round to 100,0
  EXPECT_EQ(percent(-1999999, 2000000), "-99,9%");
  EXPECT_EQ(percent(INT64_MAX - 1, INT64_MAX, 3), "99,999%");
}

TEST(Numbers, CountsInProseAreGrouped) {
  EXPECT_EQ(group_counts("được giao 1000 nhiệm vụ"), "được giao 1.000 nhiệm vụ");
  EXPECT_EQ(group_counts("quá hạn: 1507 hồ sơ"), "quá hạn: 1.507 hồ sơ");
  EXPECT_EQ(group_counts("Có 1200 hồ sơ."), "Có 1.200 hồ sơ.");
  EXPECT_EQ(group_counts("tổng 17467000000 đồng"), "tổng 17.467.000.000 đồng");
  EXPECT_EQ(group_counts("(12345)"), "(12.345)");
  EXPECT_EQ(group_counts("đạt 12345."), "đạt 12.345.");
  EXPECT_EQ(group_counts("tiếp nhận 2000 hồ sơ"), "tiếp nhận 2.000 hồ sơ");
  EXPECT_EQ(group_counts("tổng số 1507 hồ sơ"), "tổng số 1.507 hồ sơ");
  // Left alone: what is not a count.
  for (const char* same : {"năm 2026", "Năm 2025 và 2026", "Nghị quyết 57-NQ/TW", "Công văn số 1804/UBND-VHXH",
                           "Quyết định số 1804 ngày 05/02/2026", "ngày 05/02/2026", "đạt 94,4%", "đã có 1.507 hồ sơ",
                           "gọi 0912345678", "mã 12345", "phòng A1200", "999 hồ sơ", "giai đoạn 2021-2025", "1200x800",
                           "v1234", "12,3456", "trong năm 2030", "Tổng đài 1022 thành phố",
                           "TCVN ISO 18091:2020", "tiêu chuẩn ISO 9001", "Quốc lộ 1000",
                           "theo mô hình 5721 (Công văn 5721/BKHCN"}) {
    EXPECT_EQ(group_counts(same), same) << same;
  }
  EXPECT_EQ(group_counts("hộ 1200 hội nghị"), "hộ 1.200 hội nghị");  // "hội" is not "hộ", but a hội nghị is counted
  EXPECT_EQ(group_counts("năm 2026 có 1200 hồ sơ"), "năm 2026 có 1.200 hồ sơ");
  EXPECT_EQ(group_counts("1375 Thủ tục hành chính"), "1.375 Thủ tục hành chính");  // a capitalised noun counts too
}

TEST(Numbers, PercentAsTheSeedsWriteIt) {
  EXPECT_EQ(percent(944, 944), "100%");
  EXPECT_EQ(percent(9765, 11962), "81,6%");
  EXPECT_EQ(percent(11766, 11962), "98,4%");  // 98,36 rounds up
  EXPECT_EQ(percent(2006, 2126), "94,4%");
  EXPECT_EQ(percent(0, 16), "0%");
  EXPECT_EQ(percent(1, 3, 2), "33,33%");
  EXPECT_EQ(percent(2, 3, 0), "67%");
  EXPECT_EQ(percent(1, 8, 2), "12,5%");
  EXPECT_EQ(percent(1, 8, 1), "12,5%");
  EXPECT_EQ(percent(1, 16, 1), "6,3%");  // 6,25 half away from zero
  EXPECT_EQ(percent(-1, 4), "-25%");
  EXPECT_EQ(percent(150, 100), "150%");
  EXPECT_EQ(percent(123456, 10), "1.234.560%");
  EXPECT_EQ(percent(1, 0), std::nullopt);
  EXPECT_EQ(percent(INT64_MAX, INT64_MAX, 3), "100%");
}

TEST(Numbers, TwoDigits) {
  EXPECT_EQ(two_digits(0), "00");
  EXPECT_EQ(two_digits(6), "06");
  EXPECT_EQ(two_digits(9), "09");
  EXPECT_EQ(two_digits(10), "10");
  EXPECT_EQ(two_digits(12), "12");
  EXPECT_EQ(two_digits(161), "161");
}

TEST(Money, AmountWithUnit) {
  EXPECT_EQ(money(17467000000), "17.467.000.000 đồng");
  EXPECT_EQ(money(2996000), "2.996.000 đồng");
  EXPECT_EQ(money(0), "0 đồng");
}

TEST(MoneyInWords, SeedAmount) {
  EXPECT_EQ(money_in_words(17467000000), "Mười bảy tỷ, bốn trăm sáu mươi bảy triệu đồng chẵn");
}

TEST(MoneyInWords, ReadingRules) {
  const std::vector<std::pair<std::int64_t, std::string>> cases = {
      {0, "Không đồng"},
      {1, "Một đồng"},
      {4, "Bốn đồng"},
      {5, "Năm đồng"},
      {10, "Mười đồng"},
      {11, "Mười một đồng"},
      {14, "Mười bốn đồng"},
      {15, "Mười lăm đồng"},
      {20, "Hai mươi đồng"},
      {21, "Hai mươi mốt đồng"},
      {24, "Hai mươi tư đồng"},
      {25, "Hai mươi lăm đồng"},
      {30, "Ba mươi đồng"},
      {55, "Năm mươi lăm đồng"},
      {91, "Chín mươi mốt đồng"},
      {100, "Một trăm đồng"},
      {101, "Một trăm linh một đồng"},
      {104, "Một trăm linh bốn đồng"},
      {105, "Một trăm linh năm đồng"},
      {110, "Một trăm mười đồng"},
      {115, "Một trăm mười lăm đồng"},
      {999, "Chín trăm chín mươi chín đồng"},
      {1000, "Một nghìn đồng chẵn"},
      {1005, "Một nghìn, không trăm linh năm đồng"},
      {1500, "Một nghìn, năm trăm đồng"},
      {2021, "Hai nghìn, không trăm hai mươi mốt đồng"},
      {10010, "Mười nghìn, không trăm mười đồng"},
      {45000, "Bốn mươi lăm nghìn đồng chẵn"},
      {105000, "Một trăm linh năm nghìn đồng chẵn"},
      {1000000, "Một triệu đồng chẵn"},
      {1000001, "Một triệu, không trăm linh một đồng"},
      {1010101, "Một triệu, không trăm mười nghìn, một trăm linh một đồng"},
      {2996000, "Hai triệu, chín trăm chín mươi sáu nghìn đồng chẵn"},
      {5000005, "Năm triệu, không trăm linh năm đồng"},
      {390000000, "Ba trăm chín mươi triệu đồng chẵn"},
      {1000000000, "Một tỷ đồng chẵn"},
      {21000024000, "Hai mươi mốt tỷ, không trăm hai mươi tư nghìn đồng chẵn"},
      {1000000000000, "Một nghìn tỷ đồng chẵn"},
      {999999999999999,
       "Chín trăm chín mươi chín nghìn tỷ, chín trăm chín mươi chín tỷ, chín trăm chín mươi chín triệu, "
       "chín trăm chín mươi chín nghìn, chín trăm chín mươi chín đồng"},
  };
  for (const auto& [amount, words] : cases) {
    EXPECT_EQ(money_in_words(amount), words) << "amount " << amount;
  }
}

TEST(MoneyInWords, OutsideTheRangeThrows) {
  EXPECT_THROW(money_in_words(-1), std::out_of_range);
  EXPECT_THROW(money_in_words(1'000'000'000'000'000), std::out_of_range);
  EXPECT_THROW(money_in_words(INT64_MIN), std::out_of_range);
}

TEST(MoneyInWords, OutputIsNfc) {
  for (std::int64_t amount : {15LL, 24LL, 1005LL, 17467000000LL, 999999999999999LL}) {
    EXPECT_TRUE(is_nfc(money_in_words(amount))) << amount;
  }
}

}  // namespace
}  // namespace vanthu::text
