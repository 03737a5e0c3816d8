//! What `vanthu check` and POST /v1/templates:check say about a template, as JSON and as text,
//! and the checks every template a user brings goes through (upload, render, check).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin_registry.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::host {

//! The checks for a template someone brings: package checks with `limits`; with a report type,
//! its example model's fields and the parts its model replaces.
vanthu::CheckOptions template_check_options(const ReportType* type, const vanthu::PackageLimits& limits);

//! Tags listed in a check report; the others are counted (tags_total, tags_omitted).
inline constexpr std::size_t kMaxListedTags = 1000;

//! {"path", "code", "message", "part", "paragraph", "tag"}: an error of the API's error body.
//! Each text is cut (UTF-8-safe, "…") to a few KB, so an item's size does not follow the template's.
nlohmann::json issue_json(const vanthu::TemplateIssue& issue);
//! {"errors": [...]} of template issues, capped as vanthu::errors_body caps problems: at most
//! kMaxProblems listed; beyond them the list ends with one too_many_problems item and the body
//! has "errors_total" and "errors_omitted". `warnings`: the item's message speaks of warnings.
nlohmann::json issues_body(const std::vector<vanthu::TemplateIssue>& issues, bool warnings = false);

//! The check's report:
//!   {"valid": bool, "report_type": id | null, "model_checked": bool, "delimiters": "{ }",
//!    "tags": [{"part", "paragraph", "paragraph_index", "tag", "kind", "path", "filters", "mode",
//!              "depth"}],
//!    "shape": {...}, "errors": [...], "warnings": [...]}  (warnings never make it invalid)
//! Lists are capped: the first kMaxListedTags tags, then "tags_total" and "tags_omitted"; errors
//! and warnings as issues_body ("errors_total"/"errors_omitted", "warnings_total"/"warnings_omitted").
nlohmann::json check_report_json(const vanthu::TemplateCheck& check, const ReportType* type);

//! The same report for a terminal, in Vietnamese: tags with where they are, the data shape,
//! then every problem, one line each.
void print_check_report(const vanthu::TemplateCheck& check, const ReportType* type, const std::string& name,
                        std::ostream& out);

}  // namespace vanthu::host
