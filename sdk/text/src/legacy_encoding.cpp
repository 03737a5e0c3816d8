#include "vanthu/legacy_encoding.hpp"

#include <array>
#include <map>
#include <utility>

#include "vanthu/text.hpp"

namespace vanthu::text {
namespace {

// --- UTF-8 <-> code points (the input is valid UTF-8: it came through read_input) -------------

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp = c;
    std::size_t n = 1;
    if (c >= 0xF0) { cp = c & 0x07; n = 4; }
    else if (c >= 0xE0) { cp = c & 0x0F; n = 3; }
    else if (c >= 0xC0) { cp = c & 0x1F; n = 2; }
    if (i + n > s.size()) { out.push_back(0xFFFD); break; }
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += n;
  }
  return out;
}

void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// --- The Vietnamese letters, by base and tone -------------------------------------------------
//
// Bases in the order a, ă, â, e, ê, i, o, ô, ơ, u, ư, y; tones in the order none, sắc (acute),
// huyền (grave), hỏi (hook), ngã (tilde), nặng (dot below).

enum Base { a, a_breve, a_circ, e, e_circ, i, o, o_circ, o_horn, u, u_horn, y, kBases };
enum Tone { level, acute, grave, hook, tilde, dot, kTones };

constexpr char32_t kLower[kBases][kTones] = {
    {U'a', U'á', U'à', U'ả', U'ã', U'ạ'}, {U'ă', U'ắ', U'ằ', U'ẳ', U'ẵ', U'ặ'}, {U'â', U'ấ', U'ầ', U'ẩ', U'ẫ', U'ậ'},
    {U'e', U'é', U'è', U'ẻ', U'ẽ', U'ẹ'}, {U'ê', U'ế', U'ề', U'ể', U'ễ', U'ệ'}, {U'i', U'í', U'ì', U'ỉ', U'ĩ', U'ị'},
    {U'o', U'ó', U'ò', U'ỏ', U'õ', U'ọ'}, {U'ô', U'ố', U'ồ', U'ổ', U'ỗ', U'ộ'}, {U'ơ', U'ớ', U'ờ', U'ở', U'ỡ', U'ợ'},
    {U'u', U'ú', U'ù', U'ủ', U'ũ', U'ụ'}, {U'ư', U'ứ', U'ừ', U'ử', U'ữ', U'ự'}, {U'y', U'ý', U'ỳ', U'ỷ', U'ỹ', U'ỵ'},
};
constexpr char32_t kUpper[kBases][kTones] = {
    {U'A', U'Á', U'À', U'Ả', U'Ã', U'Ạ'}, {U'Ă', U'Ắ', U'Ằ', U'Ẳ', U'Ẵ', U'Ặ'}, {U'Â', U'Ấ', U'Ầ', U'Ẩ', U'Ẫ', U'Ậ'},
    {U'E', U'É', U'È', U'Ẻ', U'Ẽ', U'Ẹ'}, {U'Ê', U'Ế', U'Ề', U'Ể', U'Ễ', U'Ệ'}, {U'I', U'Í', U'Ì', U'Ỉ', U'Ĩ', U'Ị'},
    {U'O', U'Ó', U'Ò', U'Ỏ', U'Õ', U'Ọ'}, {U'Ô', U'Ố', U'Ồ', U'Ổ', U'Ỗ', U'Ộ'}, {U'Ơ', U'Ớ', U'Ờ', U'Ở', U'Ỡ', U'Ợ'},
    {U'U', U'Ú', U'Ù', U'Ủ', U'Ũ', U'Ụ'}, {U'Ư', U'Ứ', U'Ừ', U'Ử', U'Ữ', U'Ự'}, {U'Y', U'Ý', U'Ỳ', U'Ỷ', U'Ỹ', U'Ỵ'},
};

// --- TCVN3 (VN3): one byte a letter; the font's byte read as Latin-1 -------------------------
//
// The lower-case letters with their tones, and the seven letters of their own in both cases.

const std::map<char32_t, char32_t>& tcvn3_table() {
  static const std::map<char32_t, char32_t> table = [] {
    std::map<char32_t, char32_t> t;
    // Each base's toned letters in the order acute, grave, hook, tilde, dot as the standard
    // places them: grave, hook, tilde, acute, dot at consecutive codes (with gaps noted).
    auto toned = [&](Base base, std::array<char32_t, 5> grave_hook_tilde_acute_dot) {
      t[grave_hook_tilde_acute_dot[0]] = kLower[base][grave];
      t[grave_hook_tilde_acute_dot[1]] = kLower[base][hook];
      t[grave_hook_tilde_acute_dot[2]] = kLower[base][tilde];
      t[grave_hook_tilde_acute_dot[3]] = kLower[base][acute];
      t[grave_hook_tilde_acute_dot[4]] = kLower[base][dot];
    };
    toned(a, {0xB5, 0xB6, 0xB7, 0xB8, 0xB9});
    toned(a_breve, {0xBB, 0xBC, 0xBD, 0xBE, 0xC6});
    toned(a_circ, {0xC7, 0xC8, 0xC9, 0xCA, 0xCB});
    toned(e, {0xCC, 0xCE, 0xCF, 0xD0, 0xD1});
    toned(e_circ, {0xD2, 0xD3, 0xD4, 0xD5, 0xD6});
    toned(i, {0xD7, 0xD8, 0xDC, 0xDD, 0xDE});
    toned(o, {0xDF, 0xE1, 0xE2, 0xE3, 0xE4});
    toned(o_circ, {0xE5, 0xE6, 0xE7, 0xE8, 0xE9});
    toned(o_horn, {0xEA, 0xEB, 0xEC, 0xED, 0xEE});
    toned(u, {0xEF, 0xF1, 0xF2, 0xF3, 0xF4});
    toned(u_horn, {0xF5, 0xF6, 0xF7, 0xF8, 0xF9});
    toned(y, {0xFA, 0xFB, 0xFC, 0xFD, 0xFE});
    t[0xA8] = U'ă'; t[0xA9] = U'â'; t[0xAA] = U'ê'; t[0xAB] = U'ô'; t[0xAC] = U'ơ'; t[0xAD] = U'ư'; t[0xAE] = U'đ';
    t[0xA1] = U'Ă'; t[0xA2] = U'Â'; t[0xA3] = U'Ê'; t[0xA4] = U'Ô'; t[0xA5] = U'Ơ'; t[0xA6] = U'Ư'; t[0xA7] = U'Đ';
    return t;
  }();
  return table;
}

// --- VNI (VNI-Windows): a base letter, then a mark for its hat and its tone -------------------

const std::map<std::u32string, char32_t>& vni_table() {
  static const std::map<std::u32string, char32_t> table = [] {
    std::map<std::u32string, char32_t> t;
    // Tone marks after a letter: lower case after lower-case letters, capitals after capitals.
    const char32_t tone_lower[kTones] = {0, U'ù', U'ø', U'û', U'õ', U'ï'};
    const char32_t tone_upper[kTones] = {0, U'Ù', U'Ø', U'Û', U'Õ', U'Ï'};
    // The circumflex with each tone (â, ấ, ầ, ẩ, ẫ, ậ) and the breve with each tone.
    const char32_t circ_lower[kTones] = {U'â', U'á', U'à', U'å', U'ã', U'ä'};
    const char32_t circ_upper[kTones] = {U'Â', U'Á', U'À', U'Å', U'Ã', U'Ä'};
    const char32_t breve_lower[kTones] = {U'ê', U'é', U'è', U'ú', U'ü', U'ë'};
    const char32_t breve_upper[kTones] = {U'Ê', U'É', U'È', U'Ú', U'Ü', U'Ë'};
    const std::pair<Base, char32_t> plain[] = {{a, U'a'}, {e, U'e'}, {o, U'o'}, {u, U'u'}, {y, U'y'}};
    for (auto [base, letter] : plain) {
      const char32_t upper_letter = letter - U'a' + U'A';
      for (int tone = acute; tone < kTones; ++tone) {
        t[{letter, tone_lower[tone]}] = kLower[base][tone];
        t[{upper_letter, tone_upper[tone]}] = kUpper[base][tone];
      }
    }
    const std::pair<Base, char32_t> circumflexed[] = {{a_circ, U'a'}, {e_circ, U'e'}, {o_circ, U'o'}};
    for (auto [base, letter] : circumflexed) {
      const char32_t upper_letter = letter - U'a' + U'A';
      for (int tone = level; tone < kTones; ++tone) {
        t[{letter, circ_lower[tone]}] = kLower[base][tone];
        t[{upper_letter, circ_upper[tone]}] = kUpper[base][tone];
      }
    }
    for (int tone = level; tone < kTones; ++tone) {
      t[{U'a', breve_lower[tone]}] = kLower[a_breve][tone];
      t[{U'A', breve_upper[tone]}] = kUpper[a_breve][tone];
    }
    // ơ and ư are letters of their own (ô, ö), toned like the plain vowels.
    for (int tone = level; tone < kTones; ++tone) {
      std::u32string lo = {U'ô'}, lu = {U'ö'}, uo = {U'Ô'}, uu = {U'Ö'};
      if (tone != level) {
        lo += tone_lower[tone]; lu += tone_lower[tone]; uo += tone_upper[tone]; uu += tone_upper[tone];
      }
      t[lo] = kLower[o_horn][tone];
      t[lu] = kLower[u_horn][tone];
      t[uo] = kUpper[o_horn][tone];
      t[uu] = kUpper[u_horn][tone];
    }
    // i and ỵ have single codes for their toned forms; đ is ñ.
    t[{U'í'}] = U'í'; t[{U'ì'}] = U'ì'; t[{U'æ'}] = U'ỉ'; t[{U'ó'}] = U'ĩ'; t[{U'ò'}] = U'ị';
    t[{U'Í'}] = U'Í'; t[{U'Ì'}] = U'Ì'; t[{U'Æ'}] = U'Ỉ'; t[{U'Ó'}] = U'Ĩ'; t[{U'Ò'}] = U'Ị';
    t[{U'î'}] = U'ỵ'; t[{U'Î'}] = U'Ỵ';
    t[{U'ñ'}] = U'đ'; t[{U'Ñ'}] = U'Đ';
    return t;
  }();
  return table;
}

//! A Vietnamese letter that only Unicode text has (ă, đ, ơ, ư and the toned letters of
//! U+1EA0..U+1EF9): its presence means the text is Unicode already.
bool vietnamese_unicode_letter(char32_t c) {
  return (c >= 0x1EA0 && c <= 0x1EF9) || c == U'ă' || c == U'Ă' || c == U'đ' || c == U'Đ' || c == U'ơ' || c == U'Ơ' ||
         c == U'ư' || c == U'Ư' || c == U'ĩ' || c == U'Ĩ' || c == U'ũ' || c == U'Ũ';
}

//! Latin-1 signs that TCVN3 uses for letters and that neither Vietnamese text in Unicode nor VNI
//! ever holds: ă â ê ô ơ ư đ (both cases) and the common toned a, ă, â: one of them is in almost
//! every line of Vietnamese typed in TCVN3.
bool tcvn3_marker(char32_t c) {
  return (c >= 0xA1 && c <= 0xAE) || (c >= 0xB5 && c <= 0xB9) || (c >= 0xBB && c <= 0xBE) || c == 0xC7 || c == 0xD0 ||
         c == 0xD7 || c == 0xDE || c == 0xDF || c == 0xF7 || c == 0xFE;
}

//! Latin-1 letters VNI uses as marks or letters and that are not Vietnamese letters of Unicode
//! (Unicode Vietnamese has only à á â ã è é ê ì í ò ó ô õ ù ú ý of Latin-1).
bool vni_marker(char32_t c) {
  static const std::u32string marks = U"øûïåäëüæñöîØÛÏÅÄËÜÆÑÖÎ";
  return marks.find(c) != std::u32string::npos;
}

//! Two letters that make one in VNI and never stand together in Vietnamese written in Unicode:
//! a or e followed by a VNI mark ("aâ", "aø", "eâ"), and "oâ" (o followed by á, à, ã is the old
//! way of placing a tone, "hoá", so it proves nothing).
bool vni_pair(char32_t first, char32_t mark) {
  static const std::u32string lower = U"ùøûõïâêáàåãäéèúüë", upper = U"ÙØÛÕÏÂÊÁÀÅÃÄÉÈÚÜË";
  if (first == U'a' || first == U'e') return lower.find(mark) != std::u32string::npos;
  if (first == U'A' || first == U'E') return upper.find(mark) != std::u32string::npos;
  return (first == U'o' && mark == U'â') || (first == U'O' && mark == U'Â');
}

}  // namespace

const char* legacy_encoding_name(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::tcvn3: return "tcvn3";
    case LegacyEncoding::vni: return "vni";
    case LegacyEncoding::unicode: break;
  }
  return "unicode";
}

const char* legacy_encoding_label(LegacyEncoding encoding) {
  switch (encoding) {
    case LegacyEncoding::tcvn3: return "TCVN3 (ABC)";
    case LegacyEncoding::vni: return "VNI";
    case LegacyEncoding::unicode: break;
  }
  return "Unicode";
}

LegacyEncoding detect_legacy(std::string_view utf8) {
  const std::u32string s = decode(utf8);
  bool tcvn3 = false, vni = false;
  for (std::size_t k = 0; k < s.size(); ++k) {
    if (vietnamese_unicode_letter(s[k])) return LegacyEncoding::unicode;
    if (tcvn3_marker(s[k])) tcvn3 = true;
    if (vni_marker(s[k]) || (k + 1 < s.size() && vni_pair(s[k], s[k + 1]))) vni = true;
  }
  // VNI never uses TCVN3's markers; TCVN3 text shows them in nearly every line.
  if (tcvn3) return LegacyEncoding::tcvn3;
  if (vni) return LegacyEncoding::vni;
  return LegacyEncoding::unicode;
}

std::string to_unicode(std::string_view utf8, LegacyEncoding encoding) {
  if (encoding == LegacyEncoding::unicode) return std::string(utf8);
  const std::u32string s = decode(utf8);
  std::string out;
  out.reserve(utf8.size());
  if (encoding == LegacyEncoding::tcvn3) {
    const auto& table = tcvn3_table();
    for (char32_t c : s) {
      auto it = table.find(c);
      append(out, it == table.end() ? c : it->second);
    }
    return nfc(out);
  }
  const auto& table = vni_table();
  for (std::size_t k = 0; k < s.size();) {
    if (k + 1 < s.size()) {
      auto pair = table.find(s.substr(k, 2));
      if (pair != table.end()) {
        append(out, pair->second);
        k += 2;
        continue;
      }
    }
    auto single = table.find(s.substr(k, 1));
    append(out, single == table.end() ? s[k] : single->second);
    ++k;
  }
  return nfc(out);
}

}  // namespace vanthu::text
