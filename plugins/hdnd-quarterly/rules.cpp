#include "rules.hpp"

#include <string_view>
#include <utility>

#include "vanthu/count_checks.hpp"
#include "vanthu/json_access.hpp"
#include "vanthu/nd30.hpp"
#include "vanthu/problem.hpp"
#include "vanthu/report.hpp"
#include "vanthu/text.hpp"

namespace vanthu::hdnd_quarterly {
namespace {

using nlohmann::json;
namespace report = vanthu::report;
namespace text = vanthu::text;
using text::trim;

constexpr std::string_view kDefaultSubject = "triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị";
constexpr std::string_view kDefaultUnit = "phường";

//! Trimmed, without the punctuation a clerk may type at the end of a phrase that the sentence
//! built around it continues.
std::string phrase(const std::string& s) { return text::trim_end(s, ".,;:"); }

std::string number(std::int64_t n) { return text::group_thousands(n); }

//! The level of local government the clerk chose (phường, xã, đặc khu), or phường.
std::string unit_of(const json& input) {
  std::string unit = string_member(member(input, "issuer"), "unit");
  return unit.empty() ? std::string(kDefaultUnit) : unit;
}

Quarter quarter_of(const json& input) {
  const json& period = member(input, "period");
  return Quarter{static_cast<int>(integer_member(period, "quarter").value_or(1)), static_cast<int>(integer_member(period, "year").value_or(0))};
}

//! Every {"ratio": {...}} anywhere in the input (the schema allows it in content blocks only).
void check_ratios(const json& value, const std::string& path, Problems& problems) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      std::string child_path = pointer_append(path, key);
      if (key == "ratio" && child.is_object()) {
        auto count = integer_member(child, "count"), total = integer_member(child, "total");
        if (count && total)
          if (auto problem = part_above_whole(pointer_append(child_path, "count"),
                                              "số " + string_member(child, "unit") + " đã đạt", *count, "tổng số", *total,
                                              "inconsistent_ratio"))
            problems.push_back(std::move(*problem));
        continue;
      }
      check_ratios(child, child_path, problems);
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) check_ratios(value[i], pointer_append(path, i), problems);
  }
}

std::string file_name(const Quarter& q, const std::string& unit, const std::string& ward) {
  return "Báo cáo quý " + q.roman() + " năm " + std::to_string(q.year) + " HĐND " + unit + " " + ward + " về NQ57.docx";
}

}  // namespace

Quarter Quarter::next() const { return number >= 4 ? Quarter{1, year + 1} : Quarter{number + 1, year}; }

Date Quarter::first_day() const { return Date{year, 3 * (number - 1) + 1, 1}; }

Date Quarter::last_day() const {
  int month = 3 * number;
  return Date{year, month, Date::days_in_month(year, month)};
}

std::string Quarter::roman() const { return nd30::roman(number); }

std::string Quarter::short_name() const { return "quý " + roman() + "/" + std::to_string(year); }

std::string Quarter::long_name() const { return "quý " + roman() + " năm " + std::to_string(year); }

std::string report_subject(const Quarter& quarter, const std::string& subject) {
  Quarter next = quarter.next();
  std::string reported = next.year == quarter.year ? "quý " + quarter.roman() : quarter.long_name();
  std::string what = phrase(subject);
  if (what.empty()) what = kDefaultSubject;
  return "Kết quả " + reported + " về việc " + what + " và phương hướng, nhiệm vụ " + next.long_name();
}

json ratio_fields(const json& r) {
  std::int64_t count = integer_member(r, "count").value_or(0), total = integer_member(r, "total").value_or(0);
  return {{"count", count},
          {"total", total},
          {"remaining", total - count},
          {"unit", report::clerk_text(phrase(string_member(r, "unit")))},
          {"who", report::clerk_text(phrase(string_member(r, "who")))},
          {"done", report::clerk_text(phrase(string_member(r, "done")))},
          {"not_done", report::clerk_text(phrase(string_member(r, "not_done")))}};
}

json content_items(const json& blocks) {
  json items = json::array();
  if (!blocks.is_array()) return items;
  for (const auto& block : blocks) {
    json ratio = json::array();
    if (const json& r = member(block, "ratio"); r.is_object()) ratio.push_back(ratio_fields(r));
    // The SDK reads the text, label and style; a block holding only a ratio is this type's own.
    json item = report::content_items(json::array({block}));
    if (!item.empty()) {
      item = std::move(item[0]);
    } else if (!ratio.empty()) {
      std::string style = string_member(block, "style");
      item = {{"label", ""}, {"marker", style == "bullet" ? "- " : style == "plus" ? "+ " : ""}, {"text", ""}, {"note", style == "note"}};
    } else {
      continue;
    }
    item["ratio"] = std::move(ratio);
    items.push_back(std::move(item));
  }
  return items;
}

json list_items(const std::vector<std::string>& items) {
  json out = json::array();
  for (const auto& item : items)
    if (std::string p = phrase(item); !p.empty()) out.push_back({{"text", report::clerk_text(p)}, {"last", false}});
  if (!out.empty()) out.back()["last"] = true;
  return out;
}

SignatureLines signature_lines(const std::string& signer_role) {
  if (signer_role == "chair") return {{"TM. HỘI ĐỒNG NHÂN DÂN"}, {"CHỦ TỊCH"}};
  return {{"TM. HỘI ĐỒNG NHÂN DÂN", "KT. CHỦ TỊCH"}, {"PHÓ CHỦ TỊCH"}};
}

Problems check(const json& input) {
  Problems problems;
  Quarter quarter = quarter_of(input);
  if (auto issued = date_member(member(input, "document"), "date")) {
    if (*issued < quarter.first_day())
      problems.push_back({"/document/date", "date_before_period",
                          "Ngày ban hành báo cáo (" + issued->dd_mm_yyyy() + ") trước ngày đầu " + quarter.short_name() +
                              " (" + quarter.first_day().dd_mm_yyyy() + ") mà báo cáo tổng kết."});
    else if (Quarter next = quarter.next(); *issued > next.last_day())
      problems.push_back({"/document/date", "date_after_next_quarter",
                          "Ngày ban hành báo cáo (" + issued->dd_mm_yyyy() + ") sau ngày cuối " + next.short_name() +
                              " (" + next.last_day().dd_mm_yyyy() + "), quý mà báo cáo đề ra phương hướng, nhiệm vụ."});
  }

  const json& tasks = member(member(member(input, "results"), "direction"), "tasks");
  const std::string tasks_path = "/results/direction/tasks";
  auto assigned = integer_member(tasks, "assigned");
  auto completed = integer_member(tasks, "completed").value_or(0);
  auto in_progress = integer_member(tasks, "in_progress").value_or(0);
  auto overdue = integer_member(tasks, "overdue").value_or(0);
  if (assigned && completed + in_progress + overdue != *assigned)
    problems.push_back({tasks_path + "/assigned", "inconsistent_total",
                        "Số nhiệm vụ được giao (" + number(*assigned) + ") khác tổng số nhiệm vụ đã hoàn thành (" +
                            number(completed) + "), đang triển khai (" + number(in_progress) + ") và quá hạn (" +
                            number(overdue) + ") là " + number(completed + in_progress + overdue) + "."});
  const json& list = member(tasks, "list");
  if (assigned && list.is_array() && !list.empty() && static_cast<std::int64_t>(list.size()) != *assigned)
    problems.push_back({tasks_path + "/list", "count_mismatch",
                        "Danh sách có " + number(static_cast<std::int64_t>(list.size())) +
                            " nhiệm vụ nhưng số nhiệm vụ được giao là " + number(*assigned) + "."});
  check_ratios(input, "", problems);
  return problems;
}

plugin::Model build(const json& input) {
  if (Problems problems = check(input); !problems.empty()) throw plugin::InvalidInput(std::move(problems));

  const json& issuer = member(input, "issuer");
  const json& document = member(input, "document");
  const std::string unit = unit_of(input);
  const std::string ward = trim(string_member(issuer, "ward"));
  const Quarter quarter = quarter_of(input);

  report::Header header;
  header.name = "Hội đồng nhân dân\n" + unit + " " + ward;
  header.type_abbreviation = "BC";
  header.symbol = "HĐND";
  if (auto n = integer_member(document, "number")) header.number = static_cast<int>(*n);
  header.place = ward;
  header.date = date_member(document, "date");
  header.year = quarter.year;

  const json& results = member(input, "results");
  const json& direction = member(results, "direction");
  const json& tasks = member(direction, "tasks");
  const json& leadership = member(direction, "leadership");

  // The template holds the wording; the model gives the facts and figures, each under its key.
  json data = report::header_fields(header);
  data["unit"] = unit;
  data["quarter"] = quarter.roman();
  data["year"] = quarter.year;

  // 1.1. The task counts (check() has made them add up) and what was done with them.
  data["tasks_source"] = report::clerk_text(phrase(string_member(tasks, "source")));
  for (const char* key : {"assigned", "completed", "in_progress", "overdue"}) data[key] = integer_member(tasks, key).value_or(0);
  json task_list = json::array();
  for (const auto& t : report::strings(member(tasks, "list")))
    if (!trim(t).empty()) task_list.push_back(report::clerk_text(t));
  data["tasks_listed"] = !task_list.empty();  // "được giao 03 nhiệm vụ:" then the list, or "."
  data["task_list"] = std::move(task_list);
  json task_results = content_items(member(tasks, "results"));
  data["results_listed"] = !task_results.empty();  // the summary ends with ":" before them
  data["results_reported"] = data["assigned"].get<std::int64_t>() > 0 || !task_results.empty();
  data["task_results"] = std::move(task_results);

  // 1.2. Leadership: the documents issued, supervision, anything else.
  data["documents"] = list_items(report::strings(member(leadership, "documents")));
  data["supervision"] = report::clerk_text(string_member(leadership, "supervision"));
  data["leadership_details"] = content_items(member(leadership, "details"));

  for (const char* key : {"institutions", "science", "digital_transformation", "security"})
    data[key] = content_items(member(results, key));
  data["difficulties"] = content_items(member(input, "difficulties"));
  data["next_tasks"] = content_items(member(input, "next_tasks"));

  const std::string subject = report_subject(quarter, string_member(input, "subject"));
  const json& signature = member(input, "signature");
  SignatureLines lines = signature_lines(string_member(signature, "signer"));

  data.update(report::subject_fields(subject));
  data.update(report::closing_fields(report::strings(member(input, "recipients")), string_member(input, "archive"), lines.authority,
                                     lines.positions, string_member(signature, "name")));

  Date created = header.date.value_or(quarter.last_day());
  json meta = {
      {"title", "Báo cáo " + text::lower(subject.substr(0, 1)) + subject.substr(1)},
      {"creator", text::upper("Hội đồng nhân dân " + unit + " " + ward)},
      {"created", report::w3c_datetime(created)},
      {"file_name", file_name(quarter, unit, ward)},
  };
  return {std::move(meta), std::move(data)};
}

}  // namespace vanthu::hdnd_quarterly
