//! IdempotencyStore on PostgreSQL (storage/postgres_database.hpp): the keys every replica sees,
//! so a retry that lands on another replica gets the first answer too.
#pragma once

#include <memory>
#include <mutex>

#include "idempotency/idempotency_store.hpp"
#include "storage/postgres_database.hpp"

namespace vanthu::host {

class PostgresIdempotencyStore final : public IdempotencyStore {
 public:
  explicit PostgresIdempotencyStore(std::shared_ptr<storage::PostgresDatabase> database);

  storage::PostgresDatabase::Migrated migrate();

  Claim claim(const std::string& owner, const std::string& key, const std::string& fingerprint, Time when) override;
  void keep(const std::string& owner, const std::string& key, const KeptAnswer& answer, Time when) override;
  void release(const std::string& owner, const std::string& key) override;

 private:
  std::shared_ptr<storage::PostgresDatabase> database_;
  std::mutex purge_mutex_;
  Time last_purge_{};
};

}  // namespace vanthu::host
