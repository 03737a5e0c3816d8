//! Use case: a document in the format the caller asked for — the DOCX as rendered, or a PDF or
//! PDF/A-2b made from it by the warm LibreOffice pool (convert/pdf_pool.hpp). Written once for
//! `vanthu render`/`vanthu fill` (-o out.pdf, --format) and the document routes (Accept,
//! ?format=); each adapter only maps the outcome to an exit code or an HTTP status.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "convert/pdf_pool.hpp"

namespace vanthu::host {

enum class DocumentFormat { docx, pdf, pdfa };

//! "docx", "pdf", "pdfa" (as ?format= and --format= spell them); nullopt otherwise.
std::optional<DocumentFormat> parse_document_format(std::string_view text);
const char* format_name(DocumentFormat format);
const char* media_type(DocumentFormat format);
//! "bao-cao.docx" → "bao-cao.pdf" for a PDF (the extension the format has).
std::string file_name_for(const std::string& docx_file_name, DocumentFormat format);

struct ConvertedDocument {
  enum class Status {
    ok,           //!< bytes hold the document
    busy,         //!< every converter busy and the queue full: try again after retry_after_s
    failed,       //!< the converter crashed, timed out or could not convert this document
    unavailable,  //!< no converter (none configured or none could start)
  };
  Status status = Status::ok;
  std::string bytes;
  int retry_after_s = 1;
  std::string detail;  //!< for the log
};

//! The DOCX itself for DocumentFormat::docx; otherwise converted by `pool` (null: unavailable).
//! The PDF's creation date is the DOCX's dcterms:created and bookmarks keep their names (the
//! signature area's VANTHU_CHU_KY becomes the named destination signing tools look for).
ConvertedDocument convert_document(PdfPool* pool, std::string docx, DocumentFormat format);

//! The Vietnamese message users get for a status other than ok.
std::string conversion_message(ConvertedDocument::Status status);
//! The error code of a conversion that did not give a PDF: converter_busy (HTTP 429),
//! converter_failed or converter_unavailable (503). Rendering and issuing answer the same.
const char* conversion_code(ConvertedDocument::Status status);

}  // namespace vanthu::host
