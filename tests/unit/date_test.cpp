//! Calendar dates: parsing, formatting, arithmetic, weekdays.
#include "vanthu/date.hpp"

#include <gtest/gtest.h>

namespace vanthu {
namespace {

TEST(DateParse, AcceptsRealDays) {
  EXPECT_EQ(Date::parse_iso("2026-02-05"), (Date{2026, 2, 5}));
  EXPECT_EQ(Date::parse_iso("2024-02-29"), (Date{2024, 2, 29}));
  EXPECT_EQ(Date::parse_iso("2000-02-29"), (Date{2000, 2, 29}));
  EXPECT_EQ(Date::parse_iso("1900-01-01"), (Date{1900, 1, 1}));
  EXPECT_EQ(Date::parse_iso("9999-12-31"), (Date{9999, 12, 31}));
}

TEST(DateParse, RejectsDaysThatDoNotExist) {
  EXPECT_FALSE(Date::parse_iso("2026-02-30"));
  EXPECT_FALSE(Date::parse_iso("2026-02-29"));
  EXPECT_FALSE(Date::parse_iso("2100-02-29"));  // century, not divisible by 400
  EXPECT_FALSE(Date::parse_iso("2026-04-31"));
  EXPECT_FALSE(Date::parse_iso("2026-13-01"));
  EXPECT_FALSE(Date::parse_iso("2026-00-10"));
  EXPECT_FALSE(Date::parse_iso("2026-01-00"));
}

TEST(DateParse, RejectsOtherShapesAndYears) {
  EXPECT_FALSE(Date::parse_iso(""));
  EXPECT_FALSE(Date::parse_iso("2026-2-05"));
  EXPECT_FALSE(Date::parse_iso("2026-02-5"));
  EXPECT_FALSE(Date::parse_iso("2026/02/05"));
  EXPECT_FALSE(Date::parse_iso("05/02/2026"));
  EXPECT_FALSE(Date::parse_iso("2026-02-05T00:00"));
  EXPECT_FALSE(Date::parse_iso(" 2026-02-05"));
  EXPECT_FALSE(Date::parse_iso("2026-0a-05"));
  EXPECT_FALSE(Date::parse_iso("+026-02-05"));
  EXPECT_FALSE(Date::parse_iso("1899-12-31"));
  EXPECT_FALSE(Date::parse_iso("0000-01-01"));
}

TEST(DateCalendar, DaysInMonthAndExists) {
  EXPECT_EQ(Date::days_in_month(2026, 2), 28);
  EXPECT_EQ(Date::days_in_month(2024, 2), 29);
  EXPECT_EQ(Date::days_in_month(1900, 2), 28);
  EXPECT_EQ(Date::days_in_month(2000, 2), 29);
  EXPECT_EQ(Date::days_in_month(2026, 4), 30);
  EXPECT_EQ(Date::days_in_month(2026, 12), 31);
  EXPECT_EQ(Date::days_in_month(2026, 13), 0);
  EXPECT_TRUE(Date::exists(2026, 4, 30));
  EXPECT_FALSE(Date::exists(2026, 4, 31));
  EXPECT_FALSE(Date::exists(2026, 0, 1));
}

TEST(DateFormat, IsoAndDayMonthYear) {
  const Date date{2026, 2, 5};
  EXPECT_EQ(date.iso(), "2026-02-05");
  EXPECT_EQ(date.dd_mm_yyyy(), "05/02/2026");
  EXPECT_EQ((Date{2025, 12, 31}).dd_mm_yyyy(), "31/12/2025");
  EXPECT_EQ((Date{1900, 1, 1}).iso(), "1900-01-01");
}

TEST(DateArithmetic, PlusDaysCrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ((Date{2026, 2, 5}).plus_days(6), (Date{2026, 2, 11}));
  EXPECT_EQ((Date{2026, 2, 28}).plus_days(1), (Date{2026, 3, 1}));
  EXPECT_EQ((Date{2024, 2, 28}).plus_days(1), (Date{2024, 2, 29}));
  EXPECT_EQ((Date{2025, 12, 31}).plus_days(1), (Date{2026, 1, 1}));
  EXPECT_EQ((Date{2026, 1, 1}).plus_days(-1), (Date{2025, 12, 31}));
  EXPECT_EQ((Date{2026, 1, 1}).plus_days(365), (Date{2027, 1, 1}));
  EXPECT_EQ((Date{2026, 3, 10}).plus_days(0), (Date{2026, 3, 10}));
}

TEST(DateArithmetic, DaysUntil) {
  EXPECT_EQ((Date{2026, 2, 5}).days_until(Date{2026, 2, 11}), 6);
  EXPECT_EQ((Date{2026, 2, 11}).days_until(Date{2026, 2, 5}), -6);
  EXPECT_EQ((Date{2024, 1, 1}).days_until(Date{2025, 1, 1}), 366);
  EXPECT_EQ((Date{1900, 1, 1}).days_until(Date{2000, 1, 1}), 36524);
}

TEST(DateWeekday, IsoMondayIsZero) {
  EXPECT_EQ((Date{2026, 2, 5}).weekday(), 3);   // Thursday, first day of the seed week
  EXPECT_EQ((Date{2026, 2, 11}).weekday(), 2);  // Wednesday
  EXPECT_EQ((Date{1900, 1, 1}).weekday(), 0);   // Monday
  EXPECT_EQ((Date{2000, 1, 1}).weekday(), 5);   // Saturday
  EXPECT_EQ((Date{2026, 4, 19}).weekday(), 6);  // Sunday
}

TEST(DateCompare, OrdersByYearMonthDay) {
  EXPECT_LT((Date{2025, 12, 31}), (Date{2026, 1, 1}));
  EXPECT_LT((Date{2026, 2, 5}), (Date{2026, 2, 11}));
  EXPECT_GT((Date{2026, 3, 1}), (Date{2026, 2, 28}));
}

}  // namespace
}  // namespace vanthu
