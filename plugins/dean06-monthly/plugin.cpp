//! dean06-monthly: the monthly dispatch (công văn) on Đề án 06 with its appendices — Phụ lục 1,
//! the report, and Phụ lục 2, the table of the 25 essential public services. Specification:
//! seed 002 (shared/seeds/002_3f9c421954da28c7.txt). The model (facts and figures; the wording is
//! in the template) is built in model.cpp, the figures' phrases and checks in rules.cpp, the
//! default service list in services.cpp (rules.hpp).

#include "rules.hpp"

VANTHU_REPORT_TYPE("dean06-monthly",
                   "Báo cáo tháng về triển khai Đề án 06, cải cách thủ tục hành chính, chuyển đổi số gắn với Đề án 06",
                   "2.0.0", "dean06-monthly.docx", vanthu::dean06_monthly::build)
