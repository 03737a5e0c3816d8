//! A plugin whose entry point declines the host (returns NULL).
#include "../raw_descriptor.hpp"

extern "C" VANTHU_PLUGIN_EXPORT const vanthu_report_type* vanthu_plugin_entry(uint32_t) { return nullptr; }
