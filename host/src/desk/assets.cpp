#include "desk/assets.hpp"

#include <fstream>
#include <sstream>

namespace vanthu::host::desk {

namespace fs = std::filesystem;

namespace {

std::optional<std::string> media_type_of(const std::string& extension) {
  static const std::map<std::string, std::string> kTypes = {
      {".html", "text/html; charset=utf-8"},      {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},        {".svg", "image/svg+xml"},
      {".png", "image/png"},                      {".ico", "image/x-icon"},
      {".json", "application/json; charset=utf-8"}};
  auto it = kTypes.find(extension);
  if (it == kTypes.end()) return std::nullopt;
  return it->second;
}

}  // namespace

Assets Assets::load(const fs::path& dir) {
  Assets assets;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return assets;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    auto type = media_type_of(entry.path().extension().string());
    if (!type) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in && !in.eof()) continue;
    assets.files_[entry.path().filename().string()] = {bytes.str(), *type};
  }
  return assets;
}

const Asset* Assets::find(const std::string& name) const {
  auto it = files_.find(name.empty() ? "index.html" : name);
  return it == files_.end() ? nullptr : &it->second;
}

}  // namespace vanthu::host::desk
