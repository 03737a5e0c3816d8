//! Use case: `vanthu new-type ID` — a working skeleton of a report type, in a project of its own
//! that builds against the installed SDK (find_package(Vanthu)): the plugin's entry and rules,
//! a schema that uses the standard issuer/document/recipients/signature members, the standard
//! report template (the built-in nq57-weekly layout, as XML a clerk can reword), an example
//! input, and a README. Built and served, it renders a Decree 30 report at once.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace vanthu::host {

struct NewTypeOutcome {
  bool ok = false;
  std::string error;                          //!< Vietnamese, when !ok
  std::vector<std::filesystem::path> written; //!< the files, relative to the folder
};

//! Writes the skeleton of report type `id` (a-z, 0-9, "-", 2-64 characters, starting with a
//! letter) into `folder` (created; refused if it exists and is not empty). `standard_template`
//! is the packed built-in template whose parts become the skeleton's template/ folder.
NewTypeOutcome write_report_type_skeleton(const std::string& id, const std::filesystem::path& folder,
                                          const std::string& standard_template);

}  // namespace vanthu::host
