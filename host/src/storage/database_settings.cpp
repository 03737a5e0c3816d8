#include "storage/database_settings.hpp"

#include <cstdlib>
#include <fstream>
#include <set>
#include <sstream>

namespace vanthu::host::storage {
namespace {

//! The libpq parameters a URL's query may set; anything else is refused, not ignored.
const std::set<std::string> kOptions = {"sslmode",          "sslrootcert",         "sslcert",          "sslkey",
                                        "connect_timeout",  "application_name",    "target_session_attrs",
                                        "keepalives",       "keepalives_idle",     "host"};

[[noreturn]] void refuse(const std::string& code, const std::string& message) {
  throw DatabaseSettingsError("database", code, "database: " + message);
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(const std::string& text, const char* part) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    const int high = i + 1 < text.size() ? hex_digit(text[i + 1]) : -1;
    const int low = i + 2 < text.size() ? hex_digit(text[i + 2]) : -1;
    if (high < 0 || low < 0) refuse("invalid_url", std::string("mã %XX không hợp lệ trong ") + part + " của URL");
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::string quoted(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

bool all_digits(const std::string& text) {
  return !text.empty() && text.size() <= 9 && text.find_first_not_of("0123456789") == std::string::npos;
}

std::string read_password_file(const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw DatabaseSettingsError("database-password-file", "unreadable_password_file",
                                "database-password-file: không đọc được tệp mật khẩu " + file);
  std::ostringstream text;
  text << in.rdbuf();
  std::string password = text.str();
  while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
  if (password.empty())
    throw DatabaseSettingsError("database-password-file", "empty_password_file",
                                "database-password-file: tệp mật khẩu " + file + " trống");
  return password;
}

}  // namespace

std::string DatabaseSettings::display() const {
  if (kind == Kind::sqlite) return "sqlite";
  std::string out = "postgresql://";
  if (!user.empty()) out += user + "@";
  out += host;
  if (!port.empty()) out += ":" + port;
  out += "/" + name;
  return out;
}

std::string DatabaseSettings::connection_string() const {
  std::string out;
  auto add = [&](const std::string& key, const std::string& value) {
    if (value.empty()) return;
    if (!out.empty()) out += ' ';
    out += key + "=" + quoted(value);
  };
  add("host", host);
  add("port", port);
  add("user", user);
  add("dbname", name);
  for (const auto& [key, value] : options) add(key, value);
  if (!options.count("application_name")) add("application_name", "vanthu");
  add("password", password);
  return out;
}

DatabaseSettings parse_database_settings(const std::string& url, const std::string& password_file) {
  DatabaseSettings settings;
  if (url.empty() || url == "sqlite") {
    if (!password_file.empty())
      throw DatabaseSettingsError("database-password-file", "password_without_database",
                                  "database-password-file chỉ dùng với database=postgresql://…");
    return settings;
  }
  std::string rest;
  for (const char* scheme : {"postgresql://", "postgres://"})
    if (url.rfind(scheme, 0) == 0) rest = url.substr(std::string(scheme).size());
  if (rest.empty())
    refuse("unsupported_database",
           "cần \"sqlite\" hoặc một URL postgresql://NGƯỜI-DÙNG@MÁY:CỔNG/TÊN-CSDL (nhận được \"" + url.substr(0, 40) + "\")");
  settings.kind = DatabaseSettings::Kind::postgresql;
  std::string query;
  if (auto mark = rest.find('?'); mark != std::string::npos) {
    query = rest.substr(mark + 1);
    rest.erase(mark);
  }
  std::string authority = rest, path;
  if (auto slash = rest.find('/'); slash != std::string::npos) {
    authority = rest.substr(0, slash);
    path = rest.substr(slash + 1);
  }
  if (auto at = authority.rfind('@'); at != std::string::npos) {
    std::string user = authority.substr(0, at);
    authority.erase(0, at + 1);
    if (user.find(':') != std::string::npos)
      refuse("password_in_url",
             "không ghi mật khẩu trong URL (URL hiện trong nhật ký và danh sách tiến trình); dùng database-password-file "
             "hoặc biến môi trường " + std::string(kDatabasePasswordVariable));
    settings.user = percent_decoded(user, "tên người dùng");
  }
  if (auto colon = authority.rfind(':'); colon != std::string::npos && authority.find(']') == std::string::npos) {
    settings.port = authority.substr(colon + 1);
    authority.erase(colon);
    if (!all_digits(settings.port) || std::stoi(settings.port) < 1 || std::stoi(settings.port) > 65535)
      refuse("invalid_port", "cổng \"" + settings.port + "\" không hợp lệ (1–65535)");
  }
  if (authority.size() > 2 && authority.front() == '[' && authority.back() == ']') authority = authority.substr(1, authority.size() - 2);
  settings.host = percent_decoded(authority, "tên máy");
  settings.name = percent_decoded(path, "tên cơ sở dữ liệu");
  if (settings.name.empty() || settings.name.find('/') != std::string::npos)
    refuse("missing_database_name", "thiếu tên cơ sở dữ liệu sau dấu '/' (postgresql://vanthu@localhost/vanthu)");
  std::size_t at = 0;
  while (at < query.size()) {
    std::size_t amp = query.find('&', at);
    if (amp == std::string::npos) amp = query.size();
    const std::string pair = query.substr(at, amp - at);
    at = amp + 1;
    if (pair.empty()) continue;
    const std::size_t equals = pair.find('=');
    const std::string key = pair.substr(0, equals);
    const std::string value = equals == std::string::npos ? "" : percent_decoded(pair.substr(equals + 1), "tham số");
    if (key == "password")
      refuse("password_in_url", "không ghi mật khẩu trong URL; dùng database-password-file hoặc biến môi trường " +
                                    std::string(kDatabasePasswordVariable));
    if (key == "pool_size") {
      if (!all_digits(value) || std::stoi(value) < 1 || std::stoi(value) > 1000)
        refuse("invalid_pool_size", "pool_size \"" + value + "\" không hợp lệ (1–1000)");
      settings.pool_size = std::stoi(value);
      continue;
    }
    if (!kOptions.count(key)) refuse("unknown_parameter", "tham số \"" + key.substr(0, 40) + "\" không được hỗ trợ trong URL");
    if (key == "host") settings.host = value;  // a socket directory: postgresql:///vanthu?host=/run/postgresql
    else settings.options[key] = value;
  }
  if (settings.host.empty())
    refuse("missing_host", "thiếu tên máy (postgresql://vanthu@localhost/vanthu) hoặc thư mục socket (?host=/run/postgresql)");
  std::string password_source = "database-password-file";
  if (!password_file.empty()) {
    settings.password = read_password_file(password_file);
  } else if (const char* from_environment = std::getenv(kDatabasePasswordVariable)) {
    settings.password = from_environment;
    password_source = kDatabasePasswordVariable;
  }
  // Poco::Data::PostgreSQL 1.11 splits the connection string at every space before libpq reads
  // it (SessionImpl::open), quoted or not: a value with a space cannot reach the server intact.
  auto no_space = [](const std::string& field, const std::string& what, const std::string& value) {
    if (value.find_first_of(" \t\r\n") != std::string::npos)
      throw DatabaseSettingsError(field, "space_not_supported",
                                  field + ": " + what + " có dấu cách; trình kết nối PostgreSQL (Poco 1.11) không truyền được");
  };
  no_space(password_source, "mật khẩu", settings.password);
  no_space("database", "tên người dùng", settings.user);
  no_space("database", "tên máy", settings.host);
  no_space("database", "tên cơ sở dữ liệu", settings.name);
  for (const auto& [key, value] : settings.options) no_space("database", "tham số " + key, value);
  return settings;
}

}  // namespace vanthu::host::storage
