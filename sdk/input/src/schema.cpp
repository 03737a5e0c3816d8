//! JSON Schema (the subset report types use): validation with Vietnamese messages that name
//! each field by its title, and a check that a schema uses only what validation understands.
#include "vanthu/schema.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <memory>
#include <set>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <unicode/regex.h>
#include <unicode/unistr.h>

#include "vanthu/date.hpp"
#include "vanthu/text.hpp"

namespace vanthu {
namespace {

using nlohmann::json;

//! $ref chains followed without descending into the instance before we call it a cycle.
constexpr int kMaxRefChain = 32;

// --- Shared helpers --------------------------------------------------------------------------------

//! Code points in UTF-8 text: the bytes that are not continuation bytes (10xxxxxx), counted eight
//! at a time (this runs on every string that has a length limit).
std::size_t code_point_count(std::string_view utf8) {
  std::size_t continuation = 0;
  std::size_t i = 0;
  for (; i + 8 <= utf8.size(); i += 8) {
    std::uint64_t word = 0;
    std::memcpy(&word, utf8.data() + i, 8);
    // Bit 7 of each byte set and bit 6 clear (shifted into bit 7's place).
    continuation += static_cast<std::size_t>(std::popcount(word & ~(word << 1) & 0x8080808080808080ull));
  }
  for (; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) == 0x80) ++continuation;
  }
  return utf8.size() - continuation;
}

//! A pattern compiled by ICU's regex engine (syntax close to ECMA-262 for what schemas use:
//! classes, anchors, quantifiers, groups, alternation), which matches code points, keeps its
//! backtracking on the heap (long strings cannot overflow the stack) and can be time-limited.
//! Each thread keeps, per pattern text, the compiled pattern and one matcher (a matcher holds
//! match state, so it cannot be shared between threads; reusing it saves building one per value).
struct CompiledPattern {
  // In this order so that the matcher goes first: it refers to both the pattern and the input.
  std::unique_ptr<icu::RegexPattern> pattern;  // nullptr when the pattern does not compile
  icu::UnicodeString input;                    // what the matcher reads
  std::unique_ptr<icu::RegexMatcher> matcher;  // made on first use, dropped after a failed match
};

CompiledPattern& thread_pattern(const std::string& pattern) {
  thread_local std::map<std::string, CompiledPattern, std::less<>> cache;
  auto found = cache.find(pattern);
  if (found == cache.end()) {
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    CompiledPattern compiled;
    compiled.pattern.reset(icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, where, status));
    if (U_FAILURE(status)) compiled.pattern.reset();
    found = cache.emplace(pattern, std::move(compiled)).first;
  }
  return found->second;
}

//! The compiled pattern, or nullptr when it does not compile.
const icu::RegexPattern* compiled_pattern(const std::string& pattern) { return thread_pattern(pattern).pattern.get(); }

//! Work limit for one match, in ICU's time-limit steps (roughly milliseconds): enough for any
//! sane pattern, a stop for catastrophic backtracking.
constexpr int32_t kPatternTimeLimit = 1000;

//! Whether `pattern` occurs in `value` (search, not full match, as JSON Schema says). A match
//! that runs out of time counts as no match. Throws std::invalid_argument for a bad pattern.
bool pattern_found(const std::string& pattern, const std::string& value) {
  CompiledPattern& compiled = thread_pattern(pattern);
  if (compiled.pattern == nullptr) throw std::invalid_argument("schema: pattern \"" + pattern + "\" does not compile");
  UErrorCode status = U_ZERO_ERROR;
  if (compiled.matcher == nullptr) {
    std::unique_ptr<icu::RegexMatcher> matcher(compiled.pattern->matcher(status));
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU regex matcher: ") + u_errorName(status));
    matcher->setTimeLimit(kPatternTimeLimit, status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU regex matcher: ") + u_errorName(status));
    compiled.matcher = std::move(matcher);
  }
  compiled.input = icu::UnicodeString::fromUTF8(value);
  compiled.matcher->reset(compiled.input);  // also restarts the time limit
  const bool found = compiled.matcher->find(status);
  // After an error (a time-out) start the next match from a fresh matcher, not one in that state.
  if (U_FAILURE(status)) compiled.matcher.reset();
  return U_SUCCESS(status) && found;
}

//! The schema "#/$defs/name" points at, or nullptr.
const json* resolve_ref(const json& root, const json& ref) {
  if (!ref.is_string()) return nullptr;
  const std::string& target = ref.get_ref<const std::string&>();
  constexpr std::string_view kPrefix = "#/$defs/";
  if (target.rfind(kPrefix, 0) != 0) return nullptr;
  // The usual "#/$defs/name" (one plain token, $defs an object): a map lookup instead of building
  // a json_pointer each time. Anything else (escapes, deeper pointers) goes through json_pointer.
  const std::string_view name = std::string_view(target).substr(kPrefix.size());
  if (name.find_first_of("/~") == std::string_view::npos && root.is_object()) {
    const auto defs = root.find("$defs");
    if (defs != root.end() && defs->is_object()) {
      const auto found = defs->find(name);
      return found == defs->end() ? nullptr : &*found;
    }
  }
  try {
    const json::json_pointer pointer(target.substr(1));
    if (!root.contains(pointer)) return nullptr;
    return &root.at(pointer);
  } catch (const json::exception&) {
    return nullptr;
  }
}

bool is_whole_number(const json& value) {
  if (value.is_number_integer()) return true;
  if (!value.is_number_float()) return false;
  const double number = value.get<double>();
  return std::isfinite(number) && std::floor(number) == number;
}

bool is_non_negative_integer(const json& value) {
  return is_whole_number(value) && value.get<double>() >= 0;
}

//! Compares two JSON numbers exactly when both are integers: <0, 0, >0.
int compare_numbers(const json& a, const json& b) {
  if (a.is_number_integer() && b.is_number_integer()) {
    auto wide = [](const json& n) -> __int128 {
      return n.is_number_unsigned() ? static_cast<__int128>(n.get<std::uint64_t>()) : static_cast<__int128>(n.get<std::int64_t>());
    };
    const __int128 x = wide(a);
    const __int128 y = wide(b);
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  const long double x = a.get<long double>();
  const long double y = b.get<long double>();
  return x < y ? -1 : (x > y ? 1 : 0);
}

//! A number as the seeds write it: "1.000", "0,5".
std::string vietnamese_number(const json& number) {
  if (number.is_number_unsigned()) {
    const std::uint64_t value = number.get<std::uint64_t>();
    if (value <= static_cast<std::uint64_t>(INT64_MAX)) return text::group_thousands(static_cast<std::int64_t>(value));
    return std::to_string(value);
  }
  if (number.is_number_integer()) return text::group_thousands(number.get<std::int64_t>());
  return text::decimal(number.get<double>(), 6);
}

//! A value for a message: strings in Vietnamese quotes, the rest as JSON.
std::string quoted_value(const json& value) {
  if (value.is_string()) return "“" + value.get<std::string>() + "”";
  if (value.is_number()) return vietnamese_number(value);
  return value.dump();
}

const std::set<std::string, std::less<>> kTypeNames = {"string", "integer", "number", "boolean", "object", "array", "null"};

std::string type_in_words(const std::string& type) {
  if (type == "string") return "văn bản (chuỗi ký tự)";
  if (type == "integer") return "số nguyên";
  if (type == "number") return "số";
  if (type == "boolean") return "giá trị đúng/sai (true hoặc false)";
  if (type == "object") return "một nhóm trường (đối tượng JSON)";
  if (type == "array") return "một danh sách";
  if (type == "null") return "để trống (null)";
  return type;
}

bool has_type(const json& value, std::string_view type) {
  if (type == "string") return value.is_string();
  if (type == "integer") return is_whole_number(value);
  if (type == "number") return value.is_number();
  if (type == "boolean") return value.is_boolean();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  if (type == "null") return value.is_null();
  return false;
}

//! "YYYY-MM-DD" shape only (digits and dashes in place).
bool has_date_shape(std::string_view text) {
  if (text.size() != 10) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? text[i] != '-' : (text[i] < '0' || text[i] > '9')) return false;
  }
  return true;
}

//! RFC 3339 date-time: 2026-02-05T08:30:00Z, 2026-02-05T08:30:00.5+07:00 ("t"/"z" allowed).
bool is_date_time(std::string_view text) {
  if (text.size() < 20 || !has_date_shape(text.substr(0, 10)) || !Date::parse_iso(text.substr(0, 10))) return false;
  if (text[10] != 'T' && text[10] != 't') return false;
  auto two = [&](std::size_t at, int max) {
    if (at + 2 > text.size() || text[at] < '0' || text[at] > '9' || text[at + 1] < '0' || text[at + 1] > '9') return false;
    return (text[at] - '0') * 10 + (text[at + 1] - '0') <= max;
  };
  if (!two(11, 23) || text[13] != ':' || !two(14, 59) || text[16] != ':' || !two(17, 60)) return false;
  std::size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    const std::size_t digits_start = ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    if (at == digits_start) return false;
  }
  if (at == text.size()) return false;
  if (text[at] == 'Z' || text[at] == 'z') return at + 1 == text.size();
  if (text[at] != '+' && text[at] != '-') return false;
  return at + 6 == text.size() && two(at + 1, 23) && text[at + 3] == ':' && two(at + 4, 59);
}

// --- Validation ----------------------------------------------------------------------------------

//! Where a value is, as a chain of links up to the root (each on the caller's stack), so that its
//! JSON Pointer and the dotted form shown to clerks ("period.from", "items[0].name") are only
//! written when a problem is reported.
struct Location {
  const Location* parent = nullptr;   // nullptr: the root
  const std::string* name = nullptr;  // a member's name; nullptr: an array element
  std::size_t index = 0;

  Location member(const std::string& member_name) const { return Location{this, &member_name, 0}; }
  Location element(std::size_t element_index) const { return Location{this, nullptr, element_index}; }

  std::string pointer() const {
    if (parent == nullptr) return "";
    return name != nullptr ? pointer_append(parent->pointer(), *name) : pointer_append(parent->pointer(), index);
  }
  std::string dotted() const {
    if (parent == nullptr) return "";
    std::string base = parent->dotted();
    if (name == nullptr) return base + "[" + std::to_string(index) + "]";
    return base.empty() ? *name : base + "." + *name;
  }
};

//! The keywords of one schema object that validation reads, found in one pass over its members
//! (instead of a map lookup per keyword per value).
struct Keywords {
  const json* ref = nullptr;
  const json* type = nullptr;
  const json* constant = nullptr;
  const json* choices = nullptr;  // enum
  const json* min_length = nullptr;
  const json* max_length = nullptr;
  const json* pattern = nullptr;
  const json* format = nullptr;
  const json* minimum = nullptr;
  const json* exclusive_minimum = nullptr;
  const json* maximum = nullptr;
  const json* exclusive_maximum = nullptr;
  const json* min_items = nullptr;
  const json* max_items = nullptr;
  const json* items = nullptr;
  const json* properties = nullptr;
  const json* additional = nullptr;  // additionalProperties
  const json* required = nullptr;

  explicit Keywords(const json& schema) {
    for (const auto& [keyword, value] : schema.get_ref<const json::object_t&>()) {
      const std::string_view k = keyword;
      const json* v = &value;
      if (k == "type") type = v;
      else if (k == "properties") properties = v;
      else if (k == "required") required = v;
      else if (k == "additionalProperties") additional = v;
      else if (k == "items") items = v;
      else if (k == "minLength") min_length = v;
      else if (k == "maxLength") max_length = v;
      else if (k == "pattern") pattern = v;
      else if (k == "format") format = v;
      else if (k == "minimum") minimum = v;
      else if (k == "maximum") maximum = v;
      else if (k == "exclusiveMinimum") exclusive_minimum = v;
      else if (k == "exclusiveMaximum") exclusive_maximum = v;
      else if (k == "minItems") min_items = v;
      else if (k == "maxItems") max_items = v;
      else if (k == "enum") choices = v;
      else if (k == "const") constant = v;
      else if (k == "$ref") ref = v;
    }
  }
};

class Validator {
 public:
  Validator(const json& root, Problems& problems) : root_(root), problems_(problems) {}

  void validate(const json& schema, const json& instance, const Location& at) {
    validate_with_subject(schema, instance, at, Subject{&schema, &at}, 0);
  }

 private:
  //! Whom messages are about: the schema a value was first validated against (before any $ref)
  //! and where the value is. Turned into words (subject()) only when a message is written.
  struct Subject {
    const json* schema;
    const Location* at;
  };

  //! The schema's title, looked up through $ref when the schema itself has none.
  const std::string* title_of(const json& schema, int chain = 0) const {
    if (!schema.is_object() || chain > kMaxRefChain) return nullptr;
    if (auto title = schema.find("title"); title != schema.end() && title->is_string())
      return &title->get_ref<const std::string&>();
    if (auto ref = schema.find("$ref"); ref != schema.end()) {
      if (const json* target = resolve_ref(root_, *ref)) return title_of(*target, chain + 1);
    }
    return nullptr;
  }

  //! How messages name a value: “Title”, or Trường “dotted.path”, or Dữ liệu for the root.
  std::string subject(const Subject& who) const {
    if (const std::string* title = title_of(*who.schema)) return "“" + *title + "”";
    const std::string dotted = who.at->dotted();
    if (dotted.empty()) return "Dữ liệu";
    return "Trường “" + dotted + "”";
  }

  //! Kept while fewer than kMaxProblems are; past that only counted (add_capped), without even
  //! writing the pointer: 300,000 unknown members cost a count, not 300,000 problems.
  void report(const Location& at, std::string code, std::string message) {
    if (problems_.size() >= kMaxProblems) return add_capped(problems_, Problem{});
    add_capped(problems_, Problem{at.pointer(), std::move(code), std::move(message)});
  }

  //! Applies every keyword of `schema`; false when the value has the wrong type (then nothing
  //! else was checked, to avoid a cascade of messages about one mistake).
  bool validate_with_subject(const json& schema, const json& instance, const Location& at, const Subject& who,
                             int ref_chain) {
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) {
        const std::string dotted = at.dotted();
        const std::string name = dotted.empty() ? "(gốc)" : dotted;
        report(at, "additional_property", "Trường “" + name + "” không có trong mẫu báo cáo này.");
      }
      return true;
    }
    if (!schema.is_object()) return true;
    const Keywords keywords(schema);

    if (const json* ref = keywords.ref) {
      if (ref_chain >= kMaxRefChain) throw std::invalid_argument("schema: $ref chain too long (a cycle?) at " + ref->dump());
      const json* target = resolve_ref(root_, *ref);
      if (target == nullptr) throw std::invalid_argument("schema: $ref does not resolve: " + ref->dump());
      if (!validate_with_subject(*target, instance, at, who, ref_chain + 1)) return false;
    }

    if (!check_type(keywords, instance, at, who)) return false;
    check_const_and_enum(keywords, instance, at, who);
    if (instance.is_string()) check_string(keywords, instance.get_ref<const std::string&>(), at, who);
    if (instance.is_number()) check_number(keywords, instance, at, who);
    if (instance.is_array()) check_array(keywords, instance, at, who);
    if (instance.is_object()) check_object(keywords, instance, at);
    return true;
  }

  bool check_type(const Keywords& keywords, const json& instance, const Location& at, const Subject& who) {
    const json* type = keywords.type;
    if (type == nullptr) return true;
    // The type names given: a string, or the strings of an array (other entries are ignored).
    std::span<const json> names;
    if (type->is_string()) {
      names = std::span<const json>(type, 1);
    } else if (type->is_array()) {
      names = type->get_ref<const json::array_t&>();
    } else {
      return true;
    }
    bool any = false;
    for (const json& name : names) {
      if (!name.is_string()) continue;
      any = true;
      if (has_type(instance, name.get_ref<const std::string&>())) return true;
    }
    if (!any) return true;
    std::vector<const std::string*> allowed;
    for (const json& name : names) {
      if (name.is_string()) allowed.push_back(&name.get_ref<const std::string&>());
    }
    std::string words;
    for (std::size_t i = 0; i < allowed.size(); ++i) {
      if (i > 0) words += i + 1 == allowed.size() ? " hoặc " : ", ";
      words += type_in_words(*allowed[i]);
    }
    report(at, "type", subject(who) + " phải là " + words + ".");
    return false;
  }

  void check_const_and_enum(const Keywords& keywords, const json& instance, const Location& at, const Subject& who) {
    if (keywords.constant != nullptr && *keywords.constant != instance) {
      report(at, "const", subject(who) + " phải có giá trị " + quoted_value(*keywords.constant) + ".");
    }
    if (const json* choices = keywords.choices; choices != nullptr && choices->is_array()) {
      bool found = false;
      for (const json& choice : *choices) {
        if (choice == instance) {
          found = true;
          break;
        }
      }
      if (!found) {
        std::string list;
        for (const json& choice : *choices) list += (list.empty() ? "" : ", ") + quoted_value(choice);
        report(at, "enum", subject(who) + " phải là một trong các giá trị: " + list + ".");
      }
    }
  }

  void check_string(const Keywords& keywords, const std::string& value, const Location& at, const Subject& who) {
    const json* minimum = keywords.min_length;
    const json* maximum = keywords.max_length;
    const bool has_minimum = minimum != nullptr && is_non_negative_integer(*minimum);
    const bool has_maximum = maximum != nullptr && is_non_negative_integer(*maximum);
    const std::size_t length = has_minimum || has_maximum ? code_point_count(value) : 0;
    if (has_minimum) {
      const auto limit = static_cast<std::size_t>(minimum->get<double>());
      if (length < limit) {
        const std::string who_words = subject(who);
        report(at, "min_length",
               length == 0 ? who_words + " không được để trống."
                           : who_words + " phải có ít nhất " + std::to_string(limit) + " ký tự (hiện có " +
                                 std::to_string(length) + ").");
      }
    }
    if (has_maximum) {
      const auto limit = static_cast<std::size_t>(maximum->get<double>());
      if (length > limit) {
        report(at, "max_length",
               subject(who) + " dài tối đa " + std::to_string(limit) + " ký tự (hiện có " + std::to_string(length) + ").");
      }
    }
    if (const json* pattern = keywords.pattern; pattern != nullptr && pattern->is_string()) {
      if (!pattern_found(pattern->get_ref<const std::string&>(), value))
        report(at, "pattern", subject(who) + " không đúng định dạng yêu cầu.");
    }
    if (const json* format = keywords.format; format != nullptr && format->is_string()) {
      const std::string& name = format->get_ref<const std::string&>();
      if (name == "date") check_date(value, at, who);
      if (name == "date-time" && !is_date_time(value)) {
        report(at, "invalid_date_time",
               subject(who) + " phải là thời điểm dạng YYYY-MM-DDThh:mm:ss kèm múi giờ (ví dụ 2026-02-05T08:30:00+07:00).");
      }
    }
  }

  void check_date(const std::string& value, const Location& at, const Subject& who) {
    if (!has_date_shape(value)) {
      report(at, "invalid_date", subject(who) + " phải là ngày dạng YYYY-MM-DD (ví dụ 2026-02-05).");
      return;
    }
    if (Date::parse_iso(value)) return;
    const int year = std::stoi(value.substr(0, 4));
    const int month = std::stoi(value.substr(5, 2));
    const int day = std::stoi(value.substr(8, 2));
    if (Date::exists(year, month, day)) {
      report(at, "invalid_date", subject(who) + " phải là ngày từ năm 1900 đến năm 9999 (đang là " + value + ").");
    } else {
      report(at, "invalid_date", subject(who) + " không phải ngày có thật (" + value + ").");
    }
  }

  void check_number(const Keywords& keywords, const json& value, const Location& at, const Subject& who) {
    struct Bound {
      const json* Keywords::*keyword;
      const char* code;
      bool (*violated)(int comparison);
      const char* words;
    };
    static constexpr Bound kBounds[] = {
        {&Keywords::minimum, "minimum", [](int c) { return c < 0; }, " phải lớn hơn hoặc bằng "},
        {&Keywords::exclusive_minimum, "minimum", [](int c) { return c <= 0; }, " phải lớn hơn "},
        {&Keywords::maximum, "maximum", [](int c) { return c > 0; }, " phải nhỏ hơn hoặc bằng "},
        {&Keywords::exclusive_maximum, "maximum", [](int c) { return c >= 0; }, " phải nhỏ hơn "},
    };
    for (const Bound& bound : kBounds) {
      const json* limit = keywords.*bound.keyword;
      if (limit == nullptr || !limit->is_number()) continue;
      if (bound.violated(compare_numbers(value, *limit))) {
        report(at, bound.code, subject(who) + bound.words + vietnamese_number(*limit) + ".");
      }
    }
  }

  void check_array(const Keywords& keywords, const json& value, const Location& at, const Subject& who) {
    if (const json* minimum = keywords.min_items; minimum != nullptr && is_non_negative_integer(*minimum)) {
      const auto limit = static_cast<std::size_t>(minimum->get<double>());
      if (value.size() < limit) {
        const std::string who_words = subject(who);
        report(at, "min_items",
               value.empty() ? who_words + " phải có ít nhất " + std::to_string(limit) + " mục (đang để trống)."
                             : who_words + " phải có ít nhất " + std::to_string(limit) + " mục (hiện có " +
                                   std::to_string(value.size()) + ").");
      }
    }
    if (const json* maximum = keywords.max_items; maximum != nullptr && is_non_negative_integer(*maximum)) {
      const auto limit = static_cast<std::size_t>(maximum->get<double>());
      if (value.size() > limit) {
        report(at, "max_items",
               subject(who) + " có tối đa " + std::to_string(limit) + " mục (hiện có " + std::to_string(value.size()) + ").");
      }
    }
    if (const json* items = keywords.items; items != nullptr && (items->is_object() || items->is_boolean())) {
      for (std::size_t i = 0; i < value.size(); ++i) validate(*items, value[i], at.element(i));
    }
  }

  //! Members in key order (the order nlohmann::json keeps, so the order of the serialised
  //! document); a missing required member is reported where it would be. The members (a sorted
  //! map) and the required names (sorted here) are merged, as one sorted set of names would be.
  void check_object(const Keywords& keywords, const json& value, const Location& at) {
    const json* properties = keywords.properties != nullptr && keywords.properties->is_object() ? keywords.properties : nullptr;
    const json* additional = keywords.additional;

    std::vector<const std::string*> required;
    if (keywords.required != nullptr && keywords.required->is_array()) {
      for (const json& name : *keywords.required) {
        if (name.is_string()) required.push_back(&name.get_ref<const std::string&>());
      }
      std::sort(required.begin(), required.end(), [](const std::string* a, const std::string* b) { return *a < *b; });
      required.erase(std::unique(required.begin(), required.end(),
                                 [](const std::string* a, const std::string* b) { return *a == *b; }),
                     required.end());
    }

    const json::object_t& members = value.get_ref<const json::object_t&>();
    auto next_member = members.begin();
    auto next_required = required.begin();
    while (next_member != members.end() || next_required != required.end()) {
      const std::string* name = nullptr;
      const json* member = nullptr;  // nullptr: a required member that is missing
      if (next_required == required.end() || (next_member != members.end() && next_member->first < **next_required)) {
        name = &next_member->first;
        member = &next_member->second;
        ++next_member;
      } else if (next_member == members.end() || **next_required < next_member->first) {
        name = *next_required;
        ++next_required;
      } else {  // present and required
        name = &next_member->first;
        member = &next_member->second;
        ++next_member;
        ++next_required;
      }

      const Location member_at = at.member(*name);
      const json* member_schema = nullptr;
      if (properties != nullptr) {
        if (auto found = properties->find(*name); found != properties->end()) member_schema = &*found;
      }
      if (member == nullptr) {
        const std::string* title = member_schema ? title_of(*member_schema) : nullptr;
        const std::string dotted = member_at.dotted();
        report(member_at, "required",
               title ? "Thiếu “" + *title + "” (" + dotted + ")." : "Thiếu trường “" + dotted + "”.");
      } else if (member_schema != nullptr) {
        validate(*member_schema, *member, member_at);
      } else if (additional != nullptr && additional->is_boolean() && !additional->get<bool>()) {
        report(member_at, "additional_property", "Trường “" + *name + "” không có trong mẫu báo cáo này.");
      } else if (additional != nullptr && additional->is_object()) {
        validate(*additional, *member, member_at);
      }
    }
  }

  const json& root_;
  Problems& problems_;
};

// --- Schema checking -----------------------------------------------------------------------------

const std::set<std::string, std::less<>> kKnownKeywords = {
    "type",    "properties", "required",         "additionalProperties", "items",     "minItems",
    "maxItems", "minLength", "maxLength",        "pattern",              "enum",      "const",
    "minimum", "maximum",    "exclusiveMinimum", "exclusiveMaximum",     "format",    "$ref",
    "$defs",   "title",      "description",      "default",              "$schema",   "$id",
    "$comment", "examples",  "readOnly",         "writeOnly",            "deprecated",
    // Vanthu's own annotation (validation ignores it): what the desk does with the member when a
    // clerk starts the next period's report from this one — "clear" (this period's figures),
    // "keep", or {"from": "/pointer"}: the previous report's value there (last month's figures).
    "x-vanthu-next-period"};

class SchemaChecker {
 public:
  SchemaChecker(const json& root, Problems& problems) : root_(root), problems_(problems) {}

  void check(const json& schema, const std::string& path) {
    if (schema.is_boolean()) return;
    if (!schema.is_object()) {
      report(path, "invalid_schema", "Lược đồ phải là một đối tượng JSON hoặc true/false.");
      return;
    }
    for (const auto& [keyword, value] : schema.items()) {
      const std::string at = pointer_append(path, keyword);
      if (!kKnownKeywords.contains(keyword)) {
        report(at, "unknown_keyword",
               "Từ khóa “" + keyword + "” không được hỗ trợ nên sẽ bị bỏ qua; hãy kiểm tra lỗi chính tả.");
        continue;
      }
      check_keyword(keyword, value, at);
    }
  }

 private:
  void report(const std::string& path, std::string code, std::string message) {
    add_capped(problems_, Problem{path, std::move(code), std::move(message)});
  }
  void invalid(const std::string& at, const std::string& keyword, const std::string& expected) {
    report(at, "invalid_keyword_value", "Giá trị của “" + keyword + "” phải là " + expected + ".");
  }

  void check_keyword(const std::string& keyword, const json& value, const std::string& at) {
    if (keyword == "type") {
      check_type(value, at);
    } else if (keyword == "properties" || keyword == "$defs") {
      if (!value.is_object()) return invalid(at, keyword, "một đối tượng ánh xạ tên tới lược đồ");
      for (const auto& [name, sub] : value.items()) check(sub, pointer_append(at, name));
    } else if (keyword == "additionalProperties" || keyword == "items") {
      if (!value.is_object() && !value.is_boolean()) return invalid(at, keyword, "một lược đồ (đối tượng) hoặc true/false");
      check(value, at);
    } else if (keyword == "required") {
      check_required(value, at);
    } else if (keyword == "minItems" || keyword == "maxItems" || keyword == "minLength" || keyword == "maxLength") {
      if (!is_non_negative_integer(value)) invalid(at, keyword, "số nguyên không âm");
    } else if (keyword == "minimum" || keyword == "maximum" || keyword == "exclusiveMinimum" ||
               keyword == "exclusiveMaximum") {
      if (!value.is_number()) invalid(at, keyword, "một số");
    } else if (keyword == "pattern") {
      if (!value.is_string()) return invalid(at, keyword, "một chuỗi (biểu thức chính quy)");
      if (compiled_pattern(value.get<std::string>()) == nullptr)
        report(at, "invalid_pattern", "Biểu thức chính quy “" + value.get<std::string>() + "” không hợp lệ.");
    } else if (keyword == "enum") {
      if (!value.is_array() || value.empty()) invalid(at, keyword, "một danh sách không rỗng");
    } else if (keyword == "format") {
      if (!value.is_string()) return invalid(at, keyword, "một chuỗi");
      if (value != "date" && value != "date-time") {
        report(at, "unknown_format",
               "Định dạng “" + value.get<std::string>() + "” không được hỗ trợ (chỉ có “date” và “date-time”).");
      }
    } else if (keyword == "$ref") {
      const json* target = resolve_ref(root_, value);
      if (target == nullptr) {
        report(at, "unresolved_ref", "Tham chiếu " + value.dump() + " phải có dạng “#/$defs/tên” và trỏ tới một định nghĩa có trong $defs.");
        return;
      }
      // A chain of $ref that comes back to itself without reaching a real schema never ends.
      for (int step = 0; target->is_object() && target->contains("$ref"); ++step) {
        target = resolve_ref(root_, target->at("$ref"));
        if (target == nullptr) return;  // reported where that $ref is written
        if (step >= kMaxRefChain) {
          report(at, "unresolved_ref", "Tham chiếu " + value.dump() + " tạo thành vòng lặp $ref không dẫn tới lược đồ nào.");
          return;
        }
      }
    } else if (keyword == "title" || keyword == "description" || keyword == "$comment" || keyword == "$schema" ||
               keyword == "$id") {
      if (!value.is_string()) invalid(at, keyword, "một chuỗi");
    } else if (keyword == "readOnly" || keyword == "writeOnly" || keyword == "deprecated") {
      if (!value.is_boolean()) invalid(at, keyword, "true hoặc false");
    } else if (keyword == "examples") {
      if (!value.is_array()) invalid(at, keyword, "một danh sách");
    } else if (keyword == "x-vanthu-next-period") {
      const bool word = value.is_string() && (value == "clear" || value == "keep");
      const bool from = value.is_object() && value.size() == 1 && value.contains("from") && value["from"].is_string() &&
                        value["from"].get_ref<const std::string&>().rfind("/", 0) == 0;
      if (!word && !from) invalid(at, keyword, "\"clear\", \"keep\" hoặc {\"from\": \"/đường/dẫn\"} (số liệu kỳ trước lấy từ trường đó)");
    }
    // const, default: any value.
  }

  void check_type(const json& value, const std::string& at) {
    const std::string expected = "một trong string, integer, number, boolean, object, array, null (hoặc danh sách không trùng lặp của chúng)";
    if (value.is_string()) {
      if (!kTypeNames.contains(value.get<std::string>())) invalid(at, "type", expected);
      return;
    }
    if (!value.is_array() || value.empty()) return invalid(at, "type", expected);
    std::set<std::string> seen;
    for (const json& name : value) {
      if (!name.is_string() || !kTypeNames.contains(name.get<std::string>()) || !seen.insert(name.get<std::string>()).second)
        return invalid(at, "type", expected);
    }
  }

  void check_required(const json& value, const std::string& at) {
    if (!value.is_array()) return invalid(at, "required", "một danh sách tên trường không trùng lặp");
    std::set<std::string> seen;
    for (const json& name : value) {
      if (!name.is_string() || !seen.insert(name.get<std::string>()).second)
        return invalid(at, "required", "một danh sách tên trường không trùng lặp");
    }
  }

  const json& root_;
  Problems& problems_;
};

}  // namespace

Problems validate(const nlohmann::json& schema, const nlohmann::json& instance) {
  Problems problems;
  Validator(schema, problems).validate(schema, instance, Location{});
  return problems;
}

Problems check_schema(const nlohmann::json& schema) {
  Problems problems;
  SchemaChecker(schema, problems).check(schema, "");
  return problems;
}

}  // namespace vanthu
