//! Member accessors over a request body (see vanthu/json_access.hpp).
#include "vanthu/json_access.hpp"

#include <limits>

namespace vanthu {

const nlohmann::json& member(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json absent;
  if (!object.is_object()) return absent;
  auto it = object.find(key);
  return it == object.end() ? absent : *it;
}

std::string string_member(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json& value = member(object, key);
  return value.is_string() ? value.get<std::string>() : std::string();
}

std::optional<std::int64_t> integer_member(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json& value = member(object, key);
  if (value.is_number_unsigned()) {
    auto n = value.get<std::uint64_t>();
    if (n > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(n);
  }
  if (value.is_number_integer()) return value.get<std::int64_t>();
  return std::nullopt;
}

std::optional<double> number_member(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json& value = member(object, key);
  if (value.is_number()) return value.get<double>();
  return std::nullopt;
}

std::optional<Date> date_member(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json& value = member(object, key);
  if (!value.is_string()) return std::nullopt;
  return Date::parse_iso(value.get_ref<const std::string&>());
}

bool flag_member(const nlohmann::json& object, std::string_view key) {
  const nlohmann::json& value = member(object, key);
  return value.is_boolean() && value.get<bool>();
}

}  // namespace vanthu
