//! The C ABI alone is enough: test-c-abi (tests/plugins/c-abi/c_abi.c) is a report type in plain
//! C99 that includes only plugin_abi.h and links nothing of the SDK, and the host loads it, checks
//! it and serves its documents like any other, through the JSON-text callback.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <string>

#include <nlohmann/json.hpp>

#include "plugin_registry.hpp"
#include "render_pipeline.hpp"
#include "server_harness.hpp"
#include "test_plugins.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

fs::path c_plugin() { return plugin_case("c-abi") / "test-c-abi.so"; }

const std::string kExample = R"({"office": "Ủy ban nhân dân phường Hải An", "from": "2026-02-05", "to": "2026-02-11",
                                 "items": ["Họp giao ban tuần", "Tiếp công dân định kỳ"]})";

TEST(CAbiPlugin, NeedsNoLibraryOfTheSdkNorTheCxxRuntime) {
  ProcessResult dynamic = run_process({"readelf", "--dynamic", "--wide", c_plugin().string()});
  ASSERT_EQ(dynamic.exit_code, 0) << dynamic.err;
  EXPECT_THAT(dynamic.out, HasSubstr("(NEEDED)"));  // libc
  EXPECT_THAT(dynamic.out, AllOf(Not(HasSubstr("libvanthu-")), Not(HasSubstr("libstdc++")))) << dynamic.out;
}

TEST(CAbiPlugin, IsLoadedAndCalledThroughJsonText) {
  host::PluginRegistry registry = host::PluginRegistry::load(plugin_case("c-abi"), test_templates());
  ASSERT_TRUE(registry.refusals().empty()) << registry.refusals()[0].reason;
  const host::ReportType* type = registry.find("test-c-abi");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->name, "Báo cáo viết bằng C (test-c-abi)");
  EXPECT_EQ(type->template_name, "test-c-abi.docx");
  EXPECT_EQ(type->on_build_model_native, nullptr);  // no in-process path, and nothing to note
  EXPECT_EQ(type->native_path_note, "");
  // Its own example builds a model the template is checked against, without a warning.
  EXPECT_EQ(type->example_model_error, "");
  EXPECT_TRUE(type->template_warnings.empty());

  host::RenderedDocument document = host::render_document(*type, kExample);
  ASSERT_EQ(document.status, host::RenderedDocument::Status::ok) << document.detail;
  EXPECT_EQ(document.file_name, "Báo cáo C Ủy ban nhân dân phường Hải An đến 2026-02-11.docx");
  EXPECT_THAT(docx_text(docx_part(document.docx, "word/document.xml")),
              AllOf(HasSubstr("Ủy ban nhân dân phường Hải An\n"),
                    HasSubstr("Báo cáo viết bằng C, từ ngày 2026-02-05 đến ngày 2026-02-11\n"),
                    HasSubstr("- Họp giao ban tuần\n"), HasSubstr("- Tiếp công dân định kỳ\n"),
                    Not(HasSubstr("Không phát sinh"))));
}

TEST(CAbiPlugin, TheServiceRendersItsDocumentsAndItsProblems) {
  auto server = ServerProcess::start(plugin_case("c-abi"), test_templates());
  HttpReply list = http_get(server->port(), "/v1/report-types");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["report_types"].size(), 1u) << list.body;
  EXPECT_EQ(list.json()["report_types"][0]["id"], "test-c-abi");

  // The plugin copies JSON text without decoding it: escapes must come out as the clerk typed.
  nlohmann::json input = nlohmann::json::parse(kExample);
  input["office"] = "Tổ \"Đoàn kết\" \\ khu 2";
  input.erase("items");
  HttpReply document = http_post_json(server->port(), "/v1/report-types/test-c-abi/documents", input.dump());
  ASSERT_EQ(document.status, 200) << document.body;
  EXPECT_EQ(document.header("content-type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_THAT(docx_text(docx_part(document.body, "word/document.xml")),
              AllOf(HasSubstr("Tổ \"Đoàn kết\" \\ khu 2\n"), HasSubstr("từ ngày 2026-02-05 đến ngày 2026-02-11\n"),
                    HasSubstr("Không phát sinh nội dung mới.")));
  EXPECT_THAT(canonical_xml(docx_part(document.body, "docProps/core.xml")),
              AllOf(HasSubstr("<dc:title>Báo cáo viết bằng C của Tổ \"Đoàn kết\" \\ khu 2</dc:title>"),
                    HasSubstr("2026-02-11T00:00:00Z")));

  // A period that ends before it starts: the plugin's own problem, as JSON text, at /to.
  input["from"] = "2026-02-12";
  HttpReply refused = http_post_json(server->port(), "/v1/report-types/test-c-abi/documents", input.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  ASSERT_EQ(refused.json()["errors"].size(), 1u) << refused.body;
  EXPECT_EQ(refused.json()["errors"][0]["path"], "/to");
  EXPECT_EQ(refused.json()["errors"][0]["code"], "period_order");
  EXPECT_EQ(refused.json()["errors"][0]["message"], "Ngày kết thúc 2026-02-11 sớm hơn ngày bắt đầu 2026-02-12.");
  EXPECT_EQ(server->stop(), 0);
  EXPECT_THAT(server->log(), Not(HasSubstr("refused plugin")));
}

}  // namespace
}  // namespace vanthu::test
