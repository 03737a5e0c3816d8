// Idempotency-Key on the creating POSTs (host/src/http/idempotency.hpp), through the real server:
// a retried request gets the first answer and creates nothing twice; the key belongs to its
// caller, survives a restart, and is refused where it means nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "idempotency_store_contract.hpp"
#include "server_harness.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

json weekly() { return json::parse(read_file(source_dir() / "samples" / "nq57-weekly" / "hai-an-2026-02-11.json")); }

class Idempotency : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates"); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }

  static HttpReply post(const std::string& path, const json& body, const std::string& key, const std::string& token = {}) {
    HttpCall call = make_call("POST", path, body.dump(), "application/json");
    if (!key.empty()) call.headers.emplace_back("Idempotency-Key", key);
    return token.empty() ? http(port(), call) : http(port(), with_token(call, token));
  }
  static json draft_body(const std::string& agency = "hai-an") {
    return {{"report_type", "nq57-weekly"}, {"agency", agency}, {"input", weekly()}};
  }
  static std::size_t drafts_of(const std::string& agency) {
    HttpReply listed = http_get(port(), "/v1/documents?agency=" + agency + "&limit=500");
    if (listed.status != 200) throw std::runtime_error(listed.body);
    return listed.json()["documents"].size();
  }
  static std::unique_ptr<ServerProcess> server_;
};
std::unique_ptr<ServerProcess> Idempotency::server_;

TEST_F(Idempotency, ARetriedDraftIsTheFirstAnswerAndOneDraft) {
  const std::size_t before = drafts_of("an-bien");
  HttpReply first = post("/v1/documents", draft_body("an-bien"), "draft-an-bien-0001");
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.header("Idempotent-Replayed"), "");
  HttpReply again = post("/v1/documents", draft_body("an-bien"), "draft-an-bien-0001");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.header("Location"), first.header("Location"));
  EXPECT_NE(again.header("X-Request-Id"), first.header("X-Request-Id"));  // each request its own id
  EXPECT_EQ(drafts_of("an-bien"), before + 1);

  // Without a key, the same body is a new draft.
  ASSERT_EQ(post("/v1/documents", draft_body("an-bien"), "").status, 201);
  EXPECT_EQ(drafts_of("an-bien"), before + 2);
}

TEST_F(Idempotency, TheSameKeyForAnotherRequestIs422AndCreatesNothing) {
  ASSERT_EQ(post("/v1/documents", draft_body("cat-bi"), "k-cat-bi").status, 201);
  const std::size_t after_first = drafts_of("cat-bi");
  json other = draft_body("cat-bi");
  other["input"]["subject"] = "Báo cáo khác";
  expect_error_reply(post("/v1/documents", other, "k-cat-bi"), 422, "idempotency_key_reused");
  // Another path with the same key is another request too.
  expect_error_reply(post("/v1/templates:render", json::object(), "k-cat-bi"), 422, "idempotency_key_reused");
  EXPECT_EQ(drafts_of("cat-bi"), after_first);
}

TEST_F(Idempotency, ARetriedIssueGivesTheSameNumberAndFile) {
  HttpReply made = post("/v1/documents", draft_body("dong-hai"), "");
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.json()["id"];
  HttpReply issued = post("/v1/documents/" + id + ":issue", {{"date", "2026-02-11"}}, "issue-" + id);
  ASSERT_EQ(issued.status, 200) << issued.body;
  HttpReply retried = post("/v1/documents/" + id + ":issue", {{"date", "2026-02-11"}}, "issue-" + id);
  ASSERT_EQ(retried.status, 200) << retried.body;  // not 409 already_issued: the first answer
  EXPECT_EQ(retried.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(retried.header("X-Vanthu-Number"), issued.header("X-Vanthu-Number"));
  EXPECT_EQ(retried.header("Content-Type"), issued.header("Content-Type"));
  EXPECT_EQ(retried.body, issued.body);
  // Without the key, issuing again is still refused.
  expect_error_reply(post("/v1/documents/" + id + ":issue", {{"date", "2026-02-11"}}, ""), 409, "already_issued");
  // Counted once: the replay numbered nothing.
  EXPECT_THAT(http_get(port(), "/metrics").body, HasSubstr("vanthu_register_issued_total 1\n"));
  HttpReply book = http_get(port(), "/v1/registers/dong-hai/2026");
  ASSERT_EQ(book.status, 200) << book.body;
  EXPECT_EQ(book.json()["entries"].size(), 1u);
}

TEST_F(Idempotency, AnErrorAnswerIsKeptToo) {
  json wrong = draft_body("trang-cat");
  wrong["input"].erase("period");
  HttpReply first = post("/v1/documents", wrong, "trang-cat-wrong");
  ASSERT_EQ(first.status, 422) << first.body;
  HttpReply again = post("/v1/documents", wrong, "trang-cat-wrong");
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.body, first.body);
}

TEST_F(Idempotency, KeysBelongToTheirCaller) {
  const std::string a = ServerProcess::create_token(server_->data_dir(), {"--agency=le-loi", "--roles=render,issue"});
  const std::string b = ServerProcess::create_token(server_->data_dir(), {"--agency=le-loi", "--roles=render,issue"});
  HttpReply from_a = post("/v1/documents", draft_body("le-loi"), "shared-key", a);
  HttpReply from_b = post("/v1/documents", draft_body("le-loi"), "shared-key", b);
  ASSERT_EQ(from_a.status, 201) << from_a.body;
  ASSERT_EQ(from_b.status, 201) << from_b.body;
  EXPECT_EQ(from_b.header("Idempotent-Replayed"), "");
  EXPECT_NE(from_a.json()["id"], from_b.json()["id"]);
}

TEST_F(Idempotency, ConcurrentRetriesCreateOneDraft) {
  const std::size_t before = drafts_of("ngoc-xuyen");
  std::vector<std::thread> threads;
  std::mutex mutex;
  std::set<std::string> ids;
  std::vector<int> statuses;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&] {
      HttpReply r = post("/v1/documents", draft_body("ngoc-xuyen"), "one-draft-only");
      std::lock_guard lock(mutex);
      statuses.push_back(r.status);
      if (r.status == 201) ids.insert(r.json()["id"].get<std::string>());
      if (r.status == 409) {
        EXPECT_EQ(r.json()["errors"][0]["code"], "idempotency_key_in_progress");
        EXPECT_EQ(r.header("Retry-After"), "1");
      }
    });
  for (auto& t : threads) t.join();
  for (int s : statuses) EXPECT_TRUE(s == 201 || s == 409) << s;
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(drafts_of("ngoc-xuyen"), before + 1);
}

TEST_F(Idempotency, RefusedWhereItMeansNothing) {
  HttpCall get = make_call("GET", "/v1/report-types");
  get.headers.emplace_back("Idempotency-Key", "abc");
  expect_error_reply(http(port(), get), 400, "idempotency_key_not_accepted");
  expect_error_reply(post("/v1/templates:check", json::object(), "abc"), 400, "idempotency_key_not_accepted");
  expect_error_reply(post("/v1/session", {{"username", "x"}, {"password", "y"}}, "abc"), 400, "idempotency_key_not_accepted");
  expect_error_reply(post("/v1/documents", draft_body(), std::string(256, 'k')), 400, "invalid_idempotency_key");
  expect_error_reply(post("/v1/documents", draft_body(), "có dấu"), 400, "invalid_idempotency_key");
  HttpCall twice = make_call("POST", "/v1/documents", draft_body().dump(), "application/json");
  twice.headers.emplace_back("Idempotency-Key", "one");
  twice.headers.emplace_back("Idempotency-Key", "two");
  expect_error_reply(http(port(), twice), 400, "invalid_idempotency_key");
  // A quoted key (the IETF draft's form) is the same key unquoted.
  HttpReply plain = post("/v1/documents", draft_body("quoted"), "quoted-1");
  HttpReply quoted = post("/v1/documents", draft_body("quoted"), "\"quoted-1\"");
  EXPECT_EQ(quoted.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(quoted.body, plain.body);
}

TEST(IdempotencyStore, SqliteTakesOverAnAbandonedClaimOnceAndForgetsKeysAfterADay) {
  TempDir data;
  host::SqliteIdempotencyStore store(data.path());
  expect_idempotency_store_rules(store, "tk_sqlite");
}

TEST(IdempotencyRestart, AKeptAnswerSurvivesARestart) {
  TempDir data;
  const std::string token = ServerProcess::create_token(data.path(), {"--agency=hai-an", "--roles=render,issue"});
  const std::vector<std::string> args = {"--data-dir=" + data.path().string()};
  HttpCall call = with_token(make_call("POST", "/v1/documents",
                                       json{{"report_type", "nq57-weekly"}, {"agency", "hai-an"}, {"input", weekly()}}.dump(),
                                       "application/json"),
                             token);
  call.headers.emplace_back("Idempotency-Key", "before-restart");
  std::string first;
  {
    auto server = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates", args, false);
    HttpReply r = http(server->port(), call);
    ASSERT_EQ(r.status, 201) << r.body;
    first = r.body;
  }
  auto server = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates", args, false);
  HttpReply r = http(server->port(), call);
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(r.body, first);
}

}  // namespace
}  // namespace vanthu::test
