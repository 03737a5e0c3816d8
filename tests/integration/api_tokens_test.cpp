// API tokens administered over HTTP (host/src/http/handlers/tokens.cpp), through the real
// server: made with the secret shown once, listed without it, revoked; nobody gives more
// agencies or roles than they hold.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "server_harness.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

class ApiTokens : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates"); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }
  static HttpReply post(const std::string& path, const json& body, const std::string& token = {}) {
    HttpCall call = make_call("POST", path, body.dump(), "application/json");
    return token.empty() ? http(port(), call) : http(port(), with_token(call, token));
  }
  static HttpReply get(const std::string& path, const std::string& token = {}) {
    HttpCall call = make_call("GET", path);
    return token.empty() ? http(port(), call) : http(port(), with_token(call, token));
  }
  static std::unique_ptr<ServerProcess> server_;
};
std::unique_ptr<ServerProcess> ApiTokens::server_;

std::string weekly() { return read_file(source_dir() / "samples" / "nq57-weekly" / "hai-an-2026-02-11.json"); }

TEST_F(ApiTokens, MadeShownOnceListedWithoutTheSecretAndRevoked) {
  HttpReply made = post("/v1/tokens", {{"name", "e-office Hải An"}, {"agencies", {"hai-an"}}, {"roles", {"render"}}, {"days", 30}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.header("Cache-Control"), "no-store");
  const json record = made.json();
  const std::string secret = record["token"], id = record["id"];
  EXPECT_EQ(secret.substr(0, 3), "vt_");
  EXPECT_EQ(record["agencies"], json({"hai-an"}));
  EXPECT_EQ(record["roles"], json({"render"}));
  EXPECT_EQ(record["status"], "active");
  EXPECT_FALSE(record.contains("sha256"));

  // The new token works, for its agency and role.
  HttpCall render = make_call("POST", "/v1/report-types/nq57-weekly/documents?agency=hai-an", weekly(), "application/json");
  EXPECT_EQ(http(port(), with_token(render, secret)).status, 200);
  HttpCall other = make_call("POST", "/v1/report-types/nq57-weekly/documents?agency=le-chan", weekly(), "application/json");
  EXPECT_EQ(http(port(), with_token(other, secret)).status, 403);

  HttpReply listed = get("/v1/tokens");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_THAT(listed.body, HasSubstr(id));
  EXPECT_THAT(listed.body, Not(HasSubstr(secret)));
  EXPECT_THAT(listed.body, Not(HasSubstr("sha256")));

  HttpReply revoked = post("/v1/tokens/" + id + ":revoke", json::object());
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.json()["status"], "revoked");
  EXPECT_EQ(http(port(), with_token(render, secret)).status, 401);
  EXPECT_EQ(post("/v1/tokens/" + id + ":revoke", json::object()).json()["status"], "revoked");  // again: the same
  EXPECT_THAT(server_->log(), Not(HasSubstr(secret))) << "the secret is never logged";
}

TEST_F(ApiTokens, NobodyGivesMoreThanTheyHold) {
  const std::string ward_admin = ServerProcess::create_token(server_->data_dir(), {"--agency=hai-an", "--roles=admin,render"});
  const std::string other_ward = ServerProcess::create_token(server_->data_dir(), {"--agency=le-chan", "--roles=render", "--name=le-chan"});
  auto refused = [&](const json& body, const std::string& path) {
    HttpReply r = post("/v1/tokens", body, ward_admin);
    expect_error_reply(r, 403, "forbidden", path);
  };
  refused({{"agencies", {"le-chan"}}, {"roles", {"render"}}}, "/agencies");
  refused({{"agencies", {"*"}}, {"roles", {"render"}}}, "/agencies");
  refused({{"agencies", {"hai-an"}}, {"roles", {"issue"}}}, "/roles");
  EXPECT_EQ(post("/v1/tokens", {{"agencies", {"hai-an"}}, {"roles", {"render"}}}, ward_admin).status, 201);

  // The ward's administrator sees the ward's tokens only, and cannot revoke another's.
  HttpReply listed = get("/v1/tokens", ward_admin);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json ward_tokens = listed.json();  // a named value: a range over a temporary's member would dangle
  EXPECT_FALSE(ward_tokens["tokens"].empty());
  for (const auto& t : ward_tokens["tokens"]) EXPECT_EQ(t["agencies"], json({"hai-an"})) << t.dump();
  std::string le_chan_id;
  const json all_tokens = get("/v1/tokens").json();
  for (const auto& t : all_tokens["tokens"])
    if (t["name"] == "le-chan") le_chan_id = t["id"];
  ASSERT_FALSE(le_chan_id.empty());
  expect_error_reply(post("/v1/tokens/" + le_chan_id + ":revoke", json::object(), ward_admin), 404, "unknown_token");

  // Without the admin role: 403 whatever the body.
  expect_error_reply(get("/v1/tokens", other_ward), 403, "forbidden");
  EXPECT_EQ(http(port(), anonymous(make_call("GET", "/v1/tokens"))).status, 401);
}

TEST_F(ApiTokens, EveryMistakeNamesItsField) {
  HttpReply r = post("/v1/tokens", {{"agencies", {"Hải An"}}, {"roles", {"render", "boss"}}, {"name", "a\nb"}, {"days", 0}});
  ASSERT_EQ(r.status, 422) << r.body;
  std::vector<std::string> paths;
  const json errors = r.json()["errors"];
  for (const auto& e : errors) paths.push_back(e["path"]);
  EXPECT_THAT(paths, ::testing::UnorderedElementsAre("/agencies/0", "/roles/1", "/days", "/name"));
  expect_error_reply(post("/v1/tokens", {{"roles", {"render"}}}), 422, "required", "/agencies");
  expect_error_reply(post("/v1/tokens", {{"agencies", {"hai-an"}}}), 422, "required", "/roles");
  expect_error_reply(post("/v1/tokens", {{"agencies", {"hai-an"}}, {"roles", {"render"}}, {"expires", "2020-01-01"}}), 422,
                     "in_the_past", "/expires");
  expect_error_reply(post("/v1/tokens", {{"agencies", {"hai-an"}}, {"roles", {"render"}}, {"expires", "never"}, {"days", 3}}), 422,
                     "conflict", "/days");
  expect_error_reply(post("/v1/tokens", {{"agencies", {"hai-an"}}, {"roles", {"render"}}, {"scope", "x"}}), 400, "unknown_field",
                     "/scope");
  expect_error_reply(post("/v1/tokens/tk_nothex:revoke", json::object()), 400, "invalid_token_id");
  expect_error_reply(post("/v1/tokens/tk_0123456789ab:revoke", json::object()), 404, "unknown_token");
  HttpReply never = post("/v1/tokens", {{"agencies", {"hai-an"}}, {"roles", {"render"}}, {"expires", "never"}});
  ASSERT_EQ(never.status, 201) << never.body;
  EXPECT_TRUE(never.json()["expires"].is_null());
}

}  // namespace
}  // namespace vanthu::test
