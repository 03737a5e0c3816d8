//! What a signature looks like on the page (Decree 30, Appendix I; private to host/src/issuing/):
//! the signer's image centred in the signature area with the seal, at its real size, over the left
//! third of it; or, on an appendix in a file of its own, the organisation's signature as text at
//! the top right of the first page (number and symbol, signing time; Times New Roman 10).
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>

#include "issuing/sign_field.hpp"

namespace vanthu::host {

//! A PNG as an image XObject (8-bit DeviceRGB, its alpha as /SMask), flate-compressed.
//! `field`: the configuration field it came from, for errors (SigningError image_unreadable).
struct PdfImage {
  QPDFObjectHandle xobject;
  int width = 0, height = 0;  //!< pixels
};
PdfImage load_png(QPDF& pdf, const std::filesystem::path& file, const std::string& field);

struct Appearance {
  QPDFObjectHandle stream;  //!< the widget's /AP /N
  PdfRect rect;             //!< the widget's /Rect (page space)
};

//! The signer's image fitted in `field` (its whole height at most, 90% of its width) and centred;
//! the seal, `seal_mm` across, centred on the field's height, its right edge a third of the way
//! into the signature image. The widget grows to hold the seal (which, as on paper, may cover the
//! position line and the name). No image configured: an empty appearance over `field`.
Appearance image_appearance(QPDF& pdf, const PdfRect& field, const std::filesystem::path& signer_image,
                            const std::filesystem::path& seal_image, double seal_mm);

//! `lines` in Liberation Serif (Times New Roman's metrics) `size` pt, black, right-aligned, the
//! first line's top at `top_right`'s y, ending at its x. The font is embedded whole (PDF/A wants
//! every font embedded) as a Type0 font with Identity-H and a ToUnicode map, so the text can be
//! extracted (pdftotext). Throws SigningError font_not_found.
Appearance text_appearance(QPDF& pdf, double right, double top, const std::vector<std::string>& lines, double size);

}  // namespace vanthu::host
