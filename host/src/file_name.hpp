//! The name a downloaded document gets: the plugin's Vietnamese file name, kept intact for
//! browsers that read RFC 5987, with an ASCII fallback for the ones that do not.
#pragma once

#include <string>
#include <string_view>

namespace vanthu::host {

//! A file name safe to save anywhere: path separators and control characters become "-",
//! surrounding spaces and dots go, and the name ends in ".docx" (or ".pdf" when it ends so: a
//! document's PDF). Empty → "van-ban.docx".
std::string document_file_name(std::string_view utf8);

//! ASCII fallback of a file name: Vietnamese letters without diacritics ("Báo cáo tuần" →
//! "Bao cao tuan"), đ → d, Đ → D, anything else that is not a letter, digit, space, ".", "_",
//! "-", "(" or ")" → "-" (runs of "-" collapsed).
std::string ascii_file_name(std::string_view utf8);

//! RFC 5987 ext-value: UTF-8''percent-encoded, every byte outside attr-char escaped.
std::string rfc5987_encode(std::string_view utf8);

//! Content-Disposition value for a download (RFC 6266):
//! attachment; filename="ascii-fallback.docx"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o.docx
std::string attachment_disposition(std::string_view utf8_file_name);

}  // namespace vanthu::host
