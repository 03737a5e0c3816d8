#include "usecases/register_export.hpp"

#include <map>

#include "vanthu/date.hpp"
#include "vanthu/text.hpp"
#include "vanthu/xml_text.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::host {
namespace {

constexpr int kLevel = 6;

//! The decree's columns (Appendix IV) and their widths in twips (A4 landscape text width 14,570).
struct Column {
  const char* title;
  int width;
};
constexpr Column kColumns[] = {
    {"Số, ký hiệu văn bản", 1700}, {"Ngày tháng văn bản", 1300}, {"Tên loại và trích yếu nội dung văn bản", 3900},
    {"Người ký", 1500},            {"Nơi nhận văn bản", 2500},   {"Đơn vị, người nhận bản lưu", 1400},
    {"Số lượng bản", 900},         {"Ghi chú", 1370},
};

std::string date_text(const std::string& iso) {
  if (auto d = vanthu::Date::parse_iso(iso)) return d->dd_mm_yyyy();
  return iso;
}

std::vector<std::string> cells(const RegisterEntry& e) {
  return {e.number_symbol, date_text(e.date), e.title,  e.signer, e.recipients, e.archive, std::to_string(e.copies),
          register_note(e)};
}

std::string run(std::string_view text, bool bold = false, int half_points = 24) {
  std::string out = "<w:r><w:rPr>";
  if (bold) out += "<w:b/><w:bCs/>";
  out += "<w:sz w:val=\"" + std::to_string(half_points) + "\"/><w:szCs w:val=\"" + std::to_string(half_points) +
         "\"/></w:rPr><w:t xml:space=\"preserve\">";
  vanthu::xml::append_text(out, text, vanthu::xml::kWordLineBreak);
  return out + "</w:t></w:r>";
}

std::string paragraph(std::string_view text, const char* align, bool bold, int half_points, int after = 0) {
  return "<w:p><w:pPr><w:spacing w:before=\"0\" w:after=\"" + std::to_string(after) + "\"/><w:jc w:val=\"" + align +
         "\"/></w:pPr>" + run(text, bold, half_points) + "</w:p>";
}

std::string cell(std::string_view text, int width, bool bold, const char* align) {
  return "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/></w:tcPr>" +
         paragraph(text, align, bold, 24) + "</w:tc>";
}

std::string book_table(const std::vector<const RegisterEntry*>& rows) {
  std::string t =
      "<w:tbl><w:tblPr><w:tblW w:w=\"14570\" w:type=\"dxa\"/><w:tblLayout w:type=\"fixed\"/><w:tblBorders>"
      "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
      "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>"
      "<w:tblCellMar><w:left w:w=\"57\" w:type=\"dxa\"/><w:right w:w=\"57\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>";
  for (const Column& c : kColumns) t += "<w:gridCol w:w=\"" + std::to_string(c.width) + "\"/>";
  t += "</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>";
  for (const Column& c : kColumns) t += cell(c.title, c.width, true, "center");
  t += "</w:tr><w:tr><w:trPr><w:tblHeader/></w:trPr>";
  for (std::size_t i = 0; i < std::size(kColumns); ++i) t += cell("(" + std::to_string(i + 1) + ")", kColumns[i].width, false, "center");
  t += "</w:tr>";
  for (const RegisterEntry* e : rows) {
    t += "<w:tr><w:trPr><w:cantSplit/></w:trPr>";
    std::vector<std::string> values = cells(*e);
    for (std::size_t i = 0; i < values.size(); ++i) {
      const char* align = i == 2 || i == 4 ? "left" : "center";
      t += cell(values[i], kColumns[i].width, false, align);
    }
    t += "</w:tr>";
  }
  if (rows.empty()) {
    t += "<w:tr>";
    for (const Column& c : kColumns) t += cell("", c.width, false, "left");
    t += "</w:tr>";
  }
  return t + "</w:tbl>";
}

//! The books of a register, by issuing body, in the order of the entries.
std::vector<std::pair<std::string, std::vector<const RegisterEntry*>>> books(const std::vector<RegisterEntry>& entries) {
  std::vector<std::pair<std::string, std::vector<const RegisterEntry*>>> out;
  for (const RegisterEntry& e : entries) {
    if (out.empty() || out.back().first != e.issuer) out.push_back({e.issuer, {}});
    out.back().second.push_back(&e);
  }
  return out;
}

constexpr const char* kDocxContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" "
    "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>";
constexpr const char* kDocxRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
    "Target=\"word/document.xml\"/></Relationships>";
constexpr const char* kDocumentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
    "Target=\"styles.xml\"/></Relationships>";
constexpr const char* kStyles =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:eastAsia=\"Times New Roman\"/>"
    "<w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/><w:lang w:val=\"vi-VN\"/></w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style></w:styles>";

std::string xml_cell_text(std::string_view text) { return vanthu::xml::text(text); }

std::string column_letter(std::size_t index) { return std::string(1, static_cast<char>('A' + index)); }

}  // namespace

std::string register_note(const RegisterEntry& e) {
  if (!e.withdrawn) return "";
  std::string at = e.withdrawn_at.size() >= 10 ? date_text(e.withdrawn_at.substr(0, 10)) : e.withdrawn_at;
  return "Đã thu hồi ngày " + at + (e.withdrawn_reason.empty() ? "" : ": " + e.withdrawn_reason);
}

std::string register_docx(const std::string& agency, int year, const std::vector<RegisterEntry>& entries) {
  std::string body;
  body += paragraph("SỔ ĐĂNG KÝ VĂN BẢN ĐI", "center", true, 32, 120);
  body += paragraph("Năm " + std::to_string(year) + " — cơ quan " + agency, "center", false, 26, 240);
  auto all = books(entries);
  if (all.empty()) {
    body += paragraph("Chưa có văn bản nào được cấp số trong năm " + std::to_string(year) + ".", "left", false, 26, 120);
    body += book_table({});
  }
  for (const auto& [issuer, rows] : all) {
    body += paragraph(issuer, "left", true, 26, 120);
    body += book_table(rows);
    body += paragraph("", "left", false, 24, 120);
  }
  std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>" +
      body +
      "<w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"
      "<w:pgMar w:top=\"1134\" w:right=\"1134\" w:bottom=\"1134\" w:left=\"1134\" w:header=\"709\" w:footer=\"709\" w:gutter=\"0\"/>"
      "</w:sectPr></w:body></w:document>";
  std::string out;
  vanthu::ZipWriter zip(out);
  zip.add("[Content_Types].xml", kDocxContentTypes, kLevel);
  zip.add("_rels/.rels", kDocxRels, kLevel);
  zip.add("word/_rels/document.xml.rels", kDocumentRels, kLevel);
  zip.add("word/styles.xml", kStyles, kLevel);
  zip.add("word/document.xml", document, kLevel);
  zip.finish();
  return out;
}

std::string register_xlsx(const std::string& agency, int year, const std::vector<RegisterEntry>& entries) {
  auto inline_cell = [](const std::string& ref, std::string_view text, int style) {
    return "<c r=\"" + ref + "\" t=\"inlineStr\"" + (style ? " s=\"" + std::to_string(style) + "\"" : std::string()) +
           "><is><t xml:space=\"preserve\">" + xml_cell_text(text) + "</t></is></c>";
  };
  std::string rows;
  int r = 1;
  rows += "<row r=\"1\">" + inline_cell("A1", "SỔ ĐĂNG KÝ VĂN BẢN ĐI — năm " + std::to_string(year) + " — cơ quan " + agency, 1) + "</row>";
  r = 3;
  rows += "<row r=\"3\">" + inline_cell("A3", "Cơ quan ban hành (sổ)", 1);
  for (std::size_t i = 0; i < std::size(kColumns); ++i)
    rows += inline_cell(column_letter(i + 1) + "3", kColumns[i].title, 1);
  rows += "</row>";
  for (const RegisterEntry& e : entries) {
    ++r;
    const std::string n = std::to_string(r);
    rows += "<row r=\"" + n + "\">" + inline_cell("A" + n, e.issuer, 0);
    std::vector<std::string> values = cells(e);
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (i == 6) {
        rows += "<c r=\"" + column_letter(i + 1) + n + "\"><v>" + std::to_string(e.copies) + "</v></c>";
        continue;
      }
      rows += inline_cell(column_letter(i + 1) + n, values[i], 0);
    }
    rows += "</row>";
  }
  std::string sheet =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><cols>"
      "<col min=\"1\" max=\"1\" width=\"40\" customWidth=\"1\"/><col min=\"2\" max=\"3\" width=\"16\" customWidth=\"1\"/>"
      "<col min=\"4\" max=\"4\" width=\"60\" customWidth=\"1\"/><col min=\"5\" max=\"5\" width=\"20\" customWidth=\"1\"/>"
      "<col min=\"6\" max=\"6\" width=\"40\" customWidth=\"1\"/><col min=\"7\" max=\"9\" width=\"18\" customWidth=\"1\"/>"
      "</cols><sheetData>" +
      rows + "</sheetData></worksheet>";
  std::string out;
  vanthu::ZipWriter zip(out);
  zip.add("[Content_Types].xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
          "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
          "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
          "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
          "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
          "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
          "</Types>",
          kLevel);
  zip.add("_rels/.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
          "Target=\"xl/workbook.xml\"/></Relationships>",
          kLevel);
  zip.add("xl/workbook.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
          "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
          "<sheets><sheet name=\"So dang ky " + std::to_string(year) + "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
          kLevel);
  zip.add("xl/_rels/workbook.xml.rels",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
          "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
          "Target=\"worksheets/sheet1.xml\"/>"
          "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" "
          "Target=\"styles.xml\"/></Relationships>",
          kLevel);
  zip.add("xl/styles.xml",
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
          "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
          "<fonts count=\"2\"><font><sz val=\"12\"/><name val=\"Times New Roman\"/></font>"
          "<font><b/><sz val=\"12\"/><name val=\"Times New Roman\"/></font></fonts>"
          "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
          "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
          "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
          "<cellXfs count=\"2\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
          "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyFont=\"1\"/></cellXfs>"
          "</styleSheet>",
          kLevel);
  zip.add("xl/worksheets/sheet1.xml", sheet, kLevel);
  zip.finish();
  return out;
}

}  // namespace vanthu::host
