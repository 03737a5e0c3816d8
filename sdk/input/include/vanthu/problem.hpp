//! A problem with the input or a template, addressed so a clerk can find and fix it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace vanthu {

//! One thing wrong with a request: where (JSON Pointer, RFC 6901, "" = the whole document),
//! what (a stable English code for programs) and why (a Vietnamese sentence for the clerk).
struct Problem {
  std::string path;
  std::string code;
  std::string message;
  //! Only for the too_many_problems problem that ends a capped list: how many problems were
  //! found past the cap and not kept (see add_capped).
  std::size_t omitted = 0;

  bool operator==(const Problem&) const = default;
};

using Problems = std::vector<Problem>;

//! Lists of problems are capped: at most this many are kept (and listed in an error body), the
//! rest only counted, so neither the memory a check takes nor the answer grows with the input.
inline constexpr std::size_t kMaxProblems = 100;
//! The code of the problem that ends a capped list, standing for the problems not kept.
inline constexpr std::string_view kTooManyProblems = "too_many_problems";

//! "Còn 212 lỗi khác không liệt kê; hãy sửa các lỗi trên rồi gửi lại." (warnings: "cảnh báo").
std::string too_many_problems_message(std::size_t omitted, bool warnings = false);

//! Appends `item` (a Problem or a TemplateIssue) while `list` holds fewer than kMaxProblems
//! kept items; past that it is only counted, in one too_many_problems item that then ends the
//! list (its `omitted` the count, its message saying it). An item that is itself a
//! too_many_problems (another capped list's end) adds its count.
template <class Item>
void add_capped(std::vector<Item>& list, Item item) {
  const bool summary = item.code == kTooManyProblems;
  const std::size_t more = summary ? item.omitted : 1;
  if (!list.empty() && list.back().code == kTooManyProblems) {
    list.back().omitted += more;
  } else if (!summary && list.size() < kMaxProblems) {
    list.push_back(std::move(item));
    return;
  } else {
    Item end{};
    end.code = std::string(kTooManyProblems);
    end.omitted = more;
    list.push_back(std::move(end));
  }
  list.back().message = too_many_problems_message(list.back().omitted);
}

//! How many items a list stands for: those kept plus those its too_many_problems counts.
template <class Item>
std::size_t total_count(const std::vector<Item>& list) {
  std::size_t total = 0;
  for (const Item& item : list) total += item.code == kTooManyProblems ? item.omitted : 1;
  return total;
}

//! {"path": ..., "code": ..., "message": ...}, and "omitted" for a too_many_problems problem.
nlohmann::json to_json(const Problem& problem);
//! {"errors": [...]} — the body of every error response. At most kMaxProblems problems are
//! listed; when there were more (in `problems`, or counted by a too_many_problems in it) the
//! list ends with one too_many_problems problem saying how many more, and the body adds
//! "errors_total" (all found) and "errors_omitted" (not listed):
//!   {"errors": [...100..., {"path": "", "code": "too_many_problems", "message": "Còn 212 lỗi khác …"}],
//!    "errors_total": 312, "errors_omitted": 212}
nlohmann::json errors_body(const Problems& problems);
//! Reads back a JSON array of problems (what a plugin returns with VANTHU_INVALID_INPUT), kept
//! as add_capped keeps them (a too_many_problems item's "omitted" is read back too).
//! Throws std::invalid_argument when the JSON is not of that shape.
Problems problems_from_json(const nlohmann::json& array);

//! Appends a JSON Pointer reference token, escaping "~" and "/" (RFC 6901).
std::string pointer_append(const std::string& pointer, const std::string& token);
std::string pointer_append(const std::string& pointer, std::size_t index);

}  // namespace vanthu
