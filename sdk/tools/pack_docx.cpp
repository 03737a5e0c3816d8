//! vanthu-pack SRC_DIR OUT.docx: packs a template's reviewable XML source into a DOCX.
//!
//! Every file under SRC_DIR goes in, "[Content_Types].xml" first, then "_rels/.rels", then the
//! rest sorted by path, deflated at level 9 with fixed timestamps, so the same source always
//! gives the same bytes. Every *.xml and *.rels must be well-formed XML without a DTD; comments
//! and indentation between elements are dropped (the source may be laid out for review). OUT is
//! written to a temporary file beside it and renamed into place, so it is never half-written.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace fs = std::filesystem;

namespace {

struct PackError {
  std::string message;
};

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PackError{"không đọc được tệp " + path.string()};
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

//! Archive order: content types, package relationships, then everything else by path.
bool packs_before(const std::string& a, const std::string& b) {
  auto rank = [](const std::string& name) { return name == "[Content_Types].xml" ? 0 : name == "_rels/.rels" ? 1 : 2; };
  if (rank(a) != rank(b)) return rank(a) < rank(b);
  return a < b;
}

bool is_xml_name(const std::string& name) {
  auto ends_with = [&](std::string_view suffix) {
    return name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return ends_with(".xml") || ends_with(".rels");
}

std::vector<std::string> member_names(const fs::path& source) {
  if (!fs::is_directory(source)) throw PackError{"không phải thư mục: " + source.string()};
  std::vector<std::string> names;
  for (const auto& item : fs::recursive_directory_iterator(source)) {
    if (!item.is_regular_file()) continue;
    names.push_back(fs::relative(item.path(), source).generic_string());
  }
  if (names.empty()) throw PackError{"thư mục rỗng: " + source.string()};
  std::sort(names.begin(), names.end(), packs_before);
  return names;
}

std::string pack(const fs::path& source) {
  std::string archive;
  vanthu::ZipWriter writer(archive);
  for (const std::string& name : member_names(source)) {
    std::string content = read_bytes(source / name);
    if (is_xml_name(name)) {
      if (auto issue = vanthu::check_part_xml(name, content)) throw PackError{issue->message};
      content = vanthu::compact_part_xml(name, content);  // no comments or indentation in the package
    }
    writer.add(name, content, 9);
  }
  writer.finish();
  return archive;
}

//! mkstemp makes the file private; give it the permissions a plain new file would get.
bool usual_permissions(const char* path) {
  mode_t mask = umask(0);
  umask(mask);
  return chmod(path, 0666 & ~mask) == 0;
}

//! Writes `bytes` to a temporary file in OUT's directory, then renames it over OUT.
void write_atomically(const fs::path& out, const std::string& bytes) {
  fs::path directory = out.has_parent_path() ? out.parent_path() : fs::path(".");
  std::string pattern = (directory / ("." + out.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = mkstemp(name.data());
  if (fd < 0) throw PackError{"không tạo được tệp tạm trong " + directory.string()};
  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = write(fd, bytes.data() + written, bytes.size() - written);
    if (n <= 0) break;
    written += static_cast<std::size_t>(n);
  }
  bool ok = written == bytes.size() && fsync(fd) == 0;
  ok = close(fd) == 0 && ok;
  if (ok) ok = usual_permissions(name.data());
  if (!ok || std::rename(name.data(), out.c_str()) != 0) {
    std::remove(name.data());
    throw PackError{"không ghi được " + out.string()};
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::cerr << "cách dùng: vanthu-pack THƯ_MỤC_NGUỒN ĐẦU_RA.docx\n";
    return 1;
  }
  try {
    write_atomically(argv[2], pack(argv[1]));
  } catch (const PackError& error) {
    std::cerr << "vanthu-pack: " << error.message << "\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "vanthu-pack: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
