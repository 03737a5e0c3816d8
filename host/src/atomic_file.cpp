#include "atomic_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>
#include <vector>

namespace vanthu::host {
namespace {

std::runtime_error io_error(const std::string& what, const std::filesystem::path& path, int error) {
  return std::runtime_error(what + " " + path.string() + ": " + std::strerror(error));
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes, unsigned mode) {
  const std::filesystem::path directory = path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  const std::string suffix = ".docx.tmp";
  std::string pattern = (directory / ("." + path.filename().string() + "-XXXXXX" + suffix)).string();
  std::vector<char> name(pattern.begin(), pattern.end());
  name.push_back('\0');
  int fd = ::mkstemps(name.data(), static_cast<int>(suffix.size()));
  if (fd < 0) throw io_error("không tạo được tệp tạm cạnh", path, errno);
  const std::string temp(name.data());
  auto fail = [&](const std::string& what, int error) {
    ::close(fd);
    ::unlink(temp.c_str());
    return io_error(what, path, error);
  };

  // mkstemp creates 0600; a document is an ordinary file, readable as the umask allows.
  mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, static_cast<mode_t>(mode & 0777) & ~mask) != 0) throw fail("không đặt được quyền cho", errno);

  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw fail("không ghi được", errno);
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) throw fail("không ghi được xuống đĩa", errno);
  if (::close(fd) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    throw io_error("không ghi được", path, error);
  }
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int error = errno;
    ::unlink(temp.c_str());
    throw io_error("không thay được", path, error);
  }
}

}  // namespace vanthu::host
