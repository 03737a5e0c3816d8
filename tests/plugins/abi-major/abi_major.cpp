//! A plugin built for a future ABI (major 2): the host must refuse it, naming the file and what
//! to rebuild, without reading any field past the header.
#include "../raw_descriptor.hpp"

extern "C" VANTHU_PLUGIN_EXPORT const vanthu_report_type* vanthu_plugin_entry(uint32_t) {
  static const vanthu_report_type descriptor = {
      VANTHU_ABI_MAJOR + 1, 0, sizeof(vanthu_report_type),
      VANTHU_TEST_TEXT("test-abi-major"), VANTHU_TEST_TEXT("ABI tương lai"), VANTHU_TEST_TEXT("2.0.0"),
      VANTHU_TEST_TEXT("{}"), VANTHU_TEST_TEXT("{}"), VANTHU_TEST_TEXT("test-echo.docx"),
      nullptr, nullptr,
      vanthu_str{nullptr, 0}, nullptr,  // no in-process path (ABI 1.1)
  };
  return &descriptor;
}
