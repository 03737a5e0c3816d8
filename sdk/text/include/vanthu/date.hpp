//! Calendar dates as the decree writes them. No clock is read anywhere in Vanthu's output path.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vanthu {

struct Date {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  //! "2026-02-05" -> {2026, 2, 5}; nullopt when not YYYY-MM-DD or not a real day (2026-02-30).
  static std::optional<Date> parse_iso(std::string_view iso);
  static bool exists(int year, int month, int day);
  static int days_in_month(int year, int month);

  std::string iso() const;        //!< "2026-02-05"
  std::string dd_mm_yyyy() const; //!< "05/02/2026"
  Date plus_days(int days) const;
  int days_until(const Date& later) const;  //!< later - this, in days
  int weekday() const;                      //!< 0 = Monday ... 6 = Sunday (ISO)

  auto operator<=>(const Date&) const = default;
  bool operator==(const Date&) const = default;
};

}  // namespace vanthu
