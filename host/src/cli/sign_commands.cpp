#include "cli/sign_commands.hpp"

#include <cstdio>
#include <ctime>
#include <optional>

#include "cli/commands.hpp"
#include "exit_codes.hpp"
#include "issuing/signing_config.hpp"
#include "usecases/choose_template.hpp"
#include "usecases/sign_document.hpp"

namespace vanthu::host {
namespace {

std::string option(const std::map<std::string, std::string>& given, const char* name) { return given_option(given, name); }
int usage(std::ostream& err, const std::string& message) { return usage_mistake(err, message); }

int finish(const SignOutcome& outcome, const std::string& output, std::ostream& out, std::ostream& err) {
  switch (outcome.status) {
    case SignOutcome::Status::ok: return write_output(output, outcome.pdf, out, err);
    case SignOutcome::Status::invalid_pdf:
    case SignOutcome::Status::invalid_config: print_problems(outcome.problems, err); return exit_invalid_input;
    case SignOutcome::Status::internal_error: break;
  }
  err << "vanthu: lỗi nội bộ khi ký: " << outcome.detail << "\n";
  return exit_internal;
}

}  // namespace

std::optional<std::time_t> parse_iso_time(const std::string& text) {
  int y, mo, d, h, mi, s, n = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &s, &n) != 6 || n != 19) return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return std::nullopt;
  const std::string zone = text.substr(19);
  int offset = 0;
  if (zone == "Z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int zh = 0, zm = 0, used = 0;
    if (std::sscanf(zone.c_str() + 1, "%2d:%2d%n", &zh, &zm, &used) != 2 || used != 5 || zh > 14 || zm > 59) return std::nullopt;
    offset = (zone[0] == '+' ? 1 : -1) * (zh * 3600 + zm * 60);
  } else {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = y - 1900, tm.tm_mon = mo - 1, tm.tm_mday = d, tm.tm_hour = h, tm.tm_min = mi, tm.tm_sec = s;
  const std::time_t utc = timegm(&tm);
  std::tm back{};
  gmtime_r(&utc, &back);
  if (back.tm_mday != d) return std::nullopt;  // 31 February
  return utc - offset;
}

int sign_field_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given, std::ostream& out,
                       std::ostream& err) {
  if (args.size() != 1) return usage(err, args.empty() ? "lệnh sign-field cần IN.pdf" : "thừa đối số \"" + args[1] + "\"");
  const std::string output = option(given, "output");
  if (output.empty()) return usage(err, "lệnh sign-field cần -o OUT.pdf");
  std::optional<std::string> pdf = read_source(args[0], "tệp PDF", err);
  if (!pdf) return exit_invalid_input;
  return finish(prepare_signature_field(*pdf), output, out, err);
}

int sign_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given,
                 const std::filesystem::path& data_dir, std::ostream& out, std::ostream& err) {
  if (args.size() != 1) return usage(err, args.empty() ? "lệnh sign cần IN.pdf" : "thừa đối số \"" + args[1] + "\"");
  const std::string agency = option(given, "agency"), output = option(given, "output");
  if (agency.empty()) return usage(err, "lệnh sign cần --agency=ID (cơ quan có cấu hình ký số)");
  if (auto problem = agency_id_problem(agency)) return usage(err, "--agency: " + *problem);
  if (output.empty()) return usage(err, "lệnh sign cần -o OUT.pdf");
  SignOptions options;
  options.appendix = given.count("appendix") > 0;
  options.number_symbol = option(given, "number");
  options.reason = option(given, "reason");
  if (given.count("number") && !options.appendix) return usage(err, "--number chỉ dùng kèm --appendix");
  if (options.appendix && options.number_symbol.empty()) return usage(err, "--appendix cần --number=SỐ/KÝ-HIỆU của văn bản (ví dụ 15/BC-UBND)");
  if (given.count("time")) {
    options.signing_time = parse_iso_time(option(given, "time"));
    if (!options.signing_time) return usage(err, "--time phải có dạng 2026-02-11T09:30:00+07:00 (ISO 8601, có múi giờ)");
  }
  SigningConfigOutcome config = load_signing_config(data_dir, agency);
  if (!config.ok) {
    print_problems(config.problems, err);
    return exit_invalid_input;
  }
  std::optional<std::string> pdf = read_source(args[0], "tệp PDF", err);
  if (!pdf) return exit_invalid_input;
  return finish(sign_pdf(*pdf, config.config, options), output, out, err);
}

}  // namespace vanthu::host
