#include "sqlite_template_store.hpp"

#include "digest.hpp"

#include <stdexcept>

#include <Poco/Data/LOB.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include "storage/sqlite_database.hpp"

namespace vanthu::host {
namespace {

namespace fs = std::filesystem;
using namespace Poco::Data::Keywords;

constexpr const char* kSchema[] = {
    "CREATE TABLE IF NOT EXISTS template_versions ("
    " report_type TEXT NOT NULL, agency TEXT NOT NULL, version INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL, size INTEGER NOT NULL, delimiters TEXT NOT NULL,"
    " created TEXT NOT NULL, content BLOB NOT NULL,"
    " PRIMARY KEY (report_type, agency, version))",
    "CREATE TABLE IF NOT EXISTS current_templates ("
    " report_type TEXT NOT NULL, agency TEXT NOT NULL, version INTEGER NOT NULL,"
    " PRIMARY KEY (report_type, agency))",
    "CREATE TABLE IF NOT EXISTS template_events ("
    " at TEXT NOT NULL, report_type TEXT NOT NULL, agency TEXT NOT NULL, action TEXT NOT NULL,"
    " version INTEGER NOT NULL)",
};

using storage::now_utc;
using storage::WriteTransaction;

}  // namespace

SqliteTemplateStore::SqliteTemplateStore(fs::path data_dir) : data_dir_(std::move(data_dir)) {}
SqliteTemplateStore::~SqliteTemplateStore() = default;

Poco::Data::Session& SqliteTemplateStore::session() {
  if (session_) return *session_;
  auto session = storage::open_database(data_dir_, "kho mẫu");
  try {
    for (const char* statement : kSchema) *session << statement, now;
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không mở được kho mẫu " + storage::database_file(data_dir_).string() + ": " + e.displayText());
  }
  session_ = std::move(session);
  return *session_;
}

std::vector<TemplateVersion> SqliteTemplateStore::select(const std::string& where, const std::string& report_type,
                                                   const std::string& agency, int version) {
  std::vector<std::string> types, agencies, hashes, delimiters, created;
  std::vector<int> versions, current;
  std::vector<Poco::Int64> sizes;
  std::string type_value = report_type, agency_value = agency;
  Poco::Data::Statement statement(session());
  statement << "SELECT v.report_type, v.agency, v.version, v.sha256, v.size, v.delimiters, v.created,"
               " COALESCE(c.version = v.version, 0)"
               " FROM template_versions v LEFT JOIN current_templates c"
               " ON c.report_type = v.report_type AND c.agency = v.agency " +
                   where,
      into(types), into(agencies), into(versions), into(hashes), into(sizes), into(delimiters), into(created), into(current);
  statement, use(type_value);
  if (where.find("v.agency = ?") != std::string::npos) statement, use(agency_value);
  if (where.find("v.version = ?") != std::string::npos) statement, use(version);
  statement.execute();
  std::vector<TemplateVersion> out;
  for (std::size_t i = 0; i < versions.size(); ++i) {
    TemplateVersion v;
    v.report_type = types[i];
    v.agency = agencies[i];
    v.version = versions[i];
    v.sha256 = hashes[i];
    v.size = sizes[i];
    v.delimiters = delimiters[i];
    v.created = created[i];
    v.current = current[i] != 0;
    out.push_back(std::move(v));
  }
  return out;
}

TemplateStore::Added SqliteTemplateStore::add(const std::string& report_type, const std::string& agency, const std::string& docx,
                                        const std::string& delimiters) {
  std::lock_guard lock(mutex_);
  try {
    Poco::Data::Session& db = session();
    const std::string hash = sha256_hex(docx);
    WriteTransaction transaction(db);
    std::vector<TemplateVersion> current =
        select("WHERE v.report_type = ? AND v.agency = ? AND c.version = v.version", report_type, agency, 0);
    if (!current.empty() && current[0].sha256 == hash && current[0].delimiters == delimiters)
      return {current[0], false};
    std::string type_value = report_type, agency_value = agency, hash_value = hash, delimiters_value = delimiters;
    std::string created = now_utc(), action = "upload";
    int next = 0;
    db << "SELECT COALESCE(MAX(version), 0) + 1 FROM template_versions WHERE report_type = ? AND agency = ?",
        into(next), use(type_value), use(agency_value), now;
    Poco::Int64 size = static_cast<Poco::Int64>(docx.size());
    Poco::Data::BLOB content(reinterpret_cast<const unsigned char*>(docx.data()), docx.size());
    db << "INSERT INTO template_versions (report_type, agency, version, sha256, size, delimiters, created, content)"
          " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        use(type_value), use(agency_value), use(next), use(hash_value), use(size), use(delimiters_value), use(created),
        use(content), now;
    db << "INSERT OR REPLACE INTO current_templates (report_type, agency, version) VALUES (?, ?, ?)", use(type_value),
        use(agency_value), use(next), now;
    db << "INSERT INTO template_events (at, report_type, agency, action, version) VALUES (?, ?, ?, ?, ?)", use(created),
        use(type_value), use(agency_value), use(action), use(next), now;
    transaction.commit();
    TemplateVersion added;
    added.report_type = report_type;
    added.agency = agency;
    added.version = next;
    added.sha256 = hash;
    added.size = size;
    added.delimiters = delimiters;
    added.created = created;
    added.current = true;
    return {added, true};
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không lưu được mẫu vào kho: " + e.displayText());
  }
}

std::vector<TemplateVersion> SqliteTemplateStore::versions(const std::string& report_type, const std::string& agency) {
  std::lock_guard lock(mutex_);
  try {
    return select("WHERE v.report_type = ? AND v.agency = ? ORDER BY v.version DESC", report_type, agency, 0);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không đọc được kho mẫu: " + e.displayText());
  }
}

std::vector<TemplateVersion> SqliteTemplateStore::agencies(const std::string& report_type) {
  std::lock_guard lock(mutex_);
  try {
    return select("WHERE v.report_type = ? AND c.version = v.version ORDER BY v.agency", report_type, {}, 0);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không đọc được kho mẫu: " + e.displayText());
  }
}

std::optional<TemplateVersion> SqliteTemplateStore::find(const std::string& report_type, const std::string& agency,
                                                   std::optional<int> version) {
  std::lock_guard lock(mutex_);
  try {
    std::vector<TemplateVersion> found =
        version ? select("WHERE v.report_type = ? AND v.agency = ? AND v.version = ?", report_type, agency, *version)
                : select("WHERE v.report_type = ? AND v.agency = ? AND c.version = v.version", report_type, agency, 0);
    if (found.empty()) return std::nullopt;
    return found.front();
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không đọc được kho mẫu: " + e.displayText());
  }
}

std::string SqliteTemplateStore::content(const TemplateVersion& version) {
  std::lock_guard lock(mutex_);
  try {
    Poco::Data::BLOB content;
    std::string type_value = version.report_type, agency_value = version.agency;
    int number = version.version;
    session() << "SELECT content FROM template_versions WHERE report_type = ? AND agency = ? AND version = ?",
        into(content), use(type_value), use(agency_value), use(number), now;
    return std::string(reinterpret_cast<const char*>(content.rawContent()), content.size());
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không đọc được kho mẫu: " + e.displayText());
  }
}

std::optional<TemplateVersion> SqliteTemplateStore::make_current(const std::string& report_type, const std::string& agency,
                                                           int version) {
  std::lock_guard lock(mutex_);
  try {
    Poco::Data::Session& db = session();
    WriteTransaction transaction(db);
    std::vector<TemplateVersion> found =
        select("WHERE v.report_type = ? AND v.agency = ? AND v.version = ?", report_type, agency, version);
    if (found.empty()) return std::nullopt;
    std::string type_value = report_type, agency_value = agency, at = now_utc(), action = "rollback";
    db << "INSERT OR REPLACE INTO current_templates (report_type, agency, version) VALUES (?, ?, ?)", use(type_value),
        use(agency_value), use(version), now;
    db << "INSERT INTO template_events (at, report_type, agency, action, version) VALUES (?, ?, ?, ?, ?)", use(at),
        use(type_value), use(agency_value), use(action), use(version), now;
    transaction.commit();
    found[0].current = true;
    return found[0];
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không ghi được kho mẫu: " + e.displayText());
  }
}

}  // namespace vanthu::host
