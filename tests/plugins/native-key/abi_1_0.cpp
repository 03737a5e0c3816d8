//! A plugin built against ABI 1.0, before the in-process path: its struct_size ends at
//! on_release. The bytes after it are not the plugin's to give — here they hold a key equal to
//! the host's and a callback that refuses every call, so a host that read past struct_size would
//! take the in-process path and fail. The host must zero-fill them and use JSON text.
#include <cstddef>

#include "text_path_echo.hpp"

namespace {

vanthu::plugin::Model build(const nlohmann::json& input) { return text_path_echo::build(input, "ABI 1.0"); }

int32_t text_build(vanthu_str input, vanthu_buffer* out) { return vanthu::plugin::detail::call_build(build, input, out); }

int32_t native_build(const void*, void*, vanthu_buffer* out) {
  return text_path_echo::refuse_in_process(out, "in-process path read past struct_size of an ABI 1.0 plugin");
}

}  // namespace

extern "C" VANTHU_PLUGIN_EXPORT const vanthu_report_type* vanthu_plugin_entry(uint32_t) {
  static const vanthu_report_type descriptor = {
      VANTHU_ABI_MAJOR, 0, static_cast<uint32_t>(offsetof(vanthu_report_type, native_key)),
      VANTHU_TEST_TEXT("test-abi-1-0"), VANTHU_TEST_TEXT("Plugin ABI 1.0"), VANTHU_TEST_TEXT("1.0.0"),
      vanthu_str{vanthu_embedded::schema.data(), vanthu_embedded::schema.size()},
      vanthu_str{vanthu_embedded::example.data(), vanthu_embedded::example.size()},
      VANTHU_TEST_TEXT("test-echo.docx"),
      &text_build, &vanthu::plugin::detail::release,
      vanthu::plugin::detail::str(vanthu::plugin::native_key()), &native_build,
  };
  return &descriptor;
}
