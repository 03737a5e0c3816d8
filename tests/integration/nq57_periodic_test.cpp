//! nq57-periodic end to end: the real plugin and template behind a real `vanthu serve` on a free
//! loopback port, and the real `vanthu render`. Bad and inconsistent inputs give 422 (HTTP) and
//! exit 3 (command line) with every problem at its JSON path; good ones give the document with
//! the figures computed from the counts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server_harness.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::StartsWith;
using json = nlohmann::json;

constexpr const char* kDocuments = "/v1/report-types/nq57-periodic/documents";
constexpr const char* kDocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

json sample(const std::string& name) { return json::parse(read_file(source_dir() / "samples/nq57-periodic" / (name + ".json"))); }

//! The errors of a 422 as "path code" strings, in the order the service gives them.
std::vector<std::string> errors_of(const HttpReply& reply) {
  std::vector<std::string> out;
  json body = json::parse(reply.body);
  for (const auto& e : body["errors"]) {
    EXPECT_FALSE(e["message"].get<std::string>().empty()) << e;
    out.push_back(e["path"].get<std::string>() + " " + e["code"].get<std::string>());
  }
  return out;
}

//! The first error's message for `path`.
std::string message_at(const HttpReply& reply, const std::string& path) {
  const json body = json::parse(reply.body);
  for (const auto& e : body["errors"])
    if (e["path"] == path) return e["message"];
  return {};
}

//! An input whose counts do not add up in four places at once (valid against the schema).
json inconsistent_input() {
  json input = sample("an-hai-2025-11");
  json& b = input["sections"][1]["sections"];  // B.: I. ... VI.
  b[0]["sections"][1]["content"][0]["task_phases"]["phases"][0]["completed_late"] = 1;   // 16 + 1 > 16
  b[0]["sections"][2]["content"][0]["initiatives"]["resolved"] = 1;                       // 1 > 0
  b[2]["sections"][1]["sections"][0]["content"][0]["reception"]["online"] = 12000;        // > 11.962
  b[4]["sections"][0]["content"][0]["budget"]["disbursement"]["amount"] = 900000000;     // > 820.000.000
  return input;
}

const std::vector<std::string> kInconsistentErrors = {
    "/sections/1/sections/0/sections/1/content/0/task_phases/phases/0/assigned inconsistent_total",
    "/sections/1/sections/0/sections/2/content/0/initiatives/resolved inconsistent_total",
    "/sections/1/sections/2/sections/1/sections/0/content/0/reception/online inconsistent_total",
    "/sections/1/sections/4/sections/0/content/0/budget/disbursement/amount inconsistent_total",
};

class Nq57Periodic : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates"); }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_TRUE(server_ && server_->running()) << (server_ ? server_->log() : ""); }
  static int port() { return server_->port(); }
  static HttpReply post(const json& input) { return http_post_json(port(), kDocuments, input.dump()); }

  static std::unique_ptr<ServerProcess> server_;
};

std::unique_ptr<ServerProcess> Nq57Periodic::server_;

TEST_F(Nq57Periodic, IsListedAndDescribedWithItsSchemaAndExample) {
  HttpReply list = http_get(port(), "/v1/report-types");
  ASSERT_EQ(list.status, 200);
  EXPECT_THAT(list.json()["report_types"],
              Contains(json({{"id", "nq57-periodic"},
                             {"name", "Báo cáo định kỳ của UBND phường về thực hiện Nghị quyết 57-NQ/TW"},
                             {"version", "2.0.0"}})));
  HttpReply described = http_get(port(), "/v1/report-types/nq57-periodic");
  ASSERT_EQ(described.status, 200);
  EXPECT_EQ(described.json()["schema"], schema_with_common_defs("nq57-periodic"));
  EXPECT_EQ(described.json()["example"], sample("an-hai-2025-11"));
}

TEST_F(Nq57Periodic, BothSamplesGiveTheirDocuments) {
  HttpReply an_hai = post(sample("an-hai-2025-11"));
  ASSERT_EQ(an_hai.status, 200) << an_hai.body;
  EXPECT_EQ(an_hai.header("Content-Type"), kDocxType);
  EXPECT_THAT(an_hai.header("Content-Disposition"), HasSubstr("Bao cao NQ57 An Hai thang 11.2025.docx"));
  const std::string xml = docx_part(an_hai.body, "word/document.xml");
  const std::string text = docx_text(xml);
  EXPECT_THAT(text, HasSubstr("An Hải, ngày      tháng 11 năm 2025"));
  EXPECT_THAT(text, HasSubstr("đã giải quyết 11.766 hồ sơ (tỷ lệ 98,4%), đang giải quyết 196 hồ sơ (tỷ lệ 1,6%)"));
  EXPECT_THAT(text, HasSubstr("tỷ lệ hồ sơ trực tuyến 9.765/11.962 = 81,6%"));
  EXPECT_THAT(text, HasSubstr("820.000.000đ (Bằng chữ: Tám trăm hai mươi triệu đồng chẵn)"));
  EXPECT_THAT(text, HasSubstr("Số nhiệm vụ đang thực hiện đúng hạn 0, tỷ lệ 0%."));
  EXPECT_THAT(text, HasSubstr("3.2. Nguyên nhân chủ quan:"));
  EXPECT_THAT(text, HasSubstr("chuyển đổi số quốc gia./.\n"));
  EXPECT_THAT(xml, HasSubstr("<w:vertAlign w:val=\"superscript\"/></w:rPr><w:t xml:space=\"preserve\">(8)</w:t>"));

  HttpReply hong_bang = post(sample("hong-bang-2025"));
  ASSERT_EQ(hong_bang.status, 200) << hong_bang.body;
  const std::string hb = docx_text(docx_part(hong_bang.body, "word/document.xml"));
  EXPECT_THAT(hb, HasSubstr("Hồng Bàng, ngày      tháng      năm 2025"));
  EXPECT_THAT(hb, HasSubstr("V. NHIỆM VỤ TRỌNG TÂM THỜI GIAN TỚI"));
  EXPECT_THAT(hb, HasSubstr("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n"));
}

TEST_F(Nq57Periodic, SchemaViolationsAre422WithTheirPaths) {
  json input = sample("an-hai-2025-11");
  input["document"]["date"] = "11/2025";
  input["sections"][0]["level"] = "phan";
  json& reception = input["sections"][1]["sections"][2]["sections"][1]["sections"][0]["content"][0]["reception"];
  reception["received"] = -1;
  reception.erase("desk");
  input["sections"][1]["sections"][4]["sections"][0]["content"][0]["budget"]["sources"][0]["amount"] = 1000000000000000;
  HttpReply reply = post(input);
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/json; charset=utf-8");
  std::vector<std::string> errors = errors_of(reply);
  const std::string at = "/sections/1/sections/2/sections/1/sections/0/content/0/reception";
  EXPECT_THAT(errors, ::testing::UnorderedElementsAre("/document/date pattern", "/sections/0/level enum",
                                                      at + "/desk required", at + "/received minimum",
                                                      "/sections/1/sections/4/sections/0/content/0/budget/sources/0/amount maximum"));
}

TEST_F(Nq57Periodic, InconsistentCountsAre422WithEveryPathAtOnce) {
  HttpReply reply = post(inconsistent_input());
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_EQ(errors_of(reply), kInconsistentErrors);
  EXPECT_THAT(message_at(reply, "/sections/1/sections/2/sections/1/sections/0/content/0/reception/online"),
              AllOf(HasSubstr("Số hồ sơ trực tuyến (12.000)"), HasSubstr("lớn hơn tổng số hồ sơ tiếp nhận (11.962)")));
  EXPECT_THAT(message_at(reply, "/sections/1/sections/4/sections/0/content/0/budget/disbursement/amount"),
              HasSubstr("Kinh phí đã giải ngân (900.000.000đ) lớn hơn tổng kinh phí bố trí (820.000.000đ)"));
}

TEST_F(Nq57Periodic, OutlineAndDateProblemsAre422) {
  json input = sample("hong-bang-2025");
  input["document"]["date"] = "2025-02-29";
  input["sections"][1]["level"] = "part";                                                   // among chapters
  input["sections"][2]["sections"] = json::array({{{"level", "subsection"}, {"title", "1.1"}}});  // not under a section
  input["sections"][3]["content"][0] = json::object();                                      // no kind
  HttpReply reply = post(input);
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_THAT(errors_of(reply), ElementsAre("/document/date invalid_date", "/sections/1/level mixed_heading_levels",
                                            "/sections/2/sections/0/level heading_level", "/sections/3/content/0 block_kind"));
  EXPECT_THAT(message_at(reply, "/sections/2/sections/0/level"), HasSubstr("phải nằm trong một khoản"));
}

class Nq57PeriodicCli : public ::testing::Test {
 protected:
  ProcessResult render(const json& input) {
    write_file(input_, input.dump());
    return run_process({vanthu_binary().string(), "render", "nq57-periodic", input_.string(), "-o", output_.string(),
                        "--plugins-dir=" + (build_dir() / "plugins").string(),
                        "--templates-dir=" + (build_dir() / "templates").string()});
  }
  TempDir dir_;
  fs::path input_ = dir_.path() / "input.json";
  fs::path output_ = dir_.path() / "out.docx";
};

TEST_F(Nq57PeriodicCli, InconsistentCountsExit3WithOneProblemPerLine) {
  ProcessResult result = render(inconsistent_input());
  EXPECT_EQ(result.exit_code, 3) << result.err;
  std::vector<std::string> lines = lines_of(result.err);
  ASSERT_EQ(lines.size(), kInconsistentErrors.size()) << result.err;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string path = kInconsistentErrors[i].substr(0, kInconsistentErrors[i].find(' '));
    EXPECT_THAT(lines[i], AllOf(StartsWith(path + ": "), HasSubstr("[inconsistent_total]")));
  }
  EXPECT_FALSE(fs::exists(output_));
}

TEST_F(Nq57PeriodicCli, SchemaViolationExits3) {
  json input = sample("hong-bang-2025");
  input["sections"][0]["title"] = "";
  ProcessResult result = render(input);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(lines_of(result.err), ElementsAre(AllOf(StartsWith("/sections/0/title: "), HasSubstr("[min_length]"))));
  EXPECT_FALSE(fs::exists(output_));
}

TEST_F(Nq57PeriodicCli, SampleRendersAndExits0) {
  ProcessResult result = render(sample("hong-bang-2025"));
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(docx_text(docx_part(read_file(output_), "word/document.xml")), HasSubstr("Phạm Văn Đoàn"));
}

}  // namespace
}  // namespace vanthu::test
