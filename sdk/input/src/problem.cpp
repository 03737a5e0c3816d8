//! Problems (vấn đề) with a request, their JSON form and JSON Pointer paths.
#include "vanthu/problem.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "vanthu/text.hpp"

namespace vanthu {

std::string too_many_problems_message(std::size_t omitted, bool warnings) {
  const std::string count = text::group_thousands(static_cast<std::int64_t>(std::min<std::size_t>(omitted, INT64_MAX)));
  if (warnings) return "Còn " + count + " cảnh báo khác không liệt kê.";
  return "Còn " + count + " lỗi khác không liệt kê; hãy sửa các lỗi trên rồi gửi lại.";
}

nlohmann::json to_json(const Problem& problem) {
  nlohmann::json out{{"path", problem.path}, {"code", problem.code}, {"message", problem.message}};
  if (problem.code == kTooManyProblems) out["omitted"] = problem.omitted;
  return out;
}

nlohmann::json errors_body(const Problems& problems) {
  nlohmann::json errors = nlohmann::json::array();
  std::size_t listed = 0, omitted = 0;
  for (const Problem& problem : problems) {
    if (problem.code == kTooManyProblems) {
      omitted += problem.omitted;
    } else if (listed < kMaxProblems) {
      errors.push_back({{"path", problem.path}, {"code", problem.code}, {"message", problem.message}});
      ++listed;
    } else {
      ++omitted;
    }
  }
  if (omitted == 0) return nlohmann::json{{"errors", std::move(errors)}};
  errors.push_back({{"path", ""}, {"code", kTooManyProblems}, {"message", too_many_problems_message(omitted)}});
  return nlohmann::json{{"errors", std::move(errors)}, {"errors_total", listed + omitted}, {"errors_omitted", omitted}};
}

Problems problems_from_json(const nlohmann::json& array) {
  if (!array.is_array()) throw std::invalid_argument("problems: expected a JSON array");
  Problems problems;
  problems.reserve(std::min(array.size(), kMaxProblems + 1));
  for (std::size_t i = 0; i < array.size(); ++i) {
    const nlohmann::json& item = array[i];
    if (!item.is_object()) throw std::invalid_argument("problems[" + std::to_string(i) + "]: expected an object");
    Problem problem;
    for (auto [field, target] : {std::pair{"path", &problem.path}, std::pair{"code", &problem.code},
                                 std::pair{"message", &problem.message}}) {
      auto found = item.find(field);
      if (found == item.end() || !found->is_string())
        throw std::invalid_argument("problems[" + std::to_string(i) + "]: \"" + field + "\" must be a string");
      *target = found->get<std::string>();
    }
    if (!problem.path.empty() && problem.path.front() != '/')
      throw std::invalid_argument("problems[" + std::to_string(i) + "]: \"path\" must be a JSON Pointer");
    if (problem.code.empty()) throw std::invalid_argument("problems[" + std::to_string(i) + "]: \"code\" is empty");
    if (problem.code == kTooManyProblems) {
      auto omitted = item.find("omitted");
      problem.omitted = omitted != item.end() && omitted->is_number_unsigned() ? omitted->get<std::size_t>() : 1;
      problem.omitted = std::max<std::size_t>(problem.omitted, 1);
    }
    add_capped(problems, std::move(problem));
  }
  return problems;
}

std::string pointer_append(const std::string& pointer, const std::string& token) {
  std::string result = pointer;
  result.reserve(pointer.size() + token.size() + 1);
  result += '/';
  for (char c : token) {
    if (c == '~') {
      result += "~0";
    } else if (c == '/') {
      result += "~1";
    } else {
      result += c;
    }
  }
  return result;
}

std::string pointer_append(const std::string& pointer, std::size_t index) {
  return pointer + '/' + std::to_string(index);
}

}  // namespace vanthu
