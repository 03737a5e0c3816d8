//! Reading a request body (dữ liệu yêu cầu): JSON syntax with positions a clerk can find,
//! UTF-8 and control-character checks naming each bad string, then NFC everywhere.
#include "vanthu/input.hpp"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

#include <unicode/utf8.h>

#include "vanthu/text.hpp"

namespace vanthu {
namespace {

//! Deepest nesting of arrays/objects accepted; the top-level value is at depth 1.
constexpr int kMaxDepth = 64;
constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD

//! The body with every ill-formed UTF-8 sequence (maximal subpart, as ICU decodes) replaced by
//! U+FFFD, and whether any replacement was made.
struct SanitizedBody {
  std::string bytes;
  bool replaced = false;
};

SanitizedBody replace_ill_formed_utf8(std::string_view body) {
  SanitizedBody result;
  result.bytes.reserve(body.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(body.data());
  const auto size = static_cast<int32_t>(body.size());
  int32_t at = 0;
  while (at < size) {
    const int32_t start = at;
    UChar32 c = 0;
    U8_NEXT(bytes, at, size, c);
    if (c < 0) {
      result.bytes += kReplacementCharacter;
      result.replaced = true;
    } else {
      result.bytes.append(body.substr(static_cast<std::size_t>(start), static_cast<std::size_t>(at - start)));
    }
  }
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

//! Walks the parsed document in document order: folds CR LF / CR to LF, reports bad strings,
//! normalises to NFC, and builds the result value.
class StringChecker {
 public:
  StringChecker(bool utf8_was_replaced, Problems& problems) : utf8_was_replaced_(utf8_was_replaced), problems_(problems) {}

  nlohmann::json convert(const nlohmann::ordered_json& in, const std::string& path) {
    switch (in.type()) {
      case nlohmann::ordered_json::value_t::string:
        return check(in.get_ref<const std::string&>(), path, false);
      case nlohmann::ordered_json::value_t::object: {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [key, value] : in.items()) {
          const std::string folded_key = text::nfc(fold_line_breaks(key));
          const std::string member_path = pointer_append(path, folded_key);
          check(key, member_path, true);
          out[folded_key] = convert(value, member_path);
        }
        return out;
      }
      case nlohmann::ordered_json::value_t::array: {
        nlohmann::json out = nlohmann::json::array();
        for (std::size_t i = 0; i < in.size(); ++i) out.push_back(convert(in[i], pointer_append(path, i)));
        return out;
      }
      case nlohmann::ordered_json::value_t::boolean:
        return in.get<bool>();
      case nlohmann::ordered_json::value_t::number_integer:
        return in.get<std::int64_t>();
      case nlohmann::ordered_json::value_t::number_unsigned:
        return in.get<std::uint64_t>();
      case nlohmann::ordered_json::value_t::number_float:
        return in.get<double>();
      default:
        return nullptr;
    }
  }

 private:
  static std::string fold_line_breaks(std::string_view in) {
    std::string out;
    out.reserve(in.size());
    for (std::size_t i = 0; i < in.size(); ++i) {
      if (in[i] == '\r') {
        out += '\n';
        if (i + 1 < in.size() && in[i + 1] == '\n') ++i;
      } else {
        out += in[i];
      }
    }
    return out;
  }

  //! Reports problems of one string (a value, or a key when `is_key`) and returns it folded and
  //! in NFC.
  std::string check(const std::string& raw, const std::string& path, bool is_key) {
    const std::string folded = fold_line_breaks(raw);
    const std::string subject = is_key ? "Tên trường này" : "Trường này";
    if (utf8_was_replaced_ && folded.find(kReplacementCharacter) != std::string::npos) {
      problems_.push_back(Problem{path, "invalid_utf8",
                                  subject +
                                      " chứa ký tự không hợp lệ (không phải UTF-8). Văn bản có thể được dán từ tệp dùng "
                                      "bảng mã cũ (TCVN3, VNI); hãy chuyển sang Unicode rồi nhập lại."});
    }
    if (const auto control = text::find_control_character(folded)) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(*control));
      problems_.push_back(Problem{path, "control_character",
                                  subject + " chứa ký tự điều khiển không được phép (" + code + "); hãy xóa ký tự đó."});
    }
    return text::nfc(folded);
  }

  bool utf8_was_replaced_;
  Problems& problems_;
};

}  // namespace

InputDocument read_input(std::string_view body) {
  if (body.find_first_not_of(" \t\r\n") == std::string_view::npos)
    return malformed(body, body.size(), "không có nội dung");

  const SanitizedBody sanitized = replace_ill_formed_utf8(body);
  const std::string_view json_text = sanitized.bytes;
  const std::optional<std::size_t> too_deep = find_excess_nesting(json_text);
  const std::string too_deep_reason = "cấu trúc lồng nhau quá sâu (tối đa " + std::to_string(kMaxDepth) + " cấp)";

  // When the nesting is too deep only the text before the offending bracket is parsed, to learn
  // whether a syntax error comes earlier (that one is reported first) without building the rest.
  const std::string_view to_parse = too_deep ? json_text.substr(0, *too_deep) : json_text;
  nlohmann::ordered_json parsed;
  try {
    parsed = nlohmann::ordered_json::parse(to_parse);
  } catch (const nlohmann::ordered_json::parse_error& error) {
    // error.byte counts the bytes read, so the offending character is at byte - 1.
    const std::size_t index = error.byte > 0 ? error.byte - 1 : 0;
    if (too_deep && *too_deep <= index) return malformed(json_text, *too_deep, too_deep_reason);
    if (is_replaced_byte(json_text, index, sanitized.replaced))
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

  InputDocument document;
  StringChecker checker(sanitized.replaced, document.problems);
  document.value = checker.convert(parsed, "");
  return document;
}

}  // namespace vanthu
