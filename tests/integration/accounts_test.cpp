//! The desk's accounts (access/account_store.hpp) and their HTTP side (/v1/session, /v1/accounts,
//! the session cookie in http/auth.cpp): Argon2id hashes, lockout, session expiry, sign-out,
//! CSRF and cross-origin writes, agency scope and roles, `vanthu account`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "access/account_store.hpp"
#include "server_harness.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
namespace a = host::access;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

a::NewAccount new_account(std::string user, std::string agency = "hai-an", a::DeskRole role = a::DeskRole::clerk) {
  return {std::move(user), "Nguyễn Văn A", std::move(agency), "mat-khau-du-dai", role};
}

// ---------------------------------------------------------------------------------------------
// The store.

TEST(AccountValues, RolesMapToTheAccessModel) {
  EXPECT_EQ(a::roles_of(a::DeskRole::clerk), a::bit(a::Role::render));
  EXPECT_TRUE(a::roles_of(a::DeskRole::records_officer) & a::bit(a::Role::issue));
  EXPECT_TRUE(a::roles_of(a::DeskRole::records_officer) & a::bit(a::Role::templates));
  EXPECT_FALSE(a::roles_of(a::DeskRole::records_officer) & a::bit(a::Role::admin));
  EXPECT_TRUE(a::roles_of(a::DeskRole::admin) & a::bit(a::Role::admin));
  EXPECT_FALSE(a::roles_of(a::DeskRole::admin) & a::bit(a::Role::issue));
  EXPECT_EQ(a::parse_desk_role("records_officer"), a::DeskRole::records_officer);
  EXPECT_FALSE(a::parse_desk_role("root"));
}

TEST(AccountValues, PasswordsAreArgon2idAndVerified) {
  const std::string hash = a::hash_password("mật khẩu có dấu 123");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << hash;
  EXPECT_TRUE(a::verify_password(hash, "mật khẩu có dấu 123"));
  EXPECT_FALSE(a::verify_password(hash, "mật khẩu có dấu 124"));
  EXPECT_FALSE(a::verify_password("not a hash", "x"));
  EXPECT_NE(a::hash_password("same"), a::hash_password("same"));  // salted
}

TEST(AccountValues, PasswordRulesAndUserNames) {
  EXPECT_TRUE(a::password_problem("ngắn", "x"));
  EXPECT_FALSE(a::password_problem("mười ký tự", "x"));  // 10 code points, more bytes
  EXPECT_TRUE(a::password_problem("nguyenvana1", "nguyenvana1"));
  EXPECT_TRUE(a::password_problem(std::string(257, 'a'), "x"));
  EXPECT_TRUE(a::valid_username("nguyen.van-a_2"));
  EXPECT_FALSE(a::valid_username("ab"));
  EXPECT_FALSE(a::valid_username(".hidden"));
  EXPECT_FALSE(a::valid_username("có dấu"));
  EXPECT_EQ(a::normalize_username("  NguyenVanA "), "nguyenvana");
}

TEST(AccountValues, LockoutDoublesAndIsCapped) {
  EXPECT_EQ(a::lock_after(4).count(), 0);
  EXPECT_EQ(a::lock_after(5).count(), 60);
  EXPECT_EQ(a::lock_after(6).count(), 120);
  EXPECT_EQ(a::lock_after(8).count(), 480);
  EXPECT_EQ(a::lock_after(50).count(), 3600);
}

TEST(AccountValues, SessionCookieIsReadFromTheCookieHeader) {
  EXPECT_EQ(a::session_cookie_value("a=1; vanthu_session=vs_x; b=2"), "vs_x");
  EXPECT_EQ(a::session_cookie_value("vanthu_session=first; vanthu_session=second"), "first");
  EXPECT_EQ(a::session_cookie_value("other_vanthu_session=x"), "");
  EXPECT_EQ(a::session_cookie_value(""), "");
}

TEST(AccountStore, CreateRefusesWhatIsWrongNamingTheField) {
  TempDir dir;
  a::SqliteAccountStore store(dir.path());
  store.create(new_account("nguyenvana"), "test");
  auto refused = [&](a::NewAccount account, const std::string& path, const std::string& code) {
    try {
      store.create(account, "test");
      ADD_FAILURE() << "accepted " << account.username;
    } catch (const a::AccountError& e) {
      EXPECT_EQ(e.path, path);
      EXPECT_EQ(e.code, code);
    }
  };
  refused(new_account("NguyenVanA"), "/username", "username_taken");  // case-folded
  refused(new_account("x"), "/username", "invalid_username");
  refused(new_account("tranthib", "Hải An"), "/agency", "invalid_agency");
  refused(new_account("tranthib", "*", a::DeskRole::clerk), "/agency", "invalid_agency");
  a::NewAccount weak = new_account("tranthib");
  weak.password = "123";
  refused(weak, "/password", "weak_password");
  EXPECT_EQ(store.count(), 1u);
}

TEST(AccountStore, SignInStartsASessionThatExpiresWhenIdleAndAtItsEnd) {
  TempDir dir;
  a::SqliteAccountStore store(dir.path());
  a::Account made = store.create(new_account("nguyenvana"), "test");
  const a::Time t0 = a::Clock::now();
  a::SignInResult in = store.sign_in("NguyenVanA", "mat-khau-du-dai", t0);
  ASSERT_EQ(in.status, a::SignInResult::Status::signed_in);
  EXPECT_TRUE(a::well_formed_session_token(in.session_token));
  auto session = store.session(in.session_token, t0 + std::chrono::minutes(5));
  ASSERT_TRUE(session);
  EXPECT_EQ(session->account.id, made.id);
  EXPECT_EQ(session->csrf, in.csrf);
  // Each use moves the idle deadline; past it, or past the whole lifetime, the session is gone.
  EXPECT_TRUE(store.session(in.session_token, t0 + std::chrono::minutes(110)));
  EXPECT_TRUE(store.session(in.session_token, t0 + std::chrono::minutes(220)));
  EXPECT_FALSE(store.session(in.session_token, t0 + std::chrono::minutes(220) + a::kSessionIdle + std::chrono::minutes(1)));
  a::SignInResult again = store.sign_in("nguyenvana", "mat-khau-du-dai", t0);
  EXPECT_FALSE(store.session(again.session_token, t0 + a::kSessionLifetime + std::chrono::seconds(1)));
  // Signing out ends it at once; a token of the wrong shape is never looked up.
  a::SignInResult third = store.sign_in("nguyenvana", "mat-khau-du-dai", t0);
  store.sign_out(third.session_token);
  EXPECT_FALSE(store.session(third.session_token, t0));
  EXPECT_FALSE(store.session("vs_short", t0));
}

TEST(AccountStore, FiveWrongPasswordsLockTheAccountEvenForTheRightOne) {
  TempDir dir;
  a::SqliteAccountStore store(dir.path());
  store.create(new_account("nguyenvana"), "test");
  const a::Time t0 = a::Clock::now();
  for (int i = 1; i <= 4; ++i) EXPECT_EQ(store.sign_in("nguyenvana", "sai", t0).status, a::SignInResult::Status::wrong_credentials);
  a::SignInResult fifth = store.sign_in("nguyenvana", "sai", t0);
  EXPECT_EQ(fifth.status, a::SignInResult::Status::locked);
  ASSERT_TRUE(fifth.locked_until);
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(*fifth.locked_until - t0).count(), 60);
  EXPECT_EQ(store.sign_in("nguyenvana", "mat-khau-du-dai", t0 + std::chrono::seconds(30)).status, a::SignInResult::Status::locked);
  // Once the minute is over, a wrong password locks for two, a right one resets the count.
  EXPECT_EQ(store.sign_in("nguyenvana", "sai", t0 + std::chrono::seconds(61)).status, a::SignInResult::Status::locked);
  EXPECT_EQ(store.sign_in("nguyenvana", "mat-khau-du-dai", t0 + std::chrono::seconds(150)).status, a::SignInResult::Status::locked);
  EXPECT_EQ(store.sign_in("nguyenvana", "mat-khau-du-dai", t0 + std::chrono::seconds(190)).status, a::SignInResult::Status::signed_in);
  EXPECT_EQ(store.sign_in("nguyenvana", "sai", t0 + std::chrono::seconds(200)).status, a::SignInResult::Status::wrong_credentials);
  // An unknown name gets the same answer as a wrong password.
  EXPECT_EQ(store.sign_in("khongco", "mat-khau-du-dai", t0).status, a::SignInResult::Status::wrong_credentials);
}

TEST(AccountStore, DisablingOrANewPasswordEndsTheSessions) {
  TempDir dir;
  a::SqliteAccountStore store(dir.path());
  a::Account made = store.create(new_account("nguyenvana"), "test");
  const a::Time t0 = a::Clock::now();
  a::SignInResult in = store.sign_in("nguyenvana", "mat-khau-du-dai", t0);
  store.set_disabled(made.id, true, "test");
  EXPECT_FALSE(store.session(in.session_token, t0));
  EXPECT_EQ(store.sign_in("nguyenvana", "mat-khau-du-dai", t0).status, a::SignInResult::Status::disabled);
  store.set_disabled(made.id, false, "test");
  a::SignInResult again = store.sign_in("nguyenvana", "mat-khau-du-dai", t0);
  ASSERT_EQ(again.status, a::SignInResult::Status::signed_in);
  store.set_password(made.id, "mat-khau-moi-dai", "test");
  EXPECT_FALSE(store.session(again.session_token, t0));
  EXPECT_EQ(store.sign_in("nguyenvana", "mat-khau-du-dai", t0).status, a::SignInResult::Status::wrong_credentials);
  EXPECT_EQ(store.sign_in("nguyenvana", "mat-khau-moi-dai", t0).status, a::SignInResult::Status::signed_in);
}

TEST(AccountStore, TheDatabaseHoldsHashesNeverPasswordsOrSessionTokens) {
  TempDir dir;
  a::SqliteAccountStore store(dir.path());
  store.create(new_account("nguyenvana"), "test");
  a::SignInResult in = store.sign_in("nguyenvana", "mat-khau-du-dai", a::Clock::now());
  const std::string db = read_file(dir.path() / "templates.sqlite");
  std::string wal;
  if (fs::exists(dir.path() / "templates.sqlite-wal")) wal = read_file(dir.path() / "templates.sqlite-wal");
  for (const std::string& secret : {std::string("mat-khau-du-dai"), in.session_token}) {
    EXPECT_EQ(db.find(secret), std::string::npos);
    EXPECT_EQ(wal.find(secret), std::string::npos);
  }
  EXPECT_TRUE(db.find("$argon2id$") != std::string::npos || wal.find("$argon2id$") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// Over HTTP.

class DeskSessions : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    data_ = std::make_unique<TempDir>();
    a::SqliteAccountStore store(data_->path());
    admin_id_ = store.create({"quantri", "Quản trị Hải An", "hai-an", "mat-khau-quan-tri", a::DeskRole::admin}, "test").id;
    store.create({"canbo", "Cán bộ Hải An", "hai-an", "mat-khau-can-bo", a::DeskRole::clerk}, "test");
    store.create({"vanthu", "Văn thư Hải An", "hai-an", "mat-khau-van-thu", a::DeskRole::records_officer}, "test");
    store.create({"lechan", "Cán bộ Lê Chân", "le-chan", "mat-khau-le-chan", a::DeskRole::clerk}, "test");
    server_ = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates", {"--data-dir=" + data_->path().string()},
                                   false);
  }
  static void TearDownTestSuite() {
    server_.reset();
    data_.reset();
  }
  static int port() { return server_->port(); }

  struct Signed {
    std::string cookie;  //!< "vanthu_session=vs_…"
    std::string csrf;
    std::string set_cookie;
  };
  static Signed sign_in(const std::string& user, const std::string& password) {
    HttpReply r = http(port(), anonymous(make_call("POST", "/v1/session", json{{"username", user}, {"password", password}}.dump(),
                                                   "application/json")));
    EXPECT_EQ(r.status, 200) << r.body;
    Signed s;
    s.set_cookie = r.header("set-cookie");
    s.cookie = s.set_cookie.substr(0, s.set_cookie.find(';'));
    s.csrf = r.json().value("csrf", "");
    return s;
  }
  static HttpCall as(const Signed& s, HttpCall call, bool with_csrf = true) {
    call.anonymous = true;
    call.headers.emplace_back("Cookie", s.cookie);
    if (with_csrf) call.headers.emplace_back("X-CSRF-Token", s.csrf);
    return call;
  }
  static HttpCall post(const std::string& path, const json& body) {
    return make_call("POST", path, body.dump(), "application/json");
  }

  static std::unique_ptr<TempDir> data_;
  static std::unique_ptr<ServerProcess> server_;
  static std::string admin_id_;
};
std::unique_ptr<TempDir> DeskSessions::data_;
std::unique_ptr<ServerProcess> DeskSessions::server_;
std::string DeskSessions::admin_id_;

TEST_F(DeskSessions, SignInSetsAStrictHttpOnlySecureCookieAndGivesTheCsrfToken) {
  Signed s = sign_in("canbo", "mat-khau-can-bo");
  EXPECT_THAT(s.set_cookie, HasSubstr("HttpOnly"));
  EXPECT_THAT(s.set_cookie, HasSubstr("SameSite=Strict"));
  EXPECT_THAT(s.set_cookie, HasSubstr("Secure"));  // the default
  EXPECT_THAT(s.set_cookie, HasSubstr("Path=/"));
  EXPECT_EQ(s.csrf.size(), 43u);
  HttpReply me = http(port(), as(s, make_call("GET", "/v1/session")));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.json()["account"]["username"], "canbo");
  EXPECT_EQ(me.json()["account"]["role"], "clerk");
  EXPECT_EQ(me.json()["csrf"], s.csrf);
  EXPECT_FALSE(me.json()["account"].contains("password_hash"));
}

TEST_F(DeskSessions, WrongPasswordsAndUnknownNamesGetOneAnswerAndBadRequestsNameTheField) {
  auto attempt = [](const json& body) {
    return http(port(), anonymous(make_call("POST", "/v1/session", body.dump(), "application/json")));
  };
  HttpReply wrong = attempt({{"username", "vanthu"}, {"password", "sai"}});
  HttpReply unknown = attempt({{"username", "khongai"}, {"password", "sai"}});
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.json()["errors"][0]["message"], unknown.json()["errors"][0]["message"]);
  EXPECT_EQ(wrong.header("set-cookie"), "");
  HttpReply missing = attempt({{"username", "vanthu"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(missing.json()["errors"][0]["path"], "/password");
  HttpReply extra = attempt({{"username", "vanthu"}, {"password", "x"}, {"remember", true}});
  EXPECT_EQ(extra.status, 400);
  EXPECT_EQ(extra.json()["errors"][0]["path"], "/remember");
}

TEST_F(DeskSessions, RepeatedFailuresLockTheAccountWith429AndRetryAfter) {
  a::SqliteAccountStore(data_->path()).create({"bilock", "X", "hai-an", "mat-khau-dung-roi", a::DeskRole::clerk}, "test");
  HttpReply last;
  for (int i = 0; i < 5; ++i)
    last = http(port(), anonymous(post("/v1/session", {{"username", "bilock"}, {"password", "sai-" + std::to_string(i)}})));
  EXPECT_EQ(last.status, 429) << last.body;
  EXPECT_EQ(last.json()["errors"][0]["code"], "account_locked");
  const int retry = std::stoi(last.header("retry-after"));  // the minute's lock, rounded up
  EXPECT_GE(retry, 55);
  EXPECT_LE(retry, 61);
  HttpReply right = http(port(), anonymous(post("/v1/session", {{"username", "bilock"}, {"password", "mat-khau-dung-roi"}})));
  EXPECT_EQ(right.status, 429);
}

TEST_F(DeskSessions, WritesWithTheCookieNeedTheCsrfTokenAndTheSameOrigin) {
  Signed s = sign_in("canbo", "mat-khau-can-bo");
  json draft = {{"report_type", "nq57-weekly"},
                {"agency", "hai-an"},
                {"input", json::parse(read_file(source_dir() / "samples/nq57-weekly/hai-an-2026-02-11.json"))}};
  HttpReply no_token = http(port(), as(s, post("/v1/documents", draft), false));
  EXPECT_EQ(no_token.status, 403);
  EXPECT_EQ(no_token.json()["errors"][0]["code"], "csrf_failed");
  HttpCall wrong = as(s, post("/v1/documents", draft), false);
  wrong.headers.emplace_back("X-CSRF-Token", std::string(43, 'A'));
  EXPECT_EQ(http(port(), wrong).status, 403);
  HttpCall cross = as(s, post("/v1/documents", draft));
  cross.headers.emplace_back("Origin", "http://evil.example");
  EXPECT_EQ(http(port(), cross).status, 403);
  HttpCall same = as(s, post("/v1/documents", draft));
  same.headers.emplace_back("Origin", "http://127.0.0.1:" + std::to_string(port()));
  HttpReply made = http(port(), same);
  EXPECT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.json()["created_by"].get<std::string>().rfind("acc_", 0), 0u) << "the draft names the account";
  // Reads need no CSRF token.
  EXPECT_EQ(http(port(), as(s, make_call("GET", "/v1/documents?agency=hai-an"), false)).status, 200);
}

TEST_F(DeskSessions, AClerkStaysInItsAgencyAndItsRole) {
  Signed other = sign_in("lechan", "mat-khau-le-chan");
  EXPECT_EQ(http(port(), as(other, make_call("GET", "/v1/documents?agency=hai-an"))).status, 403);
  EXPECT_EQ(http(port(), as(other, make_call("GET", "/v1/registers/hai-an/2026"))).status, 403);
  EXPECT_EQ(http(port(), as(other, make_call("GET", "/v1/report-types/nq57-weekly/templates/hai-an"))).status, 403);
  HttpReply forbidden = http(port(), as(other, make_call("GET", "/v1/registers/hai-an/2026")));
  EXPECT_THAT(forbidden.json()["errors"][0]["message"].get<std::string>(), HasSubstr("Tài khoản Cán bộ Lê Chân"));
  Signed clerk = sign_in("canbo", "mat-khau-can-bo");
  EXPECT_EQ(http(port(), as(clerk, make_call("GET", "/v1/accounts"))).status, 403);  // not an administrator
  EXPECT_EQ(http(port(), as(clerk, make_call("PUT", "/v1/report-types/nq57-weekly/templates/hai-an", "x",
                                             "application/vnd.openxmlformats-officedocument.wordprocessingml.document")))
                .status,
            403);  // templates are the records officer's
}

TEST_F(DeskSessions, AnAdministratorManagesItsAgencysAccountsOnly) {
  Signed admin = sign_in("quantri", "mat-khau-quan-tri");
  HttpReply made = http(port(), as(admin, post("/v1/accounts", {{"username", "moi.canbo"}, {"display_name", "Cán bộ mới"},
                                                                {"agency", "hai-an"}, {"role", "clerk"},
                                                                {"password", "mat-khau-moi-1"}})));
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.json()["id"];
  EXPECT_EQ(http(port(), as(admin, post("/v1/accounts", {{"username", "khac"}, {"display_name", "X"}, {"agency", "le-chan"},
                                                         {"role", "clerk"}, {"password", "mat-khau-moi-1"}})))
                .status,
            403);
  HttpReply taken = http(port(), as(admin, post("/v1/accounts", {{"username", "canbo"}, {"display_name", "X"}, {"agency", "hai-an"},
                                                                 {"role", "clerk"}, {"password", "mat-khau-moi-1"}})));
  EXPECT_EQ(taken.status, 409);
  EXPECT_EQ(taken.json()["errors"][0]["path"], "/username");
  HttpReply weak = http(port(), as(admin, post("/v1/accounts", {{"username", "yeu"}, {"display_name", "X"}, {"agency", "hai-an"},
                                                                {"role", "clerk"}, {"password", "123"}})));
  EXPECT_EQ(weak.status, 422);
  EXPECT_EQ(weak.json()["errors"][0]["path"], "/password");
  HttpReply listed = http(port(), as(admin, make_call("GET", "/v1/accounts")));
  ASSERT_EQ(listed.status, 200);
  const nlohmann::json accounts = listed.json();  // named: a range over a temporary's member would dangle
  for (const auto& acc : accounts["accounts"]) EXPECT_EQ(acc["agency"], "hai-an");

  Signed fresh = sign_in("moi.canbo", "mat-khau-moi-1");
  EXPECT_EQ(http(port(), as(admin, make_call("POST", "/v1/accounts/" + id + ":disable"))).status, 200);
  EXPECT_EQ(http(port(), as(fresh, make_call("GET", "/v1/session"))).status, 401);  // its session ended
  EXPECT_EQ(http(port(), as(admin, make_call("POST", "/v1/accounts/" + admin_id_ + ":disable"))).status, 409);
  EXPECT_EQ(http(port(), as(admin, post("/v1/accounts/" + id + ":set-password", {{"password", "ngan"}}))).status, 422);
}

TEST_F(DeskSessions, SigningOutEndsTheSessionAndClearsTheCookie) {
  Signed s = sign_in("vanthu", "mat-khau-van-thu");
  HttpReply out = http(port(), as(s, make_call("DELETE", "/v1/session")));
  EXPECT_EQ(out.status, 200);
  EXPECT_THAT(out.header("set-cookie"), HasSubstr("Max-Age=0"));
  HttpReply after = http(port(), as(s, make_call("GET", "/v1/documents?agency=hai-an")));
  EXPECT_EQ(after.status, 401);
  EXPECT_THAT(after.json()["errors"][0]["message"].get<std::string>(), HasSubstr("đăng nhập lại"));
}

TEST_F(DeskSessions, TheDeskIsServedWithASelfOnlyPolicyAndNothingElseOfTheDisk) {
  HttpReply root = http(port(), anonymous(make_call("GET", "/")));
  EXPECT_EQ(root.status, 302);
  EXPECT_EQ(root.header("location"), "/desk/");
  HttpReply page = http(port(), anonymous(make_call("GET", "/desk/")));
  ASSERT_EQ(page.status, 200);
  EXPECT_THAT(page.header("content-type"), HasSubstr("text/html"));
  EXPECT_THAT(page.header("content-security-policy"), HasSubstr("script-src 'self'"));
  EXPECT_THAT(page.body, Not(HasSubstr("http://")));
  EXPECT_THAT(page.body, Not(HasSubstr("https://")));
  for (const char* asset : {"/desk/desk.js", "/desk/desk.css"}) {
    HttpReply r = http(port(), anonymous(make_call("GET", asset)));
    EXPECT_EQ(r.status, 200) << asset;
    EXPECT_THAT(r.body, Not(HasSubstr("https://"))) << asset << " loads nothing from the internet";
  }
  for (const char* path : {"/desk/../templates.sqlite", "/desk/%2e%2e/tokens.json", "/desk/nothing.js", "/desk/sub/desk.js"})
    EXPECT_EQ(http(port(), anonymous(make_call("GET", path))).status, 404) << path;
  EXPECT_EQ(http(port(), anonymous(make_call("POST", "/desk/desk.js", "x", "text/plain"))).status, 405);
}

TEST_F(DeskSessions, PastedTcvn3AndVniTextComesBackInUnicode) {
  Signed s = sign_in("canbo", "mat-khau-can-bo");
  auto convert = [&](const std::string& text) {
    return http(port(), as(s, post("/v1/text:unicode", {{"text", text}})));
  };
  HttpReply tcvn3 = convert("Uû ban nh©n d©n ph\u00ADêng H¶i An");
  ASSERT_EQ(tcvn3.status, 200) << tcvn3.body;
  EXPECT_EQ(tcvn3.json()["encoding"], "tcvn3");
  EXPECT_EQ(tcvn3.json()["text"], "Uỷ ban nhân dân phường Hải An");
  HttpReply vni = convert("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam");
  EXPECT_EQ(vni.json()["encoding"], "vni");
  EXPECT_EQ(vni.json()["text"], "Cộng hòa xã hội chủ nghĩa Việt Nam");
  HttpReply plain = convert("Cộng hòa");
  EXPECT_EQ(plain.json()["encoding"], "unicode");
  EXPECT_EQ(plain.json()["text"], "Cộng hòa");
  EXPECT_EQ(http(port(), as(s, post("/v1/text:unicode", {{"text", "x"}, {"font", "VnTime"}}))).status, 400);
  EXPECT_EQ(http(port(), as(s, post("/v1/text:unicode", json::object()))).status, 422);
  EXPECT_EQ(http(port(), anonymous(post("/v1/text:unicode", {{"text", "x"}}))).status, 401);
}

TEST(AccountCli, CreateListDisableAndNoPasswordOnTheCommandLine) {
  TempDir dir;
  const std::string data = "--data-dir=" + dir.path().string();
  ProcessResult made = run_process({vanthu_binary().string(), "account", "create", "--user=quantri", "--name=Quản trị", "--agency=*",
                                    "--role=admin", "--password-file=-", data},
                                   "mat-khau-quan-tri\n");
  ASSERT_EQ(made.exit_code, 0) << made.err;
  ProcessResult weak = run_process({vanthu_binary().string(), "account", "create", "--user=canbo", "--agency=hai-an", "--role=clerk",
                                    "--password-file=-", data},
                                   "123\n");
  EXPECT_EQ(weak.exit_code, 3);
  EXPECT_THAT(weak.err, HasSubstr("weak_password"));
  EXPECT_EQ(run_process({vanthu_binary().string(), "account", "create", "--user=canbo", "--agency=hai-an", "--role=clerk", data})
                .exit_code,
            2);  // no --password-file: a password is never an argument
  EXPECT_EQ(run_process({vanthu_binary().string(), "account", "create", "--user=canbo", "--agency=hai-an", "--role=boss",
                         "--password-file=-", data},
                        "mat-khau-du-dai\n")
                .exit_code,
            2);
  EXPECT_EQ(run_process({vanthu_binary().string(), "account", "create", "--user=canbo", "--agency=hai-an", "--role=clerk",
                         "--password=abc", data})
                .exit_code,
            2);
  ProcessResult listed = run_process({vanthu_binary().string(), "account", "list", "--json", data});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  json accounts = json::parse(listed.out)["accounts"];
  ASSERT_EQ(accounts.size(), 1u);
  EXPECT_EQ(accounts[0]["agency"], "*");
  const std::string id = accounts[0]["id"];
  EXPECT_EQ(run_process({vanthu_binary().string(), "account", "disable", id, data}).exit_code, 0);
  a::SqliteAccountStore store(dir.path());
  EXPECT_EQ(store.sign_in("quantri", "mat-khau-quan-tri", a::Clock::now()).status, a::SignInResult::Status::disabled);
  EXPECT_EQ(run_process({vanthu_binary().string(), "account", "disable", "acc_000000000000", data}).exit_code, 3);
}

}  // namespace
}  // namespace vanthu::test
