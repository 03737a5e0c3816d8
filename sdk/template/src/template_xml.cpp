//! Parsing parts safely and escaping XML.
#include "template_xml.hpp"

#include <libxml/SAX2.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <cstring>
#include <mutex>

#include "vanthu/text.hpp"

namespace vanthu::engine {
namespace {

constexpr const char* kWordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
constexpr const char* kWordStrictNamespace = "http://purl.oclc.org/ooxml/wordprocessingml/main";

void init_libxml() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

//! Whether the prolog (before the root element) declares a document type. Checked on the bytes
//! before libxml2 sees them, so an internal subset is never even parsed.
bool declares_doctype(std::string_view xml) {
  std::size_t at = 0;
  if (xml.substr(0, 3) == "\xEF\xBB\xBF") at = 3;
  while (at < xml.size()) {
    char c = xml[at];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++at;
      continue;
    }
    if (xml.compare(at, 4, "<!--") == 0) {
      std::size_t end = xml.find("-->", at + 4);
      if (end == std::string_view::npos) return false;
      at = end + 3;
      continue;
    }
    if (xml.compare(at, 2, "<?") == 0) {
      std::size_t end = xml.find("?>", at + 2);
      if (end == std::string_view::npos) return false;
      at = end + 2;
      continue;
    }
    return xml.compare(at, 9, "<!DOCTYPE") == 0;
  }
  return false;
}

//! The first error libxml2 raises while parsing (it goes on after a fatal one, so the last
//! error is usually a consequence, not the cause). A fatal (well-formedness) error outranks an
//! earlier plain one such as an undeclared namespace prefix.
struct FirstError {
  bool seen = false;
  bool fatal = false;
  int line = 0;
  std::string message;
  bool doctype = false;  //!< a document type declaration was met (and parsing stopped there)
  std::size_t elements = 0;      //!< elements started so far, and their attributes
  std::size_t max_elements = 0;  //!< past it parsing stops (too_many)
  bool too_many = false;
};

//! SAX hook for each element: counts it and its attributes, and stops the parser before
//! building the one that passes the limit (the tree never grows beyond it).
void count_element(void* context, const xmlChar* local_name, const xmlChar* prefix, const xmlChar* uri,
                   int namespace_count, const xmlChar** namespaces, int attribute_count, int defaulted_count,
                   const xmlChar** attributes) {
  auto* parser = static_cast<xmlParserCtxtPtr>(context);
  auto* first = static_cast<FirstError*>(parser->_private);
  if (first && (first->elements += 1 + static_cast<std::size_t>(std::max(attribute_count, 0))) > first->max_elements) {
    first->too_many = true;
    xmlStopParser(parser);
    return;
  }
  xmlSAX2StartElementNs(context, local_name, prefix, uri, namespace_count, namespaces, attribute_count, defaulted_count,
                        attributes);
}

//! SAX hook for "<!DOCTYPE": stop before the internal subset is read. Catches what the byte scan
//! cannot see, e.g. a part encoded in UTF-16.
void refuse_doctype(void* context, const xmlChar*, const xmlChar*, const xmlChar*) {
  auto* parser = static_cast<xmlParserCtxtPtr>(context);
  if (auto* first = static_cast<FirstError*>(parser->_private)) first->doctype = true;
  xmlStopParser(parser);
}

void keep_first_error(void* context, xmlErrorPtr error) {
  auto* parser = static_cast<xmlParserCtxtPtr>(context);
  auto* first = parser ? static_cast<FirstError*>(parser->_private) : nullptr;
  if (!first || !error || error->level < XML_ERR_ERROR) return;
  bool fatal = error->level == XML_ERR_FATAL;
  if (first->seen && (first->fatal || !fatal)) return;
  first->seen = true;
  first->fatal = fatal;
  first->line = error->line;
  first->message = error->message ? error->message : "";
}

std::string trimmed(const char* message) {
  std::string s = message ? message : "";
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

TemplateIssue xml_issue(std::string_view part, int line, const std::string& detail) {
  TemplateIssue issue;
  issue.code = "xml";
  issue.part = std::string(part);
  issue.message = "Phần " + std::string(part) + " không phải XML hợp lệ (dòng " + std::to_string(line) + "): " + detail;
  return issue;
}

TemplateIssue dtd_issue(std::string_view part) {
  TemplateIssue issue;
  issue.code = "dtd";
  issue.part = std::string(part);
  issue.message = "Phần " + std::string(part) +
                  " có khai báo DOCTYPE (DTD); mẫu DOCX không được dùng DTD vì lý do an toàn.";
  return issue;
}

}  // namespace

namespace {

bool blank(const xmlChar* text) {
  for (const xmlChar* c = text; c && *c; ++c)
    if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r') return false;
  return true;
}

bool has_element_child(const xmlNode* node) {
  for (const xmlNode* c = node->children; c; c = c->next)
    if (c->type == XML_ELEMENT_NODE) return true;
  return false;
}

void compact(xmlNode* node) {
  for (xmlNode* c = node->children; c;) {
    xmlNode* next = c->next;
    bool indentation = c->type == XML_TEXT_NODE && blank(c->content) && has_element_child(node);
    if (c->type == XML_COMMENT_NODE || indentation) {
      xmlUnlinkNode(c);
      xmlFreeNode(c);
    } else if (c->type == XML_ELEMENT_NODE) {
      compact(c);
    }
    c = next;
  }
}

}  // namespace

std::string compact_xml(std::string_view xml, std::string_view part, std::vector<TemplateIssue>& issues) {
  XmlDocument doc = parse_part(xml, part, issues);
  if (!doc) return {};
  for (xmlNode* n = doc->children; n;) {  // comments before or after the root element
    xmlNode* next = n->next;
    if (n->type == XML_COMMENT_NODE) {
      xmlUnlinkNode(n);
      xmlFreeNode(n);
    }
    n = next;
  }
  if (xmlNode* root = xmlDocGetRootElement(doc.get())) compact(root);
  xmlChar* bytes = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc.get(), &bytes, &size, "UTF-8");
  std::string out(reinterpret_cast<const char*>(bytes), static_cast<std::size_t>(size));
  xmlFree(bytes);
  return out;
}

XmlDocument parse_part(std::string_view xml, std::string_view part, std::vector<TemplateIssue>& issues,
                       std::size_t max_elements) {
  init_libxml();
  if (declares_doctype(xml)) {
    issues.push_back(dtd_issue(part));
    return nullptr;
  }
  if (xml.size() > static_cast<std::size_t>(INT_MAX)) {
    issues.push_back(xml_issue(part, 0, "phần quá lớn"));
    return nullptr;
  }
  xmlParserCtxtPtr context = xmlNewParserCtxt();
  if (!context) throw std::bad_alloc();
  FirstError first;
  first.max_elements = max_elements;
  context->_private = &first;
  context->sax->serror = keep_first_error;
  context->sax->internalSubset = refuse_doctype;
  context->sax->startElementNs = count_element;
  XmlDocument doc(xmlCtxtReadMemory(context, xml.data(), static_cast<int>(xml.size()), "part.xml", nullptr,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
  if (first.too_many) {
    xmlFreeParserCtxt(context);
    TemplateIssue issue;
    issue.code = "too_many_elements";
    issue.part = std::string(part);
    issue.message = "Phần " + std::string(part) + " có quá nhiều phần tử và thuộc tính XML (hơn " +
                    text::group_thousands(static_cast<std::int64_t>(std::min<std::size_t>(max_elements, INT64_MAX))) +
                    "), không văn bản nào cần lớn như vậy: hãy bỏ bớt nội dung hoặc tách thành nhiều mẫu rồi gửi lại.";
    issues.push_back(std::move(issue));
    return nullptr;
  }
  if (first.doctype) {
    xmlFreeParserCtxt(context);
    issues.push_back(dtd_issue(part));
    return nullptr;
  }
  if (!doc || !context->wellFormed || !context->nsWellFormed) {
    const xmlError* last = xmlCtxtGetLastError(context);
    if (!first.seen && last) {
      first.seen = true;
      first.line = last->line;
      first.message = last->message ? last->message : "";
    }
    issues.push_back(xml_issue(part, first.line, first.seen ? trimmed(first.message.c_str()) : "không đọc được"));
    xmlFreeParserCtxt(context);
    return nullptr;
  }
  xmlFreeParserCtxt(context);
  if (doc->intSubset || doc->extSubset) {
    issues.push_back(dtd_issue(part));
    return nullptr;
  }
  if (!xmlDocGetRootElement(doc.get())) {
    issues.push_back(xml_issue(part, 1, "không có phần tử gốc"));
    return nullptr;
  }
  return doc;
}

bool is_w(const xmlNode* node, const char* local_name) {
  if (!node || node->type != XML_ELEMENT_NODE || !node->ns || !node->ns->href) return false;
  if (std::strcmp(reinterpret_cast<const char*>(node->name), local_name) != 0) return false;
  const char* href = reinterpret_cast<const char*>(node->ns->href);
  return std::strcmp(href, kWordNamespace) == 0 || std::strcmp(href, kWordStrictNamespace) == 0;
}

const xmlNode* w_child(const xmlNode* node, const char* local_name) {
  for (const xmlNode* c = node ? node->children : nullptr; c; c = c->next)
    if (is_w(c, local_name)) return c;
  return nullptr;
}

const xmlNode* enclosing_w(const xmlNode* node, const char* local_name) {
  for (; node && node->type == XML_ELEMENT_NODE; node = node->parent)
    if (is_w(node, local_name)) return node;
  return nullptr;
}

xmlNode* enclosing_w(xmlNode* node, const char* local_name) {
  return const_cast<xmlNode*>(enclosing_w(static_cast<const xmlNode*>(node), local_name));
}

std::string qualified_name(const xmlNode* node) {
  std::string name;
  if (node->ns && node->ns->prefix) {
    name = reinterpret_cast<const char*>(node->ns->prefix);
    name += ':';
  }
  name += reinterpret_cast<const char*>(node->name);
  return name;
}

void append_text_escaped(std::string& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* replacement = nullptr;
    switch (text[i]) {
      case '&': replacement = "&amp;"; break;
      case '<': replacement = "&lt;"; break;
      case '>': replacement = "&gt;"; break;
      case '\r': replacement = "&#13;"; break;
      default: continue;
    }
    out.append(text.data() + run, i - run);
    out += replacement;
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

void append_attribute_escaped(std::string& out, std::string_view text) {
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char* replacement = nullptr;
    switch (text[i]) {
      case '&': replacement = "&amp;"; break;
      case '<': replacement = "&lt;"; break;
      case '>': replacement = "&gt;"; break;
      case '"': replacement = "&quot;"; break;
      case '\t': replacement = "&#9;"; break;
      case '\n': replacement = "&#10;"; break;
      case '\r': replacement = "&#13;"; break;
      default: continue;
    }
    out.append(text.data() + run, i - run);
    out += replacement;
    run = i + 1;
  }
  out.append(text.data() + run, text.size() - run);
}

std::string child_text(const xmlNode* node) {
  std::string text;
  for (const xmlNode* c = node->children; c; c = c->next)
    if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
      text += reinterpret_cast<const char*>(c->content);
  return text;
}

}  // namespace vanthu::engine

namespace vanthu {

std::optional<TemplateIssue> check_part_xml(std::string_view part, std::string_view xml) {
  std::vector<TemplateIssue> issues;
  engine::XmlDocument doc = engine::parse_part(xml, part, issues);
  if (issues.empty()) return std::nullopt;
  return issues.front();
}

std::string compact_part_xml(std::string_view part, std::string_view xml) {
  std::vector<TemplateIssue> issues;
  std::string compacted = engine::compact_xml(xml, part, issues);
  if (!issues.empty()) throw TemplateError(std::move(issues));
  return compacted;
}

}  // namespace vanthu
