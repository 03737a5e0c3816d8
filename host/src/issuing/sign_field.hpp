//! The empty signature field of a Vanthu document (issue 12): where the signer's image and the
//! seal go, measured from the PDF LibreOffice made of our DOCX.
//!
//! Every template has the bookmark VANTHU_CHU_KY in an empty paragraph (style VanthuSignatureArea,
//! 30 mm high) between the last position line of the signature block and the signer's name.
//! LibreOffice exports it as a named destination (written "VANTHU5FCHU5FKY": it escapes "_"),
//! which gives the page and the paragraph's top. On that page, poppler's text layout (the same
//! engine pdftotext and pdfsig use) gives the words' boxes: the position line is the nearest line
//! of the right half above the destination, the name the nearest below; the field fills the space
//! between them (1 pt clear of each), as wide as the signature block's column (the widest of its
//! lines, at least 60 mm, centred on the position line, kept in the right half of the page).
#pragma once

#include <string>
#include <string_view>

#include "issuing/signing_config.hpp"

namespace vanthu::host {

//! A rectangle in PDF user space (points, origin bottom left).
struct PdfRect {
  double llx = 0, lly = 0, urx = 0, ury = 0;
  double width() const { return urx - llx; }
  double height() const { return ury - lly; }
};

struct SignatureArea {
  int page_index = 0;     //!< 0-based
  PdfRect page;           //!< the page's MediaBox
  PdfRect field;          //!< where the signature field goes
  PdfRect position_line;  //!< the last position line's words (e.g. "PHÓ CHỦ TỊCH")
  PdfRect name_line;      //!< the signer's name
};

//! The destination's name as our templates write it, and as LibreOffice exports it.
inline constexpr std::string_view kSignatureBookmark = "VANTHU_CHU_KY";
//! The field's name (/T) Vanthu gives the signature field.
inline constexpr std::string_view kSignatureFieldName = "ChuKy";

//! Measures the signature area. Throws SigningError: not_a_pdf, no_signature_bookmark (a PDF not
//! made from a Vanthu document, or exported without bookmarks as destinations),
//! signature_area_not_found (no position line or name around it).
SignatureArea measure_signature_area(std::string_view pdf);

//! The PDF with an empty signature field over the measured area: a /FT /Sig widget named
//! `field_name` on that page (printable, with an empty appearance, as PDF/A wants), listed in
//! /AcroForm /Fields, /SigFlags 1 (a signature field exists; 3 once signed). A full rewrite with
//! qpdf (the XMP metadata, so PDF/A-2b identification, kept as it is). Throws SigningError
//! (signature_field_exists when the document already has a field of that name).
std::string add_signature_field(std::string_view pdf, std::string_view field_name = kSignatureFieldName);

//! Whether the PDF has a form field named `field_name` (of any kind). Throws SigningError not_a_pdf.
bool has_field(std::string_view pdf, std::string_view field_name = kSignatureFieldName);

}  // namespace vanthu::host
