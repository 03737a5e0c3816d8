//! Desk accounts and their sessions in PostgreSQL, shared by every replica: signed in through one,
//! known to all; a password changed or an account disabled ends its sessions everywhere.
//!
//! The same tables and rules as SqliteAccountStore. A wrong password's count is one atomic
//! UPDATE … RETURNING, so wrong passwords sent to two replicas at once are all counted. Schema changes are numbered migrations
//! (account_migrations), run at start-up.
#pragma once

#include <memory>

#include "access/account_store.hpp"
#include "storage/postgres_database.hpp"

namespace vanthu::host::access {

class PostgresAccountStore final : public AccountStore {
 public:
  explicit PostgresAccountStore(std::shared_ptr<storage::PostgresDatabase> database);

  storage::PostgresDatabase::Migrated migrate();

  Account create(const NewAccount& account, const std::string& actor) override;
  std::optional<Account> find(const std::string& id) override;
  std::vector<Account> list(const std::string& agency) override;
  std::size_t count() override;
  SignInResult sign_in(const std::string& username, const std::string& password, Time now) override;
  std::optional<DeskSession> session(const std::string& token, Time now) override;
  void sign_out(const std::string& token) override;
  void set_password(const std::string& id, const std::string& password, const std::string& actor) override;
  void set_disabled(const std::string& id, bool disabled, const std::string& actor) override;

 private:
  [[noreturn]] void failed(const char* doing, const Poco::Exception& e) const;

  std::shared_ptr<storage::PostgresDatabase> database_;
};

}  // namespace vanthu::host::access
