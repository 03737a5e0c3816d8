//! The route table (router.cpp: route_specs) against the router and the running server: every
//! resource is described, every described path routes to its resource, every described method is
//! served (never 404/405) and every other method is a 405 — so GET /v1/openapi.json, made from the
//! table, lists exactly what is served. openapi_valid (tests/node) validates the document itself.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "http/router.hpp"
#include "server_harness.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

using host::http::Route;
using nlohmann::json;

//! The template with sample values for its parameters.
std::string sample_path(std::string path) {
  const std::vector<std::pair<std::string, std::string>> values = {
      {"{id}", "nq57-weekly"}, {"{agency}", "hai-an"}, {"{version}", "1"}, {"{year}", "2026"}, {"{asset}", "desk.js"}};
  for (const auto& [name, value] : values)
    for (std::size_t at; (at = path.find(name)) != std::string::npos;) path.replace(at, name.size(), value);
  return path;
}

TEST(RouteTable, EveryResourceIsDescribedOnceAndItsPathsRouteToIt) {
  std::set<int> seen;
  for (const auto& spec : host::http::route_specs()) {
    EXPECT_TRUE(seen.insert(static_cast<int>(spec.resource)).second) << "described twice";
    EXPECT_FALSE(spec.paths.empty());
    EXPECT_FALSE(spec.methods.empty());
    for (const auto& path : spec.paths) EXPECT_EQ(host::http::route(sample_path(path)).resource, spec.resource) << path;
  }
  for (int r = static_cast<int>(Route::Resource::health); r <= static_cast<int>(Route::Resource::desk); ++r)
    EXPECT_TRUE(seen.count(r)) << "resource " << r << " is served but not described";
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(Route::Resource::desk));
}

class OpenApi : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates"); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }
  static std::unique_ptr<ServerProcess> server_;
};
std::unique_ptr<ServerProcess> OpenApi::server_;

TEST_F(OpenApi, TheDocumentListsExactlyTheRoutesServed) {
  HttpReply doc = http_get(port(), "/v1/openapi.json");
  ASSERT_EQ(doc.status, 200) << doc.body;
  const json paths = doc.json()["paths"];
  std::size_t described = 0;
  for (const auto& spec : host::http::route_specs())
    for (const auto& path : spec.paths) {
      ASSERT_TRUE(paths.contains(path)) << path;
      for (const char* method : {"GET", "POST", "PUT", "DELETE"}) {
        std::string lower = method;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        const bool listed = paths[path].contains(lower);
        EXPECT_EQ(listed, std::find(spec.methods.begin(), spec.methods.end(), method) != spec.methods.end()) << path;
        HttpCall call = make_call(method, sample_path(path), method == std::string("GET") || method == std::string("DELETE") ? "" : "{}",
                                  method == std::string("GET") || method == std::string("DELETE") ? "" : "application/json");
        HttpReply reply = http(port(), call);
        if (listed) {
          EXPECT_NE(reply.status, 405) << method << " " << path;
          // A 404 may say the sample document or account does not exist, never that the route does not.
          if (reply.status == 404 && reply.header("content-type").find("json") != std::string::npos) {
            EXPECT_NE(reply.json()["errors"][0]["code"], "not_found") << method << " " << path << ": " << reply.body;
          }
          ++described;
        } else {
          EXPECT_EQ(reply.status, 405) << method << " " << path << " is served but not described";
        }
      }
    }
  EXPECT_EQ(paths.size(), [] {
    std::size_t n = 0;
    for (const auto& spec : host::http::route_specs()) n += spec.paths.size();
    return n;
  }());
  EXPECT_GT(described, 25u);
}

TEST_F(OpenApi, QueryParametersAreTheOnesTheRoutesTake) {
  const json paths = http_get(port(), "/v1/openapi.json").json()["paths"];
  std::set<std::string> names;
  for (const auto& p : paths["/v1/report-types/{id}/documents"]["post"]["parameters"])
    if (p["in"] == "query") names.insert(p["name"]);
  EXPECT_EQ(names, (std::set<std::string>{"agency", "template_version", "format"}));
  HttpReply wrong = http_post_json(port(), "/v1/report-types/nq57-weekly/documents?agnecy=hai-an", "{}");
  EXPECT_EQ(wrong.status, 400);
}

TEST_F(OpenApi, EachReportTypesInputSchemaIsAComponentWithItsReferencesRebased) {
  const json doc = http_get(port(), "/v1/openapi.json").json();
  ASSERT_TRUE(doc["components"]["schemas"].contains("input-nq57-weekly"));
  const std::string text = doc.dump();
  EXPECT_EQ(text.find("\"$ref\":\"#/$defs/"), std::string::npos) << "a $ref left relative to the plugin's schema";
}

}  // namespace
}  // namespace vanthu::test
