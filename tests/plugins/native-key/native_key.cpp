//! A plugin that offers the in-process path (plugin_abi.h, ABI 1.1) under a key that is not the
//! host's, as a plugin built with another nlohmann::json or another compiler ABI would. The host
//! must call on_build_model (JSON text) instead; the in-process callback refuses every call, so a
//! host that used it anyway answers with an internal error and the tests see it.
#include <string_view>

#include "../raw_descriptor.hpp"
#include "vanthu/plugin.hpp"

namespace {

vanthu::plugin::Model build(const nlohmann::json& input) {
  const std::string office = input.at("office").get<std::string>();
  const std::string to = input.at("to").get<std::string>();
  nlohmann::json data = {{"office", office},        {"from", input.at("from")}, {"to", to},
                         {"count", input.at("count")}, {"items", input.value("items", nlohmann::json::array())}};
  nlohmann::json meta = {{"title", "Báo cáo thử (JSON) của " + office},
                         {"creator", office},
                         {"created", to + "T00:00:00Z"},
                         {"file_name", "Báo cáo thử qua JSON.docx"}};
  return {std::move(meta), std::move(data)};
}

int32_t text_build(vanthu_str input, vanthu_buffer* out) { return vanthu::plugin::detail::call_build(build, input, out); }

int32_t native_build(const void*, void*, vanthu_buffer* out) {
  return vanthu::plugin::detail::contained(
      out, [] { throw std::runtime_error("in-process path called although the native keys differ"); });
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
