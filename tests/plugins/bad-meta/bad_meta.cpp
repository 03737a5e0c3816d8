//! A plugin whose model is JSON but of the wrong shape: meta without "created".
#include "vanthu/plugin.hpp"

namespace {
vanthu::plugin::Model build(const nlohmann::json& input) {
  nlohmann::json data = input;
  data["items"] = input.value("items", nlohmann::json::array());
  nlohmann::json meta = {{"title", "Thiếu ngày tạo"}, {"creator", "Vanthu"}, {"file_name", "thieu-ngay.docx"}};
  return {std::move(meta), std::move(data)};
}
}  // namespace

VANTHU_REPORT_TYPE("test-bad-meta", "Meta sai dạng", "1.0.0", "test-echo.docx", build)
