//! Where API tokens are kept, and what using one means (authenticate).
//!
//! TokenStore is the interface; FileTokenStore, DATA_DIR/tokens.json beside the SQLite template
//! store, is the default; PostgresTokenStore (postgres_token_store.hpp) keeps them in the
//! PostgreSQL database replicas share (stores.hpp builds the one configured).
//!
//! FileTokenStore:
//!   - holds records only, never a token: id, name, agencies, roles, the token's SHA-256, created,
//!     expires, revoked, last used; the file is mode 0600;
//!   - every change (create, revoke, last use) is a read-modify-write under an exclusive flock(2)
//!     on DATA_DIR/tokens.lock, written whole to a temporary file, fsynced and renamed over
//!     tokens.json (atomic_file.hpp), then the directory fsynced: readers see the old file or the
//!     new one, never half of it, and two writers (the CLI while the server runs) never lose each
//!     other's change;
//!   - a reader (the server, per request) stats tokens.json and re-reads it when its inode, size
//!     or modification time changed, so a token created or revoked from the command line counts
//!     from the next request, without a restart; otherwise the parsed copy is used;
//!   - a file that cannot be read or parsed is an error (TokenStoreError), never "no tokens
//!     revoked": the server then refuses every token (fails closed).
//! Thread-safe.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

#include <nlohmann/json.hpp>

#include "access/policy.hpp"
#include "access/token.hpp"

namespace vanthu::host::access {

struct TokenRecord {
  std::string id;                   //!< "tk_…"
  std::string name;                 //!< free text ("e-office Hải An"), may be empty
  std::string sha256;               //!< of the token, lower-case hex
  std::vector<std::string> agencies;  //!< agency ids, or {"*"}
  Roles roles = 0;
  Time created{};
  std::optional<Time> expires;      //!< none: never
  std::optional<Time> revoked;
  std::optional<Time> last_used;    //!< to the hour (the server records a use at most hourly)

  bool expired(Time now) const { return expires && now >= *expires; }
  Principal principal() const;
};

class TokenStoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;
  //! Adds a record (its id new). Throws TokenStoreError.
  virtual void add(const TokenRecord& record) = 0;
  //! Every record, oldest first. Throws TokenStoreError.
  virtual std::vector<TokenRecord> list() = 0;
  enum class RevokeResult { revoked, already_revoked, unknown };
  virtual RevokeResult revoke(std::string_view id, Time at) = 0;
  //! The record whose hash is `sha256`, comparing it with every stored hash in constant time.
  virtual std::optional<TokenRecord> find_by_hash(std::string_view sha256) = 0;
  //! Notes that the token was used at `at` (a store may keep it coarsely).
  virtual void record_use(std::string_view id, Time at) = 0;
};

class FileTokenStore final : public TokenStore {
 public:
  explicit FileTokenStore(std::filesystem::path data_dir);
  const std::filesystem::path& file() const { return file_; }

  void add(const TokenRecord& record) override;
  std::vector<TokenRecord> list() override;
  RevokeResult revoke(std::string_view id, Time at) override;
  std::optional<TokenRecord> find_by_hash(std::string_view sha256) override;
  void record_use(std::string_view id, Time at) override;

 private:
  struct Snapshot {
    bool exists = false;
    dev_t device = 0;
    ino_t inode = 0;
    off_t size = 0;
    long long mtime_ns = 0;
    std::shared_ptr<const std::vector<TokenRecord>> records;
  };
  //! The records as the file now holds them (re-read if it changed since the last call).
  std::shared_ptr<const std::vector<TokenRecord>> current();
  //! Reads and parses the file now, whatever the cache holds.
  Snapshot read_now() const;
  //! Under the lock file: `change` the fresh records, then write them back (when it returns true).
  template <class Change>
  void modify(Change change);
  void write(const std::vector<TokenRecord>& records) const;

  std::filesystem::path data_dir_, file_, lock_;
  std::mutex mutex_;
  Snapshot cache_;
};

//! What a bearer token is worth now.
struct Authentication {
  enum class Status { ok, unknown, expired, revoked } status = Status::unknown;
  std::optional<TokenRecord> record;  //!< when the token is one of ours (ok, expired, revoked)
};
//! Throws TokenStoreError when the store cannot answer.
Authentication authenticate(TokenStore& store, std::string_view token, Time now);

//! How long a token lives when its maker says nothing (vanthu token create, POST /v1/tokens).
inline constexpr int kDefaultTokenDays = 365;

//! What `vanthu token create` asks for.
struct TokenRequest {
  std::string name;
  std::vector<std::string> agencies;  //!< ids or "*"
  Roles roles = 0;
  std::optional<Time> expires;
};
struct IssuedToken {
  TokenRecord record;
  std::string token;  //!< the secret: shown once, never stored
};
//! A new token and its record, stored. Throws TokenStoreError.
IssuedToken create_token(TokenStore& store, const TokenRequest& request, Time now);

//! "active", "expired" or "revoked".
const char* token_status(const TokenRecord& record, Time now);
//! A record as `GET /v1/tokens` and `vanthu token list --json` show it: id, name, agencies,
//! roles, times, status; never the secret or its hash.
nlohmann::json token_record_json(const TokenRecord& record, Time now);
//! A token's name for a list: one line, no control characters, at most 200 bytes.
bool acceptable_token_name(std::string_view name);

}  // namespace vanthu::host::access
