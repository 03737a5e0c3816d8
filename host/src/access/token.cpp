#include "access/token.hpp"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <stdexcept>
#include <vector>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>

namespace vanthu::host::access {
namespace {

constexpr char kBase64Url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

//! token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=" (RFC 9110 §11.2)
bool is_token68(std::string_view text) {
  std::size_t end = text.size();
  while (end > 0 && text[end - 1] == '=') --end;
  if (end == 0) return false;
  for (std::size_t i = 0; i < end; ++i) {
    char c = text[i];
    if (!(is_base64url(c) || c == '.' || c == '~' || c == '+' || c == '/')) return false;
  }
  return true;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

bool valid_date(int year, int month, int day) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= days[month - 1] + (month == 2 && leap ? 1 : 0);
}

bool all_digits(std::string_view text) {
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return !text.empty();
}

}  // namespace

std::string random_bytes(std::size_t count) {
  std::string out(count, '\0');
  std::size_t got = 0;
  while (got < count) {
    ssize_t n = ::getrandom(out.data() + got, count - got, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("getrandom: ") + std::strerror(errno));
    }
    got += static_cast<std::size_t>(n);
  }
  return out;
}

std::string base64url(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 4 + 2) / 3);
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64Url[(v >> 18) & 63];
    out += kBase64Url[(v >> 12) & 63];
    out += kBase64Url[(v >> 6) & 63];
    out += kBase64Url[v & 63];
  }
  if (bytes.size() - i == 1) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += kBase64Url[(v >> 18) & 63];
    out += kBase64Url[(v >> 12) & 63];
  } else if (bytes.size() - i == 2) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += kBase64Url[(v >> 18) & 63];
    out += kBase64Url[(v >> 12) & 63];
    out += kBase64Url[(v >> 6) & 63];
  }
  return out;
}

std::string new_token_secret() { return std::string(kTokenPrefix) + base64url(random_bytes(kTokenSecretBytes)); }

std::string random_id(std::string_view prefix) {
  const std::string bytes = random_bytes(6);
  std::string id(prefix);
  char hex[3];
  for (unsigned char b : bytes) {
    std::snprintf(hex, sizeof hex, "%02x", b);
    id += hex;
  }
  return id;
}

std::string new_token_id() { return random_id("tk_"); }

bool well_formed_token_id(std::string_view id) {
  if (id.size() != 15 || id.substr(0, 3) != "tk_") return false;
  for (char c : id.substr(3))
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

bool well_formed_token(std::string_view token) {
  if (token.size() != kTokenLength || token.substr(0, kTokenPrefix.size()) != kTokenPrefix) return false;
  for (char c : token.substr(kTokenPrefix.size()))
    if (!is_base64url(c)) return false;
  // 32 bytes are 256 bits; 43 characters hold 258: the last character's low 2 bits are zero.
  const char last = token.back();
  const std::size_t value = static_cast<std::size_t>(std::strchr(kBase64Url, last) - kBase64Url);
  return (value & 3) == 0;
}

std::string token_hash(std::string_view token) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(token.data(), static_cast<unsigned>(token.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  volatile unsigned char difference = 0;
  for (std::size_t i = 0; i < a.size(); ++i) difference = difference | static_cast<unsigned char>(a[i] ^ b[i]);
  return difference == 0;
}

BearerCredentials parse_authorization(const std::vector<std::string_view>& values) {
  using S = BearerCredentials::Status;
  BearerCredentials out;
  if (values.empty()) return out;  // missing
  if (values.size() > 1) {
    out.status = S::repeated;
    return out;
  }
  std::string_view value = values[0];
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  const std::size_t space = value.find_first_of(" \t");
  const std::string_view scheme = value.substr(0, space);
  if (!iequals(scheme, "Bearer")) {
    out.status = S::other_scheme;
    return out;
  }
  std::string_view token = space == std::string_view::npos ? std::string_view() : value.substr(space);
  while (!token.empty() && (token.front() == ' ' || token.front() == '\t')) token.remove_prefix(1);
  if (token.empty()) {
    out.status = S::no_token;
    return out;
  }
  if (!is_token68(token) || !well_formed_token(token)) {
    out.status = S::malformed;
    return out;
  }
  out.status = S::ok;
  out.token = std::string(token);
  return out;
}

std::string utc_text(Time time) {
  const std::time_t t = Clock::to_time_t(time);
  std::tm tm{};
  ::gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

std::optional<Time> parse_utc(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SSZ
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      text[19] != 'Z')
    return std::nullopt;
  for (std::size_t at : {0u, 5u, 8u, 11u, 14u, 17u}) {
    const std::size_t width = at == 0 ? 4 : 2;
    if (!all_digits(text.substr(at, width))) return std::nullopt;
  }
  auto number = [&](std::size_t at, std::size_t width) { return std::stoi(std::string(text.substr(at, width))); };
  std::tm tm{};
  tm.tm_year = number(0, 4) - 1900;
  tm.tm_mon = number(5, 2) - 1;
  tm.tm_mday = number(8, 2);
  tm.tm_hour = number(11, 2);
  tm.tm_min = number(14, 2);
  tm.tm_sec = number(17, 2);
  if (!valid_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday) || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 59)
    return std::nullopt;
  return Clock::from_time_t(::timegm(&tm));
}

std::optional<Time> end_of_day_in_vietnam(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-' || !all_digits(date.substr(0, 4)) ||
      !all_digits(date.substr(5, 2)) || !all_digits(date.substr(8, 2)))
    return std::nullopt;
  std::tm tm{};
  const int year = std::stoi(std::string(date.substr(0, 4))), month = std::stoi(std::string(date.substr(5, 2))),
            day = std::stoi(std::string(date.substr(8, 2)));
  if (!valid_date(year, month, day)) return std::nullopt;
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  // Midnight UTC of that day + 24 h − 7 h: midnight at its end in UTC+7.
  return Clock::from_time_t(::timegm(&tm)) + std::chrono::hours(24 - 7);
}

}  // namespace vanthu::host::access
