//! nq57-weekly: the weekly report (báo cáo tuần) of a ward's Steering Committee (Ban Chỉ đạo) on
//! Resolution 57-NQ/TW. Specification: seed 000 (shared/seeds/000_70f59c823f5dd0f1.txt).
//!
//! The clerk types facts; this plugin derives the rest: the period line, the count of documents
//! issued, the DVCTT totals and rate, heading numbers, "Không phát sinh nội dung mới." for empty
//! sections, the header lines and rules, and the closing "./.".

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

//! A. Công tác lãnh đạo, chỉ đạo: the documents issued in the week, counted.
void leadership(report::Body& body, const json& input, const std::string& unit) {
  const json& section = member(input, "leadership");
  const json& documents = member(section, "documents");
  body.part("CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN");
  std::size_t count = documents.is_array() ? documents.size() : 0;
  if (count == 0) {
    body.labelled("Các văn bản đã ban hành để lãnh đạo, chỉ đạo triển khai", "");
    return;
  }
  std::string issued_by = string_member(section, "issued_by");
  if (issued_by.empty()) issued_by = "Ủy ban nhân dân " + unit;
  body.labelled("Các văn bản đã ban hành để lãnh đạo, chỉ đạo triển khai",
                issued_by + " đã ban hành " + text::two_digits(static_cast<long long>(count)) +
                    " văn bản triển khai thực hiện:");
  for (const auto& d : documents) {
    auto issued = date_member(d, "date");
    body.bullet(sentence(string_member(d, "kind") + " số " + string_member(d, "number") + " ngày " +
                         (issued ? issued->dd_mm_yyyy() : "") + " của " + string_member(d, "issuer") + " " +
                         string_member(d, "summary")));
  }
}

//! B.III.1.a) Dịch vụ công trực tuyến: totals and the online rate computed from counts.
void public_services(report::Body& body, const json& services, const Date& period_from, const Date& period_to) {
  Date from = date_member(services, "from").value_or(period_from);
  Date to = date_member(services, "to").value_or(period_to);
  body.item("Việc cung cấp dịch vụ công trực tuyến (DVCTT) và các dịch vụ, tiện ích (từ ngày " + from.dd_mm_yyyy() +
            " đến hết ngày " + to.dd_mm_yyyy() + "):");
  auto total = integer_member(services, "procedures_total");
  auto full = integer_member(services, "procedures_full_online");
  auto partial = integer_member(services, "procedures_partial_online");
  if (total || full || partial) {
    long long all = total.value_or(full.value_or(0) + partial.value_or(0));
    body.bullet("Tổng số thủ tục hành chính (TTHC): " + text::group_thousands(all) +
                "; số lượng TTHC cung cấp dịch vụ công trực tuyến toàn trình: " + text::group_thousands(full.value_or(0)) +
                ", cung cấp dịch vụ công trực tuyến một phần: " + text::group_thousands(partial.value_or(0)) + ".");
  }
  auto received = integer_member(services, "applications_received");
  auto online = integer_member(services, "applications_online");
  if (received) {
    std::string line = "Tổng số hồ sơ tiếp nhận là " + text::group_thousands(*received) + " hồ sơ";
    if (online) {
      line += ", trong đó " + text::group_thousands(*online) + " hồ sơ trực tuyến";
      if (auto rate = text::percent(*online, *received)) line += " (đạt " + *rate + ")";
    }
    body.bullet(line + ".");
  }
  const json& details = member(services, "details");
  if (details.is_array() && !details.empty()) body.content(details);
}

//! An item whose content, when there is none, is said on the heading's own line (as seed 000 does).
void item_or_nothing_new(report::Body& body, const std::string& label, const json& content) {
  if (content.is_array() && !content.empty()) {
    body.item(label);
    body.content(content);
  } else {
    body.item(label, "");
  }
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

  const std::string unit = report::local_unit_from_input(input);  // phường, xã, đặc khu
  report::Body body;
  leadership(body, input, unit);

  body.part("TÌNH HÌNH, KẾT QUẢ THỰC HIỆN:");
  const json& direction = member(input, "direction");
  body.chapter("VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH:");
  body.section("Thống kê số cuộc họp/Phiên họp của Ban Chỉ đạo/Thường trực Ban Chỉ đạo/lãnh đạo Ban Chỉ đạo với Thường trực Tổ Giúp việc và các cơ quan liên quan:",
               string_member(direction, "meetings"));
  body.section("Thống kê các nhiệm vụ thực hiện:", string_member(direction, "tasks"));
  body.section("Về tiếp nhận xử lý phản ánh, kiến nghị, sáng kiến, giải pháp (PAKN, SKGP) về khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số:",
               string_member(direction, "feedback"));

  const json& institutions = member(input, "institutions");
  body.chapter("VỀ HOÀN THIỆN THỂ CHẾ, CƠ CHẾ, CHÍNH SÁCH");
  body.section("Tình hình, kết quả thực hiện:");
  body.item("Công tác tuyên truyền, tập huấn nâng cao nhận thức số.");
  body.content(member(institutions, "communication"));
  body.item("Phát triển hạ tầng số.");
  body.content(member(institutions, "infrastructure"));
  body.item("Đào tạo và phát triển nguồn nhân lực số.");
  body.content(member(institutions, "workforce"));
  body.item("Tạo lập, kết nối, chia sẻ dữ liệu.");
  body.content(member(institutions, "data"));
  body.item("Liên thông dữ liệu:");
  body.content(member(institutions, "data_exchange"));
  body.item("Bảo đảm an toàn, an ninh thông tin mạng.");
  body.content(member(institutions, "security"));
  body.section("Tồn tại, hạn chế");
  body.content(member(institutions, "shortcomings"));
  body.section("Nguyên nhân tồn tại, hạn chế");
  body.content(member(institutions, "causes"));

  const json& digital = member(input, "digital_transformation");
  body.chapter("VỀ CHUYỂN ĐỔI SỐ TẠI UBND " + text::upper(unit));
  body.section("Tình hình, kết quả thực hiện:");
  public_services(body, member(digital, "public_services"), from, to);
  body.item("Việc ứng dụng chuyển đổi số phục vụ hoạt động của các cơ quan, tổ chức trong hệ thống chính trị và chính quyền địa phương 2 cấp:");
  body.content(member(digital, "internal_use"));
  std::string plan_label = string_member(digital, "plan_label");
  if (plan_label.empty()) plan_label = "Chuyển đổi số theo kế hoạch của UBND " + unit;
  body.item(plan_label + ":", string_member(digital, "plan"));
  const json& plan_details = member(digital, "plan_details");
  if (plan_details.is_array() && !plan_details.empty()) body.content(plan_details);
  body.section("Một số nhiệm vụ trọng tâm");
  body.content(member(digital, "key_tasks"));
  body.section("Tồn tại, hạn chế");
  body.item("Về cung cấp dịch vụ công trực tuyến:");
  body.content(member(digital, "shortcomings_public_services"));
  item_or_nothing_new(body, "Về ứng dụng chuyển đổi số phục vụ hoạt động của các cơ quan, tổ chức trong hệ thống chính trị và chính quyền địa phương 2 cấp:",
                      member(digital, "shortcomings_internal_use"));
  body.section("Nguyên nhân:", string_member(digital, "causes"));

  body.chapter("ĐỀ XUẤT, KIẾN NGHỊ");
  body.content(member(input, "proposals"));
  body.close();

  std::string subject = string_member(input, "subject");
  std::string period_text = nd30::week_period(from, to);

  json data = report::header_fields(header);
  data.update(report::subject_fields(subject + " " + period_text));
  data["body"] = body.blocks();
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
