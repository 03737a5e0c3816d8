//! hdnd-quarterly: the quarterly report (báo cáo quý) of a ward's People's Council (Hội đồng
//! nhân dân) on Resolution 57-NQ/TW and its tasks for the next quarter. Specification: seed 004
//! (shared/seeds/004_8b3b633907b88ef3.txt).
//!
//! The clerk types facts; the rules in rules.cpp derive the figures: the issuing body and
//! "/BC-HĐND", the title with this quarter and the next, the task counts, what remains of a
//! ratio of two numbers, the signature block. The wording (headings, the task and ratio
//! sentences, "Không phát sinh nội dung mới." for empty parts, the closing "./.") is in the
//! template, templates/hdnd-quarterly/word/document.xml, where a clerk can change it in Word.
//! 2.0.0: the model carries facts and figures, no longer the body (templates made for 1.x do not
//! fit).

#include "rules.hpp"
#include "vanthu/plugin.hpp"

VANTHU_REPORT_TYPE("hdnd-quarterly", "Báo cáo quý của HĐND phường về thực hiện Nghị quyết 57-NQ/TW", "2.0.0",
                   "hdnd-quarterly.docx", vanthu::hdnd_quarterly::build)
