//! The `vanthu` command line, run as a real process: exit codes 0/2/3/4, problems one per line
//! with their paths, outputs written whole or not at all, types, fill, and the default
//! directories next to the executable.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <filesystem>
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
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;
using json = nlohmann::json;

//! vanthu with the given arguments, plugins from `folder` of the test plugins.
ProcessResult vanthu(std::vector<std::string> args, const std::string& folder = "render-faults", std::string_view input = {}) {
  std::vector<std::string> argv = {vanthu_binary().string()};
  argv.insert(argv.end(), args.begin(), args.end());
  if (!args.empty() && (args[0] == "render" || args[0] == "types")) {
    argv.push_back("--plugins-dir=" + plugin_case(folder).string());
    argv.push_back("--templates-dir=" + test_templates().string());
  }
  return run_process(argv, input);
}

//! Files in `dir` other than `except` (to catch temporary files left behind).
std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override { write_file(input_, echo_example()); }
  TempDir dir_;
  fs::path input_ = dir_.path() / "input.json";
  fs::path output_ = dir_.path() / "out.docx";
};

TEST_F(Cli, RenderWritesTheDocument) {
  ProcessResult result = vanthu({"render", "test-echo", input_.string(), "-o", output_.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "");
  const std::string docx = read_file(output_);
  EXPECT_THAT(docx_text(docx_part(docx, "word/document.xml")), HasSubstr("Ủy ban nhân dân phường Hải An"));
  EXPECT_THAT(docx_part(docx, "docProps/core.xml"), HasSubstr("<dc:title>Báo cáo thử của Ủy ban nhân dân phường Hải An</dc:title>"));
  EXPECT_EQ(files_in(dir_.path()), (std::vector<std::string>{"input.json", "out.docx"}));  // no temp file left
  EXPECT_EQ(fs::status(output_).permissions() & fs::perms::others_read, fs::perms::others_read);  // an ordinary file
}

TEST_F(Cli, RenderReadsStandardInputAndWritesStandardOutput) {
  ProcessResult from_file = vanthu({"render", "test-echo", input_.string(), "--output=-"});
  ProcessResult from_stdin = vanthu({"render", "test-echo", "-", "-o", "-"}, "render-faults", echo_example());
  ASSERT_EQ(from_file.exit_code, 0) << from_file.err;
  ASSERT_EQ(from_stdin.exit_code, 0) << from_stdin.err;
  EXPECT_FALSE(from_file.out.empty());
  EXPECT_TRUE(from_file.out == from_stdin.out);
  EXPECT_NO_THROW(docx_part_names(from_stdin.out));
}

TEST_F(Cli, InvalidInputExits3WithOneProblemPerLine) {
  write_file(input_, R"({"office": "", "from": "2026-02-30", "to": "2026-02-11", "count": -1, "extra": 1})");
  ProcessResult result = vanthu({"render", "test-echo", input_.string(), "-o", output_.string()});
  EXPECT_EQ(result.exit_code, 3);
  std::vector<std::string> lines = lines_of(result.err);
  ASSERT_EQ(lines.size(), 4u) << result.err;
  EXPECT_THAT(lines[0], AllOf(StartsWith("/count: "), HasSubstr(" [minimum]")));
  EXPECT_THAT(lines[1], AllOf(StartsWith("/extra: "), HasSubstr(" [additional_property]")));
  EXPECT_THAT(lines[2], AllOf(StartsWith("/from: "), HasSubstr(" [invalid_date]")));
  EXPECT_THAT(lines[3], AllOf(StartsWith("/office: "), HasSubstr(" [min_length]")));
  EXPECT_FALSE(fs::exists(output_));
  EXPECT_EQ(files_in(dir_.path()), std::vector<std::string>{"input.json"});
}

TEST_F(Cli, ThePluginsOwnRuleExits3) {
  json input = json::parse(echo_example());
  input["from"] = "2026-03-01";
  ProcessResult result = vanthu({"render", "test-echo", "-", "-o", output_.string()}, "render-faults", input.dump());
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(lines_of(result.err), ElementsAre(AllOf(StartsWith("/to: "), HasSubstr("[period_order]"))));
  EXPECT_FALSE(fs::exists(output_));
}

TEST_F(Cli, MalformedJsonExits3WithThePosition) {
  ProcessResult result =
      vanthu({"render", "test-echo", "-", "-o", output_.string()}, "render-faults", "{\n  \"office\": \"A\",\n  \"from\": ]");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(lines_of(result.err),
              ElementsAre(AllOf(HasSubstr("dòng 3"), HasSubstr("cột"), HasSubstr("[malformed_json]"))));
}

TEST_F(Cli, InvalidUtf8Exits3NamingTheField) {
  std::string body = echo_example();
  body.replace(body.find("Họp giao ban tuần"), std::string("Họp giao ban tuần").size(), "H\xFFp");
  ProcessResult result = vanthu({"render", "test-echo", "-", "-o", output_.string()}, "render-faults", body);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(lines_of(result.err), ElementsAre(AllOf(StartsWith("/items/0: "), HasSubstr("[invalid_utf8]"))));
}

TEST_F(Cli, UnreadableInputExits3) {
  ProcessResult result = vanthu({"render", "test-echo", (dir_.path() / "absent.json").string(), "-o", output_.string()});
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(result.err, HasSubstr("absent.json"));
  EXPECT_FALSE(fs::exists(output_));
}

TEST_F(Cli, PluginFailureExits4AndLeavesAnExistingOutputUntouched) {
  for (const char* type : {"test-throws", "test-not-json", "test-internal-error", "test-missing-values", "test-bad-meta"}) {
    write_file(output_, "the previous report");
    ProcessResult result = vanthu({"render", type, input_.string(), "-o", output_.string()});
    EXPECT_EQ(result.exit_code, 4) << type;
    EXPECT_THAT(result.err, HasSubstr((plugin_case("render-faults") / (std::string(type) + ".so")).string())) << type;
    EXPECT_EQ(read_file(output_), "the previous report") << type;
    EXPECT_EQ(files_in(dir_.path()), (std::vector<std::string>{"input.json", "out.docx"})) << type;
  }
}

TEST_F(Cli, InvalidInputLeavesAnExistingOutputUntouched) {
  write_file(output_, "the previous report");
  ProcessResult result = vanthu({"render", "test-echo", "-", "-o", output_.string()}, "render-faults", "{}");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_EQ(read_file(output_), "the previous report");
}

TEST_F(Cli, SuccessReplacesAnExistingOutput) {
  write_file(output_, "the previous report");
  ProcessResult result = vanthu({"render", "test-echo", input_.string(), "-o", output_.string()});
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NO_THROW(docx_part_names(read_file(output_)));
  EXPECT_EQ(files_in(dir_.path()), (std::vector<std::string>{"input.json", "out.docx"}));
}

TEST_F(Cli, UnwritableOutputExits4) {
  ProcessResult result = vanthu({"render", "test-echo", input_.string(), "-o", (dir_.path() / "no-dir" / "out.docx").string()});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_THAT(result.err, HasSubstr("out.docx"));
  EXPECT_EQ(files_in(dir_.path()), std::vector<std::string>{"input.json"});
}

TEST_F(Cli, UnknownReportTypeExits2ListingTheLoadedOnes) {
  ProcessResult result = vanthu({"render", "bao-cao-thang", input_.string(), "-o", output_.string()});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, AllOf(HasSubstr("bao-cao-thang"), HasSubstr("test-echo")));
}

struct UsageCase {
  std::string name;
  std::vector<std::string> args;
  std::string says;
};

std::ostream& operator<<(std::ostream& out, const UsageCase& c) { return out << c.name; }

class Usage : public ::testing::TestWithParam<UsageCase> {};

TEST_P(Usage, Exits2WithAShortUsage) {
  std::vector<std::string> argv = {vanthu_binary().string()};
  argv.insert(argv.end(), GetParam().args.begin(), GetParam().args.end());
  ProcessResult result = run_process(argv);
  EXPECT_EQ(result.exit_code, 2) << result.err;
  EXPECT_THAT(result.err, AllOf(HasSubstr(GetParam().says), HasSubstr("Cách dùng:"), HasSubstr("vanthu render TYPE")));
  EXPECT_EQ(result.out, "");
}

INSTANTIATE_TEST_SUITE_P(
    Cli, Usage,
    ::testing::Values(UsageCase{"no_command", {}, "thiếu lệnh"},
                      UsageCase{"unknown_command", {"print"}, "không có lệnh \"print\""},
                      UsageCase{"unknown_option", {"types", "--colour"}, "không có tùy chọn \"colour\""},
                      UsageCase{"option_of_another_command", {"types", "--port=9000"}, "--port không dùng với lệnh types"},
                      UsageCase{"missing_output", {"render", "test-echo", "in.json"}, "-o OUT.docx"},
                      UsageCase{"missing_output_value", {"render", "test-echo", "in.json", "-o"}, "thiếu giá trị"},
                      UsageCase{"missing_input", {"render", "test-echo", "-o", "x.docx"}, "TYPE và INPUT.json"},
                      UsageCase{"extra_argument", {"fill", "a.docx", "b.json", "c", "-o", "x.docx"}, "thừa đối số \"c\""},
                      UsageCase{"duplicate_option", {"fill", "a", "b", "-o", "x", "-o", "y"}, "lặp lại"},
                      UsageCase{"serve_bad_number", {"serve", "--max-body=lots"}, "max-body = \"lots\""},
                      UsageCase{"serve_zero_threads", {"serve", "--threads=0"}, "threads = \"0\""},
                      UsageCase{"serve_argument", {"serve", "now"}, "không nhận đối số \"now\""},
                      UsageCase{"missing_config_file", {"serve", "--config=/nonexistent/vanthu.properties"},
                                "không đọc được tệp cấu hình"}),
    [](const ::testing::TestParamInfo<UsageCase>& info) { return info.param.name; });

TEST(CliHelp, HelpAndVersionExit0) {
  ProcessResult help = run_process({vanthu_binary().string(), "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_THAT(help.out, AllOf(HasSubstr("vanthu serve"), HasSubstr("Mã thoát")));
  ProcessResult version = run_process({vanthu_binary().string(), "--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_THAT(version.out, AllOf(StartsWith("vanthu "), HasSubstr("plugin ABI 1.")));
}

TEST(CliTypes, ListsLoadedReportTypesOnePerLine) {
  ProcessResult result = vanthu({"types"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out,
            "test-bad-meta\t1.0.0\tMeta sai dạng\n"
            "test-echo\t1.0.0\tBáo cáo thử (test-echo)\n"
            "test-internal-error\t1.0.0\tLỗi nội bộ\n"
            "test-missing-values\t1.0.0\tThiếu giá trị cho mẫu\n"
            "test-not-json\t1.0.0\tMô hình không phải JSON\n"
            "test-throws\t1.0.0\tNém ngoại lệ\n");
  EXPECT_EQ(result.err, "");
}

TEST(CliTypes, NamesRefusedPluginsOnStandardError) {
  ProcessResult result = vanthu({"types"}, "abi-major");
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.out, "test-echo\t1.0.0\tBáo cáo thử (test-echo)\n");
  EXPECT_THAT(result.err, AllOf(HasSubstr((plugin_case("abi-major") / "test-abi-major.so").string()), HasSubstr("ABI 2")));
}

TEST(CliTypes, MissingPluginsDirectoryExits4) {
  ProcessResult result = run_process({vanthu_binary().string(), "types", "--plugins-dir=/nonexistent/plugins"});
  EXPECT_EQ(result.exit_code, 4);
  EXPECT_THAT(result.err, HasSubstr("/nonexistent/plugins"));
}

TEST(CliDefaults, PluginsAndTemplatesNextToTheExecutable) {
  // A copy of the run layout: bin/vanthu, lib -> the build's lib, plugins/, templates/.
  TempDir root;
  fs::create_directories(root.path() / "bin");
  fs::copy_file(vanthu_binary(), root.path() / "bin" / "vanthu");
  fs::create_directory_symlink(build_dir() / "lib", root.path() / "lib");
  fs::create_directories(root.path() / "plugins");
  fs::copy_file(plugin_case("good") / "test-echo.so", root.path() / "plugins" / "test-echo.so");
  fs::create_directories(root.path() / "templates");
  fs::copy_file(test_templates() / "test-echo.docx", root.path() / "templates" / "test-echo.docx");
  ProcessResult result = run_process({(root.path() / "bin" / "vanthu").string(), "types"});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "test-echo\t1.0.0\tBáo cáo thử (test-echo)\n");
}

TEST(CliDefaults, ThePropertiesFileSetsThePluginsDirectory) {
  TempDir dir;
  write_file(dir.path() / "vanthu.properties", "vanthu.plugins-dir=" + plugin_case("good").string() +
                                                   "\nvanthu.templates-dir=" + test_templates().string() + "\n");
  ProcessResult result =
      run_process({vanthu_binary().string(), "types", "--config=" + (dir.path() / "vanthu.properties").string()});
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "test-echo\t1.0.0\tBáo cáo thử (test-echo)\n");
}

class Fill : public ::testing::Test {
 protected:
  ProcessResult fill(const std::string& data, const fs::path& tpl = test_templates() / "test-echo.docx") {
    write_file(data_, data);
    return run_process({vanthu_binary().string(), "fill", tpl.string(), data_.string(), "-o", output_.string()});
  }
  TempDir dir_;
  fs::path data_ = dir_.path() / "data.json";
  fs::path output_ = dir_.path() / "filled.docx";
};

TEST_F(Fill, FillsAnyTemplateWithPlainData) {
  ProcessResult result = fill(R"({"office": "Phường Lê Lợi", "from": "01/03/2026", "to": "07/03/2026", "count": 0, "items": []})");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.err, "");
  const std::string docx = read_file(output_);
  EXPECT_EQ(docx_text(docx_part(docx, "word/document.xml")),
            "Phường Lê Lợi\nTừ ngày 01/03/2026 đến ngày 07/03/2026\nSố việc: 0\nKhông có việc nào.\n");
  EXPECT_THAT(docx_part(docx, "docProps/core.xml"), HasSubstr("Mẫu thử"));  // the template's own, untouched
}

TEST_F(Fill, MissingValuesAreWarningsAndStillExit0) {
  ProcessResult result = fill(R"({"from": "01/03/2026"})");
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_THAT(result.err, AllOf(HasSubstr("{office}"), HasSubstr("{to}"), HasSubstr("{count}")));
  EXPECT_TRUE(fs::exists(output_));
}

TEST_F(Fill, MalformedDataExits3) {
  ProcessResult result = fill("{\"office\": ");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(result.err, HasSubstr("[malformed_json]"));
  EXPECT_FALSE(fs::exists(output_));
}

TEST_F(Fill, DataThatIsNotAnObjectExits3) {
  ProcessResult result = fill("[1, 2]");
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(result.err, HasSubstr("[type]"));
}

TEST_F(Fill, BrokenTemplateExits3NamingPartAndParagraph) {
  const fs::path broken = dir_.path() / "broken.docx";
  write_file(broken, with_part(read_file(test_templates() / "test-echo.docx"), "word/document.xml",
                               unclosed_section_document()));
  ProcessResult result = fill("{}", broken);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(result.err, AllOf(HasSubstr("word/document.xml"), HasSubstr("Danh sách {#items}"),
                                HasSubstr("[unclosed_section]")));
  EXPECT_FALSE(fs::exists(output_));
}

TEST_F(Fill, NotADocxExits3) {
  const fs::path text = dir_.path() / "note.docx";
  write_file(text, "just text");
  ProcessResult result = fill("{}", text);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_FALSE(fs::exists(output_));
}

}  // namespace
}  // namespace vanthu::test
