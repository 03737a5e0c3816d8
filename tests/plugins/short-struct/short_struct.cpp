//! A plugin from an older header that ended before the callbacks: struct_size stops before
//! on_build_model. The host must copy only struct_size bytes and refuse the missing field,
//! never reading the pointer that happens to follow in memory.
#include <cstddef>

#include "../raw_descriptor.hpp"

namespace {
int32_t never_called(vanthu_str, vanthu_buffer*) { return VANTHU_INTERNAL_ERROR; }
void release(vanthu_buffer) {}
}  // namespace

extern "C" VANTHU_PLUGIN_EXPORT const vanthu_report_type* vanthu_plugin_entry(uint32_t) {
  static const vanthu_report_type descriptor = {
      VANTHU_ABI_MAJOR, VANTHU_ABI_MINOR, offsetof(vanthu_report_type, on_build_model),
      VANTHU_TEST_TEXT("test-short-struct"), VANTHU_TEST_TEXT("Mô tả cũ"), VANTHU_TEST_TEXT("0.1.0"),
      VANTHU_TEST_TEXT("{\"type\": \"object\"}"), VANTHU_TEST_TEXT("{}"), VANTHU_TEST_TEXT("test-echo.docx"),
      &never_called, &release,  // present in memory, outside struct_size
      vanthu_str{nullptr, 0}, nullptr,
  };
  return &descriptor;
}
