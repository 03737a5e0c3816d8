//! Which database the stores (templates, documents and the register, desk accounts and their
//! sessions, API tokens) live in, as configured:
//!
//!   - nothing, or "sqlite": the embedded default, DATA_DIR/templates.sqlite (and tokens.json);
//!   - "postgresql://USER@HOST:PORT/DBNAME?sslmode=require&connect_timeout=5": a PostgreSQL
//!     server, which several stateless replicas share. The password is never in the URL (a URL
//!     is shown in logs, `ps` and shell history): it is read from the file named by
//!     `database-password-file`, else from the environment variable VANTHU_DATABASE_PASSWORD,
//!     else left to libpq (~/.pgpass, peer or trust authentication).
//!
//! The password is held only in `password` and in the connection string given to libpq; what is
//! shown or logged is display(), which never holds it.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>

namespace vanthu::host::storage {

//! A configuration the database cannot be reached with, naming the setting ("database",
//! "database-password-file") with a Vietnamese message and an English code.
class DatabaseSettingsError : public std::runtime_error {
 public:
  DatabaseSettingsError(std::string field, std::string code, const std::string& message)
      : std::runtime_error(message), field(std::move(field)), code(std::move(code)) {}
  std::string field, code;
};

struct DatabaseSettings {
  enum class Kind { sqlite, postgresql } kind = Kind::sqlite;
  std::string user, host, port, name;         //!< name: the database (dbname); host may be a socket directory
  std::map<std::string, std::string> options;  //!< libpq parameters from the query (sslmode, connect_timeout, …)
  std::string password;                        //!< secret: never shown or logged
  int pool_size = 32;                          //!< connections one process opens at most (?pool_size=N)

  bool postgresql() const { return kind == Kind::postgresql; }
  //! "postgresql://vanthu@db.phuong.vn:5432/vanthu" (or "sqlite"): for messages and logs.
  std::string display() const;
  //! libpq's "key='value' …" with the password: for PQconnectdb only, never logged.
  std::string connection_string() const;
};

//! The name of the environment variable the password is read from.
inline constexpr const char* kDatabasePasswordVariable = "VANTHU_DATABASE_PASSWORD";

//! Reads the setting `database` (empty or "sqlite": the default) and, for PostgreSQL, the
//! password (from `password_file` when given, else the environment). Throws
//! DatabaseSettingsError naming what is wrong.
DatabaseSettings parse_database_settings(const std::string& url, const std::string& password_file);

}  // namespace vanthu::host::storage
