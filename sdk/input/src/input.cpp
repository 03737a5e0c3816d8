//! Reading a request body (dữ liệu yêu cầu): JSON syntax with positions a clerk can find,
//! UTF-8 and control-character checks naming each bad string, then NFC everywhere.
#include "vanthu/input.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <unicode/normalizer2.h>
#include <unicode/utf8.h>

#include "vanthu/text.hpp"

namespace vanthu {
namespace {

//! Deepest nesting of arrays/objects accepted; the top-level value is at depth 1.
constexpr int kMaxDepth = 64;
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

//! The body with every ill-formed UTF-8 sequence (maximal subpart, as ICU decodes) replaced by
//! U+FFFD, or nullopt when the body is well-formed (then no copy is made).
std::optional<std::string> replace_ill_formed_utf8(std::string_view body) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(body.data());
  const auto size = static_cast<int32_t>(body.size());
  std::optional<std::string> result;
  int32_t copied = 0;  // bytes of `body` before this are in *result
  int32_t at = 0;
  while (at < size) {
    if (bytes[at] < 0x80) {
      ++at;
      continue;
    }
    const int32_t start = at;
    UChar32 c = 0;
    U8_NEXT(bytes, at, size, c);
    if (c >= 0) continue;
    if (!result) {
      result.emplace();
      result->reserve(body.size() + 16);
    }
    result->append(body.substr(static_cast<std::size_t>(copied), static_cast<std::size_t>(start - copied)));
    *result += kReplacementCharacter;
    copied = at;
  }
  if (result) result->append(body.substr(static_cast<std::size_t>(copied)));
  return result;
}

//! Byte index of the first "[" or "{" (outside strings) that opens a level deeper than
//! kMaxDepth, or nullopt.
std::optional<std::size_t> find_excess_nesting(std::string_view json) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < json.size(); ++i) {
    const char c = json[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return i;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return std::nullopt;
}

//! 1-based line and column (in characters, not bytes) of the character holding the byte at
//! `index` (the end of the text counts as one character past the last).
std::pair<std::size_t, std::size_t> line_and_column(std::string_view text, std::size_t index) {
  index = std::min(index, text.size());
  std::size_t line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < index; ++i) {
    if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) {
      ++line;
      line_start = i + 1;
    }
  }
  // Count the lead bytes up to and including `index`: a continuation byte belongs to the
  // character whose lead byte came before it.
  std::size_t column = 0;
  const std::size_t last = index < text.size() ? index + 1 : text.size();
  for (std::size_t i = line_start; i < last; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  if (index == text.size()) ++column;
  return {line, std::max<std::size_t>(column, 1)};
}

//! True when the character holding byte `index` is a U+FFFD put in for bytes that were not UTF-8.
bool is_replaced_byte(std::string_view text, std::size_t index, bool replaced) {
  if (!replaced || index >= text.size()) return false;
  std::size_t lead = index;
  while (lead > 0 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
  return text.substr(lead, kReplacementCharacter.size()) == kReplacementCharacter;
}

//! A short Vietnamese reason for nlohmann's parse error message ("syntax error while parsing
//! <context> - <lexer error or 'unexpected <token>'>; expected <token>").
std::string parse_error_reason(std::string_view what) {
  auto has = [&](std::string_view needle) { return what.find(needle) != std::string_view::npos; };
  if (has("unexpected end of input")) return "dữ liệu kết thúc khi chưa đủ (thiếu giá trị, dấu đóng ngoặc hoặc dấu ngoặc kép)";
  if (has("control character")) return "ký tự điều khiển (như xuống dòng, tab) trong chuỗi phải viết dạng \\n, \\t hoặc \\uXXXX";
  if (has("missing closing quote")) return "chuỗi thiếu dấu ngoặc kép đóng";
  if (has("forbidden character after backslash")) return "sau dấu \\ là ký tự không được phép";
  if (has("must be followed by 4 hex digits")) return "sau \\u phải có đủ 4 chữ số thập lục phân";
  if (has("surrogate")) return "cặp ký tự \\uD800–\\uDFFF (surrogate) không hợp lệ";
  if (has("invalid number")) return "số viết không đúng";
  if (has("invalid literal")) return "giá trị không hợp lệ (chuỗi phải đặt trong dấu ngoặc kép; chỉ true, false, null không cần)";
  if (has("BOM")) return "dấu BOM ở đầu dữ liệu không hợp lệ";
  if (has("; expected end of input")) return "có nội dung thừa sau khi dữ liệu JSON đã kết thúc";
  if (has("; expected ':'")) return "thiếu dấu hai chấm sau tên trường";
  if (has("; expected string literal")) return "tên trường phải đặt trong dấu ngoặc kép (hoặc có dấu phẩy thừa)";
  if (has("; expected '}'")) return "thiếu dấu phẩy hoặc dấu } đóng đối tượng";
  if (has("; expected ']'")) return "thiếu dấu phẩy hoặc dấu ] đóng danh sách";
  if (has("; expected '[', '{', or a literal")) return "thiếu giá trị hoặc có dấu phẩy thừa";
  return "cú pháp không đúng";
}

InputDocument malformed(std::string_view text, std::size_t index, const std::string& reason) {
  const auto [line, column] = line_and_column(text, index);
  InputDocument document;
  document.malformed = true;
  document.problems.push_back(Problem{"", "malformed_json",
                                      "Dữ liệu JSON không hợp lệ ở dòng " + std::to_string(line) + ", cột " +
                                          std::to_string(column) + ": " + reason + "."});
  return document;
}

//! What is wrong with one string (a value or a key), found on its folded form.
struct StringFindings {
  bool invalid_utf8 = false;
  std::optional<char32_t> control;

  bool any() const { return invalid_utf8 || control.has_value(); }
};

//! Whether ICU's NFC quick check finds `utf8` normalised. text::is_nfc first validates the UTF-8,
//! which the JSON lexer has already done for every string read here.
bool is_nfc_already(const std::string& utf8) {
  static const icu::Normalizer2* const normalizer = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* instance = icu::Normalizer2::getNFCInstance(status);
    return U_SUCCESS(status) ? instance : nullptr;
  }();
  if (normalizer == nullptr) return false;  // text::nfc then reports why
  UErrorCode status = U_ZERO_ERROR;
  const bool normalised =
      normalizer->isNormalizedUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), status);
  return U_SUCCESS(status) && normalised;
}

//! Bytes of a 64-bit word (eight bytes of a string at a time).
constexpr std::uint64_t kOnes = 0x0101010101010101ull;
constexpr std::uint64_t kHighBits = 0x8080808080808080ull;

//! Whether any byte of `word` is below `limit` (at most 0x80): the classic "hasless" bit trick,
//! exact for "any" (a borrow only starts at a byte that is below the limit itself).
constexpr bool has_byte_below(std::uint64_t word, unsigned limit) {
  return ((word - kOnes * limit) & ~word & kHighBits) != 0;
}
constexpr bool has_byte(std::uint64_t word, unsigned char value) { return has_byte_below(word ^ (kOnes * value), 1); }

//! Whether a string needs a closer look: a C0 byte (CR, TAB and LF included), DEL, or 0xC2 (the
//! lead byte of U+0080..U+00BF, where the C1 controls are); and whether it is all ASCII. Eight
//! bytes at a time: nearly every string has none of these, and this runs on every string.
void scan_bytes(std::string_view text, bool& special, bool& ascii) {
  std::uint64_t high = 0;
  std::size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, text.data() + i, 8);
    high |= word;
    special = special || has_byte_below(word, 0x20) || has_byte(word, 0x7F) || has_byte(word, 0xC2);
  }
  for (; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    high |= c;
    special = special || c < 0x20 || c == 0x7F || c == 0xC2;
  }
  ascii = (high & kHighBits) == 0;
}

//! Folds CR LF / CR to LF, notes bad bytes and control characters, then normalises to NFC, all in
//! place. scan_bytes tells which of the costlier steps the string needs: nearly every string has
//! no CR and no control character, and ASCII is NFC already.
StringFindings clean_string(std::string& text, bool utf8_was_replaced) {
  bool special = false;
  bool ascii = true;
  scan_bytes(text, special, ascii);
  bool has_cr = false;
  bool maybe_control = false;
  if (special) {
    for (const char ch : text) {
      const auto c = static_cast<unsigned char>(ch);
      if (c == '\r') {
        has_cr = true;
      } else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7F || c == 0xC2) {
        maybe_control = true;
      }
    }
  }
  if (has_cr) {
    std::size_t out = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\r') {
        text[out++] = '\n';
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      } else {
        text[out++] = text[i];
      }
    }
    text.resize(out);
  }
  StringFindings findings;
  // Only a body that had ill-formed bytes can hold a U+FFFD that stands for them.
  if (utf8_was_replaced && !ascii) findings.invalid_utf8 = text.find(kReplacementCharacter) != std::string::npos;
  // The exact (decoding) search only when a byte hinted at one.
  if (maybe_control) findings.control = text::find_control_character(text);
  if (!ascii && !is_nfc_already(text)) text = text::nfc(text);
  return findings;
}

void report(const StringFindings& findings, const std::string& path, bool is_key, Problems& problems) {
  const std::string subject = is_key ? "Tên trường này" : "Trường này";
  if (findings.invalid_utf8) {
    add_capped(problems, Problem{path, "invalid_utf8",
                                 subject +
                                     " chứa ký tự không hợp lệ (không phải UTF-8). Văn bản có thể được dán từ tệp dùng "
                                     "bảng mã cũ (TCVN3, VNI); hãy chuyển sang Unicode rồi nhập lại."});
  }
  if (findings.control) {
    char code[16];
    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(*findings.control));
    add_capped(problems, Problem{path, "control_character",
                                 subject + " chứa ký tự điều khiển không được phép (" + code + "); hãy xóa ký tự đó."});
  }
}

void report_duplicate(const std::string& key, const std::string& path, Problems& problems) {
  std::string shown = key.size() > 80 ? key.substr(0, 80) : key;
  while (shown.size() < key.size() && !shown.empty() && (static_cast<unsigned char>(shown.back()) & 0xC0) == 0x80)
    shown.pop_back();
  if (shown.size() < key.size() && !shown.empty() && static_cast<unsigned char>(shown.back()) >= 0xC0) shown.pop_back();
  if (shown.size() < key.size()) shown += "…";
  problems.push_back(Problem{path, "duplicate_key",
                             "Trường \"" + shown + "\" xuất hiện hai lần trong cùng một đối tượng. Hãy giữ lại một lần, "
                             "với giá trị đúng."});
}

//! Builds the document straight from nlohmann's SAX events (the usual path): every string and key
//! is cleaned as it arrives, so problems come in document order, and the JSON Pointer of a value
//! is only written out when a problem is reported. Modelled on nlohmann's json_sax_dom_parser.
//!
//! A key already in its object after folding and NFC is a problem (duplicate_key, at the path of
//! the second occurrence): JSON readers disagree on which value wins, so a body that says two
//! things is refused rather than read one way. Its value is still read (and checked) in place of
//! the first, so every problem is reported at once.
//!
//! It gives up (a handler returning false stops sax_parse) on a syntax error or nesting deeper
//! than kMaxDepth; read_input then parses again with nlohmann's DOM parser, which writes the exact
//! error messages.
class DocumentBuilder {
 public:
  using json = nlohmann::json;

  DocumentBuilder(bool utf8_was_replaced, Problems& problems)
      : utf8_was_replaced_(utf8_was_replaced), problems_(problems) {}

  json& result() { return root_; }

  bool null() { return set(nullptr); }
  bool boolean(bool value) { return set(value); }
  bool number_integer(json::number_integer_t value) { return set(value); }
  bool number_unsigned(json::number_unsigned_t value) { return set(value); }
  bool number_float(json::number_float_t value, const json::string_t& /*text*/) { return set(value); }
  bool binary(json::binary_t& /*value*/) { return false; }  // not produced by JSON text

  bool string(json::string_t& value) {
    json* slot = place();  // first, so that path() names this element
    const StringFindings findings = clean_string(value, utf8_was_replaced_);
    if (findings.any()) report(findings, path(), false, problems_);
    *slot = value;  // a copy: `value` is the lexer's buffer, which keeps its capacity for the next string
    return true;
  }

  bool start_object(std::size_t /*size*/) { return open(json::value_t::object); }
  bool start_array(std::size_t /*size*/) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(json::string_t& name) {
    const StringFindings findings = clean_string(name, utf8_was_replaced_);
    Frame& top = frames_.back();
    auto [member, inserted] = top.container->get_ref<json::object_t&>().try_emplace(name);
    top.key = &member->first;
    member_ = &member->second;
    if (!inserted) {  // see the class comment
      *member_ = nullptr;
      report_duplicate(member->first, path(), problems_);
    }
    if (findings.any()) report(findings, path(), true, problems_);
    return true;
  }

  template <class Exception>
  bool parse_error(std::size_t /*position*/, const std::string& /*token*/, const Exception& /*error*/) {
    return false;
  }

 private:
  //! An open object or array, and which member of it is being read.
  struct Frame {
    json* container;
    const std::string* key = nullptr;  // objects: the current member's (cleaned) name
  };

  //! Where the next value goes: the root, a new last element, or the member named by key().
  json* place() {
    if (frames_.empty()) return &root_;
    json& container = *frames_.back().container;
    if (container.is_array()) return &container.get_ref<json::array_t&>().emplace_back();
    return member_;
  }

  template <class Value>
  bool set(Value&& value) {
    *place() = std::forward<Value>(value);
    return true;
  }

  bool open(json::value_t type) {
    // The top-level value is at depth 1, as find_excess_nesting counts.
    if (frames_.size() >= static_cast<std::size_t>(kMaxDepth)) return false;
    json* slot = place();
    *slot = type;
    frames_.push_back(Frame{slot});
    return true;
  }

  bool close() {
    frames_.pop_back();
    return true;
  }

  //! The JSON Pointer of the value being read (the member's, for a key).
  std::string path() const {
    std::string pointer;
    for (const Frame& frame : frames_) {
      pointer = frame.container->is_array() ? pointer_append(pointer, frame.container->size() - 1)
                                            : pointer_append(pointer, *frame.key);
    }
    return pointer;
  }

  bool utf8_was_replaced_;
  Problems& problems_;
  json root_;
  std::vector<Frame> frames_;
  json* member_ = nullptr;
};

}  // namespace

InputDocument read_input(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return malformed(body, body.size(), "không có nội dung");

  // The usual path: one SAX pass builds the result (see DocumentBuilder for when it gives up).
  // nlohmann's lexer accepts only well-formed UTF-8 in strings and none outside them, so when this
  // pass succeeds on the body as it is, no byte needed replacing.
  {
    InputDocument document;
    DocumentBuilder builder(false, document.problems);
    if (nlohmann::json::sax_parse(body, &builder)) {
      document.value = std::move(builder.result());
      return document;
    }
  }

  const std::optional<std::string> sanitized = replace_ill_formed_utf8(body);
  const bool replaced = sanitized.has_value();
  const std::string_view json_text = replaced ? std::string_view(*sanitized) : body;
  if (replaced) {
    // Ill-formed bytes in strings: read again with U+FFFD in their place, reporting those strings.
    InputDocument document;
    DocumentBuilder builder(true, document.problems);
    if (nlohmann::json::sax_parse(json_text, &builder)) {
      document.value = std::move(builder.result());
      return document;
    }
  }

  const std::optional<std::size_t> too_deep = find_excess_nesting(json_text);
  const std::string too_deep_reason = "cấu trúc lồng nhau quá sâu (tối đa " + std::to_string(kMaxDepth) + " cấp)";

  // When the nesting is too deep only the text before the offending bracket is parsed, to learn
  // whether a syntax error comes earlier (that one is reported first) without building the rest.
  const std::string_view to_parse = too_deep ? json_text.substr(0, *too_deep) : json_text;
  try {
    [[maybe_unused]] const nlohmann::ordered_json parsed = nlohmann::ordered_json::parse(to_parse);
  } catch (const nlohmann::ordered_json::parse_error& error) {
    // error.byte counts the bytes read, so the offending character is at byte - 1.
    const std::size_t index = error.byte > 0 ? error.byte - 1 : 0;
    if (too_deep && *too_deep <= index) return malformed(json_text, *too_deep, too_deep_reason);
    if (is_replaced_byte(json_text, index, replaced))
      return malformed(json_text, index, "có byte không phải UTF-8 nằm ngoài chuỗi");
    return malformed(json_text, index, parse_error_reason(error.what()));
  } catch (const nlohmann::ordered_json::exception& error) {
    // A number too large for a double ("number overflow parsing '1e999'") has no position;
    // point at the number itself.
    const std::string what = error.what();
    std::size_t index = 0;
    const std::size_t quote = what.find('\'');
    if (quote != std::string::npos) {
      const std::string token = what.substr(quote + 1, what.rfind('\'') - quote - 1);
      if (const std::size_t found = to_parse.find(token); found != std::string_view::npos) index = found;
    }
    return malformed(json_text, index, "số quá lớn");
  }
  if (too_deep) return malformed(json_text, *too_deep, too_deep_reason);
  // The DOM parser accepted what the SAX pass refused: not expected (both stop on the same
  // errors); refuse the body rather than read it another way.
  return malformed(json_text, 0, parse_error_reason(""));
}

}  // namespace vanthu
