//! The rendered package: untouched parts copied byte for byte, deterministic output, part order,
//! replaced and added parts, well-formed XML, the same parts at each deflate level.
#include <gtest/gtest.h>

#include <thread>

#include "template_fixtures.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;

const ZipEntry* find_entry(const std::vector<ZipEntry>& entries, std::string_view name) {
  for (const auto& e : entries)
    if (e.name == name) return &e;
  return nullptr;
}

std::string sample_template() {
  std::string docx;
  ZipWriter writer(docx);
  writer.add("[Content_Types].xml", content_types_xml(), 9);
  writer.add("_rels/.rels", package_rels_xml(), 0);
  writer.add("word/document.xml", document_xml(para("Số: {so}") + para("{#ds}") + para("{ten}") + para("{/ds}")), 9);
  writer.add("word/header1.xml", header_xml("hdr", para("Không có thẻ")), 1);
  writer.add("word/footer1.xml", header_xml("ftr", para("Trang {trang}")), 9);
  writer.add("word/media/image1.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), 0);
  writer.finish();
  return docx;
}

const json kData = {{"so", "12/BC-UBND"}, {"ds", {{{"ten", "An"}}, {{"ten", "Bình"}}}}, {"trang", 1}};

TEST(TemplateOutput, UntouchedPartsAreTheStoredBytes) {
  std::string docx = sample_template();
  auto tpl = Template::parse(docx);
  EXPECT_EQ(tpl->templated_parts(), (std::vector<std::string>{"word/document.xml", "word/footer1.xml"}));
  auto before = zip_read(docx), after = zip_read(render(*tpl, kData).docx);
  for (const char* name : {"[Content_Types].xml", "_rels/.rels", "word/header1.xml", "word/media/image1.png"}) {
    SCOPED_TRACE(name);
    const ZipEntry* a = find_entry(before, name);
    const ZipEntry* b = find_entry(after, name);
    ASSERT_TRUE(a && b);
    EXPECT_EQ(a->data, b->data);
    EXPECT_EQ(a->method, b->method);
    EXPECT_EQ(a->crc32, b->crc32);
  }
}

TEST(TemplateOutput, EntryOrderIsTheTemplatesWithAddedPartsLast) {
  std::string docx = sample_template();
  auto tpl = Template::parse(docx);
  RenderOptions options;
  options.parts = {{"docProps/custom.xml", "<c/>"}, {"word/header1.xml", "<w:hdr/>"}};
  RenderResult result = render(*tpl, kData, options);
  std::vector<std::string> expected = docx_part_names(docx);
  expected.push_back("docProps/custom.xml");
  EXPECT_EQ(docx_part_names(result.docx), expected);
  EXPECT_EQ(docx_part(result.docx, "word/header1.xml"), "<w:hdr/>");
  EXPECT_EQ(docx_part(result.docx, "docProps/custom.xml"), "<c/>");
}

TEST(TemplateOutput, ReplacingATemplatedPartSkipsRenderingIt) {
  auto tpl = Template::parse(sample_template());
  RenderOptions options;
  options.parts = {{"word/footer1.xml", "<w:ftr/>"}};
  EXPECT_EQ(docx_part(render(*tpl, kData, options).docx, "word/footer1.xml"), "<w:ftr/>");
}

TEST(TemplateOutput, DeterministicBytes) {
  std::string docx = sample_template();
  auto tpl = Template::parse(docx);
  std::string first = render(*tpl, kData).docx;
  EXPECT_EQ(render(*tpl, kData).docx, first);
  EXPECT_EQ(render(*Template::parse(docx), kData).docx, first);
  RenderOptions stored;
  stored.compression_level = 0;
  EXPECT_EQ(render(*tpl, kData, stored).docx, render(*tpl, kData, stored).docx);
  EXPECT_EQ(render(*tpl, kData).docx, first) << "after another level was used on this thread";
}

TEST(TemplateOutput, RenderedPartsAreDeflatedLikeZipCompress) {
  auto tpl = Template::parse(sample_template());
  std::string xml = render_part(*tpl, "word/document.xml", kData);
  for (int level : {1, 6, 9, 0}) {
    RenderOptions options;
    options.compression_level = level;
    auto entries = zip_read(render(*tpl, kData, options).docx);
    ZipEntry expected = zip_compress("word/document.xml", xml, level);
    const ZipEntry* got = find_entry(entries, "word/document.xml");
    ASSERT_TRUE(got);
    EXPECT_EQ(got->data, expected.data) << level;
    EXPECT_EQ(got->crc32, expected.crc32) << level;
  }
}

TEST(TemplateOutput, OneTemplateRendersOnManyThreadsAtOnce) {
  auto tpl = Template::parse(sample_template());
  const std::string expected = render(*tpl, kData).docx;
  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&, t] {
      RenderOptions options;
      options.compression_level = t % 2 ? 6 : 1;  // each thread also switches its deflate stream
      for (int i = 0; i < 50; ++i) {
        if (render(*tpl, kData).docx != expected) ++mismatches[static_cast<std::size_t>(t)];
        render(*tpl, kData, options);
      }
    });
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, std::vector<int>(4, 0));
}

TEST(TemplateOutput, CompressionLevelAppliesToRenderedParts) {
  auto tpl = Template::parse(sample_template());
  RenderOptions stored;
  stored.compression_level = 0;
  auto entries = zip_read(render(*tpl, kData, stored).docx);
  EXPECT_EQ(find_entry(entries, "word/document.xml")->method, 0);
  EXPECT_EQ(find_entry(entries, "[Content_Types].xml")->method, 8) << "untouched parts keep their stored form";
  auto deflated = zip_read(render(*tpl, kData).docx);
  EXPECT_EQ(find_entry(deflated, "word/document.xml")->method, 8);
}

TEST(TemplateOutput, RenderedPartsAreWellFormedWithTheStandardDeclaration) {
  auto tpl = Template::parse(sample_template());
  RenderResult result = render(*tpl, kData);
  for (const char* name : {"word/document.xml", "word/footer1.xml"}) {
    std::string xml = docx_part(result.docx, name);
    EXPECT_TRUE(well_formed(xml)) << name;
    EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<w:", 0), 0u) << name;
  }
  EXPECT_EQ(docx_text(docx_part(result.docx, "word/document.xml")), "Số: 12/BC-UBND\nAn\nBình\n");
}

TEST(TemplateOutput, PrefixesNamespacesCommentsAndAttributesSurvive) {
  std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
      "<w:document xmlns:wpc=\"http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas\" "
      "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\" "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:w14=\"http://schemas.microsoft.com/office/word/2010/wordml\" mc:Ignorable=\"w14 wp14\">"
      "<w:body><!-- ghi chú --><w:p w14:paraId=\"1A2B3C4D\" w:rsidR=\"00AB\"><w:pPr><w:spacing w:after=\"120\"/></w:pPr>"
      "<w:r><w:t xml:space=\"preserve\">A &amp; B {x} &quot;q&quot; &gt;</w:t></w:r></w:p>"
      "<w:p><w:r><w:t><![CDATA[<cdata>]]></w:t></w:r></w:p>"
      "<w:sectPr/></w:body></w:document>";
  auto tpl = Template::parse(make_package(document));
  std::string xml = render_part(*tpl, "word/document.xml", {{"x", "X"}});
  std::string expected = document;
  expected.replace(expected.find("{x}"), 3, "X");
  EXPECT_EQ(canonical_xml(xml), canonical_xml(expected));
  EXPECT_NE(xml.find("<w:p w14:paraId=\"1A2B3C4D\" w:rsidR=\"00AB\">"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<!-- ghi chú -->"), std::string::npos);
}

//! A document shaped like a real report: ~130 paragraphs and a 25-row table.
std::string report_body() {
  std::string body;
  for (int i = 0; i < 12; ++i)
    body += "<w:p><w:pPr><w:spacing w:after=\"120\"/><w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/></w:pPr>"
            "<w:r><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\"/><w:sz w:val=\"28\"/></w:rPr>"
            "<w:t xml:space=\"preserve\">Căn cứ {can_cu} của {co_quan}, thực hiện nhiệm vụ năm {nam}.</w:t></w:r></w:p>";
  body += para("{#muc}");
  body += "<w:p><w:pPr><w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:b/><w:sz w:val=\"28\"/>"
          "</w:rPr><w:t xml:space=\"preserve\">{so}. {tieu_de}</w:t></w:r></w:p>";
  body += "<w:p><w:pPr><w:ind w:firstLine=\"567\"/><w:jc w:val=\"both\"/></w:pPr><w:r><w:rPr><w:sz w:val=\"28\"/>"
          "</w:rPr><w:t xml:space=\"preserve\">{noi_dung}</w:t></w:r></w:p>";
  body += para("{/muc}");
  std::string header = row({"STT", "Đơn vị", "Chỉ tiêu", "Kết quả", "Ghi chú"});
  std::string item = row({"{#bang}{stt}", "{don_vi}", "{chi_tieu}", "{ket_qua}", "{ghi_chu}{/bang}"});
  body += table({header, item});
  for (int i = 0; i < 8; ++i) body += para("- {noi_nhan.ten};");
  return body;
}

json report_data() {
  json data = {{"can_cu", "Nghị định số 30/2020/NĐ-CP"}, {"co_quan", "Ủy ban nhân dân phường Hải An"}, {"nam", 2026}};
  for (int i = 1; i <= 55; ++i)
    data["muc"].push_back({{"so", i}, {"tieu_de", "Kết quả thực hiện nhiệm vụ"},
                           {"noi_dung", "Tổ chức triển khai đầy đủ, kịp thời các văn bản chỉ đạo của cấp trên; "
                                        "tỉ lệ hồ sơ giải quyết đúng hạn đạt 98,5%."}});
  for (int i = 1; i <= 25; ++i)
    data["bang"].push_back({{"stt", i}, {"don_vi", "Tổ dân phố số " + std::to_string(i)}, {"chi_tieu", "Hộ gia đình"},
                            {"ket_qua", 100 + i}, {"ghi_chu", ""}});
  data["noi_nhan"] = {{"ten", "Như trên"}};
  return data;
}

TEST(TemplateOutput, ReportSizedDocumentRendersTheSameAtEachDeflateLevel) {
  auto tpl = Template::parse(make_docx(report_body()));
  json data = report_data();
  RenderResult result = render(*tpl, data);
  std::string xml = docx_part(result.docx, "word/document.xml");
  ASSERT_TRUE(well_formed(xml));
  EXPECT_EQ(count_of(xml, "<w:p>") + count_of(xml, "<w:p "), 12u + 110u + 8u + 5u + 25u * 5u);
  EXPECT_EQ(count_of(xml, "<w:tr>"), 26u);
  EXPECT_TRUE(result.missing.empty());

  // Each deflate level gives the same parts, the same bytes on every render, and level 6 packs
  // them tighter than level 1. (Its speed is bench/render_bench.cpp's to measure.)
  std::string packed[2];
  for (int level : {6, 1}) {
    RenderOptions options;
    options.compression_level = level;
    std::string docx = render(*tpl, data, options).docx;
    EXPECT_EQ(render(*tpl, data, options).docx, docx) << "level " << level;
    EXPECT_EQ(docx_part(docx, "word/document.xml"), xml) << "level " << level;
    EXPECT_EQ(render_part(*tpl, "word/document.xml", data), xml);
    packed[level == 6 ? 0 : 1] = std::move(docx);
  }
  EXPECT_LT(packed[0].size(), packed[1].size());
}

}  // namespace
}  // namespace vanthu::test

namespace vanthu::test {
namespace {

using nlohmann::json;

// Streaming: parts past RenderOptions::stream_above go into the archive piece by piece.

//! Groups, each a heading and a table whose only row repeats (guarded: dropped when no rows),
//! with a cell whose paragraphs repeat (guarded: an empty w:p when none), so that pieces are
//! handed on at every kind of place: inside a table before its first row, inside a cell before
//! its first paragraph, between groups.
std::string grouped_tables_template() {
  const std::string notes_cell = cell(para("{#ghi_chu}") + para("{.}") + para("{/ghi_chu}"));
  const std::string rows = "<w:tr>" + cell(para("{#dong}{ten}")) + notes_cell + cell(para("{so}{/dong}")) + "</w:tr>";
  return make_docx(para("Đầu") + para("{#nhom}") + para("{tieu_de}") + table({rows}) + para("{/nhom}") + para("Cuối"));
}

json grouped_data(int groups, int seed) {
  json data = {{"nhom", json::array()}};
  for (int g = 0; g < groups; ++g) {
    json rows = json::array();
    const int count = (g * 7 + seed) % 5;  // 0..4 rows; 0: the table goes
    for (int r = 0; r < count; ++r) {
      json notes = json::array();
      for (int k = 0; k < (g + r + seed) % 3; ++k) notes.push_back("Ghi chú " + std::to_string(k) + " của dòng " + std::to_string(r));
      rows.push_back({{"ten", "Dịch vụ <" + std::to_string(g) + "." + std::to_string(r) + "> & mẫu"}, {"ghi_chu", notes}, {"so", g * 100 + r}});
    }
    data["nhom"].push_back({{"tieu_de", "Nhóm " + std::to_string(g)}, {"dong", rows}});
  }
  return data;
}

TEST(TemplateStreaming, StreamedPartsHoldExactlyTheSameXml) {
  auto tpl = Template::parse(grouped_tables_template());
  for (int seed : {0, 1, 2, 3}) {
    const json data = grouped_data(300, seed);
    RenderOptions whole;
    whole.stream_above = 0;
    const std::string expected = docx_part(render(*tpl, data, whole).docx, "word/document.xml");
    ASSERT_GT(expected.size(), 100'000u);
    EXPECT_TRUE(well_formed(expected));
    // Piece sizes that put the boundaries at many different places in the tables and cells.
    for (std::size_t piece : {4096u, 4099u, 5000u, 7919u, 65536u}) {
      for (int level : {0, 1, 6}) {
        SCOPED_TRACE("seed " + std::to_string(seed) + ", pieces of " + std::to_string(piece) + ", level " + std::to_string(level));
        RenderOptions streamed;
        streamed.stream_above = piece;
        streamed.compression_level = level;
        const std::string docx = render(*tpl, data, streamed).docx;
        EXPECT_EQ(docx_part(docx, "word/document.xml"), expected);  // inflated and CRC-checked
      }
    }
  }
}

TEST(TemplateStreaming, StoredStreamedMemberIsTheSameArchiveAsAWholeOne) {
  // Level 0 writes the XML as it is: streaming must give the very same bytes, header included
  // (CRC and sizes patched in after the data).
  auto tpl = Template::parse(grouped_tables_template());
  const json data = grouped_data(200, 1);
  RenderOptions whole, streamed;
  whole.compression_level = streamed.compression_level = 0;
  whole.stream_above = 0;
  streamed.stream_above = 4096;
  EXPECT_TRUE(render(*tpl, data, whole).docx == render(*tpl, data, streamed).docx);
}

TEST(TemplateStreaming, StreamedOutputIsDeterministicAndSmallPartsAreNotStreamed) {
  auto tpl = Template::parse(grouped_tables_template());
  const json big = grouped_data(300, 2);
  RenderOptions streamed;
  streamed.stream_above = 8192;
  EXPECT_TRUE(render(*tpl, big, streamed).docx == render(*tpl, big, streamed).docx);
  // A part that never reaches the threshold is deflated whole: the same bytes as without streaming.
  const json small = grouped_data(3, 2);
  RenderOptions never;
  never.stream_above = 0;
  EXPECT_TRUE(render(*tpl, small, streamed).docx == render(*tpl, small, never).docx);
}

TEST(TemplateStreaming, RenderLimitsCountTheStreamedBytes) {
  auto tpl = Template::parse(grouped_tables_template());
  RenderOptions options;
  options.stream_above = 4096;
  options.max_output = 50'000;
  EXPECT_THROW(render(*tpl, grouped_data(300, 1), options), RenderLimitError);
  // The same thread renders normally afterwards.
  options.max_output = RenderOptions{}.max_output;
  EXPECT_NO_THROW(render(*tpl, grouped_data(300, 1), options));
}

TEST(ZipStreamedMember, WritesAMemberThatReadsBack) {
  std::string docx;
  ZipWriter writer(docx);
  writer.add("a.txt", "trước", 6);
  std::string content;
  {
    StreamedMember member(writer, "word/document.xml", 1);
    for (int i = 0; i < 5000; ++i) {
      std::string piece = "<w:p>Dòng " + std::to_string(i) + "</w:p>";
      content += piece;
      member.write(piece);
    }
    EXPECT_THROW(writer.add("b.txt", "x", 1), std::logic_error) << "nothing may be added while a member is open";
    member.finish();
  }
  writer.add("b.txt", "sau", 0);
  writer.finish();
  auto entries = zip_read(docx);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[1].name, "word/document.xml");
  EXPECT_EQ(entries[1].method, 8);
  EXPECT_EQ(entries[1].uncompressed_size, content.size());
  EXPECT_EQ(zip_inflate(entries[1]), content);
  EXPECT_EQ(zip_inflate(entries[2]), "sau");
}

}  // namespace
}  // namespace vanthu::test
