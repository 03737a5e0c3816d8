//! nq57-weekly: the weekly report (báo cáo tuần) of a ward's Steering Committee (Ban Chỉ đạo) on
//! Resolution 57-NQ/TW. Specification: seed 000 (shared/seeds/000_70f59c823f5dd0f1.txt).
//!
//! The clerk types facts; this plugin derives the rest: the period line, the count of documents
//! issued, the DVCTT totals and rate, heading numbers, "Không phát sinh nội dung mới." for empty
//! sections, the header lines and rules, and the closing "./.".

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "vanthu/date.hpp"
#include "vanthu/nd30.hpp"
#include "vanthu/plugin.hpp"
#include "vanthu/report.hpp"
#include "vanthu/text.hpp"

namespace {

using nlohmann::json;
using vanthu::Date;
using vanthu::plugin::Problems;
namespace report = vanthu::report;
namespace text = vanthu::text;

const json& at(const json& object, const char* key) {
  static const json null;
  if (!object.is_object()) return null;
  auto it = object.find(key);
  return it == object.end() ? null : *it;
}

std::string str(const json& object, const char* key) {
  const json& v = at(object, key);
  return v.is_string() ? v.get<std::string>() : std::string();
}

std::optional<long long> integer(const json& object, const char* key) {
  const json& v = at(object, key);
  if (v.is_number_integer()) return v.get<long long>();
  return std::nullopt;
}

std::optional<Date> date(const json& object, const char* key) {
  const json& v = at(object, key);
  return v.is_string() ? Date::parse_iso(v.get<std::string>()) : std::nullopt;
}

//! Ends a sentence with "." unless it already ends with punctuation.
std::string sentence(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == ';' || s.back() == ',')) s.pop_back();
  if (!s.empty() && s.back() != '.' && s.back() != '!' && s.back() != '?') s += '.';
  return s;
}

//! A. Công tác lãnh đạo, chỉ đạo: the documents issued in the week, counted.
void leadership(report::Body& body, const json& input) {
  const json& section = at(input, "leadership");
  const json& documents = at(section, "documents");
  body.part("CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN");
  std::size_t count = documents.is_array() ? documents.size() : 0;
  if (count == 0) {
    body.labelled("Các văn bản đã ban hành để lãnh đạo, chỉ đạo triển khai", "");
    return;
  }
  std::string issued_by = str(section, "issued_by");
  if (issued_by.empty()) issued_by = "Ủy ban nhân dân phường";
  body.labelled("Các văn bản đã ban hành để lãnh đạo, chỉ đạo triển khai",
                issued_by + " đã ban hành " + text::two_digits(static_cast<long long>(count)) +
                    " văn bản triển khai thực hiện:");
  for (const auto& d : documents) {
    auto issued = date(d, "date");
    body.bullet(sentence(str(d, "kind") + " số " + str(d, "number") + " ngày " + (issued ? issued->dd_mm_yyyy() : "") +
                         " của " + str(d, "issuer") + " " + str(d, "summary")));
  }
}

//! B.III.1.a) Dịch vụ công trực tuyến: totals and the online rate computed from counts.
void public_services(report::Body& body, const json& services, const Date& period_from, const Date& period_to) {
  Date from = date(services, "from").value_or(period_from);
  Date to = date(services, "to").value_or(period_to);
  body.item("Việc cung cấp dịch vụ công trực tuyến (DVCTT) và các dịch vụ, tiện ích (từ ngày " + from.dd_mm_yyyy() +
            " đến hết ngày " + to.dd_mm_yyyy() + "):");
  auto total = integer(services, "procedures_total");
  auto full = integer(services, "procedures_full_online");
  auto partial = integer(services, "procedures_partial_online");
  if (total || full || partial) {
    long long all = total.value_or(full.value_or(0) + partial.value_or(0));
    body.bullet("Tổng số thủ tục hành chính (TTHC): " + text::group_thousands(all) +
                "; số lượng TTHC cung cấp dịch vụ công trực tuyến toàn trình: " + text::group_thousands(full.value_or(0)) +
                ", cung cấp dịch vụ công trực tuyến một phần: " + text::group_thousands(partial.value_or(0)) + ".");
  }
  auto received = integer(services, "applications_received");
  auto online = integer(services, "applications_online");
  if (received) {
    std::string line = "Tổng số hồ sơ tiếp nhận là " + text::group_thousands(*received) + " hồ sơ";
    if (online) {
      line += ", trong đó " + text::group_thousands(*online) + " hồ sơ trực tuyến";
      if (auto rate = text::percent(*online, *received)) line += " (đạt " + *rate + ")";
    }
    body.bullet(line + ".");
  }
  const json& details = at(services, "details");
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
  if (auto issued = date(at(input, "document"), "date"); issued && *issued < from)
    problems.push_back({"/document/date", "date_before_period",
                        "Ngày ban hành báo cáo (" + issued->dd_mm_yyyy() + ") trước ngày bắt đầu kỳ báo cáo (" +
                            from.dd_mm_yyyy() + ")."});
  const json& services = at(at(input, "digital_transformation"), "public_services");
  auto sfrom = date(services, "from"), sto = date(services, "to");
  if (sfrom && sto && *sto < *sfrom)
    problems.push_back({"/digital_transformation/public_services/to", "inconsistent_period",
                        "Ngày cuối của số liệu (" + sto->dd_mm_yyyy() + ") trước ngày đầu (" + sfrom->dd_mm_yyyy() + ")."});
  auto total = integer(services, "procedures_total");
  auto full = integer(services, "procedures_full_online").value_or(0);
  auto partial = integer(services, "procedures_partial_online").value_or(0);
  if (total && full + partial > *total)
    problems.push_back({"/digital_transformation/public_services/procedures_total", "inconsistent_total",
                        "Tổng số TTHC (" + text::group_thousands(*total) + ") nhỏ hơn số TTHC trực tuyến toàn trình và một phần cộng lại (" +
                            text::group_thousands(full + partial) + ")."});
  auto received = integer(services, "applications_received");
  auto online = integer(services, "applications_online");
  if (online && !received)
    problems.push_back({"/digital_transformation/public_services/applications_received", "required",
                        "Có số hồ sơ trực tuyến thì phải có tổng số hồ sơ tiếp nhận."});
  if (online && received && *online > *received)
    problems.push_back({"/digital_transformation/public_services/applications_online", "inconsistent_total",
                        "Số hồ sơ trực tuyến (" + text::group_thousands(*online) + ") lớn hơn tổng số hồ sơ tiếp nhận (" +
                            text::group_thousands(*received) + ")."});
  return problems;
}

vanthu::plugin::Model build(const json& input) {
  const json& period = at(input, "period");
  Date from = *Date::parse_iso(str(period, "from"));  // the schema guarantees real dates
  Date to = *Date::parse_iso(str(period, "to"));
  if (Problems problems = check(input, from, to); !problems.empty())
    throw vanthu::plugin::InvalidInput(std::move(problems));

  const json& issuer = at(input, "issuer");
  const json& document = at(input, "document");
  report::Header header;
  header.parent = str(issuer, "parent");
  header.name = str(issuer, "name");
  header.type_abbreviation = "BC";
  header.symbol = str(issuer, "symbol");
  if (auto n = integer(document, "number")) header.number = static_cast<int>(*n);
  header.place = str(issuer, "place");
  header.date = date(document, "date");
  header.year = to.year;

  report::Body body;
  leadership(body, input);

  body.part("TÌNH HÌNH, KẾT QUẢ THỰC HIỆN:");
  const json& direction = at(input, "direction");
  body.chapter("VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH:");
  body.section("Thống kê số cuộc họp/Phiên họp của Ban Chỉ đạo/Thường trực Ban Chỉ đạo/lãnh đạo Ban Chỉ đạo với Thường trực Tổ Giúp việc và các cơ quan liên quan:",
               str(direction, "meetings"));
  body.section("Thống kê các nhiệm vụ thực hiện:", str(direction, "tasks"));
  body.section("Về tiếp nhận xử lý phản ánh, kiến nghị, sáng kiến, giải pháp (PAKN, SKGP) về khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số:",
               str(direction, "feedback"));

  const json& institutions = at(input, "institutions");
  body.chapter("VỀ HOÀN THIỆN THỂ CHẾ, CƠ CHẾ, CHÍNH SÁCH");
  body.section("Tình hình, kết quả thực hiện:");
  body.item("Công tác tuyên truyền, tập huấn nâng cao nhận thức số.");
  body.content(at(institutions, "communication"));
  body.item("Phát triển hạ tầng số.");
  body.content(at(institutions, "infrastructure"));
  body.item("Đào tạo và phát triển nguồn nhân lực số.");
  body.content(at(institutions, "workforce"));
  body.item("Tạo lập, kết nối, chia sẻ dữ liệu.");
  body.content(at(institutions, "data"));
  body.item("Liên thông dữ liệu:");
  body.content(at(institutions, "data_exchange"));
  body.item("Bảo đảm an toàn, an ninh thông tin mạng.");
  body.content(at(institutions, "security"));
  body.section("Tồn tại, hạn chế");
  body.content(at(institutions, "shortcomings"));
  body.section("Nguyên nhân tồn tại, hạn chế");
  body.content(at(institutions, "causes"));

  const json& digital = at(input, "digital_transformation");
  body.chapter("VỀ CHUYỂN ĐỔI SỐ TẠI UBND PHƯỜNG");
  body.section("Tình hình, kết quả thực hiện:");
  public_services(body, at(digital, "public_services"), from, to);
  body.item("Việc ứng dụng chuyển đổi số phục vụ hoạt động của các cơ quan, tổ chức trong hệ thống chính trị và chính quyền địa phương 2 cấp:");
  body.content(at(digital, "internal_use"));
  std::string plan_label = str(digital, "plan_label");
  if (plan_label.empty()) plan_label = "Chuyển đổi số theo kế hoạch của UBND phường";
  body.item(plan_label + ":", str(digital, "plan"));
  const json& plan_details = at(digital, "plan_details");
  if (plan_details.is_array() && !plan_details.empty()) body.content(plan_details);
  body.section("Một số nhiệm vụ trọng tâm");
  body.content(at(digital, "key_tasks"));
  body.section("Tồn tại, hạn chế");
  body.item("Về cung cấp dịch vụ công trực tuyến:");
  body.content(at(digital, "shortcomings_public_services"));
  item_or_nothing_new(body, "Về ứng dụng chuyển đổi số phục vụ hoạt động của các cơ quan, tổ chức trong hệ thống chính trị và chính quyền địa phương 2 cấp:",
                      at(digital, "shortcomings_internal_use"));
  body.section("Nguyên nhân:", str(digital, "causes"));

  body.chapter("ĐỀ XUẤT, KIẾN NGHỊ");
  body.content(at(input, "proposals"));
  body.close();

  std::string subject = str(input, "subject");
  std::string period_text = vanthu::nd30::week_period(from, to);
  const json& signature = at(input, "signature");

  json data = report::header_fields(header);
  data.update(report::subject_fields(subject + " " + period_text));
  data["body"] = body.blocks();
  data.update(report::closing_fields(report::strings(at(input, "recipients")), str(input, "archive"),
                                     report::strings(at(signature, "authority")), report::strings(at(signature, "positions")),
                                     str(signature, "name")));

  Date created = header.date.value_or(to);
  json meta = {
      {"title", "Báo cáo " + subject + " " + period_text},
      {"creator", text::upper(str(issuer, "name"))},
      {"created", report::w3c_datetime(created)},
      {"file_name", "Báo cáo tuần NQ57 " + file_date(from) + " - " + file_date(to) + ".docx"},
  };
  return {std::move(meta), std::move(data)};
}

}  // namespace

VANTHU_REPORT_TYPE("nq57-weekly", "Báo cáo tuần của Ban Chỉ đạo về thực hiện Nghị quyết 57-NQ/TW", "1.0.0",
                   "nq57-weekly.docx", build)
