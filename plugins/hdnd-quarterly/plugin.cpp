//! hdnd-quarterly: the quarterly report (báo cáo quý) of a ward's People's Council (Hội đồng
//! nhân dân) on Resolution 57-NQ/TW and its tasks for the next quarter. Specification: seed 004
//! (shared/seeds/004_8b3b633907b88ef3.txt).
//!
//! The clerk types facts; the rules in rules.cpp derive the rest: the issuing
//! body and "/BC-HĐND", the title with this quarter and the next, the task statistics from
//! counts, ratios from two numbers, heading numbers (I., 1., 1.1.), "Không phát sinh nội dung
//! mới." for empty parts, the signature block and the closing "./.".

#include "rules.hpp"
#include "vanthu/plugin.hpp"

VANTHU_REPORT_TYPE("hdnd-quarterly", "Báo cáo quý của HĐND phường về thực hiện Nghị quyết 57-NQ/TW", "1.0.0",
                   "hdnd-quarterly.docx", vanthu::hdnd_quarterly::build)
