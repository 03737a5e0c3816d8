//! hdnd-quarterly end to end: the real `vanthu serve` on a free loopback port and the real
//! `vanthu render`, with the built plugin and template. Bad and inconsistent inputs are refused
//! with every problem at once, each with its JSON path (HTTP 422; exit 3 with one
//! "PATH: message [code]" line each); a good one gives the DOCX with the derived phrases.
//!
//! The server loads hdnd-quarterly alone (a copy of the built .so in a private plugins folder),
//! so what is tested here is this report type, whatever state the others are in.

#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <algorithm>
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
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;
using json = nlohmann::json;

constexpr const char* kDocuments = "/v1/report-types/hdnd-quarterly/documents";

json sample() { return json::parse(read_file(source_dir() / "samples/hdnd-quarterly/hai-an-2026-q2.json")); }

//! A plugins folder holding only hdnd-quarterly.so (copied from the build).
class PluginFolder {
 public:
  PluginFolder() {
    fs::copy_file(build_dir() / "plugins" / "hdnd-quarterly.so", dir_.path() / "hdnd-quarterly.so");
  }
  fs::path path() const { return dir_.path(); }

 private:
  TempDir dir_;
};

//! (path, code) of each error of a 422 body, in order.
std::vector<std::pair<std::string, std::string>> errors_of(const HttpReply& reply) {
  std::vector<std::pair<std::string, std::string>> out;
  json body = json::parse(reply.body);
  for (const auto& e : body.at("errors")) {
    EXPECT_FALSE(e.at("message").get<std::string>().empty());
    out.emplace_back(e.at("path").get<std::string>(), e.at("code").get<std::string>());
  }
  return out;
}

std::string message_at(const HttpReply& reply, const std::string& path) {
  const json body = json::parse(reply.body);
  for (const auto& e : body.at("errors"))
    if (e.at("path").get<std::string>() == path) return e.at("message").get<std::string>();
  return {};
}

using Errors = std::vector<std::pair<std::string, std::string>>;

class HdndHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    plugins_ = std::make_unique<PluginFolder>();
    server_ = ServerProcess::start(plugins_->path(), build_dir() / "templates", {"--threads=2"});
  }
  static void TearDownTestSuite() {
    server_.reset();
    plugins_.reset();
  }
  void SetUp() override { ASSERT_TRUE(server_ && server_->running()) << (server_ ? server_->log() : ""); }
  static HttpReply post(const json& input) { return http_post_json(server_->port(), kDocuments, input.dump()); }

  static std::unique_ptr<PluginFolder> plugins_;
  static std::unique_ptr<ServerProcess> server_;
};

std::unique_ptr<PluginFolder> HdndHttp::plugins_;
std::unique_ptr<ServerProcess> HdndHttp::server_;

TEST_F(HdndHttp, IsListedAndDescribedWithItsSchemaAndTheSampleAsExample) {
  HttpReply list = http_get(server_->port(), "/v1/report-types");
  ASSERT_EQ(list.status, 200) << list.body;
  EXPECT_EQ(list.json()["report_types"],
            json::array({{{"id", "hdnd-quarterly"},
                          {"name", "Báo cáo quý của HĐND phường về thực hiện Nghị quyết 57-NQ/TW"},
                          {"version", "1.0.0"}}}));
  HttpReply described = http_get(server_->port(), "/v1/report-types/hdnd-quarterly");
  ASSERT_EQ(described.status, 200) << described.body;
  EXPECT_EQ(described.json()["schema"], schema_with_common_defs("hdnd-quarterly"));
  EXPECT_EQ(described.json()["example"], sample());
}

TEST_F(HdndHttp, TheSampleGivesTheDocxWithTheDerivedPhrases) {
  HttpReply reply = post(sample());
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_THAT(reply.header("Content-Disposition"),
              AllOf(HasSubstr("filename=\"Bao cao quy II nam 2026 HDND phuong Hai An ve NQ57.docx\""),
                    HasSubstr("filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20qu%C3%BD%20II%20n%C4%83m%202026%20H%C4%90ND")));
  std::string text = docx_text(docx_part(reply.body, "word/document.xml"));
  EXPECT_THAT(text, HasSubstr("HỘI ĐỒNG NHÂN DÂN\nPHƯỜNG HẢI AN\n"));
  EXPECT_THAT(text, HasSubstr("/BC-HĐND\n"));
  EXPECT_THAT(text, HasSubstr("Hải An, ngày 19 tháng 6 năm 2026"));
  EXPECT_THAT(text, HasSubstr("Kết quả quý II về việc triển khai thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị và "
                              "phương hướng, nhiệm vụ quý III năm 2026"));
  EXPECT_THAT(text, HasSubstr("I. KẾT QUẢ THỰC HIỆN QUÝ II/2026\n1. Về công tác chỉ đạo, điều hành\n1.1. Thống kê số nhiệm vụ\n"));
  EXPECT_THAT(text, HasSubstr("HĐND phường được giao 03 nhiệm vụ:\n+ Tỷ lệ cán bộ"));
  EXPECT_THAT(text, HasSubstr("\nTrong 03 nhiệm vụ được giao, HĐND phường đã hoàn thành 01 nhiệm vụ, 02 nhiệm vụ đang triển "
                              "khai thực hiện theo lộ trình; không có nhiệm vụ quá hạn:\n+ 15/27 đại biểu"));
  EXPECT_THAT(text, HasSubstr(", còn 12 đại biểu chưa được cấp chữ ký số.\n"));
  EXPECT_THAT(text, HasSubstr("TM. HỘI ĐỒNG NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n"));
  EXPECT_THAT(text, HasSubstr("của tập thể, cá nhân./.\n"));
}

TEST_F(HdndHttp, QuarterIVLooksAheadToQuarterIOfTheNextYear) {
  json input = sample();
  input["period"] = {{"quarter", 4}, {"year", 2026}};
  input["document"] = {{"number", 3}, {"date", "2026-12-05"}};
  input["signature"]["signer"] = "chair";
  HttpReply reply = post(input);
  ASSERT_EQ(reply.status, 200) << reply.body;
  std::string text = docx_text(docx_part(reply.body, "word/document.xml"));
  EXPECT_THAT(text, HasSubstr("Kết quả quý IV năm 2026 về việc"));
  EXPECT_THAT(text, HasSubstr("phương hướng, nhiệm vụ quý I năm 2027"));
  EXPECT_THAT(text, HasSubstr("I. KẾT QUẢ THỰC HIỆN QUÝ IV/2026"));
  EXPECT_THAT(text, HasSubstr("Số: 03/BC-HĐND"));
  EXPECT_THAT(text, HasSubstr("Hải An, ngày 05 tháng 12 năm 2026"));
  EXPECT_THAT(text, HasSubstr("TM. HỘI ĐỒNG NHÂN DÂN\nCHỦ TỊCH\n"));
  EXPECT_THAT(text, Not(HasSubstr("KT. CHỦ TỊCH")));
}

TEST_F(HdndHttp, InconsistentFactsAre422WithEveryPath) {
  json input = sample();
  input["document"]["date"] = "2026-03-20";                              // before quý II
  input["results"]["direction"]["tasks"]["overdue"] = 1;                 // 1 + 2 + 1 != 3
  input["results"]["direction"]["tasks"]["list"].push_back("Nhiệm vụ thứ tư.");  // 4 listed, 3 assigned
  input["results"]["direction"]["tasks"]["results"][0]["ratio"]["count"] = 28;   // 28/27
  HttpReply reply = post(input);
  EXPECT_EQ(reply.status, 422) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(errors_of(reply), (Errors{{"/document/date", "date_before_period"},
                                      {"/results/direction/tasks/assigned", "inconsistent_total"},
                                      {"/results/direction/tasks/list", "count_mismatch"},
                                      {"/results/direction/tasks/results/0/ratio/count", "inconsistent_ratio"}}));
  EXPECT_THAT(message_at(reply, "/document/date"), HasSubstr("trước ngày đầu quý II/2026"));
  EXPECT_THAT(message_at(reply, "/results/direction/tasks/assigned"), HasSubstr("Số nhiệm vụ được giao (3)"));
  EXPECT_THAT(message_at(reply, "/results/direction/tasks/list"), HasSubstr("Danh sách có 4 nhiệm vụ"));
  EXPECT_THAT(message_at(reply, "/results/direction/tasks/results/0/ratio/count"), HasSubstr("lớn hơn tổng số (27)"));
}

TEST_F(HdndHttp, IssueDateAfterTheNextQuarterIs422) {
  json input = sample();
  input["document"]["date"] = "2026-10-01";
  HttpReply reply = post(input);
  EXPECT_EQ(reply.status, 422) << reply.body;
  EXPECT_EQ(errors_of(reply), (Errors{{"/document/date", "date_after_next_quarter"}}));
  EXPECT_THAT(message_at(reply, "/document/date"), HasSubstr("quý III/2026 (30/09/2026)"));
}

TEST_F(HdndHttp, BadInputIs422WithEveryPath) {
  json input = sample();
  input["period"]["quarter"] = 5;
  input["signature"]["signer"] = "secretary";
  input["issuer"]["unit"] = "quận";
  input["results"]["direction"]["tasks"].erase("completed");
  input["results"]["direction"]["tasks"]["in_progress"] = -1;
  input["results"]["direction"]["tasks"]["results"][0]["ratio"]["total"] = 0;
  input["next_tasks"][0]["style"] = "star";
  input["extra"] = true;
  HttpReply reply = post(input);
  EXPECT_EQ(reply.status, 422) << reply.body;
  Errors errors = errors_of(reply);
  std::sort(errors.begin(), errors.end());
  EXPECT_EQ(errors, (Errors{{"/extra", "additional_property"},
                            {"/issuer/unit", "enum"},
                            {"/next_tasks/0/style", "enum"},
                            {"/period/quarter", "maximum"},
                            {"/results/direction/tasks/completed", "required"},
                            {"/results/direction/tasks/in_progress", "minimum"},
                            {"/results/direction/tasks/results/0/ratio/total", "minimum"},
                            {"/signature/signer", "enum"}}));
}

TEST_F(HdndHttp, MissingPartsAre422) {
  HttpReply reply = post(json::object());
  EXPECT_EQ(reply.status, 422) << reply.body;
  EXPECT_EQ(errors_of(reply), (Errors{{"/issuer", "required"},
                                      {"/period", "required"},
                                      {"/results", "required"},
                                      {"/signature", "required"}}));
}

// --- vanthu render ---------------------------------------------------------------------------

class HdndCli : public ::testing::Test {
 protected:
  ProcessResult render(const json& input) {
    return run_process({vanthu_binary().string(), "render", "hdnd-quarterly", "-", "-o", output_.string(),
                        "--plugins-dir=" + plugins_.path().string(), "--templates-dir=" + (build_dir() / "templates").string()},
                       input.dump());
  }
  PluginFolder plugins_;
  TempDir dir_;
  fs::path output_ = dir_.path() / "out.docx";
};

TEST_F(HdndCli, RendersTheSample) {
  ProcessResult result = render(sample());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(docx_text(docx_part(read_file(output_), "word/document.xml")), HasSubstr("15/27 đại biểu"));
}

TEST_F(HdndCli, InconsistentFactsExit3WithOneLinePerProblem) {
  json input = sample();
  input["results"]["direction"]["tasks"]["completed"] = 0;  // 0 + 2 + 0 != 3
  input["results"]["direction"]["tasks"]["results"][0]["ratio"]["count"] = 30;
  ProcessResult result = render(input);
  EXPECT_EQ(result.exit_code, 3) << result.err;
  std::vector<std::string> lines = lines_of(result.err);
  ASSERT_EQ(lines.size(), 2u) << result.err;
  EXPECT_THAT(lines[0], MatchesRegex("/results/direction/tasks/assigned: Số nhiệm vụ được giao \\(3\\) .+ \\[inconsistent_total\\]"));
  EXPECT_THAT(lines[1], MatchesRegex("/results/direction/tasks/results/0/ratio/count: .+ \\(30\\) .+ \\[inconsistent_ratio\\]"));
  EXPECT_FALSE(fs::exists(output_));
}

TEST_F(HdndCli, SchemaProblemsExit3WithOneLinePerProblem) {
  json input = sample();
  input["period"]["year"] = 1999;
  input["signature"].erase("name");
  ProcessResult result = render(input);
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_THAT(lines_of(result.err), ElementsAre(AllOf(MatchesRegex("/period/year: .+ \\[minimum\\]")),
                                                AllOf(MatchesRegex("/signature/name: .+ \\[required\\]"))));
  EXPECT_FALSE(fs::exists(output_));
}

}  // namespace
}  // namespace vanthu::test
