//! The access model on its own: tokens (shape, hash, Authorization header, times), the file
//! store (hashed, atomic, re-read when changed, revocation, expiry), the policy table and the
//! route-to-action mapping of http/auth.cpp. (Named http_* so it links the host library.)
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <sys/stat.h>

#include <set>
#include <string>
#include <thread>
#include <vector>

#include "access/policy.hpp"
#include "access/token.hpp"
#include "access/token_store.hpp"
#include "http/auth.hpp"
#include "http/router.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

using namespace vanthu::host::access;
using ::testing::HasSubstr;
using ::testing::Not;
namespace http = vanthu::host::http;
using Status = BearerCredentials::Status;

TEST(Tokens, AreVtAnd43Base64UrlCharactersAndAllDifferent) {
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string token = new_token_secret();
    ASSERT_EQ(token.size(), kTokenLength);
    EXPECT_EQ(token.substr(0, 3), "vt_");
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", 3), std::string::npos);
    EXPECT_TRUE(well_formed_token(token)) << token;
    seen.insert(token);
    EXPECT_TRUE(well_formed_token_id(new_token_id()));
  }
  EXPECT_EQ(seen.size(), 200u);
}

TEST(Tokens, Base64UrlIsRfc4648WithoutPadding) {
  EXPECT_EQ(base64url(""), "");
  EXPECT_EQ(base64url("f"), "Zg");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(base64url("foo"), "Zm9v");
  EXPECT_EQ(base64url("\xfb\xff\xbf"), "-_-_");
}

TEST(Tokens, ShapeChecks) {
  const std::string good = new_token_secret();
  EXPECT_FALSE(well_formed_token(good.substr(1)));
  EXPECT_FALSE(well_formed_token("xx" + good.substr(2)));
  EXPECT_FALSE(well_formed_token(good + "A"));
  std::string bad = good;
  bad[10] = '+';
  EXPECT_FALSE(well_formed_token(bad));
  EXPECT_FALSE(well_formed_token_id("tk_12345"));
  EXPECT_FALSE(well_formed_token_id("tk_ABCDEF123456"));
}

TEST(Tokens, HashIsSha256Hex) {
  EXPECT_EQ(token_hash("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  const std::string token = new_token_secret();
  EXPECT_EQ(token_hash(token), token_hash(token));
  EXPECT_NE(token_hash(token), token_hash(new_token_secret()));
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

TEST(Tokens, AuthorizationHeaders) {
  const std::string token = new_token_secret();
  auto parse = [](std::vector<std::string_view> values) { return parse_authorization(values); };
  EXPECT_EQ(parse({}).status, Status::missing);
  BearerCredentials ok = parse({"Bearer " + token});
  ASSERT_EQ(ok.status, Status::ok);
  EXPECT_EQ(ok.token, token);
  const std::string lower = "bearer   " + token + "  ";
  EXPECT_EQ(parse({lower}).token, token) << "the scheme is case-insensitive; spaces around are fine";
  EXPECT_EQ(parse({"Bearer " + token, "Bearer " + token}).status, Status::repeated);
  EXPECT_EQ(parse({"Basic dXNlcjpwYXNz"}).status, Status::other_scheme);
  EXPECT_EQ(parse({token}).status, Status::other_scheme);
  EXPECT_EQ(parse({"Bearer"}).status, Status::no_token);
  EXPECT_EQ(parse({"Bearer   "}).status, Status::no_token);
  EXPECT_EQ(parse({""}).status, Status::other_scheme);
  const std::string two = "Bearer " + token + " " + token;
  EXPECT_EQ(parse({two}).status, Status::malformed);
  EXPECT_EQ(parse({"Bearer vt_short"}).status, Status::malformed);
  EXPECT_EQ(parse({"Bearer " + token.substr(0, 20) + "\"" + token.substr(21)}).status, Status::malformed);
}

TEST(Tokens, Times) {
  const auto t = parse_utc("2027-06-30T17:00:00Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(utc_text(*t), "2027-06-30T17:00:00Z");
  EXPECT_EQ(end_of_day_in_vietnam("2027-06-30"), t) << "valid through 30 June in Vietnam (UTC+7)";
  EXPECT_EQ(utc_text(*end_of_day_in_vietnam("2028-02-29")), "2028-02-29T17:00:00Z");
  EXPECT_FALSE(end_of_day_in_vietnam("2027-02-29"));
  EXPECT_FALSE(end_of_day_in_vietnam("2027-6-30"));
  EXPECT_FALSE(end_of_day_in_vietnam("30/06/2027"));
  EXPECT_FALSE(parse_utc("2027-06-30 17:00:00Z"));
  EXPECT_FALSE(parse_utc("2027-06-30T25:00:00Z"));
}

TEST(Policy, EveryActionHasExactlyOneRule) {
  std::set<int> actions;
  for (const Rule& rule : rules()) EXPECT_TRUE(actions.insert(static_cast<int>(rule.action)).second);
  for (int a = 0; a <= static_cast<int>(Action::administer); ++a) {
    EXPECT_TRUE(actions.count(a)) << a;
    EXPECT_NO_THROW(rule_of(static_cast<Action>(a)));
  }
  // Writes are never open.
  EXPECT_EQ(rule_of(Action::write_agency_templates).anonymous, Anonymous::never);
  EXPECT_EQ(rule_of(Action::render_agency).anonymous, Anonymous::never);
}

Principal token_for(std::vector<std::string> agencies, Roles roles) {
  Principal p;
  p.kind = Principal::Kind::token;
  p.id = "tk_000000000000";
  p.agencies = std::move(agencies);
  p.roles = roles;
  return p;
}

TEST(Policy, RolesAndAgencies) {
  using O = Decision::Outcome;
  const PolicySettings defaults;
  const Principal nobody;
  const Principal le_chan = token_for({"le-chan"}, bit(Role::templates) | bit(Role::render));
  const Principal renderer = token_for({"*"}, bit(Role::render));
  EXPECT_EQ(decide(nobody, Action::write_agency_templates, "hai-an", defaults).outcome, O::unauthenticated);
  EXPECT_EQ(decide(le_chan, Action::write_agency_templates, "hai-an", defaults).outcome, O::other_agency);
  EXPECT_EQ(decide(le_chan, Action::write_agency_templates, "le-chan", defaults).outcome, O::allow);
  EXPECT_EQ(decide(renderer, Action::write_agency_templates, "le-chan", defaults).outcome, O::missing_role);
  EXPECT_EQ(decide(renderer, Action::render_agency, "hai-an", defaults).outcome, O::allow) << "* is every agency";
  EXPECT_EQ(decide(le_chan, Action::render_agency, "hai-an", defaults).outcome, O::other_agency);
  EXPECT_EQ(decide(nobody, Action::render_builtin, "", defaults).outcome, O::unauthenticated);
  EXPECT_EQ(decide(renderer, Action::render_builtin, "", defaults).outcome, O::allow);
  EXPECT_EQ(decide(token_for({"*"}, bit(Role::templates)), Action::render_builtin, "", defaults).outcome, O::missing_role);
  EXPECT_EQ(decide(nobody, Action::read_catalog, "", defaults).outcome, O::allow);
  EXPECT_EQ(decide(nobody, Action::probe, "", defaults).outcome, O::allow);
  EXPECT_EQ(decide(nobody, Action::render_any_template, "", defaults).outcome, O::unauthenticated);
  EXPECT_EQ(decide(nobody, Action::read_agency_templates, "le-chan", defaults).outcome, O::unauthenticated);

  PolicySettings closed{.public_read = false, .anonymous_render = true};
  EXPECT_EQ(decide(nobody, Action::read_catalog, "", closed).outcome, O::unauthenticated);
  EXPECT_EQ(decide(token_for({"le-chan"}, bit(Role::issue)), Action::read_catalog, "", closed).outcome, O::allow)
      << "any valid token reads the catalog";
  EXPECT_EQ(decide(nobody, Action::probe, "", closed).outcome, O::allow) << "probes stay open";
  EXPECT_EQ(decide(nobody, Action::render_builtin, "", closed).outcome, O::allow);
  EXPECT_EQ(decide(nobody, Action::render_agency, "hai-an", closed).outcome, O::unauthenticated)
      << "anonymous render never reaches an agency's template";
  EXPECT_EQ(decide(nobody, Action::write_agency_templates, "hai-an", closed).outcome, O::unauthenticated);
}

TEST(Policy, RoleNames) {
  EXPECT_EQ(parse_roles("render,templates"), bit(Role::render) | bit(Role::templates));
  EXPECT_EQ(parse_roles("admin, issue"), bit(Role::admin) | bit(Role::issue));
  std::string bad;
  EXPECT_FALSE(parse_roles("render,write", &bad));
  EXPECT_EQ(bad, "write");
  EXPECT_FALSE(parse_roles(""));
  EXPECT_FALSE(parse_roles("render,"));
  EXPECT_EQ(role_names(kAllRoles), (std::vector<std::string>{"render", "issue", "templates", "admin"}));
}

http::Request request(std::string method, std::string target) {
  http::Request r;
  r.method = std::move(method);
  r.target = target;
  const std::size_t q = target.find('?');
  r.path = target.substr(0, q);
  r.query = q == std::string::npos ? "" : target.substr(q + 1);
  return r;
}

std::optional<http::RequestAction> action(std::string method, std::string target) {
  http::Request r = request(std::move(method), std::move(target));
  return http::action_of(r, http::route(r.path));
}

TEST(HttpAuth, EveryRouteIsAnAction) {
  EXPECT_EQ(action("GET", "/healthz")->action, Action::probe);
  EXPECT_EQ(action("HEAD", "/readyz")->action, Action::probe);
  EXPECT_EQ(action("GET", "/metrics")->action, Action::observe);
  EXPECT_EQ(action("GET", "/v1/report-types")->action, Action::read_catalog);
  EXPECT_EQ(action("GET", "/v1/report-types/x")->action, Action::read_catalog);
  EXPECT_EQ(action("GET", "/v1/report-types/x/template")->action, Action::read_catalog);
  EXPECT_EQ(action("POST", "/v1/report-types/x/documents")->action, Action::render_builtin);
  EXPECT_EQ(action("POST", "/v1/report-types/x/documents?agency=")->action, Action::render_builtin)
      << "an empty agency is the built-in template, for the handler too";
  auto agency = action("POST", "/v1/report-types/x/documents?agency=le-chan&agency=hai-an");
  EXPECT_EQ(agency->action, Action::render_agency);
  EXPECT_EQ(agency->agency, "hai-an") << "the last one, as the handler reads it";
  EXPECT_EQ(action("POST", "/v1/report-types/x/documents?agency=hai%2Dan")->agency, "hai-an");
  EXPECT_EQ(action("PUT", "/v1/report-types/x/templates/hai-an")->action, Action::write_agency_templates);
  EXPECT_EQ(action("GET", "/v1/report-types/x/templates/hai-an")->action, Action::read_agency_templates);
  EXPECT_EQ(action("GET", "/v1/report-types/x/templates/hai-an/2")->agency, "hai-an");
  auto rollback = action("POST", "/v1/report-types/x/templates/hai-an:rollback");
  EXPECT_EQ(rollback->action, Action::write_agency_templates);
  EXPECT_EQ(rollback->agency, "hai-an");
  EXPECT_EQ(action("POST", "/v1/report-types/x/templates/hai-an%3Arollback")->agency, "hai-an");
  EXPECT_EQ(action("POST", "/v1/templates:render")->action, Action::render_any_template);
  EXPECT_EQ(action("POST", "/v1/templates:check")->action, Action::check_template);
  // Methods a route does not serve are the dispatcher's 405; unknown paths its 404.
  EXPECT_FALSE(action("DELETE", "/v1/report-types/x/templates/hai-an"));
  EXPECT_FALSE(action("GET", "/v1/report-types/x/documents"));
  EXPECT_FALSE(action("GET", "/nowhere"));
}

class FileTokens : public ::testing::Test {
 protected:
  std::filesystem::path data() const { return dir_.path() / "data"; }
  TempDir dir_;
};

TEST_F(FileTokens, CreateAuthenticateRevokeAndExpire) {
  FileTokenStore store(data());
  EXPECT_TRUE(store.list().empty()) << "no file: no tokens";
  const Time now = Clock::now();
  IssuedToken issued = create_token(store, {"e-office Hải An", {"hai-an"}, bit(Role::render), now + std::chrono::hours(24)}, now);
  Authentication ok = authenticate(store, issued.token, now);
  ASSERT_EQ(ok.status, Authentication::Status::ok);
  EXPECT_EQ(ok.record->id, issued.record.id);
  EXPECT_EQ(ok.record->principal().agencies, std::vector<std::string>{"hai-an"});
  EXPECT_EQ(authenticate(store, new_token_secret(), now).status, Authentication::Status::unknown);
  EXPECT_EQ(authenticate(store, issued.token, now + std::chrono::hours(24)).status, Authentication::Status::expired)
      << "expired from the instant it expires";

  const std::string text = read_file(data() / "tokens.json");
  EXPECT_THAT(text, Not(HasSubstr(issued.token)));
  EXPECT_THAT(text, Not(HasSubstr(issued.token.substr(3))));
  EXPECT_THAT(text, HasSubstr(token_hash(issued.token)));
  struct stat st {};
  ASSERT_EQ(::stat((data() / "tokens.json").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);

  // Another process (another store object) revokes it: this one sees it at once.
  FileTokenStore other(data());
  EXPECT_EQ(other.revoke(issued.record.id, now), TokenStore::RevokeResult::revoked);
  EXPECT_EQ(other.revoke(issued.record.id, now), TokenStore::RevokeResult::already_revoked);
  EXPECT_EQ(other.revoke("tk_000000000000", now), TokenStore::RevokeResult::unknown);
  EXPECT_EQ(authenticate(store, issued.token, now).status, Authentication::Status::revoked);

  other.record_use(issued.record.id, now);
  ASSERT_EQ(store.list().size(), 1u);
  EXPECT_TRUE(store.list()[0].last_used);
}

TEST_F(FileTokens, ConcurrentWritersLoseNothing) {
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([this] {
      FileTokenStore store(data());
      for (int i = 0; i < 10; ++i) create_token(store, {"", {"*"}, bit(Role::render), std::nullopt}, Clock::now());
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(FileTokenStore(data()).list().size(), 40u);
}

TEST_F(FileTokens, ADamagedFileIsAnErrorNotNoTokens) {
  std::filesystem::create_directories(data());
  write_file(data() / "tokens.json", "{\"format\": 1, \"tokens\": [");
  FileTokenStore store(data());
  EXPECT_THROW(store.list(), TokenStoreError);
  EXPECT_THROW(authenticate(store, new_token_secret(), Clock::now()), TokenStoreError);
}

}  // namespace
}  // namespace vanthu::test
