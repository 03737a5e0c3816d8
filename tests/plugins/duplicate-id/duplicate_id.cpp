//! A second plugin claiming the id "test-echo"; its file sorts after test-echo.so, so it is the
//! one refused.
#include "vanthu/plugin.hpp"

namespace {
vanthu::plugin::Model build(const nlohmann::json&) { return {}; }
}  // namespace

VANTHU_REPORT_TYPE("test-echo", "Bản trùng id", "9.9.9", "test-echo.docx", build)
