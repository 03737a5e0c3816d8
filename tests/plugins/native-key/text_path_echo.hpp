//! What the two plugins of this folder share: an echo model built only through JSON text, and
//! an in-process callback that refuses every call (so a host that takes it answers 500).
#pragma once

#include <stdexcept>
#include <string>

#include "../raw_descriptor.hpp"
#include "vanthu/plugin.hpp"

namespace text_path_echo {

//! The echo model; `label` goes into the title and the file name, so a test can tell which
//! plugin (and which path) made a document.
inline vanthu::plugin::Model build(const nlohmann::json& input, const std::string& label) {
  const std::string office = input.at("office").get<std::string>();
  const std::string to = input.at("to").get<std::string>();
  nlohmann::json data = {{"office", office},        {"from", input.at("from")}, {"to", to},
                         {"count", input.at("count")}, {"items", input.value("items", nlohmann::json::array())}};
  nlohmann::json meta = {{"title", "Báo cáo thử (" + label + ") của " + office},
                         {"creator", office},
                         {"created", to + "T00:00:00Z"},
                         {"file_name", "Báo cáo thử " + label + ".docx"}};
  return {std::move(meta), std::move(data)};
}

inline int32_t refuse_in_process(vanthu_buffer* out, const char* why) {
  return vanthu::plugin::detail::contained(out, [why] { throw std::runtime_error(why); });
}

}  // namespace text_path_echo
