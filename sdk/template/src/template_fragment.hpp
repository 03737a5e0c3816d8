//! What a {@xml} value may hold. The value comes with the data, at render time, after the
//! template's own checks: it goes into the document as it is, so it is held to an allowlist of
//! WordprocessingML rather than searched for what is known to be harmful.
#pragma once

#include <string>
#include <string_view>

namespace vanthu::engine {

struct FragmentVerdict {
  enum class Kind { ok, malformed, unsafe };
  Kind kind = Kind::ok;
  std::string reason;  //!< unsafe: what was refused, in Vietnamese ("phần tử “w:object”", "trường INCLUDEPICTURE")
};

//! A {@xml} value: well-formed WordprocessingML (the w: and r: prefixes declared around it; no
//! DTD, comment, CDATA or processing instruction), else malformed; and within the allowlist,
//! else unsafe:
//!  - elements of the (transitional) WordprocessingML namespace only, from a fixed list: at the top
//!    paragraphs and tables (w:p, w:tbl), inside them their properties, runs (text, breaks, tabs,
//!    symbols, hyphens, footnote and endnote references), tables' rows and cells, w:hyperlink to a
//!    bookmark (w:anchor), proofing marks and fields. No drawing, picture, object, embedded or
//!    linked content (w:drawing, w:pict, w:object, w:altChunk, w:subDoc, w:control, …), content
//!    control, tracked change, section properties or anything of another namespace (VML, DrawingML,
//!    markup compatibility);
//!  - attributes of that namespace (and xml:space) only: no r:id, r:embed or r:link — a value
//!    cannot add relationships, so those would point at the template's own;
//!  - text only in w:t and w:instrText;
//!  - fields (w:fldSimple, or w:fldChar begin/separate/end around w:instrText, all balanced within
//!    the value) only of the kinds that compute from the document itself: PAGE, NUMPAGES,
//!    SECTIONPAGES, SECTION, SEQ, REF, PAGEREF, NOTEREF, STYLEREF, DATE, TIME, CREATEDATE,
//!    SAVEDATE, PRINTDATE, SYMBOL, QUOTE and = (a formula); never one whose name another field
//!    computes.
FragmentVerdict check_fragment(std::string_view xml);

//! The field names check_fragment allows, for messages: "PAGE, NUMPAGES, …".
const char* fragment_field_names();

}  // namespace vanthu::engine
