//! The HTTP API of the real `vanthu serve`, started as a child process on a free loopback port
//! with the test plugins (tests/plugins/, folder render-faults: test-echo and the plugins that
//! fail at render time). Every endpoint, every error status with its JSON body, the body limit
//! (declared and chunked), the download's name, determinism and a clean stop.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <memory>
#include <thread>
#include <string>

#include <Poco/Net/ServerSocket.h>
#include <nlohmann/json.hpp>

#include "file_name.hpp"
#include "server_harness.hpp"
#include "test_plugins.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

constexpr std::size_t kLimit = 65536;  // --max-body of the shared server
constexpr const char* kDocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr const char* kEchoDocuments = "/v1/report-types/test-echo/documents";

//! The error body every failure must have: {"errors": [{"path", "code", "message"}]}, JSON;
//! `code` is the first error's (not checked when empty).
void expect_errors(const HttpReply& reply, int status, const std::string& code) {
  EXPECT_EQ(reply.status, status) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/json; charset=utf-8");
  json body = json::parse(reply.body);
  ASSERT_TRUE(body.contains("errors")) << reply.body;
  ASSERT_TRUE(body["errors"].is_array());
  ASSERT_FALSE(body["errors"].empty());
  for (const auto& error : body["errors"]) {
    EXPECT_TRUE(error["path"].is_string());
    EXPECT_TRUE(error["message"].is_string());
    EXPECT_FALSE(error["message"].get<std::string>().empty());
  }
  if (!code.empty()) {
    EXPECT_EQ(body["errors"][0]["code"], code) << reply.body;
  }
}

json echo_input() { return json::parse(echo_example()); }

class Http : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = ServerProcess::start(plugin_case("render-faults"), test_templates(),
                                   {"--max-body=" + std::to_string(kLimit), "--threads=4"});
  }
  static void TearDownTestSuite() { server_.reset(); }
  void SetUp() override { ASSERT_TRUE(server_ && server_->running()) << (server_ ? server_->log() : ""); }
  static int port() { return server_->port(); }

  static std::unique_ptr<ServerProcess> server_;
};

std::unique_ptr<ServerProcess> Http::server_;

TEST_F(Http, HealthzCountsReportTypes) {
  HttpReply reply = http_get(port(), "/healthz");
  EXPECT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(reply.json(), json({{"status", "ok"}, {"report_types", 6}}));
}

TEST_F(Http, HeadAnswersWithoutABody) {
  HttpReply reply = http(port(), make_call("HEAD", "/healthz"));
  EXPECT_EQ(reply.status, 200);
  EXPECT_TRUE(reply.body.empty());
}

TEST_F(Http, ListsReportTypesById) {
  HttpReply reply = http_get(port(), "/v1/report-types");
  ASSERT_EQ(reply.status, 200);
  json list = reply.json()["report_types"];
  ASSERT_EQ(list.size(), 6u);
  std::vector<std::string> ids;
  for (const auto& type : list) ids.push_back(type["id"]);
  EXPECT_EQ(ids, (std::vector<std::string>{"test-bad-meta", "test-echo", "test-internal-error", "test-missing-values",
                                           "test-not-json", "test-throws"}));
  EXPECT_EQ(list[1], json({{"id", "test-echo"}, {"name", "Báo cáo thử (test-echo)"}, {"version", "1.0.0"}}));
}

TEST_F(Http, DescribesAReportTypeWithSchemaAndExample) {
  HttpReply reply = http_get(port(), "/v1/report-types/test-echo");
  ASSERT_EQ(reply.status, 200);
  json body = reply.json();
  EXPECT_EQ(body["id"], "test-echo");
  EXPECT_EQ(body["name"], "Báo cáo thử (test-echo)");
  EXPECT_EQ(body["version"], "1.0.0");
  EXPECT_EQ(body["schema"], json::parse(echo_schema()));
  EXPECT_EQ(body["example"], echo_input());
}

TEST_F(Http, UnknownReportTypeIs404NamingTheId) {
  HttpReply described = http_get(port(), "/v1/report-types/bao-cao-thang");
  expect_errors(described, 404, "unknown_report_type");
  EXPECT_THAT(described.json()["errors"][0]["message"].get<std::string>(), HasSubstr("bao-cao-thang"));
  HttpReply posted = http_post_json(port(), "/v1/report-types/bao-cao-thang/documents", echo_example());
  expect_errors(posted, 404, "unknown_report_type");
  EXPECT_THAT(posted.json()["errors"][0]["message"].get<std::string>(), HasSubstr("bao-cao-thang"));
}

TEST_F(Http, UnknownPathIs404) {
  for (const char* path : {"/nothing", "/v2/report-types", "/v1/report-types/test-echo/templates", "/healthz/more",
                           "/v1/report-types/test-echo/documents/1"})
    expect_errors(http_get(port(), path), 404, "not_found");
}

TEST_F(Http, WrongMethodIs405WithAllow) {
  HttpReply deleted = http(port(), make_call("DELETE", "/v1/report-types"));
  expect_errors(deleted, 405, "method_not_allowed");
  EXPECT_EQ(deleted.header("Allow"), "GET, HEAD");
  HttpReply got = http_get(port(), kEchoDocuments);
  expect_errors(got, 405, "method_not_allowed");
  EXPECT_EQ(got.header("Allow"), "POST");
  HttpReply posted = http_post_json(port(), "/healthz", "{}");
  expect_errors(posted, 405, "method_not_allowed");
  EXPECT_EQ(posted.header("Allow"), "GET, HEAD");
  HttpReply put = http(port(), make_call("PUT", "/v1/report-types/test-echo", "{}", "application/json"));
  expect_errors(put, 405, "method_not_allowed");
  EXPECT_EQ(put.header("Allow"), "GET, HEAD");
}

TEST_F(Http, CreatesADocxDocument) {
  HttpReply reply = http_post_json(port(), kEchoDocuments, echo_example());
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), kDocxType);
  EXPECT_EQ(reply.header("Content-Length"), std::to_string(reply.body.size()));
  std::vector<std::string> parts = docx_part_names(reply.body);  // the zip opens
  EXPECT_THAT(parts, ::testing::IsSupersetOf({"[Content_Types].xml", "_rels/.rels", "word/document.xml",
                                              "docProps/core.xml"}));
  const std::string document = docx_part(reply.body, "word/document.xml");
  EXPECT_NO_THROW(canonical_xml(document));  // well-formed
  EXPECT_EQ(docx_text(document),
            "Ủy ban nhân dân phường Hải An\n"
            "Từ ngày 2026-02-05 đến ngày 2026-02-11\n"
            "Số việc: 2\n"
            "- Họp giao ban tuần\n"
            "- Kiểm tra vệ sinh môi trường\n"
            "\n");
}

TEST_F(Http, CorePropertiesComeFromTheModelMeta) {
  HttpReply reply = http_post_json(port(), kEchoDocuments, echo_example());
  ASSERT_EQ(reply.status, 200);
  const std::string core = canonical_xml(docx_part(reply.body, "docProps/core.xml"));
  EXPECT_THAT(core, HasSubstr("<dc:title>Báo cáo thử của Ủy ban nhân dân phường Hải An</dc:title>"));
  EXPECT_THAT(core, HasSubstr("<dc:creator>Ủy ban nhân dân phường Hải An</dc:creator>"));
  EXPECT_THAT(core, HasSubstr("<cp:lastModifiedBy>Ủy ban nhân dân phường Hải An</cp:lastModifiedBy>"));
  EXPECT_THAT(core, HasSubstr("xsi:type=\"dcterms:W3CDTF\">2026-02-11T00:00:00Z</dcterms:created>"));
  EXPECT_THAT(core, HasSubstr("xsi:type=\"dcterms:W3CDTF\">2026-02-11T00:00:00Z</dcterms:modified>"));
  EXPECT_THAT(core, Not(HasSubstr("Mẫu thử")));  // the template's own title is replaced
}

TEST_F(Http, MetadataIsXmlEscaped) {
  json input = echo_input();
  input["office"] = "UBND <phường> \"Hải An\" & Co";
  HttpReply reply = http_post_json(port(), kEchoDocuments, input.dump());
  ASSERT_EQ(reply.status, 200) << reply.body;
  const std::string core = docx_part(reply.body, "docProps/core.xml");
  EXPECT_NO_THROW(canonical_xml(core));
  EXPECT_THAT(core, HasSubstr("UBND &lt;phường&gt; &quot;Hải An&quot; &amp; Co"));
}

TEST_F(Http, ContentDispositionHasAsciiFallbackAndUtf8Name) {
  HttpReply reply = http_post_json(port(), kEchoDocuments, echo_example());
  ASSERT_EQ(reply.status, 200);
  EXPECT_EQ(reply.header("Content-Disposition"),
            "attachment; filename=\"Bao cao thu Uy ban nhan dan phuong Hai An den 2026-02-11.docx\"; "
            "filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20th%E1%BB%AD%20%E1%BB%A6y%20ban%20nh%C3%A2n%20d%C3%A2n%20"
            "ph%C6%B0%E1%BB%9Dng%20H%E1%BA%A3i%20An%20%C4%91%E1%BA%BFn%202026-02-11.docx");
}

TEST(FileName, AsciiFallbackDropsDiacriticsAndReplacesUnsafeCharacters) {
  EXPECT_EQ(host::ascii_file_name("Báo cáo tuần Đảng ủy.docx"), "Bao cao tuan Dang uy.docx");
  EXPECT_EQ(host::ascii_file_name("Đơn \"gấp\"; số 1/2.docx"), "Don -gap- so 1-2.docx");
  EXPECT_EQ(host::ascii_file_name("漢字.docx"), "van-ban.docx");
  EXPECT_EQ(host::ascii_file_name("Quyết định"), "Quyet dinh.docx");
  EXPECT_EQ(host::document_file_name("../../etc/passwd"), "etc-passwd.docx");
  EXPECT_EQ(host::document_file_name("Báo cáo\nmới"), "Báo cáo-mới.docx");
  EXPECT_EQ(host::document_file_name(""), "van-ban.docx");
  EXPECT_EQ(host::rfc5987_encode("a b/đ"), "UTF-8''a%20b%2F%C4%91");
}

TEST_F(Http, CharsetParameterIsAccepted) {
  for (const char* type : {"application/json; charset=utf-8", "application/json;charset=UTF-8", "APPLICATION/JSON"})
    EXPECT_EQ(http_post_json(port(), kEchoDocuments, echo_example(), type).status, 200) << type;
}

TEST_F(Http, WrongOrMissingContentTypeIs415) {
  for (const char* type : {"text/plain", "application/x-www-form-urlencoded", "application/json; charset=iso-8859-1",
                           "multipart/form-data; boundary=x"})
    expect_errors(http_post_json(port(), kEchoDocuments, echo_example(), type), 415, "unsupported_media_type");
  expect_errors(http_post_json(port(), kEchoDocuments, echo_example(), ""), 415, "unsupported_media_type");
}

TEST_F(Http, MalformedJsonIs400WithLineAndColumn) {
  HttpReply reply = http_post_json(port(), kEchoDocuments, "{\"office\": \"A\",\n  \"from\": }");
  expect_errors(reply, 400, "malformed_json");
  const std::string message = reply.json()["errors"][0]["message"];
  EXPECT_THAT(message, AllOf(HasSubstr("dòng 2"), HasSubstr("cột")));
  EXPECT_EQ(reply.json()["errors"][0]["path"], "");
}

TEST_F(Http, InvalidInputIs422WithEveryProblemAndPath) {
  json input = {{"office", ""}, {"from", "2026-02-30"}, {"to", "2026-02-11"}, {"count", -1}, {"extra", true}};
  HttpReply reply = http_post_json(port(), kEchoDocuments, input.dump());
  expect_errors(reply, 422, "");
  std::map<std::string, std::string> codes;
  const json body = reply.json();
  for (const auto& error : body["errors"]) codes[error["path"]] = error["code"];
  EXPECT_EQ(codes, (std::map<std::string, std::string>{{"/count", "minimum"},
                                                       {"/extra", "additional_property"},
                                                       {"/from", "invalid_date"},
                                                       {"/office", "min_length"}}));
}

TEST_F(Http, MissingRequiredFieldsAre422) {
  HttpReply reply = http_post_json(port(), kEchoDocuments, "{}");
  EXPECT_EQ(reply.status, 422);
  int required = 0;
  const json body = reply.json();
  for (const auto& error : body["errors"]) required += error["code"] == "required";
  EXPECT_EQ(required, 4);
}

TEST_F(Http, ThePluginsOwnRuleIs422) {
  json input = echo_input();
  input["from"] = "2026-02-12";
  HttpReply reply = http_post_json(port(), kEchoDocuments, input.dump());
  expect_errors(reply, 422, "period_order");
  EXPECT_EQ(reply.json()["errors"][0]["path"], "/to");
  EXPECT_EQ(reply.json()["errors"].size(), 1u);
}

TEST_F(Http, InvalidUtf8Is422NamingTheField) {
  std::string body = echo_example();
  const std::string office = "Ủy ban nhân dân phường Hải An";
  body.replace(body.find(office), office.size(), "UBND \xC3\x28 ph\xFF\xFEng");
  HttpReply reply = http_post_json(port(), kEchoDocuments, body);
  expect_errors(reply, 422, "invalid_utf8");
  EXPECT_EQ(reply.json()["errors"][0]["path"], "/office");
}

TEST_F(Http, ControlCharactersAre422) {
  json input = echo_input();
  input["items"][1] = std::string("Họp\x07tuần");
  HttpReply reply = http_post_json(port(), kEchoDocuments, input.dump());
  expect_errors(reply, 422, "control_character");
  EXPECT_EQ(reply.json()["errors"][0]["path"], "/items/1");
}

TEST_F(Http, ADuplicateKeyIs422NamingItsPath) {
  // Two "count"s: a proxy or another reader could take the first, this service the last.
  std::string body = echo_example();
  body.replace(body.find("\"count\": 2,"), 11, "\"count\": 2, \"count\": 99,");
  HttpReply reply = http_post_json(port(), kEchoDocuments, body);
  expect_errors(reply, 422, "duplicate_key");
  const json error = reply.json()["errors"][0];
  EXPECT_EQ(error["path"], "/count");
  EXPECT_EQ(error["message"], "Trường \"count\" xuất hiện hai lần trong cùng một đối tượng. Hãy giữ lại một lần, với giá trị đúng.");
  EXPECT_EQ(reply.json()["errors"].size(), 1u);
}

TEST_F(Http, NfdAndNfcInputGiveByteIdenticalDocuments) {
  json nfc = echo_input();
  nfc["office"] = "Ủy ban nhân dân phường Hải An";
  json nfd = nfc;
  nfd["office"] = "U\u0309y ban nha\u0302n da\u0302n phu\u031Bo\u031B\u0300ng Ha\u0309i An";
  ASSERT_NE(nfc.dump(), nfd.dump());
  HttpReply composed = http_post_json(port(), kEchoDocuments, nfc.dump());
  HttpReply decomposed = http_post_json(port(), kEchoDocuments, nfd.dump());
  ASSERT_EQ(composed.status, 200);
  ASSERT_EQ(decomposed.status, 200);
  EXPECT_TRUE(composed.body == decomposed.body) << "the DOCX bytes differ";
  EXPECT_EQ(composed.header("Content-Disposition"), decomposed.header("Content-Disposition"));
}

TEST_F(Http, TheSameRequestGivesTheSameBytes) {
  HttpReply first = http_post_json(port(), kEchoDocuments, echo_example());
  HttpReply second = http_post_json(port(), kEchoDocuments, echo_example());
  ASSERT_EQ(first.status, 200);
  EXPECT_TRUE(first.body == second.body);
}

//! A valid body padded with trailing spaces (still valid JSON) to exactly `size` bytes.
std::string padded_body(std::size_t size) {
  std::string body = echo_example();
  body.resize(size, ' ');
  return body;
}

TEST_F(Http, BodyAtTheLimitIsAcceptedAndOneByteMoreIs413) {
  EXPECT_EQ(http_post_json(port(), kEchoDocuments, padded_body(kLimit)).status, 200);
  HttpReply over = http_post_json(port(), kEchoDocuments, padded_body(kLimit + 1));
  expect_errors(over, 413, "body_too_large");
}

TEST_F(Http, DeclaredLengthOverTheLimitIs413BeforeAnyBodyIsSent) {
  // Only the head is sent: the answer must come without waiting for 10 GiB.
  std::string answer = raw_http(port(), "POST /v1/report-types/test-echo/documents HTTP/1.1\r\nHost: localhost\r\n"
                                        "Content-Type: application/json\r\nContent-Length: 10737418240\r\n\r\n");
  HttpReply reply = parse_raw_reply(answer);
  expect_errors(reply, 413, "body_too_large");
  EXPECT_THAT(reply.json()["errors"][0]["message"].get<std::string>(), HasSubstr(std::to_string(kLimit)));
}

TEST_F(Http, ExpectContinueOverTheLimitGets413WithoutContinue) {
  std::string answer = raw_http(port(), "POST /v1/report-types/test-echo/documents HTTP/1.1\r\nHost: localhost\r\n"
                                        "Content-Type: application/json\r\nContent-Length: 10737418240\r\n"
                                        "Expect: 100-continue\r\n\r\n");
  EXPECT_THAT(answer, Not(HasSubstr("100 Continue")));
  expect_errors(parse_raw_reply(answer), 413, "body_too_large");
}

std::string chunked(const std::string& body, std::size_t chunk_size) {
  std::string out;
  char size[32];
  for (std::size_t at = 0; at < body.size(); at += chunk_size) {
    std::string piece = body.substr(at, chunk_size);
    std::snprintf(size, sizeof size, "%zx\r\n", piece.size());
    out += size + piece + "\r\n";
  }
  return out + "0\r\n\r\n";
}

TEST_F(Http, ChunkedBodyOverTheLimitIs413) {
  std::string answer = raw_http(port(), "POST /v1/report-types/test-echo/documents HTTP/1.1\r\nHost: localhost\r\n"
                                        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
                                            chunked(padded_body(kLimit + 40000), 4096));
  expect_errors(parse_raw_reply(answer), 413, "body_too_large");
  EXPECT_EQ(http_get(port(), "/healthz").status, 200);
}

TEST_F(Http, ChunkedBodyWithinTheLimitIsRendered) {
  HttpCall call = make_call("POST", kEchoDocuments, echo_example(), "application/json");
  call.chunked = true;
  HttpReply reply = http(port(), call);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.body, http_post_json(port(), kEchoDocuments, echo_example()).body);
}

TEST_F(Http, BodyWithoutLengthIs411) {
  std::string answer = raw_http(port(), "POST /v1/report-types/test-echo/documents HTTP/1.1\r\nHost: localhost\r\n"
                                        "Authorization: Bearer " + server_->token() + "\r\n"
                                        "Content-Type: application/json\r\n\r\n");
  expect_errors(parse_raw_reply(answer), 411, "length_required");
}

TEST_F(Http, BodyShorterThanDeclaredIs400) {
  std::string answer = raw_http(port(),
                                "POST /v1/report-types/test-echo/documents HTTP/1.1\r\nHost: localhost\r\n"
                                "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"office\"",
                                /*half_close=*/true);
  expect_errors(parse_raw_reply(answer), 400, "incomplete_body");
  EXPECT_EQ(http_get(port(), "/healthz").status, 200);
}

TEST_F(Http, MalformedChunkedBodyNeverReachesTheNextRequest) {
  // A broken chunk header, then bytes that look like a second request: the connection must
  // be closed after the answer, so the "second request" is never served.
  std::string answer = raw_http(port(), "POST /v1/report-types/test-echo/documents HTTP/1.1\r\nHost: localhost\r\n"
                                        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                        "zz\r\nGET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
  EXPECT_EQ(lower(parse_raw_reply(answer).header("Connection")), "close");
  EXPECT_THAT(answer, Not(HasSubstr("\"status\":\"ok\"")));
}

TEST_F(Http, ConnectionIsReusedAfterAnErrorWithABody) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port()));
  session.setTimeout(Poco::Timespan(30, 0));
  session.setKeepAlive(true);
  for (int round = 0; round < 2; ++round) {
    Poco::Net::HTTPRequest wrong(Poco::Net::HTTPRequest::HTTP_POST, "/v1/report-types/nope/documents",
                                 Poco::Net::HTTPMessage::HTTP_1_1);
    wrong.setContentType("application/json");
    wrong.set("Authorization", "Bearer " + server_->token());
    std::string body = echo_example();
    wrong.setContentLength64(static_cast<Poco::Int64>(body.size()));
    session.sendRequest(wrong) << body;
    Poco::Net::HTTPResponse response;
    std::string text;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), text);
    EXPECT_EQ(response.getStatus(), 404);
    EXPECT_TRUE(response.getKeepAlive());
  }
  // And the same connection still serves a document.
  Poco::Net::HTTPRequest good(Poco::Net::HTTPRequest::HTTP_POST, kEchoDocuments, Poco::Net::HTTPMessage::HTTP_1_1);
  good.setContentType("application/json");
  good.set("Authorization", "Bearer " + server_->token());
  std::string body = echo_example();
  good.setContentLength64(static_cast<Poco::Int64>(body.size()));
  session.sendRequest(good) << body;
  Poco::Net::HTTPResponse response;
  std::string docx;
  Poco::StreamCopier::copyToString(session.receiveResponse(response), docx);
  EXPECT_EQ(response.getStatus(), 200);
  EXPECT_NO_THROW(docx_part_names(docx));
}

struct Fault {
  std::string id;
  std::string log_says;
};

std::ostream& operator<<(std::ostream& out, const Fault& fault) { return out << fault.id; }

class HttpFaults : public Http, public ::testing::WithParamInterface<Fault> {};

TEST_P(HttpFaults, PluginFailureIs500WithDetailsOnlyInTheLog) {
  const Fault& fault = GetParam();
  HttpReply reply = http_post_json(port(), "/v1/report-types/" + fault.id + "/documents", echo_example());
  expect_errors(reply, 500, "internal_error");
  EXPECT_EQ(reply.json()["errors"][0]["message"],
            "Đã xảy ra lỗi nội bộ khi tạo văn bản. Vui lòng thử lại sau hoặc báo cho quản trị hệ thống.");
  EXPECT_THAT(reply.body, AllOf(Not(HasSubstr(fault.id)), Not(HasSubstr(".so"))));
  // The process survives and keeps serving.
  EXPECT_EQ(http_post_json(port(), kEchoDocuments, echo_example()).status, 200);
  EXPECT_TRUE(server_->running());
  EXPECT_TRUE(log_has_line(*server_, {(plugin_case("render-faults") / (fault.id + ".so")).string(), fault.log_says}))
      << server_->log();
}

INSTANTIATE_TEST_SUITE_P(Plugins, HttpFaults,
                         ::testing::Values(Fault{"test-throws", "exception escaped the plugin"},
                                           Fault{"test-not-json", "model is not JSON"},
                                           Fault{"test-internal-error", "VANTHU_INTERNAL_ERROR"},
                                           Fault{"test-missing-values", "{office} (word/document.xml)"},
                                           Fault{"test-bad-meta", "wrongly shaped model"}),
                         [](const ::testing::TestParamInfo<Fault>& info) {
                           std::string name = info.param.id;
                           for (char& ch : name)
                             if (ch == '-') ch = '_';
                           return name;
                         });

TEST_F(Http, LogsOneLinePerRequestAndTheLoadedTypes) {
  ASSERT_EQ(http_get(port(), "/v1/report-types/test-echo").status, 200);
  ASSERT_EQ(http_get(port(), "/no/such/path").status, 404);
  EXPECT_TRUE(log_has_line(*server_, {"GET /v1/report-types/test-echo 200 ", "ms"})) << server_->log();
  EXPECT_TRUE(log_has_line(*server_, {"GET /no/such/path 404 "})) << server_->log();
  EXPECT_TRUE(log_has_line(*server_, {"loaded report type) test-echo 1.0.0 «Báo cáo thử (test-echo)»",
                                      (plugin_case("render-faults") / "test-echo.so").string()}));
  EXPECT_TRUE(log_has_line(*server_, {"loaded report type) test-throws 1.0.0"}));
  EXPECT_TRUE(log_has_line(*server_, {"listening on) http://127.0.0.1:" + std::to_string(port())}));
}

TEST(HttpService, JsonLogFormatGivesOneObjectPerLineAndPerRequest) {
  auto server = ServerProcess::start(plugin_case("good"), test_templates(), {"--log-format=json"});
  HttpCall call = make_call("GET", "/v1/report-types/test-echo");
  call.headers.emplace_back("X-Request-Id", "portal-7f3a");
  ASSERT_EQ(http(server->port(), call).status, 200);
  ASSERT_EQ(http_get(server->port(), "/no/such/path").status, 404);
  EXPECT_EQ(server->stop(), 0);
  bool found = false;
  std::size_t lines = 0;
  std::istringstream log(server->log());
  for (std::string line; std::getline(log, line);) {
    if (line.empty()) continue;
    ++lines;
    const nlohmann::json entry = nlohmann::json::parse(line, nullptr, false);
    ASSERT_TRUE(entry.is_object()) << "not a JSON line: " << line;
    EXPECT_TRUE(entry.contains("time") && entry.contains("level") && entry.contains("logger")) << line;
    if (entry.value("request_id", "") == "portal-7f3a") {
      found = true;
      EXPECT_EQ(entry["event"], "request");
      EXPECT_EQ(entry["method"], "GET");
      EXPECT_EQ(entry["path"], "/v1/report-types/test-echo");
      EXPECT_EQ(entry["route"], "report_type");
      EXPECT_EQ(entry["status"], 200);
      EXPECT_TRUE(entry["duration_ms"].is_number());
      EXPECT_GT(entry["bytes"].get<long>(), 0);
      EXPECT_EQ(entry["caller"].get<std::string>().substr(0, 3), "tk_");
      EXPECT_EQ(entry["level"], "information");
    }
  }
  EXPECT_TRUE(found) << server->log();
  EXPECT_GT(lines, 3u);  // the start-up lines are JSON too
  ProcessResult wrong = run_process({vanthu_binary().string(), "serve", "--log-format=xml", "--port=0"});
  EXPECT_EQ(wrong.exit_code, 2) << wrong.err;
  EXPECT_THAT(wrong.err, HasSubstr("log-format"));
}

TEST(HttpService, StopsCleanlyOnSigterm) {
  auto server = ServerProcess::start(plugin_case("good"), test_templates());
  ASSERT_EQ(http_post_json(server->port(), kEchoDocuments, echo_example()).status, 200);
  EXPECT_EQ(server->stop(), 0);
  EXPECT_THAT(server->log(), AllOf(HasSubstr("shutting down"), HasSubstr("stopped")));
}

// SIGTERM: the listener closes at once (a new connection is refused), an idle keep-alive
// connection is closed, and a request already on its way is read to its end and answered
// (Connection: close) before the process exits 0.
TEST(HttpService, SigtermFinishesTheRequestOnItsWayAndTakesNoNewOne) {
  auto server = ServerProcess::start(plugin_case("good"), test_templates());
  const int port = server->port();
  auto connect_now = [&] { return connect_loopback(port, 20); };
  auto read_all = [](int fd) {
    std::string out;
    char buffer[65536];
    for (ssize_t n; (n = ::recv(fd, buffer, sizeof buffer, 0)) > 0;) out.append(buffer, static_cast<std::size_t>(n));
    return out;
  };
  const int idle = connect_now();
  const int busy = connect_now();
  ASSERT_GE(idle, 0);
  ASSERT_GE(busy, 0);
  const std::string body = echo_example();
  const std::string head = std::string("POST ") + kEchoDocuments + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " +
                           server->token() + "\r\nContent-Type: application/json\r\nContent-Length: " +
                           std::to_string(body.size()) + "\r\n\r\n";
  const std::string first = head + body.substr(0, body.size() / 2);
  ASSERT_EQ(::send(busy, first.data(), first.size(), MSG_NOSIGNAL), static_cast<ssize_t>(first.size()));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the head is read
  ASSERT_EQ(::kill(server->pid(), SIGTERM), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(read_all(idle), "") << "the idle connection is closed without an answer";
  ::close(idle);
  const int late = connect_now();
  EXPECT_LT(late, 0) << "a connection after SIGTERM is refused";
  if (late >= 0) ::close(late);
  const std::string rest = body.substr(body.size() / 2);
  ASSERT_EQ(::send(busy, rest.data(), rest.size(), MSG_NOSIGNAL), static_cast<ssize_t>(rest.size()));
  const HttpReply answer = parse_raw_reply(read_all(busy));
  ::close(busy);
  EXPECT_EQ(answer.status, 200);
  EXPECT_EQ(lower(answer.header("Connection")), "close");
  EXPECT_EQ(server->stop(), 0) << server->log();
}

TEST(HttpService, PropertiesFileSetsDefaultsAndTheCommandLineWins) {
  TempDir dir;
  const int file_port = free_port();
  const int line_port = free_port();
  write_file(dir.path() / "vanthu.properties",
             "vanthu.port = " + std::to_string(file_port) + "\n" +
                 "vanthu.max-body = 2000\n"
                 "vanthu.plugins-dir = " + plugin_case("good").string() + "\n" +
                 "vanthu.templates-dir = " + test_templates().string() + "\n");
  ServerProcess server({"--config=" + (dir.path() / "vanthu.properties").string(), "--port=" + std::to_string(line_port)},
                       line_port);
  EXPECT_EQ(http_post_json(server.port(), kEchoDocuments, padded_body(2000)).status, 200);
  expect_errors(http_post_json(server.port(), kEchoDocuments, padded_body(2001)), 413, "body_too_large");
  EXPECT_EQ(server.stop(), 0);
}

TEST(HttpService, AnUnknownSettingInTheConfigFileIsAUsageError) {
  TempDir dir;
  write_file(dir.path() / "vanthu.properties", "vanthu.max-bdy = 2000\n");
  ProcessResult result = run_process({vanthu_binary().string(), "serve", "--config=" + (dir.path() / "vanthu.properties").string(),
                                      "--port=0"});
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_THAT(result.err, HasSubstr("vanthu.max-bdy"));
}

TEST(HttpService, BusyPortIsAnErrorAtStartUp) {
  Poco::Net::ServerSocket taken(Poco::Net::SocketAddress("127.0.0.1", 0));
  const int port = taken.address().port();
  ProcessResult result =
      run_process({vanthu_binary().string(), "serve", "--port=" + std::to_string(port), "--plugins-dir=" + plugin_case("good").string(),
                   "--templates-dir=" + test_templates().string()},
                  {}, /*timeout_s=*/60);
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_THAT(result.err, HasSubstr("127.0.0.1:" + std::to_string(port)));
}

}  // namespace
}  // namespace vanthu::test
