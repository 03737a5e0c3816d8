#include "storage/sqlite_database.hpp"

#include <mutex>
#include <stdexcept>

#include <Poco/Data/SQLite/Connector.h>

namespace vanthu::host::storage {

namespace fs = std::filesystem;
using namespace Poco::Data::Keywords;

fs::path database_file(const fs::path& data_dir) { return data_dir / "templates.sqlite"; }

std::unique_ptr<Poco::Data::Session> open_database(const fs::path& data_dir, const std::string& what) {
  static std::once_flag once;
  std::call_once(once, [] { Poco::Data::SQLite::Connector::registerConnector(); });
  const fs::path file = database_file(data_dir);
  std::error_code ec;
  fs::create_directories(data_dir, ec);
  if (ec) throw std::runtime_error("không tạo được thư mục dữ liệu " + data_dir.string() + ": " + ec.message());
  try {
    auto db = std::make_unique<Poco::Data::Session>("SQLite", file.string());
    int busy = 0;
    std::string mode;
    *db << "PRAGMA busy_timeout = 30000", into(busy), now;
    *db << "PRAGMA journal_mode = WAL", into(mode), now;
    *db << "PRAGMA synchronous = FULL", now;
    *db << "PRAGMA foreign_keys = ON", now;
    return db;
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không mở được " + what + " " + file.string() + ": " + e.displayText());
  }
}

WriteTransaction::WriteTransaction(Poco::Data::Session& session) : session_(session) {
  session_ << "BEGIN IMMEDIATE", now;
}

WriteTransaction::~WriteTransaction() {
  if (!open_) return;
  try {
    session_ << "ROLLBACK", now;
  } catch (...) {
  }
}

void WriteTransaction::commit() {
  session_ << "COMMIT", now;
  open_ = false;
}

void migrate(Poco::Data::Session& db, const std::string& table, std::span<const char* const> migrations,
             const std::string& what) {
  const int latest = static_cast<int>(migrations.size());
  db << "CREATE TABLE IF NOT EXISTS " + table + " (version INTEGER PRIMARY KEY, applied TEXT NOT NULL)", now;
  WriteTransaction migrating(db);
  int at = 0;
  db << "SELECT COALESCE(MAX(version), 0) FROM " + table, into(at), now;
  if (at > latest)
    throw std::runtime_error("cơ sở dữ liệu do phiên bản Vanthu mới hơn ghi (" + what + " phiên bản " +
                             std::to_string(at) + ", bản này đọc được đến " + std::to_string(latest) + ")");
  for (int v = at + 1; v <= latest; ++v) {
    // Poco runs one SQL statement per call: split the migration at ';'.
    const std::string sql = migrations[static_cast<std::size_t>(v - 1)];
    std::size_t start = 0;
    while (start < sql.size()) {
      std::size_t end = sql.find(';', start);
      // A trigger's body holds a ';' of its own: it ends at "END;".
      std::size_t first = sql.find_first_not_of(' ', start);
      if (first != std::string::npos && sql.compare(first, 14, "CREATE TRIGGER") == 0) end = sql.find("END;", start) + 3;
      std::string statement = sql.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (statement.find_first_not_of(' ') != std::string::npos) db << statement, now;
      if (end == std::string::npos) break;
      start = end + 1;
    }
    std::string applied = now_utc();
    db << "INSERT INTO " + table + " (version, applied) VALUES (?, ?)", use(v), use(applied), now;
  }
  migrating.commit();
}

}  // namespace vanthu::host::storage
