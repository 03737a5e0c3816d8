//! multipart/form-data bodies (RFC 7578): the fields of a template upload, render or check.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace vanthu::host::http {

//! One part of a multipart/form-data body.
struct FormPart {
  std::string file_name;  //!< from Content-Disposition; empty for a plain field
  std::string content;
};

//! Reads a multipart/form-data body (at most 16 parts, each field once) into `parts` by field
//! name, or gives the error to answer (415 not multipart, 411, 413, 400 malformed).
std::optional<Response> read_form(const Request& request, std::size_t max_upload, std::map<std::string, FormPart>& parts);

}  // namespace vanthu::host::http
