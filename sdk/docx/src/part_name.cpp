//! The one rule for a valid part name (vanthu/part_name.hpp).
#include "vanthu/part_name.hpp"

namespace vanthu {

const char* part_name_refusal(std::string_view name) {
  if (name.empty()) return "tên rỗng";
  if (name.find('\0') != std::string_view::npos) return "chứa ký tự NUL";
  if (name.find('\\') != std::string_view::npos) return "chứa dấu gạch chéo ngược";
  if (name.front() == '/') return "đường dẫn tuyệt đối";
  if (name.size() >= 2 && name[1] == ':') return "đường dẫn tuyệt đối có ổ đĩa";
  std::size_t start = 0;
  while (start <= name.size()) {
    std::size_t slash = name.find('/', start);
    if (slash == std::string_view::npos) slash = name.size();
    if (name.substr(start, slash - start) == "..") return "chứa thành phần “..”";
    start = slash + 1;
  }
  return nullptr;
}

}  // namespace vanthu
