//! A plugin whose own example does not pass its own schema (a required field missing, a count
//! below its minimum).
#include "vanthu/plugin.hpp"

namespace {
vanthu::plugin::Model build(const nlohmann::json&) { return {}; }
}  // namespace

VANTHU_REPORT_TYPE("test-bad-example", "Ví dụ sai lược đồ", "1.0.0", "test-echo.docx", build)
