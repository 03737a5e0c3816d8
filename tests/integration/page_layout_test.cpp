//! Page breaks as LibreOffice sets them (real soffice, real pdftotext): the signature block and
//! "Nơi nhận:" never stand alone on a page, whatever the length of the text before them, and a
//! heading that carries its own text does not drag a block to the next page (page 1 of the
//! weekly sample is at least 80% full). One soffice run converts every document of a test.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace vanthu::test;

namespace {

struct Page {
  std::string text;    //!< the words, space-separated
  double last_y = 0;   //!< bottom of the lowest line, in points from the top
};

//! Renders `input` as `type` into dir/name.docx.
void render(const json& input, const std::string& type, const fs::path& docx) {
  auto result = run_process({(build_dir() / "bin" / "vanthu").string(), "render", type, "-", "-o", docx.string()}, input.dump());
  ASSERT_EQ(result.exit_code, 0) << result.err;
}

//! Every .docx in `dir` to PDF, in one soffice run.
void convert_all(const fs::path& dir) {
  std::vector<std::string> argv = {"soffice", "-env:UserInstallation=file://" + (dir / "profile").string(), "--headless",
                                   "--norestore", "--convert-to", "pdf", "--outdir", dir.string()};
  for (const auto& entry : fs::directory_iterator(dir))
    if (entry.path().extension() == ".docx") argv.push_back(entry.path().string());
  auto result = run_process(argv, {}, 600);
  ASSERT_EQ(result.exit_code, 0) << result.err;
}

std::vector<Page> pages_of(const fs::path& pdf) {
  const std::string xml = run_process({"pdftotext", "-bbox-layout", pdf.string(), "-"}).out;
  std::vector<Page> pages;
  const std::regex line(R"re(<line xMin="[^"]*" yMin="[^"]*" xMax="[^"]*" yMax="([^"]*)")re");
  const std::regex word(R"re(<word [^>]*>([^<]*)</word>)re");
  for (std::size_t at = xml.find("<page "); at != std::string::npos;) {
    std::size_t next = xml.find("<page ", at + 1);
    const std::string page = xml.substr(at, next == std::string::npos ? std::string::npos : next - at);
    Page p;
    for (std::sregex_iterator it(page.begin(), page.end(), line), end; it != end; ++it) p.last_y = std::max(p.last_y, std::stod((*it)[1]));
    for (std::sregex_iterator it(page.begin(), page.end(), word), end; it != end; ++it) p.text += (*it)[1].str() + " ";
    pages.push_back(std::move(p));
    at = next;
  }
  return pages;
}

//! The page holding "Nơi nhận:" has body text above the closing table: more than its page
//! number before "Nơi nhận".
void expect_closing_not_alone(const fs::path& pdf) {
  std::vector<Page> pages = pages_of(pdf);
  ASSERT_FALSE(pages.empty()) << pdf;
  int found = 0;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const std::size_t at = pages[i].text.find("Nơi nhận:");
    if (at == std::string::npos) continue;
    ++found;
    std::string before = pages[i].text.substr(0, at);
    // Words before "Nơi nhận:" other than the page number.
    std::istringstream words(before);
    int count = 0;
    for (std::string w; words >> w;)
      if (w.find_first_not_of("0123456789") != std::string::npos) ++count;
    EXPECT_GE(count, 3) << pdf.filename() << ": page " << i + 1 << " of " << pages.size()
                        << " holds the closing without body text: " << pages[i].text.substr(0, 300);
  }
  EXPECT_EQ(found, 1) << pdf.filename();
}

json sample(const std::string& type, const std::string& name) {
  return json::parse(read_file(source_dir() / "samples" / type / (name + ".json")));
}

TEST(PageLayout, TheClosingNeverStandsAloneWhateverTheLengthBeforeIt) {
  // The same report with 0..9 more proposals moves the closing block down the page past the
  // point where it no longer fits: at every step it takes body text along.
  TempDir dir;
  const std::string line =
      "Đề nghị thành phố tiếp tục quan tâm hỗ trợ trang thiết bị, đường truyền và đào tạo kỹ năng số cho cán bộ, "
      "công chức phường.";
  for (int extra = 0; extra < 10; ++extra) {
    json input = sample("nq57-weekly", "hai-an-2026-02-11");
    for (int i = 0; i < extra; ++i) input["proposals"].push_back(line);
    render(input, "nq57-weekly", dir.path() / ("weekly-" + std::to_string(extra) + ".docx"));
  }
  for (int extra = 0; extra < 6; ++extra) {
    json input = sample("hdnd-quarterly", "hai-an-2026-q2");
    for (int i = 0; i < extra * 2; ++i) input["next_tasks"].push_back(input["next_tasks"][0]);
    render(input, "hdnd-quarterly", dir.path() / ("hdnd-" + std::to_string(extra) + ".docx"));
  }
  render(sample("dean06-monthly", "hai-an-2026-04"), "dean06-monthly", dir.path() / "dean06.docx");
  render(sample("nq57-periodic", "an-hai-2025-11"), "nq57-periodic", dir.path() / "periodic.docx");
  convert_all(dir.path());
  for (const auto& entry : fs::directory_iterator(dir.path()))
    if (entry.path().extension() == ".pdf") expect_closing_not_alone(entry.path());
}

TEST(PageLayout, PageOneOfTheWeeklyReportIsAtLeastEightyPercentFull) {
  // The sample, and the sample with long texts on the three headings of B.I (a heading that
  // carries its own lines used to keep them, and what followed, together: page 1 ended at 47%)
  // after 0..5 documents in part A, which moves those headings down page 1.
  TempDir dir;
  render(sample("nq57-weekly", "hai-an-2026-02-11"), "nq57-weekly", dir.path() / "sample.docx");
  const std::string long_text =
      "Ban Chỉ đạo đã tổ chức các cuộc họp chuyên đề để rà soát tiến độ, đánh giá kết quả thực hiện và phân công nhiệm vụ "
      "cụ thể cho từng thành viên. ";
  for (int documents = 0; documents <= 5; ++documents) {
    json input = sample("nq57-weekly", "hai-an-2026-02-11");
    for (const char* key : {"meetings", "tasks", "feedback"}) input["direction"][key] = long_text + long_text + long_text;
    json all = input["leadership"]["documents"];
    json some = json::array();
    for (int i = 0; i < documents; ++i) some.push_back(all[static_cast<std::size_t>(i) % all.size()]);
    input["leadership"]["documents"] = some;
    render(input, "nq57-weekly", dir.path() / ("long-" + std::to_string(documents) + ".docx"));
  }
  convert_all(dir.path());
  // A4 is 842 pt high; the text area runs from the 25 mm top margin (70,9 pt) to 20 mm above
  // the bottom (785,3 pt).
  const double top = 1418 / 20.0, bottom = 842.0 - 1134 / 20.0;
  int checked = 0;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    if (entry.path().extension() != ".pdf") continue;
    std::vector<Page> pages = pages_of(entry.path());
    ASSERT_GE(pages.size(), 2u) << entry.path();
    const double filled = (pages[0].last_y - top) / (bottom - top);
    EXPECT_GE(filled, 0.8) << entry.path().filename() << ": page 1 ends at " << pages[0].last_y << " pt";
    ++checked;
  }
  EXPECT_EQ(checked, 7);
}

}  // namespace
