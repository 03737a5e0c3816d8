//! Reading a report type's facts out of its request body, one member at a time.
//!
//! A plugin only sees input that already passed its JSON Schema, yet most members are optional
//! (a clerk leaves out what did not happen) and a plugin often walks down objects that may be
//! absent ("digital_transformation" → "public_services" → "applications_online"). These
//! accessors make "absent" the single answer for every way a member can be missing: the parent
//! is not an object (null, an array, a string), the key is not there, or the value has another
//! type. None of them throws, so a report's rules read as the sentence they build and the
//! schema stays the one place that says what is required.
//!
//! They never trim, default or convert: what to print for an absent member (nothing, "0",
//! "Không phát sinh nội dung mới.") is the report type's decision, not the SDK's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "vanthu/date.hpp"

namespace vanthu {

//! The value of `key` in `object`; a JSON null when `object` is not an object or has no such
//! key. The reference stays valid as long as `object` does (the null is a static), so calls
//! chain: member(member(input, "issuer"), "name").
const nlohmann::json& member(const nlohmann::json& object, std::string_view key);

//! The string at `key` as typed (not trimmed); "" when absent or not a string.
std::string string_member(const nlohmann::json& object, std::string_view key);

//! The whole number at `key` (a count, an amount in đồng, a year); nullopt when absent, not a
//! JSON integer (2.5 and "12" are not counts), or an unsigned value beyond the int64 range
//! (it would read back negative).
std::optional<std::int64_t> integer_member(const nlohmann::json& object, std::string_view key);

//! Any JSON number at `key` (an index such as a satisfaction rate of 99.75); nullopt when
//! absent or not a number.
std::optional<double> number_member(const nlohmann::json& object, std::string_view key);

//! The calendar date at `key`, written "YYYY-MM-DD"; nullopt when absent, not a string, not in
//! that form or not a day of the calendar (2026-02-30).
std::optional<Date> date_member(const nlohmann::json& object, std::string_view key);

//! True only when `key` holds JSON true: an option the clerk ticks ("bold", "in_words").
bool flag_member(const nlohmann::json& object, std::string_view key);

}  // namespace vanthu
