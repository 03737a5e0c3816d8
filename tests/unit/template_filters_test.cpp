//! The Vietnamese filters: each on its own (vanthu/filters.hpp), then called from tags, chained,
//! on the wrong type (missing, never a crash) and misspelt (a template issue).
#include <gtest/gtest.h>

#include <limits>

#include "template_fixtures.hpp"
#include "vanthu/filters.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;
using filters::Filter;

//! The filter's text for `value`, or "<refused>".
std::string run(Filter filter, const json& value) {
  std::string out = "stale";
  return filters::apply(filter, value, out) ? out : "<refused>";
}

TEST(Filters, NamesAreTheDocumentedSet) {
  EXPECT_EQ(filters::names(),
            (std::vector<std::string>{"hoa", "thuong", "so", "tien", "bang_chu", "ngay_thang", "ngay", "hai_so"}));
  EXPECT_EQ(filters::find("hoa"), Filter::hoa);
  EXPECT_EQ(filters::find("HOA"), std::nullopt) << "names are exact";
  EXPECT_EQ(filters::find("upper"), std::nullopt);
  EXPECT_STREQ(filters::input_kind(Filter::bang_chu), "number");
  EXPECT_STREQ(filters::input_kind(Filter::ngay), "date");
}

TEST(Filters, UpperAndLowerCaseAreVietnamese) {
  EXPECT_EQ(run(Filter::hoa, "ủy ban nhân dân phường hải an"), "ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN");
  EXPECT_EQ(run(Filter::thuong, "ĐỘC LẬP - TỰ DO"), "độc lập - tự do");
  EXPECT_EQ(run(Filter::hoa, ""), "");
  EXPECT_EQ(run(Filter::hoa, 12), "<refused>");
  EXPECT_EQ(run(Filter::hoa, json::array()), "<refused>");
}

TEST(Filters, NumbersGroupWithDotsAndDecimalComma) {
  EXPECT_EQ(run(Filter::so, 17467000000), "17.467.000.000");
  EXPECT_EQ(run(Filter::so, -2006), "-2.006");
  EXPECT_EQ(run(Filter::so, 94.45), "94,45");
  EXPECT_EQ(run(Filter::so, 2.5), "2,5");
  EXPECT_EQ(run(Filter::so, 1234.567), "1.234,57");
  EXPECT_EQ(run(Filter::so, 100.0), "100");
  EXPECT_EQ(run(Filter::so, "17467000000"), "17.467.000.000") << "digits given as text";
  EXPECT_EQ(run(Filter::so, std::numeric_limits<std::uint64_t>::max()), "18.446.744.073.709.551.616");
  EXPECT_EQ(run(Filter::so, "mười"), "<refused>");
  EXPECT_EQ(run(Filter::so, "1e5"), "<refused>");
  EXPECT_EQ(run(Filter::so, "1.234.567"), "<refused>") << "already grouped text is not a number";
  EXPECT_EQ(run(Filter::so, true), "<refused>");
  EXPECT_EQ(run(Filter::so, json::object()), "<refused>");
}

TEST(Filters, MoneyAndMoneyInWords) {
  EXPECT_EQ(run(Filter::tien, 17467000000), "17.467.000.000 đồng");
  EXPECT_EQ(run(Filter::bang_chu, 17467000000), "Mười bảy tỷ, bốn trăm sáu mươi bảy triệu đồng chẵn");
  EXPECT_EQ(run(Filter::bang_chu, 0), "Không đồng");
  EXPECT_EQ(run(Filter::bang_chu, 1500.0), run(Filter::bang_chu, 1500)) << "a whole float is a whole number";
  EXPECT_EQ(run(Filter::bang_chu, -5), "<refused>");
  EXPECT_EQ(run(Filter::bang_chu, 1000000000000000), "<refused>") << "above 999.999.999.999.999";
  EXPECT_EQ(run(Filter::bang_chu, 12.5), "<refused>");
  EXPECT_EQ(run(Filter::tien, 12.5), "<refused>");
}

TEST(Filters, DatesFromIso) {
  EXPECT_EQ(run(Filter::ngay_thang, "2026-02-05"), "ngày 05 tháng 02 năm 2026");
  EXPECT_EQ(run(Filter::ngay_thang, "2026-11-25"), "ngày 25 tháng 11 năm 2026");
  EXPECT_EQ(run(Filter::ngay_thang, "2026-03-09"), "ngày 09 tháng 3 năm 2026") << "Decree 30: no leading 0 from March";
  EXPECT_EQ(run(Filter::ngay, "2026-02-05"), "05/02/2026");
  EXPECT_EQ(run(Filter::ngay, "2026-02-30"), "<refused>");
  EXPECT_EQ(run(Filter::ngay, "05/02/2026"), "<refused>");
  EXPECT_EQ(run(Filter::ngay, 20260205), "<refused>");
}

TEST(Filters, TwoDigits) {
  EXPECT_EQ(run(Filter::hai_so, 6), "06");
  EXPECT_EQ(run(Filter::hai_so, 12), "12");
  EXPECT_EQ(run(Filter::hai_so, 0), "00");
  EXPECT_EQ(run(Filter::hai_so, "7"), "07");
  EXPECT_EQ(run(Filter::hai_so, 6.5), "<refused>");
}

TEST(Filters, ChainedOnText) {
  std::string out;
  ASSERT_TRUE(filters::apply_text(Filter::hoa, "Mười bảy tỷ đồng chẵn", out));
  EXPECT_EQ(out, "MƯỜI BẢY TỶ ĐỒNG CHẴN");
  EXPECT_FALSE(filters::apply_text(Filter::so, "17.467.000.000", out));
  EXPECT_FALSE(filters::apply_text(Filter::hoa, std::string("\xff\xfe"), out)) << "not UTF-8";
}

const json kData = {{"so_tien", 17467000000},
                    {"ngay", "2026-02-05"},
                    {"ten", "phường hải an"},
                    {"so", 6},
                    {"ds", {{{"tien", 1500000}}, {{"tien", 2000}}}}};

TEST(FilterTags, CalledFromATag) {
  EXPECT_EQ(render_text(para("{so_tien | bang_chu}"), kData), "Mười bảy tỷ, bốn trăm sáu mươi bảy triệu đồng chẵn\n");
  EXPECT_EQ(render_text(para("{so_tien|so} ({so_tien | tien})"), kData), "17.467.000.000 (17.467.000.000 đồng)\n");
  EXPECT_EQ(render_text(para("Hải An, {ngay | ngay_thang}; {ngay|ngay}"), kData),
            "Hải An, ngày 05 tháng 02 năm 2026; 05/02/2026\n");
  EXPECT_EQ(render_text(para("{ten | hoa}; Số {so | hai_so}"), kData), "PHƯỜNG HẢI AN; Số 06\n");
  EXPECT_EQ(render_text(para("{#ds}{tien | so}; {/ds}"), kData), "1.500.000; 2.000; \n") << "inside a loop";
}

TEST(FilterTags, ChainLeftToRight) {
  EXPECT_EQ(render_text(para("{so_tien | bang_chu | hoa}"), kData), "MƯỜI BẢY TỶ, BỐN TRĂM SÁU MƯƠI BẢY TRIỆU ĐỒNG CHẴN\n");
}

TEST(FilterTags, FilterSplitAcrossRunsAsWordWritesIt) {
  std::string body = para_runs({"{so_tien ", "| bang", "_chu}"});
  EXPECT_EQ(render_text(body, kData), "Mười bảy tỷ, bốn trăm sáu mươi bảy triệu đồng chẵn\n");
}

TEST(FilterTags, WrongTypeIsMissingNeverACrash) {
  std::vector<std::string> missing;
  std::string xml = render_document(make_docx(para("[{ten | so}] [{ngay | bang_chu}] [{ds | hoa}] [{none | hoa}]")), kData,
                                    &missing);
  EXPECT_EQ(docx_text(xml), "[] [] [] []\n");
  EXPECT_EQ(missing, (std::vector<std::string>{"{ten | so} (word/document.xml)", "{ngay | bang_chu} (word/document.xml)",
                                               "{ds | hoa} (word/document.xml)", "{none | hoa} (word/document.xml)"}));
}

TEST(FilterTags, NullRendersNothingAndIsNotMissing) {
  std::vector<std::string> missing;
  std::string xml = render_document(make_docx(para("[{x | so}]")), {{"x", nullptr}}, &missing);
  EXPECT_EQ(docx_text(xml), "[]\n");
  EXPECT_TRUE(missing.empty());
}

TEST(FilterTags, FilteredTextIsEscaped) {
  std::string xml = render_document(make_docx(para("{x | hoa}")), {{"x", "a < b & c"}});
  EXPECT_NE(xml.find("A &lt; B &amp; C"), std::string::npos) << xml;
  EXPECT_TRUE(well_formed(xml));
}

TEST(FilterTags, UnknownFilterIsAnIssueNamingIt) {
  auto issues = issues_of(make_docx(para("Số tiền: {so_tien | bangchu}")));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].code, "unknown_filter");
  EXPECT_EQ(issues[0].tag, "{so_tien | bangchu}");
  EXPECT_EQ(issues[0].paragraph, "Số tiền: {so_tien | bangchu}");
  EXPECT_NE(issues[0].message.find("“bangchu”"), std::string::npos) << issues[0].message;
  EXPECT_NE(issues[0].message.find("bang_chu"), std::string::npos) << "lists the filters that exist";
}

TEST(FilterTags, FiltersOnlyOnValueTags) {
  auto issues = issues_of(make_docx(para("{#ds | hoa}x{/ds}") + para("{@raw | hoa}")));
  ASSERT_GE(issues.size(), 2u);
  EXPECT_EQ(issues[0].code, "filter_not_allowed");
  EXPECT_EQ(issues[1].code, "filter_not_allowed");
}

TEST(FilterTags, EmptyFilterNameIsMalformed) {
  auto issues = issues_of(make_docx(para("{a |}") + para("{a | | hoa}") + para("{a | hoa thuong}")));
  ASSERT_EQ(issues.size(), 3u);
  for (const auto& issue : issues) EXPECT_EQ(issue.code, "malformed_tag");
}

TEST(FilterTags, TagListShowsFilters) {
  auto tpl = Template::parse(make_docx(para("{so_tien | bang_chu | hoa}")));
  ASSERT_EQ(tpl->tags().size(), 1u);
  EXPECT_EQ(tpl->tags()[0].path, "so_tien");
  EXPECT_EQ(tpl->tags()[0].filters, (std::vector<std::string>{"bang_chu", "hoa"}));
}

}  // namespace
}  // namespace vanthu::test
