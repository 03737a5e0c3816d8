//! How problems read on a terminal and in the log: one line each, "where: what [code]".
#pragma once

#include <string>
#include <vector>

#include "vanthu/problem.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::host {

//! "/items/0/name: Thiếu trường bắt buộc [required]"; the whole document ("" path) reads
//! "(toàn bộ)".
std::string problem_line(const vanthu::Problem& problem);

//! "word/document.xml, đoạn «Kính gửi {#to}»: Thẻ mở {#to} chưa được đóng [unclosed_section]".
std::string template_issue_line(const vanthu::TemplateIssue& issue);

//! The issues of a template error joined with "; " (for one log line).
std::string template_issues_text(const std::vector<vanthu::TemplateIssue>& issues);

//! Text made safe for a single log line: control characters shown as \xNN, cut at `max_bytes`.
std::string log_safe(std::string_view text, std::size_t max_bytes = 300);

}  // namespace vanthu::host
