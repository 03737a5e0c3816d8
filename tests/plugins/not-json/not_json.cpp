//! A plugin written without the SDK wrapper that says VANTHU_OK but hands back text that is not
//! JSON. The host must treat it as an internal error and still release the buffer.
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "../raw_descriptor.hpp"

namespace vanthu_embedded {
extern const std::string_view schema;
extern const std::string_view example;
}  // namespace vanthu_embedded

extern "C" {

static int32_t not_json_build(vanthu_str, vanthu_buffer* out) {
  static const char text[] = "<model>this is not JSON</model>";
  out->ptr = static_cast<char*>(std::malloc(sizeof text - 1));
  if (!out->ptr) return VANTHU_INTERNAL_ERROR;
  std::memcpy(out->ptr, text, sizeof text - 1);
  out->len = sizeof text - 1;
  return VANTHU_OK;
}

static void release(vanthu_buffer buffer) { std::free(buffer.ptr); }

VANTHU_PLUGIN_EXPORT const vanthu_report_type* vanthu_plugin_entry(uint32_t) {
  static const vanthu_report_type descriptor = {
      VANTHU_ABI_MAJOR, VANTHU_ABI_MINOR, sizeof(vanthu_report_type),
      VANTHU_TEST_TEXT("test-not-json"), VANTHU_TEST_TEXT("Mô hình không phải JSON"), VANTHU_TEST_TEXT("1.0.0"),
      vanthu_str{vanthu_embedded::schema.data(), vanthu_embedded::schema.size()},
      vanthu_str{vanthu_embedded::example.data(), vanthu_embedded::example.size()},
      VANTHU_TEST_TEXT("test-echo.docx"),
      &not_json_build, &release,
      vanthu_str{nullptr, 0}, nullptr,  // no in-process path (ABI 1.1): the model comes as text
  };
  return &descriptor;
}

}  // extern "C"
