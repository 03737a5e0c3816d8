//! dean06-monthly end to end, against the real `vanthu serve` (a free loopback port) and the real
//! `vanthu render`: the sample renders to the official layout (công văn and Phụ lục 1 portrait,
//! Phụ lục 2 landscape, its header row repeated, no row split, a real footnote); hostile and
//! inconsistent inputs are refused with 422 and every problem's JSON path over HTTP, and with
//! exit code 3 and one "path: message [code]" line per problem on the command line.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <regex>
#include <set>
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
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using json = nlohmann::json;

constexpr const char* kDocuments = "/v1/report-types/dean06-monthly/documents";

fs::path sample_path() { return source_dir() / "samples/dean06-monthly/hai-an-2026-04.json"; }
json sample() { return json::parse(read_file(sample_path())); }

//! A plugins directory holding only dean06-monthly.so (next to a "lib" link to the build's
//! libraries, where the plugin's rpath looks), so the tests do not depend on the other report
//! types being built or well.
class PluginDir {
 public:
  PluginDir() {
    fs::create_directories(dir_.path() / "plugins");
    fs::copy_file(build_dir() / "plugins" / "dean06-monthly.so", dir_.path() / "plugins" / "dean06-monthly.so");
    fs::create_directory_symlink(build_dir() / "lib", dir_.path() / "lib");
  }
  fs::path plugins() const { return dir_.path() / "plugins"; }

 private:
  TempDir dir_;
};

//! {"path code", ...} of an error body, sorted.
std::vector<std::string> paths_and_codes(const json& body) {
  std::vector<std::string> out;
  for (const auto& e : body["errors"]) out.push_back(e["path"].get<std::string>() + " " + e["code"].get<std::string>());
  std::sort(out.begin(), out.end());
  return out;
}

bool has_non_ascii(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

class Dean06Http : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    plugins_ = std::make_unique<PluginDir>();
    server_ = ServerProcess::start(plugins_->plugins(), build_dir() / "templates", {"--threads=2"});
  }
  static void TearDownTestSuite() {
    server_.reset();
    plugins_.reset();
  }
  void SetUp() override { ASSERT_TRUE(server_ && server_->running()) << (server_ ? server_->log() : ""); }

  //! POSTs `input`, expects 422 with every error well formed and in Vietnamese; returns the body.
  static json rejected(const json& input) { return rejected_text(input.dump()); }
  static json rejected_text(const std::string& body) {
    HttpReply reply = http_post_json(server_->port(), kDocuments, body);
    EXPECT_EQ(reply.status, 422) << reply.body.substr(0, 2000);
    EXPECT_EQ(reply.header("Content-Type"), "application/json; charset=utf-8");
    json parsed = json::parse(reply.body, nullptr, false);
    EXPECT_TRUE(parsed.is_object() && parsed.contains("errors")) << reply.body.substr(0, 2000);
    if (!parsed.is_object() || !parsed.contains("errors")) return json{{"errors", json::array()}};
    EXPECT_FALSE(parsed["errors"].empty());
    for (const auto& e : parsed["errors"]) {
      EXPECT_TRUE(e["path"].is_string());
      EXPECT_TRUE(e["code"].is_string());
      EXPECT_TRUE(has_non_ascii(e["message"].get<std::string>())) << e.dump();
    }
    return parsed;
  }

  static std::unique_ptr<PluginDir> plugins_;
  static std::unique_ptr<ServerProcess> server_;
};

std::unique_ptr<PluginDir> Dean06Http::plugins_;
std::unique_ptr<ServerProcess> Dean06Http::server_;

TEST_F(Dean06Http, ListsTheReportTypeWithItsSchemaAndExample) {
  HttpReply reply = http_get(server_->port(), "/v1/report-types/dean06-monthly");
  ASSERT_EQ(reply.status, 200) << reply.body;
  json body = reply.json();
  EXPECT_EQ(body["example"], sample());
  EXPECT_EQ(body["schema"]["properties"]["essential_services"]["properties"].size(), 25u);
}

TEST_F(Dean06Http, TheSampleRendersToTheOfficialLayout) {
  HttpReply reply = http_post_json(server_->port(), kDocuments, read_file(sample_path()));
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 2000);
  EXPECT_EQ(reply.header("Content-Type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_THAT(reply.header("Content-Disposition"), HasSubstr("filename*=UTF-8''"));
  std::string xml = docx_part(reply.body, "word/document.xml");
  std::string text = docx_text(xml);
  EXPECT_THAT(text, HasSubstr("Số: 1804/UBND-VHXH\n"));  // a công văn: no type abbreviation
  EXPECT_THAT(text, HasSubstr("Kính gửi: Công an thành phố.\n"));
  EXPECT_EQ(text.find("BÁO CÁO\n"), std::string::npos) << "a công văn has no tên loại";

  // Two sections: the first (công văn, Phụ lục 1) portrait, the last (Phụ lục 2) landscape.
  std::regex section("<w:sectPr>[\\s\\S]*?</w:sectPr>");
  std::vector<std::string> sections;
  std::vector<std::size_t> ends;
  for (auto it = std::sregex_iterator(xml.begin(), xml.end(), section); it != std::sregex_iterator(); ++it) {
    sections.push_back(it->str());
    ends.push_back(static_cast<std::size_t>(it->position() + it->length()));
  }
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_THAT(sections[0], HasSubstr("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"));
  EXPECT_THAT(sections[0], Not(HasSubstr("landscape")));
  EXPECT_THAT(sections[0], HasSubstr("<w:titlePg/>"));
  EXPECT_THAT(sections[1], HasSubstr("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"));
  EXPECT_THAT(sections[1], Not(HasSubstr("<w:titlePg/>"))) << "every landscape page shows its number";
  std::size_t appendix1 = xml.find(">Phụ lục 1<"), appendix2 = xml.find(">Phụ lục 2<");
  ASSERT_NE(appendix1, std::string::npos);
  ASSERT_NE(appendix2, std::string::npos);
  EXPECT_LT(appendix1, ends[0]);
  EXPECT_GT(appendix2, ends[0]) << "Phụ lục 2 is in the landscape section";
  // Phụ lục 1 starts a new page.
  std::size_t heading = xml.rfind("<w:p>", appendix1);
  EXPECT_THAT(xml.substr(heading, appendix1 - heading), HasSubstr("<w:pageBreakBefore/>"));

  // The services table: a header row marked to repeat, 25 rows, none split across pages.
  std::size_t table = xml.find("<w:tbl>", appendix2);
  ASSERT_NE(table, std::string::npos);
  std::string services = xml.substr(table, xml.find("</w:tbl>", table) - table);
  std::regex row("<w:tr>([\\s\\S]*?)</w:tr>");
  std::vector<std::string> rows;
  for (auto it = std::sregex_iterator(services.begin(), services.end(), row); it != std::sregex_iterator(); ++it)
    rows.push_back((*it)[1].str());
  ASSERT_EQ(rows.size(), 26u);
  EXPECT_THAT(rows[0], AllOf(HasSubstr("<w:tblHeader/>"), HasSubstr("<w:cantSplit/>"), HasSubstr(">Trực tuyến<")));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_THAT(rows[i], HasSubstr("<w:cantSplit/>")) << "row " << i;
    EXPECT_THAT(rows[i], Not(HasSubstr("<w:tblHeader/>"))) << "row " << i;
  }
  EXPECT_THAT(rows[2], AllOf(HasSubstr(">Cấp lại, đổi thẻ căn cước công dân<"), HasSubstr(">1.601<"), HasSubstr(">1.593<"),
                            HasSubstr(">99,5%<"), HasSubstr(">2.<")));
  EXPECT_THAT(rows[12], AllOf(HasSubstr(">CATP<"), Not(HasSubstr("%<"))));

  // The seed's footnote is a real Word footnote.
  EXPECT_THAT(xml, HasSubstr("<w:footnoteReference w:id=\"1\"/>"));
  EXPECT_THAT(docx_part(reply.body, "word/footnotes.xml"), HasSubstr("Công văn số 689/CAHA-CSKV ngày 06/4/2026"));
}

//! The document's text (paragraphs separated by "\n") for `input`, which must render.
std::string rendered_text(int port, const json& input) {
  HttpReply reply = http_post_json(port, kDocuments, input.dump());
  EXPECT_EQ(reply.status, 200) << reply.body.substr(0, 2000);
  return reply.status == 200 ? docx_text(docx_part(reply.body, "word/document.xml")) : std::string();
}

TEST_F(Dean06Http, SeveralAddresseesAreAListAndTheClosingNamesThem) {
  json input = sample();
  input["addressees"] = {"Công an thành phố;", "Sở Khoa học và Công nghệ"};
  std::string text = rendered_text(server_->port(), input);
  EXPECT_THAT(text, HasSubstr("\nKính gửi:\n- Công an thành phố;\n- Sở Khoa học và Công nghệ.\n"));
  EXPECT_THAT(text, HasSubstr("Ủy ban nhân dân phường Hải An kính gửi Công an thành phố và Sở Khoa học và Công nghệ tổng hợp./."));
}

TEST_F(Dean06Http, JanuaryDerivesEveryMonthAndComparesWithDecember) {
  json input = sample();
  input["period"] = {{"year", 2026}, {"month", 1}, {"from", "2025-12-10"}, {"to", "2026-01-09"}};
  input["document"] = {{"number", nullptr}, {"date", nullptr}};
  input["request"]["date"] = "2026-01-12";
  std::string text = rendered_text(server_->port(), input);
  EXPECT_THAT(text, HasSubstr("Số:      /UBND-VHXH\n"));
  EXPECT_THAT(text, HasSubstr("Hải An, ngày      tháng      năm 2026\n"));
  EXPECT_THAT(text, HasSubstr("BÁO CÁO THÁNG 01/2026 VỀ TRIỂN KHAI"));
  EXPECT_THAT(text, HasSubstr("ngày      /01/2026 của UBND phường Hải An)"));
  EXPECT_THAT(text, HasSubstr("thực hiện báo cáo Báo cáo tháng 01/2026 về triển khai Đề án 06"));
  EXPECT_THAT(text, HasSubstr("Từ 10/12/2025 đến 09/01/2026, đã giải quyết 2.006 hồ sơ (đạt tỷ lệ 94,4%, tăng 1% so với tháng 12/2025)"));
  EXPECT_THAT(text, HasSubstr("đạt tỷ lệ 100%, tăng 0,07% so với tháng 12/2025."));
  // Nothing computed still speaks of April (the clerk's own text may cite April documents).
  for (const char* april : {"tháng 4/2026", "THÁNG 4/2026", "ngày      /4/2026", "tháng 3/2026"})
    EXPECT_EQ(text.find(april), std::string::npos) << april;
}

TEST_F(Dean06Http, WithoutLastMonthNoComparisonIsMade) {
  json input = sample();
  input["administrative_reform"].erase("previous_month");
  std::string text = rendered_text(server_->port(), input);
  EXPECT_THAT(text, HasSubstr("đã giải quyết 2.006 hồ sơ (đạt tỷ lệ 94,4%) đúng và trước hạn"));
  EXPECT_THAT(text, HasSubstr("Trong tháng 4/2026 đã tiếp nhận 2.126 hồ sơ trực tuyến, tỷ lệ hồ sơ trực tuyến đạt 100%."));
  EXPECT_EQ(text.find("so với tháng 3/2026"), std::string::npos);
}

TEST_F(Dean06Http, EmptySectionsSayNothingNewAndUnansweredQuestionsEndWithAFullStop) {
  json input = sample();
  input["institutions"]["results"] = json::array();
  input["institutions"]["key_tasks"] = {"  "};
  input["proposals"] = json::array();
  input["administrative_reform"]["answers"].erase("boundary_free_procedures");
  input["administrative_reform"].erase("procedures");
  std::string text = rendered_text(server_->port(), input);
  EXPECT_THAT(text, HasSubstr("\n2. VỀ HOÀN THIỆN THỂ CHẾ\n2.1. Ủy ban nhân dân phường Hải An báo cáo kết quả\n"
                              "Không phát sinh nội dung mới.\n2.2. Nhận xét, đánh giá\n"
                              "2.2.1. Tồn tại, hạn chế trong triển khai các nhiệm vụ (nêu rõ trách nhiệm của các cơ quan, đơn vị)\n"
                              "Mô hình triển khai 2 cấp còn mới nên vận hành còn nhiều khó khăn.\n"
                              "2.2.2. Các nhiệm vụ trọng tâm trong thời gian tới\nKhông phát sinh nội dung mới.\n3. VỀ CẢI CÁCH TTHC\n"));
  EXPECT_THAT(text, HasSubstr("\n+ Tỷ lệ thủ tục hành chính được thực hiện không phụ thuộc vào địa giới hành chính trong phạm vi cấp tỉnh.\n"));
  EXPECT_THAT(text, HasSubstr("chức năng quản lý của phường đạt trên 80%.\n"));
  EXPECT_THAT(text, HasSubstr("\nII. KIẾN NGHỊ, ĐỀ XUẤT\nKhông phát sinh nội dung mới./.\n"));
}

TEST_F(Dean06Http, AXaNamesItselfInTheFormsSentences) {
  json input = sample();
  input["issuer"]["unit"] = "xã";
  input["issuer"]["full_name"] = "Ủy ban nhân dân xã Hải An";
  input["issuer"]["name"] = "ỦY BAN NHÂN DÂN\nXÃ HẢI AN";
  std::string text = rendered_text(server_->port(), input);
  EXPECT_THAT(text, HasSubstr("\n3.1. Ủy ban nhân dân xã Hải An báo cáo kết quả\n- Bám sát chỉ tiêu"));
  EXPECT_THAT(text, HasSubstr("UBND thành phố, UBND xã. Trong đó"));
  EXPECT_THAT(text, HasSubstr("chức năng quản lý của xã đạt trên 80%: Số TTHC"));
  EXPECT_THAT(text, HasSubstr("được giao UBND xã Hải An thực hiện báo cáo"));
  EXPECT_THAT(text, HasSubstr("(Kèm theo Công văn số 1804/UBND-VHXH ngày 17/4/2026 của UBND xã Hải An)"));
  EXPECT_THAT(text, HasSubstr("Ủy ban nhân dân xã Hải An kính gửi Công an thành phố tổng hợp./."));
  EXPECT_THAT(text, Not(HasSubstr("phường Hải An báo cáo")));
}

TEST_F(Dean06Http, OnlineGreaterThanTotalGivesItsPath) {
  json input = sample();
  input["essential_services"]["id_card_renewal"]["online"] = 1602;
  json body = rejected(input);
  EXPECT_EQ(paths_and_codes(body), std::vector<std::string>{"/essential_services/id_card_renewal/online online_exceeds_total"});
  EXPECT_EQ(body["errors"][0]["message"], "Số hồ sơ trực tuyến (1.602) lớn hơn tổng số hồ sơ (1.601).");
}

TEST_F(Dean06Http, ResolvedPlusPendingDifferentFromReceived) {
  json input = sample();
  input["administrative_reform"]["applications"]["resolved_on_time"] = 2000;
  EXPECT_EQ(paths_and_codes(rejected(input)),
            std::vector<std::string>{"/administrative_reform/applications/received inconsistent_total"});
}

TEST_F(Dean06Http, APeriodThatDoesNotExist) {
  json input = sample();
  input["period"]["month"] = 13;
  input["period"]["from"] = "2026-02-30";
  EXPECT_EQ(paths_and_codes(rejected(input)),
            (std::vector<std::string>{"/period/from invalid_date", "/period/month maximum"}));
}

TEST_F(Dean06Http, ADataWindowOutOfOrderOrOutsideItsMonth) {
  json input = sample();
  input["period"]["from"] = "2026-04-10";
  EXPECT_EQ(paths_and_codes(rejected(input)), std::vector<std::string>{"/period/to inconsistent_period"});
  input = sample();
  input["period"]["from"] = "2026-01-31";
  EXPECT_EQ(paths_and_codes(rejected(input)), std::vector<std::string>{"/period/from period_outside_month"});
}

TEST_F(Dean06Http, FiguresForAServiceOutsideTheWard) {
  json input = sample();
  input["essential_services"]["passport"] = {{"total", 3}};
  EXPECT_EQ(paths_and_codes(rejected(input)), std::vector<std::string>{"/essential_services/passport/total not_ward_service"});
}

TEST_F(Dean06Http, EveryProblemAtOnce) {
  json input = sample();
  input["essential_services"]["birth_registration"]["online"] = 108;
  input["administrative_reform"]["payments"]["paid_online"] = 1331;
  input["administrative_reform"]["previous_month"]["applications"]["online"] = 5000;
  input["document"]["date"] = "2026-04-01";
  input["request"]["date"] = "2026-04-02";
  EXPECT_EQ(paths_and_codes(rejected(input)),
            (std::vector<std::string>{"/administrative_reform/payments/paid_online online_exceeds_total",
                                      "/administrative_reform/previous_month/applications/online online_exceeds_total",
                                      "/document/date date_before_period", "/essential_services/birth_registration/online online_exceeds_total",
                                      "/request/date request_after_document"}));
}

TEST_F(Dean06Http, HostileShapesAreSchemaProblemsWithPaths) {
  json input = sample();
  input["essential_services"]["teleportation"] = {{"total", 1}};        // not a service of the list
  input["essential_services"]["stay_notice"]["total"] = "32";          // a string for a count
  input["essential_services"]["permanent_residence"]["online"] = -1;   // negative
  input["administrative_reform"]["applications"]["received"] = 1e300;  // absurd
  input["direction"][0] = {{"style", "<script>"}, {"text", "x"}};       // unknown style
  input["signature"].erase("name");
  input["period"]["month"] = "4";
  EXPECT_EQ(paths_and_codes(rejected(input)),
            (std::vector<std::string>{"/administrative_reform/applications/received maximum", "/direction/0/style enum",
                                      "/essential_services/permanent_residence/online minimum",
                                      "/essential_services/stay_notice/total type",
                                      "/essential_services/teleportation additional_property", "/period/month type",
                                      "/signature/name required"}));
}

TEST_F(Dean06Http, MalformedSegmentsAreRefused) {
  json input = sample();
  input["direction"][5] = {{"style", "bullet"}, {"text", "A"}, {"parts", {"A", {{"footnote", "B"}, {"money", 1}}}}};
  EXPECT_EQ(paths_and_codes(rejected(input)),
            (std::vector<std::string>{"/direction/5/parts text_and_parts", "/direction/5/parts/1 segment_kind"}));
}

TEST_F(Dean06Http, NotAnObjectOrNotJson) {
  EXPECT_EQ(paths_and_codes(rejected_text("[]")), std::vector<std::string>{" type"});
  HttpReply reply = http_post_json(server_->port(), kDocuments, "{\"period\": ");
  EXPECT_EQ(reply.status, 400) << reply.body;
}

TEST_F(Dean06Http, DecomposedTextIsAcceptedAndNormalised) {
  json input = sample();
  // Typed decomposed (NFD: base letters and combining marks), as some keyboards send it.
  input["issuer"]["full_name"] = "U\xCC\x89y ban nha\xCC\x82n da\xCC\x82n phu\xCC\x9Bo\xCC\x9B\xCC\x80ng Ha\xCC\x89i An";
  HttpReply reply = http_post_json(server_->port(), kDocuments, input.dump());
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 2000);
  EXPECT_THAT(docx_text(docx_part(reply.body, "word/document.xml")), HasSubstr("Ủy ban nhân dân phường Hải An báo cáo như sau:"));
}

// --- The command line ----------------------------------------------------------------------------

class Dean06Cli : public ::testing::Test {
 protected:
  ProcessResult render(const json& input) {
    write_file(input_, input.dump());
    return run_process({vanthu_binary().string(), "render", "dean06-monthly", input_.string(), "-o", output_.string(),
                        "--plugins-dir=" + plugins_.plugins().string(), "--templates-dir=" + (build_dir() / "templates").string()});
  }
  PluginDir plugins_;
  TempDir dir_;
  fs::path input_ = dir_.path() / "input.json";
  fs::path output_ = dir_.path() / "out.docx";
};

TEST_F(Dean06Cli, TheSampleRenders) {
  ProcessResult result = render(sample());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(docx_text(docx_part(read_file(output_), "word/document.xml")),
              HasSubstr("BÁO CÁO THÁNG 4/2026 VỀ TRIỂN KHAI, THỰC HIỆN ĐỀ ÁN 06, CẢI CÁCH TTHC, CHUYỂN ĐỔI SỐ GẮN VỚI ĐỀ ÁN 06"));
}

TEST_F(Dean06Cli, InconsistentFactsExit3WithOnePathPerLine) {
  json input = sample();
  input["essential_services"]["id_card_renewal"]["online"] = 1602;
  input["administrative_reform"]["applications"]["pending_on_time"] = 121;
  ProcessResult result = render(input);
  EXPECT_EQ(result.exit_code, 3) << result.err;
  std::vector<std::string> lines = lines_of(result.err);
  std::sort(lines.begin(), lines.end());
  ASSERT_EQ(lines.size(), 2u) << result.err;
  EXPECT_THAT(lines[0], AllOf(StartsWith("/administrative_reform/applications/received: "), HasSubstr("[inconsistent_total]")));
  EXPECT_THAT(lines[1], AllOf(StartsWith("/essential_services/id_card_renewal/online: "), HasSubstr("[online_exceeds_total]")));
  EXPECT_FALSE(fs::exists(output_)) << "nothing is written for a refused input";
}

TEST_F(Dean06Cli, HostileInputExits3) {
  json input = sample();
  input["period"]["month"] = 0;
  input["essential_services"]["new_seal"] = {{"online", 1}};
  ProcessResult result = render(input);
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_THAT(result.err, AllOf(HasSubstr("/period/month: "), HasSubstr("[minimum]")));
  EXPECT_FALSE(fs::exists(output_));
}

//! The built-in template reworded by a clerk in Word: a chapter heading and a section heading
//! deleted, a section heading reworded without its number. The numbers that follow are put right.
TEST_F(Dean06Cli, AClerksRewordedTemplateIsRenumbered) {
  std::string docx = read_file(build_dir() / "templates" / "dean06-monthly.docx");
  std::string xml = docx_part(docx, "word/document.xml");
  auto erase_paragraph = [&](const std::string& text) {
    std::size_t at = xml.find(">" + text + "<");
    ASSERT_NE(at, std::string::npos) << text;
    std::size_t start = xml.rfind("<w:p>", at), end = xml.find("</w:p>", at) + 6;
    xml.erase(start, end - start);
  };
  erase_paragraph("I. KẾT QUẢ CÁC MẶT CÔNG TÁC");
  erase_paragraph("1. CÔNG TÁC THAM MƯU, CHỈ ĐẠO TRIỂN KHAI");
  std::size_t reform = xml.find(">3. VỀ CẢI CÁCH TTHC<");
  ASSERT_NE(reform, std::string::npos);
  xml.replace(reform, std::string(">3. VỀ CẢI CÁCH TTHC<").size(), ">VỀ CẢI CÁCH THỦ TỤC HÀNH CHÍNH<");
  std::string reworded;
  vanthu::ZipWriter writer(reworded);
  for (const auto& entry : vanthu::zip_read(docx))
    if (entry.name == "word/document.xml") writer.add(entry.name, xml, 6);
    else writer.add(entry);
  writer.finish();
  TempDir templates;
  write_file(templates.path() / "dean06-monthly.docx", reworded);

  write_file(input_, sample().dump());
  ProcessResult result = run_process({vanthu_binary().string(), "render", "dean06-monthly", input_.string(), "-o", output_.string(),
                                      "--plugins-dir=" + plugins_.plugins().string(), "--templates-dir=" + templates.path().string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string text = docx_text(docx_part(read_file(output_), "word/document.xml"));
  EXPECT_THAT(text, Not(HasSubstr("KẾT QUẢ CÁC MẶT CÔNG TÁC")));
  // The direction's paragraphs stay, now before the first section.
  std::size_t direction = text.find("\n- UBND phường Hải An đã ban hành các kế hoạch");
  ASSERT_NE(direction, std::string::npos);
  EXPECT_LT(direction, text.find("\n1. VỀ HOÀN THIỆN THỂ CHẾ\n"));
  EXPECT_THAT(text, HasSubstr("\n1. VỀ HOÀN THIỆN THỂ CHẾ\n1.1. Ủy ban nhân dân phường Hải An báo cáo kết quả\n"));
  EXPECT_THAT(text, HasSubstr("\n1.2.1. Tồn tại, hạn chế trong triển khai các nhiệm vụ"));
  EXPECT_THAT(text, HasSubstr("\n2. VỀ CẢI CÁCH THỦ TỤC HÀNH CHÍNH\n2.1. Ủy ban nhân dân phường Hải An báo cáo kết quả\n"));
  EXPECT_THAT(text, HasSubstr("\n2.2.2. Các nhiệm vụ trọng tâm trong thời gian tới\n"));
  EXPECT_THAT(text, HasSubstr("\n6. VỀ NGUỒN NHÂN LỰC\n6.1. Về kinh phí\n"));
  EXPECT_THAT(text, HasSubstr("\nI. KIẾN NGHỊ, ĐỀ XUẤT\n1. Với Chính phủ, Thủ tướng Chính phủ\nKhông phát sinh nội dung mới.\n"
                              "2. Với Bộ, ngành, thành viên Tổ công tác\n"));
  EXPECT_THAT(text, Not(HasSubstr("\nII. KIẾN NGHỊ")));
}

}  // namespace
}  // namespace vanthu::test
