#include "cli/account_command.hpp"

#include <fstream>

#include <nlohmann/json.hpp>

#include "access/account_store.hpp"
#include "cli/commands.hpp"
#include "exit_codes.hpp"

namespace vanthu::host {
namespace {

using json = nlohmann::json;
namespace a = access;

constexpr const char* kAccountUsage =
    "  vanthu account create --user=TÊN --name=\"HỌ TÊN\" --agency=ID|* --role=clerk|records_officer|admin\n"
    "                        --password-file=TỆP|-  [--data-dir=DIR]\n"
    "  vanthu account list   [--agency=ID] [--json] [--data-dir=DIR]\n"
    "  vanthu account disable|enable ID [--data-dir=DIR]\n"
    "  vanthu account set-password ID --password-file=TỆP|- [--data-dir=DIR]\n";

int usage(std::ostream& err, const std::string& message) {
  err << "vanthu: " << message << "\nCách dùng:\n" << kAccountUsage;
  return exit_usage;
}

std::string option(const std::map<std::string, std::string>& given, const std::string& name) { return given_option(given, name); }

//! The password: the first line of a file, or of standard input for "-" (no trailing newline).
std::optional<std::string> read_password(const std::string& source, std::istream& in, std::ostream& err) {
  std::string line;
  if (source == "-") {
    std::getline(in, line);
  } else {
    std::ifstream file(source);
    if (!file) {
      err << "vanthu: không đọc được tệp mật khẩu " << source << "\n";
      return std::nullopt;
    }
    std::getline(file, line);
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int account_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given,
                    const StoreLocation& where, std::istream& in, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage(err, "thiếu việc cần làm (create, list, disable, enable, set-password)");
  const std::string& what = args[0];
  try {
    Stores stores = open_stores(where);
    a::AccountStore& store = *stores.accounts;
    if (what == "create") {
      if (args.size() != 1) return usage(err, "account create không nhận đối số \"" + args[1] + "\"");
      for (const char* required : {"user", "agency", "role", "password-file"})
        if (option(given, required).empty()) return usage(err, std::string("account create cần --") + required);
      auto role = a::parse_desk_role(option(given, "role"));
      if (!role) return usage(err, "--role là clerk (cán bộ), records_officer (văn thư) hoặc admin (quản trị)");
      auto password = read_password(option(given, "password-file"), in, err);
      if (!password) return exit_usage;
      try {
        a::Account made = store.create({option(given, "user"), option(given, "name"), option(given, "agency"), *password, *role},
                                       "cli");
        out << "Đã tạo tài khoản " << made.username << " (" << made.id << "), " << a::desk_role_label(made.role)
            << ", cơ quan " << made.agency << ".\n";
        return exit_ok;
      } catch (const a::AccountError& e) {
        err << (e.path == "/username" ? "--user" : e.path == "/agency" ? "--agency" : e.path == "/password" ? "mật khẩu" : e.path)
            << ": " << e.what() << " [" << e.code << "]\n";
        return exit_invalid_input;
      }
    }
    if (what == "list") {
      if (args.size() != 1) return usage(err, "account list không nhận đối số \"" + args[1] + "\"");
      const std::string agency = option(given, "agency").empty() ? "*" : option(given, "agency");
      auto accounts = store.list(agency);
      if (given.count("json")) {
        json items = json::array();
        for (const auto& acc : accounts)
          items.push_back({{"id", acc.id}, {"username", acc.username}, {"display_name", acc.display_name},
                           {"agency", acc.agency}, {"role", a::desk_role_name(acc.role)}, {"disabled", acc.disabled},
                           {"created", acc.created}});
        out << json{{"accounts", items}}.dump(2) << "\n";
        return exit_ok;
      }
      for (const auto& acc : accounts)
        out << acc.id << "  " << acc.username << "  " << acc.agency << "  " << a::desk_role_name(acc.role)
            << (acc.disabled ? "  (đã khóa)" : "") << "  " << acc.display_name << "\n";
      return exit_ok;
    }
    if (what == "disable" || what == "enable" || what == "set-password") {
      if (args.size() != 2) return usage(err, "account " + what + " cần đúng một mã tài khoản (acc_…)");
      if (!store.find(args[1])) {
        err << "vanthu: không có tài khoản " << args[1] << "\n";
        return exit_invalid_input;
      }
      if (what == "set-password") {
        if (option(given, "password-file").empty()) return usage(err, "account set-password cần --password-file");
        auto password = read_password(option(given, "password-file"), in, err);
        if (!password) return exit_usage;
        try {
          store.set_password(args[1], *password, "cli");
        } catch (const a::AccountError& e) {
          err << "mật khẩu: " << e.what() << " [" << e.code << "]\n";
          return exit_invalid_input;
        }
        out << "Đã đổi mật khẩu; các phiên đăng nhập cũ của tài khoản đã kết thúc.\n";
        return exit_ok;
      }
      store.set_disabled(args[1], what == "disable", "cli");
      out << (what == "disable" ? "Đã khóa tài khoản " : "Đã mở khóa tài khoản ") << args[1] << ".\n";
      return exit_ok;
    }
    return usage(err, "không có việc \"" + what + "\" của lệnh account");
  } catch (const std::exception& e) {
    err << "vanthu: " << e.what() << "\n";
    return exit_internal;
  }
}

}  // namespace vanthu::host
