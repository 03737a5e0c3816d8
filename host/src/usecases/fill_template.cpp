#include "usecases/fill_template.hpp"

#include <algorithm>

#include "template_report.hpp"
#include "vanthu/input.hpp"

namespace vanthu::host {

FillOutcome fill_template(const FillRequest& request) {
  FillOutcome outcome;
  using Status = FillOutcome::Status;

  // The checks of an upload, every one: a file on disk is no more trusted than an upload.
  vanthu::TemplateOptions options;
  options.delimiters = request.delimiters;
  vanthu::PackageLimits limits;
  limits.max_size = request.max_template_size ? request.max_template_size
                                              : std::max(limits.max_size, request.template_docx.size());
  vanthu::TemplateCheck check = vanthu::check_template(request.template_docx, options, template_check_options(nullptr, limits));
  if (!check.issues.empty() || !check.parsed) {
    outcome.status = Status::bad_template;
    outcome.issues = std::move(check.issues);
    return outcome;
  }

  vanthu::InputDocument data = vanthu::read_input(request.data_json);
  if (data.malformed || !data.problems.empty()) {
    outcome.status = data.malformed ? Status::malformed_data : Status::invalid_data;
    outcome.problems = std::move(data.problems);
    return outcome;
  }
  if (!data.value.is_object()) {
    outcome.status = Status::invalid_data;
    outcome.problems = {{"", "type", "Dữ liệu điền mẫu phải là một đối tượng JSON {…}."}};
    return outcome;
  }

  vanthu::RenderResult rendered;
  try {
    vanthu::RenderOptions render_options;
    render_options.image_files = request.image_files;
    rendered = vanthu::render(*check.parsed, data.value, render_options);
  } catch (const vanthu::RenderLimitError& e) {
    outcome.status = Status::render_limit;
    outcome.problems = {{"", "render_limit", e.what()}};
    return outcome;
  }
  if (!rendered.refused.empty()) {
    outcome.status = Status::refused_value;
    outcome.issues = std::move(rendered.refused);
    return outcome;
  }
  if (request.strict && !rendered.missing.empty()) {
    outcome.status = Status::missing_values;
    for (const auto& tag : rendered.missing)
      outcome.problems.push_back({"", "missing_value", "Thẻ " + tag + " không có giá trị trong dữ liệu."});
    return outcome;
  }
  outcome.docx = std::move(rendered.docx);
  outcome.missing = std::move(rendered.missing);
  return outcome;
}

}  // namespace vanthu::host
