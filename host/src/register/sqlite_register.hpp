//! The register of outgoing documents in SQLite (Poco::Data::SQLite): the embedded default, in
//! the template store's database file (DATA_DIR/templates.sqlite), its own tables.
//!
//! Gap-free, unique numbers under concurrency and crashes: issue() runs in one BEGIN IMMEDIATE
//! transaction (one writer at a time, across threads and processes sharing the data directory)
//! that reads the book's counter, stores the entry, the file and the document's new state, and
//! moves the counter — all committed together (WAL, synchronous=FULL) or not at all. A `kill -9`
//! before COMMIT leaves the number free; after it, the number and its document are both there.
//! The UNIQUE (agency, issuer, year, number) key is the last line of defence.
//!
//! Schema changes are numbered migrations (register_migrations), run when the database is first
//! opened; a database written by a newer Vanthu is refused rather than guessed at.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "register/document_register.hpp"

namespace Poco::Data {
class Session;
}

namespace vanthu::host {

class SqliteRegister final : public DocumentRegister {
 public:
  explicit SqliteRegister(std::filesystem::path data_dir);
  ~SqliteRegister() override;

  StoredDocument create_draft(const std::string& agency, const std::string& report_type, const std::string& input,
                              const std::string& created_by) override;
  std::optional<StoredDocument> find(const std::string& id) override;
  UpdateOutcome update_draft(const std::string& id, const std::string& input, const std::string& by) override;
  std::vector<StoredDocument> documents(const std::string& agency, const std::string& report_type,
                                        std::size_t limit) override;
  IssueOutcome issue(const std::string& id, const std::string& issuer, int year, const std::string& issued_by,
                     const std::function<IssuedDocument(int number, const std::string& last_date)>& make) override;
  WithdrawOutcome withdraw(const std::string& id, const std::string& by, const std::string& reason) override;
  std::optional<RegisterEntry> entry(const std::string& id) override;
  std::optional<IssuedFile> file(const std::string& id) override;
  std::vector<RegisterEntry> entries(const std::string& agency, int year) override;

  //! The schema version this build writes (the number of migrations).
  static int schema_version();

 private:
  Poco::Data::Session& session();  //!< opens and migrates on first use; call with mutex_ held
  std::optional<RegisterEntry> select_entry(const std::string& id);

  std::filesystem::path data_dir_;
  std::mutex mutex_;
  std::unique_ptr<Poco::Data::Session> session_;
};

}  // namespace vanthu::host
