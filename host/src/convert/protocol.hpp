//! The frames between the host and a `vanthu-convert` worker (host/convert/worker_main.cpp),
//! over a pipe each way: the host writes requests on the worker's standard input, the worker
//! answers on its protocol descriptor (its original standard output, moved away from fd 1 so
//! that what LibreOffice prints cannot corrupt a frame).
//!
//!   request:  "VTRQ" u32 header_length header u64 body_length body
//!             header: "key=value\n" lines: format=pdf|pdfa, created=<W3CDTF>, bookmark=<name> (repeated)
//!             body: the DOCX
//!   answer:   "VTRS" u32 status u64 length payload
//!             status 0: payload is the PDF; otherwise a UTF-8 message for the log
//!
//! Integers are little-endian. One request at a time: a worker answers before it reads the next.
#pragma once

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include <unistd.h>

namespace vanthu::convert {

inline constexpr char kRequestMagic[4] = {'V', 'T', 'R', 'Q'};
inline constexpr char kAnswerMagic[4] = {'V', 'T', 'R', 'S'};
inline constexpr std::uint32_t kMaxHeader = 64 * 1024;
inline constexpr std::uint64_t kMaxBody = std::uint64_t{512} << 20;

enum class AnswerStatus : std::uint32_t {
  ok = 0,
  load_failed = 1,    //!< LibreOffice could not open the DOCX
  export_failed = 2,  //!< it opened, but saving as PDF failed
  bad_request = 3,    //!< a malformed frame (the worker exits after it)
};

inline void put_u32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
inline void put_u64(std::string& out, std::uint64_t v) {
  for (int i = 0; i < 8; ++i) out += static_cast<char>((v >> (8 * i)) & 0xff);
}
inline std::uint64_t get_le(const unsigned char* p, int bytes) {
  std::uint64_t v = 0;
  for (int i = bytes - 1; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

//! Writes all of `data` (retrying on EINTR and short writes); false on any error.
inline bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

//! Reads exactly `size` bytes; false on end of file or error (blocking descriptor).
inline bool read_exact(int fd, char* out, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::read(fd, out, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    out += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

//! LibreOffice 7.4 writes a bookmark's PDF destination name with every character outside
//! [0-9A-Za-z-] replaced by its hex digits without the '#' of a PDF name escape
//! (vcl/source/gdi/pdfwriter_impl.cxx, appendDestinationName): "VANTHU_CHU_KY" becomes
//! "VANTHU5FCHU5FKY". The worker renames it back, so a signing tool finds the bookmark's name.
inline std::string libreoffice_destination_name(std::string_view utf8_name) {
  // LibreOffice works on UTF-16 code units; every bookmark Vanthu needs is ASCII, and the
  // others are left as LibreOffice named them (this function is only used to find them).
  std::string out;
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : utf8_name) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-') {
      out += static_cast<char>(c);
    } else {
      const int high = c >> 4, low = c & 15;
      if (high > 0) out += hex[high];
      out += hex[low];
    }
  }
  return out;
}

}  // namespace vanthu::convert
