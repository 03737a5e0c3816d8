#include <cctype>
//! Vietnamese text rules: normal form and letter case through ICU; numbers and money in words
//! written by hand so the output never depends on the machine's locale data.
#include "vanthu/text.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace vanthu::text {
namespace {

const icu::Normalizer2& nfc_normalizer() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status) || normalizer == nullptr)
    throw std::runtime_error(std::string("ICU NFC normalizer unavailable: ") + u_errorName(status));
  return *normalizer;
}

enum class Case { upper, lower };

std::string change_case(std::string_view utf8, Case target) {
  std::string result;
  icu::StringByteSink<std::string> sink(&result, static_cast<int32_t>(utf8.size()));
  UErrorCode status = U_ZERO_ERROR;
  const icu::StringPiece input(utf8.data(), static_cast<int32_t>(utf8.size()));
  if (target == Case::upper) {
    icu::CaseMap::utf8ToUpper("vi", 0, input, sink, nullptr, status);
  } else {
    icu::CaseMap::utf8ToLower("vi", 0, input, sink, nullptr, status);
  }
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU case mapping failed: ") + u_errorName(status));
  return result;
}

//! Decodes the code point at `at` (U+FFFD for an ill-formed sequence) and advances `at`.
char32_t next_code_point(std::string_view utf8, std::size_t& at) {
  int32_t offset = static_cast<int32_t>(at);
  UChar32 c = 0;
  U8_NEXT_OR_FFFD(reinterpret_cast<const uint8_t*>(utf8.data()), offset, static_cast<int32_t>(utf8.size()), c);
  at = static_cast<std::size_t>(offset);
  return static_cast<char32_t>(c);
}

//! "1234567" -> "1.234.567" (digits only, no sign).
std::string group_digits(std::string_view digits) {
  std::string grouped;
  grouped.reserve(digits.size() + digits.size() / 3);
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += '.';
    grouped += digits[i];
  }
  return grouped;
}

//! Joins a sign, integer digits and fraction digits the Vietnamese way, dropping trailing zeros
//! of the fraction (and the comma when none remain) and the sign of a zero.
std::string vietnamese_number(bool negative, std::string integer_digits, std::string fraction_digits) {
  while (!fraction_digits.empty() && fraction_digits.back() == '0') fraction_digits.pop_back();
  const std::size_t first_nonzero = integer_digits.find_first_not_of('0');
  integer_digits = first_nonzero == std::string::npos ? "0" : integer_digits.substr(first_nonzero);
  const bool zero = integer_digits == "0" && fraction_digits.empty();
  std::string result = negative && !zero ? "-" : "";
  result += group_digits(integer_digits);
  if (!fraction_digits.empty()) result += ',' + fraction_digits;
  return result;
}

// --- Money in words -----------------------------------------------------------------------------
//
// How an amount is read (đọc số tiền bằng chữ), as the seeds and common accounting practice write:
//  * The amount is cut into groups of three digits from the right; the groups are named, from the
//    lowest: (units), "nghìn", "triệu", "tỷ", "nghìn tỷ" (beyond tỷ the scale repeats with
//    "nghìn tỷ"; 15 digits never need more).
//  * A group is read as hundreds, tens, units:
//      - hundreds: "<digit> trăm"; in a group that is not the first spoken one and is below 100,
//        "không trăm" is still said ("một nghìn không trăm linh năm");
//      - tens: 0 with a non-zero unit after a hundreds word -> "linh" ("một trăm linh năm");
//        1 -> "mười" ("mười một", "mười bốn"); 2..9 -> "<digit> mươi" ("hai mươi");
//      - units after "mười" or "... mươi": 5 -> "lăm" ("mười lăm", "hai mươi lăm");
//        after "... mươi" only: 1 -> "mốt" and 4 -> "tư" ("hai mươi mốt", "hai mươi tư",
//        but "mười một", "mười bốn", "linh một", "linh bốn").
//  * Groups that are 000 are not spoken at all ("một triệu đồng", not "... không nghìn ...").
//  * A comma follows each spoken group that is followed by another spoken group:
//    "Mười bảy tỷ, bốn trăm sáu mươi bảy triệu đồng chẵn".
//  * The first letter is capitalised; the text ends with "đồng chẵn" when the amount is a
//    positive multiple of 1.000 (whole thousands: "chẵn" = round, nothing odd below the
//    thousands), otherwise "đồng". Zero is "Không đồng".

constexpr std::array<std::string_view, 10> kDigitWords = {"không", "một", "hai", "ba",  "bốn",
                                                          "năm",   "sáu", "bảy", "tám", "chín"};
constexpr std::array<std::string_view, 5> kGroupNames = {"", "nghìn", "triệu", "tỷ", "nghìn tỷ"};
constexpr std::int64_t kMaxMoneyAmount = 999'999'999'999'999;

//! Words for one group of three digits (1..999). `leading`: no higher group is spoken, so a
//! group below 100 is read without "không trăm".
std::string read_group(int group, bool leading) {
  const int hundreds = group / 100;
  const int tens = group / 10 % 10;
  const int units = group % 10;
  std::vector<std::string_view> words;
  const bool say_hundreds = hundreds > 0 || !leading;
  if (say_hundreds) {
    words.push_back(kDigitWords[hundreds]);
    words.push_back("trăm");
  }
  if (tens == 0) {
    if (units != 0) {
      if (say_hundreds) words.push_back("linh");
      words.push_back(kDigitWords[units]);
    }
  } else {
    if (tens == 1) {
      words.push_back("mười");
    } else {
      words.push_back(kDigitWords[tens]);
      words.push_back("mươi");
    }
    if (units == 5) {
      words.push_back("lăm");
    } else if (units == 1 && tens >= 2) {
      words.push_back("mốt");
    } else if (units == 4 && tens >= 2) {
      words.push_back("tư");
    } else if (units != 0) {
      words.push_back(kDigitWords[units]);
    }
  }
  std::string text;
  for (std::string_view word : words) {
    if (!text.empty()) text += ' ';
    text += word;
  }
  return text;
}

}  // namespace

//! Fast path: ASCII and text already in NFC (nearly every request) are returned as they are.
std::string nfc(std::string_view utf8) {
  const bool ascii = std::all_of(utf8.begin(), utf8.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii || is_nfc(utf8)) return std::string(utf8);
  const icu::UnicodeString input = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString normalized = nfc_normalizer().normalize(input, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC normalisation failed: ") + u_errorName(status));
  std::string result;
  normalized.toUTF8String(result);
  return result;
}

bool is_nfc(std::string_view utf8) {
  if (!is_valid_utf8(utf8)) return false;
  UErrorCode status = U_ZERO_ERROR;
  const bool normalized =
      nfc_normalizer().isNormalizedUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC check failed: ") + u_errorName(status));
  return normalized;
}

bool is_valid_utf8(std::string_view bytes) {
  std::size_t i = 0;
  const std::size_t size = bytes.size();
  auto byte = [&](std::size_t at) { return static_cast<unsigned char>(bytes[at]); };
  auto continuation = [&](std::size_t at) { return at < size && (byte(at) & 0xC0) == 0x80; };
  while (i < size) {
    const unsigned char lead = byte(i);
    if (lead < 0x80) {
      ++i;
    } else if (lead >= 0xC2 && lead <= 0xDF) {  // C0, C1 would be overlong
      if (!continuation(i + 1)) return false;
      i += 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      if (!continuation(i + 1) || !continuation(i + 2)) return false;
      const unsigned char second = byte(i + 1);
      if (lead == 0xE0 && second < 0xA0) return false;  // overlong
      if (lead == 0xED && second > 0x9F) return false;  // UTF-16 surrogates
      i += 3;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      if (!continuation(i + 1) || !continuation(i + 2) || !continuation(i + 3)) return false;
      const unsigned char second = byte(i + 1);
      if (lead == 0xF0 && second < 0x90) return false;  // overlong
      if (lead == 0xF4 && second > 0x8F) return false;  // above U+10FFFF
      i += 4;
    } else {
      return false;
    }
  }
  return true;
}

std::optional<char32_t> find_control_character(std::string_view utf8) {
  std::size_t at = 0;
  while (at < utf8.size()) {
    const char32_t c = next_code_point(utf8, at);
    const bool c0 = c < 0x20 && c != U'\t' && c != U'\n';
    if (c0 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) return c;
  }
  return std::nullopt;
}

std::string upper(std::string_view utf8) { return change_case(utf8, Case::upper); }
std::string lower(std::string_view utf8) { return change_case(utf8, Case::lower); }

//! Leading spaces and punctuation ("(", "“") are skipped; when the first letter-or-digit is a
//! letter it is upper-cased together with the combining marks that follow it (NFD input), so
//! "(bằng chữ" -> "(Bằng chữ" and "2 nhiệm vụ" stays as it is.
std::string capitalize_first(std::string_view utf8) {
  std::size_t at = 0;
  while (at < utf8.size()) {
    const std::size_t start = at;
    const char32_t c = next_code_point(utf8, at);
    if (u_isdigit(static_cast<UChar32>(c))) break;
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    std::size_t end = at;
    while (end < utf8.size()) {
      std::size_t next = end;
      const char32_t mark = next_code_point(utf8, next);
      if (u_charType(static_cast<UChar32>(mark)) != U_NON_SPACING_MARK) break;
      end = next;
    }
    return std::string(utf8.substr(0, start)) + upper(utf8.substr(start, end - start)) + std::string(utf8.substr(end));
  }
  return std::string(utf8);
}

std::string group_thousands(std::int64_t value) {
  // Magnitude as unsigned so INT64_MIN has one too.
  const std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  const std::string digits = std::to_string(magnitude);
  return (value < 0 ? "-" : "") + group_digits(digits);
}

//! The value is first written as the shortest decimal that reads back as the same double (so
//! 1.005 is "1.005", not 1.00499999...), then rounded in decimal, half away from zero. Throws
//! std::invalid_argument for NaN, infinities and max_decimals outside 0..17.
std::string decimal(double value, int max_decimals) {
  if (!std::isfinite(value)) throw std::invalid_argument("decimal: value is not a finite number");
  if (max_decimals < 0 || max_decimals > 17) throw std::invalid_argument("decimal: max_decimals must be 0..17");
  std::array<char, 400> buffer{};
  const auto [end, error] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), std::fabs(value), std::chars_format::fixed);
  if (error != std::errc{}) throw std::invalid_argument("decimal: value cannot be written");
  const std::string_view written(buffer.data(), static_cast<std::size_t>(end - buffer.data()));
  const std::size_t point = written.find('.');
  std::string integer_digits(written.substr(0, point));
  std::string fraction_digits(point == std::string_view::npos ? std::string_view{} : written.substr(point + 1));

  if (fraction_digits.size() > static_cast<std::size_t>(max_decimals)) {
    const bool round_up = fraction_digits[static_cast<std::size_t>(max_decimals)] >= '5';
    fraction_digits.resize(static_cast<std::size_t>(max_decimals));
    if (round_up) {
      std::string digits = integer_digits + fraction_digits;
      std::size_t i = digits.size();
      while (i > 0 && digits[i - 1] == '9') digits[--i] = '0';
      if (i == 0) {
        digits.insert(digits.begin(), '1');
      } else {
        ++digits[i - 1];
      }
      integer_digits = digits.substr(0, digits.size() - fraction_digits.size());
      fraction_digits = digits.substr(digits.size() - fraction_digits.size());
    }
  }
  return vietnamese_number(value < 0, integer_digits, fraction_digits);
}

//! Computed exactly in integers (part * 100 / whole, rounded half away from zero), so the same
//! counts always give the same text. Throws std::invalid_argument for max_decimals outside 0..17.
std::optional<std::string> percent(std::int64_t part, std::int64_t whole, int max_decimals) {
  if (max_decimals < 0 || max_decimals > 17) throw std::invalid_argument("percent: max_decimals must be 0..17");
  if (whole == 0) return std::nullopt;
  __int128 scale = 1;
  for (int i = 0; i < max_decimals; ++i) scale *= 10;
  const bool negative = (part < 0) != (whole < 0) && part != 0;
  const unsigned __int128 numerator =
      static_cast<unsigned __int128>(part < 0 ? -static_cast<__int128>(part) : static_cast<__int128>(part)) * 100u *
      static_cast<unsigned __int128>(scale);
  const unsigned __int128 denominator =
      static_cast<unsigned __int128>(whole < 0 ? -static_cast<__int128>(whole) : static_cast<__int128>(whole));
  unsigned __int128 scaled = numerator / denominator;
  if ((numerator % denominator) * 2 >= denominator) ++scaled;
  // An official rate never claims what did not happen: 100% only when the part is the whole
  // (1.999.999/2.000.000 is 99,9%, not 100%), 0% only when it is nothing (1/2.000.000 is 0,1%),
  // and more than 100% is never rounded down to it.
  const unsigned __int128 hundred = 100u * static_cast<unsigned __int128>(scale);
  const unsigned __int128 magnitude =
      static_cast<unsigned __int128>(part < 0 ? -static_cast<__int128>(part) : static_cast<__int128>(part));
  if (magnitude < denominator && scaled >= hundred) scaled = hundred - 1;
  if (magnitude > denominator && scaled <= hundred) scaled = hundred + 1;
  if (magnitude != 0 && scaled == 0) scaled = 1;

  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(scaled % 10)));
    scaled /= 10;
  } while (scaled != 0);
  if (digits.size() <= static_cast<std::size_t>(max_decimals))
    digits.insert(0, static_cast<std::size_t>(max_decimals) + 1 - digits.size(), '0');
  const std::size_t split = digits.size() - static_cast<std::size_t>(max_decimals);
  return vietnamese_number(negative, digits.substr(0, split), digits.substr(split)) + "%";
}

std::string two_digits(std::int64_t value) {
  if (value >= 0 && value < 10) return "0" + std::to_string(value);
  return std::to_string(value);
}

//! Throws std::out_of_range outside 0..999.999.999.999.999. The reading rules are described
//! above kDigitWords.
std::string money_in_words(std::int64_t amount) {
  if (amount < 0 || amount > kMaxMoneyAmount)
    throw std::out_of_range("money_in_words: amount must be 0..999999999999999");
  if (amount == 0) return "Không đồng";

  std::array<int, kGroupNames.size()> groups{};
  std::int64_t rest = amount;
  for (int& group : groups) {
    group = static_cast<int>(rest % 1000);
    rest /= 1000;
  }
  std::string words;
  for (std::size_t index = groups.size(); index-- > 0;) {
    if (groups[index] == 0) continue;
    if (!words.empty()) words += ", ";
    words += read_group(groups[index], words.empty());
    if (!kGroupNames[index].empty()) {
      words += ' ';
      words += kGroupNames[index];
    }
  }
  words += amount % 1000 == 0 ? " đồng chẵn" : " đồng";
  return capitalize_first(words);
}

std::string trim(std::string_view utf8) {
  const auto begin = utf8.find_first_not_of(" \t\n");
  if (begin == std::string_view::npos) return {};
  const auto end = utf8.find_last_not_of(" \t\n");
  return std::string(utf8.substr(begin, end - begin + 1));
}

std::string trim_end(std::string_view utf8, std::string_view punctuation) {
  std::string out = trim(utf8);
  while (!out.empty() && (punctuation.find(out.back()) != std::string_view::npos || out.back() == ' ' ||
                          out.back() == '\t' || out.back() == '\n'))
    out.pop_back();
  return out;
}

std::string money(std::int64_t amount) { return group_thousands(amount) + " đồng"; }

namespace {

bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

//! The word just before `at` (skipping one space), lower-case ASCII letters compared only.
std::string_view word_before(std::string_view text, std::size_t at) {
  std::size_t end = at;
  if (end == 0 || text[end - 1] != ' ') return {};
  --end;
  std::size_t start = end;
  while (start > 0 && text[start - 1] != ' ' && text[start - 1] != '\n' && text[start - 1] != '(') --start;
  return text.substr(start, end - start);
}

//! The words a count is followed by in the reports ("1200 hồ sơ", "1000 nhiệm vụ").
bool followed_by_counted_noun(std::string_view rest) {
  static const char* const kNouns[] = {"hồ sơ", "nhiệm vụ", "văn bản", "người", "lượt", "tài khoản", "hộ", "thủ tục",
                                       "TTHC", "cuộc", "doanh nghiệp", "đồng", "giao dịch", "thuê bao", "cán bộ",
                                       "sáng kiến", "phản ánh", "kiến nghị", "học sinh", "công dân", "chữ ký", "tin",
                                       "bài", "máy", "camera", "điểm", "đơn vị", "trường hợp", "lớp", "buổi", "hội nghị"};
  if (rest.empty() || rest.front() != ' ') return false;
  rest.remove_prefix(1);
  // "Thủ tục hành chính" as "thủ tục": the noun may open a capitalised phrase.
  const std::string lowered = lower(rest.substr(0, std::min<std::size_t>(rest.size(), 40)));
  rest = lowered;
  for (const char* noun : kNouns) {
    std::string_view n(noun);
    if (rest.substr(0, n.size()) != n) continue;
    const auto next = rest.size() == n.size() ? ' ' : static_cast<unsigned char>(rest[n.size()]);
    if (next < 0x80 && !std::isalnum(next)) return true;  // the whole word, not the start of a longer one
  }
  return false;
}

}  // namespace

std::string group_counts(std::string_view prose) {
  std::string out;
  out.reserve(prose.size() + 8);
  std::size_t i = 0;
  while (i < prose.size()) {
    if (!is_ascii_digit(prose[i])) {
      out.push_back(prose[i++]);
      continue;
    }
    std::size_t end = i;
    while (end < prose.size() && is_ascii_digit(prose[end])) ++end;
    const std::string_view digits = prose.substr(i, end - i);
    // Only a number standing alone: not part of a symbol, date, code, decimal or a number
    // already grouped ("57-NQ/TW", "05/02/2026", "1.507", "12,5", "A12", "0912345678").
    const char before = i == 0 ? ' ' : prose[i - 1];
    const char after = end == prose.size() ? ' ' : prose[end];
    const char after2 = end + 1 < prose.size() ? prose[end + 1] : ' ';
    const bool alone_before = before == ' ' || before == '(' || before == '\n' || before == '\t';
    const bool punct_after = after == '.' || after == ',' || after == ';' || after == ':';
    const bool alone_after = after == ' ' || after == ')' || after == '\n' || after == '\t' ||
                             (punct_after && !is_ascii_digit(after2));
    bool group = alone_before && alone_after && digits.size() >= 4 && digits.size() <= 18 && digits[0] != '0';
    if (group) {
      const std::string_view word = word_before(prose, i);
      const bool counted = followed_by_counted_noun(prose.substr(end));
      // Four digits are a count only before a counted noun ("1507 hồ sơ"); alone they are as
      // often a year, a model or a hotline ("mô hình 5721", "Tổng đài 1022").
      const bool year_like = digits.size() == 4;
      // Words after which a number names a thing, not how many: a year, a document or
      // telephone number, a standard, a road.
      static const char* const kNaming[] = {"năm", "số", "khóa", "hiệu", "mã", "đài", "iso", "tcvn", "qcvn", "hotline",
                                            "phòng", "lộ", "đường", "kênh", "xe", "biển", "model", "phiên", "bản"};
      const std::string lowered = lower(word);
      bool names_a_thing = false;
      for (const char* naming : kNaming) names_a_thing = names_a_thing || lowered == naming;
      if ((year_like || names_a_thing) && !counted) group = false;
    }
    if (group) {
      const std::size_t first = digits.size() % 3 == 0 ? 3 : digits.size() % 3;
      out.append(digits.substr(0, first));
      for (std::size_t at = first; at < digits.size(); at += 3) {
        out.push_back('.');
        out.append(digits.substr(at, 3));
      }
    } else {
      out.append(digits);
    }
    i = end;
  }
  return out;
}

}  // namespace vanthu::text
