//! JSON Schema validation (the subset report types use), every violation at once.
#pragma once

#include <nlohmann/json.hpp>

#include "vanthu/problem.hpp"

namespace vanthu {

//! Validates `instance` against `schema` and returns every violation with its JSON path and a
//! Vietnamese message. Supported keywords (draft 2020-12 meaning): type (string or array of
//! types; "integer" accepts only whole numbers), properties, required, additionalProperties
//! (boolean or schema), items (schema), minItems, maxItems, minLength, maxLength (in code points),
//! pattern (the ECMA-262 subset schemas use — classes, anchors, quantifiers, groups, alternation —
//! run by ICU's regex engine: matches code points, no stack overflow on long strings, time-limited
//! against catastrophic backtracking), enum, const, minimum, maximum, exclusiveMinimum,
//! exclusiveMaximum, format "date" (YYYY-MM-DD that exists in the calendar) and "date-time",
//! $ref to "#/$defs/name", title/description (used in messages when present), default (ignored).
//! Unknown keywords are ignored. Codes: required, type, additional_property, min_items,
//! max_items, min_length, max_length, pattern, enum, const, minimum, maximum, invalid_date,
//! invalid_date_time.
//! Throws std::invalid_argument when the schema itself cannot be applied (a $ref that does not
//! resolve or loops, a pattern that does not compile); check_schema() reports those beforehand.
Problems validate(const nlohmann::json& schema, const nlohmann::json& instance);

//! Checks that a schema only uses what validate() understands, so a plugin author learns of a
//! typo at build/test time. Returns problems with paths into the schema.
Problems check_schema(const nlohmann::json& schema);

}  // namespace vanthu
