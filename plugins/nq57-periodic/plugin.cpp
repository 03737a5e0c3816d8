//! nq57-periodic: the People's Committee's periodic report (báo cáo định kỳ) on Resolution
//! 57-NQ/TW and its follow-up plans. Specification: seeds 001 (UBND phường An Hải, Nov 2025) and
//! 003 (UBND phường Hồng Bàng, 2025) in shared/seeds/.
//!
//! The clerk types the outline (headings at any depth the seeds use, with their paragraphs) and
//! the counts; the rules in rules.cpp derive the rest: heading numbers (A., I., 1., 1.1., a)),
//! the task statistics by phase, the reception desk's sentence with its rates, the initiatives'
//! backlog, the plan's "11/12 nhiệm vụ", the budget lines with money in words, the superscript
//! reference numbers and their count, "Không phát sinh nội dung mới." for empty headings, the
//! header lines and rules, and the closing "./.".

#include "rules.hpp"

VANTHU_REPORT_TYPE("nq57-periodic", "Báo cáo định kỳ của UBND phường về thực hiện Nghị quyết 57-NQ/TW", "1.0.0",
                   "nq57-periodic.docx", vanthu::nq57_periodic::build)
