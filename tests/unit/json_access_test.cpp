//! The member accessors every report type reads its input with: each way a member can be
//! missing (no parent object, no key, another type) reads as absent, and nothing throws.

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

#include "vanthu/json_access.hpp"

using nlohmann::json;
using vanthu::Date;

namespace {

const json kInput = json::parse(R"({
  "issuer": {"name": "Ủy ban nhân dân phường Hải An", "number": 12, "place": ""},
  "period": {"from": "2026-02-05", "to": "2026-02-30", "year": "2026"},
  "figures": {"received": 2126, "online": -3, "rate": 99.75, "half": 2.5, "big": 18446744073709551615,
              "largest": 9223372036854775807, "zero": 0},
  "flags": {"bold": true, "italic": false, "in_words": 1, "superscript": "true"},
  "list": [1, 2, 3],
  "nothing": null
})");

TEST(JsonMember, FindsTheValueAndChainsThroughObjects) {
  EXPECT_EQ(vanthu::member(kInput, "issuer")["number"], 12);
  EXPECT_EQ(vanthu::member(vanthu::member(kInput, "figures"), "received"), 2126);
}

TEST(JsonMember, AbsentWhenTheKeyOrTheParentObjectIsMissing) {
  EXPECT_TRUE(vanthu::member(kInput, "no_such_key").is_null());
  EXPECT_TRUE(vanthu::member(kInput, "nothing").is_null());
  // Walking down through absent, array, string and number parents never throws.
  EXPECT_TRUE(vanthu::member(vanthu::member(kInput, "no_such_key"), "name").is_null());
  EXPECT_TRUE(vanthu::member(vanthu::member(kInput, "list"), "0").is_null());
  EXPECT_TRUE(vanthu::member(vanthu::member(vanthu::member(kInput, "issuer"), "name"), "x").is_null());
  EXPECT_TRUE(vanthu::member(json(12), "x").is_null());
  EXPECT_TRUE(vanthu::member(json(), "").is_null());
}

TEST(JsonMember, KeysAreExactNotPrefixes) {
  json object = {{"from", 1}, {"from_date", 2}};
  EXPECT_EQ(vanthu::member(object, "from"), 1);
  EXPECT_TRUE(vanthu::member(object, "fro").is_null());
  EXPECT_TRUE(vanthu::member(object, "From").is_null());
}

TEST(JsonStringMember, TheStringAsTypedOrEmpty) {
  const json& issuer = vanthu::member(kInput, "issuer");
  EXPECT_EQ(vanthu::string_member(issuer, "name"), "Ủy ban nhân dân phường Hải An");
  EXPECT_EQ(vanthu::string_member(json{{"name", "  Hải An \n"}}, "name"), "  Hải An \n");  // not trimmed
  EXPECT_EQ(vanthu::string_member(issuer, "place"), "");
  EXPECT_EQ(vanthu::string_member(issuer, "number"), "");  // a number is not its digits
  EXPECT_EQ(vanthu::string_member(issuer, "missing"), "");
  EXPECT_EQ(vanthu::string_member(kInput, "list"), "");
  EXPECT_EQ(vanthu::string_member(kInput, "nothing"), "");
  EXPECT_EQ(vanthu::string_member(json("issuer"), "issuer"), "");
}

TEST(JsonIntegerMember, WholeNumbersOnly) {
  const json& figures = vanthu::member(kInput, "figures");
  EXPECT_EQ(vanthu::integer_member(figures, "received"), 2126);
  EXPECT_EQ(vanthu::integer_member(figures, "online"), -3);
  EXPECT_EQ(vanthu::integer_member(figures, "zero"), 0);  // present and 0 is not absent
  EXPECT_EQ(vanthu::integer_member(figures, "largest"), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(vanthu::integer_member(figures, "half"), std::nullopt);
  EXPECT_EQ(vanthu::integer_member(figures, "rate"), std::nullopt);
  EXPECT_EQ(vanthu::integer_member(vanthu::member(kInput, "period"), "year"), std::nullopt);  // "2026" is text
  EXPECT_EQ(vanthu::integer_member(vanthu::member(kInput, "flags"), "bold"), std::nullopt);
  EXPECT_EQ(vanthu::integer_member(figures, "missing"), std::nullopt);
  EXPECT_EQ(vanthu::integer_member(kInput, "nothing"), std::nullopt);
  EXPECT_EQ(vanthu::integer_member(kInput, "list"), std::nullopt);
}

TEST(JsonIntegerMember, AnUnsignedBeyondInt64IsNotReadAsANegativeCount) {
  EXPECT_EQ(vanthu::integer_member(vanthu::member(kInput, "figures"), "big"), std::nullopt);
}

TEST(JsonNumberMember, AnyNumber) {
  const json& figures = vanthu::member(kInput, "figures");
  EXPECT_EQ(vanthu::number_member(figures, "rate"), 99.75);
  EXPECT_EQ(vanthu::number_member(figures, "received"), 2126.0);
  EXPECT_EQ(vanthu::number_member(figures, "online"), -3.0);
  EXPECT_EQ(vanthu::number_member(vanthu::member(kInput, "period"), "year"), std::nullopt);
  EXPECT_EQ(vanthu::number_member(vanthu::member(kInput, "flags"), "bold"), std::nullopt);
  EXPECT_EQ(vanthu::number_member(figures, "missing"), std::nullopt);
  EXPECT_EQ(vanthu::number_member(json::array({1}), "0"), std::nullopt);
}

TEST(JsonDateMember, IsoCalendarDaysOnly) {
  const json& period = vanthu::member(kInput, "period");
  EXPECT_EQ(vanthu::date_member(period, "from"), (Date{2026, 2, 5}));
  EXPECT_EQ(vanthu::date_member(period, "to"), std::nullopt);  // 30 February
  EXPECT_EQ(vanthu::date_member(json{{"d", "05/02/2026"}}, "d"), std::nullopt);
  EXPECT_EQ(vanthu::date_member(json{{"d", "2026-2-5"}}, "d"), std::nullopt);
  EXPECT_EQ(vanthu::date_member(json{{"d", ""}}, "d"), std::nullopt);
  EXPECT_EQ(vanthu::date_member(json{{"d", 20260205}}, "d"), std::nullopt);
  EXPECT_EQ(vanthu::date_member(period, "missing"), std::nullopt);
  EXPECT_EQ(vanthu::date_member(json(), "from"), std::nullopt);
}

TEST(JsonFlagMember, TrueOnlyForJsonTrue) {
  const json& flags = vanthu::member(kInput, "flags");
  EXPECT_TRUE(vanthu::flag_member(flags, "bold"));
  EXPECT_FALSE(vanthu::flag_member(flags, "italic"));
  EXPECT_FALSE(vanthu::flag_member(flags, "in_words"));     // 1 is not true
  EXPECT_FALSE(vanthu::flag_member(flags, "superscript"));  // nor is "true"
  EXPECT_FALSE(vanthu::flag_member(flags, "missing"));
  EXPECT_FALSE(vanthu::flag_member(json(true), "bold"));
}

}  // namespace
