//! What every PostgreSQL-backed store shares (Poco::Data::PostgreSQL): one pool of connections per
//! process, transactions that roll back unless committed, and numbered migrations.
//!
//! Several replicas share one database. Consistency comes from the server, not the process: each
//! store's write runs in one transaction and takes the row locks it needs (the register's book
//! counter with SELECT … FOR UPDATE), so two replicas never read the same counter. Migrations run
//! at start-up under a transaction-scoped advisory lock, so replicas started together apply each
//! migration once; a database at a higher version than this build knows is refused.
//!
//! Poco's PostgreSQL connector prepares statements as written: placeholders are $1, $2, …
#pragma once

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Poco/Data/Session.h>

#include "storage/database_settings.hpp"

namespace Poco::Data {
class SessionPool;
}

namespace vanthu::host::storage {

//! One migration: its statements, run in order (Poco runs one statement per call).
using Migration = std::vector<const char*>;

class PostgresDatabase {
 public:
  //! Connects once, so a wrong host, database or password is found at start-up. Throws
  //! std::runtime_error naming settings.display() (never the password).
  explicit PostgresDatabase(const DatabaseSettings& settings);
  ~PostgresDatabase();
  PostgresDatabase(const PostgresDatabase&) = delete;
  PostgresDatabase& operator=(const PostgresDatabase&) = delete;

  //! A connection from the pool (waits while every one is in use); back to the pool when the
  //! Session goes. Throws std::runtime_error when the server cannot be reached.
  Poco::Data::Session session();
  //! "postgresql://vanthu@127.0.0.1:5432/vanthu", never the password.
  const std::string& name() const { return name_; }

  struct Migrated {
    int from = 0, to = 0;  //!< the version found and the version left (equal: nothing ran)
  };
  //! Runs the migrations the store `table` (register_migrations, …) lacks, in one transaction,
  //! recorded in `table` (version, applied). Throws std::runtime_error naming `what`.
  Migrated migrate(const std::string& table, const std::vector<Migration>& migrations, const std::string& what);

  //! The text of a Poco exception with the password taken out, should a driver ever echo it.
  std::string safe(const std::string& message) const;

  //! Called when a statement failed: if the pool's connections are dead (the server restarted),
  //! starts a new pool, so one failed request per process, not one per pooled connection, is
  //! what a restart of the database costs. Nothing when the server cannot be reached at all.
  void recover();

 private:
  std::shared_ptr<Poco::Data::SessionPool> pool();

  std::string name_, secret_, connection_;
  int pool_size_ = 0;
  std::mutex mutex_;
  std::shared_ptr<Poco::Data::SessionPool> pool_;
  //! Pools replaced by recover(): kept, since a session still out refers to its pool.
  std::vector<std::shared_ptr<Poco::Data::SessionPool>> retired_;
};

//! BEGIN … COMMIT on one connection; rolled back unless committed.
class PgTransaction {
 public:
  explicit PgTransaction(Poco::Data::Session& session);
  ~PgTransaction();
  PgTransaction(const PgTransaction&) = delete;
  PgTransaction& operator=(const PgTransaction&) = delete;
  void commit();

 private:
  Poco::Data::Session& session_;
  bool open_ = true;
};

}  // namespace vanthu::host::storage
