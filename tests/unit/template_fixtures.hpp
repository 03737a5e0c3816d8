//! Small DOCX packages built in the tests themselves, for the template engine's test suites.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <libxml/parser.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::test {

inline constexpr std::string_view kWordNs = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

//! A word/document.xml around `body`; `final_section` appends the body's last w:sectPr.
inline std::string document_xml(std::string_view body, bool final_section = true) {
  std::string xml = R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                    "\r\n"
                    R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
                    R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>)";
  xml += body;
  if (final_section) xml += R"(<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>)";
  xml += "</w:body></w:document>";
  return xml;
}

//! A header or footer part (root "hdr" or "ftr") around `body`.
inline std::string header_xml(std::string_view root, std::string_view body) {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "\r\n<w:" +
         std::string(root) + R"( xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)" +
         std::string(body) + "</w:" + std::string(root) + ">";
}

inline const char* content_types_xml() {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
         R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
         R"(<Default Extension="xml" ContentType="application/xml"/>)"
         R"(<Override PartName="/word/document.xml" )"
         R"(ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
         R"(</Types>)";
}

inline const char* package_rels_xml() {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
         R"(<Relationship Id="rId1" )"
         R"(Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" )"
         R"(Target="word/document.xml"/></Relationships>)";
}

//! A corpus case's docx/ folder (tests/corpus/templates/<case>/docx) as a package, parts as they
//! are: content types, package relationships, then the rest by path.
inline std::string pack_folder(const std::filesystem::path& folder) {
  std::vector<std::string> names;
  for (const auto& item : std::filesystem::recursive_directory_iterator(folder))
    if (item.is_regular_file()) names.push_back(std::filesystem::relative(item.path(), folder).generic_string());
  auto rank = [](const std::string& n) { return n == "[Content_Types].xml" ? 0 : n == "_rels/.rels" ? 1 : 2; };
  std::sort(names.begin(), names.end(), [&](const std::string& a, const std::string& b) {
    return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
  });
  std::string docx;
  ZipWriter writer(docx);
  for (const auto& name : names) writer.add(name, read_file(folder / name), 6);
  writer.finish();
  return docx;
}

//! A minimal package: content types, package rels, the given document.xml, then `extra` parts.
inline std::string make_package(const std::string& document,
                                const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  std::string docx;
  ZipWriter writer(docx);
  writer.add("[Content_Types].xml", content_types_xml(), 6);
  writer.add("_rels/.rels", package_rels_xml(), 6);
  writer.add("word/document.xml", document, 6);
  for (const auto& [name, content] : extra) writer.add(name, content, 6);
  writer.finish();
  return docx;
}

//! A minimal package whose body is `body`.
inline std::string make_docx(std::string_view body, const std::vector<std::pair<std::string, std::string>>& extra = {}) {
  return make_package(document_xml(body), extra);
}

//! A paragraph of one run holding `text` (already XML-escaped).
inline std::string para(std::string_view text) {
  return "<w:p><w:r><w:t xml:space=\"preserve\">" + std::string(text) + "</w:t></w:r></w:p>";
}

//! A paragraph of several runs, one w:t each, as Word writes text it split by rsid.
inline std::string para_runs(const std::vector<std::string>& texts) {
  std::string xml = "<w:p>";
  for (const auto& t : texts) xml += "<w:r><w:t xml:space=\"preserve\">" + t + "</w:t></w:r>";
  return xml + "</w:p>";
}

//! A table cell holding `paragraphs`.
inline std::string cell(std::string_view paragraphs) {
  return "<w:tc><w:tcPr><w:tcW w:w=\"2000\" w:type=\"dxa\"/></w:tcPr>" + std::string(paragraphs) + "</w:tc>";
}

//! A table row of cells, each holding one paragraph of `texts`.
inline std::string row(const std::vector<std::string>& texts) {
  std::string xml = "<w:tr>";
  for (const auto& t : texts) xml += cell(para(t));
  return xml + "</w:tr>";
}

inline std::string table(const std::vector<std::string>& rows) {
  std::string xml = "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr><w:tblGrid/>";
  for (const auto& r : rows) xml += r;
  return xml + "</w:tbl>";
}

//! Parses and renders the package, returning the rendered word/document.xml.
inline std::string render_document(const std::string& docx, const nlohmann::json& data,
                                   std::vector<std::string>* missing = nullptr) {
  auto tpl = Template::parse(docx);
  RenderResult result = render(*tpl, data);
  if (missing) *missing = result.missing;
  return docx_part(result.docx, "word/document.xml");
}

//! The visible text of the document rendered from `body`.
inline std::string render_text(std::string_view body, const nlohmann::json& data) {
  return docx_text(render_document(make_docx(body), data));
}

//! Whether libxml2 accepts `xml` as well-formed.
inline bool well_formed(std::string_view xml) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (!doc) return false;
  xmlFreeDoc(doc);
  return true;
}

//! How many times `needle` occurs in `haystack`.
inline std::size_t count_of(std::string_view haystack, std::string_view needle) {
  std::size_t n = 0;
  for (std::size_t at = haystack.find(needle); at != std::string_view::npos; at = haystack.find(needle, at + needle.size()))
    ++n;
  return n;
}

//! The issues Template::parse reports for `docx` (empty when it parses).
inline std::vector<TemplateIssue> issues_of(const std::string& docx, const TemplateOptions& options = {}) {
  try {
    Template::parse(docx, options);
  } catch (const TemplateError& error) {
    return error.issues();
  }
  return {};
}

}  // namespace vanthu::test
