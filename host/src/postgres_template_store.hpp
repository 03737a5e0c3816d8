//! The template store in PostgreSQL (Poco::Data::PostgreSQL), shared by every replica: a template
//! uploaded through one is current on all of them from the next request.
//!
//! The same tables as SqliteTemplateStore. Two uploads for one (report type, agency), from any
//! replicas, never take the same version number: add() holds a transaction-scoped advisory lock
//! of that pair while it reads the last version and writes the next. Schema changes are numbered
//! migrations (template_migrations), run at start-up (migrate()).
#pragma once

#include <memory>

#include "storage/postgres_database.hpp"
#include "template_store.hpp"

namespace Poco::Data {
class Session;
}

namespace vanthu::host {

class PostgresTemplateStore final : public TemplateStore {
 public:
  explicit PostgresTemplateStore(std::shared_ptr<storage::PostgresDatabase> database);

  storage::PostgresDatabase::Migrated migrate();

  Added add(const std::string& report_type, const std::string& agency, const std::string& docx,
            const std::string& delimiters) override;
  std::vector<TemplateVersion> versions(const std::string& report_type, const std::string& agency) override;
  std::vector<TemplateVersion> agencies(const std::string& report_type) override;
  std::optional<TemplateVersion> find(const std::string& report_type, const std::string& agency,
                                      std::optional<int> version = std::nullopt) override;
  std::string content(const TemplateVersion& version) override;
  std::optional<TemplateVersion> make_current(const std::string& report_type, const std::string& agency,
                                              int version) override;

 private:
  //! `where` uses $1 (report type), then $2 (agency) and $3 (version) when it names them.
  std::vector<TemplateVersion> select(Poco::Data::Session& db, const std::string& where, const std::string& report_type,
                                      const std::string& agency, int version);
  [[noreturn]] void failed(const char* doing, const Poco::Exception& e) const;

  std::shared_ptr<storage::PostgresDatabase> database_;
};

}  // namespace vanthu::host
