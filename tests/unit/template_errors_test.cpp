//! Template mistakes: every issue reported at once, with part, tag and paragraph; hostile or
//! broken input refused without crashing.
#include <gtest/gtest.h>

#include <iostream>
#include <random>

#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;

std::vector<std::string> codes(const std::vector<TemplateIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& issue : issues) out.push_back(issue.code);
  return out;
}

TEST(TemplateIssues, ThreeMistakesGiveThreeIssuesAtOnce) {
  std::string body = para("Thừa {/thua} ở đây") + para("{#a}x{/b}") + para("Mở {#mo} mà không đóng");
  auto issues = issues_of(make_docx(body));
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0].code, "unopened_section");
  EXPECT_EQ(issues[0].tag, "{/thua}");
  EXPECT_EQ(issues[0].paragraph, "Thừa {/thua} ở đây");
  EXPECT_EQ(issues[1].code, "mismatched_section");
  EXPECT_EQ(issues[1].tag, "{/b}");
  EXPECT_EQ(issues[1].paragraph, "{#a}x{/b}");
  EXPECT_NE(issues[1].message.find("{#a}"), std::string::npos) << issues[1].message;
  EXPECT_EQ(issues[2].code, "unclosed_section");
  EXPECT_EQ(issues[2].tag, "{#mo}");
  EXPECT_EQ(issues[2].paragraph, "Mở {#mo} mà không đóng");
  for (const auto& issue : issues) {
    EXPECT_EQ(issue.part, "word/document.xml");
    EXPECT_NE(issue.message.find("Thẻ"), std::string::npos) << "messages are Vietnamese: " << issue.message;
  }
}

TEST(TemplateIssues, TagMistakes) {
  std::string body = para("{a b}") + para("{}") + para("{a|upper}") + para("{a..b}") + para("{.a}") + para("x } y") +
                     para("{chưa đóng") + para("{a {b}");
  auto issues = issues_of(make_docx(body));
  EXPECT_EQ(codes(issues), (std::vector<std::string>{"malformed_tag", "malformed_tag", "unknown_filter", "malformed_tag",
                                                      "malformed_tag", "unopened_tag", "unclosed_tag", "unclosed_tag"}));
  ASSERT_EQ(issues.size(), 8u);
  EXPECT_EQ(issues[0].tag, "{a b}");
  EXPECT_EQ(issues[6].paragraph, "{chưa đóng");
  EXPECT_EQ(issues[7].tag, "{a ");
}

TEST(TemplateIssues, IssuesFromSeveralPartsTogether) {
  std::string docx = make_docx(para("{#a}"), {{"word/footer1.xml", header_xml("ftr", para("{/b}"))}});
  auto issues = issues_of(docx);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].part, "word/document.xml");
  EXPECT_EQ(issues[1].part, "word/footer1.xml");
}

TEST(TemplateIssues, InnerSectionLeftOpenInsideOuter) {
  auto issues = issues_of(make_docx(para("{#a}{#b}x{/a}")));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].code, "unclosed_section");
  EXPECT_EQ(issues[0].tag, "{#b}");
}

TEST(TemplateIssues, SectionFromBodyIntoTableIsRefusedNamingBothTags) {
  std::string body = para("{#ds}") + table({row({"{ten}{/ds}"})});
  auto issues = issues_of(make_docx(body));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].code, "section_structure");
  EXPECT_EQ(issues[0].tag, "{#ds}");
  EXPECT_NE(issues[0].message.find("{#ds}"), std::string::npos);
  EXPECT_NE(issues[0].message.find("{/ds}"), std::string::npos);
}

TEST(TemplateIssues, InlineSectionAtDifferentLevelsIsRefused) {
  std::string body = "<w:p><w:r><w:t>{#a}</w:t></w:r><w:hyperlink r:id=\"rId1\"><w:r><w:t>{/a}</w:t></w:r></w:hyperlink></w:p>";
  EXPECT_EQ(codes(issues_of(make_docx(body))), std::vector<std::string>{"section_structure"});
}

TEST(TemplateIssues, OverlappingRowSectionsAreRefused) {
  std::string body = table({row({"{#a}", "{/a}{#b}"}), row({"{/b}"})});
  auto issues = issues_of(make_docx(body));
  ASSERT_EQ(codes(issues), std::vector<std::string>{"section_structure"});
  EXPECT_NE(issues[0].message.find("{#a}"), std::string::npos);
  EXPECT_NE(issues[0].message.find("{#b}"), std::string::npos);
}

TEST(TemplateIssues, NestedTableToOuterCellIsRefused) {
  std::string inner = table({row({"{#a}"})});
  std::string body = table({"<w:tr>" + cell(inner + para("{/a}")) + "</w:tr>"});
  EXPECT_EQ(codes(issues_of(make_docx(body))), std::vector<std::string>{"section_structure"});
}

TEST(TemplateIssues, DoctypeIsRefused) {
  std::string document =
      "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;\">]>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
      "<w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>";
  auto issues = issues_of(make_package(document));
  ASSERT_EQ(codes(issues), std::vector<std::string>{"dtd"});
  EXPECT_EQ(issues[0].part, "word/document.xml");
}

TEST(TemplateIssues, DoctypeAfterACommentIsRefused) {
  std::string plain = document_xml("");
  std::string document = "<!-- x --><!DOCTYPE w:document SYSTEM \"http://example.invalid/x.dtd\">" +
                         plain.substr(plain.find("<w:document"));
  EXPECT_EQ(codes(issues_of(make_package(document))), std::vector<std::string>{"dtd"});
}

TEST(TemplateIssues, DoctypeInAUtf16PartIsRefused) {
  std::string utf8 = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><!DOCTYPE x [<!ENTITY a \"b\">]>" +
                     document_xml(para("&a;")).substr(document_xml("").find("<w:document"));
  std::string utf16 = "\xFF\xFE";
  for (char c : utf8) utf16 += std::string{c, '\0'};  // ASCII only, so byte-wise UTF-16LE
  EXPECT_EQ(codes(issues_of(make_package(utf16))), std::vector<std::string>{"dtd"});
}

TEST(TemplateIssues, MalformedXmlNamesTheLine) {
  std::string document = document_xml("\n" + para("a") + "\n<w:p><w:r></w:p>");
  auto issues = issues_of(make_package(document));
  ASSERT_EQ(codes(issues), std::vector<std::string>{"xml"});
  EXPECT_NE(issues[0].message.find("dòng 4"), std::string::npos) << issues[0].message;
  EXPECT_EQ(issues[0].part, "word/document.xml");
}

TEST(TemplateIssues, UndeclaredNamespacePrefixIsAnXmlIssue) {
  std::string document = document_xml(para("a") + "<x:p/>");
  EXPECT_EQ(codes(issues_of(make_package(document))), std::vector<std::string>{"xml"});
}

TEST(TemplateIssues, NotADocx) {
  std::string zip;
  ZipWriter writer(zip);
  writer.add("hello.txt", "xin chào", 6);
  writer.finish();
  EXPECT_EQ(codes(issues_of(zip)), std::vector<std::string>{"not_docx"});
}

TEST(TemplateIssues, GarbageBytesAreAZipIssue) {
  auto issues = issues_of("đây không phải tệp zip, chỉ là chữ");
  ASSERT_EQ(codes(issues), std::vector<std::string>{"zip"});
  EXPECT_NE(issues[0].message.find("not_zip"), std::string::npos);
  EXPECT_EQ(codes(issues_of("")), std::vector<std::string>{"zip"});
}

TEST(TemplateIssues, EveryTruncationIsRefusedCleanly) {
  std::string docx = make_docx(para("{#ds}{.}{/ds}"));
  for (std::size_t size = 0; size < docx.size(); ++size) {
    auto issues = issues_of(docx.substr(0, size));
    ASSERT_FALSE(issues.empty()) << "prefix of " << size << " bytes was accepted";
  }
}

//! A small fuzz run: random byte flips in a valid template must give a template or TemplateError.
TEST(TemplateIssues, CorruptedBytesNeverCrash) {
  std::string docx = make_package(document_xml(para("{#ds}{ten}{/ds}") + table({row({"{#r}{a}", "{/r}"})})), {});
  std::mt19937 random(12345);
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string bytes = docx;
    int flips = 1 + static_cast<int>(random() % 4);
    for (int f = 0; f < flips; ++f) bytes[random() % bytes.size()] = static_cast<char>(random() % 256);
    try {
      auto tpl = Template::parse(bytes);
      render(*tpl, {{"ds", {{{"ten", "x"}}}}, {"r", {1}}});
      ++parsed;
    } catch (const TemplateError&) {
    } catch (const ZipError& error) {
      ADD_FAILURE() << "parse reports zip problems as TemplateError, render copies stored bytes: " << error.what();
    }
  }
  EXPECT_GT(parsed, 0);
}

//! Random templates: balanced sections (with an occasional stray token) scattered over runs,
//! paragraphs and table cells, tags sometimes split between runs. Either issues, or a render
//! that is well-formed XML.
class TagSoup {
 public:
  explicit TagSoup(unsigned seed) : random_(seed) {}

  std::string body() {
    std::vector<std::string> tokens;
    sequence(0, tokens);
    std::string body;
    std::size_t at = 0;
    while (at < tokens.size()) {
      if (chance(4)) {
        body += table({row({paragraph(tokens, at), paragraph(tokens, at)}), row({paragraph(tokens, at)})});
      } else {
        body += paragraph(tokens, at);
      }
    }
    return body;
  }

 private:
  bool chance(unsigned one_in) { return random_() % one_in == 0; }

  void sequence(int depth, std::vector<std::string>& out) {
    static const char* const values[] = {"{a}", "{.}", "{b.a}", "x", " ", "&amp;", "&lt;", "{ a }"};
    static const char* const strays[] = {"{", "}", "{/a}", "{#b}", "{a b}"};
    int items = 1 + static_cast<int>(random_() % 4);
    for (int i = 0; i < items; ++i) {
      if (chance(30)) out.push_back(strays[random_() % 5]);
      if (depth < 3 && chance(2)) {
        const char* name = chance(2) ? "a" : "b";
        out.push_back(std::string(chance(3) ? "{^" : "{#") + name + "}");
        sequence(depth + 1, out);
        out.push_back(chance(4) ? "{/}" : std::string("{/") + name + "}");
      } else {
        out.push_back(values[random_() % 8]);
      }
    }
  }

  //! One paragraph of 1-3 runs taking the next few tokens; a token may be split between runs.
  std::string paragraph(const std::vector<std::string>& tokens, std::size_t& at) {
    std::vector<std::string> runs(1);
    int take = 1 + static_cast<int>(random_() % 3);
    for (int i = 0; i < take && at < tokens.size(); ++i, ++at) {
      const std::string& token = tokens[at];
      if (token.size() > 2 && token[0] == '{' && chance(3)) {
        std::size_t cut = 1 + random_() % (token.size() - 1);
        runs.back() += token.substr(0, cut);
        runs.push_back(token.substr(cut));
      } else {
        runs.back() += token;
        if (chance(3)) runs.emplace_back();
      }
    }
    return para_runs(runs);
  }

  std::mt19937 random_;
};

TEST(TemplateIssues, RandomTemplatesNeverCrashAndRenderWellFormed) {
  TagSoup soup(777);
  int rendered = 0, refused = 0;
  json data = {{"a", {{{"a", 1}}, {{"b", "x"}}}}, {"b", true}};
  for (int round = 0; round < 1500; ++round) {
    std::string body = soup.body();
    try {
      auto tpl = Template::parse(make_docx(body));
      std::string xml = docx_part(render(*tpl, data).docx, "word/document.xml");
      ASSERT_TRUE(well_formed(xml)) << body << "\n" << xml;
      ++rendered;
    } catch (const TemplateError& error) {
      ASSERT_FALSE(error.issues().empty());
      for (const auto& issue : error.issues()) ASSERT_FALSE(issue.message.empty());
      ++refused;
    }
  }
  std::cout << "rendered " << rendered << " refused " << refused << "\n";
  EXPECT_GT(rendered, 300);
  EXPECT_GT(refused, 100);
}

TEST(TemplateIssues, NestingDeeperThanSixtyFourIsRefusedOnce) {
  std::string text, closing;
  for (int i = 0; i < 3000; ++i) text += "{#a}", closing += "{/a}";
  auto issues = issues_of(make_docx(para(text + closing)));
  ASSERT_EQ(codes(issues), std::vector<std::string>{"section_structure"});
  EXPECT_EQ(issues[0].paragraph.size(), 2000u + std::string("…").size()) << "a huge paragraph is shown cut";
  std::string fine, fine_closing;
  for (int i = 0; i < 64; ++i) fine += "{#a}", fine_closing += "{/a}";
  EXPECT_TRUE(issues_of(make_docx(para(fine + "x" + fine_closing))).empty());
}

TEST(TemplateIssues, ManyMismatchesAreAllCountedAndAHundredListed) {
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "{#a}";
  for (int i = 0; i < 5000; ++i) text += "{/b}";
  auto issues = issues_of(make_docx(para(text)));
  EXPECT_EQ(total_count(issues), 5001u);  // 5000 mismatched closings, and the depth limit
  ASSERT_EQ(issues.size(), kMaxProblems + 1);
  EXPECT_EQ(issues[0].code, "section_structure");
  EXPECT_EQ(issues[kMaxProblems - 1].code, "mismatched_section");
  EXPECT_EQ(issues.back().code, "too_many_problems");
  EXPECT_EQ(issues.back().omitted, 4901u);
}

TEST(TemplateIssues, ZipLimitsApplyToTemplates) {
  TemplateOptions options;
  options.limits.max_entries = 2;
  auto issues = issues_of(make_docx(para("x")), options);
  ASSERT_EQ(codes(issues), std::vector<std::string>{"zip"});
  EXPECT_NE(issues[0].message.find("too_many_entries"), std::string::npos);
}


TEST(TemplateIssues, AParagraphInsideAParagraphIsRefusedNamingPartAndParagraphs) {
  std::string body = "<w:p><w:r><w:t>Ngoài {ten}</w:t></w:r>" + para("Trong") + "</w:p>" + para("Sau");
  auto issues = issues_of(make_docx(body));
  ASSERT_EQ(codes(issues), std::vector<std::string>{"nested_paragraph"});
  EXPECT_EQ(issues[0].part, "word/document.xml");
  EXPECT_EQ(issues[0].paragraph, "Trong");
  EXPECT_NE(issues[0].message.find("“Ngoài {ten}”"), std::string::npos) << issues[0].message;
  EXPECT_NE(issues[0].message.find("word/document.xml"), std::string::npos) << issues[0].message;
  // A paragraph in a text box inside a paragraph is what Word writes, and is fine.
  std::string text_box = "<w:p><w:r><w:pict><v:shape xmlns:v=\"urn:schemas-microsoft-com:vml\"><v:textbox><w:txbxContent>" +
                         para("{ten}") + "</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>";
  EXPECT_TRUE(issues_of(make_docx(text_box)).empty());
}

TEST(TemplateIssues, ExplicitLoopTargetsOtherThanParagraphRowOrTableAreRefused) {
  auto issues = issues_of(make_docx(para("{-w:tc ds}{ten}{/ds}")));
  ASSERT_FALSE(issues.empty());
  EXPECT_EQ(issues[0].code, "unknown_target");
  EXPECT_EQ(issues[0].tag, "{-w:tc ds}");
  EXPECT_NE(issues[0].message.find("w:tc"), std::string::npos) << issues[0].message;
  auto outside = issues_of(make_docx(para("{-w:tr ds}{ten}{/ds}")));
  ASSERT_EQ(codes(outside), std::vector<std::string>{"section_structure"});
  EXPECT_NE(outside[0].message.find("hàng bảng"), std::string::npos) << outside[0].message;
}

TEST(TemplateIssues, BracesInTwoParagraphsJoinThemButNotAcrossASectionBreak) {
  EXPECT_EQ(render_text(para("Kính gửi {te") + para("n} và ông B"), {{"ten", "bà A"}}), "Kính gửi bà A và ông B\n");
  std::string broken = para("Kính gửi {te") +
                       "<w:p><w:pPr><w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:pPr><w:r><w:t>n}</w:t></w:r></w:p>";
  EXPECT_EQ(codes(issues_of(make_docx(broken))), (std::vector<std::string>{"unclosed_tag", "unopened_tag"}));
}

}  // namespace
}  // namespace vanthu::test
