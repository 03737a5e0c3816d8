//! Templates uploaded for a report type and an issuing body (agency), versioned.
//!
//! TemplateStore is what a backend provides, plus the cache of compiled templates they share
//! (64 at most; versions never change, so a cached one is never stale, whichever replica wrote
//! it). Backends:
//!   - SqliteTemplateStore (sqlite_template_store.hpp), the embedded default: DATA_DIR/templates.sqlite;
//!   - PostgresTemplateStore (postgres_template_store.hpp): one PostgreSQL database shared by replicas.
//! Each holds each version's bytes, SHA-256, size, delimiters and upload time, and which version
//! is current for each (report type, agency). A version is written in one transaction with its
//! "current" pointer: after a crash a version is either entirely there or absent, never half a
//! file. Versions are never changed or deleted; rollback moves the pointer. Thread-safe.
#pragma once

#include <cstdint>
#include <list>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "vanthu/template_engine.hpp"

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
  virtual ~TemplateStore() = default;

  struct Added {
    TemplateVersion version;
    bool created = true;  //!< false: the same bytes and delimiters were already current
  };
  //! Stores a new version and makes it current (unless it is byte-identical to the current one).
  //! Throws std::runtime_error when the store cannot be written.
  virtual Added add(const std::string& report_type, const std::string& agency, const std::string& docx,
                    const std::string& delimiters) = 0;
  //! Every version, newest first (current marked).
  virtual std::vector<TemplateVersion> versions(const std::string& report_type, const std::string& agency) = 0;
  //! The current version of each agency that has one, by agency.
  virtual std::vector<TemplateVersion> agencies(const std::string& report_type) = 0;
  //! The version asked for, or the current one; nothing when there is none.
  virtual std::optional<TemplateVersion> find(const std::string& report_type, const std::string& agency,
                                              std::optional<int> version = std::nullopt) = 0;
  virtual std::string content(const TemplateVersion& version) = 0;
  //! Makes `version` current again; nothing when there is no such version.
  virtual std::optional<TemplateVersion> make_current(const std::string& report_type, const std::string& agency,
                                                      int version) = 0;
  //! The version compiled (cached). Throws vanthu::TemplateError if it no longer compiles.
  std::shared_ptr<const vanthu::Template> compiled(const TemplateVersion& version);

 protected:
  TemplateStore() = default;
  TemplateStore(const TemplateStore&) = delete;
  TemplateStore& operator=(const TemplateStore&) = delete;

 private:
  std::mutex cache_mutex_;
  using Key = std::tuple<std::string, std::string, int>;
  std::map<Key, std::shared_ptr<const vanthu::Template>> cache_;
  std::list<Key> cache_order_;  //!< least recently used first
};

}  // namespace vanthu::host
