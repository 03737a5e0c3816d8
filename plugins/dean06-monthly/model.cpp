//! dean06-monthly: a ward's monthly progress report on Đề án 06, administrative-procedure reform
//! and digital transformation, sent as a công văn to the city police with two appendices.
//! Specification: seed 002 (shared/seeds/002_3f9c421954da28c7.txt), issue #3.
//!
//! The clerk types facts; this plugin derives the figures (rules in rules.cpp): the month and
//! year, the "Kèm theo" lines, the month compared with, the sentences that carry figures and
//! their month-over-month changes, the 25 rows of Phụ lục 2 with their rates and the ward's own
//! numbering, the counts in the công văn's bullets, real Word footnotes, the header and Kính
//! gửi. The wording (headings, the form's questions, standard sentences, "Không phát sinh nội
//! dung mới." for what is empty, the closing "./.") is in the template,
//! templates/dean06-monthly/word/document.xml, where a clerk can change it in Word; heading
//! numbers (three levels, 2.2.1.) come from its heading styles (report::finish_body).

#include <algorithm>
#include <map>
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
std::string bare(const std::string& s) { return text::trim_end(s, ".;,:"); }

report::Run run(std::string s) {
  report::Run r;
  r.text = std::move(s);
  return r;
}

//! The clerk's paragraphs (schema "content") as the items of the template's content loops, in
//! document order so that footnotes are numbered as they appear. Every item has every key:
//!   {"label": "" or the lead-in (printed "label: text"), "marker": "- " | "+ " | "a) " | "",
//!    "text": the paragraph (clerk_text), "note": true for an italic note,
//!    "xml": false, or the whole paragraph (report::paragraph_xml) when it has a footnote
//!           reference, which a template cannot write}.
//! A string is a paragraph; an object has a style and either a text or parts (strings,
//! footnotes, figures: figure_text). Blank paragraphs are left out: an empty list is what the
//! template tests to say "Không phát sinh nội dung mới.".
json content(const json& blocks, report::Footnotes& footnotes) {
  json items = json::array();
  if (!blocks.is_array()) return items;
  auto item = [](std::string label, std::string marker, std::string text, bool note, json xml) {
    return json{{"label", nd30::keep_symbols_together(label)},
                {"marker", std::move(marker)},
                {"text", report::clerk_text(text)},
                {"note", note},
                {"xml", std::move(xml)}};
  };
  int letters = 0;
  for (const auto& block : blocks) {
    if (block.is_string()) {
      std::string text = trim(block.get<std::string>());
      if (!text.empty()) items.push_back(item("", "", text, false, false));
      continue;
    }
    if (!block.is_object()) continue;
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
    if (!label.empty()) {  // "label: text", whatever the style
      json xml = false;
      if (footnoted) {
        runs.insert(runs.begin(), run(label + ": "));
        xml = report::paragraph_xml("Normal", runs);
      }
      items.push_back(item(label, "", joined, false, std::move(xml)));
      continue;
    }
    if (joined.empty() && !footnoted) continue;
    std::string marker;
    if (style == "bullet") marker = "- ";
    else if (style == "plus") marker = "+ ";
    else if (style == "lettered") marker = nd30::letter(++letters) + ") ";
    json xml = false;
    if (footnoted) {
      if (!runs.empty() && runs.front().footnote == 0) runs.front().text = trim(runs.front().text);
      if (!marker.empty()) runs.insert(runs.begin(), run(marker));
      xml = report::paragraph_xml(style == "note" ? "VanthuNote" : "Normal", runs);
    }
    items.push_back(item("", marker, joined, style == "note", std::move(xml)));
  }
  return items;
}

//! The ward's answer to a question of the city's form: what the clerk typed, then the sentence
//! computed from the figures; "" when neither (the template then ends the question with ".",
//! or says it is not for a ward to report).
std::string answer(const json& section, const char* key, const std::string& computed = {}) {
  std::string typed_answer = typed(member(section, "answers"), key);
  if (!computed.empty()) typed_answer += (typed_answer.empty() ? "" : " ") + computed;
  return report::clerk_text(typed_answer);
}

//! Phụ lục 1, section I.3: the answers to the form's questions, with their figures.
void administrative_reform(json& data, const json& reform, const Month& month, const json& period) {
  const json& procedures = member(reform, "procedures");
  const json& previous = member(reform, "previous_month");
  Applications applications = Applications::from_json(member(reform, "applications"));
  std::optional<Applications> previous_applications;
  if (member(previous, "applications").is_object())
    previous_applications = Applications::from_json(member(previous, "applications"));
  Payments payments = Payments::from_json(member(reform, "payments"));
  std::optional<Payments> previous_payments;
  if (member(previous, "payments").is_object()) previous_payments = Payments::from_json(member(previous, "payments"));
  const Applications* last_applications = previous_applications ? &*previous_applications : nullptr;

  std::map<std::string, std::string> computed = {
      {"full_online_procedures",
       procedures_sentence(integer_member(procedures, "full_online"), integer_member(procedures, "eligible"))},
      {"processing", processing_sentence(applications, last_applications, month, date_member(period, "from"),
                                         date_member(period, "to"))},
      {"online_applications", online_sentence(applications, last_applications, month)},
      {"satisfaction",
       satisfaction_sentence(number_member(reform, "satisfaction"), number_member(previous, "satisfaction"), month)},
      {"centralized_processing", cross_boundary_sentence(integer_member(reform, "cross_boundary_applications"), month)},
      {"electronic_payments", payments_sentence(payments, previous_payments ? &*previous_payments : nullptr, month)},
  };
  for (const char* key : {"full_online_procedures", "full_online_procedures_by_law", "once_only_information",
                          "boundary_free_procedures", "business_online_procedures", "system_upgrade", "processing_time",
                          "processing", "online_applications", "satisfaction", "vneid_documents", "database_connections",
                          "vneid_status", "process_reengineering", "centralized_processing", "service_integration",
                          "electronic_payments", "system_utilities"})
    data[key] = answer(reform, key, computed[key]);
}

//! Phụ lục 1's facts: each section's paragraphs, the answers, the proposals.
void appendix_facts(json& data, const json& input, const Month& month, report::Footnotes& footnotes) {
  // In the template's order, so that footnotes are numbered as they are printed.
  data["direction"] = content(member(input, "direction"), footnotes);
  auto review = [&](const char* prefix, const json& section) {
    data[std::string(prefix) + "_shortcomings"] = content(member(section, "shortcomings"), footnotes);
    data[std::string(prefix) + "_key_tasks"] = content(member(section, "key_tasks"), footnotes);
  };
  const json& institutions = member(input, "institutions");
  data["institutions_results"] = content(member(institutions, "results"), footnotes);
  review("institutions", institutions);

  const json& reform = member(input, "administrative_reform");
  administrative_reform(data, reform, month, member(input, "period"));
  data["reform_results"] = content(member(reform, "results"), footnotes);
  review("reform", reform);

  const json& economy = member(input, "economy");
  data["cashless"] = content(member(economy, "cashless"), footnotes);
  for (const char* key : {"digital_economy_models", "population_data_applications"}) data[key] = answer(economy, key);
  review("economy", economy);

  const json& citizens = member(input, "digital_citizens");
  data["digital_tools"] = content(member(citizens, "tools"), footnotes);
  data["digital_skills"] = content(member(citizens, "skills"), footnotes);
  review("citizens", citizens);

  const json& facts = member(input, "data");
  data["data"] = content(member(facts, "data"), footnotes);
  data["data_infrastructure"] = content(member(facts, "infrastructure"), footnotes);
  data["data_security"] = content(member(facts, "security"), footnotes);
  review("data", facts);

  const json& resources = member(input, "resources");
  data["funding"] = content(member(resources, "funding"), footnotes);
  data["workforce"] = content(member(resources, "workforce"), footnotes);
  review("resources", resources);

  // II. Kiến nghị, đề xuất: one heading "Với {to}" per addressee of proposals.
  json proposals = json::array();
  if (const json& list = member(input, "proposals"); list.is_array())
    for (const auto& p : list) {
      std::string to = bare(typed(p, "to"));
      if (to.empty()) continue;
      json items = content(member(p, "items"), footnotes);
      proposals.push_back({{"to", report::clerk_text(to)}, {"items", std::move(items)}});
    }
  data["proposals"] = std::move(proposals);
}

//! The công văn's facts: the request it answers, the counts of its bullets, the clerk's other
//! points and closing sentence (the template's own closing names the addressees).
void letter_facts(json& data, const json& input, const std::vector<std::string>& addressees) {
  const json& request = member(input, "request");
  data["request_kind"] = report::clerk_text(typed(request, "kind"));
  data["request_number"] = report::clerk_text(typed(request, "number"));
  auto requested = date_member(request, "date");
  data["request_date"] = requested ? short_date(*requested) : std::string();
  data["request_issuer"] = report::clerk_text(typed(request, "issuer"));
  data["request_summary"] = report::clerk_text(bare(typed(request, "summary")));  // "" -> the template's own
  auto listed = integer_member(request, "services_listed");
  data["services_listed"] = listed ? json(*listed) : json(false);
  data["service_count"] = static_cast<std::int64_t>(default_services().size());
  data["ward_service_count"] = static_cast<std::int64_t>(ward_service_count());
  json points = json::array();
  if (const json& list = member(input, "letter_points"); list.is_array())
    for (const auto& point : list)
      if (point.is_string() && !trim(point.get<std::string>()).empty())
        points.push_back(report::clerk_text(point.get<std::string>()));
  data["letter_points"] = std::move(points);
  data["closing"] = report::clerk_text(typed(input, "closing"));
  std::string to;
  for (std::size_t i = 0; i < addressees.size(); ++i)
    to += (i == 0 ? "" : (i + 1 == addressees.size() ? " và " : ", ")) + addressees[i];
  data["addressees_text"] = report::clerk_text(to);
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

  // The template holds the wording; the model gives the facts, each under its own key.
  json data = report::header_fields(header);
  data["letter_subject"] = nd30::balanced_lines("V/v " + subject, 12, false, report::kHeaderLeftColumn - 2 * report::kHeaderCellMargin);
  data["addressee"] = addressees.size() == 1 ? json(addressees.front() + ".") : json(false);
  // Several addressees: "Kính gửi:" once, then "- A;" ... "- Z.".
  data["several_addressees"] = addressees.size() > 1;
  data["addressee_list"] = addressees.size() > 1 ? json(nd30::recipient_lines(addressees)) : json::array();
  data.update(report::closing_fields_from_input(input));

  std::string unit = report::local_unit_from_input(input);  // phường, xã, đặc khu
  data["unit"] = unit;
  data["full_name"] = report::clerk_text(full_name);
  data["short_name"] = report::clerk_text(short_name);
  data["month"] = month.text();  // "4/2026", "01/2026"
  data["year"] = month.year;
  letter_facts(data, input, addressees);

  std::string attachment = attachment_line(header, month, short_name, report::kTextWidth);
  std::string attachment_landscape = attachment_line(header, month, short_name, kLandscapeTextWidth);
  data["attachment"] = attachment;
  data["attachment_rule"] = attachment_rule(attachment, report::kTextWidth);
  data["attachment_landscape"] = attachment_landscape;
  data["attachment_rule_landscape"] = attachment_rule(attachment_landscape, kLandscapeTextWidth);

  report::Footnotes footnotes;
  appendix_facts(data, input, month, footnotes);

  json rows = json::array();
  for (const auto& row : service_rows(member(input, "essential_services"), unit))
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
  model.parts["word/footnotes.xml"] = footnotes.part_xml();
  return model;
}

}  // namespace vanthu::dean06_monthly
