//! API tokens in PostgreSQL, shared by every replica: a token created or revoked through any of
//! them (or `vanthu token … --database=postgresql://…`) counts on all of them from the next request.
//!
//! One row per token (table api_tokens): the same record as FileTokenStore's, never the token
//! itself, only its SHA-256 (UNIQUE, looked up by index: the hash of a 256-bit random secret tells
//! a timing observer nothing it could use). Revocation and last use are single UPDATEs; times are
//! utc_text(). Schema changes are numbered migrations (token_migrations), run at start-up.
#pragma once

#include <memory>

#include "access/token_store.hpp"
#include "storage/postgres_database.hpp"

namespace vanthu::host::access {

class PostgresTokenStore final : public TokenStore {
 public:
  explicit PostgresTokenStore(std::shared_ptr<storage::PostgresDatabase> database);

  storage::PostgresDatabase::Migrated migrate();

  void add(const TokenRecord& record) override;
  std::vector<TokenRecord> list() override;
  RevokeResult revoke(std::string_view id, Time at) override;
  std::optional<TokenRecord> find_by_hash(std::string_view sha256) override;
  void record_use(std::string_view id, Time at) override;

 private:
  std::vector<TokenRecord> select(const std::string& where, const std::string& value);

  std::shared_ptr<storage::PostgresDatabase> database_;
};

}  // namespace vanthu::host::access
