//! nq57-periodic: the rules of the People's Committee's periodic report on Resolution 57-NQ/TW
//! (seeds 001 An Hải and 003 Hồng Bàng), kept apart from the plugin's entry point so the unit
//! tests (tests/unit/nq57_periodic_test.cpp) call exactly what the plugin runs.
//!
//! Two layers:
//!  - dates and numbered references: pure functions of their inputs;
//!  - build(): the whole input (schema.json) to the template's model, with the semantic checks
//!    that the schema cannot express (each problem with its JSON path). The model holds facts
//!    and figures only; the wording is the template's (templates/nq57-periodic/word/document.xml).
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

//! "tháng 12 năm 2025" (months 1–2 with a 0: "tháng 01 năm 2026"), for the checks' messages.
std::string month_phrase(int year, int month);

// --- Numbered references ----------------------------------------------------------------------

//! "<lead> 08 văn bản ⁽¹⁾Kế hoạch số 02-KH/BCĐTW, ngày 19/6/2025; ⁽²⁾...; ⁽⁸⁾..." as runs: the
//! "(n)" marks superscript, the count two digits, references separated by "; ", a final ".".
//! Punctuation a clerk typed at the end of a reference is dropped. The one wording the plugin
//! writes (with a heading line or a disbursement whose text has formatting): a template cannot
//! mark runs superscript.
std::vector<report::Run> cited_documents_runs(std::string_view lead, const std::vector<std::string>& documents);

// --- The whole report -----------------------------------------------------------------------

//! The input (valid against schema.json) to the template's data and the package's metadata.
//! Throws plugin::InvalidInput with every semantic problem at once.
//!
//! The data, besides the header and closing fields (report::header_fields, subject_fields,
//! closing_fields_from_input) and "unit" (phường, xã, đặc khu):
//!   "sections": the body in reading order, one entry per heading (pre-order: a heading, then
//!     its paragraphs, then its sub-headings), the introduction's paragraphs as a first entry
//!     and the conclusion's as a last one, both without a heading. Every entry has:
//!       part, chapter, section, subsection, item, heading, dash: the level, one true (none for
//!         the introduction and conclusion); heading and dash are unnumbered bold lines;
//!       title: as typed (the template writes part and chapter titles in capitals, and the
//!         number, which report::finish_body puts right);
//!       text: plain text on the heading's line ("" when none);
//!       line_xml: "" or the heading's whole line as a raw paragraph when the clerk's text on it
//!         has formatting (a part: the paragraph under it);
//!       nothing_new / nothing_new_on_line: nothing under the heading; say so in a paragraph of
//!         its own, or on the heading's line (after a title ending in ":");
//!       content: the paragraphs, each block with every key:
//!         paragraph (bool) with label, marker ("- ", "+ ", ""), text, note: a paragraph typed
//!           (report::content_items); a label with an empty text is "label: Không phát sinh…";
//!         xml: "" or a raw paragraph (runs with formatting, numbered references);
//!         phases: [{name ("" for "Giai đoạn {number}"), number, assignee ("" for "Ủy ban nhân
//!           dân {unit}"), assigned, completed, on_time, late, in_progress, overdue,
//!           completed_rate, in_progress_rate, overdue_rate}];
//!         initiatives: [] or [{received, resolved, backlog}];
//!         plan: [] or [{lead, completed_count, total, completed: [text], in_progress_count,
//!           in_progress: [text], due_month ("12", "01", ""), due_year}];
//!         reception: [] or [{one_day, from ("01/7"), to ("06/11/2025"), desk, received, online,
//!           direct, resolved, resolved_rate, pending, pending_rate, withdrawn, withdrawn_rate,
//!           late, overdue: [{field, count, last}], feedback_received, feedback_resolved,
//!           feedback_pending, online_rate, explanation (without brackets), late_reception}];
//!         budget: [] or [{year, sources: [{label, has_amount, amount}], disbursement: [] or
//!           [{label, text, xml ("" or the whole line when text has formatting), has_amount,
//!           amount}]}].
//!     A kind a block is not has false, "" or [] (lists, so that {#reception}…{/reception} reads
//!     one block's figures as its scope); every key is there, so the template never reads an
//!     outer scope's value by mistake.
plugin::Model build(const nlohmann::json& input);

}  // namespace vanthu::nq57_periodic
