#include "usecases/convert_document.hpp"

#include <exception>
#include <vector>

#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::host {
namespace {

//! The text of the first <tag>…</tag> of `xml` ("" when absent).
std::string element_text(std::string_view xml, std::string_view tag) {
  const std::string open = "<" + std::string(tag);
  std::size_t at = xml.find(open);
  while (at != std::string_view::npos) {
    const char after = at + open.size() < xml.size() ? xml[at + open.size()] : '\0';
    if (after == '>' || after == ' ') break;
    at = xml.find(open, at + 1);
  }
  if (at == std::string_view::npos) return {};
  const std::size_t start = xml.find('>', at);
  const std::size_t end = start == std::string_view::npos ? start : xml.find("</" + std::string(tag) + ">", start);
  if (end == std::string_view::npos) return {};
  return std::string(xml.substr(start + 1, end - start - 1));
}

//! The w:name of every w:bookmarkStart in the main part (names are ASCII-safe XML attributes;
//! one with an entity is left as LibreOffice names it).
std::vector<std::string> bookmark_names(std::string_view xml) {
  std::vector<std::string> names;
  const std::string_view start = "<w:bookmarkStart ";
  for (std::size_t at = xml.find(start); at != std::string_view::npos; at = xml.find(start, at + 1)) {
    const std::size_t end = xml.find('>', at);
    if (end == std::string_view::npos) break;
    const std::string_view element = xml.substr(at, end - at);
    const std::size_t name = element.find(" w:name=\"");
    if (name == std::string_view::npos) continue;
    const std::size_t value = name + 9, close = element.find('"', value);
    if (close == std::string_view::npos) continue;
    std::string text(element.substr(value, close - value));
    if (!text.empty() && text.size() <= 40 && text.find('&') == std::string::npos) names.push_back(std::move(text));
    if (names.size() >= 200) break;
  }
  return names;
}

}  // namespace

std::optional<DocumentFormat> parse_document_format(std::string_view text) {
  if (text == "docx") return DocumentFormat::docx;
  if (text == "pdf") return DocumentFormat::pdf;
  if (text == "pdfa") return DocumentFormat::pdfa;
  return std::nullopt;
}

const char* format_name(DocumentFormat format) {
  switch (format) {
    case DocumentFormat::docx: return "docx";
    case DocumentFormat::pdf: return "pdf";
    case DocumentFormat::pdfa: return "pdfa";
  }
  return "docx";
}

const char* media_type(DocumentFormat format) {
  return format == DocumentFormat::docx ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
                                        : "application/pdf";
}

std::string file_name_for(const std::string& docx_file_name, DocumentFormat format) {
  if (format == DocumentFormat::docx) return docx_file_name;
  std::string name = docx_file_name;
  const std::size_t dot = name.rfind('.');
  if (dot != std::string::npos && name.find('/', dot) == std::string::npos) name.resize(dot);
  return name + ".pdf";
}

ConvertedDocument convert_document(PdfPool* pool, std::string docx, DocumentFormat format) {
  ConvertedDocument out;
  if (format == DocumentFormat::docx) {
    out.bytes = std::move(docx);
    return out;
  }
  if (!pool || pool->workers() == 0) {
    out.status = ConvertedDocument::Status::unavailable;
    out.detail = "no PDF workers";
    return out;
  }
  PdfJob job;
  job.pdfa = format == DocumentFormat::pdfa;
  try {
    const std::vector<vanthu::ZipEntry> entries = vanthu::zip_read(docx);
    const std::string main = vanthu::main_document_part(entries);  // word/document.xml, or where _rels/.rels says
    for (const auto& entry : entries) {
      if (entry.name == "docProps/core.xml") job.created = element_text(vanthu::zip_inflate(entry), "dcterms:created");
      else if (entry.name == main) job.bookmarks = bookmark_names(vanthu::zip_inflate(entry));
    }
  } catch (const std::exception&) {
    // Not a zip we can read: LibreOffice will say so; the date and names are only refinements.
  }
  job.docx = std::move(docx);
  Conversion converted = pool->convert(std::move(job));
  out.retry_after_s = converted.retry_after_s;
  out.detail = std::move(converted.detail);
  switch (converted.status) {
    case Conversion::Status::ok:
      out.bytes = std::move(converted.pdf);
      return out;
    case Conversion::Status::busy:
      out.status = ConvertedDocument::Status::busy;
      return out;
    case Conversion::Status::failed:
      out.status = ConvertedDocument::Status::failed;
      return out;
    case Conversion::Status::unavailable:
      out.status = ConvertedDocument::Status::unavailable;
      return out;
  }
  out.status = ConvertedDocument::Status::failed;
  return out;
}

std::string conversion_message(ConvertedDocument::Status status) {
  switch (status) {
    case ConvertedDocument::Status::ok:
      return {};
    case ConvertedDocument::Status::busy:
      return "Bộ chuyển PDF đang bận, hàng đợi đã đầy. Vui lòng gửi lại sau ít giây (xem Retry-After).";
    case ConvertedDocument::Status::failed:
      return "Không chuyển được văn bản sang PDF: bộ chuyển gặp sự cố hoặc quá thời gian và đã được khởi động lại. "
             "Vui lòng gửi lại yêu cầu.";
    case ConvertedDocument::Status::unavailable:
      return "Máy chủ chưa có bộ chuyển PDF sẵn sàng (--pdf-workers). Hãy yêu cầu DOCX hoặc thử lại sau.";
  }
  return {};
}

const char* conversion_code(ConvertedDocument::Status status) {
  switch (status) {
    case ConvertedDocument::Status::busy: return "converter_busy";
    case ConvertedDocument::Status::failed: return "converter_failed";
    case ConvertedDocument::Status::ok:
    case ConvertedDocument::Status::unavailable: break;
  }
  return "converter_unavailable";
}

}  // namespace vanthu::host
