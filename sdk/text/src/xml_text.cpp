#include "vanthu/xml_text.hpp"

namespace vanthu::xml {
namespace {

//! Bytes that need care in element content: & < > " CR LF and the C0 controls XML forbids.
struct EscapeTable {
  bool special[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) special[c] = true;
    special[static_cast<unsigned char>('&')] = true;
    special[static_cast<unsigned char>('<')] = true;
    special[static_cast<unsigned char>('>')] = true;
    special[static_cast<unsigned char>('"')] = true;
  }
};
constexpr EscapeTable kEscape;

}  // namespace

// Hot: every value of every document goes through here, so plain runs are copied in one piece.
void append_text(std::string& out, std::string_view text, std::string_view line_break) {
  const char* data = text.data();
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(data[i]);
    if (!kEscape.special[c]) continue;
    out.append(data + run, i - run);
    run = i + 1;
    switch (c) {
      case '&': out.append("&amp;", 5); break;
      case '<': out.append("&lt;", 4); break;
      case '>': out.append("&gt;", 4); break;
      case '"': out.append("&quot;", 6); break;
      case '\t': out.push_back('\t'); break;
      case '\r':
        if (i + 1 < text.size() && data[i + 1] == '\n') run = ++i + 1;
        out += line_break;
        break;
      case '\n': out += line_break; break;
      default: break;  // other control characters are not allowed in XML 1.0
    }
  }
  out.append(data + run, text.size() - run);
}

void append_text(std::string& out, std::string_view text, std::string_view line_break, std::string_view no_break_hyphen) {
  static constexpr std::string_view kNoBreakHyphen = "\u2011";
  if (no_break_hyphen.empty()) return append_text(out, text, line_break);
  for (std::size_t at = 0;;) {
    const std::size_t found = text.find(kNoBreakHyphen, at);
    append_text(out, text.substr(at, found == std::string_view::npos ? std::string_view::npos : found - at), line_break);
    if (found == std::string_view::npos) return;
    out += no_break_hyphen;
    at = found + kNoBreakHyphen.size();
  }
}

std::string text(std::string_view text, std::string_view line_break) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  append_text(out, text, line_break);
  return out;
}

}  // namespace vanthu::xml
