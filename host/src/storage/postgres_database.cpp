#include "storage/postgres_database.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include <Poco/Data/PostgreSQL/Connector.h>
#include <Poco/Data/SessionPool.h>

#include "storage/rows.hpp"

namespace vanthu::host::storage {

using namespace Poco::Data::Keywords;

PostgresDatabase::PostgresDatabase(const DatabaseSettings& settings)
    : name_(settings.display()), secret_(settings.password), connection_(settings.connection_string()),
      pool_size_(settings.pool_size) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Data::PostgreSQL::Connector::registerConnector(); });
  try {
    pool_ = std::make_shared<Poco::Data::SessionPool>("PostgreSQL", connection_, 1, pool_size_, 300);
    Poco::Data::Session first = pool_->get();
    int one = 0;
    first << "SELECT 1", into(one), now;
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không kết nối được cơ sở dữ liệu " + name_ + " (cannot connect): " + safe(e.displayText()));
  }
}

PostgresDatabase::~PostgresDatabase() = default;

std::string PostgresDatabase::safe(const std::string& message) const {
  if (secret_.empty()) return message;
  std::string out = message;
  for (std::size_t at = out.find(secret_); at != std::string::npos; at = out.find(secret_, at)) out.replace(at, secret_.size(), "***");
  return out;
}

std::shared_ptr<Poco::Data::SessionPool> PostgresDatabase::pool() {
  std::lock_guard lock(mutex_);
  return pool_;
}

void PostgresDatabase::recover() {
  std::shared_ptr<Poco::Data::SessionPool> suspect = pool();
  std::optional<Poco::Data::Session> probe;
  try {
    probe.emplace(suspect->get());
  } catch (const Poco::Exception&) {
    return;  // no connection can be made now: a new pool would fare no better
  }
  try {
    int one = 0;
    *probe << "SELECT 1", into(one), now;
    return;  // the pool is sound: the failure was the statement's own
  } catch (const Poco::Exception&) {
  }
  probe.reset();
  std::lock_guard lock(mutex_);
  if (pool_ != suspect) return;  // another thread replaced it already
  retired_.push_back(std::move(pool_));
  pool_ = std::make_shared<Poco::Data::SessionPool>("PostgreSQL", connection_, 1, pool_size_, 300);
}

Poco::Data::Session PostgresDatabase::session() {
  // Poco's pool refuses rather than waits when every connection is out: wait here, briefly.
  for (int attempt = 0;; ++attempt) {
    try {
      return pool()->get();
    } catch (const Poco::Data::SessionPoolExhaustedException&) {
      if (attempt >= 3000) throw std::runtime_error("cơ sở dữ liệu " + name_ + ": mọi kết nối đều bận (pool exhausted)");
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    } catch (const Poco::Exception& e) {
      throw std::runtime_error("không kết nối được cơ sở dữ liệu " + name_ + ": " + safe(e.displayText()));
    }
  }
}

PostgresDatabase::Migrated PostgresDatabase::migrate(const std::string& table, const std::vector<Migration>& migrations,
                                                     const std::string& what) {
  Migrated migrated;
  const int latest = static_cast<int>(migrations.size());
  try {
    Poco::Data::Session db = session();
    PgTransaction migrating(db);
    // One replica migrates at a time; the others wait here and then find nothing left to do.
    db << "SELECT pg_advisory_xact_lock(7120140001)", now;
    // Not "relation already exists, skipping" in the service's log (libpq prints NOTICEs on stderr).
    db << "SET LOCAL client_min_messages = warning", now;
    db << "CREATE TABLE IF NOT EXISTS " + table + " (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)", now;
    int at = 0;
    db << "SELECT COALESCE(MAX(version), 0) FROM " + table, into(at), now;
    migrated.from = migrated.to = at;
    if (at > latest)
      throw std::runtime_error("cơ sở dữ liệu " + name_ + " do phiên bản Vanthu mới hơn ghi (" + what + " phiên bản " +
                               std::to_string(at) + ", bản này đọc được đến " + std::to_string(latest) + ")");
    for (int v = at + 1; v <= latest; ++v) {
      for (const char* statement : migrations[static_cast<std::size_t>(v - 1)]) db << std::string(statement), now;
      std::string applied = now_utc();
      db << "INSERT INTO " + table + " (version, applied) VALUES ($1, $2)", use(v), use(applied), now;
      migrated.to = v;
    }
    migrating.commit();
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không chuyển đổi được " + what + " trong " + name_ + " (migration failed): " + safe(e.displayText()));
  }
  return migrated;
}

PgTransaction::PgTransaction(Poco::Data::Session& session) : session_(session) { session_.begin(); }

PgTransaction::~PgTransaction() {
  if (!open_) return;
  try {
    session_.rollback();
  } catch (...) {
  }
}

void PgTransaction::commit() {
  session_.commit();
  open_ = false;
}

}  // namespace vanthu::host::storage
