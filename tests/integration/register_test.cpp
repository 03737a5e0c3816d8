//! The register of outgoing documents (sổ đăng ký văn bản đi) and issuing: numbers per issuing
//! body and year, from 01, no gaps and no repeats under concurrent writers and `kill -9`; the
//! issued file numbered, dated and immutable; withdrawal recorded; the register's files; the
//! records office's HTTP routes and their access rules; `vanthu issue|withdraw|register`.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <random>
#include <set>
#include <thread>

#include <Poco/SHA2Engine.h>

#include "plugin_registry.hpp"
#include "register/sqlite_register.hpp"
#include "server_harness.hpp"
#include "sqlite_template_store.hpp"
#include "test_support.hpp"
#include "usecases/issue_document.hpp"
#include "usecases/register_export.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

const host::PluginRegistry& registry() {
  static host::PluginRegistry loaded = host::PluginRegistry::load(build_dir() / "plugins", build_dir() / "templates");
  return loaded;
}

json sample(const std::string& type, const std::string& name) {
  return json::parse(read_file(source_dir() / "samples" / type / (name + ".json")));
}
json weekly() { return sample("nq57-weekly", "hai-an-2026-02-11"); }

std::string sha256_hex(const std::string& bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::string text_of(const std::string& docx) { return docx_text(docx_part(docx, "word/document.xml")); }

//! A draft of `input` for `agency`, issued on `date`.
host::IssueResult issue(host::DocumentRegister& documents, host::TemplateStore& templates, const json& input,
                        const std::string& date, const std::string& agency = "hai-an",
                        const std::string& type = "nq57-weekly") {
  host::DraftOutcome draft = host::create_draft(documents, *registry().find(type), agency, input.dump(), "test");
  if (draft.status != host::DraftOutcome::Status::created) throw std::runtime_error("draft refused: " + input.dump().substr(0, 80));
  host::IssueOptions options;
  options.date = vanthu::Date::parse_iso(date);
  options.issued_by = "test";
  return host::issue_document(documents, templates, registry(), draft.document.id, options);
}

class Register : public ::testing::Test {
 protected:
  TempDir dir;
  host::SqliteRegister documents{dir.path()};
  host::SqliteTemplateStore templates{dir.path()};
};

TEST_F(Register, IssuingNumbersDatesAndStoresTheFinalFile) {
  host::IssueResult first = issue(documents, templates, weekly(), "2026-02-11");
  ASSERT_EQ(first.status, host::IssueResult::Status::issued) << first.detail;
  EXPECT_EQ(first.entry.number, 1);
  EXPECT_EQ(first.entry.number_symbol, "01/BC-BCĐ");
  EXPECT_EQ(first.entry.year, 2026);
  EXPECT_EQ(first.entry.date, "2026-02-11");
  EXPECT_EQ(first.entry.issuer, "BAN CHỈ ĐẠO PHÁT TRIỂN KHOA HỌC, CÔNG NGHỆ, ĐỔI MỚI SÁNG TẠO VÀ CHUYỂN ĐỔI SỐ");
  EXPECT_EQ(first.entry.signer, "Cao Huy Hiếu");
  EXPECT_EQ(first.entry.template_label, "built-in");
  EXPECT_THAT(first.entry.title, HasSubstr("Báo cáo"));
  EXPECT_EQ(first.entry.copies, static_cast<int>(weekly()["recipients"].size()) + 1);
  EXPECT_EQ(first.entry.sha256, sha256_hex(first.file.bytes));
  const std::string text = text_of(first.file.bytes);
  EXPECT_THAT(text, HasSubstr("Số: 01/BC-BCĐ"));
  EXPECT_THAT(text, HasSubstr("ngày 11 tháng 02 năm 2026"));

  host::IssueResult second = issue(documents, templates, weekly(), "2026-02-18");
  ASSERT_EQ(second.status, host::IssueResult::Status::issued);
  EXPECT_EQ(second.entry.number_symbol, "02/BC-BCĐ");
  EXPECT_THAT(text_of(second.file.bytes), HasSubstr("Số: 02/BC-BCĐ"));

  // The stored file is the one handed out, byte for byte.
  std::optional<host::IssuedFile> stored = documents.file(first.entry.document_id);
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->bytes, first.file.bytes);
  EXPECT_EQ(stored->sha256, first.entry.sha256);
}

TEST_F(Register, ReissuingIsRefusedAndWithdrawalIsAnEventNotADeletion) {
  host::IssueResult issued = issue(documents, templates, weekly(), "2026-02-11");
  ASSERT_EQ(issued.status, host::IssueResult::Status::issued);
  const std::string id = issued.entry.document_id;
  host::IssueResult again = host::issue_document(documents, templates, registry(), id, {});
  EXPECT_EQ(again.status, host::IssueResult::Status::already_issued);
  EXPECT_EQ(again.entry.number, 1);

  auto withdrawn = documents.withdraw(id, "vt", "Sai số liệu tuần");
  ASSERT_EQ(withdrawn.status, host::DocumentRegister::WithdrawOutcome::Status::withdrawn);
  EXPECT_TRUE(withdrawn.entry.withdrawn);
  EXPECT_EQ(withdrawn.entry.withdrawn_reason, "Sai số liệu tuần");
  EXPECT_EQ(documents.withdraw(id, "vt", "lần hai").status, host::DocumentRegister::WithdrawOutcome::Status::already_withdrawn);
  EXPECT_EQ(host::issue_document(documents, templates, registry(), id, {}).status, host::IssueResult::Status::withdrawn);

  // Still in the register, with its file; its number is never given again.
  auto entries = documents.entries("hai-an", 2026);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_TRUE(entries[0].withdrawn);
  EXPECT_THAT(host::register_note(entries[0]), HasSubstr("Đã thu hồi ngày"));
  EXPECT_TRUE(documents.file(id));
  EXPECT_EQ(issue(documents, templates, weekly(), "2026-02-12").entry.number, 2);

  // A draft cannot be withdrawn; an unknown id is not found.
  host::DraftOutcome draft = host::create_draft(documents, *registry().find("nq57-weekly"), "hai-an", weekly().dump(), "t");
  EXPECT_EQ(documents.withdraw(draft.document.id, "vt", "x").status, host::DocumentRegister::WithdrawOutcome::Status::not_issued);
  EXPECT_EQ(documents.withdraw("doc_nope", "vt", "x").status, host::DocumentRegister::WithdrawOutcome::Status::not_found);
  EXPECT_EQ(host::issue_document(documents, templates, registry(), "doc_nope", {}).status, host::IssueResult::Status::not_found);
}

TEST_F(Register, EachIssuingBodyAndYearHasItsOwnBookFromOne) {
  // The Steering Committee, the UBND and the HĐND of one ward number separately (Art. 15).
  EXPECT_EQ(issue(documents, templates, weekly(), "2026-02-11").entry.number_symbol, "01/BC-BCĐ");
  host::IssueResult ubnd = issue(documents, templates, sample("dean06-monthly", "hai-an-2026-04"), "2026-04-17", "hai-an", "dean06-monthly");
  ASSERT_EQ(ubnd.status, host::IssueResult::Status::issued) << ubnd.detail;
  EXPECT_EQ(ubnd.entry.number_symbol, "01/UBND-VHXH");
  host::IssueResult hdnd = issue(documents, templates, sample("hdnd-quarterly", "hai-an-2026-q2"), "2026-06-19", "hai-an", "hdnd-quarterly");
  ASSERT_EQ(hdnd.status, host::IssueResult::Status::issued) << hdnd.detail;
  EXPECT_EQ(hdnd.entry.number, 1);
  EXPECT_EQ(issue(documents, templates, weekly(), "2026-12-31").entry.number_symbol, "02/BC-BCĐ");
  // 1 January: a new year, a new book from 01.
  host::IssueResult new_year = issue(documents, templates, weekly(), "2027-01-01");
  EXPECT_EQ(new_year.entry.number_symbol, "01/BC-BCĐ");
  EXPECT_EQ(new_year.entry.year, 2027);
  EXPECT_THAT(text_of(new_year.file.bytes), HasSubstr("ngày 01 tháng 01 năm 2027"));
  // Another ward's register is its own.
  host::IssueResult other = issue(documents, templates, sample("nq57-periodic", "an-hai-2025-11"), "2025-11-20", "an-hai", "nq57-periodic");
  ASSERT_EQ(other.status, host::IssueResult::Status::issued) << other.detail;
  EXPECT_EQ(other.entry.number, 1);
  EXPECT_EQ(documents.entries("hai-an", 2026).size(), 4u);
  EXPECT_EQ(documents.entries("hai-an", 2027).size(), 1u);
  EXPECT_EQ(documents.entries("an-hai", 2025).size(), 1u);
  EXPECT_TRUE(documents.entries("an-hai", 2026).empty());
  EXPECT_TRUE(documents.entries("le-chan", 2026).empty());
}

TEST_F(Register, ADateBeforeTheLastIssuedIsRefusedAndUsesNoNumber) {
  ASSERT_EQ(issue(documents, templates, weekly(), "2026-02-11").entry.number, 1);
  host::IssueResult early = issue(documents, templates, weekly(), "2026-02-10");
  ASSERT_EQ(early.status, host::IssueResult::Status::invalid);
  ASSERT_EQ(early.problems.size(), 1u);
  EXPECT_EQ(early.problems[0].path, "/date");
  EXPECT_EQ(early.problems[0].code, "date_before_last_issued");
  EXPECT_THAT(early.problems[0].message, HasSubstr("11/02/2026"));
  EXPECT_EQ(issue(documents, templates, weekly(), "2026-02-11").entry.number, 2);  // same day is fine
}

TEST_F(Register, AnInvalidDraftIsRefusedWithPathsUnderInput) {
  json input = weekly();
  input["period"]["from"] = "2026-02-30";
  input.erase("signature");
  host::DraftOutcome draft = host::create_draft(documents, *registry().find("nq57-weekly"), "hai-an", input.dump(), "t");
  ASSERT_EQ(draft.status, host::DraftOutcome::Status::invalid_input);
  std::set<std::string> paths;
  for (const auto& p : draft.problems) paths.insert(p.path);
  EXPECT_TRUE(paths.count("/input/period/from")) << ::testing::PrintToString(paths);
  EXPECT_TRUE(paths.count("/input/signature")) << ::testing::PrintToString(paths);
  EXPECT_EQ(host::create_draft(documents, *registry().find("nq57-weekly"), "hai-an", "{", "t").status,
            host::DraftOutcome::Status::malformed);
}

TEST_F(Register, TheSameDraftIssuedTheSameWayGivesTheSameBytes) {
  TempDir other_dir;
  host::SqliteRegister other(other_dir.path());
  host::SqliteTemplateStore other_templates(other_dir.path());
  host::IssueResult a = issue(documents, templates, weekly(), "2026-02-11");
  host::IssueResult b = issue(other, other_templates, weekly(), "2026-02-11");
  EXPECT_EQ(a.entry.sha256, b.entry.sha256);
}

TEST_F(Register, EightWritersTimesFiftyGiveOneToFourHundred) {
  // Each writer has its own connection (as separate processes would), so the numbers rest on
  // SQLite's write lock, not on the object's mutex.
  constexpr int kWriters = 8, kEach = 50;
  std::vector<std::string> drafts;
  for (int i = 0; i < kWriters * kEach; ++i)
    drafts.push_back(documents.create_draft("hai-an", "nq57-weekly", weekly().dump(), "t").id);
  std::atomic<int> failures{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < kWriters; ++w)
    writers.emplace_back([&, w] {
      host::SqliteRegister mine(dir.path());
      host::SqliteTemplateStore my_templates(dir.path());
      for (int i = 0; i < kEach; ++i) {
        host::IssueOptions options;
        options.date = vanthu::Date{2026, 3, 2};
        host::IssueResult r = host::issue_document(mine, my_templates, registry(), drafts[w * kEach + i], options);
        if (r.status != host::IssueResult::Status::issued) ++failures;
      }
    });
  for (auto& t : writers) t.join();
  EXPECT_EQ(failures.load(), 0);
  auto entries = documents.entries("hai-an", 2026);
  ASSERT_EQ(entries.size(), static_cast<std::size_t>(kWriters * kEach));
  std::set<std::string> ids;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].number, static_cast<int>(i) + 1);  // ordered by number: 1…400, no gap, no repeat
    ids.insert(entries[i].document_id);
  }
  EXPECT_EQ(ids.size(), entries.size());
  // Spot-check that each file carries its own number.
  for (int n : {1, 137, 400}) {
    const auto& e = entries[static_cast<std::size_t>(n - 1)];
    EXPECT_THAT(text_of(documents.file(e.document_id)->bytes), HasSubstr("Số: " + e.number_symbol)) << n;
  }
}

TEST_F(Register, TheRegisterFilesHaveTheDecreesColumnsAndEveryEntry) {
  issue(documents, templates, weekly(), "2026-02-11");
  host::IssueResult second = issue(documents, templates, weekly(), "2026-02-18");
  documents.withdraw(second.entry.document_id, "vt", "Nhầm kỳ báo cáo");
  auto entries = documents.entries("hai-an", 2026);
  const std::string docx = host::register_docx("hai-an", 2026, entries);
  const std::string text = text_of(docx);
  for (const char* column : {"Số, ký hiệu văn bản", "Ngày tháng văn bản", "Tên loại và trích yếu nội dung văn bản", "Người ký",
                             "Nơi nhận văn bản", "Đơn vị, người nhận bản lưu", "Số lượng bản", "Ghi chú"})
    EXPECT_THAT(text, HasSubstr(column));
  EXPECT_THAT(text, HasSubstr("SỔ ĐĂNG KÝ VĂN BẢN ĐI"));
  EXPECT_THAT(text, HasSubstr("01/BC-BCĐ"));
  EXPECT_THAT(text, HasSubstr("02/BC-BCĐ"));
  EXPECT_THAT(text, HasSubstr("Nhầm kỳ báo cáo"));
  EXPECT_EQ(docx, host::register_docx("hai-an", 2026, entries));  // deterministic
  EXPECT_NO_THROW(canonical_xml(docx_part(docx, "word/document.xml")));

  const std::string xlsx = host::register_xlsx("hai-an", 2026, entries);
  const std::string sheet = docx_part(xlsx, "xl/worksheets/sheet1.xml");
  EXPECT_NO_THROW(canonical_xml(sheet));
  EXPECT_THAT(sheet, HasSubstr("01/BC-BCĐ"));
  EXPECT_THAT(sheet, HasSubstr("Người ký"));
  EXPECT_NO_THROW(canonical_xml(docx_part(xlsx, "xl/workbook.xml")));

  // An empty year is still a register, with its header row.
  EXPECT_THAT(text_of(host::register_docx("hai-an", 2025, {})), HasSubstr("Chưa có văn bản nào"));
}

TEST_F(Register, ADatabaseFromANewerVanthuIsRefused) {
  documents.entries("hai-an", 2026);  // opens and migrates
  ProcessResult sqlite = run_process({"/usr/bin/env", "python3", "-c",
                                      "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                                      "c.execute(\"INSERT INTO register_migrations VALUES (99, 'x')\"); c.commit()",
                                      (dir.path() / "templates.sqlite").string()});
  ASSERT_EQ(sqlite.exit_code, 0) << sqlite.err;
  host::SqliteRegister newer(dir.path());
  try {
    newer.entries("hai-an", 2026);
    FAIL() << "a newer schema was read";
  } catch (const std::runtime_error& e) {
    EXPECT_THAT(e.what(), HasSubstr("phiên bản Vanthu mới hơn"));
  }
}

TEST_F(Register, EntriesCannotBeChangedOrDeletedEvenInTheDatabase) {
  issue(documents, templates, weekly(), "2026-02-11");
  for (const char* sql : {"UPDATE register_entries SET number = 7", "DELETE FROM register_entries"}) {
    ProcessResult r = run_process({"/usr/bin/env", "python3", "-c",
                                   "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()",
                                   (dir.path() / "templates.sqlite").string(), sql});
    EXPECT_NE(r.exit_code, 0) << sql;
    EXPECT_THAT(r.err, HasSubstr("register entries are")) << sql;
  }
  EXPECT_EQ(documents.entries("hai-an", 2026).at(0).number, 1);
}

// ---------------------------------------------------------------------------------------------
// kill -9 while issuing: nothing lost, nothing repeated.

TEST(RegisterCrash, KillNineDuringIssuingLosesAndRepeatsNoNumber) {
  TempDir dir;
  const fs::path input = dir.path() / "weekly.json";
  write_file(input, weekly().dump());
  std::mt19937 random(20261202);
  int completed = 0;
  auto spawn = [&](int day) {
    pid_t pid = ::fork();
    if (pid == 0) {
      const std::string date = "--date=2026-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
      const std::string out = (dir.path() / ("out-" + std::to_string(::getpid()) + ".docx")).string();
      int null = ::open("/dev/null", O_WRONLY);
      ::dup2(null, 1);
      ::dup2(null, 2);
      ::execl(vanthu_binary().c_str(), "vanthu", "issue", "nq57-weekly", input.c_str(), "--agency=hai-an", date.c_str(),
              ("--data-dir=" + dir.path().string()).c_str(), "-o", out.c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    return pid;
  };
  for (int round = 0; round < 15; ++round) {
    std::vector<pid_t> children;
    for (int i = 0; i < 3; ++i) children.push_back(spawn(1 + round));
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(20, 400)(random)));
    for (pid_t pid : children) ::kill(pid, SIGKILL);
    for (pid_t pid : children) {
      int status = 0;
      ::waitpid(pid, &status, 0);
      if (WIFEXITED(status) && WEXITSTATUS(status) == 0) ++completed;
    }
  }
  // Then issuing goes on from where the book stands.
  ProcessResult last = run_process({vanthu_binary().string(), "issue", "nq57-weekly", input.string(), "--agency=hai-an",
                                    "--date=2026-03-31", "--data-dir=" + dir.path().string(), "-o",
                                    (dir.path() / "last.docx").string()});
  ASSERT_EQ(last.exit_code, 0) << last.err;

  host::SqliteRegister documents(dir.path());
  auto entries = documents.entries("hai-an", 2026);
  ASSERT_FALSE(entries.empty());
  EXPECT_GE(static_cast<int>(entries.size()), completed + 1);  // every issue that reported success is there
  for (std::size_t i = 0; i < entries.size(); ++i) {
    ASSERT_EQ(entries[i].number, static_cast<int>(i) + 1) << "gap or repeat at " << i;
    std::optional<host::IssuedFile> file = documents.file(entries[i].document_id);
    ASSERT_TRUE(file);
    EXPECT_EQ(sha256_hex(file->bytes), entries[i].sha256);
    EXPECT_THAT(text_of(file->bytes), HasSubstr("Số: " + entries[i].number_symbol));
  }
  EXPECT_THAT(last.out, HasSubstr(entries.back().number_symbol));
  RecordProperty("issued_after_kills", static_cast<int>(entries.size()));
}

// ---------------------------------------------------------------------------------------------
// Over HTTP.

class RegisterHttp : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates"); }
  static void TearDownTestSuite() { server_.reset(); }
  static int port() { return server_->port(); }

  static HttpReply post(const std::string& path, const json& body, const std::string& token = {}) {
    HttpCall call = make_call("POST", path, body.dump(), "application/json");
    return token.empty() ? http(port(), call) : http(port(), with_token(call, token));
  }
  static std::string draft(const std::string& agency = "hai-an", const std::string& token = {}) {
    HttpReply r = post("/v1/documents", {{"report_type", "nq57-weekly"}, {"agency", agency}, {"input", weekly()}}, token);
    if (r.status != 201) throw std::runtime_error("draft: " + std::to_string(r.status) + " " + r.body);
    return r.json()["id"];
  }
  static std::unique_ptr<ServerProcess> server_;
};
std::unique_ptr<ServerProcess> RegisterHttp::server_;

TEST_F(RegisterHttp, DraftIssueDownloadRegisterWithdraw) {
  HttpReply made = post("/v1/documents", {{"report_type", "nq57-weekly"}, {"agency", "hai-an"}, {"input", weekly()}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.json()["id"];
  EXPECT_EQ(made.header("Location"), "/v1/documents/" + id);
  EXPECT_EQ(made.json()["state"], "draft");
  EXPECT_EQ(http_get(port(), "/v1/documents/" + id).json()["state"], "draft");
  expect_error_reply(http_get(port(), "/v1/documents/" + id + "/file"), 409, "not_issued");

  HttpReply issued = post("/v1/documents/" + id + ":issue", {{"date", "2026-02-11"}});
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_THAT(issued.header("Content-Type"), HasSubstr("wordprocessingml"));
  const std::string number = issued.header("X-Vanthu-Number");
  EXPECT_THAT(number, ::testing::MatchesRegex("[0-9][0-9]+/BC-BCĐ"));
  EXPECT_THAT(text_of(issued.body), HasSubstr("Số: " + number));
  EXPECT_EQ(issued.header("X-Vanthu-Sha256"), sha256_hex(issued.body));

  expect_error_reply(post("/v1/documents/" + id + ":issue", json::object()), 409, "already_issued");
  HttpReply file = http_get(port(), "/v1/documents/" + id + "/file");
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body, issued.body);
  HttpReply shown = http_get(port(), "/v1/documents/" + id);
  EXPECT_EQ(shown.json()["state"], "issued");
  EXPECT_EQ(shown.json()["register_entry"]["number_symbol"], number);

  HttpReply book = http_get(port(), "/v1/registers/hai-an/2026");
  ASSERT_EQ(book.status, 200) << book.body;
  bool found = false;
  const json listed = book.json();
  for (const auto& e : listed["entries"]) found = found || e["document_id"] == id;
  EXPECT_TRUE(found) << id;
  HttpReply docx = http_get(port(), "/v1/registers/hai-an/2026?format=docx");
  EXPECT_EQ(docx.status, 200);
  EXPECT_THAT(text_of(docx.body), HasSubstr(number));
  HttpReply xlsx = http_get(port(), "/v1/registers/hai-an/2026?format=xlsx");
  EXPECT_EQ(xlsx.status, 200);
  EXPECT_THAT(xlsx.header("Content-Type"), HasSubstr("spreadsheetml"));
  expect_error_reply(http_get(port(), "/v1/registers/hai-an/2026?format=pdf"), 400, "invalid_format", "?format");
  expect_error_reply(http_get(port(), "/v1/registers/hai-an/2026?formt=docx"), 400, "unknown_parameter");
  expect_error_reply(http_get(port(), "/v1/registers/hai-an/26"), 400, "invalid_year");

  expect_error_reply(post("/v1/documents/" + id + ":withdraw", json::object()), 422, "required", "/reason");
  HttpReply withdrawn = post("/v1/documents/" + id + ":withdraw", {{"reason", "Sai số liệu"}});
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_TRUE(withdrawn.json()["withdrawn"].get<bool>());
  expect_error_reply(post("/v1/documents/" + id + ":withdraw", {{"reason", "lần nữa"}}), 409, "already_withdrawn");
  EXPECT_EQ(http_get(port(), "/v1/documents/" + id + "/file").status, 200);  // kept
}

TEST_F(RegisterHttp, IssuingAPdfWithoutAConverterIs503AndUsesNoNumber) {
  // This server has no PDF workers (the harness's --pdf-workers=0): a PDF or PDF/A cannot be
  // made, so nothing is numbered; the same draft issued as DOCX then takes number 1. A
  // ward of its own (the suite's server is shared): its book is this test's alone.
  const std::string id = draft("kien-an");
  const auto last_number = [] {
    const json book = http_get(port(), "/v1/registers/kien-an/2026").json();
    return book["entries"].empty() ? 0 : book["entries"].back()["number"].get<int>();
  };
  const int before = last_number();
  for (const char* format : {"pdf", "pdfa"}) {
    HttpReply refused = post("/v1/documents/" + id + ":issue", {{"date", "2026-02-11"}, {"format", format}});
    expect_error_reply(refused, 503, "converter_unavailable");
    EXPECT_FALSE(refused.header("Retry-After").empty()) << format;
    EXPECT_THAT(refused.body, HasSubstr("Chưa cấp số")) << refused.body;
    EXPECT_EQ(last_number(), before) << format << ": no number was used";
    EXPECT_EQ(http_get(port(), "/v1/documents/" + id).json()["state"], "draft");
  }
  HttpReply issued = post("/v1/documents/" + id + ":issue", {{"date", "2026-02-11"}, {"format", "docx"}});
  ASSERT_EQ(issued.status, 200) << issued.body;
  EXPECT_EQ(before, 0);
  EXPECT_EQ(last_number(), 1) << "the first number of the book: none was used";
}

TEST_F(RegisterHttp, BadRequestsNameTheField) {
  expect_error_reply(post("/v1/documents", {{"report_type", "nq57-weekly"}, {"agency", "hai-an"}, {"input", weekly()}, {"agnecy", "x"}}),
               400, "unknown_field", "/agnecy");
  expect_error_reply(post("/v1/documents", {{"report_type", "nq57-weekly"}, {"input", weekly()}}), 422, "required", "/agency");
  expect_error_reply(post("/v1/documents", {{"report_type", "nope"}, {"agency", "hai-an"}, {"input", weekly()}}), 422,
               "unknown_report_type", "/report_type");
  expect_error_reply(post("/v1/documents", {{"report_type", "nq57-weekly"}, {"agency", "Hải An"}, {"input", weekly()}}), 422,
               "invalid_agency", "/agency");
  json bad = weekly();
  bad["period"]["from"] = "hôm qua";
  HttpReply invalid = post("/v1/documents", {{"report_type", "nq57-weekly"}, {"agency", "hai-an"}, {"input", bad}});
  EXPECT_EQ(invalid.status, 422);
  EXPECT_THAT(invalid.body, HasSubstr("/input/period/from"));
  expect_error_reply(http(port(), make_call("POST", "/v1/documents", "{", "application/json")), 400, "malformed_json");

  const std::string id = draft();
  expect_error_reply(post("/v1/documents/" + id + ":issue", {{"date", "11/02/2026"}}), 422, "invalid_date", "/date");
  expect_error_reply(post("/v1/documents/" + id + ":issue", {{"copies", 0}}), 422, "invalid_copies", "/copies");
  expect_error_reply(post("/v1/documents/" + id + ":issue", {{"number", 5}}), 400, "unknown_field", "/number");
  expect_error_reply(http_get(port(), "/v1/documents/doc_000000000000000000000000"), 404, "unknown_document");
  EXPECT_EQ(http(port(), make_call("DELETE", "/v1/documents/" + id)).status, 405);
}

TEST_F(RegisterHttp, AgenciesAndRolesAreEnforced) {
  const std::string id = draft("hai-an");
  const std::string le_chan = ServerProcess::create_token(server_->data_dir(), {"--agency=le-chan", "--roles=render,issue"});
  const std::string clerk = ServerProcess::create_token(server_->data_dir(), {"--agency=hai-an", "--roles=render"});
  const std::string office = ServerProcess::create_token(server_->data_dir(), {"--agency=hai-an", "--roles=render,issue"});

  // Another ward can neither see, issue nor draft for hai-an, nor read its register.
  expect_error_reply(http(port(), with_token(make_call("GET", "/v1/documents/" + id), le_chan)), 403, "forbidden");
  expect_error_reply(post("/v1/documents/" + id + ":issue", json::object(), le_chan), 403, "forbidden");
  expect_error_reply(post("/v1/documents", {{"report_type", "nq57-weekly"}, {"agency", "hai-an"}, {"input", weekly()}}, le_chan), 403,
               "forbidden");
  expect_error_reply(http(port(), with_token(make_call("GET", "/v1/registers/hai-an/2026"), le_chan)), 403, "forbidden");
  // A clerk drafts and reads, but the records office issues.
  EXPECT_EQ(http(port(), with_token(make_call("GET", "/v1/documents/" + id), clerk)).status, 200);
  expect_error_reply(post("/v1/documents/" + id + ":issue", json::object(), clerk), 403, "forbidden");
  EXPECT_EQ(post("/v1/documents/" + id + ":issue", {{"date", "2026-12-01"}}, office).status, 200);
  // Nobody anonymous.
  expect_error_reply(http(port(), anonymous(make_call("GET", "/v1/documents/" + id))), 401, "unauthorized");
  expect_error_reply(http(port(), anonymous(make_call("POST", "/v1/documents", "{}", "application/json"))), 401, "unauthorized");
  expect_error_reply(http(port(), anonymous(make_call("GET", "/v1/registers/hai-an/2026"))), 401, "unauthorized");
}

TEST_F(RegisterHttp, ConcurrentClientsGetConsecutiveNumbers) {
  constexpr int kClients = 8, kEach = 10;
  // A ward of its own, so other tests' documents do not share the book.
  std::vector<std::vector<std::string>> ids(kClients);
  for (int c = 0; c < kClients; ++c)
    for (int i = 0; i < kEach; ++i) ids[c].push_back(draft("ngo-quyen"));
  std::atomic<int> failures{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      for (const auto& id : ids[c])
        if (post("/v1/documents/" + id + ":issue", {{"date", "2026-05-04"}}).status != 200) ++failures;
    });
  for (auto& t : clients) t.join();
  EXPECT_EQ(failures.load(), 0);
  json entries = http_get(port(), "/v1/registers/ngo-quyen/2026").json()["entries"];
  ASSERT_EQ(entries.size(), static_cast<std::size_t>(kClients * kEach));
  for (std::size_t i = 0; i < entries.size(); ++i) EXPECT_EQ(entries[i]["number"], static_cast<int>(i) + 1);
}

// ---------------------------------------------------------------------------------------------
// The command line.

TEST(RegisterCli, IssueWithdrawAndRegister) {
  TempDir dir;
  const fs::path input = dir.path() / "weekly.json";
  write_file(input, weekly().dump());
  const std::string data = "--data-dir=" + dir.path().string();
  ProcessResult issued = run_process({vanthu_binary().string(), "issue", "nq57-weekly", input.string(), "--agency=hai-an",
                                      "--date=2026-02-11", data, "-o", (dir.path() / "a.docx").string()});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  EXPECT_THAT(issued.out, HasSubstr("01/BC-BCĐ\t11/02/2026\tdoc_"));
  EXPECT_THAT(text_of(read_file(dir.path() / "a.docx")), HasSubstr("Số: 01/BC-BCĐ"));
  const std::string id = issued.out.substr(issued.out.find("doc_"), 28);

  ProcessResult early = run_process({vanthu_binary().string(), "issue", "nq57-weekly", input.string(), "--agency=hai-an",
                                     "--date=2026-01-02", data, "-o", (dir.path() / "b.docx").string()});
  EXPECT_EQ(early.exit_code, 3);
  EXPECT_THAT(early.err, HasSubstr("date_before_last_issued"));
  EXPECT_FALSE(fs::exists(dir.path() / "b.docx"));

  EXPECT_EQ(run_process({vanthu_binary().string(), "withdraw", id, data}).exit_code, 2);  // no reason
  ProcessResult withdrawn = run_process({vanthu_binary().string(), "withdraw", id, "--reason=Sai kỳ", data});
  EXPECT_EQ(withdrawn.exit_code, 0) << withdrawn.err;

  ProcessResult listed = run_process({vanthu_binary().string(), "register", "hai-an", "2026", data});
  EXPECT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("01/BC-BCĐ"));
  EXPECT_THAT(listed.out, HasSubstr("Đã thu hồi"));
  ProcessResult file = run_process({vanthu_binary().string(), "register", "hai-an", "2026", data, "-o",
                                    (dir.path() / "so.xlsx").string()});
  EXPECT_EQ(file.exit_code, 0) << file.err;
  EXPECT_THAT(docx_part(read_file(dir.path() / "so.xlsx"), "xl/worksheets/sheet1.xml"), HasSubstr("01/BC-BCĐ"));

  EXPECT_EQ(run_process({vanthu_binary().string(), "issue", "nq57-weekly", input.string(), data, "-o", "x.docx"}).exit_code, 2);
  EXPECT_EQ(run_process({vanthu_binary().string(), "register", "hai-an", "26", data}).exit_code, 2);
  EXPECT_EQ(run_process({vanthu_binary().string(), "issue", "nq57-weekly", input.string(), "--agency=hai-an",
                         "--date=2026-02-30", data, "-o", "x.docx"})
                .exit_code,
            2);
}

}  // namespace
}  // namespace vanthu::test
