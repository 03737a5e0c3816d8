//! The SDK as a plugin author outside this tree gets it: `cmake --install` of this build, the
//! installed tree moved elsewhere (nothing in it may name where it was built or installed),
//! samples/sdk-plugin configured with find_package(Vanthu) against it and built, and its report
//! type served by the real `vanthu serve` from the directories that build made.
//!
//! Bounded: every command has a deadline (the sample is one source file and one template).
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <algorithm>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "server_harness.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

std::string command_line(const std::vector<std::string>& argv) {
  std::string line;
  for (const auto& arg : argv) line += (line.empty() ? "" : " ") + arg;
  return line;
}

//! Runs a command; the failure message holds the command and its output.
::testing::AssertionResult succeeds(const std::vector<std::string>& argv, int timeout_s, ProcessResult* result = nullptr) {
  ProcessResult run = run_process(argv, {}, timeout_s);
  if (result) *result = run;
  if (run.exit_code == 0) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << command_line(argv) << " exited with " << run.exit_code << "\n"
                                       << run.out << run.err;
}

const std::string kCmake = VANTHU_CMAKE_COMMAND;
const fs::path kBin = VANTHU_INSTALL_BINDIR, kLib = VANTHU_INSTALL_LIBDIR, kInclude = VANTHU_INSTALL_INCLUDEDIR,
               kData = VANTHU_INSTALL_DATADIR;
//! The SDK's parts: each library's SONAME ("libvanthu-text.so.0.1", ...) and its target ("Vanthu::text").
const std::vector<std::string> kSdkSonames = {VANTHU_SDK_SONAMES}, kSdkTargets = {VANTHU_SDK_TARGETS};

//! "libvanthu-text.so.0.1" -> "libvanthu-text.so", the name a link line finds.
std::string link_name(const std::string& soname) { return soname.substr(0, soname.find(".so") + 3); }

//! The version this build installs, "0.1.0" -> {0, 1}.
std::pair<int, int> major_minor() {
  const std::string version = VANTHU_VERSION;
  const std::size_t dot = version.find('.');
  return {std::stoi(version.substr(0, dot)), std::stoi(version.substr(dot + 1))};
}

TEST(SdkInstall, AReportTypeBuiltOutOfTreeAgainstTheInstalledSdkIsServed) {
  TempDir tmp;
  const fs::path staged = tmp.path() / "staged";
  const fs::path prefix = tmp.path() / "moved" / "vanthu";

  // 1. The whole project installed: the SDK and the service.
  ASSERT_TRUE(succeeds({kCmake, "--install", build_dir().string(), "--prefix", staged.string()}, 120));
  ASSERT_EQ(kSdkSonames.size(), 5u);
  std::vector<fs::path> installed = {
      kLib / "cmake/Vanthu/VanthuConfig.cmake", kLib / "cmake/Vanthu/VanthuConfigVersion.cmake",
      kLib / "cmake/Vanthu/VanthuTargets.cmake", kLib / "cmake/Vanthu/VanthuPlugin.cmake", kBin / "vanthu-pack", kBin / "vanthu",
      kLib / "vanthu/plugins/nq57-weekly.so", kData / "vanthu/templates/nq57-weekly.docx"};
  // A header of every part (report, text, input, docx, template), all in include/vanthu/.
  for (const char* header : {"plugin_abi.h", "plugin.hpp", "report.hpp", "nd30.hpp", "text.hpp", "xml_text.hpp", "problem.hpp",
                             "json_access.hpp", "schema.hpp", "zip.hpp", "part_name.hpp", "core_properties.hpp",
                             "template_engine.hpp", "filters.hpp"})
    installed.push_back(kInclude / "vanthu" / header);
  for (const std::string& soname : kSdkSonames) {
    installed.push_back(kLib / soname);
    installed.push_back(kLib / link_name(soname));
  }
  for (const fs::path& file : installed) EXPECT_TRUE(fs::exists(staged / file)) << file;
  // Each part's src/ stays private.
  for (const char* header : {"template_program.hpp", "font_metrics.hpp"})
    EXPECT_FALSE(fs::exists(staged / kInclude / "vanthu" / header)) << header;
  // No path of the build, the checkout or the first prefix in the package or the binaries' RPATHs.
  for (const auto& entry : fs::directory_iterator(staged / kLib / "cmake/Vanthu")) {
    const std::string text = read_file(entry.path());
    EXPECT_THAT(text, AllOf(Not(HasSubstr(staged.string())), Not(HasSubstr(build_dir().string())),
                            Not(HasSubstr(source_dir().string()))))
        << entry.path();
  }
  std::vector<fs::path> binaries = {kBin / "vanthu", kBin / "vanthu-pack", kLib / "vanthu/plugins/nq57-weekly.so"};
  for (const std::string& soname : kSdkSonames) binaries.push_back(kLib / soname);
  for (const fs::path& binary : binaries) {
    ProcessResult dynamic;
    ASSERT_TRUE(succeeds({"readelf", "--dynamic", "--wide", (staged / binary).string()}, 30, &dynamic));
    EXPECT_THAT(dynamic.out, AllOf(Not(HasSubstr(build_dir().string())), Not(HasSubstr(staged.string())))) << binary;
    const std::string name = binary.filename().string();
    if (std::find(kSdkSonames.begin(), kSdkSonames.end(), name) != kSdkSonames.end()) {
      EXPECT_THAT(dynamic.out, HasSubstr("Library soname: [" + name + "]"));
      // Only "$ORIGIN" (its sibling parts), if anything: never an empty entry or a directory.
      if (dynamic.out.find("runpath") != std::string::npos) {
        EXPECT_THAT(dynamic.out, HasSubstr("Library runpath: [$ORIGIN]")) << name;
      }
    }
  }
  // A plugin needs the report layer (and the parts it brings), never the template engine or the zip code.
  ProcessResult plugin_dynamic;
  ASSERT_TRUE(succeeds({"readelf", "--dynamic", "--wide", (staged / kLib / "vanthu/plugins/nq57-weekly.so").string()}, 30,
                       &plugin_dynamic));
  EXPECT_THAT(plugin_dynamic.out, AllOf(HasSubstr("libvanthu-report.so"), Not(HasSubstr("libvanthu-template.so")),
                                        Not(HasSubstr("libvanthu-docx.so")), Not(HasSubstr("libxml2")), Not(HasSubstr("libz.so"))));
  fs::create_directories(prefix.parent_path());
  fs::rename(staged, prefix);

  // 2. The moved service still finds its library, and serves the report types installed with it.
  ProcessResult types;
  ASSERT_TRUE(succeeds({(prefix / kBin / "vanthu").string(), "types", "--plugins-dir=" + (prefix / kLib / "vanthu/plugins").string(),
                        "--templates-dir=" + (prefix / kData / "vanthu/templates").string()},
                       60, &types));
  EXPECT_THAT(types.out, AllOf(HasSubstr("nq57-weekly\t"), HasSubstr("dean06-monthly\t"), HasSubstr("nq57-periodic\t"),
                               HasSubstr("hdnd-quarterly\t")));
  // Without them too: an installed vanthu looks in its own prefix (lib/vanthu/plugins, share/vanthu/templates).
  ProcessResult by_default;
  ASSERT_TRUE(succeeds({(prefix / kBin / "vanthu").string(), "types"}, 60, &by_default));
  EXPECT_EQ(by_default.out, types.out);

  // 3. find_package(Vanthu) takes this minor version and no other, and gives the targets and helpers.
  const auto [major, minor] = major_minor();
  const std::string same = std::to_string(major) + "." + std::to_string(minor);
  const std::string next = std::to_string(major) + "." + std::to_string(minor + 1);
  write_file(tmp.path() / "versions/CMakeLists.txt",
             "cmake_minimum_required(VERSION 3.25)\nproject(versions LANGUAGES NONE)\n"
             "find_package(Vanthu " + next + " QUIET)\nmessage(STATUS \"next: ${Vanthu_FOUND}\")\n"
             "find_package(Vanthu " + same + " REQUIRED)\n"
             "set(targets TRUE)\nforeach(target " + command_line(kSdkTargets) + " Vanthu::pack)\n"
             "  if(NOT TARGET ${target})\n    set(targets FALSE)\n  endif()\nendforeach()\n"
             "if(targets AND NOT TARGET Vanthu::core AND COMMAND vanthu_add_plugin AND COMMAND vanthu_add_template)\n"
             "  message(STATUS \"same: ${Vanthu_VERSION} with its targets and helpers\")\nendif()\n");
  ProcessResult versions;
  ASSERT_TRUE(succeeds({kCmake, "-S", (tmp.path() / "versions").string(), "-B", (tmp.path() / "versions-build").string(),
                        "-DCMAKE_PREFIX_PATH=" + prefix.string(), "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"},
                       120, &versions));
  EXPECT_THAT(versions.out, AllOf(HasSubstr("next: 0\n"), HasSubstr(std::string("same: ") + VANTHU_VERSION +
                                                                     " with its targets and helpers")));

  // 4. The sample, a project of its own: configured against the moved prefix, built.
  const fs::path build = tmp.path() / "b";
  ASSERT_TRUE(succeeds({kCmake, "-S", (source_dir() / "samples/sdk-plugin").string(), "-B", build.string(),
                        "-DCMAKE_PREFIX_PATH=" + prefix.string(), "-DCMAKE_CXX_COMPILER=" VANTHU_CXX_COMPILER,
                        "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"},
                       120));
  EXPECT_THAT(read_file(build / "CMakeCache.txt"), HasSubstr("Vanthu_DIR:PATH=" + (prefix / kLib / "cmake/Vanthu").string() + "\n"));
  ASSERT_TRUE(succeeds({kCmake, "--build", build.string(), "--parallel", "2"}, 300));
  ASSERT_TRUE(fs::is_regular_file(build / "plugins/tiep-cong-dan.so"));
  ASSERT_TRUE(fs::is_regular_file(build / "templates/tiep-cong-dan.docx"));

  // 5. Served by the real service from the directories that build made.
  auto server = ServerProcess::start(build / "plugins", build / "templates");
  HttpReply list = http_get(server->port(), "/v1/report-types");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.json()["report_types"].size(), 1u) << list.body;
  EXPECT_EQ(list.json()["report_types"][0]["id"], "tiep-cong-dan");
  const std::string example = read_file(source_dir() / "samples/sdk-plugin/example.json");
  HttpReply document = http_post_json(server->port(), "/v1/report-types/tiep-cong-dan/documents", example);
  ASSERT_EQ(document.status, 200) << document.body;
  EXPECT_EQ(document.header("content-type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_THAT(docx_text(docx_part(document.body, "word/document.xml")),
              AllOf(HasSubstr("ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN\n"), HasSubstr("Hải An, ngày 02 tháng 4 năm 2026\n"),
                    HasSubstr("Kết quả tiếp công dân tháng 3 năm 2026\n"), HasSubstr("1. Tiếp công dân: 42 lượt.\n"),
                    HasSubstr("2. Đơn thư: tiếp nhận 17 đơn, đã giải quyết 15 đơn (đạt 88,2%).\n"),
                    HasSubstr("- Hai đơn kiến nghị về trật tự xây dựng đang được xác minh.\n"),
                    Not(HasSubstr("Không phát sinh"))));
  // The plugin's rule, from libvanthu-report's count checks.
  nlohmann::json more_resolved = nlohmann::json::parse(example);
  more_resolved["petitions_resolved"] = 18;
  HttpReply refused = http_post_json(server->port(), "/v1/report-types/tiep-cong-dan/documents", more_resolved.dump());
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.json()["errors"][0]["path"], "/petitions_resolved") << refused.body;
  EXPECT_EQ(server->stop(), 0);
  EXPECT_THAT(server->log(), AllOf(HasSubstr("tiep-cong-dan 1.0.0"), Not(HasSubstr("refused plugin"))));

  // 6. And by the moved, installed service.
  ASSERT_TRUE(succeeds({(prefix / kBin / "vanthu").string(), "types", "--plugins-dir=" + (build / "plugins").string(),
                        "--templates-dir=" + (build / "templates").string()},
                       60, &types));
  EXPECT_THAT(types.out, HasSubstr("tiep-cong-dan\t1.0.0\t"));
}

TEST(SdkInstall, NewTypeWritesASkeletonThatBuildsAndRenders) {
  // `vanthu new-type` writes a report type of its own; built against the installed SDK, it
  // renders its example as a Decree 30 report at once.
  TempDir tmp;
  const fs::path prefix = tmp.path() / "prefix";
  ASSERT_TRUE(succeeds({kCmake, "--install", build_dir().string(), "--prefix", prefix.string(), "--component", "sdk"}, 120));
  const fs::path folder = tmp.path() / "bao-cao-thu";
  ProcessResult written;
  ASSERT_TRUE(succeeds({(build_dir() / "bin/vanthu").string(), "new-type", "bao-cao-thu", "--into=" + folder.string(),
                        "--templates-dir=" + (build_dir() / "templates").string()},
                       60, &written));
  for (const char* file : {"CMakeLists.txt", "plugin.cpp", "rules.hpp", "rules.cpp", "schema.json", "example.json", "README.md",
                           "template/word/document.xml"})
    EXPECT_TRUE(fs::is_regular_file(folder / file)) << file;
  // A second time into the same folder: refused, nothing overwritten.
  ProcessResult again = run_process({(build_dir() / "bin/vanthu").string(), "new-type", "bao-cao-thu", "--into=" + folder.string(),
                                     "--templates-dir=" + (build_dir() / "templates").string()});
  EXPECT_EQ(again.exit_code, 2) << again.err;
  EXPECT_EQ(run_process({(build_dir() / "bin/vanthu").string(), "new-type", "Bad_Id", "--into=" + (tmp.path() / "x").string()}).exit_code, 2);

  // The wording is the template's: a heading reworded there (not in C++) is what the document says.
  std::string document = read_file(folder / "template/word/document.xml");
  const std::string heading = "II. NHIỆM VỤ THỜI GIAN TỚI";
  ASSERT_NE(document.find(heading), std::string::npos);
  document.replace(document.find(heading), heading.size(), "PHƯƠNG HƯỚNG THÁNG TỚI");  // and no number
  write_file(folder / "template/word/document.xml", document);

  const fs::path build = tmp.path() / "b";
  ASSERT_TRUE(succeeds({kCmake, "-S", folder.string(), "-B", build.string(), "-DCMAKE_PREFIX_PATH=" + prefix.string(),
                        "-DCMAKE_CXX_COMPILER=" VANTHU_CXX_COMPILER, "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF"},
                       120));
  ASSERT_TRUE(succeeds({kCmake, "--build", build.string(), "--parallel", "2"}, 300));
  const fs::path out = tmp.path() / "out.docx";
  ProcessResult rendered;
  ASSERT_TRUE(succeeds({(build_dir() / "bin/vanthu").string(), "render", "bao-cao-thu", (folder / "example.json").string(), "-o",
                        out.string(), "--plugins-dir=" + (build / "plugins").string(),
                        "--templates-dir=" + (build / "templates").string()},
                       60, &rendered));
  const std::string text = docx_text(docx_part(read_file(out), "word/document.xml"));
  EXPECT_THAT(text, AllOf(HasSubstr("Số: 12/BC-UBND"), HasSubstr("Kết quả thực hiện nhiệm vụ tháng 11 năm 2026"),
                          HasSubstr("I. KẾT QUẢ THỰC HIỆN"), HasSubstr("1.250 hồ sơ"),
                          HasSubstr("II. PHƯƠNG HƯỚNG THÁNG TỚI"),  // numbered by its style
                          HasSubstr("Không phát sinh nội dung mới./."),
                          HasSubstr("Nơi nhận:"), HasSubstr("Nguyễn Văn A")));
}

TEST(SdkInstall, TheSampleIsNotAnInTreePlugin) {
  EXPECT_FALSE(fs::exists(build_dir() / "plugins/tiep-cong-dan.so"));
  EXPECT_FALSE(fs::exists(build_dir() / "templates/tiep-cong-dan.docx"));
  EXPECT_FALSE(fs::exists(build_dir() / "samples"));
}

}  // namespace
}  // namespace vanthu::test
