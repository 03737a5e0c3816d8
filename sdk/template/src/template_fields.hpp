//! Field codes (w:fldSimple/@w:instr, and w:instrText between w:fldChar begin, separate and end),
//! read for the checks that keep remote content and links out of templates (check_package) and
//! out of {@xml} values (the render's allowlist).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <libxml/tree.h>

namespace vanthu::engine {

//! One field's instruction, e.g. ` INCLUDEPICTURE "http://x/a.png" \d `.
struct FieldInstruction {
  std::string text;         //!< as written: a complex field's w:instrText (and w:delInstrText) joined
  bool nested = false;      //!< a nested field sits inside the instruction (its result is part of it)
  bool name_nested = false;  //!< ... before the field's name: the name itself comes from another field
};

//! The field's name in upper case ("INCLUDEPICTURE", "=" for a formula); "" when blank.
std::string field_name(std::string_view instruction);

//! The target of a HYPERLINK field (a URL or file), or nothing when it only names a bookmark of
//! the document itself (`HYPERLINK \l "muc_1"`, as Word writes a table of contents).
std::optional<std::string> hyperlink_target(std::string_view instruction);

//! Fields Word fills from outside the document when it opens or updates it: INCLUDEPICTURE,
//! INCLUDETEXT (INCLUDE), IMPORT, LINK, DDE, DDEAUTO, DATABASE.
bool is_remote_field(std::string_view name);
//! Those names, for messages: "INCLUDEPICTURE, INCLUDETEXT, …".
const char* remote_field_names();

//! Calls `visit` for every field under `root`, in document order (a nested field before the one
//! holding it, as it closes). Returns false when the fields are not balanced: a w:fldChar
//! separate or end without a begin, a w:instrText outside any field, or a begin never ended
//! (those are visited all the same).
bool walk_fields(const xmlNode* root, const std::function<void(const FieldInstruction&)>& visit);

}  // namespace vanthu::engine
