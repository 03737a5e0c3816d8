//! Text written into XML parts: the one escaping rule shared by the template engine (values),
//! the report model (paragraphs it builds) and the host (docProps/core.xml).
#pragma once

#include <string>
#include <string_view>

namespace vanthu::xml {

//! WordprocessingML's line break inside a run: ends the text, breaks, reopens the text.
inline constexpr std::string_view kWordLineBreak = "</w:t><w:br/><w:t xml:space=\"preserve\">";

//! Appends `text` as XML character data (also safe inside a double-quoted attribute): & < > "
//! escaped, tabs kept, each line break (LF, CR LF or a lone CR) written as `line_break`, and the
//! other C0 control characters, which XML 1.0 cannot hold at all, dropped.
void append_text(std::string& out, std::string_view text, std::string_view line_break = "\n");
//! The same, with each non-breaking hyphen (U+2011, as in the symbol "57\u2011NQ/TW") written as
//! `no_break_hyphen` (WordprocessingML's <w:noBreakHyphen/>: the font's own hyphen, which Times
//! New Roman and Liberation Serif have, where U+2011 itself would fall back to another font).
void append_text(std::string& out, std::string_view text, std::string_view line_break, std::string_view no_break_hyphen);

//! WordprocessingML's non-breaking hyphen inside a run.
inline constexpr std::string_view kWordNoBreakHyphen = "</w:t><w:noBreakHyphen/><w:t xml:space=\"preserve\">";

//! The same, as a new string.
std::string text(std::string_view text, std::string_view line_break = "\n");

}  // namespace vanthu::xml
