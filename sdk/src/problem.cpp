//! Problems (vấn đề) with a request, their JSON form and JSON Pointer paths.
#include "vanthu/problem.hpp"

#include <stdexcept>

namespace vanthu {

nlohmann::json to_json(const Problem& problem) {
  return nlohmann::json{{"path", problem.path}, {"code", problem.code}, {"message", problem.message}};
}

nlohmann::json errors_body(const Problems& problems) {
  nlohmann::json errors = nlohmann::json::array();
  for (const Problem& problem : problems) errors.push_back(to_json(problem));
  return nlohmann::json{{"errors", std::move(errors)}};
}

Problems problems_from_json(const nlohmann::json& array) {
  if (!array.is_array()) throw std::invalid_argument("problems: expected a JSON array");
  Problems problems;
  problems.reserve(array.size());
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
    problems.push_back(std::move(problem));
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
