//! nq57-weekly's rules: the weekly report's model from its input (rules.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "vanthu/plugin.hpp"

namespace vanthu::nq57_weekly {

//! The report's facts from the input (schema.json), one key per thing the template prints: the
//! period line, the documents issued and their count, the DVCTT totals and rate, each section's
//! text (report::content_items); plugin::InvalidInput with every inconsistency (each with its
//! JSON path).
plugin::Model build(const nlohmann::json& input);

}  // namespace vanthu::nq57_weekly
