#include "postgres_template_store.hpp"

#include "digest.hpp"

#include <stdexcept>

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include "storage/rows.hpp"

namespace vanthu::host {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Session;
using storage::integer_at;
using storage::now_utc;
using storage::PgTransaction;
using storage::text_at;

const std::vector<storage::Migration> kMigrations = {
    // 1: each version's bytes and facts, the current version of each (report type, agency), what was done.
    {
        "CREATE TABLE template_versions ("
        " report_type TEXT NOT NULL, agency TEXT NOT NULL, version INTEGER NOT NULL,"
        " sha256 TEXT NOT NULL, size BIGINT NOT NULL, delimiters TEXT NOT NULL,"
        " created TEXT NOT NULL, content BYTEA NOT NULL,"
        " PRIMARY KEY (report_type, agency, version))",
        "CREATE TABLE current_templates ("
        " report_type TEXT NOT NULL, agency TEXT NOT NULL, version INTEGER NOT NULL,"
        " PRIMARY KEY (report_type, agency),"
        " FOREIGN KEY (report_type, agency, version) REFERENCES template_versions (report_type, agency, version))",
        "CREATE TABLE template_events ("
        " at TEXT NOT NULL, report_type TEXT NOT NULL, agency TEXT NOT NULL, action TEXT NOT NULL,"
        " version INTEGER NOT NULL)",
    },
};

//! The advisory lock class of template uploads (pg_advisory_xact_lock(class, key)).
constexpr int kUploadLock = 71201;

}  // namespace

PostgresTemplateStore::PostgresTemplateStore(std::shared_ptr<storage::PostgresDatabase> database)
    : database_(std::move(database)) {}

storage::PostgresDatabase::Migrated PostgresTemplateStore::migrate() {
  return database_->migrate("template_migrations", kMigrations, "kho mẫu");
}

void PostgresTemplateStore::failed(const char* doing, const Poco::Exception& e) const {
  database_->recover();
  throw std::runtime_error(std::string("kho mẫu: không ") + doing + " được: " + database_->safe(e.displayText()));
}

std::vector<TemplateVersion> PostgresTemplateStore::select(Session& db, const std::string& where, const std::string& report_type,
                                                           const std::string& agency, int version) {
  std::string type_value = report_type, agency_value = agency;
  Poco::Data::Statement statement(db);
  statement << "SELECT v.report_type, v.agency, v.version, v.sha256, v.size, v.delimiters, v.created,"
               " CASE WHEN c.version = v.version THEN 1 ELSE 0 END"
               " FROM template_versions v LEFT JOIN current_templates c"
               " ON c.report_type = v.report_type AND c.agency = v.agency " +
                   where;
  statement, use(type_value);
  if (where.find("$2") != std::string::npos) statement, use(agency_value);
  if (where.find("$3") != std::string::npos) statement, use(version);
  statement.execute();
  RecordSet rows(statement);
  std::vector<TemplateVersion> out;
  for (std::size_t r = 0; r < rows.rowCount(); ++r) {
    TemplateVersion v;
    v.report_type = text_at(rows, 0, r);
    v.agency = text_at(rows, 1, r);
    v.version = static_cast<int>(integer_at(rows, 2, r));
    v.sha256 = text_at(rows, 3, r);
    v.size = integer_at(rows, 4, r);
    v.delimiters = text_at(rows, 5, r);
    v.created = text_at(rows, 6, r);
    v.current = integer_at(rows, 7, r) != 0;
    out.push_back(std::move(v));
  }
  return out;
}

TemplateStore::Added PostgresTemplateStore::add(const std::string& report_type, const std::string& agency,
                                                const std::string& docx, const std::string& delimiters) {
  try {
    Session db = database_->session();
    const std::string hash = sha256_hex(docx);
    PgTransaction transaction(db);
    std::string type_value = report_type, agency_value = agency, hash_value = hash, delimiters_value = delimiters;
    int lock_class = kUploadLock;
    db << "SELECT pg_advisory_xact_lock($1::integer, hashtext($2::text || '/' || $3::text))", use(lock_class), use(type_value),
        use(agency_value), now;
    std::vector<TemplateVersion> current =
        select(db, "WHERE v.report_type = $1 AND v.agency = $2 AND c.version = v.version", report_type, agency, 0);
    if (!current.empty() && current[0].sha256 == hash && current[0].delimiters == delimiters) return {current[0], false};
    std::string created = now_utc(), action = "upload";
    int next = 0;
    db << "SELECT COALESCE(MAX(version), 0) + 1 FROM template_versions WHERE report_type = $1 AND agency = $2", into(next),
        use(type_value), use(agency_value), now;
    Poco::Int64 size = static_cast<Poco::Int64>(docx.size());
    Poco::Data::BLOB content(reinterpret_cast<const unsigned char*>(docx.data()), docx.size());
    db << "INSERT INTO template_versions (report_type, agency, version, sha256, size, delimiters, created, content)"
          " VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        use(type_value), use(agency_value), use(next), use(hash_value), use(size), use(delimiters_value), use(created),
        use(content), now;
    db << "INSERT INTO current_templates (report_type, agency, version) VALUES ($1, $2, $3)"
          " ON CONFLICT (report_type, agency) DO UPDATE SET version = EXCLUDED.version",
        use(type_value), use(agency_value), use(next), now;
    db << "INSERT INTO template_events (at, report_type, agency, action, version) VALUES ($1, $2, $3, $4, $5)", use(created),
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
    failed("lưu mẫu", e);
  }
}

std::vector<TemplateVersion> PostgresTemplateStore::versions(const std::string& report_type, const std::string& agency) {
  try {
    Session db = database_->session();
    return select(db, "WHERE v.report_type = $1 AND v.agency = $2 ORDER BY v.version DESC", report_type, agency, 0);
  } catch (const Poco::Exception& e) {
    failed("đọc", e);
  }
}

std::vector<TemplateVersion> PostgresTemplateStore::agencies(const std::string& report_type) {
  try {
    Session db = database_->session();
    return select(db, "WHERE v.report_type = $1 AND c.version = v.version ORDER BY v.agency", report_type, {}, 0);
  } catch (const Poco::Exception& e) {
    failed("đọc", e);
  }
}

std::optional<TemplateVersion> PostgresTemplateStore::find(const std::string& report_type, const std::string& agency,
                                                           std::optional<int> version) {
  try {
    Session db = database_->session();
    std::vector<TemplateVersion> found =
        version ? select(db, "WHERE v.report_type = $1 AND v.agency = $2 AND v.version = $3", report_type, agency, *version)
                : select(db, "WHERE v.report_type = $1 AND v.agency = $2 AND c.version = v.version", report_type, agency, 0);
    if (found.empty()) return std::nullopt;
    return found.front();
  } catch (const Poco::Exception& e) {
    failed("đọc", e);
  }
}

std::string PostgresTemplateStore::content(const TemplateVersion& version) {
  try {
    Session db = database_->session();
    Poco::Data::BLOB content;
    std::string type_value = version.report_type, agency_value = version.agency;
    int number = version.version;
    db << "SELECT content FROM template_versions WHERE report_type = $1 AND agency = $2 AND version = $3", into(content),
        use(type_value), use(agency_value), use(number), now;
    return std::string(reinterpret_cast<const char*>(content.rawContent()), content.size());
  } catch (const Poco::Exception& e) {
    failed("đọc", e);
  }
}

std::optional<TemplateVersion> PostgresTemplateStore::make_current(const std::string& report_type, const std::string& agency,
                                                                   int version) {
  try {
    Session db = database_->session();
    PgTransaction transaction(db);
    std::vector<TemplateVersion> found =
        select(db, "WHERE v.report_type = $1 AND v.agency = $2 AND v.version = $3", report_type, agency, version);
    if (found.empty()) return std::nullopt;
    std::string type_value = report_type, agency_value = agency, at = now_utc(), action = "rollback";
    db << "INSERT INTO current_templates (report_type, agency, version) VALUES ($1, $2, $3)"
          " ON CONFLICT (report_type, agency) DO UPDATE SET version = EXCLUDED.version",
        use(type_value), use(agency_value), use(version), now;
    db << "INSERT INTO template_events (at, report_type, agency, action, version) VALUES ($1, $2, $3, $4, $5)", use(at),
        use(type_value), use(agency_value), use(action), use(version), now;
    transaction.commit();
    found[0].current = true;
    return found[0];
  } catch (const Poco::Exception& e) {
    failed("ghi", e);
  }
}

}  // namespace vanthu::host
