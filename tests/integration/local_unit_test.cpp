//! A xã or a đặc khu is not a phường: every report type's fixed sentences take the level of local
//! government (issuer.unit) from the input. Each sample, re-issued by a xã and by a đặc khu,
//! through the real `vanthu render`.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "plugin_registry.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using namespace vanthu::test;

namespace {

struct FixedWording {
  std::string type;
  std::string sample;
  std::vector<std::string> ward_sentences;  //!< as the phường sample prints them, "{unit}" for the level
};

std::ostream& operator<<(std::ostream& out, const FixedWording& w) { return out << w.type; }

std::string upper_unit(const std::string& unit) { return unit == "xã" ? "XÃ" : unit == "đặc khu" ? "ĐẶC KHU" : "PHƯỜNG"; }

std::string replaced(std::string text, const std::string& mark, const std::string& by) {
  for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + by.size())) text.replace(at, mark.size(), by);
  return text;
}

//! A sentence of the table for `unit`: "{unit}" as written, "{UNIT}" in capitals.
std::string with_unit(const std::string& sentence, const std::string& unit) {
  return replaced(replaced(sentence, "{unit}", unit), "{UNIT}", upper_unit(unit));
}

std::string rendered_text(const json& input, const std::string& type) {
  TempDir tmp;
  const fs::path out = tmp.path() / "out.docx";
  auto result = run_process({(build_dir() / "bin" / "vanthu").string(), "render", type, "-", "-o", out.string()}, input.dump());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  if (result.exit_code != 0) return {};
  return docx_text(docx_part(read_file(out), "word/document.xml"));
}

class LocalUnit : public ::testing::TestWithParam<FixedWording> {};

TEST_P(LocalUnit, FixedSentencesNameTheIssuersLevel) {
  const FixedWording& w = GetParam();
  json input = json::parse(read_file(source_dir() / "samples" / w.type / (w.sample + ".json")));
  // The phường sample prints the ward's wording: the sentences under test are really there.
  const std::string ward = rendered_text(input, w.type);
  for (const auto& sentence : w.ward_sentences) EXPECT_THAT(ward, HasSubstr(with_unit(sentence, "phường")));
  for (const std::string unit : {"xã", "đặc khu"}) {
    SCOPED_TRACE(unit);
    input["issuer"]["unit"] = unit;
    const std::string text = rendered_text(input, w.type);
    for (const auto& sentence : w.ward_sentences) {
      EXPECT_THAT(text, HasSubstr(with_unit(sentence, unit)));
      EXPECT_THAT(text, Not(HasSubstr(with_unit(sentence, "phường"))));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(
    ReportTypes, LocalUnit,
    ::testing::Values(FixedWording{"nq57-weekly", "hai-an-2026-02-11", {"VỀ CHUYỂN ĐỔI SỐ TẠI UBND {UNIT}"}},
                      FixedWording{"dean06-monthly",
                                   "hai-an-2026-04",
                                   {"UBND thành phố, UBND {unit}. Trong đó", "chức năng quản lý của {unit} đạt trên 80%",
                                    "CA {unit}", "TT PVHCC {unit}"}},
                      FixedWording{"hdnd-quarterly",
                                   "hai-an-2026-q2",
                                   {"{UNIT} HẢI AN", "HĐND {unit} được giao 03 nhiệm vụ:",
                                    "Trong 03 nhiệm vụ được giao, HĐND {unit} đã hoàn thành"}}),
    [](const ::testing::TestParamInfo<FixedWording>& info) {
      std::string name = info.param.type;
      for (char& c : name)
        if (c == '-') c = '_';
      return name;
    });

TEST(LocalUnitDefaults, TheDefaultWordingOfAXaNamesTheXa) {
  // nq57-weekly without a plan label or an issuing committee: the defaults say UBND xã.
  json input = json::parse(read_file(source_dir() / "samples" / "nq57-weekly" / "hai-an-2026-02-11.json"));
  input["issuer"]["unit"] = "xã";
  input["digital_transformation"].erase("plan_label");
  input["leadership"].erase("issued_by");
  const std::string text = rendered_text(input, "nq57-weekly");
  EXPECT_THAT(text, HasSubstr("Chuyển đổi số theo kế hoạch của UBND xã"));
  EXPECT_THAT(text, HasSubstr("Ủy ban nhân dân xã đã ban hành"));
  // nq57-periodic: a phase without its assignee is the xã's.
  json periodic = json::parse(read_file(source_dir() / "samples" / "nq57-periodic" / "an-hai-2025-11.json"));
  periodic["issuer"]["unit"] = "đặc khu";
  std::string dump = periodic.dump();
  const std::string assignee = "\"assignee\":\"Ủy ban nhân dân phường\",";
  ASSERT_NE(dump.find(assignee), std::string::npos);
  for (auto at = dump.find(assignee); at != std::string::npos; at = dump.find(assignee)) dump.erase(at, assignee.size());
  EXPECT_THAT(rendered_text(json::parse(dump), "nq57-periodic"), HasSubstr("Ủy ban nhân dân đặc khu được giao"));
}

TEST(SharedSchemaDefinitions, EveryReportTypeServesTheSdksDefinitionsVerbatim) {
  // The issuing body, number and date, distribution list, archive line and signature are written
  // once (sdk/schemas/common.json); each schema refers to them and its plugin embeds them whole.
  const json common = json::parse(read_file(source_dir() / "sdk/schemas/common.json"))["$defs"];
  const auto registry = vanthu::host::PluginRegistry::load(build_dir() / "plugins", build_dir() / "templates");
  for (const std::string type : {"nq57-weekly", "dean06-monthly", "nq57-periodic", "hdnd-quarterly"}) {
    SCOPED_TRACE(type);
    const vanthu::host::ReportType* loaded = registry.find(type);
    ASSERT_NE(loaded, nullptr);
    EXPECT_EQ(loaded->schema, schema_with_common_defs(type)) << "what the plugin embeds";
    const json source = json::parse(read_file(source_dir() / "plugins" / type / "schema.json"));
    EXPECT_NE(source.dump().find("\"#/$defs/recipients\""), std::string::npos) << "refers to the shared definition";
    EXPECT_FALSE(source["$defs"].contains("recipients")) << "and does not copy it";
    const json served = schema_with_common_defs(type);
    EXPECT_EQ(served["$defs"]["recipients"], common["recipients"]);
    EXPECT_EQ(served["$defs"]["archive"], common["archive"]);
  }
}

TEST(LocalUnitDefaults, AnUnknownLevelIsRefused) {
  json input = json::parse(read_file(source_dir() / "samples" / "nq57-weekly" / "hai-an-2026-02-11.json"));
  input["issuer"]["unit"] = "thị trấn";
  TempDir tmp;
  auto result = run_process({(build_dir() / "bin" / "vanthu").string(), "render", "nq57-weekly", "-", "-o",
                             (tmp.path() / "x.docx").string()},
                            input.dump());
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(result.err, HasSubstr("/issuer/unit"));
  EXPECT_FALSE(fs::exists(tmp.path() / "x.docx"));
}

}  // namespace
