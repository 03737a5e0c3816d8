#include "idempotency/idempotency_store.hpp"

#include <array>
#include <stdexcept>

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include "storage/sqlite_database.hpp"

namespace vanthu::host {
namespace {

using namespace Poco::Data::Keywords;
using storage::WriteTransaction;

constexpr std::array<const char*, 1> kMigrations = {
    // 1: one row per (caller, key): running while its request runs, then its answer.
    "CREATE TABLE idempotency_keys ("
    " owner TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
    " state TEXT NOT NULL CHECK (state IN ('running', 'answered')), claimed INTEGER NOT NULL,"
    " status INTEGER NOT NULL DEFAULT 0, headers TEXT NOT NULL DEFAULT '[]', body BLOB,"
    " PRIMARY KEY (owner, key));"
    "CREATE INDEX idempotency_keys_by_time ON idempotency_keys (claimed);",
};

[[noreturn]] void failed(const char* doing, const Poco::Exception& e) {
  throw std::runtime_error(std::string("kho khoá chống lặp (Idempotency-Key): không ") + doing + " được: " + e.displayText());
}

}  // namespace

SqliteIdempotencyStore::SqliteIdempotencyStore(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}
SqliteIdempotencyStore::~SqliteIdempotencyStore() = default;

Poco::Data::Session& SqliteIdempotencyStore::db() {
  if (db_) return *db_;
  auto db = storage::open_database(data_dir_, "kho khoá chống lặp");
  try {
    storage::migrate(*db, "idempotency_migrations", kMigrations, "khoá chống lặp");
  } catch (const Poco::Exception& e) {
    failed("mở", e);
  }
  db_ = std::move(db);
  return *db_;
}

IdempotencyStore::Claim SqliteIdempotencyStore::claim(const std::string& owner, const std::string& key,
                                                      const std::string& fingerprint, Time when) {
  std::lock_guard lock(mutex_);
  try {
    auto& session = db();
    WriteTransaction transaction(session);
    const Poco::Int64 at = unix_seconds(when);
    if (when - last_purge_ > std::chrono::minutes(1)) {  // keys past their day, at most once a minute
      Poco::Int64 oldest = unix_seconds(when - kKeptFor);
      session << "DELETE FROM idempotency_keys WHERE claimed < ?", use(oldest), now;
      last_purge_ = when;
    }
    std::string o = owner, k = key, f = fingerprint;
    std::vector<std::string> fingerprints, states, headers;
    std::vector<Poco::Int64> claimed;
    std::vector<int> statuses;
    std::vector<Poco::Data::BLOB> bodies;
    session << "SELECT fingerprint, state, claimed, status, headers, body FROM idempotency_keys WHERE owner = ? AND key = ?",
        into(fingerprints), into(states), into(claimed), into(statuses), into(headers), into(bodies), use(o), use(k), now;
    if (fingerprints.empty()) {
      session << "INSERT INTO idempotency_keys (owner, key, fingerprint, state, claimed) VALUES (?, ?, ?, 'running', ?)",
          use(o), use(k), use(f), bind(at), now;
      transaction.commit();
      return {};
    }
    StoredKey row{fingerprints[0], states[0] == "running", claimed[0], statuses[0], headers[0], {}};
    if (!bodies.empty()) row.body.assign(reinterpret_cast<const char*>(bodies[0].rawContent()), bodies[0].size());
    Claim result = judge(row, fingerprint, when);
    if (result.status == Claim::Status::claimed) {  // abandoned: this claim takes it over
      session << "UPDATE idempotency_keys SET claimed = ? WHERE owner = ? AND key = ?", bind(at), use(o), use(k), now;
      transaction.commit();
    }
    return result;
  } catch (const Poco::Exception& e) {
    failed("đọc", e);
  }
}

void SqliteIdempotencyStore::keep(const std::string& owner, const std::string& key, const KeptAnswer& answer, Time when) {
  std::lock_guard lock(mutex_);
  try {
    std::string o = owner, k = key, h = headers_text(answer);
    int status = answer.status;
    Poco::Data::BLOB body(reinterpret_cast<const unsigned char*>(answer.body.data()), answer.body.size());
    const Poco::Int64 at = unix_seconds(when);
    db() << "UPDATE idempotency_keys SET state = 'answered', status = ?, headers = ?, body = ?, claimed = ?"
            " WHERE owner = ? AND key = ?",
        use(status), use(h), use(body), bind(at), use(o), use(k), now;
  } catch (const Poco::Exception& e) {
    failed("ghi", e);
  }
}

void SqliteIdempotencyStore::release(const std::string& owner, const std::string& key) {
  std::lock_guard lock(mutex_);
  try {
    std::string o = owner, k = key;
    db() << "DELETE FROM idempotency_keys WHERE owner = ? AND key = ? AND state = 'running'", use(o), use(k), now;
  } catch (const Poco::Exception& e) {
    failed("xoá", e);
  }
}

}  // namespace vanthu::host
