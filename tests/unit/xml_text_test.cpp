//! vanthu::xml::append_text: the one escaping rule for text the engine, the report model and the
//! host write into XML parts.
#include <gtest/gtest.h>

#include <string>

#include "vanthu/xml_text.hpp"

namespace {

using vanthu::xml::append_text;
using vanthu::xml::kWordLineBreak;
using vanthu::xml::kWordNoBreakHyphen;
using vanthu::xml::text;

TEST(XmlText, EscapesMarkupAndQuotes) {
  EXPECT_EQ(text("Số 12/BC-UBND & \"Kế hoạch\" <mới> 'A'"), "Số 12/BC-UBND &amp; &quot;Kế hoạch&quot; &lt;mới&gt; 'A'");
  EXPECT_EQ(text("&amp;"), "&amp;amp;") << "text, not markup: an entity typed by a clerk stays visible";
}

TEST(XmlText, PlainTextIsCopiedAsItIs) {
  const std::string vietnamese = "Ủy ban nhân dân phường Hải An\tđồng chẵn";
  EXPECT_EQ(text(vietnamese), vietnamese);
  EXPECT_EQ(text(""), "");
}

TEST(XmlText, EveryKindOfLineBreakBecomesTheGivenOne) {
  EXPECT_EQ(text("a\nb\r\nc\rd", "|"), "a|b|c|d");
  EXPECT_EQ(text("dòng 1\ndòng 2", kWordLineBreak),
            "dòng 1</w:t><w:br/><w:t xml:space=\"preserve\">dòng 2");
  EXPECT_EQ(text("a\r\n"), "a\n");
  EXPECT_EQ(text("\r\r\n"), "\n\n") << "a lone CR, then CR LF";
}

TEST(XmlText, ControlCharactersXmlCannotHoldAreDropped) {
  std::string all;
  for (int c = 1; c < 0x20; ++c) all += static_cast<char>(c);
  EXPECT_EQ(text("x" + all + "y", "|"), "x\t||y") << "tab kept, LF and CR (here CR alone after LF) as breaks";
  EXPECT_EQ(text(std::string("a\0b", 3)), "ab");
}

TEST(XmlText, AppendsToWhatIsThere) {
  std::string out = "<w:t>";
  append_text(out, "1 < 2");
  out += "</w:t>";
  EXPECT_EQ(out, "<w:t>1 &lt; 2</w:t>");
}

TEST(XmlText, NonBreakingHyphensBecomeWordsOwnWhenAsked) {
  std::string out;
  append_text(out, "57\u2011NQ/TW & 1\u2011\u20112\nx", kWordLineBreak, kWordNoBreakHyphen);
  EXPECT_EQ(out, std::string("57") + std::string(kWordNoBreakHyphen) + "NQ/TW &amp; 1" + std::string(kWordNoBreakHyphen) +
                     std::string(kWordNoBreakHyphen) + "2" + std::string(kWordLineBreak) + "x");
  // Without a replacement, the character is kept as it is.
  std::string kept;
  append_text(kept, "57\u2011NQ", "\n", "");
  EXPECT_EQ(kept, "57\u2011NQ");
}

}  // namespace
