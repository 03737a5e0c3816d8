#include "issuing/pdf_support.hpp"

#include <zlib.h>

#include <cmath>
#include <cstdio>
#include <functional>
#include <stdexcept>

#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

namespace vanthu::host {

std::unique_ptr<QPDF> open_pdf(std::string_view bytes) {
  auto pdf = std::make_unique<QPDF>();
  pdf->setSuppressWarnings(true);
  try {
    pdf->processMemoryFile("input.pdf", bytes.data(), bytes.size());
    pdf->getRoot();
  } catch (const std::exception& e) {
    throw SigningError("not_a_pdf", std::string("Không đọc được tệp PDF: ") + e.what());
  }
  if (pdf->isEncrypted()) throw SigningError("encrypted_pdf", "Tệp PDF được mã hóa; không ký được văn bản mã hóa");
  return pdf;
}

PdfRect rect_of(QPDFObjectHandle array) {
  PdfRect r;
  if (!array.isArray() || array.getArrayNItems() != 4) return r;
  double v[4];
  for (int i = 0; i < 4; ++i) {
    QPDFObjectHandle item = array.getArrayItem(i);
    v[i] = item.isNumber() ? item.getNumericValue() : 0;
  }
  r.llx = std::min(v[0], v[2]), r.urx = std::max(v[0], v[2]), r.lly = std::min(v[1], v[3]), r.ury = std::max(v[1], v[3]);
  return r;
}

PdfRect media_box(QPDFPageObjectHelper page) { return rect_of(page.getMediaBox()); }

QPDFObjectHandle rect_array(const PdfRect& rect) {
  return QPDFObjectHandle::parse("[" + pdf_number(rect.llx) + " " + pdf_number(rect.lly) + " " + pdf_number(rect.urx) + " " +
                                 pdf_number(rect.ury) + "]");
}

std::string pdf_number(double value) {
  if (std::abs(value) < 0.0005) return "0";
  char text[64];
  std::snprintf(text, sizeof text, "%.3f", value);
  std::string s(text);
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s;
}

namespace {

//! UTF-8 to code points; a malformed byte reads as U+FFFD.
std::u32string code_points(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    const unsigned char c = s[i];
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra < 0 || i + extra >= s.size() + (extra == 0 ? 1 : 0)) {
      out += U'\uFFFD';
      ++i;
      continue;
    }
    char32_t cp = extra == 0 ? c : c & (0x3F >> extra);
    bool ok = true;
    for (int k = 1; k <= extra; ++k) {
      const unsigned char n = s[i + k];
      if ((n & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (n & 0x3F);
    }
    out += ok ? cp : U'\uFFFD';
    i += ok ? extra + 1 : 1;
  }
  return out;
}

}  // namespace

std::string pdf_text_hex(std::string_view utf8) {
  static const char* hex = "0123456789ABCDEF";
  std::string out = "<FEFF";
  auto unit = [&](unsigned u) {
    for (int shift = 12; shift >= 0; shift -= 4) out += hex[(u >> shift) & 0xF];
  };
  for (char32_t cp : code_points(utf8)) {
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + (cp >> 10));
      unit(0xDC00 + (cp & 0x3FF));
    } else {
      unit(cp);
    }
  }
  return out + ">";
}

QPDFObjectHandle pdf_text(std::string_view utf8) { return QPDFObjectHandle::newUnicodeString(std::string(utf8)); }

std::optional<QPDFObjectHandle> find_field(QPDF& pdf, std::string_view name) {
  QPDFObjectHandle form = pdf.getRoot().getKey("/AcroForm");
  if (!form.isDictionary()) return std::nullopt;
  std::optional<QPDFObjectHandle> found;
  std::function<void(QPDFObjectHandle, const std::string&, int)> walk = [&](QPDFObjectHandle fields, const std::string& prefix,
                                                                          int depth) {
    if (!fields.isArray() || depth > 32) return;
    for (QPDFObjectHandle field : fields.aitems()) {
      if (!field.isDictionary() || found) continue;
      std::string full = prefix;
      if (field.getKey("/T").isString()) full += (full.empty() ? "" : ".") + field.getKey("/T").getUTF8Value();
      if (field.getKey("/Kids").isArray() && !field.getKey("/Kids").getArrayItem(0).getKey("/Subtype").isNameAndEquals("/Widget"))
        walk(field.getKey("/Kids"), full, depth + 1);
      else if (full == name)
        found = field;
    }
  };
  walk(form.getKey("/Fields"), "", 0);
  return found;
}

std::string deflate_bytes(std::string_view data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  if (compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                static_cast<uLong>(data.size()), 9) != Z_OK)
    throw std::runtime_error("deflate failed");
  out.resize(size);
  return out;
}

QPDFObjectHandle form_xobject(QPDF& pdf, double width, double height, const std::string& content, QPDFObjectHandle resources) {
  QPDFObjectHandle stream = QPDFObjectHandle::newStream(&pdf);
  QPDFObjectHandle dict = stream.getDict();
  dict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
  dict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Form"));
  dict.replaceKey("/BBox", rect_array({0, 0, width, height}));
  dict.replaceKey("/Resources", resources);
  stream.replaceStreamData(deflate_bytes(content), QPDFObjectHandle::newName("/FlateDecode"), QPDFObjectHandle::newNull());
  return stream;
}

QPDFObjectHandle empty_appearance(QPDF& pdf, const PdfRect& rect) { return form_xobject(pdf, rect.width(), rect.height(), ""); }

QPDFObjectHandle make_signature_widget(QPDF& pdf, QPDFPageObjectHelper page, const PdfRect& rect, std::string_view name,
                                       QPDFObjectHandle appearance) {
  QPDFObjectHandle widget = QPDFObjectHandle::newDictionary();
  widget.replaceKey("/Type", QPDFObjectHandle::newName("/Annot"));
  widget.replaceKey("/Subtype", QPDFObjectHandle::newName("/Widget"));
  widget.replaceKey("/FT", QPDFObjectHandle::newName("/Sig"));
  widget.replaceKey("/T", pdf_text(name));
  widget.replaceKey("/F", QPDFObjectHandle::newInteger(4));  // Print: PDF/A wants printable annotations
  widget.replaceKey("/Rect", rect_array(rect));
  widget.replaceKey("/P", page.getObjectHandle());
  QPDFObjectHandle ap = QPDFObjectHandle::newDictionary();
  ap.replaceKey("/N", appearance);
  widget.replaceKey("/AP", ap);
  return pdf.makeIndirectObject(widget);
}

std::vector<QPDFObjGen> add_field(QPDF& pdf, QPDFPageObjectHelper page, QPDFObjectHandle widget, int sig_flags) {
  std::vector<QPDFObjGen> changed;
  QPDFObjectHandle page_object = page.getObjectHandle();
  QPDFObjectHandle annots = page_object.getKey("/Annots");
  if (annots.isArray()) {
    annots.appendItem(widget);
    changed.push_back(annots.isIndirect() ? annots.getObjGen() : page_object.getObjGen());
  } else {
    page_object.replaceKey("/Annots", QPDFObjectHandle::newArray({widget}));
    changed.push_back(page_object.getObjGen());
  }
  QPDFObjectHandle root = pdf.getRoot();
  QPDFObjectHandle form = root.getKey("/AcroForm");
  if (!form.isDictionary()) {
    form = pdf.makeIndirectObject(QPDFObjectHandle::newDictionary());
    root.replaceKey("/AcroForm", form);
    changed.push_back(root.getObjGen());
  }
  changed.push_back(form.isIndirect() ? form.getObjGen() : root.getObjGen());
  QPDFObjectHandle fields = form.getKey("/Fields");
  if (!fields.isArray()) {
    fields = QPDFObjectHandle::newArray();
    form.replaceKey("/Fields", fields);
  }
  fields.appendItem(widget);
  if (fields.isIndirect()) changed.push_back(fields.getObjGen());
  const int flags = form.getKey("/SigFlags").isInteger() ? form.getKey("/SigFlags").getIntValueAsInt() : 0;
  form.replaceKey("/SigFlags", QPDFObjectHandle::newInteger(flags | sig_flags));
  changed.push_back(widget.getObjGen());
  return changed;
}

}  // namespace vanthu::host
