//! libxml2 glue for the template engine: safe parsing of one part, names of WordprocessingML
//! elements, and the escaping used when writing XML back out.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <libxml/tree.h>

#include "vanthu/template_engine.hpp"

namespace vanthu::engine {

struct XmlDocFree {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocument = std::unique_ptr<xmlDoc, XmlDocFree>;

//! Elements and attributes one part may have unless the caller says otherwise
//! (TemplateLimits::max_elements): the tree costs some 300 bytes for each, and 32 MiB of
//! "<w:p/>" is five million of them.
inline constexpr std::size_t kMaxXmlElements = TemplateLimits{}.max_elements;

//! Parses one part without network access, entity substitution or DTD. On failure returns null
//! and appends an "xml" (with libxml2's line) or "dtd" issue naming `part`, or
//! "too_many_elements" when the part has more than `max_elements` elements and attributes
//! (counted while libxml2 builds the tree, which stops there).
XmlDocument parse_part(std::string_view xml, std::string_view part, std::vector<TemplateIssue>& issues,
                       std::size_t max_elements = kMaxXmlElements);

//! Whether `node` is the WordprocessingML element `local_name` (transitional or strict).
bool is_w(const xmlNode* node, const char* local_name);
//! The first child of `node` that is the element w:`local_name`, or null (also for a null `node`).
const xmlNode* w_child(const xmlNode* node, const char* local_name);
//! The nearest element w:`local_name` holding `node`, itself included, or null.
xmlNode* enclosing_w(xmlNode* node, const char* local_name);
const xmlNode* enclosing_w(const xmlNode* node, const char* local_name);

//! "prefix:name" of an element or attribute as written in the source.
std::string qualified_name(const xmlNode* node);

//! Appends `text` escaped for element content (& < > and a CR kept as &#13;).
void append_text_escaped(std::string& out, std::string_view text);
//! Appends `text` escaped for a double-quoted attribute value.
void append_attribute_escaped(std::string& out, std::string_view text);

//! The part without comments and indentation whitespace (see vanthu::compact_part_xml); on
//! failure returns "" and appends the issue.
std::string compact_xml(std::string_view xml, std::string_view part, std::vector<TemplateIssue>& issues);

//! The text content of a node's children (text and CDATA), concatenated.
std::string child_text(const xmlNode* node);

}  // namespace vanthu::engine
