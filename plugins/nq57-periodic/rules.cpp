//! nq57-periodic: the report's outline and figures as the template's model, and its semantic
//! checks. Specification: seeds 001 (An Hải, Nov 2025) and 003 (Hồng Bàng, 2025) in shared/seeds/.
//! The wording (the sentences around the figures, "Không phát sinh nội dung mới.", "./.") is in
//! the template, templates/nq57-periodic/word/document.xml; heading numbers come from the heading
//! styles (report::finish_body).
#include "rules.hpp"

#include <algorithm>
#include <array>
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

using text::trim_end;

//! part/whole as the seeds print rates ("100%", "81,6%"); "" when there is no whole (the
//! template prints no rate then).
std::string rate(std::int64_t part, std::int64_t whole) { return whole > 0 ? text::percent(part, whole, 1).value_or("0%") : ""; }

//! "820.000.000đ (Bằng chữ: Tám trăm hai mươi triệu đồng chẵn)", as the template's
//! "{amount | so}đ (Bằng chữ: {amount | bang_chu})" prints it: for the one raw paragraph that
//! states an amount (a disbursement whose text has formatting).
std::string money_phrase(std::int64_t amount) {
  return text::group_thousands(amount) + "đ (Bằng chữ: " + text::money_in_words(amount) + ")";
}

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

std::string month_phrase(int year, int month) {
  return "tháng " + (month <= 2 ? text::two_digits(month) : std::to_string(month)) + " năm " + std::to_string(year);
}

// --- Numbered references ----------------------------------------------------------------------

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

constexpr std::array<std::pair<std::string_view, Level>, 7> kLevels = {{{"part", Level::part},
                                                                        {"chapter", Level::chapter},
                                                                        {"section", Level::section},
                                                                        {"subsection", Level::subsection},
                                                                        {"item", Level::item},
                                                                        {"heading", Level::heading},
                                                                        {"dash", Level::dash}}};

std::optional<Level> level_of(const std::string& name) {
  for (const auto& [n, l] : kLevels)
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

//! The paragraph style of a heading line that carries the clerk's text (the template's
//! "…Text" styles; report::finish_body numbers the numbered ones).
std::string line_style(Level l) {
  switch (l) {
    case Level::part: return "Normal";  // a part's line holds only its title: the text goes under it
    case Level::chapter: return "VanthuChapterText";
    case Level::section: return "VanthuSectionText";
    case Level::subsection: return "VanthuSubsectionText";
    case Level::item: return "VanthuItemText";
    case Level::heading:
    case Level::dash: return "VanthuHeadingText";
  }
  return "Normal";
}

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

//! A block of the model with every key the template's content loop reads, none of them set.
json empty_block() {
  return {{"paragraph", false}, {"label", ""},          {"marker", ""},    {"text", ""},
          {"note", false},      {"xml", ""},            {"phases", json::array()}, {"initiatives", json::array()},
          {"plan", json::array()}, {"reception", json::array()}, {"budget", json::array()}};
}

//! An entry of the model's "sections" with every key the template reads, no level set: the
//! introduction's and the conclusion's paragraphs, which have no heading.
json empty_entry() {
  json entry = json::object();
  for (const auto& [name, level] : kLevels) entry[std::string(name)] = false;
  entry["title"] = "";
  entry["text"] = "";
  entry["line_xml"] = "";
  entry["nothing_new"] = false;
  entry["nothing_new_on_line"] = false;
  entry["content"] = json::array();
  return entry;
}

class Builder {
 public:
  explicit Builder(std::optional<IssueDate> issued) : issued_(issued) {}

  //! The introduction or the conclusion: an entry without a heading, when it has paragraphs.
  void paragraphs_only(const json& blocks, const std::string& path) {
    json entry = empty_entry();
    entry["content"] = content(blocks, path);
    if (!entry["content"].empty()) sections_.push_back(std::move(entry));
  }

  //! The blocks of a content array, in the shape of the template's content loop.
  json content(const json& blocks, const std::string& path) {
    json out = json::array();
    if (!blocks.is_array()) return out;
    for (std::size_t i = 0; i < blocks.size(); ++i) block(blocks[i], join(path, i), out);
    return out;
  }

  //! A node and everything under it. `ancestor` is the nearest numbered heading above it.
  void node(const json& n, const std::string& path, std::optional<Level> ancestor) {
    const Level level = *level_of(string_member(n, "level"));  // the schema's enum
    const std::string title = report::clerk_text(string_member(n, "title"));

    const json& children = member(n, "sections");
    const bool has_children = children.is_array() && !children.empty();
    if (has_children && !numbered(level))
      problem(join(path, "sections"), "unnumbered_with_sections",
              "Đề mục không đánh số (\"" + trim(string_member(n, "title")) + "\") không chứa được đề mục con; hãy đưa nội dung vào \"content\" "
              "hoặc dùng cấp đánh số.");

    json entry = empty_entry();
    for (const auto& [name, l] : kLevels) entry[std::string(name)] = l == level;
    entry["title"] = title;

    // What the clerk wrote on the heading's line: plain text the template prints, or runs with
    // formatting (references in superscript) as the whole line, a raw paragraph.
    const json& inline_text = member(n, "text");
    bool inline_said = false;
    if (inline_text.is_string()) {
      entry["text"] = report::clerk_text(inline_text.get<std::string>());
      inline_said = !entry["text"].get<std::string>().empty();
    } else if (inline_text.is_object()) {
      std::vector<report::Run> runs = inline_runs(inline_text, join(path, "text"));
      if (!runs_empty(runs)) {
        std::vector<report::Run> line;
        if (level != Level::part) {
          const bool upper = level == Level::chapter;
          const std::string shown = level == Level::dash ? "- " + title : upper ? text::upper(title) : title;
          line.push_back({.text = shown + " ", .bold = level != Level::item, .italic = level == Level::item});
        }
        line.insert(line.end(), runs.begin(), runs.end());
        entry["line_xml"] = report::paragraph_xml(line_style(level), line);
        inline_said = true;
      }
    }

    const std::size_t at = sections_.size();
    sections_.push_back(entry);
    json blocks = content(member(n, "content"), join(path, "content"));
    const bool any_content = !blocks.empty();
    sections_[at]["content"] = std::move(blocks);

    // Children, numbered among their siblings (the finisher numbers them; here their levels are checked).
    std::optional<Level> numbered_here = numbered(level) ? std::optional<Level>(level) : ancestor;
    if (has_children && numbered(level)) children_of(children, join(path, "sections"), numbered_here);

    if (!inline_said && !any_content && !has_children) {
      // Nothing happened under this heading: the template says so after a colon on the
      // heading's line, or in a paragraph of its own (a part's line holds only its title; never
      // glued to a heading that does not end in ":").
      const bool colon = level != Level::part && !title.empty() && title.back() == ':';
      sections_[at][colon ? "nothing_new_on_line" : "nothing_new"] = true;
    }
  }

  //! Sibling headings: the same numbered level, deeper than the heading they are in.
  void children_of(const json& list, const std::string& path, std::optional<Level> ancestor) {
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
      node(n, here, ancestor);
    }
  }

  void block(const json& b, const std::string& path, json& out) {
    if (b.is_string()) {
      json items = report::content_items(json::array({b}));
      if (!items.empty()) out.push_back(paragraph(items[0]));
      return;
    }
    if (!b.is_object()) return;
    static constexpr std::array<const char*, 8> kinds = {"text",        "runs",       "cited_documents", "task_phases",
                                                         "initiatives", "plan_tasks", "reception",       "budget"};
    std::vector<std::string> present;
    for (const char* k : kinds)
      if (b.contains(k)) present.push_back(k);
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
      if (trim_end(string_member(b, "label"), ":").empty()) {
        problem(join(path, "label"), "required", "Tiêu đề đoạn không được để trống.");
        return;
      }
      // "Label: text", or "Label: Không phát sinh nội dung mới." (the template's) when the text is empty.
      out.push_back(paragraph(report::content_items(json::array({{{"label", string_member(b, "label")},
                                                                   {"text", string_member(b, "text")}}}))[0]));
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
      json items = report::content_items(json::array({{{"text", value}, {"style", style}}}));
      if (!items.empty()) out.push_back(paragraph(items[0]));
    } else if (kind == "runs") {
      std::vector<report::Run> runs = typed_runs(value);
      if (!runs_empty(runs)) out.push_back(rich(std::move(runs), style));
    } else if (kind == "cited_documents") {
      out.push_back(rich(cited(value), style));
    } else if (kind == "task_phases") {
      task_phases(value, here, out);
    } else if (kind == "initiatives") {
      initiatives(value, here, out);
    } else if (kind == "plan_tasks") {
      plan_tasks(value, here, out);
    } else if (kind == "reception") {
      reception(value, here, out);
    } else if (kind == "budget") {
      budget(value, here, out);
    }
  }

  json take() { return std::move(sections_); }
  Problems& problems() { return problems_; }
  void problem(std::string path, std::string code, std::string message) {
    problems_.push_back({std::move(path), std::move(code), std::move(message)});
  }

 private:
  //! A paragraph the clerk typed (report::content_items' item: label, marker, text, note).
  static json paragraph(const json& item) {
    json b = empty_block();
    b.update(item);
    b["paragraph"] = true;
    return b;
  }

  //! A paragraph of runs with formatting: a raw paragraph, the only thing a template cannot say.
  static json rich(std::vector<report::Run> runs, const std::string& style) {
    if (style == "bullet") runs.insert(runs.begin(), report::Run{.text = "- "});
    if (style == "plus") runs.insert(runs.begin(), report::Run{.text = "+ "});
    json b = empty_block();
    b["xml"] = report::paragraph_xml(style == "note" ? "VanthuNote" : "Normal", runs);
    return b;
  }

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

  //! Each phase's counts and rates; in progress on time = assigned - completed - overdue.
  void task_phases(const json& value, const std::string& path, json& out) {
    const json& phases = member(value, "phases");
    json list = json::array();
    for (std::size_t i = 0; i < phases.size(); ++i) {
      const json& p = phases[i];
      const std::string name = report::clerk_text(string_member(p, "name"));
      const std::int64_t assigned = integer_member(p, "assigned").value_or(0);
      const std::int64_t on_time = integer_member(p, "completed_on_time").value_or(0);
      const std::int64_t late = integer_member(p, "completed_late").value_or(0);
      const std::int64_t overdue = integer_member(p, "overdue").value_or(0);
      if (auto problem = whole_below_parts(join(join(join(path, "phases"), i), "assigned"),
                                           (name.empty() ? "Giai đoạn " + std::to_string(i + 1) : trim(string_member(p, "name"))) +
                                               ": số nhiệm vụ được giao",
                                           assigned,
                                           "số nhiệm vụ hoàn thành đúng hạn, hoàn thành quá hạn và quá hạn chưa hoàn thành",
                                           on_time + late + overdue)) {
        problems_.push_back(std::move(*problem));
        continue;
      }
      const std::int64_t completed = on_time + late;
      const std::int64_t in_progress = assigned - completed - overdue;
      list.push_back({{"name", name},  // "" : the template writes "Giai đoạn {number}"
                      {"number", static_cast<std::int64_t>(i + 1)},
                      {"assignee", report::clerk_text(string_member(value, "assignee"))},  // "": "Ủy ban nhân dân {unit}"
                      {"assigned", assigned},
                      {"completed", completed},
                      {"on_time", on_time},
                      {"late", late},
                      {"in_progress", in_progress},
                      {"overdue", overdue},
                      {"completed_rate", rate(completed, assigned)},
                      {"in_progress_rate", rate(in_progress, assigned)},
                      {"overdue_rate", rate(overdue, assigned)}});
    }
    if (list.empty()) return;
    json b = empty_block();
    b["phases"] = std::move(list);
    out.push_back(std::move(b));
  }

  void initiatives(const json& value, const std::string& path, json& out) {
    const std::int64_t received = integer_member(value, "received").value_or(0);
    const std::int64_t resolved = integer_member(value, "resolved").value_or(0);
    if (auto p = part_above_whole(join(path, "resolved"), "số PAKN, SKGP đã giải quyết", resolved, "số đã nhận được",
                                  received)) {
      problems_.push_back(std::move(*p));
      return;
    }
    json b = empty_block();
    b["initiatives"] = json::array({{{"received", received}, {"resolved", resolved}, {"backlog", received - resolved}}});
    out.push_back(std::move(b));
  }

  void plan_tasks(const json& value, const std::string& path, json& out) {
    json completed = json::array(), in_progress = json::array();
    for (const auto& t : member(value, "completed"))
      if (t.is_string() && !trim(t.get<std::string>()).empty()) completed.push_back(report::clerk_text(t.get<std::string>()));
    for (const auto& t : member(value, "in_progress"))
      if (t.is_string() && !trim(t.get<std::string>()).empty()) in_progress.push_back(report::clerk_text(t.get<std::string>()));
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
    const auto going = static_cast<std::int64_t>(in_progress.size());
    json plan = {{"lead", report::clerk_text(trim_end(string_member(value, "lead"), ",;:"))},
                 {"completed_count", done},
                 {"total", done + going},
                 {"completed", std::move(completed)},
                 {"in_progress_count", going},
                 {"in_progress", std::move(in_progress)},
                 // The due month as the decree writes it (01, 02, 3, …, 12), "" when none.
                 {"due_month", due ? (due->second <= 2 ? text::two_digits(due->second) : std::to_string(due->second)) : ""},
                 {"due_year", due ? json(due->first) : json("")}};
    json b = empty_block();
    b["plan"] = json::array({std::move(plan)});
    out.push_back(std::move(b));
  }

  void reception(const json& value, const std::string& path, json& out) {
    const Date from = *date_member(value, "from");  // the schema: required real dates
    const Date to = *date_member(value, "to");
    const std::int64_t received = integer_member(value, "received").value_or(0);
    const std::int64_t online = integer_member(value, "online").value_or(0);
    const std::int64_t resolved = integer_member(value, "resolved").value_or(0);
    const std::int64_t withdrawn = integer_member(value, "withdrawn").value_or(0);
    const std::int64_t feedback_received = integer_member(value, "feedback_received").value_or(0);
    const std::int64_t feedback_resolved = integer_member(value, "feedback_resolved").value_or(0);
    const std::int64_t late_reception = integer_member(value, "late_reception").value_or(0);
    json overdue = json::array();
    std::int64_t late = 0;
    const json& fields = member(value, "overdue");
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const std::int64_t n = integer_member(fields[i], "count").value_or(0);
      late += n;
      overdue.push_back({{"field", report::clerk_text(string_member(fields[i], "field"))},
                         {"count", n},
                         {"last", i + 1 == fields.size()}});
    }

    const std::size_t before = problems_.size();
    if (to < from)
      problem(join(path, "to"), "inconsistent_period",
              "Ngày cuối của số liệu (" + to.dd_mm_yyyy() + ") trước ngày đầu (" + from.dd_mm_yyyy() + ").");
    else if (issued_ && issued_->last_day() < to)
      problem(join(path, "to"), "date_after_report", "Số liệu tính đến ngày " + to.dd_mm_yyyy() + ", sau ngày ban hành báo cáo.");
    auto not_above_received = [&](std::int64_t figure, const char* key, std::string_view name) {
      if (auto p = part_above_whole(join(path, key), name, figure, "tổng số hồ sơ tiếp nhận", received))
        problems_.push_back(std::move(*p));
    };
    not_above_received(online, "online", "số hồ sơ trực tuyến");
    not_above_received(resolved, "resolved", "số hồ sơ đã giải quyết");
    not_above_received(withdrawn, "withdrawn", "số hồ sơ rút");
    not_above_received(late, "overdue", "số hồ sơ giải quyết quá hạn");
    not_above_received(late_reception, "late_reception", "số hồ sơ chậm tiếp nhận");
    if (auto p = part_above_whole(join(path, "feedback_resolved"), "số phản ánh, kiến nghị đã giải quyết", feedback_resolved,
                                  "số đã tiếp nhận", feedback_received))
      problems_.push_back(std::move(*p));
    if (problems_.size() != before) return;

    // Brackets a clerk typed around the explanation are the template's to write.
    std::string explanation = trim(string_member(value, "explanation"));
    if (explanation.size() >= 2 && explanation.front() == '(' && explanation.back() == ')')
      explanation = trim(explanation.substr(1, explanation.size() - 2));
    const std::int64_t pending = received - resolved;
    json figures = {{"one_day", from == to},
                    {"from", short_date(from, from.year != to.year)},  // "01/7"; with its year when the years differ
                    {"to", short_date(to, true)},                      // "06/11/2025"
                    {"desk", report::clerk_text(string_member(value, "desk"))},
                    {"received", received},
                    {"online", online},
                    {"direct", received - online},
                    {"resolved", resolved},
                    {"resolved_rate", rate(resolved, received)},
                    {"pending", pending},
                    {"pending_rate", rate(pending, received)},
                    {"withdrawn", withdrawn},
                    {"withdrawn_rate", rate(withdrawn, received)},
                    {"late", late},
                    {"overdue", std::move(overdue)},
                    {"feedback_received", feedback_received},
                    {"feedback_resolved", feedback_resolved},
                    {"feedback_pending", feedback_received - feedback_resolved},
                    {"online_rate", rate(online, received)},
                    {"explanation", report::clerk_text(explanation)},
                    {"late_reception", late_reception}};
    json b = empty_block();
    b["reception"] = json::array({std::move(figures)});
    out.push_back(std::move(b));
  }

  void budget(const json& value, const std::string& path, json& out) {
    std::int64_t allocated = 0;
    json sources = json::array();
    for (const auto& s : member(value, "sources")) {
      auto amount = integer_member(s, "amount");
      allocated += amount.value_or(0);
      sources.push_back({{"label", report::clerk_text(trim_end(string_member(s, "label"), ":"))},
                         {"has_amount", amount.has_value()},
                         {"amount", amount.value_or(0)}});
    }
    json figures = {{"year", integer_member(value, "year").value_or(0)},
                    {"sources", std::move(sources)},
                    {"disbursement", json::array()}};
    const json& d = member(value, "disbursement");
    if (d.is_object()) {
      auto spent = integer_member(d, "amount");
      if (spent && *spent > allocated) {
        problem(join(join(path, "disbursement"), "amount"), "inconsistent_total",
                "Kinh phí đã giải ngân (" + text::group_thousands(*spent) + "đ) lớn hơn tổng kinh phí bố trí (" +
                    text::group_thousands(allocated) + "đ).");
        return;
      }
      const std::string label = report::clerk_text(trim_end(string_member(d, "label"), ":"));
      json line = {{"label", label}, {"text", ""}, {"xml", ""}, {"has_amount", spent.has_value()}, {"amount", spent.value_or(0)}};
      const json& what = member(d, "text");
      if (what.is_string()) {
        line["text"] = report::clerk_text(what.get<std::string>());
      } else if (what.is_object()) {
        // What was spent, with formatting: the whole line is a raw paragraph, in the words of
        // the template's plain line.
        std::vector<report::Run> described = inline_runs(what, join(join(path, "disbursement"), "text"));
        if (!runs_empty(described)) {
          std::vector<report::Run> runs = {{.text = "- " + label + ": "}};
          runs.insert(runs.end(), described.begin(), described.end());
          runs.push_back({.text = " với tổng kinh phí: " + (spent ? money_phrase(*spent) : std::string("chưa có"))});
          line["xml"] = report::paragraph_xml("Normal", runs);
        }
      }
      figures["disbursement"].push_back(std::move(line));
    }
    json b = empty_block();
    b["budget"] = json::array({std::move(figures)});
    out.push_back(std::move(b));
  }

  json sections_ = json::array();
  Problems problems_;
  int depth_ = 0;
  std::optional<IssueDate> issued_;
};

}  // namespace

// --- The whole report -----------------------------------------------------------------------

plugin::Model build(const json& input) {
  const json& document = member(input, "document");
  const std::string date_text = string_member(document, "date");
  const std::optional<IssueDate> issued = IssueDate::parse(date_text);

  Builder body(issued);
  if (!issued)
    body.problem("/document/date", "invalid_date",
                 "Ngày ban hành \"" + date_text + "\" không có trên lịch (viết YYYY-MM-DD, YYYY-MM hoặc YYYY).");
  body.paragraphs_only(member(input, "introduction"), "/introduction");
  body.children_of(member(input, "sections"), "/sections", std::nullopt);
  body.paragraphs_only(member(input, "conclusion"), "/conclusion");
  if (!body.problems().empty()) throw plugin::InvalidInput(std::move(body.problems()));

  report::Header header = report::header_from_input(input);
  header.type_abbreviation = "BC";
  header.year = issued->year;

  const std::string subject = trim(string_member(input, "subject"));
  json data = report::header_fields(header);
  data["place_date_line"] = place_date_line(header.place, *issued);  // the month may be known without the day
  data.update(report::subject_fields(subject));
  data["unit"] = report::local_unit_from_input(input);  // phường, xã, đặc khu: "Ủy ban nhân dân {unit}" when a phase names no assignee
  data["sections"] = body.take();
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
