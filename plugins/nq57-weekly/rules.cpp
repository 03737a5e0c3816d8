//! nq57-weekly: the weekly report (báo cáo tuần) of a ward's Steering Committee (Ban Chỉ đạo) on
//! Resolution 57-NQ/TW. Specification: seed 000 (shared/seeds/000_70f59c823f5dd0f1.txt).
//!
//! The clerk types facts; this plugin derives the figures: the period line, the count of
//! documents issued, the DVCTT totals and rate, the header lines and rules. The wording (headings,
//! standard sentences, "Không phát sinh nội dung mới." for what is empty, the closing "./.") is in
//! the template, templates/nq57-weekly/word/document.xml, where a clerk can change it in Word.

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "rules.hpp"

#include "vanthu/count_checks.hpp"
#include "vanthu/date.hpp"
#include "vanthu/json_access.hpp"
#include "vanthu/nd30.hpp"
#include "vanthu/plugin.hpp"
#include "vanthu/report.hpp"
#include "vanthu/text.hpp"

namespace vanthu::nq57_weekly {
namespace {

using nlohmann::json;

//! Ends a sentence with "." unless it already ends with punctuation.
std::string sentence(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == ';' || s.back() == ',')) s.pop_back();
  if (!s.empty() && s.back() != '.' && s.back() != '!' && s.back() != '?') s += '.';
  return s;
}

//! A. Công tác lãnh đạo, chỉ đạo: the documents issued in the week, and how many.
void leadership(json& data, const json& input) {
  const json& section = member(input, "leadership");
  const json& documents = member(section, "documents");
  json items = json::array();
  if (documents.is_array())
    for (const auto& d : documents)
      items.push_back({{"kind", report::clerk_text(string_member(d, "kind"))},
                       {"number", report::clerk_text(string_member(d, "number"))},
                       {"date", string_member(d, "date")},
                       {"issuer", report::clerk_text(string_member(d, "issuer"))},
                       {"summary", report::clerk_text(sentence(string_member(d, "summary")))}});
  // "issued": who issued them and how many, or false when none was (the template says so).
  data["issued"] = items.empty() ? json(false)
                                 : json{{"by", report::clerk_text(string_member(section, "issued_by"))},
                                        {"count", static_cast<long long>(items.size())}};
  data["documents"] = std::move(items);
}

//! B.III.1.a) Dịch vụ công trực tuyến: the period of the figures, totals and the online rate.
void public_services(json& data, const json& services, const Date& period_from, const Date& period_to) {
  data["services_from"] = date_member(services, "from").value_or(period_from).iso();
  data["services_to"] = date_member(services, "to").value_or(period_to).iso();
  auto total = integer_member(services, "procedures_total");
  auto full = integer_member(services, "procedures_full_online");
  auto partial = integer_member(services, "procedures_partial_online");
  data["procedures"] = false;
  if (total || full || partial)
    data["procedures"] = {{"total", total.value_or(full.value_or(0) + partial.value_or(0))},
                          {"full", full.value_or(0)},
                          {"partial", partial.value_or(0)}};
  auto received = integer_member(services, "applications_received");
  auto online = integer_member(services, "applications_online");
  data["applications"] = false;
  if (received) {
    json line = {{"received", *received}, {"online", false}};
    if (online) line["online"] = {{"count", *online}, {"rate", text::percent(*online, *received).value_or("")}};
    data["applications"] = std::move(line);
  }
  data["services_details"] = report::content_items(member(services, "details"));
}

//! "05/02/2026" -> "05.02.2026", for file names.
std::string file_date(const Date& d) {
  std::string s = d.dd_mm_yyyy();
  for (char& c : s)
    if (c == '/') c = '.';
  return s;
}

Problems check(const json& input, const Date& from, const Date& to) {
  Problems problems;
  if (to < from)
    problems.push_back({"/period/to", "inconsistent_period",
                        "Ngày kết thúc kỳ báo cáo (" + to.dd_mm_yyyy() + ") trước ngày bắt đầu (" + from.dd_mm_yyyy() + ")."});
  else if (from.days_until(to) > 6)
    problems.push_back({"/period/to", "period_too_long",
                        "Kỳ báo cáo tuần dài tối đa 7 ngày; kỳ từ " + from.dd_mm_yyyy() + " đến " + to.dd_mm_yyyy() + " dài " +
                            std::to_string(from.days_until(to) + 1) + " ngày."});
  if (auto issued = date_member(member(input, "document"), "date"); issued && *issued < from)
    problems.push_back({"/document/date", "date_before_period",
                        "Ngày ban hành báo cáo (" + issued->dd_mm_yyyy() + ") trước ngày bắt đầu kỳ báo cáo (" +
                            from.dd_mm_yyyy() + ")."});
  const json& services = member(member(input, "digital_transformation"), "public_services");
  auto sfrom = date_member(services, "from"), sto = date_member(services, "to");
  if (sfrom && sto && *sto < *sfrom)
    problems.push_back({"/digital_transformation/public_services/to", "inconsistent_period",
                        "Ngày cuối của số liệu (" + sto->dd_mm_yyyy() + ") trước ngày đầu (" + sfrom->dd_mm_yyyy() + ")."});
  const std::string services_path = "/digital_transformation/public_services";
  auto full = integer_member(services, "procedures_full_online").value_or(0);
  auto partial = integer_member(services, "procedures_partial_online").value_or(0);
  if (auto total = integer_member(services, "procedures_total"))
    if (auto problem = whole_below_parts(services_path + "/procedures_total", "tổng số TTHC", *total,
                                                 "số TTHC trực tuyến toàn trình và một phần", full + partial))
      problems.push_back(std::move(*problem));
  check_part_of_whole(services, services_path,
                              {.part_key = "applications_online", .part_name = "số hồ sơ trực tuyến",
                               .whole_key = "applications_received", .whole_name = "tổng số hồ sơ tiếp nhận"},
                              problems);
  return problems;
}

}  // namespace

plugin::Model build(const json& input) {
  const json& period = member(input, "period");
  Date from = *Date::parse_iso(string_member(period, "from"));  // the schema guarantees real dates
  Date to = *Date::parse_iso(string_member(period, "to"));
  if (Problems problems = check(input, from, to); !problems.empty())
    throw plugin::InvalidInput(std::move(problems));

  const json& issuer = member(input, "issuer");
  report::Header header = report::header_from_input(input);
  header.type_abbreviation = "BC";
  header.year = to.year;

  // The template holds the wording; the model gives the facts, each under its own key.
  json data = report::header_fields(header);
  data["unit"] = report::local_unit_from_input(input);  // phường, xã, đặc khu
  leadership(data, input);

  const json& direction = member(input, "direction");
  for (const char* key : {"meetings", "tasks", "feedback"}) data[key] = report::clerk_text(string_member(direction, key));

  const json& institutions = member(input, "institutions");
  for (const char* key : {"communication", "infrastructure", "workforce", "data", "data_exchange", "security", "shortcomings",
                          "causes"})
    data[key] = report::content_items(member(institutions, key));

  const json& digital = member(input, "digital_transformation");
  public_services(data, member(digital, "public_services"), from, to);
  for (const char* key : {"internal_use", "plan_details", "key_tasks", "shortcomings_public_services",
                          "shortcomings_internal_use"})
    data[key] = report::content_items(member(digital, key));
  data["plan_label"] = text::trim_end(report::clerk_text(string_member(digital, "plan_label")), ":");  // the template writes the colon
  data["plan"] = report::clerk_text(string_member(digital, "plan"));
  data["causes_digital"] = report::clerk_text(string_member(digital, "causes"));
  data["proposals"] = report::content_items(member(input, "proposals"));

  std::string subject = string_member(input, "subject");
  std::string period_text = nd30::week_period(from, to);

  data.update(report::subject_fields(subject + " " + period_text));
  data.update(report::closing_fields_from_input(input));

  Date created = header.date.value_or(to);
  json meta = {
      {"title", "Báo cáo " + subject + " " + period_text},
      {"creator", text::upper(string_member(issuer, "name"))},
      {"created", report::w3c_datetime(created)},
      {"file_name", "Báo cáo tuần NQ57 " + file_date(from) + " - " + file_date(to) + ".docx"},
  };
  return {std::move(meta), std::move(data)};
}

}  // namespace vanthu::nq57_weekly
