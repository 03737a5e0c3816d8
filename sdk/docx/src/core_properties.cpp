//! docProps/core.xml (vanthu/core_properties.hpp).
#include "vanthu/core_properties.hpp"

#include "vanthu/date.hpp"
#include "vanthu/xml_text.hpp"

namespace vanthu {
namespace {

bool digits(std::string_view s, std::size_t pos, std::size_t count, int& value) {
  if (pos + count > s.size()) return false;
  value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<std::string> w3cdtf_date_time(std::string_view s) {
  int year = 0, month = 0, day = 0;
  if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, month) || s[7] != '-' ||
      !digits(s, 8, 2, day) || !Date::exists(year, month, day))
    return std::nullopt;
  if (s.size() == 10) return std::string(s) + "T00:00:00Z";
  int hour = 0, minute = 0, second = 0;
  if (s[10] != 'T' || !digits(s, 11, 2, hour) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, minute) || hour > 23 ||
      minute > 59)
    return std::nullopt;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(s, pos + 1, 2, second) || second > 59) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      std::size_t start = ++pos;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  std::string_view zone = s.substr(pos);
  int zone_hour = 0, zone_minute = 0;
  bool zone_ok = zone == "Z" || (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(zone, 1, 2, zone_hour) &&
                                  zone[3] == ':' && digits(zone, 4, 2, zone_minute) && zone_hour <= 23 && zone_minute <= 59);
  if (!zone_ok) return std::nullopt;
  return std::string(s);
}

std::string core_properties_xml(const CoreProperties& properties) {
  std::string xml =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<cp:coreProperties"
      " xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\""
      " xmlns:dc=\"http://purl.org/dc/elements/1.1/\""
      " xmlns:dcterms=\"http://purl.org/dc/terms/\""
      " xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\""
      " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">";
  xml += "<dc:title>" + xml::text(properties.title) + "</dc:title>";
  xml += "<dc:creator>" + xml::text(properties.creator) + "</dc:creator>";
  xml += "<cp:lastModifiedBy>" + xml::text(properties.creator) + "</cp:lastModifiedBy>";
  xml += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">" + properties.created + "</dcterms:created>";
  xml += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + properties.created + "</dcterms:modified>";
  xml += "</cp:coreProperties>";
  return xml;
}

}  // namespace vanthu
