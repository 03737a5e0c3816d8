//! hdnd-quarterly: the rules that turn the clerk's facts into the model of seed 004
//! (shared/seeds/004_8b3b633907b88ef3.txt), the quarterly report of a ward's People's Council
//! (Hội đồng nhân dân) on Resolution 57-NQ/TW and its tasks for the next quarter.
//!
//! Everything the report computes is a pure function here, so tests/unit/hdnd_quarterly_test.cpp
//! checks each figure at its edges and the plugin (plugin.cpp) only declares the type. The
//! report's wording is in templates/hdnd-quarterly/word/document.xml, where a clerk can change it.
//! Built as the static library hdnd_quarterly_rules, linked by the plugin and by the unit test.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanthu/date.hpp"
#include "vanthu/plugin.hpp"

namespace vanthu::hdnd_quarterly {

//! A calendar quarter: 1..4 of a year.
struct Quarter {
  int number = 1;
  int year = 0;

  Quarter next() const;        //!< after quý IV comes quý I of the next year
  Date first_day() const;      //!< quý II/2026 -> 2026-04-01
  Date last_day() const;       //!< quý II/2026 -> 2026-06-30
  std::string roman() const;   //!< "II"
  std::string short_name() const;  //!< "quý II/2026" (headings, messages)
  std::string long_name() const;   //!< "quý III năm 2026" (the title's next quarter)
  bool operator==(const Quarter&) const = default;
};

//! Trích yếu: "Kết quả quý II về việc {subject} và phương hướng, nhiệm vụ quý III năm 2026".
//! When the next quarter is in the next year the reported quarter carries its year too
//! ("Kết quả quý IV năm 2026 … quý I năm 2027"), so neither quarter is ambiguous.
std::string report_subject(const Quarter& quarter, const std::string& subject);

//! A ratio the clerk gives as two numbers (a content block's "ratio", e.g. delegates with a
//! digital signature), as the template's ratio sentence prints it: "{count}/{total} {unit} {who}
//! {done}, còn {remaining} {unit} {not_done}." ("không còn {unit} nào {not_done}" when remaining
//! is 0; "{total}/{total} {unit} {who} {not_done}." when count is 0). The model's fields:
//!   {"count", "total", "remaining": total - count (numbers), "unit", "who" ("" when none),
//!    "done", "not_done" (the clerk's phrases without the punctuation she typed at their end)}
//! The caller has checked 0 <= count <= total.
nlohmann::json ratio_fields(const nlohmann::json& ratio);

//! The blocks a clerk typed for a part of the report, as the items of the template's loop: a
//! string is a paragraph, an object {style: paragraph | bullet | plus | note, label, text, ratio}.
//! Every item has the keys of report::content_items — label (no trailing colon), marker ("- ",
//! "+ " or ""), text, note — and "ratio": a list holding the ratio's fields (ratio_fields), or
//! empty, so that a template can loop over it whatever the sample holds. Blocks with neither
//! text, label nor ratio are left out; none at all: an empty list ("Không phát sinh nội dung
//! mới." in the template).
nlohmann::json content_items(const nlohmann::json& blocks);

//! Items of a list inside a sentence (the documents issued): {"text": the clerk's item without
//! its trailing punctuation, "last": true for the last}; the template ends each with ";" and the
//! last with ".". Blank items are left out.
nlohmann::json list_items(const std::vector<std::string>& items);

//! The signature block: the council signs collectively (TM. HỘI ĐỒNG NHÂN DÂN); the chair signs
//! as "CHỦ TỊCH", a vice-chair on the chair's behalf as "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
struct SignatureLines {
  std::vector<std::string> authority;
  std::vector<std::string> positions;
};
SignatureLines signature_lines(const std::string& signer_role);

//! Semantic checks of an input already valid against schema.json, every problem at once, each
//! with its JSON path: task counts that do not add up, a task list of another length, a ratio
//! above its total, an issue date before the quarter or after the next one.
Problems check(const nlohmann::json& input);

//! The whole document model (meta + data for the template), one key per thing the template
//! prints: the header, title and closing fields; "unit" (phường, xã, đặc khu), "quarter"
//! (roman) and "year" of heading I; the task counts "assigned", "completed", "in_progress",
//! "overdue" with "tasks_source", "task_list", "tasks_listed", "task_results" (content_items),
//! "results_listed" and "results_reported" (the "Kết quả thực hiện:" line: tasks were assigned or
//! results typed); "documents" (list_items), "supervision", "leadership_details"; and the
//! content_items of "institutions", "science", "digital_transformation", "security",
//! "difficulties", "next_tasks". The wording is in the template. Throws plugin::InvalidInput with
//! check()'s problems.
plugin::Model build(const nlohmann::json& input);

}  // namespace vanthu::hdnd_quarterly
