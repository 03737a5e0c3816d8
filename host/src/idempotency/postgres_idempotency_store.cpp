#include "idempotency/postgres_idempotency_store.hpp"

#include <stdexcept>

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

namespace vanthu::host {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::Session;

const std::vector<storage::Migration> kMigrations = {
    // 1: one row per (caller, key): running while its request runs, then its answer.
    {
        "CREATE TABLE idempotency_keys ("
        " owner TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,"
        " state TEXT NOT NULL CHECK (state IN ('running', 'answered')), claimed BIGINT NOT NULL,"
        " status INTEGER NOT NULL DEFAULT 0, headers TEXT NOT NULL DEFAULT '[]', body BYTEA,"
        " PRIMARY KEY (owner, key))",
        "CREATE INDEX idempotency_keys_by_time ON idempotency_keys (claimed)",
    },
};

[[noreturn]] void failed(storage::PostgresDatabase& database, const char* doing, const Poco::Exception& e) {
  database.recover();
  throw std::runtime_error(std::string("kho khoá chống lặp (Idempotency-Key): không ") + doing +
                           " được: " + database.safe(e.displayText()));
}

}  // namespace

PostgresIdempotencyStore::PostgresIdempotencyStore(std::shared_ptr<storage::PostgresDatabase> database)
    : database_(std::move(database)) {}

storage::PostgresDatabase::Migrated PostgresIdempotencyStore::migrate() {
  return database_->migrate("idempotency_migrations", kMigrations, "kho khoá chống lặp");
}

IdempotencyStore::Claim PostgresIdempotencyStore::claim(const std::string& owner, const std::string& key,
                                                        const std::string& fingerprint, Time when) {
  try {
    Session db = database_->session();
    bool purge = false;
    {
      std::lock_guard lock(purge_mutex_);
      if (when - last_purge_ > std::chrono::minutes(1)) {
        purge = true;
        last_purge_ = when;
      }
    }
    if (purge) {  // keys past their day, at most once a minute per process
      Poco::Int64 oldest = unix_seconds(when - kKeptFor);
      db << "DELETE FROM idempotency_keys WHERE claimed < $1", use(oldest), now;
    }
    storage::PgTransaction transaction(db);
    std::string o = owner, k = key, f = fingerprint;
    Poco::Int64 at = unix_seconds(when);
    std::vector<int> inserted;
    // Of two replicas claiming at once, one inserts; the other waits on the row, then reads it.
    db << "INSERT INTO idempotency_keys (owner, key, fingerprint, state, claimed) VALUES ($1, $2, $3, 'running', $4)"
          " ON CONFLICT (owner, key) DO NOTHING RETURNING 1",
        use(o), use(k), use(f), use(at), into(inserted), now;
    Claim result;
    if (!inserted.empty()) {
      transaction.commit();
      return result;
    }
    std::vector<std::string> fingerprints, states, headers;
    std::vector<Poco::Int64> claimed;
    std::vector<int> statuses;
    std::vector<Poco::Data::BLOB> bodies;
    db << "SELECT fingerprint, state, claimed, status, headers, body FROM idempotency_keys WHERE owner = $1 AND key = $2"
          " FOR UPDATE",
        use(o), use(k), into(fingerprints), into(states), into(claimed), into(statuses), into(headers), into(bodies), now;
    if (fingerprints.empty()) {  // purged between the two statements: claim it now
      db << "INSERT INTO idempotency_keys (owner, key, fingerprint, state, claimed) VALUES ($1, $2, $3, 'running', $4)",
          use(o), use(k), use(f), use(at), now;
      transaction.commit();
      return result;
    }
    StoredKey row{fingerprints[0], states[0] == "running", claimed[0], statuses[0], headers[0], {}};
    if (!bodies.empty()) row.body.assign(reinterpret_cast<const char*>(bodies[0].rawContent()), bodies[0].size());
    result = judge(row, fingerprint, when);
    if (result.status == Claim::Status::claimed) {  // abandoned: this claim takes it over
      db << "UPDATE idempotency_keys SET claimed = $1 WHERE owner = $2 AND key = $3", use(at), use(o), use(k), now;
      transaction.commit();
    }
    return result;
  } catch (const Poco::Exception& e) {
    failed(*database_, "đọc", e);
  }
}

void PostgresIdempotencyStore::keep(const std::string& owner, const std::string& key, const KeptAnswer& answer, Time when) {
  try {
    Session db = database_->session();
    std::string o = owner, k = key, h = headers_text(answer);
    int status = answer.status;
    Poco::Data::BLOB body(reinterpret_cast<const unsigned char*>(answer.body.data()), answer.body.size());
    Poco::Int64 at = unix_seconds(when);
    db << "UPDATE idempotency_keys SET state = 'answered', status = $1, headers = $2, body = $3, claimed = $4"
          " WHERE owner = $5 AND key = $6",
        use(status), use(h), use(body), use(at), use(o), use(k), now;
  } catch (const Poco::Exception& e) {
    failed(*database_, "ghi", e);
  }
}

void PostgresIdempotencyStore::release(const std::string& owner, const std::string& key) {
  try {
    Session db = database_->session();
    std::string o = owner, k = key;
    db << "DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND state = 'running'", use(o), use(k), now;
  } catch (const Poco::Exception& e) {
    failed(*database_, "xoá", e);
  }
}

}  // namespace vanthu::host
