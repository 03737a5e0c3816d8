//! The allowlist a {@xml} value is held to (see template_fragment.hpp).
#include "template_fragment.hpp"

#include <algorithm>
#include <cstring>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "template_fields.hpp"
#include "template_xml.hpp"

namespace vanthu::engine {
namespace {

constexpr const char* kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kXmlNamespace = "http://www.w3.org/XML/1998/namespace";

//! WordprocessingML elements a value may hold anywhere below its top-level w:p and w:tbl.
const std::unordered_set<std::string_view>& allowed_elements() {
  static const std::unordered_set<std::string_view> names = {
      // paragraphs and their properties
      "p", "pPr", "pStyle", "keepNext", "keepLines", "pageBreakBefore", "widowControl", "numPr", "ilvl", "numId",
      "suppressLineNumbers", "pBdr", "top", "left", "bottom", "right", "start", "end", "between", "bar", "shd", "tabs",
      "tab", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct", "topLinePunct", "autoSpaceDE", "autoSpaceDN",
      "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind", "contextualSpacing", "mirrorIndents", "suppressOverlap",
      "jc", "textDirection", "textAlignment", "outlineLvl",
      // runs, their properties and content
      "r", "rPr", "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline",
      "shadow", "emboss", "imprint", "noProof", "vanish", "specVanish", "webHidden", "color", "w", "kern", "position",
      "sz", "szCs", "highlight", "u", "effect", "bdr", "fitText", "vertAlign", "rtl", "cs", "em", "lang",
      "eastAsianLayout", "t", "br", "cr", "sym", "noBreakHyphen", "softHyphen", "lastRenderedPageBreak", "ptab",
      "footnoteReference", "endnoteReference", "proofErr",
      // fields (their instructions are checked apart) and links to a bookmark
      "fldSimple", "fldChar", "instrText", "hyperlink",
      // tables
      "tbl", "tblPr", "tblStyle", "tblW", "tblInd", "tblBorders", "insideH", "insideV", "tl2br", "tr2bl", "tblLayout",
      "tblCellMar", "tblCellSpacing", "tblLook", "tblCaption", "tblDescription", "bidiVisual", "tblGrid", "gridCol",
      "tr", "trPr", "cantSplit", "trHeight", "tblHeader", "gridBefore", "gridAfter", "wBefore", "wAfter", "hidden",
      "tc", "tcPr", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "tcMar", "noWrap", "tcFitText", "vAlign",
      "hideMark"};
  return names;
}

constexpr const char* kAllowedFields[] = {"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION", "SEQ", "REF", "PAGEREF", "NOTEREF",
                                          "STYLEREF", "DATE", "TIME", "CREATEDATE", "SAVEDATE", "PRINTDATE", "SYMBOL",
                                          "QUOTE", "="};

bool in_namespace(const xmlNs* ns, const char* href) {
  return ns && ns->href && std::strcmp(reinterpret_cast<const char*>(ns->href), href) == 0;
}

bool blank(const xmlChar* text) {
  for (const xmlChar* c = text; c && *c; ++c)
    if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r') return false;
  return true;
}

std::string attribute_name(const xmlAttr* a) {
  std::string name;
  if (a->ns && a->ns->prefix) name = std::string(reinterpret_cast<const char*>(a->ns->prefix)) + ":";
  return name + reinterpret_cast<const char*>(a->name);
}

//! The first thing under `parent` outside the allowlist, "" when there is none.
std::string refused_content(const xmlNode* parent, bool top) {
  for (const xmlNode* node = parent->children; node; node = node->next) {
    if (node->type == XML_TEXT_NODE) {
      const bool text_allowed = is_w(parent, "t") || is_w(parent, "instrText");
      if (!text_allowed && !blank(node->content)) return "chữ nằm ngoài w:t";
      continue;
    }
    if (node->type != XML_ELEMENT_NODE) return "nội dung không phải phần tử hay chữ";
    const std::string name = qualified_name(node);
    if (!in_namespace(node->ns, kWordNamespace) ||
        !allowed_elements().count(std::string_view(reinterpret_cast<const char*>(node->name))))
      return "phần tử “" + name + "”";
    if (top && !is_w(node, "p") && !is_w(node, "tbl")) return "phần tử “" + name + "” ngoài một đoạn văn (w:p) hay bảng (w:tbl)";
    for (const xmlAttr* a = node->properties; a; a = a->next) {
      if (in_namespace(a->ns, kWordNamespace) || in_namespace(a->ns, kXmlNamespace)) continue;
      if (a->ns && a->ns->prefix && std::strcmp(reinterpret_cast<const char*>(a->ns->prefix), "r") == 0)
        return "tham chiếu “" + attribute_name(a) + "” (trên “" + name + "”) tới một tài nguyên của mẫu";
      return "thuộc tính “" + attribute_name(a) + "” (trên “" + name + "”)";
    }
    if (std::string inner = refused_content(node, false); !inner.empty()) return inner;
  }
  return {};
}

}  // namespace

FragmentVerdict check_fragment(std::string_view xml) {
  static constexpr std::string_view open =
      "<vanthu-fragment xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">";
  static constexpr std::string_view close = "</vanthu-fragment>";
  FragmentVerdict verdict;
  if (xml.find("<!") != std::string_view::npos || xml.find("<?") != std::string_view::npos) {
    verdict.kind = FragmentVerdict::Kind::malformed;
    return verdict;
  }
  std::string wrapped;
  wrapped.reserve(open.size() + xml.size() + close.size());
  wrapped.append(open).append(xml).append(close);
  std::vector<TemplateIssue> ignored;
  XmlDocument doc = parse_part(wrapped, "{@}", ignored);
  if (!doc) {
    verdict.kind = FragmentVerdict::Kind::malformed;
    return verdict;
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  verdict.reason = refused_content(root, true);
  if (verdict.reason.empty()) {
    const bool balanced = walk_fields(root, [&](const FieldInstruction& field) {
      if (!verdict.reason.empty()) return;
      const std::string name = field_name(field.text);
      if (field.name_nested) {
        verdict.reason = "một trường mà tên do trường khác tạo ra";
        return;
      }
      for (const char* allowed : kAllowedFields)
        if (name == allowed) return;
      std::size_t cut = std::min<std::size_t>(name.size(), 40);
      while (cut < name.size() && cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;
      verdict.reason = name.empty() ? std::string("một trường không có tên") : "trường " + name.substr(0, cut);
    });
    if (verdict.reason.empty() && !balanced)
      verdict.reason = "một trường không trọn (w:fldChar begin, separate, end và w:instrText phải nằm trọn trong giá trị)";
  }
  if (!verdict.reason.empty()) verdict.kind = FragmentVerdict::Kind::unsafe;
  return verdict;
}

const char* fragment_field_names() {
  return "PAGE, NUMPAGES, SECTIONPAGES, SECTION, SEQ, REF, PAGEREF, NOTEREF, STYLEREF, DATE, TIME, CREATEDATE, SAVEDATE, "
         "PRINTDATE, SYMBOL, QUOTE, =";
}

}  // namespace vanthu::engine
