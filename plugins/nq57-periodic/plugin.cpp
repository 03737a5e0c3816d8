//! nq57-periodic: the People's Committee's periodic report (báo cáo định kỳ) on Resolution
//! 57-NQ/TW and its follow-up plans. Specification: seeds 001 (UBND phường An Hải, Nov 2025) and
//! 003 (UBND phường Hồng Bàng, 2025) in shared/seeds/.
//!
//! The clerk types the outline (headings at any depth the seeds use, with their paragraphs) and
//! the counts; the rules in rules.cpp check them and derive the figures: the task statistics by
//! phase, the reception desk's rates, the initiatives' backlog, the plan's "11/12", the
//! budget's amounts, the count of references, the header lines and rules. The wording (the
//! sentences around the figures, "Không phát sinh nội dung mới." for empty headings, the
//! closing "./.") and the heading numbers' place are in the template
//! (templates/nq57-periodic/word/document.xml), where a clerk can change them in Word; the
//! numbers follow the heading styles (report::finish_body).
//!
//! 2.0.0: the model holds facts and figures, no longer the finished body ("body"); templates
//! made for 1.x do not fit.

#include "rules.hpp"

VANTHU_REPORT_TYPE("nq57-periodic", "Báo cáo định kỳ của UBND phường về thực hiện Nghị quyết 57-NQ/TW", "2.0.0",
                   "nq57-periodic.docx", vanthu::nq57_periodic::build)
