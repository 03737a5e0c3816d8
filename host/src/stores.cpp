#include "stores.hpp"

#include <Poco/Logger.h>

#include "access/postgres_account_store.hpp"
#include "access/postgres_token_store.hpp"
#include "idempotency/postgres_idempotency_store.hpp"
#include "postgres_template_store.hpp"
#include "register/postgres_register.hpp"
#include "register/sqlite_register.hpp"
#include "sqlite_template_store.hpp"
#include "storage/postgres_database.hpp"

namespace vanthu::host {
namespace {

void note(Poco::Logger* log, const storage::PostgresDatabase& database, const char* what,
          storage::PostgresDatabase::Migrated migrated) {
  if (!log) return;
  if (migrated.from == migrated.to)
    log->information("Cơ sở dữ liệu " + database.name() + ": " + what + " phiên bản " + std::to_string(migrated.to) +
                     ", không cần chuyển đổi (schema up to date)");
  else
    log->information("Cơ sở dữ liệu " + database.name() + ": " + what + " chuyển từ phiên bản " + std::to_string(migrated.from) +
                     " lên " + std::to_string(migrated.to) + " (migrated)");
}

}  // namespace

Stores open_stores(const StoreLocation& where, Poco::Logger* log) {
  Stores stores;
  if (!where.database.postgresql()) {
    stores.templates = std::make_shared<SqliteTemplateStore>(where.data_dir);
    stores.documents = std::make_shared<SqliteRegister>(where.data_dir);
    stores.accounts = std::make_shared<access::SqliteAccountStore>(where.data_dir);
    stores.tokens = std::make_shared<access::FileTokenStore>(where.data_dir);
    stores.idempotency = std::make_shared<SqliteIdempotencyStore>(where.data_dir);
    return stores;
  }
  auto database = std::make_shared<storage::PostgresDatabase>(where.database);
  auto templates = std::make_shared<PostgresTemplateStore>(database);
  auto documents = std::make_shared<PostgresRegister>(database);
  auto accounts = std::make_shared<access::PostgresAccountStore>(database);
  auto tokens = std::make_shared<access::PostgresTokenStore>(database);
  auto idempotency = std::make_shared<PostgresIdempotencyStore>(database);
  note(log, *database, "kho mẫu (templates)", templates->migrate());
  note(log, *database, "sổ đăng ký (register)", documents->migrate());
  note(log, *database, "tài khoản (accounts)", accounts->migrate());
  note(log, *database, "token (API tokens)", tokens->migrate());
  note(log, *database, "khoá chống lặp (Idempotency-Key)", idempotency->migrate());
  stores.templates = std::move(templates);
  stores.documents = std::move(documents);
  stores.accounts = std::move(accounts);
  stores.tokens = std::move(tokens);
  stores.idempotency = std::move(idempotency);
  return stores;
}

}  // namespace vanthu::host
