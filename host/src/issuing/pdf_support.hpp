//! qpdf helpers shared by the signature field and the signer (private to host/src/issuing/).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageObjectHelper.hh>

#include "issuing/sign_field.hpp"

namespace vanthu::host {

//! The PDF parsed by qpdf (warnings silenced). Throws SigningError not_a_pdf, or encrypted_pdf.
std::unique_ptr<QPDF> open_pdf(std::string_view bytes);

PdfRect media_box(QPDFPageObjectHelper page);
PdfRect rect_of(QPDFObjectHandle array);
QPDFObjectHandle rect_array(const PdfRect& rect);

//! A PDF number: at most 3 decimals, no exponent ("12.5", "-3", "0.125").
std::string pdf_number(double value);
//! A text string as UTF-16BE hex with its byte order mark ("<FEFF…>"), from UTF-8.
std::string pdf_text_hex(std::string_view utf8);
QPDFObjectHandle pdf_text(std::string_view utf8);

//! The terminal field named `name` in /AcroForm /Fields (kids searched), if any.
std::optional<QPDFObjectHandle> find_field(QPDF& pdf, std::string_view name);

//! A Form XObject with `content`, its BBox [0 0 w h], flate-compressed.
QPDFObjectHandle form_xobject(QPDF& pdf, double width, double height, const std::string& content,
                              QPDFObjectHandle resources = QPDFObjectHandle::newDictionary());
QPDFObjectHandle empty_appearance(QPDF& pdf, const PdfRect& rect);

//! A merged signature field and widget (/FT /Sig, /Subtype /Widget, printable), indirect.
QPDFObjectHandle make_signature_widget(QPDF& pdf, QPDFPageObjectHelper page, const PdfRect& rect,
                                       std::string_view name, QPDFObjectHandle appearance);

//! Puts the widget in the page's /Annots and /AcroForm /Fields (both made when absent) and ORs
//! `sig_flags` into /SigFlags. Returns the indirect objects it changed (for an incremental
//! update): the page or its /Annots array, the catalog or /AcroForm, the /Fields array.
std::vector<QPDFObjGen> add_field(QPDF& pdf, QPDFPageObjectHelper page, QPDFObjectHandle widget, int sig_flags);

//! deflate (zlib format), for stream data.
std::string deflate_bytes(std::string_view data);

}  // namespace vanthu::host
