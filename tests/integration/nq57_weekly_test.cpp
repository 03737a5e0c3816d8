//! nq57-weekly beyond its sample: the layout holds for any valid input (a minimal one where
//! every section is empty, a long issuing body, twenty recipients), and inconsistent facts are
//! refused with their JSON paths. Real `vanthu render`, real LibreOffice.

#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>
#include <regex>

#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using namespace vanthu::test;

namespace {

json minimal_input() {
  return json::parse(R"({
    "issuer": {"name": "BAN CHỈ ĐẠO", "symbol": "BCĐ", "place": "Hải An"},
    "period": {"from": "2026-12-28", "to": "2027-01-03"},
    "subject": "Kết quả thực hiện Nghị quyết số 57-NQ/TW",
    "signature": {"positions": ["TRƯỞNG BAN"], "name": "Nguyễn Văn A"}
  })");
}

ProcessResult render(const json& input, const fs::path& out) {
  return run_process({(build_dir() / "bin" / "vanthu").string(), "render", "nq57-weekly", "-", "-o", out.string()}, input.dump());
}

std::string pdf_text(const fs::path& docx, const fs::path& dir) {
  auto convert = run_process({"soffice", "-env:UserInstallation=file://" + (dir / "profile").string(), "--headless",
                              "--norestore", "--convert-to", "pdf", "--outdir", dir.string(), docx.string()},
                             {}, 300);
  EXPECT_EQ(convert.exit_code, 0) << convert.err;
  return run_process({"pdftotext", "-raw", "-enc", "UTF-8", (dir / (docx.stem().string() + ".pdf")).string(), "-"}).out;
}

TEST(Nq57Weekly, MinimalInputSaysNothingNewEverywhereAndCrossesTheYear) {
  TempDir tmp;
  auto result = render(minimal_input(), tmp.path() / "min.docx");
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string text = docx_text(docx_part(read_file(tmp.path() / "min.docx"), "word/document.xml"));
  EXPECT_THAT(text, HasSubstr("(Từ 28/12/2026 đến 03/01/2027)"));
  EXPECT_THAT(text, HasSubstr("Hải An, ngày      tháng      năm 2027"));  // the year of the period's end
  EXPECT_THAT(text, HasSubstr("Số:      /BC-BCĐ"));
  // Every empty section says so, and the text still ends with the decree's mark.
  std::size_t nothing_new = 0;
  for (auto at = text.find("Không phát sinh nội dung mới."); at != std::string::npos; at = text.find("Không phát sinh nội dung mới.", at + 1))
    ++nothing_new;
  EXPECT_GE(nothing_new, 15u) << text;
  EXPECT_THAT(text, HasSubstr("Không phát sinh nội dung mới./."));
  EXPECT_THAT(text, HasSubstr("- Lưu: VT."));
  EXPECT_EQ(text.find('{'), std::string::npos);
}

TEST(Nq57Weekly, LongIssuerAndTwentyRecipientsStayInTheirColumns) {
  TempDir tmp;
  json input = minimal_input();
  input["issuer"]["parent"] = "Ủy ban nhân dân thành phố Hải Phòng\nỦy ban nhân dân phường Hải An";
  input["issuer"]["name"] = "Ban Chỉ đạo phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 phường Hải An";
  input["recipients"] = json::array();
  for (int i = 1; i <= 20; ++i) input["recipients"].push_back("Phòng chuyên môn số " + std::to_string(i));
  input["signature"] = {{"authority", {"TM. BAN CHỈ ĐẠO"}}, {"positions", {"PHÓ TRƯỞNG BAN THƯỜNG TRỰC"}}, {"name", "Trần Thị B"}};
  fs::path docx = tmp.path() / "long.docx";
  auto result = render(input, docx);
  ASSERT_EQ(result.exit_code, 0) << result.err;
  std::string xml = docx_part(read_file(docx), "word/document.xml");
  std::string text = docx_text(xml);
  // Each of the clerk's lines, balanced where it needs two: no word alone.
  EXPECT_THAT(text, HasSubstr("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG\nỦY BAN NHÂN DÂN\nPHƯỜNG HẢI AN"));
  EXPECT_THAT(text, HasSubstr("BAN CHỈ ĐẠO PHÁT\nTRIỂN KHOA HỌC"));  // balanced lines
  for (int i = 1; i <= 20; ++i) EXPECT_THAT(text, HasSubstr("- Phòng chuyên môn số " + std::to_string(i) + ";\n"));
  EXPECT_THAT(text, HasSubstr("TM. BAN CHỈ ĐẠO\nPHÓ TRƯỞNG BAN THƯỜNG TRỰC\n"));
  // The issuing body's rule is measured from the longest printed line: still within the column.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(xml, m, std::regex("<w:pBdr><w:top [^>]*/></w:pBdr><w:ind w:left=\"(\\d+)\" w:right=\"(\\d+)\"/>")));
  EXPECT_GT(std::stoi(m[1]), 0);
  EXPECT_GT(std::stoi(m[2]), 0);
  // LibreOffice lays it out: every recipient and the signer appear, in order.
  std::string pdf = pdf_text(docx, tmp.path());
  auto last_recipient = pdf.find("Phòng chuyên môn số 20");
  ASSERT_NE(last_recipient, std::string::npos) << pdf;
  EXPECT_NE(pdf.find("Trần Thị B"), std::string::npos) << pdf;
}

TEST(Nq57Weekly, InconsistentFactsAreRefusedWithTheirPaths) {
  TempDir tmp;
  json input = minimal_input();
  input["period"] = {{"from", "2026-02-11"}, {"to", "2026-02-05"}};
  input["document"] = {{"date", "2026-01-01"}};
  input["digital_transformation"] = {{"public_services",
                                      {{"procedures_total", 10}, {"procedures_full_online", 8}, {"procedures_partial_online", 5},
                                       {"applications_received", 5}, {"applications_online", 6}}}};
  fs::path out = tmp.path() / "bad.docx";
  auto result = render(input, out);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(result.err + result.out, HasSubstr("/period/to: "));
  EXPECT_THAT(result.err + result.out, HasSubstr("/digital_transformation/public_services/procedures_total: "));
  EXPECT_THAT(result.err + result.out, HasSubstr("/digital_transformation/public_services/applications_online: "));
  EXPECT_FALSE(fs::exists(out));

  input["period"] = {{"from", "2026-02-01"}, {"to", "2026-02-28"}};
  input.erase("document");
  input.erase("digital_transformation");
  result = render(input, out);
  EXPECT_EQ(result.exit_code, 3);
  EXPECT_THAT(result.err + result.out, HasSubstr("[period_too_long]"));
}

}  // namespace
