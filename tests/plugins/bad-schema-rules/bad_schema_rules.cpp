//! A plugin whose schema is JSON but says something the validator cannot check (a typo in a
//! type name), which vanthu::check_schema must catch at load time.
#include "vanthu/plugin.hpp"

namespace {
vanthu::plugin::Model build(const nlohmann::json&) { return {}; }
}  // namespace

VANTHU_REPORT_TYPE("test-bad-schema-rules", "Lược đồ sai quy tắc", "1.0.0", "test-echo.docx", build)
