//! libFuzzer target over render data: the bytes are a request body as the service receives it
//! (vanthu::read_input: UTF-8, NFC, nesting), then every template of the corpus
//! (tests/corpus/templates) and a few built here are rendered with it. Each rendered part must be
//! well-formed XML; crashes, leaks and unexpected exceptions are findings. Values of every type
//! reach every tag: loops over strings, filters over objects, raw XML from the data, ...
#include <libxml/parser.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "vanthu/input.hpp"
#include "fuzz_support.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace {

namespace fs = std::filesystem;

std::vector<std::shared_ptr<const vanthu::Template>>& templates() {
  static std::vector<std::shared_ptr<const vanthu::Template>> all;
  return all;
}

std::string read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string pack(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& item : fs::recursive_directory_iterator(folder))
    if (item.is_regular_file()) names.push_back(fs::relative(item.path(), folder).generic_string());
  std::sort(names.begin(), names.end());
  std::string docx;
  vanthu::ZipWriter writer(docx);
  for (const auto& name : names) writer.add(name, read(folder / name), 1);
  writer.finish();
  return docx;
}

std::string document(const std::string& body) {
  return "<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
         body + "<w:sectPr/></w:body></w:document>";
}

std::string p(const std::string& text) { return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"; }

std::string tc(const std::string& text, const std::string& merge = "") {
  return "<w:tc><w:tcPr>" + merge + "</w:tcPr>" + p(text) + "</w:tc>";
}

//! Templates using every kind of tag on the names fuzzed data is likely to hold.
std::vector<std::string> built_templates() {
  std::string everything =
      p("{a} {b} {a.b} {.} {x.y.z} {0} {ds.0}") + p("{a | hoa} {a | thuong} {a | so} {a | tien} {a | bang_chu}") +
      p("{a | ngay} {a | ngay_thang} {a | hai_so} {a | so | hoa} {b | bang_chu | hoa}") + p("{#a}[{.}|{a}|{b}]{/a}") +
      p("{^a}không{/a}") + p("{#a}") + p("{#b}{.}{/b}") + p("{/a}") + p("{@a}") + p("{@b}") +
      "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:tr>" + tc("{#a}{.}", "<w:vMerge w:val=\"restart\"/>") +
      tc("{b}{/a}") + "</w:tr><w:tr>" + tc("x", "<w:vMerge/>") + tc("{#b}y") + "</w:tr><w:tr>" + tc("{/b}z", "<w:vMerge/>") +
      tc("w") + "</w:tr></w:tbl>" + p("{#a}{#a}{#b}{a}{/b}{/a}{/a}") +
      // Conditions over every kind of value (template_expression.hpp).
      p("{#a > 0}x{/}{#a == \"x\" and not b}y{/}{^a.length >= b or (a != null &amp;&amp; b &lt; 'z')}z{/}") +
      p("{#ds.length > 1}{#. === 1 || . == \"1\"}{.}{/}{/}{#a.b &lt;= a.c}v{/a.b &lt;= a.c}{-w:p not a}u{/}")
      + p("{%a} {%b} {#ds}{%anh}{%.}{/ds} {%obj}") + p("{%%a}");
  return {document(everything)};
}

using vanthu::fuzz::require_well_formed;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlInitParser();
  const char* env = std::getenv("VANTHU_SOURCE_DIR");
  fs::path source = env ? fs::path(env) : fs::path(VANTHU_FUZZ_SOURCE_DIR);
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(source / "tests" / "corpus" / "templates", ec))
    if (entry.is_directory()) templates().push_back(vanthu::Template::parse(pack(entry.path() / "docx")));
  for (const std::string& xml : built_templates()) {
    std::string docx;
    vanthu::ZipWriter writer(docx);
    writer.add("word/document.xml", xml, 1);
    writer.finish();
    templates().push_back(vanthu::Template::parse(docx));
  }
  if (templates().size() < 2) {
    std::fprintf(stderr, "no corpus templates under %s\n", source.c_str());
    std::abort();
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  vanthu::InputDocument input = vanthu::read_input(std::string_view(reinterpret_cast<const char*>(bytes), size));
  if (input.malformed || !input.problems.empty()) return 0;
  vanthu::RenderOptions options;
  options.compression_level = 0;
  options.max_steps = 2'000'000;
  options.max_output = 16u << 20;
  for (const auto& tpl : templates()) {
    try {
      vanthu::RenderResult result = vanthu::render(*tpl, input.value, options);
      (void)result;
      for (const std::string& part : tpl->templated_parts()) require_well_formed(vanthu::render_part(*tpl, part, input.value));
    } catch (const vanthu::RenderLimitError&) {
    }
  }
  return 0;
}
