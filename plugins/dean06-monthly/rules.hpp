//! dean06-monthly: the computation rules of the monthly Đề án 06 report (seed 002), apart from
//! the document assembly so unit tests can call them (tests/unit/dean06_monthly_test.cpp).
//!
//! Everything the clerk does not type is derived here: the reporting month and the month it is
//! compared with, rates ("99,5%"), month-over-month changes ("tăng 1% so với tháng 3/2026"),
//! the sentences that carry figures, the rows of the essential-services table, and the checks
//! that reject inconsistent facts with their JSON paths.
#pragma once

#include "vanthu/plugin.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanthu/date.hpp"
#include "vanthu/problem.hpp"

namespace vanthu::dean06_monthly {

// --- Periods -------------------------------------------------------------------------------------

//! A calendar month: the reporting period of the report.
struct Month {
  int year = 0;
  int month = 0;  // 1..12

  //! nullopt when there is no such month (month outside 1..12, year outside 1..9999).
  static std::optional<Month> make(int year, int month);
  //! The month before: January 2026 -> December 2025.
  Month previous() const;
  Date first_day() const;
  Date last_day() const;
  //! "4/2026", as the seed writes "tháng 4/2026".
  std::string text() const;

  auto operator<=>(const Month&) const = default;
};

//! A date as the seed writes it in running text: "17/4/2026", "06/4/2026", "11/02/2026" — the
//! day on two digits, the month on two digits for January and February only (Decree 30's rule
//! for the date line, which the seed follows in its text).
std::string short_date(const Date& date);

// --- Figures -------------------------------------------------------------------------------------

//! A count with "." grouping thousands: 2126 -> "2.126".
std::string count(std::int64_t value);

//! part/whole as a rate with one decimal and a comma: "99,5%", "100%" when whole; nullopt when
//! the whole is 0 (or negative). Rounded half away from zero, except that a rate that is not
//! whole never reads "100%" (19.999/20.000 -> "99,9%") and a rate above zero never reads "0%"
//! (1/20.000 -> "0,1%"): a reader takes "100%" to mean all of them and "0%" none.
std::optional<std::string> rate(std::int64_t part, std::int64_t whole);

//! The change between two rates in hundredths of a percentage point, computed exactly from the
//! counts and rounded half away from zero: (2006/2126) vs (1866/1999) -> 100 (1 point).
//! nullopt when either whole is 0.
std::optional<std::int64_t> change_in_hundredths(std::int64_t part, std::int64_t whole, std::int64_t previous_part,
                                                 std::int64_t previous_whole);

//! Hundredths of a point as the seed writes a change: 100 -> "1", 7 -> "0,07", 150 -> "1,5"
//! (sign dropped).
std::string points(std::int64_t hundredths);

//! "tăng 1% so với tháng 3/2026", "giảm 0,5% so với tháng 3/2026", "không thay đổi so với tháng
//! 3/2026".
std::string change_phrase(std::int64_t hundredths, const Month& previous);

//! Money as the seed writes it: "2.996.000 đồng".
std::string money(std::int64_t amount);

// --- The figures of section 3 (cải cách TTHC) ------------------------------------------------------

//! Applications (hồ sơ) of one month. Every field may be missing.
struct Applications {
  std::optional<std::int64_t> received;         //!< tiếp nhận
  std::optional<std::int64_t> online;           //!< trực tuyến
  std::optional<std::int64_t> resolved_on_time;  //!< đã giải quyết đúng và trước hạn
  std::optional<std::int64_t> resolved_late;     //!< đã giải quyết quá hạn
  std::optional<std::int64_t> pending_on_time;   //!< đang giải quyết trong hạn
  std::optional<std::int64_t> pending_late;      //!< đang giải quyết quá hạn

  static Applications from_json(const nlohmann::json& object);
  bool resolved_given() const { return resolved_on_time || resolved_late; }
  bool pending_given() const { return pending_on_time || pending_late; }
  //! received, or else resolved + pending when both are given.
  std::optional<std::int64_t> total() const;
};

//! Payments of fees online (thanh toán trực tuyến).
struct Payments {
  std::optional<std::int64_t> paid_online;  //!< hồ sơ thanh toán trực tuyến
  std::optional<std::int64_t> with_fees;    //!< hồ sơ có phát sinh phí, lệ phí
  std::optional<std::int64_t> amount;       //!< tổng số tiền, đồng

  static Payments from_json(const nlohmann::json& object);
};

//! "Từ 10/3/2026 đến 09/4/2026, đã giải quyết 2.006 hồ sơ (đạt tỷ lệ 94,4%, tăng 1% so với tháng
//! 3/2026) đúng và trước hạn; đang giải quyết 120 hồ sơ trong hạn (chiếm 5,6%). Không có hồ sơ quá
//! hạn." Empty when nothing is known.
std::string processing_sentence(const Applications& now, const Applications* previous, const Month& month,
                                std::optional<Date> from, std::optional<Date> to);

//! "Trong tháng 4/2026 đã tiếp nhận 2.126 hồ sơ trực tuyến, tiếp tục duy trì tỷ lệ hồ sơ trực tuyến
//! đạt 100%." Empty without the counts.
std::string online_sentence(const Applications& now, const Applications* previous, const Month& month);

//! "Mức độ đánh giá hài lòng của người dân và doanh nghiệp tiếp tục duy trì 100%." — the
//! satisfaction index in percent (two decimals kept). Empty without it.
std::string satisfaction_sentence(std::optional<double> now, std::optional<double> previous, const Month& month);

//! "Trong tháng 4/2026, đã thực hiện thanh toán trực tuyến đối với 1.330/1.330 hồ sơ có phát sinh
//! phí, lệ phí, tổng số tiền: 2.996.000 đồng, đạt tỷ lệ 100%, tăng 0,07% so với tháng 3/2026."
std::string payments_sentence(const Payments& now, const Payments* previous, const Month& month);

//! "Số TTHC đã cung cấp dịch vụ công trực tuyến toàn trình: 161/161, đạt tỷ lệ 100% TTHC đủ điều
//! kiện cung cấp DVCTT toàn trình."
std::string procedures_sentence(std::optional<std::int64_t> full_online, std::optional<std::int64_t> eligible);

//! "Trong tháng 4/2026 chưa tiếp nhận hồ sơ phi địa giới." / "... đã tiếp nhận 12 hồ sơ phi địa giới."
std::string cross_boundary_sentence(std::optional<std::int64_t> applications, const Month& month);

//! A figure inside a paragraph the clerk writes: "39.904/100.031 người, đạt 39,9%" (count and
//! of), "71.288 cử tri" (count alone), "17.467.000.000 đồng (Bằng chữ: Mười bảy tỷ, ...)"
//! (money, in words when asked). The object is one of the schema's "segment" objects.
std::string figure_text(const nlohmann::json& segment);

// --- Phụ lục 2: the essential public services ------------------------------------------------------

//! One service of the default list (from seed 002): its key in the input, name and lead body,
//! and whether the ward (UBND cấp xã) reports its figures.
struct ServiceDefinition {
  std::string_view key;
  std::string_view name;
  std::string_view lead;
  bool ward = false;
};

//! The 25 essential public services under the city's management, in the table's order.
const std::vector<ServiceDefinition>& default_services();
//! How many of them the ward reports (13 in seed 002).
std::size_t ward_service_count();

//! A row of the table, every cell as printed.
struct ServiceRow {
  std::string number;  //!< "1."
  std::string name, lead, total, online, rate, issues, solutions, note;
};

//! The 25 rows from the clerk's figures (`services` = input's essential_services, may be null).
//! Ghi chú numbers the ward's own services 1., 2., ... and carries the clerk's remark after it.
//! The default lead bodies name the ward's own ("CA phường", "TT PVHCC phường") with `unit`.
std::vector<ServiceRow> service_rows(const nlohmann::json& services, const std::string& unit = "phường");

//! The form's fixed wording for a xã or đặc khu: each word "phường" becomes `unit`
//! ("CA phường" -> "CA xã", "chức năng quản lý của phường" -> "… của đặc khu").
std::string for_unit(std::string_view text, const std::string& unit);

// --- The whole report (model.cpp) ---------------------------------------------------------------

//! The facts of the công văn, Phụ lục 1 and Phụ lục 2 from the input (schema.json), one key per
//! thing the template prints (the wording is the template's): the request answered, the counts
//! of the công văn's bullets, each section's paragraphs (items with label, marker, text, note and
//! xml, the whole paragraph when it has a footnote), the answers to the form's questions with
//! their computed sentences, the proposals, the 25 rows of Phụ lục 2, and word/footnotes.xml;
//! plugin::InvalidInput with every inconsistency otherwise.
plugin::Model build(const nlohmann::json& input);

// --- Checks --------------------------------------------------------------------------------------

//! Every inconsistency in the facts, each with its JSON path (the input is already valid
//! against schema.json): a period that does not exist or does not fit its month, dates out of
//! order, online greater than total, parts that do not add up to the whole, figures for a
//! service outside the ward's competence, malformed text segments.
Problems check(const nlohmann::json& input);

}  // namespace vanthu::dean06_monthly
