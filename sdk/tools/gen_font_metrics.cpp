//! gen_font_metrics — build-time generator of the advance-width tables compiled into
//! libvanthu-text (see sdk/text/src/font_metrics.hpp).
//!
//! Usage: gen_font_metrics OUTPUT.cpp REGULAR.ttf BOLD.ttf ITALIC.ttf BOLD_ITALIC.ttf
//!
//! Reads from each TrueType file only what measuring a line of text needs:
//!   head.unitsPerEm, hhea.numberOfHMetrics, hmtx (advance widths) and the cmap format 4
//!   subtable (Unicode BMP -> glyph id),
//! and writes one C++ source holding, per style, unitsPerEm and a table of {code point, advance}
//! sorted by code point, for the code points Vietnamese text uses (Latin, combining marks,
//! Latin Extended Additional, general punctuation and the đồng sign). Code points the font does
//! not map (glyph 0, ".notdef") are left out so the library can fall back deliberately.
//!
//! Standalone on purpose: it must not link libvanthu-text, whose sources include its output.

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

//! The ranges of code points the tables cover (inclusive).
struct CodePointRange {
  char32_t first;
  char32_t last;
};
constexpr CodePointRange kVietnameseRanges[] = {
    {0x0020, 0x024F},  // Basic Latin, Latin-1, Latin Extended-A/B (ă â đ ê ô ơ ư ...)
    {0x0300, 0x0323},  // combining marks: the five tones (grave, acute, tilde, hook, dot below)
    {0x1EA0, 0x1EF9},  // Latin Extended Additional: precomposed Vietnamese letters (ạ ả ... ỹ)
    {0x2010, 0x2030},  // dashes, quotation marks, bullet, ellipsis, per mille
    {0x20AB, 0x20AB},  // ₫ đồng sign
};

//! A TrueType file in memory with big-endian readers that check bounds.
class FontFile {
 public:
  explicit FontFile(const std::filesystem::path& path) : path_(path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path.string());
    bytes_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (bytes_.size() < 12) fail("file too short for a TrueType header");
    const std::uint16_t table_count = u16(4);
    for (std::uint16_t i = 0; i < table_count; ++i) {
      const std::size_t record = 12 + std::size_t{i} * 16;
      std::string tag(reinterpret_cast<const char*>(&bytes_.at(record)), 4);
      tables_[tag] = Table{u32(record + 8), u32(record + 12)};
    }
  }

  //! Offset of a table; throws when the font lacks it.
  std::size_t table(const std::string& tag) const {
    auto it = tables_.find(tag);
    if (it == tables_.end()) fail("missing table '" + tag + "'");
    if (std::size_t{it->second.offset} + it->second.length > bytes_.size()) fail("table '" + tag + "' out of bounds");
    return it->second.offset;
  }

  std::uint16_t u16(std::size_t at) const {
    check(at, 2);
    return static_cast<std::uint16_t>((bytes_[at] << 8) | bytes_[at + 1]);
  }
  std::int16_t i16(std::size_t at) const { return static_cast<std::int16_t>(u16(at)); }
  std::uint32_t u32(std::size_t at) const {
    check(at, 4);
    return (std::uint32_t{bytes_[at]} << 24) | (std::uint32_t{bytes_[at + 1]} << 16) |
           (std::uint32_t{bytes_[at + 2]} << 8) | std::uint32_t{bytes_[at + 3]};
  }

  [[noreturn]] void fail(const std::string& what) const {
    throw std::runtime_error(path_.string() + ": " + what);
  }

 private:
  struct Table {
    std::uint32_t offset;
    std::uint32_t length;
  };
  void check(std::size_t at, std::size_t size) const {
    if (at + size > bytes_.size()) fail("read past the end of the file");
  }

  std::filesystem::path path_;
  std::vector<unsigned char> bytes_;
  std::map<std::string, Table> tables_;
};

//! Glyph id for a BMP code point from a cmap format 4 subtable (0 when unmapped).
std::uint16_t glyph_from_format4(const FontFile& font, std::size_t subtable, char32_t code_point) {
  const std::uint16_t seg_count = font.u16(subtable + 6) / 2;
  const std::size_t end_codes = subtable + 14;
  const std::size_t start_codes = end_codes + 2 * std::size_t{seg_count} + 2;  // + reservedPad
  const std::size_t id_deltas = start_codes + 2 * std::size_t{seg_count};
  const std::size_t id_range_offsets = id_deltas + 2 * std::size_t{seg_count};
  for (std::uint16_t segment = 0; segment < seg_count; ++segment) {
    const std::uint16_t end = font.u16(end_codes + 2 * segment);
    if (code_point > end) continue;
    const std::uint16_t start = font.u16(start_codes + 2 * segment);
    if (code_point < start) return 0;
    const std::uint16_t delta = font.u16(id_deltas + 2 * segment);
    const std::size_t range_offset_at = id_range_offsets + 2 * segment;
    const std::uint16_t range_offset = font.u16(range_offset_at);
    if (range_offset == 0) return static_cast<std::uint16_t>((code_point + delta) & 0xFFFF);
    // idRangeOffset is relative to its own position in the file (the spec's pointer trick).
    const std::size_t glyph_at = range_offset_at + range_offset + 2 * (code_point - start);
    const std::uint16_t glyph = font.u16(glyph_at);
    return glyph == 0 ? 0 : static_cast<std::uint16_t>((glyph + delta) & 0xFFFF);
  }
  return 0;
}

//! The Unicode BMP subtable: Windows (3, 1) preferred, else any Unicode-platform (0, *) one.
std::size_t find_unicode_format4(const FontFile& font) {
  const std::size_t cmap = font.table("cmap");
  const std::uint16_t count = font.u16(cmap + 2);
  std::size_t fallback = 0;
  for (std::uint16_t i = 0; i < count; ++i) {
    const std::size_t record = cmap + 4 + std::size_t{i} * 8;
    const std::uint16_t platform = font.u16(record);
    const std::uint16_t encoding = font.u16(record + 2);
    const std::size_t subtable = cmap + font.u32(record + 4);
    if (font.u16(subtable) != 4) continue;
    if (platform == 3 && encoding == 1) return subtable;
    if (platform == 0 && fallback == 0) fallback = subtable;
  }
  if (fallback == 0) font.fail("no Unicode cmap subtable of format 4");
  return fallback;
}

struct StyleMetrics {
  std::uint16_t units_per_em = 0;
  std::vector<std::pair<char32_t, std::uint16_t>> advances;  // sorted by code point
};

StyleMetrics read_metrics(const std::filesystem::path& path) {
  const FontFile font(path);
  StyleMetrics metrics;
  metrics.units_per_em = font.u16(font.table("head") + 18);
  if (metrics.units_per_em == 0) font.fail("head.unitsPerEm is 0");
  const std::uint16_t h_metric_count = font.u16(font.table("hhea") + 34);
  if (h_metric_count == 0) font.fail("hhea.numberOfHMetrics is 0");
  const std::size_t hmtx = font.table("hmtx");
  const std::size_t subtable = find_unicode_format4(font);

  for (const CodePointRange& range : kVietnameseRanges) {
    for (char32_t code_point = range.first; code_point <= range.last; ++code_point) {
      const std::uint16_t glyph = glyph_from_format4(font, subtable, code_point);
      if (glyph == 0) continue;
      // Glyphs past numberOfHMetrics share the last advance width (monospaced tail).
      const std::uint16_t metric = glyph < h_metric_count ? glyph : static_cast<std::uint16_t>(h_metric_count - 1);
      metrics.advances.emplace_back(code_point, font.u16(hmtx + 4 * std::size_t{metric}));
    }
  }
  return metrics;
}

std::string hex(char32_t code_point) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "0x%04X", static_cast<unsigned>(code_point));
  return buffer;
}

std::string generate(const std::vector<std::filesystem::path>& fonts) {
  static const char* const kStyleNames[] = {"regular", "bold", "italic", "bold_italic"};
  std::ostringstream out;
  out << "// Generated by sdk/tools/gen_font_metrics.cpp from Liberation Serif (SIL OFL 1.1).\n"
         "// Do not edit: re-run the build.\n"
         "#include \"font_metrics.hpp\"\n\n#include <iterator>\n\n"
         "namespace vanthu::detail {\nnamespace {\n\n";
  for (std::size_t style = 0; style < fonts.size(); ++style) {
    const StyleMetrics metrics = read_metrics(fonts[style]);
    if (metrics.advances.empty()) throw std::runtime_error(fonts[style].string() + ": no Vietnamese glyphs mapped");
    out << "// " << fonts[style].filename().string() << "\n";
    out << "constexpr GlyphAdvance k_" << kStyleNames[style] << "_advances[] = {\n";
    int column = 0;
    for (const auto& [code_point, advance] : metrics.advances) {
      out << (column == 0 ? "    " : " ") << "{" << hex(code_point) << ", " << advance << "},";
      if (++column == 6) {
        out << "\n";
        column = 0;
      }
    }
    if (column != 0) out << "\n";
    out << "};\n";
    out << "constexpr FontMetrics k_" << kStyleNames[style] << "{" << metrics.units_per_em << ", k_"
        << kStyleNames[style] << "_advances, std::size(k_" << kStyleNames[style] << "_advances)};\n\n";
  }
  out << "}  // namespace\n\n"
         "const FontMetrics& font_metrics(FontStyle style) {\n"
         "  switch (style) {\n"
         "    case FontStyle::bold: return k_bold;\n"
         "    case FontStyle::italic: return k_italic;\n"
         "    case FontStyle::bold_italic: return k_bold_italic;\n"
         "    case FontStyle::regular: break;\n"
         "  }\n"
         "  return k_regular;\n"
         "}\n\n"
         "}  // namespace vanthu::detail\n";
  return out.str();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 6) {
    std::cerr << "usage: gen_font_metrics OUTPUT.cpp REGULAR.ttf BOLD.ttf ITALIC.ttf BOLD_ITALIC.ttf\n";
    return 2;
  }
  try {
    const std::filesystem::path output = argv[1];
    const std::string source = generate({argv[2], argv[3], argv[4], argv[5]});
    // Write beside the target and rename, so an interrupted build never leaves half a file.
    std::filesystem::create_directories(output.parent_path());
    const std::filesystem::path temporary = output.string() + ".tmp";
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out << source;
      if (!out.flush()) throw std::runtime_error("cannot write " + temporary.string());
    }
    std::filesystem::rename(temporary, output);
  } catch (const std::exception& error) {
    std::cerr << "gen_font_metrics: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
