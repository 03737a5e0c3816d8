#include "cli/register_commands.hpp"

#include <iostream>
#include <optional>

#include "cli/commands.hpp"
#include "exit_codes.hpp"
#include "register/sqlite_register.hpp"
#include "template_store.hpp"
#include "usecases/choose_template.hpp"
#include "usecases/issue_document.hpp"
#include "usecases/register_export.hpp"
#include "vanthu/date.hpp"
#include "vanthu/text.hpp"

namespace vanthu::host {
namespace {

std::string option(const std::map<std::string, std::string>& given, const char* name) { return given_option(given, name); }
int usage(std::ostream& err, const std::string& message) { return usage_mistake(err, message); }

std::string actor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user && *user ? user : "?");
}

}  // namespace

int issue_command(const PluginRegistry& registry, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& given, const StoreLocation& where,
                  const std::filesystem::path& worker, std::ostream& out, std::ostream& err) {
  if (args.size() < 2) return usage(err, "lệnh issue cần TYPE và INPUT.json");
  if (args.size() > 2) return usage(err, "thừa đối số \"" + args[2] + "\"");
  const std::string agency = option(given, "agency"), output = option(given, "output");
  if (agency.empty()) return usage(err, "lệnh issue cần --agency=ID (cơ quan có sổ đăng ký)");
  if (auto problem = agency_id_problem(agency)) return usage(err, "--agency: " + *problem);
  if (output.empty()) return usage(err, "lệnh issue cần -o OUT.docx");
  IssueOptions options;
  options.issued_by = actor();
  if (given.count("date")) {
    options.date = vanthu::Date::parse_iso(option(given, "date"));
    if (!options.date) return usage(err, "--date phải có dạng YYYY-MM-DD và là ngày có thật");
  }
  if (given.count("copies")) {
    const std::string c = option(given, "copies");
    if (c.empty() || c.size() > 5 || c.find_first_not_of("0123456789") != std::string::npos || std::stoi(c) < 1)
      return usage(err, "--copies phải là số nguyên dương");
    options.copies = std::stoi(c);
  }
  {
    std::string why;
    std::optional<OutputChoice> as = output_choice(output, given, worker, why);
    if (!as) return usage(err, why);
    options.format = as->format;
  }
  options.sign = given.count("sign") > 0;
  options.data_dir = where.data_dir;
  const ReportType* type = registry.find(args[0]);
  if (!type) return usage(err, "không có loại báo cáo \"" + args[0] + "\" (xem vanthu types)");
  std::optional<std::string> input = read_source(args[1], "dữ liệu", err);
  if (!input) return exit_invalid_input;
  try {
    Stores stores = open_stores(where);
    DocumentRegister& documents = *stores.documents;
    TemplateStore& templates = *stores.templates;
    DraftOutcome draft = create_draft(documents, *type, agency, *input, actor());
    if (draft.status != DraftOutcome::Status::created) {
      if (draft.status == DraftOutcome::Status::internal_error) {
        err << "vanthu: lỗi nội bộ: " << draft.detail << "\n";
        return exit_internal;
      }
      print_problems(draft.problems, err);
      return exit_invalid_input;
    }
    // A PDF needs a converter: one worker for this command.
    std::optional<CommandPdfPool> pool;
    if (options.format != DocumentFormat::docx) options.pdf = pool.emplace(worker).get();
    IssueResult issued = issue_document(documents, templates, registry, draft.document.id, options);
    pool.reset();
    switch (issued.status) {
      case IssueResult::Status::issued: break;
      case IssueResult::Status::invalid:
        print_problems(issued.problems, err);
        err << "vanthu: chưa cấp số; dự thảo vẫn được giữ: " << draft.document.id << "\n";
        return exit_invalid_input;
      case IssueResult::Status::unavailable:
        print_problems(issued.problems, err);
        err << "vanthu: chưa cấp số (" << issued.detail << "); dự thảo vẫn được giữ: " << draft.document.id << "\n";
        return exit_internal;
      default:
        err << "vanthu: không cấp số được: " << issued.detail << "\n";
        return exit_internal;
    }
    if (int code = write_output(output, issued.file.bytes, out, err); code != exit_ok) {
      err << "vanthu: văn bản đã được cấp số " << issued.entry.number_symbol << " (" << issued.entry.document_id
          << "); tải lại tệp bằng GET /v1/documents/" << issued.entry.document_id << "/file\n";
      return code;
    }
    if (output == "-") return exit_ok;
    if (given.count("json")) out << entry_json(issued.entry).dump(2) << "\n";
    else out << issued.entry.number_symbol << "\t" << vanthu::Date::parse_iso(issued.entry.date)->dd_mm_yyyy() << "\t"
             << issued.entry.document_id << "\n";
    return exit_ok;
  } catch (const std::exception& e) {
    err << "vanthu: " << e.what() << "\n";
    return exit_internal;
  }
}

int withdraw_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given,
                     const StoreLocation& where, std::ostream& out, std::ostream& err) {
  if (args.size() != 1) return usage(err, "lệnh withdraw cần đúng một mã văn bản (doc_…)");
  const std::string reason = vanthu::text::trim(option(given, "reason"));
  if (reason.empty()) return usage(err, "lệnh withdraw cần --reason=\"lý do thu hồi\"");
  try {
    Stores stores = open_stores(where);
    DocumentRegister& documents = *stores.documents;
    using S = DocumentRegister::WithdrawOutcome::Status;
    DocumentRegister::WithdrawOutcome done = documents.withdraw(args[0], actor(), reason);
    switch (done.status) {
      case S::withdrawn:
        out << done.entry.number_symbol << "\tđã thu hồi\n";
        return exit_ok;
      case S::not_found: err << "vanthu: không có văn bản " << args[0] << "\n"; return exit_invalid_input;
      case S::not_issued: err << "vanthu: văn bản " << args[0] << " còn là dự thảo, chưa cấp số\n"; return exit_invalid_input;
      case S::already_withdrawn: err << "vanthu: văn bản " << done.entry.number_symbol << " đã được thu hồi trước đó\n"; return exit_invalid_input;
    }
  } catch (const std::exception& e) {
    err << "vanthu: " << e.what() << "\n";
  }
  return exit_internal;
}

int register_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given,
                     const StoreLocation& where, std::ostream& out, std::ostream& err) {
  if (args.size() != 2) return usage(err, "lệnh register cần AGENCY và YEAR (ví dụ: vanthu register hai-an 2026)");
  if (auto problem = agency_id_problem(args[0])) return usage(err, problem->c_str());
  const std::string& y = args[1];
  if (y.size() != 4 || y.find_first_not_of("0123456789") != std::string::npos || std::stoi(y) < 1900)
    return usage(err, "YEAR phải là bốn chữ số, ví dụ 2026");
  const int year = std::stoi(y);
  const std::string output = option(given, "output");
  try {
    Stores stores = open_stores(where);
    DocumentRegister& documents = *stores.documents;
    std::vector<RegisterEntry> entries = documents.entries(args[0], year);
    if (!output.empty()) {
      const bool xlsx = output.size() > 5 && output.compare(output.size() - 5, 5, ".xlsx") == 0;
      const bool docx = output.size() > 5 && output.compare(output.size() - 5, 5, ".docx") == 0;
      if (!xlsx && !docx && output != "-") return usage(err, "-o cần tệp .docx hoặc .xlsx");
      return write_output(output, xlsx ? register_xlsx(args[0], year, entries) : register_docx(args[0], year, entries), out, err);
    }
    if (given.count("json")) {
      nlohmann::json list = nlohmann::json::array();
      for (const auto& e : entries) list.push_back(entry_json(e));
      out << nlohmann::json{{"agency", args[0]}, {"year", year}, {"entries", list}}.dump(2) << "\n";
      return exit_ok;
    }
    for (const auto& e : entries)
      out << e.number_symbol << "\t" << vanthu::Date::parse_iso(e.date)->dd_mm_yyyy() << "\t" << e.title << "\t" << e.signer
          << "\t" << (e.withdrawn ? register_note(e) : std::string()) << "\n";
    return exit_ok;
  } catch (const std::exception& e) {
    err << "vanthu: " << e.what() << "\n";
    return exit_internal;
  }
}

}  // namespace vanthu::host
