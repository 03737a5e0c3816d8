//! dean06-monthly: a ward's monthly progress report on Đề án 06, administrative-procedure reform
//! and digital transformation, sent as a công văn to the city police with two appendices.
//! Specification: seed 002 (shared/seeds/002_3f9c421954da28c7.txt), issue #3.
//!
//! The clerk types facts; this plugin derives the rest (rules in rules.cpp): the month and year
//! of every title, of the "Kèm theo" line and of the opening, the month compared with, the
//! sentences that carry figures and their month-over-month changes, the 25 rows of Phụ lục 2
//! with their rates and the ward's own numbering, the counts in the công văn's bullets, heading
//! numbers (three levels), real Word footnotes, the header, Kính gửi, closing and "./.".

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "rules.hpp"
#include "vanthu/date.hpp"
#include "vanthu/json_access.hpp"
#include "vanthu/nd30.hpp"
#include "vanthu/plugin.hpp"
#include "vanthu/report.hpp"
#include "vanthu/text.hpp"

namespace vanthu::dean06_monthly {
namespace {

using nlohmann::json;
using text::trim;

//! The landscape section of Phụ lục 2: A4 across, the decree's margins (35 mm on the left,
//! 20 mm right): its text width in twips. The template's final sectPr and table grid use it.
constexpr int kLandscapeTextWidth = 16838 - 1985 - 1134;

//! What the clerk typed at `key`, without the spaces around it: this report never prints them.
std::string typed(const json& object, const char* key) { return trim(string_member(object, key)); }

//! Without the punctuation the clerk may have typed at the end ("Công an thành phố." -> "...").
std::string bare(std::string s) {
  s = trim(s);
  while (!s.empty() && (s.back() == '.' || s.back() == ';' || s.back() == ',' || s.back() == ':')) s.pop_back();
  return trim(s);
}

//! The form's fixed wording marks italic stretches with "*...*" (never used on the clerk's text).
std::vector<report::Run> marked_runs(std::string_view marked, bool bold_plain = false) {
  std::vector<report::Run> runs;
  bool italic = false;
  std::string current;
  auto flush = [&] {
    if (current.empty()) return;
    report::Run run;
    run.text = current;
    run.italic = italic;
    run.bold = bold_plain && !italic;
    runs.push_back(run);
    current.clear();
  };
  for (char c : marked) {
    if (c == '*') {
      flush();
      italic = !italic;
    } else {
      current += c;
    }
  }
  flush();
  return runs;
}

report::Run run(std::string s) {
  report::Run r;
  r.text = std::move(s);
  return r;
}

//! One indicator of the city's form: its fixed wording, and where its answer goes.
struct Indicator {
  const char* key;      //!< property of "answers" in the input
  const char* mark;     //!< "+" or "-"
  const char* label;    //!< the form's wording, "*...*" italic
  enum Answer { inline_after_colon, sentence_after_period, next_bullet } answer = inline_after_colon;
  bool ward_exempt = false;  //!< "Không thuộc phạm vi báo cáo của UBND cấp xã." unless answered
};

constexpr std::string_view kNotForWards = "Không thuộc phạm vi báo cáo của UBND cấp xã.";

//! 3.1: the indicators of administrative-procedure reform, in the form's order.
const std::vector<Indicator>& reform_indicators() {
  static const std::vector<Indicator> list = {
      {"full_online_procedures", "+",
       "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình trên tổng số TTHC đủ điều kiện thuộc phạm vi, "
       "chức năng quản lý của phường đạt trên 80%"},
      {"full_online_procedures_by_law", "+",
       "Tỷ lệ thủ tục hành chính cung cấp dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính được giao quy "
       "định hoặc quy định chi tiết trong văn bản quy phạm pháp luật của các cấp chính quyền trên địa bàn tỉnh, thành phố, "
       "trực thuộc Trung ương đạt tối thiểu 80%",
       Indicator::inline_after_colon, true},
      {"once_only_information", "+",
       "Thông tin, giấy tờ, tài liệu trong các thủ tục hành chính liên quan sản xuất, kinh doanh chỉ phải cung cấp một "
       "lần cho cơ quan nhà nước đạt tối thiểu 80%"},
      {"boundary_free_procedures", "+",
       "Tỷ lệ thủ tục hành chính được thực hiện không phụ thuộc vào địa giới hành chính trong phạm vi cấp tỉnh"},
      {"business_online_procedures", "+",
       "Tỷ lệ thủ tục hành chính đủ điều kiện liên quan đến doanh nghiệp được cung cấp dịch vụ công trực tuyến"},
      {"system_upgrade", "-",
       "Tiến độ nâng cấp, phát triển Hệ thống thông tin giải quyết TTHC đáp ứng yêu cầu số hóa, thực hiện TTHC không phụ "
       "thuộc địa giới hành chính và mô hình tổ chức chính quyền địa phương 2 cấp và kết quả phân cấp thủ tục hành chính, "
       "phục vụ triển khai sắp xếp đơn vị hành chính 02 cấp theo mô hình 5721 (*Công văn 5721/BKHCN-CDSQG ngày 17/10/2025 "
       "của Bộ Khoa học và Công nghệ*)",
       Indicator::inline_after_colon, true},
      {"processing_time", "-", "Tổng thời gian xử lý hồ sơ của cán bộ đối với TTHC được cắt giảm so với tháng trước"},
      {"processing", "-", "Số lượng và tỷ lệ hồ sơ đúng hạn, quá hạn và đang thực hiện (so sánh tăng giảm với tháng trước)",
       Indicator::sentence_after_period},
      {"online_applications", "-", "Tỷ lệ hồ sơ trực tuyến/tổng số hồ sơ (so sánh tăng giảm với tháng trước)",
       Indicator::next_bullet},
      {"satisfaction", "-", "Mức độ hài lòng của người dân, doanh nghiệp (so sánh tăng giảm với tháng trước)"},
      {"vneid_documents", "-",
       "Các thông tin giấy tờ tích hợp trên VNeID và cắt giảm TPHS của TTHC (các giấy tờ đã tích hợp và số lượng đã đồng "
       "bộ để tích hợp, số lượng TTHC và TPHS đã cắt giảm) theo chỉ thị 24/CT-TTg và Công văn số 159/TTg-KSTT của Thủ "
       "tướng Chính phủ",
       Indicator::inline_after_colon, true},
      {"database_connections", "-",
       "Kết quả kết nối, khai thác các cơ sở dữ liệu được công bố theo NQ 67/NQ-CP và số lượng TTHC, thành phần hồ sơ được "
       "cắt giảm (có phụ lục chi tiết các thành phần và TTHC cụ thể) so sánh tăng giảm với tháng trước",
       Indicator::inline_after_colon, true},
      {"vneid_status", "-",
       "Kết quả thông báo trạng thái, xử lý hồ sơ và đồng bộ kết quả giải quyết TTHC trên VNeID (*so sánh tăng giảm so với "
       "tháng trước*)",
       Indicator::inline_after_colon, true},
      {"process_reengineering", "-",
       "Quy trình nghiệp vụ xử lý hồ sơ thủ tục hành chính được tái cấu trúc và cắt giảm thời gian xử lý khi đảm bảo toàn "
       "trình về dữ liệu (*số lượng TTHC có quy trình được tái cấu trúc, so sánh tăng giảm so với tháng trước*)"},
      {"centralized_processing", "-",
       "Tỷ lệ hồ sơ thủ tục được triển khai theo mô hình giải quyết TTHC tập trung và tỷ lệ hồ sơ được thực hiện, giải "
       "quyết theo mô hình tập trung, được nộp hồ sơ “phi địa giới” so với tháng trước đó"},
      {"service_integration", "-",
       "Kết quả tích hợp, đưa các dịch vụ công lên Cổng dịch vụ công quốc gia, VNeID và tích hợp với hệ thống điều phối "
       "TTHC do Bộ Công an triển khai",
       Indicator::inline_after_colon, true},
      {"electronic_payments", "-",
       "Tỷ lệ thanh toán điện tử trong thực hiện dịch vụ công (*số tiền, tỷ lệ hồ sơ thanh toán điện tử, so sánh tăng giảm "
       "so với tháng trước đó*)"},
      {"system_utilities", "-",
       "Triển khai thực hiện bổ sung các tiện ích trên hệ thống giải quyết TTHC của các bộ, ngành (*kết nối CSDL, SMS "
       "brandname, phi địa giới, thu phí “0 đồng”, Bưu chính công ích ...*). Tiến độ cung cấp tài khoản truy cập hệ thống "
       "cho cán bộ, công chức tại bộ phận 1 cửa của các tỉnh, thành phố"},
  };
  return list;
}

//! 4.2: what the form asks departments and localities about the digital economy.
const std::vector<Indicator>& economy_indicators() {
  static const std::vector<Indicator> list = {
      {"digital_economy_models", "-", "Báo cáo kết quả phát triển, triển khai mô hình kinh tế số tại đơn vị, địa phương mình"},
      {"population_data_applications", "-",
       "Báo cáo kết quả ứng dụng Cơ sở dữ liệu quốc gia về dân cư, CCCD, định danh và xác thực điện tử phục vụ phát triển "
       "kinh tế, xã hội: Số lượng mô hình, nền tảng, ứng dụng đã triển khai, tác động kinh tế số tiền đóng góp tăng thêm "
       "của kinh tế số (*so sánh tăng giảm với tháng trước và gửi phụ lục danh sách các mô hình, nền tảng, ứng dụng, kèm "
       "theo đánh giá tác động kinh tế, số tiền đóng góp*) trên các lĩnh vực đơn vị mình quản lý"},
  };
  return list;
}

//! report::Body with what this report needs beyond it: a third heading level ("2.2.1."), the
//! clerk's paragraphs with footnotes and computed figures, and the form's indicators.
class Writer {
 public:
  report::Body body;
  report::Footnotes footnotes;
  std::string unit = "phường";  //!< phường, xã, đặc khu: the word of the form's fixed sentences

  void subsection(const std::string& label) {
    body.subsection(label);
    const std::string& printed = body.blocks().back()["label"].get_ref<const std::string&>();
    subsection_number_ = printed.substr(0, printed.find(' '));  // "2.2."
    level3_ = 0;
  }

  //! "2.2.1. label" under the last subsection, numbered by construction.
  void subsubsection(std::string_view marked_label) {
    std::vector<report::Run> runs = marked_runs(marked_label, true);
    report::Run number;
    number.text = subsection_number_ + std::to_string(++level3_) + ". ";
    number.bold = true;
    runs.insert(runs.begin(), number);
    body.rich(runs, "VanthuSection");
  }

  //! "Nhận xét, đánh giá" with its two headings, as every section of the form has it.
  void review(const json& section, const std::string& responsible) {
    subsection("Nhận xét, đánh giá");
    subsubsection("Tồn tại, hạn chế trong triển khai các nhiệm vụ *(nêu rõ trách nhiệm của " + responsible + ")*");
    content(member(section, "shortcomings"));
    subsubsection("Các nhiệm vụ trọng tâm trong thời gian tới");
    content(member(section, "key_tasks"));
  }

  //! The clerk's paragraphs (schema "content"): strings, or objects with a style and either a
  //! text or parts (text, footnotes, figures). Nothing: "Không phát sinh nội dung mới." unless
  //! `say_nothing_new` is false.
  void content(const json& blocks, bool say_nothing_new = true) {
    int letters = 0;
    body.content(
        blocks,
        [&](const json& block) {
          std::string style = block.value("style", std::string("paragraph"));
          std::string label = bare(typed(block, "label"));
          std::vector<report::Run> runs;
          bool footnoted = false;
          if (const json& parts = member(block, "parts"); parts.is_array()) {
            for (const auto& part : parts) {
              if (part.is_string()) {
                runs.push_back(run(part.get<std::string>()));
              } else if (part.is_object() && part.contains("footnote")) {
                report::Run reference;
                reference.footnote = footnotes.add(trim(part["footnote"].get<std::string>()));
                runs.push_back(reference);
                footnoted = true;
              } else {
                runs.push_back(run(dean06_monthly::figure_text(part)));
              }
            }
          } else {
            runs.push_back(run(typed(block, "text")));
          }
          std::string joined;
          for (const auto& r : runs) joined += r.text;
          joined = trim(joined);
          if (!label.empty()) {
            if (!footnoted) {
              body.labelled(label, joined);
              return true;
            }
            runs.insert(runs.begin(), run(label + ": "));
            body.rich(runs);
            return true;
          }
          if (joined.empty() && !footnoted) return false;
          std::string prefix;
          if (style == "bullet") prefix = "- ";
          else if (style == "plus") prefix = "+ ";
          else if (style == "lettered") prefix = nd30::letter(++letters) + ") ";
          if (footnoted) {
            if (!runs.empty() && runs.front().footnote == 0) runs.front().text = trim(runs.front().text);
            if (!prefix.empty()) runs.insert(runs.begin(), run(prefix));
            body.rich(runs, style == "note" ? "VanthuNote" : "Normal");
          } else if (style == "bullet") {
            body.bullet(joined);
          } else if (style == "plus") {
            body.plus(joined);
          } else if (style == "note") {
            body.note(joined);
          } else {
            body.paragraph(prefix + joined);
          }
          return true;
        },
        say_nothing_new);
  }

  //! One indicator: "- label: answer", "- label. sentence", or "- label:" and the answer as the
  //! next bullet; "- label." when nothing is known.
  void indicator(const Indicator& indicator, const std::string& typed, const std::string& computed) {
    std::string answer = trim(typed);
    if (!computed.empty()) answer += (answer.empty() ? "" : " ") + computed;
    if (answer.empty() && indicator.ward_exempt) answer = std::string(kNotForWards);
    std::vector<report::Run> runs = marked_runs(dean06_monthly::for_unit(indicator.label, unit));
    runs.insert(runs.begin(), run(std::string(indicator.mark) + " "));
    bool next_bullet = indicator.answer == Indicator::next_bullet && !answer.empty();
    if (answer.empty()) runs.push_back(run("."));
    else if (next_bullet) runs.push_back(run(":"));
    else if (indicator.answer == Indicator::sentence_after_period) runs.push_back(run(". " + answer));
    else runs.push_back(run(": " + answer));
    add_runs(runs);
    if (next_bullet) body.bullet(answer);
  }

 private:
  //! Plain runs become an ordinary paragraph block (readable in the golden file); any
  //! formatting makes it a rich one.
  void add_runs(const std::vector<report::Run>& runs) {
    bool formatted = false;
    std::string joined;
    for (const auto& r : runs) {
      formatted = formatted || r.italic || r.bold || r.superscript || r.footnote > 0;
      joined += r.text;
    }
    if (formatted) body.rich(runs);
    else body.paragraph(joined);
  }

  std::string subsection_number_;
  int level3_ = 0;
};

std::string answer(const json& section, const char* key) { return typed(member(section, "answers"), key); }

//! Phụ lục 1, section I.3: the indicators with their figures.
void administrative_reform(Writer& w, const json& reform, const Month& month, const json& period,
                           const std::string& full_name) {
  w.body.section("VỀ CẢI CÁCH TTHC");
  w.subsection(full_name + " báo cáo kết quả");
  std::string year = std::to_string(month.year);
  w.body.rich(marked_runs("- Bám sát chỉ tiêu về cải cách TTHC được giao tại Chương trình năm " + year +
                          " của Ban Chỉ đạo Trung ương, Kế hoạch hoạt động của Ban Chỉ đạo Chính phủ năm " + year +
                          ", UBND thành phố, UBND " + w.unit + ". Trong đó, báo cáo kết quả cụ thể triển khai trong tháng đối với "
                          "các chỉ tiêu (*đặc biệt có sự so sánh tăng/giảm so với tháng trước đối với từng nội dung*):"));

  const json& procedures = member(reform, "procedures");
  const json& previous = member(reform, "previous_month");
  dean06_monthly::Applications applications = dean06_monthly::Applications::from_json(member(reform, "applications"));
  std::optional<dean06_monthly::Applications> previous_applications;
  if (member(previous, "applications").is_object())
    previous_applications = dean06_monthly::Applications::from_json(member(previous, "applications"));
  dean06_monthly::Payments payments = dean06_monthly::Payments::from_json(member(reform, "payments"));
  std::optional<dean06_monthly::Payments> previous_payments;
  if (member(previous, "payments").is_object()) previous_payments = dean06_monthly::Payments::from_json(member(previous, "payments"));
  const dean06_monthly::Applications* last_applications = previous_applications ? &*previous_applications : nullptr;

  for (const Indicator& indicator : reform_indicators()) {
    std::string key = indicator.key;
    std::string computed;
    if (key == "full_online_procedures")
      computed = dean06_monthly::procedures_sentence(integer_member(procedures, "full_online"), integer_member(procedures, "eligible"));
    else if (key == "processing")
      computed = dean06_monthly::processing_sentence(applications, last_applications, month, date_member(period, "from"), date_member(period, "to"));
    else if (key == "online_applications")
      computed = dean06_monthly::online_sentence(applications, last_applications, month);
    else if (key == "satisfaction")
      computed = dean06_monthly::satisfaction_sentence(number_member(reform, "satisfaction"), number_member(previous, "satisfaction"), month);
    else if (key == "centralized_processing")
      computed = dean06_monthly::cross_boundary_sentence(integer_member(reform, "cross_boundary_applications"), month);
    else if (key == "electronic_payments")
      computed = dean06_monthly::payments_sentence(payments, previous_payments ? &*previous_payments : nullptr, month);
    w.indicator(indicator, answer(reform, indicator.key), computed);
  }
  w.content(member(reform, "results"), false);
  w.review(reform, "các bộ, ngành");
}

//! Phụ lục 1: sections I.1–7 and the proposals.
void appendix_body(Writer& w, const json& input, const Month& month, const std::string& full_name) {
  w.body.chapter("KẾT QUẢ CÁC MẶT CÔNG TÁC");

  w.body.section("CÔNG TÁC THAM MƯU, CHỈ ĐẠO TRIỂN KHAI");
  w.content(member(input, "direction"));

  const json& institutions = member(input, "institutions");
  w.body.section("VỀ HOÀN THIỆN THỂ CHẾ");
  w.subsection(full_name + " báo cáo kết quả");
  w.content(member(institutions, "results"));
  w.review(institutions, "các cơ quan, đơn vị");

  administrative_reform(w, member(input, "administrative_reform"), month, member(input, "period"), full_name);

  const json& economy = member(input, "economy");
  w.body.section("VỀ PHÁT TRIỂN KINH TẾ XÃ HỘI");
  w.subsection("Triển khai các giải pháp thanh toán không dùng tiền mặt");
  w.content(member(economy, "cashless"));
  w.subsection("Các Sở, ngành, địa phương");
  for (const Indicator& indicator : economy_indicators()) w.indicator(indicator, answer(economy, indicator.key), "");
  w.review(economy, "các bộ, ngành");

  const json& citizens = member(input, "digital_citizens");
  w.body.section("VỀ PHÁT TRIỂN CÔNG DÂN SỐ");
  w.subsection("Triển khai các công cụ số và tiện ích số cho người dân");
  w.content(member(citizens, "tools"));
  w.subsection("Phổ cập kỹ năng số");
  w.content(member(citizens, "skills"));
  w.review(citizens, "các Sở, ngành");

  const json& data = member(input, "data");
  w.body.section("VỀ KẾT NỐI, CHIA SẺ, TẠO LẬP DỮ LIỆU");
  w.subsection("Về dữ liệu");
  w.content(member(data, "data"));
  w.subsection("Về hạ tầng công nghệ thông tin");
  w.content(member(data, "infrastructure"));
  w.subsection("Về an ninh an toàn");
  w.content(member(data, "security"));
  w.review(data, "các bộ, ngành");

  const json& resources = member(input, "resources");
  w.body.section("VỀ NGUỒN NHÂN LỰC");
  w.subsection("Về kinh phí");
  w.content(member(resources, "funding"));
  w.subsection("Về nguồn nhân lực");
  w.content(member(resources, "workforce"));
  w.review(resources, "các bộ, ngành");

  w.body.chapter("KIẾN NGHỊ, ĐỀ XUẤT");
  const json& proposals = member(input, "proposals");
  bool any = false;
  if (proposals.is_array())
    for (const auto& p : proposals) {
      std::string to = bare(typed(p, "to"));
      if (to.empty()) continue;
      w.body.section("Với " + to);
      w.content(member(p, "items"));
      any = true;
    }
  if (!any) w.body.paragraph(std::string(nd30::kNothingNew));
  w.body.close(/*signature_follows=*/false);  // Phụ lục 1 ends the page; no signature under it
}

//! The công văn's text: the opening citing the request, the bullets pointing to the
//! appendices, the clerk's other points, the closing sentence, "./.".
report::Body letter_body(const json& input, const Month& month, const std::string& full_name,
                         const std::string& short_name, const std::vector<std::string>& addressees) {
  report::Body letter;
  std::string year = std::to_string(month.year);
  const json& request = member(input, "request");
  std::string summary = typed(request, "summary");
  if (summary.empty())
    summary = "xây dựng báo cáo tiến độ triển khai Đề án 06; Cải cách thủ tục hành chính, chuyển đổi số gắn với Đề án 06 năm " + year;
  std::string cited = typed(request, "kind") + " số " + typed(request, "number");
  if (auto d = date_member(request, "date")) cited += " ngày " + dean06_monthly::short_date(*d);
  cited += " của " + typed(request, "issuer");
  letter.paragraph("Thực hiện " + cited + " về " + bare(summary) + ", " + full_name + " báo cáo như sau:");

  letter.rich({run("- Căn cứ chức năng, nhiệm vụ được giao " + short_name + " thực hiện báo cáo Báo cáo tháng " +
                   month.text() +
                   " về triển khai Đề án 06; Cải cách thủ tục hành chính, chuyển đổi số gắn với Đề án 06 năm " + year + " ("),
               [] {
                 report::Run r;
                 r.text = "chi tiết tại Phụ lục 1 gửi kèm theo";
                 r.italic = true;
                 return r;
               }(),
               run(").")});

  std::string listed;
  if (auto n = integer_member(request, "services_listed"))
    listed = "Phụ lục I về " + dean06_monthly::count(*n) + " dịch vụ công thiết yếu tại Đề án 06 có ";
  else
    listed = "Có ";
  report::Run details;
  details.text = "chi tiết tại Phụ lục 2 Báo cáo số liệu dịch vụ công thiết yếu triển khai tại cấp xã gửi kèm theo";
  details.italic = true;
  letter.rich({run("- " + listed + dean06_monthly::count(static_cast<std::int64_t>(dean06_monthly::default_services().size())) +
                   " dịch vụ công thiết yếu thuộc chức năng quản lý của UBND thành phố, trong đó có " +
                   dean06_monthly::count(static_cast<std::int64_t>(dean06_monthly::ward_service_count())) +
                   " dịch vụ công thiết yếu UBND cấp xã thực hiện báo cáo ("),
               details, run(").")});

  if (const json& points = member(input, "letter_points"); points.is_array())
    for (const auto& point : points)
      if (point.is_string() && !trim(point.get<std::string>()).empty()) letter.bullet(trim(point.get<std::string>()));

  std::string closing = typed(input, "closing");
  if (closing.empty()) {
    std::string to;
    for (std::size_t i = 0; i < addressees.size(); ++i)
      to += (i == 0 ? "" : (i + 1 == addressees.size() ? " và " : ", ")) + addressees[i];
    closing = full_name + " kính gửi " + to + " tổng hợp.";
  }
  letter.paragraph(closing);
  letter.close();
  return letter;
}

//! "(Kèm theo Công văn số 1804/UBND-VHXH ngày 17/4/2026 của UBND phường Hải An)": the number
//! and the day are printed when the công văn has them, and left blank for the records office to
//! fill at issue when it has not ("số      /UBND-VHXH ngày      /4/2026"); the month is the
//! công văn's (its date when known, else the reporting month). When it does not fit on one line
//! of `column_twips`, it breaks before "của", never inside a blank.
std::string attachment_line(const report::Header& header, const Month& month, const std::string& short_name,
                            int column_twips) {
  const std::string blank = "      ";
  const std::optional<Date>& issued = header.date;
  Month of = issued ? Month{issued->year, issued->month} : month;
  const std::string number = header.number ? (*header.number < 10 ? "0" : "") + std::to_string(*header.number) : blank;
  const std::string day = issued ? dean06_monthly::short_date(*issued) : blank + "/" + of.text();
  std::string head = std::string("(Kèm theo Công văn số") + (header.number ? " " : "") + number + "/" + header.symbol + " ngày" +
                     (issued ? " " : "") + day;
  std::string tail = "của " + short_name + ")";
  bool fits = nd30::text_width_pt(head + " " + tail, 14, false, true) * 20 <= column_twips;
  return head + (fits ? " " : "\n") + tail;
}

//! The short line under an appendix's "Kèm theo" line: 40% of that line, at most a third of
//! the column.
std::string attachment_rule(const std::string& text, int column) {
  double widest = 0;
  for (std::size_t start = 0;;) {
    std::size_t end = text.find('\n', start);
    widest = std::max(widest, nd30::text_width_pt(text.substr(start, end == std::string::npos ? std::string::npos : end - start), 14,
                                                  false, true));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  int width = static_cast<int>(widest * 20 * 0.4);
  return report::rule_paragraph_xml(std::min(width, column / 3), column);
}

}  // namespace

plugin::Model build(const json& input) {
  if (Problems problems = dean06_monthly::check(input); !problems.empty()) throw plugin::InvalidInput(std::move(problems));
  const json& period = member(input, "period");
  Month month = *Month::make(static_cast<int>(*integer_member(period, "year")), static_cast<int>(*integer_member(period, "month")));

  const json& issuer = member(input, "issuer");
  std::string full_name = typed(issuer, "full_name");
  std::string short_name = typed(issuer, "short_name");
  if (short_name.empty()) {
    constexpr std::string_view kCommittee = "Ủy ban nhân dân ";
    short_name = full_name.rfind(kCommittee, 0) == 0 ? "UBND " + full_name.substr(kCommittee.size()) : full_name;
  }

  report::Header header = report::header_from_input(input);
  header.type_abbreviation = "";  // a công văn: "Số: 1804/UBND-VHXH"
  header.year = month.year;

  std::vector<std::string> addressees;
  for (const auto& a : report::strings(member(input, "addressees")))
    if (!bare(a).empty()) addressees.push_back(bare(a));

  std::string subject = bare(typed(input, "subject"));
  if (subject.empty())
    subject = "báo cáo tiến độ triển khai Đề\u00a0án 06; cải cách TTHC, chuyển đổi số gắn với Đề\u00a0án 06 năm " +
              std::to_string(month.year);

  report::Body letter = letter_body(input, month, full_name, short_name, addressees);
  Writer appendix;
  appendix.unit = report::local_unit_from_input(input);
  appendix_body(appendix, input, month, full_name);

  json data = report::header_fields(header);
  data["letter_subject"] = nd30::balanced_lines("V/v " + subject, 12, false, report::kHeaderLeftColumn - 2 * report::kHeaderCellMargin);
  data["addressee"] = addressees.size() == 1 ? json(addressees.front() + ".") : json(false);
  // Several addressees: "Kính gửi:" once, then "- A;" ... "- Z." (an object, so the section renders once).
  data["addressee_list"] = addressees.size() > 1 ? json{{"lines", nd30::recipient_lines(addressees)}} : json(false);
  data["letter"] = letter.blocks();
  data.update(report::closing_fields_from_input(input));

  std::string attachment = attachment_line(header, month, short_name, report::kTextWidth);
  std::string attachment_landscape = attachment_line(header, month, short_name, kLandscapeTextWidth);
  data["appendix1_title"] = "BÁO CÁO THÁNG " + month.text() +
                            " VỀ TRIỂN KHAI, THỰC HIỆN ĐỀ ÁN 06, CẢI CÁCH TTHC, CHUYỂN ĐỔI SỐ GẮN VỚI ĐỀ ÁN 06";
  data["appendix2_title"] = "BÁO CÁO SỐ LIỆU DỊCH VỤ CÔNG THIẾT YẾU TRIỂN KHAI TẠI CẤP XÃ";
  data["attachment"] = attachment;
  data["attachment_rule"] = attachment_rule(attachment, report::kTextWidth);
  data["attachment_landscape"] = attachment_landscape;
  data["attachment_rule_landscape"] = attachment_rule(attachment_landscape, kLandscapeTextWidth);
  data["body"] = appendix.body.blocks();

  json rows = json::array();
  for (const auto& row : dean06_monthly::service_rows(member(input, "essential_services"), appendix.unit))
    rows.push_back({{"number", row.number},
                    {"name", row.name},
                    {"lead", row.lead},
                    {"total", row.total},
                    {"online", row.online},
                    {"rate", row.rate},
                    {"issues", row.issues},
                    {"solutions", row.solutions},
                    {"note", row.note}});
  data["services"] = rows;

  Date created = header.date.value_or(month.last_day());
  std::string month_text = month.text();
  for (char& c : month_text)
    if (c == '/') c = '-';
  json meta = {
      {"title", "Báo cáo tháng " + month.text() +
                    " về triển khai Đề án 06, cải cách thủ tục hành chính, chuyển đổi số gắn với Đề án 06"},
      {"creator", text::upper(full_name)},
      {"created", report::w3c_datetime(created)},
      {"file_name", "Báo cáo Đề án 06 tháng " + month_text + ".docx"},
  };
  plugin::Model model{std::move(meta), std::move(data)};
  model.parts["word/footnotes.xml"] = appendix.footnotes.part_xml();
  return model;
}

}  // namespace vanthu::dean06_monthly
