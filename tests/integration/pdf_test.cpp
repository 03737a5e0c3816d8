//! PDF and PDF/A from the warm LibreOffice pool (issue 12), through the real `vanthu serve` and
//! `vanthu render`/`fill`: every golden sample's text back from pdftotext, fonts embedded, title
//! and author from the DOCX's core properties, PDF/A-2b's marker in the XMP, the VANTHU_CHU_KY
//! destination on the signature page, equal bytes for equal requests; a worker killed with
//! SIGKILL mid-conversion (503, then 200), one past --pdf-timeout, a full queue (429 with
//! Retry-After), 406 and bad ?format=, stale profiles removed at start, the CLI's -o out.pdf.
//! Each server runs one or two workers; no test asserts a duration.
#include <signal.h>
#include <sys/types.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "server_harness.hpp"
#include "test_images.hpp"
#include "test_support.hpp"
#include "vanthu/zip.hpp"
#include "vanthu/text.hpp"

namespace fs = std::filesystem;
using namespace vanthu::test;
using json = nlohmann::json;

namespace {

const fs::path kPlugins = build_dir() / "plugins";
const fs::path kTemplates = build_dir() / "templates";
constexpr const char* kDocuments = "/v1/report-types/nq57-weekly/documents";

std::string weekly_sample() { return read_file(source_dir() / "samples" / "nq57-weekly" / "hai-an-2026-02-11.json"); }

//! The weekly sample with a few hundred long proposals: a document LibreOffice takes seconds
//! (of CPU) to convert, so a test can act while it converts.
std::string long_weekly_input() {
  json input = json::parse(weekly_sample());
  std::string text;
  for (int i = 0; i < 30; ++i) text += "Kiến nghị các Bộ ngành tăng cường hỗ trợ kỹ thuật, chuẩn hóa dữ liệu dùng chung. ";
  input["proposals"] = json::array();
  for (int i = 0; i < 300; ++i) input["proposals"].push_back({{"style", "bullet"}, {"text", text}});
  return input.dump();
}

//! Lower-case words of letters and digits (as golden_test.cpp compares LibreOffice's text).
std::vector<std::string> words(const std::string& utf8) {
  std::string lowered = vanthu::text::lower(vanthu::text::nfc(utf8));
  std::vector<std::string> out;
  std::string current;
  for (unsigned char c : lowered) {
    if (c >= 0x80 || std::isalnum(c)) {
      current += static_cast<char>(c);
    } else if (!current.empty()) {
      out.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

bool contains_words(const std::string& haystack, const std::string& needle) {
  auto h = words(haystack), n = words(needle);
  return !n.empty() && std::search(h.begin(), h.end(), n.begin(), n.end()) != h.end();
}

//! The text of each page (pdftotext -raw), a page's leading page number removed.
std::vector<std::string> pdf_pages(const std::string& pdf, const TempDir& dir) {
  const fs::path file = dir.path() / "text.pdf";
  write_file(file, pdf);
  ProcessResult text = run_process({"pdftotext", "-raw", "-enc", "UTF-8", file.string(), "-"});
  EXPECT_EQ(text.exit_code, 0) << text.err;
  std::vector<std::string> pages;
  std::size_t at = 0;
  while (at < text.out.size()) {
    std::size_t end = text.out.find('\f', at);
    if (end == std::string::npos) end = text.out.size();
    std::string page = text.out.substr(at, end - at);
    const std::size_t eol = page.find('\n');
    if (!pages.empty() && std::regex_match(page.substr(0, eol), std::regex("\\s*\\d+\\s*")))
      page = eol == std::string::npos ? "" : page.substr(eol + 1);
    pages.push_back(page);
    at = end + 1;
  }
  return pages;
}

std::string tool_output(const std::vector<std::string>& argv, const std::string& pdf, const TempDir& dir) {
  const fs::path file = dir.path() / "tool.pdf";
  write_file(file, pdf);
  std::vector<std::string> args = argv;
  args.push_back(file.string());
  ProcessResult result = run_process(args);
  EXPECT_EQ(result.exit_code, 0) << argv[0] << ": " << result.err;
  return result.out;
}

//! qpdf --json: the 1-based page the named destination points at (0: no such destination).
int destination_page(const std::string& pdf, const std::string& name, const TempDir& dir) {
  json j = json::parse(tool_output({"qpdf", "--json"}, pdf, dir));
  const json& objects = j["qpdf"][1];
  auto deref = [&](const json& v) -> json {
    if (v.is_string() && std::regex_match(v.get<std::string>(), std::regex("\\d+ \\d+ R")))
      return objects.at("obj:" + v.get<std::string>()).at("value");
    return v;
  };
  const json root = deref(objects.at("trailer").at("value").at("/Root"));
  if (!root.contains("/Dests")) return 0;
  const json dests = deref(root.at("/Dests"));
  if (!dests.contains("/" + name)) return 0;
  const json dest = deref(dests.at("/" + name));
  const json target = dest.is_array() ? dest : dest.at("/D");
  const std::string page = target.at(0).get<std::string>();
  for (const auto& p : j["pages"])
    if (p["object"] == page) return p["pageposfrom1"].get<int>();
  return 0;
}

std::string xml_element(const std::string& xml, const std::string& tag) {
  const std::size_t open = xml.find("<" + tag);
  const std::size_t start = open == std::string::npos ? open : xml.find('>', open);
  const std::size_t end = start == std::string::npos ? start : xml.find("</" + tag + ">", start);
  return end == std::string::npos ? std::string() : xml.substr(start + 1, end - start - 1);
}

//! An XML element's text with the five predefined entities read.
std::string xml_text(std::string text) {
  for (auto [entity, c] : {std::pair{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&apos;", "'"}, {"&amp;", "&"}})
    for (std::size_t at = text.find(entity); at != std::string::npos; at = text.find(entity, at + 1)) text.replace(at, std::strlen(entity), c);
  return text;
}

//! "Title:           Báo cáo …" of pdfinfo's output: the value ("" when absent).
std::string info_field(const std::string& info, const std::string& name) {
  for (const auto& line : lines_of(info)) {
    if (line.rfind(name + ":", 0) != 0) continue;
    const std::size_t value = line.find_first_not_of(' ', name.size() + 1);
    return value == std::string::npos ? std::string() : line.substr(value);
  }
  return {};
}

std::string xmp_of(const std::string& pdf) {
  const std::size_t from = pdf.find("<x:xmpmeta");
  const std::size_t to = pdf.find("</x:xmpmeta>");
  return from == std::string::npos || to == std::string::npos ? std::string() : pdf.substr(from, to - from);
}

//! The pid in the newest "PDF worker ready" line of the server's log (bounded wait: 90 s).
pid_t ready_worker_pid(const ServerProcess& server, std::size_t after_lines = 0) {
  for (int attempt = 0; attempt < 900; ++attempt) {
    std::vector<std::string> lines = lines_of(server.log());
    for (std::size_t i = lines.size(); i > after_lines; --i) {
      std::smatch m;
      if (std::regex_search(lines[i - 1], m, std::regex("PDF worker ready\\): pid=(\\d+)"))) return std::stoi(m[1]);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return -1;
}

//! CPU time (clock ticks) the process has used; -1 once it is gone.
long cpu_ticks(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), {});
  const std::size_t close = stat.rfind(')');
  if (close == std::string::npos) return -1;
  std::istringstream fields(stat.substr(close + 2));
  std::vector<std::string> f;
  for (std::string x; fields >> x;) f.push_back(x);
  if (f.size() < 13) return -1;
  return std::stol(f[11]) + std::stol(f[12]);  // utime, stime (fields 14 and 15 of stat)
}

//! Waits (bounded: 120 s) until `pid` has used `ticks` more CPU than `since`: it is converting.
bool busy_converting(pid_t pid, long since, long ticks = 40) {
  for (int attempt = 0; attempt < 2400; ++attempt) {
    const long now = cpu_ticks(pid);
    if (now < 0) return false;
    if (now - since >= ticks) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

HttpReply post_document(int port, const std::string& body, const std::string& query = "?format=pdf",
                        std::vector<std::pair<std::string, std::string>> headers = {}) {
  HttpCall call = make_call("POST", kDocuments + query, body, "application/json");
  call.headers = std::move(headers);
  return http(port, call);
}

std::string error_code(const HttpReply& reply) {
  try {
    return reply.json()["errors"][0]["code"].get<std::string>();
  } catch (const std::exception&) {
    return "(not an error body: " + reply.body.substr(0, 200) + ")";
  }
}

}  // namespace

// Every golden sample through the pool: its expected text in order from pdftotext, embedded
// Liberation fonts, title and author as the DOCX's core properties say, VANTHU_CHU_KY on the
// page with the signer's name; templates:render answers a PDF too.
TEST(Pdf, EverySampleThroughThePool) {
  auto server = ServerProcess::start(kPlugins, kTemplates, {"--pdf-workers=2"});
  TempDir dir;
  int cases = 0;
  for (const auto& type : fs::directory_iterator(source_dir() / "tests" / "golden")) {
    for (const auto& sample : fs::directory_iterator(type.path())) {
      const std::string id = type.path().filename().string(), name = sample.path().filename().string();
      SCOPED_TRACE(id + "/" + name);
      const std::string input = read_file(source_dir() / "samples" / id / (name + ".json"));
      const std::string path = "/v1/report-types/" + id + "/documents";
      // Half through Accept, half through ?format=.
      HttpCall call = make_call("POST", path + (cases % 2 ? "?format=pdf" : ""), input, "application/json");
      if (cases % 2 == 0) call.headers = {{"Accept", "application/pdf"}};
      HttpReply pdf = http(server->port(), call);
      ++cases;
      ASSERT_EQ(pdf.status, 200) << pdf.body.substr(0, 500) << server->log();
      EXPECT_EQ(pdf.header("content-type"), "application/pdf");
      EXPECT_NE(pdf.header("content-disposition").find(".pdf"), std::string::npos) << pdf.header("content-disposition");
      EXPECT_EQ(pdf.header("content-disposition").find(".docx"), std::string::npos);
      ASSERT_EQ(pdf.body.rfind("%PDF-", 0), 0u);

      std::vector<std::string> pages = pdf_pages(pdf.body, dir);
      std::string all;
      for (const auto& p : pages) all += p + "\n";
      std::vector<std::string> rendered = words(all);
      std::size_t position = 0;
      std::istringstream expected(read_file(sample.path() / "expected-text.txt"));
      for (std::string line; std::getline(expected, line);) {
        if (line.empty() || line[0] == '#') continue;
        std::vector<std::string> wanted = words(line);
        if (wanted.empty()) continue;
        auto found = std::search(rendered.begin() + static_cast<std::ptrdiff_t>(position), rendered.end(), wanted.begin(), wanted.end());
        ASSERT_NE(found, rendered.end()) << "not found in order: " << line << "\n--- PDF text ---\n" << all;
        position = static_cast<std::size_t>(found - rendered.begin()) + wanted.size();
      }

      const std::string fonts = tool_output({"pdffonts"}, pdf.body, dir);
      std::vector<std::string> font_lines = lines_of(fonts);
      ASSERT_GT(font_lines.size(), 2u) << fonts;
      for (std::size_t i = 2; i < font_lines.size(); ++i) {
        EXPECT_NE(font_lines[i].find("LiberationSerif"), std::string::npos) << font_lines[i];
        EXPECT_TRUE(std::regex_search(font_lines[i], std::regex("\\s+yes\\s+yes\\s+yes\\s+"))) << "not embedded: " << font_lines[i];
      }

      HttpReply docx = http(server->port(), make_call("POST", path, input, "application/json"));
      ASSERT_EQ(docx.status, 200);
      EXPECT_EQ(docx.header("content-type"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
      const std::string core = docx_part(docx.body, "docProps/core.xml");
      const std::string info = tool_output({"pdfinfo", "-enc", "UTF-8"}, pdf.body, dir);
      EXPECT_EQ(info_field(info, "Title"), xml_text(xml_element(core, "dc:title"))) << core;
      EXPECT_EQ(info_field(info, "Author"), xml_text(xml_element(core, "dc:creator"))) << core;

      const std::string signer = json::parse(input)["signature"]["name"].get<std::string>();
      const int page = destination_page(pdf.body, "VANTHU_CHU_KY", dir);
      ASSERT_GT(page, 0) << "no VANTHU_CHU_KY destination";
      EXPECT_TRUE(contains_words(pages.at(static_cast<std::size_t>(page - 1)), signer)) << "page " << page << ":\n"
                                                                                          << pages.at(static_cast<std::size_t>(page - 1));
    }
  }
  EXPECT_GE(cases, 5);

  // POST /v1/templates:render with Accept: application/pdf: any template, as a PDF.
  const std::string boundary = "vanthu-pdf-boundary";
  const std::string form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"template\"; filename=\"mau.docx\"\r\n"
                           "Content-Type: application/octet-stream\r\n\r\n" + read_file(kTemplates / "nq57-weekly.docx") +
                           "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n{}\r\n--" + boundary + "--\r\n";
  HttpCall render = make_call("POST", "/v1/templates:render", form, "multipart/form-data; boundary=" + boundary);
  render.headers = {{"Accept", "application/pdf"}};
  HttpReply rendered = http(server->port(), render);
  ASSERT_EQ(rendered.status, 200) << rendered.body.substr(0, 500);
  EXPECT_EQ(rendered.header("content-type"), "application/pdf");
  EXPECT_NE(rendered.header("content-disposition").find("mau.pdf"), std::string::npos) << rendered.header("content-disposition");
  EXPECT_EQ(rendered.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(server->stop(), 0);
}

// ?format=pdfa: PDF/A-2b (pdfaid:part 2, conformance B in the XMP), the document's date as its
// creation date, equal bytes for equal requests (also from a worker recycled in between); the
// profile of a server killed earlier is gone.
TEST(Pdf, PdfaMarkerDeterminismAndStaleProfiles) {
  TempDir data;
  const fs::path profiles = data.path() / "lo-profiles";
  // A profile left by a server that no longer runs: a pid that was just reaped.
  ProcessResult gone = run_process({"/bin/true"});
  ASSERT_EQ(gone.exit_code, 0);
  const fs::path stale = profiles / "worker-999999999-1";
  fs::create_directories(stale / "lo" / "user");
  write_file(stale / "lo" / "user" / "registrymodifications.xcu", "<half");

  // Recycled after 3 conversions (the warm-up is not one): the 4th request below is answered by
  // a new process, and its bytes still equal the 3rd's.
  auto server = ServerProcess::start(kPlugins, kTemplates,
                                     {"--pdf-workers=1", "--pdf-recycle-after=3", "--data-dir=" + data.path().string()});
  EXPECT_FALSE(fs::exists(stale));
  const std::string input = weekly_sample();
  HttpReply first = post_document(server->port(), input, "?format=pdfa");
  ASSERT_EQ(first.status, 200) << first.body.substr(0, 500) << server->log();
  const std::string xmp = xmp_of(first.body);
  EXPECT_NE(xmp.find("<pdfaid:part>2</pdfaid:part>"), std::string::npos) << xmp;
  EXPECT_NE(xmp.find("<pdfaid:conformance>B</pdfaid:conformance>"), std::string::npos) << xmp;
  EXPECT_NE(xmp.find("<xmp:CreateDate>2026-02-11T00:00:00Z</xmp:CreateDate>"), std::string::npos) << xmp;
  TempDir dir;
  EXPECT_NE(tool_output({"pdfinfo"}, first.body, dir).find("CreationDate:    Wed Feb 11 00:00:00 2026 UTC"), std::string::npos);
  EXPECT_GT(destination_page(first.body, "VANTHU_CHU_KY", dir), 0);
  HttpReply second = post_document(server->port(), input, "?format=pdfa");
  ASSERT_EQ(second.status, 200);
  EXPECT_TRUE(first.body == second.body) << "PDF/A differs between equal requests";
  HttpReply plain = post_document(server->port(), input, "?format=pdf");
  ASSERT_EQ(plain.status, 200);
  EXPECT_EQ(xmp_of(plain.body).find("pdfaid:part"), std::string::npos);
  HttpReply plain_again = post_document(server->port(), input, "?format=pdf");
  ASSERT_EQ(plain_again.status, 200) << server->log();
  EXPECT_TRUE(plain.body == plain_again.body) << "PDF differs between equal requests (across a recycled worker)";
  EXPECT_TRUE(log_has_line(*server, {"(recycled)"})) << server->log();

  json ready = http_get(server->port(), "/readyz").json();
  EXPECT_EQ(ready["checks"]["pdf_workers"]["configured"], 1);
  EXPECT_EQ(server->stop(), 0);
  // The server's own profiles go with it.
  std::error_code error;
  EXPECT_TRUE(!fs::exists(profiles) || fs::is_empty(profiles, error)) << "profiles left in " << profiles;
}

// A worker killed with SIGKILL while it converts: that request 503 converter_failed (Vietnamese
// message, Retry-After), the next one a PDF from the restarted worker.
TEST(Pdf, WorkerKilledMidConversionThenNextRequestWorks) {
  auto server = ServerProcess::start(kPlugins, kTemplates, {"--pdf-workers=1", "--pdf-timeout=300"});
  const pid_t worker = ready_worker_pid(*server);
  ASSERT_GT(worker, 0) << server->log();
  const long before = cpu_ticks(worker);
  HttpReply killed;
  std::thread client([&] { killed = post_document(server->port(), long_weekly_input()); });
  ASSERT_TRUE(busy_converting(worker, before)) << server->log();
  ASSERT_EQ(::kill(worker, SIGKILL), 0);
  client.join();
  EXPECT_EQ(killed.status, 503) << killed.body;
  EXPECT_EQ(error_code(killed), "converter_failed");
  EXPECT_FALSE(killed.header("retry-after").empty());
  EXPECT_NE(killed.body.find("Không chuyển được văn bản sang PDF"), std::string::npos) << killed.body;
  EXPECT_TRUE(log_has_line(*server, {"crashed", "pid=" + std::to_string(worker)})) << server->log();

  HttpReply next = post_document(server->port(), weekly_sample());
  EXPECT_EQ(next.status, 200) << next.body.substr(0, 300) << server->log();
  EXPECT_EQ(next.body.rfind("%PDF-", 0), 0u);
  EXPECT_NE(ready_worker_pid(*server), worker);
  EXPECT_TRUE(server->running());
  // /metrics tells the operator: one restart after a crash, one failed and one good conversion.
  const std::string metrics = http_get(server->port(), "/metrics").body;
  EXPECT_THAT(metrics, ::testing::HasSubstr("vanthu_pdf_worker_restarts_total{reason=\"crashed\"} 1\n"));
  EXPECT_THAT(metrics, ::testing::HasSubstr("vanthu_pdf_conversions_total{outcome=\"failed\"} 1\n"));
  EXPECT_THAT(metrics, ::testing::HasSubstr("vanthu_pdf_conversions_total{outcome=\"ok\"} 1\n"));
  EXPECT_THAT(metrics, ::testing::HasSubstr("vanthu_pdf_workers 1\n"));
  EXPECT_THAT(metrics, ::testing::HasSubstr("vanthu_pdf_queue_length 0\n"));
}

// A conversion past --pdf-timeout: the worker is killed, that request 503, a later one a PDF.
TEST(Pdf, ConversionPastTheTimeLimitIsKilled) {
  auto server = ServerProcess::start(kPlugins, kTemplates, {"--pdf-workers=1", "--pdf-timeout=1"});
  const pid_t worker = ready_worker_pid(*server);
  ASSERT_GT(worker, 0) << server->log();
  HttpReply slow = post_document(server->port(), long_weekly_input());
  EXPECT_EQ(slow.status, 503) << slow.body.substr(0, 300);
  EXPECT_EQ(error_code(slow), "converter_failed");
  EXPECT_TRUE(log_has_line(*server, {"timed out", "pid=" + std::to_string(worker)})) << server->log();
  // The small document within 1 s: on a loaded machine a try may miss it, so a few tries.
  int status = 0;
  for (int attempt = 0; attempt < 5 && status != 200; ++attempt) status = post_document(server->port(), weekly_sample()).status;
  EXPECT_EQ(status, 200) << server->log();
}

// One worker, a queue of one: while it converts and one request waits, the next is refused
// with 429 converter_busy and Retry-After.
TEST(Pdf, FullQueueAnswers429WithRetryAfter) {
  auto server = ServerProcess::start(kPlugins, kTemplates, {"--pdf-workers=1", "--pdf-queue=1", "--pdf-timeout=300"});
  const pid_t worker = ready_worker_pid(*server);
  ASSERT_GT(worker, 0) << server->log();
  const std::string slow = long_weekly_input();
  const long before = cpu_ticks(worker);
  std::vector<HttpReply> replies(3);
  std::atomic<int> answered[3] = {0, 0, 0};  // replies[i] may be read once answered[i] is set
  std::vector<std::thread> clients;
  auto send = [&](std::size_t i) {
    try {
      replies[i] = post_document(server->port(), slow);
    } catch (const std::exception&) {
      replies[i].status = -1;  // the server stopped under it (below)
    }
    answered[i] = 1;
  };
  clients.emplace_back(send, 0);
  ASSERT_TRUE(busy_converting(worker, before)) << server->log();
  clients.emplace_back(send, 1);
  clients.emplace_back(send, 2);
  // One of the two later requests waits in the queue, the other is refused at once.
  HttpReply refused;
  for (int attempt = 0; attempt < 2400 && refused.status == 0; ++attempt) {
    for (std::size_t i = 1; i < 3; ++i)
      if (answered[i] && replies[i].status == 429) refused = replies[i];
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(refused.status, 429) << server->log();
  EXPECT_EQ(error_code(refused), "converter_busy");
  EXPECT_FALSE(refused.header("retry-after").empty());
  EXPECT_GE(std::stoi(refused.header("retry-after")), 1);
  EXPECT_NE(refused.body.find("hàng đợi đã đầy"), std::string::npos) << refused.body;
  // No need to wait for the two long conversions.
  server.reset();
  for (auto& c : clients) c.join();
  EXPECT_NE(replies[0].status, 429);
  EXPECT_EQ((replies[1].status == 429) + (replies[2].status == 429), 1);
}

// Accept and ?format= without any worker: 406 for what no document route gives, 400 for a
// format or parameter it does not know, 503 converter_unavailable for a PDF with no workers.
TEST(Pdf, NotAcceptableBadFormatAndNoWorkers) {
  auto server = ServerProcess::start(kPlugins, kTemplates);  // --pdf-workers=0 (the harness's default)
  const std::string input = weekly_sample();
  HttpReply html = post_document(server->port(), input, "", {{"Accept", "text/html"}});
  EXPECT_EQ(html.status, 406);
  EXPECT_EQ(error_code(html), "not_acceptable");
  EXPECT_NE(html.body.find("application/pdf"), std::string::npos) << html.body;
  HttpReply conflict = post_document(server->port(), input, "?format=pdf",
                                     {{"Accept", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}});
  EXPECT_EQ(conflict.status, 406);
  HttpReply excluded = post_document(server->port(), input, "", {{"Accept", "application/pdf;q=0, text/plain"}});
  EXPECT_EQ(excluded.status, 406);
  HttpReply bad = post_document(server->port(), input, "?format=xls");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(error_code(bad), "invalid_format");
  EXPECT_EQ(bad.json()["errors"][0]["path"], "?format");
  HttpReply typo = post_document(server->port(), input, "?formt=pdf");
  EXPECT_EQ(typo.status, 400);
  EXPECT_EQ(error_code(typo), "unknown_parameter");
  HttpReply none = post_document(server->port(), input, "", {{"Accept", "application/pdf"}});
  EXPECT_EQ(none.status, 503);
  EXPECT_EQ(error_code(none), "converter_unavailable");
  EXPECT_FALSE(none.header("retry-after").empty());
  HttpReply docx = post_document(server->port(), input, "?format=docx", {{"Accept", "*/*"}});
  EXPECT_EQ(docx.status, 200);
  EXPECT_NE(docx.header("content-disposition").find(".docx"), std::string::npos);
  HttpCall render = make_call("POST", "/v1/templates:render?format=pdf", "x", "multipart/form-data; boundary=b");
  render.headers = {{"Accept", "image/png"}};
  EXPECT_EQ(http(server->port(), render).status, 406);
}

// vanthu render … -o out.pdf and vanthu fill … --format=pdfa: a one-worker pool for the command.
TEST(Pdf, CommandLineWritesPdf) {
  TempDir dir;
  const fs::path out = dir.path() / "bao-cao.pdf";
  const std::string vanthu = vanthu_binary().string();
  const fs::path sample = source_dir() / "samples" / "nq57-weekly" / "hai-an-2026-02-11.json";
  ProcessResult render = run_process({vanthu, "render", "nq57-weekly", sample.string(), "-o", out.string(),
                                      "--plugins-dir=" + kPlugins.string(), "--templates-dir=" + kTemplates.string()});
  ASSERT_EQ(render.exit_code, 0) << render.err;
  const std::string pdf = read_file(out);
  ASSERT_EQ(pdf.rfind("%PDF-", 0), 0u);
  std::string text;
  for (const auto& page : pdf_pages(pdf, dir)) text += page;
  EXPECT_TRUE(contains_words(text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")) << text;
  EXPECT_TRUE(contains_words(text, "Cao Huy Hiếu")) << text;

  const fs::path data = dir.path() / "data.json";
  write_file(data, "{}");
  const fs::path filled = dir.path() / "van-ban.bin";
  ProcessResult fill = run_process({vanthu, "fill", (kTemplates / "nq57-weekly.docx").string(), data.string(), "-o",
                                    filled.string(), "--format=pdfa"});
  ASSERT_EQ(fill.exit_code, 0) << fill.err;
  EXPECT_NE(xmp_of(read_file(filled)).find("<pdfaid:part>2</pdfaid:part>"), std::string::npos);

  // A {%x} image reaches the PDF as an image XObject of its size (LibreOffice read the DOCX's picture).
  {
    std::string docx;
    vanthu::ZipWriter writer(docx);
    writer.add("[Content_Types].xml",
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
               "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
               "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" "
               "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>",
               6);
    writer.add("_rels/.rels",
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
               "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
               "Target=\"word/document.xml\"/></Relationships>",
               6);
    writer.add("word/document.xml",
               "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
               "<w:body><w:p><w:r><w:t xml:space=\"preserve\">Ảnh: {%anh} {%logo}</w:t></w:r></w:p><w:sectPr/></w:body></w:document>",
               6);
    writer.finish();
    const fs::path tpl = dir.path() / "anh.docx", image_data = dir.path() / "anh.json", out = dir.path() / "anh.pdf";
    write_file(tpl, docx);
    write_file(dir.path() / "anh.png", make_png(40, 20, 96));
    write_file(image_data, nlohmann::json{{"anh", {{"file", "anh.png"}, {"width_cm", 4}}}, {"logo", base64_of(make_jpeg(16, 8, 72))}}.dump());
    ProcessResult with_image = run_process({vanthu, "fill", tpl.string(), image_data.string(), "-o", out.string()});
    ASSERT_EQ(with_image.exit_code, 0) << with_image.err;
    ProcessResult images = run_process({"pdfimages", "-list", out.string()});
    ASSERT_EQ(images.exit_code, 0) << images.err;
    EXPECT_THAT(images.out, ::testing::ContainsRegex("image +40 +20 ")) << images.out;
    EXPECT_THAT(images.out, ::testing::ContainsRegex("image +16 +8 ")) << images.out;
  }

  const fs::path refused = dir.path() / "khong.pdf";
  ProcessResult bad = run_process({vanthu, "render", "nq57-weekly", sample.string(), "-o", refused.string(), "--format=xls",
                                   "--plugins-dir=" + kPlugins.string(), "--templates-dir=" + kTemplates.string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--format=xls"), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(refused));
}
