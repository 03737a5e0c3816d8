#include "access/postgres_account_store.hpp"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include "storage/rows.hpp"

namespace vanthu::host::access {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using Poco::Data::Session;
using storage::integer_at;
using storage::is_null_at;
using storage::PgTransaction;
using storage::text_at;

const std::vector<storage::Migration> kMigrations = {
    // 1: accounts, their sessions (by the token's SHA-256) and what was done to them.
    {
        "CREATE TABLE accounts ("
        " id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, agency TEXT NOT NULL,"
        " role TEXT NOT NULL CHECK (role IN ('clerk', 'records_officer', 'admin')), password_hash TEXT NOT NULL,"
        " created TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, failed_logins INTEGER NOT NULL DEFAULT 0,"
        " locked_until BIGINT)",
        "CREATE TABLE desk_sessions ("
        " token_sha256 TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id), csrf TEXT NOT NULL,"
        " created BIGINT NOT NULL, idle_until BIGINT NOT NULL, expires BIGINT NOT NULL)",
        "CREATE INDEX desk_sessions_by_account ON desk_sessions (account_id)",
        "CREATE TABLE account_events ("
        " seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, account_id TEXT NOT NULL, at TEXT NOT NULL,"
        " action TEXT NOT NULL, actor TEXT NOT NULL)",
    },
};

constexpr const char* kColumns =
    "SELECT id, username, display_name, agency, role, created, disabled, failed_logins, locked_until FROM accounts ";

Poco::Int64 seconds(Time t) { return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count(); }
Time at_seconds(Poco::Int64 s) { return Time(std::chrono::seconds(s)); }

std::vector<Account> accounts_of(RecordSet& rows) {
  std::vector<Account> out;
  for (std::size_t r = 0; r < rows.rowCount(); ++r) {
    Account a;
    a.id = text_at(rows, 0, r);
    a.username = text_at(rows, 1, r);
    a.display_name = text_at(rows, 2, r);
    a.agency = text_at(rows, 3, r);
    a.role = parse_desk_role(text_at(rows, 4, r)).value_or(DeskRole::clerk);
    a.created = text_at(rows, 5, r);
    a.disabled = integer_at(rows, 6, r) != 0;
    a.failed_logins = static_cast<int>(integer_at(rows, 7, r));
    if (!is_null_at(rows, 8, r)) a.locked_until = at_seconds(integer_at(rows, 8, r));
    out.push_back(std::move(a));
  }
  return out;
}

std::optional<Account> select_one(Session& db, const std::string& where, const std::string& value) {
  Poco::Data::Statement st(db);
  std::string v = value;
  st << kColumns + where, use(v), now;
  RecordSet rows(st);
  auto all = accounts_of(rows);
  if (all.empty()) return std::nullopt;
  return all.front();
}

void event(Session& db, const std::string& account_id, const std::string& action, const std::string& actor) {
  std::string id = account_id, what = action, who = actor, at = storage::now_utc();
  db << "INSERT INTO account_events (account_id, at, action, actor) VALUES ($1, $2, $3, $4)", use(id), use(at), use(what),
      use(who), now;
}

}  // namespace

PostgresAccountStore::PostgresAccountStore(std::shared_ptr<storage::PostgresDatabase> database)
    : database_(std::move(database)) {}

storage::PostgresDatabase::Migrated PostgresAccountStore::migrate() {
  return database_->migrate("account_migrations", kMigrations, "tài khoản");
}

void PostgresAccountStore::failed(const char* doing, const Poco::Exception& e) const {
  database_->recover();
  throw std::runtime_error(std::string("kho tài khoản: không ") + doing + " được: " + database_->safe(e.displayText()));
}

Account PostgresAccountStore::create(const NewAccount& input, const std::string& actor) {
  Account a = checked_new_account(input);
  const std::string hash = hash_password(input.password);
  try {
    Session s = database_->session();
    PgTransaction tx(s);
    std::string role = desk_role_name(a.role), h = hash;
    Poco::Data::Statement insert(s);
    insert << "INSERT INTO accounts (id, username, display_name, agency, role, password_hash, created)"
              " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING",
        use(a.id), use(a.username), use(a.display_name), use(a.agency), use(role), use(h), use(a.created);
    if (insert.execute() == 0)
      throw AccountError("/username", "username_taken", "Tên đăng nhập '" + a.username + "' đã có người dùng.");
    event(s, a.id, "create", actor);
    tx.commit();
  } catch (const Poco::Exception& e) {
    failed("tạo tài khoản", e);
  }
  return a;
}

std::optional<Account> PostgresAccountStore::find(const std::string& id) {
  try {
    Session s = database_->session();
    return select_one(s, "WHERE id = $1", id);
  } catch (const Poco::Exception& e) {
    failed("đọc tài khoản", e);
  }
}

std::vector<Account> PostgresAccountStore::list(const std::string& agency) {
  try {
    Session s = database_->session();
    Poco::Data::Statement st(s);
    std::string a = agency;
    if (agency == "*")
      st << std::string(kColumns) + "ORDER BY username", now;
    else
      st << std::string(kColumns) + "WHERE agency = $1 ORDER BY username", use(a), now;
    RecordSet rows(st);
    return accounts_of(rows);
  } catch (const Poco::Exception& e) {
    failed("đọc danh sách tài khoản", e);
  }
}

std::size_t PostgresAccountStore::count() {
  try {
    Session s = database_->session();
    Poco::Int64 n = 0;
    s << "SELECT COUNT(*) FROM accounts", into(n), now;
    return static_cast<std::size_t>(n);
  } catch (const Poco::Exception& e) {
    failed("đếm tài khoản", e);
  }
}

SignInResult PostgresAccountStore::sign_in(const std::string& username_typed, const std::string& password, Time now_at) {
  SignInResult result;
  const std::string username = normalize_username(username_typed);
  std::optional<Account> account;
  std::string hash;
  try {
    Session s = database_->session();
    account = select_one(s, "WHERE username = $1", username);
    if (account) {
      std::string id = account->id;
      s << "SELECT password_hash FROM accounts WHERE id = $1", use(id), into(hash), now;
    }
  } catch (const Poco::Exception& e) {
    failed("đọc tài khoản", e);
  }
  if (!account) {
    verify_dummy_password(password);  // the same time as a real check: names cannot be probed
    return result;
  }
  result.account = *account;
  if (account->locked_until && now_at < *account->locked_until) {
    result.status = SignInResult::Status::locked;
    result.locked_until = account->locked_until;
    return result;  // not even checked: a locked account cannot be probed either
  }
  const bool right = verify_password(hash, password);
  try {
    Session s = database_->session();
    PgTransaction tx(s);
    std::string id = account->id;
    if (!right) {
      int failures = 0;
      s << "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE id = $1 RETURNING failed_logins", use(id),
          into(failures), now;
      const auto lock_for = lock_after(failures);
      if (lock_for.count() > 0) {
        // Rounded up: a lock never ends before its full time.
        Poco::Int64 until = std::chrono::ceil<std::chrono::seconds>((now_at + lock_for).time_since_epoch()).count();
        s << "UPDATE accounts SET locked_until = $1 WHERE id = $2", use(until), use(id), now;
        result.status = SignInResult::Status::locked;
        result.locked_until = at_seconds(until);
        event(s, id, "locked", "sign-in");
      } else {
        result.status = SignInResult::Status::wrong_credentials;
      }
      tx.commit();
      return result;
    }
    if (account->disabled) {
      result.status = SignInResult::Status::disabled;
      return result;
    }
    s << "UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = $1", use(id), now;
    result.session_token = new_session_token();
    result.csrf = new_csrf_token();
    std::string token_hash_hex = token_hash(result.session_token), csrf = result.csrf;
    Poco::Int64 created = seconds(now_at), idle = seconds(now_at + kSessionIdle), expires = seconds(now_at + kSessionLifetime);
    s << "INSERT INTO desk_sessions (token_sha256, account_id, csrf, created, idle_until, expires)"
         " VALUES ($1, $2, $3, $4, $5, $6)",
        use(token_hash_hex), use(id), use(csrf), use(created), use(idle), use(expires), now;
    // Sessions long gone are swept here, a sign-in at a time.
    s << "DELETE FROM desk_sessions WHERE expires < $1 OR idle_until < $1", use(created), now;
    event(s, id, "sign_in", id);
    tx.commit();
    result.status = SignInResult::Status::signed_in;
    result.account.failed_logins = 0;
    result.account.locked_until.reset();
  } catch (const Poco::Exception& e) {
    failed("đăng nhập", e);
  }
  return result;
}

std::optional<DeskSession> PostgresAccountStore::session(const std::string& token, Time now_at) {
  if (!well_formed_session_token(token)) return std::nullopt;
  try {
    Session s = database_->session();
    std::string hash = token_hash(token);
    Poco::Data::Statement st(s);
    st << "SELECT account_id, csrf, idle_until, expires FROM desk_sessions WHERE token_sha256 = $1", use(hash), now;
    RecordSet rows(st);
    if (rows.rowCount() == 0) return std::nullopt;
    const Poco::Int64 t = seconds(now_at);
    const Poco::Int64 idle = integer_at(rows, 2), expires = integer_at(rows, 3);
    if (t >= idle || t >= expires) return std::nullopt;
    auto account = select_one(s, "WHERE id = $1", text_at(rows, 0));
    if (!account || account->disabled) return std::nullopt;
    DeskSession out{*account, text_at(rows, 1), at_seconds(std::min(expires, seconds(now_at + kSessionIdle)))};
    // The idle deadline moves at most once a minute: a page of requests is one write.
    Poco::Int64 next_idle = seconds(now_at + kSessionIdle);
    if (next_idle - idle >= 60)
      s << "UPDATE desk_sessions SET idle_until = $1 WHERE token_sha256 = $2 AND idle_until < $1", use(next_idle), use(hash), now;
    return out;
  } catch (const Poco::Exception& e) {
    failed("đọc phiên đăng nhập", e);
  }
}

void PostgresAccountStore::sign_out(const std::string& token) {
  if (!well_formed_session_token(token)) return;
  try {
    Session s = database_->session();
    std::string hash = token_hash(token);
    s << "DELETE FROM desk_sessions WHERE token_sha256 = $1", use(hash), now;
  } catch (const Poco::Exception& e) {
    failed("đăng xuất", e);
  }
}

void PostgresAccountStore::set_password(const std::string& id, const std::string& password, const std::string& actor) {
  auto account = find(id);
  if (!account) throw AccountError("", "not_found", "Không có tài khoản " + id + ".");
  if (auto problem = password_problem(password, account->username)) throw AccountError("/password", "weak_password", *problem);
  const std::string hash = hash_password(password);
  try {
    Session s = database_->session();
    PgTransaction tx(s);
    std::string i = id, h = hash;
    s << "UPDATE accounts SET password_hash = $1, failed_logins = 0, locked_until = NULL WHERE id = $2", use(h), use(i), now;
    s << "DELETE FROM desk_sessions WHERE account_id = $1", use(i), now;
    event(s, id, "set_password", actor);
    tx.commit();
  } catch (const Poco::Exception& e) {
    failed("đổi mật khẩu", e);
  }
}

void PostgresAccountStore::set_disabled(const std::string& id, bool disabled, const std::string& actor) {
  try {
    Session s = database_->session();
    PgTransaction tx(s);
    std::string i = id;
    int flag = disabled ? 1 : 0;
    s << "UPDATE accounts SET disabled = $1 WHERE id = $2", use(flag), use(i), now;
    if (disabled) s << "DELETE FROM desk_sessions WHERE account_id = $1", use(i), now;
    event(s, id, disabled ? "disable" : "enable", actor);
    tx.commit();
  } catch (const Poco::Exception& e) {
    failed("đổi trạng thái tài khoản", e);
  }
}

}  // namespace vanthu::host::access
