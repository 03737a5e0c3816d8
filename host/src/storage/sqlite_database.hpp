//! What every SQLite-backed store of the host shares (the template store, the register, the
//! desk's accounts): opening DATA_DIR/templates.sqlite with the same settings, write
//! transactions that take the lock at once, numbered migrations, and reading a RecordSet.
//!
//! One database file for all of them, so a data directory is one thing to back up, and one
//! transaction can never see half of another store's write. Settings: WAL (readers never block
//! the writer), synchronous=FULL (a committed write survives a power cut), busy_timeout (writers
//! of other threads and processes queue on the lock instead of failing), foreign keys on.
#pragma once

#include <filesystem>
#include <memory>
#include <span>
#include <string>

#include <Poco/Data/Session.h>

#include "storage/rows.hpp"

namespace vanthu::host::storage {

//! The database file of a data directory.
std::filesystem::path database_file(const std::filesystem::path& data_dir);

//! Opens (creating the directory and the file) DATA_DIR/templates.sqlite. Throws
//! std::runtime_error naming the file and `what` ("kho mẫu", "sổ đăng ký văn bản").
std::unique_ptr<Poco::Data::Session> open_database(const std::filesystem::path& data_dir, const std::string& what);

//! BEGIN IMMEDIATE: the write lock at once, so two writers never read the same counter; rolled
//! back unless committed.
class WriteTransaction {
 public:
  explicit WriteTransaction(Poco::Data::Session& session);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();

 private:
  Poco::Data::Session& session_;
  bool open_ = true;
};

//! Runs the migrations a database lacks, in one transaction: the n-th (1-based) once, when the
//! database is at n-1, recorded in `table` (version, applied). A migration may hold several
//! statements separated by ';' (a CREATE TRIGGER's body ends at "END;"). A database at a higher
//! version than migrations.size() was written by a newer Vanthu: refused (std::runtime_error).
void migrate(Poco::Data::Session& db, const std::string& table, std::span<const char* const> migrations,
             const std::string& what);

}  // namespace vanthu::host::storage
