//! Where the answers to requests sent with an Idempotency-Key are kept, so a system that retries
//! a POST (its connection dropped before the answer came) gets the first answer again instead of
//! a second draft, account or withdrawal. The rule of which requests take a key and what is kept
//! is http/idempotency.hpp; this is only the store.
//!
//! A key belongs to the caller who sent it (a token's or an account's id): two systems choosing
//! the same key never see each other's answers. Keys are kept 24 hours. The store is in the
//! database the register uses, so replicas sharing a database share the keys.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace Poco::Data {
class Session;
}

namespace vanthu::host {

//! A kept answer: status, the headers that describe the body, the body.
struct KeptAnswer {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

class IdempotencyStore {
 public:
  using Time = std::chrono::system_clock::time_point;
  virtual ~IdempotencyStore() = default;

  struct Claim {
    enum class Status {
      claimed,      //!< the key is new (or its earlier attempt was abandoned): run the request, then keep() or release()
      replay,       //!< the same request was answered: `answer` is that answer
      other_body,   //!< the key was used for a different request (method, path, query or body)
      in_progress,  //!< the same request is running now (a retry that came too soon)
    } status = Status::claimed;
    KeptAnswer answer;
  };
  //! Claims (owner, key) for the request whose SHA-256 is `fingerprint`, atomically: of two
  //! concurrent claims, one is `claimed` and the other `in_progress`. A claim left running longer
  //! than `abandoned_after` (its process died) may be claimed again.
  virtual Claim claim(const std::string& owner, const std::string& key, const std::string& fingerprint, Time now) = 0;
  //! Keeps the answer of a claimed key.
  virtual void keep(const std::string& owner, const std::string& key, const KeptAnswer& answer, Time now) = 0;
  //! Forgets a claimed key (the answer was not final: a retry must run the request again).
  virtual void release(const std::string& owner, const std::string& key) = 0;

  static constexpr std::chrono::hours kKeptFor{24};
  static constexpr std::chrono::minutes kAbandonedAfter{10};

  // For the backends: the rule is one, only the SQL differs.

  //! A key's row as a backend read it.
  struct StoredKey {
    std::string fingerprint;
    bool running = false;      //!< state 'running' (else 'answered')
    std::int64_t claimed = 0;  //!< unix seconds
    int status = 0;
    std::string headers;       //!< headers_text() of the answer
    std::string body;
  };
  //! What a new claim of an existing row is: other_body, in_progress, replay (with the answer), or
  //! claimed when the running row was abandoned (the backend then stamps it with `when`).
  static Claim judge(const StoredKey& row, const std::string& fingerprint, Time when);
  //! How a backend stores an answer's headers: a JSON array of [name, value].
  static std::string headers_text(const KeptAnswer& answer);
  static std::int64_t unix_seconds(Time t);
};

//! The embedded default: a table in DATA_DIR's SQLite database.
class SqliteIdempotencyStore final : public IdempotencyStore {
 public:
  explicit SqliteIdempotencyStore(std::filesystem::path data_dir);
  ~SqliteIdempotencyStore() override;

  Claim claim(const std::string& owner, const std::string& key, const std::string& fingerprint, Time now) override;
  void keep(const std::string& owner, const std::string& key, const KeptAnswer& answer, Time now) override;
  void release(const std::string& owner, const std::string& key) override;

 private:
  Poco::Data::Session& db();  //!< opened and migrated on first use; call with mutex_ held

  std::filesystem::path data_dir_;
  std::mutex mutex_;
  std::unique_ptr<Poco::Data::Session> db_;
  Time last_purge_{};
};

}  // namespace vanthu::host
