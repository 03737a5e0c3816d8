//! Decree 30/2020/NĐ-CP wording and measuring rules (see docs/nd30.md of the specification).
#include "vanthu/nd30.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include "font_metrics.hpp"
#include "vanthu/text.hpp"

namespace vanthu::nd30 {
namespace {

//! What the records office (văn thư) fills in by hand at issue: six spaces.
constexpr std::string_view kBlank = "      ";

//! Vietnamese alphabet order used for điểm a), b), ... (no f, j, w, z).
constexpr std::array<std::string_view, 23> kLetters = {"a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m",
                                                       "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y"};

//! Appendix III: abbreviations of document types (tên loại), and of copy forms (bản sao).
constexpr std::array<std::string_view, 30> kTypeAbbreviations = {
    "NQ",  "QĐ", "CT", "QC", "QyĐ", "TC",  "TB",  "HD",  "CTr", "KH",  "PA", "ĐA", "DA", "BC", "BB",
    "TTr", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG",  "PC", "PB", "SY", "TrS", "SL"};

detail::FontStyle style_of(bool bold, bool italic) {
  if (bold && italic) return detail::FontStyle::bold_italic;
  if (bold) return detail::FontStyle::bold;
  if (italic) return detail::FontStyle::italic;
  return detail::FontStyle::regular;
}

//! Advance of a code point in font units, or nullopt when the table does not map it.
std::optional<unsigned> table_advance(const detail::FontMetrics& metrics, char32_t code_point) {
  const detail::GlyphAdvance* begin = metrics.advances;
  const detail::GlyphAdvance* end = metrics.advances + metrics.count;
  const auto* found = std::lower_bound(begin, end, code_point,
                                       [](const detail::GlyphAdvance& entry, char32_t c) { return entry.code_point < c; });
  if (found == end || found->code_point != code_point) return std::nullopt;
  return found->advance;
}

//! Advance in font units of a code point the table may lack: a combining mark the table lacks
//! takes no width (marks sit on their base letter); anything else falls back to "n".
unsigned part_advance(const detail::FontMetrics& metrics, char32_t code_point) {
  if (auto advance = table_advance(metrics, code_point)) return *advance;
  if (u_charType(static_cast<UChar32>(code_point)) == U_NON_SPACING_MARK) return 0;
  return table_advance(metrics, U'n').value_or(metrics.units_per_em / 2);
}

//! Advance in font units: the table; else the sum over the canonical decomposition (NFD: base
//! letter and marks); else, as a last resort, the advance of "n" (see part_advance).
unsigned advance_units(const detail::FontMetrics& metrics, char32_t code_point) {
  if (auto advance = table_advance(metrics, code_point)) return *advance;
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString parts;
  if (U_SUCCESS(status) && nfd->getDecomposition(static_cast<UChar32>(code_point), parts)) {
    unsigned total = 0;
    for (int32_t i = 0; i < parts.length(); i = parts.moveIndex32(i, 1)) {
      total += part_advance(metrics, static_cast<char32_t>(parts.char32At(i)));
    }
    return total;
  }
  return part_advance(metrics, code_point);
}

//! Width of text in font units (no kerning: Word does not kern body text by default).
unsigned long long width_units(std::string_view nfc_utf8, const detail::FontMetrics& metrics) {
  unsigned long long total = 0;
  int32_t at = 0;
  const auto* bytes = reinterpret_cast<const uint8_t*>(nfc_utf8.data());
  const auto size = static_cast<int32_t>(nfc_utf8.size());
  while (at < size) {
    UChar32 c = 0;
    U8_NEXT_OR_FFFD(bytes, at, size, c);
    // A non-breaking hyphen is printed with the font's own hyphen (w:noBreakHyphen).
    total += advance_units(metrics, c == 0x2011 ? U'-' : static_cast<char32_t>(c));
  }
  return total;
}

//! Trims ASCII spaces and tabs at both ends.
std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

//! Throws std::invalid_argument for a number below 1 (numbers run from 01 each year).
std::string number_line(std::optional<int> number, std::string_view symbol) {
  std::string line = "Số:";
  if (number) {
    if (*number < 1) throw std::invalid_argument("number_line: document numbers start at 1");
    line += ' ';
    line += text::two_digits(*number);
  } else {
    line += kBlank;
  }
  line += '/';
  line += symbol;
  return line;
}

//! `year` is used only for the blank form; with a date its own year is printed. With an empty
//! place the line starts at "ngày".
std::string place_date_line(std::string_view place, std::optional<Date> date, int year) {
  std::string line(place);
  if (!line.empty()) line += ", ";
  if (!date) {
    line += "ngày";
    line += kBlank;
    line += "tháng";
    line += kBlank;
    line += "năm " + std::to_string(year);
    return line;
  }
  line += "ngày " + text::two_digits(date->day);
  line += " tháng " + (date->month <= 2 ? text::two_digits(date->month) : std::to_string(date->month));
  line += " năm " + std::to_string(date->year);
  return line;
}

//! Throws std::invalid_argument when `to` is before `from`.
std::string week_period(const Date& from, const Date& to) {
  if (to < from) throw std::invalid_argument("week_period: the period ends before it starts");
  return "(Từ " + from.dd_mm_yyyy() + " đến " + to.dd_mm_yyyy() + ")";
}

//! Throws std::out_of_range outside 1..3999.
std::string roman(int number) {
  if (number < 1 || number > 3999) throw std::out_of_range("roman: number must be 1..3999");
  static constexpr std::array<std::pair<int, std::string_view>, 13> kNumerals = {{{1000, "M"},
                                                                                   {900, "CM"},
                                                                                   {500, "D"},
                                                                                   {400, "CD"},
                                                                                   {100, "C"},
                                                                                   {90, "XC"},
                                                                                   {50, "L"},
                                                                                   {40, "XL"},
                                                                                   {10, "X"},
                                                                                   {9, "IX"},
                                                                                   {5, "V"},
                                                                                   {4, "IV"},
                                                                                   {1, "I"}}};
  std::string result;
  for (const auto& [value, numeral] : kNumerals) {
    while (number >= value) {
      result += numeral;
      number -= value;
    }
  }
  return result;
}

//! Throws std::out_of_range outside 1..23 (the alphabet has 23 letters for điểm).
std::string letter(int number) {
  if (number < 1 || number > static_cast<int>(kLetters.size()))
    throw std::out_of_range("letter: number must be 1..23");
  return std::string(kLetters[static_cast<std::size_t>(number - 1)]);
}

//! Includes the copy forms SY (sao y), TrS (trích sao), SL (sao lục) of the same appendix.
//! Exact, case-sensitive comparison ("QyĐ" yes, "QYĐ" no); the input is expected in NFC.
bool is_type_abbreviation(std::string_view abbreviation) {
  return std::find(kTypeAbbreviations.begin(), kTypeAbbreviations.end(), abbreviation) != kTypeAbbreviations.end();
}

//! A leading list dash the clerk typed ("- Như trên") is dropped too, and blank items are
//! skipped, so each line is exactly "- X;" / "- X.".
std::vector<std::string> recipient_lines(const std::vector<std::string>& recipients) {
  std::vector<std::string> items;
  for (const std::string& recipient : recipients) {
    std::string_view item = trim(recipient);
    if (!item.empty() && (item.front() == '-' || item.front() == '+')) item = trim(item.substr(1));
    while (!item.empty() && std::string_view(";,.: \t").find(item.back()) != std::string_view::npos)
      item.remove_suffix(1);
    if (!item.empty()) items.emplace_back(item);
  }
  std::vector<std::string> lines;
  lines.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i) {
    lines.push_back("- " + items[i] + (i + 1 == items.size() ? "." : ";"));
  }
  return lines;
}

//! The text is taken to NFC first, so decomposed input measures like what Word renders.
double text_width_pt(std::string_view utf8, double size_pt, bool bold, bool italic) {
  const detail::FontMetrics& metrics = detail::font_metrics(style_of(bold, italic));
  const std::string normalized = text::nfc(utf8);
  return static_cast<double>(width_units(normalized, metrics)) * size_pt / metrics.units_per_em;
}

//! The lines are measured bold, as the issuing body is printed.
int agency_rule_twips(const std::vector<std::string>& lines, double size_pt, int column_twips) {
  double widest_pt = 0;
  for (const std::string& line : lines) widest_pt = std::max(widest_pt, text_width_pt(line, size_pt, true));
  const int rule = static_cast<int>(std::lround(widest_pt * 0.4 * 20.0));
  return std::clamp(rule, 0, std::max(column_twips, 0));
}

//! Runs of spaces between words count as one space (as they disappear at a line end in a word
//! processor); "\n" in the text forces a break. Blank text gives no lines.
std::vector<std::string> wrap_lines(std::string_view utf8, double size_pt, bool bold, int width_twips) {
  const detail::FontMetrics& metrics = detail::font_metrics(style_of(bold, false));
  const std::string normalized = text::nfc(utf8);
  // Compare in font units: width_twips / 20 pt = width_twips / 20 / size_pt em.
  const double limit_units = width_twips / 20.0 / size_pt * metrics.units_per_em + 1e-9;
  const unsigned long long space_units = width_units(" ", metrics);

  std::vector<std::string> lines;
  std::string_view rest = normalized;
  while (true) {
    const std::size_t newline = rest.find('\n');
    const std::string_view paragraph = rest.substr(0, newline);
    std::string line;
    unsigned long long line_units = 0;
    std::size_t at = 0;
    while (at < paragraph.size()) {
      const std::size_t start = paragraph.find_first_not_of(' ', at);
      if (start == std::string_view::npos) break;
      const std::size_t end = std::min(paragraph.find(' ', start), paragraph.size());
      const std::string_view word = paragraph.substr(start, end - start);
      const unsigned long long word_units = width_units(word, metrics);
      if (!line.empty() && static_cast<double>(line_units + space_units + word_units) > limit_units) {
        lines.push_back(std::move(line));
        line.clear();
        line_units = 0;
      }
      if (!line.empty()) {
        line += ' ';
        line_units += space_units;
      }
      line += word;
      line_units += word_units;
      at = end;
    }
    if (!line.empty()) lines.push_back(std::move(line));
    if (newline == std::string_view::npos) break;
    rest = rest.substr(newline + 1);
  }
  return lines;
}

std::string keep_symbols_together(std::string_view text) {
  static constexpr std::string_view kNoBreakHyphen = "\u2011";
  std::string out;
  out.reserve(text.size());
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find_first_of(" \t\n", start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view token = text.substr(start, end - start);
    // A document's number and symbol: digits, "/", an upper-case letter ("57-NQ/TW",
    // "1804/UBND-VHXH", "15/QĐ-BNV"); its hyphens must not end a line.
    bool symbol = token.find('/') != std::string_view::npos && token.find('-') != std::string_view::npos &&
                  !token.empty() && token.front() >= '0' && token.front() <= '9' &&
                  token.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string_view::npos;
    for (std::size_t i = 0; symbol && i < token.size(); ++i)
      if (token[i] >= 'a' && token[i] <= 'z') symbol = false;  // a date range or a word, not a symbol
    if (symbol) {
      for (char c : token) {
        if (c == '-') out.append(kNoBreakHyphen);
        else out.push_back(c);
      }
    } else {
      out.append(token);
    }
    if (end < text.size()) out.push_back(text[end]);
    start = end + 1;
  }
  return out;
}

std::string balanced_lines(std::string_view text, double size_pt, bool bold, int column_twips) {
  static constexpr std::string_view kNoBreakSpace = "\u00a0";
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string paragraph(trim(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start)));
    // A number stays with the word before it ("Đề án 06", "năm 2026").
    for (std::size_t at = 0; (at = paragraph.find(' ', at)) != std::string::npos;) {
      if (at + 1 < paragraph.size() && paragraph[at + 1] >= '0' && paragraph[at + 1] <= '9') paragraph.replace(at, 1, kNoBreakSpace);
      else ++at;
    }
    if (!paragraph.empty()) {
      std::vector<std::string> lines = wrap_lines(paragraph, size_pt, bold, column_twips);
      if (lines.size() > 1) {
        int low = 1, high = column_twips;  // the narrowest width that needs no more lines
        while (low < high) {
          int middle = low + (high - low) / 2;
          if (wrap_lines(paragraph, size_pt, bold, middle).size() <= lines.size()) high = middle;
          else low = middle + 1;
        }
        lines = wrap_lines(paragraph, size_pt, bold, low);
      }
      for (std::string line : lines) {
        for (std::size_t at = 0; (at = line.find(kNoBreakSpace, at)) != std::string::npos;) line.replace(at, kNoBreakSpace.size(), " ");
        out += (out.empty() ? "" : "\n") + line;
      }
    }
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace vanthu::nd30
