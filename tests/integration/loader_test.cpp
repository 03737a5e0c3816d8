//! The plugin registry with real dlopen of real test plugins (tests/plugins/): the good one is
//! served, each broken one is refused with a reason that says what is wrong, and plugins that
//! fail at render time are contained — in-process and in the real `vanthu serve`.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin_registry.hpp"
#include "render_pipeline.hpp"
#include "server_harness.hpp"
#include "test_plugins.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
using host::PluginRegistry;
using host::RenderedDocument;
using ::testing::AllOf;
using ::testing::HasSubstr;

std::vector<std::string> ids(const PluginRegistry& registry) {
  std::vector<std::string> out;
  for (const auto& type : registry.report_types()) out.push_back(type->id);
  return out;
}

TEST(PluginRegistry, LoadsTheGoodPluginWithItsDescriptor) {
  PluginRegistry registry = PluginRegistry::load(plugin_case("good"), test_templates());
  EXPECT_TRUE(registry.refusals().empty());
  ASSERT_EQ(ids(registry), std::vector<std::string>{"test-echo"});
  const host::ReportType* echo = registry.find("test-echo");
  ASSERT_NE(echo, nullptr);
  EXPECT_EQ(echo->name, "Báo cáo thử (test-echo)");
  EXPECT_EQ(echo->version, "1.0.0");
  EXPECT_EQ(echo->template_name, "test-echo.docx");
  EXPECT_EQ(echo->library, plugin_case("good") / "test-echo.so");
  EXPECT_EQ(echo->schema, nlohmann::json::parse(echo_schema()));
  EXPECT_EQ(echo->example, nlohmann::json::parse(echo_example()));
  ASSERT_NE(echo->document_template, nullptr);
  EXPECT_EQ(registry.find("nope"), nullptr);
}

TEST(PluginRegistry, TheGoodPluginRendersItsExample) {
  PluginRegistry registry = PluginRegistry::load(plugin_case("good"), test_templates());
  ASSERT_NE(registry.find("test-echo"), nullptr);
  RenderedDocument document = host::render_document(*registry.find("test-echo"), echo_example());
  ASSERT_EQ(document.status, RenderedDocument::Status::ok) << document.detail;
  EXPECT_EQ(document.file_name, "Báo cáo thử Ủy ban nhân dân phường Hải An đến 2026-02-11.docx");
  EXPECT_THAT(docx_text(docx_part(document.docx, "word/document.xml")),
              AllOf(HasSubstr("Ủy ban nhân dân phường Hải An"), HasSubstr("Từ ngày 2026-02-05 đến ngày 2026-02-11"),
                    HasSubstr("- Họp giao ban tuần"), HasSubstr("- Kiểm tra vệ sinh môi trường")));
}

// The in-process path (plugin_abi.h, ABI 1.1): taken only when the plugin's native key is the
// host's, and never a different document from the JSON-text path.

TEST(PluginRegistry, APluginBuiltWithThisSdkIsCalledInProcess) {
  PluginRegistry registry = PluginRegistry::load(plugin_case("good"), test_templates());
  const host::ReportType* echo = registry.find("test-echo");
  ASSERT_NE(echo, nullptr);
  EXPECT_NE(echo->on_build_model_native, nullptr);
  EXPECT_EQ(echo->native_path_note, "");
}

TEST(PluginRegistry, InProcessAndJsonTextGiveTheSameDocumentAndTheSameProblems) {
  PluginRegistry registry = PluginRegistry::load(plugin_case("good"), test_templates());
  ASSERT_NE(registry.find("test-echo"), nullptr);
  const host::ReportType& in_process = *registry.find("test-echo");
  host::ReportType text_only = in_process;
  text_only.on_build_model_native = nullptr;
  RenderedDocument a = host::render_document(in_process, echo_example());
  RenderedDocument b = host::render_document(text_only, echo_example());
  ASSERT_EQ(a.status, RenderedDocument::Status::ok) << a.detail;
  ASSERT_EQ(b.status, RenderedDocument::Status::ok) << b.detail;
  EXPECT_TRUE(a.docx == b.docx);
  EXPECT_EQ(a.file_name, b.file_name);
  // The plugin's own rule (a period that ends before it starts), through both paths.
  nlohmann::json reversed = nlohmann::json::parse(echo_example());
  reversed["from"] = "2026-02-12";
  RenderedDocument c = host::render_document(in_process, reversed.dump());
  RenderedDocument d = host::render_document(text_only, reversed.dump());
  ASSERT_EQ(c.status, RenderedDocument::Status::invalid_input) << c.detail;
  ASSERT_EQ(d.status, RenderedDocument::Status::invalid_input) << d.detail;
  ASSERT_EQ(c.problems.size(), 1u);
  ASSERT_EQ(d.problems.size(), 1u);
  EXPECT_EQ(c.problems[0].path, "/to");
  EXPECT_EQ(c.problems[0].code, d.problems[0].code);
  EXPECT_EQ(c.problems[0].message, d.problems[0].message);
}

TEST(PluginRegistry, AForeignNativeKeyOrAnAbi10PluginIsServedThroughJsonText) {
  PluginRegistry registry = PluginRegistry::load(plugin_case("native-key"), test_templates());
  EXPECT_TRUE(registry.refusals().empty());
  ASSERT_EQ(ids(registry), (std::vector<std::string>{"test-abi-1-0", "test-echo", "test-native-key"}));
  const host::ReportType& foreign = *registry.find("test-native-key");
  EXPECT_EQ(foreign.on_build_model_native, nullptr);
  EXPECT_THAT(foreign.native_path_note, AllOf(HasSubstr("nlohmann::json_abi_v9_9_9"), HasSubstr("native key differs")));
  const host::ReportType& old = *registry.find("test-abi-1-0");
  EXPECT_EQ(old.on_build_model_native, nullptr);
  EXPECT_EQ(old.native_path_note, "");
  EXPECT_NE(registry.find("test-echo")->on_build_model_native, nullptr);
  // Their in-process callbacks refuse every call: these documents came through JSON text.
  RenderedDocument a = host::render_document(foreign, echo_example());
  ASSERT_EQ(a.status, RenderedDocument::Status::ok) << a.detail;
  EXPECT_EQ(a.file_name, "Báo cáo thử qua JSON.docx");
  RenderedDocument b = host::render_document(old, echo_example());
  ASSERT_EQ(b.status, RenderedDocument::Status::ok) << b.detail;
  EXPECT_EQ(b.file_name, "Báo cáo thử ABI 1.0.docx");
}

//! Every real report type and every sample of it: the same DOCX bytes through both paths.
TEST(ReportTypes, InProcessPathGivesTheSameDocumentsAsJsonText) {
  PluginRegistry registry = PluginRegistry::load(build_dir() / "plugins", build_dir() / "templates");
  ASSERT_TRUE(registry.refusals().empty()) << registry.refusals()[0].reason;
  ASSERT_GE(registry.report_types().size(), 4u);
  int documents = 0;
  for (const auto& type : registry.report_types()) {
    EXPECT_NE(type->on_build_model_native, nullptr) << type->id;
    host::ReportType text_only = *type;
    text_only.on_build_model_native = nullptr;
    for (const auto& sample : fs::directory_iterator(source_dir() / "samples" / type->id)) {
      if (sample.path().extension() != ".json") continue;
      const std::string body = read_file(sample.path());
      RenderedDocument a = host::render_document(*type, body);
      RenderedDocument b = host::render_document(text_only, body);
      ASSERT_EQ(a.status, RenderedDocument::Status::ok) << sample.path() << a.detail;
      ASSERT_EQ(b.status, RenderedDocument::Status::ok) << sample.path() << b.detail;
      EXPECT_TRUE(a.docx == b.docx) << sample.path();
      ++documents;
    }
  }
  EXPECT_GE(documents, 5);
}

TEST(PluginRegistry, MissingPluginsDirectoryIsAnError) {
  TempDir dir;
  EXPECT_THROW(PluginRegistry::load(dir.path() / "absent", test_templates()), std::runtime_error);
}

TEST(PluginRegistry, EmptyPluginsDirectoryServesNothing) {
  TempDir dir;
  PluginRegistry registry = PluginRegistry::load(dir.path(), test_templates());
  EXPECT_TRUE(registry.report_types().empty());
  EXPECT_TRUE(registry.refusals().empty());
}

//! One broken plugin next to the good one: which file is refused, and what the reason must say.
struct RefusalCase {
  std::string folder;
  std::string refused_file;
  std::vector<std::string> reason_says;
};

std::ostream& operator<<(std::ostream& out, const RefusalCase& c) { return out << c.folder; }

class Refusal : public ::testing::TestWithParam<RefusalCase> {};

TEST_P(Refusal, RefusesTheBrokenPluginAndServesTheGoodOne) {
  const RefusalCase& c = GetParam();
  PluginRegistry registry = PluginRegistry::load(plugin_case(c.folder), test_templates());
  EXPECT_EQ(ids(registry), std::vector<std::string>{"test-echo"});
  ASSERT_EQ(registry.refusals().size(), 1u);
  const host::PluginRefusal& refusal = registry.refusals()[0];
  EXPECT_EQ(refusal.file, plugin_case(c.folder) / c.refused_file);
  for (const auto& phrase : c.reason_says) EXPECT_THAT(refusal.reason, HasSubstr(phrase));
  // The survivor still works.
  RenderedDocument document = host::render_document(*registry.find("test-echo"), echo_example());
  EXPECT_EQ(document.status, RenderedDocument::Status::ok) << document.detail;
}

TEST_P(Refusal, TheServiceLogsTheRefusalAndServesTheGoodOne) {
  const RefusalCase& c = GetParam();
  auto server = ServerProcess::start(plugin_case(c.folder), test_templates());
  HttpReply list = http_get(server->port(), "/v1/report-types");
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.json()["report_types"].size(), 1u);
  EXPECT_EQ(list.json()["report_types"][0]["id"], "test-echo");
  EXPECT_EQ(http_post_json(server->port(), "/v1/report-types/test-echo/documents", echo_example()).status, 200);
  ASSERT_EQ(server->stop(), 0);
  // One log line names the file and gives the reason.
  std::string refusal_line;
  for (const auto& line : lines_of(server->log()))
    if (line.find((plugin_case(c.folder) / c.refused_file).string()) != std::string::npos &&
        line.find("refused plugin") != std::string::npos)
      refusal_line = line;
  ASSERT_FALSE(refusal_line.empty()) << server->log();
  for (const auto& phrase : c.reason_says) EXPECT_THAT(refusal_line, HasSubstr(phrase));
  EXPECT_THAT(server->log(), HasSubstr("loaded report type) test-echo 1.0.0"));
}

INSTANTIATE_TEST_SUITE_P(
    PluginRegistry, Refusal,
    ::testing::Values(
        RefusalCase{"abi-major",
                    "test-abi-major.so",
                    {"plugin test-abi-major.so được biên dịch cho ABI 2, máy chủ dùng ABI 1",
                     "hãy biên dịch lại test-abi-major.so với sdk/report/include/vanthu/plugin_abi.h"}},
        RefusalCase{"no-entry", "test-no-entry.so", {"không có hàm vanthu_plugin_entry"}},
        RefusalCase{"null-entry", "test-null-entry.so", {"vanthu_plugin_entry trả về NULL"}},
        RefusalCase{"short-struct",
                    "test-short-struct.so",
                    {"thiếu trường bắt buộc on_build_model", "hãy biên dịch lại test-short-struct.so"}},
        RefusalCase{"bad-id", "test-bad-id.so", {"id \"Test_Echo\" không hợp lệ"}},
        RefusalCase{"duplicate-id", "zz-duplicate.so", {"id \"test-echo\" trùng với plugin đã nạp test-echo.so"}},
        RefusalCase{"bad-schema-json", "test-bad-schema-json.so", {"input_schema không phải JSON hợp lệ"}},
        RefusalCase{"bad-schema-rules", "test-bad-schema-rules.so", {"input_schema", "/properties/office/type"}},
        RefusalCase{"bad-example",
                    "test-bad-example.so",
                    {"example_input không đúng với input_schema", "/count", "[minimum]", "/to", "[required]"}},
        RefusalCase{"not-shared-object", "bad.so", {"không nạp được thư viện (dlopen)", "invalid ELF header"}}),
    [](const ::testing::TestParamInfo<RefusalCase>& info) {
      std::string name = info.param.folder;
      for (char& ch : name)
        if (ch == '-') ch = '_';
      return name;
    });

//! A templates directory holding test-echo.docx as given.
class TemplateDir {
 public:
  explicit TemplateDir(const std::optional<std::string>& echo_docx) {
    if (echo_docx) write_file(dir_.path() / "test-echo.docx", *echo_docx);
  }
  const fs::path& path() const { return dir_.path(); }

 private:
  TempDir dir_;
};

std::string good_template() { return read_file(test_templates() / "test-echo.docx"); }

TEST(PluginRegistry, RefusesAPluginWhoseTemplateIsMissing) {
  TemplateDir templates(std::nullopt);
  PluginRegistry registry = PluginRegistry::load(plugin_case("good"), templates.path());
  EXPECT_TRUE(registry.report_types().empty());
  ASSERT_EQ(registry.refusals().size(), 1u);
  EXPECT_THAT(registry.refusals()[0].reason,
              AllOf(HasSubstr("không tìm thấy mẫu văn bản"), HasSubstr((templates.path() / "test-echo.docx").string())));
}

TEST(PluginRegistry, RefusesAPluginWhoseTemplateDoesNotParse) {
  TemplateDir templates(with_part(good_template(), "word/document.xml", unclosed_section_document()));
  PluginRegistry registry = PluginRegistry::load(plugin_case("good"), templates.path());
  EXPECT_TRUE(registry.report_types().empty());
  ASSERT_EQ(registry.refusals().size(), 1u);
  EXPECT_THAT(registry.refusals()[0].reason,
              AllOf(HasSubstr("mẫu văn bản test-echo.docx có lỗi"), HasSubstr("word/document.xml"),
                    HasSubstr("[unclosed_section]")));
}

TEST(PluginRegistry, RefusesAPluginWhoseTemplateIsNotAZip) {
  TemplateDir templates(std::string("PK but not really a zip archive"));
  PluginRegistry registry = PluginRegistry::load(plugin_case("good"), templates.path());
  EXPECT_TRUE(registry.report_types().empty());
  ASSERT_EQ(registry.refusals().size(), 1u);
  EXPECT_THAT(registry.refusals()[0].reason, HasSubstr("test-echo.docx"));
}

TEST(PluginRegistry, RefusesAPluginWhoseTemplateHasNoCoreProperties) {
  TemplateDir templates(with_part(good_template(), "docProps/core.xml", std::nullopt));
  PluginRegistry registry = PluginRegistry::load(plugin_case("good"), templates.path());
  EXPECT_TRUE(registry.report_types().empty());
  ASSERT_EQ(registry.refusals().size(), 1u);
  EXPECT_THAT(registry.refusals()[0].reason, HasSubstr("thiếu phần docProps/core.xml"));
}

TEST(PluginRegistry, IgnoresFilesThatAreNotSharedObjectsByName) {
  TempDir dir;
  fs::copy_file(plugin_case("good") / "test-echo.so", dir.path() / "test-echo.so");
  write_file(dir.path() / "README.txt", "not a plugin");
  fs::create_directory(dir.path() / "nested.so");  // a directory, even with the suffix
  PluginRegistry registry = PluginRegistry::load(dir.path(), test_templates());
  EXPECT_EQ(ids(registry), std::vector<std::string>{"test-echo"});
  EXPECT_TRUE(registry.refusals().empty());
}

TEST(PluginRegistry, KeepsLibrariesLoadedAfterTheRegistryIsGone) {
  std::shared_ptr<const host::ReportType> echo;
  {
    TempDir dir;  // a private copy: dlopen'ed only by this test
    fs::copy_file(plugin_case("good") / "test-echo.so", dir.path() / "test-echo.so");
    PluginRegistry registry = PluginRegistry::load(dir.path(), test_templates());
    ASSERT_EQ(registry.report_types().size(), 1u);
    echo = registry.report_types()[0];
  }  // registry and file gone; the callback must still be mapped
  RenderedDocument document = host::render_document(*echo, echo_example());
  EXPECT_EQ(document.status, RenderedDocument::Status::ok) << document.detail;
}

//! Plugins that load but fail when asked for a document: contained, named in the detail.
struct RenderFault {
  std::string id;
  std::string detail_says;
};

std::ostream& operator<<(std::ostream& out, const RenderFault& f) { return out << f.id; }

class RenderFaults : public ::testing::TestWithParam<RenderFault> {
 protected:
  static void SetUpTestSuite() {
    registry_ = std::make_unique<PluginRegistry>(PluginRegistry::load(plugin_case("render-faults"), test_templates()));
  }
  static void TearDownTestSuite() { registry_.reset(); }
  static std::unique_ptr<PluginRegistry> registry_;
};

std::unique_ptr<PluginRegistry> RenderFaults::registry_;

TEST_P(RenderFaults, IsAnInternalErrorNamingThePluginAndTheProcessGoesOn) {
  const RenderFault& fault = GetParam();
  ASSERT_TRUE(registry_->refusals().empty());
  const host::ReportType* type = registry_->find(fault.id);
  ASSERT_NE(type, nullptr);
  RenderedDocument failed = host::render_document(*type, echo_example());
  EXPECT_EQ(failed.status, RenderedDocument::Status::internal_error);
  EXPECT_TRUE(failed.docx.empty());
  EXPECT_TRUE(failed.problems.empty());
  EXPECT_THAT(failed.detail, HasSubstr((plugin_case("render-faults") / (fault.id + ".so")).string()));
  EXPECT_THAT(failed.detail, HasSubstr(fault.detail_says));
  // Still alive, and the same plugin fails the same way again (no state left behind).
  RenderedDocument again = host::render_document(*type, echo_example());
  EXPECT_EQ(again.status, RenderedDocument::Status::internal_error);
  RenderedDocument good = host::render_document(*registry_->find("test-echo"), echo_example());
  EXPECT_EQ(good.status, RenderedDocument::Status::ok) << good.detail;
}

INSTANTIATE_TEST_SUITE_P(
    PluginRegistry, RenderFaults,
    ::testing::Values(RenderFault{"test-throws", "exception thrown across the C ABI on purpose"},
                      RenderFault{"test-not-json", "model is not JSON"},
                      RenderFault{"test-internal-error", "cannot reach the ward's records"},
                      RenderFault{"test-missing-values", "{office} (word/document.xml)"},
                      RenderFault{"test-bad-meta", "model.meta.created"}),
    [](const ::testing::TestParamInfo<RenderFault>& info) {
      std::string name = info.param.id;
      for (char& ch : name)
        if (ch == '-') ch = '_';
      return name;
    });

TEST(PluginRegistry, TheServiceContainsARenderFaultAndKeepsServing) {
  auto server = ServerProcess::start(plugin_case("render-faults"), test_templates());
  for (const char* id : {"test-throws", "test-not-json", "test-throws"}) {
    HttpReply failed = http_post_json(server->port(), std::string("/v1/report-types/") + id + "/documents", echo_example());
    EXPECT_EQ(failed.status, 500) << id;
    HttpReply good = http_post_json(server->port(), "/v1/report-types/test-echo/documents", echo_example());
    EXPECT_EQ(good.status, 200) << "after " << id;
  }
  EXPECT_TRUE(server->running());
  EXPECT_EQ(server->stop(), 0);
  EXPECT_THAT(server->log(), HasSubstr((plugin_case("render-faults") / "test-throws.so").string()));
}

}  // namespace
}  // namespace vanthu::test
