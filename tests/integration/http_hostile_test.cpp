//! The real `vanthu serve` against clients that do not play by the rules: a body smuggled into a
//! GET, slow and idle clients, more connections than allowed, heads a well-behaved client would
//! never send. Every refusal is the API's JSON error, and the service keeps serving everyone else.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server_harness.hpp"
#include "test_plugins.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using json = nlohmann::json;

constexpr const char* kDocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr const char* kEchoDocuments = "/v1/report-types/test-echo/documents";

//! A connection held open by the test: send pieces, read what comes back.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    if (fd_ < 0 || ::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0)
      throw std::runtime_error("connect failed");
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  void send(std::string_view bytes) { ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL); }
  //! Everything until the server closes, or `timeout_s` without a byte.
  std::string read_all(int timeout_s = 15) {
    timeval timeout{timeout_s, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    std::string answer;
    char buffer[65536];
    for (;;) {
      ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
      if (n <= 0) {
        closed_ = n == 0;
        break;
      }
      answer.append(buffer, static_cast<std::size_t>(n));
    }
    return answer;
  }
  bool closed() const { return closed_; }

 private:
  int fd_ = -1;
  bool closed_ = false;
};

//! How many responses a raw answer holds.
int count_responses(const std::string& answer) {
  int count = 0;
  for (std::size_t at = answer.find("HTTP/1.1 "); at != std::string::npos; at = answer.find("HTTP/1.1 ", at + 1)) ++count;
  return count;
}

void expect_json_error(const std::string& answer, int status, const std::string& code) {
  HttpReply reply = parse_raw_reply(answer);
  EXPECT_EQ(reply.status, status) << answer.substr(0, 400);
  EXPECT_EQ(reply.header("Content-Type"), "application/json; charset=utf-8") << answer.substr(0, 400);
  json body = json::parse(reply.body, nullptr, false);
  ASSERT_TRUE(body.is_object() && body.contains("errors")) << answer.substr(0, 400);
  EXPECT_EQ(body["errors"][0]["code"], code) << reply.body;
  EXPECT_FALSE(body["errors"][0]["message"].get<std::string>().empty());
}

std::string echo_template() { return read_file(test_templates() / "test-echo.docx"); }

class HttpHostile : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    write_file(dir_->path() / "vanthu.properties",
               "vanthu.head-timeout-ms = 1000\nvanthu.body-timeout-ms = 1000\nvanthu.idle-timeout-ms = 1000\n");
    server_ = ServerProcess::start(plugin_case("good"), test_templates(),
                                   {"--config=" + (dir_->path() / "vanthu.properties").string(),
                                    "--data-dir=" + (dir_->path() / "store").string(), "--threads=2",
                                    "--max-connections=200", "--allowed-hosts=vanthu.phuong.example"});
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  void SetUp() override { ASSERT_TRUE(server_ && server_->running()) << (server_ ? server_->log() : ""); }
  static int port() { return server_->port(); }
  static void expect_still_serving() {
    EXPECT_EQ(http_get(port(), "/healthz").status, 200);
    EXPECT_EQ(http_post_json(port(), kEchoDocuments, echo_example()).status, 200);
    EXPECT_TRUE(server_->running());
  }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<ServerProcess> server_;
};

std::unique_ptr<TempDir> HttpHostile::dir_;
std::unique_ptr<ServerProcess> HttpHostile::server_;

TEST_F(HttpHostile, ABodySentWithAGetIsNeverReadAsTheNextRequest) {
  const std::string templates = "/v1/report-types/test-echo/templates/smuggle";
  ASSERT_EQ(http(port(), make_call("PUT", templates, echo_template(), kDocxType)).status, 201);
  std::string second = with_part(echo_template(), "word/document.xml",
                                 R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                                 R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)"
                                 R"(<w:p><w:r><w:t>{office}</w:t></w:r></w:p><w:sectPr/></w:body></w:document>)");
  HttpReply v2 = http(port(), make_call("PUT", templates, second, kDocxType));
  ASSERT_EQ(v2.status, 201) << v2.body;
  ASSERT_EQ(http_get(port(), templates).json()["current"], 2);

  // The rollback hides in the body of a GET to a route that reads no body.
  const std::string smuggled = "POST " + templates + ":rollback HTTP/1.1\r\nHost: localhost\r\n"
                               "Content-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"version\":1}";
  const std::string answer = raw_http(port(), "GET /healthz HTTP/1.1\r\nHost: localhost\r\nContent-Length: " +
                                                  std::to_string(smuggled.size()) + "\r\n\r\n" + smuggled +
                                                  "GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  EXPECT_EQ(count_responses(answer), 2) << answer;
  EXPECT_THAT(answer, Not(HasSubstr("\"versions\"")));
  EXPECT_EQ(http_get(port(), templates).json()["current"], 2) << "the smuggled rollback must not have run";
}

TEST_F(HttpHostile, PipelinedRequestsAreAnsweredInOrder) {
  const std::string answer = raw_http(port(), "GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                              "GET /v1/report-types HTTP/1.1\r\nHost: localhost\r\n\r\n"
                                              "GET /nothing-here HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
  ASSERT_EQ(count_responses(answer), 3) << answer;
  const std::size_t first = answer.find("\"status\":\"ok\"");
  const std::size_t second = answer.find("\"report_types\":[");
  const std::size_t third = answer.find("HTTP/1.1 404");
  EXPECT_LT(first, second);
  EXPECT_LT(second, third);
  EXPECT_NE(third, std::string::npos);
}

TEST_F(HttpHostile, SlowClientsHoldNoWorkerAndAreTimedOut) {
  // Twice as many slow clients as the server has workers: half stop inside the request line,
  // half inside a body. Everyone else is still served, and each slow one gets its 408.
  std::vector<std::unique_ptr<RawClient>> slow;
  for (int i = 0; i < 16; ++i) {
    slow.push_back(std::make_unique<RawClient>(port()));
    if (i % 2 == 0) {
      slow.back()->send("GET /healthz HTTP/1.1\r\nHo");
    } else {
      slow.back()->send("POST /v1/report-types/test-echo/documents HTTP/1.1\r\nHost: localhost\r\n"
                        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{");
    }
  }
  expect_still_serving();
  for (auto& client : slow) {
    const std::string answer = client->read_all();
    expect_json_error(answer, 408, "request_timeout");
    EXPECT_EQ(lower(parse_raw_reply(answer).header("Connection")), "close");
    EXPECT_TRUE(client->closed());
  }
  expect_still_serving();
}

TEST_F(HttpHostile, AConnectionThatSendsNothingIsClosedWithoutAnAnswer) {
  RawClient idle(port());
  EXPECT_EQ(idle.read_all(), "");
  EXPECT_TRUE(idle.closed());
}

TEST_F(HttpHostile, AKeepAliveConnectionIsClosedWhenIdle) {
  RawClient client(port());
  client.send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
  const std::string answer = client.read_all();
  EXPECT_EQ(count_responses(answer), 1);
  EXPECT_EQ(parse_raw_reply(answer).status, 200);
  EXPECT_TRUE(client.closed()) << "the server closes the idle connection itself";
}

struct BadHead {
  std::string name;
  std::string bytes;
  int status;
  std::string code;
};

std::ostream& operator<<(std::ostream& out, const BadHead& bad) { return out << bad.name; }

class HttpBadHeads : public HttpHostile, public ::testing::WithParamInterface<BadHead> {};

TEST_P(HttpBadHeads, GetTheJsonErrorAndTheServiceGoesOn) {
  const BadHead& bad = GetParam();
  const std::string answer = raw_http(port(), bad.bytes, /*half_close=*/false, 15);
  expect_json_error(answer, bad.status, bad.code);
  EXPECT_EQ(count_responses(answer), 1) << "nothing after the refusal is served";
  expect_still_serving();
}

const std::string kPost = "POST /v1/report-types/test-echo/documents HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n";

INSTANTIATE_TEST_SUITE_P(
    Heads, HttpBadHeads,
    ::testing::Values(
        BadHead{"length_not_digits", kPost + "Content-Length: abc\r\n\r\n{}", 400, "bad_request"},
        BadHead{"length_two_to_the_70", kPost + "Content-Length: 1180591620717411303424\r\n\r\n{}", 413, "body_too_large"},
        BadHead{"two_lengths", kPost + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}", 400, "bad_request"},
        BadHead{"length_and_chunked", kPost + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400,
                "bad_request"},
        BadHead{"other_coding", kPost + "Transfer-Encoding: gzip\r\n\r\n", 501, "unsupported_transfer_coding"},
        BadHead{"missing_host", "GET /healthz HTTP/1.1\r\n\r\n", 400, "bad_request"},
        BadHead{"http_9_9", "GET /healthz HTTP/9.9\r\nHost: localhost\r\n\r\n", 505, "http_version_not_supported"},
        BadHead{"header_without_colon", "GET /healthz HTTP/1.1\r\nHost: localhost\r\nNo colon\r\n\r\n", 400, "bad_request"},
        BadHead{"nul_in_header", std::string("GET /healthz HTTP/1.1\r\nHost: localhost\r\nX: a") + '\0' + "b\r\n\r\n", 400,
                "bad_request"},
        BadHead{"folded_header", "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX: a\r\n b\r\n\r\n", 400, "bad_request"},
        BadHead{"huge_header", "GET /healthz HTTP/1.1\r\nHost: localhost\r\nX: " + std::string(40000, 'a') + "\r\n\r\n", 431,
                "headers_too_large"},
        BadHead{"huge_url", "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: localhost\r\n\r\n", 414, "uri_too_long"},
        BadHead{"huge_method", std::string(40, 'G') + " /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n", 400, "bad_request"},
        BadHead{"foreign_host", "GET /healthz HTTP/1.1\r\nHost: rebind.attacker.example\r\n\r\n", 421, "host_not_allowed"},
        BadHead{"bad_chunk", kPost + "Transfer-Encoding: chunked\r\n\r\nzz\r\n", 400, "bad_request"},
        BadHead{"expect_other", kPost + "Content-Length: 2\r\nExpect: 200-ok\r\n\r\n{}", 417, "expectation_failed"}),
    [](const ::testing::TestParamInfo<BadHead>& info) { return info.param.name; });

TEST_F(HttpHostile, AnAllowedHostNameIsServed) {
  HttpReply reply = parse_raw_reply(raw_http(port(), "GET /healthz HTTP/1.1\r\nHost: Vanthu.Phuong.Example:8080\r\nConnection: close\r\n\r\n"));
  EXPECT_EQ(reply.status, 200) << reply.body;
}

TEST_F(HttpHostile, AMisspelledQueryParameterIsA400NamingIt) {
  // ?agnecy= used to be ignored, and the built-in template used without a word.
  HttpReply reply = http_post_json(port(), std::string(kEchoDocuments) + "?agnecy=hai-an", echo_example());
  EXPECT_EQ(reply.status, 400) << reply.body;
  json body = reply.json();
  ASSERT_TRUE(body.contains("errors")) << reply.body;
  EXPECT_EQ(body["errors"][0]["code"], "unknown_parameter");
  EXPECT_EQ(body["errors"][0]["path"], "?agnecy");
  EXPECT_THAT(body["errors"][0]["message"].get<std::string>(), HasSubstr("agency, template_version"));
  // A route that takes no parameter says so; the right ones still work.
  EXPECT_EQ(http_get(port(), "/healthz?x=1").status, 400);
  EXPECT_EQ(http_post_json(port(), std::string(kEchoDocuments) + "?agency=hai-an", echo_example()).status, 200);
}

TEST_F(HttpHostile, ARequestIdIsEchoedOrMadeAndLogged) {
  HttpCall call = make_call("GET", "/healthz");
  call.headers.push_back({"X-Request-Id", "eoffice-2026-12-02.0042"});
  HttpReply given = http(port(), call);
  EXPECT_EQ(given.header("X-Request-Id"), "eoffice-2026-12-02.0042");
  EXPECT_TRUE(log_has_line(*server_, {"GET /healthz 200 ", "id=eoffice-2026-12-02.0042"})) << server_->log();
  // None, or one that is not a sane token: a new one, 32 hex digits, different each time.
  call.headers = {{"X-Request-Id", "bad id with spaces"}};
  const std::string made = http(port(), call).header("X-Request-Id");
  EXPECT_EQ(made.size(), 32u);
  EXPECT_EQ(made.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(http_get(port(), "/healthz").header("X-Request-Id"), made);
}

TEST_F(HttpHostile, AcceptIsHonoured) {
  auto with_accept = [&](std::string method, std::string path, std::string accept, std::string body = {}) {
    HttpCall call = make_call(std::move(method), std::move(path), std::move(body), "application/json");
    call.headers.push_back({"Accept", std::move(accept)});
    return http(port(), call);
  };
  // A document route asked for what it does not give: 406, as JSON, naming what it gives.
  HttpReply png = with_accept("POST", kEchoDocuments, "image/png", echo_example());
  EXPECT_EQ(png.status, 406) << png.body;
  EXPECT_EQ(png.json()["errors"][0]["code"], "not_acceptable");
  EXPECT_THAT(png.json()["errors"][0]["message"].get<std::string>(), HasSubstr("wordprocessingml"));
  EXPECT_THAT(png.json()["errors"][0]["message"].get<std::string>(), HasSubstr("application/pdf"));
  // A PDF is offered, but this server has no LibreOffice workers (the harness's --pdf-workers=0).
  HttpReply pdf = with_accept("POST", kEchoDocuments, "application/pdf", echo_example());
  EXPECT_EQ(pdf.status, 503) << pdf.body;
  EXPECT_EQ(pdf.json()["errors"][0]["code"], "converter_unavailable");
  EXPECT_EQ(with_accept("GET", "/healthz", "text/html").status, 406);
  EXPECT_EQ(with_accept("GET", "/healthz", "application/json;q=0, text/plain").status, 406);
  // What browsers and curl send, and exact or wildcard matches, are served.
  EXPECT_EQ(with_accept("GET", "/healthz", "text/html,application/xhtml+xml,*/*;q=0.8").status, 200);
  EXPECT_EQ(with_accept("GET", "/healthz", "application/*").status, 200);
  EXPECT_EQ(with_accept("GET", "/healthz", "Application/JSON; q=0.5").status, 200);
  EXPECT_EQ(with_accept("POST", kEchoDocuments,
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", echo_example()).status,
            200);
}

TEST_F(HttpHostile, MetricsCountRequestsDocumentsAndRefusals) {
  ASSERT_EQ(http_post_json(port(), kEchoDocuments, echo_example()).status, 200);
  ASSERT_EQ(http_get(port(), "/v1/report-types/test-echo").status, 200);
  ASSERT_EQ(parse_raw_reply(raw_http(port(), "GET /healthz HTTP/9.9\r\nHost: localhost\r\n\r\n")).status, 505);
  HttpReply metrics = http_get(port(), "/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_THAT(metrics.header("Content-Type"), HasSubstr("text/plain; version=0.0.4"));
  const std::string& text = metrics.body;
  EXPECT_THAT(text, HasSubstr("# TYPE vanthu_http_requests_total counter"));
  EXPECT_THAT(text, HasSubstr("vanthu_http_requests_total{route=\"documents\",status=\"200\"}"));
  EXPECT_THAT(text, HasSubstr("vanthu_http_requests_total{route=\"report_type\",status=\"200\"}"));
  EXPECT_THAT(text, HasSubstr("vanthu_http_request_duration_seconds_bucket{route=\"documents\",le=\"+Inf\"}"));
  EXPECT_THAT(text, HasSubstr("vanthu_http_refused_total{status=\"505\"}"));
  EXPECT_THAT(text, Not(HasSubstr("test-echo"))) << "routes, never ids, as labels";
  std::smatch m;
  ASSERT_TRUE(std::regex_search(text, m, std::regex("vanthu_documents_rendered_total (\\d+)")));
  EXPECT_GE(std::stoi(m[1]), 1);
  // What a Prometheus server sends as Accept is served.
  HttpCall scrape = make_call("GET", "/metrics");
  scrape.headers.push_back({"Accept", "application/openmetrics-text;version=1.0.0,text/plain;version=0.0.4;q=0.5,*/*;q=0.1"});
  EXPECT_EQ(http(port(), scrape).status, 200);
}

TEST_F(HttpHostile, ReadyzSaysTheServiceCanWork) {
  HttpReply reply = http_get(port(), "/readyz");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.json()["status"], "ready");
  EXPECT_EQ(reply.json()["checks"]["template_store"], "ok");
  EXPECT_GE(reply.json()["checks"]["report_types"].get<int>(), 1);
}

TEST_F(HttpHostile, NoServerHeaderNamesTheSoftware) {
  HttpReply reply = http_get(port(), "/healthz");
  EXPECT_EQ(reply.header("Server"), "");
  EXPECT_NE(reply.header("Date"), "");
}

TEST(HttpReadiness, NoReportTypeIsNotReady) {
  TempDir empty;
  auto server = ServerProcess::start(empty.path(), test_templates());
  HttpReply reply = http_get(server->port(), "/readyz");
  EXPECT_EQ(reply.status, 503) << reply.body;
  EXPECT_EQ(reply.json()["errors"][0]["code"], "not_ready");
  EXPECT_EQ(http_get(server->port(), "/healthz").status, 200) << "alive all the same";
}

TEST(HttpConnectionCap, ConnectionsPastTheCapGet503AndTheOthersAreServed) {
  auto server = ServerProcess::start(plugin_case("good"), test_templates(), {"--max-connections=6", "--threads=2"});
  // ServerProcess's readiness checks have closed their connections; let the server see it.
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 6; ++i) held.push_back(std::make_unique<RawClient>(server->port()));
  // Each held connection is accepted once it answers; keep them open with keep-alive.
  for (auto& client : held) client->send("GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n");
  RawClient extra(server->port());
  const std::string answer = extra.read_all();
  expect_json_error(answer, 503, "server_busy");
  EXPECT_EQ(parse_raw_reply(answer).header("Retry-After"), "1");
  // Once a slot frees, new connections are served again (bounded retries).
  held.pop_back();
  int status = 0;
  for (int attempt = 0; attempt < 100 && status != 200; ++attempt) {
    try {
      status = http_get(server->port(), "/healthz").status;
    } catch (const std::exception&) {
    }
    if (status != 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(status, 200);
  EXPECT_TRUE(server->running());
}

}  // namespace
}  // namespace vanthu::test
