//! vanthu::part_name_refusal: the one rule for a valid part name, the same for the zip reader
//! and for the parts a render adds.
#include <gtest/gtest.h>

#include <string>

#include "template_fixtures.hpp"
#include "vanthu/part_name.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace vanthu {
namespace {

const char* const kInvalid[] = {"", "../x", "a/../../x", "a/..", "..", "/abs", "a\\b", "C:/x", "c:x"};
const char* const kValid[] = {"word/document.xml", "[Content_Types].xml", "_rels/.rels", "a..b.xml", "word/..x/y.xml",
                              "x/.../y", "word/"};

TEST(PartName, Refusals) {
  for (const char* name : kInvalid) EXPECT_FALSE(is_valid_part_name(name)) << name;
  EXPECT_FALSE(is_valid_part_name(std::string("a\0b", 3)));
  for (const char* name : kValid) EXPECT_TRUE(is_valid_part_name(name)) << name;
  EXPECT_STREQ(part_name_refusal("a/../b"), "chứa thành phần “..”");
  EXPECT_STREQ(part_name_refusal("/etc/passwd"), "đường dẫn tuyệt đối");
  EXPECT_EQ(part_name_refusal("word/document.xml"), nullptr);
}

std::string members_zip(const std::vector<std::pair<std::string, std::string>>& members) {
  std::string out;
  ZipWriter writer(out);  // the writer writes any name, so tests can make hostile archives
  for (const auto& [name, content] : members) writer.add(name, content, 6);
  writer.finish();
  return out;
}

std::string read_code(const std::string& name) {
  try {
    zip_read(members_zip({{name, "x"}}));
  } catch (const ZipError& error) {
    return error.code();
  }
  return "ok";
}

TEST(PartName, TheZipReaderAppliesIt) {
  for (const char* name : kInvalid) EXPECT_EQ(read_code(name), "bad_name") << name;
  for (const char* name : kValid) EXPECT_EQ(read_code(name), "ok") << name;
}

TEST(PartName, APartARenderAddsFollowsIt) {
  auto tpl = Template::parse(test::make_docx(test::para("x")));
  auto add_code = [&](const std::string& name) -> std::string {
    RenderOptions options;
    options.parts = {{name, "<x/>"}};
    try {
      render(*tpl, nlohmann::json::object(), options);
    } catch (const ZipError& error) {
      return error.code();
    }
    return "ok";
  };
  for (const char* name : kInvalid) EXPECT_EQ(add_code(name), "bad_name") << name;
  for (const char* name : kValid) EXPECT_EQ(add_code(name), "ok") << name;
}

}  // namespace
}  // namespace vanthu
