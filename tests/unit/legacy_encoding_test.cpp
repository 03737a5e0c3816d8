//! Text pasted from documents typed in TCVN3 (ABC, .VnTime) or VNI: detected and converted to
//! Unicode NFC, on the lines every Vietnamese administrative document carries.
#include <gtest/gtest.h>

#include "vanthu/legacy_encoding.hpp"
#include "vanthu/text.hpp"

namespace vanthu::text {
namespace {

struct Case {
  const char* legacy;
  const char* unicode;
};

TEST(LegacyEncoding, Tcvn3RealLines) {
  const Case cases[] = {
      {"Céng hoµ x· héi chñ nghÜa ViÖt Nam", "Cộng hoà xã hội chủ nghĩa Việt Nam"},
      {"§éc lËp - Tù do - H¹nh phóc", "Độc lập - Tự do - Hạnh phúc"},
      {"Uû ban nh©n d©n ph\u00ADêng H¶i An", "Uỷ ban nhân dân phường Hải An"},
      {"B¸o c¸o kÕt qu¶ thùc hiÖn NghÞ quyÕt sè 57-NQ/TW", "Báo cáo kết quả thực hiện Nghị quyết số 57-NQ/TW"},
      {"®æi sè, dÞch vô c«ng trùc tuyÕn", "đổi số, dịch vụ công trực tuyến"},
      {"Ban ChØ ®¹o; Héi ®ång nh©n d©n; §¶ng uû", "Ban Chỉ đạo; Hội đồng nhân dân; Đảng uỷ"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(detect_legacy(c.legacy), LegacyEncoding::tcvn3) << c.legacy;
    const std::string out = to_unicode(c.legacy, LegacyEncoding::tcvn3);
    EXPECT_EQ(out, c.unicode);
    EXPECT_TRUE(is_nfc(out));
  }
}

TEST(LegacyEncoding, VniRealLines) {
  const Case cases[] = {
      {"Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"},
      {"Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"},
      {"UÛY BAN NHAÂN DAÂN PHÖÔØNG HAÛI AN", "ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN"},
      {"UÛy ban nhaân daân phöôøng Leâ Chaân", "Ủy ban nhân dân phường Lê Chân"},
      {"Soá hoà sô tröïc tuyeán: 1.507", "Số hồ sơ trực tuyến: 1.507"},
      {"naêm 2026, quyù IV, thaùng 12", "năm 2026, quý IV, tháng 12"},
      {"Kyø baùo caùo; ñeà xuaát, kieán nghò", "Kỳ báo cáo; đề xuất, kiến nghị"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(detect_legacy(c.legacy), LegacyEncoding::vni) << c.legacy;
    const std::string out = to_unicode(c.legacy, LegacyEncoding::vni);
    EXPECT_EQ(out, c.unicode);
    EXPECT_TRUE(is_nfc(out));
  }
}

TEST(LegacyEncoding, UnicodeAndPlainTextAreLeftAlone) {
  for (const char* text : {"Cộng hòa xã hội chủ nghĩa Việt Nam", "thuê nhà, quá hạn, hoá đơn", "Hai An 2026",
                           "Xin chào các bạn", "Khoẻ, hoà, quê", "quá hoà thuê",
                           "", "ID: doc_0123, 57-NQ/TW",
                           // Half Unicode already: never converted (its Unicode letters would break).
                           "Chuyển ®æi sè"}) {
    EXPECT_EQ(detect_legacy(text), LegacyEncoding::unicode) << text;
    EXPECT_EQ(to_unicode(text, LegacyEncoding::unicode), text);
  }
}

TEST(LegacyEncoding, NamesAndLabels) {
  EXPECT_STREQ(legacy_encoding_name(LegacyEncoding::tcvn3), "tcvn3");
  EXPECT_STREQ(legacy_encoding_name(LegacyEncoding::vni), "vni");
  EXPECT_STREQ(legacy_encoding_name(LegacyEncoding::unicode), "unicode");
  EXPECT_STREQ(legacy_encoding_label(LegacyEncoding::tcvn3), "TCVN3 (ABC)");
}

TEST(LegacyEncoding, CharactersOutsideTheTablesPassThrough) {
  EXPECT_EQ(to_unicode("nh©n d©n — 100% “OK” 😀", LegacyEncoding::tcvn3), "nhân dân — 100% “OK” 😀");
  EXPECT_EQ(to_unicode("nhaân daân — 😀 中", LegacyEncoding::vni), "nhân dân — 😀 中");
}

}  // namespace
}  // namespace vanthu::text
