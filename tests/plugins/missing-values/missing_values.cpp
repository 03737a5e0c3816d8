//! A plugin with a bug: its model lacks "office", which the template prints. The host must not
//! ship a document with a hole in it.
#include "vanthu/plugin.hpp"

namespace {
vanthu::plugin::Model build(const nlohmann::json& input) {
  nlohmann::json data = {{"from", input.at("from")}, {"to", input.at("to")}, {"count", input.at("count")},
                         {"items", nlohmann::json::array()}};
  nlohmann::json meta = {{"title", "Thiếu giá trị"}, {"creator", "Vanthu"}, {"created", "2026-02-11T00:00:00Z"},
                         {"file_name", "thieu-gia-tri.docx"}};
  return {std::move(meta), std::move(data)};
}
}  // namespace

VANTHU_REPORT_TYPE("test-missing-values", "Thiếu giá trị cho mẫu", "1.0.0", "test-echo.docx", build)
