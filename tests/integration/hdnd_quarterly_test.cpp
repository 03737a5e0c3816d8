//! hdnd-quarterly end to end: the real `vanthu serve` on a free loopback port and the real
//! `vanthu render`, with the built plugin and template. Bad and inconsistent inputs are refused
//! with every problem at once, each with its JSON path (HTTP 422; exit 3 with one
//! "PATH: message [code]" line each); a good one gives the DOCX with the derived phrases.
//!
//! The server loads hdnd-quarterly alone (a copy of the built .so in a private plugins folder),
//! so what is tested here is this report type, whatever state the others are in.
//!
//! The sentences the built-in template makes of the model's figures (the task counts at zero,
//! one and many; ratios at 0 and at their total; empty parts) are checked on rendered documents,
//! and so is a template a clerk reworded: headings deleted or added are numbered again.

#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <algorithm>
#include <filesystem>
#include <functional>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server_harness.hpp"
#include "test_support.hpp"
#include "vanthu/zip.hpp"

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
                          {"version", "2.0.0"}}}));
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

// --- What the built-in template says -------------------------------------------------------

//! The paragraphs of a document's main part, one a line, as `vanthu render` makes it of `input`
//! with the templates in `templates` (the built-in ones unless told).
class HdndText : public ::testing::Test {
 protected:
  std::vector<std::string> lines(const json& input, const fs::path& templates = build_dir() / "templates") {
    const fs::path out = dir_.path() / "out.docx";
    fs::remove(out);
    ProcessResult result = run_process({vanthu_binary().string(), "render", "hdnd-quarterly", "-", "-o", out.string(),
                                        "--plugins-dir=" + plugins_.path().string(), "--templates-dir=" + templates.string()},
                                       input.dump());
    EXPECT_EQ(result.exit_code, 0) << result.err;
    if (result.exit_code != 0) return {};
    std::string text = docx_text(docx_part(read_file(out), "word/document.xml"));
    EXPECT_EQ(text.find('{'), std::string::npos) << text;
    return lines_of(text);
  }
  //! The line after the one equal to `line` ("" when there is none).
  static std::string after(const std::vector<std::string>& lines, const std::string& line, std::size_t n = 1) {
    auto at = std::find(lines.begin(), lines.end(), line);
    if (at == lines.end() || static_cast<std::size_t>(lines.end() - at) <= n) return {};
    return *(at + static_cast<std::ptrdiff_t>(n));
  }
  PluginFolder plugins_;
  TempDir dir_;
};

json with_tasks(json input, const json& tasks) {
  for (const auto& [key, value] : tasks.items()) input["results"]["direction"]["tasks"][key] = value;
  return input;
}

constexpr const char* kSource = "- Tại thông báo số 02 ngày 27/3/2026 và thông báo kết luận cuộc họp Ban chỉ đạo ngày 15/4/2026, ";

TEST_F(HdndText, TheSampleReadsLikeTheSeed) {
  std::vector<std::string> l = lines(sample());
  EXPECT_EQ(after(l, "I. KẾT QUẢ THỰC HIỆN QUÝ II/2026"), "1. Về công tác chỉ đạo, điều hành");
  EXPECT_EQ(after(l, "1. Về công tác chỉ đạo, điều hành"), "1.1. Thống kê số nhiệm vụ");
  EXPECT_EQ(after(l, "1.1. Thống kê số nhiệm vụ"), std::string(kSource) + "HĐND phường được giao 03 nhiệm vụ:");
  EXPECT_THAT(after(l, "1.1. Thống kê số nhiệm vụ", 2), ::testing::StartsWith("+ Tỷ lệ cán bộ cấp phường"));
  EXPECT_EQ(after(l, "- Kết quả thực hiện:"),
            "Trong 03 nhiệm vụ được giao, HĐND phường đã hoàn thành 01 nhiệm vụ, 02 nhiệm vụ đang triển khai thực hiện "
            "theo lộ trình; không có nhiệm vụ quá hạn:");
  EXPECT_EQ(after(l, "- Kết quả thực hiện:", 2),
            "+ 15/27 đại biểu HĐND phường làm việc tại cơ quan Đảng uỷ, HĐND, UBND phường có trang thiết bị đáp ứng yêu "
            "cầu công việc và có chữ ký số cá nhân để giải quyết công việc trên môi trường điện tử, còn 12 đại biểu chưa "
            "được cấp chữ ký số.");
  EXPECT_THAT(after(l, "- Kết quả thực hiện:", 3),
              ::testing::StartsWith("+ Tỷ lệ hồ sơ công việc được xử lý trên môi trường điện tử và sử dụng chữ ký số "
                                    "chuyên dùng công vụ: Đang được triển khai"));
  EXPECT_EQ(after(l, "1.2. Công tác lãnh đạo, chỉ đạo điều hành"), "- Các văn bản đã ban hành:");
  EXPECT_THAT(after(l, "- Các văn bản đã ban hành:"), ::testing::EndsWith("trên địa bàn phường năm 2026;"));
  EXPECT_THAT(after(l, "- Các văn bản đã ban hành:", 2), ::testing::EndsWith("của HĐND phường Hải An."));
  EXPECT_THAT(after(l, "- Các văn bản đã ban hành:", 3), ::testing::StartsWith("- Công tác kiểm tra, giám sát: Tại thông báo số 11/TB-HĐND"));
  // The headings, in order, numbered from their styles.
  std::vector<std::string> headings;
  const std::regex numbered("^([IVX]+|\\d+(\\.\\d+)?)\\. .*");
  for (const auto& line : l)
    if (std::regex_match(line, numbered)) headings.push_back(line);
  EXPECT_THAT(headings, ElementsAre("I. KẾT QUẢ THỰC HIỆN QUÝ II/2026", "1. Về công tác chỉ đạo, điều hành",
                                    "1.1. Thống kê số nhiệm vụ", "1.2. Công tác lãnh đạo, chỉ đạo điều hành",
                                    ::testing::StartsWith("2. Xây dựng, hoàn thiện thể chế"),
                                    "3. Phát triển khoa học, công nghệ, đổi mới sáng tạo", "4. Tình hình thực hiện chuyển đổi số",
                                    "5. An ninh mạng, bảo mật thông tin, an toàn dữ liệu", "II. KHÓ KHĂN, TỒN TẠI, HẠN CHẾ",
                                    "III. NHIỆM VỤ TRONG THỜI GIAN TỚI"));
  EXPECT_THAT(l, ::testing::Contains(::testing::EndsWith("của tập thể, cá nhân./.")));
}

TEST_F(HdndText, TheTaskSentencesFollowTheCounts) {
  const std::string heading = "1.1. Thống kê số nhiệm vụ";
  // One task, not listed, no results typed: the sentences end with ".".
  std::vector<std::string> l =
      lines(with_tasks(sample(), {{"assigned", 1}, {"completed", 1}, {"in_progress", 0}, {"list", json::array()}, {"results", json::array()}}));
  EXPECT_EQ(after(l, heading), std::string(kSource) + "HĐND phường được giao 01 nhiệm vụ.");
  EXPECT_EQ(after(l, heading, 2), "- Kết quả thực hiện:");
  EXPECT_EQ(after(l, heading, 3), "Trong 01 nhiệm vụ được giao, HĐND phường đã hoàn thành 01 nhiệm vụ; không có nhiệm vụ quá hạn.");
  EXPECT_EQ(after(l, heading, 4), "1.2. Công tác lãnh đạo, chỉ đạo điều hành");
  // None completed.
  l = lines(with_tasks(sample(), {{"completed", 0}, {"in_progress", 3}, {"results", json::array()}}));
  EXPECT_EQ(after(l, "- Kết quả thực hiện:"),
            "Trong 03 nhiệm vụ được giao, HĐND phường chưa hoàn thành nhiệm vụ nào, 03 nhiệm vụ đang triển khai thực hiện "
            "theo lộ trình; không có nhiệm vụ quá hạn.");
  // Overdue ones, with the results after them.
  l = lines(with_tasks(sample(), {{"assigned", 12}, {"completed", 10}, {"in_progress", 1}, {"overdue", 1}, {"list", json::array()}}));
  EXPECT_EQ(after(l, heading), std::string(kSource) + "HĐND phường được giao 12 nhiệm vụ.");
  EXPECT_EQ(after(l, "- Kết quả thực hiện:"),
            "Trong 12 nhiệm vụ được giao, HĐND phường đã hoàn thành 10 nhiệm vụ, 01 nhiệm vụ đang triển khai thực hiện "
            "theo lộ trình; 01 nhiệm vụ quá hạn:");
  // All overdue, in a xã, without a source: the sentence starts with the council.
  json xa = with_tasks(sample(), {{"assigned", 2}, {"completed", 0}, {"in_progress", 0}, {"overdue", 2}, {"list", json::array()},
                                  {"results", json::array()}});
  xa["results"]["direction"]["tasks"].erase("source");
  xa["issuer"]["unit"] = "xã";
  l = lines(xa);
  EXPECT_EQ(after(l, heading), "- HĐND xã được giao 02 nhiệm vụ.");
  EXPECT_EQ(after(l, "- Kết quả thực hiện:"), "Trong 02 nhiệm vụ được giao, HĐND xã chưa hoàn thành nhiệm vụ nào; 02 nhiệm vụ quá hạn.");
  // None assigned: no results line, no summary.
  l = lines(with_tasks(sample(), {{"source", "Trong quý"}, {"assigned", 0}, {"completed", 0}, {"in_progress", 0},
                                  {"list", json::array()}, {"results", json::array()}}));
  EXPECT_EQ(after(l, heading), "- Trong quý, HĐND phường không được giao nhiệm vụ nào.");
  EXPECT_EQ(after(l, heading, 2), "1.2. Công tác lãnh đạo, chỉ đạo điều hành");
}

TEST_F(HdndText, RatiosSayWhatRemains) {
  json input = sample();
  input["results"]["security"] = json::parse(R"([
    {"style": "plus", "ratio": {"count": 26, "total": 27, "unit": "đại biểu", "who": "HĐND phường", "done": "có chữ ký số cá nhân", "not_done": "chưa được cấp chữ ký số"}},
    {"style": "plus", "ratio": {"count": 27, "total": 27, "unit": "đại biểu", "who": "HĐND phường", "done": "có chữ ký số cá nhân", "not_done": "chưa được cấp chữ ký số"}},
    {"style": "plus", "ratio": {"count": 0, "total": 27, "unit": "đại biểu", "who": "HĐND phường", "done": "có chữ ký số cá nhân", "not_done": "chưa được cấp chữ ký số"}},
    {"ratio": {"count": 1500, "total": 2006, "unit": "hồ sơ", "done": "được xử lý trên môi trường điện tử;", "not_done": "xử lý trên giấy."}},
    {"style": "bullet", "label": "Về máy chủ:", "ratio": {"count": 2, "total": 2, "unit": "máy chủ", "done": "đã vá lỗi", "not_done": "chưa vá lỗi"},
     "text": "Đã kiểm tra lại."}
  ])");
  std::vector<std::string> l = lines(input);
  const std::string heading = "5. An ninh mạng, bảo mật thông tin, an toàn dữ liệu";
  EXPECT_EQ(after(l, heading, 1), "+ 26/27 đại biểu HĐND phường có chữ ký số cá nhân, còn 1 đại biểu chưa được cấp chữ ký số.");
  EXPECT_EQ(after(l, heading, 2),
            "+ 27/27 đại biểu HĐND phường có chữ ký số cá nhân, không còn đại biểu nào chưa được cấp chữ ký số.");
  EXPECT_EQ(after(l, heading, 3), "+ 27/27 đại biểu HĐND phường chưa được cấp chữ ký số.");
  EXPECT_EQ(after(l, heading, 4), "1.500/2.006 hồ sơ được xử lý trên môi trường điện tử, còn 506 hồ sơ xử lý trên giấy.");
  EXPECT_EQ(after(l, heading, 5),
            "- Về máy chủ: 2/2 máy chủ đã vá lỗi, không còn máy chủ nào chưa vá lỗi. Đã kiểm tra lại.");
}

TEST_F(HdndText, ContentBlocksKeepTheirMarkersLabelsAndNotes) {
  json input = sample();
  input["results"]["security"] = json::parse(R"([
    {"style": "plus", "label": "Về hạ tầng:", "text": ""},
    {"style": "note", "text": "(Ghi chú)."},
    {"label": "Về dữ liệu", "text": "Đã kết nối."},
    "  ",
    {"style": "bullet", "text": "Đã rà soát 1507 hồ sơ."}
  ])");
  std::vector<std::string> l = lines(input);
  const std::string heading = "5. An ninh mạng, bảo mật thông tin, an toàn dữ liệu";
  EXPECT_EQ(after(l, heading, 1), "+ Về hạ tầng: Không phát sinh nội dung mới.");
  EXPECT_EQ(after(l, heading, 2), "(Ghi chú).");
  EXPECT_EQ(after(l, heading, 3), "Về dữ liệu: Đã kết nối.");
  EXPECT_EQ(after(l, heading, 4), "- Đã rà soát 1.507 hồ sơ.");
  EXPECT_EQ(after(l, heading, 5), "II. KHÓ KHĂN, TỒN TẠI, HẠN CHẾ");
}

TEST_F(HdndText, EmptyPartsSayNothingNew) {
  json input = sample();
  input["results"]["direction"]["leadership"] = json::object();
  input["results"].erase("security");
  input["results"]["science"] = json::array({"   "});
  input.erase("difficulties");
  input["next_tasks"] = json::array();
  std::vector<std::string> l = lines(input);
  EXPECT_EQ(after(l, "1.2. Công tác lãnh đạo, chỉ đạo điều hành"), "- Các văn bản đã ban hành: Không phát sinh nội dung mới.");
  EXPECT_EQ(after(l, "1.2. Công tác lãnh đạo, chỉ đạo điều hành", 2), "- Công tác kiểm tra, giám sát: Không phát sinh nội dung mới.");
  EXPECT_EQ(after(l, "3. Phát triển khoa học, công nghệ, đổi mới sáng tạo"), "Không phát sinh nội dung mới.");
  EXPECT_EQ(after(l, "5. An ninh mạng, bảo mật thông tin, an toàn dữ liệu"), "Không phát sinh nội dung mới.");
  EXPECT_EQ(after(l, "II. KHÓ KHĂN, TỒN TẠI, HẠN CHẾ"), "Không phát sinh nội dung mới.");
  EXPECT_EQ(after(l, "III. NHIỆM VỤ TRONG THỜI GIAN TỚI"), "Không phát sinh nội dung mới./.");
}

//! `xml` without the paragraph holding `text`.
std::string without_paragraph(std::string xml, const std::string& text) {
  auto at = xml.find(text);
  if (at == std::string::npos) return xml;
  auto start = xml.rfind("<w:p>", at);
  auto end = xml.find("</w:p>", at) + 6;
  return xml.erase(start, end - start);
}

//! The built-in template with word/document.xml changed by `edit`, written as `dir`/hdnd-quarterly.docx.
void write_edited_template(const fs::path& dir, const std::function<std::string(std::string)>& edit) {
  const std::string docx = read_file(build_dir() / "templates" / "hdnd-quarterly.docx");
  std::string out;
  ZipWriter writer(out);
  for (const ZipEntry& entry : zip_read(docx)) {
    if (entry.name == "word/document.xml") writer.add(entry.name, edit(zip_inflate(entry)), 6);
    else writer.add(entry);
  }
  writer.finish();
  write_file(dir / "hdnd-quarterly.docx", out);
}

TEST_F(HdndText, AClerksRewordedTemplateIsNumberedAgain) {
  TempDir templates;
  write_edited_template(templates.path(), [](std::string xml) {
    // Chapter II and section 2 deleted, a heading reworded, a section added (numbered "9.").
    xml = without_paragraph(xml, "II. KHÓ KHĂN, TỒN TẠI, HẠN CHẾ");
    xml = without_paragraph(xml, "2. Xây dựng, hoàn thiện thể chế");
    const std::string security = "5. An ninh mạng, bảo mật thông tin, an toàn dữ liệu";
    EXPECT_NE(xml.find(security), std::string::npos);
    xml.replace(xml.find(security), security.size(), "5. An toàn thông tin");
    const std::string results = "- Kết quả thực hiện:";
    xml.replace(xml.find(results), results.size(), "- Kết quả cụ thể:");
    const std::string before = "<w:p><w:pPr><w:pStyle w:val=\"VanthuChapter\"/></w:pPr><w:r><w:rPr><w:rStyle "
                               "w:val=\"VanthuHeadingLabel\"/></w:rPr><w:t>III. NHIỆM VỤ";
    EXPECT_NE(xml.find(before), std::string::npos);
    xml.insert(xml.find(before),
               "<w:p><w:pPr><w:pStyle w:val=\"VanthuSection\"/></w:pPr><w:r><w:t>9. Nội dung khác</w:t></w:r></w:p>"
               "<w:p><w:r><w:t>Không có.</w:t></w:r></w:p>");
    return xml;
  });
  std::vector<std::string> l = lines(sample(), templates.path());
  std::vector<std::string> headings;
  const std::regex numbered("^([IVX]+|\\d+(\\.\\d+)?)\\. .*");
  for (const auto& line : l)
    if (std::regex_match(line, numbered)) headings.push_back(line);
  EXPECT_THAT(headings, ElementsAre("I. KẾT QUẢ THỰC HIỆN QUÝ II/2026", "1. Về công tác chỉ đạo, điều hành",
                                    "1.1. Thống kê số nhiệm vụ", "1.2. Công tác lãnh đạo, chỉ đạo điều hành",
                                    "2. Phát triển khoa học, công nghệ, đổi mới sáng tạo", "3. Tình hình thực hiện chuyển đổi số",
                                    "4. An toàn thông tin", "5. Nội dung khác", "II. NHIỆM VỤ TRONG THỜI GIAN TỚI"));
  EXPECT_THAT(l, ::testing::Contains("- Kết quả cụ thể:"));
  EXPECT_THAT(l, Not(::testing::Contains("- Kết quả thực hiện:")));
  EXPECT_EQ(after(l, "5. Nội dung khác"), "Không có.");
  EXPECT_THAT(l, ::testing::Contains(::testing::EndsWith("của tập thể, cá nhân./.")));
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
