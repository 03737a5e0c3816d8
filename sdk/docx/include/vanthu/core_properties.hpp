//! docProps/core.xml, the package's core properties (title, author, dates: what Word shows in
//! File > Info), written for each document issued.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace vanthu {

struct CoreProperties {
  std::string title;    //!< dc:title
  std::string creator;  //!< dc:creator and cp:lastModifiedBy
  std::string created;  //!< dcterms:created and dcterms:modified, W3CDTF (see w3cdtf_date_time)
};

//! docProps/core.xml for `properties`: dc:title, dc:creator, cp:lastModifiedBy (= creator),
//! dcterms:created and dcterms:modified (= created, written as given). Text is XML-escaped.
std::string core_properties_xml(const CoreProperties& properties);

//! A date or date-time as W3CDTF date-time: "2026-02-11T00:00:00Z" as is (offsets and fractions
//! allowed), a date "2026-02-11" as midnight UTC. nullopt when it is neither (or no such day).
std::optional<std::string> w3cdtf_date_time(std::string_view text);

}  // namespace vanthu
