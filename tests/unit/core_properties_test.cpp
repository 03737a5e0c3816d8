//! docProps/core.xml (vanthu/core_properties.hpp): what the host writes into every document.
#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include "vanthu/core_properties.hpp"

namespace vanthu {
namespace {

using ::testing::HasSubstr;

TEST(CoreProperties, W3cdtfDateTime) {
  EXPECT_EQ(w3cdtf_date_time("2026-02-11"), "2026-02-11T00:00:00Z");
  for (const char* kept : {"2026-02-11T00:00:00Z", "2026-02-11T08:30Z", "2026-02-11T08:30:15.25+07:00", "2024-02-29T23:59:59-05:00"})
    EXPECT_EQ(w3cdtf_date_time(kept), kept);
  for (const char* bad : {"", "2026-2-11", "2026-02-30", "2025-02-29", "2026-02-11 08:30Z", "2026-02-11T24:00Z", "2026-02-11T08:30",
                          "2026-02-11T08:30:60Z", "2026-02-11T08:30:15.Z", "2026-02-11T08:30+7:00", "11/02/2026"})
    EXPECT_EQ(w3cdtf_date_time(bad), std::nullopt) << bad;
}

TEST(CoreProperties, TitleCreatorAndDatesEscaped) {
  const std::string xml = core_properties_xml({"Báo cáo <tuần> & \"kế hoạch\"", "UBND phường Hải An", "2026-02-11T00:00:00Z"});
  EXPECT_THAT(xml, HasSubstr("<dc:title>Báo cáo &lt;tuần&gt; &amp; &quot;kế hoạch&quot;</dc:title>"));
  EXPECT_THAT(xml, HasSubstr("<dc:creator>UBND phường Hải An</dc:creator>"));
  EXPECT_THAT(xml, HasSubstr("<cp:lastModifiedBy>UBND phường Hải An</cp:lastModifiedBy>"));
  EXPECT_THAT(xml, HasSubstr("<dcterms:created xsi:type=\"dcterms:W3CDTF\">2026-02-11T00:00:00Z</dcterms:created>"));
  EXPECT_THAT(xml, HasSubstr("<dcterms:modified xsi:type=\"dcterms:W3CDTF\">2026-02-11T00:00:00Z</dcterms:modified>"));
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties", 0), 0u);
}

}  // namespace
}  // namespace vanthu
