// POST /v1/report-types/{id}/documents:batch through the real server
// (host/src/http/handlers/documents_batch.cpp): one ZIP with a file per good item and
// results.json; a wrong item is reported with its index and the others are still made; the
// request as a whole is refused only when its own shape is wrong.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>

#include "server_harness.hpp"
#include "test_support.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

json weekly() { return json::parse(read_file(source_dir() / "samples" / "nq57-weekly" / "hai-an-2026-02-11.json")); }

//! The sample as another ward's report: its name, place and signer.
json weekly_of(const std::string& ward, const std::string& place, const std::string& signer) {
  json input = weekly();
  input["issuer"]["parent"] = "ỦY BAN NHÂN DÂN " + ward;
  input["issuer"]["place"] = place;
  input["signature"]["name"] = signer;
  return input;
}

std::map<std::string, std::string> members(const std::string& zip) {
  std::map<std::string, std::string> out;
  for (const auto& entry : zip_read(zip)) out[entry.name] = zip_inflate(entry);
  return out;
}

class Batch : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates"); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }
  static HttpReply batch(const json& body, const std::string& query = "", const std::string& type = "nq57-weekly") {
    return http_post_json(port(), "/v1/report-types/" + type + "/documents:batch" + query, body.dump());
  }
  static std::unique_ptr<ServerProcess> server_;
};
std::unique_ptr<ServerProcess> Batch::server_;

TEST_F(Batch, ThreeWardsInOneZipEachAsTheSingleRouteMakesIt) {
  const std::vector<json> inputs = {weekly(), weekly_of("PHƯỜNG LÊ CHÂN", "Lê Chân", "Nguyễn Văn An"),
                                    weekly_of("XÃ AN LÃO", "An Lão", "Trần Thị Bình")};
  HttpReply r = batch({{"items", inputs}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/zip");
  EXPECT_THAT(r.header("Content-Disposition"), HasSubstr("nq57-weekly-batch.zip"));
  EXPECT_EQ(r.header("X-Vanthu-Documents"), "3");
  EXPECT_EQ(r.header("X-Vanthu-Failed"), "0");
  auto files = members(r.body);
  ASSERT_EQ(files.size(), 4u);
  const json results = json::parse(files.at("results.json"));
  EXPECT_EQ(results["documents"], 3);
  EXPECT_EQ(results["failed"], 0);
  EXPECT_EQ(results["template"], "built-in");
  ASSERT_EQ(results["results"].size(), 3u);
  for (std::size_t i = 0; i < inputs.size(); ++i) {
    SCOPED_TRACE(i);
    const json& item = results["results"][i];
    EXPECT_EQ(item["index"], i);
    EXPECT_EQ(item["status"], "ok");
    const std::string name = item["file"];
    EXPECT_EQ(name.substr(0, 2), std::to_string(i + 1) + "-");
    ASSERT_TRUE(files.count(name)) << name;
    HttpReply single = http_post_json(port(), "/v1/report-types/nq57-weekly/documents", inputs[i].dump());
    ASSERT_EQ(single.status, 200) << single.body;
    EXPECT_EQ(files.at(name), single.body) << "the batch's document is the single route's, byte for byte";
  }
  EXPECT_THAT(docx_text(docx_part(files.at(results["results"][2]["file"].get<std::string>()), "word/document.xml")),
              HasSubstr("XÃ AN LÃO"));
  // Same items, same bytes.
  EXPECT_EQ(batch({{"items", inputs}}).body, r.body);
}

TEST_F(Batch, AWrongItemIsReportedByItsIndexAndTheOthersAreMade) {
  json no_period = weekly();
  no_period.erase("period");
  HttpReply r = batch({{"items", {weekly(), no_period, "không phải đối tượng", weekly_of("XÃ AN LÃO", "An Lão", "Trần Thị Bình")}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("X-Vanthu-Documents"), "2");
  EXPECT_EQ(r.header("X-Vanthu-Failed"), "2");
  auto files = members(r.body);
  EXPECT_EQ(files.size(), 3u);  // two documents and the results
  const json results = json::parse(files.at("results.json"));
  const json& items = results["results"];
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0]["status"], "ok");
  EXPECT_EQ(items[1]["status"], "invalid_input");
  EXPECT_EQ(items[1]["errors"][0]["path"], "/items/1/period");
  EXPECT_FALSE(items[1].contains("file"));
  EXPECT_EQ(items[2]["status"], "invalid_input");
  EXPECT_EQ(items[2]["errors"][0]["path"], "/items/2");
  EXPECT_EQ(items[2]["errors"][0]["code"], "invalid_type");
  EXPECT_EQ(items[3]["status"], "ok");
  EXPECT_EQ(items[3]["file"].get<std::string>().substr(0, 2), "4-");  // numbered by its place, not by count
}

TEST_F(Batch, ManyItemsAndTheNextRequestOnTheSameConnection) {
  json items = json::array();
  for (int i = 0; i < 150; ++i) items.push_back(weekly());
  const std::string body = json{{"items", items}}.dump();
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port()));
  session.setKeepAlive(true);
  auto send = [&](const std::string& method, const std::string& path, const std::string& content) {
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    request.set("Authorization", "Bearer " + server_->token());
    request.setKeepAlive(true);
    if (method == "POST") {
      request.setContentType("application/json");
      request.setContentLength64(static_cast<Poco::Int64>(content.size()));
    }
    session.sendRequest(request) << content;
    Poco::Net::HTTPResponse response;
    std::string out;
    Poco::StreamCopier::copyToString(session.receiveResponse(response), out);
    return std::make_pair(static_cast<int>(response.getStatus()), out);
  };
  auto [status, zip] = send("POST", "/v1/report-types/nq57-weekly/documents:batch", body);
  ASSERT_EQ(status, 200) << zip.substr(0, 2000);
  auto files = members(zip);
  EXPECT_EQ(files.size(), 151u);
  const json results = json::parse(files.at("results.json"));
  EXPECT_EQ(results["documents"], 150);
  EXPECT_EQ(results["results"][0]["file"].get<std::string>().substr(0, 4), "001-");  // numbers as wide as the count
  EXPECT_EQ(results["results"][149]["file"].get<std::string>().substr(0, 4), "150-");
  // The file body was sent whole: the connection carries the next answer.
  auto [next_status, listed] = send("GET", "/v1/report-types", "");
  EXPECT_EQ(next_status, 200);
  EXPECT_THAT(listed, HasSubstr("nq57-weekly"));
}

TEST_F(Batch, TheRequestItselfIsRefusedWhenItsShapeIsWrong) {
  expect_error_reply(batch(json::object()), 422, "required", "/items");
  expect_error_reply(batch({{"items", json::array()}}), 422, "invalid_type", "/items");
  expect_error_reply(batch({{"items", "x"}}), 422, "invalid_type", "/items");
  expect_error_reply(batch({{"items", {weekly()}}, {"itemz", 1}}), 400, "unknown_field", "/itemz");
  expect_error_reply(batch({{"items", {weekly()}}}, "?formt=pdf"), 400, "unknown_parameter");
  expect_error_reply(batch({{"items", {weekly()}}}, "?format=odt"), 400, "invalid_format", "?format");
  expect_error_reply(batch({{"items", {weekly()}}}, "?template_version=2"), 400, "invalid_template_version");
  expect_error_reply(batch({{"items", {weekly()}}}, "?agency=Hai%20An"), 400, "invalid_agency");
  expect_error_reply(batch({{"items", {weekly()}}}, "", "khong-co"), 404, "unknown_report_type");
  json many = json::array();
  for (int i = 0; i < 1001; ++i) many.push_back(json::object());
  expect_error_reply(batch({{"items", many}}), 413, "too_many_items", "/items");
  HttpCall json_only = make_call("POST", "/v1/report-types/nq57-weekly/documents:batch", json{{"items", {weekly()}}}.dump(),
                                 "application/json");
  json_only.headers.emplace_back("Accept", "application/json");
  expect_error_reply(http(port(), json_only), 406, "not_acceptable");
  expect_error_reply(http(port(), make_call("GET", "/v1/report-types/nq57-weekly/documents:batch")), 405, "method_not_allowed");
}

TEST_F(Batch, AgenciesAndRolesAreTheSingleRoutes) {
  const std::string other = ServerProcess::create_token(server_->data_dir(), {"--agency=le-chan", "--roles=render"});
  HttpCall call = make_call("POST", "/v1/report-types/nq57-weekly/documents:batch?agency=hai-an",
                            json{{"items", {weekly()}}}.dump(), "application/json");
  EXPECT_EQ(http(port(), with_token(call, other)).status, 403);
  EXPECT_EQ(http(port(), anonymous(call)).status, 401);
}

}  // namespace
}  // namespace vanthu::test
