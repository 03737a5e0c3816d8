//! The stores of one process — templates, documents and the register, desk accounts and their
//! sessions, API tokens — on the configured database (storage/database_settings.hpp):
//!
//!   - SQLite (the default): SqliteTemplateStore, SqliteRegister, SqliteAccountStore in
//!     DATA_DIR/templates.sqlite (SqliteIdempotencyStore too) and FileTokenStore in DATA_DIR/tokens.json, each opened (and
//!     migrated) on first use;
//!   - PostgreSQL: PostgresTemplateStore, PostgresRegister, PostgresAccountStore,
//!     PostgresTokenStore and PostgresIdempotencyStore on one pool of connections, connected and migrated here, at start-up,
//!     so a wrong URL or password, or a database written by a newer Vanthu, stops the service
//!     before it listens. The data directory then holds nothing shared (PDF worker profiles).
#pragma once

#include <filesystem>
#include <memory>

#include "access/account_store.hpp"
#include "access/token_store.hpp"
#include "idempotency/idempotency_store.hpp"
#include "register/document_register.hpp"
#include "storage/database_settings.hpp"
#include "template_store.hpp"

namespace Poco {
class Logger;
}

namespace vanthu::host {

//! Where a process's stores are.
struct StoreLocation {
  std::filesystem::path data_dir;
  storage::DatabaseSettings database;  //!< sqlite unless configured
};

struct Stores {
  std::shared_ptr<TemplateStore> templates;
  std::shared_ptr<DocumentRegister> documents;
  std::shared_ptr<access::AccountStore> accounts;
  std::shared_ptr<access::TokenStore> tokens;
  std::shared_ptr<IdempotencyStore> idempotency;  //!< answers kept by Idempotency-Key
};

//! Throws std::runtime_error (PostgreSQL: unreachable, refused, or a failed migration), naming
//! the database by its display() name, never its password. `log`, when given, gets one line per
//! store migrated (or found up to date).
Stores open_stores(const StoreLocation& where, Poco::Logger* log = nullptr);

}  // namespace vanthu::host
