//! The register of outgoing documents in PostgreSQL (Poco::Data::PostgreSQL), shared by every
//! replica of the service: the same tables and rules as SqliteRegister, the server doing the
//! locking.
//!
//! Gap-free, unique numbers across replicas: issue() runs in one transaction that locks the
//! document's row (SELECT … FOR UPDATE: one issue per draft), makes sure the book's counter row
//! exists (INSERT … ON CONFLICT DO NOTHING), locks it (SELECT … FOR UPDATE: the next issuer of
//! the same book, on any replica, waits here until this transaction ends), stores the entry, the
//! file and the document's new state and moves the counter, and commits. A failure or a crash
//! before COMMIT leaves the number free. The document row is always locked before the book's, so
//! two issues never deadlock. The UNIQUE (agency, issuer, year, number) key is the last line of
//! defence; a trigger refuses any UPDATE or DELETE of an entry.
//!
//! Schema changes are numbered migrations (register_migrations), run at start-up (migrate()).
#pragma once

#include <memory>

#include "register/document_register.hpp"
#include "storage/postgres_database.hpp"

namespace vanthu::host {

class PostgresRegister final : public DocumentRegister {
 public:
  explicit PostgresRegister(std::shared_ptr<storage::PostgresDatabase> database);

  //! Brings the schema up to this build's version (start-up; replicas may run it together).
  storage::PostgresDatabase::Migrated migrate();
  static int schema_version();

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

 private:
  [[noreturn]] void failed(const char* doing, const Poco::Exception& e) const;

  std::shared_ptr<storage::PostgresDatabase> database_;
};

}  // namespace vanthu::host
