//! The register of outgoing documents (sổ đăng ký văn bản đi) as a file in the decree's layout
//! (Decree 30/2020/NĐ-CP, Appendix IV): a cover line with the agency, the issuing body and the
//! year, then one table per register book with its columns
//!   Số, ký hiệu văn bản | Ngày tháng văn bản | Tên loại và trích yếu nội dung văn bản |
//!   Người ký | Nơi nhận văn bản | Đơn vị, người nhận bản lưu | Số lượng bản | Ghi chú
//! ("Ghi chú" says "Đã thu hồi ngày …: lý do" for a withdrawn document). A4 landscape, Times New
//! Roman 12, the header row repeated on every page. Deterministic: the same entries give the same
//! bytes (no clock is read).
#pragma once

#include <string>
#include <vector>

#include "register/document_register.hpp"

namespace vanthu::host {

//! The register as WordprocessingML (.docx).
std::string register_docx(const std::string& agency, int year, const std::vector<RegisterEntry>& entries);
//! The same columns as a SpreadsheetML workbook (.xlsx), one sheet, a row per entry, with the
//! register book (issuing body) as the first column so a filter separates them.
std::string register_xlsx(const std::string& agency, int year, const std::vector<RegisterEntry>& entries);

//! "Đã thu hồi ngày 12/02/2026: lý do" for a withdrawn entry; "" otherwise.
std::string register_note(const RegisterEntry& entry);

}  // namespace vanthu::host
