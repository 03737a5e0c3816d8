//! A plugin whose build fails the ordinary way (an exception the SDK turns into
//! VANTHU_INTERNAL_ERROR with its message for the log).
#include <stdexcept>

#include "vanthu/plugin.hpp"

namespace {
vanthu::plugin::Model build(const nlohmann::json&) {
  throw std::runtime_error("test-internal-error: cannot reach the ward's records (on purpose)");
}
}  // namespace

VANTHU_REPORT_TYPE("test-internal-error", "Lỗi nội bộ", "1.0.0", "test-echo.docx", build)
