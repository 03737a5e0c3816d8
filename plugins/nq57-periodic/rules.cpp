//! nq57-periodic: phrases derived from counts, the report's outline and its semantic checks.
//! Specification: seeds 001 (An Hải, Nov 2025) and 003 (Hồng Bàng, 2025) in shared/seeds/.
#include "rules.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <utility>

#include "vanthu/count_checks.hpp"
#include "vanthu/json_access.hpp"
#include "vanthu/nd30.hpp"
#include "vanthu/text.hpp"

namespace vanthu::nq57_periodic {
namespace {

using nlohmann::json;
namespace text = vanthu::text;
using text::trim;

constexpr std::string_view kBlank = "      ";  // as nd30::place_date_line leaves a blank

//! Trailing spaces and the given punctuation removed: a clerk may or may not type them.
std::string trim_end(std::string_view s, std::string_view punctuation) {
  std::string out = trim(s);
  while (!out.empty() && (punctuation.find(out.back()) != std::string_view::npos || out.back() == ' ')) out.pop_back();
  return out;
}

std::string count(std::int64_t n) { return text::group_thousands(n); }

//! part/whole as the seeds print rates ("100%", "81,6%"); whole > 0 is the caller's promise.
std::string rate(std::int64_t part, std::int64_t whole) { return text::percent(part, whole, 1).value_or("0%"); }

}  // namespace

// --- Dates ----------------------------------------------------------------------------------

std::optional<IssueDate> IssueDate::parse(std::string_view s) {
  auto number = [&](std::size_t at, std::size_t length) -> std::optional<int> {
    if (at + length > s.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = at; i < at + length; ++i) {
      if (s[i] < '0' || s[i] > '9') return std::nullopt;
      value = value * 10 + (s[i] - '0');
    }
    return value;
  };
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return std::nullopt;
  IssueDate date;
  auto year = number(0, 4);
  if (!year || *year < 1) return std::nullopt;
  date.year = *year;
  if (s.size() >= 7) {
    auto month = number(5, 2);
    if (s[4] != '-' || !month || *month < 1 || *month > 12) return std::nullopt;
    date.month = *month;
  }
  if (s.size() == 10) {
    auto day = number(8, 2);
    if (s[7] != '-' || !day || !Date::exists(date.year, *date.month, *day)) return std::nullopt;
    date.day = *day;
  }
  return date;
}

std::optional<Date> IssueDate::full() const {
  if (!month || !day) return std::nullopt;
  return Date{year, *month, *day};
}

Date IssueDate::first_day() const { return Date{year, month.value_or(1), day.value_or(1)}; }

Date IssueDate::last_day() const {
  const int m = month.value_or(12);
  return Date{year, m, day.value_or(Date::days_in_month(year, m))};
}

std::string place_date_line(std::string_view place, const IssueDate& date) {
  if (auto full = date.full()) return nd30::place_date_line(place, full, date.year);
  if (!date.month) return nd30::place_date_line(place, std::nullopt, date.year);
  std::string line(place);
  if (!line.empty()) line += ", ";
  line += "ngày";
  line += kBlank;
  line += "tháng " + (*date.month <= 2 ? text::two_digits(*date.month) : std::to_string(*date.month));
  line += " năm " + std::to_string(date.year);
  return line;
}

std::string short_date(const Date& date, bool with_year) {
  std::string s = text::two_digits(date.day) + "/" + (date.month <= 2 ? text::two_digits(date.month) : std::to_string(date.month));
  if (with_year) s += "/" + std::to_string(date.year);
  return s;
}

std::string figures_period(const Date& from, const Date& to) {
  if (from == to) return "Trong ngày " + short_date(to, true);
  return "Tính từ ngày " + short_date(from, from.year != to.year) + " - " + short_date(to, true);
}

std::string month_phrase(int year, int month) {
  return "tháng " + (month <= 2 ? text::two_digits(month) : std::to_string(month)) + " năm " + std::to_string(year);
}

// --- Phrases --------------------------------------------------------------------------------

PhaseText phase_text(const Phase& p, std::string_view assignee) {
  PhaseText out;
  const std::string who = trim(assignee).empty() ? std::string("Ủy ban nhân dân phường") : trim(assignee);
  if (p.assigned == 0) {
    out.heading = p.name + ": " + who + " chưa được giao nhiệm vụ";
    return out;
  }
  out.heading = p.name + ": " + who + " được giao " + count(p.assigned) + " nhiệm vụ";
  const std::int64_t completed = p.completed_on_time + p.completed_late;
  const std::int64_t in_progress = p.assigned - completed - p.overdue;
  out.details.push_back("Số nhiệm vụ đã hoàn thành " + count(completed) + "/" + count(p.assigned) + ", tỷ lệ " +
                        rate(completed, p.assigned) + ", trong đó: số nhiệm vụ hoàn thành đúng hạn " +
                        count(p.completed_on_time) + ", số nhiệm vụ hoàn thành quá hạn " + count(p.completed_late) + ".");
  out.details.push_back("Số nhiệm vụ đang thực hiện đúng hạn " + count(in_progress) + ", tỷ lệ " + rate(in_progress, p.assigned) + ".");
  out.details.push_back("Số nhiệm vụ quá hạn chưa hoàn thành " + count(p.overdue) + ", tỷ lệ " + rate(p.overdue, p.assigned) + ".");
  return out;
}

std::vector<std::string> initiatives_lines(std::int64_t received, std::int64_t resolved) {
  return {"Tổng số PAKN, SKGP đã nhận được: " + count(received) + ", trong đó:",
          "Số PAKN, SKGP đã giải quyết: " + count(resolved),
          "Số PAKN, SKGP tồn đọng/chưa được tiếp nhận: " + count(received - resolved)};
}

std::string plan_completed_phrase(std::string_view lead, std::int64_t completed, std::int64_t total) {
  std::string s = trim_end(lead, ",;:");
  s += " hoàn thành " + count(completed) + "/" + count(total) + " nhiệm vụ";
  return s + (completed > 0 ? " gồm:" : ".");
}

std::string plan_in_progress_phrase(std::int64_t in_progress, std::optional<std::pair<int, int>> due) {
  std::string s = text::two_digits(in_progress) + " nhiệm vụ đang triển khai thực hiện";
  if (due) s += " dự kiến hoàn thành trong " + month_phrase(due->first, due->second);
  return s + ", cụ thể:";
}

std::string reception_sentence(const Reception& r) {
  std::string s = figures_period(r.from, r.to) + ", " + trim(r.desk);
  std::string explanation = trim(r.explanation);
  if (explanation.size() >= 2 && explanation.front() == '(' && explanation.back() == ')')
    explanation = trim(explanation.substr(1, explanation.size() - 2));
  if (r.received == 0) {
    s += " chưa tiếp nhận hồ sơ giải quyết thủ tục hành chính nào";
    if (!explanation.empty()) s += " (" + explanation + ")";
  } else {
    const std::int64_t pending = r.received - r.resolved;
    s += " tiếp nhận " + count(r.received) + " hồ sơ giải quyết Thủ tục hành chính (" + count(r.online) +
         " hồ sơ trực tuyến và " + count(r.received - r.online) + " hồ sơ trực tiếp), đã giải quyết " + count(r.resolved) +
         " hồ sơ (tỷ lệ " + rate(r.resolved, r.received) + "), đang giải quyết " + count(pending) + " hồ sơ (tỷ lệ " +
         rate(pending, r.received) + "), hồ sơ rút: " + count(r.withdrawn) + " hồ sơ (" + rate(r.withdrawn, r.received) + ")";
    std::int64_t late = 0;
    for (const auto& f : r.overdue) late += f.count;
    if (late == 0) {
      s += ", không có hồ sơ giải quyết quá hạn";
    } else {
      s += ", hồ sơ giải quyết quá hạn: " + text::two_digits(late) + " hồ sơ (lĩnh vực ";
      for (std::size_t i = 0; i < r.overdue.size(); ++i) {
        if (i > 0) s += ", ";
        s += trim(r.overdue[i].field) + " " + text::two_digits(r.overdue[i].count) + " hồ sơ";
      }
      s += ")";
    }
  }
  if (r.feedback_received == 0) {
    s += "; Không tiếp nhận kiến nghị, phản ánh nào";
  } else {
    s += "; Tiếp nhận " + count(r.feedback_received) + " kiến nghị, phản ánh; đã giải quyết xong " +
         count(r.feedback_resolved) + " phản ánh, kiến nghị";
    if (r.feedback_resolved < r.feedback_received)
      s += ", đang giải quyết " + count(r.feedback_received - r.feedback_resolved) + " phản ánh, kiến nghị";
  }
  if (r.received > 0) {
    s += "; tỷ lệ hồ sơ trực tuyến " + count(r.online) + "/" + count(r.received) + " = " + rate(r.online, r.received);
    if (!explanation.empty()) s += " (" + explanation + ")";
  }
  if (r.late_reception == 0) s += "; Không có hồ sơ chậm tiếp nhận.";
  else s += "; Có " + text::two_digits(r.late_reception) + " hồ sơ chậm tiếp nhận.";
  return s;
}

std::string money_phrase(std::int64_t amount) {
  return text::group_thousands(amount) + "đ (Bằng chữ: " + text::money_in_words(amount) + ")";
}

std::string budget_source_line(std::string_view label, std::optional<std::int64_t> amount) {
  return trim_end(label, ":") + ": " + (amount ? money_phrase(*amount) : std::string("Không có"));
}

std::string budget_intro(int year) { return "Tổng kinh phí bố trí năm " + std::to_string(year) + ", gồm:"; }

std::vector<report::Run> cited_documents_runs(std::string_view lead, const std::vector<std::string>& documents) {
  std::vector<report::Run> runs;
  runs.push_back({.text = trim(lead) + " " + text::two_digits(static_cast<std::int64_t>(documents.size())) + " văn bản "});
  for (std::size_t i = 0; i < documents.size(); ++i) {
    runs.push_back({.text = "(" + std::to_string(i + 1) + ")", .superscript = true});
    runs.push_back({.text = trim_end(documents[i], ";,.") + (i + 1 < documents.size() ? "; " : ".")});
  }
  return runs;
}

// --- The outline ------------------------------------------------------------------------------

namespace {

std::string join(const std::string& path, const char* key) { return pointer_append(path, key); }
std::string join(const std::string& path, std::size_t index) { return pointer_append(path, index); }

//! Heading levels, outermost first; heading and dash are unnumbered (bold lines).
enum class Level { part, chapter, section, subsection, item, heading, dash };

std::optional<Level> level_of(const std::string& name) {
  static const std::array<std::pair<std::string_view, Level>, 7> names = {{{"part", Level::part},
                                                                           {"chapter", Level::chapter},
                                                                           {"section", Level::section},
                                                                           {"subsection", Level::subsection},
                                                                           {"item", Level::item},
                                                                           {"heading", Level::heading},
                                                                           {"dash", Level::dash}}};
  for (const auto& [n, l] : names)
    if (n == name) return l;
  return std::nullopt;
}

bool numbered(Level l) { return l != Level::heading && l != Level::dash; }

//! How the clerk would name the level in a message.
std::string level_name(Level l) {
  switch (l) {
    case Level::part: return "phần (A, B)";
    case Level::chapter: return "mục (I, II)";
    case Level::section: return "khoản (1, 2)";
    case Level::subsection: return "tiểu khoản (1.1, 1.2)";
    case Level::item: return "điểm (a, b)";
    case Level::heading: return "đề mục không đánh số";
    case Level::dash: return "đề mục gạch đầu dòng";
  }
  return "";
}

//! The body's blocks in the shape the standard template reads (see vanthu/report.hpp).
class Outline {
 public:
  void add(const char* kind, std::string label, std::string text) {
    blocks_.push_back({{kind, true}, {"label", std::move(label)}, {"text", text::group_counts(text)}});
  }
  void rich(const std::vector<report::Run>& runs, const std::string& style) {
    std::string plain;
    for (const auto& run : runs) plain += run.text;
    blocks_.push_back({{"raw", true}, {"label", ""}, {"text", plain}, {"xml", report::paragraph_xml(style, runs)}});
  }
  std::size_t size() const { return blocks_.size(); }
  void set_text(std::size_t index, std::string text) { blocks_[index]["text"] = std::move(text); }
  //! "./." after the last sentence, as report::Body::close() does; then the last paragraph is
  //! kept on the page of the signature block (a raw paragraph with keepNext), so the signature
  //! never stands alone on a page of its own.
  void close() {
    if (blocks_.empty()) return;
    report::end_with_closing_mark(blocks_.back());
    report::keep_with_next(blocks_.back());
  }
  json take() { return std::move(blocks_); }

 private:
  json blocks_ = json::array();
};

//! Runs typed by the clerk: [{"text", "bold", "italic", "superscript"}].
std::vector<report::Run> typed_runs(const json& array) {
  std::vector<report::Run> runs;
  if (!array.is_array()) return runs;
  for (const auto& r : array)
    runs.push_back({.text = string_member(r, "text"),
                    .bold = flag_member(r, "bold"),
                    .italic = flag_member(r, "italic"),
                    .superscript = flag_member(r, "superscript")});
  return runs;
}

bool runs_empty(const std::vector<report::Run>& runs) {
  return std::all_of(runs.begin(), runs.end(), [](const report::Run& r) { return trim(r.text).empty(); });
}

class Builder {
 public:
  Builder(std::optional<IssueDate> issued, std::string unit) : issued_(issued), unit_(std::move(unit)) {}

  void content(const json& blocks, const std::string& path) {
    if (!blocks.is_array()) return;
    for (std::size_t i = 0; i < blocks.size(); ++i) block(blocks[i], join(path, i));
  }

  //! A node and everything under it. `ancestor` is the nearest numbered heading above it,
  //! `parent_number` the number of the section it is in (for 1.1.).
  void node(const json& n, const std::string& path, std::optional<Level> ancestor, int number, int parent_number) {
    const Level level = *level_of(string_member(n, "level"));  // the schema's enum
    const std::string title = trim(string_member(n, "title"));
    std::string label;
    switch (level) {
      case Level::part: label = std::string(1, static_cast<char>('A' + (number - 1) % 26)) + ". " + text::upper(title); break;
      case Level::chapter: label = nd30::roman(std::clamp(number, 1, 3999)) + ". " + text::upper(title); break;
      case Level::section: label = std::to_string(number) + ". " + title; break;
      case Level::subsection: label = std::to_string(parent_number) + "." + std::to_string(number) + ". " + title; break;
      case Level::item: label = nd30::letter(std::clamp(number, 1, 23)) + ") " + title; break;
      case Level::heading: label = title; break;
      case Level::dash: label = "- " + title; break;
    }
    const char* kind = level == Level::part         ? "part"
                       : level == Level::chapter    ? "chapter"
                       : level == Level::subsection ? "subsection"
                       : level == Level::item       ? "item"
                                                    : "section";
    const std::string style = level == Level::part ? "VanthuPart"
                              : level == Level::chapter ? "VanthuChapter"
                              : level == Level::item    ? "VanthuItem"
                                                        : "VanthuSection";

    const json& children = member(n, "sections");
    const bool has_children = children.is_array() && !children.empty();
    if (has_children && !numbered(level))
      problem(join(path, "sections"), "unnumbered_with_sections",
              "Đề mục không đánh số (\"" + title + "\") không chứa được đề mục con; hãy đưa nội dung vào \"content\" "
              "hoặc dùng cấp đánh số.");

    // The heading, with what the clerk wrote on its own line.
    const json& inline_text = member(n, "text");
    const std::size_t heading_at = outline_.size();
    bool inline_said = false;
    if (inline_text.is_string() && !trim(inline_text.get<std::string>()).empty()) {
      if (level == Level::part) {
        outline_.add(kind, label, "");
        outline_.add("paragraph", "", trim(inline_text.get<std::string>()));
      } else {
        outline_.add(kind, label, trim(inline_text.get<std::string>()));
      }
      inline_said = true;
    } else if (inline_text.is_object()) {
      std::vector<report::Run> runs = inline_runs(inline_text, join(path, "text"));
      if (!runs_empty(runs)) {
        std::vector<report::Run> line;
        if (level == Level::part) {
          outline_.add(kind, label, "");
        } else {
          line.push_back({.text = label + " ", .bold = level != Level::item, .italic = level == Level::item});
        }
        line.insert(line.end(), runs.begin(), runs.end());
        outline_.rich(line, level == Level::part ? "Normal" : style);
        inline_said = true;
      }
    }
    if (!inline_said) outline_.add(kind, label, "");

    const std::size_t before = outline_.size();
    content(member(n, "content"), join(path, "content"));
    const bool any_content = outline_.size() > before;

    // Children, numbered among their siblings.
    std::optional<Level> numbered_here = numbered(level) ? std::optional<Level>(level) : ancestor;
    if (has_children && numbered(level)) children_of(children, join(path, "sections"), numbered_here, number);

    if (!inline_said && !any_content && !has_children) {
      // Nothing happened under this heading: say so on its line (a part's line holds only its label).
      if (level == Level::part) outline_.add("paragraph", "", std::string(nd30::kNothingNew));
      // After a colon on the heading's line, or as its own paragraph (seed 000): never glued
      // to a heading that does not end in ":".
      else if (!label.empty() && label.back() == ':') outline_.set_text(heading_at, std::string(nd30::kNothingNew));
      else outline_.add("paragraph", "", std::string(nd30::kNothingNew));
    }
  }

  //! Sibling headings: the same numbered level, deeper than the heading they are in.
  void children_of(const json& list, const std::string& path, std::optional<Level> ancestor, int ancestor_number) {
    if (!list.is_array()) return;
    // Five numbered levels, each deeper than the one it is in, and unnumbered headings that hold
    // no headings: a correct outline is at most six deep. Deeper ones are wrong already; stop.
    if (depth_ == 6) {
      problem(path, "too_deep", "Dàn ý quá sâu: tối đa 6 cấp đề mục lồng nhau.");
      return;
    }
    ++depth_;
    struct Leave {
      int& depth;
      ~Leave() { --depth; }
    } leave{depth_};
    std::optional<Level> sibling_level;
    int counter = 0;
    for (std::size_t i = 0; i < list.size(); ++i) {
      const json& n = list[i];
      const std::string here = join(path, i);
      auto level = level_of(string_member(n, "level"));
      if (!level) continue;  // the schema reports it
      if (numbered(*level)) {
        if (ancestor && *level <= *ancestor) {
          problem(join(here, "level"), "heading_level",
                  "Đề mục cấp " + level_name(*level) + " không thể nằm trong đề mục cấp " + level_name(*ancestor) + ".");
        } else if (*level == Level::subsection && ancestor != Level::section) {
          problem(join(here, "level"), "heading_level",
                  "Tiểu khoản (1.1, 1.2) phải nằm trong một khoản (1, 2)" +
                      std::string(ancestor ? " chứ không trong " + level_name(*ancestor) : "") + ".");
        } else if (sibling_level && *level != *sibling_level) {
          problem(join(here, "level"), "mixed_heading_levels",
                  "Các đề mục cùng cấp phải cùng kiểu đánh số: đề mục này là " + level_name(*level) +
                      " trong khi đề mục trước là " + level_name(*sibling_level) + ".");
        }
        if (!sibling_level) sibling_level = level;
        ++counter;
        const int limit = *level == Level::part ? 26 : *level == Level::item ? 23 : 3999;
        if (counter == limit + 1)
          problem(here, "too_many_headings",
                  "Quá nhiều đề mục cấp " + level_name(*level) + ": tối đa " + std::to_string(limit) + ".");
      }
      node(n, here, ancestor, numbered(*level) ? counter : 0, ancestor_number);
    }
  }

  void block(const json& b, const std::string& path) {
    if (b.is_string()) {
      std::string t = trim(b.get<std::string>());
      if (!t.empty()) outline_.add("paragraph", "", t);
      return;
    }
    if (!b.is_object()) return;
    static constexpr std::array<const char*, 7> kinds = {"text", "runs", "cited_documents", "task_phases",
                                                         "initiatives", "plan_tasks", "reception"};
    std::vector<std::string> present;
    for (const char* k : kinds)
      if (b.contains(k)) present.push_back(k);
    if (b.contains("budget")) present.push_back("budget");
    if (present.size() > 1) {
      std::string list;
      for (const auto& k : present) list += (list.empty() ? "" : ", ") + ("\"" + k + "\"");
      problem(path, "block_kind", "Mỗi đoạn chỉ có một loại nội dung; đoạn này có " + list + ".");
      return;
    }
    const std::string style = string_member(b, "style").empty() ? "paragraph" : string_member(b, "style");
    if (b.contains("label")) {
      if (!present.empty() && present[0] != "text") {
        problem(join(path, "label"), "block_kind", "Tiêu đề đoạn (\"label\") chỉ đi với nội dung \"text\".");
        return;
      }
      std::string label = trim_end(string_member(b, "label"), ":");
      if (label.empty()) {
        problem(join(path, "label"), "required", "Tiêu đề đoạn không được để trống.");
        return;
      }
      outline_.add("labelled", label + ":", report::Body::inline_or_nothing_new(string_member(b, "text")));
      return;
    }
    if (present.empty()) {
      problem(path, "block_kind",
              "Đoạn văn cần một loại nội dung: \"text\", \"runs\", \"cited_documents\", \"task_phases\", "
              "\"initiatives\", \"plan_tasks\", \"reception\" hoặc \"budget\".");
      return;
    }
    const std::string& kind = present[0];
    const json& value = b[kind];
    const std::string here = join(path, kind.c_str());
    if (kind == "text") {
      std::string t = trim(value.get<std::string>());
      if (t.empty()) return;
      if (style == "bullet") outline_.add("bullet", "", t);
      else if (style == "plus") outline_.add("plus", "", t);
      else if (style == "note") outline_.add("note", "", t);
      else outline_.add("paragraph", "", t);
    } else if (kind == "runs") {
      std::vector<report::Run> runs = typed_runs(value);
      if (runs_empty(runs)) return;
      styled_rich(std::move(runs), style);
    } else if (kind == "cited_documents") {
      styled_rich(cited(value), style);
    } else if (kind == "task_phases") {
      task_phases(value, here);
    } else if (kind == "initiatives") {
      initiatives(value, here);
    } else if (kind == "plan_tasks") {
      plan_tasks(value, here);
    } else if (kind == "reception") {
      reception(value, here);
    } else if (kind == "budget") {
      budget(value, here);
    }
  }

  void close() { outline_.close(); }
  json take() { return outline_.take(); }
  Problems& problems() { return problems_; }
  void problem(std::string path, std::string code, std::string message) {
    problems_.push_back({std::move(path), std::move(code), std::move(message)});
  }

 private:
  std::vector<report::Run> inline_runs(const json& object, const std::string& path) {
    const bool has_runs = object.contains("runs"), has_cited = object.contains("cited_documents");
    if (has_runs == has_cited) {
      problem(path, "block_kind",
              has_runs ? "Nội dung trên dòng đề mục chỉ có một loại: \"runs\" hoặc \"cited_documents\"."
                       : "Nội dung trên dòng đề mục cần \"runs\" hoặc \"cited_documents\".");
      return {};
    }
    return has_runs ? typed_runs(object["runs"]) : cited(object["cited_documents"]);
  }

  static std::vector<report::Run> cited(const json& value) {
    std::vector<std::string> documents;
    for (const auto& d : member(value, "documents"))
      if (d.is_string()) documents.push_back(d.get<std::string>());
    return cited_documents_runs(string_member(value, "lead"), documents);
  }

  void styled_rich(std::vector<report::Run> runs, const std::string& style) {
    if (style == "bullet") runs.insert(runs.begin(), report::Run{.text = "- "});
    if (style == "plus") runs.insert(runs.begin(), report::Run{.text = "+ "});
    outline_.rich(runs, style == "note" ? "VanthuNote" : "Normal");
  }

  void task_phases(const json& value, const std::string& path) {
    const json& phases = member(value, "phases");
    for (std::size_t i = 0; i < phases.size(); ++i) {
      const json& p = phases[i];
      Phase phase;
      phase.name = trim(string_member(p, "name"));
      if (phase.name.empty()) phase.name = "Giai đoạn " + std::to_string(i + 1);
      phase.assigned = integer_member(p, "assigned").value_or(0);
      phase.completed_on_time = integer_member(p, "completed_on_time").value_or(0);
      phase.completed_late = integer_member(p, "completed_late").value_or(0);
      phase.overdue = integer_member(p, "overdue").value_or(0);
      const std::int64_t accounted = phase.completed_on_time + phase.completed_late + phase.overdue;
      if (auto p = whole_below_parts(join(join(join(path, "phases"), i), "assigned"),
                                     phase.name + ": số nhiệm vụ được giao", phase.assigned,
                                     "số nhiệm vụ hoàn thành đúng hạn, hoàn thành quá hạn và quá hạn chưa hoàn thành",
                                     accounted)) {
        problems_.push_back(std::move(*p));
        continue;
      }
      std::string assignee = trim(string_member(value, "assignee"));
      if (assignee.empty()) assignee = "Ủy ban nhân dân " + unit_;
      PhaseText t = phase_text(phase, assignee);
      outline_.rich({{.text = "- "}, {.text = t.heading, .italic = true}}, "Normal");
      for (const auto& d : t.details) outline_.add("plus", "", d);
    }
  }

  void initiatives(const json& value, const std::string& path) {
    const std::int64_t received = integer_member(value, "received").value_or(0);
    const std::int64_t resolved = integer_member(value, "resolved").value_or(0);
    if (auto p = part_above_whole(join(path, "resolved"), "số PAKN, SKGP đã giải quyết", resolved, "số đã nhận được",
                                  received)) {
      problems_.push_back(std::move(*p));
      return;
    }
    auto lines = initiatives_lines(received, resolved);
    outline_.add("bullet", "", lines[0]);
    outline_.add("plus", "", lines[1]);
    outline_.add("plus", "", lines[2]);
  }

  void plan_tasks(const json& value, const std::string& path) {
    std::vector<std::string> completed, in_progress;
    for (const auto& t : member(value, "completed"))
      if (t.is_string() && !trim(t.get<std::string>()).empty()) completed.push_back(trim(t.get<std::string>()));
    for (const auto& t : member(value, "in_progress"))
      if (t.is_string() && !trim(t.get<std::string>()).empty()) in_progress.push_back(trim(t.get<std::string>()));
    std::optional<std::pair<int, int>> due;
    if (std::string d = string_member(value, "in_progress_due"); d.size() == 7) {
      due = std::make_pair(std::stoi(d.substr(0, 4)), std::stoi(d.substr(5, 2)));  // the schema's pattern
      if (in_progress.empty())
        problem(join(path, "in_progress_due"), "inconsistent",
                "Có thời hạn dự kiến hoàn thành nhưng không có nhiệm vụ nào đang triển khai (\"in_progress\").");
      else if (issued_ && issued_->month && *due < std::make_pair(issued_->year, *issued_->month))
        problem(join(path, "in_progress_due"), "due_before_report",
                "Thời hạn dự kiến hoàn thành (" + month_phrase(due->first, due->second) + ") trước tháng ban hành báo cáo (" +
                    month_phrase(issued_->year, *issued_->month) + ").");
    }
    if (completed.empty() && in_progress.empty()) {
      problem(join(path, "completed"), "required", "Cần ít nhất một nhiệm vụ đã hoàn thành hoặc đang triển khai.");
      return;
    }
    const auto done = static_cast<std::int64_t>(completed.size());
    const auto total = done + static_cast<std::int64_t>(in_progress.size());
    outline_.add("paragraph", "", plan_completed_phrase(string_member(value, "lead"), done, total));
    for (const auto& t : completed) outline_.add("plus", "", t);
    if (!in_progress.empty()) {
      outline_.add("bullet", "", plan_in_progress_phrase(static_cast<std::int64_t>(in_progress.size()), due));
      for (const auto& t : in_progress) outline_.add("plus", "", t);
    }
  }

  void reception(const json& value, const std::string& path) {
    Reception r;
    r.from = *date_member(value, "from");  // the schema: required real dates
    r.to = *date_member(value, "to");
    r.desk = string_member(value, "desk");
    r.received = integer_member(value, "received").value_or(0);
    r.online = integer_member(value, "online").value_or(0);
    r.resolved = integer_member(value, "resolved").value_or(0);
    r.withdrawn = integer_member(value, "withdrawn").value_or(0);
    for (const auto& f : member(value, "overdue")) r.overdue.push_back({string_member(f, "field"), integer_member(f, "count").value_or(0)});
    r.feedback_received = integer_member(value, "feedback_received").value_or(0);
    r.feedback_resolved = integer_member(value, "feedback_resolved").value_or(0);
    r.explanation = string_member(value, "explanation");
    r.late_reception = integer_member(value, "late_reception").value_or(0);

    const std::size_t before = problems_.size();
    if (r.to < r.from)
      problem(join(path, "to"), "inconsistent_period",
              "Ngày cuối của số liệu (" + r.to.dd_mm_yyyy() + ") trước ngày đầu (" + r.from.dd_mm_yyyy() + ").");
    else if (issued_ && issued_->last_day() < r.to)
      problem(join(path, "to"), "date_after_report",
              "Số liệu tính đến ngày " + r.to.dd_mm_yyyy() + ", sau ngày ban hành báo cáo.");
    auto not_above_received = [&](std::int64_t figure, const char* key, std::string_view name) {
      if (auto p = part_above_whole(join(path, key), name, figure, "tổng số hồ sơ tiếp nhận", r.received))
        problems_.push_back(std::move(*p));
    };
    not_above_received(r.online, "online", "số hồ sơ trực tuyến");
    not_above_received(r.resolved, "resolved", "số hồ sơ đã giải quyết");
    not_above_received(r.withdrawn, "withdrawn", "số hồ sơ rút");
    std::int64_t late = 0;
    for (const auto& f : r.overdue) late += f.count;
    not_above_received(late, "overdue", "số hồ sơ giải quyết quá hạn");
    not_above_received(r.late_reception, "late_reception", "số hồ sơ chậm tiếp nhận");
    if (auto p = part_above_whole(join(path, "feedback_resolved"), "số phản ánh, kiến nghị đã giải quyết",
                                  r.feedback_resolved, "số đã tiếp nhận", r.feedback_received))
      problems_.push_back(std::move(*p));
    if (problems_.size() == before) outline_.add("paragraph", "", reception_sentence(r));
  }

  void budget(const json& value, const std::string& path) {
    outline_.add("paragraph", "", budget_intro(static_cast<int>(integer_member(value, "year").value_or(0))));
    std::int64_t allocated = 0;
    for (const auto& s : member(value, "sources")) {
      auto amount = integer_member(s, "amount");
      allocated += amount.value_or(0);
      outline_.add("plus", "", budget_source_line(string_member(s, "label"), amount));
    }
    const json& d = member(value, "disbursement");
    if (!d.is_object()) return;
    auto spent = integer_member(d, "amount");
    if (spent && *spent > allocated) {
      problem(join(join(path, "disbursement"), "amount"), "inconsistent_total",
              "Kinh phí đã giải ngân (" + text::group_thousands(*spent) + "đ) lớn hơn tổng kinh phí bố trí (" +
                  text::group_thousands(allocated) + "đ).");
      return;
    }
    std::vector<report::Run> runs = {{.text = "- " + trim_end(string_member(d, "label"), ":") + ": "}};
    const json& what = member(d, "text");
    std::vector<report::Run> described;
    if (what.is_string()) described.push_back({.text = trim(what.get<std::string>())});
    else if (what.is_object()) described = inline_runs(what, join(join(path, "disbursement"), "text"));
    const std::string amount = spent ? money_phrase(*spent) : std::string("chưa có");
    if (runs_empty(described)) {
      runs.push_back({.text = amount});
    } else {
      runs.insert(runs.end(), described.begin(), described.end());
      runs.push_back({.text = " với tổng kinh phí: " + amount});
    }
    outline_.rich(runs, "Normal");
  }

  Outline outline_;
  Problems problems_;
  int depth_ = 0;
  std::optional<IssueDate> issued_;
  std::string unit_;  //!< phường, xã, đặc khu
};

}  // namespace

// --- The whole report -----------------------------------------------------------------------

plugin::Model build(const json& input) {
  const json& document = member(input, "document");
  const std::string date_text = string_member(document, "date");
  const std::optional<IssueDate> issued = IssueDate::parse(date_text);

  Builder body(issued, report::local_unit_from_input(input));
  if (!issued)
    body.problem("/document/date", "invalid_date",
                 "Ngày ban hành \"" + date_text + "\" không có trên lịch (viết YYYY-MM-DD, YYYY-MM hoặc YYYY).");
  body.content(member(input, "introduction"), "/introduction");
  body.children_of(member(input, "sections"), "/sections", std::nullopt, 0);
  body.content(member(input, "conclusion"), "/conclusion");
  if (!body.problems().empty()) throw plugin::InvalidInput(std::move(body.problems()));
  body.close();

  report::Header header = report::header_from_input(input);
  header.type_abbreviation = "BC";
  header.year = issued->year;

  const std::string subject = trim(string_member(input, "subject"));
  json data = report::header_fields(header);
  data["place_date_line"] = place_date_line(header.place, *issued);  // the month may be known without the day
  data.update(report::subject_fields(subject));
  data["body"] = body.take();
  data.update(report::closing_fields_from_input(input));

  std::string creator = text::upper(trim(header.name));
  std::replace(creator.begin(), creator.end(), '\n', ' ');
  std::string when;
  if (auto full = issued->full()) {
    when = full->dd_mm_yyyy();
    std::replace(when.begin(), when.end(), '/', '.');
  } else if (issued->month) {
    when = "tháng " + text::two_digits(*issued->month) + "." + std::to_string(issued->year);
  } else {
    when = "năm " + std::to_string(issued->year);
  }
  json meta = {
      {"title", "Báo cáo " + subject},
      {"creator", creator},
      {"created", report::w3c_datetime(issued->first_day())},
      {"file_name", "Báo cáo NQ57 " + trim(header.place) + " " + when + ".docx"},
  };
  return {std::move(meta), std::move(data)};
}

}  // namespace vanthu::nq57_periodic
