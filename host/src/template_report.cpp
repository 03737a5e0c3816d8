#include "template_report.hpp"

#include "messages.hpp"

namespace vanthu::host {

using json = nlohmann::json;

vanthu::CheckOptions template_check_options(const ReportType* type, const vanthu::PackageLimits& limits) {
  vanthu::CheckOptions options;
  options.package = true;
  options.limits = limits;
  if (type) {
    if (!type->example_data.is_null()) options.model_data = &type->example_data;
    options.required_parts = type->required_parts;
  }
  return options;
}

namespace {

//! At most `max` bytes of `text` (not cutting a character), with "…" when cut.
std::string clip(const std::string& text, std::size_t max) {
  if (text.size() <= max) return text;
  std::size_t cut = max;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut) + "…";
}

// Longest texts of one listed item (the engine already cuts paragraphs to 2,000 bytes).
constexpr std::size_t kLongestParagraph = 2100;
constexpr std::size_t kLongestMessage = 4000;
constexpr std::size_t kLongestName = 300;  // a tag, a path, a part

//! The listed items of a capped issue list and the counts of the body ("errors_total", ...).
void add_issue_list(json& body, const std::string& key, const std::vector<vanthu::TemplateIssue>& issues, bool warnings) {
  json list = json::array();
  std::size_t listed = 0, omitted = 0;
  for (const auto& issue : issues) {
    if (issue.code == vanthu::kTooManyProblems) {
      omitted += issue.omitted;
    } else if (listed < vanthu::kMaxProblems) {
      list.push_back(issue_json(issue));
      ++listed;
    } else {
      ++omitted;
    }
  }
  if (omitted > 0) {
    vanthu::TemplateIssue end;
    end.code = std::string(vanthu::kTooManyProblems);
    end.message = vanthu::too_many_problems_message(omitted, warnings);
    list.push_back(issue_json(end));
    body[key + "_total"] = listed + omitted;
    body[key + "_omitted"] = omitted;
  }
  body[key] = std::move(list);
}

}  // namespace

json issue_json(const vanthu::TemplateIssue& issue) {
  return {{"path", clip(issue.path, kLongestName)},
          {"code", issue.code},
          {"message", clip(issue.message, kLongestMessage)},
          {"part", clip(issue.part, kLongestName)},
          {"paragraph", clip(issue.paragraph, kLongestParagraph)},
          {"tag", clip(issue.tag, kLongestName)}};
}

json issues_body(const std::vector<vanthu::TemplateIssue>& issues, bool warnings) {
  json body = json::object();
  add_issue_list(body, "errors", issues, warnings);
  return body;
}

json check_report_json(const vanthu::TemplateCheck& check, const ReportType* type) {
  json tags = json::array();
  for (std::size_t i = 0; i < check.tags.size() && i < kMaxListedTags; ++i) {
    const vanthu::TagInfo& tag = check.tags[i];
    json filters = json::array();
    for (const std::string& filter : tag.filters) filters.push_back(clip(filter, kLongestName));
    tags.push_back({{"part", clip(tag.part, kLongestName)},
                    {"paragraph", clip(tag.paragraph, kLongestParagraph)},
                    {"paragraph_index", tag.paragraph_index},
                    {"tag", clip(tag.tag, kLongestName)},
                    {"kind", tag.kind},
                    {"path", clip(tag.path, kLongestName)},
                    {"filters", std::move(filters)},
                    {"mode", tag.mode.empty() ? json(nullptr) : json(tag.mode)},
                    {"depth", tag.depth}});
    if (tag.expression) {  // {#so_luong > 0}: the fields the condition reads
      json operands = json::array();
      for (const std::string& operand : tag.operands) operands.push_back(clip(operand, kLongestName));
      tags.back()["operands"] = std::move(operands);
    }
  }
  json report = {{"valid", check.issues.empty()},
                 {"report_type", type ? json(type->id) : json(nullptr)},
                 {"model_checked", type != nullptr && !type->example_data.is_null()},
                 {"delimiters", vanthu::delimiters_text(check.delimiters)},
                 {"tags", std::move(tags)},
                 {"shape", check.shape}};
  if (check.tags.size() > kMaxListedTags) {
    report["tags_total"] = check.tags.size();
    report["tags_omitted"] = check.tags.size() - kMaxListedTags;
  }
  add_issue_list(report, "errors", check.issues, false);
  add_issue_list(report, "warnings", check.warnings, true);
  return report;
}

namespace {

const char* kind_text(const std::string& kind) {
  if (kind == "value") return "giá trị";
  if (kind == "section") return "mở đoạn lặp/điều kiện";
  if (kind == "inverted") return "mở đoạn ngược";
  if (kind == "end") return "đóng";
  if (kind == "raw") return "đoạn XML";
  if (kind == "image") return "ảnh";
  return "thẻ";
}

const char* mode_text(const std::string& mode) {
  if (mode == "inline") return ", trong đoạn văn";
  if (mode == "paragraphs") return ", lặp cả đoạn văn";
  if (mode == "rows") return ", lặp hàng bảng";
  return "";
}

}  // namespace

void print_check_report(const vanthu::TemplateCheck& check, const ReportType* type, const std::string& name,
                        std::ostream& out) {
  out << "Mẫu " << name << " — dấu thẻ \"" << vanthu::delimiters_text(check.delimiters) << "\"";
  if (type) out << ", đối chiếu với loại báo cáo " << type->id;
  if (type && type->example_data.is_null()) out << " (không dựng được mô hình ví dụ: không đối chiếu trường)";
  out << "\n\nThẻ (" << check.tags.size() << "):\n";
  std::string part;
  for (const auto& tag : check.tags) {
    if (tag.part != part) {
      part = tag.part;
      out << "  " << part << "\n";
    }
    out << "    đoạn " << (tag.paragraph_index + 1) << " «" << tag.paragraph << "»: " << std::string(2 * tag.depth, ' ')
        << tag.tag << " (" << kind_text(tag.kind) << mode_text(tag.mode) << ")\n";
  }
  out << "\nDữ liệu mẫu cần:\n" << check.shape.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
  if (!check.warnings.empty()) {
    out << "\nCảnh báo (" << vanthu::total_count(check.warnings) << "):\n";
    for (const auto& warning : check.warnings) out << "  " << template_issue_line(warning) << "\n";
  }
  if (check.issues.empty()) {
    out << "\nKhông có lỗi.\n";
    return;
  }
  out << "\nLỗi (" << vanthu::total_count(check.issues) << "):\n";
  for (const auto& issue : check.issues) out << "  " << template_issue_line(issue) << "\n";
}

}  // namespace vanthu::host
