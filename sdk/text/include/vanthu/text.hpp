//! Vietnamese text rules (ICU underneath): normal form, letter case, numbers, money in words.
//! All functions take and return UTF-8.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace vanthu::text {

//! Unicode NFC. "Hòa" typed as o + combining grave becomes the precomposed "ò".
std::string nfc(std::string_view utf8);
bool is_nfc(std::string_view utf8);

//! True when the bytes are well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool is_valid_utf8(std::string_view bytes);

//! First disallowed control character (C0 except TAB and LF, DEL, C1), or nullopt.
std::optional<char32_t> find_control_character(std::string_view utf8);

//! Vietnamese upper/lower case (ICU locale "vi"): "ủy ban nhân dân" -> "ỦY BAN NHÂN DÂN".
std::string upper(std::string_view utf8);
std::string lower(std::string_view utf8);
//! First letter upper-cased, the rest untouched: "mười bảy" -> "Mười bảy".
std::string capitalize_first(std::string_view utf8);

//! Without the spaces, tabs and line breaks a clerk leaves around what is typed: "  Hải An\n" ->
//! "Hải An". Inside the text nothing changes (the clerk's own line breaks stay).
std::string trim(std::string_view utf8);

//! trim(), then without the punctuation a clerk may or may not type at the end of a phrase that
//! a sentence continues (`punctuation`, ASCII, e.g. ".,;:") and the spaces between them:
//! trim_end("Về hạ tầng : ", ":") -> "Về hạ tầng"; trim_end("Công an thành phố.", ".,;:") ->
//! "Công an thành phố".
std::string trim_end(std::string_view utf8, std::string_view punctuation);

//! Thousands grouped with ".": 2006 -> "2.006", -17467000000 -> "-17.467.000.000".
std::string group_thousands(std::int64_t value);

//! Fixed decimals with "," as the decimal mark and "." grouping; trailing zeros after the
//! comma are dropped, and the comma too when nothing is left: (94.4, 1) -> "94,4",
//! (100.0, 1) -> "100", (1234.5, 2) -> "1.234,5". Rounds half away from zero, on the shortest
//! decimal that reads back as the same double (1.005 -> "1,01"). Throws std::invalid_argument for
//! NaN/infinity or max_decimals outside 0..17.
std::string decimal(double value, int max_decimals);

//! part/whole as a percentage with at most `max_decimals` decimals: (944, 944) -> "100%",
//! (9765, 11962) -> "81,6%". nullopt when whole is 0. Exact integer arithmetic, half away from
//! zero, except that a rate never claims what did not happen: "100%" only when part == whole
//! ((1999999, 2000000) -> "99,9%"), "0%" only when part is 0 ((1, 2000000) -> "0,1%"), and a part
//! above its whole never rounds down to "100%" ((2000001, 2000000) -> "100,1%"). Throws
//! std::invalid_argument for max_decimals outside 0..17.
std::optional<std::string> percent(std::int64_t part, std::int64_t whole, int max_decimals = 1);

//! The counts in a clerk's prose grouped as the decree writes numbers: "quá hạn: 1507 hồ sơ" ->
//! "quá hạn: 1.507 hồ sơ", "được giao 12000 nhiệm vụ" -> "được giao 12.000 nhiệm vụ". Only a
//! number of 4 to 18 digits standing alone is touched: never one inside a symbol, date, code or
//! decimal ("57-NQ/TW", "05/02/2026", "12,5", "A1200"), one with a leading zero (telephone
//! numbers), nor a year or a number that names a thing ("năm 2026", "số 1804", "mã 12345")
//! unless a counted noun follows ("2000 hồ sơ").
std::string group_counts(std::string_view prose);

//! Two digits for counts the seeds write that way: 6 -> "06", 12 -> "12".
std::string two_digits(std::int64_t value);

//! Money amount in words as the seeds write it, capitalised, a comma after each group, ending
//! "đồng chẵn" when exact: 17467000000 -> "Mười bảy tỷ, bốn trăm sáu mươi bảy triệu đồng chẵn".
//! Valid for 0 <= amount <= 999'999'999'999'999 (std::out_of_range otherwise). "đồng chẵn" when
//! the amount is a positive multiple of 1.000; 0 -> "Không đồng". Rules: see text.cpp.
std::string money_in_words(std::int64_t amount);

//! "17.467.000.000 đồng"
std::string money(std::int64_t amount);

}  // namespace vanthu::text
