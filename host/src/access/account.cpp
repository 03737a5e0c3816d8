#include "access/account.hpp"

#include <algorithm>
#include <semaphore>
#include <vector>

#include <argon2.h>

namespace vanthu::host::access {
namespace {

constexpr uint32_t kTimeCost = 2;
constexpr uint32_t kMemoryKiB = 19 * 1024;
constexpr uint32_t kLanes = 1;
constexpr std::size_t kSaltBytes = 16;
constexpr std::size_t kHashBytes = 32;

std::counting_semaphore<kConcurrentHashes>& hash_slots() {
  static std::counting_semaphore<kConcurrentHashes> slots(kConcurrentHashes);
  return slots;
}

//! Holds one of the hash slots for its lifetime.
class HashSlot {
 public:
  HashSlot() { hash_slots().acquire(); }
  ~HashSlot() { hash_slots().release(); }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;
};

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

}  // namespace

const char* desk_role_name(DeskRole role) {
  switch (role) {
    case DeskRole::clerk: return "clerk";
    case DeskRole::records_officer: return "records_officer";
    case DeskRole::admin: return "admin";
  }
  return "clerk";
}

const char* desk_role_label(DeskRole role) {
  switch (role) {
    case DeskRole::clerk: return "Cán bộ";
    case DeskRole::records_officer: return "Văn thư";
    case DeskRole::admin: return "Quản trị";
  }
  return "Cán bộ";
}

std::optional<DeskRole> parse_desk_role(std::string_view name) {
  for (DeskRole role : {DeskRole::clerk, DeskRole::records_officer, DeskRole::admin})
    if (name == desk_role_name(role)) return role;
  return std::nullopt;
}

Roles roles_of(DeskRole role) {
  switch (role) {
    case DeskRole::clerk: return bit(Role::render);
    case DeskRole::records_officer: return bit(Role::render) | bit(Role::issue) | bit(Role::templates);
    case DeskRole::admin: return bit(Role::render) | bit(Role::admin);
  }
  return 0;
}

std::string hash_password(std::string_view password) {
  const std::string salt = random_bytes(kSaltBytes);
  std::vector<char> encoded(argon2_encodedlen(kTimeCost, kMemoryKiB, kLanes, kSaltBytes, kHashBytes, Argon2_id) + 1);
  HashSlot slot;
  int rc = argon2id_hash_encoded(kTimeCost, kMemoryKiB, kLanes, password.data(), password.size(), salt.data(),
                                 salt.size(), kHashBytes, encoded.data(), encoded.size());
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2id: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool verify_password(std::string_view encoded, std::string_view password) {
  if (encoded.substr(0, 10) != "$argon2id$") return false;
  const std::string phc(encoded);
  HashSlot slot;
  return argon2id_verify(phc.c_str(), password.data(), password.size()) == ARGON2_OK;
}

void verify_dummy_password(std::string_view password) {
  // A hash of a random password made once, with the same parameters as every real one.
  static const std::string dummy = hash_password(base64url(random_bytes(24)));
  (void)verify_password(dummy, password);
}

std::optional<std::string> password_problem(std::string_view password, std::string_view username) {
  if (password.size() > kMaxPasswordLength) return "Mật khẩu dài quá 256 byte.";
  if (code_points(password) < kMinPasswordLength) return "Mật khẩu phải có ít nhất 10 ký tự.";
  std::string lower(password);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!username.empty() && lower == username) return "Mật khẩu không được trùng tên đăng nhập.";
  return std::nullopt;
}

bool valid_username(std::string_view name) {
  if (name.size() < 3 || name.size() > 64) return false;
  auto ok = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-'; };
  if (!std::all_of(name.begin(), name.end(), ok)) return false;
  return std::isalnum(static_cast<unsigned char>(name.front())) != 0;
}

std::string normalize_username(std::string_view name) {
  std::string out(name);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out.erase(0, out.find_first_not_of(' ') == std::string::npos ? out.size() : out.find_first_not_of(' '));
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string new_session_token() { return std::string(kSessionPrefix) + base64url(random_bytes(32)); }

bool well_formed_session_token(std::string_view token) {
  if (token.size() != kSessionPrefix.size() + 43 || token.substr(0, kSessionPrefix.size()) != kSessionPrefix) return false;
  return std::all_of(token.begin() + static_cast<std::ptrdiff_t>(kSessionPrefix.size()), token.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
  });
}

std::string new_csrf_token() { return base64url(random_bytes(32)); }

std::chrono::seconds lock_after(int consecutive_failures) {
  if (consecutive_failures < kFreeFailures) return std::chrono::seconds(0);
  const int doublings = std::min(consecutive_failures - kFreeFailures, 6);  // 1, 2, 4, … 64 minutes
  return std::min<std::chrono::seconds>(std::chrono::minutes(1) * (1 << doublings), kMaxLock);
}

std::string session_cookie_value(std::string_view header) {
  std::size_t start = 0;
  while (start <= header.size()) {
    std::size_t end = header.find(';', start);
    if (end == std::string_view::npos) end = header.size();
    std::string_view pair = header.substr(start, end - start);
    while (!pair.empty() && (pair.front() == ' ' || pair.front() == '\t')) pair.remove_prefix(1);
    while (!pair.empty() && (pair.back() == ' ' || pair.back() == '\t')) pair.remove_suffix(1);
    std::size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == kSessionCookie) return std::string(pair.substr(eq + 1));
    start = end + 1;
  }
  return {};
}

}  // namespace vanthu::host::access
