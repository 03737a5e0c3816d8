//! Templates over the real `vanthu serve` (a child process on a loopback port, test plugins,
//! its own data directory) with real multipart requests: uploads per report type and agency,
//! versions, rollback, rendering with an agency's template, the upload checks, any template
//! rendered or checked without a report type, and the same from the command line.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <future>
#include <memory>
#include <set>
#include <string>

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <nlohmann/json.hpp>

#include "plugin_registry.hpp"
#include "server_harness.hpp"
#include "template_report.hpp"
#include "sqlite_template_store.hpp"
#include "test_images.hpp"
#include "test_plugins.hpp"
#include "test_support.hpp"
#include "vanthu/text.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using json = nlohmann::json;

constexpr const char* kDocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr std::size_t kMaxUpload = 256 * 1024;
constexpr const char* kBoundary = "----vanthu-test-boundary-7MA4YWxkTrZu0gW";

struct Field {
  Field(std::string n, std::string c, std::string f = {}, std::string t = {})
      : name(std::move(n)), content(std::move(c)), file_name(std::move(f)), content_type(std::move(t)) {}
  std::string name;
  std::string content;
  std::string file_name;  //!< a file part when set
  std::string content_type;
};

//! A multipart/form-data body as browsers and curl send it.
std::string multipart(const std::vector<Field>& fields) {
  std::string body;
  for (const auto& f : fields) {
    body += std::string("--") + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + f.name + "\"";
    if (!f.file_name.empty()) body += "; filename=\"" + f.file_name + "\"";
    body += "\r\n";
    if (!f.content_type.empty()) body += "Content-Type: " + f.content_type + "\r\n";
    body += "\r\n" + f.content + "\r\n";
  }
  return body + "--" + kBoundary + "--\r\n";
}

HttpReply post_form(int port, const std::string& path, const std::vector<Field>& fields) {
  return http(port, make_call("POST", path, multipart(fields), std::string("multipart/form-data; boundary=") + kBoundary));
}

std::string sha256(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string echo_template() { return read_file(test_templates() / "test-echo.docx"); }

//! A copy of `docx` with one more part at the end.
std::string with_added(std::string_view docx, const std::string& name, const std::string& content) {
  std::string out;
  vanthu::ZipWriter writer(out);
  for (const auto& entry : vanthu::zip_read(docx)) writer.add(entry);
  writer.add(name, content, 6);
  writer.finish();
  return out;
}

//! test-echo's template with another word/document.xml around `body`.
std::string echo_template_with(const std::string& body) {
  return with_part(echo_template(), "word/document.xml",
                   std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                               R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)") +
                       body + "<w:sectPr/></w:body></w:document>");
}

std::string para(const std::string& text) { return "<w:p><w:r><w:t xml:space=\"preserve\">" + text + "</w:t></w:r></w:p>"; }

//! The ward's own version: a line under the header, the office in capitals, a money line.
std::string ward_template() {
  return echo_template_with(para("{office | hoa}") + para("Kính gửi: Ban Chỉ đạo") + para("Từ {from | ngay} đến {to | ngay}") +
                            para("{#items}") + para("+ {.}") + para("{/items}") + para("Số việc: {count | hai_so}"));
}

void expect_errors(const HttpReply& reply, int status, const std::string& code) {
  EXPECT_EQ(reply.status, status) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/json; charset=utf-8");
  json body = json::parse(reply.body);
  ASSERT_TRUE(body.contains("errors")) << reply.body;
  ASSERT_FALSE(body["errors"].empty()) << reply.body;
  for (const auto& error : body["errors"]) {
    EXPECT_TRUE(error["path"].is_string());
    EXPECT_FALSE(error["message"].get<std::string>().empty());
  }
  if (!code.empty()) {
    EXPECT_EQ(body["errors"][0]["code"], code) << reply.body;
  }
}

std::vector<std::string> error_codes(const HttpReply& reply) {
  std::vector<std::string> codes;
  const json body = json::parse(reply.body);
  for (const auto& error : body["errors"]) codes.push_back(error["code"]);
  return codes;
}

class Templates : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = std::make_unique<TempDir>();
    server_ = start_server();
  }
  static void TearDownTestSuite() {
    server_.reset();
    data_.reset();
  }
  static std::unique_ptr<ServerProcess> start_server() {
    return ServerProcess::start(plugin_case("good"), test_templates(),
                                {"--data-dir=" + (data_->path() / "store").string(), "--max-upload=" + std::to_string(kMaxUpload),
                                 "--threads=4"});
  }
  void SetUp() override { ASSERT_TRUE(server_ && server_->running()) << (server_ ? server_->log() : ""); }
  static int port() { return server_->port(); }

  //! PUT a template (raw DOCX body) for test-echo and `agency`.
  static HttpReply put(const std::string& agency, const std::string& docx, const std::string& query = "") {
    return http(port(), make_call("PUT", "/v1/report-types/test-echo/templates/" + agency + query, docx, kDocxType));
  }
  static HttpReply document(const std::string& query) {
    return http_post_json(port(), "/v1/report-types/test-echo/documents" + query, echo_example());
  }

  static std::unique_ptr<TempDir> data_;
  static std::unique_ptr<ServerProcess> server_;
};

std::unique_ptr<TempDir> Templates::data_;
std::unique_ptr<ServerProcess> Templates::server_;

TEST_F(Templates, UploadStoresAVersionWithItsHashAndMakesItCurrent) {
  const std::string docx = ward_template();
  HttpReply reply = put("le-chan", docx);
  ASSERT_EQ(reply.status, 201) << reply.body;
  json body = reply.json();
  EXPECT_EQ(body["version"], 1);
  EXPECT_EQ(body["sha256"], sha256(docx));
  EXPECT_EQ(body["size"], docx.size());
  EXPECT_EQ(body["current"], true);
  EXPECT_EQ(body["new_version"], true);
  EXPECT_EQ(reply.header("Location"), "/v1/report-types/test-echo/templates/le-chan/1");

  HttpReply again = put("le-chan", docx);
  ASSERT_EQ(again.status, 200) << "the same bytes are not a new version: " << again.body;
  EXPECT_EQ(again.json()["version"], 1);
  EXPECT_EQ(again.json()["new_version"], false);

  HttpReply stored = http_get(port(), "/v1/report-types/test-echo/templates/le-chan/1");
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.header("Content-Type"), kDocxType);
  EXPECT_EQ(stored.body, docx) << "downloaded byte for byte";
}

TEST_F(Templates, RenderWithTheAgencysTemplateVersionsAndRollback) {
  const std::string first = ward_template();
  const std::string second = echo_template_with(para("PHIÊN BẢN HAI: {office}") + para("{#items}- {.}{/items}"));
  ASSERT_EQ(put("hai-an", first).status, 201);
  HttpReply upload = http(port(), make_call("PUT", "/v1/report-types/test-echo/templates/hai-an",
                                            multipart({{"template", second, "mau-moi.docx", kDocxType}}),
                                            std::string("multipart/form-data; boundary=") + kBoundary));
  ASSERT_EQ(upload.status, 201) << upload.body;
  EXPECT_EQ(upload.json()["version"], 2);

  HttpReply current = document("?agency=hai-an");
  ASSERT_EQ(current.status, 200) << current.body;
  EXPECT_EQ(current.header("X-Vanthu-Template"), "hai-an/2");
  EXPECT_THAT(docx_text(docx_part(current.body, "word/document.xml")), HasSubstr("PHIÊN BẢN HAI: Ủy ban nhân dân phường Hải An"));

  HttpReply older = document("?agency=hai-an&template_version=1");
  ASSERT_EQ(older.status, 200) << older.body;
  EXPECT_EQ(older.header("X-Vanthu-Template"), "hai-an/1");
  EXPECT_EQ(docx_text(docx_part(older.body, "word/document.xml")),
            "ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN\nKính gửi: Ban Chỉ đạo\nTừ 05/02/2026 đến 11/02/2026\n+ Họp giao ban tuần\n"
            "+ Kiểm tra vệ sinh môi trường\nSố việc: 02\n");
  EXPECT_EQ(docx_part(older.body, "docProps/core.xml"), docx_part(document("").body, "docProps/core.xml"))
      << "the package's properties still come from the model";

  HttpReply listing = http_get(port(), "/v1/report-types/test-echo/templates/hai-an");
  ASSERT_EQ(listing.status, 200);
  EXPECT_EQ(listing.json()["current"], 2);
  ASSERT_EQ(listing.json()["versions"].size(), 2u);
  EXPECT_EQ(listing.json()["versions"][0]["version"], 2) << "newest first";

  HttpReply rolled = http_post_json(port(), "/v1/report-types/test-echo/templates/hai-an:rollback", R"({"version": 1})");
  ASSERT_EQ(rolled.status, 200) << rolled.body;
  EXPECT_EQ(rolled.json()["current"], 1);
  EXPECT_EQ(document("?agency=hai-an").header("X-Vanthu-Template"), "hai-an/1");

  ASSERT_EQ(put("hai-an", echo_template_with(para("BA {office}"))).status, 201);
  HttpReply third = http_get(port(), "/v1/report-types/test-echo/templates/hai-an");
  EXPECT_EQ(third.json()["current"], 3) << "a new upload after a rollback is the next number";
}

TEST_F(Templates, RollbackMistakes) {
  ASSERT_EQ(put("ngo-quyen", ward_template()).status, 201);
  expect_errors(http_post_json(port(), "/v1/report-types/test-echo/templates/ngo-quyen:rollback", R"({"version": 9})"), 404,
                "unknown_template_version");
  expect_errors(http_post_json(port(), "/v1/report-types/test-echo/templates/ngo-quyen:rollback", R"({"version": "1"})"), 422,
                "type");
  expect_errors(http_post_json(port(), "/v1/report-types/test-echo/templates/ngo-quyen:rollback", R"({"version": )"), 400,
                "malformed_json");
  expect_errors(http(port(), make_call("GET", "/v1/report-types/test-echo/templates/ngo-quyen:rollback")), 405,
                "method_not_allowed");
}

TEST_F(Templates, AValueAnAgencysTemplateLacksForThisInputIs422NamingTheTag) {
  // items.1 exists in the example's model (so the upload passes) but not for a one-item input.
  ASSERT_EQ(put("thuy-nguyen", echo_template_with(para("{office}: việc thứ hai là {items.1}"))).status, 201);
  json input = json::parse(echo_example());
  input["items"] = {"chỉ một việc"};
  HttpReply reply = http_post_json(port(), "/v1/report-types/test-echo/documents?agency=thuy-nguyen", input.dump());
  expect_errors(reply, 422, "template_missing_value");
  EXPECT_THAT(reply.json()["errors"][0]["message"].get<std::string>(), AllOf(HasSubstr("thuy-nguyen/1"), HasSubstr("{items.1}")));
}

TEST_F(Templates, AnAgencyWithoutItsOwnTemplateGetsTheBuiltInOne) {
  HttpReply reply = document("?agency=kien-an");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("X-Vanthu-Template"), "built-in");
  EXPECT_EQ(document("").header("X-Vanthu-Template"), "built-in");
  expect_errors(document("?agency=kien-an&template_version=2"), 404, "unknown_template_version");
  expect_errors(document("?template_version=2"), 400, "invalid_template_version");
  expect_errors(document("?agency=Hai%20An"), 400, "invalid_agency");
  expect_errors(document("?agency=hai-an&template_version=0"), 400, "invalid_template_version");
}

TEST_F(Templates, TheBuiltInTemplateCanBeDownloadedToEdit) {
  HttpReply reply = http_get(port(), "/v1/report-types/test-echo/template");
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Type"), kDocxType);
  EXPECT_EQ(reply.body, echo_template());
  expect_errors(http_get(port(), "/v1/report-types/khong-co/template"), 404, "unknown_report_type");
}

TEST_F(Templates, AFieldTheModelDoesNotHaveIsRefusedWithWhereItIs) {
  std::string docx = echo_template_with(para("{office}") + para("Người ký: {nguoi_ky.ho_ten}") + para("{#items}") +
                                        para("{.} ({ngay | ngay_thang})") + para("{/items}") + para("{count | bang_chu}"));
  HttpReply reply = put("do-son", docx);
  expect_errors(reply, 422, "unknown_field");
  json errors = reply.json()["errors"];
  ASSERT_EQ(errors.size(), 2u) << reply.body;
  EXPECT_EQ(errors[0]["tag"], "{nguoi_ky.ho_ten}");
  EXPECT_EQ(errors[0]["part"], "word/document.xml");
  EXPECT_EQ(errors[0]["paragraph"], "Người ký: {nguoi_ky.ho_ten}");
  EXPECT_EQ(errors[0]["path"], "/nguoi_ky/ho_ten");
  EXPECT_THAT(errors[0]["message"].get<std::string>(), AllOf(HasSubstr("office"), HasSubstr("items")));
  EXPECT_EQ(errors[1]["tag"], "{ngay | ngay_thang}");
  EXPECT_EQ(errors[1]["path"], "/items/0/ngay") << "inside the loop, the item's scope first";
  EXPECT_EQ(http_get(port(), "/v1/report-types/test-echo/templates/do-son").json()["versions"].size(), 0u)
      << "nothing is stored";
}

TEST_F(Templates, TagMistakesAreAllReportedAtOnceInVietnamese) {
  std::string docx = echo_template_with(para("{#items}") + para("{office | chu_hoa}") + para("x } y"));
  HttpReply reply = put("cat-hai", docx);
  expect_errors(reply, 422, "");
  EXPECT_EQ(error_codes(reply), (std::vector<std::string>{"unknown_filter", "unopened_tag", "unclosed_section"}));
  EXPECT_THAT(reply.json()["errors"][0]["message"].get<std::string>(), HasSubstr("bộ lọc"));
}

TEST_F(Templates, UploadChecksBeforeAnythingIsStored) {
  const std::string good = echo_template();
  // A zip bomb: one part that inflates far beyond its size.
  expect_errors(put("bomb", with_added(good, "word/media/image1.png", std::string(4u << 20, '\0'))), 422, "zip_bomb");
  // Parts a DOCX may not hold.
  EXPECT_EQ(error_codes(put("macro", with_added(good, "word/vbaProject.bin", std::string("x")))),
            std::vector<std::string>{"macro"});
  EXPECT_EQ(error_codes(put("script", with_added(good, "run.sh", std::string("rm -rf /")))),
            std::vector<std::string>{"part_not_allowed"});
  // A DTD with entities.
  std::string entities = R"(<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><w:document>&b;</w:document>)";
  EXPECT_EQ(error_codes(put("dtd", with_part(good, "word/document.xml", entities))), std::vector<std::string>{"dtd"});
  // A remote template Word would fetch on opening.
  std::string rels = R"(<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                     R"(<Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" )"
                     R"(Target="http://example.invalid/t.dotm" TargetMode="External"/></Relationships>)";
  EXPECT_EQ(error_codes(put("remote", with_added(good, "word/_rels/settings.xml.rels", rels))),
            std::vector<std::string>{"external_relationship"});
  // The package must keep what the report type fills.
  EXPECT_EQ(error_codes(put("no-core", with_part(good, "docProps/core.xml", std::nullopt))),
            std::vector<std::string>{"missing_part"});
  // Not a DOCX at all.
  expect_errors(put("garbage", "PK\x03\x04 not really a zip"), 422, "zip");
  for (const char* agency : {"bomb", "macro", "script", "dtd", "remote", "no-core", "garbage"})
    EXPECT_EQ(http_get(port(), std::string("/v1/report-types/test-echo/templates/") + agency).json()["versions"].size(), 0u)
        << agency;
}

TEST_F(Templates, AForgedZipIsRefusedAndNeverServedAgain) {
  // word/document.xml's local header names another part than the central directory: Word would
  // read one document, a reader walking the local headers (a mail gateway's scanner) another.
  std::string docx = ward_template();
  const std::size_t local = docx.find("word/document.xml");
  ASSERT_NE(local, std::string::npos);
  ASSERT_LT(local, docx.rfind("word/document.xml")) << "the local header comes before the central record";
  docx.replace(local, 17, "word/documenx.xml");
  HttpReply reply = put("forged", docx);
  expect_errors(reply, 422, "zip_header_mismatch");
  EXPECT_THAT(json::parse(reply.body)["errors"][0]["message"].get<std::string>(),
              AllOf(HasSubstr("Tệp mẫu bị sửa đổi bất thường"), HasSubstr("word/documenx.xml")));
  EXPECT_EQ(http_get(port(), "/v1/report-types/test-echo/templates/forged").json()["versions"].size(), 0u);
  expect_errors(post_form(port(), "/v1/templates:render", {{"template", docx, "t.docx"}, {"data", "{}"}}), 422,
                "zip_header_mismatch");
}

TEST_F(Templates, ALinkOutsideTheDocumentIsRefused) {
  // A link a clerk would copy into every official document: a phishing page with the agency's name.
  const std::string url = "https://dichvucong-gov.example/dang-nhap";
  std::string docx = echo_template_with(R"(<w:p><w:hyperlink r:id="rIdLink" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">)"
                                        R"(<w:r><w:t>Cổng dịch vụ công: {office}</w:t></w:r></w:hyperlink></w:p>)");
  docx = with_part(docx, "word/_rels/document.xml.rels",
                   R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
                   R"(<Relationship Id="rIdLink" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target=")" +
                       url + R"(" TargetMode="External"/></Relationships>)");
  HttpReply reply = put("phishing", docx);
  expect_errors(reply, 422, "external_link");
  const json error = json::parse(reply.body)["errors"][0];
  EXPECT_EQ(error["part"], "word/document.xml");
  EXPECT_THAT(error["message"].get<std::string>(), HasSubstr(url));
  EXPECT_EQ(http_get(port(), "/v1/report-types/test-echo/templates/phishing").json()["versions"].size(), 0u);
  // The same link as a HYPERLINK field: refused too.
  std::string field = echo_template_with(R"(<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> HYPERLINK ")" +
                                         url + R"(" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>)"
                                               R"(<w:r><w:t>{office}</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>)");
  expect_errors(put("phishing", field), 422, "external_link");
  // A link to a place in the document itself is fine.
  ASSERT_EQ(put("internal-link", echo_template_with(R"(<w:p><w:hyperlink w:anchor="_top"><w:r><w:t>{office}</w:t></w:r></w:hyperlink></w:p>)"))
                .status,
            201);
}

TEST_F(Templates, PathTraversalInAnEntryNameIsRefused) {
  std::string docx = with_added(echo_template(), "word/AAAAAAAAAAAAAAA.xml", std::string("<x/>"));
  for (std::size_t at = docx.find("word/AAAAAAAAAAAAAAA.xml"); at != std::string::npos;
       at = docx.find("word/AAAAAAAAAAAAAAA.xml", at + 1))
    docx.replace(at, 24, "../../../../etc/cron.d/x");
  expect_errors(put("traversal", docx), 422, "unsafe_name");
}

TEST_F(Templates, UploadSizeLimitIs413) {
  std::string noise(kMaxUpload, '\0');
  std::uint32_t state = 12345;  // incompressible bytes, so the package really is that large
  for (char& c : noise) c = static_cast<char>((state = state * 1103515245u + 12345u) >> 24);
  std::string big = with_added(echo_template(), "word/media/photo.png", noise);
  ASSERT_GT(big.size(), kMaxUpload);
  expect_errors(put("big", big), 413, "body_too_large");
}

TEST_F(Templates, RequestMistakes) {
  expect_errors(put("Hai_An", ward_template()), 400, "invalid_agency");
  expect_errors(http(port(), make_call("PUT", "/v1/report-types/khong-co/templates/hai-an", ward_template(), kDocxType)), 404,
                "unknown_report_type");
  expect_errors(http(port(), make_call("PUT", "/v1/report-types/test-echo/templates/hai-an", "{}", "application/json")), 415,
                "unsupported_media_type");
  expect_errors(http(port(), make_call("DELETE", "/v1/report-types/test-echo/templates/hai-an")), 405, "method_not_allowed");
  EXPECT_EQ(http(port(), make_call("DELETE", "/v1/report-types/test-echo/templates/hai-an")).header("Allow"), "GET, HEAD, PUT");
  expect_errors(http_get(port(), "/v1/report-types/test-echo/templates/hai-an/abc"), 404, "unknown_template_version");
  expect_errors(post_form(port(), "/v1/report-types/test-echo/documents", {{"data", "{}"}}), 415, "unsupported_media_type");
  expect_errors(http(port(), make_call("PUT", "/v1/report-types/test-echo/templates/hai-an", multipart({{"data", "{}"}}),
                                       std::string("multipart/form-data; boundary=") + kBoundary)),
                400, "missing_template");
}

TEST_F(Templates, ConcurrentUploadsGetDistinctVersions) {
  std::vector<std::future<HttpReply>> replies;
  for (int i = 0; i < 6; ++i)
    replies.push_back(std::async(std::launch::async, [i] {
      return put("song-song", echo_template_with(para("Bản " + std::to_string(i) + ": {office}")));
    }));
  std::set<int> versions;
  for (auto& reply : replies) {
    HttpReply r = reply.get();
    ASSERT_EQ(r.status, 201) << r.body;
    versions.insert(r.json()["version"].get<int>());
  }
  EXPECT_EQ(versions, (std::set<int>{1, 2, 3, 4, 5, 6}));
}

TEST_F(Templates, RenderAnyTemplateWithItsData) {
  std::string docx = echo_template_with(para("{ten | hoa}: {so_tien | tien}") + para("{#ds}") + para("- {.}") + para("{/ds}"));
  HttpReply reply = post_form(port(), "/v1/templates:render",
                              {{"template", docx, "Mẫu riêng.docx", kDocxType},
                               {"data", R"({"ten": "phường hải an", "so_tien": 1500000, "ds": ["a", "b"]})", "", "application/json"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), kDocxType);
  EXPECT_EQ(docx_text(docx_part(reply.body, "word/document.xml")), "PHƯỜNG HẢI AN: 1.500.000 đồng\n- a\n- b\n");
  EXPECT_EQ(reply.header("X-Vanthu-Missing"), "[]");
  EXPECT_THAT(reply.header("Content-Disposition"), HasSubstr("filename*=UTF-8''M%E1%BA%ABu%20ri%C3%AAng.docx"));
}

TEST_F(Templates, RenderAnyTemplateMissingValuesAndStrictMode) {
  std::string docx = echo_template_with(para("{co} {khong_co}"));
  HttpReply lenient = post_form(port(), "/v1/templates:render", {{"template", docx, "t.docx"}, {"data", R"({"co": "x"})"}});
  ASSERT_EQ(lenient.status, 200);
  EXPECT_EQ(json::parse(lenient.header("X-Vanthu-Missing")), json({"{khong_co} (word/document.xml)"}));
  EXPECT_EQ(lenient.header("X-Vanthu-Missing-Count"), "1");
  HttpReply strict = post_form(port(), "/v1/templates:render",
                               {{"template", docx, "t.docx"}, {"data", R"({"co": "x"})"}, {"strict", "true"}});
  expect_errors(strict, 422, "missing_value");
}

TEST_F(Templates, RenderAnyTemplateNeverWritesARemoteFieldFromARawValue) {
  // {@xml} takes WordprocessingML from the data: an INCLUDEPICTURE field would make Word fetch
  // (and the server see) the URL on every opening of the document.
  const std::string url = "http://tracker.example/pixel.png?doc=1";
  const std::string value = "<w:p><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> "
                            "INCLUDEPICTURE \"" + url + "\" \\d </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
                            "<w:r><w:t>ảnh</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>";
  const std::string data = json{{"ten", "Hải An"}, {"xml", value}}.dump();
  const std::string docx = echo_template_with(para("{ten}") + para("{@xml}"));
  // Refused whole, with the tag named: 422 unsafe_xml, strict or not, and no document.
  for (const char* strict : {"false", "true"}) {
    HttpReply reply = post_form(port(), "/v1/templates:render", {{"template", docx, "t.docx"}, {"data", data}, {"strict", strict}});
    expect_errors(reply, 422, "unsafe_xml");
    EXPECT_EQ(reply.json()["errors"][0]["tag"], "{@xml}") << reply.body;
    EXPECT_EQ(reply.body.find("PK"), std::string::npos);
  }
  // A value within the allowlist goes in as it is.
  HttpReply fine = post_form(port(), "/v1/templates:render",
                             {{"template", docx, "t.docx"},
                              {"data", json{{"ten", "x"}, {"xml", "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>đậm</w:t></w:r></w:p>"}}.dump()}});
  ASSERT_EQ(fine.status, 200);
  EXPECT_NE(docx_part(fine.body, "word/document.xml").find("<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>đậm</w:t></w:r></w:p>"),
            std::string::npos);
}

TEST_F(Templates, RenderAnyTemplateDataWithADuplicateKeyIs422) {
  HttpReply reply = post_form(port(), "/v1/templates:render",
                              {{"template", echo_template_with(para("{a}")), "t.docx"}, {"data", R"({"a": "x", "a": "y"})"}});
  expect_errors(reply, 422, "duplicate_key");
  EXPECT_EQ(json::parse(reply.body)["errors"][0]["path"], "/a");
}

TEST_F(Templates, RenderAnyTemplateWithCustomDelimiters) {
  std::string docx = echo_template_with(para("{giữ nguyên} [[a]]"));
  HttpReply reply = post_form(port(), "/v1/templates:render",
                              {{"template", docx, "t.docx"}, {"data", R"({"a": "A"})"}, {"delimiters", "[[ ]]"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(docx_text(docx_part(reply.body, "word/document.xml")), "{giữ nguyên} A\n");
  expect_errors(post_form(port(), "/v1/templates:render", {{"template", docx, "t.docx"}, {"data", "{}"}, {"delimiters", "[["}}),
                422, "delimiters");
}

TEST_F(Templates, RenderAnyTemplateWithUploadedImages) {
  // The other parts of the form are files an image value names: by field name, else by file name.
  const std::string png = make_png(40, 20, 96), jpeg = make_jpeg(16, 8, 72);
  const std::string docx = echo_template_with(para("{ten}") + para("Ảnh: {%anh}") + para("{%logo}") + para("{%nhung}"));
  const json data = {{"ten", "Hải An"},
                     {"anh", {{"file", "anh1"}, {"width_cm", 4}, {"alt", "Lễ ra quân"}}},
                     {"logo", {{"file", "logo.jpg"}}},
                     {"nhung", "data:image/png;base64," + base64_of(png)}};
  HttpReply reply = post_form(port(), "/v1/templates:render",
                              {{"template", docx, "t.docx", kDocxType},
                               {"data", data.dump(), "", "application/json"},
                               {"anh1", png, "su-kien.png", "image/png"},
                               {"tep", jpeg, "logo.jpg", "image/jpeg"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string document = docx_part(reply.body, "word/document.xml");
  std::size_t drawings = 0;
  for (std::size_t at = document.find("<w:drawing>"); at != std::string::npos; at = document.find("<w:drawing>", at + 1)) ++drawings;
  EXPECT_EQ(drawings, 3u);
  EXPECT_NE(document.find("<wp:extent cx=\"1440000\" cy=\"720000\"/>"), std::string::npos) << "4 cm wide, 2:1";
  EXPECT_EQ(docx_part(reply.body, "word/media/image1.png"), png) << "the upload and the base64 are one media part";
  EXPECT_EQ(docx_part(reply.body, "word/media/image2.jpeg"), jpeg);
  EXPECT_EQ(reply.header("X-Vanthu-Missing"), "[]");

  // Refused: 422 naming the value's path, whatever `strict` says, and no document.
  HttpReply missing_file = post_form(port(), "/v1/templates:render",
                                     {{"template", docx, "t.docx"},
                                      {"data", json{{"ten", "x"}, {"anh", {{"file", "khong-gui.png"}}}, {"logo", nullptr}, {"nhung", ""}}.dump()}});
  expect_errors(missing_file, 422, "image_file_not_found");
  EXPECT_EQ(missing_file.json()["errors"][0]["path"], "/anh") << missing_file.body;
  EXPECT_EQ(missing_file.json()["errors"][0]["tag"], "{%anh}");
  HttpReply not_an_image = post_form(port(), "/v1/templates:render",
                                     {{"template", docx, "t.docx"},
                                      {"data", json{{"ten", "x"}, {"anh", {{"file", "anh1"}}}, {"logo", nullptr}, {"nhung", ""}}.dump()},
                                      {"anh1", "GIF89a giả làm ảnh", "anh.png", "image/png"}});
  expect_errors(not_an_image, 422, "unsupported_image");
  EXPECT_THAT(not_an_image.body, HasSubstr("GIF"));
  HttpReply outside = post_form(port(), "/v1/templates:render",
                                {{"template", docx, "t.docx"},
                                 {"data", json{{"ten", "x"}, {"anh", {{"file", "../data"}}}, {"logo", nullptr}, {"nhung", ""}}.dump()}});
  expect_errors(outside, 422, "unsafe_file_name");
}

TEST_F(Templates, RenderAnyTemplateMistakes) {
  std::string docx = echo_template_with(para("{a}"));
  expect_errors(post_form(port(), "/v1/templates:render", {{"data", "{}"}}), 400, "missing_template");
  expect_errors(post_form(port(), "/v1/templates:render", {{"template", docx, "t.docx"}}), 400, "missing_data");
  expect_errors(post_form(port(), "/v1/templates:render", {{"template", docx, "t.docx"}, {"data", "{\"a\": "}}), 400,
                "malformed_json");
  expect_errors(post_form(port(), "/v1/templates:render", {{"template", docx, "t.docx"}, {"data", "[1]"}}), 422, "type");
  expect_errors(post_form(port(), "/v1/templates:render", {{"template", echo_template_with(para("{#a}")), "t.docx"}, {"data", "{}"}}),
                422, "unclosed_section");
  expect_errors(post_form(port(), "/v1/templates:render",
                          {{"template", with_added(docx, "word/media/x.png", std::string(4u << 20, '\0')), "t.docx"}, {"data", "{}"}}),
                422, "zip_bomb");
  expect_errors(http_post_json(port(), "/v1/templates:render", "{}"), 415, "unsupported_media_type");
  expect_errors(http(port(), make_call("POST", "/v1/templates:render", "not a multipart body", "multipart/form-data; boundary=x")),
                400, "bad_multipart");
  expect_errors(http_get(port(), "/v1/templates:render"), 405, "method_not_allowed");
}

TEST_F(Templates, CheckAnyTemplate) {
  std::string docx = echo_template_with(para("{office | hoa}") + para("{#items}") + para("{.}") + para("{/items}"));
  HttpReply reply = post_form(port(), "/v1/templates:check", {{"template", docx, "t.docx"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  json report = reply.json();
  EXPECT_EQ(report["valid"], true);
  EXPECT_EQ(report["report_type"], nullptr);
  EXPECT_EQ(report["delimiters"], "{ }");
  ASSERT_EQ(report["tags"].size(), 4u);
  EXPECT_EQ(report["tags"][0]["tag"], "{office | hoa}");
  EXPECT_EQ(report["tags"][0]["filters"], json({"hoa"}));
  EXPECT_EQ(report["tags"][1]["mode"], "paragraphs");
  EXPECT_EQ(report["tags"][2]["paragraph_index"], 2);
  EXPECT_EQ(report["shape"], json({{"office", "text"}, {"items", {"text"}}}));
  EXPECT_TRUE(report["errors"].empty());
}

TEST_F(Templates, CheckAgainstAReportType) {
  std::string docx = echo_template_with(para("{office}") + para("{so_van_ban}") + para("{#khong_co}") + para("x") + para("{/khong_co"));
  HttpReply reply = post_form(port(), "/v1/templates:check?report_type=test-echo", {{"template", docx, "t.docx"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  json report = reply.json();
  EXPECT_EQ(report["valid"], false);
  EXPECT_EQ(report["report_type"], "test-echo");
  EXPECT_EQ(report["model_checked"], true);
  std::vector<std::string> codes;
  for (const auto& e : report["errors"]) codes.push_back(e["code"]);
  EXPECT_EQ(codes, (std::vector<std::string>{"unclosed_tag", "unclosed_section", "unknown_field"}));
  EXPECT_EQ(report["errors"][2]["tag"], "{so_van_ban}");
  ASSERT_EQ(report["warnings"].size(), 1u) << "a section over a field the example lacks only warns";
  EXPECT_EQ(report["warnings"][0]["code"], "unknown_section");
  EXPECT_EQ(report["warnings"][0]["tag"], "{#khong_co}");
  expect_errors(post_form(port(), "/v1/templates:check", {{"template", docx, "t.docx"}, {"report_type", "khong-co"}}), 404,
                "unknown_report_type");
}

TEST_F(Templates, CheckAConditionAgainstAReportType) {
  std::string docx = echo_template_with(para("{#office}") + para("y") + para("{/office}") +
                                        para("{#office == \"UBND\" and khong_co > 0 and khong_co &lt; 9}") + para("x") + para("{/}") +
                                        para("{so_luong > 0}"));
  HttpReply reply = post_form(port(), "/v1/templates:check?report_type=test-echo", {{"template", docx, "t.docx"}});
  ASSERT_EQ(reply.status, 200) << reply.body;
  json report = reply.json();
  ASSERT_GE(report["tags"].size(), 4u) << reply.body;
  EXPECT_FALSE(report["tags"][0].contains("operands")) << "only conditions list operands: " << reply.body;
  EXPECT_EQ(report["tags"][2]["kind"], "section");
  EXPECT_EQ(report["tags"][2]["path"], "office == \"UBND\" and khong_co > 0 and khong_co < 9");
  EXPECT_EQ(report["tags"][2]["operands"], json({"office", "khong_co"})) << "each field once";
  std::vector<std::string> errors, warnings;
  for (const auto& e : report["errors"]) errors.push_back(e["code"]);
  for (const auto& w : report["warnings"]) warnings.push_back(w["code"]);
  EXPECT_EQ(errors, (std::vector<std::string>{"expression_not_allowed"})) << reply.body;
  EXPECT_EQ(warnings, (std::vector<std::string>{"unknown_section"})) << "khong_co is not in test-echo's model, said once: " << reply.body;
  ASSERT_FALSE(report["warnings"].empty());
  EXPECT_NE(report["warnings"][0]["message"].get<std::string>().find("điều kiện sẽ coi trường đó là null"), std::string::npos)
      << reply.body;
}

TEST_F(Templates, VersionsSurviveARestart) {
  ASSERT_EQ(put("kien-thuy", ward_template()).status, 201);
  server_.reset();
  server_ = start_server();
  HttpReply listing = http_get(port(), "/v1/report-types/test-echo/templates/kien-thuy");
  ASSERT_EQ(listing.status, 200);
  EXPECT_EQ(listing.json()["current"], 1);
  EXPECT_EQ(document("?agency=kien-thuy").header("X-Vanthu-Template"), "kien-thuy/1");
}

// --- limits: what a hostile template or body may cost ---------------------------------------

//! The real report types (nq57-weekly among them), the default upload limit (10 MiB).
class TemplateLimitsHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = std::make_unique<TempDir>();
    server_ = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates",
                                   {"--data-dir=" + (data_->path() / "store").string(), "--threads=2"});
  }
  static void TearDownTestSuite() {
    server_.reset();
    data_.reset();
  }
  void SetUp() override { ASSERT_TRUE(server_ && server_->running()) << (server_ ? server_->log() : ""); }
  static int port() { return server_->port(); }

  //! nq57-weekly's built-in template with a body of `count` distinct value tags, 1,000 to a
  //! paragraph ({f0}{f1}...): some 9 MB of XML, 2 MB zipped, within every upload limit.
  static std::string many_tags_template(std::size_t count) {
    std::string body, text;
    for (std::size_t i = 0; i < count; ++i) {
      text += "{f" + std::to_string(i) + "}";
      if ((i + 1) % 1000 == 0 || i + 1 == count) {
        body += para(text);
        text.clear();
      }
    }
    return with_part(read_file(build_dir() / "templates" / "nq57-weekly.docx"), "word/document.xml",
                     std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                                 R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)") +
                         body + "<w:sectPr/></w:body></w:document>");
  }

  static std::unique_ptr<TempDir> data_;
  static std::unique_ptr<ServerProcess> server_;
};

std::unique_ptr<TempDir> TemplateLimitsHttp::data_;
std::unique_ptr<ServerProcess> TemplateLimitsHttp::server_;

TEST_F(TemplateLimitsHttp, AMillionTagsAreTooManyTagsQuicklyAndTheServerGoesOn) {
  // Once this grew the server to 9 GB in a minute and killed it.
  const std::string docx = many_tags_template(1'000'000);
  ASSERT_LT(docx.size(), std::size_t{10} << 20);
  HttpReply reply = post_form(port(), "/v1/templates:check?report_type=nq57-weekly", {{"template", docx, "t.docx"}});
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 2000) << server_->log();
  EXPECT_LT(reply.body.size(), 100'000u);
  json report = reply.json();
  EXPECT_EQ(report["valid"], false);
  EXPECT_EQ(report["report_type"], "nq57-weekly");
  ASSERT_FALSE(report["errors"].empty()) << reply.body;
  EXPECT_EQ(report["errors"][0]["code"], "too_many_tags");
  EXPECT_THAT(report["errors"][0]["message"].get<std::string>(), HasSubstr("Mẫu có quá nhiều thẻ (hơn 20.000)"));
  EXPECT_TRUE(report["tags"].empty());

  // The same template as an upload: 422, nothing stored.
  HttpReply upload = http(port(), make_call("PUT", "/v1/report-types/nq57-weekly/templates/hai-an", docx, kDocxType));
  expect_errors(upload, 422, "too_many_tags");
  EXPECT_EQ(http_get(port(), "/v1/report-types/nq57-weekly/templates/hai-an").json()["versions"].size(), 0u);

  // The server still answers and renders.
  EXPECT_EQ(http_get(port(), "/healthz").status, 200);
  HttpReply rendered = http_post_json(port(), "/v1/report-types/nq57-weekly/documents",
                                      read_file(source_dir() / "samples" / "nq57-weekly" / "hai-an-2026-02-11.json"));
  ASSERT_EQ(rendered.status, 200) << rendered.body.substr(0, 2000);
  EXPECT_EQ(rendered.header("Content-Type"), kDocxType);
}

TEST_F(TemplateLimitsHttp, JustUnderTheTagLimitIsCheckedWithListsCutAndCounted) {
  HttpReply reply = post_form(port(), "/v1/templates:check?report_type=nq57-weekly",
                              {{"template", many_tags_template(20'000), "t.docx"}});
  ASSERT_EQ(reply.status, 200) << reply.body.substr(0, 2000);
  EXPECT_LT(reply.body.size(), 4'000'000u);  // was 95 MB
  json report = reply.json();
  EXPECT_EQ(report["valid"], false);
  EXPECT_EQ(report["tags"].size(), 1000u);
  EXPECT_EQ(report["tags_total"], 20'000);
  EXPECT_EQ(report["tags_omitted"], 19'000);
  ASSERT_EQ(report["errors"].size(), 101u);
  EXPECT_EQ(report["errors"][0]["code"], "unknown_field");
  EXPECT_EQ(report["errors"][100]["code"], "too_many_problems");
  const std::size_t total = report["errors_total"];
  EXPECT_GE(total, 20'000u);  // every tag is an unknown field, and the parts nq57-weekly needs may be missing
  EXPECT_EQ(report["errors_omitted"], total - 100);
  EXPECT_THAT(report["errors"][100]["message"].get<std::string>(),
              HasSubstr("Còn " + vanthu::text::group_thousands(static_cast<std::int64_t>(total - 100)) + " lỗi khác không liệt kê"));
}

TEST_F(TemplateLimitsHttp, ThreeHundredThousandUnknownKeysAreA422OfAHundredProblemsAndACount) {
  json input = json::parse(read_file(source_dir() / "samples" / "nq57-weekly" / "hai-an-2026-02-11.json"));
  for (int i = 0; i < 300'000; ++i) input["k" + std::to_string(i)] = 1;
  HttpReply reply = http_post_json(port(), "/v1/report-types/nq57-weekly/documents", input.dump());
  expect_errors(reply, 422, "additional_property");
  EXPECT_LT(reply.body.size(), 50'000u);  // was 37 MB
  json body = reply.json();
  ASSERT_EQ(body["errors"].size(), 101u);
  EXPECT_EQ(body["errors"][100]["code"], "too_many_problems");
  EXPECT_EQ(body["errors_total"], 300'000);
  EXPECT_EQ(body["errors_omitted"], 299'900);
  EXPECT_EQ(body["errors"][100]["message"], "Còn 299.900 lỗi khác không liệt kê; hãy sửa các lỗi trên rồi gửi lại.");
}

// --- the store on its own ------------------------------------------------------------------

TEST(TemplateStore, VersionsRollbackAndReopening) {
  TempDir dir;
  const fs::path data = dir.path() / "a" / "b";  // created on first use
  const std::string one = ward_template(), two = echo_template_with(para("{office}"));
  {
    host::SqliteTemplateStore store(data);
    EXPECT_FALSE(fs::exists(data)) << "nothing is touched before it is needed";
    EXPECT_FALSE(store.find("test-echo", "hai-an"));
    auto first = store.add("test-echo", "hai-an", one, "");
    EXPECT_TRUE(first.created);
    EXPECT_EQ(first.version.version, 1);
    EXPECT_EQ(first.version.sha256, sha256(one));
    EXPECT_EQ(store.add("test-echo", "hai-an", one, "").created, false);
    EXPECT_EQ(store.add("test-echo", "hai-an", one, "[[ ]]").version.version, 2) << "other delimiters: another version";
    EXPECT_EQ(store.add("test-echo", "hai-an", two, "").version.version, 3);
    EXPECT_EQ(store.add("test-echo", "le-chan", two, "").version.version, 1) << "numbered per agency";
    ASSERT_TRUE(store.make_current("test-echo", "hai-an", 1));
    EXPECT_FALSE(store.make_current("test-echo", "hai-an", 9));
    EXPECT_EQ(store.content(*store.find("test-echo", "hai-an", 3)), two);
  }
  host::SqliteTemplateStore reopened(data);
  std::vector<host::TemplateVersion> versions = reopened.versions("test-echo", "hai-an");
  ASSERT_EQ(versions.size(), 3u);
  EXPECT_EQ(versions[0].version, 3);
  EXPECT_TRUE(versions[2].current);
  EXPECT_EQ(versions[1].delimiters, "[[ ]]");
  EXPECT_EQ(reopened.find("test-echo", "hai-an")->version, 1);
  auto compiled = reopened.compiled(*reopened.find("test-echo", "hai-an"));
  EXPECT_EQ(compiled, reopened.compiled(*reopened.find("test-echo", "hai-an"))) << "compiled once, then cached";
  EXPECT_EQ(reopened.compiled(*reopened.find("test-echo", "hai-an", 2))->delimiters(), (vanthu::Delimiters{"[[", "]]"}));
  EXPECT_EQ(reopened.agencies("test-echo").size(), 2u);
  EXPECT_TRUE(host::valid_store_id("hai-an-2"));
  EXPECT_FALSE(host::valid_store_id("Hai An"));
  EXPECT_FALSE(host::valid_store_id(""));
  EXPECT_FALSE(host::valid_store_id(std::string(65, 'a')));
}

TEST(TemplateStore, AnUnwritableDataDirectoryIsAnErrorNotACrash) {
  TempDir dir;
  write_file(dir.path() / "file", "x");
  host::SqliteTemplateStore store(dir.path() / "file" / "data");
  EXPECT_THROW(store.find("test-echo", "hai-an"), std::runtime_error);
}

// --- the report types' own templates ---------------------------------------------------------

TEST(BuiltInTemplates, EachPassesTheChecksAClerksUploadOfItWouldPass) {
  // A clerk starts from the built-in template; unchanged, it must be accepted as an upload.
  host::PluginRegistry registry = host::PluginRegistry::load(build_dir() / "plugins", build_dir() / "templates");
  ASSERT_FALSE(registry.report_types().empty());
  for (const auto& type : registry.report_types()) {
    EXPECT_FALSE(type->example_data.is_null()) << type->id << ": " << type->example_model_error;
    vanthu::TemplateCheck check = vanthu::check_template(type->template_docx, {}, host::template_check_options(type.get(), {}));
    for (const auto& issue : check.issues) ADD_FAILURE() << type->id << ": " << issue.part << " «" << issue.paragraph << "» " << issue.message;
    EXPECT_TRUE(type->template_warnings.empty()) << type->id;
  }
}

// --- the command line ---------------------------------------------------------------------

ProcessResult vanthu(std::vector<std::string> args, std::string_view input = {}) {
  std::vector<std::string> argv = {vanthu_binary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv, input);
}

TEST_F(Templates, CliRenderWithAnAgencysTemplateFromTheSameStore) {
  ASSERT_EQ(put("an-duong", ward_template()).status, 201);
  TempDir out;
  ProcessResult result = vanthu({"render", "test-echo", "-", "-o", (out.path() / "a.docx").string(), "--agency=an-duong",
                                 "--data-dir=" + (data_->path() / "store").string(),
                                 "--plugins-dir=" + plugin_case("good").string(), "--templates-dir=" + test_templates().string()},
                                echo_example());
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(docx_text(docx_part(read_file(out.path() / "a.docx"), "word/document.xml")), HasSubstr("Số việc: 02"));
  ProcessResult unknown = vanthu({"render", "test-echo", "-", "-o", (out.path() / "b.docx").string(), "--agency=an-duong",
                                  "--template-version=7", "--data-dir=" + (data_->path() / "store").string(),
                                  "--plugins-dir=" + plugin_case("good").string(), "--templates-dir=" + test_templates().string()},
                                 echo_example());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_THAT(unknown.err, HasSubstr("phiên bản 7"));
  EXPECT_FALSE(fs::exists(out.path() / "b.docx"));
}

class CliCheck : public ::testing::Test {
 protected:
  void SetUp() override { path_ = dir_.path() / "mau.docx"; }
  TempDir dir_;
  fs::path path_;
};

TEST_F(CliCheck, AGoodTemplateListsItsTagsAndShapeAndExits0) {
  write_file(path_, echo_template_with(para("{office | hoa}") + para("{#items}") + para("{.}") + para("{/items}")));
  ProcessResult result = vanthu({"check", path_.string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.out, AllOf(HasSubstr("đoạn 1 «{office | hoa}»: {office | hoa} (giá trị)"),
                                HasSubstr("{#items} (mở đoạn lặp/điều kiện, lặp cả đoạn văn)"), HasSubstr("\"office\": \"text\""),
                                HasSubstr("Không có lỗi.")));
}

TEST_F(CliCheck, EveryProblemAtOnceExits3) {
  write_file(path_, echo_template_with(para("{#items}") + para("{office | chu_hoa}") + para("{nguoi_ky}")));
  ProcessResult result = vanthu({"check", path_.string(), "--type=test-echo", "--plugins-dir=" + plugin_case("good").string(),
                                 "--templates-dir=" + test_templates().string()});
  EXPECT_EQ(result.exit_code, 3) << result.out << result.err;
  EXPECT_THAT(result.out, AllOf(HasSubstr("Lỗi (3):"), HasSubstr("[unknown_filter]"), HasSubstr("[unclosed_section]"),
                                HasSubstr("word/document.xml, đoạn «{nguoi_ky}»"), HasSubstr("[unknown_field]")));
}

TEST_F(CliCheck, JsonIsTheSameReportAsHttp) {
  write_file(path_, echo_template_with(para("[[a]] {b}")));
  ProcessResult result = vanthu({"check", path_.string(), "--json", "--delimiters=[[ ]]"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  json report = json::parse(result.out);
  EXPECT_EQ(report["valid"], true);
  EXPECT_EQ(report["delimiters"], "[[ ]]");
  EXPECT_EQ(report["shape"], json({{"a", "text"}}));
}

TEST_F(CliCheck, UsageMistakes) {
  EXPECT_EQ(vanthu({"check"}).exit_code, 2);
  EXPECT_EQ(vanthu({"check", path_.string(), "--delimiters=[["}).exit_code, 2);
  EXPECT_EQ(vanthu({"check", (dir_.path() / "absent.docx").string()}).exit_code, 3);
  EXPECT_EQ(vanthu({"check", path_.string(), "--type=khong-co", "--plugins-dir=" + plugin_case("good").string(),
                    "--templates-dir=" + test_templates().string()})
                .exit_code,
            2);
}

TEST_F(CliCheck, FillWithDelimiters) {
  write_file(path_, echo_template_with(para("{giữ} [[a]]")));
  write_file(dir_.path() / "data.json", R"({"a": "A"})");
  ProcessResult result = vanthu({"fill", path_.string(), (dir_.path() / "data.json").string(), "-o",
                                 (dir_.path() / "out.docx").string(), "--delimiters=[[ ]]"});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(docx_text(docx_part(read_file(dir_.path() / "out.docx"), "word/document.xml")), "{giữ} A\n");
}

TEST_F(CliCheck, FillRefusesARawValueOutsideTheAllowlistAndWritesNothing) {
  write_file(path_, echo_template_with(para("{@xml}")));
  write_file(dir_.path() / "data.json",
             json{{"xml", "<w:p><w:fldSimple w:instr=\"INCLUDEPICTURE &quot;http://tracker.example/p.png&quot;\"/></w:p>"}}.dump());
  const fs::path out = dir_.path() / "out.docx";
  ProcessResult result = vanthu({"fill", path_.string(), (dir_.path() / "data.json").string(), "-o", out.string()});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_THAT(result.err, AllOf(HasSubstr("thẻ {@xml}"), HasSubstr("INCLUDEPICTURE"), HasSubstr("[unsafe_xml]")));
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(CliCheck, FillRunsTheUploadChecksOnTheTemplate) {
  // A template from disk is checked like an upload: a remote field in it is refused, no file.
  write_file(path_, echo_template_with(para("{ten}") +
                                       "<w:p><w:fldSimple w:instr=\"INCLUDEPICTURE &quot;http://tracker.example/p.png&quot;\"/></w:p>"));
  write_file(dir_.path() / "data.json", json{{"ten", "Hải An"}}.dump());
  const fs::path out = dir_.path() / "out.docx";
  ProcessResult result = vanthu({"fill", path_.string(), (dir_.path() / "data.json").string(), "-o", out.string()});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_THAT(result.err, HasSubstr("[remote_field]"));
  EXPECT_FALSE(fs::exists(out));
}

TEST_F(CliCheck, FillTakesImagesFromFilesBesideTheDataAndNoFurther) {
  write_file(path_, echo_template_with(para("{%anh}")));
  const std::string png = make_png(20, 10, 96);
  fs::create_directories(dir_.path() / "anh");
  write_file(dir_.path() / "anh" / "su-kien.png", png);
  write_file(dir_.path() / "data.json", json{{"anh", {{"file", "anh/su-kien.png"}}}}.dump());
  const fs::path out = dir_.path() / "out.docx";
  ProcessResult result = vanthu({"fill", path_.string(), (dir_.path() / "data.json").string(), "-o", out.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(docx_part(read_file(out), "word/media/image1.png"), png);

  // A path leaving the data's folder is refused, and so is a symbolic link out of it.
  TempDir elsewhere;
  write_file(elsewhere.path() / "bi-mat.png", png);
  fs::create_symlink(elsewhere.path() / "bi-mat.png", dir_.path() / "lien-ket.png");
  const fs::path refused = dir_.path() / "refused.docx";
  for (const std::string& name : {std::string("../") + elsewhere.path().filename().string() + "/bi-mat.png",
                                  (elsewhere.path() / "bi-mat.png").string()}) {
    write_file(dir_.path() / "data.json", json{{"anh", {{"file", name}}}}.dump());
    result = vanthu({"fill", path_.string(), (dir_.path() / "data.json").string(), "-o", refused.string()});
    EXPECT_EQ(result.exit_code, 3) << result.err;
    EXPECT_THAT(result.err, AllOf(HasSubstr("/anh"), HasSubstr("[unsafe_file_name]")));
    EXPECT_FALSE(fs::exists(refused));
  }
  write_file(dir_.path() / "data.json", json{{"anh", {{"file", "lien-ket.png"}}}}.dump());
  result = vanthu({"fill", path_.string(), (dir_.path() / "data.json").string(), "-o", refused.string()});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_THAT(result.err, HasSubstr("[image_file_not_found]"));
  EXPECT_FALSE(fs::exists(refused));
}

TEST_F(CliCheck, FillDataWithADuplicateKeyExits3) {
  write_file(path_, echo_template_with(para("{a}")));
  write_file(dir_.path() / "data.json", "{\"a\": \"x\",\n \"a\": \"y\"}");
  const fs::path out = dir_.path() / "out.docx";
  ProcessResult result = vanthu({"fill", path_.string(), (dir_.path() / "data.json").string(), "-o", out.string()});
  EXPECT_EQ(result.exit_code, 3) << result.err;
  EXPECT_THAT(result.err, AllOf(HasSubstr("/a"), HasSubstr("xuất hiện hai lần")));
  EXPECT_FALSE(fs::exists(out));
}

}  // namespace
}  // namespace vanthu::test
