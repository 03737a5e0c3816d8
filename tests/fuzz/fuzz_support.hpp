//! What both fuzz targets check of every document they render.
#pragma once

#include <libxml/parser.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace vanthu::fuzz {

//! Aborts (a finding) when libxml2 does not accept `xml` as well-formed, printing its start.
inline void require_well_formed(const std::string& xml) {
  xmlDocPtr doc = xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "out.xml", nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_HUGE);
  if (!doc) {
    std::fprintf(stderr, "rendered XML is not well-formed:\n%.*s\n", static_cast<int>(std::min<std::size_t>(xml.size(), 4000)),
                 xml.data());
    std::abort();
  }
  xmlFreeDoc(doc);
}

}  // namespace vanthu::fuzz
