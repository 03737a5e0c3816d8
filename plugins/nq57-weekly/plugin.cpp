//! nq57-weekly: the weekly report (báo cáo tuần) of a ward's Steering Committee (Ban Chỉ đạo) on
//! Resolution 57-NQ/TW. Specification: seed 000 (shared/seeds/000_70f59c823f5dd0f1.txt). The
//! model is built in rules.cpp.

#include "rules.hpp"

VANTHU_REPORT_TYPE("nq57-weekly", "Báo cáo tuần của Ban Chỉ đạo về thực hiện Nghị quyết 57-NQ/TW", "2.0.0",
                   "nq57-weekly.docx", vanthu::nq57_weekly::build)
