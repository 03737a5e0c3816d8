//! The template filters (see vanthu/filters.hpp): thin, total wrappers over vanthu::text and
//! vanthu::Date. Nothing here throws for a value it cannot take; it answers false.
#include "vanthu/filters.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

#include "vanthu/date.hpp"
#include "vanthu/text.hpp"

namespace vanthu::filters {
namespace {

using json = nlohmann::json;

struct Entry {
  Filter filter;
  const char* name;
  const char* input;
};

constexpr std::array<Entry, 8> kFilters = {{
    {Filter::hoa, "hoa", "text"},
    {Filter::thuong, "thuong", "text"},
    {Filter::so, "so", "number"},
    {Filter::tien, "tien", "number"},
    {Filter::bang_chu, "bang_chu", "number"},
    {Filter::ngay_thang, "ngay_thang", "date"},
    {Filter::ngay, "ngay", "date"},
    {Filter::hai_so, "hai_so", "number"},
}};

constexpr std::int64_t kMaxMoneyInWords = 999'999'999'999'999;

//! A number as the filters see it: whole (in int64) or not.
struct Number {
  bool whole = false;
  std::int64_t integer = 0;
  double real = 0;
};

//! 2^63 as a double: doubles at or above it do not fit in int64.
constexpr double kTwoPow63 = 9223372036854775808.0;

std::optional<Number> number_of_double(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  Number n;
  n.real = value;
  if (value == std::trunc(value) && value >= -kTwoPow63 && value < kTwoPow63) {
    n.whole = true;
    n.integer = static_cast<std::int64_t>(value);
  }
  return n;
}

//! "-123", "123.45": the digits a number is written with in data; nothing else (no spaces,
//! no exponent, no grouping).
std::optional<Number> number_of_text(std::string_view text) {
  if (text.empty() || text.size() > 40) return std::nullopt;
  std::size_t at = text[0] == '-' ? 1 : 0;
  std::size_t digits = 0, point = std::string_view::npos;
  for (std::size_t i = at; i < text.size(); ++i) {
    if (text[i] >= '0' && text[i] <= '9') {
      ++digits;
    } else if (text[i] == '.' && point == std::string_view::npos && digits > 0) {
      point = i;
    } else {
      return std::nullopt;
    }
  }
  if (digits == 0 || point == text.size() - 1) return std::nullopt;
  if (point == std::string_view::npos) {
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    Number n;
    n.whole = true;
    n.integer = value;
    n.real = static_cast<double>(value);
    return n;
  }
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return number_of_double(value);
}

std::optional<Number> number_of(const json& value) {
  switch (value.type()) {
    case json::value_t::number_integer: {
      Number n;
      n.whole = true;
      n.integer = value.get<std::int64_t>();
      n.real = static_cast<double>(n.integer);
      return n;
    }
    case json::value_t::number_unsigned: {
      std::uint64_t u = value.get<std::uint64_t>();
      if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return number_of_double(static_cast<double>(u));
      Number n;
      n.whole = true;
      n.integer = static_cast<std::int64_t>(u);
      n.real = static_cast<double>(u);
      return n;
    }
    case json::value_t::number_float: return number_of_double(value.get<double>());
    case json::value_t::string: return number_of_text(value.get_ref<const std::string&>());
    default: return std::nullopt;
  }
}

bool apply_number(Filter filter, const Number& n, std::string& out) {
  switch (filter) {
    case Filter::so:
      out = n.whole ? text::group_thousands(n.integer) : text::decimal(n.real, 2);
      return true;
    case Filter::tien:
      if (!n.whole) return false;
      out = text::money(n.integer);
      return true;
    case Filter::bang_chu:
      if (!n.whole || n.integer < 0 || n.integer > kMaxMoneyInWords) return false;
      out = text::money_in_words(n.integer);
      return true;
    case Filter::hai_so:
      if (!n.whole) return false;
      out = text::two_digits(n.integer);
      return true;
    default: return false;
  }
}

bool apply_date(Filter filter, std::string_view iso, std::string& out) {
  std::optional<Date> date = Date::parse_iso(iso);
  if (!date) return false;
  if (filter == Filter::ngay) {
    out = date->dd_mm_yyyy();
    return true;
  }
  // Decree 30: days 1-9 and months 1-2 are written with a leading 0.
  out = "ngày " + text::two_digits(date->day) + " tháng " +
        (date->month <= 2 ? text::two_digits(date->month) : std::to_string(date->month)) + " năm " +
        std::to_string(date->year);
  return true;
}

bool apply_case(Filter filter, std::string_view value, std::string& out) {
  if (!text::is_valid_utf8(value)) return false;
  out = filter == Filter::hoa ? text::upper(value) : text::lower(value);
  return true;
}

}  // namespace

const char* input_kind(Filter filter) {
  for (const Entry& e : kFilters)
    if (e.filter == filter) return e.input;
  return "text";
}

std::optional<Filter> find(std::string_view wanted) {
  for (const Entry& e : kFilters)
    if (wanted == e.name) return e.filter;
  return std::nullopt;
}

const char* name(Filter filter) {
  for (const Entry& e : kFilters)
    if (e.filter == filter) return e.name;
  return "?";
}

const std::vector<std::string>& names() {
  static const std::vector<std::string> all = [] {
    std::vector<std::string> v;
    for (const Entry& e : kFilters) v.emplace_back(e.name);
    return v;
  }();
  return all;
}

bool apply(Filter filter, const json& value, std::string& out) {
  try {
    switch (filter) {
      case Filter::hoa:
      case Filter::thuong:
        if (!value.is_string()) return false;
        return apply_case(filter, value.get_ref<const std::string&>(), out);
      case Filter::ngay_thang:
      case Filter::ngay:
        if (!value.is_string()) return false;
        return apply_date(filter, value.get_ref<const std::string&>(), out);
      default: {
        std::optional<Number> n = number_of(value);
        return n && apply_number(filter, *n, out);
      }
    }
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception&) {  // a text rule refusing its input: not a value this filter takes
    return false;
  }
}

bool apply_text(Filter filter, std::string_view text, std::string& out) {
  try {
    switch (filter) {
      case Filter::hoa:
      case Filter::thuong: return apply_case(filter, text, out);
      case Filter::ngay_thang:
      case Filter::ngay: return apply_date(filter, text, out);
      default: {
        std::optional<Number> n = number_of_text(text);
        return n && apply_number(filter, *n, out);
      }
    }
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace vanthu::filters
