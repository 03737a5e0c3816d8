//! {%name}: images (docxtemplater's image-module syntax). A PNG or JPEG from base64, a data: URL
//! or a file, sized from the data or the image's DPI, inline, in cells, loops and headers; the
//! package stays valid (media, relationships, content types, unique docPr ids); a value that is
//! not a real, reasonable image is refused with its JSON path, and nothing of it is written.
#include <gtest/gtest.h>

#include <libxml/tree.h>

#include <map>
#include <set>

#include "template_fixtures.hpp"
#include "test_images.hpp"

namespace vanthu::test {
namespace {

using nlohmann::json;

const std::string kPng = make_png(300, 150, 300);  // 2.54 cm × 1.27 cm at 300 DPI
const std::string kPng96 = make_png(96, 48);       // no pHYs: 96 DPI, 2.54 cm × 1.27 cm
const std::string kJpeg = make_jpeg(16, 8, 72);

//! The document rendered from `body` with `data`; RenderResult whole.
RenderResult render_with(const std::string& docx, const json& data, const RenderOptions& options = {}) {
  return render(*Template::parse(docx), data, options);
}

std::string attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  std::string text = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return text;
}

template <typename Visit>
void each_element(xmlNode* node, const Visit& visit) {
  for (; node; node = node->next) {
    if (node->type != XML_ELEMENT_NODE) continue;
    visit(node);
    each_element(node->children, visit);
  }
}

//! What Word needs of a package: every XML part well-formed, every internal relationship's
//! target present, every part's content type declared (Override or Default), docPr ids unique.
void expect_valid_package(const std::string& docx) {
  const std::vector<std::string> names = docx_part_names(docx);
  const std::set<std::string> present(names.begin(), names.end());
  std::set<std::string> defaults, overrides;
  std::set<std::string> docpr_ids;
  for (const std::string& name : names) {
    const std::string content = docx_part(docx, name);
    const bool xml = name.ends_with(".xml") || name.ends_with(".rels");
    if (!xml) continue;
    xmlDocPtr doc = xmlReadMemory(content.data(), static_cast<int>(content.size()), name.c_str(), nullptr,
                                  XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    ASSERT_NE(doc, nullptr) << name << " is not well-formed:\n" << content;
    each_element(xmlDocGetRootElement(doc), [&](xmlNode* n) {
      const std::string local = reinterpret_cast<const char*>(n->name);
      if (name == "[Content_Types].xml" && local == "Default") defaults.insert(attribute(n, "Extension"));
      if (name == "[Content_Types].xml" && local == "Override") overrides.insert(attribute(n, "PartName"));
      if (local == "docPr") {
        EXPECT_TRUE(docpr_ids.insert(attribute(n, "id")).second) << "docPr id " << attribute(n, "id") << " twice";
      }
      if (name.ends_with(".rels") && local == "Relationship" && attribute(n, "TargetMode") != "External") {
        const std::size_t folder = name.find("_rels/");
        std::string base = name.substr(0, folder);
        std::string target = attribute(n, "Target");
        std::string resolved = target.front() == '/' ? target.substr(1) : base + target;
        EXPECT_TRUE(present.count(resolved)) << name << " points at " << resolved << ", which the package lacks";
      }
    });
    xmlFreeDoc(doc);
  }
  for (const std::string& name : names) {
    if (name == "[Content_Types].xml") continue;
    const std::string extension = name.substr(name.rfind('.') + 1);
    EXPECT_TRUE(overrides.count("/" + name) || defaults.count(extension)) << name << " has no content type";
  }
}

std::vector<std::string> codes(const std::vector<TemplateIssue>& issues) {
  std::vector<std::string> out;
  for (const auto& issue : issues) out.push_back(issue.code);
  return out;
}

TEST(TemplateImages, InlineFromBase64) {
  RenderResult result = render_with(make_docx(para("Ảnh: {%anh} hết")), {{"anh", base64_of(kPng)}});
  EXPECT_TRUE(result.missing.empty());
  EXPECT_TRUE(result.refused.empty());
  const std::string xml = docx_part(result.docx, "word/document.xml");
  EXPECT_NE(xml.find("<w:t xml:space=\"preserve\">Ảnh: </w:t><w:drawing><wp:inline"), std::string::npos) << xml;
  EXPECT_NE(xml.find("</wp:inline></w:drawing><w:t xml:space=\"preserve\"> hết</w:t>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<wp:extent cx=\"914400\" cy=\"457200\"/>"), std::string::npos) << "300 px at 300 DPI: 2.54 cm";
  EXPECT_NE(xml.find("r:embed=\"rIdImg1\""), std::string::npos);
  EXPECT_EQ(docx_part(result.docx, "word/media/image1.png"), kPng);
  const std::string rels = docx_part(result.docx, "word/_rels/document.xml.rels");
  EXPECT_NE(rels.find("Id=\"rIdImg1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
                      "Target=\"media/image1.png\""),
            std::string::npos)
      << rels;
  EXPECT_NE(docx_part(result.docx, "[Content_Types].xml").find("<Default Extension=\"png\" ContentType=\"image/png\"/>"),
            std::string::npos);
  expect_valid_package(result.docx);
}

TEST(TemplateImages, JpegFromADataUrlOrAnObject) {
  for (const json& value : {json("data:image/jpeg;base64," + base64_of(kJpeg)), json{{"data", base64_of(kJpeg)}}}) {
    SCOPED_TRACE(value.dump().substr(0, 40));
    RenderResult result = render_with(make_docx(para("{%anh}")), {{"anh", value}});
    ASSERT_TRUE(result.refused.empty()) << result.refused[0].message;
    EXPECT_EQ(docx_part(result.docx, "word/media/image1.jpeg"), kJpeg);
    EXPECT_NE(docx_part(result.docx, "[Content_Types].xml").find("<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"),
              std::string::npos);
    // 16 × 8 px at 72 DPI: 0.564 cm × 0.282 cm.
    EXPECT_NE(docx_part(result.docx, "word/document.xml").find("<wp:extent cx=\"203200\" cy=\"101600\"/>"), std::string::npos);
    expect_valid_package(result.docx);
  }
}

TEST(TemplateImages, SizeFromTheDataKeepsTheAspectRatioWhenOneIsGiven) {
  auto extent = [](const json& value) {
    std::string xml = docx_part(render_with(make_docx(para("{%anh}")), {{"anh", value}}).docx, "word/document.xml");
    std::size_t at = xml.find("<wp:extent ");
    return at == std::string::npos ? std::string() : xml.substr(at, xml.find("/>", at) - at + 2);
  };
  const std::string data = base64_of(kPng);  // 2:1
  EXPECT_EQ(extent({{"data", data}, {"width_cm", 8}, {"height_cm", 6}}), "<wp:extent cx=\"2880000\" cy=\"2160000\"/>");
  EXPECT_EQ(extent({{"data", data}, {"width_cm", 8}}), "<wp:extent cx=\"2880000\" cy=\"1440000\"/>");
  EXPECT_EQ(extent({{"data", data}, {"height_cm", 2.5}}), "<wp:extent cx=\"1800000\" cy=\"900000\"/>");
  EXPECT_EQ(extent(base64_of(kPng96)), "<wp:extent cx=\"914400\" cy=\"457200\"/>") << "no pHYs: 96 DPI";
}

TEST(TemplateImages, NeverWiderThanTheTextArea) {
  // A4 with Decree 30's margins: 30 mm left, 20 mm right → 16 cm of text.
  const std::string body = para("{%anh}") + "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
                           "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1701\"/></w:sectPr>";
  const std::string docx = make_package(document_xml(body, false));
  std::string xml = docx_part(render_with(docx, {{"anh", {{"data", base64_of(kPng)}, {"width_cm", 30}}}}).docx, "word/document.xml");
  const std::int64_t width = (11906 - 1134 - 1701) * 635;
  const std::size_t at = xml.find("<wp:extent cx=\"" + std::to_string(width) + "\" cy=\"");
  ASSERT_NE(at, std::string::npos) << xml.substr(xml.find("<wp:extent"), 60);
  const long long cy = std::stoll(xml.substr(xml.find("cy=\"", at) + 4));
  EXPECT_NEAR(cy, width / 2, 1) << "the height scaled with it";
  // A 9,000-pixel-wide photo at 72 DPI (3.2 m) is the text width too.
  xml = docx_part(render_with(docx, {{"anh", base64_of(make_png(9000, 10, 72))}}).docx, "word/document.xml");
  EXPECT_NE(xml.find("<wp:extent cx=\"" + std::to_string(width) + "\""), std::string::npos);
}

//! The cx and cy of the first wp:extent of `xml`, {0, 0} without one.
std::pair<long long, long long> first_extent(const std::string& xml) {
  const std::size_t at = xml.find("<wp:extent cx=\"");
  if (at == std::string::npos) return {0, 0};
  return {std::stoll(xml.substr(at + 15)), std::stoll(xml.substr(xml.find("cy=\"", at) + 4))};
}

//! A 2000 × 1000 px photo at 96 DPI: 52.9 cm wide, far more than any cell or page.
const std::string& big_photo() {
  static const std::string png = base64_of(make_png(2000, 1000));
  return png;
}

//! The extent of big_photo() placed by {%anh} in `body`.
std::pair<long long, long long> photo_extent(const std::string& body) {
  RenderResult result = render_with(make_docx(body), {{"anh", big_photo()}});
  EXPECT_TRUE(result.refused.empty());
  expect_valid_package(result.docx);
  return first_extent(docx_part(result.docx, "word/document.xml"));
}

//! A one-row table of `cells` (w:tc elements) whose grid is `grid` (w:gridCol elements) and
//! whose properties end with `properties`.
std::string table_of(const std::string& grid, const std::string& cells, const std::string& properties = "") {
  return "<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/>" + properties + "</w:tblPr><w:tblGrid>" + grid + "</w:tblGrid><w:tr>" +
         cells + "</w:tr></w:tbl>";
}

TEST(TemplateImages, InATableCellNeverWiderThanTheCell) {
  // A 2000-twip cell (the cell() helper) less Word's 108-twip margins each side.
  auto [cx, cy] = photo_extent(table({"<w:tr>" + cell(para("{%anh}")) + "</w:tr>"}));
  EXPECT_EQ(cx, (2000 - 2 * 108) * 635);
  EXPECT_LE(cx, 2000 * 635);
  EXPECT_NEAR(cy, cx / 2, 1) << "the aspect ratio kept";
  // Outside the table: the text width (16 cm when the page does not say).
  EXPECT_EQ(photo_extent(para("{%anh}")).first, 5'760'000);
  // A centred one, and one in a loop of rows, the same.
  EXPECT_EQ(photo_extent(table({"<w:tr>" + cell(para("{%%anh}")) + "</w:tr>"})).first, (2000 - 2 * 108) * 635);
  const std::string rows = table({"<w:tr>" + cell(para("{#ds}{%anh}")) + cell(para("{/ds}")) + "</w:tr>"});
  json items = json::array({json{{"anh", big_photo()}}, json{{"anh", big_photo()}}});
  RenderResult result = render_with(make_docx(rows), {{"ds", items}});
  ASSERT_TRUE(result.refused.empty());
  EXPECT_EQ(count_of(docx_part(result.docx, "word/document.xml"), "<wp:extent cx=\"" + std::to_string((2000 - 216) * 635) + "\""),
            2u);
}

TEST(TemplateImages, ACellsWidthFromTheGridWhenItsOwnIsNotInTwips) {
  const std::string grid = "<w:gridCol w:w=\"3000\"/><w:gridCol w:w=\"1500\"/><w:gridCol w:w=\"2500\"/>";
  auto auto_cell = [](const std::string& properties, const std::string& content) {
    return "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/>" + properties + "</w:tcPr>" + content + "</w:tc>";
  };
  const std::string first = auto_cell("", para("a"));
  // The second cell spans columns 2 and 3: 1500 + 2500.
  EXPECT_EQ(photo_extent(table_of(grid, first + auto_cell("<w:gridSpan w:val=\"2\"/>", para("{%anh}")))).first,
            (4000 - 216) * 635);
  // A percentage is not a width known here either; the table's cell margins count.
  const std::string pct = "<w:tc><w:tcPr><w:tcW w:w=\"2500\" w:type=\"pct\"/></w:tcPr>" + para("{%anh}") + "</w:tc>";
  EXPECT_EQ(photo_extent(table_of(grid, first + pct, "<w:tblCellMar><w:left w:w=\"0\" w:type=\"dxa\"/>"
                                                     "<w:right w:w=\"100\" w:type=\"dxa\"/></w:tblCellMar>")).first,
            (1500 - 100) * 635);
  // The cell's own margins before the table's (w:start and w:end as Word 2010 writes them).
  EXPECT_EQ(photo_extent(table_of(grid, first + auto_cell("<w:tcMar><w:start w:w=\"0\" w:type=\"dxa\"/><w:end w:w=\"0\" "
                                                          "w:type=\"dxa\"/></w:tcMar>", para("{%anh}")),
                                  "<w:tblCellMar><w:left w:w=\"500\" w:type=\"dxa\"/></w:tblCellMar>")).first,
            1500 * 635);
  // w:gridBefore shifts the row's cells along the grid.
  const std::string shifted = "<w:tbl><w:tblPr/><w:tblGrid>" + grid + "</w:tblGrid><w:tr><w:trPr><w:gridBefore w:val=\"2\"/>"
                              "</w:trPr>" + auto_cell("", para("{%anh}")) + "</w:tr></w:tbl>";
  EXPECT_EQ(photo_extent(shifted).first, (2500 - 216) * 635);
  // Nothing known: the text width.
  EXPECT_EQ(photo_extent(table({"<w:tr>" + auto_cell("", para("{%anh}")) + "</w:tr>"})).first, 5'760'000);
}

TEST(TemplateImages, InANestedTableTheInnermostCellBounds) {
  const std::string inner = table({"<w:tr>" + cell(para("{%anh}")) + "</w:tr>"});  // 2000 twips
  const std::string outer = "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w=\"8000\"/></w:tblGrid><w:tr><w:tc><w:tcPr>"
                            "<w:tcW w:w=\"8000\" w:type=\"dxa\"/></w:tcPr>" + inner + "<w:p/></w:tc></w:tr></w:tbl>";
  EXPECT_EQ(photo_extent(outer).first, (2000 - 216) * 635);
  // An inner cell of unknown width: the outer cell's.
  const std::string unknown = table({"<w:tr><w:tc><w:tcPr/>" + para("{%anh}") + "</w:tc></w:tr>"});
  const std::string around = "<w:tbl><w:tblPr/><w:tblGrid/><w:tr><w:tc><w:tcPr><w:tcW w:w=\"3000\" w:type=\"dxa\"/></w:tcPr>" +
                             unknown + "<w:p/></w:tc></w:tr></w:tbl>";
  EXPECT_EQ(photo_extent(around).first, (3000 - 216) * 635);
  // A cell wider than the page: the text width still bounds it.
  const std::string wide = "<w:tbl><w:tblPr/><w:tblGrid/><w:tr><w:tc><w:tcPr><w:tcW w:w=\"20000\" w:type=\"dxa\"/></w:tcPr>" +
                           para("{%anh}") + "</w:tc></w:tr></w:tbl>";
  EXPECT_EQ(photo_extent(wide).first, 5'760'000);
}

TEST(TemplateImages, OneValueInACellAndOutsideIsSizedForEach) {
  RenderResult result = render_with(make_docx(para("{%anh}") + table({"<w:tr>" + cell(para("{%anh}")) + "</w:tr>"}) + para("{%anh}")),
                                    {{"anh", big_photo()}});
  const std::string xml = docx_part(result.docx, "word/document.xml");
  EXPECT_EQ(count_of(xml, "<wp:extent cx=\"5760000\""), 2u);
  EXPECT_EQ(count_of(xml, "<wp:extent cx=\"" + std::to_string((2000 - 216) * 635) + "\""), 1u);
  EXPECT_EQ(count_of(docx_part(result.docx, "word/_rels/document.xml.rels"), "<Relationship "), 1u) << "one picture";
}

TEST(TemplateImages, InATableCellAndOneImagePerLoopItem) {
  const std::string body = table({row({"Ảnh", "Tên"}), "<w:tr>" + cell(para("{#ds}{%anh}")) + cell(para("{ten}{/ds}")) + "</w:tr>"});
  json items = json::array();
  for (int i = 0; i < 3; ++i)
    items.push_back({{"ten", "Ảnh " + std::to_string(i)}, {"anh", base64_of(make_png(10, 10, 0, static_cast<unsigned char>(i)))}});
  RenderResult result = render_with(make_docx(body), {{"ds", items}});
  ASSERT_TRUE(result.refused.empty());
  const std::string xml = docx_part(result.docx, "word/document.xml");
  EXPECT_EQ(count_of(xml, "<w:drawing>"), 3u);
  EXPECT_EQ(count_of(xml, "<w:tr>"), 4u) << "the row repeats";
  const std::string rels = docx_part(result.docx, "word/_rels/document.xml.rels");
  EXPECT_EQ(count_of(rels, "relationships/image\""), 3u);
  for (const char* name : {"word/media/image1.png", "word/media/image2.png", "word/media/image3.png"})
    EXPECT_FALSE(docx_part(result.docx, name).empty()) << name;
  expect_valid_package(result.docx);
}

TEST(TemplateImages, TheSameBytesShareOneMediaPartAndOneRelationship) {
  json items = json::array();
  for (int i = 0; i < 4; ++i) items.push_back({{"anh", base64_of(kPng)}});
  RenderResult result = render_with(make_docx(para("{#ds}") + para("{%anh}") + para("{/ds}")), {{"ds", items}});
  const std::string xml = docx_part(result.docx, "word/document.xml");
  EXPECT_EQ(count_of(xml, "<w:drawing>"), 4u);
  EXPECT_EQ(count_of(xml, "r:embed=\"rIdImg1\""), 4u);
  EXPECT_EQ(count_of(docx_part(result.docx, "word/_rels/document.xml.rels"), "<Relationship "), 1u);
  std::size_t media = 0;
  for (const std::string& name : docx_part_names(result.docx)) media += name.starts_with("word/media/");
  EXPECT_EQ(media, 1u);
  expect_valid_package(result.docx);  // four drawings, four docPr ids
}

//! The relationships of with_header()'s body: its one header.
const std::string kHeaderDocumentRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/header" )"
    R"(Target="header1.xml"/></Relationships>)";

//! A package whose body is `body` and whose one header (word/header1.xml) holds `header`.
std::string with_header(const std::string& body, const std::string& header) {
  std::string types = content_types_xml();
  types.insert(types.find("</Types>"),
               R"(<Override PartName="/word/header1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"/>)");
  std::string docx;
  ZipWriter writer(docx);
  writer.add("[Content_Types].xml", types, 6);
  writer.add("_rels/.rels", package_rels_xml(), 6);
  writer.add("word/document.xml", document_xml(body), 6);
  writer.add("word/_rels/document.xml.rels", kHeaderDocumentRels, 6);
  writer.add("word/header1.xml", header_xml("hdr", header), 6);
  writer.finish();
  return docx;
}

TEST(TemplateImages, InAHeaderWhoseRelationshipsPartIsCreated) {
  RenderResult result = render_with(with_header(para("thân"), para("Logo {%logo}")), {{"logo", base64_of(kJpeg)}});
  ASSERT_TRUE(result.refused.empty());
  EXPECT_NE(docx_part(result.docx, "word/header1.xml").find("<w:drawing>"), std::string::npos);
  EXPECT_NE(docx_part(result.docx, "word/_rels/header1.xml.rels").find("Target=\"media/image1.jpeg\""), std::string::npos);
  EXPECT_EQ(docx_part(result.docx, "word/_rels/document.xml.rels"), kHeaderDocumentRels) << "the body has no image: its rels stay";
  expect_valid_package(result.docx);
}

TEST(TemplateImages, NewNamesAndIdsStayClearOfTheTemplatesOwn) {
  const std::string rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rIdImg1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" )"
      R"(Target="media/Image1.png"/></Relationships>)";
  std::string types = content_types_xml();
  types.insert(types.find("</Types>"), R"(<Default Extension="png" ContentType="image/png"/>)");
  const std::string drawing =
      "<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
      "<wp:extent cx=\"1\" cy=\"1\"/><wp:docPr id=\"7\" name=\"cũ\"/></wp:inline></w:drawing></w:r></w:p>";
  std::string docx;
  {
    ZipWriter writer(docx);
    writer.add("[Content_Types].xml", types, 6);
    writer.add("_rels/.rels", package_rels_xml(), 6);
    writer.add("word/document.xml", document_xml(drawing + para("{%a}{%b}")), 6);
    writer.add("word/_rels/document.xml.rels", rels, 6);
    writer.add("word/media/Image1.png", kPng96, 0);
    writer.finish();
  }
  RenderResult result = render_with(docx, {{"a", base64_of(kPng)}, {"b", base64_of(kJpeg)}});
  const std::string xml = docx_part(result.docx, "word/document.xml");
  EXPECT_NE(xml.find("<wp:docPr id=\"8\""), std::string::npos) << "above the template's docPr 7";
  EXPECT_NE(xml.find("<wp:docPr id=\"9\""), std::string::npos);
  EXPECT_NE(xml.find("r:embed=\"rIdImg2\""), std::string::npos) << "rIdImg1 is the template's";
  EXPECT_EQ(docx_part(result.docx, "word/media/Image1.png"), kPng96);
  EXPECT_EQ(docx_part(result.docx, "word/media/image2.png"), kPng) << "image1.png would be the same part name as Image1.png";
  EXPECT_EQ(count_of(docx_part(result.docx, "[Content_Types].xml"), "Extension=\"png\""), 1u);
  expect_valid_package(result.docx);
}

//! A strict OOXML package (ISO/IEC 29500 strict: namespaces and relationship types under
//! purl.oclc.org) whose body is `body`; with `document_rels`, word/_rels/document.xml.rels and
//! the word/styles.xml they name.
std::string strict_docx(const std::string& body, const std::string& document_rels = "") {
  const std::string package_rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" )"
      R"(Target="word/document.xml"/></Relationships>)";
  const std::string document =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main" )"
      R"(xmlns:r="http://purl.oclc.org/ooxml/officeDocument/relationships" w:conformance="strict"><w:body>)" +
      body + "</w:body></w:document>";
  std::string docx;
  ZipWriter writer(docx);
  writer.add("[Content_Types].xml", content_types_xml(), 6);
  writer.add("_rels/.rels", package_rels, 6);
  writer.add("word/document.xml", document, 6);
  if (!document_rels.empty()) {
    writer.add("word/_rels/document.xml.rels", document_rels, 6);
    writer.add("word/styles.xml", R"(<w:styles xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"/>)", 6);
  }
  writer.finish();
  return docx;
}

TEST(TemplateImages, AStrictPackageGetsStrictRelationshipsAndNamespaces) {
  const std::string styles_rels =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/styles" )"
      R"(Target="styles.xml"/></Relationships>)";
  // From the part's own relationships, and (the part has none) from the package's.
  for (const std::string& rels : {styles_rels, std::string()}) {
    SCOPED_TRACE(rels.empty() ? "_rels/.rels" : "document.xml.rels");
    RenderResult result = render_with(strict_docx(para("{%anh}"), rels), {{"anh", base64_of(kPng)}});
    ASSERT_TRUE(result.refused.empty());
    const std::string written = docx_part(result.docx, "word/_rels/document.xml.rels");
    EXPECT_NE(written.find("Id=\"rIdImg1\" Type=\"http://purl.oclc.org/ooxml/officeDocument/relationships/image\" "
                           "Target=\"media/image1.png\""),
              std::string::npos)
        << written;
    EXPECT_EQ(written.find("schemas.openxmlformats.org/officeDocument"), std::string::npos);
    const std::string xml = docx_part(result.docx, "word/document.xml");
    EXPECT_NE(xml.find("<wp:inline xmlns:wp=\"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing\""), std::string::npos);
    EXPECT_NE(xml.find("<a:graphic xmlns:a=\"http://purl.oclc.org/ooxml/drawingml/main\">"
                       "<a:graphicData uri=\"http://purl.oclc.org/ooxml/drawingml/picture\">"
                       "<pic:pic xmlns:pic=\"http://purl.oclc.org/ooxml/drawingml/picture\">"),
              std::string::npos);
    EXPECT_NE(xml.find("<a:blip xmlns:r=\"http://purl.oclc.org/ooxml/officeDocument/relationships\" r:embed=\"rIdImg1\"/>"),
              std::string::npos);
    EXPECT_EQ(xml.find("schemas.openxmlformats.org"), std::string::npos) << "nothing transitional in a strict part";
    expect_valid_package(result.docx);
  }
  // A transitional package stays transitional (InlineFromBase64 checks its relationship).
  const std::string xml = docx_part(render_with(make_docx(para("{%anh}")), {{"anh", base64_of(kPng)}}).docx, "word/document.xml");
  EXPECT_NE(xml.find("<a:blip xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""), std::string::npos);
}

TEST(TemplateImages, FromAFileTheCallerProvides) {
  RenderOptions options;
  std::vector<std::string> asked;
  options.image_files = [&](std::string_view name, std::size_t) -> std::optional<std::string> {
    asked.emplace_back(name);
    if (name == "anh/su-kien.png") return kPng;
    return std::nullopt;
  };
  RenderResult result = render_with(make_docx(para("{%a}") + para("{%b}")),
                                    {{"a", {{"file", "anh/su-kien.png"}, {"alt", "Lễ ra quân"}}}, {"b", {{"file", "khong-co.png"}}}},
                                    options);
  EXPECT_EQ(docx_part(result.docx, "word/media/image1.png"), kPng);
  EXPECT_NE(docx_part(result.docx, "word/document.xml").find("descr=\"Lễ ra quân\""), std::string::npos);
  ASSERT_EQ(codes(result.refused), std::vector<std::string>{"image_file_not_found"});
  EXPECT_EQ(result.refused[0].path, "/b");
  EXPECT_EQ(asked, (std::vector<std::string>{"anh/su-kien.png", "khong-co.png"}));
  expect_valid_package(result.docx);
}

TEST(TemplateImages, AFileNamedByManyValuesIsAskedForOnce) {
  RenderOptions options;
  int asked = 0;
  options.image_files = [&](std::string_view name, std::size_t) -> std::optional<std::string> {
    ++asked;
    if (name == "logo.png") return kPng;
    return std::nullopt;
  };
  json items = json::array();
  for (int i = 0; i < 50; ++i) items.push_back({{"logo", {{"file", "logo.png"}}}, {"x", {{"file", "khong-co.png"}}}});
  RenderResult result = render_with(make_docx(para("{#ds}{%logo}{%x}{/ds}")), {{"ds", items}}, options);
  EXPECT_EQ(asked, 2);
  EXPECT_EQ(count_of(docx_part(result.docx, "word/document.xml"), "<w:drawing>"), 50u);
  EXPECT_EQ(total_count(result.refused), 50u) << "each value naming the missing file, at its own path";
  EXPECT_EQ(result.refused[1].path, "/ds/1/x");
}

TEST(TemplateImages, UnsafeFileNamesAreRefusedBeforeAnyoneIsAsked) {
  RenderOptions options;
  bool asked = false;
  options.image_files = [&](std::string_view, std::size_t) -> std::optional<std::string> {
    asked = true;
    return kPng;
  };
  for (const char* name : {"../anh.png", "/etc/passwd", "a/../../b.png", "a\\b.png", "C:x.png", "", "a//b.png"}) {
    SCOPED_TRACE(name);
    RenderResult result = render_with(make_docx(para("{%a}")), {{"a", {{"file", name}}}}, options);
    EXPECT_EQ(codes(result.refused), std::vector<std::string>{"unsafe_file_name"});
  }
  EXPECT_FALSE(asked);
}

//! The codes and paths of the issues refusing `value` as the image of {%anh}, and that the
//! document is still whole, without a picture.
std::vector<std::string> refusal(const json& value, const ImageLimits& limits = {}) {
  RenderOptions options;
  options.image_limits = limits;
  RenderResult result = render_with(make_docx(para("Ảnh {%anh}")), {{"anh", value}}, options);
  const std::string xml = docx_part(result.docx, "word/document.xml");
  EXPECT_EQ(xml.find("<w:drawing>"), std::string::npos);
  EXPECT_TRUE(well_formed(xml));
  EXPECT_TRUE(result.missing.empty());
  std::vector<std::string> out;
  for (const TemplateIssue& issue : result.refused) {
    EXPECT_EQ(issue.path, "/anh");
    EXPECT_EQ(issue.part, "word/document.xml");
    EXPECT_EQ(issue.tag, "{%anh}");
    EXPECT_EQ(issue.paragraph, "Ảnh {%anh}");
    EXPECT_NE(issue.message.find("/anh"), std::string::npos) << issue.message;
    out.push_back(issue.code);
  }
  expect_valid_package(result.docx);
  return out;
}

TEST(TemplateImages, WhatIsNotARealReasonableImageIsRefused) {
  using V = std::vector<std::string>;
  EXPECT_EQ(refusal(base64_of("GIF89a\x01\x00\x01\x00")), V{"unsupported_image"});
  EXPECT_EQ(refusal(base64_of("xin chào, đây không phải ảnh")), V{"unsupported_image"});
  EXPECT_EQ(refusal("data:image/gif;base64," + base64_of(kPng)), V{"unsupported_image"});
  EXPECT_EQ(refusal(base64_of(kPng.substr(0, kPng.size() - 20))), V{"corrupt_image"}) << "truncated PNG";
  EXPECT_EQ(refusal(base64_of(kPng.substr(0, 20))), V{"corrupt_image"}) << "no IHDR";
  EXPECT_EQ(refusal(base64_of(kJpeg.substr(0, kJpeg.size() - 2))), V{"corrupt_image"}) << "JPEG without its end";
  EXPECT_EQ(refusal(base64_of(std::string("\xFF\xD8\xFF\xD9", 4))), V{"corrupt_image"}) << "JPEG without a frame";
  std::string huge = make_png(1, 1);
  huge.replace(16, 8, std::string("\x00\x00\xEA\x60\x00\x00\xEA\x60", 8));  // 60,000 × 60,000
  EXPECT_EQ(refusal(base64_of(huge)), V{"image_dimensions"});
  ImageLimits small;
  small.max_bytes = 100;
  EXPECT_EQ(refusal(base64_of(kPng), small), V{"image_too_large"}) << "known from the base64's length";
  EXPECT_EQ(refusal("iVBORw0KGgo*AAA"), V{"invalid_base64"});
  EXPECT_EQ(refusal("iVBORw0KGgo=AAA"), V{"invalid_base64"});
  EXPECT_EQ(refusal("A"), V{"invalid_base64"});
  EXPECT_EQ(refusal(42), V{"invalid_image_value"});
  EXPECT_EQ(refusal(json::array({1})), V{"invalid_image_value"});
  EXPECT_EQ(refusal({{"data", base64_of(kPng)}, {"width", 8}}), V{"invalid_image_value"}) << "a typo is not ignored";
  EXPECT_EQ(refusal({{"data", base64_of(kPng)}, {"width_cm", -1}}), V{"invalid_image_value"});
  EXPECT_EQ(refusal({{"data", base64_of(kPng)}, {"file", "a.png"}}), V{"invalid_image_value"});
  EXPECT_EQ(refusal({{"alt", "x"}}), V{"invalid_image_value"});
  EXPECT_EQ(refusal({{"file", "a.png"}}), V{"image_file_not_found"}) << "no files given";
}

//! kJpeg with an Exif block whose Orientation is `orientation` (big-endian TIFF, as cameras write).
std::string jpeg_turned(std::uint32_t orientation) {
  std::string exif = std::string("Exif\0\0MM\0*", 10);
  put32(exif, 8);                    // IFD0 right after the header
  put16(exif, 1);                    // one entry
  put16(exif, 0x0112);               // Orientation
  put16(exif, 3);                    // SHORT
  put32(exif, 1);
  put16(exif, orientation);
  put16(exif, 0);
  put32(exif, 0);                    // no next IFD
  std::string app1 = "\xFF\xE1";
  put16(app1, static_cast<std::uint32_t>(exif.size() + 2));
  return kJpeg.substr(0, 2) + app1 + exif + kJpeg.substr(2);
}

TEST(TemplateImages, AJpegTheViewerMustTurnIsRefusedAnUprightOneIsFine) {
  EXPECT_EQ(refusal(base64_of(jpeg_turned(6))), std::vector<std::string>{"image_orientation"});
  RenderResult result = render_with(make_docx(para("{%anh}")), {{"anh", base64_of(jpeg_turned(1))}});
  EXPECT_TRUE(result.refused.empty());
  EXPECT_EQ(docx_part(result.docx, "word/media/image1.jpeg"), jpeg_turned(1));
}

TEST(TemplateImages, BlanksInTheBase64AreFine) {
  std::string wrapped = base64_of(kPng);
  for (std::size_t at = 76; at < wrapped.size(); at += 78) wrapped.insert(at, "\r\n");
  RenderResult result = render_with(make_docx(para("{%anh}")), {{"anh", wrapped}});
  EXPECT_TRUE(result.refused.empty());
  EXPECT_EQ(docx_part(result.docx, "word/media/image1.png"), kPng);
}

TEST(TemplateImages, DocumentLimitsCountDistinctImages) {
  ImageLimits limits;
  limits.max_total_bytes = kPng.size() * 2 + 10;
  limits.max_images = 10;
  json items = json::array();
  for (int i = 0; i < 4; ++i) items.push_back({{"anh", base64_of(make_png(300, 150, 300, static_cast<unsigned char>(i)))}});
  items.push_back({{"anh", base64_of(make_png(300, 150, 300, 0))}});  // the first again: no more bytes
  RenderOptions options;
  options.image_limits = limits;
  RenderResult result = render_with(make_docx(para("{#ds}") + para("{%anh}") + para("{/ds}")), {{"ds", items}}, options);
  EXPECT_EQ(codes(result.refused), (std::vector<std::string>{"images_too_large", "images_too_large"}));
  EXPECT_EQ(result.refused[0].path, "/ds/2/anh");
  EXPECT_EQ(result.refused[1].path, "/ds/3/anh");
  EXPECT_EQ(count_of(docx_part(result.docx, "word/document.xml"), "<w:drawing>"), 3u);
  limits.max_images = 1;
  options.image_limits = limits;
  result = render_with(make_docx(para("{#ds}") + para("{%anh}") + para("{/ds}")), {{"ds", items}}, options);
  EXPECT_EQ(codes(result.refused), (std::vector<std::string>{"too_many_images", "too_many_images", "too_many_images"}));
}

TEST(TemplateImages, ARefusedImageInALoopNamesItsItem) {
  json data = {{"nhom", {{"ds", {{{"anh", base64_of(kPng)}}, {{"anh", "không phải base64!"}}}}}}};
  RenderResult result = render_with(make_docx(para("{#nhom}{#ds}{%anh}{/ds}{/nhom}")), data);
  ASSERT_EQ(codes(result.refused), std::vector<std::string>{"invalid_base64"});
  EXPECT_EQ(result.refused[0].path, "/nhom/ds/1/anh");
  EXPECT_EQ(count_of(docx_part(result.docx, "word/document.xml"), "<w:drawing>"), 1u);
}

TEST(TemplateImages, MissingIsMissingNullAndEmptyAreNothing) {
  RenderResult result = render_with(make_docx(para("a{%anh}b")), json::object());
  EXPECT_EQ(result.missing, std::vector<std::string>{"{%anh} (word/document.xml)"});
  EXPECT_TRUE(result.refused.empty());
  for (const json& value : {json(nullptr), json("")}) {
    result = render_with(make_docx(para("a{%anh}b")), {{"anh", value}});
    EXPECT_TRUE(result.missing.empty());
    EXPECT_TRUE(result.refused.empty());
    EXPECT_EQ(docx_text(docx_part(result.docx, "word/document.xml")), "ab\n");
  }
}

TEST(TemplateImages, APackageWithoutPicturesIsWrittenAsStored) {
  const std::string docx = make_docx(para("{%anh}"), {{"word/_rels/document.xml.rels", R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>)"}});
  RenderResult result = render_with(docx, json::object());
  EXPECT_EQ(docx_part(result.docx, "[Content_Types].xml"), content_types_xml());
  EXPECT_EQ(docx_part(result.docx, "word/_rels/document.xml.rels"), docx_part(docx, "word/_rels/document.xml.rels"));
  // A self-closed relationships root is opened to take the picture's relationship.
  result = render_with(docx, {{"anh", base64_of(kPng)}});
  EXPECT_NE(docx_part(result.docx, "word/_rels/document.xml.rels").find("<Relationship Id=\"rIdImg1\""), std::string::npos);
  expect_valid_package(result.docx);
}

TEST(TemplateImages, TheSameInputGivesTheSameBytes) {
  const std::string docx = make_docx(table({"<w:tr>" + cell(para("{#ds}{%anh}{/ds}")) + "</w:tr>"}));
  json data = {{"ds", {{{"anh", base64_of(kPng)}}, {{"anh", base64_of(kJpeg)}}, {{"anh", base64_of(kPng)}}}}};
  auto tpl = Template::parse(docx);
  EXPECT_EQ(render(*tpl, data).docx, render(*tpl, data).docx);
  EXPECT_EQ(render(*tpl, data).docx, render(*Template::parse(docx), data).docx);
}

TEST(TemplateImages, TagSyntax) {
  // Custom delimiters, blanks inside.
  TemplateOptions options;
  options.delimiters = Delimiters{"[[", "]]"};
  RenderResult result = render(*Template::parse(make_docx(para("[[% anh ]] {x}")), options), {{"anh", base64_of(kPng)}});
  EXPECT_NE(docx_part(result.docx, "word/document.xml").find("<w:drawing>"), std::string::npos);
  // Word split the tag over runs.
  result = render_with(make_docx(para_runs({"{", "%an", "h}"})), {{"anh", base64_of(kPng)}});
  EXPECT_NE(docx_part(result.docx, "word/document.xml").find("<w:drawing>"), std::string::npos);
  // Filters do not apply to images.
  EXPECT_EQ(codes(issues_of(make_docx(para("{%anh | hoa}")))), std::vector<std::string>{"filter_not_allowed"});
}

TEST(TemplateImages, ACentredImageCentresItsParagraph) {
  const std::string png = base64_of(kPng);
  // No paragraph properties: made.
  std::string xml = docx_part(render_with(make_docx(para("{%%anh}")), {{"anh", png}}).docx, "word/document.xml");
  EXPECT_NE(xml.find("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\"></w:t><w:drawing>"),
            std::string::npos)
      << xml;
  // Its own alignment replaced; a new w:jc goes before the run properties and the section break.
  const std::string aligned =
      "<w:p><w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"left\"/></w:pPr><w:r><w:t>{%%anh}</w:t></w:r></w:p>";
  xml = docx_part(render_with(make_docx(aligned), {{"anh", png}}).docx, "word/document.xml");
  EXPECT_NE(xml.find("<w:pPr><w:spacing w:after=\"0\"/><w:jc w:val=\"center\"/></w:pPr>"), std::string::npos) << xml;
  const std::string styled =
      "<w:p><w:pPr><w:pStyle w:val=\"Anh\"/><w:ind w:left=\"0\"/><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:t>{%% anh }</w:t></w:r></w:p>";
  xml = docx_part(render_with(make_docx(styled), {{"anh", png}}).docx, "word/document.xml");
  EXPECT_NE(xml.find("<w:ind w:left=\"0\"/><w:jc w:val=\"center\"/><w:rPr><w:b/></w:rPr></w:pPr>"), std::string::npos) << xml;
  // In a loop, one centred paragraph per item; missing, the label says {%%anh}.
  json items = {{{"anh", png}}, {{"anh", png}}};
  xml = docx_part(render_with(make_docx(para("{#ds}") + para("{%%anh}") + para("{/ds}")), {{"ds", items}}).docx,
                  "word/document.xml");
  EXPECT_EQ(count_of(xml, "<w:jc w:val=\"center\"/>"), 2u);
  EXPECT_EQ(count_of(xml, "<w:drawing>"), 2u);
  EXPECT_EQ(render_with(make_docx(para("{%%anh}")), json::object()).missing, std::vector<std::string>{"{%%anh} (word/document.xml)"});
  // Not alone: the issue says what to use instead.
  std::vector<TemplateIssue> issues = issues_of(make_docx(para("Ảnh: {%%anh}")));
  ASSERT_EQ(codes(issues), std::vector<std::string>{"image_not_alone"});
  EXPECT_NE(issues[0].message.find("{%anh}"), std::string::npos) << issues[0].message;
  EXPECT_EQ(issues[0].part, "word/document.xml");
  EXPECT_EQ(issues[0].paragraph, "Ảnh: {%%anh}");
  EXPECT_EQ(codes(issues_of(make_docx(para("{%%anh}{%%logo}")))), (std::vector<std::string>{"image_not_alone", "image_not_alone"}));
}

TEST(TemplateImages, CheckListsTheTagAndTheShape) {
  TemplateCheck check = check_template(make_docx(para("{%logo}") + para("{#ds}") + para("{%anh} {ten}") + para("{/ds}")));
  ASSERT_TRUE(check.issues.empty()) << check.issues[0].message;
  EXPECT_EQ(check.tags[0].kind, "image");
  EXPECT_EQ(check.tags[0].path, "logo");
  EXPECT_EQ(check.shape, json::parse(R"({"logo": "image", "ds": [{"anh": "image", "ten": "text"}]})"));
  // Against a report type's model, an image field may be an object.
  json model = {{"logo", {{"data", "x"}}}, {"ds", {{{"anh", "x"}, {"ten", "An"}}}}};
  CheckOptions against;
  against.model_data = &model;
  check = check_template(make_docx(para("{%logo}") + para("{#ds}") + para("{%anh} {ten}") + para("{/ds}")), {}, against);
  EXPECT_TRUE(check.issues.empty()) << check.issues[0].message;
}

//! A paragraph holding one of the template's own drawings, with wp:docPr id `id`.
std::string drawing_para(std::uint64_t id) {
  return "<w:p><w:r><w:drawing><wp:inline xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\">"
         "<wp:extent cx=\"1\" cy=\"1\"/><wp:docPr id=\"" + std::to_string(id) + "\" name=\"Hình " + std::to_string(id) +
         "\"/></wp:inline></w:drawing></w:r></w:p>";
}

//! The wp:docPr ids of `part` in `docx`, in order.
std::vector<std::string> docpr_ids(const std::string& docx, const std::string& part = "word/document.xml") {
  const std::string content = docx_part(docx, part);
  xmlDocPtr doc = xmlReadMemory(content.data(), static_cast<int>(content.size()), part.c_str(), nullptr,
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  std::vector<std::string> ids;
  if (!doc) return ids;
  each_element(xmlDocGetRootElement(doc), [&](xmlNode* n) {
    if (std::string_view(reinterpret_cast<const char*>(n->name)) == "docPr") ids.push_back(attribute(n, "id"));
  });
  xmlFreeDoc(doc);
  return ids;
}

json items_of(int n) {
  json items = json::array();
  for (int i = 0; i < n; ++i) items.push_back({{"ten", "Mục " + std::to_string(i + 1)}});
  return items;
}

using Ids = std::vector<std::string>;

TEST(TemplateDrawings, ALoopRepeatingTheTemplatesDrawingGivesEachCopyItsOwnId) {
  // A drawing outside the loop keeps its id; the loop's first copy keeps the template's, the
  // others are numbered above every id of the package.
  const std::string docx = make_docx(drawing_para(3) + para("{#ds}{ten}") + drawing_para(7) + para("{/ds}"));
  RenderResult result = render_with(docx, {{"ds", items_of(3)}});
  EXPECT_EQ(docpr_ids(result.docx), (Ids{"3", "7", "8", "9"}));
  expect_valid_package(result.docx);
  EXPECT_EQ(render_with(docx, {{"ds", items_of(3)}}).docx, result.docx) << "the same ids every time";
  // Not repeated: the template's ids, nothing renumbered.
  EXPECT_EQ(docpr_ids(render_with(docx, {{"ds", items_of(1)}}).docx), (Ids{"3", "7"}));
  EXPECT_EQ(docpr_ids(render_with(docx, {{"ds", json::array()}}).docx), (Ids{"3"}));
  // A condition renders its drawing once, with its id.
  EXPECT_EQ(docpr_ids(render_with(make_docx(para("{#co}") + drawing_para(4) + para("{/co}")), {{"co", true}}).docx), (Ids{"4"}));
}

TEST(TemplateDrawings, NewIdsNeverPassTheHighestAnIdCanBe) {
  // wp:docPr's id is an xsd:unsignedInt: past 4,294,967,295 the new ids are the unused ones from 1 on.
  json items = json::array();
  for (int i = 0; i < 3; ++i) items.push_back({{"anh", base64_of(kPng)}});
  RenderResult result = render_with(make_docx(drawing_para(1) + para("{#ds}") + drawing_para(4294967294) + para("{%anh}") +
                                              para("{/ds}") + drawing_para(3)),
                                    {{"ds", items}});
  EXPECT_EQ(docpr_ids(result.docx), (Ids{"1", "4294967294", "4294967295", "2", "4", "5", "6", "3"}));
  expect_valid_package(result.docx);
}

TEST(TemplateDrawings, AStreamedPartIsNumberedTheSame) {
  // 300 copies make some 60 KB of XML, handed to the archive in 4 KiB pieces while rendered.
  const std::string docx = make_docx(para("{#ds}{ten}") + drawing_para(7) + para("{/ds}"));
  RenderOptions options;
  options.stream_above = 4096;
  RenderResult streamed = render_with(docx, {{"ds", items_of(300)}}, options);
  const Ids ids = docpr_ids(streamed.docx);
  ASSERT_EQ(ids.size(), 300u);
  EXPECT_EQ(ids.front(), "7");
  EXPECT_EQ(ids.back(), "306");
  expect_valid_package(streamed.docx);
  EXPECT_EQ(docx_part(streamed.docx, "word/document.xml"), docx_part(render_with(docx, {{"ds", items_of(300)}}).docx, "word/document.xml"));
}

TEST(TemplateDrawings, ADrawingInARepeatedTableRow) {
  const std::string body =
      table({row({"Tên", "Hình", ""}), "<w:tr>" + cell(para("{#ds}{ten}")) + cell(drawing_para(5)) + cell(para("{/ds}")) + "</w:tr>"});
  RenderResult result = render_with(make_docx(body), {{"ds", items_of(3)}});
  EXPECT_EQ(count_of(docx_part(result.docx, "word/document.xml"), "<w:tr>"), 4u);
  EXPECT_EQ(docpr_ids(result.docx), (Ids{"5", "6", "7"}));
  expect_valid_package(result.docx);
}

TEST(TemplateDrawings, HeadersAndTheBodyShareOneSetOfIds) {
  // The header's drawing (a part copied as stored) has the same id as the body's looped one, as
  // Word sometimes saves them: the header keeps it, every copy in the body gets a new one.
  RenderResult result = render_with(with_header(para("{#ds}") + drawing_para(1) + para("{/ds}"), drawing_para(1)),
                                    {{"ds", items_of(3)}});
  EXPECT_EQ(docpr_ids(result.docx, "word/header1.xml"), (Ids{"1"}));
  EXPECT_EQ(docpr_ids(result.docx), (Ids{"2", "3", "4"}));
  expect_valid_package(result.docx);
  // Loops in both: the body is rendered first, then the header, from one counter.
  result = render_with(with_header(para("{#ds}") + drawing_para(2) + para("{/ds}"), para("{#ds}") + drawing_para(4) + para("{/ds}")),
                       {{"ds", items_of(3)}});
  EXPECT_EQ(docpr_ids(result.docx), (Ids{"2", "5", "6"}));
  EXPECT_EQ(docpr_ids(result.docx, "word/header1.xml"), (Ids{"4", "7", "8"}));
  expect_valid_package(result.docx);
}

TEST(TemplateDrawings, PicturesInTheSameLoopTakeTheirIdsFromTheSameCounter) {
  json items = json::array();
  for (int i = 0; i < 2; ++i) items.push_back({{"anh", base64_of(kPng)}});
  RenderResult result = render_with(make_docx(para("{#ds}") + drawing_para(7) + para("{%anh}") + para("{/ds}")), {{"ds", items}});
  ASSERT_TRUE(result.refused.empty());
  EXPECT_EQ(docpr_ids(result.docx), (Ids{"7", "8", "9", "10"}));
  expect_valid_package(result.docx);
  // A picture in the header, the template's drawing looped in the body.
  result = render_with(with_header(para("{#ds}") + drawing_para(7) + para("{/ds}"), para("{%anh}")),
                       {{"ds", items}, {"anh", base64_of(kPng)}});
  ASSERT_TRUE(result.refused.empty());
  EXPECT_EQ(docpr_ids(result.docx, "word/header1.xml"), (Ids{"8"})) << "parts with pictures are rendered first";
  EXPECT_EQ(docpr_ids(result.docx), (Ids{"7", "9"}));
  expect_valid_package(result.docx);
}

TEST(TemplateImages, RenderPartWritesThePictures) {
  auto tpl = Template::parse(make_docx(para("{%anh}")));
  const std::string xml = render_part(*tpl, "word/document.xml", {{"anh", base64_of(kPng)}});
  EXPECT_NE(xml.find("<w:drawing>"), std::string::npos);
  EXPECT_TRUE(well_formed(xml));
}

}  // namespace
}  // namespace vanthu::test
