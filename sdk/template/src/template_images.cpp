//! {%x} images: reading and checking a value, the w:drawing, and the package around it
//! (template_images.hpp).
#include "template_images.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstring>

#include "template_program.hpp"
#include "template_xml.hpp"
#include "vanthu/text.hpp"
#include "vanthu/xml_text.hpp"

namespace vanthu::engine {
namespace {

using json = nlohmann::json;

constexpr std::int64_t kEmuPerCm = 360'000;
constexpr std::int64_t kEmuPerTwip = 635;
constexpr std::int64_t kDefaultCellMargin = 108;  //!< twips: Word's left and right cell margin
constexpr std::string_view kTransitionalRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
constexpr std::string_view kStrictRelationships = "http://purl.oclc.org/ooxml/officeDocument/relationships";

//! The namespaces a w:drawing's picture is written in: transitional OOXML's, or strict's
//! (ISO/IEC 29500 strict, whose relationships types and namespaces are under purl.oclc.org).
struct DrawingNamespaces {
  const char* wp;
  const char* a;
  const char* pic;  //!< also a:graphicData's uri
  std::string_view r;
};
constexpr DrawingNamespaces kTransitionalDrawing{"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
                                                 "http://schemas.openxmlformats.org/drawingml/2006/main",
                                                 "http://schemas.openxmlformats.org/drawingml/2006/picture",
                                                 kTransitionalRelationships};
constexpr DrawingNamespaces kStrictDrawing{"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing",
                                           "http://purl.oclc.org/ooxml/drawingml/main", "http://purl.oclc.org/ooxml/drawingml/picture",
                                           kStrictRelationships};
constexpr const char* kRelsContentType = "application/vnd.openxmlformats-package.relationships+xml";

std::uint32_t be32(std::string_view b, std::size_t at) {
  return (std::uint32_t{static_cast<unsigned char>(b[at])} << 24) | (std::uint32_t{static_cast<unsigned char>(b[at + 1])} << 16) |
         (std::uint32_t{static_cast<unsigned char>(b[at + 2])} << 8) | std::uint32_t{static_cast<unsigned char>(b[at + 3])};
}
std::uint32_t be16(std::string_view b, std::size_t at) {
  return (std::uint32_t{static_cast<unsigned char>(b[at])} << 8) | std::uint32_t{static_cast<unsigned char>(b[at + 1])};
}


std::string size_text(std::uint64_t bytes) {
  if (bytes >= (std::uint64_t{1} << 20)) {
    const double mib = static_cast<double>(bytes) / static_cast<double>(1u << 20);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.1f MiB", mib);
    std::string text = buffer;
    std::replace(text.begin(), text.end(), '.', ',');
    return text;
  }
  if (bytes >= 1024) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " byte";
}

std::string number(std::uint64_t n) { return text::group_thousands(static_cast<std::int64_t>(n)); }

//! What another common format's bytes start with, to say what was given instead of PNG or JPEG.
const char* other_format(std::string_view b) {
  if (b.starts_with("GIF87a") || b.starts_with("GIF89a")) return "GIF";
  if (b.starts_with("BM")) return "BMP";
  if (b.size() >= 12 && b.starts_with("RIFF") && b.substr(8, 4) == "WEBP") return "WebP";
  if (b.starts_with(std::string_view("II*\0", 4)) || b.starts_with(std::string_view("MM\0*", 4))) return "TIFF";
  if (b.starts_with("%PDF")) return "PDF";
  if (b.starts_with("<svg") || b.starts_with("<?xml")) return "SVG/XML";
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp") return "HEIC/AVIF";
  return nullptr;
}

std::optional<ImageFacts> read_png(std::string_view b, std::string& code, std::string& why) {
  auto corrupt = [&](const char* what) -> std::optional<ImageFacts> {
    code = "corrupt_image";
    why = std::string("tệp PNG hỏng hoặc bị cắt cụt (") + what + ")";
    return std::nullopt;
  };
  if (b.size() < 8 + 25 || be32(b, 8) != 13 || b.substr(12, 4) != "IHDR") return corrupt("không có phần đầu IHDR");
  ImageFacts facts;
  facts.format = ImageFacts::Format::png;
  facts.width = be32(b, 16);
  facts.height = be32(b, 20);
  const unsigned depth = static_cast<unsigned char>(b[24]), colour = static_cast<unsigned char>(b[25]);
  const bool depth_ok = (colour == 0 && (depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16)) ||
                        (colour == 3 && (depth == 1 || depth == 2 || depth == 4 || depth == 8)) ||
                        ((colour == 2 || colour == 4 || colour == 6) && (depth == 8 || depth == 16));
  if (facts.width == 0 || facts.height == 0 || facts.width > 0x7fffffffu || facts.height > 0x7fffffffu || !depth_ok ||
      b[26] != 0 || b[27] != 0 || static_cast<unsigned char>(b[28]) > 1)
    return corrupt("phần đầu IHDR không hợp lệ");
  bool data = false;
  for (std::size_t at = 8; at + 12 <= b.size();) {
    const std::uint32_t length = be32(b, at);
    if (length > 0x7fffffffu || b.size() - at - 12 < length) return corrupt("một khối dữ liệu vượt quá cuối tệp");
    const std::string_view type = b.substr(at + 4, 4);
    if (type == "IDAT") data = true;
    if (type == "pHYs" && length == 9 && b[at + 16] == 1) {
      // Pixels per metre, as dots per inch: 11811 is 300 DPI (299.9994), and is meant so.
      const double x = std::round(be32(b, at + 8) * 0.0254), y = std::round(be32(b, at + 12) * 0.0254);
      if (x >= 1 && y >= 1) {
        facts.dpi_x = x;
        facts.dpi_y = y;
      }
    }
    if (type == "IEND") {
      if (!data) return corrupt("không có dữ liệu ảnh IDAT");
      return facts;
    }
    at += 12 + length;
  }
  return corrupt("không có khối kết thúc IEND");
}

//! The Orientation (tag 0x0112) of an Exif block's first IFD, from its TIFF header on; 0 when it
//! has none or cannot be read (1 is upright).
int exif_orientation(std::string_view tiff) {
  if (tiff.size() < 8) return 0;
  const bool little = tiff.substr(0, 4) == std::string_view("II*\0", 4);
  if (!little && tiff.substr(0, 4) != std::string_view("MM\0*", 4)) return 0;
  auto u16 = [&](std::size_t at) -> std::uint32_t {
    const auto lo = static_cast<unsigned char>(tiff[at]), hi = static_cast<unsigned char>(tiff[at + 1]);
    return little ? (hi << 8 | lo) : (std::uint32_t{lo} << 8 | hi);
  };
  auto u32 = [&](std::size_t at) -> std::uint32_t {
    return little ? (u16(at + 2) << 16 | u16(at)) : (u16(at) << 16 | u16(at + 2));
  };
  const std::size_t ifd = u32(4);
  if (ifd + 2 > tiff.size()) return 0;
  const std::size_t entries = u16(ifd);
  for (std::size_t k = 0; k < entries && ifd + 2 + 12 * (k + 1) <= tiff.size(); ++k) {
    const std::size_t entry = ifd + 2 + 12 * k;
    if (u16(entry) == 0x0112 && u16(entry + 2) == 3) return static_cast<int>(u16(entry + 8));
  }
  return 0;
}

std::optional<ImageFacts> read_jpeg(std::string_view b, std::string& code, std::string& why) {
  auto corrupt = [&](const char* what) -> std::optional<ImageFacts> {
    code = "corrupt_image";
    why = std::string("tệp JPEG hỏng hoặc bị cắt cụt (") + what + ")";
    return std::nullopt;
  };
  ImageFacts facts;
  facts.format = ImageFacts::Format::jpeg;
  bool frame = false;
  std::size_t at = 2;
  while (true) {
    if (at >= b.size() || static_cast<unsigned char>(b[at]) != 0xFF) return corrupt("cấu trúc đoạn không hợp lệ");
    while (at < b.size() && static_cast<unsigned char>(b[at]) == 0xFF) ++at;  // fill bytes
    if (at >= b.size()) return corrupt("hết tệp giữa chừng");
    const unsigned marker = static_cast<unsigned char>(b[at++]);
    if ((marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) continue;  // no length
    if (marker == 0xD8 || marker == 0xD9 || marker == 0x00) return corrupt("dấu đoạn không đúng chỗ");
    if (at + 2 > b.size()) return corrupt("hết tệp giữa chừng");
    const std::size_t length = be16(b, at);
    if (length < 2 || at + length > b.size()) return corrupt("một đoạn vượt quá cuối tệp");
    const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    if (sof) {
      if (length < 8) return corrupt("phần đầu khung ảnh quá ngắn");
      facts.height = be16(b, at + 3);
      facts.width = be16(b, at + 5);
      frame = true;
    }
    if (marker == 0xE0 && length >= 14 && b.substr(at + 2, 5) == std::string_view("JFIF\0", 5)) {
      const unsigned units = static_cast<unsigned char>(b[at + 9]);
      const double x = be16(b, at + 10), y = be16(b, at + 12);
      const double scale = units == 1 ? 1.0 : units == 2 ? 2.54 : 0.0;
      if (scale > 0 && x >= 1 && y >= 1) {
        facts.dpi_x = x * scale;
        facts.dpi_y = y * scale;
      }
    }
    if (marker == 0xE1 && length >= 8 && b.substr(at + 2, 6) == std::string_view("Exif\0\0", 6)) {
      const int orientation = exif_orientation(b.substr(at + 8, length - 8));
      if (orientation > 1) {
        code = "image_orientation";
        why = "ảnh JPEG ghi trong EXIF rằng phải xoay hay lật khi xem (hướng " + std::to_string(orientation) +
              ", thường là ảnh chụp dọc bằng điện thoại), nhưng Word không áp dụng điều đó nên ảnh sẽ hiện bị xoay; "
              "hãy xoay ảnh cho đúng chiều rồi lưu lại (hoặc lưu thành PNG) và gửi lại";
        return std::nullopt;
      }
    }
    if (marker == 0xDA) {  // start of scan: the entropy-coded data runs to EOI
      if (!frame) return corrupt("không có phần đầu khung ảnh (SOF)");
      if (facts.width == 0 || facts.height == 0) return corrupt("kích thước bằng 0");
      const std::size_t end = b.rfind("\xFF\xD9");
      if (end == std::string_view::npos || end < at + length) return corrupt("không có dấu kết thúc EOI");
      return facts;
    }
    at += length;
  }
}

//! A name of a file next to the data or in the request, as the value gives it: plain relative
//! segments only. nullptr when fine, else why not.
const char* file_name_refusal(std::string_view name) {
  if (name.empty()) return "tên tệp rỗng";
  if (name.size() > 255) return "tên tệp dài quá 255 byte";
  if (!text::is_valid_utf8(name)) return "tên tệp không phải UTF-8 hợp lệ";
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7f || c == '\\' || c == ':') return "tên tệp chứa ký tự điều khiển, “\\” hay “:”";
  if (name.front() == '/') return "tên tệp là đường dẫn tuyệt đối";
  std::size_t at = 0;
  while (at <= name.size()) {
    std::size_t slash = name.find('/', at);
    std::string_view segment = name.substr(at, slash == std::string_view::npos ? std::string_view::npos : slash - at);
    if (segment.empty() || segment == "." || segment == "..") return "tên tệp có “..”, “.” hay “//”, đi ra ngoài thư mục";
    if (slash == std::string_view::npos) break;
    at = slash + 1;
  }
  return nullptr;
}

//! The value of attribute `name` (any prefix) in the start tag `tag` ("<w:pgSz w:w=\"11906\" …"), or -1.
std::int64_t attribute_number(std::string_view tag, std::string_view name) {
  for (std::size_t at = 0; (at = tag.find(name, at)) != std::string_view::npos; at += name.size()) {
    const char before = at > 0 ? tag[at - 1] : ' ';
    if ((before != ':' && before != ' ') || tag.substr(at + name.size(), 2) != "=\"") continue;
    std::int64_t value = 0;
    const char* first = tag.data() + at + name.size() + 2;
    auto parsed = std::from_chars(first, tag.data() + tag.size(), value);
    if (parsed.ec == std::errc()) return value < 0 ? -value : value;
  }
  return -1;
}

//! The start tag of the last element whose local name is `local` ("pgSz") in `xml`.
std::string_view last_start_tag(std::string_view xml, std::string_view local) {
  for (std::size_t at = xml.size(); at > 0;) {
    at = xml.rfind(local, at - 1);
    if (at == std::string_view::npos || at == 0) return {};
    const char before = xml[at - 1];
    const char after = at + local.size() < xml.size() ? xml[at + local.size()] : '>';
    if ((before == ':' || before == '<') && (after == ' ' || after == '/' || after == '>')) {
      std::size_t open = xml.rfind('<', at);
      std::size_t close = xml.find('>', at);
      if (open == std::string_view::npos || close == std::string_view::npos) return {};
      return xml.substr(open, close - open);
    }
  }
  return {};
}

//! The qualified name of a part's root element and where its end goes: `content` with
//! `insertion` added as the root's last children (a self-closed root is opened). Unchanged
//! when the part is not XML the engine reads.
std::string insert_in_root(const std::string& name, const std::string& content, const std::string& insertion) {
  std::vector<TemplateIssue> ignored;
  XmlDocument doc = parse_part(content, name, ignored);
  if (!doc) return content;
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  const std::string q = qualified_name(root);
  const std::size_t end = content.rfind("</" + q);
  if (end != std::string::npos) {
    std::string out = content;
    out.insert(end, insertion);
    return out;
  }
  // <Relationships xmlns="…"/>: the root's start tag closes itself.
  for (std::size_t at = content.find("<" + q); at != std::string::npos; at = content.find("<" + q, at + 1)) {
    const char after = at + 1 + q.size() < content.size() ? content[at + 1 + q.size()] : '\0';
    if (after != ' ' && after != '/' && after != '\t' && after != '\r' && after != '\n') continue;
    char quote = 0;
    for (std::size_t k = at + 1 + q.size(); k < content.size(); ++k) {
      const char c = content[k];
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '>') {
        if (content[k - 1] != '/') return content;  // not self-closed, yet no end tag: leave it
        return content.substr(0, k - 1) + ">" + insertion + "</" + q + ">" + content.substr(k + 1);
      }
    }
    return content;
  }
  return content;
}

//! Whether a relationships part's types are strict OOXML's (true) or transitional's (false);
//! nullopt when it names neither (or is not XML).
std::optional<bool> strict_relationships(const std::string& name, const std::string& rels) {
  std::vector<TemplateIssue> ignored;
  XmlDocument doc = parse_part(rels, name, ignored);
  if (!doc) return std::nullopt;
  for (xmlNode* rel = xmlDocGetRootElement(doc.get())->children; rel; rel = rel->next) {
    if (rel->type != XML_ELEMENT_NODE) continue;
    xmlChar* type = xmlGetProp(rel, reinterpret_cast<const xmlChar*>("Type"));
    const std::string_view text = type ? reinterpret_cast<const char*>(type) : "";
    std::optional<bool> strict;
    if (text.starts_with(kStrictRelationships) && text.substr(kStrictRelationships.size()).starts_with("/")) strict = true;
    if (text.starts_with(kTransitionalRelationships) && text.substr(kTransitionalRelationships.size()).starts_with("/")) strict = false;
    xmlFree(type);
    if (strict) return strict;
  }
  return std::nullopt;
}

std::string folder_of(std::string_view name) {
  const std::size_t slash = name.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(name.substr(0, slash + 1));
}

//! The nearest element w:`local` holding `n`, `n` itself excluded.
const xmlNode* w_ancestor(const xmlNode* n, const char* local) { return n ? enclosing_w(n->parent, local) : nullptr; }

//! The attribute `name` (w:w, w:val) of `n` as a whole number (twips for a width, a count for
//! w:gridSpan), or -1 when `n` or the attribute is absent or not a plain number.
std::int64_t twips_of(const xmlNode* n, const char* name) {
  if (!n) return -1;
  xmlChar* value = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::int64_t number = -1;
  if (value) {
    const std::string_view text(reinterpret_cast<const char*>(value));
    std::int64_t parsed = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), parsed);
    if (error == std::errc() && end == text.data() + text.size() && parsed >= 0) number = parsed;
  }
  xmlFree(value);
  return number;
}

//! Whether the width element `n` (w:tcW, w:left…) is in twips: w:type="dxa", or no w:type
//! unless `type_required`.
bool in_twips(const xmlNode* n, bool type_required) {
  xmlChar* type = xmlGetProp(n, reinterpret_cast<const xmlChar*>("type"));
  const bool dxa = type ? std::strcmp(reinterpret_cast<const char*>(type), "dxa") == 0 : !type_required;
  xmlFree(type);
  return dxa;
}

//! One side's margin in a w:tcMar or w:tblCellMar (w:left or w:start, w:right or w:end), or -1.
std::int64_t margin_of(const xmlNode* margins, const char* side, const char* logical_side) {
  const xmlNode* m = w_child(margins, side);
  if (!m) m = w_child(margins, logical_side);
  return m && in_twips(m, false) ? twips_of(m, "w") : -1;
}

//! The grid columns a cell's row puts before `cell` (w:gridBefore, then each earlier cell's
//! w:gridSpan) added to `column`, counting the cells of `parent` (the row) in order, inside w:sdt
//! and w:customXml too; false when `cell` is not among them.
bool columns_before(const xmlNode* parent, const xmlNode* cell, std::int64_t& column) {
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_w(c, "tc")) {
      if (c == cell) return true;
      const std::int64_t span = twips_of(w_child(w_child(c, "tcPr"), "gridSpan"), "val");
      column += span > 0 ? span : 1;
    } else if (is_w(c, "sdt") || is_w(c, "sdtContent") || is_w(c, "customXml")) {
      if (columns_before(c, cell, column)) return true;
    }
  }
  return false;
}

//! cell_text_width of the cell `cell` alone: 0 when neither its w:tcW nor its grid says.
std::int64_t known_cell_width(const xmlNode* cell) {
  const xmlNode* properties = w_child(cell, "tcPr");
  std::int64_t width = -1;
  if (const xmlNode* preferred = w_child(properties, "tcW"); preferred && in_twips(preferred, true))
    width = twips_of(preferred, "w");
  const xmlNode* row = w_ancestor(cell, "tr");
  const xmlNode* table = w_ancestor(row, "tbl");
  if (width <= 0 && row && table) {  // the table's grid, the columns the cell spans
    std::int64_t column = std::max<std::int64_t>(0, twips_of(w_child(w_child(row, "trPr"), "gridBefore"), "val"));
    const std::int64_t span = std::max<std::int64_t>(1, twips_of(w_child(properties, "gridSpan"), "val"));
    if (columns_before(row, cell, column)) {
      std::int64_t index = 0, sum = 0, counted = 0;
      const xmlNode* grid = w_child(table, "tblGrid");
      for (const xmlNode* c = grid ? grid->children : nullptr; c; c = c->next) {
        if (!is_w(c, "gridCol")) continue;
        if (index >= column && index < column + span) {
          const std::int64_t w = twips_of(c, "w");
          if (w < 0) break;
          sum += w;
          ++counted;
        }
        ++index;
      }
      if (counted == span && sum > 0) width = sum;
    }
  }
  if (width <= 0) return 0;
  // The cell's margins, else the table's, else Word's default of 0.19 cm a side.
  const xmlNode* cell_margins = w_child(properties, "tcMar");
  const xmlNode* table_margins = table ? w_child(w_child(table, "tblPr"), "tblCellMar") : nullptr;
  std::int64_t margins = 0;
  for (const auto& [side, logical] : {std::pair{"left", "start"}, std::pair{"right", "end"}}) {
    std::int64_t margin = margin_of(cell_margins, side, logical);
    if (margin < 0) margin = margin_of(table_margins, side, logical);
    margins += margin < 0 ? kDefaultCellMargin : margin;
  }
  return width > margins ? (width - margins) * kEmuPerTwip : 0;
}

}  // namespace

std::int64_t cell_text_width(const xmlNode* t) {
  for (const xmlNode* cell = w_ancestor(t, "tc"); cell; cell = w_ancestor(cell, "tc"))
    if (const std::int64_t width = known_cell_width(cell)) return width;
  return 0;
}

void center_paragraph(xmlNode* p) {
  xmlNode* properties = nullptr;
  for (xmlNode* c = p->children; c && !properties; c = c->next)
    if (is_w(c, "pPr")) properties = c;
  if (!properties) {
    properties = xmlNewNode(p->ns, reinterpret_cast<const xmlChar*>("pPr"));
    if (p->children) xmlAddPrevSibling(p->children, properties);
    else xmlAddChild(p, properties);
  }
  for (xmlNode* c = properties->children; c; c = c->next) {
    if (!is_w(c, "jc")) continue;
    xmlSetNsProp(c, p->ns, reinterpret_cast<const xmlChar*>("val"), reinterpret_cast<const xmlChar*>("center"));
    return;
  }
  xmlNode* jc = xmlNewNode(p->ns, reinterpret_cast<const xmlChar*>("jc"));
  xmlNewNsProp(jc, p->ns, reinterpret_cast<const xmlChar*>("val"), reinterpret_cast<const xmlChar*>("center"));
  // w:jc comes before these in CT_PPr; after everything else.
  xmlNode* before = nullptr;
  for (xmlNode* c = properties->children; c && !before; c = c->next)
    for (const char* later : {"textDirection", "textAlignment", "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr",
                              "sectPr", "pPrChange"})
      if (is_w(c, later)) before = c;
  if (before) xmlAddPrevSibling(before, jc);
  else xmlAddChild(properties, jc);
}

std::optional<ImageFacts> read_image_facts(std::string_view bytes, std::string& code, std::string& why) {
  if (bytes.starts_with("\x89PNG\r\n\x1a\n")) return read_png(bytes, code, why);
  if (bytes.size() >= 3 && static_cast<unsigned char>(bytes[0]) == 0xFF && static_cast<unsigned char>(bytes[1]) == 0xD8 &&
      static_cast<unsigned char>(bytes[2]) == 0xFF)
    return read_jpeg(bytes, code, why);
  code = "unsupported_image";
  if (const char* other = other_format(bytes))
    why = std::string("đây là tệp ") + other + ", không phải ảnh PNG hay JPEG";
  else
    why = "nội dung không phải ảnh PNG hay JPEG";
  return std::nullopt;
}

bool decode_base64(std::string_view text, std::string& out, std::size_t max_bytes, bool& too_large) {
  too_large = false;
  static const auto table = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    return t;
  }();
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  std::size_t symbols = 0, padding = 0;
  for (char c : text) {
    if (blank(c)) continue;
    if (c == '=') {
      ++padding;
      continue;
    }
    if (padding || table[static_cast<unsigned char>(c)] < 0) return false;  // nothing after "=", nothing outside the alphabet
    ++symbols;
  }
  if (padding > 2 || symbols % 4 == 1 || (padding && (symbols + padding) % 4 != 0)) return false;
  const std::size_t size = symbols / 4 * 3 + (symbols % 4 == 0 ? 0 : symbols % 4 - 1);
  if (size > max_bytes) {
    too_large = true;
    return false;
  }
  out.clear();
  out.reserve(size);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    const signed char v = table[static_cast<unsigned char>(c)];
    if (v < 0) continue;
    buffer = (buffer << 6) | static_cast<std::uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return true;
}

std::shared_ptr<const ImagePlan> plan_images(const std::vector<ZipEntry>& entries, const std::vector<int>& program_of_entry,
                                             const std::vector<Program>& programs, const ZipLimits& limits) {
  bool any = false;
  for (const Program& program : programs) any = any || !program.images.empty();
  if (!any) return nullptr;
  auto plan = std::make_shared<ImagePlan>();
  for (const ZipEntry& entry : entries) plan->names_lower.insert(ascii_lower(entry.name));
  auto inflated = [&](const ZipEntry& entry) -> std::string {
    try {
      return zip_inflate(entry, limits);
    } catch (const ZipError&) {
      return {};
    }
  };
  const std::string main = main_part_name(entries, limits);
  // A strict package's pictures are strict too: its relationships say which it is.
  bool package_strict = false;
  for (const ZipEntry& entry : entries)
    if (entry.name == "_rels/.rels") package_strict = strict_relationships(entry.name, inflated(entry)).value_or(false);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const ZipEntry& entry = entries[i];
    if (entry.name == main) {  // the page's text area bounds every image
      const std::string content = inflated(entry);
      const std::string_view size = last_start_tag(content, "pgSz"), margins = last_start_tag(content, "pgMar");
      const std::int64_t w = attribute_number(size, "w"), h = attribute_number(size, "h");
      const std::int64_t left = attribute_number(margins, "left"), right = attribute_number(margins, "right");
      const std::int64_t top = attribute_number(margins, "top"), bottom = attribute_number(margins, "bottom");
      if (w > 0 && left >= 0 && right >= 0 && (w - left - right) * kEmuPerTwip >= kEmuPerCm)
        plan->max_cx = (w - left - right) * kEmuPerTwip;
      if (h > 0 && top >= 0 && bottom >= 0 && (h - top - bottom) * kEmuPerTwip >= kEmuPerCm)
        plan->max_cy = (h - top - bottom) * kEmuPerTwip;
    }
    if (program_of_entry[i] < 0 || programs[static_cast<std::size_t>(program_of_entry[i])].images.empty()) continue;
    ImagePlan::Part part;
    part.name = entry.name;
    const std::string folder = folder_of(entry.name);
    part.rels = folder + "_rels/" + entry.name.substr(folder.size()) + ".rels";
    part.media_target = folder == "word/" ? "media/" : "/word/media/";
    part.strict = package_strict;
    for (const ZipEntry& other : entries) {
      if (other.name != part.rels) continue;
      part.rels_exists = true;
      std::vector<TemplateIssue> ignored;
      const std::string rels = inflated(other);
      part.strict = strict_relationships(other.name, rels).value_or(package_strict);
      XmlDocument doc = parse_part(rels, other.name, ignored);
      if (!doc) break;
      for (xmlNode* rel = xmlDocGetRootElement(doc.get())->children; rel; rel = rel->next) {
        if (rel->type != XML_ELEMENT_NODE) continue;
        xmlChar* id = xmlGetProp(rel, reinterpret_cast<const xmlChar*>("Id"));
        if (id) part.ids.insert(reinterpret_cast<const char*>(id));
        xmlFree(id);
      }
    }
    plan->part_of_entry[i] = plan->parts.size();
    plan->parts.push_back(std::move(part));
  }
  return plan;
}

ImageRender::ImageRender(const ImagePlan& plan, const RenderOptions& options, DrawingIds& drawings)
    : plan_(plan), limits_(options.image_limits), files_(options.image_files), rels_(plan.parts.size()), drawings_(drawings) {}

bool ImageRender::take_bytes(std::string bytes, Reading& reading, std::string& code, std::string& why) {
  if (bytes.size() > limits_.max_bytes) {
    code = "image_too_large";
    why = "ảnh nặng hơn " + size_text(limits_.max_bytes) + " (giới hạn mỗi ảnh); hãy thu nhỏ ảnh";
    return false;
  }
  if (auto found = media_by_bytes_.find(bytes); found != media_by_bytes_.end()) {
    reading.media = found->second;
    return true;
  }
  std::optional<ImageFacts> facts = read_image_facts(bytes, code, why);
  if (!facts) return false;
  if (facts->width > limits_.max_side || facts->height > limits_.max_side ||
      std::uint64_t{facts->width} * facts->height > limits_.max_pixels) {
    code = "image_dimensions";
    why = "ảnh " + number(facts->width) + " × " + number(facts->height) + " điểm ảnh, quá giới hạn " + number(limits_.max_side) +
          " điểm mỗi chiều và " + number(limits_.max_pixels) + " điểm ảnh tất cả; hãy thu nhỏ ảnh";
    return false;
  }
  if (media_.size() >= limits_.max_images) {
    code = "too_many_images";
    why = "văn bản đã có " + number(limits_.max_images) + " ảnh khác nhau, quá giới hạn một văn bản";
    return false;
  }
  if (total_bytes_ + bytes.size() > limits_.max_total_bytes) {
    code = "images_too_large";
    why = "các ảnh của văn bản cộng lại nặng hơn " + size_text(limits_.max_total_bytes) + " (giới hạn một văn bản)";
    return false;
  }
  total_bytes_ += bytes.size();
  const char* extension = facts->format == ImageFacts::Format::png ? "png" : "jpeg";
  std::string name;
  for (std::size_t k = media_.size() + 1;; ++k) {
    name = "word/media/image" + std::to_string(k) + "." + extension;
    if (!plan_.names_lower.count(name) &&
        std::none_of(media_.begin(), media_.end(), [&](const Media& m) { return m.name == name; }))
      break;
  }
  media_.push_back({std::move(name), std::move(bytes), *facts});
  reading.media = media_.size() - 1;
  media_by_bytes_.emplace(media_.back().bytes, reading.media);
  return true;
}

bool ImageRender::read(const json& value, Reading& reading, std::string& code, std::string& why) {
  auto invalid = [&](std::string what) {
    code = "invalid_image_value";
    why = std::move(what);
    return false;
  };
  const json* data = nullptr;
  const json* file = nullptr;
  double width_cm = 0, height_cm = 0;
  if (value.is_string()) {
    data = &value;
  } else if (value.is_object()) {
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string& key = it.key();
      const json& member = it.value();
      if (key == "data" || key == "file") {
        if (!member.is_string()) return invalid("“" + key + "” phải là một chuỗi");
        (key == "data" ? data : file) = &member;
      } else if (key == "width_cm" || key == "height_cm") {
        if (!member.is_number() || !(member.get<double>() > 0) || member.get<double>() > 100)
          return invalid("“" + key + "” phải là một số lớn hơn 0 và không quá 100 (xentimét)");
        (key == "width_cm" ? width_cm : height_cm) = member.get<double>();
      } else if (key == "alt") {
        if (!member.is_string()) return invalid("“alt” (lời mô tả ảnh) phải là một chuỗi");
        reading.alt = member.get<std::string>();
      } else {
        return invalid("trường “" + std::string(text::is_valid_utf8(key) ? key.substr(0, 60) : "?") +
                       "” không dùng được; ảnh là {\"data\": \"<base64>\"} hoặc {\"file\": \"<tên tệp>\"}, với width_cm, "
                       "height_cm, alt nếu cần");
      }
    }
    if (data && file) return invalid("chỉ được có một trong hai trường “data” và “file”");
    if (!data && !file) return invalid("thiếu trường “data” (ảnh dạng base64) hoặc “file” (tên tệp ảnh gửi kèm)");
  } else {
    return invalid("giá trị của thẻ ảnh phải là chuỗi base64 của ảnh PNG/JPEG hoặc một đối tượng {\"data\": …} / {\"file\": …}");
  }

  if (file) {
    const std::string& name = file->get_ref<const std::string&>();
    if (const char* refusal = file_name_refusal(name)) {
      code = "unsafe_file_name";
      why = std::string(refusal) + "; chỉ dùng được tên một tệp gửi kèm";
      return false;
    }
    auto known = files_read_.find(name);
    if (known == files_read_.end()) {
      FileReading file_reading;
      std::optional<std::string> bytes = files_ ? files_(name, limits_.max_bytes) : std::nullopt;
      if (!bytes) {
        file_reading.code = "image_file_not_found";
        file_reading.why = "không có tệp “" + name.substr(0, 200) + "” gửi kèm dữ liệu";
      } else {
        file_reading.ok = take_bytes(std::move(*bytes), reading, file_reading.code, file_reading.why);
        file_reading.media = reading.media;
      }
      known = files_read_.emplace(name, std::move(file_reading)).first;
    }
    if (!known->second.ok) {
      code = known->second.code;
      why = known->second.why;
      return false;
    }
    reading.media = known->second.media;
  } else {
    std::string_view text = data->get_ref<const std::string&>();
    if (text.starts_with("data:")) {
      const std::size_t comma = text.find(',');
      const std::string header = comma == std::string_view::npos ? std::string() : ascii_lower(text.substr(5, comma - 5));
      if (header != "image/png;base64" && header != "image/jpeg;base64" && header != "image/jpg;base64") {
        code = "unsupported_image";
        why = "địa chỉ data: phải là “data:image/png;base64,…” hoặc “data:image/jpeg;base64,…”";
        return false;
      }
      text.remove_prefix(comma + 1);
    }
    std::string bytes;
    bool too_large = false;
    if (!decode_base64(text, bytes, limits_.max_bytes, too_large)) {
      if (too_large) {
        code = "image_too_large";
        why = "ảnh nặng hơn " + size_text(limits_.max_bytes) + " (giới hạn mỗi ảnh); hãy thu nhỏ ảnh";
      } else {
        code = "invalid_base64";
        why = "chuỗi base64 không hợp lệ (chỉ gồm A–Z, a–z, 0–9, +, / và “=” ở cuối)";
      }
      return false;
    }
    if (!take_bytes(std::move(bytes), reading, code, why)) return false;
  }

  // The size: the data's, else the image's own at its DPI; one given keeps the aspect ratio.
  // place() keeps it within the cell and the text area.
  const ImageFacts& facts = media_[reading.media].facts;
  const double natural_w = facts.width / facts.dpi_x * 2.54, natural_h = facts.height / facts.dpi_y * 2.54;
  double w = natural_w, h = natural_h;
  if (width_cm > 0 && height_cm > 0) {
    w = width_cm;
    h = height_cm;
  } else if (width_cm > 0) {
    w = width_cm;
    h = width_cm * natural_h / natural_w;
  } else if (height_cm > 0) {
    h = height_cm;
    w = height_cm * natural_w / natural_h;
  }
  reading.cx = w * kEmuPerCm;
  reading.cy = h * kEmuPerCm;
  reading.ok = true;
  return true;
}

const std::string& ImageRender::relationship(std::size_t part, std::size_t media) {
  auto& made = rels_[part];
  for (const auto& [m, id] : made)
    if (m == media) return id;
  std::string id;
  for (std::size_t n = made.size() + 1;; ++n) {
    id = "rIdImg" + std::to_string(n);
    const bool taken = plan_.parts[part].ids.count(id) ||
                       std::any_of(made.begin(), made.end(), [&](const auto& r) { return r.second == id; });
    if (!taken) break;
  }
  made.emplace_back(media, std::move(id));
  return made.back().second;
}

ImageRender::Placed ImageRender::place(const json& value, std::size_t entry, std::string_view prefix, std::int64_t max_cx,
                                       std::string& out, std::string& code, std::string& why) {
  auto found = readings_.find(&value);
  if (found == readings_.end()) {
    Reading reading;
    const bool ok = read(value, reading, code, why);
    found = readings_.emplace(&value, std::move(reading)).first;
    if (!ok) return Placed::refused;
  } else if (!found->second.ok) {
    return Placed::refused_before;
  }
  const Reading& reading = found->second;
  const std::size_t part = plan_.part_of_entry.at(entry);
  const std::string& id = relationship(part, reading.media);
  const Media& media = media_[reading.media];
  const std::string docpr = std::to_string(drawings_.fresh());
  // Never past the cell or the text area: scaled down whole, the aspect ratio kept.
  double width = reading.cx, height = reading.cy;
  const double widest = static_cast<double>(max_cx > 0 ? std::min(max_cx, plan_.max_cx) : plan_.max_cx);
  if (width > widest) {
    height *= widest / width;
    width = widest;
  }
  if (height > static_cast<double>(plan_.max_cy)) {
    width *= static_cast<double>(plan_.max_cy) / height;
    height = static_cast<double>(plan_.max_cy);
  }
  const std::string cx = std::to_string(std::max<std::int64_t>(1, std::llround(width)));
  const std::string cy = std::to_string(std::max<std::int64_t>(1, std::llround(height)));
  const std::string file = media.name.substr(media.name.rfind('/') + 1);
  const DrawingNamespaces& ns = plan_.parts[part].strict ? kStrictDrawing : kTransitionalDrawing;
  out.append("<").append(prefix).append("drawing>");
  out += std::string("<wp:inline xmlns:wp=\"") + ns.wp + "\" distT=\"0\" "
         "distB=\"0\" distL=\"0\" distR=\"0\"><wp:extent cx=\"" + cx + "\" cy=\"" + cy +
         "\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/><wp:docPr id=\"" + docpr + "\" name=\"Ảnh " + docpr + "\"";
  if (!reading.alt.empty()) {
    out += " descr=\"";
    xml::append_text(out, reading.alt, " ");
    out += '"';
  }
  out += std::string("/><wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"") + ns.a +
         "\" noChangeAspect=\"1\"/></wp:cNvGraphicFramePr><a:graphic xmlns:a=\"" + ns.a + "\">"
         "<a:graphicData uri=\"" + ns.pic + "\"><pic:pic xmlns:pic=\"" + ns.pic + "\"><pic:nvPicPr><pic:cNvPr id=\"0\" name=\"" +
         file + "\"/><pic:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></pic:cNvPicPr></pic:nvPicPr><pic:blipFill>"
         "<a:blip xmlns:r=\"" + std::string(ns.r) + "\" r:embed=\"" + id +
         "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"" + cx +
         "\" cy=\"" + cy + "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>"
         "</a:graphic></wp:inline>";
  out.append("</").append(prefix).append("drawing>");
  return Placed::written;
}

bool ImageRender::rewrites(const std::string& name) const {
  if (!used()) return false;
  if (name == "[Content_Types].xml") return true;
  for (std::size_t p = 0; p < plan_.parts.size(); ++p)
    if (plan_.parts[p].rels_exists && plan_.parts[p].rels == name && !rels_[p].empty()) return true;
  return false;
}

std::string ImageRender::rewritten(const std::string& name, const std::string& content) const {
  if (name == "[Content_Types].xml") {
    std::vector<TemplateIssue> ignored;
    XmlDocument doc = parse_part(content, name, ignored);
    if (!doc) return content;
    std::set<std::string> defaults;
    for (xmlNode* n = xmlDocGetRootElement(doc.get())->children; n; n = n->next) {
      if (n->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(n->name), "Default") != 0) continue;
      xmlChar* extension = xmlGetProp(n, reinterpret_cast<const xmlChar*>("Extension"));
      if (extension) defaults.insert(ascii_lower(reinterpret_cast<const char*>(extension)));
      xmlFree(extension);
    }
    std::string added;
    auto add = [&](const char* extension, const char* type) {
      if (defaults.insert(extension).second)
        added += std::string("<Default Extension=\"") + extension + "\" ContentType=\"" + type + "\"/>";
    };
    bool new_rels = false;
    for (std::size_t p = 0; p < plan_.parts.size(); ++p) new_rels = new_rels || (!plan_.parts[p].rels_exists && !rels_[p].empty());
    if (new_rels) add("rels", kRelsContentType);
    for (const Media& media : media_) add(media.facts.format == ImageFacts::Format::png ? "png" : "jpeg",
                                          media.facts.format == ImageFacts::Format::png ? "image/png" : "image/jpeg");
    return added.empty() ? content : insert_in_root(name, content, added);
  }
  for (std::size_t p = 0; p < plan_.parts.size(); ++p) {
    if (plan_.parts[p].rels != name || rels_[p].empty()) continue;
    std::string added;
    for (const auto& [media, id] : rels_[p])
      added += "<Relationship Id=\"" + id + "\" Type=\"" +
               std::string(plan_.parts[p].strict ? kStrictRelationships : kTransitionalRelationships) + "/image\" Target=\"" +
               plan_.parts[p].media_target +
               media_[media].name.substr(std::strlen("word/media/")) + "\"/>";
    return insert_in_root(name, content, added);
  }
  return content;
}

void ImageRender::add_parts(ZipWriter& writer, int compression_level) const {
  for (std::size_t p = 0; p < plan_.parts.size(); ++p) {
    if (plan_.parts[p].rels_exists || rels_[p].empty()) continue;
    std::string xml =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"></Relationships>";
    writer.add(plan_.parts[p].rels, rewritten(plan_.parts[p].rels, xml), compression_level);
  }
  for (const Media& media : media_) writer.add(media.name, media.bytes, 0);  // PNG and JPEG are compressed already
}

}  // namespace vanthu::engine
