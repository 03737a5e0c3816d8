//! Blocks that repeat or disappear without breaking the document: page and section breaks around
//! paragraph loops, numbering kept, merged table cells (gridSpan, vMerge) under row loops, loops
//! in text boxes, footnotes and footers, whole tables inside a block, and the docxtemplater
//! truthiness table.
#include <gtest/gtest.h>


#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;

const json kTwo = {{"ds", {{{"ten", "An"}}, {{"ten", "Bình"}}}}};
const json kNone = {{"ds", json::array()}};

std::string body_of(const std::string& xml) {
  auto begin = xml.find("<w:body>"), end = xml.find("</w:body>");
  return xml.substr(begin + 8, end - begin - 8);
}

const std::string kPageBreakRun = "<w:r><w:br w:type=\"page\"/></w:r>";

//! A paragraph holding a page break run and then `text` (as Word writes Ctrl+Enter before text).
std::string para_after_break(std::string_view text) {
  return "<w:p>" + kPageBreakRun + "<w:r><w:t xml:space=\"preserve\">" + std::string(text) + "</w:t></w:r></w:p>";
}

// --- docxtemplater's section table ------------------------------------------------------------

TEST(TemplateSectionTable, TheSectionTable) {
  const std::string body = para("[{#v}x{/v}|{^v}y{/v}]");
  auto shown = [&](const json& value) { return render_text(body, {{"v", value}}); };
  EXPECT_EQ(shown(false), "[|y]\n");
  EXPECT_EQ(shown(nullptr), "[|y]\n");
  EXPECT_EQ(shown(0), "[|y]\n");
  EXPECT_EQ(shown(0.0), "[|y]\n");
  EXPECT_EQ(shown(""), "[|y]\n");
  EXPECT_EQ(shown(json::array()), "[|y]\n");
  EXPECT_EQ(render_text(body, json::object()), "[|y]\n") << "missing";
  EXPECT_EQ(shown(true), "[x|]\n");
  EXPECT_EQ(shown("có"), "[x|]\n");
  EXPECT_EQ(shown(-1), "[x|]\n");
  EXPECT_EQ(shown(json::object()), "[x|]\n") << "an object, even empty, is truthy";
  EXPECT_EQ(shown({1, 2, 3}), "[xxx|]\n");
}

TEST(TemplateSectionTable, ScopeOfEachKind) {
  json data = {{"ten", "ngoài"}, {"obj", {{"ten", "trong"}}}, {"yes", true}, {"s", "chuỗi"}, {"ds", {{{"ten", "mục"}}, json::object()}}};
  EXPECT_EQ(render_text(para("{#obj}{ten}{/obj}|{#yes}{ten}{/yes}|{#s}{ten}{/s}|{#ds}{ten};{/ds}"), data),
            "trong|ngoài|ngoài|mục;ngoài;\n")
      << "object: new scope; true and strings: same scope; an item without the key falls back outwards";
}

TEST(TemplateSectionTable, DottedPathsAndIndexes) {
  json data = {{"nguoi_ky", {{"ho_ten", "Nguyễn Văn A"}, {"chuc_vu", {{"ten", "Chủ tịch"}}}}}, {"ds", {"a", "b"}}};
  EXPECT_EQ(render_text(para("{nguoi_ky.ho_ten}, {nguoi_ky.chuc_vu.ten}, {ds.1}"), data), "Nguyễn Văn A, Chủ tịch, b\n");
  json nested = {{"nhom", {{{"ten", "I"}, {"ds", {{{"ten", "a"}}}}}}}, {"ten", "gốc"}};
  EXPECT_EQ(render_text(para("{#nhom}{#ds}{ten}&lt;{nhom.0.ten}&gt;{/ds}{/nhom}"), nested), "a<I>\n");
}

TEST(TemplateSectionTable, NullInAnInnerScopeLetsTheOuterAnswer) {
  json data = {{"ten", "ngoài"}, {"ds", {{{"ten", nullptr}}}}};
  EXPECT_EQ(render_text(para("{#ds}{ten}{/ds}"), data), "ngoài\n");
}

// --- page breaks and section breaks ---------------------------------------------------------

TEST(TemplateBreaks, PageBreakInTheOpeningTagParagraphStartsEveryRepetition) {
  std::string body = para("Trước") + para_after_break("{#ds}") + para("Họ tên: {ten}") + para("{/ds}") + para("Sau");
  std::string xml = render_document(make_docx(body), kTwo);
  EXPECT_EQ(count_of(xml, "<w:br w:type=\"page\"/>"), 2u) << xml;
  EXPECT_EQ(docx_text(xml), "Trước\n\n\nHọ tên: An\n\n\nHọ tên: Bình\nSau\n") << "one break before each item";
  EXPECT_EQ(count_of(xml, "{#ds}"), 0u);
  EXPECT_TRUE(well_formed(xml));
}

TEST(TemplateBreaks, RemovedBlockTakesItsPageBreakAlong) {
  std::string body = para("Trước") + para_after_break("{#ds}") + para("Họ tên: {ten}") + para("{/ds}") + para("Sau");
  std::string xml = render_document(make_docx(body), kNone);
  EXPECT_EQ(count_of(xml, "w:br"), 0u) << "no stray page break, so no blank page: " << xml;
  EXPECT_EQ(docx_text(xml), "Trước\nSau\n");
  EXPECT_EQ(count_of(body_of(xml), "<w:p>"), 2u) << "and no empty paragraph";
}

TEST(TemplateBreaks, PageBreakBeforeAsAParagraphPropertyIsKeptToo) {
  std::string opening = "<w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>{#ds}</w:t></w:r></w:p>";
  std::string xml = render_document(make_docx(opening + para("{ten}") + para("{/ds}")), kTwo);
  EXPECT_EQ(count_of(xml, "<w:pageBreakBefore/>"), 2u) << xml;
  std::string none = render_document(make_docx(opening + para("{ten}") + para("{/ds}")), kNone);
  EXPECT_EQ(count_of(none, "pageBreakBefore"), 0u) << none;
}

TEST(TemplateBreaks, PageBreakInTheClosingTagParagraphIsKeptOnceAfterTheBlock) {
  std::string closing = "<w:p><w:r><w:t>{/ds}</w:t></w:r>" + kPageBreakRun + "</w:p>";
  std::string body = para("{#ds}") + para("{ten}") + closing + para("Trang sau");
  std::string xml = render_document(make_docx(body), kTwo);
  EXPECT_EQ(count_of(xml, "<w:br w:type=\"page\"/>"), 1u) << xml;
  EXPECT_LT(xml.find("Bình"), xml.find("<w:br w:type=\"page\"/>"));
  std::string none = render_document(make_docx(body), kNone);
  EXPECT_EQ(count_of(none, "<w:br w:type=\"page\"/>"), 1u) << "the break belongs to what follows";
}

TEST(TemplateBreaks, SectionBreakInsideALoopRepeatsAndSurvivesAnEmptyLoop) {
  std::string landscape = "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/></w:sectPr>";
  std::string body = para("Mở đầu") + para("{#ds}") + para("Phụ lục {ten}") +
                     "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr>" + landscape +
                     "</w:pPr><w:r><w:t>Hết phụ lục</w:t></w:r></w:p>" + para("{/ds}") + para("Nơi nhận");
  std::string full = render_document(make_docx(body), kTwo);
  EXPECT_EQ(count_of(full, landscape), 2u) << "one landscape section per item";
  EXPECT_TRUE(well_formed(full));
  std::string none = render_document(make_docx(body), kNone);
  EXPECT_EQ(count_of(none, landscape), 1u) << "the section break is kept, so the pages before keep their layout";
  EXPECT_NE(none.find("<w:p><w:pPr>" + landscape + "</w:pPr></w:p>"), std::string::npos)
      << "alone, without the numbering that would show an empty item: " << none;
  EXPECT_EQ(docx_text(none), "Mở đầu\n\nNơi nhận\n");
  EXPECT_LT(none.find(landscape), none.find("Nơi nhận"));
  EXPECT_NE(none.find("<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/></w:sectPr></w:body>"), std::string::npos)
      << "the body's final section properties stay last";
}

TEST(TemplateBreaks, FalseConditionOverASectionBreakAlsoKeepsIt) {
  std::string brk = "<w:sectPr><w:type w:val=\"nextPage\"/></w:sectPr>";
  std::string body = para("{#co}") + "<w:p><w:pPr>" + brk + "</w:pPr><w:r><w:t>A</w:t></w:r></w:p>" + para("{/co}") +
                     para("{^co}") + "<w:p><w:pPr>" + brk + "</w:pPr><w:r><w:t>B</w:t></w:r></w:p>" + para("{/co}");
  std::string on = render_document(make_docx(body), {{"co", true}});
  EXPECT_EQ(count_of(on, brk), 2u) << on;
  EXPECT_EQ(docx_text(on), "A\n\n");
  std::string off = render_document(make_docx(body), {{"co", false}});
  EXPECT_EQ(count_of(off, brk), 2u) << off;
  EXPECT_EQ(docx_text(off), "\nB\n");
}

TEST(TemplateBreaks, DroppedTagParagraphWithSectionBreakLosesItsNumbering) {
  std::string brk = "<w:sectPr><w:type w:val=\"continuous\"/></w:sectPr>";
  std::string body = para("{#ds}") + para("{ten}") + "<w:p><w:pPr><w:numPr><w:numId w:val=\"1\"/></w:numPr>" + brk +
                     "</w:pPr><w:r><w:t>{/ds}</w:t></w:r></w:p>";
  std::string xml = render_document(make_docx(body), kTwo);
  EXPECT_NE(xml.find("<w:p><w:pPr>" + brk + "</w:pPr></w:p>"), std::string::npos) << xml;
  EXPECT_EQ(count_of(xml, "numPr"), 0u);
}

TEST(TemplateBreaks, ParagraphLoopKeepsNumberingAndProperties) {
  std::string item = "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"7\"/>"
                     "</w:numPr><w:spacing w:after=\"60\"/></w:pPr><w:r><w:t>{ten}</w:t></w:r></w:p>";
  std::string xml = render_document(make_docx(para("{#ds}") + item + para("{/ds}")), kTwo);
  EXPECT_EQ(count_of(xml, "<w:numId w:val=\"7\"/>"), 2u);
  EXPECT_EQ(count_of(xml, "<w:pStyle w:val=\"ListBullet\"/>"), 2u);
  EXPECT_EQ(docx_text(xml), "An\nBình\n");
}

// --- whole tables, text boxes, footnotes, footers ---------------------------------------------

TEST(TemplateBlocks, ABlockSpanningAWholeTable) {
  std::string body = para("{#co_bang}") + para("Bảng:") + table({row({"{#ds}{ten}", "{/ds}"})}) + para("{/co_bang}") + para("Hết");
  EXPECT_EQ(render_text(body, {{"co_bang", true}, {"ds", {{{"ten", "a"}}, {{"ten", "b"}}}}}), "Bảng:\na\n\nb\n\nHết\n");
  std::string xml = render_document(make_docx(body), {{"co_bang", false}});
  EXPECT_EQ(count_of(xml, "<w:tbl>"), 0u);
  EXPECT_EQ(docx_text(xml), "Hết\n");
}

TEST(TemplateBlocks, RowLoopEmptyingATableRemovesIt) {
  std::string body = table({row({"{#ds}{ten}", "{/ds}"})}) + para("Sau");
  std::string xml = render_document(make_docx(body), kNone);
  EXPECT_EQ(count_of(xml, "<w:tbl>"), 0u) << xml;
  EXPECT_TRUE(well_formed(xml));
}

std::string text_box(std::string_view paragraphs) {
  std::string content = "<w:txbxContent>" + std::string(paragraphs) + "</w:txbxContent>";
  return "<w:p><w:r><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
         "xmlns:wps=\"http://schemas.microsoft.com/office/word/2010/wordprocessingShape\" "
         "xmlns:v=\"urn:schemas-microsoft-com:vml\"><mc:Choice Requires=\"wps\"><w:drawing><wps:wsp><wps:txbx>" +
         content + "</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>" + content +
         "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>";
}

TEST(TemplateBlocks, LoopInATextBox) {
  std::string xml = render_document(make_docx(para("Ngoài") + text_box(para("{#ds}") + para("- {ten}") + para("{/ds}"))), kTwo);
  EXPECT_EQ(count_of(xml, "- An"), 2u) << "in the shape and in its VML fallback";
  EXPECT_EQ(count_of(xml, "- Bình"), 2u);
  EXPECT_TRUE(well_formed(xml));
  std::string none = render_document(make_docx(text_box(para("{#ds}") + para("- {ten}") + para("{/ds}"))), kNone);
  EXPECT_EQ(count_of(none, "<w:txbxContent><w:p/></w:txbxContent>"), 2u) << "a text box keeps a paragraph: " << none;
}

TEST(TemplateBlocks, LoopInFootnotesAndFooters) {
  std::string footnotes =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:footnote w:id="1">)" + para("{#nguon}") + para("Nguồn: {.}") + para("{/nguon}") + "</w:footnote></w:footnotes>";
  std::string docx = make_docx(para("x"), {{"word/footnotes.xml", footnotes},
                                           {"word/footer1.xml", header_xml("ftr", para("{#ds}") + para("{ten}") + para("{/ds}"))}});
  auto tpl = Template::parse(docx);
  EXPECT_EQ(docx_text(render_part(*tpl, "word/footnotes.xml", {{"nguon", {"A", "B"}}})), "Nguồn: A\nNguồn: B\n");
  EXPECT_NE(render_part(*tpl, "word/footnotes.xml", {{"nguon", json::array()}}).find("<w:footnote w:id=\"1\"><w:p/></w:footnote>"),
            std::string::npos);
  EXPECT_EQ(docx_text(render_part(*tpl, "word/footer1.xml", kTwo)), "An\nBình\n");
  EXPECT_NE(render_part(*tpl, "word/footer1.xml", kNone).find("<w:p/></w:ftr>"), std::string::npos)
      << "a footer keeps a paragraph";
}

// --- merged cells ----------------------------------------------------------------------------

std::string merged_cell(std::string_view merge, std::string_view text, int span = 1) {
  std::string properties = "<w:tcPr>";
  if (span > 1) properties += "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>";
  properties += std::string(merge) + "</w:tcPr>";
  return "<w:tc>" + properties + para(text) + "</w:tc>";
}

std::string grid_table(int columns, const std::vector<std::string>& rows) {
  std::string xml = "<w:tbl><w:tblPr/><w:tblGrid>";
  for (int i = 0; i < columns; ++i) xml += "<w:gridCol w:w=\"2000\"/>";
  xml += "</w:tblGrid>";
  for (const auto& r : rows) xml += "<w:tr>" + r + "</w:tr>";
  return xml + "</w:tbl>";
}

//! The w:vMerge of each cell in document order: "R" restart, "C" continue, "-" none.
std::string merges_of(const std::string& xml) {
  std::string out;
  for (std::size_t at = xml.find("<w:tc>"); at != std::string::npos; at = xml.find("<w:tc>", at + 1)) {
    std::size_t end = xml.find("</w:tc>", at);
    std::string cell = xml.substr(at, end - at);
    if (cell.find("<w:vMerge w:val=\"restart\"/>") != std::string::npos) out += 'R';
    else if (cell.find("<w:vMerge") != std::string::npos) out += 'C';
    else out += '-';
  }
  return out;
}

TEST(TemplateMerges, LabelMergedDownOverTheRepeatedRows) {
  // "Nhóm" spans the rows of the loop: restart above, continue in the looped row.
  std::string body = grid_table(2, {merged_cell("<w:vMerge w:val=\"restart\"/>", "Nhóm") + merged_cell("", "Đầu"),
                                    merged_cell("<w:vMerge/>", "{#ds}") + merged_cell("", "{ten}{/ds}")});
  std::string xml = render_document(make_docx(body), kTwo);
  EXPECT_EQ(merges_of(xml), "R-C-C-") << xml;
  EXPECT_TRUE(well_formed(xml));
}

TEST(TemplateMerges, ContinuationAfterAnEmptiedLoopBecomesARestart) {
  // The merge starts in the looped row and continues in the row after it.
  std::string body = grid_table(2, {merged_cell("<w:vMerge w:val=\"restart\"/>", "{#ds}{ten}") + merged_cell("", "{/ds}"),
                                    merged_cell("<w:vMerge/>", "") + merged_cell("", "Cộng")});
  std::string two = render_document(make_docx(body), kTwo);
  EXPECT_EQ(merges_of(two), "R-R-C-") << two;
  std::string none = render_document(make_docx(body), kNone);
  EXPECT_EQ(merges_of(none), "R-") << "the orphaned continuation starts its own merge: " << none;
  EXPECT_NE(none.find("<w:vMerge w:val=\"restart\"/>"), std::string::npos);
}

TEST(TemplateMerges, MergeInsideTheRepeatedRowsStaysPerRepetition) {
  std::string body = grid_table(2, {merged_cell("<w:vMerge w:val=\"restart\"/>", "{#ds}{ten}") + merged_cell("", "a"),
                                    merged_cell("<w:vMerge w:val=\"continue\"/>", "") + merged_cell("", "b{/ds}")});
  std::string xml = render_document(make_docx(body), kTwo);
  EXPECT_EQ(merges_of(xml), "R-C-R-C-") << xml;
  EXPECT_EQ(count_of(xml, "<w:vMerge w:val=\"continue\"/>"), 2u) << "a continuation is written as the template wrote it";
}

TEST(TemplateMerges, ConditionRemovingTheRestartRow) {
  std::string body = grid_table(1, {merged_cell("<w:vMerge w:val=\"restart\"/>", "{#co}Đầu{/co}"),
                                    merged_cell("<w:vMerge/>", "Giữa"), merged_cell("<w:vMerge/>", "Cuối")});
  // Tags in one cell: inline, so the row stays. Put the condition over the first row instead.
  std::string rows = grid_table(1, {merged_cell("<w:vMerge w:val=\"restart\"/>", "{#co}Đầu") + "</w:tr><w:tr>" +
                                        merged_cell("<w:vMerge/>", "Giữa{/co}"),
                                    merged_cell("<w:vMerge/>", "Cuối")});
  EXPECT_EQ(merges_of(render_document(make_docx(rows), {{"co", true}})), "RCC");
  EXPECT_EQ(merges_of(render_document(make_docx(rows), {{"co", false}})), "R");
  EXPECT_EQ(merges_of(render_document(make_docx(body), {{"co", false}})), "RCC") << "no row loop: untouched";
}

TEST(TemplateMerges, GridSpanIsCopiedAndColumnsAreCountedThroughIt) {
  // Column 0-1 spanned in the header; the merged column is the third one.
  std::string body = grid_table(3, {merged_cell("", "Tiêu đề", 2) + merged_cell("<w:vMerge w:val=\"restart\"/>", "Ghi chú"),
                                    merged_cell("", "{#ds}{ten}") + merged_cell("", "x") + merged_cell("<w:vMerge/>", "{/ds}")});
  std::string xml = render_document(make_docx(body), kTwo);
  EXPECT_EQ(count_of(xml, "<w:gridSpan w:val=\"2\"/>"), 1u);
  EXPECT_EQ(merges_of(xml), "-R--C--C") << xml;
  std::string spanned = grid_table(3, {merged_cell("<w:vMerge w:val=\"restart\"/>", "A", 2) + merged_cell("", "B"),
                                       merged_cell("<w:vMerge/>", "{#ds}{ten}", 2) + merged_cell("", "{/ds}")});
  EXPECT_EQ(merges_of(render_document(make_docx(spanned), kTwo)), "R-C-C-");
  EXPECT_EQ(count_of(render_document(make_docx(spanned), kTwo), "<w:gridSpan w:val=\"2\"/>"), 3u);
}

TEST(TemplateMerges, NestedLoopOfATableInsideALoop) {
  std::string inner = grid_table(2, {merged_cell("<w:vMerge w:val=\"restart\"/>", "{#ds}{ten}") + merged_cell("", "{/ds}"),
                                     merged_cell("<w:vMerge/>", "z") + merged_cell("", "")});
  std::string body = para("{#nhom}") + inner + para("{/nhom}");
  json data = {{"nhom", {{{"ds", json::array()}}, {{"ds", {{{"ten", "a"}}}}}}}};
  EXPECT_EQ(merges_of(render_document(make_docx(body), data)), "R-R-C-") << "each copy of the table starts afresh";
}

// --- limits ---------------------------------------------------------------------------------

TEST(TemplateLimits, NestedLoopsOverTheSameListStopAtTheStepLimit) {
  // Counted, not timed: loops that write nothing still spend a step per repetition, so the
  // limit is reached after max_steps of them whatever the machine's speed (a hang would be
  // ctest's TIMEOUT, tests/CMakeLists.txt).
  auto tpl = Template::parse(make_docx(para("{#a}{#a}{#a}{#a}{/a}{/a}{/a}{/a}")));
  json data = {{"a", json::array()}};
  for (int i = 0; i < 1000; ++i) data["a"].push_back(i);  // 10^12 repetitions, writing nothing
  RenderOptions options;
  options.max_steps = 1'000'000;
  EXPECT_THROW(render(*tpl, data, options), RenderLimitError);
  EXPECT_EQ(RenderOptions{}.max_steps, 50'000'000u) << "the documented default";

  // Three items nested four deep: 3 + 9 + 27 + 81 = 120 repetitions.
  const json three = {{"a", {1, 2, 3}}};
  options.max_steps = 1'000;
  EXPECT_NO_THROW(render(*tpl, three, options));
  options.max_steps = 100;
  EXPECT_THROW(render(*tpl, three, options), RenderLimitError) << "fewer steps than repetitions";
}

TEST(TemplateLimits, OutputLimit) {
  auto tpl = Template::parse(make_docx(para("{#a}{#a}{x}{/a}{/a}")));
  json data = {{"x", std::string(1000, 'x')}, {"a", json::array()}};
  for (int i = 0; i < 100; ++i) data["a"].push_back(i);  // 10 MB of text
  RenderOptions options;
  options.max_output = 1u << 20;
  try {
    render(*tpl, data, options);
    ADD_FAILURE() << "no limit";
  } catch (const RenderLimitError& e) {
    EXPECT_NE(std::string(e.what()).find("vượt giới hạn"), std::string::npos);
  }
  EXPECT_EQ(docx_text(render_part(*tpl, "word/document.xml", data)).size(), 10'000'001u) << "within the default limit";
}

TEST(TemplateLimits, ALongValueIsMeasuredAgainstTheOutputLimitBeforeItIsWritten) {
  // 200 KiB of "\n" is 8 MiB of line breaks: refused against 1 MiB before it is appended.
  auto tpl = Template::parse(make_docx(para("{x}")));
  RenderOptions options;
  options.max_output = 1u << 20;
  EXPECT_THROW(render(*tpl, json{{"x", std::string(200u << 10, '\n')}}, options), RenderLimitError);
  EXPECT_THROW(render(*tpl, json{{"x", std::string(300u << 10, '&')}}, options), RenderLimitError);
  // Long values within the limit are written as before, measured or not.
  auto document_of = [](const RenderResult& result) {
    ZipLimits any_ratio;  // what was rendered is very regular
    any_ratio.max_ratio = 1e9;
    for (const ZipEntry& entry : zip_read(result.docx, any_ratio))
      if (entry.name == "word/document.xml") return zip_inflate(entry, any_ratio);
    return std::string();
  };
  for (std::size_t size : {std::size_t{60} << 10, std::size_t{900} << 10})
    EXPECT_EQ(docx_text(document_of(render(*tpl, json{{"x", std::string(size, 'x')}}, options))).size(), size + 1);
  const std::string breaks = document_of(render(*tpl, json{{"x", std::string(20u << 10, '\n')}}, options));  // 800 KiB
  EXPECT_EQ(count_of(breaks, "<w:br/>"), 20u << 10);
}

}  // namespace
}  // namespace vanthu::test
