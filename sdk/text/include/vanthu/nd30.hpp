//! The official-format rules of Decree 30/2020/NĐ-CP (Nghị định 30), in one place.
//! Everything a report type needs to word and lay out the fixed parts of a document.
//! The rules and their sizes are documented in docs/nd30.md of the shared specification.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanthu/date.hpp"

namespace vanthu::nd30 {

//! Quốc hiệu and Tiêu ngữ, exactly as the decree spells them.
inline constexpr std::string_view kNationalName = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
inline constexpr std::string_view kMotto = "Độc lập - Tự do - Hạnh phúc";

//! Số, ký hiệu: "Số: 01/BC-BCĐ" (numbers below 10 get a leading 0); with no number, the blank
//! the records office fills at issue: "Số:      /BC-BCĐ". Throws std::invalid_argument for a
//! number below 1.
std::string number_line(std::optional<int> number, std::string_view symbol);

//! Địa danh, ngày tháng: "Hải An, ngày 05 tháng 02 năm 2026" (days 1–9 and months 1–2 get a
//! leading 0, months 3–12 do not). With no date the records office fills it at issue:
//! "Hải An, ngày      tháng      năm 2026".
std::string place_date_line(std::string_view place, std::optional<Date> date, int year);

//! "(Từ 05/02/2026 đến 11/02/2026)"; std::invalid_argument when `to` is before `from`.
std::string week_period(const Date& from, const Date& to);

//! Roman numerals for headings I., II., ... (1..3999, std::out_of_range otherwise).
std::string roman(int number);
//! Vietnamese alphabet order for điểm: 1 -> "a", 5 -> "đ", 6 -> "e", 7 -> "g" (no f, j, w, z);
//! 1..23, std::out_of_range beyond "y".
std::string letter(int number);

//! Type abbreviations of Appendix III (tên loại -> "BC", "QĐ", "CTr", ...), case kept.
bool is_type_abbreviation(std::string_view abbreviation);

//! Nơi nhận items: each "- X;" and the last "- X." — punctuation the clerk typed at the end of
//! an item is replaced, so "Như trên" and "Như trên;" give the same line.
std::vector<std::string> recipient_lines(const std::vector<std::string>& recipients);

//! Width in points of a single line of text set in Liberation Serif (metric-compatible with
//! Times New Roman) at `size_pt`. Used to size the short rules under the issuing body and the
//! motto by construction rather than by eye.
double text_width_pt(std::string_view utf8, double size_pt, bool bold = false, bool italic = false);

//! The short centred line under the issuing body: the decree asks for 1/3 to 1/2 of the text's
//! length; we use 40% of the widest line, clamped to the column. Returns the length in twips
//! (1/20 pt). `lines` are the issuing body's lines as printed (UPPER), `column_twips` the
//! column's text width.
int agency_rule_twips(const std::vector<std::string>& lines, double size_pt, int column_twips);

//! Splits text into lines no wider than `width_twips` at spaces (greedy, like a word processor).
std::vector<std::string> wrap_lines(std::string_view utf8, double size_pt, bool bold, int width_twips);

//! The lines a clerk would set by hand for a centred block (the issuing body, a V/v line):
//! as many as the column needs, but as even as they can be, so no word stands alone on the last
//! line ("BẠCH LONG / VĨ" becomes two halves). Each "\n" the clerk typed is kept; a number stays
//! with the word before it. The lines are joined with "\n".
std::string balanced_lines(std::string_view text, double size_pt, bool bold, int column_twips);

//! Document symbols (số, ký hiệu: "57-NQ/TW", "1804/UBND-VHXH") with non-breaking hyphens
//! (U+2011), so a line never ends inside one; the template engine writes them as Word's
//! w:noBreakHyphen. Other hyphens ("2021-2025", "Đổi mới - sáng tạo") are left alone.
std::string keep_symbols_together(std::string_view text);

}  // namespace vanthu::nd30
