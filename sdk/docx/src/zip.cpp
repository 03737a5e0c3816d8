//! The zip container: a reader that refuses hostile archives and a deterministic writer.
//!
//! Only what DOCX needs: no zip64, no encryption, methods 0 (stored) and 8 (deflate).
//! Sizes always come from the central directory; while inflating, the declared size is a
//! ceiling, never a promise.
//!
//! One archive, one reading: a reader that walks the local headers (streaming unzip, some
//! virus scanners, Java's ZipInputStream) must see what this one sees through the central
//! directory. So every local header must agree with its central record (name, method,
//! encryption and data-descriptor flags, CRC and sizes, or the data descriptor's), members may
//! not overlap, and no byte of the archive may lie outside a member, the directory and the end
//! record (no prefix, nothing between members, nothing after the comment). Anything else is a
//! forged archive: "header_mismatch", "overlap" or "hidden_data".
//!
//! Deflating (the writer's side) goes through libdeflate when the build found it
//! (VANTHU_HAVE_LIBDEFLATE), else through zlib; reading always inflates with zlib, whose
//! streaming lets the limits be checked while inflating. See bench/README.md for the choice.
#include "vanthu/zip.hpp"

#include "vanthu/part_name.hpp"

#include "vanthu/text.hpp"

#include <zlib.h>
#if defined(VANTHU_HAVE_LIBDEFLATE)
#include <libdeflate.h>
#endif
#if defined(VANTHU_HAVE_ISAL)
#include <isa-l/igzip_lib.h>
#endif

#include <algorithm>
#include <memory>
#include <string>
#include <unordered_set>

namespace vanthu {
namespace {

constexpr std::uint32_t kLocalHeaderSignature = 0x04034b50;
constexpr std::uint32_t kCentralHeaderSignature = 0x02014b50;
constexpr std::uint32_t kEndOfCentralDirectorySignature = 0x06054b50;
constexpr std::uint32_t kZip64LocatorSignature = 0x07064b50;
constexpr std::size_t kLocalHeaderSize = 30;
constexpr std::size_t kCentralHeaderSize = 46;
constexpr std::size_t kEndOfCentralDirectorySize = 22;
constexpr std::uint32_t kDataDescriptorSignature = 0x08074b50;
constexpr std::uint16_t kFlagEncrypted = 0x0001;
constexpr std::uint16_t kFlagDataDescriptor = 0x0008;
constexpr std::uint16_t kFlagStrongEncryption = 0x0040;
constexpr std::uint16_t kFlagUtf8 = 0x0800;
constexpr std::uint16_t kVersionNeeded = 20;
constexpr std::uint16_t kDosTimeMidnight = 0;                        //!< 00:00:00
constexpr std::uint16_t kDosDate19800101 = (0 << 9) | (1 << 5) | 1;  //!< 1980-01-01
constexpr std::uint16_t kZip64ExtraId = 0x0001;

std::uint16_t read16(std::string_view bytes, std::size_t at) {
  auto b = reinterpret_cast<const unsigned char*>(bytes.data()) + at;
  return static_cast<std::uint16_t>(b[0] | (b[1] << 8));
}

std::uint32_t read32(std::string_view bytes, std::size_t at) {
  auto b = reinterpret_cast<const unsigned char*>(bytes.data()) + at;
  return static_cast<std::uint32_t>(b[0]) | (static_cast<std::uint32_t>(b[1]) << 8) |
         (static_cast<std::uint32_t>(b[2]) << 16) | (static_cast<std::uint32_t>(b[3]) << 24);
}

void put16(std::string& out, std::uint16_t v) {
  out.push_back(static_cast<char>(v & 0xff));
  out.push_back(static_cast<char>(v >> 8));
}

void put32(std::string& out, std::uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

std::string quoted(std::string_view name) { return "“" + std::string(name) + "”"; }

[[noreturn]] void fail(const char* code, const std::string& message) { throw ZipError(code, message); }

//! Whether an uncompressed size over a compressed size is beyond the limit (bomb-like).
bool ratio_exceeded(std::uint64_t uncompressed, std::uint64_t compressed, const ZipLimits& limits) {
  if (uncompressed <= limits.ratio_grace_size) return false;
  return static_cast<double>(uncompressed) > limits.max_ratio * static_cast<double>(std::max<std::uint64_t>(compressed, 1));
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

//! Refuses names that could escape an extraction directory (the one part-name rule,
//! vanthu/part_name.hpp); duplicates, which would shadow another member, are refused by the caller.
void check_name(std::string_view name) {
  if (const char* why = part_name_refusal(name)) fail("bad_name", "Tên mục " + quoted(name) + " không hợp lệ: " + why + ".");
}

//! `crc` (of what came before) extended by `bytes`, as zlib's crc32() computes it.
std::uint32_t crc_update(std::uint32_t crc, std::string_view bytes) {
#if defined(VANTHU_HAVE_LIBDEFLATE)
  return libdeflate_crc32(crc, bytes.data(), bytes.size());
#else
  uLong value = crc;
  for (std::size_t done = 0; done < bytes.size();) {
    auto chunk = static_cast<uInt>(std::min<std::size_t>(bytes.size() - done, 1u << 30));
    value = crc32(value, reinterpret_cast<const Bytef*>(bytes.data() + done), chunk);
    done += chunk;
  }
  return static_cast<std::uint32_t>(value);
#endif
}

std::uint32_t crc_of(std::string_view bytes) { return crc_update(0, bytes); }

//! Per-thread buffers larger than this are given back after use instead of being kept.
constexpr std::size_t kKeepBuffer = 8u << 20;

bool is_ascii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

//! A member's local header and name, as ZipWriter writes every member: fixed timestamp, no extra
//! field, the UTF-8 flag for a non-ASCII name. CRC and sizes sit at offsets 14, 18 and 22.
void put_local_header(std::string& out, std::string_view name, std::uint16_t method, std::uint32_t crc,
                      std::uint32_t compressed_size, std::uint32_t uncompressed_size) {
  put32(out, kLocalHeaderSignature);
  put16(out, kVersionNeeded);
  put16(out, is_ascii(name) ? 0 : kFlagUtf8);
  put16(out, method);
  put16(out, kDosTimeMidnight);
  put16(out, kDosDate19800101);
  put32(out, crc);
  put32(out, compressed_size);
  put32(out, uncompressed_size);
  put16(out, static_cast<std::uint16_t>(name.size()));
  put16(out, 0);
  out += name;
}

struct EndOfCentralDirectory {
  std::size_t offset = 0;
  std::size_t size = 0;  //!< with the comment
  std::uint64_t entries = 0;
  std::uint64_t directory_size = 0;
  std::uint64_t directory_offset = 0;
};

EndOfCentralDirectory find_end_of_central_directory(std::string_view archive) {
  if (archive.size() < kEndOfCentralDirectorySize)
    fail("not_zip", "Tệp không phải gói zip: quá ngắn (" + std::to_string(archive.size()) + " byte).");
  std::size_t last = archive.size() - kEndOfCentralDirectorySize;
  std::size_t first = last > 0xffff ? last - 0xffff : 0;
  for (std::size_t at = last + 1; at-- > first;) {
    if (read32(archive, at) != kEndOfCentralDirectorySignature) continue;
    std::size_t comment = read16(archive, at + 20);
    if (at + kEndOfCentralDirectorySize + comment > archive.size()) continue;
    EndOfCentralDirectory end;
    end.offset = at;
    end.size = kEndOfCentralDirectorySize + comment;
    std::uint16_t disk = read16(archive, at + 4), directory_disk = read16(archive, at + 6);
    std::uint16_t disk_entries = read16(archive, at + 8), entries = read16(archive, at + 10);
    std::uint32_t size = read32(archive, at + 12), offset = read32(archive, at + 16);
    bool zip64_locator = at >= 20 && read32(archive, at - 20) == kZip64LocatorSignature;
    if (zip64_locator || entries == 0xffff || disk_entries == 0xffff || size == 0xffffffffu || offset == 0xffffffffu)
      fail("zip64", "Tệp zip dùng định dạng ZIP64, không được hỗ trợ.");
    if (disk != 0 || directory_disk != 0 || disk_entries != entries)
      fail("not_zip", "Tệp zip chia nhiều phần (multi-disk), không được hỗ trợ.");
    end.entries = entries;
    end.directory_size = size;
    end.directory_offset = offset;
    return end;
  }
  fail("not_zip", "Tệp không phải gói zip: không tìm thấy phần kết thúc thư mục trung tâm.");
}

//! Whether an extra field block (central or local) holds a zip64 record.
bool has_zip64_extra(std::string_view extra) {
  std::size_t at = 0;
  while (at + 4 <= extra.size()) {
    std::uint16_t id = read16(extra, at), size = read16(extra, at + 2);
    if (id == kZip64ExtraId) return true;
    at += 4 + static_cast<std::size_t>(size);
  }
  return false;
}

struct Span {
  std::uint64_t begin;
  std::uint64_t end;  //!< past the data, or past the data descriptor when there is one
  std::string name;
};

//! A name read from a hostile header, fit for a message: at most 120 bytes, control bytes and
//! anything that is not UTF-8 shown as "?".
std::string shown_name(std::string_view name) {
  std::string out(name.substr(0, 120));
  while (out.size() < name.size() && !out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
  if (!out.empty() && out.size() < name.size() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
  const bool utf8 = text::is_valid_utf8(out);
  for (char& c : out) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f || (!utf8 && b >= 0x80)) c = '?';
  }
  return quoted(out) + (out.size() < name.size() ? "…" : "");
}

[[noreturn]] void mismatch(const std::string& name, const std::string& what) {
  fail("header_mismatch", "Mục " + shown_name(name) + " có " + what +
                              " ở phần đầu cục bộ khác với thư mục trung tâm của tệp zip, nên mỗi chương trình có thể đọc ra "
                              "một nội dung khác.");
}

//! The data descriptor after a member whose flags announce one (with or without its optional
//! signature): its CRC and sizes must be the central record's. Returns its size in bytes.
std::size_t check_data_descriptor(std::string_view archive, std::uint64_t at, std::uint64_t limit, const std::string& name,
                                  std::uint32_t crc, std::uint32_t compressed, std::uint32_t uncompressed) {
  std::size_t size = 12;
  if (at + 4 <= limit && read32(archive, static_cast<std::size_t>(at)) == kDataDescriptorSignature) {
    size = 16;
    at += 4;
  }
  if (at + 12 > limit)
    fail("truncated", "Tệp zip bị cắt cụt: thiếu phần mô tả dữ liệu (data descriptor) của mục " + quoted(name) + ".");
  const auto where = static_cast<std::size_t>(at);
  if (read32(archive, where) != crc) mismatch(name, "mã CRC trong phần mô tả dữ liệu");
  if (read32(archive, where + 4) != compressed || read32(archive, where + 8) != uncompressed)
    mismatch(name, "kích thước trong phần mô tả dữ liệu");
  return size;
}

}  // namespace

std::vector<ZipEntry> zip_read(std::string_view archive, const ZipLimits& limits) {
  EndOfCentralDirectory end = find_end_of_central_directory(archive);
  if (end.entries > limits.max_entries)
    fail("too_many_entries", "Tệp zip có " + std::to_string(end.entries) + " mục, vượt giới hạn " +
                                 std::to_string(limits.max_entries) + ".");
  if (end.directory_offset + end.directory_size > end.offset)
    fail("truncated", "Tệp zip bị cắt cụt: thư mục trung tâm vượt ra ngoài tệp.");
  if (end.directory_offset + end.directory_size < end.offset)
    fail("hidden_data", "Có " + std::to_string(end.offset - end.directory_offset - end.directory_size) +
                            " byte ẩn giữa thư mục trung tâm và phần kết thúc của tệp zip.");
  if (end.offset + end.size != archive.size())
    fail("hidden_data", "Có " + std::to_string(archive.size() - end.offset - end.size) +
                            " byte ẩn sau phần kết thúc của tệp zip.");

  std::vector<ZipEntry> entries;
  entries.reserve(static_cast<std::size_t>(end.entries));
  std::vector<Span> spans;
  spans.reserve(static_cast<std::size_t>(end.entries));
  std::unordered_set<std::string> seen_names;
  std::uint64_t total = 0;
  std::size_t at = static_cast<std::size_t>(end.directory_offset);
  const std::size_t directory_end = static_cast<std::size_t>(end.directory_offset + end.directory_size);

  for (std::uint64_t i = 0; i < end.entries; ++i) {
    if (at + kCentralHeaderSize > directory_end || read32(archive, at) != kCentralHeaderSignature)
      fail("truncated", "Tệp zip bị cắt cụt: thư mục trung tâm thiếu mục thứ " + std::to_string(i + 1) + ".");
    std::uint16_t flags = read16(archive, at + 8), method = read16(archive, at + 10);
    std::uint32_t crc = read32(archive, at + 16), compressed = read32(archive, at + 20);
    std::uint32_t uncompressed = read32(archive, at + 24);
    std::size_t name_size = read16(archive, at + 28), extra_size = read16(archive, at + 30);
    std::size_t comment_size = read16(archive, at + 32);
    std::uint32_t local_offset = read32(archive, at + 42);
    std::size_t record_end = at + kCentralHeaderSize + name_size + extra_size + comment_size;
    if (record_end > directory_end)
      fail("truncated", "Tệp zip bị cắt cụt: mục thứ " + std::to_string(i + 1) + " của thư mục trung tâm không trọn.");
    std::string name(archive.substr(at + kCentralHeaderSize, name_size));
    std::string_view extra = archive.substr(at + kCentralHeaderSize + name_size, extra_size);
    at = record_end;

    if (compressed == 0xffffffffu || uncompressed == 0xffffffffu || local_offset == 0xffffffffu || has_zip64_extra(extra))
      fail("zip64", "Mục " + quoted(name) + " dùng định dạng ZIP64, không được hỗ trợ.");
    if (flags & (kFlagEncrypted | kFlagStrongEncryption))
      fail("encrypted", "Mục " + quoted(name) + " được mã hóa, không được hỗ trợ.");
    if (method != 0 && method != 8)
      fail("unsupported_method", "Mục " + quoted(name) + " dùng phương pháp nén " + std::to_string(method) +
                                     "; chỉ hỗ trợ 0 (lưu nguyên) và 8 (deflate).");
    check_name(name);
    if (!seen_names.insert(ascii_lower(name)).second)
      fail("bad_name", "Tên mục " + quoted(name) + " không hợp lệ: trùng với một mục khác.");
    if (uncompressed > limits.max_entry_size)
      fail("entry_too_large", "Mục " + quoted(name) + " quá lớn khi giải nén (" + std::to_string(uncompressed) +
                                  " byte, giới hạn " + std::to_string(limits.max_entry_size) + ").");
    total += uncompressed;
    if (total > limits.max_total_size)
      fail("archive_too_large", "Tổng dung lượng giải nén của tệp zip vượt giới hạn " +
                                    std::to_string(limits.max_total_size) + " byte.");
    if (ratio_exceeded(uncompressed, compressed, limits))
      fail("ratio", "Mục " + quoted(name) + " có tỉ lệ nén bất thường (" +
                        std::to_string(uncompressed / std::max<std::uint32_t>(compressed, 1)) + " lần) — nghi là bom zip.");
    if (method == 0 && compressed != uncompressed)
      fail("inflate", "Mục " + quoted(name) + " lưu nguyên nhưng kích thước nén và giải nén khác nhau.");

    if (static_cast<std::uint64_t>(local_offset) + kLocalHeaderSize > end.directory_offset ||
        read32(archive, local_offset) != kLocalHeaderSignature)
      fail("truncated", "Tệp zip bị cắt cụt: không tìm thấy phần đầu của mục " + quoted(name) + ".");
    const std::uint16_t local_flags = read16(archive, local_offset + 6);
    const std::uint16_t local_method = read16(archive, local_offset + 8);
    const std::uint32_t local_crc = read32(archive, local_offset + 14);
    const std::uint32_t local_compressed = read32(archive, local_offset + 18);
    const std::uint32_t local_uncompressed = read32(archive, local_offset + 22);
    const std::size_t local_name_size = read16(archive, local_offset + 26);
    const std::size_t local_extra_size = read16(archive, local_offset + 28);
    const std::uint64_t local_name_at = std::uint64_t{local_offset} + kLocalHeaderSize;
    if (local_name_at + local_name_size + local_extra_size > end.directory_offset)
      fail("truncated", "Tệp zip bị cắt cụt: phần đầu của mục " + quoted(name) + " vượt ra ngoài tệp.");
    // The local header: what a reader that walks the archive from its start sees instead.
    const std::string_view local_name = archive.substr(static_cast<std::size_t>(local_name_at), local_name_size);
    if (local_name != name)
      fail("header_mismatch", "Mục " + quoted(name) + " mang tên " + shown_name(local_name) +
                                  " ở phần đầu cục bộ: tên trong thư mục trung tâm và tên ở phần đầu khác nhau, nên mỗi "
                                  "chương trình có thể đọc ra một tệp khác.");
    if (local_method != method) mismatch(name, "phương pháp nén");
    if ((local_flags ^ flags) & (kFlagEncrypted | kFlagStrongEncryption)) mismatch(name, "cờ mã hóa");
    if ((local_flags ^ flags) & kFlagDataDescriptor) mismatch(name, "cờ phần mô tả dữ liệu (data descriptor)");
    if (((local_flags ^ flags) & kFlagUtf8) && !is_ascii(name)) mismatch(name, "cờ bảng mã UTF-8 của tên");
    const bool descriptor = (flags & kFlagDataDescriptor) != 0;
    // With a data descriptor the local fields may be 0 (the writer did not know them yet).
    auto agrees = [&](std::uint32_t local, std::uint32_t central) { return local == central || (descriptor && local == 0); };
    if (!agrees(local_crc, crc)) mismatch(name, "mã CRC");
    if (!agrees(local_compressed, compressed) || !agrees(local_uncompressed, uncompressed)) mismatch(name, "kích thước");
    const std::string_view local_extra =
        archive.substr(static_cast<std::size_t>(local_name_at + local_name_size), local_extra_size);
    if (local_compressed == 0xffffffffu || local_uncompressed == 0xffffffffu || has_zip64_extra(local_extra))
      fail("zip64", "Mục " + quoted(name) + " dùng định dạng ZIP64, không được hỗ trợ.");
    std::uint64_t data_begin = local_name_at + local_name_size + local_extra_size;
    std::uint64_t data_end = data_begin + compressed;
    if (data_end > end.directory_offset)
      fail("truncated", "Tệp zip bị cắt cụt: dữ liệu của mục " + quoted(name) + " vượt ra ngoài tệp.");
    std::uint64_t span_end = data_end;
    if (descriptor)
      span_end += check_data_descriptor(archive, data_end, end.directory_offset, name, crc, compressed, uncompressed);
    spans.push_back({local_offset, span_end, name});

    ZipEntry entry;
    entry.name = std::move(name);
    entry.method = method;
    entry.crc32 = crc;
    entry.uncompressed_size = uncompressed;
    entry.data.assign(archive.substr(static_cast<std::size_t>(data_begin), compressed));
    entries.push_back(std::move(entry));
  }

  if (at != directory_end)
    fail("hidden_data", "Thư mục trung tâm của tệp zip còn " + std::to_string(directory_end - at) +
                            " byte ẩn sau mục cuối cùng.");

  // The members must tile the archive up to the central directory: an overlap lets two names
  // share bytes, a gap hides bytes (another member, a payload) from this reader.
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
  std::uint64_t covered = 0;
  for (std::size_t i = 0; i < spans.size(); ++i) {
    if (spans[i].begin < covered)
      fail("overlap", "Dữ liệu của mục " + quoted(spans[i].name) + " chồng lên mục " + quoted(spans[i - 1].name) +
                          " (hai tên dùng chung một nội dung).");
    if (spans[i].begin > covered)
      fail("hidden_data", "Có " + std::to_string(spans[i].begin - covered) + " byte ẩn " +
                              (i == 0 ? std::string("trước mục đầu tiên") : "giữa mục " + quoted(spans[i - 1].name) + " và mục " +
                                                                               quoted(spans[i].name)) +
                              " của tệp zip.");
    covered = spans[i].end;
  }
  if (covered != end.directory_offset)
    fail("hidden_data", "Có " + std::to_string(end.directory_offset - covered) + " byte ẩn " +
                            (spans.empty() ? std::string("trước thư mục trung tâm") : "sau mục " + quoted(spans.back().name)) +
                            " của tệp zip.");
  return entries;
}

std::string zip_inflate(const ZipEntry& entry, const ZipLimits& limits) {
  if (entry.uncompressed_size > limits.max_entry_size)
    fail("entry_too_large", "Mục " + quoted(entry.name) + " quá lớn khi giải nén (" +
                                std::to_string(entry.uncompressed_size) + " byte, giới hạn " +
                                std::to_string(limits.max_entry_size) + ").");
  std::string out;
  if (entry.method == 0) {
    if (entry.data.size() != entry.uncompressed_size)
      fail("inflate", "Mục " + quoted(entry.name) + " lưu nguyên nhưng kích thước không khớp.");
    out = entry.data;
  } else if (entry.method == 8) {
    const std::size_t declared = static_cast<std::size_t>(entry.uncompressed_size);
    // One spare byte: producing it proves the stream is longer than declared.
    out.resize(declared + 1);
    z_stream stream{};
    if (inflateInit2(&stream, -MAX_WBITS) != Z_OK) fail("inflate", "Không khởi tạo được bộ giải nén.");
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(entry.data.data()));
    std::size_t in_left = entry.data.size();
    std::size_t produced = 0;
    int status = Z_OK;
    while (status == Z_OK) {
      auto in_chunk = static_cast<uInt>(std::min<std::size_t>(in_left, 1u << 30));
      auto out_chunk = static_cast<uInt>(std::min<std::size_t>(out.size() - produced, 1u << 30));
      stream.avail_in = in_chunk;
      stream.next_out = reinterpret_cast<Bytef*>(out.data() + produced);
      stream.avail_out = out_chunk;
      status = inflate(&stream, Z_NO_FLUSH);
      in_left -= in_chunk - stream.avail_in;
      produced += out_chunk - stream.avail_out;
      if (produced > declared) {
        inflateEnd(&stream);
        fail("inflate", "Mục " + quoted(entry.name) + " giải nén ra nhiều hơn kích thước khai báo.");
      }
      std::size_t consumed = entry.data.size() - in_left;
      if (ratio_exceeded(produced, consumed, limits)) {
        inflateEnd(&stream);
        fail("ratio", "Mục " + quoted(entry.name) + " có tỉ lệ nén bất thường khi giải nén — nghi là bom zip.");
      }
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END)
      fail("inflate", "Không giải nén được mục " + quoted(entry.name) + ": dữ liệu deflate hỏng hoặc thiếu.");
    if (produced != declared)
      fail("inflate", "Mục " + quoted(entry.name) + " giải nén ra " + std::to_string(produced) +
                          " byte, khác kích thước khai báo " + std::to_string(declared) + ".");
    out.resize(produced);
  } else {
    fail("unsupported_method", "Mục " + quoted(entry.name) + " dùng phương pháp nén " + std::to_string(entry.method) +
                                   "; chỉ hỗ trợ 0 (lưu nguyên) và 8 (deflate).");
  }
  if (crc_of(out) != entry.crc32) fail("crc", "Mục " + quoted(entry.name) + " bị hỏng: mã CRC không khớp.");
  return out;
}

const char* deflate_backend() {
#if defined(VANTHU_HAVE_LIBDEFLATE)
  return "libdeflate " LIBDEFLATE_VERSION_STRING;
#else
  static const std::string name = std::string("zlib ") + zlibVersion();
  return name.c_str();
#endif
}

//! The compressor of the level last used (a document's parts all use one level) and the
//! buffer it writes into, at least as large as the bound of the largest member seen.
struct Deflater::State {
  int level = -1;  //!< the level the compressor is set up for, -1: none
#if defined(VANTHU_HAVE_LIBDEFLATE)
  libdeflate_compressor* compressor = nullptr;
#else
  z_stream stream{};
#endif
  std::unique_ptr<char[]> buffer;
  std::size_t buffer_size = 0;

  ~State() { release(); }

  void release() {
#if defined(VANTHU_HAVE_LIBDEFLATE)
    if (compressor) libdeflate_free_compressor(compressor);
    compressor = nullptr;
#else
    if (level >= 0) deflateEnd(&stream);
    stream = z_stream{};
#endif
    level = -1;
  }

  void set_level(int wanted) {
    if (level == wanted) {
#if !defined(VANTHU_HAVE_LIBDEFLATE)
      deflateReset(&stream);
#endif
      return;
    }
    release();
#if defined(VANTHU_HAVE_LIBDEFLATE)
    compressor = libdeflate_alloc_compressor(wanted);
    if (!compressor) throw ZipError("inflate", "Không khởi tạo được bộ nén deflate.");
#else
    if (deflateInit2(&stream, wanted, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw ZipError("inflate", "Không khởi tạo được bộ nén deflate.");
#endif
    level = wanted;
  }

  char* buffer_of(std::size_t size) {
    if (buffer_size < size) {
      buffer.reset();  // the old one first: never both at once
      buffer.reset(new char[size]);
      buffer_size = size;
    }
    return buffer.get();
  }

  void trim() {
    if (buffer_size > kKeepBuffer) {
      buffer.reset();
      buffer_size = 0;
    }
  }

  //! Deflates `content` into buffer; the number of bytes written.
  std::size_t deflate_all(std::string_view content, std::string_view name) {
#if defined(VANTHU_HAVE_LIBDEFLATE)
    const std::size_t bound = libdeflate_deflate_compress_bound(compressor, content.size());
    char* out = buffer_of(bound);
    std::size_t written = libdeflate_deflate_compress(compressor, content.data(), content.size(), out, bound);
    if (written == 0) throw ZipError("inflate", "Nén deflate thất bại cho mục " + quoted(name) + ".");
    return written;
#else
    const std::size_t bound = deflateBound(&stream, static_cast<uLong>(content.size()));
    char* out = buffer_of(bound);
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(content.data()));
    stream.next_out = reinterpret_cast<Bytef*>(out);
    std::size_t in_left = content.size(), out_left = bound;
    int status = Z_OK;
    while (status == Z_OK) {  // uInt counts: feed at most 1 GiB at a time
      auto in_chunk = static_cast<uInt>(std::min<std::size_t>(in_left, 1u << 30));
      auto out_chunk = static_cast<uInt>(std::min<std::size_t>(out_left, 1u << 30));
      stream.avail_in = in_chunk;
      stream.avail_out = out_chunk;
      status = deflate(&stream, in_left == in_chunk ? Z_FINISH : Z_NO_FLUSH);
      in_left -= in_chunk - stream.avail_in;
      out_left -= out_chunk - stream.avail_out;
    }
    if (status != Z_STREAM_END) throw ZipError("inflate", "Nén deflate thất bại cho mục " + quoted(name) + ".");
    return bound - out_left;
#endif
  }
};

Deflater::Deflater() : state_(std::make_unique<State>()) {}
Deflater::~Deflater() = default;

void Deflater::compress(ZipEntry& entry, std::string_view name, std::string_view content, int level) {
  entry.name.assign(name);
  entry.crc32 = crc_of(content);
  entry.uncompressed_size = content.size();
  if (level <= 0) {
    entry.method = 0;
    entry.data.assign(content);
    return;
  }
  state_->set_level(std::min(level, 9));
  std::size_t written = state_->deflate_all(content, name);
  entry.method = 8;
  entry.data.assign(state_->buffer.get(), written);
  state_->trim();
}

namespace {

Deflater& thread_deflater() {
  thread_local Deflater deflater;
  return deflater;
}

}  // namespace

ZipEntry zip_compress(std::string_view name, std::string_view content, int level) {
  ZipEntry entry;
  thread_deflater().compress(entry, name, content, level);
  return entry;
}

void ZipWriter::add(const ZipEntry& entry) {
  if (finished_) throw std::logic_error("ZipWriter::add after finish");
  if (streaming_) throw std::logic_error("ZipWriter::add while a StreamedMember is open");
  if (entry.name.size() > 0xffff) throw ZipError("bad_name", "Tên mục " + quoted(entry.name) + " quá dài.");
  if (position() > 0xffffffffu || entry.data.size() > 0xfffffffeu || entry.uncompressed_size > 0xfffffffeu)
    throw ZipError("zip64", "Gói zip quá lớn, cần định dạng ZIP64 không được hỗ trợ.");
  Record record{entry.name, entry.method, entry.crc32, entry.data.size(), entry.uncompressed_size, position()};
  out_.reserve(out_.size() + kLocalHeaderSize + entry.name.size() + entry.data.size());
  put_local_header(out_, entry.name, entry.method, entry.crc32, static_cast<std::uint32_t>(entry.data.size()),
                   static_cast<std::uint32_t>(entry.uncompressed_size));
  out_ += entry.data;
  records_.push_back(std::move(record));
}

void ZipWriter::add(std::string_view name, std::string_view content, int level) {
  thread_local ZipEntry entry;  // its data buffer is what gets reused
  thread_deflater().compress(entry, name, content, level);
  add(entry);
  if (entry.data.capacity() > kKeepBuffer) std::string().swap(entry.data);
}

void ZipWriter::finish() {
  if (streaming_) throw std::logic_error("ZipWriter::finish while a StreamedMember is open");
  if (finished_) return;
  finished_ = true;
  if (records_.size() > 0xfffe || position() > 0xfffffffeu)
    throw ZipError("zip64", "Gói zip quá lớn, cần định dạng ZIP64 không được hỗ trợ.");
  const std::uint64_t directory_offset = position();
  for (const Record& r : records_) {
    put32(out_, kCentralHeaderSignature);
    put16(out_, kVersionNeeded);  // version made by: MS-DOS, 2.0
    put16(out_, kVersionNeeded);
    put16(out_, is_ascii(r.name) ? 0 : kFlagUtf8);
    put16(out_, r.method);
    put16(out_, kDosTimeMidnight);
    put16(out_, kDosDate19800101);
    put32(out_, r.crc32);
    put32(out_, static_cast<std::uint32_t>(r.compressed_size));
    put32(out_, static_cast<std::uint32_t>(r.uncompressed_size));
    put16(out_, static_cast<std::uint16_t>(r.name.size()));
    put16(out_, 0);  // extra
    put16(out_, 0);  // comment
    put16(out_, 0);  // disk
    put16(out_, 0);  // internal attributes
    put32(out_, 0);  // external attributes
    put32(out_, static_cast<std::uint32_t>(r.offset));
    out_ += r.name;
  }
  const std::uint64_t directory_size = position() - directory_offset;
  if (position() > 0xfffffffeu) throw ZipError("zip64", "Gói zip quá lớn, cần định dạng ZIP64 không được hỗ trợ.");
  put32(out_, kEndOfCentralDirectorySignature);
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, static_cast<std::uint16_t>(records_.size()));
  put16(out_, static_cast<std::uint16_t>(records_.size()));
  put32(out_, static_cast<std::uint32_t>(directory_size));
  put32(out_, static_cast<std::uint32_t>(directory_offset));
  put16(out_, 0);
}

//! The streaming compressor of a StreamedMember. Levels 1-3 use ISA-L's igzip when the build
//! has it (VANTHU_HAVE_ISAL): it streams about 7x faster than zlib at level 1, at a size between
//! zlib's and libdeflate's (bench/README.md). Other levels, or a build without it, use zlib.
//! Either way the bytes are deterministic for a given build and machine; igzip picks its code
//! for the CPU (SSE/AVX2/AVX-512), so its bytes may differ between CPU families.
struct StreamedMember::State {
  z_stream stream{};
  bool deflating = false;  //!< deflateInit2 succeeded (deflateEnd owed)
#if defined(VANTHU_HAVE_ISAL)
  bool igzip = false;
  isal_zstream fast{};
  std::vector<std::uint8_t> level_buffer;
#endif
  bool finished = false;
  int level = 0;
  std::size_t header = 0;  //!< offset of the local header in the archive
  std::size_t data = 0;    //!< offset of the member's first data byte
  std::uint32_t crc = 0;
  std::uint64_t size = 0;  //!< uncompressed bytes so far
  unsigned char buffer[64 << 10];

  void start() {
    if (level <= 0) return;
#if defined(VANTHU_HAVE_ISAL)
    if (level <= 3) {
      static constexpr std::size_t kLevelBuffer[] = {0, ISAL_DEF_LVL1_DEFAULT, ISAL_DEF_LVL2_DEFAULT, ISAL_DEF_LVL3_DEFAULT};
      level_buffer.resize(kLevelBuffer[level]);
      isal_deflate_init(&fast);
      fast.level = static_cast<std::uint32_t>(level);
      fast.level_buf = level_buffer.data();
      fast.level_buf_size = static_cast<std::uint32_t>(level_buffer.size());
      fast.gzip_flag = IGZIP_DEFLATE;  // raw deflate, as a zip member holds it
      fast.flush = NO_FLUSH;
      igzip = true;
      return;
    }
#endif
    if (deflateInit2(&stream, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
      throw ZipError("deflate", "Không khởi tạo được bộ nén.");
    deflating = true;
  }

  //! Deflates `piece` (ending the stream when `last`) and appends what comes out to `out`.
  void deflate_into(std::string& out, std::string_view piece, bool last) {
#if defined(VANTHU_HAVE_ISAL)
    if (igzip) {
      fast.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(piece.data()));
      fast.avail_in = static_cast<std::uint32_t>(piece.size());
      fast.end_of_stream = last ? 1 : 0;
      for (;;) {
        fast.next_out = buffer;
        fast.avail_out = sizeof buffer;
        if (isal_deflate(&fast) != COMP_OK) throw ZipError("deflate", "Lỗi khi nén một phần của văn bản.");
        out.append(reinterpret_cast<const char*>(buffer), sizeof buffer - fast.avail_out);
        if (last ? fast.internal_state.state == ZSTATE_END : (fast.avail_in == 0 && fast.avail_out != 0)) return;
      }
    }
#endif
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
    stream.avail_in = static_cast<uInt>(piece.size());
    for (;;) {
      stream.next_out = buffer;
      stream.avail_out = sizeof buffer;
      const int status = deflate(&stream, last ? Z_FINISH : Z_NO_FLUSH);
      if (status == Z_STREAM_ERROR) throw ZipError("deflate", "Lỗi khi nén một phần của văn bản.");
      out.append(reinterpret_cast<const char*>(buffer), sizeof buffer - stream.avail_out);
      if (last ? status == Z_STREAM_END : (stream.avail_in == 0 && stream.avail_out != 0)) return;
    }
  }
};

void ZipWriter::flush(const std::function<void(std::string_view)>& sink) {
  if (streaming_) throw std::logic_error("ZipWriter::flush while a StreamedMember is open");
  if (out_.empty()) return;
  sink(out_);
  flushed_ += out_.size();
  out_.clear();
}

StreamedMember::StreamedMember(ZipWriter& writer, std::string_view name, int level)
    : writer_(writer), state_(std::make_unique<State>()) {
  if (writer.finished_) throw std::logic_error("StreamedMember after ZipWriter::finish");
  if (writer.streaming_) throw std::logic_error("two StreamedMembers open on one ZipWriter");
  if (name.size() > 0xffff) throw ZipError("bad_name", "Tên mục " + quoted(std::string(name)) + " quá dài.");
  State& s = *state_;
  s.level = std::min(level, 9);
  s.start();
  std::string& out = writer.out_;
  s.header = out.size();
  put_local_header(out, name, s.level > 0 ? 8 : 0, 0, 0, 0);  // CRC and sizes: finish() writes them in
  s.data = out.size();
  writer.records_.push_back({std::string(name), static_cast<std::uint16_t>(s.level > 0 ? 8 : 0), 0, 0, 0, writer.flushed_ + s.header});
  writer.streaming_ = true;
}

StreamedMember::~StreamedMember() {
  if (state_->deflating) deflateEnd(&state_->stream);
}

void StreamedMember::write(std::string_view piece) {
  State& s = *state_;
  if (s.finished) throw std::logic_error("StreamedMember::write after finish");
  // zlib counts in uInt: feed very large pieces in slices.
  constexpr std::size_t kSlice = 1u << 30;
  for (std::size_t at = 0; at < piece.size(); at += kSlice) {
    const std::string_view slice = piece.substr(at, kSlice);
    s.crc = crc_update(s.crc, slice);
    s.size += slice.size();
    if (s.level > 0) s.deflate_into(writer_.out_, slice, false);
    else writer_.out_.append(slice);
  }
}

void StreamedMember::finish() {
  State& s = *state_;
  if (s.finished) return;
  std::string& out = writer_.out_;
  if (s.level > 0) s.deflate_into(out, {}, true);
  s.finished = true;
  writer_.streaming_ = false;
  const std::uint64_t compressed = out.size() - s.data;
  if (writer_.position() > 0xffffffffu || compressed > 0xfffffffeu || s.size > 0xfffffffeu)
    throw ZipError("zip64", "Gói zip quá lớn, cần định dạng ZIP64 không được hỗ trợ.");
  auto patch32 = [&](std::size_t at, std::uint32_t value) {
    for (int k = 0; k < 4; ++k) out[at + static_cast<std::size_t>(k)] = static_cast<char>((value >> (8 * k)) & 0xff);
  };
  patch32(s.header + 14, s.crc);
  patch32(s.header + 18, static_cast<std::uint32_t>(compressed));
  patch32(s.header + 22, static_cast<std::uint32_t>(s.size));
  auto& record = writer_.records_.back();
  record.crc32 = s.crc;
  record.compressed_size = compressed;
  record.uncompressed_size = s.size;
}

}  // namespace vanthu
