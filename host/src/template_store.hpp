//! Templates uploaded for a report type and an issuing body (agency), versioned.
//!
//! One SQLite database, DATA_DIR/templates.sqlite (Poco::Data::SQLite), holds everything: each
//! version's bytes, SHA-256, size, delimiters and upload time, and which version is current for
//! each (report type, agency). A version is written in one transaction with its "current" pointer
//! (WAL journal, synchronous=FULL): after a crash or power cut a version is either entirely there
//! or absent, and never half a file. Versions are never changed or deleted; rollback moves the
//! pointer. Several processes (the service, `vanthu render --agency`) may share a data directory:
//! SQLite locks, writers wait up to 10 s.
//!
//! The database is opened on first use (the directory is created then), so a service that never
//! sees a template request never touches the disk. Compiled templates are cached (64 at most).
//! Thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include "vanthu/template_engine.hpp"

namespace Poco::Data {
class Session;
}

namespace vanthu::host {

struct TemplateVersion {
  std::string report_type;
  std::string agency;
  int version = 0;
  std::string sha256;      //!< hex, lower case
  std::int64_t size = 0;   //!< bytes
  std::string delimiters;  //!< "[[ ]]" given at upload; "" = the template's own (or "{ }")
  std::string created;     //!< upload time, UTC, "2026-02-11T08:30:00Z"
  bool current = false;
};

//! [a-z0-9-]+, at most 64 characters: report type ids and agency ids.
bool valid_store_id(std::string_view id);

class TemplateStore {
 public:
  explicit TemplateStore(std::filesystem::path data_dir);
  ~TemplateStore();
  TemplateStore(const TemplateStore&) = delete;
  TemplateStore& operator=(const TemplateStore&) = delete;

  const std::filesystem::path& data_dir() const { return data_dir_; }

  struct Added {
    TemplateVersion version;
    bool created = true;  //!< false: the same bytes and delimiters were already current
  };
  //! Stores a new version and makes it current (unless it is byte-identical to the current one).
  //! Throws std::runtime_error when the store cannot be written.
  Added add(const std::string& report_type, const std::string& agency, const std::string& docx,
            const std::string& delimiters);
  //! Every version, newest first (current marked).
  std::vector<TemplateVersion> versions(const std::string& report_type, const std::string& agency);
  //! The current version of each agency that has one, by agency.
  std::vector<TemplateVersion> agencies(const std::string& report_type);
  //! The version asked for, or the current one; nothing when there is none.
  std::optional<TemplateVersion> find(const std::string& report_type, const std::string& agency,
                                      std::optional<int> version = std::nullopt);
  std::string content(const TemplateVersion& version);
  //! Makes `version` current again; nothing when there is no such version.
  std::optional<TemplateVersion> make_current(const std::string& report_type, const std::string& agency, int version);
  //! The version compiled (cached). Throws vanthu::TemplateError if it no longer compiles.
  std::shared_ptr<const vanthu::Template> compiled(const TemplateVersion& version);

 private:
  Poco::Data::Session& session();  //!< opens on first use; call with mutex_ held
  std::vector<TemplateVersion> select(const std::string& where, const std::string& report_type,
                                      const std::string& agency, int version);

  std::filesystem::path data_dir_;
  std::mutex mutex_;
  std::unique_ptr<Poco::Data::Session> session_;
  using Key = std::tuple<std::string, std::string, int>;
  std::map<Key, std::shared_ptr<const vanthu::Template>> cache_;
  std::list<Key> cache_order_;  //!< least recently used first
};

}  // namespace vanthu::host
