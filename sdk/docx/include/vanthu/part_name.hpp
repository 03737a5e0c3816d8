//! The one rule for a valid part name (a member of a DOCX package's zip), used wherever a name
//! is read or written: the zip reader (ZipError "bad_name", which check_package reports as
//! unsafe_name) and the parts a render adds (RenderOptions::parts).
#pragma once

#include <string_view>

namespace vanthu {

//! Why `name` cannot name a part — it could escape an extraction directory or mean another file
//! on another system: empty, a NUL, a backslash, absolute ("/x", or a drive "C:x"), or a ".."
//! segment ("a/../b"; "a..b.xml" is fine) — as a Vietnamese phrase ("chứa thành phần “..”");
//! nullptr when the name is valid. Duplicates are the reader's to find (they need the archive).
const char* part_name_refusal(std::string_view name);

inline bool is_valid_part_name(std::string_view name) { return part_name_refusal(name) == nullptr; }

}  // namespace vanthu
