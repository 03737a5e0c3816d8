//! Use case: fill any DOCX template with any JSON data (docxtemplater's tag language, no report
//! type). Written once for `vanthu fill` and POST /v1/templates:render; each adapter only maps
//! the outcome to an exit code or an HTTP status.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "vanthu/problem.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::host {

struct FillRequest {
  std::string_view template_docx;
  std::string_view data_json;
  std::optional<vanthu::Delimiters> delimiters;
  bool strict = false;                  //!< a tag without a value is a problem, not a warning
  std::size_t max_template_size = 0;    //!< bytes; 0: the template's own size (already read)
  //! The files a {%x} image value may name ({"file": "anh.png"}): the request's other parts, or
  //! the files next to `vanthu fill`'s data. None: such a value is image_file_not_found.
  vanthu::ImageFiles image_files;
};

struct FillOutcome {
  enum class Status {
    ok,              //!< docx is set; `missing` lists the tags left empty
    bad_template,    //!< `issues`: every problem of the template (the upload checks, the tags)
    malformed_data,  //!< `problems`: the data is not JSON (line and column)
    invalid_data,    //!< `problems`: not UTF-8, control characters, duplicate keys, not an object
    render_limit,    //!< `problems`: the template with this data exceeds the render limits
    refused_value,   //!< `issues`: a {@x} value outside the allowlist (unsafe_xml), a {%x} image its checks
                     //!< refused (each with its JSON path: invalid_base64, unsupported_image, image_too_large, …)
    missing_values,  //!< `problems`: strict, and tags without a value
  };
  Status status = Status::ok;
  std::vector<vanthu::TemplateIssue> issues;
  vanthu::Problems problems;
  std::string docx;
  std::vector<std::string> missing;
};

FillOutcome fill_template(const FillRequest& request);

}  // namespace vanthu::host
