//! The zip reader refuses hostile archives; the writer is deterministic.
#include <gtest/gtest.h>

#include <cstring>
#include <optional>
#include <thread>

#include "vanthu/zip.hpp"

namespace vanthu {
namespace {

std::string archive_of(const std::vector<std::pair<std::string, std::string>>& members, int level = 6) {
  std::string out;
  ZipWriter writer(out);
  for (const auto& [name, content] : members) writer.add(name, content, level);
  writer.finish();
  return out;
}

std::string zip_code(const std::string& archive, const ZipLimits& limits = {}) {
  try {
    for (const auto& entry : zip_read(archive, limits)) zip_inflate(entry, limits);
  } catch (const ZipError& error) {
    return error.code();
  }
  return "ok";
}

std::uint16_t get16(const std::string& s, std::size_t at) {
  return static_cast<std::uint16_t>(static_cast<unsigned char>(s[at]) | (static_cast<unsigned char>(s[at + 1]) << 8));
}
std::uint32_t get32(const std::string& s, std::size_t at) { return get16(s, at) | (std::uint32_t{get16(s, at + 2)} << 16); }
void set16(std::string& s, std::size_t at, std::uint16_t v) {
  s[at] = static_cast<char>(v & 0xff);
  s[at + 1] = static_cast<char>(v >> 8);
}
void set32(std::string& s, std::size_t at, std::uint32_t v) {
  set16(s, at, static_cast<std::uint16_t>(v & 0xffff));
  set16(s, at + 2, static_cast<std::uint16_t>(v >> 16));
}

std::size_t end_record(const std::string& archive) { return archive.size() - 22; }
std::size_t central_directory(const std::string& archive) { return get32(archive, end_record(archive) + 16); }

void put16(std::string& s, std::uint16_t v) {
  s.push_back(static_cast<char>(v & 0xff));
  s.push_back(static_cast<char>(v >> 8));
}
void put32(std::string& s, std::uint32_t v) {
  put16(s, static_cast<std::uint16_t>(v & 0xffff));
  put16(s, static_cast<std::uint16_t>(v >> 16));
}

//! One member of an archive written byte by byte: its local header and its central record are
//! filled separately, so a test can make them disagree the way a forged archive does. By
//! default both say the same, and the archive is the one ZipWriter would write.
struct RawMember {
  std::string name;  //!< in the central directory
  std::uint16_t method = 0;
  std::uint16_t flags = 0;
  std::uint32_t crc = 0;
  std::uint32_t compressed = 0;
  std::uint32_t uncompressed = 0;
  std::string data;  //!< the bytes as stored
  // What the local header says instead, when set.
  std::optional<std::string> local_name;
  std::optional<std::uint16_t> local_method, local_flags;
  std::optional<std::uint32_t> local_crc, local_compressed, local_uncompressed;
  std::string local_extra;
  std::string descriptor;  //!< written after the data (a data descriptor)
  std::string after;       //!< bytes written after the member (and its descriptor)
  std::optional<std::uint32_t> offset;  //!< the central record's local header offset, when not the real one
};

RawMember raw_member(const std::string& name, const std::string& content, int level = 0) {
  ZipEntry entry = zip_compress(name, content, level);
  RawMember m;
  m.name = name;
  m.method = entry.method;
  m.crc = entry.crc32;
  m.compressed = static_cast<std::uint32_t>(entry.data.size());
  m.uncompressed = static_cast<std::uint32_t>(entry.uncompressed_size);
  m.data = entry.data;
  return m;
}

//! The data descriptor of `m`, with or without its optional signature.
std::string descriptor_of(const RawMember& m, bool signature) {
  std::string d;
  if (signature) put32(d, 0x08074b50);
  put32(d, m.crc);
  put32(d, m.compressed);
  put32(d, m.uncompressed);
  return d;
}

struct RawArchive {
  std::string before;            //!< bytes before the first member
  std::string directory_extra;   //!< bytes at the end of the central directory, counted in its size
  std::string before_end;        //!< bytes between the central directory and its end record
  std::string after_end;         //!< bytes after the end record
};

std::string raw_zip(const std::vector<RawMember>& members, const RawArchive& layout = {}) {
  std::string out = layout.before;
  std::vector<std::uint32_t> offsets;
  for (const RawMember& m : members) {
    offsets.push_back(static_cast<std::uint32_t>(out.size()));
    const std::string& local_name = m.local_name ? *m.local_name : m.name;
    put32(out, 0x04034b50);
    put16(out, 20);
    put16(out, m.local_flags.value_or(m.flags));
    put16(out, m.local_method.value_or(m.method));
    put16(out, 0);
    put16(out, (1 << 5) | 1);
    put32(out, m.local_crc.value_or(m.crc));
    put32(out, m.local_compressed.value_or(m.compressed));
    put32(out, m.local_uncompressed.value_or(m.uncompressed));
    put16(out, static_cast<std::uint16_t>(local_name.size()));
    put16(out, static_cast<std::uint16_t>(m.local_extra.size()));
    out += local_name + m.local_extra + m.data + m.descriptor + m.after;
  }
  const std::size_t directory = out.size();
  for (std::size_t i = 0; i < members.size(); ++i) {
    const RawMember& m = members[i];
    put32(out, 0x02014b50);
    put16(out, 20);
    put16(out, 20);
    put16(out, m.flags);
    put16(out, m.method);
    put16(out, 0);
    put16(out, (1 << 5) | 1);
    put32(out, m.crc);
    put32(out, m.compressed);
    put32(out, m.uncompressed);
    put16(out, static_cast<std::uint16_t>(m.name.size()));
    put16(out, 0);
    put16(out, 0);
    put16(out, 0);
    put16(out, 0);
    put32(out, 0);
    put32(out, m.offset.value_or(offsets[i]));
    out += m.name;
  }
  out += layout.directory_extra;
  const std::size_t directory_size = out.size() - directory;
  out += layout.before_end;
  put32(out, 0x06054b50);
  put16(out, 0);
  put16(out, 0);
  put16(out, static_cast<std::uint16_t>(members.size()));
  put16(out, static_cast<std::uint16_t>(members.size()));
  put32(out, static_cast<std::uint32_t>(directory_size));
  put32(out, static_cast<std::uint32_t>(directory));
  put16(out, 0);
  return out + layout.after_end;
}

//! The code zip_read refuses `archive` with, and its message (ok: none).
std::pair<std::string, std::string> refusal(const std::string& archive) {
  try {
    zip_read(archive);
  } catch (const ZipError& error) {
    return {error.code(), error.what()};
  }
  return {"ok", ""};
}

TEST(Zip, RoundTripStoredAndDeflated) {
  std::string big(100000, 'x');
  for (std::size_t i = 0; i < big.size(); i += 7) big[i] = static_cast<char>('a' + i % 26);
  std::vector<std::pair<std::string, std::string>> members = {
      {"[Content_Types].xml", "<Types/>"}, {"word/document.xml", big}, {"empty.txt", ""}, {"bin", std::string("\0\1\2", 3)}};
  for (int level : {0, 1, 6, 9}) {
    SCOPED_TRACE(level);
    auto entries = zip_read(archive_of(members, level));
    ASSERT_EQ(entries.size(), members.size());
    for (std::size_t i = 0; i < members.size(); ++i) {
      EXPECT_EQ(entries[i].name, members[i].first);
      EXPECT_EQ(entries[i].method, level == 0 ? 0 : 8);
      EXPECT_EQ(entries[i].uncompressed_size, members[i].second.size());
      EXPECT_EQ(zip_inflate(entries[i]), members[i].second);
    }
  }
}

TEST(Zip, StoredEntryHoldsTheContentAsIs) {
  ZipEntry entry = zip_compress("a.txt", "nội dung", 0);
  EXPECT_EQ(entry.method, 0);
  EXPECT_EQ(entry.data, "nội dung");
  auto read = zip_read(archive_of({{"a.txt", "nội dung"}}, 0));
  EXPECT_EQ(read[0].data, "nội dung");
}

TEST(Zip, CopiedEntryKeepsItsStoredBytes) {
  ZipEntry entry = zip_compress("word/document.xml", std::string(5000, 'a'), 9);
  std::string out;
  ZipWriter writer(out);
  writer.add(entry);
  writer.finish();
  auto read = zip_read(out);
  ASSERT_EQ(read.size(), 1u);
  EXPECT_EQ(read[0].data, entry.data);
  EXPECT_EQ(read[0].crc32, entry.crc32);
}

TEST(Zip, WriterIsDeterministicWithFixedHeaderFields) {
  std::vector<std::pair<std::string, std::string>> members = {{"a.xml", "<a/>"}, {"b/c.xml", "<c>xin chào</c>"}};
  std::string first = archive_of(members);
  EXPECT_EQ(archive_of(members), first);
  EXPECT_EQ(get32(first, 0), 0x04034b50u);
  EXPECT_EQ(get16(first, 4), 20) << "version needed";
  EXPECT_EQ(get16(first, 6), 0) << "no flags for an ASCII name";
  EXPECT_EQ(get16(first, 10), 0) << "time 00:00";
  EXPECT_EQ(get16(first, 12), (1 << 5) | 1) << "date 1980-01-01";
  EXPECT_EQ(get16(first, 28), 0) << "no extra field";
  std::size_t cd = central_directory(first);
  EXPECT_EQ(get32(first, cd), 0x02014b50u);
  EXPECT_EQ(get16(first, cd + 14), (1 << 5) | 1);
  EXPECT_EQ(get16(first, cd + 30), 0) << "no extra field in the central directory";
}

TEST(Zip, FlushedPieceByPieceGivesTheSameArchive) {
  std::vector<std::pair<std::string, std::string>> members = {
      {"001.docx", std::string(3000, 'a')}, {"002.docx", "xin chào"}, {"streamed.txt", ""}, {"ket-qua.json", "{}"}};
  std::string whole;
  {
    ZipWriter writer(whole);
    for (std::size_t i = 0; i < 2; ++i) writer.add(members[i].first, members[i].second, 6);
    StreamedMember streamed(writer, members[2].first, 6);
    streamed.write(std::string(5000, 'z'));
    streamed.finish();
    writer.add(members[3].first, members[3].second, 6);
    writer.finish();
  }
  std::string pieces, out;
  std::size_t sinks = 0;
  auto sink = [&](std::string_view piece) {
    pieces += piece;
    ++sinks;
  };
  {
    ZipWriter writer(out);
    for (std::size_t i = 0; i < 2; ++i) {
      writer.add(members[i].first, members[i].second, 6);
      writer.flush(sink);
      EXPECT_TRUE(out.empty());
    }
    StreamedMember streamed(writer, members[2].first, 6);
    EXPECT_THROW(writer.flush(sink), std::logic_error);
    streamed.write(std::string(5000, 'z'));
    streamed.finish();
    writer.flush(sink);
    writer.add(members[3].first, members[3].second, 6);
    writer.finish();
    writer.flush(sink);
  }
  EXPECT_EQ(sinks, 4u);
  EXPECT_EQ(pieces, whole);
  EXPECT_EQ(zip_read(pieces).size(), 4u);
}

TEST(Zip, NonAsciiNamesGetTheUtf8Flag) {
  std::string archive = archive_of({{"tài liệu/báo cáo.xml", "<x/>"}});
  EXPECT_EQ(get16(archive, 6), 0x0800);
  EXPECT_EQ(get16(archive, central_directory(archive) + 8), 0x0800);
  EXPECT_EQ(zip_read(archive)[0].name, "tài liệu/báo cáo.xml");
}

TEST(Zip, ArchiveCommentIsTolerated) {
  std::string archive = archive_of({{"a", "b"}});
  set16(archive, archive.size() - 2, 5);
  archive += "hello";
  EXPECT_EQ(zip_read(archive).size(), 1u);
}

TEST(Zip, DataDescriptorsAreFine) {
  // As Java's ZipOutputStream and LibreOffice write them: flag 3, CRC and sizes after the data
  // (with or without the descriptor's signature), the local header's own fields 0 or the real ones.
  for (bool signature : {true, false})
    for (bool zero_local : {true, false}) {
      SCOPED_TRACE(std::to_string(signature) + std::to_string(zero_local));
      RawMember a = raw_member("a.xml", "<a>nội dung</a>", 6);
      a.flags = 0x0008;
      if (zero_local) a.local_crc = a.local_compressed = a.local_uncompressed = 0;
      a.descriptor = descriptor_of(a, signature);
      RawMember b = raw_member("b.xml", "<b/>");
      b.flags = 0x0008;
      b.descriptor = descriptor_of(b, signature);
      auto entries = zip_read(raw_zip({a, b}));
      ASSERT_EQ(entries.size(), 2u);
      EXPECT_EQ(zip_inflate(entries[0]), "<a>nội dung</a>");
      EXPECT_EQ(zip_inflate(entries[1]), "<b/>");
    }
}

TEST(Zip, TooManyEntries) {
  ZipLimits limits;
  limits.max_entries = 2;
  EXPECT_EQ(zip_code(archive_of({{"a", "1"}, {"b", "2"}}), limits), "ok");
  EXPECT_EQ(zip_code(archive_of({{"a", "1"}, {"b", "2"}, {"c", "3"}}), limits), "too_many_entries");
}

TEST(Zip, EntryAndTotalSizeLimits) {
  ZipLimits limits;
  limits.max_entry_size = 1000;
  limits.max_total_size = 1500;
  EXPECT_EQ(zip_code(archive_of({{"a", std::string(1000, 'a')}}), limits), "ok");
  EXPECT_EQ(zip_code(archive_of({{"a", std::string(1001, 'a')}}), limits), "entry_too_large");
  EXPECT_EQ(zip_code(archive_of({{"a", std::string(800, 'a')}, {"b", std::string(800, 'b')}}), limits), "archive_too_large");
}

TEST(Zip, CompressionBombIsRefusedByRatio) {
  std::string bomb = archive_of({{"bomb.xml", std::string(10 << 20, ' ')}}, 9);
  ZipLimits limits;
  limits.max_ratio = 20;
  EXPECT_EQ(zip_code(bomb, limits), "ratio");
  EXPECT_EQ(zip_code(bomb), "ratio") << "10 MB of spaces deflates past the default 250:1 as well";
  ZipLimits lenient;
  lenient.max_ratio = 2000;
  EXPECT_EQ(zip_code(bomb, lenient), "ok");
}

TEST(Zip, InflatingNeverTrustsTheDeclaredSize) {
  ZipEntry entry = zip_compress("a.xml", std::string(200000, 'a'), 9);
  entry.uncompressed_size = 1000;  // a liar: passes every size and ratio check up front
  try {
    zip_inflate(entry);
    FAIL() << "inflated past the declared size";
  } catch (const ZipError& error) {
    EXPECT_EQ(error.code(), "inflate");
  }
  ZipEntry ratio_liar = zip_compress("b.xml", std::string(2 << 20, 'b'), 9);
  ZipLimits limits;
  limits.max_ratio = 10;
  limits.max_entry_size = 4 << 20;
  try {
    zip_inflate(ratio_liar, limits);
    FAIL() << "ratio not enforced while inflating";
  } catch (const ZipError& error) {
    EXPECT_EQ(error.code(), "ratio");
  }
}

TEST(Zip, ShortDeclaredSizeInCentralDirectoryIsCaught) {
  // Both headers lie alike (one that disagrees is a forged archive, refused before inflating).
  std::string archive = archive_of({{"a.xml", std::string(3000, 'a')}});
  set32(archive, 22, 100);
  set32(archive, central_directory(archive) + 24, 100);
  EXPECT_EQ(zip_code(archive), "inflate");
}

TEST(Zip, CrcMismatch) {
  for (int level : {0, 6}) {
    ZipEntry entry = zip_compress("a.xml", "<a/>", level);
    entry.crc32 ^= 1;
    std::string out;
    ZipWriter writer(out);
    writer.add(entry);
    writer.finish();
    EXPECT_EQ(zip_code(out), "crc") << level;
  }
}

TEST(Zip, BadNames) {
  for (const char* name : {"../x", "a/../../x", "/abs", "a\\b", "C:/x", ""}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(zip_code(archive_of({{name, "x"}})), "bad_name");
  }
  EXPECT_EQ(zip_code(archive_of({{std::string("a\0b", 3), "x"}})), "bad_name");
  EXPECT_EQ(zip_code(archive_of({{"a.xml", "1"}, {"a.xml", "2"}})), "bad_name");
  EXPECT_EQ(zip_code(archive_of({{"Word/A.xml", "1"}, {"word/a.xml", "2"}})), "bad_name");
  EXPECT_EQ(zip_code(archive_of({{"a..b.xml", "ok"}})), "ok");
}

TEST(Zip, EncryptedEntries) {
  std::string archive = archive_of({{"a", "b"}});
  set16(archive, central_directory(archive) + 8, 0x0001);
  EXPECT_EQ(zip_code(archive), "encrypted");
}

TEST(Zip, UnsupportedMethod) {
  std::string archive = archive_of({{"a", "b"}});
  set16(archive, 8, 12);
  set16(archive, central_directory(archive) + 10, 12);
  EXPECT_EQ(zip_code(archive), "unsupported_method");
}

TEST(Zip, Zip64MarkersAreRefused) {
  std::string archive = archive_of({{"a", "b"}});
  std::string sizes = archive;
  set32(sizes, central_directory(sizes) + 20, 0xffffffffu);
  EXPECT_EQ(zip_code(sizes), "zip64");
  std::string count = archive;
  set16(count, end_record(count) + 8, 0xffff);
  set16(count, end_record(count) + 10, 0xffff);
  EXPECT_EQ(zip_code(count), "zip64");
}

TEST(Zip, TheByteBuilderWritesWhatZipWriterWrites) {
  // The forged archives below differ from a good one only where each test says.
  std::string written;
  ZipWriter writer(written);
  writer.add("a.xml", "<a/>", 0);
  writer.add("b/c.xml", "<c>xin chào</c>", 6);
  writer.finish();
  EXPECT_EQ(raw_zip({raw_member("a.xml", "<a/>"), raw_member("b/c.xml", "<c>xin chào</c>", 6)}), written);
}

// --- Forged archives: a reader walking the local headers would see other files -----------------

TEST(Zip, ALocalNameOtherThanTheCentralOneIsRefused) {
  // The central directory says word/document.xml; a streaming reader finds word/evil.xml there
  // (or the same name with other bytes, or a name of another length).
  for (const std::string local : {"word/document.xmm", "word/evil.xml", "word/document.xml.bak", "../document.xml", ""}) {
    SCOPED_TRACE(local);
    RawMember m = raw_member("word/document.xml", "<w:document/>");
    m.local_name = local;
    auto [code, message] = refusal(raw_zip({raw_member("[Content_Types].xml", "<Types/>"), m}));
    EXPECT_EQ(code, "header_mismatch");
    EXPECT_NE(message.find("word/document.xml"), std::string::npos) << message;
    if (!local.empty()) {
      EXPECT_NE(message.find(local), std::string::npos) << message;
    }
  }
}

TEST(Zip, ALocalNameThatIsNotTextIsShownSafely) {
  RawMember m = raw_member("a.xml", "<a/>");
  m.local_name = std::string("a\0\x01\xff.xml", 8) + std::string(300, 'x');
  auto [code, message] = refusal(raw_zip({m}));
  EXPECT_EQ(code, "header_mismatch");
  EXPECT_NE(message.find("a???.xml"), std::string::npos) << message;
  EXPECT_EQ(message.find(std::string(200, 'x')), std::string::npos) << "shortened";
}

TEST(Zip, ALocalMethodOtherThanTheCentralOneIsRefused) {
  RawMember m = raw_member("a.xml", std::string(3000, 'a'), 6);
  m.local_method = 0;  // a streaming reader would hand out the deflated bytes as the part
  EXPECT_EQ(refusal(raw_zip({m})).first, "header_mismatch");
}

TEST(Zip, AnEncryptionFlagInOnlyOneHeaderIsRefused) {
  RawMember local_only = raw_member("a.xml", "<a/>");
  local_only.local_flags = 0x0001;
  EXPECT_EQ(refusal(raw_zip({local_only})).first, "header_mismatch");
  RawMember strong = raw_member("a.xml", "<a/>");
  strong.local_flags = 0x0040;
  EXPECT_EQ(refusal(raw_zip({strong})).first, "header_mismatch");
  RawMember both = raw_member("a.xml", "<a/>");
  both.flags = 0x0001;
  EXPECT_EQ(refusal(raw_zip({both})).first, "encrypted");
}

TEST(Zip, LocalCrcOrSizesOtherThanTheCentralOnesAreRefused) {
  RawMember crc = raw_member("a.xml", "<a/>");
  crc.local_crc = crc.crc ^ 1;
  EXPECT_EQ(refusal(raw_zip({crc})).first, "header_mismatch");
  RawMember compressed = raw_member("a.xml", std::string(3000, 'a'), 6);
  compressed.local_compressed = compressed.compressed + 1;
  EXPECT_EQ(refusal(raw_zip({compressed})).first, "header_mismatch");
  RawMember uncompressed = raw_member("a.xml", "<a/>");
  uncompressed.local_uncompressed = 0;  // 0 is only allowed with a data descriptor
  EXPECT_EQ(refusal(raw_zip({uncompressed})).first, "header_mismatch");
}

TEST(Zip, DataDescriptorsMustAgreeToo) {
  RawMember flag_local_only = raw_member("a.xml", "<a/>");
  flag_local_only.local_flags = 0x0008;
  flag_local_only.descriptor = descriptor_of(flag_local_only, true);
  EXPECT_EQ(refusal(raw_zip({flag_local_only})).first, "header_mismatch");

  RawMember wrong_crc = raw_member("a.xml", "<a/>");
  wrong_crc.flags = 0x0008;
  wrong_crc.descriptor = descriptor_of(wrong_crc, true);
  wrong_crc.descriptor[4] ^= 1;
  EXPECT_EQ(refusal(raw_zip({wrong_crc})).first, "header_mismatch");

  RawMember wrong_size = raw_member("a.xml", "<a/>");
  wrong_size.flags = 0x0008;
  wrong_size.descriptor = descriptor_of(wrong_size, false);
  wrong_size.descriptor[8] ^= 1;
  EXPECT_EQ(refusal(raw_zip({wrong_size})).first, "header_mismatch");

  RawMember wrong_local = raw_member("a.xml", "<a/>");
  wrong_local.flags = 0x0008;
  wrong_local.local_crc = 12345;  // neither 0 nor the real CRC
  wrong_local.descriptor = descriptor_of(wrong_local, true);
  EXPECT_EQ(refusal(raw_zip({wrong_local})).first, "header_mismatch");

  RawMember missing = raw_member("a.xml", "<a/>");
  missing.flags = 0x0008;
  EXPECT_NE(refusal(raw_zip({missing})).first, "ok") << "no descriptor where the flag announces one";
}

TEST(Zip, TheUtf8FlagMustAgreeForANonAsciiName) {
  RawMember ascii = raw_member("a.xml", "<a/>");
  ascii.local_flags = 0x0800;
  EXPECT_EQ(refusal(raw_zip({ascii})).first, "ok") << "an ASCII name reads the same either way";
  RawMember vietnamese = raw_member("tài liệu.xml", "<a/>");
  vietnamese.flags = 0x0800;
  vietnamese.local_flags = 0;  // CP437 for a reader of the local header: another name
  EXPECT_EQ(refusal(raw_zip({vietnamese})).first, "header_mismatch");
}

TEST(Zip, AZip64ExtraFieldInTheLocalHeaderIsRefused) {
  RawMember m = raw_member("a.xml", "<a/>");
  m.local_extra = std::string("\x01\x00\x10\x00", 4) + std::string(16, '\0');
  EXPECT_EQ(refusal(raw_zip({m})).first, "zip64");
  RawMember other = raw_member("a.xml", "<a/>");
  other.local_extra = std::string("\x55\x54\x05\x00\x01\x00\x00\x00\x00", 9);  // a timestamp: fine
  EXPECT_EQ(refusal(raw_zip({other})).first, "ok");
}

TEST(Zip, OverlappingEntriesAreRefused) {
  // Two central records naming different files but pointing at the same local data.
  std::string archive = archive_of({{"a", "x"}, {"b", "x"}});
  std::size_t cd = central_directory(archive);
  std::size_t second = cd + 46 + 1;
  set32(archive, second + 42, 0);
  EXPECT_NE(refusal(archive).first, "ok");
  // The same with agreeing names: b's record points into a's data, where a second local header
  // named b hides inside a's stored bytes.
  RawMember inner = raw_member("b.xml", "<b/>");
  std::string inner_bytes = raw_zip({inner}).substr(0, 30 + 5 + 4);  // b's local header and data
  RawMember outer = raw_member("a.xml", "xx" + inner_bytes + "yy");
  inner.offset = 30 + 5 + 2;
  EXPECT_EQ(refusal(raw_zip({outer, inner})).first, "overlap");
}

TEST(Zip, BytesOutsideEveryMemberAreRefused) {
  auto two = [] { return std::vector<RawMember>{raw_member("a.xml", "<a/>"), raw_member("b.xml", "<b/>")}; };
  EXPECT_EQ(refusal(raw_zip(two())).first, "ok");
  {
    auto members = two();
    members[0].after = "hidden";  // between a and b: a local header of its own, an executable, ...
    auto [code, message] = refusal(raw_zip(members));
    EXPECT_EQ(code, "hidden_data");
    EXPECT_NE(message.find("6 byte"), std::string::npos) << message;
  }
  {
    auto members = two();
    members[1].after = raw_zip({raw_member("evil.xml", "<evil/>")}).substr(0, 30 + 8 + 7);  // after the last one
    EXPECT_EQ(refusal(raw_zip(members)).first, "hidden_data");
  }
  for (int where = 0; where < 4; ++where) {
    SCOPED_TRACE(where);
    RawArchive layout;
    (where == 0   ? layout.before
     : where == 1 ? layout.directory_extra
     : where == 2 ? layout.before_end
                  : layout.after_end) = "MZ: a prefix, as a self-extracting archive has, or any other bytes";
    EXPECT_EQ(refusal(raw_zip(two(), layout)).first, "hidden_data");
  }
  std::string empty = raw_zip({});
  EXPECT_EQ(refusal(empty).first, "ok");
}

TEST(Zip, GarbageAndTruncation) {
  EXPECT_EQ(zip_code(""), "not_zip");
  EXPECT_EQ(zip_code("PK\3\4 this is not a zip at all, just text padded to length......"), "not_zip");
  std::string archive = archive_of({{"a.xml", std::string(500, 'a')}, {"b.xml", "<b/>"}});
  for (std::size_t size = 0; size < archive.size(); ++size) {
    std::string code = zip_code(archive.substr(0, size));
    EXPECT_NE(code, "ok") << size;
  }
  std::string no_local = archive;
  no_local[0] = 'X';
  EXPECT_EQ(zip_code(no_local), "truncated");
}

TEST(Zip, CorruptDeflateData) {
  ZipEntry entry = zip_compress("a.xml", std::string(5000, 'a') + "end", 6);
  entry.data.resize(entry.data.size() / 2);
  try {
    zip_inflate(entry);
    FAIL();
  } catch (const ZipError& error) {
    EXPECT_EQ(error.code(), "inflate");
    EXPECT_NE(std::string(error.what()).find("a.xml"), std::string::npos);
  }
}

//! XML-like text that does not compress to nothing: rows of a table with varying cells.
std::string sample_xml(std::size_t rows) {
  std::string xml = "<w:tbl>";
  for (std::size_t i = 0; i < rows; ++i)
    xml += "<w:tr><w:tc><w:p><w:r><w:t>" + std::to_string(i * 7919 % 10007) + " Hải An " + std::to_string(i) +
           "</w:t></w:r></w:p></w:tc></w:tr>";
  return xml + "</w:tbl>";
}

TEST(Zip, DeflaterGivesTheBytesOfZipCompressWhateverCameBefore) {
  Deflater deflater;
  ZipEntry entry;
  const std::string big = sample_xml(5000), small = sample_xml(3);
  // Levels switched and buffers reused (a large member, then small ones, then large again).
  for (int level : {6, 6, 1, 9, 0, 6, 12, -1}) {
    for (const std::string* content : {&big, &small, &big}) {
      SCOPED_TRACE(level);
      deflater.compress(entry, "word/document.xml", *content, level);
      ZipEntry expected = zip_compress("word/document.xml", *content, level);
      EXPECT_EQ(entry.name, "word/document.xml");
      EXPECT_EQ(entry.method, level <= 0 ? 0 : 8);
      EXPECT_EQ(entry.crc32, expected.crc32);
      EXPECT_EQ(entry.uncompressed_size, content->size());
      EXPECT_EQ(entry.data, expected.data);
      EXPECT_EQ(zip_inflate(entry), *content);
    }
  }
  EXPECT_EQ(zip_compress("a", big, 12).data, zip_compress("a", big, 9).data) << "levels above 9 are 9";
}

TEST(Zip, WriterAddCompressesLikeZipCompress) {
  const std::string xml = sample_xml(300);
  for (int level : {0, 1, 6, 9}) {
    SCOPED_TRACE(level);
    std::string direct, copied;
    ZipWriter a(direct), b(copied);
    a.add("word/document.xml", xml, level);
    a.add("empty.xml", "", level);
    a.finish();
    b.add(zip_compress("word/document.xml", xml, level));
    b.add(zip_compress("empty.xml", "", level));
    b.finish();
    EXPECT_EQ(direct, copied);
  }
}

TEST(Zip, CrcIsTheStandardOne) {
  EXPECT_EQ(zip_compress("a", "", 6).crc32, 0u);
  EXPECT_EQ(zip_compress("a", "123456789", 6).crc32, 0xCBF43926u);  // the CRC-32 check value
}

TEST(Zip, LargeMembersRoundTripAndLeaveNoHugeBuffersBehind) {
  std::string big = sample_xml(200000);  // ~16 MB: over the 8 MiB kept per thread
  ASSERT_GT(big.size(), std::size_t{9} << 20);
  std::string out;
  ZipWriter writer(out);
  writer.add("word/document.xml", big, 1);
  writer.add("word/footer1.xml", "<w:ftr/>", 1);
  writer.finish();
  ZipLimits limits;
  limits.max_entry_size = 64u << 20;
  auto entries = zip_read(out, limits);
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(zip_inflate(entries[0], limits), big);
  EXPECT_EQ(zip_inflate(entries[1], limits), "<w:ftr/>");
  EXPECT_EQ(zip_compress("a.xml", sample_xml(10), 1).data, zip_compress("a.xml", sample_xml(10), 1).data);
}

TEST(Zip, EveryThreadDeflatesToTheSameBytes) {
  const std::string xml = sample_xml(2000);
  const ZipEntry expected = zip_compress("word/document.xml", xml, 6);
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      for (int i = 0; i < 20; ++i) {
        int level = (i + t) % 2 ? 6 : 1;  // each thread also switches levels
        ZipEntry got = zip_compress("word/document.xml", xml, level);
        if (level == 6 && got.data != expected.data) ++mismatches[static_cast<std::size_t>(t)];
        if (zip_inflate(got) != xml) ++mismatches[static_cast<std::size_t>(t)];
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(Zip, NamesItsDeflateBackend) {
  std::string backend = deflate_backend();
  EXPECT_TRUE(backend.rfind("zlib ", 0) == 0 || backend.rfind("libdeflate ", 0) == 0) << backend;
}

}  // namespace
}  // namespace vanthu
