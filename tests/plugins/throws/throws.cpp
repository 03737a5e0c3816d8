//! A plugin written without the SDK wrapper whose callback lets a C++ exception escape through
//! the C boundary. The host must contain it: an internal error naming the plugin, and the
//! process goes on serving.
#include <stdexcept>
#include <string_view>

#include "../raw_descriptor.hpp"

namespace vanthu_embedded {
extern const std::string_view schema;
extern const std::string_view example;
}  // namespace vanthu_embedded

extern "C" {

static int32_t throwing_build(vanthu_str, vanthu_buffer*) {
  throw std::runtime_error("test-throws: exception thrown across the C ABI on purpose");
}

static void release_nothing(vanthu_buffer) {}

VANTHU_PLUGIN_EXPORT const vanthu_report_type* vanthu_plugin_entry(uint32_t) {
  static const vanthu_report_type descriptor = {
      VANTHU_ABI_MAJOR, VANTHU_ABI_MINOR, sizeof(vanthu_report_type),
      VANTHU_TEST_TEXT("test-throws"), VANTHU_TEST_TEXT("Ném ngoại lệ"), VANTHU_TEST_TEXT("1.0.0"),
      vanthu_str{vanthu_embedded::schema.data(), vanthu_embedded::schema.size()},
      vanthu_str{vanthu_embedded::example.data(), vanthu_embedded::example.size()},
      VANTHU_TEST_TEXT("test-echo.docx"),
      &throwing_build, &release_nothing,
      vanthu_str{nullptr, 0}, nullptr,  // no in-process path (ABI 1.1): the text callback is the one that throws
  };
  return &descriptor;
}

}  // extern "C"
