//! The computation rules of dean06-monthly (see rules.hpp).
#include "rules.hpp"

#include <cmath>
#include <cstdlib>
#include <map>
#include <stdexcept>

#include "vanthu/count_checks.hpp"
#include "vanthu/json_access.hpp"
#include "vanthu/text.hpp"

namespace vanthu::dean06_monthly {
namespace {

using nlohmann::json;
using text::trim;

//! a / b rounded half away from zero (b > 0).
__int128 rounded_division(__int128 a, __int128 b) {
  bool negative = a < 0;
  __int128 magnitude = negative ? -a : a;
  __int128 q = magnitude / b;
  if ((magnitude % b) * 2 >= b) ++q;
  return negative ? -q : q;
}

//! "(đạt tỷ lệ 94,4%, tăng 1% so với tháng 3/2026)" pieces: the change against last month, when
//! both months have the counts.
std::optional<std::string> compared(std::int64_t part, std::int64_t whole, std::optional<std::int64_t> previous_part,
                                    std::optional<std::int64_t> previous_whole, const Month& month) {
  if (!previous_part || !previous_whole) return std::nullopt;
  auto change = change_in_hundredths(part, whole, *previous_part, *previous_whole);
  if (!change) return std::nullopt;
  return change_phrase(*change, month.previous());
}

}  // namespace

// --- Periods -------------------------------------------------------------------------------------

std::optional<Month> Month::make(int year, int month) {
  if (month < 1 || month > 12 || year < 1 || year > 9999 || !Date::exists(year, month, 1)) return std::nullopt;
  return Month{year, month};
}

Month Month::previous() const { return month == 1 ? Month{year - 1, 12} : Month{year, month - 1}; }

Date Month::first_day() const { return Date{year, month, 1}; }

Date Month::last_day() const { return Date{year, month, Date::days_in_month(year, month)}; }

std::string Month::text() const {
  return (month <= 2 ? text::two_digits(month) : std::to_string(month)) + "/" + std::to_string(year);
}

std::string short_date(const Date& d) {
  return text::two_digits(d.day) + "/" + (d.month <= 2 ? text::two_digits(d.month) : std::to_string(d.month)) + "/" +
         std::to_string(d.year);
}

// --- Figures -------------------------------------------------------------------------------------

std::string count(std::int64_t value) { return text::group_thousands(value); }

std::optional<std::string> rate(std::int64_t part, std::int64_t whole) {
  if (whole <= 0 || part < 0) return std::nullopt;
  return text::percent(part, whole, 1);  // never "100%" short of the whole (text.hpp)
}

std::optional<std::int64_t> change_in_hundredths(std::int64_t part, std::int64_t whole, std::int64_t previous_part,
                                                 std::int64_t previous_whole) {
  if (whole <= 0 || previous_whole <= 0) return std::nullopt;
  // 100 (percent) x 100 (hundredths) x (part/whole - previous_part/previous_whole), exactly.
  __int128 numerator = (static_cast<__int128>(part) * previous_whole - static_cast<__int128>(previous_part) * whole) * 10000;
  __int128 denominator = static_cast<__int128>(whole) * previous_whole;
  return static_cast<std::int64_t>(rounded_division(numerator, denominator));
}

std::string points(std::int64_t hundredths) {
  std::int64_t h = hundredths < 0 ? -hundredths : hundredths;
  std::string out = text::group_thousands(h / 100);
  std::int64_t fraction = h % 100;
  if (fraction == 0) return out;
  if (fraction % 10 == 0) return out + "," + std::to_string(fraction / 10);
  return out + "," + text::two_digits(fraction);
}

std::string change_phrase(std::int64_t hundredths, const Month& previous) {
  std::string than = " so với tháng " + previous.text();
  if (hundredths == 0) return "không thay đổi" + than;
  return std::string(hundredths > 0 ? "tăng " : "giảm ") + points(hundredths) + "%" + than;
}

std::string money(std::int64_t amount) { return text::money(amount); }

// --- Section 3 -----------------------------------------------------------------------------------

Applications Applications::from_json(const json& o) {
  return {integer_member(o, "received"),      integer_member(o, "online"),
          integer_member(o, "resolved_on_time"), integer_member(o, "resolved_late"),
          integer_member(o, "pending_on_time"),  integer_member(o, "pending_late")};
}

std::optional<std::int64_t> Applications::total() const {
  if (received) return received;
  if (resolved_given() && pending_given())
    return resolved_on_time.value_or(0) + resolved_late.value_or(0) + pending_on_time.value_or(0) + pending_late.value_or(0);
  return std::nullopt;
}

Payments Payments::from_json(const json& o) {
  return {integer_member(o, "paid_online"), integer_member(o, "with_fees"), integer_member(o, "amount")};
}

std::string processing_sentence(const Applications& now, const Applications* previous, const Month& month,
                                std::optional<Date> from, std::optional<Date> to) {
  auto total = now.total();
  std::vector<std::string> clauses;
  if (now.resolved_on_time) {
    std::string clause = "đã giải quyết " + count(*now.resolved_on_time) + " hồ sơ";
    if (auto r = total ? rate(*now.resolved_on_time, *total) : std::nullopt) {
      clause += " (đạt tỷ lệ " + *r;
      if (previous)
        if (auto c = compared(*now.resolved_on_time, *total, previous->resolved_on_time, previous->total(), month))
          clause += ", " + *c;
      clause += ")";
    }
    clauses.push_back(clause + " đúng và trước hạn");
  }
  if (now.pending_on_time && *now.pending_on_time > 0) {
    std::string clause = "đang giải quyết " + count(*now.pending_on_time) + " hồ sơ trong hạn";
    if (auto r = total ? rate(*now.pending_on_time, *total) : std::nullopt) clause += " (chiếm " + *r + ")";
    clauses.push_back(clause);
  }
  std::string late;
  if (now.resolved_late || now.pending_late) {
    std::int64_t done = now.resolved_late.value_or(0), open = now.pending_late.value_or(0);
    auto share = [&](std::int64_t n) {
      auto r = total ? rate(n, *total) : std::nullopt;
      return r ? " (chiếm " + *r + ")" : std::string();
    };
    if (done + open == 0) late = "Không có hồ sơ quá hạn.";
    else if (done > 0 && open > 0)
      late = "Có " + count(done + open) + " hồ sơ quá hạn" + share(done + open) + ", trong đó " + count(done) +
             " hồ sơ đã giải quyết quá hạn, " + count(open) + " hồ sơ đang giải quyết quá hạn.";
    else if (done > 0) late = "Có " + count(done) + " hồ sơ giải quyết quá hạn" + share(done) + ".";
    else late = "Có " + count(open) + " hồ sơ đang giải quyết quá hạn" + share(open) + ".";
  }
  if (clauses.empty()) return late;
  std::string lead = from && to ? "Từ " + short_date(*from) + " đến " + short_date(*to) + ", " : "Trong tháng " + month.text() + ", ";
  std::string sentence = lead;
  for (std::size_t i = 0; i < clauses.size(); ++i) sentence += (i ? "; " : "") + clauses[i];
  sentence += ".";
  return late.empty() ? sentence : sentence + " " + late;
}

std::string online_sentence(const Applications& now, const Applications* previous, const Month& month) {
  auto total = now.total();
  if (!now.online || !total) return {};
  std::string lead = "Trong tháng " + month.text();
  if (*total == 0) return lead + " chưa tiếp nhận hồ sơ.";
  std::string sentence = lead + " đã tiếp nhận " + count(*total) + " hồ sơ";
  sentence += *now.online == *total ? " trực tuyến" : ", trong đó " + count(*now.online) + " hồ sơ trực tuyến";
  std::string r = rate(*now.online, *total).value_or("");
  std::optional<std::int64_t> change;
  if (previous && previous->online)
    if (auto previous_total = previous->total())
      change = change_in_hundredths(*now.online, *total, *previous->online, *previous_total);
  if (change && *change == 0) return sentence + ", tiếp tục duy trì tỷ lệ hồ sơ trực tuyến đạt " + r + ".";
  sentence += ", tỷ lệ hồ sơ trực tuyến đạt " + r;
  if (change) sentence += ", " + change_phrase(*change, month.previous());
  return sentence + ".";
}

std::string satisfaction_sentence(std::optional<double> now, std::optional<double> previous, const Month& month) {
  if (!now) return {};
  auto hundredths = [](double v) { return static_cast<std::int64_t>(std::llround(v * 100)); };
  std::string value = points(hundredths(*now)) + "%";
  std::string sentence = "Mức độ đánh giá hài lòng của người dân và doanh nghiệp ";
  if (previous) {
    std::int64_t change = hundredths(*now) - hundredths(*previous);
    if (change == 0) return sentence + "tiếp tục duy trì " + value + ".";
    return sentence + "đạt " + value + ", " + change_phrase(change, month.previous()) + ".";
  }
  return sentence + "đạt " + value + ".";
}

std::string payments_sentence(const Payments& now, const Payments* previous, const Month& month) {
  if (!now.paid_online || !now.with_fees) return {};
  std::string lead = "Trong tháng " + month.text() + ", ";
  if (*now.with_fees == 0) return lead + "không có hồ sơ phát sinh phí, lệ phí.";
  std::string sentence = lead + "đã thực hiện thanh toán trực tuyến đối với " + count(*now.paid_online) + "/" +
                         count(*now.with_fees) + " hồ sơ có phát sinh phí, lệ phí";
  if (now.amount) sentence += ", tổng số tiền: " + money(*now.amount);
  sentence += ", đạt tỷ lệ " + rate(*now.paid_online, *now.with_fees).value_or("");
  if (previous)
    if (auto c = compared(*now.paid_online, *now.with_fees, previous->paid_online, previous->with_fees, month))
      sentence += ", " + *c;
  return sentence + ".";
}

std::string procedures_sentence(std::optional<std::int64_t> full_online, std::optional<std::int64_t> eligible) {
  if (!full_online || !eligible) return {};
  std::string sentence =
      "Số TTHC đã cung cấp dịch vụ công trực tuyến toàn trình: " + count(*full_online) + "/" + count(*eligible);
  if (auto r = rate(*full_online, *eligible)) sentence += ", đạt tỷ lệ " + *r + " TTHC đủ điều kiện cung cấp DVCTT toàn trình";
  return sentence + ".";
}

std::string cross_boundary_sentence(std::optional<std::int64_t> applications, const Month& month) {
  if (!applications) return {};
  std::string lead = "Trong tháng " + month.text();
  if (*applications == 0) return lead + " chưa tiếp nhận hồ sơ phi địa giới.";
  return lead + " đã tiếp nhận " + count(*applications) + " hồ sơ phi địa giới.";
}

std::string figure_text(const json& segment) {
  std::string unit = trim(string_member(segment, "unit"));
  if (auto amount = integer_member(segment, "money")) {
    std::string out = money(*amount);
    if (flag_member(segment, "in_words")) out += " (Bằng chữ: " + text::money_in_words(*amount) + ")";
    return out;
  }
  if (auto n = integer_member(segment, "count")) {
    std::string out = count(*n);
    auto of = integer_member(segment, "of");
    if (of) out += "/" + count(*of);
    if (!unit.empty()) out += " " + unit;
    if (of)
      if (auto r = rate(*n, *of)) out += ", đạt " + *r;
    return out;
  }
  return {};
}

// --- Phụ lục 2 -----------------------------------------------------------------------------------

std::string for_unit(std::string_view text, const std::string& unit) {
  static constexpr std::string_view kWard = "phường";
  std::string out;
  std::size_t at = 0;
  while (true) {
    std::size_t found = text.find(kWard, at);
    if (found == std::string_view::npos) break;
    const std::size_t end = found + kWard.size();
    const bool word_start = found == 0 || text[found - 1] == ' ';
    const bool word_end = end == text.size() || text[end] == ' ' || text[end] == ',' || text[end] == '.' || text[end] == ')';
    out.append(text.substr(at, found - at));
    out.append(word_start && word_end ? std::string_view(unit) : kWard);
    at = end;
  }
  out.append(text.substr(at));
  return out;
}

std::vector<ServiceRow> service_rows(const json& services, const std::string& unit) {
  std::vector<ServiceRow> rows;
  int ward_number = 0;
  const auto& list = default_services();
  for (std::size_t i = 0; i < list.size(); ++i) {
    const ServiceDefinition& def = list[i];
    const json& facts = member(services, def.key);
    ServiceRow row;
    row.number = std::to_string(i + 1) + ".";
    row.name = std::string(def.name);
    std::string lead = trim(string_member(facts, "lead"));
    row.lead = lead.empty() ? for_unit(def.lead, unit) : lead;
    auto total = integer_member(facts, "total");
    auto online = integer_member(facts, "online");
    if (total) row.total = count(*total);
    if (online) row.online = count(*online);
    if (total && online) row.rate = rate(*online, *total).value_or("");
    row.issues = trim(string_member(facts, "issues"));
    row.solutions = trim(string_member(facts, "solutions"));
    std::string note = trim(string_member(facts, "note"));
    if (def.ward) row.note = std::to_string(++ward_number) + "." + (note.empty() ? "" : " " + note);
    else row.note = note;
    rows.push_back(std::move(row));
  }
  return rows;
}

// --- Checks --------------------------------------------------------------------------------------

namespace {

//! This report's code for a part above its whole (its HTTP clients read it; the other report
//! types say "inconsistent_total").
constexpr std::string_view kOnlineExceedsTotal = "online_exceeds_total";

constexpr PartOfWhole kProceduresOnline{"full_online", "số TTHC cung cấp dịch vụ công trực tuyến toàn trình", "eligible",
                                        "tổng số TTHC đủ điều kiện", kOnlineExceedsTotal};
constexpr PartOfWhole kPaidOnline{"paid_online", "số hồ sơ thanh toán trực tuyến", "with_fees",
                                  "số hồ sơ có phát sinh phí, lệ phí", kOnlineExceedsTotal};
constexpr PartOfWhole kServiceOnline{"online", "số hồ sơ trực tuyến", "total", "tổng số hồ sơ", kOnlineExceedsTotal};

void check_applications(const json& object, const std::string& path, Problems& problems) {
  Applications a = Applications::from_json(object);
  if (a.online && !a.total())
    problems.push_back({path + "/received", "required", "Có số hồ sơ trực tuyến thì phải có tổng số hồ sơ tiếp nhận."});
  if (a.online && a.received)
    if (auto p = part_above_whole(path + "/online", "số hồ sơ trực tuyến", *a.online, "tổng số hồ sơ tiếp nhận",
                                  *a.received, kOnlineExceedsTotal))
      problems.push_back(std::move(*p));
  std::int64_t parts = a.resolved_on_time.value_or(0) + a.resolved_late.value_or(0) + a.pending_on_time.value_or(0) +
                       a.pending_late.value_or(0);
  if (a.received && a.resolved_given() && a.pending_given() && parts != *a.received)
    problems.push_back({path + "/received", "inconsistent_total",
                        "Số hồ sơ đã giải quyết và đang giải quyết cộng lại (" + count(parts) +
                            ") khác tổng số hồ sơ tiếp nhận (" + count(*a.received) + ")."});
  else if (a.received)
    if (auto p = part_above_whole(path + "/received", "số hồ sơ đã giải quyết và đang giải quyết cộng lại", parts,
                                  "tổng số hồ sơ tiếp nhận", *a.received))
      problems.push_back(std::move(*p));
}

//! Every "parts" of the clerk's paragraphs: text or parts, never both; each segment one kind.
void check_segments(const json& value, const std::string& path, Problems& problems) {
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) check_segments(value[i], pointer_append(path, i), problems);
    return;
  }
  if (!value.is_object()) return;
  for (const auto& [key, child] : value.items()) {
    std::string child_path = pointer_append(path, key);
    if (key == "parts" && child.is_array()) {
      if (value.contains("text"))
        problems.push_back({child_path, "text_and_parts",
                            "Đoạn văn có cả “text” và “parts”: chỉ dùng một trong hai (parts khi đoạn có chú thích "
                            "hoặc số liệu)."});
      for (std::size_t i = 0; i < child.size(); ++i) {
        const json& segment = child[i];
        if (!segment.is_object()) continue;
        std::string segment_path = pointer_append(child_path, i);
        int kinds = (segment.contains("footnote") ? 1 : 0) + (segment.contains("money") ? 1 : 0) +
                    (segment.contains("count") ? 1 : 0);
        if (kinds != 1)
          problems.push_back({segment_path, "segment_kind",
                              "Mỗi phần của đoạn văn là một chuỗi hoặc đúng một trong “footnote” (chú thích), "
                              "“money” (số tiền), “count” (số lượng)."});
        if (segment.contains("of") && !segment.contains("count"))
          problems.push_back({segment_path + "/count", "required", "Có “of” (trên tổng số) thì phải có “count”."});
        if (segment.contains("in_words") && !segment.contains("money"))
          problems.push_back({segment_path + "/money", "required", "“in_words” (bằng chữ) chỉ dùng với “money”."});
      }
      continue;
    }
    check_segments(child, child_path, problems);
  }
}

}  // namespace

Problems check(const json& input) {
  Problems problems;
  const json& period = member(input, "period");
  auto year = integer_member(period, "year");
  auto month_number = integer_member(period, "month");
  std::optional<Month> month;
  if (year && month_number) month = Month::make(static_cast<int>(*year), static_cast<int>(*month_number));
  if (!month)
    problems.push_back({"/period/month", "period_not_found",
                        "Kỳ báo cáo tháng " + (month_number ? std::to_string(*month_number) : std::string("?")) + "/" +
                            (year ? std::to_string(*year) : std::string("?")) + " không tồn tại."});
  auto from = date_member(period, "from"), to = date_member(period, "to");
  if (from && to && *to < *from)
    problems.push_back({"/period/to", "inconsistent_period",
                        "Ngày cuối của số liệu (" + to->dd_mm_yyyy() + ") trước ngày đầu (" + from->dd_mm_yyyy() + ")."});
  if (month) {
    if (to && *to > month->last_day())
      problems.push_back({"/period/to", "period_outside_month",
                          "Số liệu của báo cáo tháng " + month->text() + " phải kết thúc trước hết ngày " +
                              month->last_day().dd_mm_yyyy() + "; ngày cuối đã nhập là " + to->dd_mm_yyyy() + "."});
    if (from && *from < month->previous().first_day())
      problems.push_back({"/period/from", "period_outside_month",
                          "Số liệu của báo cáo tháng " + month->text() + " bắt đầu sớm nhất từ ngày " +
                              month->previous().first_day().dd_mm_yyyy() + "; ngày đầu đã nhập là " +
                              from->dd_mm_yyyy() + "."});
  }
  auto issued = date_member(member(input, "document"), "date");
  if (issued && month) {
    Date earliest = to.value_or(month->first_day());
    if (*issued < earliest)
      problems.push_back({"/document/date", "date_before_period",
                          "Ngày ban hành công văn (" + issued->dd_mm_yyyy() + ") trước " +
                              (to ? "ngày cuối của số liệu (" : "ngày đầu tháng báo cáo (") + earliest.dd_mm_yyyy() +
                              ")."});
  }
  const json& request = member(input, "request");
  if (auto requested = date_member(request, "date"); requested && issued && *issued < *requested)
    problems.push_back({"/request/date", "request_after_document",
                        "Văn bản yêu cầu báo cáo (ngày " + requested->dd_mm_yyyy() + ") sau ngày ban hành công văn (" +
                            issued->dd_mm_yyyy() + ")."});
  if (auto listed = integer_member(request, "services_listed"); listed && *listed < static_cast<std::int64_t>(default_services().size()))
    problems.push_back({"/request/services_listed", "inconsistent_total",
                        "Số dịch vụ công thiết yếu của Đề án 06 (" + count(*listed) + ") nhỏ hơn số dịch vụ trong Phụ lục 2 (" +
                            count(static_cast<std::int64_t>(default_services().size())) + ")."});

  const json& reform = member(input, "administrative_reform");
  const std::string reform_path = "/administrative_reform";
  check_part_of_whole(member(reform, "procedures"), reform_path + "/procedures", kProceduresOnline, problems);
  check_applications(member(reform, "applications"), reform_path + "/applications", problems);
  check_part_of_whole(member(reform, "payments"), reform_path + "/payments", kPaidOnline, problems);
  const json& previous = member(reform, "previous_month");
  check_applications(member(previous, "applications"), reform_path + "/previous_month/applications", problems);
  check_part_of_whole(member(previous, "payments"), reform_path + "/previous_month/payments", kPaidOnline, problems);

  const json& services = member(input, "essential_services");
  for (const auto& def : default_services()) {
    const json& facts = member(services, def.key);
    if (!facts.is_object()) continue;
    std::string path = "/essential_services/" + std::string(def.key);
    std::string lead = trim(string_member(facts, "lead"));
    if (!def.ward) {
      for (const char* key : {"total", "online"})
        if (facts.contains(key))
          problems.push_back({path + "/" + key, "not_ward_service",
                              "Dịch vụ “" + std::string(def.name) + "” do " + (lead.empty() ? std::string(def.lead) : lead) +
                                  " chủ trì, không thuộc phạm vi báo cáo của UBND cấp xã: để trống số liệu."});
      continue;
    }
    check_part_of_whole(facts, path, kServiceOnline, problems);
  }

  check_segments(input, "", problems);
  return problems;
}

}  // namespace vanthu::dean06_monthly
