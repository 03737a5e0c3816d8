//! The C++ layer over the plugin ABI (vanthu/plugin_abi.h), header-only.
//!
//! A report type is one function from the checked input to a document model:
//!
//!   vanthu::plugin::Model build(const nlohmann::json& input) {
//!     vanthu::plugin::Problems problems;      // semantic checks: each with its JSON path
//!     ...
//!     if (!problems.empty()) throw vanthu::plugin::InvalidInput(std::move(problems));
//!     return {meta, data};
//!   }
//!   VANTHU_REPORT_TYPE("nq57-weekly", "Báo cáo tuần ...", "1.0.0", "nq57-weekly.docx", build)
//!
//! The schema and example come from the files named in vanthu_add_plugin() (CMake). Every
//! exception is caught at the boundary: InvalidInput becomes VANTHU_INVALID_INPUT with its
//! problems, anything else VANTHU_INTERNAL_ERROR with its what().
#pragma once

#include <cstdlib>
#include <cstring>
#include <exception>
#include <new>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include "vanthu/plugin_abi.h"
#include "vanthu/problem.hpp"

namespace vanthu_embedded {
extern const std::string_view schema;   // the SCHEMA file given to vanthu_add_plugin
extern const std::string_view example;  // the EXAMPLE file given to vanthu_add_plugin
}  // namespace vanthu_embedded

namespace vanthu::plugin {

using vanthu::Problem;
using vanthu::Problems;

//! What a report type produces: metadata for the package and the values the template reads.
struct Model {
  nlohmann::json meta;  //!< title, creator, created (ISO 8601 from the input), file_name
  nlohmann::json data;  //!< the template's data
  //! Whole parts that replace the template's own, by name, e.g. {"word/footnotes.xml": xml}
  //! for real Word footnotes (see vanthu/report.hpp footnotes_part_xml). Usually empty.
  nlohmann::json parts = nlohmann::json::object();
};

//! Thrown by a build function when the input is well-formed but not acceptable.
class InvalidInput : public std::exception {
 public:
  explicit InvalidInput(Problems problems) : problems_(std::move(problems)) {}
  const Problems& problems() const { return problems_; }
  const char* what() const noexcept override { return "invalid input"; }

 private:
  Problems problems_;
};

namespace detail {

constexpr vanthu_str str(std::string_view s) { return vanthu_str{s.data(), s.size()}; }

inline void fill(vanthu_buffer* out, const std::string& text) {
  out->ptr = static_cast<char*>(std::malloc(text.size() ? text.size() : 1));
  if (!out->ptr) throw std::bad_alloc();
  out->len = text.size();
  std::memcpy(out->ptr, text.data(), text.size());
}

inline void release(vanthu_buffer buffer) { std::free(buffer.ptr); }

//! Runs `produce` (which fills the model) and turns what it throws into the ABI's statuses:
//! InvalidInput → VANTHU_INVALID_INPUT with its problems as JSON in `out`, anything else →
//! VANTHU_INTERNAL_ERROR with its what(). Nothing escapes.
template <typename Produce>
int32_t contained(vanthu_buffer* out, Produce&& produce) noexcept {
  if (!out) return VANTHU_INTERNAL_ERROR;
  *out = vanthu_buffer{nullptr, 0};
  try {
    produce();
    return VANTHU_OK;
  } catch (const InvalidInput& e) {
    nlohmann::json problems = nlohmann::json::array();
    try {
      Problems capped;  // at most kMaxProblems, the rest counted (vanthu/problem.hpp)
      for (const auto& p : e.problems()) add_capped(capped, p);
      for (const auto& p : capped) problems.push_back(to_json(p));
      fill(out, problems.dump());
    } catch (...) {
      return VANTHU_INTERNAL_ERROR;
    }
    return VANTHU_INVALID_INPUT;
  } catch (const std::exception& e) {
    try {
      fill(out, e.what());
    } catch (...) {
    }
    return VANTHU_INTERNAL_ERROR;
  } catch (...) {
    try {
      fill(out, "unknown exception");
    } catch (...) {
    }
    return VANTHU_INTERNAL_ERROR;
  }
}

//! The model as the ABI describes it: {"meta", "data", "parts"?}.
inline nlohmann::json model_json(Model&& model) {
  nlohmann::json result = nlohmann::json::object();
  result["meta"] = std::move(model.meta);
  result["data"] = std::move(model.data);
  if (model.parts.is_object() && !model.parts.empty()) result["parts"] = std::move(model.parts);
  return result;
}

template <typename Build>
int32_t call_build(Build&& build, vanthu_str input, vanthu_buffer* out) noexcept {
  return contained(out, [&] {
    nlohmann::json parsed = nlohmann::json::parse(std::string_view(input.ptr ? input.ptr : "", input.len));
    const std::string text = model_json(build(static_cast<const nlohmann::json&>(parsed))).dump();
    fill(out, text);
  });
}

template <typename Build>
int32_t call_build_native(Build&& build, const void* input, void* model, vanthu_buffer* out) noexcept {
  return contained(out, [&] {
    if (!input || !model) throw std::invalid_argument("on_build_model_native: input or model is NULL");
    nlohmann::json built = model_json(build(*static_cast<const nlohmann::json*>(input)));
    *static_cast<nlohmann::json*>(model) = std::move(built);
  });
}

#define VANTHU_DETAIL_TEXT(x) #x
#define VANTHU_DETAIL_EXPAND_TEXT(x) VANTHU_DETAIL_TEXT(x)
#if defined(_GLIBCXX_DEBUG)
#define VANTHU_DETAIL_CONTAINERS "debug"
#else
#define VANTHU_DETAIL_CONTAINERS "release"
#endif

}  // namespace detail

//! The key of the in-process path (plugin_abi.h, on_build_model_native): everything that decides
//! the memory layout of a nlohmann::json shared between host and plugin — the library's version
//! and ABI tags (its inline namespace), the C++ ABI, the standard library's string ABI and
//! container mode. Host and plugin compute it with this same header;
//! when the two texts differ the host falls back to on_build_model (JSON text).
constexpr std::string_view native_key() {
  return "vanthu-native/1 " VANTHU_DETAIL_EXPAND_TEXT(NLOHMANN_JSON_NAMESPACE) " nlohmann-json-" VANTHU_DETAIL_EXPAND_TEXT(
      NLOHMANN_JSON_VERSION_MAJOR) "." VANTHU_DETAIL_EXPAND_TEXT(NLOHMANN_JSON_VERSION_MINOR) "." VANTHU_DETAIL_EXPAND_TEXT(NLOHMANN_JSON_VERSION_PATCH)
#if defined(__GXX_ABI_VERSION)
      " gxx-abi-" VANTHU_DETAIL_EXPAND_TEXT(__GXX_ABI_VERSION)
#endif
#if defined(_GLIBCXX_USE_CXX11_ABI)
      " glibcxx-cxx11-abi-" VANTHU_DETAIL_EXPAND_TEXT(_GLIBCXX_USE_CXX11_ABI)
#endif
#if defined(_LIBCPP_VERSION)
      " libcxx-" VANTHU_DETAIL_EXPAND_TEXT(_LIBCPP_ABI_VERSION)
#endif
      " containers-" VANTHU_DETAIL_CONTAINERS;
}
}  // namespace vanthu::plugin

//! Declares the report type and exports the ABI entry point. Use once per plugin, at namespace
//! scope. BUILD is a function or function object: Model(const nlohmann::json& input).
#define VANTHU_REPORT_TYPE(ID, DISPLAY_NAME, VERSION, TEMPLATE_NAME, BUILD)                           \
  namespace {                                                                                         \
  int32_t vanthu_on_build_model_impl(vanthu_str input, vanthu_buffer* out) {                          \
    return ::vanthu::plugin::detail::call_build(BUILD, input, out);                                   \
  }                                                                                                   \
  int32_t vanthu_on_build_model_native_impl(const void* input, void* model, vanthu_buffer* out) {     \
    return ::vanthu::plugin::detail::call_build_native(BUILD, input, model, out);                     \
  }                                                                                                   \
  }                                                                                                   \
  extern "C" VANTHU_PLUGIN_EXPORT const vanthu_report_type* vanthu_plugin_entry(uint32_t) {           \
    static const vanthu_report_type descriptor = {                                                    \
        VANTHU_ABI_MAJOR,                                                                             \
        VANTHU_ABI_MINOR,                                                                             \
        sizeof(vanthu_report_type),                                                                   \
        ::vanthu::plugin::detail::str(ID),                                                            \
        ::vanthu::plugin::detail::str(DISPLAY_NAME),                                                  \
        ::vanthu::plugin::detail::str(VERSION),                                                       \
        ::vanthu::plugin::detail::str(::vanthu_embedded::schema),                                     \
        ::vanthu::plugin::detail::str(::vanthu_embedded::example),                                    \
        ::vanthu::plugin::detail::str(TEMPLATE_NAME),                                                 \
        &vanthu_on_build_model_impl,                                                                  \
        &::vanthu::plugin::detail::release,                                                           \
        ::vanthu::plugin::detail::str(::vanthu::plugin::native_key()),                                \
        &vanthu_on_build_model_native_impl,                                                           \
    };                                                                                                \
    return &descriptor;                                                                               \
  }
