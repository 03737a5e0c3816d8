//! A report type whose id breaks the [a-z0-9-]+ rule (upper case and an underscore).
#include "vanthu/plugin.hpp"

namespace {
vanthu::plugin::Model build(const nlohmann::json&) { return {}; }
}  // namespace

VANTHU_REPORT_TYPE("Test_Echo", "Id sai quy tắc", "1.0.0", "test-echo.docx", build)
