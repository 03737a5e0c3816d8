//! API tokens over the real `vanthu serve` (issue 14): tokens made and revoked with the real
//! `vanthu token` command against the server's data directory while it runs; 401 without, with a
//! malformed, unknown, expired or revoked token; 403 outside a token's roles or agencies; what
//! is public; anonymous rendering; and that no token is ever written to the store or the log.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server_harness.hpp"
#include "test_plugins.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using json = nlohmann::json;

constexpr const char* kDocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr const char* kTemplates = "/v1/report-types/test-echo/templates/";
constexpr const char* kDocuments = "/v1/report-types/test-echo/documents";

ProcessResult vanthu(std::vector<std::string> args) {
  std::vector<std::string> argv = {vanthu_binary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

std::string echo_template() { return read_file(test_templates() / "test-echo.docx"); }

//! test-echo's template with one more line, so each upload is a new version.
std::string echo_template_saying(const std::string& text) {
  return with_part(echo_template(), "word/document.xml",
                   std::string(R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
                               R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>)"
                               R"(<w:p><w:r><w:t xml:space="preserve">{office} )") +
                       text + "</w:t></w:r></w:p><w:sectPr/></w:body></w:document>");
}

void expect_error(const HttpReply& reply, int status, const std::string& code, const std::string& message_part = {}) {
  EXPECT_EQ(reply.status, status) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "application/json; charset=utf-8");
  json body = json::parse(reply.body);
  ASSERT_TRUE(body.contains("errors")) << reply.body;
  ASSERT_EQ(body["errors"].size(), 1u) << reply.body;
  EXPECT_EQ(body["errors"][0]["code"], code) << reply.body;
  if (!message_part.empty()) {
    EXPECT_THAT(body["errors"][0]["message"].get<std::string>(), HasSubstr(message_part));
  }
  if (status == 401) {
    EXPECT_THAT(reply.header("WWW-Authenticate"), StartsWith("Bearer")) << reply.body;
  }
}

//! Every byte of every file under `dir`.
std::string all_files(const fs::path& dir) {
  std::string text;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file()) text += read_file(entry.path());
  return text;
}

struct Made {
  std::string id;
  std::string token;
};

class Auth : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = std::make_unique<TempDir>();
    server_ = ServerProcess::start(plugin_case("good"), test_templates(), {"--data-dir=" + data().string(), "--threads=4"},
                                   /*harness_token=*/false);
    tokens_ = std::make_unique<std::vector<std::string>>();
  }
  static void TearDownTestSuite() {
    server_.reset();
    dir_.reset();
  }
  void SetUp() override { ASSERT_TRUE(server_ && server_->running()) << (server_ ? server_->log() : ""); }
  static int port() { return server_->port(); }
  static fs::path data() { return dir_->path() / "data"; }

  //! `vanthu token create --json ARGS…` against the running server's data directory.
  static Made make(std::vector<std::string> args) {
    std::vector<std::string> argv = {"token", "create", "--json", "--data-dir=" + data().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessResult result = vanthu(argv);
    EXPECT_EQ(result.exit_code, 0) << result.err;
    json made = json::parse(result.out);
    tokens_->push_back(made["token"]);
    return {made["id"], made["token"]};
  }

  static HttpReply put(const std::string& agency, const std::string& docx, const std::string& token = {}) {
    HttpCall call = make_call("PUT", kTemplates + agency, docx, kDocxType);
    return http(port(), token.empty() ? anonymous(call) : with_token(call, token));
  }
  static HttpReply rollback(const std::string& agency, const std::string& token = {}) {
    HttpCall call = make_call("POST", kTemplates + agency + ":rollback", R"({"version": 1})", "application/json");
    return http(port(), token.empty() ? anonymous(call) : with_token(call, token));
  }
  static HttpReply get(const std::string& path, const std::string& token = {}) {
    HttpCall call = make_call("GET", path);
    return http(port(), token.empty() ? anonymous(call) : with_token(call, token));
  }
  static HttpReply document(const std::string& query, const std::string& token = {}) {
    HttpCall call = make_call("POST", kDocuments + query, echo_example(), "application/json");
    return http(port(), token.empty() ? anonymous(call) : with_token(call, token));
  }
  static std::size_t versions(const std::string& agency) {
    static const Made reader = make({"--agency=*", "--roles=templates", "--name=reader"});
    HttpReply listing = get(kTemplates + agency, reader.token);
    EXPECT_EQ(listing.status, 200) << listing.body;
    return listing.json()["versions"].size();
  }

  static std::unique_ptr<TempDir> dir_;
  static std::unique_ptr<ServerProcess> server_;
  static std::unique_ptr<std::vector<std::string>> tokens_;  //!< every token made, for the leak checks
};

std::unique_ptr<TempDir> Auth::dir_;
std::unique_ptr<ServerProcess> Auth::server_;
std::unique_ptr<std::vector<std::string>> Auth::tokens_;

TEST_F(Auth, WithoutATokenNoTemplateIsWrittenOrRolledBack) {
  expect_error(put("hai-an", echo_template()), 401, "unauthorized", "Authorization: Bearer");
  expect_error(rollback("hai-an"), 401, "unauthorized");
  expect_error(get(std::string(kTemplates) + "hai-an"), 401, "unauthorized");
  expect_error(get(std::string(kTemplates) + "hai-an/1"), 401, "unauthorized");
  EXPECT_EQ(versions("hai-an"), 0u) << "nothing stored";
}

TEST_F(Auth, ATokenIsScopedToItsAgencies) {
  const Made le_chan = make({"--agency=le-chan", "--roles=templates", "--name=Văn thư Lê Chân"});
  HttpReply other = put("hai-an", echo_template(), le_chan.token);
  expect_error(other, 403, "forbidden", "hai-an");
  EXPECT_THAT(other.json()["errors"][0]["message"].get<std::string>(), HasSubstr("le-chan"));
  expect_error(rollback("hai-an", le_chan.token), 403, "forbidden");
  expect_error(get(std::string(kTemplates) + "hai-an", le_chan.token), 403, "forbidden");
  EXPECT_EQ(versions("hai-an"), 0u);

  HttpReply own = put("le-chan", echo_template_saying("Lê Chân"), le_chan.token);
  ASSERT_EQ(own.status, 201) << own.body;
  EXPECT_EQ(get(std::string(kTemplates) + "le-chan", le_chan.token).json()["current"], 1);
  EXPECT_EQ(rollback("le-chan", le_chan.token).status, 200);

  const Made two = make({"--agency=kien-an,do-son", "--roles=templates"});
  EXPECT_EQ(put("kien-an", echo_template(), two.token).status, 201);
  EXPECT_EQ(put("do-son", echo_template(), two.token).status, 201);
  expect_error(put("le-chan", echo_template(), two.token), 403, "forbidden");
}

TEST_F(Auth, ATokenWithoutTheTemplatesRoleIsForbidden) {
  const Made renderer = make({"--agency=ngo-quyen", "--roles=render,issue"});
  HttpReply reply = put("ngo-quyen", echo_template(), renderer.token);
  expect_error(reply, 403, "forbidden", "\"templates\"");
  EXPECT_THAT(reply.header("WWW-Authenticate"), HasSubstr("insufficient_scope"));
  expect_error(rollback("ngo-quyen", renderer.token), 403, "forbidden");
  EXPECT_EQ(versions("ngo-quyen"), 0u);
}

TEST_F(Auth, AnExpiredTokenIs401) {
  const Made past = make({"--agency=*", "--roles=render,templates", "--expires=2020-01-01"});
  expect_error(put("thuy-nguyen", echo_template(), past.token), 401, "unauthorized", "hết hạn");
  expect_error(document("", past.token), 401, "unauthorized", "hết hạn");
  const Made zero = make({"--agency=*", "--roles=render", "--days=0"});  // expires as it is made
  expect_error(document("", zero.token), 401, "unauthorized", "hết hạn");
  EXPECT_THAT(get(std::string(kTemplates) + "x", past.token).header("WWW-Authenticate"), HasSubstr("invalid_token"));
  EXPECT_EQ(versions("thuy-nguyen"), 0u);
}

TEST_F(Auth, ATokenRevokedWhileTheServerRunsIsRefusedAtTheNextRequest) {
  const Made made = make({"--agency=an-duong", "--roles=templates", "--name=e-office An Dương"});
  ASSERT_EQ(put("an-duong", echo_template(), made.token).status, 201) << "a new token works without a restart";
  ProcessResult revoked = vanthu({"token", "revoke", made.id, "--data-dir=" + data().string()});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  expect_error(put("an-duong", echo_template_saying("hai"), made.token), 401, "unauthorized", "thu hồi");
  expect_error(get(std::string(kTemplates) + "an-duong", made.token), 401, "unauthorized");
  EXPECT_EQ(versions("an-duong"), 1u);
  EXPECT_EQ(vanthu({"token", "revoke", made.id, "--data-dir=" + data().string()}).exit_code, 0) << "again: nothing to do";
  EXPECT_EQ(vanthu({"token", "revoke", "tk_000000000000", "--data-dir=" + data().string()}).exit_code, 3);
}

TEST_F(Auth, RenderingNeedsTheRenderRoleAndTheAgency) {
  const Made hai_an = make({"--agency=hai-an", "--roles=render"});
  HttpReply builtin = document("", hai_an.token);
  ASSERT_EQ(builtin.status, 200) << builtin.body;
  EXPECT_EQ(builtin.header("X-Vanthu-Template"), "built-in");
  HttpReply own = document("?agency=hai-an", hai_an.token);
  ASSERT_EQ(own.status, 200) << own.body;
  expect_error(document("?agency=le-chan", hai_an.token), 403, "forbidden", "le-chan");
  expect_error(document("?agency=hai-an&agency=le-chan", hai_an.token), 403, "forbidden");  // the last one counts, as for the handler
  expect_error(document(""), 401, "unauthorized");  // anonymous rendering is off by default
  expect_error(document("?agency=hai-an"), 401, "unauthorized");
  const Made templates_only = make({"--agency=hai-an", "--roles=templates"});
  expect_error(document("?agency=hai-an", templates_only.token), 403, "forbidden", "\"render\"");

  // Rendering or checking a template the caller brings is rendering too.
  const std::string form = "--b\r\nContent-Disposition: form-data; name=\"template\"; filename=\"t.docx\"\r\n\r\n" +
                           echo_template() + "\r\n--b--\r\n";
  expect_error(http(port(), anonymous(make_call("POST", "/v1/templates:check", form, "multipart/form-data; boundary=b"))), 401,
               "unauthorized");
  EXPECT_EQ(http(port(), with_token(make_call("POST", "/v1/templates:check", form, "multipart/form-data; boundary=b"),
                                    hai_an.token))
                .status,
            200);
  expect_error(http(port(), with_token(make_call("POST", "/v1/templates:render", form, "multipart/form-data; boundary=b"),
                                       templates_only.token)),
               403, "forbidden");
}

TEST_F(Auth, TheCatalogAndProbesArePublic) {
  for (const char* path : {"/healthz", "/readyz", "/metrics", "/v1/report-types", "/v1/report-types/test-echo",
                           "/v1/report-types/test-echo/template"})
    EXPECT_EQ(get(path).status, 200) << path;
  // A token sent is checked wherever it goes: a wrong one is a 401 even here.
  expect_error(get("/v1/report-types", "vt_" + std::string(43, 'A')), 401, "unauthorized", "không có trong hệ thống");
}

TEST_F(Auth, MalformedAuthorizationHeadersAre401WithAClearMessage) {
  const Made good = make({"--agency=*", "--roles=render"});
  struct Case {
    std::vector<std::string> values;
    std::string says;
  };
  const std::vector<Case> cases = {
      {{"Basic dXNlcjpwYXNz"}, "Bearer <token>"},
      {{good.token}, "Bearer <token>"},
      {{"Bearer"}, "thiếu token"},
      {{"Bearer vt_abc"}, "không đúng dạng"},
      {{"Bearer " + good.token + "x"}, "không đúng dạng"},
      {{"Bearer tk_" + good.token.substr(3)}, "không đúng dạng"},
      {{"Bearer " + good.token, "Bearer " + good.token}, "nhiều header Authorization"},
      {{"Bearer " + good.token + ", Bearer " + good.token}, "không đúng dạng"},
  };
  for (const Case& c : cases) {
    HttpCall call = anonymous(make_call("POST", kDocuments, echo_example(), "application/json"));
    for (const auto& value : c.values) call.headers.emplace_back("Authorization", value);
    expect_error(http(port(), call), 401, "unauthorized", c.says);
  }
  EXPECT_EQ(document("", good.token).status, 200);
}

TEST_F(Auth, TokensAreNeverShownAgainNorWrittenNorLogged) {
  const Made made = make({"--agency=hai-an,le-chan", "--roles=render,templates", "--name=e-office Hải An", "--days=30"});
  ASSERT_EQ(document("", made.token).status, 200);
  expect_error(document("", "vt_" + std::string(43, 'Q')), 401, "unauthorized");  // unknown
  EXPECT_TRUE(log_has_line(*server_, {"POST " + std::string(kDocuments) + " 200", "token=" + made.id})) << server_->log();
  EXPECT_TRUE(log_has_line(*server_, {"POST " + std::string(kDocuments) + " 401", "auth=unknown-token"})) << server_->log();

  ProcessResult list = vanthu({"token", "list", "--data-dir=" + data().string()});
  ASSERT_EQ(list.exit_code, 0) << list.err;
  EXPECT_THAT(list.out, AllOf(HasSubstr(made.id), HasSubstr("e-office Hải An"), HasSubstr("hai-an,le-chan"), HasSubstr("render,templates")));
  ProcessResult listed = vanthu({"token", "list", "--json", "--data-dir=" + data().string()});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  bool found = false;
  const json listing = json::parse(listed.out);
  for (const auto& t : listing["tokens"]) {
    EXPECT_FALSE(t.contains("token"));
    EXPECT_FALSE(t.contains("sha256"));
    if (t["id"] == made.id) {
      found = true;
      EXPECT_EQ(t["agencies"], json({"hai-an", "le-chan"}));
      EXPECT_EQ(t["status"], "active");
      EXPECT_TRUE(t["last_used"].is_string()) << "the server noted its use";
    }
  }
  EXPECT_TRUE(found);

  const std::string stored = all_files(data());
  const std::string log = server_->log();
  for (const std::string& token : *tokens_) {
    EXPECT_THAT(list.out + list.err + listed.out, Not(HasSubstr(token.substr(3))));
    EXPECT_THAT(stored, Not(HasSubstr(token.substr(3)))) << "the data directory holds no token";
    EXPECT_THAT(log, Not(HasSubstr(token.substr(3)))) << "the log holds no token";
  }
}

TEST(AuthCli, UsageMistakes) {
  TempDir dir;
  const std::string data = "--data-dir=" + (dir.path() / "data").string();
  EXPECT_EQ(vanthu({"token", "create", "--roles=render", data}).exit_code, 2) << "no agency";
  EXPECT_EQ(vanthu({"token", "create", "--agency=hai-an", data}).exit_code, 2) << "no role";
  EXPECT_EQ(vanthu({"token", "create", "--agency=Hai An", "--roles=render", data}).exit_code, 2);
  EXPECT_EQ(vanthu({"token", "create", "--agency=*,hai-an", "--roles=render", data}).exit_code, 2);
  ProcessResult role = vanthu({"token", "create", "--agency=hai-an", "--roles=render,write", data});
  EXPECT_EQ(role.exit_code, 2);
  EXPECT_THAT(role.err, HasSubstr("write"));
  EXPECT_EQ(vanthu({"token", "create", "--agency=hai-an", "--roles=render", "--expires=30/06/2027", data}).exit_code, 2);
  EXPECT_EQ(vanthu({"token", "create", "--agency=hai-an", "--roles=render", "--expires=2027-06-30", "--days=3", data}).exit_code, 2);
  EXPECT_EQ(vanthu({"token", "create", "--agency=hai-an", "--roles=render", "--days=-1", data}).exit_code, 2);
  EXPECT_EQ(vanthu({"token", "revoke", data}).exit_code, 2);
  EXPECT_EQ(vanthu({"token", "revoke", "abc", data}).exit_code, 2);
  EXPECT_EQ(vanthu({"token", "list", "--roles=render", data}).exit_code, 2);
  EXPECT_EQ(vanthu({"token", "forge", data}).exit_code, 2);
  EXPECT_FALSE(fs::exists(dir.path() / "data" / "tokens.json")) << "no mistake wrote anything";

  ProcessResult made = vanthu({"token", "create", "--agency=hai-an", "--roles=render", "--expires=2027-06-30", data});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  EXPECT_THAT(made.out, AllOf(HasSubstr("id:    tk_"), HasSubstr("token: vt_")));
  EXPECT_THAT(made.err, AllOf(HasSubstr("2027-06-30T17:00:00Z"), HasSubstr("chỉ hiện một lần")));
  EXPECT_THAT(vanthu({"token", "list", data}).out, HasSubstr("2027-06-30T17:00:00Z"));
}

TEST(AuthSettings, AnonymousRenderAndClosedReading) {
  TempDir dir;
  write_file(dir.path() / "vanthu.properties", "vanthu.public-read = false\n");
  auto server = ServerProcess::start(plugin_case("good"), test_templates(),
                                     {"--anonymous-render", "--config=" + (dir.path() / "vanthu.properties").string()},
                                     /*harness_token=*/false);
  const int port = server->port();
  auto post = [&](const std::string& query, const std::string& token = {}) {
    HttpCall call = make_call("POST", kDocuments + query, echo_example(), "application/json");
    return http(port, token.empty() ? anonymous(call) : with_token(call, token));
  };
  HttpReply builtin = post("");
  ASSERT_EQ(builtin.status, 200) << builtin.body;
  EXPECT_EQ(builtin.header("X-Vanthu-Template"), "built-in");
  expect_error(post("?agency=hai-an"), 401, "unauthorized");  // an agency's template always needs a token
  expect_error(http(port, anonymous(make_call("PUT", std::string(kTemplates) + "hai-an", echo_template(), kDocxType))), 401,
               "unauthorized");
  // Reading is closed: the catalog needs a token (any valid one); the probes stay open.
  expect_error(http(port, anonymous(make_call("GET", "/v1/report-types"))), 401, "unauthorized");
  expect_error(http(port, anonymous(make_call("GET", "/metrics"))), 401, "unauthorized");
  EXPECT_EQ(http(port, anonymous(make_call("GET", "/healthz"))).status, 200);
  EXPECT_EQ(http(port, anonymous(make_call("GET", "/readyz"))).status, 200);
  const std::string issuer = ServerProcess::create_token(server->data_dir(), {"--agency=hai-an", "--roles=issue"});
  EXPECT_EQ(http(port, with_token(make_call("GET", "/v1/report-types"), issuer)).status, 200);
  expect_error(post("?agency=hai-an", issuer), 403, "forbidden");
  EXPECT_THAT(server->log(), HasSubstr("anonymous render) bật"));

  ProcessResult bad = run_process({vanthu_binary().string(), "serve", "--public-read=maybe", "--port=0"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_THAT(bad.err, HasSubstr("public-read"));
}

}  // namespace
}  // namespace vanthu::test
