//! The checks every report type makes of the counts a clerk types next to their totals (số hồ sơ
//! trực tuyến of tổng số hồ sơ tiếp nhận, nhiệm vụ hoàn thành of nhiệm vụ được giao, ...).
//!
//! The schema cannot compare two members, so a report whose parts add up to more than their
//! whole would print "2.127/2.126 hồ sơ" and a rate above 100%. These checks refuse it with a
//! Problem at the member the clerk must correct, in one wording for every report type:
//!   "Số hồ sơ trực tuyến (2.127) lớn hơn tổng số hồ sơ tiếp nhận (2.126)."
//! Names are given in lower case as they read mid-sentence ("số hồ sơ trực tuyến"); a message
//! that starts with one capitalises its first letter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "vanthu/problem.hpp"

namespace vanthu {

//! What a program reads when a count is above its total (the default code of the checks below).
inline constexpr std::string_view kInconsistentTotal = "inconsistent_total";

//! A problem at `path` when `part` > `whole` — the member the clerk should correct, usually the
//! part's (a sum of parts typed next to one total points at the total):
//! "{Part name} ({part}) lớn hơn {whole name} ({whole})." — counts grouped ("2.126"). nullopt
//! when part <= whole.
std::optional<Problem> part_above_whole(std::string path, std::string_view part_name, std::int64_t part,
                                        std::string_view whole_name, std::int64_t whole,
                                        std::string_view code = kInconsistentTotal);

//! The same comparison seen from the total, for a total typed next to several parts: a problem
//! at `path` (the total's) when `whole` < `parts` (their sum):
//! "{Whole name} ({whole}) nhỏ hơn {parts name} cộng lại ({parts})." nullopt when whole >= parts.
std::optional<Problem> whole_below_parts(std::string path, std::string_view whole_name, std::int64_t whole,
                                         std::string_view parts_name, std::int64_t parts,
                                         std::string_view code = kInconsistentTotal);

//! Two integer members of one object, a part and the whole it belongs to.
struct PartOfWhole {
  std::string_view part_key;    //!< "applications_online"
  std::string_view part_name;   //!< "số hồ sơ trực tuyến"
  std::string_view whole_key;   //!< "applications_received"
  std::string_view whole_name;  //!< "tổng số hồ sơ tiếp nhận"
  std::string_view code = kInconsistentTotal;  //!< when the part is above the whole
};

//! Checks the pair inside `object` (the member at JSON Pointer `object_path`), appending to
//! `problems`:
//!  - the part without the whole: "required" at the whole, "Có {part name} thì phải có {whole name}.";
//!  - the part above the whole: `code` at the part (part_above_whole).
//! Nothing when the part is absent: an optional figure the clerk left out is not a problem.
//! Members are read with integer_member (vanthu/json_access.hpp): one of another type is absent.
void check_part_of_whole(const nlohmann::json& object, const std::string& object_path, const PartOfWhole& figures,
                         Problems& problems);

}  // namespace vanthu
