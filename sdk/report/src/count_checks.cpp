//! Counts against their totals (see vanthu/count_checks.hpp).
#include "vanthu/count_checks.hpp"

#include "vanthu/json_access.hpp"
#include "vanthu/text.hpp"

namespace vanthu {
namespace {

//! "Số hồ sơ trực tuyến (2.127)": a count as the clerk reads it in a message.
std::string named(std::string_view name, std::int64_t value) {
  return std::string(name) + " (" + text::group_thousands(value) + ")";
}

}  // namespace

std::optional<Problem> part_above_whole(std::string path, std::string_view part_name, std::int64_t part,
                                        std::string_view whole_name, std::int64_t whole, std::string_view code) {
  if (part <= whole) return std::nullopt;
  return Problem{std::move(path), std::string(code),
                 text::capitalize_first(named(part_name, part)) + " lớn hơn " + named(whole_name, whole) + "."};
}

std::optional<Problem> whole_below_parts(std::string path, std::string_view whole_name, std::int64_t whole,
                                         std::string_view parts_name, std::int64_t parts, std::string_view code) {
  if (whole >= parts) return std::nullopt;
  return Problem{std::move(path), std::string(code),
                 text::capitalize_first(named(whole_name, whole)) + " nhỏ hơn " + std::string(parts_name) +
                     " cộng lại (" + text::group_thousands(parts) + ")."};
}

void check_part_of_whole(const nlohmann::json& object, const std::string& object_path, const PartOfWhole& figures,
                         Problems& problems) {
  auto part = integer_member(object, figures.part_key);
  if (!part) return;
  auto whole = integer_member(object, figures.whole_key);
  if (!whole) {
    add_capped(problems, Problem{pointer_append(object_path, std::string(figures.whole_key)), "required",
                                 "Có " + std::string(figures.part_name) + " thì phải có " + std::string(figures.whole_name) + "."});
    return;
  }
  if (auto problem = part_above_whole(pointer_append(object_path, std::string(figures.part_key)), figures.part_name,
                                      *part, figures.whole_name, *whole, figures.code))
    add_capped(problems, std::move(*problem));
}

}  // namespace vanthu
