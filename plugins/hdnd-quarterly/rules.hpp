//! hdnd-quarterly: the rules that turn the clerk's facts into the phrases of seed 004
//! (shared/seeds/004_8b3b633907b88ef3.txt), the quarterly report of a ward's People's Council
//! (Hội đồng nhân dân) on Resolution 57-NQ/TW and its tasks for the next quarter.
//!
//! Everything the report computes is a pure function here, so tests/unit/hdnd_quarterly_test.cpp
//! checks each phrase at its edges and the plugin (hdnd_quarterly.cpp) only declares the type.
//! Built as the static library hdnd_quarterly_rules, linked by the plugin and by the unit test.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanthu/date.hpp"
#include "vanthu/plugin.hpp"

namespace vanthu::hdnd_quarterly {

//! A calendar quarter: 1..4 of a year.
struct Quarter {
  int number = 1;
  int year = 0;

  Quarter next() const;        //!< after quý IV comes quý I of the next year
  Date first_day() const;      //!< quý II/2026 -> 2026-04-01
  Date last_day() const;       //!< quý II/2026 -> 2026-06-30
  std::string roman() const;   //!< "II"
  std::string short_name() const;  //!< "quý II/2026" (headings, messages)
  std::string long_name() const;   //!< "quý III năm 2026" (the title's next quarter)
  bool operator==(const Quarter&) const = default;
};

//! Trích yếu: "Kết quả quý II về việc {subject} và phương hướng, nhiệm vụ quý III năm 2026".
//! When the next quarter is in the next year the reported quarter carries its year too
//! ("Kết quả quý IV năm 2026 … quý I năm 2027"), so neither quarter is ambiguous.
std::string report_subject(const Quarter& quarter, const std::string& subject);

//! The body that is meant by "HĐND phường" in the text: "HĐND " + the unit ("phường", "xã",
//! "đặc khu").
std::string council_short_name(const std::string& unit);

//! The task counts of section I.1.1.
struct TaskCounts {
  std::int64_t assigned = 0;
  std::int64_t completed = 0;
  std::int64_t in_progress = 0;
  std::int64_t overdue = 0;
};

//! "{source}, HĐND phường được giao 03 nhiệm vụ:" (":" when the tasks are listed after it, "."
//! otherwise); with nothing assigned "…, HĐND phường không được giao nhiệm vụ nào.". The
//! clerk's source loses its trailing punctuation; without one the sentence starts with the body.
std::string tasks_assigned_sentence(const std::string& source, const std::string& council, std::int64_t assigned,
                                    bool listed);

//! "Trong 03 nhiệm vụ được giao, HĐND phường đã hoàn thành 01 nhiệm vụ, 02 nhiệm vụ đang triển
//! khai thực hiện theo lộ trình; không có nhiệm vụ quá hạn:" — each part follows its count:
//! none completed "chưa hoàn thành nhiệm vụ nào", none in progress: that part is left out,
//! overdue "không có nhiệm vụ quá hạn" / "01 nhiệm vụ quá hạn". Ends with ":" when results follow.
//! nullopt when nothing was assigned (there is nothing to summarise).
std::optional<std::string> tasks_summary_sentence(const std::string& council, const TaskCounts& counts,
                                                  bool results_follow);

//! A ratio the clerk gives as two numbers, e.g. delegates with a digital signature.
struct Ratio {
  std::int64_t count = 0;     //!< how many have it (15)
  std::int64_t total = 0;     //!< of how many (27)
  std::string unit;           //!< "đại biểu"
  std::string who;            //!< "HĐND phường làm việc tại cơ quan Đảng uỷ, HĐND, UBND phường" (may be empty)
  std::string done;           //!< "có trang thiết bị … trên môi trường điện tử"
  std::string not_done;       //!< "chưa được cấp chữ ký số"
};

//! "15/27 đại biểu {who} {done}, còn 12 đại biểu {not_done}." When all have it:
//! "27/27 đại biểu {who} {done}, không còn đại biểu nào {not_done}."; when none has it:
//! "27/27 đại biểu {who} {not_done}.". The caller checks 0 <= count <= total, total >= 1.
std::string ratio_sentence(const Ratio& ratio);

//! Items of a list inside a sentence: each ends with ";" and the last with "." (punctuation the
//! clerk typed at the end is replaced).
std::vector<std::string> list_items(const std::vector<std::string>& items);

//! The signature block: the council signs collectively (TM. HỘI ĐỒNG NHÂN DÂN); the chair signs
//! as "CHỦ TỊCH", a vice-chair on the chair's behalf as "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH".
struct SignatureLines {
  std::vector<std::string> authority;
  std::vector<std::string> positions;
};
SignatureLines signature_lines(const std::string& signer_role);

//! Semantic checks of an input already valid against schema.json, every problem at once, each
//! with its JSON path: task counts that do not add up, a task list of another length, a ratio
//! above its total, an issue date before the quarter or after the next one.
Problems check(const nlohmann::json& input);

//! The whole document model (meta + data for the template). Throws plugin::InvalidInput with
//! check()'s problems.
plugin::Model build(const nlohmann::json& input);

}  // namespace vanthu::hdnd_quarterly
