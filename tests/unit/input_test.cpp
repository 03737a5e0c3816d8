//! Reading request bodies: syntax errors with positions, UTF-8, control characters, NFC.
#include "vanthu/input.hpp"

#include <gtest/gtest.h>

#include "vanthu/text.hpp"

namespace vanthu {
namespace {

using nlohmann::json;

const std::string kMalformedPrefix = "Dữ liệu JSON không hợp lệ ở dòng ";

//! The (line, column) named by a malformed_json message.
std::pair<int, int> position_of(const InputDocument& document) {
  EXPECT_TRUE(document.malformed);
  EXPECT_EQ(document.problems.size(), 1u);
  if (document.problems.empty()) return {0, 0};
  const Problem& problem = document.problems.front();
  EXPECT_EQ(problem.code, "malformed_json");
  EXPECT_EQ(problem.path, "");
  EXPECT_EQ(problem.message.rfind(kMalformedPrefix, 0), 0u) << problem.message;
  int line = 0;
  int column = 0;
  const std::string rest = problem.message.substr(kMalformedPrefix.size());
  EXPECT_EQ(std::sscanf(rest.c_str(), "%d, cột %d:", &line, &column), 2) << problem.message;
  return {line, column};
}

TEST(ReadInput, ThreeHundredBadStringsKeepAHundredProblemsAndCountTheRest) {
  std::string body = "[";
  for (int i = 0; i < 300; ++i) body += std::string(i ? "," : "") + "\"a\\u0001b\"";
  body += "]";
  const InputDocument document = read_input(body);
  EXPECT_FALSE(document.malformed);
  ASSERT_EQ(document.problems.size(), kMaxProblems + 1);
  EXPECT_EQ(document.problems[0].path, "/0");
  EXPECT_EQ(document.problems[0].code, "control_character");
  EXPECT_EQ(document.problems[99].path, "/99");
  EXPECT_EQ(document.problems.back().code, "too_many_problems");
  EXPECT_EQ(total_count(document.problems), 300u);
}

TEST(ReadInput, ValidDocument) {
  const InputDocument document = read_input(R"({"period": {"from": "2026-02-05", "to": "2026-02-11"}, "count": 6, "ok": true,
                                                "rate": 94.4, "items": ["a", null]})");
  EXPECT_FALSE(document.malformed);
  EXPECT_TRUE(document.problems.empty());
  EXPECT_EQ(document.value["period"]["from"], "2026-02-05");
  EXPECT_EQ(document.value["count"], 6);
  EXPECT_EQ(document.value["ok"], true);
  EXPECT_DOUBLE_EQ(document.value["rate"].get<double>(), 94.4);
  EXPECT_TRUE(document.value["items"][1].is_null());
  EXPECT_EQ(read_input("-12").value, -12);
  EXPECT_EQ(read_input("18446744073709551615").value.get<std::uint64_t>(), 18446744073709551615ull);
}

TEST(ReadInput, LeadingByteOrderMarkIsAccepted) {
  const InputDocument document = read_input("\xEF\xBB\xBF{\"a\": 1}");
  EXPECT_FALSE(document.malformed);
  EXPECT_EQ(document.value, (json{{"a", 1}}));
}

TEST(ReadInput, NfdAndNfcGiveTheSameDocument) {
  // "Hòa" and "Việt" typed decomposed, in a key and in values.
  const std::string nfd = "{\"t\xC3\xAAn\": \"Ho\xCC\x80" "a\", \"Vie\xCC\xA3\xCC\x82t\": [\"Ha\xCC\xA3nh phu\xCC\x81" "c\"]}";
  const std::string nfc = R"({"tên": "Hòa", "Việt": ["Hạnh phúc"]})";
  const InputDocument from_nfd = read_input(nfd);
  const InputDocument from_nfc = read_input(nfc);
  EXPECT_TRUE(from_nfd.problems.empty());
  EXPECT_EQ(from_nfd.value, from_nfc.value);
  EXPECT_EQ(from_nfd.value.dump(), from_nfc.value.dump());
  EXPECT_EQ(from_nfd.value["Việt"][0], "Hạnh phúc");
}

TEST(ReadInput, EscapedDecomposedTextIsNormalisedToo) {
  const InputDocument document = read_input(R"({"x": "Ho\u0300a"})");
  EXPECT_EQ(document.value["x"], "Hòa");
}

TEST(ReadInput, EmptyBodyIsMalformed) {
  for (const char* body : {"", "   ", "\n\r\n\t"}) {
    const InputDocument document = read_input(body);
    EXPECT_TRUE(document.malformed) << "[" << body << "]";
    ASSERT_EQ(document.problems.size(), 1u);
    EXPECT_EQ(document.problems[0].code, "malformed_json");
    EXPECT_NE(document.problems[0].message.find("không có nội dung"), std::string::npos);
  }
}

TEST(ReadInput, SyntaxErrorNamesLineAndColumn) {
  EXPECT_EQ(position_of(read_input("{\n  \"a\": 1,\n  \"b\": tru\n}")), std::make_pair(3, 11));
  EXPECT_EQ(position_of(read_input("[1,]")), std::make_pair(1, 4));
  EXPECT_EQ(position_of(read_input("{\"a\" 1}")), std::make_pair(1, 6));
  EXPECT_EQ(position_of(read_input("{} 1")), std::make_pair(1, 4));
  EXPECT_EQ(position_of(read_input("{\"a\": 1")), std::make_pair(1, 8));  // end of input
}

TEST(ReadInput, ColumnCountsCharactersNotBytes) {
  // "{"tên": "Hòa", x}": ê and ò take two bytes each but are one character.
  EXPECT_EQ(position_of(read_input("{\"tên\": \"Hòa\", x}")), std::make_pair(1, 16));
  EXPECT_EQ(position_of(read_input("{\n\"Ủy ban\": 1,\n\"Độc lập\": ]}")), std::make_pair(3, 12));
}

TEST(ReadInput, CrLfLineBreaksCountOnce) {
  EXPECT_EQ(position_of(read_input("{\r\n\"a\": 1,\r\n\"b\": x}")), std::make_pair(3, 6));
}

TEST(ReadInput, ReasonsAreShortVietnamese) {
  auto message = [](std::string_view body) { return read_input(body).problems.at(0).message; };
  EXPECT_NE(message("[1,]").find("thiếu giá trị hoặc có dấu phẩy thừa"), std::string::npos);
  EXPECT_NE(message("{\"a\" 1}").find("thiếu dấu hai chấm"), std::string::npos);
  EXPECT_NE(message("{\"a\": \"x").find("chuỗi thiếu dấu ngoặc kép đóng"), std::string::npos);
  EXPECT_NE(message("{\"a\": 1").find("kết thúc khi chưa đủ"), std::string::npos);
  EXPECT_NE(message("{} 1").find("nội dung thừa"), std::string::npos);
  EXPECT_NE(message("[1e999]").find("số quá lớn"), std::string::npos);
  EXPECT_NE(message("[\"a\nb\"]").find("ký tự điều khiển"), std::string::npos);
  const std::string reason = message("{\"a\":1,}");
  EXPECT_TRUE(text::is_nfc(reason));
  EXPECT_EQ(reason.back(), '.');
}

TEST(ReadInput, NestingDeeperThan64IsMalformed) {
  const std::string ok = std::string(64, '[') + std::string(64, ']');
  EXPECT_FALSE(read_input(ok).malformed);
  const InputDocument deep = read_input(std::string(65, '[') + std::string(65, ']'));
  EXPECT_EQ(position_of(deep), std::make_pair(1, 65));
  EXPECT_NE(deep.problems[0].message.find("quá sâu"), std::string::npos);
  // Very deep input is refused without exhausting the stack.
  EXPECT_TRUE(read_input(std::string(200000, '[')).malformed);
  // Brackets inside strings do not nest.
  EXPECT_FALSE(read_input("[\"" + std::string(100, '[') + "\"]").malformed);
}

TEST(ReadInput, EarlierSyntaxErrorWinsOverDepth) {
  const InputDocument document = read_input("[x," + std::string(70, '['));
  EXPECT_EQ(position_of(document), std::make_pair(1, 2));
  EXPECT_EQ(document.problems[0].message.find("quá sâu"), std::string::npos);
}

TEST(ReadInput, InvalidUtf8IsReportedAtEveryStringAtOnce) {
  // TCVN3-era bytes pasted into a value, an array element and a key.
  const InputDocument document = read_input("{\"a\": \"H\xF2" "a\", \"b\": [\"ok\", \"\xC3\"], \"c\xFF\": 1, \"d\": \"fine\"}");
  EXPECT_FALSE(document.malformed);
  ASSERT_EQ(document.problems.size(), 3u);
  EXPECT_EQ(document.problems[0].path, "/a");
  EXPECT_EQ(document.problems[1].path, "/b/1");
  EXPECT_EQ(document.problems[2].path, "/c\xEF\xBF\xBD");
  for (const Problem& problem : document.problems) {
    EXPECT_EQ(problem.code, "invalid_utf8");
    EXPECT_NE(problem.message.find("không phải UTF-8"), std::string::npos);
  }
  EXPECT_EQ(document.problems[0].message.rfind("Trường này chứa ký tự không hợp lệ (không phải UTF-8)", 0), 0u);
  EXPECT_EQ(document.problems[2].message.rfind("Tên trường này", 0), 0u);
  EXPECT_EQ(document.value["a"], "H\xEF\xBF\xBD" "a");
  EXPECT_EQ(document.value["d"], "fine");
}

TEST(ReadInput, ProblemsComeInDocumentOrderNotKeyOrder) {
  const InputDocument document = read_input("{\"z\": \"\xFF\", \"a\": \"\xFF\"}");
  ASSERT_EQ(document.problems.size(), 2u);
  EXPECT_EQ(document.problems[0].path, "/z");
  EXPECT_EQ(document.problems[1].path, "/a");
}

TEST(ReadInput, GenuineReplacementCharacterIsNotAnError) {
  const InputDocument document = read_input("{\"a\": \"\xEF\xBF\xBD\", \"b\": \"\\uFFFD\"}");
  EXPECT_TRUE(document.problems.empty());
}

TEST(ReadInput, InvalidUtf8OutsideStringsIsMalformed) {
  const InputDocument document = read_input("[\"Hòa\", \xFF]");
  EXPECT_EQ(position_of(document), std::make_pair(1, 9));
  EXPECT_NE(document.problems[0].message.find("UTF-8"), std::string::npos);
}

TEST(ReadInput, ControlCharactersAreReportedAtTheirPath) {
  const InputDocument document =
      read_input("{\"a\": \"chu\\u0007ông\", \"b\": [\"x\x7F\"], \"c\": \"\xC2\x85\", \"d\": \"\\u0000\", \"ok\": \"tab\\tand\\nline\"}");
  EXPECT_FALSE(document.malformed);
  ASSERT_EQ(document.problems.size(), 4u);
  EXPECT_EQ(document.problems[0], (Problem{"/a", "control_character", document.problems[0].message}));
  EXPECT_EQ(document.problems[1].path, "/b/0");
  EXPECT_EQ(document.problems[2].path, "/c");
  EXPECT_EQ(document.problems[3].path, "/d");
  EXPECT_NE(document.problems[0].message.find("U+0007"), std::string::npos);
  EXPECT_NE(document.problems[1].message.find("U+007F"), std::string::npos);
  EXPECT_NE(document.problems[2].message.find("U+0085"), std::string::npos);
  for (const Problem& problem : document.problems) EXPECT_EQ(problem.code, "control_character");
}

TEST(ReadInput, ControlCharacterInAKey) {
  const InputDocument document = read_input(R"({"a\u0001b": 1})");
  ASSERT_EQ(document.problems.size(), 1u);
  EXPECT_EQ(document.problems[0].path, "/a\x01" "b");
  EXPECT_EQ(document.problems[0].message.rfind("Tên trường này", 0), 0u);
}

TEST(ReadInput, CarriageReturnsAreFoldedToLineFeeds) {
  const InputDocument document = read_input(R"({"a": "dòng 1\r\ndòng 2", "b": "x\ry", "c": "\r\r\n"})");
  EXPECT_TRUE(document.problems.empty());
  EXPECT_EQ(document.value["a"], "dòng 1\ndòng 2");
  EXPECT_EQ(document.value["b"], "x\ny");
  EXPECT_EQ(document.value["c"], "\n\n");
}

TEST(ReadInput, PathsEscapePointerCharacters) {
  const InputDocument document = read_input("{\"a/b\": {\"m~n\": \"\xFF\"}}");
  ASSERT_EQ(document.problems.size(), 1u);
  EXPECT_EQ(document.problems[0].path, "/a~1b/m~0n");
}

TEST(ReadInput, PathsUseTheNormalisedKey) {
  const InputDocument document = read_input("{\"Ho\xCC\x80" "a\": \"\xFF\"}");
  ASSERT_EQ(document.problems.size(), 1u);
  EXPECT_EQ(document.problems[0].path, "/Hòa");
}

// --- Behaviour pinned before read_input was rewritten as a single SAX pass ---------------------

TEST(ReadInput, ADuplicateKeyIsAProblemAtItsSecondOccurrence) {
  // Readers disagree on which of two values wins (the first, the last, an error), so the body is
  // refused, naming the key; the later value is still read and checked, so every problem comes at once.
  const InputDocument document = read_input(R"({"a": "x\u0001", "b": "y\u0002", "a": "z\u0003", "c": 1})");
  EXPECT_FALSE(document.malformed);
  EXPECT_EQ(document.value, (json{{"a", "z\x03"}, {"b", "y\x02"}, {"c", 1}}));
  ASSERT_EQ(document.problems.size(), 4u);
  EXPECT_EQ(document.problems[0].path, "/a");
  EXPECT_NE(document.problems[0].message.find("U+0001"), std::string::npos);
  EXPECT_EQ(document.problems[1].path, "/b");
  EXPECT_EQ(document.problems[2], (Problem{"/a", "duplicate_key",
                                           "Trường \"a\" xuất hiện hai lần trong cùng một đối tượng. Hãy giữ lại một lần, với giá "
                                           "trị đúng."}));
  EXPECT_EQ(document.problems[3].path, "/a");
  EXPECT_NE(document.problems[3].message.find("U+0003"), std::string::npos);

  const InputDocument fine_values = read_input(R"({"a": "ok", "a": "ok"})");
  ASSERT_EQ(fine_values.problems.size(), 1u) << "even when both say the same";
  EXPECT_EQ(fine_values.problems[0].code, "duplicate_key");
}

TEST(ReadInput, DuplicateKeysAreNamedByTheirPathAtAnyDepth) {
  const InputDocument nested = read_input(R"({"ds": [{"ten": "A"}, {"ten": "B", "so": 1, "ten": "C"}], "o": {"x/y": {"b": 1}, "x/y": [2]}})");
  ASSERT_EQ(nested.problems.size(), 2u);
  EXPECT_EQ(nested.problems[0].path, "/ds/1/ten");
  EXPECT_EQ(nested.problems[0].code, "duplicate_key");
  EXPECT_EQ(nested.problems[1].path, "/o/x~1y");
  EXPECT_NE(nested.problems[1].message.find("\"x/y\""), std::string::npos);
  EXPECT_EQ(nested.value["o"]["x/y"], json::array({2}));

  EXPECT_TRUE(read_input(R"({"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 1}, {"k": 2}]})").problems.empty())
      << "the same key in different objects is fine";
  EXPECT_EQ(read_input(R"({"k": 1, "k": 2, "k": 3})").problems.size(), 2u);

  const std::string long_key(300, 'k');
  const InputDocument long_one = read_input("{\"" + long_key + "\": 1, \"" + long_key + "\": 2}");
  ASSERT_EQ(long_one.problems.size(), 1u);
  EXPECT_EQ(long_one.problems[0].path, "/" + long_key);
  EXPECT_EQ(long_one.problems[0].message.find(long_key), std::string::npos) << "the key is shortened in the message";
  EXPECT_NE(long_one.problems[0].message.find(std::string(80, 'k') + "…\""), std::string::npos) << long_one.problems[0].message;
}

TEST(ReadInput, KeysThatBecomeEqualAfterNormalisingAreDuplicates) {
  // "Hòa" decomposed, then precomposed: two members of the parsed text, one after NFC; both keys
  // and values are checked, in document order, and the later value is kept.
  const InputDocument document =
      read_input("{\"Ho\xCC\x80" "a\": \"\\u0001\", \"H\xC3\xB2" "a\": \"\\u0002\", \"a\\r\\nb\": 1, \"a\\nb\": 2}");
  EXPECT_EQ(document.value, (json{{"Hòa", "\x02"}, {"a\nb", 2}}));
  ASSERT_EQ(document.problems.size(), 4u);
  EXPECT_EQ(document.problems[0].path, "/Hòa");
  EXPECT_NE(document.problems[0].message.find("U+0001"), std::string::npos);
  EXPECT_EQ(document.problems[1].path, "/Hòa");
  EXPECT_EQ(document.problems[1].code, "duplicate_key");
  EXPECT_EQ(document.problems[2].path, "/Hòa");
  EXPECT_NE(document.problems[2].message.find("U+0002"), std::string::npos);
  EXPECT_EQ(document.problems[3].path, "/a\nb");
  EXPECT_EQ(document.problems[3].code, "duplicate_key");
}

TEST(ReadInput, CrLfFoldingInKeysAndValues) {
  const InputDocument document = read_input(R"({"a\r\nb": "x\r\ny", "c\rd": ["\r", "e\r\n\r\nf"], "g\n": "h\n\r"})");
  EXPECT_TRUE(document.problems.empty());
  EXPECT_EQ(document.value, (json{{"a\nb", "x\ny"}, {"c\nd", json{"\n", "e\n\nf"}}, {"g\n", "h\n\n"}}));
  // A folded key names the path of a problem in its value.
  const InputDocument bad = read_input(R"({"a\r\nb": "\u0001"})");
  ASSERT_EQ(bad.problems.size(), 1u);
  EXPECT_EQ(bad.problems[0].path, "/a\nb");
}

TEST(ReadInput, NfdBecomesNfcInNestedKeysAndValues) {
  const std::string nfd_a = "Ho\xCC\x80" "a";          // Hòa decomposed
  const std::string nfd_b = "Vie\xCC\xA3\xCC\x82t";    // Việt decomposed
  const InputDocument document =
      read_input("{\"" + nfd_a + "\": {\"" + nfd_b + "\": [\"" + nfd_a + "\", {\"k\": \"" + nfd_b + "\"}]}}");
  EXPECT_TRUE(document.problems.empty());
  EXPECT_EQ(document.value, (json{{"Hòa", {{"Việt", json{"Hòa", {{"k", "Việt"}}}}}}}));
  EXPECT_EQ(document.value.dump(), R"({"Hòa":{"Việt":["Hòa",{"k":"Việt"}]}})");
}

TEST(ReadInput, ProblemOrderInANestedDocument) {
  // Keys before their values, members and elements in the order written, mixed codes.
  const std::string body =
      "{\"z\": {\"k\\u0001\": \"\xFF\", \"ok\": [1, \"\\u0002\", {\"q\": \"\\u007f\"}]},"
      " \"a\": [\"\xC3\", [\"\\u0003\\u0004\"]], \"m\": \"fine\", \"b\xFE\": \"\\u0005\xFF\"}";
  const InputDocument document = read_input(body);
  EXPECT_FALSE(document.malformed);
  std::vector<std::string> seen;
  for (const Problem& problem : document.problems) seen.push_back(problem.path + " " + problem.code);
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "/z/k\x01 control_character", "/z/k\x01 invalid_utf8", "/z/ok/1 control_character",
                      "/z/ok/2/q control_character", "/a/0 invalid_utf8", "/a/1/0 control_character",
                      "/b\xEF\xBF\xBD invalid_utf8", "/b\xEF\xBF\xBD invalid_utf8", "/b\xEF\xBF\xBD control_character"}));
  EXPECT_NE(document.problems[5].message.find("U+0003"), std::string::npos);  // the first one of the string
  EXPECT_EQ(document.value["b\xEF\xBF\xBD"], "\x05\xEF\xBF\xBD");
}

TEST(ReadInput, ValidBodyWithoutProblemsIsReadUnchanged) {
  const std::string body = R"({"s": "Ủy ban nhân dân phường Hải An", "n": [0, -0, 1.5e3, -9223372036854775808,
      9223372036854775807, 18446744073709551615, 18446744073709551616, 1e308, 0.1], "e": {}, "f": [], "t": "tab\there"})";
  const InputDocument document = read_input(body);
  EXPECT_FALSE(document.malformed);
  EXPECT_TRUE(document.problems.empty());
  EXPECT_EQ(document.value, json::parse(body));
  const json& numbers = document.value["n"];
  EXPECT_TRUE(numbers[1].is_number_integer());
  EXPECT_TRUE(numbers[2].is_number_float());
  EXPECT_EQ(numbers[3].get<std::int64_t>(), INT64_MIN);
  EXPECT_TRUE(numbers[3].is_number_integer() && !numbers[3].is_number_unsigned());
  EXPECT_TRUE(numbers[5].is_number_unsigned());
  EXPECT_TRUE(numbers[6].is_number_float());  // beyond uint64: a double, as nlohmann parses it
  EXPECT_EQ(document.value.dump(), json::parse(body).dump());
}

TEST(ReadInput, NumberTooLargeIsMalformedAtTheNumber) {
  EXPECT_EQ(position_of(read_input("{\"a\": [1,\n 2, -1e400]}")), std::make_pair(2, 5));
}

TEST(ReadInput, DepthLimitCountsObjectsAndArraysTogether) {
  std::string ok;
  std::string deep;
  for (int i = 0; i < 32; ++i) ok += "{\"k\": [";
  ok += "\"\\u0001\"";
  for (int i = 0; i < 32; ++i) ok += "]}";
  const InputDocument at_limit = read_input(ok);  // 64 levels
  EXPECT_FALSE(at_limit.malformed);
  ASSERT_EQ(at_limit.problems.size(), 1u);
  std::string path;
  for (int i = 0; i < 32; ++i) path += "/k/0";
  EXPECT_EQ(at_limit.problems[0].path, path);
  deep = "[" + ok + "]";  // 65 levels
  const InputDocument too_deep = read_input(deep);
  EXPECT_EQ(position_of(too_deep), std::make_pair(1, 1 + 32 * 7));  // the last "[" of the innermost group
  EXPECT_NE(too_deep.problems[0].message.find("quá sâu"), std::string::npos);
  // A syntax error after the bracket that is too deep: the depth is reported.
  EXPECT_NE(read_input(std::string(65, '[') + "x").problems.at(0).message.find("quá sâu"), std::string::npos);
}

TEST(ReadInput, InvalidUtf8OutsideStringsAfterValidStrings) {
  const InputDocument document = read_input("{\"a\": \"\\u0001\", \"b\": \xC3\xA0}");
  EXPECT_TRUE(document.malformed);
  EXPECT_EQ(position_of(document), std::make_pair(1, 22));
  EXPECT_NE(document.problems[0].message.find("giá trị không hợp lệ"), std::string::npos);
  const InputDocument bad = read_input("{\"a\": \"\\u0001\", \"b\": \xE0\x80}");
  EXPECT_EQ(position_of(bad), std::make_pair(1, 22));
  EXPECT_NE(bad.problems[0].message.find("không phải UTF-8"), std::string::npos);
}

TEST(ReadInput, EveryPositionOfAStringIsChecked) {
  // Strings are scanned several bytes at a time: a control character, a CR or a decomposed
  // letter must be found at any offset and in any length of string.
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"\\u0001", "U+0001"}, {"\\u001f", "U+001F"}, {"\x7F", "U+007F"}, {"\xC2\x85", "U+0085"}, {"\\u009f", "U+009F"}};
  for (std::size_t length = 0; length < 20; ++length) {
    for (std::size_t at = 0; at <= length; ++at) {
      const std::string before(at, 'a');
      const std::string after(length - at, 'b');
      for (const auto& [bad, code] : cases) {
        const InputDocument document = read_input("[\"" + before + bad + after + "\"]");
        ASSERT_EQ(document.problems.size(), 1u) << length << " " << at << " " << code;
        EXPECT_NE(document.problems[0].message.find(code), std::string::npos) << document.problems[0].message;
      }
      EXPECT_TRUE(read_input("[\"" + before + "\xC2\xA0\\t\\n" + after + "\"]").problems.empty());  // NBSP, TAB, LF
      EXPECT_EQ(read_input("[\"" + before + "\\r\\n" + after + "\"]").value[0], before + "\n" + after);
      EXPECT_EQ(read_input("[\"" + before + "o\xCC\x80" + after + "\"]").value[0], before + "\xC3\xB2" + after);
      EXPECT_EQ(read_input("{\"" + before + "\\r" + after + "\": 1}").value, (json{{before + "\n" + after, 1}}));
    }
  }
}

}  // namespace
}  // namespace vanthu
