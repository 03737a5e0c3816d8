//! A plugin that offers the in-process path (plugin_abi.h, ABI 1.1) under a key that is not the
//! host's, as a plugin built with another nlohmann::json or another compiler ABI would. The host
//! must call on_build_model (JSON text) instead.
#include "text_path_echo.hpp"

namespace {

vanthu::plugin::Model build(const nlohmann::json& input) { return text_path_echo::build(input, "qua JSON"); }

int32_t text_build(vanthu_str input, vanthu_buffer* out) { return vanthu::plugin::detail::call_build(build, input, out); }

int32_t native_build(const void*, void*, vanthu_buffer* out) {
  return text_path_echo::refuse_in_process(out, "in-process path called although the native keys differ");
}

}  // namespace

extern "C" VANTHU_PLUGIN_EXPORT const vanthu_report_type* vanthu_plugin_entry(uint32_t) {
  static const vanthu_report_type descriptor = {
      VANTHU_ABI_MAJOR, VANTHU_ABI_MINOR, sizeof(vanthu_report_type),
      VANTHU_TEST_TEXT("test-native-key"), VANTHU_TEST_TEXT("Khóa gọi trực tiếp khác máy chủ"), VANTHU_TEST_TEXT("1.0.0"),
      vanthu_str{vanthu_embedded::schema.data(), vanthu_embedded::schema.size()},
      vanthu_str{vanthu_embedded::example.data(), vanthu_embedded::example.size()},
      VANTHU_TEST_TEXT("test-echo.docx"),
      &text_build, &vanthu::plugin::detail::release,
      VANTHU_TEST_TEXT("vanthu-native/1 nlohmann::json_abi_v9_9_9 some-other-compiler"), &native_build,
  };
  return &descriptor;
}
