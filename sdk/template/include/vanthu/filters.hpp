//! The Vietnamese filters a template can call from a value tag: `{so_tien | bang_chu}`.
//!
//! A filter turns the tag's value into text; filters chain left to right, each one reading the
//! text the previous one wrote (`{so_tien | bang_chu | hoa}`). The set is small on purpose:
//!
//!   name        takes                         gives (example)
//!   hoa         text                          upper case, ICU "vi": "ủy ban" -> "ỦY BAN"
//!   thuong      text                          lower case, ICU "vi": "HẢI AN" -> "hải an"
//!   so          number                        whole numbers grouped with ".": 17467000000 ->
//!                                             "17.467.000.000"; fractions with "," and at most
//!                                             2 decimals: 94.45 -> "94,45", 2.5 -> "2,5"
//!   tien        whole number                  "17.467.000.000 đồng"
//!   bang_chu    whole number 0..10^15-1       money in words: 17467000000 -> "Mười bảy tỷ,
//!                                             bốn trăm sáu mươi bảy triệu đồng chẵn"
//!   ngay_thang  ISO date "YYYY-MM-DD"         "ngày 05 tháng 02 năm 2026" (Decree 30: days 1-9
//!                                             and months 1-2 get a leading 0)
//!   ngay        ISO date "YYYY-MM-DD"         "05/02/2026"
//!   hai_so      whole number                  two digits for 0..9: 6 -> "06", 12 -> "12"
//!
//! "Whole number" also accepts a JSON number written with a fraction of zero (2.0). A number
//! filter given a string of digits reads it as the number ("17467000000" | so). A value the
//! filter cannot take (a text for `so`, "2026-02-30" for `ngay`, an object, ...) renders as
//! nothing and is reported as a missing value, never as an error. null renders as nothing.
//! Unknown filter names are template issues found when the template is read.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace vanthu::filters {

enum class Filter : std::uint8_t { hoa, thuong, so, tien, bang_chu, ngay_thang, ngay, hai_so };

//! What a filter takes, for the data shape `vanthu check` shows: "text", "number", "date".
const char* input_kind(Filter filter);

//! The filter called `name` (exact, lower case), or nothing.
std::optional<Filter> find(std::string_view name);
const char* name(Filter filter);
//! Every filter name, in the order of the table above.
const std::vector<std::string>& names();

//! Applies `filter` to a JSON value (first filter of a tag): false when the value is not one
//! the filter takes. `out` is replaced.
bool apply(Filter filter, const nlohmann::json& value, std::string& out);
//! Applies `filter` to text written by the previous filter (chained filters).
bool apply_text(Filter filter, std::string_view text, std::string& out);

}  // namespace vanthu::filters
