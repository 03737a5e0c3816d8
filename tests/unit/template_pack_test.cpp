//! vanthu-pack: packs a template's XML source into a DOCX, in a fixed order, deterministically,
//! refusing malformed XML.
#include <gtest/gtest.h>

#include <filesystem>

#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;

fs::path pack_tool() { return build_dir() / "bin" / "vanthu-pack"; }

void write_source(const fs::path& dir) {
  write_file(dir / "word" / "document.xml", document_xml(para("{ten}")));
  write_file(dir / "_rels" / ".rels", package_rels_xml());
  write_file(dir / "[Content_Types].xml", content_types_xml());
  write_file(dir / "docProps" / "app.xml", "<Properties/>");
  write_file(dir / "word" / "_rels" / "document.xml.rels", "<Relationships/>");
  write_file(dir / "word" / "media" / "image1.png", std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  write_file(dir / "customXml" / "item1.xml", "<a/>");
}

ProcessResult pack(const fs::path& source, const fs::path& out) {
  EXPECT_TRUE(fs::exists(pack_tool())) << "build the vanthu-pack target first: " << pack_tool();
  return run_process({pack_tool().string(), source.string(), out.string()});
}

TEST(VanthuPack, PacksInTheFixedOrder) {
  TempDir temp;
  write_source(temp.path() / "src");
  ProcessResult result = pack(temp.path() / "src", temp.path() / "out.docx");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string docx = read_file(temp.path() / "out.docx");
  EXPECT_EQ(docx_part_names(docx),
            (std::vector<std::string>{"[Content_Types].xml", "_rels/.rels", "customXml/item1.xml", "docProps/app.xml",
                                      "word/_rels/document.xml.rels", "word/document.xml", "word/media/image1.png"}));
  for (const auto& entry : zip_read(docx)) EXPECT_EQ(entry.method, 8) << entry.name;
  EXPECT_EQ(docx_part(docx, "word/media/image1.png"), std::string("\x89PNG\r\n\x1a\n\0\0", 10));
  auto tpl = Template::parse(docx);
  EXPECT_EQ(docx_text(render_part(*tpl, "word/document.xml", {{"ten", "An"}})), "An\n");
}

TEST(VanthuPack, SameSourceSameBytes) {
  TempDir temp;
  write_source(temp.path() / "src");
  ASSERT_EQ(pack(temp.path() / "src", temp.path() / "a.docx").exit_code, 0);
  ASSERT_EQ(pack(temp.path() / "src", temp.path() / "b.docx").exit_code, 0);
  EXPECT_EQ(read_file(temp.path() / "a.docx"), read_file(temp.path() / "b.docx"));
  ASSERT_EQ(pack(temp.path() / "src", temp.path() / "a.docx").exit_code, 0) << "overwrites an existing output";
  EXPECT_EQ(read_file(temp.path() / "a.docx"), read_file(temp.path() / "b.docx"));
}

TEST(VanthuPack, RefusesMalformedXmlNamingFileAndLine) {
  TempDir temp;
  write_source(temp.path() / "src");
  write_file(temp.path() / "src" / "word" / "styles.xml", "<w:styles>\n<w:style>\n</w:styles>");
  write_file(temp.path() / "out.docx", "old");
  ProcessResult result = pack(temp.path() / "src", temp.path() / "out.docx");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("word/styles.xml"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("dòng 3"), std::string::npos) << result.err;
  EXPECT_EQ(read_file(temp.path() / "out.docx"), "old") << "a failed pack leaves the old output alone";
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& item : fs::directory_iterator(temp.path())) ++files;
  EXPECT_EQ(files, 2u) << "no temporary file is left behind";
}

TEST(VanthuPack, RefusesDtdInRels) {
  TempDir temp;
  write_source(temp.path() / "src");
  write_file(temp.path() / "src" / "_rels" / ".rels", "<!DOCTYPE r [<!ENTITY x \"y\">]><Relationships/>");
  ProcessResult result = pack(temp.path() / "src", temp.path() / "out.docx");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("_rels/.rels"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(temp.path() / "out.docx"));
}

TEST(VanthuPack, UsageAndMissingSource) {
  TempDir temp;
  EXPECT_EQ(run_process({pack_tool().string()}).exit_code, 1);
  ProcessResult missing = pack(temp.path() / "none", temp.path() / "out.docx");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_FALSE(missing.err.empty());
}

}  // namespace
}  // namespace vanthu::test

namespace vanthu::test {
namespace {

TEST(CompactPartXml, DropsCommentsAndIndentationButKeepsText) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<!-- about -->\n"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\n"
      "  <w:body>\n    <!-- a comment -->\n    <w:p>\n      <w:r><w:t xml:space=\"preserve\"> </w:t></w:r>\n"
      "      <w:r><w:t>Hải An, ngày</w:t></w:r>\n    </w:p>\n  </w:body>\n</w:document>\n";
  std::string compact = vanthu::compact_part_xml("word/document.xml", xml);
  EXPECT_EQ(compact.find("<!--"), std::string::npos) << compact;
  EXPECT_NE(compact.find("<w:body><w:p><w:r><w:t xml:space=\"preserve\"> </w:t></w:r><w:r><w:t>Hải An, ngày</w:t></w:r></w:p></w:body>"),
            std::string::npos)
      << compact;
  EXPECT_THROW(vanthu::compact_part_xml("x.xml", "<a><b></a>"), vanthu::TemplateError);
}

}  // namespace
}  // namespace vanthu::test
