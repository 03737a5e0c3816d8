//! Vietnamese text typed in the pre-Unicode font encodings, as it arrives when a clerk copies it
//! from an old document: TCVN3 (TCVN 5712:1993 VN3, the "ABC" fonts .VnTime, .VnArial) and VNI
//! (VNI-Windows, the VNI-Times fonts). The file kept the font's bytes, so once pasted they read as
//! Latin-1 letters: "Uû ban nh©n d©n" (TCVN3) or "UÛy ban nhaân daân" (VNI) for "Uỷ ban nhân dân".
//!
//! detect_legacy() says which one a text looks like (or unicode, when it is not one of them:
//! text that already has Vietnamese letters of Unicode is never converted), and to_unicode()
//! converts it, NFC. The TCVN3 "H" fonts (.VnTimeH) draw the same codes as capitals: such a text
//! converts to lower case, which a clerk then capitalises where the document needs it.
#pragma once

#include <string>
#include <string_view>

namespace vanthu::text {

enum class LegacyEncoding { unicode, tcvn3, vni };

//! "unicode", "tcvn3", "vni".
const char* legacy_encoding_name(LegacyEncoding encoding);
//! "Unicode", "TCVN3 (ABC)", "VNI".
const char* legacy_encoding_label(LegacyEncoding encoding);

//! Which encoding `utf8` was typed in; unicode when it shows no sign of either.
LegacyEncoding detect_legacy(std::string_view utf8);

//! The text converted from `encoding` to Unicode (NFC); unicode gives it back unchanged.
std::string to_unicode(std::string_view utf8, LegacyEncoding encoding);

}  // namespace vanthu::text
