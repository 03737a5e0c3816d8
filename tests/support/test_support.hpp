//! Shared helpers for the test suites: paths, files, DOCX parts, canonical XML, processes.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanthu/plugin.hpp"

namespace vanthu::test {

//! The checkout, the build tree and the test plugins' directory: compiled in by CMake, overridden
//! by $VANTHU_SOURCE_DIR, $VANTHU_BUILD_DIR, $VANTHU_TEST_PLUGIN_DIR when set.
std::filesystem::path source_dir();
std::filesystem::path build_dir();
std::filesystem::path test_plugin_dir();

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, std::string_view bytes);

//! A fresh empty directory under the system temp dir, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

//! One part of a DOCX, inflated ("" when absent).
std::string docx_part(std::string_view docx, std::string_view part);
//! Names of all parts of a DOCX, in archive order.
std::vector<std::string> docx_part_names(std::string_view docx);

//! Canonical XML (W3C C14N 1.0 via libxml2, then one element per line, indented) so golden
//! files diff readably. Throws std::runtime_error on malformed XML.
std::string canonical_xml(std::string_view xml);

//! The visible text of WordprocessingML: paragraphs separated by "\n", w:tab as "\t", w:br as "\n".
std::string docx_text(std::string_view document_xml);

//! A report type's schema as its plugin embeds it: plugins/<id>/schema.json with the shared
//! definitions of sdk/schemas/common.json it refers to (transitively) added to its $defs.
nlohmann::json schema_with_common_defs(const std::string& type_id);

//! The problems a report type's build function throws for `input` as plugin::InvalidInput (none:
//! an empty list); any other exception goes on to the test.
template <typename Build>
Problems problems_thrown(Build&& build, const nlohmann::json& input) {
  try {
    build(input);
  } catch (const plugin::InvalidInput& e) {
    return e.problems();
  }
  return {};
}

struct ProcessResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};
//! Runs argv[0] with arguments (no shell), with optional stdin, waiting at most `timeout_s`.
ProcessResult run_process(const std::vector<std::string>& argv, std::string_view input = {}, int timeout_s = 120);

//! A free TCP port on 127.0.0.1.
int free_port();

}  // namespace vanthu::test
