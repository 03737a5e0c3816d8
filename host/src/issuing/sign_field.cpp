#include "issuing/sign_field.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <vector>

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-page.h>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFNameTreeObjectHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "issuing/pdf_support.hpp"

namespace vanthu::host {
namespace {

constexpr double kMm = 72.0 / 25.4;

//! The destination VANTHU_CHU_KY: its page (0-based) and top (PDF user space).
struct Destination {
  int page_index = -1;
  double top = 0;
};

std::optional<QPDFObjectHandle> find_destination(QPDF& pdf) {
  QPDFObjectHandle root = pdf.getRoot();
  const std::string names[] = {std::string(kSignatureBookmark), "VANTHU5FCHU5FKY"};
  // PDF 1.1: a dictionary in the catalog (what LibreOffice writes).
  QPDFObjectHandle dests = root.getKey("/Dests");
  if (dests.isDictionary()) {
    for (const auto& name : names)
      if (dests.hasKey("/" + name)) return dests.getKey("/" + name);
  }
  // PDF 1.2 on: the /Names /Dests name tree.
  QPDFObjectHandle tree = root.getKey("/Names");
  if (tree.isDictionary() && tree.getKey("/Dests").isDictionary()) {
    QPDFNameTreeObjectHelper helper(tree.getKey("/Dests"), pdf);
    for (const auto& name : names) {
      QPDFObjectHandle found;
      if (helper.findObject(name, found)) return found;
    }
  }
  return std::nullopt;
}

Destination read_destination(QPDF& pdf) {
  std::optional<QPDFObjectHandle> dest = find_destination(pdf);
  if (!dest)
    throw SigningError("no_signature_bookmark",
                       "Tệp PDF không có đích VANTHU_CHU_KY (vùng chữ ký): tệp không được tạo từ văn bản Vanthu, hoặc "
                       "được xuất mà không giữ dấu trang (ExportBookmarksToPDFDestination)");
  QPDFObjectHandle array = dest->isDictionary() ? dest->getKey("/D") : *dest;
  if (!array.isArray() || array.getArrayNItems() < 2)
    throw SigningError("no_signature_bookmark", "Đích VANTHU_CHU_KY trong tệp PDF không hợp lệ");
  Destination out;
  QPDFObjectHandle page = array.getArrayItem(0);
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
  for (std::size_t i = 0; i < pages.size(); ++i)
    if (page.isIndirect() && pages[i].getObjectHandle().getObjGen() == page.getObjGen()) out.page_index = static_cast<int>(i);
  if (page.isInteger()) out.page_index = page.getIntValueAsInt();
  // [page /XYZ left top zoom] or [page /FitH top] or [page /FitBH top].
  const std::string kind = array.getArrayItem(1).isName() ? array.getArrayItem(1).getName() : "";
  QPDFObjectHandle top = kind == "/XYZ" && array.getArrayNItems() >= 4 ? array.getArrayItem(3)
                         : (kind == "/FitH" || kind == "/FitBH") && array.getArrayNItems() >= 3 ? array.getArrayItem(2)
                                                                                                 : QPDFObjectHandle::newNull();
  if (out.page_index < 0 || out.page_index >= static_cast<int>(pages.size()) || !top.isNumber())
    throw SigningError("no_signature_bookmark", "Đích VANTHU_CHU_KY không chỉ rõ trang và vị trí của vùng chữ ký");
  out.top = top.getNumericValue();
  return out;
}

//! A word's box in poppler's page coordinates (points, origin top left).
struct Word {
  double x0, y0, x1, y1;
  double cy() const { return (y0 + y1) / 2; }
};

//! Words grouped into lines (same vertical centre, within 3 pt), top to bottom.
std::vector<Word> lines_of(std::vector<Word> words) {
  std::sort(words.begin(), words.end(), [](const Word& a, const Word& b) { return a.cy() < b.cy(); });
  std::vector<Word> lines;
  for (const Word& w : words) {
    if (!lines.empty() && std::abs(lines.back().cy() - w.cy()) < 3) {
      Word& l = lines.back();
      l.x0 = std::min(l.x0, w.x0), l.x1 = std::max(l.x1, w.x1), l.y0 = std::min(l.y0, w.y0), l.y1 = std::max(l.y1, w.y1);
    } else {
      lines.push_back(w);
    }
  }
  return lines;
}

}  // namespace

SignatureArea measure_signature_area(std::string_view bytes) {
  std::unique_ptr<QPDF> pdf = open_pdf(bytes);
  const Destination dest = read_destination(*pdf);
  SignatureArea area;
  area.page_index = dest.page_index;
  area.page = media_box(QPDFPageDocumentHelper(*pdf).getAllPages()[dest.page_index]);

  // Poppler's complaints about a damaged file would go to stderr (the service's log): the
  // outcome says what matters.
  static const bool quiet = (poppler::set_debug_error_function([](const std::string&, void*) {}, nullptr), true);
  (void)quiet;
  std::unique_ptr<poppler::document> doc(poppler::document::load_from_raw_data(bytes.data(), static_cast<int>(bytes.size())));
  if (!doc || doc->is_locked()) throw SigningError("not_a_pdf", "Poppler không mở được tệp PDF để đo vùng chữ ký");
  std::unique_ptr<poppler::page> page(doc->create_page(dest.page_index));
  if (!page) throw SigningError("not_a_pdf", "Không đọc được trang có vùng chữ ký");
  const poppler::rectf box = page->page_rect(poppler::media_box);
  const double page_w = box.width(), page_h = box.height();
  const double top = page_h - (dest.top - area.page.lly);  // the destination in poppler's top-down coordinates

  std::vector<Word> right;
  for (const poppler::text_box& t : page->text_list()) {
    const poppler::rectf b = t.bbox();
    if (b.x() + b.width() / 2 > page_w / 2) right.push_back({b.x(), b.y(), b.x() + b.width(), b.y() + b.height()});
  }
  const std::vector<Word> lines = lines_of(right);
  const Word* position = nullptr;
  const Word* name = nullptr;
  for (const Word& l : lines) {
    if (l.cy() < top) position = &l;
    else if (!name) name = &l;
  }
  if (!position || !name || name->y0 - position->y1 < 20)
    throw SigningError("signature_area_not_found",
                       "Không tìm thấy vùng chữ ký trên trang " + std::to_string(dest.page_index + 1) +
                           ": cần dòng chức vụ ở trên và họ tên người ký ở dưới đích VANTHU_CHU_KY, ở nửa phải trang");
  // The signature block's column: its lines just above the area (authority and position lines,
  // no more than 80 pt up, centred as the position line is: not the end of a body paragraph)
  // and the name.
  const double centre = (position->x0 + position->x1) / 2;
  double x0 = std::min(position->x0, name->x0), x1 = std::max(position->x1, name->x1);
  for (const Word& l : lines)
    if (l.y1 <= position->y1 && l.y0 >= position->y0 - 80 && std::abs((l.x0 + l.x1) / 2 - centre) < 12)
      x0 = std::min(x0, l.x0), x1 = std::max(x1, l.x1);
  double half = std::max((x1 - x0) / 2, 30 * kMm);
  half = std::min({half, centre - page_w / 2, page_w - 14 - centre});
  if (half < 20 * kMm) half = 20 * kMm;

  auto to_pdf = [&](const Word& w) {
    return PdfRect{area.page.llx + w.x0, area.page.lly + page_h - w.y1, area.page.llx + w.x1, area.page.lly + page_h - w.y0};
  };
  area.position_line = to_pdf(*position);
  area.name_line = to_pdf(*name);
  area.field = {area.page.llx + centre - half, area.name_line.ury + 1, area.page.llx + centre + half, area.position_line.lly - 1};
  return area;
}

bool has_field(std::string_view bytes, std::string_view field_name) {
  std::unique_ptr<QPDF> pdf = open_pdf(bytes);
  return find_field(*pdf, field_name).has_value();
}

std::string add_signature_field(std::string_view bytes, std::string_view field_name) {
  std::unique_ptr<QPDF> pdf = open_pdf(bytes);
  if (find_field(*pdf, field_name))
    throw SigningError("signature_field_exists", "Tệp PDF đã có trường chữ ký \"" + std::string(field_name) + "\"");
  const SignatureArea area = measure_signature_area(bytes);
  QPDFPageObjectHelper page = QPDFPageDocumentHelper(*pdf).getAllPages()[area.page_index];
  QPDFObjectHandle widget = make_signature_widget(*pdf, page, area.field, field_name, empty_appearance(*pdf, area.field));
  add_field(*pdf, page, widget, /*sig_flags=*/1);
  QPDFWriter writer(*pdf);
  writer.setOutputMemory();
  writer.setObjectStreamMode(qpdf_o_disable);  // a classic cross-reference table, which the signer appends to
  writer.setDeterministicID(true);
  writer.write();
  std::shared_ptr<Buffer> out = writer.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize());
}

}  // namespace vanthu::host
