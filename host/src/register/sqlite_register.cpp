#include "register/sqlite_register.hpp"

#include "digest.hpp"
#include "register/register_rows.hpp"
#include "storage/sqlite_database.hpp"

#include <array>
#include <stdexcept>

#include <Poco/Data/LOB.h>
#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Data/Session.h>
#include <Poco/Data/Statement.h>

namespace vanthu::host {
namespace {

namespace fs = std::filesystem;
using namespace Poco::Data::Keywords;
using Poco::Data::RecordSet;
using storage::WriteTransaction;
using storage::now_utc;
using storage::text_at;
using storage::integer_at;
using namespace register_rows;

//! Numbered migrations: the n-th runs once, when a database at version n-1 is opened.
constexpr std::array<const char*, 2> kMigrations = {
    // 1: documents, the register books' counters, the entries with their files, the events.
    "CREATE TABLE documents ("
    " id TEXT PRIMARY KEY, agency TEXT NOT NULL, report_type TEXT NOT NULL, input TEXT NOT NULL,"
    " state TEXT NOT NULL CHECK (state IN ('draft', 'issued', 'withdrawn')),"
    " created TEXT NOT NULL, created_by TEXT NOT NULL);"
    "CREATE INDEX documents_by_agency ON documents (agency, report_type, created);"
    "CREATE TABLE register_books ("
    " agency TEXT NOT NULL, issuer TEXT NOT NULL, year INTEGER NOT NULL, last_number INTEGER NOT NULL,"
    " last_date TEXT NOT NULL, PRIMARY KEY (agency, issuer, year));"
    "CREATE TABLE register_entries ("
    " agency TEXT NOT NULL, issuer TEXT NOT NULL, year INTEGER NOT NULL, number INTEGER NOT NULL CHECK (number > 0),"
    " number_symbol TEXT NOT NULL, date TEXT NOT NULL, title TEXT NOT NULL, signer TEXT NOT NULL,"
    " recipients TEXT NOT NULL, archive TEXT NOT NULL, copies INTEGER NOT NULL,"
    " document_id TEXT NOT NULL UNIQUE REFERENCES documents (id), report_type TEXT NOT NULL,"
    " template_label TEXT NOT NULL, sha256 TEXT NOT NULL, file_name TEXT NOT NULL, media_type TEXT NOT NULL,"
    " content BLOB NOT NULL, issued_at TEXT NOT NULL, issued_by TEXT NOT NULL,"
    " PRIMARY KEY (agency, issuer, year, number));"
    "CREATE TABLE document_events ("
    " seq INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL REFERENCES documents (id),"
    " at TEXT NOT NULL, action TEXT NOT NULL CHECK (action IN ('create', 'issue', 'withdraw')),"
    " actor TEXT NOT NULL, note TEXT NOT NULL);"
    "CREATE TRIGGER register_entries_immutable BEFORE UPDATE ON register_entries"
    " BEGIN SELECT RAISE(ABORT, 'register entries are immutable'); END;"
    "CREATE TRIGGER register_entries_kept BEFORE DELETE ON register_entries"
    " BEGIN SELECT RAISE(ABORT, 'register entries are never deleted'); END;",
    // 2: when a draft was last saved (the desk lists the latest first).
    "ALTER TABLE documents ADD COLUMN updated TEXT NOT NULL DEFAULT '';"
    "UPDATE documents SET updated = created;"
    "CREATE INDEX documents_by_update ON documents (agency, updated);",
};

void add_event(Poco::Data::Session& db, std::string document_id, std::string action, std::string actor, std::string note) {
  std::string at = now_utc();
  db << "INSERT INTO document_events (document_id, at, action, actor, note) VALUES (?, ?, ?, ?, ?)", use(document_id),
      use(at), use(action), use(actor), use(note), now;
}

[[noreturn]] void store_failed(const char* doing, const Poco::Exception& e) {
  throw std::runtime_error(std::string("sổ đăng ký văn bản: không ") + doing + " được: " + e.displayText());
}

}  // namespace

int SqliteRegister::schema_version() { return static_cast<int>(kMigrations.size()); }

SqliteRegister::SqliteRegister(fs::path data_dir) : data_dir_(std::move(data_dir)) {}
SqliteRegister::~SqliteRegister() = default;

Poco::Data::Session& SqliteRegister::session() {
  if (session_) return *session_;
  auto db = storage::open_database(data_dir_, "sổ đăng ký văn bản");
  try {
    storage::migrate(*db, "register_migrations", kMigrations, "sổ đăng ký");
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("không mở được sổ đăng ký văn bản " + storage::database_file(data_dir_).string() + ": " +
                             e.displayText());
  }
  session_ = std::move(db);
  return *session_;
}

StoredDocument SqliteRegister::create_draft(const std::string& agency, const std::string& report_type,
                                            const std::string& input, const std::string& created_by) {
  std::lock_guard lock(mutex_);
  StoredDocument d;
  d.id = new_id();
  d.agency = agency;
  d.report_type = report_type;
  d.input = input;
  d.state = StoredDocument::State::draft;
  d.created = now_utc();
  d.created_by = created_by;
  try {
    Poco::Data::Session& db = session();
    WriteTransaction transaction(db);
    std::string state = "draft";
    d.updated = d.created;
    db << "INSERT INTO documents (id, agency, report_type, input, state, created, created_by, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        use(d.id), use(d.agency), use(d.report_type), use(d.input), use(state), use(d.created), use(d.created_by),
        use(d.updated), now;
    add_event(db, d.id, "create", created_by, "");
    transaction.commit();
  } catch (const Poco::Exception& e) {
    store_failed("lưu dự thảo", e);
  }
  return d;
}

std::optional<StoredDocument> SqliteRegister::find(const std::string& id) {
  std::lock_guard lock(mutex_);
  try {
    std::string key = id;
    Poco::Data::Statement select(session());
    select << std::string("SELECT ") + kDocumentColumns + " WHERE id = ?", use(key), now;
    RecordSet rows(select);
    auto found = documents_of(rows);
    if (found.empty()) return std::nullopt;
    return found.front();
  } catch (const Poco::Exception& e) {
    store_failed("đọc", e);
  }
}

DocumentRegister::UpdateOutcome SqliteRegister::update_draft(const std::string& id, const std::string& input,
                                                             const std::string& by) {
  std::lock_guard lock(mutex_);
  try {
    Poco::Data::Session& db = session();
    WriteTransaction transaction(db);
    std::string key = id, state;
    Poco::Data::Statement select(db);
    select << "SELECT state FROM documents WHERE id = ?", use(key), now;
    RecordSet rows(select);
    if (rows.rowCount() == 0) return UpdateOutcome::not_found;
    if (text_at(rows, 0) != "draft") return UpdateOutcome::not_draft;
    std::string text = input, at = now_utc();
    db << "UPDATE documents SET input = ?, updated = ? WHERE id = ?", use(text), use(at), use(key), now;
    (void)by;  // drafts change freely until issued; the register's events record create, issue, withdraw
    transaction.commit();
    return UpdateOutcome::updated;
  } catch (const Poco::Exception& e) {
    store_failed("lưu dự thảo", e);
  }
}

std::vector<StoredDocument> SqliteRegister::documents(const std::string& agency, const std::string& report_type,
                                                      std::size_t limit) {
  std::lock_guard lock(mutex_);
  try {
    std::string a = agency, t = report_type;
    int n = static_cast<int>(std::min<std::size_t>(limit, 1000));
    Poco::Data::Statement select(session());
    if (report_type.empty())
      select << std::string("SELECT ") + kDocumentColumns + " WHERE agency = ? ORDER BY updated DESC, created DESC LIMIT ?",
          use(a), use(n), now;
    else
      select << std::string("SELECT ") + kDocumentColumns +
                    " WHERE agency = ? AND report_type = ? ORDER BY updated DESC, created DESC LIMIT ?",
          use(a), use(t), use(n), now;
    RecordSet rows(select);
    return documents_of(rows);
  } catch (const Poco::Exception& e) {
    store_failed("đọc danh sách văn bản", e);
  }
}

std::optional<RegisterEntry> SqliteRegister::select_entry(const std::string& id) {
  std::string key = id;
  Poco::Data::Statement select(session());
  select << std::string("SELECT ") + kEntryColumns + "WHERE e.document_id = ?", use(key), now;
  RecordSet rows(select);
  std::vector<RegisterEntry> found = entries_of(rows);
  if (found.empty()) return std::nullopt;
  return std::move(found.front());
}

DocumentRegister::IssueOutcome SqliteRegister::issue(
    const std::string& id, const std::string& issuer, int year, const std::string& issued_by,
    const std::function<IssuedDocument(int number, const std::string& last_date)>& make) {
  std::lock_guard lock(mutex_);
  IssueOutcome outcome;
  try {
    Poco::Data::Session& db = session();
    WriteTransaction transaction(db);
    std::string key = id, state;
    std::string agency;
    {
      Poco::Data::Statement select(db);
      select << "SELECT state, agency FROM documents WHERE id = ?", use(key), now;
      RecordSet rows(select);
      if (rows.rowCount() == 0) return outcome;  // not_found
      state = text_at(rows, 0);
      agency = text_at(rows, 1);
    }
    if (state != "draft") {
      outcome.status = state == "issued" ? IssueOutcome::Status::already_issued : IssueOutcome::Status::withdrawn;
      if (auto existing = select_entry(id)) outcome.entry = std::move(*existing);
      return outcome;
    }
    std::string issuer_value = issuer, last_date;
    int last = 0;
    {
      Poco::Data::Statement select(db);
      select << "SELECT last_number, last_date FROM register_books WHERE agency = ? AND issuer = ? AND year = ?",
          use(agency), use(issuer_value), use(year), now;
      RecordSet rows(select);
      if (rows.rowCount() > 0) {
        last = static_cast<int>(integer_at(rows, 0));
        last_date = text_at(rows, 1);
      }
    }
    const int number = last + 1;
    IssuedDocument made = make(number, last_date);  // may throw: the transaction rolls back
    RegisterEntry e = std::move(made.entry);
    e.agency = agency;
    e.issuer = issuer;
    e.year = year;
    e.number = number;
    e.document_id = id;
    e.sha256 = sha256_hex(made.file.bytes);
    e.file_name = made.file.file_name;
    e.media_type = made.file.media_type;
    e.issued_at = now_utc();
    e.issued_by = issued_by;
    if (e.report_type.empty()) {
      Poco::Data::Statement select(db);
      select << "SELECT report_type FROM documents WHERE id = ?", use(key), now;
      RecordSet rows(select);
      e.report_type = text_at(rows, 0);
    }
    Poco::Data::BLOB content(reinterpret_cast<const unsigned char*>(made.file.bytes.data()), made.file.bytes.size());
    db << "INSERT INTO register_entries (agency, issuer, year, number, number_symbol, date, title, signer, recipients,"
          " archive, copies, document_id, report_type, template_label, sha256, file_name, media_type, content, issued_at,"
          " issued_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        use(e.agency), use(e.issuer), use(e.year), use(e.number), use(e.number_symbol), use(e.date), use(e.title),
        use(e.signer), use(e.recipients), use(e.archive), use(e.copies), use(e.document_id), use(e.report_type),
        use(e.template_label), use(e.sha256), use(e.file_name), use(e.media_type), use(content), use(e.issued_at),
        use(e.issued_by), now;
    if (last == 0) {
      db << "INSERT INTO register_books (agency, issuer, year, last_number, last_date) VALUES (?, ?, ?, ?, ?)",
          use(e.agency), use(e.issuer), use(e.year), use(e.number), use(e.date), now;
    } else {
      db << "UPDATE register_books SET last_number = ?, last_date = ? WHERE agency = ? AND issuer = ? AND year = ?"
            " AND last_number = ?",
          use(e.number), use(e.date), use(e.agency), use(e.issuer), use(e.year), use(last), now;
    }
    std::string issued = "issued";
    db << "UPDATE documents SET state = ? WHERE id = ? AND state = 'draft'", use(issued), use(key), now;
    add_event(db, id, "issue", issued_by, e.number_symbol);
    transaction.commit();
    outcome.status = IssueOutcome::Status::issued;
    outcome.entry = std::move(e);
    return outcome;
  } catch (const Poco::Exception& e) {
    store_failed("cấp số", e);
  }
}

DocumentRegister::WithdrawOutcome SqliteRegister::withdraw(const std::string& id, const std::string& by,
                                                           const std::string& reason) {
  std::lock_guard lock(mutex_);
  WithdrawOutcome outcome;
  try {
    Poco::Data::Session& db = session();
    WriteTransaction transaction(db);
    std::string key = id, state;
    {
      Poco::Data::Statement select(db);
      select << "SELECT state FROM documents WHERE id = ?", use(key), now;
      RecordSet rows(select);
      if (rows.rowCount() == 0) return outcome;
      state = text_at(rows, 0);
    }
    if (state == "draft") {
      outcome.status = WithdrawOutcome::Status::not_issued;
      return outcome;
    }
    if (state == "withdrawn") {
      outcome.status = WithdrawOutcome::Status::already_withdrawn;
      if (auto existing = select_entry(id)) outcome.entry = std::move(*existing);
      return outcome;
    }
    std::string withdrawn = "withdrawn";
    db << "UPDATE documents SET state = ? WHERE id = ?", use(withdrawn), use(key), now;
    add_event(db, id, "withdraw", by, reason);
    transaction.commit();
    outcome.status = WithdrawOutcome::Status::withdrawn;
    if (auto existing = select_entry(id)) outcome.entry = std::move(*existing);
    return outcome;
  } catch (const Poco::Exception& e) {
    store_failed("ghi thu hồi", e);
  }
}

std::optional<RegisterEntry> SqliteRegister::entry(const std::string& id) {
  std::lock_guard lock(mutex_);
  try {
    return select_entry(id);
  } catch (const Poco::Exception& e) {
    store_failed("đọc", e);
  }
}

std::optional<IssuedFile> SqliteRegister::file(const std::string& id) {
  std::lock_guard lock(mutex_);
  try {
    std::string key = id;
    std::vector<Poco::Data::BLOB> content;
    std::vector<std::string> names, types, hashes;
    session() << "SELECT content, file_name, media_type, sha256 FROM register_entries WHERE document_id = ?", into(content),
        into(names), into(types), into(hashes), use(key), now;
    if (content.empty()) return std::nullopt;
    IssuedFile f;
    f.bytes.assign(reinterpret_cast<const char*>(content[0].rawContent()), content[0].size());
    f.file_name = names[0];
    f.media_type = types[0];
    f.sha256 = hashes[0];
    return f;
  } catch (const Poco::Exception& e) {
    store_failed("đọc tệp đã ban hành", e);
  }
}

std::vector<RegisterEntry> SqliteRegister::entries(const std::string& agency, int year) {
  std::lock_guard lock(mutex_);
  try {
    std::string a = agency;
    int y = year;
    Poco::Data::Statement select(session());
    select << std::string("SELECT ") + kEntryColumns + "WHERE e.agency = ? AND e.year = ? ORDER BY e.issuer, e.number",
        use(a), use(y), now;
    RecordSet rows(select);
    return entries_of(rows);
  } catch (const Poco::Exception& e) {
    store_failed("đọc", e);
  }
}

}  // namespace vanthu::host
