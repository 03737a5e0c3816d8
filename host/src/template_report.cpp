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

json issue_json(const vanthu::TemplateIssue& issue) {
  return {{"path", issue.path}, {"code", issue.code},         {"message", issue.message},
          {"part", issue.part}, {"paragraph", issue.paragraph}, {"tag", issue.tag}};
}

json issues_body(const std::vector<vanthu::TemplateIssue>& issues) {
  json errors = json::array();
  for (const auto& issue : issues) errors.push_back(issue_json(issue));
  return {{"errors", std::move(errors)}};
}

json check_report_json(const vanthu::TemplateCheck& check, const ReportType* type) {
  json tags = json::array();
  for (const auto& tag : check.tags) {
    tags.push_back({{"part", tag.part},
                    {"paragraph", tag.paragraph},
                    {"paragraph_index", tag.paragraph_index},
                    {"tag", tag.tag},
                    {"kind", tag.kind},
                    {"path", tag.path},
                    {"filters", tag.filters},
                    {"mode", tag.mode.empty() ? json(nullptr) : json(tag.mode)},
                    {"depth", tag.depth}});
  }
  json report = {{"valid", check.issues.empty()},
                 {"report_type", type ? json(type->id) : json(nullptr)},
                 {"model_checked", type != nullptr && !type->example_data.is_null()},
                 {"delimiters", vanthu::delimiters_text(check.delimiters)},
                 {"tags", std::move(tags)},
                 {"shape", check.shape}};
  report["errors"] = issues_body(check.issues)["errors"];
  report["warnings"] = issues_body(check.warnings)["errors"];
  return report;
}

namespace {

const char* kind_text(const std::string& kind) {
  if (kind == "value") return "giá trị";
  if (kind == "section") return "mở đoạn lặp/điều kiện";
  if (kind == "inverted") return "mở đoạn ngược";
  if (kind == "end") return "đóng";
  if (kind == "raw") return "đoạn XML";
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
    out << "\nCảnh báo (" << check.warnings.size() << "):\n";
    for (const auto& warning : check.warnings) out << "  " << template_issue_line(warning) << "\n";
  }
  if (check.issues.empty()) {
    out << "\nKhông có lỗi.\n";
    return;
  }
  out << "\nLỗi (" << check.issues.size() << "):\n";
  for (const auto& issue : check.issues) out << "  " << template_issue_line(issue) << "\n";
}

}  // namespace vanthu::host
