//! A plugin whose embedded input schema is not JSON (a truncated file).
#include "vanthu/plugin.hpp"

namespace {
vanthu::plugin::Model build(const nlohmann::json&) { return {}; }
}  // namespace

VANTHU_REPORT_TYPE("test-bad-schema-json", "Lược đồ không phải JSON", "1.0.0", "test-echo.docx", build)
