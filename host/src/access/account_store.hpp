//! Where desk accounts and their sessions are kept, and what signing in means.
//!
//! AccountStore is the interface (PostgresAccountStore, postgres_account_store.hpp, keeps them in
//! PostgreSQL for replicas);
//! SqliteAccountStore keeps them in the data directory's database (storage/sqlite_database.hpp),
//! tables `accounts`, `desk_sessions` and `account_events`, with numbered migrations
//! (account_migrations). Sessions live in the database, not in the process, so a restart or a
//! second replica keeps everyone signed in. Thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "access/account.hpp"

namespace Poco::Data {
class Session;
}

namespace vanthu::host::access {

struct Account {
  std::string id;            //!< "acc_…"
  std::string username;      //!< tên đăng nhập
  std::string display_name;  //!< họ và tên
  std::string agency;        //!< an agency id, or "*" (an administrator of every agency)
  DeskRole role = DeskRole::clerk;
  std::string created;       //!< UTC, ISO 8601
  bool disabled = false;
  int failed_logins = 0;     //!< wrong passwords in a row
  std::optional<Time> locked_until;

  Principal principal() const;
};

//! A refused change, naming the field ("/username") with a Vietnamese message.
class AccountError : public std::runtime_error {
 public:
  AccountError(std::string path, std::string code, const std::string& message)
      : std::runtime_error(message), path(std::move(path)), code(std::move(code)) {}
  std::string path, code;
};

struct NewAccount {
  std::string username, display_name, agency, password;
  DeskRole role = DeskRole::clerk;
};

struct SignInResult {
  enum class Status {
    signed_in,
    wrong_credentials,  //!< unknown user name or wrong password: one answer for both
    locked,             //!< too many wrong passwords: until `locked_until`
    disabled,           //!< the account is switched off
  } status = Status::wrong_credentials;
  Account account;
  std::string session_token;  //!< signed_in: the cookie's value (shown once, stored hashed)
  std::string csrf;           //!< signed_in
  std::optional<Time> locked_until;
};

struct DeskSession {
  Account account;
  std::string csrf;
  Time expires{};
};

//! What every backend checks before it stores a new account: the user name (normalised), the
//! agency, the password's strength, the display name; a new id and creation time. Throws
//! AccountError naming the field.
Account checked_new_account(const NewAccount& input);

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  //! Throws AccountError (a taken user name, a weak password, a bad agency id, …).
  virtual Account create(const NewAccount& account, const std::string& actor) = 0;
  virtual std::optional<Account> find(const std::string& id) = 0;
  //! Every account of `agency` ("*": all), by user name.
  virtual std::vector<Account> list(const std::string& agency) = 0;
  virtual std::size_t count() = 0;
  //! Checks the password (Argon2id), counts failures and locks, starts a session.
  virtual SignInResult sign_in(const std::string& username, const std::string& password, Time now) = 0;
  //! The session a cookie stands for, when it is known, not expired and its account enabled;
  //! moves its idle deadline.
  virtual std::optional<DeskSession> session(const std::string& token, Time now) = 0;
  virtual void sign_out(const std::string& token) = 0;
  //! Throws AccountError. Ends the account's sessions.
  virtual void set_password(const std::string& id, const std::string& password, const std::string& actor) = 0;
  //! Ends the account's sessions when disabling.
  virtual void set_disabled(const std::string& id, bool disabled, const std::string& actor) = 0;
};

class SqliteAccountStore final : public AccountStore {
 public:
  explicit SqliteAccountStore(std::filesystem::path data_dir);
  ~SqliteAccountStore() override;

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
  Poco::Data::Session& db();  //!< opened and migrated on first use; call with mutex_ held
  std::optional<Account> select_one(const std::string& where, const std::string& value);
  void event(const std::string& account_id, const std::string& action, const std::string& actor);

  std::filesystem::path data_dir_;
  std::mutex mutex_;
  std::unique_ptr<Poco::Data::Session> db_;
};

}  // namespace vanthu::host::access
