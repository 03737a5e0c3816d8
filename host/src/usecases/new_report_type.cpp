#include "usecases/new_report_type.hpp"

#include <algorithm>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <regex>
#include <system_error>

#include "vanthu/zip.hpp"

namespace vanthu::host {
namespace {

namespace fs = std::filesystem;

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
  return text;
}

constexpr const char* kCMakeLists = R"vt(# @ID@ — a report type of its own, built against the installed Vanthu SDK:
#
#   cmake -S . -B build -DCMAKE_PREFIX_PATH=/opt/vanthu    # where `cmake --install` put Vanthu
#   cmake --build build
#   vanthu serve --plugins-dir=build/plugins --templates-dir=build/templates
#
# Written by `vanthu new-type @ID@`; the files are yours to change.
cmake_minimum_required(VERSION 3.25)
project(@NS@ VERSION 0.1.0 LANGUAGES CXX)

find_package(Vanthu 0.1 REQUIRED)

# The rules (rules.cpp) are a library of their own, so a unit test can link them too.
add_library(@NS@_rules STATIC rules.cpp)
target_link_libraries(@NS@_rules PUBLIC Vanthu::report)
set_target_properties(@NS@_rules PROPERTIES POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden)

vanthu_add_plugin(@ID@
  SOURCES plugin.cpp
  SCHEMA schema.json
  EXAMPLE example.json
  OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/plugins)
target_link_libraries(${VANTHU_LAST_PLUGIN_TARGET} PRIVATE @NS@_rules)

vanthu_add_template(@ID@ template OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/templates)
)vt";

constexpr const char* kPlugin = R"vt(//! @ID@: the plugin's entry — its id, Vietnamese name, version, template and build function.
#include "rules.hpp"

VANTHU_REPORT_TYPE("@ID@", "Báo cáo @ID@", "0.1.0", "@ID@.docx", vanthu::@NS@::build)
)vt";

constexpr const char* kRulesHpp = R"vt(//! @ID@'s rules: the report's model from its input (rules.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "vanthu/plugin.hpp"

namespace vanthu::@NS@ {

//! The report from the input (schema.json); plugin::InvalidInput with every problem otherwise.
plugin::Model build(const nlohmann::json& input);

}  // namespace vanthu::@NS@
)vt";

constexpr const char* kRulesCpp = R"vt(#include "rules.hpp"

#include "vanthu/date.hpp"
#include "vanthu/json_access.hpp"
#include "vanthu/report.hpp"
#include "vanthu/text.hpp"

namespace vanthu::@NS@ {

using nlohmann::json;

plugin::Model build(const json& input) {
  // The header (issuing body, number, place and date) and the closing (Nơi nhận, signature)
  // come from the standard members, laid out as Decree 30 says.
  report::Header header = report::header_from_input(input);
  header.type_abbreviation = "BC";  // Báo cáo (Appendix III)
  header.year = header.date ? header.date->year : 2026;

  const std::string subject = string_member(input, "subject");
  json data = report::header_fields(header);
  data.update(report::subject_fields(subject));
  // The body's facts: the clerk's paragraphs of each section. The wording (headings, "Không phát
  // sinh nội dung mới." for an empty section, "./.") is in template/word/document.xml.
  data["results"] = report::content_items(member(input, "results"));
  data["next_tasks"] = report::content_items(member(input, "next_tasks"));
  data.update(report::closing_fields_from_input(input));

  json meta = {{"title", "Báo cáo " + subject},
               {"creator", text::upper(string_member(member(input, "issuer"), "name"))},
               {"created", report::w3c_datetime(header.date.value_or(Date{header.year, 1, 1}))},
               {"file_name", "Báo cáo " + subject + ".docx"}};
  return {std::move(meta), std::move(data)};
}

}  // namespace vanthu::@NS@
)vt";

constexpr const char* kSchema = R"vt({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Báo cáo @ID@",
  "$comment": "issuer, document, recipients, archive and signature are the SDK's shared definitions (common-defs.json beside VanthuConfig.cmake): vanthu_add_plugin copies them into $defs.",
  "type": "object",
  "required": ["issuer", "subject", "signature"],
  "additionalProperties": false,
  "properties": {
    "issuer": {"$ref": "#/$defs/issuer"},
    "document": {"$ref": "#/$defs/document"},
    "subject": {"title": "Trích yếu", "type": "string", "minLength": 1, "maxLength": 500},
    "results": {"title": "Kết quả thực hiện (mỗi mục một đoạn)", "type": "array", "maxItems": 500, "items": {"type": "string", "maxLength": 10000}},
    "next_tasks": {"title": "Nhiệm vụ thời gian tới", "type": "array", "maxItems": 500, "items": {"type": "string", "maxLength": 10000}},
    "recipients": {"$ref": "#/$defs/recipients"},
    "archive": {"$ref": "#/$defs/archive"},
    "signature": {"$ref": "#/$defs/signature"}
  }
}
)vt";

constexpr const char* kExample = R"vt({
  "issuer": {"parent": "UBND thành phố Hải Phòng", "name": "Ủy ban nhân dân\nphường Hải An", "symbol": "UBND", "place": "Hải An"},
  "document": {"number": 12, "date": "2026-12-02"},
  "subject": "Kết quả thực hiện nhiệm vụ tháng 11 năm 2026",
  "results": ["Tiếp nhận 1250 hồ sơ, giải quyết đúng hạn 1249 hồ sơ."],
  "next_tasks": [],
  "recipients": ["UBND thành phố"],
  "signature": {"authority": ["TM. ỦY BAN NHÂN DÂN"], "positions": ["CHỦ TỊCH"], "name": "Nguyễn Văn A"}
}
)vt";

constexpr const char* kReadme = R"vt(# @ID@

A Vanthu report type, written by `vanthu new-type @ID@`.

- `plugin.cpp` — the entry (`VANTHU_REPORT_TYPE`): id, name, version, template, build function.
- `rules.hpp`, `rules.cpp` — the report's model from its input: header, the facts of each
  section, closing. The wording is the template's.
- `schema.json` — the input's JSON Schema (Vietnamese titles; the standard issuer, document,
  recipients and signature members).
- `example.json` — an input; the plugin embeds it as its example.
- `template/` — the DOCX template as XML (the standard Decree 30 layout): the headings and
  standard sentences are its text; edit them here or in Word after packing. Heading numbers
  follow the heading styles (VanthuChapter I., VanthuSection 1., VanthuItem a)) and are put
  right when a document is made; "./." in a paragraph of its own ends the text.

Build against an installed SDK and serve it:

```sh
cmake -S . -B build -DCMAKE_PREFIX_PATH=/opt/vanthu
cmake --build build
vanthu serve --plugins-dir=build/plugins --templates-dir=build/templates
curl -s -X POST -H 'Content-Type: application/json' --data-binary @example.json \
  -o out.docx http://127.0.0.1:8080/v1/report-types/@ID@/documents
```
)vt";

//! The skeleton's body: its two sections' wording, the clerk's paragraphs in loops (the items of
//! report::content_items), and the closing mark. Heading numbers are put right by the host.
constexpr const char* kBody =
    R"vt(<w:p><w:pPr><w:pStyle w:val="VanthuChapter"/></w:pPr><w:r><w:rPr><w:rStyle w:val="VanthuHeadingLabel"/></w:rPr><w:t>I. KẾT QUẢ THỰC HIỆN</w:t></w:r></w:p>)vt"
    R"vt(@CONTENT:results@)vt"
    R"vt(<w:p><w:pPr><w:pStyle w:val="VanthuChapter"/></w:pPr><w:r><w:rPr><w:rStyle w:val="VanthuHeadingLabel"/></w:rPr><w:t>II. NHIỆM VỤ THỜI GIAN TỚI</w:t></w:r></w:p>)vt"
    R"vt(@CONTENT:next_tasks@)vt"
    R"vt(<w:p><w:r><w:t>./.</w:t></w:r></w:p>)vt";

//! The paragraphs that print a list of report::content_items, or the standard sentence when empty.
std::string content_paragraphs(const std::string& field) {
  auto tag = [](const std::string& t) { return "<w:p><w:r><w:t>" + t + "</w:t></w:r></w:p>"; };
  return tag("{#" + field + "}") +
         "<w:p><w:r><w:t xml:space=\"preserve\">{#label}{label}: {/label}{marker}{^note}{text}{/note}</w:t></w:r>"
         "<w:r><w:rPr><w:i/><w:iCs/></w:rPr><w:t>{#note}{text}{/note}</w:t></w:r></w:p>" +
         tag("{/" + field + "}") + tag("{^" + field + "}") + tag("Không phát sinh nội dung mới.") + tag("{/" + field + "}");
}

//! The standard template's document.xml with its body (from its first heading to the closing
//! "./.") replaced by the skeleton's; nothing when the template has no such body.
std::optional<std::string> skeleton_document(const std::string& xml) {
  std::size_t heading = std::min(xml.find("w:val=\"VanthuPart\""), xml.find("w:val=\"VanthuChapter\""));
  std::size_t mark = xml.rfind(">./.</w:t>");
  if (heading == std::string::npos || mark == std::string::npos || mark < heading) return std::nullopt;
  std::size_t start = xml.rfind("<w:p>", heading);
  std::size_t end = xml.find("</w:p>", mark);
  if (start == std::string::npos || end == std::string::npos) return std::nullopt;
  std::string body = replaced(replaced(kBody, "@CONTENT:results@", content_paragraphs("results")), "@CONTENT:next_tasks@",
                              content_paragraphs("next_tasks"));
  return xml.substr(0, start) + body + xml.substr(end + 6);
}

}  // namespace

NewTypeOutcome write_report_type_skeleton(const std::string& id, const fs::path& folder, const std::string& standard_template) {
  NewTypeOutcome outcome;
  static const std::regex kId("^[a-z][a-z0-9-]{1,63}$");
  if (!std::regex_match(id, kId) || id.back() == '-' || id.find("--") != std::string::npos) {
    outcome.error = "Mã loại báo cáo \"" + id.substr(0, 80) +
                    "\" không hợp lệ: 2–64 ký tự a-z, 0-9 và dấu gạch ngang, bắt đầu bằng chữ (ví dụ bao-cao-thang).";
    return outcome;
  }
  std::error_code error;
  if (fs::exists(folder, error) && !fs::is_empty(folder, error)) {
    outcome.error = "Thư mục " + folder.string() + " đã có nội dung; hãy chọn thư mục trống hoặc chưa có.";
    return outcome;
  }
  std::vector<std::pair<fs::path, std::string>> files;
  std::string ns = id;
  for (char& c : ns)
    if (c == '-') c = '_';
  auto fill = [&](const char* text) { return replaced(replaced(text, "@ID@", id), "@NS@", ns); };
  files.push_back({"CMakeLists.txt", fill(kCMakeLists)});
  files.push_back({"plugin.cpp", fill(kPlugin)});
  files.push_back({"rules.hpp", fill(kRulesHpp)});
  files.push_back({"rules.cpp", fill(kRulesCpp)});
  files.push_back({"schema.json", fill(kSchema)});
  files.push_back({"example.json", fill(kExample)});
  files.push_back({"README.md", fill(kReadme)});
  try {
    for (const auto& entry : vanthu::zip_read(standard_template)) {
      if (entry.name.empty() || entry.name.back() == '/') continue;
      std::string content = vanthu::zip_inflate(entry);
      if (entry.name == "word/document.xml") {
        std::optional<std::string> document = skeleton_document(content);
        if (!document) throw std::runtime_error("mẫu chuẩn không có phần nội dung (từ đề mục đầu đến \"./.\")");
        content = std::move(*document);
      }
      files.push_back({fs::path("template") / entry.name, std::move(content)});
    }
  } catch (const std::exception& e) {
    outcome.error = std::string("Không đọc được mẫu chuẩn để chép: ") + e.what();
    return outcome;
  }
  for (const auto& [relative, content] : files) {
    const fs::path path = folder / relative;
    fs::create_directories(path.parent_path(), error);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    if (!out) {
      outcome.error = "Không ghi được " + path.string() + ".";
      return outcome;
    }
    outcome.written.push_back(relative);
  }
  outcome.ok = true;
  return outcome;
}

}  // namespace vanthu::host
