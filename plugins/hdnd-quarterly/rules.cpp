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
std::string phrase(std::string s) {
  s = trim(std::move(s));
  while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';' || s.back() == ':' || s.back() == ' '))
    s.pop_back();
  return s;
}

std::string number(std::int64_t n) { return text::group_thousands(n); }

//! "Hải An" / "phường" -> "HĐND phường" etc.; the unit the clerk chose, or phường.
std::string unit_of(const json& input) {
  std::string unit = string_member(member(input, "issuer"), "unit");
  return unit.empty() ? std::string(kDefaultUnit) : unit;
}

Quarter quarter_of(const json& input) {
  const json& period = member(input, "period");
  return Quarter{static_cast<int>(integer_member(period, "quarter").value_or(1)), static_cast<int>(integer_member(period, "year").value_or(0))};
}

//! The blocks a clerk typed for a part of the report. Each is a string (a paragraph) or
//! {"style": paragraph|bullet|plus|note, "label", "text", "ratio"}: the ratio's sentence comes
//! first, then the text; a label leads the paragraph ("label: …", "Không phát sinh nội dung
//! mới." when nothing follows it). Nothing at all: "Không phát sinh nội dung mới.".
void add_content(report::Body& body, const json& blocks) {
  body.content(blocks, [&body](const json& block) {
    std::string composed;
    if (const json& r = member(block, "ratio"); r.is_object()) {
      composed = ratio_sentence(Ratio{integer_member(r, "count").value_or(0), integer_member(r, "total").value_or(0), string_member(r, "unit"),
                                      string_member(r, "who"), string_member(r, "done"), string_member(r, "not_done")});
    }
    if (std::string t = trim(string_member(block, "text")); !t.empty()) composed += (composed.empty() ? "" : " ") + t;
    std::string label = trim(string_member(block, "label"));
    while (!label.empty() && label.back() == ':') label.pop_back();
    std::string style = string_member(block, "style");
    if (label.empty() && composed.empty()) return false;
    if (!label.empty() && (style.empty() || style == "paragraph")) {
      body.labelled(label, composed);
      return true;
    }
    if (!label.empty()) composed = label + ": " + report::Body::inline_or_nothing_new(composed);
    if (style == "bullet") body.bullet(composed);
    else if (style == "plus") body.plus(composed);
    else if (style == "note") body.note(composed);
    else body.paragraph(composed);
    return true;
  });
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

std::string council_short_name(const std::string& unit) {
  std::string u = trim(unit);
  return "HĐND " + (u.empty() ? std::string(kDefaultUnit) : u);
}

std::string tasks_assigned_sentence(const std::string& source, const std::string& council, std::int64_t assigned,
                                    bool listed) {
  std::string lead = phrase(source);
  std::string sentence = lead.empty() ? council : lead + ", " + council;
  if (assigned <= 0) return sentence + " không được giao nhiệm vụ nào.";
  return sentence + " được giao " + text::two_digits(assigned) + " nhiệm vụ" + (listed ? ":" : ".");
}

std::optional<std::string> tasks_summary_sentence(const std::string& council, const TaskCounts& c, bool results_follow) {
  if (c.assigned <= 0) return std::nullopt;
  std::string s = "Trong " + text::two_digits(c.assigned) + " nhiệm vụ được giao, " + council + " ";
  s += c.completed > 0 ? "đã hoàn thành " + text::two_digits(c.completed) + " nhiệm vụ" : "chưa hoàn thành nhiệm vụ nào";
  if (c.in_progress > 0) s += ", " + text::two_digits(c.in_progress) + " nhiệm vụ đang triển khai thực hiện theo lộ trình";
  s += c.overdue > 0 ? "; " + text::two_digits(c.overdue) + " nhiệm vụ quá hạn" : "; không có nhiệm vụ quá hạn";
  return s + (results_follow ? ":" : ".");
}

std::string ratio_sentence(const Ratio& r) {
  std::string unit = phrase(r.unit);
  std::string who = phrase(r.who);
  std::string subject = unit + (who.empty() ? "" : " " + who);
  std::string done = phrase(r.done), not_done = phrase(r.not_done);
  std::string total = number(r.total);
  if (r.count <= 0) return total + "/" + total + " " + subject + " " + not_done + ".";
  std::string s = number(r.count) + "/" + total + " " + subject + " " + done;
  if (r.count >= r.total) return s + ", không còn " + unit + " nào " + not_done + ".";
  return s + ", còn " + number(r.total - r.count) + " " + unit + " " + not_done + ".";
}

std::vector<std::string> list_items(const std::vector<std::string>& items) {
  std::vector<std::string> kept;
  for (const auto& item : items)
    if (std::string p = phrase(item); !p.empty()) kept.push_back(std::move(p));
  for (std::size_t i = 0; i < kept.size(); ++i) kept[i] += i + 1 < kept.size() ? ";" : ".";
  return kept;
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
  const std::string council = council_short_name(unit);
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

  report::Body body;
  body.chapter("KẾT QUẢ THỰC HIỆN " + text::upper(quarter.short_name()));
  body.section("Về công tác chỉ đạo, điều hành");

  body.subsection("Thống kê số nhiệm vụ");
  TaskCounts counts{integer_member(tasks, "assigned").value_or(0), integer_member(tasks, "completed").value_or(0),
                    integer_member(tasks, "in_progress").value_or(0), integer_member(tasks, "overdue").value_or(0)};
  std::vector<std::string> task_list;
  for (const auto& t : report::strings(member(tasks, "list")))
    if (!trim(t).empty()) task_list.push_back(trim(t));
  body.bullet(tasks_assigned_sentence(string_member(tasks, "source"), council, counts.assigned, !task_list.empty()));
  for (const auto& t : task_list) body.plus(t);
  const json& task_results = member(tasks, "results");
  const bool has_results = task_results.is_array() && !task_results.empty();
  if (auto summary = tasks_summary_sentence(council, counts, has_results)) {
    body.bullet("Kết quả thực hiện:");
    body.paragraph(*summary);
    if (has_results) add_content(body, task_results);
  } else if (has_results) {
    body.bullet("Kết quả thực hiện:");
    add_content(body, task_results);
  }

  body.subsection("Công tác lãnh đạo, chỉ đạo điều hành");
  std::vector<std::string> documents = list_items(report::strings(member(leadership, "documents")));
  if (documents.empty()) {
    body.bullet("Các văn bản đã ban hành: " + std::string(nd30::kNothingNew));
  } else {
    body.bullet("Các văn bản đã ban hành:");
    for (const auto& d : documents) body.plus(d);
  }
  body.bullet("Công tác kiểm tra, giám sát: " + report::Body::inline_or_nothing_new(string_member(leadership, "supervision")));
  if (const json& more = member(leadership, "details"); more.is_array() && !more.empty()) add_content(body, more);

  body.section("Xây dựng, hoàn thiện thể chế, quy định cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số");
  add_content(body, member(results, "institutions"));
  body.section("Phát triển khoa học, công nghệ, đổi mới sáng tạo");
  add_content(body, member(results, "science"));
  body.section("Tình hình thực hiện chuyển đổi số");
  add_content(body, member(results, "digital_transformation"));
  body.section("An ninh mạng, bảo mật thông tin, an toàn dữ liệu");
  add_content(body, member(results, "security"));

  body.chapter("KHÓ KHĂN, TỒN TẠI, HẠN CHẾ");
  add_content(body, member(input, "difficulties"));
  body.chapter("NHIỆM VỤ TRONG THỜI GIAN TỚI");
  add_content(body, member(input, "next_tasks"));
  body.close();

  const std::string subject = report_subject(quarter, string_member(input, "subject"));
  const json& signature = member(input, "signature");
  SignatureLines lines = signature_lines(string_member(signature, "signer"));

  json data = report::header_fields(header);
  data.update(report::subject_fields(subject));
  data["body"] = body.blocks();
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
