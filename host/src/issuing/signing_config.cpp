#include "issuing/signing_config.hpp"

#include <cstdlib>
#include <fstream>
#include <iterator>
#include <set>

#include <nlohmann/json.hpp>

#include "usecases/choose_template.hpp"

namespace vanthu::host {
namespace {

namespace fs = std::filesystem;

const std::set<std::string> kKeys = {"p12", "password_file", "password_env", "signer_image", "seal_image", "seal_mm"};

bool readable_file(const fs::path& path) {
  std::error_code error;
  if (!fs::is_regular_file(path, error)) return false;
  std::ifstream in(path, std::ios::binary);
  return static_cast<bool>(in);
}

std::string file_text(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace

SigningConfigOutcome parse_signing_config(const std::string& json_text, const fs::path& base_dir, const std::string& agency) {
  SigningConfigOutcome out;
  out.config.agency = agency;
  auto problem = [&](const std::string& path, const std::string& code, const std::string& message) {
    vanthu::add_capped(out.problems, vanthu::Problem{path, code, message});
  };
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    problem("", "malformed_signing_config",
            "Tệp cấu hình ký số của cơ quan " + agency + " không phải JSON hợp lệ (byte " + std::to_string(e.byte) + ")");
    return out;
  }
  if (!doc.is_object()) {
    problem("", "malformed_signing_config", "Tệp cấu hình ký số của cơ quan " + agency + " phải là một đối tượng JSON");
    return out;
  }
  for (const auto& [key, value] : doc.items()) {
    if (!kKeys.count(key))
      problem("/" + key, "unknown_field",
              "Trường \"" + key + "\" không có trong cấu hình ký số (chỉ nhận p12, password_file, password_env, "
              "signer_image, seal_image, seal_mm)");
  }
  auto path_field = [&](const char* key, bool required, fs::path& target) {
    const std::string where = std::string("/") + key;
    if (!doc.contains(key)) {
      if (required) problem(where, "required", std::string("Thiếu trường \"") + key + "\" (tệp PKCS#12 chứa chứng thư số và khóa của cơ quan)");
      return;
    }
    if (!doc[key].is_string() || doc[key].get<std::string>().empty()) {
      problem(where, "invalid_type", std::string("Trường \"") + key + "\" phải là đường dẫn tệp (chuỗi không rỗng)");
      return;
    }
    fs::path path(doc[key].get<std::string>());
    if (path.is_relative()) path = base_dir / path;
    if (!readable_file(path)) {
      problem(where, "file_not_readable", std::string("Trường \"") + key + "\": không đọc được tệp " + path.string());
      return;
    }
    target = path;
  };
  path_field("p12", true, out.config.p12);
  path_field("signer_image", false, out.config.signer_image);
  path_field("seal_image", false, out.config.seal_image);

  const bool has_file = doc.contains("password_file"), has_env = doc.contains("password_env");
  if (has_file && has_env) {
    problem("/password_env", "conflicting_fields", "Chỉ dùng một trong hai trường \"password_file\" hoặc \"password_env\"");
  } else if (!has_file && !has_env) {
    problem("/password_file", "required",
            "Thiếu mật khẩu của tệp PKCS#12: cần trường \"password_file\" (tệp chứa mật khẩu) hoặc \"password_env\" "
            "(tên biến môi trường)");
  } else if (has_file) {
    fs::path file;
    path_field("password_file", true, file);
    if (!file.empty()) {
      std::string text = file_text(file);
      while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();  // one line, as editors save it
      out.config.password = std::move(text);
      out.config.password_field = "/password_file";
    }
  } else {
    const auto& name = doc["password_env"];
    if (!name.is_string() || name.get<std::string>().empty()) {
      problem("/password_env", "invalid_type", "Trường \"password_env\" phải là tên một biến môi trường");
    } else if (const char* value = std::getenv(name.get<std::string>().c_str()); value == nullptr) {
      problem("/password_env", "password_not_set",
              "Biến môi trường " + name.get<std::string>() + " (trường \"password_env\") chưa được đặt");
    } else {
      out.config.password = value;
      out.config.password_field = "/password_env";
    }
  }
  if (doc.contains("seal_mm")) {
    const auto& mm = doc["seal_mm"];
    if (!mm.is_number() || mm.get<double>() < 20 || mm.get<double>() > 50)
      problem("/seal_mm", "out_of_range", "Trường \"seal_mm\" (đường kính con dấu, mm) phải là số từ 20 đến 50");
    else
      out.config.seal_mm = mm.get<double>();
  }
  out.ok = out.problems.empty();
  return out;
}

SigningConfigOutcome load_signing_config(const fs::path& data_dir, const std::string& agency) {
  SigningConfigOutcome out;
  if (auto why = agency_id_problem(agency)) {
    out.problems.push_back({"", "invalid_agency", *why});
    return out;
  }
  const fs::path dir = data_dir / "signing";
  const fs::path file = dir / (agency + ".json");
  std::error_code error;
  if (!fs::exists(file, error)) {
    out.problems.push_back({"", "signing_not_configured",
                            "Cơ quan " + agency + " chưa được cấu hình ký số: không có tệp " + file.string()});
    return out;
  }
  if (!readable_file(file)) {
    out.problems.push_back({"", "signing_config_unreadable", "Không đọc được tệp cấu hình ký số " + file.string()});
    return out;
  }
  return parse_signing_config(file_text(file), dir, agency);
}

}  // namespace vanthu::host
