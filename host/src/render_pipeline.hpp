//! The one path from a request body to a DOCX, shared by `vanthu render` and the HTTP service:
//!
//!   body → read_input (UTF-8, NFC, control characters) → validate against the report type's
//!   schema → plugin on_build_model (contained: exceptions, bad JSON, bad shape) → render the
//!   template with model.data, docProps/core.xml written from model.meta → refuse a document
//!   with holes (a tag without a value) → DOCX bytes.
//!
//! Deterministic: equal input gives byte-identical output; nothing reads the clock.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "plugin_registry.hpp"
#include "vanthu/problem.hpp"

namespace vanthu::host {

struct RenderedDocument {
  enum class Status {
    ok,              //!< docx and file_name are set
    malformed,       //!< the body is not JSON (HTTP 400, exit 3); problems has the position
    invalid_input,   //!< schema or plugin rules rejected it (HTTP 422, exit 3); every problem
    internal_error,  //!< plugin or template failure (HTTP 500, exit 4); detail is for the log
  };
  Status status = Status::internal_error;
  std::string docx;
  std::string file_name;     //!< meta.file_name, made safe (see document_file_name)
  nlohmann::json model;      //!< ok: the plugin's model ({"meta", "data"}), for the register's columns
  vanthu::Problems problems;
  std::string detail;        //!< names the plugin file and what went wrong; never shown to users
};

//! `tpl`: the template to fill instead of the report type's own (an agency's uploaded one);
//! `template_label` names it ("hai-an/3"). A tag of such a template left without a value is
//! invalid_input (code template_missing_value, 422), not an internal error.
RenderedDocument render_document(const ReportType& type, std::string_view body, const vanthu::Template* tpl = nullptr,
                                 const std::string& template_label = {});

//! What a plugin's on_build_model gave for one input (already checked against the schema).
struct BuiltModel {
  enum class Status { ok, invalid_input, internal_error } status = Status::internal_error;
  nlohmann::json model;      //!< ok: {"meta", "data", "parts"?}, shape checked
  vanthu::Problems problems; //!< invalid_input
  std::string detail;        //!< internal_error: for the log
};
//! Calls the plugin (contained: exceptions, unknown statuses, output that is not JSON or not a
//! model) and checks the model's shape.
BuiltModel build_model(const ReportType& type, const nlohmann::json& input);

//! docProps/core.xml for a model's meta (vanthu::core_properties_xml of the SDK's docx part):
//! dc:title, dc:creator, cp:lastModifiedBy (= creator), dcterms:created and dcterms:modified
//! (= meta.created as W3CDTF date-time, vanthu::w3cdtf_date_time: a date is midnight UTC).
//! Throws std::invalid_argument naming the first field that is missing or malformed.
std::string core_properties_xml(const nlohmann::json& meta);

}  // namespace vanthu::host
