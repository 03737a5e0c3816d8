//! A clerk rewords the built-in template in Word (issue 11): the wording is the template's, so a
//! reworded heading, a deleted heading and an added section give a correct document, with heading
//! numbers right, through the real service (an agency template uploaded, then a document made).
//! And every built-in template passes `vanthu check --type` without a warning.
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "server_harness.hpp"
#include "test_support.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kDocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

//! The DOCX with one part's content replaced.
std::string with_part(const std::string& docx, const std::string& name, const std::string& content) {
  std::string out;
  ZipWriter writer(out);
  for (const auto& entry : zip_read(docx)) {
    if (entry.name == name) writer.add(name, content, 6);
    else writer.add(entry);
  }
  writer.finish();
  return out;
}

//! The whole paragraph (<w:p>…</w:p>) holding `text`.
std::pair<std::size_t, std::size_t> paragraph_of(const std::string& xml, const std::string& text) {
  std::size_t at = xml.find(text);
  if (at == std::string::npos) return {std::string::npos, 0};
  std::size_t start = xml.rfind("<w:p>", at);
  std::size_t end = xml.find("</w:p>", at) + 6;
  return {start, end - start};
}

TEST(RewordedTemplate, ARewordedDeletedAndAddedHeadingGiveTheRightNumbers) {
  const std::string builtin = read_file(build_dir() / "templates/nq57-weekly.docx");
  std::string xml = docx_part(builtin, "word/document.xml");
  // 1. Chapter I reworded.
  const std::string old_heading = "I. VỀ CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH:";
  ASSERT_NE(xml.find(old_heading), std::string::npos);
  xml.replace(xml.find(old_heading), old_heading.size(), "I. CHỈ ĐẠO, ĐIỀU HÀNH CỦA BAN CHỈ ĐẠO PHƯỜNG:");
  // 2. Chapter II's heading deleted: its sections follow chapter I's (4., 5., 6.), and chapter
  // III becomes II.
  auto [start, length] = paragraph_of(xml, "II. VỀ HOÀN THIỆN THỂ CHẾ");
  ASSERT_NE(start, std::string::npos);
  xml.erase(start, length);
  // 3. A chapter of the ward's own added before the closing mark, written without a number.
  auto [mark, mark_length] = paragraph_of(xml, ">./.<");
  ASSERT_NE(mark, std::string::npos);
  xml.insert(mark,
             "<w:p><w:pPr><w:pStyle w:val=\"VanthuChapter\"/></w:pPr><w:r><w:t>KIẾN NGHỊ CỦA PHƯỜNG</w:t></w:r></w:p>"
             "<w:p><w:r><w:t>Không có kiến nghị khác;</w:t></w:r></w:p>");
  const std::string reworded = with_part(builtin, "word/document.xml", xml);

  TempDir data;
  auto server = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates",
                                     {"--data-dir=" + (data.path() / "store").string(), "--threads=2"});
  ASSERT_TRUE(server && server->running()) << (server ? server->log() : "");
  HttpReply put = http(server->port(), make_call("PUT", "/v1/report-types/nq57-weekly/templates/hai-an", reworded, kDocxType));
  ASSERT_EQ(put.status, 201) << put.body;
  EXPECT_EQ(put.json()["warnings"].size(), 0u) << put.body;

  const std::string input = read_file(source_dir() / "samples/nq57-weekly/hai-an-2026-02-11.json");
  HttpReply reply = http_post_json(server->port(), "/v1/report-types/nq57-weekly/documents?agency=hai-an", input);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("X-Vanthu-Template"), "hai-an/1");
  const std::string text = docx_text(docx_part(reply.body, "word/document.xml"));
  EXPECT_THAT(text, HasSubstr("I. CHỈ ĐẠO, ĐIỀU HÀNH CỦA BAN CHỈ ĐẠO PHƯỜNG:"));
  EXPECT_THAT(text, Not(HasSubstr("VỀ HOÀN THIỆN THỂ CHẾ")));
  EXPECT_THAT(text, HasSubstr("3. Về tiếp nhận xử lý phản ánh"));
  EXPECT_THAT(text, HasSubstr("4. Tình hình, kết quả thực hiện:"));     // was II.1
  EXPECT_THAT(text, HasSubstr("6. Nguyên nhân tồn tại, hạn chế"));      // was II.3
  EXPECT_THAT(text, HasSubstr("II. VỀ CHUYỂN ĐỔI SỐ TẠI UBND PHƯỜNG"));  // was III
  EXPECT_THAT(text, HasSubstr("III. ĐỀ XUẤT, KIẾN NGHỊ"));               // was IV
  EXPECT_THAT(text, HasSubstr("IV. KIẾN NGHỊ CỦA PHƯỜNG"));              // added, numbered
  // The closing mark ends the ward's own last paragraph, not the one before.
  EXPECT_THAT(text, HasSubstr("Không có kiến nghị khác./."));
  EXPECT_THAT(text, Not(HasSubstr("giải quyết)./.")));

  // The built-in template is untouched for everyone else.
  HttpReply plain = http_post_json(server->port(), "/v1/report-types/nq57-weekly/documents", input);
  ASSERT_EQ(plain.status, 200);
  EXPECT_THAT(docx_text(docx_part(plain.body, "word/document.xml")), HasSubstr("II. VỀ HOÀN THIỆN THỂ CHẾ"));
}

//! The package as Office 365 may save it: the main part named word/document2.xml, its
//! relationships, the package's and the content types following.
std::string with_main_part_renamed(const std::string& docx) {
  auto replaced = [](std::string text, const std::string& from, const std::string& to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) text.replace(at, from.size(), to);
    return text;
  };
  std::string out;
  ZipWriter writer(out);
  for (const auto& entry : zip_read(docx)) {
    std::string content = zip_inflate(entry);
    if (entry.name == "word/document.xml") writer.add("word/document2.xml", content, 6);
    else if (entry.name == "word/_rels/document.xml.rels") writer.add("word/_rels/document2.xml.rels", content, 6);
    else if (entry.name == "_rels/.rels" || entry.name == "[Content_Types].xml")
      writer.add(entry.name, replaced(content, "word/document.xml", "word/document2.xml"), 6);
    else writer.add(entry);
  }
  writer.finish();
  return out;
}

TEST(RewordedTemplate, AMainPartNamedDocument2IsFinishedToo) {
  const std::string builtin = read_file(build_dir() / "templates/nq57-weekly.docx");
  std::string xml = docx_part(builtin, "word/document.xml");
  auto [mark, mark_length] = paragraph_of(xml, ">./.<");
  ASSERT_NE(mark, std::string::npos);
  xml.insert(mark,
             "<w:p><w:pPr><w:pStyle w:val=\"VanthuChapter\"/></w:pPr><w:r><w:t>KIẾN NGHỊ CỦA PHƯỜNG</w:t></w:r></w:p>"
             "<w:p><w:r><w:t>Không có kiến nghị khác;</w:t></w:r></w:p>");
  const std::string office365 = with_main_part_renamed(with_part(builtin, "word/document.xml", xml));

  TempDir data;
  auto server = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates",
                                     {"--data-dir=" + (data.path() / "store").string(), "--threads=2"});
  ASSERT_TRUE(server && server->running()) << (server ? server->log() : "");
  HttpReply put = http(server->port(), make_call("PUT", "/v1/report-types/nq57-weekly/templates/hai-an", office365, kDocxType));
  ASSERT_EQ(put.status, 201) << put.body;
  const std::string input = read_file(source_dir() / "samples/nq57-weekly/hai-an-2026-02-11.json");
  HttpReply reply = http_post_json(server->port(), "/v1/report-types/nq57-weekly/documents?agency=hai-an", input);
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string text = docx_text(docx_part(reply.body, "word/document2.xml"));
  EXPECT_THAT(text, HasSubstr("V. KIẾN NGHỊ CỦA PHƯỜNG")) << "numbered by the finisher, in word/document2.xml";
  EXPECT_THAT(text, HasSubstr("Không có kiến nghị khác./.")) << "the closing mark joined";
  EXPECT_THAT(text, HasSubstr("Hải An"));
}

//! Every report type the build has.
std::vector<std::string> report_types() {
  std::vector<std::string> ids;
  for (const auto& entry : fs::directory_iterator(build_dir() / "templates"))
    if (entry.path().extension() == ".docx") ids.push_back(entry.path().stem().string());
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(BuiltInTemplates, EachPassesItsOwnCheckWithoutAWarning) {
  auto ids = report_types();
  ASSERT_GE(ids.size(), 4u);
  for (const auto& id : ids) {
    ProcessResult checked = run_process({vanthu_binary().string(), "check", (build_dir() / "templates" / (id + ".docx")).string(),
                                         "--type=" + id, "--json"});
    ASSERT_EQ(checked.exit_code, 0) << id << ": " << checked.out << checked.err;
    json report = json::parse(checked.out);
    EXPECT_TRUE(report["valid"].get<bool>()) << id;
    EXPECT_TRUE(report["model_checked"].get<bool>()) << id;
    EXPECT_EQ(report["errors"].size(), 0u) << id << ": " << report["errors"].dump(1);
    EXPECT_EQ(report["warnings"].size(), 0u) << id << ": " << report["warnings"].dump(1);
  }
}

}  // namespace
}  // namespace vanthu::test
