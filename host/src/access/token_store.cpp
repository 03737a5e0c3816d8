#include "access/token_store.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

#include <nlohmann/json.hpp>

#include "atomic_file.hpp"

namespace vanthu::host::access {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

constexpr int kFormat = 1;

std::string errno_text(int error) { return std::strerror(error); }

json time_or_null(const std::optional<Time>& time) { return time ? json(utc_text(*time)) : json(nullptr); }

std::optional<Time> time_member(const json& record, const char* name, bool required) {
  auto it = record.find(name);
  if (it == record.end() || it->is_null()) {
    if (required) throw TokenStoreError(std::string("thiếu trường \"") + name + "\"");
    return std::nullopt;
  }
  if (!it->is_string()) throw TokenStoreError(std::string("trường \"") + name + "\" không phải thời điểm");
  std::optional<Time> time = parse_utc(it->get<std::string>());
  if (!time) throw TokenStoreError(std::string("trường \"") + name + "\" không phải thời điểm UTC");
  return time;
}

json to_json(const TokenRecord& r) {
  return {{"id", r.id},
          {"name", r.name},
          {"sha256", r.sha256},
          {"agencies", r.agencies},
          {"roles", role_names(r.roles)},
          {"created", utc_text(r.created)},
          {"expires", time_or_null(r.expires)},
          {"revoked", time_or_null(r.revoked)},
          {"last_used", time_or_null(r.last_used)}};
}

TokenRecord from_json(const json& j) {
  if (!j.is_object()) throw TokenStoreError("một bản ghi không phải đối tượng JSON");
  TokenRecord r;
  r.id = j.at("id").get<std::string>();
  if (!well_formed_token_id(r.id)) throw TokenStoreError("mã token không hợp lệ: " + r.id.substr(0, 40));
  r.name = j.value("name", std::string());
  r.sha256 = j.at("sha256").get<std::string>();
  if (r.sha256.size() != 64 || r.sha256.find_first_not_of("0123456789abcdef") != std::string::npos)
    throw TokenStoreError("token " + r.id + ": sha256 không hợp lệ");
  for (const auto& agency : j.at("agencies")) r.agencies.push_back(agency.get<std::string>());
  if (r.agencies.empty()) throw TokenStoreError("token " + r.id + ": không có cơ quan nào");
  std::string joined;
  for (const auto& role : j.at("roles")) joined += (joined.empty() ? "" : ",") + role.get<std::string>();
  std::optional<Roles> roles = parse_roles(joined);
  if (!roles) throw TokenStoreError("token " + r.id + ": vai trò không hợp lệ");
  r.roles = *roles;
  r.created = *time_member(j, "created", true);
  r.expires = time_member(j, "expires", false);
  r.revoked = time_member(j, "revoked", false);
  r.last_used = time_member(j, "last_used", false);
  return r;
}

//! Closes the descriptor (and so drops its flock) when it goes.
struct FileDescriptor {
  int fd = -1;
  ~FileDescriptor() {
    if (fd >= 0) ::close(fd);
  }
};

}  // namespace

Principal TokenRecord::principal() const {
  Principal p;
  p.kind = Principal::Kind::token;
  p.id = id;
  p.name = name;
  p.agencies = agencies;
  p.roles = roles;
  return p;
}

FileTokenStore::FileTokenStore(fs::path data_dir)
    : data_dir_(std::move(data_dir)), file_(data_dir_ / "tokens.json"), lock_(data_dir_ / "tokens.lock") {}

FileTokenStore::Snapshot FileTokenStore::read_now() const {
  Snapshot snapshot;
  FileDescriptor file;
  file.fd = ::open(file_.c_str(), O_RDONLY | O_CLOEXEC);
  if (file.fd < 0) {
    if (errno == ENOENT) {  // no token was ever created: none is valid
      snapshot.records = std::make_shared<const std::vector<TokenRecord>>();
      return snapshot;
    }
    throw TokenStoreError("không đọc được " + file_.string() + ": " + errno_text(errno));
  }
  struct stat st{};
  if (::fstat(file.fd, &st) != 0) throw TokenStoreError("không đọc được " + file_.string() + ": " + errno_text(errno));
  std::string text;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::read(file.fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw TokenStoreError("không đọc được " + file_.string() + ": " + errno_text(errno));
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  auto records = std::make_shared<std::vector<TokenRecord>>();
  try {
    const json doc = json::parse(text);
    if (!doc.is_object() || doc.value("format", 0) != kFormat || !doc.contains("tokens") || !doc["tokens"].is_array())
      throw TokenStoreError("không phải kho token định dạng " + std::to_string(kFormat));
    for (const auto& record : doc["tokens"]) records->push_back(from_json(record));
  } catch (const TokenStoreError& e) {
    throw TokenStoreError("kho token " + file_.string() + " hỏng: " + e.what());
  } catch (const json::exception& e) {
    throw TokenStoreError("kho token " + file_.string() + " hỏng: " + e.what());
  }
  snapshot.exists = true;
  snapshot.device = st.st_dev;
  snapshot.inode = st.st_ino;
  snapshot.size = st.st_size;
  snapshot.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec;
  snapshot.records = std::move(records);
  return snapshot;
}

std::shared_ptr<const std::vector<TokenRecord>> FileTokenStore::current() {
  std::lock_guard lock(mutex_);
  struct stat st{};
  const bool exists = ::stat(file_.c_str(), &st) == 0;
  if (!exists && errno != ENOENT) throw TokenStoreError("không đọc được " + file_.string() + ": " + errno_text(errno));
  if (cache_.records) {
    const long long mtime = exists ? static_cast<long long>(st.st_mtim.tv_sec) * 1000000000LL + st.st_mtim.tv_nsec : 0;
    const bool same = exists ? cache_.exists && cache_.device == st.st_dev && cache_.inode == st.st_ino &&
                                   cache_.size == st.st_size && cache_.mtime_ns == mtime
                             : !cache_.exists;
    if (same) return cache_.records;
  }
  cache_ = read_now();  // throws: the cache is dropped with it, nothing stale is trusted
  return cache_.records;
}

void FileTokenStore::write(const std::vector<TokenRecord>& records) const {
  json list = json::array();
  for (const auto& r : records) list.push_back(to_json(r));
  const json doc = {{"format", kFormat}, {"tokens", std::move(list)}};
  try {
    write_file_atomically(file_, doc.dump(2) + "\n", 0600);
  } catch (const std::runtime_error& e) {
    throw TokenStoreError(e.what());
  }
  // The rename itself is made durable too: a revocation must survive a power cut.
  FileDescriptor dir;
  dir.fd = ::open(data_dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir.fd >= 0) ::fsync(dir.fd);
}

template <class Change>
void FileTokenStore::modify(Change change) {
  std::error_code ec;
  fs::create_directories(data_dir_, ec);
  if (ec) throw TokenStoreError("không tạo được thư mục dữ liệu " + data_dir_.string() + ": " + ec.message());
  FileDescriptor lock;
  lock.fd = ::open(lock_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (lock.fd < 0) throw TokenStoreError("không mở được " + lock_.string() + ": " + errno_text(errno));
  while (::flock(lock.fd, LOCK_EX) != 0) {
    if (errno != EINTR) throw TokenStoreError("không khóa được " + lock_.string() + ": " + errno_text(errno));
  }
  std::vector<TokenRecord> records = *read_now().records;  // fresh, under the lock
  if (change(records)) write(records);
}

void FileTokenStore::add(const TokenRecord& record) {
  modify([&](std::vector<TokenRecord>& records) {
    for (const auto& r : records)
      if (r.id == record.id) throw TokenStoreError("mã token " + record.id + " đã có");
    records.push_back(record);
    return true;
  });
}

std::vector<TokenRecord> FileTokenStore::list() { return *current(); }

TokenStore::RevokeResult FileTokenStore::revoke(std::string_view id, Time at) {
  RevokeResult result = RevokeResult::unknown;
  modify([&](std::vector<TokenRecord>& records) {
    for (auto& r : records) {
      if (r.id != id) continue;
      if (r.revoked) {
        result = RevokeResult::already_revoked;
        return false;
      }
      r.revoked = at;
      result = RevokeResult::revoked;
      return true;
    }
    return false;
  });
  return result;
}

std::optional<TokenRecord> FileTokenStore::find_by_hash(std::string_view sha256) {
  std::shared_ptr<const std::vector<TokenRecord>> records = current();
  // Every stored hash is compared, whichever matches: the time says nothing of which one did.
  const TokenRecord* found = nullptr;
  for (const auto& r : *records) {
    const bool equal = constant_time_equal(r.sha256, sha256);
    if (equal && !found) found = &r;
  }
  if (!found) return std::nullopt;
  return *found;
}

void FileTokenStore::record_use(std::string_view id, Time at) {
  modify([&](std::vector<TokenRecord>& records) {
    for (auto& r : records) {
      if (r.id != id) continue;
      if (r.last_used && *r.last_used >= at) return false;
      r.last_used = at;
      return true;
    }
    return false;
  });
}

Authentication authenticate(TokenStore& store, std::string_view token, Time now) {
  Authentication result;
  std::optional<TokenRecord> record = store.find_by_hash(token_hash(token));
  if (!record) return result;  // unknown
  if (record->revoked) result.status = Authentication::Status::revoked;
  else if (record->expired(now)) result.status = Authentication::Status::expired;
  else result.status = Authentication::Status::ok;
  result.record = std::move(record);
  return result;
}

IssuedToken create_token(TokenStore& store, const TokenRequest& request, Time now) {
  IssuedToken issued;
  issued.token = new_token_secret();
  TokenRecord& r = issued.record;
  r.id = new_token_id();
  r.name = request.name;
  r.sha256 = token_hash(issued.token);
  r.agencies = request.agencies;
  r.roles = request.roles;
  r.created = std::chrono::time_point_cast<std::chrono::seconds>(now);
  r.expires = request.expires;
  if (r.expires) r.expires = std::chrono::time_point_cast<std::chrono::seconds>(*r.expires);
  store.add(r);
  return issued;
}

const char* token_status(const TokenRecord& r, Time now) {
  if (r.revoked) return "revoked";
  if (r.expired(now)) return "expired";
  return "active";
}

nlohmann::json token_record_json(const TokenRecord& r, Time now) {
  auto time = [](const std::optional<Time>& t) { return t ? nlohmann::json(utc_text(*t)) : nlohmann::json(nullptr); };
  return {{"id", r.id},
          {"name", r.name},
          {"agencies", r.agencies},
          {"roles", role_names(r.roles)},
          {"created", utc_text(r.created)},
          {"expires", time(r.expires)},
          {"last_used", time(r.last_used)},
          {"revoked", time(r.revoked)},
          {"status", token_status(r, now)}};
}

bool acceptable_token_name(std::string_view name) {
  if (name.size() > 200) return false;
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f) return false;
  return true;
}

}  // namespace vanthu::host::access
