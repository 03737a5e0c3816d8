//! The corpus of templates written the way Word writes them (tests/corpus/templates/<case>/):
//! runs split by proofErr and rsid, bookmarks and comments inside tags, smart tags, fields,
//! tracked changes accepted or not, content controls, merged table cells, numbering, page and
//! section breaks, text boxes, headers, footers, footnotes, declared delimiters.
//!
//! Each case folder holds docx/ (the package's parts, byte for byte as packed), data.json and
//! expected.txt ("### <part>" then the part's visible text). Every case must pass the upload
//! checks, render without a missing value, give the expected text for each part listed, give
//! well-formed XML whose vertical merges are all valid, and render the same bytes twice.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include <libxml/tree.h>

#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path corpus_dir() { return source_dir() / "tests" / "corpus" / "templates"; }

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(corpus_dir(), ec))
    if (entry.is_directory()) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

//! expected.txt: "### part\n" followed by the part's text, for each part.
std::map<std::string, std::string> expected_texts(const std::string& text) {
  std::map<std::string, std::string> parts;
  std::string current;
  std::size_t at = 0;
  while (at < text.size()) {
    std::size_t end = text.find('\n', at);
    std::string line = text.substr(at, end == std::string::npos ? std::string::npos : end - at + 1);
    at = end == std::string::npos ? text.size() : end + 1;
    if (line.rfind("### ", 0) == 0) {
      current = line.substr(4);
      if (!current.empty() && current.back() == '\n') current.pop_back();
      parts[current];
      continue;
    }
    parts[current] += line;
  }
  return parts;
}

const xmlNode* child(const xmlNode* node, const char* name) {
  for (const xmlNode* c = node ? node->children : nullptr; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE && std::string_view(reinterpret_cast<const char*>(c->name)) == name) return c;
  return nullptr;
}

std::string val(const xmlNode* node) {
  if (!node) return {};
  for (const xmlAttr* a = node->properties; a; a = a->next)
    if (std::string_view(reinterpret_cast<const char*>(a->name)) == "val" && a->children && a->children->content)
      return reinterpret_cast<const char*>(a->children->content);
  return {};
}

//! Every w:vMerge continuation sits under a merged cell of the same grid column.
void check_vertical_merges(const xmlNode* node, std::vector<std::string>& problems) {
  for (const xmlNode* n = node; n; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (std::string_view(reinterpret_cast<const char*>(n->name)) == "tbl") {
      std::vector<bool> above;
      int row_index = 0;
      for (const xmlNode* tr = n->children; tr; tr = tr->next) {
        if (tr->type != XML_ELEMENT_NODE || std::string_view(reinterpret_cast<const char*>(tr->name)) != "tr") continue;
        std::vector<bool> here;
        std::size_t column = 0;
        if (const xmlNode* before = child(child(tr, "trPr"), "gridBefore")) column = std::stoul(val(before));
        for (const xmlNode* tc = tr->children; tc; tc = tc->next) {
          if (tc->type != XML_ELEMENT_NODE || std::string_view(reinterpret_cast<const char*>(tc->name)) != "tc") continue;
          const xmlNode* properties = child(tc, "tcPr");
          std::size_t span = child(properties, "gridSpan") ? std::stoul(val(child(properties, "gridSpan"))) : 1;
          const xmlNode* merge = child(properties, "vMerge");
          if (merge && val(merge) != "restart" && (column >= above.size() || !above[column]))
            problems.push_back("row " + std::to_string(row_index) + ", column " + std::to_string(column) +
                               ": a vMerge continuation under a cell that is not merged");
          if (here.size() < column + span) here.resize(column + span, false);
          for (std::size_t k = column; k < column + span; ++k) here[k] = merge != nullptr;
          column += span;
        }
        above = std::move(here);
        ++row_index;
      }
    }
    check_vertical_merges(n->children, problems);
  }
}

class Corpus : public ::testing::TestWithParam<std::string> {};

TEST_P(Corpus, RendersTheExpectedText) {
  const fs::path folder = corpus_dir() / GetParam();
  const std::string docx = pack_folder(folder / "docx");
  const json data = json::parse(read_file(folder / "data.json"));
  const auto expected = expected_texts(read_file(folder / "expected.txt"));
  ASSERT_FALSE(expected.empty()) << "expected.txt names no part";

  TemplateCheck check = check_template(docx);
  for (const auto& issue : check.issues) ADD_FAILURE() << issue.part << " «" << issue.paragraph << "»: " << issue.message;
  ASSERT_TRUE(check.parsed);

  RenderResult first = render(*check.parsed, data);
  EXPECT_TRUE(first.missing.empty()) << first.missing.front();
  EXPECT_EQ(render(*check.parsed, data).docx, first.docx) << "deterministic";

  for (const auto& [part, text] : expected) {
    std::string xml = docx_part(first.docx, part);
    ASSERT_FALSE(xml.empty()) << part;
    ASSERT_TRUE(well_formed(xml)) << part;
    EXPECT_EQ(docx_text(xml), text) << part;
  }
  for (const std::string& part : check.parsed->templated_parts()) {
    std::string xml = docx_part(first.docx, part);
    ASSERT_TRUE(well_formed(xml)) << part;
    xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr, XML_PARSE_NONET);
    std::vector<std::string> problems;
    check_vertical_merges(xmlDocGetRootElement(doc), problems);
    xmlFreeDoc(doc);
    for (const auto& problem : problems) ADD_FAILURE() << part << ": " << problem;
    const Delimiters& d = check.parsed->delimiters();
    EXPECT_EQ(docx_text(xml).find(d.open + "#"), std::string::npos) << part << ": a section tag left in the output";
    EXPECT_EQ(docx_text(xml).find(d.open + "/"), std::string::npos) << part << ": an end tag left in the output";
  }
}

INSTANTIATE_TEST_SUITE_P(WordWritten, Corpus, ::testing::ValuesIn(case_names()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = info.param;
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

TEST(CorpusChecks, TheMergeCheckCatchesAnOrphanedContinuation) {
  std::string xml = document_xml(
      "<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p/></w:tc><w:tc><w:p/></w:tc></w:tr>"
      "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>");
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr, XML_PARSE_NONET);
  std::vector<std::string> problems;
  check_vertical_merges(xmlDocGetRootElement(doc), problems);
  xmlFreeDoc(doc);
  EXPECT_EQ(problems, std::vector<std::string>{"row 1, column 1: a vMerge continuation under a cell that is not merged"});
}

TEST(CorpusChecks, ExpectedTextsAreReadPartByPart) {
  auto parts = expected_texts("### word/document.xml\na\n\nb\n### word/header1.xml\nH\n");
  EXPECT_EQ(parts, (std::map<std::string, std::string>{{"word/document.xml", "a\n\nb\n"}, {"word/header1.xml", "H\n"}}));
}

TEST(CorpusFolder, HasTheCasesTheIssueAsksFor) {
  std::vector<std::string> names = case_names();
  for (const char* wanted : {"proof-errors-rsid", "bookmarks-comments", "smart-tags-fields", "tracked-changes",
                             "tracked-accepted", "content-controls", "table-merged-cells", "numbering-breaks",
                             "textbox-header-footer-footnotes", "custom-delimiters"})
    EXPECT_NE(std::find(names.begin(), names.end(), wanted), names.end()) << wanted;
}

}  // namespace
}  // namespace vanthu::test
