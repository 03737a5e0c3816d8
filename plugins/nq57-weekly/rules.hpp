//! nq57-weekly's rules: the weekly report's model from its input (rules.cpp).
#pragma once

#include <nlohmann/json.hpp>

#include "vanthu/plugin.hpp"

namespace vanthu::nq57_weekly {

//! The report from the input (schema.json): the period line, the documents issued counted, the
//! DVCTT totals and rate, heading numbers, "Không phát sinh nội dung mới." for empty sections;
//! plugin::InvalidInput with every inconsistency (each with its JSON path).
plugin::Model build(const nlohmann::json& input);

}  // namespace vanthu::nq57_weekly
