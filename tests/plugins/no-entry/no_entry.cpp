//! A shared library that exports something, but not vanthu_plugin_entry (a typo in the name).
#include "../raw_descriptor.hpp"

extern "C" VANTHU_PLUGIN_EXPORT const vanthu_report_type* vanthu_plugin_entri(uint32_t) { return nullptr; }
