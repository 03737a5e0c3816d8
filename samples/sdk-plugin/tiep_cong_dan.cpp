//! tiep-cong-dan: Báo cáo kết quả tiếp công dân tháng (the month's reception of citizens and
//! their petitions), a report type in its own project, built against the installed Vanthu SDK.
//! The rules come from the SDK (libvanthu-report and the parts it brings): the place and date line of Decree 30, the count checks,
//! the rate as the decree writes it.
#include <optional>
#include <string>

#include "vanthu/count_checks.hpp"
#include "vanthu/json_access.hpp"
#include "vanthu/nd30.hpp"
#include "vanthu/plugin.hpp"
#include "vanthu/text.hpp"

namespace {

using nlohmann::json;

vanthu::plugin::Model build(const json& input) {
  vanthu::plugin::Problems problems;
  // Đơn đã giải quyết cannot outnumber đơn tiếp nhận (the schema cannot compare two members).
  vanthu::check_part_of_whole(input, "",
                              {"petitions_resolved", "số đơn đã giải quyết", "petitions", "số đơn tiếp nhận"}, problems);
  if (!problems.empty()) throw vanthu::plugin::InvalidInput(std::move(problems));

  const json& issuer = vanthu::member(input, "issuer");
  const std::string name = vanthu::string_member(issuer, "name");
  const std::int64_t month = vanthu::integer_member(input, "month").value_or(0);
  const std::int64_t year = vanthu::integer_member(input, "year").value_or(0);
  const std::optional<vanthu::Date> date = vanthu::date_member(input, "date");
  const std::int64_t petitions = vanthu::integer_member(input, "petitions").value_or(0);
  const std::optional<std::int64_t> resolved = vanthu::integer_member(input, "petitions_resolved");
  const std::string period = "tháng " + std::to_string(month) + " năm " + std::to_string(year);

  json data = {
      {"issuer", vanthu::text::upper(name)},
      {"national_name", vanthu::nd30::kNationalName},
      {"motto", vanthu::nd30::kMotto},
      {"place_date", vanthu::nd30::place_date_line(vanthu::string_member(issuer, "place"), date,
                                                   date ? date->year : static_cast<int>(year))},
      {"period", period},
      {"visits", vanthu::text::group_thousands(vanthu::integer_member(input, "visits").value_or(0))},
      {"petitions", vanthu::text::group_thousands(petitions)},
      {"notes", input.value("notes", json::array())},
  };
  if (resolved) {
    data["resolved"] = {{"count", vanthu::text::group_thousands(*resolved)},
                        {"rate", vanthu::text::percent(*resolved, petitions).value_or("")}};
  }
  json meta = {
      {"title", "Báo cáo kết quả tiếp công dân " + period},
      {"creator", name},
      {"created", (date ? date->iso() : std::to_string(year) + "-01-01") + "T00:00:00Z"},
      {"file_name", "Báo cáo tiếp công dân " + period + ".docx"},
  };
  return {std::move(meta), std::move(data)};
}

}  // namespace

VANTHU_REPORT_TYPE("tiep-cong-dan", "Báo cáo kết quả tiếp công dân tháng", "1.0.0", "tiep-cong-dan.docx", build)
