//! wp:docPr ids unique in the rendered document (template_drawings.hpp).
#include "template_drawings.hpp"

#include <unordered_map>

#include "template_program.hpp"

namespace vanthu::engine {

std::shared_ptr<const DrawingPlan> plan_drawings(const std::vector<ZipEntry>& entries, const std::vector<int>& program_of_entry,
                                                 const std::vector<Program>& programs, const ZipLimits& limits, bool images) {
  bool repeated = false;
  for (const Program& program : programs) repeated = repeated || !program.drawing_ids.empty();
  if (!repeated && !images) return nullptr;
  const std::string main = main_part_name(entries, limits);
  // How often each id is written in the package: what is left after the drawings in sections
  // is written by parts or literal XML the render does not number.
  std::unordered_map<std::uint64_t, std::size_t> written;
  auto plan = std::make_shared<DrawingPlan>();
  std::uint64_t highest = 0;
  for (const ZipEntry& entry : entries) {
    const std::string name_lower = ascii_lower(entry.name);
    const bool xml = name_lower.size() > 4 && name_lower.compare(name_lower.size() - 4, 4, ".xml") == 0;
    if (!xml || (!name_lower.starts_with("word/") && entry.name != main)) continue;
    std::string content;
    try {
      content = zip_inflate(entry, limits);
    } catch (const ZipError&) {
      continue;
    }
    each_docpr_id(content, [&](std::uint64_t id) {
      ++written[id];
      highest = std::max(highest, id);
    });
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (program_of_entry[i] < 0) continue;
    for (std::uint64_t id : programs[static_cast<std::size_t>(program_of_entry[i])].drawing_ids) {
      highest = std::max(highest, id);
      if (auto found = written.find(id); found != written.end() && found->second > 0) --found->second;
    }
  }
  for (const auto& [id, count] : written)
    if (count > 0) plan->written_elsewhere.insert(id);
  plan->first_free = highest + 1;
  if (highest > DrawingPlan::kHighestId / 2)
    for (const auto& [id, count] : written) plan->all.insert(id);
  return plan;
}

}  // namespace vanthu::engine
