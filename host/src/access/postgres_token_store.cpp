#include "access/postgres_token_store.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include "storage/rows.hpp"

namespace vanthu::host::access {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Session;
using storage::is_null_at;
using storage::text_at;

const std::vector<storage::Migration> kMigrations = {
    // 1: the token records (agencies and roles comma-separated, as `--agency` and `--roles` take them).
    {
        "CREATE TABLE api_tokens ("
        " id TEXT PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE, agencies TEXT NOT NULL,"
        " roles TEXT NOT NULL, created TEXT NOT NULL, expires TEXT, revoked TEXT, last_used TEXT)",
    },
};

constexpr const char* kColumns = "SELECT id, name, sha256, agencies, roles, created, expires, revoked, last_used FROM api_tokens ";

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : ",") + part;
  return out;
}

std::optional<Time> time_at(RecordSet& rows, std::size_t column, std::size_t row, const std::string& id) {
  if (is_null_at(rows, column, row)) return std::nullopt;
  std::optional<Time> time = parse_utc(text_at(rows, column, row));
  if (!time) throw TokenStoreError("kho token: token " + id + " có thời điểm không hợp lệ");
  return time;
}

[[noreturn]] void failed(storage::PostgresDatabase& database, const char* doing, const Poco::Exception& e) {
  database.recover();
  throw TokenStoreError(std::string("kho token: không ") + doing + " được: " + database.safe(e.displayText()));
}

}  // namespace

PostgresTokenStore::PostgresTokenStore(std::shared_ptr<storage::PostgresDatabase> database) : database_(std::move(database)) {}

storage::PostgresDatabase::Migrated PostgresTokenStore::migrate() {
  return database_->migrate("token_migrations", kMigrations, "kho token");
}

std::vector<TokenRecord> PostgresTokenStore::select(const std::string& where, const std::string& value) {
  Session db = database_->session();
  Poco::Data::Statement st(db);
  std::string v = value;
  st << kColumns + where;
  if (where.find("$1") != std::string::npos) st, use(v);
  st.execute();
  RecordSet rows(st);
  std::vector<TokenRecord> out;
  for (std::size_t r = 0; r < rows.rowCount(); ++r) {
    TokenRecord t;
    t.id = text_at(rows, 0, r);
    t.name = text_at(rows, 1, r);
    t.sha256 = text_at(rows, 2, r);
    const std::string agencies = text_at(rows, 3, r);
    for (std::size_t at = 0; at <= agencies.size();) {
      std::size_t comma = agencies.find(',', at);
      if (comma == std::string::npos) comma = agencies.size();
      if (comma > at) t.agencies.push_back(agencies.substr(at, comma - at));
      at = comma + 1;
    }
    std::optional<Roles> roles = parse_roles(text_at(rows, 4, r));
    if (!roles || t.agencies.empty()) throw TokenStoreError("kho token: token " + t.id + " hỏng (cơ quan hoặc vai trò)");
    t.roles = *roles;
    std::optional<Time> created = time_at(rows, 5, r, t.id);
    if (!created) throw TokenStoreError("kho token: token " + t.id + " thiếu thời điểm tạo");
    t.created = *created;
    t.expires = time_at(rows, 6, r, t.id);
    t.revoked = time_at(rows, 7, r, t.id);
    t.last_used = time_at(rows, 8, r, t.id);
    out.push_back(std::move(t));
  }
  return out;
}

void PostgresTokenStore::add(const TokenRecord& record) {
  try {
    Session db = database_->session();
    std::string id = record.id, name = record.name, hash = record.sha256, agencies = joined(record.agencies),
                roles = joined(role_names(record.roles)), created = utc_text(record.created);
    Poco::Nullable<std::string> expires;
    if (record.expires) expires = utc_text(*record.expires);
    db << "INSERT INTO api_tokens (id, name, sha256, agencies, roles, created, expires) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        use(id), use(name), use(hash), use(agencies), use(roles), use(created), use(expires), now;
  } catch (const Poco::Exception& e) {
    failed(*database_, "lưu token", e);
  }
}

std::vector<TokenRecord> PostgresTokenStore::list() {
  try {
    return select("ORDER BY created, id", "");
  } catch (const Poco::Exception& e) {
    failed(*database_, "đọc", e);
  }
}

TokenStore::RevokeResult PostgresTokenStore::revoke(std::string_view id, Time at) {
  try {
    Session db = database_->session();
    std::string key(id), when = utc_text(at);
    Poco::Data::Statement update(db);
    update << "UPDATE api_tokens SET revoked = $1 WHERE id = $2 AND revoked IS NULL", use(when), use(key);
    if (update.execute() > 0) return RevokeResult::revoked;
    int known = 0;
    db << "SELECT COUNT(*) FROM api_tokens WHERE id = $1", into(known), use(key), now;
    return known ? RevokeResult::already_revoked : RevokeResult::unknown;
  } catch (const Poco::Exception& e) {
    failed(*database_, "thu hồi token", e);
  }
}

std::optional<TokenRecord> PostgresTokenStore::find_by_hash(std::string_view sha256) {
  try {
    std::vector<TokenRecord> found = select("WHERE sha256 = $1", std::string(sha256));
    if (found.empty()) return std::nullopt;
    return found.front();
  } catch (const Poco::Exception& e) {
    failed(*database_, "đọc", e);
  }
}

void PostgresTokenStore::record_use(std::string_view id, Time at) {
  try {
    Session db = database_->session();
    std::string key(id), when = utc_text(at);
    db << "UPDATE api_tokens SET last_used = $1 WHERE id = $2 AND (last_used IS NULL OR last_used < $1)", use(when), use(key),
        now;
  } catch (const Poco::Exception& e) {
    failed(*database_, "ghi lần dùng token", e);
  }
}

}  // namespace vanthu::host::access
