#include "usecases/choose_template.hpp"

#include "messages.hpp"
#include "template_report.hpp"

namespace vanthu::host {

std::optional<std::string> agency_id_problem(const std::string& agency) {
  if (valid_store_id(agency)) return std::nullopt;
  return "Mã cơ quan \"" + log_safe(agency, 80) +
         "\" không hợp lệ: chỉ dùng chữ thường a-z, chữ số và dấu gạch ngang, tối đa 64 ký tự (ví dụ hai-an).";
}

TemplateChoice choose_template(TemplateStore& store, const ReportType& type, const std::string& agency,
                               std::optional<int> version) {
  TemplateChoice choice;
  using Status = TemplateChoice::Status;
  if (agency.empty()) return choice;
  if (auto problem = agency_id_problem(agency)) {
    choice.status = Status::invalid_agency;
    choice.message = std::move(*problem);
    return choice;
  }
  std::optional<TemplateVersion> stored = store.find(type.id, agency, version);
  if (!stored) {
    if (version) {
      choice.status = Status::unknown_version;
      choice.message = "Cơ quan \"" + agency + "\" không có mẫu phiên bản " + std::to_string(*version) + " cho loại báo cáo " +
                       type.id + ".";
    } else {
      choice.agency_without_template = true;  // the built-in template, as documented
    }
    return choice;
  }
  try {
    choice.tpl = store.compiled(*stored);
  } catch (const vanthu::TemplateError& e) {
    choice.status = Status::unusable;
    choice.detail = "mẫu " + type.id + "/" + stored->agency + "/" + std::to_string(stored->version) +
                    " không còn dịch được (stored template no longer compiles): " + template_issues_text(e.issues());
    return choice;
  }
  choice.label = stored->agency + "/" + std::to_string(stored->version);
  return choice;
}

}  // namespace vanthu::host
