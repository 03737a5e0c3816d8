#include "messages.hpp"

#include <cstdio>

namespace vanthu::host {

std::string problem_line(const vanthu::Problem& problem) {
  std::string where = problem.path.empty() ? "(toàn bộ)" : problem.path;
  return where + ": " + problem.message + " [" + problem.code + "]";
}

std::string template_issue_line(const vanthu::TemplateIssue& issue) {
  std::string line = issue.part.empty() ? "(mẫu)" : issue.part;
  if (!issue.paragraph.empty()) line += ", đoạn «" + issue.paragraph + "»";
  else if (!issue.tag.empty()) line += ", thẻ " + issue.tag;
  return line + ": " + issue.message + " [" + issue.code + "]";
}

std::string template_issues_text(const std::vector<vanthu::TemplateIssue>& issues) {
  std::string text;
  for (const auto& issue : issues) {
    if (!text.empty()) text += "; ";
    text += template_issue_line(issue);
  }
  return text;
}

std::string log_safe(std::string_view text, std::size_t max_bytes) {
  std::string out;
  for (unsigned char c : text) {
    if (out.size() >= max_bytes) {
      out += "…";
      break;
    }
    if (c < 0x20 || c == 0x7f) {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", c);
      out += escaped;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace vanthu::host
