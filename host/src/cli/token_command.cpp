#include "cli/token_command.hpp"

#include <algorithm>
#include <optional>

#include <nlohmann/json.hpp>

#include "access/token_store.hpp"
#include "exit_codes.hpp"
#include "messages.hpp"
#include "template_store.hpp"

namespace vanthu::host {
namespace {

using json = nlohmann::json;
namespace a = access;

constexpr const char* kTokenUsage =
    "  vanthu token create --agency=hai-an[,le-chan|*] --roles=render[,templates,issue,admin]\n"
    "                      [--expires=YYYY-MM-DD|never | --days=N] [--name=\"TÊN\"] [--json] [--data-dir=DIR]\n"
    "  vanthu token list   [--json] [--data-dir=DIR]\n"
    "  vanthu token revoke ID [--data-dir=DIR]\n";

int usage(std::ostream& err, const std::string& message) {
  err << "vanthu: " << message << "\nCách dùng:\n" << kTokenUsage;
  return exit_usage;
}

std::string joined(const std::vector<std::string>& items, const char* separator = ",") {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

std::string time_or(const std::optional<a::Time>& time, const char* otherwise) {
  return time ? a::utc_text(*time) : otherwise;
}

int create(const std::map<std::string, std::string>& given, a::TokenStore& store, std::ostream& out, std::ostream& err) {
  auto option = [&](const char* name) -> const std::string* {
    auto it = given.find(name);
    return it == given.end() ? nullptr : &it->second;
  };
  a::TokenRequest request;
  const std::string* agencies = option("agency");
  if (!agencies || agencies->empty())
    return usage(err, "token create cần --agency=ID[,ID…] (mã cơ quan, hoặc * cho mọi cơ quan)");
  std::size_t at = 0;
  while (at <= agencies->size()) {
    std::size_t comma = agencies->find(',', at);
    if (comma == std::string::npos) comma = agencies->size();
    std::string agency = agencies->substr(at, comma - at);
    while (!agency.empty() && agency.front() == ' ') agency.erase(0, 1);
    while (!agency.empty() && agency.back() == ' ') agency.pop_back();
    if (agency != "*" && !valid_store_id(agency))
      return usage(err, "--agency: \"" + log_safe(agency, 80) +
                            "\" không phải mã cơ quan (chữ thường a-z, chữ số, dấu gạch ngang; hoặc * cho mọi cơ quan)");
    if (std::find(request.agencies.begin(), request.agencies.end(), agency) == request.agencies.end())
      request.agencies.push_back(agency);
    at = comma + 1;
  }
  if (request.agencies.size() > 1 && std::find(request.agencies.begin(), request.agencies.end(), "*") != request.agencies.end())
    return usage(err, "--agency: * đã là mọi cơ quan, không ghi kèm mã khác");

  const std::string* roles = option("roles");
  if (!roles || roles->empty()) return usage(err, "token create cần --roles=render[,templates,issue,admin]");
  std::string bad;
  std::optional<a::Roles> parsed = a::parse_roles(*roles, &bad);
  if (!parsed) return usage(err, "--roles: không có vai trò \"" + log_safe(bad, 40) + "\" (render, issue, templates, admin)");
  request.roles = *parsed;

  const a::Time now = a::Clock::now();
  const std::string* expires = option("expires");
  const std::string* days = option("days");
  if (expires && days) return usage(err, "chỉ dùng một trong --expires và --days");
  if (expires) {
    if (*expires != "never") {
      request.expires = a::end_of_day_in_vietnam(*expires);
      if (!request.expires) return usage(err, "--expires phải là ngày YYYY-MM-DD (hết ngày đó, giờ Việt Nam) hoặc never");
    }
  } else {
    long count = a::kDefaultTokenDays;
    if (days) {
      if (days->empty() || days->size() > 5 || days->find_first_not_of("0123456789") != std::string::npos)
        return usage(err, "--days phải là số ngày, từ 0 đến 36500");
      count = std::stol(*days);
      if (count > 36500) return usage(err, "--days phải là số ngày, từ 0 đến 36500");
    }
    request.expires = now + std::chrono::hours(24 * count);
  }
  if (const std::string* name = option("name")) {
    if (!a::acceptable_token_name(*name)) return usage(err, "--name: một dòng, không ký tự điều khiển, tối đa 200 byte");
    request.name = *name;
  }

  a::IssuedToken issued = a::create_token(store, request, now);
  const a::TokenRecord& r = issued.record;
  if (given.count("json")) {
    json body = a::token_record_json(r, now);
    body["token"] = issued.token;
    out << body.dump(2) << "\n";
  } else {
    out << "id:    " << r.id << "\n" << "token: " << issued.token << "\n";
  }
  err << "Đã tạo token " << r.id << (r.name.empty() ? "" : " «" + r.name + "»") << ": cơ quan " << joined(r.agencies, ", ")
      << "; vai trò " << joined(a::role_names(r.roles), ", ") << "; hết hạn " << time_or(r.expires, "không bao giờ") << ".\n"
      << "Hãy lưu token ngay: nó chỉ hiện một lần này (Vanthu chỉ giữ mã băm SHA-256 của nó).\n";
  if (r.expired(now)) err << "Cảnh báo: token này đã hết hạn ngay khi tạo; mọi yêu cầu dùng nó sẽ bị từ chối (401).\n";
  return exit_ok;
}

int list(const std::map<std::string, std::string>& given, a::TokenStore& store, std::ostream& out) {
  const a::Time now = a::Clock::now();
  const std::vector<a::TokenRecord> records = store.list();
  if (given.count("json")) {
    json list = json::array();
    for (const auto& r : records) list.push_back(a::token_record_json(r, now));
    out << json{{"tokens", list}}.dump(2) << "\n";
    return exit_ok;
  }
  if (records.empty()) {
    out << "Chưa có token nào (vanthu token create).\n";
    return exit_ok;
  }
  out << "ID\tTÊN\tCƠ QUAN\tVAI TRÒ\tTẠO LÚC\tHẾT HẠN\tDÙNG LẦN CUỐI\tTRẠNG THÁI\n";
  for (const auto& r : records) {
    out << r.id << "\t" << (r.name.empty() ? "-" : r.name) << "\t" << joined(r.agencies) << "\t" << joined(a::role_names(r.roles))
        << "\t" << a::utc_text(r.created) << "\t" << time_or(r.expires, "never") << "\t" << time_or(r.last_used, "-") << "\t"
        << (r.revoked ? "revoked " + a::utc_text(*r.revoked) : std::string(a::token_status(r, now))) << "\n";
  }
  return exit_ok;
}

int revoke(const std::string& id, a::TokenStore& store, std::ostream& out, std::ostream& err) {
  if (!a::well_formed_token_id(id))
    return usage(err, "\"" + log_safe(id, 60) + "\" không phải mã token (tk_ và 12 chữ số hex; xem vanthu token list)");
  switch (store.revoke(id, std::chrono::time_point_cast<std::chrono::seconds>(a::Clock::now()))) {
    case a::TokenStore::RevokeResult::revoked:
      out << "Đã thu hồi token " << id << ": từ yêu cầu kế tiếp, máy chủ trả 401 cho token này.\n";
      return exit_ok;
    case a::TokenStore::RevokeResult::already_revoked:
      out << "Token " << id << " đã bị thu hồi từ trước.\n";
      return exit_ok;
    case a::TokenStore::RevokeResult::unknown:
      err << "vanthu: không có token " << id << " (xem vanthu token list)\n";
      return exit_invalid_input;
  }
  return exit_internal;
}

}  // namespace

int token_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given,
                  const StoreLocation& where, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage(err, "lệnh token cần create, list hoặc revoke");
  const std::string& sub = args[0];
  auto only = [&](std::initializer_list<const char*> allowed) -> std::optional<int> {
    for (const auto& [name, value] : given) {
      if (name == "data-dir" || name == "config" || name == "database" || name == "database-password-file") continue;
      if (std::find_if(allowed.begin(), allowed.end(), [&](const char* a) { return name == a; }) == allowed.end())
        return usage(err, "tùy chọn --" + name + " không dùng với lệnh token " + sub);
    }
    return std::nullopt;
  };
  try {
    Stores stores = open_stores(where);
    a::TokenStore& store = *stores.tokens;
    if (sub == "create") {
      if (args.size() > 1) return usage(err, "thừa đối số \"" + log_safe(args[1], 60) + "\"");
      if (auto refused = only({"agency", "roles", "expires", "days", "name", "json"})) return *refused;
      return create(given, store, out, err);
    }
    if (sub == "list") {
      if (args.size() > 1) return usage(err, "thừa đối số \"" + log_safe(args[1], 60) + "\"");
      if (auto refused = only({"json"})) return *refused;
      return list(given, store, out);
    }
    if (sub == "revoke") {
      if (args.size() != 2) return usage(err, "lệnh token revoke cần đúng một ID");
      if (auto refused = only({})) return *refused;
      return revoke(args[1], store, out, err);
    }
  } catch (const std::runtime_error& e) {  // TokenStoreError, or a database that cannot be opened
    err << "vanthu: " << e.what() << "\n";
    return exit_internal;
  }
  return usage(err, "không có lệnh token \"" + log_safe(sub, 40) + "\" (create, list, revoke)");
}

}  // namespace vanthu::host
