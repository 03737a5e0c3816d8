//! nq57-periodic: the rules of the People's Committee's periodic report on Resolution 57-NQ/TW
//! (seeds 001 An Hải and 003 Hồng Bàng), kept apart from the plugin's entry point so the unit
//! tests (tests/unit/nq57_periodic_test.cpp) call exactly what the plugin runs.
//!
//! Two layers:
//!  - phrases: each sentence the report derives from counts (task statistics by phase, the
//!    reception desk's figures, the budget lines with money in words, numbered references, ...),
//!    pure functions of their inputs;
//!  - build(): the whole input (schema.json) to the template's data, with the semantic checks
//!    that the schema cannot express (each problem with its JSON path).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanthu/date.hpp"
#include "vanthu/plugin.hpp"
#include "vanthu/report.hpp"

namespace vanthu::nq57_periodic {

// --- Dates ----------------------------------------------------------------------------------

//! The issue date as far as it is known: the records office often fills the day (seed 001:
//! "ngày    tháng 11 năm 2025") or day and month (seed 003: "ngày    tháng    năm 2025").
struct IssueDate {
  int year = 0;
  std::optional<int> month;
  std::optional<int> day;  //!< only with a month

  //! "2025", "2025-11" or "2025-11-06"; nullopt when not one of these or not a real date.
  static std::optional<IssueDate> parse(std::string_view text);
  std::optional<Date> full() const;  //!< the date when the day is known
  Date first_day() const;            //!< the earliest day it can be
  Date last_day() const;             //!< the latest day it can be
};

//! "An Hải, ngày 06 tháng 11 năm 2025"; "An Hải, ngày      tháng 11 năm 2025" (month known);
//! "Hồng Bàng, ngày      tháng      năm 2025" (year only). Day 1–9 and months 1–2 get a 0.
std::string place_date_line(std::string_view place, const IssueDate& date);

//! Day and month as the seeds write them in running text, the decree's rule for leading zeros
//! (days 1–9, months 1–2): 2025-07-01 -> "01/7", with the year "01/7/2025"; 2026-02-05 -> "05/02".
std::string short_date(const Date& date, bool with_year);

//! The period of the reception desk's figures: "Tính từ ngày 01/7 - 06/11/2025" (same year),
//! "Tính từ ngày 15/12/2024 - 06/01/2025", one day: "Trong ngày 06/11/2025".
std::string figures_period(const Date& from, const Date& to);

//! "tháng 12 năm 2025" (months 1–2 with a 0: "tháng 01 năm 2026").
std::string month_phrase(int year, int month);

// --- Task statistics by phase (seed 001, B.I.2) ----------------------------------------------------

struct Phase {
  std::string name;  //!< "Giai đoạn 1"
  std::int64_t assigned = 0;
  std::int64_t completed_on_time = 0;
  std::int64_t completed_late = 0;
  std::int64_t overdue = 0;  //!< quá hạn chưa hoàn thành
};

//! The phase's lines: the heading (an italic "-" line) and the "+" lines.
struct PhaseText {
  std::string heading;               //!< "Giai đoạn 1: Ủy ban nhân dân phường được giao 16 nhiệm vụ"
  std::vector<std::string> details;  //!< completed, in progress on time, overdue
};

//! In progress on time = assigned - completed (on time + late) - overdue; every rate is of the
//! tasks assigned, one decimal at most. A phase with nothing assigned says so and has no details.
//! Precondition (checked by build()): completed + overdue <= assigned.
PhaseText phase_text(const Phase& phase, std::string_view assignee);

// --- Reflections, proposals, initiatives (PAKN, SKGP; seed 001, B.I.3) -----------------------------

//! "Tổng số PAKN, SKGP đã nhận được: 0, trong đó:", "Số PAKN, SKGP đã giải quyết: 0",
//! "Số PAKN, SKGP tồn đọng/chưa được tiếp nhận: 0" (received - resolved).
std::vector<std::string> initiatives_lines(std::int64_t received, std::int64_t resolved);

// --- Tasks of a plan, listed (seed 001, B.III.1.c) ------------------------------------------------

//! "<lead> hoàn thành 11/12 nhiệm vụ gồm:" (total = completed + in progress); with nothing
//! completed "<lead> hoàn thành 0/3 nhiệm vụ." (nothing to list).
std::string plan_completed_phrase(std::string_view lead, std::int64_t completed, std::int64_t total);
//! "01 nhiệm vụ đang triển khai thực hiện dự kiến hoàn thành trong tháng 12 năm 2025, cụ thể:";
//! without a due month "01 nhiệm vụ đang triển khai thực hiện, cụ thể:".
std::string plan_in_progress_phrase(std::int64_t in_progress, std::optional<std::pair<int, int>> due_year_month);

// --- The reception desk's figures (seed 001, B.III.2.a) ------------------------------------------

struct OverdueField {
  std::string field;  //!< "đất đai"
  std::int64_t count = 0;
};

struct Reception {
  Date from, to;
  std::string desk;  //!< "Trung tâm phục vụ hành chính công phường An Hải"
  std::int64_t received = 0;
  std::int64_t online = 0;
  std::int64_t resolved = 0;
  std::int64_t withdrawn = 0;
  std::vector<OverdueField> overdue;  //!< resolved late, by field
  std::int64_t feedback_received = 0;
  std::int64_t feedback_resolved = 0;
  std::string explanation;  //!< printed in brackets after the online rate, as the seed does
  std::int64_t late_reception = 0;
};

//! The whole sentence of seed 001: received (online and direct = received - online), resolved
//! and pending (= received - resolved) with their rates, withdrawn, resolved late by field
//! (total = the sum), reflections, the online rate "9.765/11.962 = 81,6%", late reception.
//! Rates are of the files received, one decimal at most, half away from zero.
//! Preconditions (checked by build()): online, resolved, withdrawn, late total <= received,
//! feedback_resolved <= feedback_received, from <= to.
std::string reception_sentence(const Reception& reception);

// --- Budget (seed 001, B.V) -----------------------------------------------------------------------

//! "820.000.000đ (Bằng chữ: Tám trăm hai mươi triệu đồng chẵn)"; 0 <= amount <= kMaxAmount.
std::string money_phrase(std::int64_t amount);
//! A funding source: "Dự toán ngân sách nhà nước năm 2025: 820.000.000đ (Bằng chữ: ...)", or
//! "<label>: Không có" when there is none (no amount).
std::string budget_source_line(std::string_view label, std::optional<std::int64_t> amount);
//! "Tổng kinh phí bố trí năm 2025, gồm:"
std::string budget_intro(int year);
//! The largest amount the schema allows (money_in_words' own limit).
inline constexpr std::int64_t kMaxAmount = 999'999'999'999'999;

// --- Numbered references ----------------------------------------------------------------------

//! "<lead> 08 văn bản ⁽¹⁾Kế hoạch số 02-KH/BCĐTW, ngày 19/6/2025; ⁽²⁾...; ⁽⁸⁾..." as runs: the
//! "(n)" marks superscript, the count two digits, references separated by "; ", a final ".".
//! Punctuation a clerk typed at the end of a reference is dropped.
std::vector<report::Run> cited_documents_runs(std::string_view lead, const std::vector<std::string>& documents);

// --- The whole report -----------------------------------------------------------------------

//! The input (valid against schema.json) to the template's data and the package's metadata.
//! Throws plugin::InvalidInput with every semantic problem at once.
plugin::Model build(const nlohmann::json& input);

}  // namespace vanthu::nq57_periodic
