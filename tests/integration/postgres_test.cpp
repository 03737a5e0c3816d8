//! The PostgreSQL backend (issue 14, "scale-out on a real database"): a real PostgreSQL 15 server
//! (initdb and postgres from /usr/lib/postgresql/15/bin, or $VANTHU_POSTGRES_BIN) in a temporary
//! directory, on a free loopback port with its socket in that directory, run as an unprivileged
//! user when the tests run as root (as CI does); two `vanthu serve` replicas sharing it through
//! --database=postgresql://…; numbers issued concurrently through both, gap-free and unique;
//! migrations run at the first start and not again; templates, drafts, tokens and desk sessions
//! shared by the replicas. Skipped, saying why, only when the PostgreSQL binaries are absent.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <set>
#include <thread>

#include "idempotency/postgres_idempotency_store.hpp"
#include "idempotency_store_contract.hpp"
#include "server_harness.hpp"
#include "storage/database_settings.hpp"
#include "storage/postgres_database.hpp"
#include "test_support.hpp"

namespace vanthu::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

constexpr const char* kPassword = "mật-khẩu-thử'pg'\\42=x";  // quotes, a backslash, '=': quoted right for libpq

fs::path postgres_bin() {
  if (const char* given = std::getenv("VANTHU_POSTGRES_BIN")) return given;
  return "/usr/lib/postgresql/15/bin";
}

//! Who runs the server: PostgreSQL refuses to run as root.
struct RunAs {
  bool switch_user = false;
  uid_t uid = 0;
  gid_t gid = 0;
};
RunAs unprivileged() {
  RunAs as;
  if (::geteuid() != 0) return as;
  for (const char* name : {"postgres", "nobody"}) {
    if (const passwd* pw = ::getpwnam(name)) {
      as.switch_user = true;
      as.uid = pw->pw_uid;
      as.gid = pw->pw_gid;
      return as;
    }
  }
  throw std::runtime_error("running as root and there is neither a postgres nor a nobody user to run PostgreSQL as");
}

//! Starts argv as `as`, output to `log`; returns its pid.
pid_t spawn(const std::vector<std::string>& argv, const RunAs& as, const fs::path& log) {
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    ::setpgid(0, 0);
    if (as.switch_user) {
      if (::setgroups(0, nullptr) != 0 || ::setgid(as.gid) != 0 || ::setuid(as.uid) != 0) ::_exit(126);
    }
    int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    int null = ::open("/dev/null", O_RDONLY);
    ::dup2(null, 0);
    ::dup2(out, 1);
    ::dup2(out, 2);
    std::vector<char*> c_argv;
    for (const auto& a : argv) c_argv.push_back(const_cast<char*>(a.c_str()));
    c_argv.push_back(nullptr);
    ::execv(c_argv[0], c_argv.data());
    ::_exit(127);
  }
  return pid;
}

//! Waits at most `tries` × 50 ms for `pid`; its exit code, or -1 if it is still running.
int wait_for(pid_t pid, int tries) {
  for (int i = 0; i < tries; ++i) {
    int status = 0;
    if (::waitpid(pid, &status, WNOHANG) == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return -1;
}

//! A throw-away PostgreSQL cluster: initdb'd in a temporary directory, user "vanthu" with a
//! password (SCRAM), database "vanthu", listening on 127.0.0.1:port() and a socket in the
//! directory. Stopped (fast shutdown) and removed with the object.
class PostgresCluster {
 public:
  PostgresCluster() : as_(unprivileged()) {
    if (as_.switch_user) {
      if (::chown(dir_.path().c_str(), as_.uid, as_.gid) != 0) throw std::runtime_error("chown of the cluster directory failed");
    }
    password_file_ = dir_.path() / "password";
    write_file(password_file_, std::string(kPassword) + "\n");
    ::chmod(password_file_.c_str(), 0644);  // initdb (as the unprivileged user) reads it too
    log_ = dir_.path() / "postgres.log";
    const fs::path data = dir_.path() / "cluster";
    pid_t init = spawn({(postgres_bin() / "initdb").string(), "-D", data.string(), "-U", "vanthu",
                        "--pwfile=" + password_file_.string(), "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8",
                        "--no-sync", "--no-instructions"},
                       as_, log_);
    if (int code = wait_for(init, 1200); code != 0) {
      if (code < 0) ::kill(init, SIGKILL), ::waitpid(init, nullptr, 0);
      throw std::runtime_error("initdb failed (" + std::to_string(code) + "):\n" + log());
    }
    for (int attempt = 1;; ++attempt) {
      port_ = free_port();
      if (start_server()) break;
      stop();
      if (attempt == 3) throw std::runtime_error("PostgreSQL did not start:\n" + log());
    }
    if (sql("CREATE DATABASE vanthu").exit_code != 0) throw std::runtime_error("CREATE DATABASE failed:\n" + log());
  }
  ~PostgresCluster() { stop(); }
  PostgresCluster(const PostgresCluster&) = delete;
  PostgresCluster& operator=(const PostgresCluster&) = delete;

  int port() const { return port_; }
  //! Stops the server (fast shutdown: every connection is closed) and starts it again on the same port.
  void restart() {
    stop();
    if (!start_server()) throw std::runtime_error("PostgreSQL did not start again:\n" + log());
  }
  //! Stops the server; start() brings it back.
  void stop() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGINT);  // fast shutdown
    if (wait_for(pid_, 600) < 0) {
      ::kill(-pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
    pid_ = -1;
  }
  void start() {
    if (!start_server()) throw std::runtime_error("PostgreSQL did not start again:\n" + log());
  }
  const fs::path& password_file() const { return password_file_; }
  std::string url() const { return "postgresql://vanthu@127.0.0.1:" + std::to_string(port_) + "/vanthu?connect_timeout=10"; }
  //! The options a vanthu command needs to use this database.
  std::vector<std::string> options() const {
    return {"--database=" + url(), "--database-password-file=" + password_file_.string()};
  }

  //! psql -c SQL against `database`, unaligned, tuples only.
  ProcessResult sql(const std::string& statement, const std::string& database = "postgres") const {
    std::string password;
    for (char c : std::string(kPassword)) {
      if (c == '\'' || c == '\\') password += '\\';
      password += c;
    }
    return run_process({(postgres_bin() / "psql").string(), "-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-c", statement,
                        "host=127.0.0.1 port=" + std::to_string(port_) + " user=vanthu dbname=" + database +
                            " password='" + password + "'"},
                       {}, 60);
  }
  std::string log() const {
    try {
      return read_file(log_);
    } catch (const std::exception&) {
      return {};
    }
  }

 private:
  bool start_server() {
    pid_ = spawn({(postgres_bin() / "postgres").string(), "-D", (dir_.path() / "cluster").string(), "-p", std::to_string(port_),
                  "-k", dir_.path().string(), "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c",
                  "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200"},
                 as_, log_);
    return ready();
  }
  bool ready() {
    for (int attempt = 0; attempt < 400; ++attempt) {
      if (wait_for(pid_, 1) >= 0) {
        pid_ = -1;
        return false;  // exited: the port was taken, or worse (the log says)
      }
      ProcessResult r = run_process({(postgres_bin() / "pg_isready").string(), "-q", "-h", "127.0.0.1", "-p",
                                     std::to_string(port_), "-U", "vanthu"},
                                    {}, 10);
      if (r.exit_code == 0) return true;
    }
    return false;
  }

  TempDir dir_;
  RunAs as_;
  fs::path password_file_, log_;
  int port_ = 0;
  pid_t pid_ = -1;
};

json weekly() { return json::parse(read_file(source_dir() / "samples" / "nq57-weekly" / "hai-an-2026-02-11.json")); }

//! Two replicas of the service on one PostgreSQL database, started in turn (A migrates, B finds
//! the schema up to date), and a token made with the CLI in the same database.
class PostgresReplicas : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (!fs::exists(postgres_bin() / "initdb") || !fs::exists(postgres_bin() / "postgres")) return;
    cluster_ = std::make_unique<PostgresCluster>();
    a_ = start_replica();
    b_ = start_replica(/*password_from_environment=*/true);
    token_ = ServerProcess::create_token(a_->data_dir(), with_database({"--agency=*", "--roles=render,issue,templates,admin",
                                                                       "--expires=never", "--name=replicas"}));
  }
  static void TearDownTestSuite() {
    a_.reset();
    b_.reset();
    cluster_.reset();
  }
  void SetUp() override {
    if (!cluster_)
      GTEST_SKIP() << "PostgreSQL server binaries not found in " << postgres_bin()
                   << " (Debian: apt-get install postgresql-15; or set VANTHU_POSTGRES_BIN)";
  }

  static std::vector<std::string> with_database(std::vector<std::string> args, bool password_file = true) {
    args.push_back("--database=" + cluster_->url());
    if (password_file) args.push_back("--database-password-file=" + cluster_->password_file().string());
    return args;
  }
  //! A replica with a data directory of its own (nothing shared there) and no harness token.
  static std::unique_ptr<ServerProcess> start_replica(bool password_from_environment = false) {
    std::vector<std::string> extra = with_database({"--threads=8"}, !password_from_environment);
    if (password_from_environment) ::setenv(host::storage::kDatabasePasswordVariable, kPassword, 1);
    std::unique_ptr<ServerProcess> server;
    try {
      server = ServerProcess::start(build_dir() / "plugins", build_dir() / "templates", extra, /*harness_token=*/false);
    } catch (...) {
      ::unsetenv(host::storage::kDatabasePasswordVariable);
      throw;
    }
    ::unsetenv(host::storage::kDatabasePasswordVariable);
    return server;
  }

  static HttpReply call(ServerProcess& server, const std::string& method, const std::string& path, const std::string& body = {},
                        const std::string& type = "application/json") {
    return http(server.port(), with_token(make_call(method, path, body, type), token_));
  }
  static std::string draft(ServerProcess& server) {
    HttpReply r = call(server, "POST", "/v1/documents",
                       json{{"report_type", "nq57-weekly"}, {"agency", "hai-an"}, {"input", weekly()}}.dump());
    if (r.status != 201) throw std::runtime_error("draft: " + std::to_string(r.status) + " " + r.body);
    return r.json()["id"];
  }

  static std::unique_ptr<PostgresCluster> cluster_;
  static std::unique_ptr<ServerProcess> a_, b_;
  static std::string token_;
};
std::unique_ptr<PostgresCluster> PostgresReplicas::cluster_;
std::unique_ptr<ServerProcess> PostgresReplicas::a_;
std::unique_ptr<ServerProcess> PostgresReplicas::b_;
std::string PostgresReplicas::token_;

TEST_F(PostgresReplicas, MigrationsRunAtTheFirstStartAndNotAgain) {
  // A found an empty database and migrated every store; B, started after it, found nothing to do.
  for (const char* store : {"kho mẫu (templates)", "sổ đăng ký (register)", "tài khoản (accounts)", "token (API tokens)",
                            "khoá chống lặp (Idempotency-Key)"}) {
    EXPECT_TRUE(log_has_line(*a_, {store, "chuyển từ phiên bản 0 lên", "(migrated)"})) << a_->log();
    EXPECT_TRUE(log_has_line(*b_, {store, "không cần chuyển đổi (schema up to date)"})) << b_->log();
  }
  EXPECT_THAT(b_->log(), ::testing::Not(HasSubstr("(migrated)")));
  // Never the password, in either log.
  EXPECT_THAT(a_->log(), ::testing::Not(HasSubstr(kPassword)));
  EXPECT_THAT(b_->log(), ::testing::Not(HasSubstr(kPassword)));
  EXPECT_THAT(a_->log(), HasSubstr("postgresql://vanthu@127.0.0.1:" + std::to_string(cluster_->port()) + "/vanthu"));

  ProcessResult before = cluster_->sql("SELECT version || ' ' || applied FROM register_migrations ORDER BY version", "vanthu");
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_EQ(lines_of(before.out).size(), 2u) << before.out;
  // A third start (the CLI opens the stores too) changes nothing.
  ProcessResult listed = run_process(
      [&] {
        std::vector<std::string> argv = {vanthu_binary().string(), "token", "list", "--data-dir=" + a_->data_dir().string()};
        for (auto& o : cluster_->options()) argv.push_back(o);
        return argv;
      }());
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("replicas"));
  EXPECT_EQ(cluster_->sql("SELECT version || ' ' || applied FROM register_migrations ORDER BY version", "vanthu").out, before.out);
  for (const char* table : {"template_migrations", "account_migrations", "token_migrations", "idempotency_migrations"}) {
    ProcessResult rows = cluster_->sql(std::string("SELECT COUNT(*) FROM ") + table, "vanthu");
    EXPECT_EQ(rows.exit_code, 0) << rows.err;
    EXPECT_EQ(rows.out, "1\n") << table;
  }
}

TEST_F(PostgresReplicas, NumbersIssuedConcurrentlyThroughBothReplicasAreGapFreeAndUnique) {
  constexpr int kClients = 6, kEach = 8, kTotal = kClients * kEach;
  std::vector<std::vector<int>> numbers(kClients);
  std::vector<std::string> failures(kClients);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      try {
        for (int i = 0; i < kEach; ++i) {
          // The draft made on one replica, issued through the other.
          ServerProcess& maker = (c + i) % 2 ? *a_ : *b_;
          ServerProcess& issuer = (c + i) % 2 ? *b_ : *a_;
          const std::string id = draft(maker);
          HttpReply issued = call(issuer, "POST", "/v1/documents/" + id + ":issue", json{{"date", "2026-02-11"}}.dump());
          if (issued.status != 200) throw std::runtime_error(std::to_string(issued.status) + " " + issued.body);
          const std::string number = issued.header("X-Vanthu-Number");
          numbers[c].push_back(std::stoi(number.substr(0, number.find('/'))));
        }
      } catch (const std::exception& e) {
        failures[c] = e.what();
      }
    });
  }
  for (auto& t : clients) t.join();
  for (const auto& f : failures) EXPECT_EQ(f, "");
  std::multiset<int> all;
  for (const auto& n : numbers) all.insert(n.begin(), n.end());
  std::set<int> expected;
  for (int n = 1; n <= kTotal; ++n) expected.insert(n);
  EXPECT_EQ(std::set<int>(all.begin(), all.end()), expected);
  EXPECT_EQ(all.size(), static_cast<std::size_t>(kTotal));  // no number twice

  // Both replicas read the same register: one book, 1…N, each number once, each with its document.
  for (ServerProcess* replica : {a_.get(), b_.get()}) {
    HttpReply book = call(*replica, "GET", "/v1/registers/hai-an/2026");
    ASSERT_EQ(book.status, 200) << book.body;
    std::vector<int> listed;
    std::set<std::string> documents;
    const json listing = book.json();  // kept: a range-for over a temporary's member would dangle
    for (const auto& e : listing["entries"]) {
      listed.push_back(e["number"].get<int>());
      documents.insert(e["document_id"].get<std::string>());
    }
    std::vector<int> one_to_n(kTotal);
    for (int n = 0; n < kTotal; ++n) one_to_n[n] = n + 1;
    EXPECT_EQ(listed, one_to_n);
    EXPECT_EQ(documents.size(), static_cast<std::size_t>(kTotal));
  }
  // The database agrees, and its counter stands at N.
  EXPECT_EQ(cluster_->sql("SELECT COUNT(DISTINCT number) || ' ' || MIN(number) || ' ' || MAX(number) FROM register_entries "
                          "WHERE agency = 'hai-an' AND year = 2026",
                          "vanthu")
                .out,
            std::to_string(kTotal) + " 1 " + std::to_string(kTotal) + "\n");
  EXPECT_EQ(cluster_->sql("SELECT last_number FROM register_books WHERE agency = 'hai-an' AND year = 2026", "vanthu").out,
            std::to_string(kTotal) + "\n");
  // An entry is immutable in the database itself.
  ProcessResult changed = cluster_->sql("UPDATE register_entries SET title = 'x' WHERE number = 1", "vanthu");
  EXPECT_NE(changed.exit_code, 0);
  EXPECT_THAT(changed.err, HasSubstr("immutable"));
}

TEST_F(PostgresReplicas, ATemplateUploadedOnOneReplicaIsUsedByTheOther) {
  HttpReply builtin = call(*a_, "GET", "/v1/report-types/nq57-weekly/template");
  ASSERT_EQ(builtin.status, 200);
  const std::string docx_type = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
  HttpReply uploaded = call(*a_, "PUT", "/v1/report-types/nq57-weekly/templates/le-chan", builtin.body, docx_type);
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;

  HttpReply versions = call(*b_, "GET", "/v1/report-types/nq57-weekly/templates/le-chan");
  ASSERT_EQ(versions.status, 200) << versions.body;
  EXPECT_EQ(versions.json()["current"], 1) << versions.body;
  HttpReply rendered = call(*b_, "POST", "/v1/report-types/nq57-weekly/documents?agency=le-chan", weekly().dump());
  ASSERT_EQ(rendered.status, 200) << rendered.body;
  EXPECT_EQ(rendered.header("X-Vanthu-Template"), "le-chan/1");
  HttpReply stored = call(*b_, "GET", "/v1/report-types/nq57-weekly/templates/le-chan/1");
  ASSERT_EQ(stored.status, 200);
  EXPECT_EQ(stored.body, builtin.body);  // the bytes, exactly (BYTEA)

  // Issued through B with the template A stored.
  HttpReply made = call(*a_, "POST", "/v1/documents",
                        json{{"report_type", "nq57-weekly"}, {"agency", "le-chan"}, {"input", weekly()}}.dump());
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string id = made.json()["id"];
  HttpReply issued = call(*b_, "POST", "/v1/documents/" + id + ":issue", json{{"date", "2026-03-02"}}.dump());
  ASSERT_EQ(issued.status, 200) << issued.body;
  HttpReply shown = call(*a_, "GET", "/v1/documents/" + id);
  EXPECT_EQ(shown.json()["register_entry"]["template"], "le-chan/1") << shown.body;
  EXPECT_EQ(call(*a_, "GET", "/v1/documents/" + id + "/file").body, issued.body);

  // A rollback through B is current on A.
  HttpReply second = call(*b_, "PUT", "/v1/report-types/nq57-weekly/templates/le-chan?delimiters=%7B%20%7D", builtin.body, docx_type);
  ASSERT_EQ(second.status, 201) << second.body;
  EXPECT_EQ(call(*a_, "POST", "/v1/report-types/nq57-weekly/documents?agency=le-chan", weekly().dump()).header("X-Vanthu-Template"),
            "le-chan/2");
  HttpReply rolled = call(*a_, "POST", "/v1/report-types/nq57-weekly/templates/le-chan:rollback", json{{"version", 1}}.dump());
  ASSERT_EQ(rolled.status, 200) << rolled.body;
  EXPECT_EQ(call(*b_, "POST", "/v1/report-types/nq57-weekly/documents?agency=le-chan", weekly().dump()).header("X-Vanthu-Template"),
            "le-chan/1");
}

TEST_F(PostgresReplicas, DraftsAndDeskSessionsAreSharedByTheReplicas) {
  const std::string id = draft(*a_);
  json changed = weekly();
  HttpReply saved = call(*b_, "PUT", "/v1/documents/" + id, json{{"input", changed}}.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  HttpReply shown = call(*a_, "GET", "/v1/documents/" + id);
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(shown.json()["state"], "draft");
  HttpReply listed = call(*b_, "GET", "/v1/documents?agency=hai-an");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_THAT(listed.body, HasSubstr(id));

  // An account made with the CLI in the database; signed in on A, known to B; signed out on B, gone on A.
  std::vector<std::string> argv = {vanthu_binary().string(), "account",         "create",       "--user=canbo-pg",
                                   "--name=Cán bộ",          "--agency=hai-an", "--role=clerk", "--password-file=-",
                                   "--data-dir=" + a_->data_dir().string()};
  for (auto& o : cluster_->options()) argv.push_back(o);
  ProcessResult made = run_process(argv, "mat-khau-can-bo-pg\n");
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  HttpReply signed_in = http(a_->port(), anonymous(make_call("POST", "/v1/session",
                                                             json{{"username", "canbo-pg"}, {"password", "mat-khau-can-bo-pg"}}.dump(),
                                                             "application/json")));
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  const std::string set_cookie = signed_in.header("set-cookie");
  const std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
  HttpCall me = anonymous(make_call("GET", "/v1/session"));
  me.headers.emplace_back("Cookie", cookie);
  HttpReply on_b = http(b_->port(), me);
  ASSERT_EQ(on_b.status, 200) << on_b.body;
  EXPECT_EQ(on_b.json()["account"]["username"], "canbo-pg");
}

// A retry that lands on the other replica gets the first answer: the keys are in the database.
TEST_F(PostgresReplicas, AnIdempotencyKeyIsKeptForBothReplicas) {
  const std::string body = json{{"report_type", "nq57-weekly"}, {"agency", "hai-an"}, {"input", weekly()}}.dump();
  auto post = [&](ServerProcess& server, const std::string& content) {
    HttpCall c = with_token(make_call("POST", "/v1/documents", content, "application/json"), token_);
    c.headers.emplace_back("Idempotency-Key", "portal-retry-0001");
    return http(server.port(), c);
  };
  HttpReply first = post(*a_, body);
  ASSERT_EQ(first.status, 201) << first.body;
  HttpReply again = post(*b_, body);
  EXPECT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.header("Idempotent-Replayed"), "true");
  EXPECT_EQ(again.body, first.body);
  json other = json::parse(body);
  other["input"]["subject"] = "Báo cáo khác";
  HttpReply reused = post(*b_, other.dump());
  EXPECT_EQ(reused.status, 422) << reused.body;
  EXPECT_THAT(reused.body, HasSubstr("idempotency_key_reused"));
  ProcessResult drafts = cluster_->sql("SELECT COUNT(*) FROM idempotency_keys WHERE key = 'portal-retry-0001'", "vanthu");
  EXPECT_EQ(drafts.out, "1\n") << drafts.err;
}

TEST_F(PostgresReplicas, TheIdempotencyStoreTakesOverAnAbandonedClaimOnceAndForgetsKeysAfterADay) {
  // The store itself on the replicas' database (migrated by them), with explicit clocks.
  auto database = std::make_shared<host::storage::PostgresDatabase>(
      host::storage::parse_database_settings(cluster_->url(), cluster_->password_file().string()));
  host::PostgresIdempotencyStore store(database);
  store.migrate();
  expect_idempotency_store_rules(store, "tk_postgres_contract");
}

//! Last of the suite (it restarts the database): while the database is down the replicas say
//! they are not ready; once it is back, after at most one failed request each (the dead pool is
//! replaced), they serve again, numbering on from where the book stood.
TEST_F(PostgresReplicas, ReplicasFollowTheDatabaseDownAndBackUp) {
  const std::string id = draft(*a_);
  cluster_->stop();
  for (ServerProcess* replica : {a_.get(), b_.get()}) {
    HttpReply down = http_get(replica->port(), "/readyz");
    EXPECT_EQ(down.status, 503) << down.body;
    EXPECT_EQ(down.json()["checks"]["template_store"], "unavailable") << down.body;
  }
  cluster_->start();
  for (ServerProcess* replica : {a_.get(), b_.get()}) {
    int ready_after = -1;
    for (int attempt = 0; attempt < 3 && ready_after < 0; ++attempt)
      if (http_get(replica->port(), "/readyz").status == 200) ready_after = attempt;
    EXPECT_GE(ready_after, 0) << replica->log();
    EXPECT_LE(ready_after, 1) << "more than one failed request after the restart";
  }
  HttpReply issued = call(*b_, "POST", "/v1/documents/" + id + ":issue", json{{"date", "2026-12-03"}}.dump());
  ASSERT_EQ(issued.status, 200) << issued.body;
  HttpReply book = call(*a_, "GET", "/v1/registers/hai-an/2026");
  const json listing = book.json();
  ASSERT_FALSE(listing["entries"].empty());
  EXPECT_EQ(listing["entries"].back()["document_id"], id);
  EXPECT_EQ(listing["entries"].back()["number"].get<std::size_t>(), listing["entries"].size());  // no gap
}

//! Bad configuration is refused before anything starts, naming the setting; the password never
//! appears in what is printed.
TEST(PostgresSettings, BadDatabaseSettingsAreUsageErrorsNamingTheSetting) {
  auto serve = [](std::vector<std::string> extra) {
    std::vector<std::string> argv = {vanthu_binary().string(), "serve", "--port=0", "--pdf-workers=0"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return run_process(argv, {}, 60);
  };
  ProcessResult in_url = serve({"--database=postgresql://vanthu:bi-mat@127.0.0.1/vanthu"});
  EXPECT_EQ(in_url.exit_code, 2);
  EXPECT_THAT(in_url.err, HasSubstr("database: không ghi mật khẩu trong URL"));
  EXPECT_THAT(in_url.err, HasSubstr("[password_in_url]"));
  EXPECT_THAT(in_url.err, ::testing::Not(HasSubstr("bi-mat")));

  ProcessResult other = serve({"--database=mysql://x/y"});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_THAT(other.err, HasSubstr("[unsupported_database]"));
  ProcessResult no_name = serve({"--database=postgresql://vanthu@127.0.0.1:5432/"});
  EXPECT_THAT(no_name.err, HasSubstr("[missing_database_name]"));
  ProcessResult unknown = serve({"--database=postgresql://vanthu@127.0.0.1/vanthu?sslmod=require"});
  EXPECT_THAT(unknown.err, HasSubstr("\"sslmod\""));
  EXPECT_THAT(unknown.err, HasSubstr("[unknown_parameter]"));
  ProcessResult port = serve({"--database=postgresql://vanthu@127.0.0.1:99999/vanthu"});
  EXPECT_THAT(port.err, HasSubstr("[invalid_port]"));
  TempDir dir;
  write_file(dir.path() / "spaced", "hai tu\n");
  ProcessResult spaced = serve({"--database=postgresql://vanthu@127.0.0.1/vanthu",
                                "--database-password-file=" + (dir.path() / "spaced").string()});
  EXPECT_EQ(spaced.exit_code, 2);
  EXPECT_THAT(spaced.err, HasSubstr("database-password-file: mật khẩu có dấu cách"));
  EXPECT_THAT(spaced.err, HasSubstr("[space_not_supported]"));
  EXPECT_THAT(spaced.err, ::testing::Not(HasSubstr("hai tu")));
  ProcessResult no_host = serve({"--database=postgresql:///vanthu"});
  EXPECT_THAT(no_host.err, HasSubstr("[missing_host]"));
  ProcessResult missing = serve({"--database=postgresql://vanthu@127.0.0.1/vanthu", "--database-password-file=/nonexistent/pw"});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_THAT(missing.err, HasSubstr("database-password-file: không đọc được tệp mật khẩu /nonexistent/pw"));
}

TEST(PostgresSettings, TheUrlIsReadIntoLibpqParametersAndThePasswordIsNeverShown) {
  namespace st = host::storage;
  EXPECT_FALSE(st::parse_database_settings("", "").postgresql());
  EXPECT_FALSE(st::parse_database_settings("sqlite", "").postgresql());
  TempDir dir;
  write_file(dir.path() / "pw", "p'a\\ss\n");
  st::DatabaseSettings s = st::parse_database_settings(
      "postgresql://v%C3%A0nthu@db.phuong.vn:6543/s%E1%BB%95?sslmode=require&connect_timeout=5&pool_size=4",
      (dir.path() / "pw").string());
  ASSERT_TRUE(s.postgresql());
  EXPECT_EQ(s.user, "vànthu");
  EXPECT_EQ(s.host, "db.phuong.vn");
  EXPECT_EQ(s.port, "6543");
  EXPECT_EQ(s.name, "sổ");
  EXPECT_EQ(s.pool_size, 4);
  EXPECT_EQ(s.password, "p'a\\ss");
  EXPECT_EQ(s.display(), "postgresql://vànthu@db.phuong.vn:6543/sổ");
  EXPECT_THAT(s.connection_string(), HasSubstr("sslmode='require'"));
  EXPECT_THAT(s.connection_string(), HasSubstr("password='p\\'a\\\\ss'"));
  // A socket directory instead of a host; no password anywhere: libpq's own ways.
  ::unsetenv(st::kDatabasePasswordVariable);
  st::DatabaseSettings socket = st::parse_database_settings("postgres://vanthu@/vanthu?host=/run/postgresql", "");
  EXPECT_EQ(socket.host, "/run/postgresql");
  EXPECT_EQ(socket.password, "");
  EXPECT_THAT(socket.connection_string(), ::testing::Not(HasSubstr("password")));
  // A password file without a PostgreSQL URL is a mistake, not ignored.
  try {
    st::parse_database_settings("sqlite", (dir.path() / "pw").string());
    ADD_FAILURE() << "accepted";
  } catch (const st::DatabaseSettingsError& e) {
    EXPECT_EQ(e.field, "database-password-file");
    EXPECT_EQ(e.code, "password_without_database");
  }
}

//! A server that cannot be reached stops the service at start-up with the database's name and
//! no password.
TEST(PostgresSettings, AnUnreachableDatabaseStopsTheServiceAtStartUp) {
  TempDir dir;
  write_file(dir.path() / "pw", "khong-lo-ra\n");
  const int port = free_port();  // nothing listens there
  ProcessResult r = run_process({vanthu_binary().string(), "serve", "--port=0", "--pdf-workers=0",
                                 "--data-dir=" + (dir.path() / "data").string(),
                                 "--database=postgresql://vanthu@127.0.0.1:" + std::to_string(port) + "/vanthu?connect_timeout=5",
                                 "--database-password-file=" + (dir.path() / "pw").string()},
                                {}, 60);
  EXPECT_EQ(r.exit_code, 4);  // exit_internal: nothing the command line could fix
  EXPECT_THAT(r.err, HasSubstr("không kết nối được cơ sở dữ liệu postgresql://vanthu@127.0.0.1:" + std::to_string(port) + "/vanthu"));
  EXPECT_THAT(r.err, ::testing::Not(HasSubstr("khong-lo-ra")));
}

}  // namespace
}  // namespace vanthu::test
