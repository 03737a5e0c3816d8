#include "access/account_store.hpp"

#include <array>
#include <cstdio>

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

#include "storage/sqlite_database.hpp"
#include "template_store.hpp"

namespace vanthu::host::access {
namespace {

using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using storage::integer_at;
using storage::is_null_at;
using storage::text_at;
using storage::WriteTransaction;

constexpr std::array<const char*, 1> kMigrations = {
    // 1: accounts, their sessions (by the token's SHA-256) and what was done to them.
    "CREATE TABLE accounts ("
    " id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL, agency TEXT NOT NULL,"
    " role TEXT NOT NULL CHECK (role IN ('clerk', 'records_officer', 'admin')), password_hash TEXT NOT NULL,"
    " created TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0, failed_logins INTEGER NOT NULL DEFAULT 0,"
    " locked_until INTEGER);"
    "CREATE TABLE desk_sessions ("
    " token_sha256 TEXT PRIMARY KEY, account_id TEXT NOT NULL REFERENCES accounts (id), csrf TEXT NOT NULL,"
    " created INTEGER NOT NULL, idle_until INTEGER NOT NULL, expires INTEGER NOT NULL);"
    "CREATE INDEX desk_sessions_by_account ON desk_sessions (account_id);"
    "CREATE TABLE account_events ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, account_id TEXT NOT NULL, at TEXT NOT NULL, action TEXT NOT NULL,"
    " actor TEXT NOT NULL);",
};

constexpr const char* kColumns =
    "id, username, display_name, agency, role, created, disabled, failed_logins, locked_until FROM accounts ";

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

[[noreturn]] void failed(const char* doing, const Poco::Exception& e) {
  throw std::runtime_error(std::string("kho tài khoản: không ") + doing + " được: " + e.displayText());
}

}  // namespace

Principal Account::principal() const {
  Principal p;
  p.kind = Principal::Kind::account;
  p.id = id;
  p.name = display_name.empty() ? username : display_name;
  p.agencies = {agency};
  p.roles = roles_of(role);
  return p;
}

SqliteAccountStore::SqliteAccountStore(std::filesystem::path data_dir) : data_dir_(std::move(data_dir)) {}
SqliteAccountStore::~SqliteAccountStore() = default;

Poco::Data::Session& SqliteAccountStore::db() {
  if (db_) return *db_;
  auto db = storage::open_database(data_dir_, "kho tài khoản");
  try {
    storage::migrate(*db, "account_migrations", kMigrations, "tài khoản");
  } catch (const Poco::Exception& e) {
    failed("mở", e);
  }
  db_ = std::move(db);
  return *db_;
}

void SqliteAccountStore::event(const std::string& account_id, const std::string& action, const std::string& actor) {
  std::string id = account_id, what = action, who = actor, at = storage::now_utc();
  db() << "INSERT INTO account_events (account_id, at, action, actor) VALUES (?, ?, ?, ?)", use(id), use(at), use(what),
      use(who), now;
}

Account checked_new_account(const NewAccount& input) {
  Account a;
  a.username = normalize_username(input.username);
  if (!valid_username(a.username))
    throw AccountError("/username", "invalid_username",
                       "Tên đăng nhập gồm 3–64 ký tự a–z, 0–9, '.', '_' hoặc '-', bắt đầu bằng chữ hoặc số.");
  if (input.agency != "*" && !valid_store_id(input.agency))
    throw AccountError("/agency", "invalid_agency", "Mã cơ quan chỉ gồm chữ thường a–z, số và dấu '-' (ví dụ: hai-an).");
  if (input.agency == "*" && input.role != DeskRole::admin)
    throw AccountError("/agency", "invalid_agency", "Chỉ tài khoản quản trị mới thuộc mọi cơ quan ('*').");
  if (auto problem = password_problem(input.password, a.username)) throw AccountError("/password", "weak_password", *problem);
  std::string name = input.display_name;
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.size() > 200) throw AccountError("/display_name", "too_long", "Họ và tên dài quá 200 byte.");
  a.id = random_id("acc_");
  a.display_name = name;
  a.agency = input.agency;
  a.role = input.role;
  a.created = storage::now_utc();
  return a;
}

Account SqliteAccountStore::create(const NewAccount& input, const std::string& actor) {
  Account a = checked_new_account(input);
  const std::string hash = hash_password(input.password);  // outside the lock: it takes a while
  std::lock_guard lock(mutex_);
  try {
    Poco::Data::Session& s = db();
    WriteTransaction tx(s);
    int taken = 0;
    s << "SELECT COUNT(*) FROM accounts WHERE username = ?", use(a.username), into(taken), now;
    if (taken) throw AccountError("/username", "username_taken", "Tên đăng nhập '" + a.username + "' đã có người dùng.");
    std::string role = desk_role_name(a.role), h = hash;
    s << "INSERT INTO accounts (id, username, display_name, agency, role, password_hash, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
        use(a.id), use(a.username), use(a.display_name), use(a.agency), use(role), use(h), use(a.created), now;
    event(a.id, "create", actor);
    tx.commit();
  } catch (const Poco::Exception& e) {
    failed("tạo tài khoản", e);
  }
  return a;
}

std::optional<Account> SqliteAccountStore::select_one(const std::string& where, const std::string& value) {
  Poco::Data::Statement st(db());
  std::string v = value;
  st << std::string("SELECT ") + kColumns + where, use(v), now;
  RecordSet rows(st);
  auto all = accounts_of(rows);
  if (all.empty()) return std::nullopt;
  return all.front();
}

std::optional<Account> SqliteAccountStore::find(const std::string& id) {
  std::lock_guard lock(mutex_);
  try {
    return select_one("WHERE id = ?", id);
  } catch (const Poco::Exception& e) {
    failed("đọc tài khoản", e);
  }
}

std::vector<Account> SqliteAccountStore::list(const std::string& agency) {
  std::lock_guard lock(mutex_);
  try {
    Poco::Data::Statement st(db());
    std::string a = agency;
    if (agency == "*")
      st << std::string("SELECT ") + kColumns + "ORDER BY username", now;
    else
      st << std::string("SELECT ") + kColumns + "WHERE agency = ? ORDER BY username", use(a), now;
    RecordSet rows(st);
    return accounts_of(rows);
  } catch (const Poco::Exception& e) {
    failed("đọc danh sách tài khoản", e);
  }
}

std::size_t SqliteAccountStore::count() {
  std::lock_guard lock(mutex_);
  try {
    int n = 0;
    db() << "SELECT COUNT(*) FROM accounts", into(n), now;
    return static_cast<std::size_t>(n);
  } catch (const Poco::Exception& e) {
    failed("đếm tài khoản", e);
  }
}

SignInResult SqliteAccountStore::sign_in(const std::string& username_typed, const std::string& password, Time now_at) {
  SignInResult result;
  const std::string username = normalize_username(username_typed);
  std::optional<Account> account;
  std::string hash;
  {
    std::lock_guard lock(mutex_);
    try {
      account = select_one("WHERE username = ?", username);
      if (account) {
        std::string id = account->id;
        db() << "SELECT password_hash FROM accounts WHERE id = ?", use(id), into(hash), now;
      }
    } catch (const Poco::Exception& e) {
      failed("đọc tài khoản", e);
    }
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
  std::lock_guard lock(mutex_);
  try {
    Poco::Data::Session& s = db();
    WriteTransaction tx(s);
    std::string id = account->id;
    if (!right) {
      s << "UPDATE accounts SET failed_logins = failed_logins + 1 WHERE id = ?", use(id), now;
      int failures = 0;
      s << "SELECT failed_logins FROM accounts WHERE id = ?", use(id), into(failures), now;
      const auto lock_for = lock_after(failures);
      if (lock_for.count() > 0) {
        // Rounded up: a lock never ends before its full time.
        Poco::Int64 until = std::chrono::ceil<std::chrono::seconds>((now_at + lock_for).time_since_epoch()).count();
        s << "UPDATE accounts SET locked_until = ? WHERE id = ?", use(until), use(id), now;
        result.status = SignInResult::Status::locked;
        result.locked_until = at_seconds(until);
        event(id, "locked", "sign-in");
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
    s << "UPDATE accounts SET failed_logins = 0, locked_until = NULL WHERE id = ?", use(id), now;
    result.session_token = new_session_token();
    result.csrf = new_csrf_token();
    std::string token_hash_hex = token_hash(result.session_token), csrf = result.csrf;
    Poco::Int64 created = seconds(now_at), idle = seconds(now_at + kSessionIdle), expires = seconds(now_at + kSessionLifetime);
    s << "INSERT INTO desk_sessions (token_sha256, account_id, csrf, created, idle_until, expires) VALUES (?, ?, ?, ?, ?, ?)",
        use(token_hash_hex), use(id), use(csrf), use(created), use(idle), use(expires), now;
    // Sessions long gone are swept here, a sign-in at a time.
    s << "DELETE FROM desk_sessions WHERE expires < ? OR idle_until < ?", use(created), use(created), now;
    event(id, "sign_in", id);
    tx.commit();
    result.status = SignInResult::Status::signed_in;
    result.account.failed_logins = 0;
    result.account.locked_until.reset();
  } catch (const Poco::Exception& e) {
    failed("đăng nhập", e);
  }
  return result;
}

std::optional<DeskSession> SqliteAccountStore::session(const std::string& token, Time now_at) {
  if (!well_formed_session_token(token)) return std::nullopt;
  std::lock_guard lock(mutex_);
  try {
    Poco::Data::Session& s = db();
    std::string hash = token_hash(token);
    Poco::Data::Statement st(s);
    st << "SELECT account_id, csrf, idle_until, expires FROM desk_sessions WHERE token_sha256 = ?", use(hash), now;
    RecordSet rows(st);
    if (rows.rowCount() == 0) return std::nullopt;
    const Poco::Int64 t = seconds(now_at);
    const Poco::Int64 idle = integer_at(rows, 2), expires = integer_at(rows, 3);
    if (t >= idle || t >= expires) return std::nullopt;
    auto account = select_one("WHERE id = ?", text_at(rows, 0));
    if (!account || account->disabled) return std::nullopt;
    DeskSession out{*account, text_at(rows, 1), at_seconds(std::min(expires, seconds(now_at + kSessionIdle)))};
    // The idle deadline moves at most once a minute: a page of requests is one write.
    Poco::Int64 next_idle = seconds(now_at + kSessionIdle);
    if (next_idle - idle >= 60) s << "UPDATE desk_sessions SET idle_until = ? WHERE token_sha256 = ?", use(next_idle), use(hash), now;
    return out;
  } catch (const Poco::Exception& e) {
    failed("đọc phiên đăng nhập", e);
  }
}

void SqliteAccountStore::sign_out(const std::string& token) {
  if (!well_formed_session_token(token)) return;
  std::lock_guard lock(mutex_);
  try {
    std::string hash = token_hash(token);
    db() << "DELETE FROM desk_sessions WHERE token_sha256 = ?", use(hash), now;
  } catch (const Poco::Exception& e) {
    failed("đăng xuất", e);
  }
}

void SqliteAccountStore::set_password(const std::string& id, const std::string& password, const std::string& actor) {
  auto account = find(id);
  if (!account) throw AccountError("", "not_found", "Không có tài khoản " + id + ".");
  if (auto problem = password_problem(password, account->username)) throw AccountError("/password", "weak_password", *problem);
  const std::string hash = hash_password(password);
  std::lock_guard lock(mutex_);
  try {
    Poco::Data::Session& s = db();
    WriteTransaction tx(s);
    std::string i = id, h = hash;
    s << "UPDATE accounts SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE id = ?", use(h), use(i), now;
    s << "DELETE FROM desk_sessions WHERE account_id = ?", use(i), now;
    event(id, "set_password", actor);
    tx.commit();
  } catch (const Poco::Exception& e) {
    failed("đổi mật khẩu", e);
  }
}

void SqliteAccountStore::set_disabled(const std::string& id, bool disabled, const std::string& actor) {
  std::lock_guard lock(mutex_);
  try {
    Poco::Data::Session& s = db();
    WriteTransaction tx(s);
    std::string i = id;
    int flag = disabled ? 1 : 0;
    s << "UPDATE accounts SET disabled = ? WHERE id = ?", use(flag), use(i), now;
    if (disabled) s << "DELETE FROM desk_sessions WHERE account_id = ?", use(i), now;
    event(id, disabled ? "disable" : "enable", actor);
    tx.commit();
  } catch (const Poco::Exception& e) {
    failed("đổi trạng thái tài khoản", e);
  }
}

}  // namespace vanthu::host::access
