//! Use case: which template fills a report — the built-in one, or an agency's uploaded one
//! (its current version, or the one asked for). Written once for `vanthu render --agency` and
//! POST /v1/report-types/{id}/documents?agency=…&template_version=….
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "plugin_registry.hpp"
#include "template_store.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::host {

struct TemplateChoice {
  enum class Status {
    ok,               //!< `tpl` (null: the built-in template) and `label`
    invalid_agency,   //!< the agency id is not a-z, 0-9, "-" (message says so)
    unknown_version,  //!< the version asked for does not exist
    unusable,         //!< the stored template no longer compiles (detail for the log only)
  };
  Status status = Status::ok;
  std::shared_ptr<const vanthu::Template> tpl;  //!< null: the report type's built-in template
  std::string label = "built-in";               //!< "hai-an/3", for X-Vanthu-Template and logs
  bool agency_without_template = false;         //!< an agency was named but has no template yet
  std::string message;                          //!< Vietnamese, for the clerk
  std::string detail;                           //!< for the log
};

//! Why `agency` is not an agency id (a-z, 0-9, "-", at most 64), in Vietnamese; nothing when it is.
std::optional<std::string> agency_id_problem(const std::string& agency);

//! `agency` empty: the built-in template. `version` without an agency is the caller's error.
TemplateChoice choose_template(TemplateStore& store, const ReportType& type, const std::string& agency,
                               std::optional<int> version);

}  // namespace vanthu::host
