//! The zip container of a DOCX: a reader that refuses hostile archives and a deterministic writer.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu {

//! Limits applied when reading an archive someone else made (templates, uploads).
struct ZipLimits {
  std::size_t max_entries = 2000;
  std::uint64_t max_entry_size = 64ull << 20;   //!< uncompressed bytes of one entry
  std::uint64_t max_total_size = 256ull << 20;  //!< uncompressed bytes of all entries
  double max_ratio = 250.0;                     //!< uncompressed / compressed of one entry (zip bombs)
  //! Entries up to this many uncompressed bytes are not ratio-checked: a small, very regular XML
  //! part (e.g. 20 KiB of table borders) legitimately compresses more than any bomb threshold.
  std::uint64_t ratio_grace_size = 64ull << 10;
};

//! One archive member, kept compressed as it was stored so it can be copied without recompressing.
struct ZipEntry {
  std::string name;
  std::uint16_t method = 0;  //!< 0 stored, 8 deflate
  std::uint32_t crc32 = 0;
  std::uint64_t uncompressed_size = 0;
  std::string data;          //!< the member's bytes as stored (compressed when method == 8)
};

//! code: "not_zip", "truncated", "zip64", "encrypted", "unsupported_method", "too_many_entries",
//! "entry_too_large", "archive_too_large", "ratio", "bad_name" (absolute, "..", backslash, NUL,
//! duplicate), "crc", "inflate"; a forged archive, which readers would read differently:
//! "header_mismatch" (a local header's name, method, encryption or data-descriptor flag, CRC or
//! sizes, or its data descriptor, disagrees with the central directory), "overlap" (two members
//! share bytes), "hidden_data" (bytes outside every member, the directory and the end record).
class ZipError : public std::runtime_error {
 public:
  ZipError(std::string code, const std::string& message)
      : std::runtime_error(message), code_(std::move(code)) {}
  const std::string& code() const { return code_; }

 private:
  std::string code_;
};

//! Reads the central directory and every member's stored bytes, after checking each local
//! header against it and that the members tile the archive. Throws ZipError.
std::vector<ZipEntry> zip_read(std::string_view archive, const ZipLimits& limits = {});
//! The member's content, inflated and CRC-checked. Throws ZipError.
std::string zip_inflate(const ZipEntry& entry, const ZipLimits& limits = {});
//! A member holding `content`, deflated at `level` (0 = stored, 1..9 deflate; above 9 is 9).
//! Uses this thread's Deflater (see below): equal input and level give equal bytes.
ZipEntry zip_compress(std::string_view name, std::string_view content, int level);

//! The deflate implementation this build was made with, e.g. "libdeflate 1.14" or "zlib 1.2.13".
//! Both write standard deflate (RFC 1951) and are deterministic, but not byte-identical to each
//! other: the bytes of an archive depend on it (and on its version) as well as on the level.
const char* deflate_backend();

//! A compressor kept from member to member: its state (and, through reset(), the buffer of the
//! entry it fills) is reused, so compressing the parts of document after document allocates
//! nothing once warm. Not thread-safe: one per thread. Gives the same bytes as zip_compress.
class Deflater {
 public:
  Deflater();
  ~Deflater();
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  //! Makes `entry` the member `name` holding `content` at `level` (as zip_compress), reusing
  //! entry.data's capacity.
  void compress(ZipEntry& entry, std::string_view name, std::string_view content, int level);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

//! Writes an archive into a string. Every member gets the same fixed timestamp
//! (1980-01-01 00:00) and no extra fields, so equal input gives byte-identical output.
class ZipWriter {
 public:
  explicit ZipWriter(std::string& out) : out_(out) {}
  //! Copies a member as it is (no recompression).
  void add(const ZipEntry& entry);
  //! Compresses and adds, with this thread's Deflater and a per-thread buffer (nothing is
  //! allocated per member once warm; buffers over 8 MiB are given back after use).
  void add(std::string_view name, std::string_view content, int level);
  //! Writes the central directory. No add() after this.
  void finish();
  //! Hands the bytes written so far to `sink` and drops them from the string; the archive goes on
  //! where they end. So an archive of many members can go to a file piece by piece, holding one
  //! member at a time (the batch of documents). Not while a StreamedMember is open.
  void flush(const std::function<void(std::string_view)>& sink);

 private:
  std::uint64_t position() const { return flushed_ + out_.size(); }  //!< the archive's length so far

  friend class StreamedMember;
  struct Record {
    std::string name;
    std::uint16_t method;
    std::uint32_t crc32;
    std::uint64_t compressed_size;
    std::uint64_t uncompressed_size;
    std::uint64_t offset;
  };
  std::string& out_;
  std::vector<Record> records_;
  std::uint64_t flushed_ = 0;  //!< bytes handed to flush()'s sink, no longer in out_
  bool finished_ = false;
  bool streaming_ = false;  //!< a StreamedMember is open: nothing else may be added
};

//! A member written into a ZipWriter piece by piece, for a part too big to hold whole: each
//! piece is deflated (zlib's streaming deflate at `level`; 0 = stored) and its bytes go straight
//! into the archive; finish() writes the CRC and sizes into the local header. Memory: the
//! archive itself plus zlib's window, whatever the part's size. Deterministic like the rest of
//! the writer (not the same bytes as Deflater, which deflates whole buffers). Until finish(),
//! nothing else may be added to the writer; a member left unfinished leaves the archive unusable
//! (the caller is throwing it away).
class StreamedMember {
 public:
  StreamedMember(ZipWriter& writer, std::string_view name, int level);
  ~StreamedMember();
  StreamedMember(const StreamedMember&) = delete;
  StreamedMember& operator=(const StreamedMember&) = delete;

  void write(std::string_view piece);
  void finish();

 private:
  struct State;
  ZipWriter& writer_;
  std::unique_ptr<State> state_;
};

}  // namespace vanthu
