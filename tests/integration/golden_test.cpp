//! Golden tests. Every folder tests/golden/<type>/<sample>/ is a case: the input
//! samples/<type>/<sample>.json, rendered by the real `vanthu render`, must give
//!  - the canonical word/document.xml kept in document.xml there (a layout change shows up as a
//!    readable diff; VANTHU_UPDATE_GOLDEN=1 rewrites the files), and
//!  - once LibreOffice has rendered it to PDF, the seed's text in order (expected-text.txt),
//! plus the signed-ready checks: no tag left, core properties from the input, the signature
//! area in its place, byte-identical output for the same input.

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "test_support.hpp"
#include "vanthu/text.hpp"

namespace fs = std::filesystem;
using namespace vanthu::test;

namespace {

struct GoldenCase {
  std::string type;
  std::string sample;  // samples/<type>/<sample>.json, tests/golden/<type>/<sample>/

  fs::path input() const { return source_dir() / "samples" / type / (sample + ".json"); }
  fs::path golden(const char* file) const { return source_dir() / "tests" / "golden" / type / sample / file; }
};

std::vector<GoldenCase> discover_cases() {
  std::vector<GoldenCase> cases;
  for (const auto& type : fs::directory_iterator(source_dir() / "tests" / "golden")) {
    if (!type.is_directory()) continue;
    for (const auto& sample : fs::directory_iterator(type.path()))
      if (sample.is_directory()) cases.push_back({type.path().filename().string(), sample.path().filename().string()});
  }
  std::sort(cases.begin(), cases.end(), [](const auto& a, const auto& b) { return std::tie(a.type, a.sample) < std::tie(b.type, b.sample); });
  return cases;
}

std::string render_sample(const GoldenCase& c, const fs::path& out) {
  auto result = run_process({(build_dir() / "bin" / "vanthu").string(), "render", c.type, c.input().string(), "-o", out.string()});
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  return read_file(out);
}

//! Lower-case words of letters and digits only: what "the same text" means across Word, PDF and
//! the seed's extraction (punctuation and line breaks differ, words do not).
std::vector<std::string> words(const std::string& utf8) {
  std::string lowered = vanthu::text::lower(vanthu::text::nfc(utf8));
  std::vector<std::string> out;
  std::string current;
  for (std::size_t i = 0; i < lowered.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(lowered[i]);
    bool word_char = c >= 0x80 || std::isalnum(c);
    if (word_char) {
      current += static_cast<char>(c);
    } else if (!current.empty()) {
      out.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

std::vector<std::string> expected_lines(const fs::path& file) {
  std::vector<std::string> lines;
  std::istringstream in(read_file(file));
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') lines.push_back(line);
  return lines;
}

//! Runs LibreOffice headless with a private profile; returns the PDF's text (pdftotext -raw).
std::string libreoffice_text(const fs::path& docx, const fs::path& workdir, int* pages) {
  fs::path profile = workdir / "lo-profile";
  auto convert = run_process({"soffice", "-env:UserInstallation=file://" + profile.string(), "--headless",
                              "--norestore", "--convert-to", "pdf", "--outdir", workdir.string(), docx.string()},
                             {}, 300);
  EXPECT_EQ(convert.exit_code, 0) << convert.out << convert.err;
  fs::path pdf = workdir / (docx.stem().string() + ".pdf");
  EXPECT_TRUE(fs::exists(pdf)) << convert.out << convert.err;
  auto info = run_process({"pdfinfo", pdf.string()});
  std::smatch m;
  if (std::regex_search(info.out, m, std::regex("Pages:\\s+(\\d+)"))) *pages = std::stoi(m[1]);
  EXPECT_NE(info.out.find("(A4)"), std::string::npos) << info.out;
  auto text = run_process({"pdftotext", "-raw", "-enc", "UTF-8", pdf.string(), "-"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  return text.out;
}

void PrintTo(const GoldenCase& c, std::ostream* os) { *os << c.type << " / " << c.sample; }

class Golden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(Golden, DocumentXmlMatchesGoldenFile) {
  TempDir tmp;
  std::string docx = render_sample(GetParam(), tmp.path() / "out.docx");
  std::string canonical = canonical_xml(docx_part(docx, "word/document.xml"));
  fs::path golden = GetParam().golden("document.xml");
  if (const char* update = std::getenv("VANTHU_UPDATE_GOLDEN"); update && std::string(update) == "1") {
    write_file(golden, canonical);
    GTEST_SKIP() << "golden file rewritten: " << golden;
  }
  ASSERT_TRUE(fs::exists(golden)) << "no golden file; run with VANTHU_UPDATE_GOLDEN=1 and review the diff";
  EXPECT_EQ(canonical, read_file(golden)) << "word/document.xml differs from " << golden
                                          << " — if the change is intended, rerun with VANTHU_UPDATE_GOLDEN=1 and review git diff";
}

TEST_P(Golden, SameInputGivesByteIdenticalDocx) {
  TempDir tmp;
  std::string first = render_sample(GetParam(), tmp.path() / "a.docx");
  std::string second = render_sample(GetParam(), tmp.path() / "b.docx");
  ASSERT_FALSE(first.empty());
  EXPECT_TRUE(first == second);
}

TEST_P(Golden, IsSignedReady) {
  TempDir tmp;
  std::string docx = render_sample(GetParam(), tmp.path() / "out.docx");
  std::string xml = docx_part(docx, "word/document.xml");
  std::string text = docx_text(xml);
  // No tag or placeholder left anywhere in the text.
  EXPECT_EQ(text.find('{'), std::string::npos) << text;
  EXPECT_EQ(text.find('}'), std::string::npos) << text;
  // The signature area: a bookmark in its own fixed-height paragraph, right before the name.
  auto area = xml.find("w:name=\"VANTHU_CHU_KY\"");
  ASSERT_NE(area, std::string::npos);
  auto area_paragraph = xml.rfind("<w:p>", area);
  EXPECT_NE(xml.substr(area_paragraph, area - area_paragraph).find("VanthuSignatureArea"), std::string::npos);
  EXPECT_NE(xml.find("VanthuSigner", area), std::string::npos);
  // Core properties come from the input, never the clock.
  std::string core = docx_part(docx, "docProps/core.xml");
  EXPECT_NE(core.find("<dc:title>"), std::string::npos) << core;
  EXPECT_NE(core.find("<dc:creator>"), std::string::npos) << core;
  EXPECT_NE(core.find("dcterms:created"), std::string::npos) << core;
  // The text ends with "./." as the decree requires.
  EXPECT_NE(text.find("./.\n"), std::string::npos);
}

TEST_P(Golden, LibreOfficeRendersTheSeedTextInOrder) {
  TempDir tmp;
  fs::path docx = tmp.path() / "report.docx";
  render_sample(GetParam(), docx);
  int pages = 0;
  std::string pdf_text = libreoffice_text(docx, tmp.path(), &pages);
  ASSERT_FALSE(pdf_text.empty());
  EXPECT_GE(pages, 1);  // a one-page report is a report too
  // Page numbers (the first line of pages 2…) stand in the middle of sentences; read them apart.
  std::vector<std::string> pages_text;
  for (std::size_t start = 0;;) {
    std::size_t end = pdf_text.find('\f', start);
    pages_text.push_back(pdf_text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  std::string body_text;
  for (std::size_t i = 0; i < pages_text.size(); ++i) {
    std::string page = pages_text[i];
    if (i > 0 && !page.empty()) {
      std::size_t eol = page.find('\n');
      std::string first = page.substr(0, eol);
      if (std::regex_match(first, std::regex("\\s*\\d+\\s*"))) {
        EXPECT_EQ(std::stoi(first), static_cast<int>(i) + 1) << "page number of page " << i + 1;
        page = eol == std::string::npos ? "" : page.substr(eol + 1);
      } else if (page.find_first_not_of(" \n") != std::string::npos) {
        ADD_FAILURE() << "page " << i + 1 << " does not start with its number: " << first;
      }
    }
    body_text += page + "\n";
  }
  std::vector<std::string> rendered = words(body_text);
  std::size_t position = 0;
  for (const auto& line : expected_lines(GetParam().golden("expected-text.txt"))) {
    std::vector<std::string> wanted = words(line);
    if (wanted.empty()) continue;
    auto found = std::search(rendered.begin() + static_cast<std::ptrdiff_t>(position), rendered.end(), wanted.begin(), wanted.end());
    ASSERT_NE(found, rendered.end()) << "not found in order: " << line << "\n--- PDF text ---\n" << pdf_text;
    position = static_cast<std::size_t>(found - rendered.begin()) + wanted.size();
  }
  // No page number on page 1: it starts with the issuing body.
  EXPECT_FALSE(std::regex_search(pages_text.front().substr(0, pages_text.front().find('\n')), std::regex("^\\s*\\d+\\s*$")));
}

INSTANTIATE_TEST_SUITE_P(ReportTypes, Golden, ::testing::ValuesIn(discover_cases()), [](const auto& info) {
  std::string name = info.param.type + "__" + info.param.sample;
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  return name;
});

TEST(GoldenCases, EveryReportTypeWithASampleHasAGoldenCase) {
  auto cases = discover_cases();
  EXPECT_FALSE(cases.empty());
  for (const auto& c : cases) {
    EXPECT_TRUE(fs::exists(c.input())) << c.input();
    EXPECT_TRUE(fs::exists(c.golden("expected-text.txt"))) << c.golden("expected-text.txt");
  }
  for (const auto& type : fs::directory_iterator(source_dir() / "plugins")) {
    if (!fs::exists(type.path() / "CMakeLists.txt")) continue;
    std::string id = type.path().filename().string();
    EXPECT_TRUE(std::any_of(cases.begin(), cases.end(), [&](const auto& c) { return c.type == id; }))
        << "report type " << id << " has no golden case under tests/golden/" << id;
  }
}

}  // namespace
