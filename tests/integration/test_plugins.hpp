//! Where the test plugins of tests/plugins/ are built, and ways to make a broken template.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "test_support.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::test {

//! ${VANTHU_TEST_PLUGIN_DIR}/<name>: "good", "render-faults" or a refusal case.
inline std::filesystem::path plugin_case(const std::string& name) { return test_plugin_dir() / name; }
inline std::filesystem::path test_templates() { return test_plugin_dir() / "templates"; }
inline std::string echo_example() { return read_file(source_dir() / "tests/plugins/echo/example.json"); }
inline std::string echo_schema() { return read_file(source_dir() / "tests/plugins/echo/schema.json"); }

//! A copy of `docx` with `part` replaced by `content`, or removed when content is nullopt.
inline std::string with_part(std::string_view docx, std::string_view part, const std::optional<std::string>& content) {
  std::string out;
  vanthu::ZipWriter writer(out);
  for (const auto& entry : vanthu::zip_read(docx)) {
    if (entry.name != part) writer.add(entry);
    else if (content) writer.add(entry.name, *content, 6);
  }
  writer.finish();
  return out;
}

//! test-echo's document.xml with a section opened and never closed.
inline std::string unclosed_section_document() {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>{office}</w:t></w:r></w:p>
<w:p><w:r><w:t>Danh sách {#items}</w:t></w:r></w:p>
<w:p><w:r><w:t>- {.}</w:t></w:r></w:p>
</w:body></w:document>)";
}

}  // namespace vanthu::test
