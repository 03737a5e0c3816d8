#include "file_name.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdio>

#include "vanthu/text.hpp"

namespace vanthu::host {
namespace {

bool ends_with_docx(std::string_view name) {
  if (name.size() < 5) return false;
  std::string tail(name.substr(name.size() - 5));
  for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return tail == ".docx";
}

//! Removes leading and trailing spaces, dots and dashes of the name before its extension.
std::string tidy_stem(std::string stem) {
  auto junk = [](char c) { return c == ' ' || c == '.' || c == '-'; };
  while (!stem.empty() && junk(stem.back())) stem.pop_back();
  std::size_t start = 0;
  while (start < stem.size() && junk(stem[start])) ++start;
  return stem.substr(start);
}

bool ends_with_pdf(std::string_view name) {
  if (name.size() < 4) return false;
  std::string tail(name.substr(name.size() - 4));
  for (char& c : tail) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return tail == ".pdf";
}

//! The name with ".docx" at its end, or ".pdf" when it already ends so (a document's PDF).
std::string with_docx(std::string name, const char* fallback_stem) {
  const bool pdf = ends_with_pdf(name);
  std::string stem = pdf ? name.substr(0, name.size() - 4) : ends_with_docx(name) ? name.substr(0, name.size() - 5) : name;
  stem = tidy_stem(std::move(stem));
  if (stem.empty()) stem = fallback_stem;
  return stem + (pdf ? ".pdf" : ".docx");
}

}  // namespace

std::string document_file_name(std::string_view utf8) {
  std::string name;
  if (!vanthu::text::is_valid_utf8(utf8)) return "van-ban.docx";
  for (unsigned char c : utf8) {
    if (c < 0x20 || c == 0x7f || c == '/' || c == '\\') name += '-';
    else name += static_cast<char>(c);
  }
  return with_docx(std::move(name), "van-ban");
}

std::string ascii_file_name(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  icu::UnicodeString decomposed;
  if (U_SUCCESS(status)) decomposed = nfd->normalize(icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size()))), status);
  if (U_FAILURE(status)) return "van-ban.docx";
  std::string out;
  auto put = [&out](char c) {
    if (c == '-' && !out.empty() && out.back() == '-') return;
    out += c;
  };
  for (int32_t i = 0; i < decomposed.length(); i = decomposed.moveIndex32(i, 1)) {
    UChar32 c = decomposed.char32At(i);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;  // the diacritics
    if (c == 0x0111) put('d');        // đ
    else if (c == 0x0110) put('D');   // Đ
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '.' ||
             c == '_' || c == '-' || c == '(' || c == ')')
      put(static_cast<char>(c));
    else put('-');
  }
  return with_docx(std::move(out), "van-ban");
}

std::string rfc5987_encode(std::string_view utf8) {
  std::string out = "UTF-8''";
  for (unsigned char c : utf8) {
    bool attr_char = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '!' || c == '#' ||
                     c == '$' || c == '&' || c == '+' || c == '-' || c == '.' || c == '^' || c == '_' || c == '`' ||
                     c == '|' || c == '~';
    if (attr_char) {
      out += static_cast<char>(c);
    } else {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

std::string attachment_disposition(std::string_view utf8_file_name) {
  const std::string name = document_file_name(utf8_file_name);
  return "attachment; filename=\"" + ascii_file_name(name) + "\"; filename*=" + rfc5987_encode(name);
}

}  // namespace vanthu::host
