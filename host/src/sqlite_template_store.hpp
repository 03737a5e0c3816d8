//! The template store in SQLite (Poco::Data::SQLite), the embedded default: DATA_DIR/templates.sqlite
//! (WAL journal, synchronous=FULL; storage/sqlite_database.hpp). Several processes (the service,
//! `vanthu render --agency`) may share a data directory: SQLite locks, writers wait.
//!
//! The database is opened on first use (the directory is created then), so a service that never
//! sees a template request never touches the disk.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>

#include "template_store.hpp"

namespace Poco::Data {
class Session;
}

namespace vanthu::host {

class SqliteTemplateStore final : public TemplateStore {
 public:
  explicit SqliteTemplateStore(std::filesystem::path data_dir);
  ~SqliteTemplateStore() override;

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
  Poco::Data::Session& session();  //!< opens on first use; call with mutex_ held
  std::vector<TemplateVersion> select(const std::string& where, const std::string& report_type,
                                      const std::string& agency, int version);

  std::filesystem::path data_dir_;
  std::mutex mutex_;
  std::unique_ptr<Poco::Data::Session> session_;
};

}  // namespace vanthu::host
