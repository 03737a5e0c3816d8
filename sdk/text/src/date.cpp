//! Calendar dates (proleptic Gregorian) on top of <chrono>'s civil calendar.
#include "vanthu/date.hpp"

#include <chrono>
#include <cstdio>

namespace vanthu {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 9999;

std::chrono::sys_days to_sys_days(const Date& date) {
  return std::chrono::sys_days{std::chrono::year{date.year} / std::chrono::month{static_cast<unsigned>(date.month)} /
                               std::chrono::day{static_cast<unsigned>(date.day)}};
}

Date from_sys_days(std::chrono::sys_days days) {
  const std::chrono::year_month_day civil{days};
  return Date{static_cast<int>(civil.year()), static_cast<int>(static_cast<unsigned>(civil.month())),
              static_cast<int>(static_cast<unsigned>(civil.day()))};
}

//! Value of `count` decimal digits at `text[at]`, or -1 when any is not a digit.
int digits(std::string_view text, std::size_t at, std::size_t count) {
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

}  // namespace

std::optional<Date> Date::parse_iso(std::string_view iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
  const int year = digits(iso, 0, 4);
  const int month = digits(iso, 5, 2);
  const int day = digits(iso, 8, 2);
  if (year < kFirstYear || year > kLastYear || !exists(year, month, day)) return std::nullopt;
  return Date{year, month, day};
}

bool Date::exists(int year, int month, int day) {
  return day >= 1 && day <= days_in_month(year, month);
}

//! 0 for a month outside 1..12, so exists() is simply false there.
int Date::days_in_month(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

std::string Date::iso() const {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", year, month, day);
  return buffer;
}

std::string Date::dd_mm_yyyy() const {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%02d/%02d/%04d", day, month, year);
  return buffer;
}

Date Date::plus_days(int days) const { return from_sys_days(to_sys_days(*this) + std::chrono::days{days}); }

int Date::days_until(const Date& later) const {
  return static_cast<int>((to_sys_days(later) - to_sys_days(*this)).count());
}

int Date::weekday() const {
  // iso_encoding(): Monday = 1 ... Sunday = 7.
  return static_cast<int>(std::chrono::weekday{to_sys_days(*this)}.iso_encoding()) - 1;
}

}  // namespace vanthu
