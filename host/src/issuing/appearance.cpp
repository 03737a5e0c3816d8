#include "issuing/appearance.hpp"

#include <png.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>

#include "issuing/pdf_support.hpp"

#ifndef VANTHU_FONT_DIR
#define VANTHU_FONT_DIR "/usr/share/fonts/truetype/liberation2"
#endif

namespace vanthu::host {
namespace {

constexpr double kMm = 72.0 / 25.4;

std::string read_all(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return {};
  return std::string(std::istreambuf_iterator<char>(in), {});
}

QPDFObjectHandle name(const char* n) { return QPDFObjectHandle::newName(n); }
QPDFObjectHandle integer(long long v) { return QPDFObjectHandle::newInteger(v); }

QPDFObjectHandle image_stream(QPDF& pdf, int width, int height, const char* colour_space, const std::string& samples) {
  QPDFObjectHandle stream = QPDFObjectHandle::newStream(&pdf);
  QPDFObjectHandle dict = stream.getDict();
  dict.replaceKey("/Type", name("/XObject"));
  dict.replaceKey("/Subtype", name("/Image"));
  dict.replaceKey("/Width", integer(width));
  dict.replaceKey("/Height", integer(height));
  dict.replaceKey("/ColorSpace", name(colour_space));
  dict.replaceKey("/BitsPerComponent", integer(8));
  stream.replaceStreamData(deflate_bytes(samples), name("/FlateDecode"), QPDFObjectHandle::newNull());
  return stream;
}

// ---- TrueType: what embedding Liberation Serif as a CID font needs ------------------------------

std::uint16_t u16(const std::string& f, std::size_t at) {
  if (at + 2 > f.size()) return 0;
  return static_cast<std::uint16_t>((static_cast<unsigned char>(f[at]) << 8) | static_cast<unsigned char>(f[at + 1]));
}
std::int16_t s16(const std::string& f, std::size_t at) { return static_cast<std::int16_t>(u16(f, at)); }
std::uint32_t u32(const std::string& f, std::size_t at) { return (std::uint32_t{u16(f, at)} << 16) | u16(f, at + 2); }

struct TrueType {
  std::string file;
  std::map<std::string, std::size_t> tables;  // tag -> offset
  unsigned units_per_em = 2048;
  std::size_t cmap4 = 0;  // offset of the (3,1) format 4 subtable

  static std::optional<TrueType> load(const std::filesystem::path& path) {
    TrueType t;
    t.file = read_all(path);
    if (t.file.size() < 12) return std::nullopt;
    const unsigned n = u16(t.file, 4);
    for (unsigned i = 0; i < n; ++i) {
      const std::size_t rec = 12 + 16 * i;
      t.tables[t.file.substr(rec, 4)] = u32(t.file, rec + 8);
    }
    for (const char* tag : {"head", "hhea", "hmtx", "cmap"})
      if (!t.tables.count(tag)) return std::nullopt;
    t.units_per_em = u16(t.file, t.tables["head"] + 18);
    const std::size_t cmap = t.tables["cmap"];
    for (unsigned i = 0, count = u16(t.file, cmap + 2); i < count; ++i) {
      const std::size_t rec = cmap + 4 + 8 * i;
      if (u16(t.file, rec) == 3 && u16(t.file, rec + 2) == 1 && u16(t.file, cmap + u32(t.file, rec + 4)) == 4)
        t.cmap4 = cmap + u32(t.file, rec + 4);
    }
    if (!t.cmap4 || !t.units_per_em) return std::nullopt;
    return t;
  }

  unsigned glyph(char32_t c) const {
    if (c > 0xFFFF) return 0;
    const std::size_t segs = u16(file, cmap4 + 6) / 2;
    const std::size_t ends = cmap4 + 14, starts = ends + 2 * segs + 2, deltas = starts + 2 * segs, ranges = deltas + 2 * segs;
    for (std::size_t i = 0; i < segs; ++i) {
      if (u16(file, ends + 2 * i) < c) continue;
      const unsigned start = u16(file, starts + 2 * i);
      if (start > c) return 0;
      const unsigned delta = u16(file, deltas + 2 * i), range = u16(file, ranges + 2 * i);
      if (range == 0) return (c + delta) & 0xFFFF;
      const unsigned g = u16(file, ranges + 2 * i + range + 2 * (c - start));
      return g ? (g + delta) & 0xFFFF : 0;
    }
    return 0;
  }
  //! Advance width in 1/1000 em, as PDF's /W wants.
  double advance(unsigned gid) const {
    const unsigned metrics = u16(file, tables.at("hhea") + 34);
    const std::size_t hmtx = tables.at("hmtx");
    const unsigned w = u16(file, hmtx + 4 * (gid < metrics ? gid : metrics - 1));
    return w * 1000.0 / units_per_em;
  }
  double scaled(int v) const { return v * 1000.0 / units_per_em; }
};

std::u32string decode_utf8(const std::string& s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    const int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : 0;
    char32_t cp = extra ? c & (0x3F >> extra) : c;
    for (int k = 1; k <= extra && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out += cp;
    i += extra + 1;
  }
  return out;
}

std::string hex4(unsigned v) {
  char b[8];
  std::snprintf(b, sizeof b, "%04X", v & 0xFFFF);
  return b;
}

}  // namespace

PdfImage load_png(QPDF& pdf, const std::filesystem::path& file, const std::string& field) {
  const std::string bytes = read_all(file);
  png_image image{};
  image.version = PNG_IMAGE_VERSION;
  auto unreadable = [&](const std::string& why) {
    png_image_free(&image);
    return SigningError("image_unreadable", "Trường \"" + field + "\": tệp " + file.string() + " không phải ảnh PNG đọc được (" + why + ")",
                        "/" + field);
  };
  if (bytes.empty() || !png_image_begin_read_from_memory(&image, bytes.data(), bytes.size())) throw unreadable(image.message);
  if (image.width == 0 || image.height == 0 || image.width > 8000 || image.height > 8000)
    throw unreadable("kích thước ảnh phải từ 1 đến 8000 điểm ảnh");
  image.format = PNG_FORMAT_RGBA;
  std::string rgba(PNG_IMAGE_SIZE(image), '\0');
  if (!png_image_finish_read(&image, nullptr, rgba.data(), 0, nullptr)) throw unreadable(image.message);
  const std::size_t pixels = std::size_t{image.width} * image.height;
  std::string rgb(pixels * 3, '\0'), alpha(pixels, '\0');
  bool opaque = true;
  for (std::size_t i = 0; i < pixels; ++i) {
    rgb[3 * i] = rgba[4 * i], rgb[3 * i + 1] = rgba[4 * i + 1], rgb[3 * i + 2] = rgba[4 * i + 2];
    alpha[i] = rgba[4 * i + 3];
    opaque = opaque && static_cast<unsigned char>(alpha[i]) == 255;
  }
  PdfImage out;
  out.width = static_cast<int>(image.width), out.height = static_cast<int>(image.height);
  out.xobject = image_stream(pdf, out.width, out.height, "/DeviceRGB", rgb);
  if (!opaque) out.xobject.getDict().replaceKey("/SMask", image_stream(pdf, out.width, out.height, "/DeviceGray", alpha));
  return out;
}

Appearance image_appearance(QPDF& pdf, const PdfRect& field, const std::filesystem::path& signer_image,
                            const std::filesystem::path& seal_image, double seal_mm) {
  struct Placed {
    QPDFObjectHandle xobject;
    PdfRect at;  // page space
    const char* name;
  };
  std::vector<Placed> placed;
  PdfRect sig = field;
  if (!signer_image.empty()) {
    PdfImage img = load_png(pdf, signer_image, "signer_image");
    const double scale = std::min(field.width() * 0.9 / img.width, field.height() / img.height);
    const double w = img.width * scale, h = img.height * scale;
    const double x = field.llx + (field.width() - w) / 2, y = field.lly + (field.height() - h) / 2;
    sig = {x, y, x + w, y + h};
    placed.push_back({img.xobject, sig, "/ChuKy"});
  }
  if (!seal_image.empty()) {
    PdfImage img = load_png(pdf, seal_image, "seal_image");
    const double d = seal_mm * kMm;  // the seal's real diameter; a non-square image keeps its ratio, its width d
    const double h = d * img.height / img.width;
    const double right = signer_image.empty() ? field.llx + field.width() / 2 + d / 2 : sig.llx + sig.width() / 3;
    const double cy = field.lly + field.height() / 2;
    placed.push_back({img.xobject, {right - d, cy - h / 2, right, cy + h / 2}, "/ConDau"});
  }
  PdfRect rect = field;
  for (const auto& p : placed)
    rect = {std::min(rect.llx, p.at.llx), std::min(rect.lly, p.at.lly), std::max(rect.urx, p.at.urx), std::max(rect.ury, p.at.ury)};
  std::string content;
  QPDFObjectHandle xobjects = QPDFObjectHandle::newDictionary();
  for (const auto& p : placed) {  // the signature first, the seal over it
    xobjects.replaceKey(p.name, p.xobject);
    content += "q " + pdf_number(p.at.width()) + " 0 0 " + pdf_number(p.at.height()) + " " + pdf_number(p.at.llx - rect.llx) + " " +
               pdf_number(p.at.lly - rect.lly) + " cm " + p.name + " Do Q\n";
  }
  QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
  if (!placed.empty()) resources.replaceKey("/XObject", xobjects);
  return {form_xobject(pdf, rect.width(), rect.height(), content, resources), rect};
}

Appearance text_appearance(QPDF& pdf, double right, double top, const std::vector<std::string>& lines, double size) {
  const std::filesystem::path font_path = std::filesystem::path(VANTHU_FONT_DIR) / "LiberationSerif-Regular.ttf";
  std::optional<TrueType> font = TrueType::load(font_path);
  if (!font)
    throw SigningError("font_not_found", "Không đọc được phông Liberation Serif (thay Times New Roman) tại " + font_path.string() +
                                             " để trình bày chữ ký trên phụ lục (gói fonts-liberation2)");
  std::map<unsigned, char32_t> used;  // glyph -> character, for /W and ToUnicode
  std::vector<std::string> shown;  // each line's glyph ids, hex
  std::vector<double> widths_pt;
  double widest = 0;
  for (const std::string& line : lines) {
    std::string hex;
    double width = 0;
    for (char32_t c : decode_utf8(line)) {
      const unsigned g = font->glyph(c);
      used.emplace(g, c);
      hex += hex4(g);
      width += font->advance(g) * size / 1000;
    }
    shown.push_back(hex);
    widths_pt.push_back(width);
    widest = std::max(widest, width);
  }
  const double leading = size * 1.2, pad = 2;
  const PdfRect rect{right - widest - 2 * pad, top - leading * lines.size() - pad, right, top};
  std::string content = "q 0 g BT\n";
  const double ascent = size * 0.891;  // Liberation Serif's ascender
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const double x = rect.width() - pad - widths_pt[i], y = rect.height() - ascent - leading * i;
    content += "/F1 " + pdf_number(size) + " Tf 1 0 0 1 " + pdf_number(x) + " " + pdf_number(y) + " Tm <" + shown[i] + "> Tj\n";
  }
  content += "ET Q\n";

  // The font: Type0 / CIDFontType2, Identity-H (the code is the glyph id), the file embedded whole.
  QPDFObjectHandle file = QPDFObjectHandle::newStream(&pdf);
  file.getDict().replaceKey("/Length1", integer(static_cast<long long>(font->file.size())));
  file.replaceStreamData(deflate_bytes(font->file), name("/FlateDecode"), QPDFObjectHandle::newNull());
  const std::size_t head = font->tables["head"], hhea = font->tables["hhea"];
  const int cap = font->tables.count("OS/2") && u16(font->file, font->tables["OS/2"]) >= 2 ? s16(font->file, font->tables["OS/2"] + 88)
                                                                                        : s16(font->file, hhea + 4);
  QPDFObjectHandle descriptor = QPDFObjectHandle::parse(
      "<< /Type /FontDescriptor /FontName /LiberationSerif /Flags 34 /FontBBox [" + pdf_number(font->scaled(s16(font->file, head + 36))) +
      " " + pdf_number(font->scaled(s16(font->file, head + 38))) + " " + pdf_number(font->scaled(s16(font->file, head + 40))) + " " +
      pdf_number(font->scaled(s16(font->file, head + 42))) + "] /ItalicAngle 0 /Ascent " +
      pdf_number(font->scaled(s16(font->file, hhea + 4))) + " /Descent " + pdf_number(font->scaled(s16(font->file, hhea + 6))) +
      " /CapHeight " + pdf_number(font->scaled(cap)) + " /StemV 80 >>");
  descriptor.replaceKey("/FontFile2", file);
  std::string widths = "[";
  for (const auto& [g, c] : used) widths += " " + std::to_string(g) + " [" + pdf_number(font->advance(g)) + "]";
  widths += " ]";
  QPDFObjectHandle cid = QPDFObjectHandle::parse(
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /LiberationSerif /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
      "/Supplement 0 >> /DW 1000 /CIDToGIDMap /Identity /W " + widths + " >>");
  cid.replaceKey("/FontDescriptor", pdf.makeIndirectObject(descriptor));
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
      "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
      "endcodespacerange\n" + std::to_string(used.size()) + " beginbfchar\n";
  for (const auto& [g, c] : used) {
    std::string u;
    if (c >= 0x10000) u = hex4(0xD800 + ((c - 0x10000) >> 10)) + hex4(0xDC00 + ((c - 0x10000) & 0x3FF));
    else u = hex4(c);
    cmap += "<" + hex4(g) + "> <" + u + ">\n";
  }
  cmap += "endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  QPDFObjectHandle to_unicode = QPDFObjectHandle::newStream(&pdf);
  to_unicode.replaceStreamData(deflate_bytes(cmap), name("/FlateDecode"), QPDFObjectHandle::newNull());
  QPDFObjectHandle type0 = QPDFObjectHandle::parse("<< /Type /Font /Subtype /Type0 /BaseFont /LiberationSerif /Encoding /Identity-H >>");
  type0.replaceKey("/DescendantFonts", QPDFObjectHandle::newArray({pdf.makeIndirectObject(cid)}));
  type0.replaceKey("/ToUnicode", to_unicode);
  QPDFObjectHandle fonts = QPDFObjectHandle::newDictionary();
  fonts.replaceKey("/F1", pdf.makeIndirectObject(type0));
  QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
  resources.replaceKey("/Font", fonts);
  return {form_xobject(pdf, rect.width(), rect.height(), content, resources), rect};
}

}  // namespace vanthu::host
