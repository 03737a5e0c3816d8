#include "cli/application.hpp"

#include <signal.h>

#include <cstdint>
#include <iostream>
#include <iterator>
#include <fstream>
#include <memory>
#include <set>
#include <thread>

#include <boost/dll/runtime_symbol_info.hpp>
#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/NumberParser.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Formatter.h>
#include <Poco/PatternFormatter.h>
#include <nlohmann/json.hpp>
#include <Poco/String.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionException.h>
#include <Poco/Util/OptionSet.h>

#include "cli/commands.hpp"
#include "cli/account_command.hpp"
#include "cli/token_command.hpp"
#include "usecases/new_report_type.hpp"
#include "exit_codes.hpp"
#include "http_service.hpp"
#include "messages.hpp"
#include "cli/register_commands.hpp"
#include "cli/sign_commands.hpp"
#include "plugin_registry.hpp"
#include "vanthu/plugin_abi.h"

namespace vanthu::host {
namespace {

namespace fs = std::filesystem;

constexpr const char* kUsage =
    "Cách dùng:\n"
    "  vanthu serve  [--port=8080] [--host=127.0.0.1] [--plugins-dir=DIR] [--templates-dir=DIR]\n"
    "                [--data-dir=DIR] [--max-body=BYTES] [--max-upload=BYTES] [--threads=N] [--max-connections=N]\n"
    "                [--allowed-hosts=TÊN,...] [--public-read=true|false] [--anonymous-render[=true|false]]\n"
    "                [--pdf-workers=N] [--pdf-queue=N] [--pdf-timeout=GIÂY] [--pdf-recycle-after=N]\n"
    "                [--desk-dir=DIR] [--secure-cookies=true|false] [--config=FILE.properties]\n"
    "                [--database=sqlite|postgresql://NGƯỜI-DÙNG@MÁY:CỔNG/TÊN-CSDL [--database-password-file=FILE]]\n"
    "  vanthu render TYPE INPUT.json -o OUT.docx|OUT.pdf   (INPUT hoặc OUT là \"-\": đầu vào/đầu ra chuẩn)\n"
    "                [--format=docx|pdf|pdfa] [--agency=ID [--template-version=N]] [--data-dir=DIR]\n"
    "  vanthu types\n"
    "  vanthu fill   TEMPLATE.docx DATA.json -o OUT.docx|OUT.pdf [--format=docx|pdf|pdfa] [--delimiters=\"[[ ]]\"]\n"
    "  vanthu check  TEMPLATE.docx [--type=ID] [--delimiters=\"[[ ]]\"] [--json]\n"
    "  vanthu new-type ID [--into=DIR]   (khung một loại báo cáo mới, dựng bằng SDK đã cài)\n"
    "  vanthu token  create --agency=ID[,ID…|*] --roles=render[,templates,issue,admin]\n"
    "                [--expires=YYYY-MM-DD|never | --days=N] [--name=\"TÊN\"] [--json] [--data-dir=DIR]\n"
    "  vanthu token  list [--json] | revoke ID   [--data-dir=DIR]\n"
    "  vanthu issue  TYPE INPUT.json --agency=ID -o OUT.docx|OUT.pdf [--format=docx|pdf|pdfa] [--sign]\n"
    "                [--date=YYYY-MM-DD] [--copies=N] [--json]\n"
    "  vanthu withdraw DOCUMENT-ID --reason=\"LÝ DO\"\n"
    "  vanthu register AGENCY YEAR [-o SO.docx|SO.xlsx] [--json]\n"
    "  vanthu account create --user=TÊN --name=\"HỌ TÊN\" --agency=ID|* --role=clerk|records_officer|admin\n"
    "                --password-file=TỆP|-   (tài khoản trang làm việc; mật khẩu đọc từ tệp hoặc đầu vào chuẩn)\n"
    "  vanthu account list [--agency=ID] [--json] | disable ID | enable ID | set-password ID --password-file=TỆP|-\n"
    "  vanthu sign-field IN.pdf -o OUT.pdf\n"
    "  vanthu sign   IN.pdf --agency=ID -o OUT.pdf [--appendix --number=SỐ/KÝ-HIỆU] [--time=ISO-8601] [--reason=\"…\"]\n"
    "  vanthu --help | --version\n";

constexpr const char* kHelpDetails =
    "\n"
    "Lệnh:\n"
    "  serve   Phục vụ API HTTP: GET /healthz, GET /v1/report-types, GET /v1/report-types/{id},\n"
    "          POST /v1/report-types/{id}/documents (JSON vào, DOCX ra), mẫu của từng cơ quan\n"
    "          (/v1/report-types/{id}/templates/{agency}), POST /v1/templates:render, POST /v1/templates:check.\n"
    "          Dừng êm khi nhận SIGTERM/SIGINT.\n"
    "  render  Tạo văn bản DOCX của loại báo cáo TYPE từ dữ liệu INPUT.json (--agency: bằng mẫu cơ quan đã tải lên).\n"
    "  types   Liệt kê các loại báo cáo đã nạp: id, phiên bản, tên (mỗi loại một dòng).\n"
    "  fill    Điền một mẫu DOCX bất kỳ bằng dữ liệu JSON (chỉ dùng bộ máy mẫu; thẻ thiếu giá trị là cảnh báo).\n"
    "  check   Kiểm tra một mẫu DOCX: liệt kê mọi thẻ và vị trí, mọi lỗi cùng lúc, dữ liệu mẫu cần;\n"
    "          --type=ID: đối chiếu các trường với loại báo cáo ID. Mã thoát 0: mẫu dùng được, 3: có lỗi.\n"
    "  new-type Viết khung một loại báo cáo mới vào DIR (mặc định ./ID): plugin, quy tắc, schema, mẫu chuẩn,\n"
    "          dữ liệu ví dụ; dựng bằng find_package(Vanthu) với SDK đã cài (cmake --install).\n"
    "  token   Token API cho các hệ thống gọi Vanthu (Authorization: Bearer): create in token MỘT lần (chỉ lưu\n"
    "          mã băm), list liệt kê (không bao giờ hiện token), revoke ID thu hồi (có hiệu lực từ yêu cầu kế tiếp).\n"
    "          Vai trò: render (tạo văn bản), templates (tải lên/khôi phục/xem mẫu của cơ quan), issue, admin.\n"
    "  issue   Cấp số văn bản: lưu INPUT làm dự thảo của cơ quan, lấy số kế tiếp trong sổ đăng ký văn bản đi\n"
    "          (theo cơ quan ban hành và năm, từ 01, không trùng, không bỏ sót), ghi tệp đã ban hành; in số, ngày, mã.\n"
    "  withdraw Ghi việc thu hồi một văn bản đã ban hành (không xóa; số đã cấp không dùng lại).\n"
    "  register Sổ đăng ký văn bản đi của cơ quan trong năm: mỗi văn bản một dòng, hoặc tệp DOCX/XLSX theo mẫu.\n"
    "  sign-field Thêm trường chữ ký số trống \"ChuKy\" vào tệp PDF của văn bản, đúng vùng chữ ký (giữa dòng chức vụ\n"
    "          và họ tên người ký, đo từ đích VANTHU_CHU_KY).\n"
    "  sign    Ký số tệp PDF bằng chứng thư số của cơ quan (PAdES B-B, cập nhật nối tiếp; cấu hình DATA_DIR/signing/ID.json):\n"
    "          hình chữ ký và con dấu trong trường chữ ký; --appendix: phụ lục là tệp riêng, cơ quan ký ở góc trên\n"
    "          bên phải trang đầu (số, ký hiệu --number và thời gian ký). --time cố định thời gian ký.\n"
    "\n"
    "Tùy chọn (render và types nhận --plugins-dir, --templates-dir, --config):\n"
    "  --port=N             cổng nghe (mặc định 8080; 0 = cổng trống bất kỳ)\n"
    "  --host=ADDR          địa chỉ nghe (mặc định 127.0.0.1)\n"
    "  --plugins-dir=DIR    thư mục plugin *.so (mặc định <thư mục chương trình>/../plugins)\n"
    "  --templates-dir=DIR  thư mục mẫu *.docx (mặc định <thư mục chương trình>/../templates)\n"
    "  --data-dir=DIR       thư mục kho mẫu của các cơ quan (mặc định <thư mục chương trình>/../data)\n"
    "  --database=URL       nơi giữ kho mẫu, văn bản, sổ đăng ký, tài khoản và token: sqlite (mặc định, trong\n"
    "                       --data-dir) hoặc postgresql://NGƯỜI-DÙNG@MÁY:CỔNG/TÊN-CSDL[?sslmode=require] (nhiều bản\n"
    "                       chạy song song dùng chung); mật khẩu không ghi trong URL mà trong tệp\n"
    "                       --database-password-file=FILE hoặc biến môi trường VANTHU_DATABASE_PASSWORD\n"
    "  --max-body=BYTES     giới hạn dữ liệu gửi lên (mặc định 4194304 = 4 MiB)\n"
    "  --max-upload=BYTES   giới hạn mẫu tải lên và yêu cầu multipart (mặc định 10485760 = 10 MiB)\n"
    "  --agency=ID          mã cơ quan (a-z, 0-9, -) có mẫu riêng; --template-version=N: phiên bản của mẫu đó\n"
    "  --type=ID            (check) loại báo cáo để đối chiếu trường\n"
    "  --delimiters=\"A B\"   (fill, check) dấu mở và dấu đóng thẻ, ví dụ \"[[ ]]\"\n"
    "  --json               (check) in báo cáo dạng JSON như POST /v1/templates:check\n"
    "  --threads=N          số yêu cầu xử lý cùng lúc (mặc định 16); kết nối chờ không giữ luồng nào\n"
    "  --max-connections=N  số kết nối mở cùng lúc tối đa (mặc định 1024); quá số đó: 503\n"
    "  --allowed-hosts=A,B  tên máy (header Host) được phục vụ ngoài localhost và địa chỉ IP, ví dụ\n"
    "                       vanthu.phuong.gov.vn (chống DNS rebinding); \"*\": mọi tên\n"
    "  --config=FILE        tệp .properties với các khóa vanthu.port, vanthu.host, vanthu.plugins-dir,\n"
    "                       vanthu.templates-dir, vanthu.data-dir, vanthu.max-body, vanthu.max-upload,\n"
    "                       vanthu.threads, vanthu.max-connections, vanthu.allowed-hosts, vanthu.public-read,\n"
    "                       vanthu.anonymous-render (dòng lệnh được ưu tiên);\n"
    "                       chỉ trong tệp: vanthu.head-timeout-ms (10000), vanthu.body-timeout-ms (30000),\n"
    "                       vanthu.idle-timeout-ms (5000)\n"
    "  --public-read=B      (serve) true (mặc định): xem loại báo cáo, schema, mẫu gốc và /metrics không cần token\n"
    "  --log-format=F       (serve) text (mặc định) hoặc json: mỗi dòng nhật ký là một đối tượng JSON; mỗi yêu cầu\n"
    "                       một dòng {\"event\":\"request\", request_id, method, path, route, status, duration_ms, …}\n"
    "  --anonymous-render   (serve) tạo văn bản bằng mẫu gốc không cần token (mặc định: cần vai trò render);\n"
    "                       mẫu của cơ quan (?agency=) luôn cần token\n"
    "  --agency=ID,…|*      (token create) các cơ quan token được dùng; --roles=A,B vai trò; --expires=YYYY-MM-DD\n"
    "                       (hết ngày đó, giờ Việt Nam) hoặc never; --days=N (mặc định 365); --name=TÊN\n"
    "  -o, --output=FILE    tệp DOCX kết quả (ghi nguyên khối: lỗi thì không để lại tệp dở); .pdf: tệp PDF\n"
    "  --format=F           (render, fill) docx, pdf hoặc pdfa (PDF/A-2b); mặc định theo đuôi tệp -o\n"
    "  --pdf-workers=N      (serve) số tiến trình LibreOffice chuyển PDF, khởi động sẵn (mặc định: số lõi, tối đa 8;\n"
    "                       0: không có PDF)\n"
    "  --pdf-queue=N        (serve) số yêu cầu PDF chờ tối đa (mặc định 16); quá số đó: 429 với Retry-After\n"
    "  --pdf-timeout=GIÂY   (serve) thời hạn một lần chuyển (mặc định 60); quá hạn: bộ chuyển bị dừng, 503\n"
    "  --pdf-recycle-after=N (serve) khởi động lại mỗi bộ chuyển sau N lần chuyển (mặc định 200)\n"
    "\n"
    "Mã thoát: 0 xong, 2 sai cách gọi, 3 dữ liệu (hoặc mẫu) không hợp lệ — mỗi vấn đề một dòng\n"
    "\"ĐƯỜNG-DẪN: thông báo [mã]\", 4 lỗi nội bộ.\n";

//! Which options each command accepts (help and version are accepted everywhere).
const std::map<std::string, std::set<std::string>> kCommandOptions = {
    {"serve", {"port", "host", "plugins-dir", "templates-dir", "data-dir", "database", "database-password-file", "max-body", "max-upload", "threads", "max-connections",
               "allowed-hosts", "config", "public-read", "anonymous-render", "desk-dir", "secure-cookies", "pdf-workers",
               "pdf-queue", "pdf-timeout", "pdf-recycle-after", "log-format"}},
    {"render", {"output", "plugins-dir", "templates-dir", "config", "agency", "template-version", "data-dir", "database", "database-password-file", "format"}},
    {"types", {"plugins-dir", "templates-dir", "config"}},
    {"fill", {"output", "delimiters", "format"}},
    {"check", {"type", "delimiters", "json", "plugins-dir", "templates-dir", "config"}},
    {"new-type", {"into", "templates-dir"}},
    {"token", {"data-dir", "database", "database-password-file", "config", "agency", "roles", "expires", "days", "name", "json"}},
    {"issue", {"output", "plugins-dir", "templates-dir", "config", "agency", "data-dir", "database", "database-password-file", "date", "copies", "json", "format", "sign"}},
    {"withdraw", {"data-dir", "database", "database-password-file", "config", "reason"}},
    {"register", {"data-dir", "database", "database-password-file", "config", "output", "json"}},
    {"account", {"data-dir", "database", "database-password-file", "config", "user", "name", "agency", "role", "password-file", "json"}},
    {"sign-field", {"output"}},
    {"sign", {"output", "agency", "data-dir", "config", "appendix", "number", "time", "reason"}},
};

const std::set<std::string> kSettingKeys = {"port",     "host",       "plugins-dir", "templates-dir", "data-dir",
                                            "data_dir", "max-body",   "max-upload",  "threads",
                                            "max-connections", "allowed-hosts", "head-timeout-ms",
                                            "body-timeout-ms", "idle-timeout-ms", "public-read", "anonymous-render",
                                            "desk-dir", "secure-cookies", "pdf-workers", "pdf-queue", "pdf-timeout",
                                            "pdf-recycle-after", "log-format", "database", "database-password-file"};

std::string option_error_text(const Poco::Util::OptionException& e) {
  using namespace Poco::Util;
  if (dynamic_cast<const UnknownOptionException*>(&e)) return "không có tùy chọn \"" + e.message() + "\"";
  if (dynamic_cast<const AmbiguousOptionException*>(&e)) return "tùy chọn \"" + e.message() + "\" khớp nhiều tùy chọn, hãy viết đủ tên";
  if (dynamic_cast<const MissingArgumentException*>(&e)) return "tùy chọn thiếu giá trị: " + e.message();
  if (dynamic_cast<const DuplicateOptionException*>(&e)) return "tùy chọn lặp lại: " + e.message();
  if (dynamic_cast<const UnexpectedArgumentException*>(&e)) return "tùy chọn không nhận giá trị: " + e.message();
  if (dynamic_cast<const EmptyOptionException*>(&e)) return "tùy chọn trống";
  return e.displayText();
}

//! --log-format=json: each line one JSON object, {"time", "level", "logger", "message"}; a
//! message that is itself a JSON object (the access log's lines, http_service.cpp) gives its
//! members instead of "message". For a log collector (journald, Loki, ELK) to read without a
//! pattern.
class JsonLineFormatter : public Poco::Formatter {
 public:
  void format(const Poco::Message& message, std::string& text) override {
    nlohmann::ordered_json line;
    line["time"] = Poco::DateTimeFormatter::format(message.getTime(), "%Y-%m-%dT%H:%M:%S.%iZ");
    static const char* const kLevels[] = {"", "fatal", "critical", "error", "warning", "notice", "information", "debug", "trace"};
    const int priority = static_cast<int>(message.getPriority());
    line["level"] = priority >= 1 && priority <= 8 ? kLevels[priority] : "information";
    line["logger"] = message.getSource();
    const std::string& body = message.getText();
    nlohmann::ordered_json fields;
    if (!body.empty() && body.front() == '{') fields = nlohmann::ordered_json::parse(body, nullptr, false);
    if (fields.is_object()) {
      for (auto& [key, value] : fields.items()) line[key] = value;
    } else {
      line["message"] = body;
    }
    text = line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  }
};

//! Log lines go to stderr: timestamped for the service, short for the one-shot commands
//! (where only warnings, such as refused plugins, are shown); JSON lines when `json`.
void configure_logging(bool service, bool json = false) {
  Poco::AutoPtr<Poco::ConsoleChannel> console(new Poco::ConsoleChannel(std::cerr));
  Poco::AutoPtr<Poco::Formatter> pattern;
  if (json) pattern = new JsonLineFormatter();
  else pattern = new Poco::PatternFormatter(service ? "%Y-%m-%dT%H:%M:%S.%iZ %q %s: %t" : "vanthu: %t");
  Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(pattern, console));
  Poco::Logger::root().setChannel(channel);
  Poco::Logger::setChannel("", channel);
  Poco::Logger::setLevel("", service ? Poco::Message::PRIO_INFORMATION : Poco::Message::PRIO_WARNING);
}

//! `service`: also what the start-up checks of templates found (one-shot commands stay quiet).
void log_plugins(const PluginRegistry& registry, Poco::Logger& log, bool service = false) {
  for (const auto& type : registry.report_types()) {
    log.information("Đã nạp loại báo cáo (loaded report type) " + type->id + " " + type->version + " «" + type->name +
                    "» từ " + type->library.string() + ", mẫu " + type->template_name);
  }
  for (const auto& type : registry.report_types()) {
    if (!service) break;
    for (const auto& issue : type->template_warnings)
      log.warning("Mẫu " + type->template_name + " của " + type->id + " dùng trường mô hình không có (template field the model lacks): " +
                  template_issue_line(issue));
    if (!type->native_path_note.empty())
      log.information("Loại báo cáo " + type->id + " chạy qua JSON, không gọi trực tiếp: " + type->native_path_note);
    if (!type->example_model_error.empty())
      log.warning("Không dựng được mô hình từ ví dụ của " + type->id + " (cannot build the example's model); mẫu tải lên sẽ "
                  "không được đối chiếu trường: " + log_safe(type->example_model_error, 500));
  }
  for (const auto& refusal : registry.refusals()) {
    log.warning("Từ chối plugin (refused plugin) " + refusal.file.string() + ": " + refusal.reason);
  }
}

//! SIGINT/SIGTERM/SIGQUIT are blocked in every thread (threads inherit the mask) so that only
//! waitForTerminationRequest() receives them; otherwise a request thread could take the
//! signal and the process would die without draining.
void block_termination_signals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGQUIT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

fs::path executable_dir() {
  std::error_code ec;
  fs::path exe = boost::dll::program_location(ec);
  if (ec || exe.empty()) return fs::current_path();
  return exe.parent_path();
}

}  // namespace

VanthuApplication::VanthuApplication() { setUnixOptions(true); }

int VanthuApplication::run_command_line(int argc, char** argv) {
  try {
    init(argc, argv);
  } catch (const Poco::Util::OptionException& e) {
    return usage_error(option_error_text(e));
  } catch (const Poco::Exception& e) {
    return usage_error(e.displayText());
  }
  return ServerApplication::run();
}

void VanthuApplication::defineOptions(Poco::Util::OptionSet& options) {
  using Poco::Util::Option;
  Application::defineOptions(options);  // not ServerApplication's: no --daemon, --pidfile, --umask
  options.addOption(Option("help", "h", "cách dùng"));
  options.addOption(Option("version", "", "phiên bản"));
  options.addOption(Option("port", "", "cổng nghe").argument("N").binding("vanthu.port"));
  options.addOption(Option("host", "", "địa chỉ nghe").argument("ADDR").binding("vanthu.host"));
  options.addOption(Option("plugins-dir", "", "thư mục plugin").argument("DIR").binding("vanthu.plugins-dir"));
  options.addOption(Option("templates-dir", "", "thư mục mẫu").argument("DIR").binding("vanthu.templates-dir"));
  options.addOption(Option("max-body", "", "giới hạn dữ liệu gửi lên").argument("BYTES").binding("vanthu.max-body"));
  options.addOption(Option("max-upload", "", "giới hạn mẫu tải lên").argument("BYTES").binding("vanthu.max-upload"));
  options.addOption(Option("data-dir", "", "thư mục kho mẫu").argument("DIR").binding("vanthu.data-dir"));
  options.addOption(Option("database", "", "cơ sở dữ liệu").argument("sqlite|postgresql://…").binding("vanthu.database"));
  options.addOption(Option("database-password-file", "", "tệp mật khẩu cơ sở dữ liệu")
                        .argument("FILE")
                        .binding("vanthu.database-password-file"));
  options.addOption(Option("agency", "", "mã cơ quan").argument("ID"));
  options.addOption(Option("template-version", "", "phiên bản mẫu").argument("N"));
  options.addOption(Option("type", "", "loại báo cáo").argument("ID"));
  options.addOption(Option("delimiters", "", "dấu thẻ").argument("\"A B\""));
  options.addOption(Option("json", "", "báo cáo JSON"));
  options.addOption(Option("threads", "", "số luồng").argument("N").binding("vanthu.threads"));
  options.addOption(Option("max-connections", "", "số kết nối tối đa").argument("N").binding("vanthu.max-connections"));
  options.addOption(Option("allowed-hosts", "", "tên máy được phục vụ").argument("A,B").binding("vanthu.allowed-hosts"));
  options.addOption(Option("config", "", "tệp cấu hình .properties").argument("FILE"));
  options.addOption(Option("output", "o", "tệp kết quả").argument("FILE"));
  options.addOption(Option("into", "", "thư mục khung loại báo cáo mới").argument("DIR"));
  options.addOption(Option("public-read", "", "đọc công khai").argument("true|false").binding("vanthu.public-read"));
  options.addOption(
      Option("anonymous-render", "", "tạo văn bản không cần token").argument("true|false", false).binding("vanthu.anonymous-render"));
  options.addOption(Option("format", "", "định dạng văn bản").argument("docx|pdf|pdfa"));
  options.addOption(Option("pdf-workers", "", "số bộ chuyển PDF").argument("N").binding("vanthu.pdf-workers"));
  options.addOption(Option("pdf-queue", "", "hàng đợi PDF").argument("N").binding("vanthu.pdf-queue"));
  options.addOption(Option("pdf-timeout", "", "thời hạn một lần chuyển PDF (giây)").argument("SECONDS").binding("vanthu.pdf-timeout"));
  options.addOption(
      Option("pdf-recycle-after", "", "khởi động lại bộ chuyển sau N lần").argument("N").binding("vanthu.pdf-recycle-after"));
  options.addOption(Option("roles", "", "vai trò của token").argument("A,B"));
  options.addOption(Option("log-format", "", "dạng nhật ký").argument("text|json").binding("vanthu.log-format"));
  options.addOption(Option("desk-dir", "", "thư mục trang làm việc").argument("DIR").binding("vanthu.desk-dir"));
  options.addOption(Option("secure-cookies", "", "cookie chỉ qua HTTPS").argument("true|false").binding("vanthu.secure-cookies"));
  options.addOption(Option("user", "", "tên đăng nhập").argument("NAME"));
  options.addOption(Option("role", "", "vai trò của tài khoản").argument("ROLE"));
  options.addOption(Option("password-file", "", "tệp mật khẩu").argument("FILE|-"));
  options.addOption(Option("expires", "", "ngày hết hạn của token").argument("YYYY-MM-DD"));
  options.addOption(Option("days", "", "số ngày token còn hạn").argument("N"));
  options.addOption(Option("name", "", "tên token").argument("TÊN"));
  options.addOption(Option("date", "", "ngày ban hành").argument("YYYY-MM-DD"));
  options.addOption(Option("copies", "", "số lượng bản").argument("N"));
  options.addOption(Option("reason", "", "lý do thu hồi hoặc lý do ký").argument("TEXT"));
  options.addOption(Option("appendix", "", "ký phụ lục là tệp riêng"));
  options.addOption(Option("sign", "", "ký số khi ban hành"));
  options.addOption(Option("number", "", "số, ký hiệu văn bản").argument("SỐ/KÝ-HIỆU"));
  options.addOption(Option("time", "", "thời gian ký").argument("ISO-8601"));
}

void VanthuApplication::handleOption(const std::string& name, const std::string& value) {
  ServerApplication::handleOption(name, value);  // bound options land in config(), above the properties file
  given_[name] = value;
}

int VanthuApplication::usage_error(const std::string& message) const {
  std::cerr << "vanthu: " << message << "\n" << kUsage;
  return exit_usage;
}

//! Where a default directory is: beside the build tree's binary (build/bin/../plugins), or, for
//! an installed vanthu (cmake --install), in the installed layout (bin/../lib/vanthu/plugins).
fs::path VanthuApplication::default_dir(const char* build_tree, const char* installed) {
  const fs::path beside = (executable_dir() / ".." / build_tree).lexically_normal();
  const fs::path in_prefix = (executable_dir() / ".." / installed).lexically_normal();
  std::error_code error;
  if (!fs::exists(beside, error) && fs::exists(in_prefix, error)) return in_prefix;
  return beside;
}
fs::path VanthuApplication::plugins_dir() {
  return fs::path(config().getString("vanthu.plugins-dir", default_dir("plugins", "lib/vanthu/plugins").string()));
}
StoreLocation VanthuApplication::store_location() {
  return {data_dir(), storage::parse_database_settings(config().getString("vanthu.database", ""),
                                                       config().getString("vanthu.database-password-file", ""))};
}

fs::path VanthuApplication::data_dir() {
  const std::string fallback = (executable_dir() / ".." / "data").lexically_normal().string();
  return fs::path(config().getString("vanthu.data-dir", config().getString("vanthu.data_dir", fallback)));
}
fs::path VanthuApplication::templates_dir() {
  return fs::path(config().getString("vanthu.templates-dir", default_dir("templates", "share/vanthu/templates").string()));
}

int VanthuApplication::main(const std::vector<std::string>& args) {
  try {
    if (given_.count("help")) {
      std::cout << kUsage << kHelpDetails;
      return exit_ok;
    }
    if (given_.count("version")) {
      std::cout << "vanthu " VANTHU_VERSION " (plugin ABI " << VANTHU_ABI_MAJOR << "." << VANTHU_ABI_MINOR << ")\n";
      return exit_ok;
    }
    if (args.empty()) return usage_error("thiếu lệnh");
    command_ = args[0];
    auto accepted = kCommandOptions.find(command_);
    if (accepted == kCommandOptions.end()) return usage_error("không có lệnh \"" + command_ + "\"");
    for (const auto& [name, value] : given_) {
      if (!accepted->second.count(name)) return usage_error("tùy chọn --" + name + " không dùng với lệnh " + command_);
    }
    if (auto config_file = given_.find("config"); config_file != given_.end()) {
      try {
        loadConfiguration(config_file->second, PRIO_DEFAULT);
      } catch (const Poco::Exception& e) {
        return usage_error("không đọc được tệp cấu hình " + config_file->second + ": " + e.displayText());
      }
    }
    configure_logging(command_ == "serve");
    Poco::Util::AbstractConfiguration::Keys keys;
    config().keys("vanthu", keys);
    // A misspelled setting must not be silently ignored (vanthu.max-bdy would leave the default).
    for (const auto& key : keys) {
      if (!kSettingKeys.count(key)) return usage_error("khóa cấu hình không biết: vanthu." + key + " (tệp --config)");
    }

    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command_ == "serve") return serve(rest);
    if (command_ == "render") return render(rest);
    if (command_ == "types") return types(rest);
    if (command_ == "check") return check(rest);
    if (command_ == "new-type") return new_type(rest);
    if (command_ == "token") return token_command(rest, given_, store_location(), std::cout, std::cerr);
    if (command_ == "account") return account_command(rest, given_, store_location(), std::cin, std::cout, std::cerr);
    if (command_ == "issue") {
      std::unique_ptr<PluginRegistry> registry = load_plugins();
      if (!registry) return exit_internal;
      return issue_command(*registry, rest, given_, store_location(), executable_dir() / "vanthu-convert", std::cout, std::cerr);
    }
    if (command_ == "withdraw") return withdraw_command(rest, given_, store_location(), std::cout, std::cerr);
    if (command_ == "register") return register_command(rest, given_, store_location(), std::cout, std::cerr);
    if (command_ == "sign-field") return sign_field_command(rest, given_, std::cout, std::cerr);
    if (command_ == "sign") return sign_command(rest, given_, data_dir(), std::cout, std::cerr);
    return fill(rest);
  } catch (const storage::DatabaseSettingsError& e) {
    return usage_error(std::string(e.what()) + " [" + e.code + "]");
  } catch (const std::exception& e) {
    std::cerr << "vanthu: lỗi nội bộ: " << e.what() << "\n";
    return exit_internal;
  } catch (...) {
    std::cerr << "vanthu: lỗi nội bộ không rõ nguyên nhân\n";
    return exit_internal;
  }
}

namespace {

//! A whole-number setting in [min, max]; `error` says what is wrong when it returns false.
bool number_setting(Poco::Util::AbstractConfiguration& config, const std::string& name, std::uint64_t fallback,
                    std::uint64_t min, std::uint64_t max, std::uint64_t& value, std::string& error) {
  const std::string key = "vanthu." + name;
  if (!config.has(key)) {
    value = fallback;
    return true;
  }
  const std::string text = config.getString(key);
  Poco::UInt64 parsed = 0;
  if (!Poco::NumberParser::tryParseUnsigned64(text, parsed) || parsed < min || parsed > max) {
    error = name + " = \"" + text + "\" không hợp lệ: cần số nguyên từ " + std::to_string(min) + " đến " + std::to_string(max);
    return false;
  }
  value = parsed;
  return true;
}

}  // namespace

int VanthuApplication::serve(const std::vector<std::string>& args) {
  if (!args.empty()) return usage_error("lệnh serve không nhận đối số \"" + args[0] + "\"");
  HttpSettings settings;
  std::uint64_t port = 0, max_body = 0, threads = 0, max_connections = 0, head_ms = 0, body_ms = 0, idle_ms = 0;
  std::string error;
  std::uint64_t max_upload = 0;
  std::uint64_t pdf_workers = 0, pdf_queue = 0, pdf_timeout = 0, pdf_recycle = 0;
  const std::uint64_t cores = std::max(1u, std::min(8u, std::thread::hardware_concurrency()));
  if (!number_setting(config(), "pdf-workers", cores, 0, 64, pdf_workers, error) ||
      !number_setting(config(), "pdf-queue", 16, 0, 10000, pdf_queue, error) ||
      !number_setting(config(), "pdf-timeout", 60, 1, 3600, pdf_timeout, error) ||
      !number_setting(config(), "pdf-recycle-after", 200, 1, 1000000, pdf_recycle, error))
    return usage_error(error);
  settings.pdf.worker = executable_dir() / "vanthu-convert";
  settings.pdf.workers = static_cast<int>(pdf_workers);
  settings.pdf.queue = static_cast<std::size_t>(pdf_queue);
  settings.pdf.timeout = std::chrono::seconds(pdf_timeout);
  settings.pdf.recycle_after = static_cast<int>(pdf_recycle);
  if (!number_setting(config(), "port", 8080, 0, 65535, port, error) ||
      !number_setting(config(), "max-body", settings.max_body, 1, std::uint64_t{1} << 30, max_body, error) ||
      !number_setting(config(), "max-upload", settings.max_upload, 1024, std::uint64_t{1} << 30, max_upload, error) ||
      !number_setting(config(), "threads", 16, 1, 256, threads, error) ||
      !number_setting(config(), "max-connections", 1024, 1, 100000, max_connections, error) ||
      !number_setting(config(), "head-timeout-ms", 10000, 100, 600000, head_ms, error) ||
      !number_setting(config(), "body-timeout-ms", 30000, 100, 3600000, body_ms, error) ||
      !number_setting(config(), "idle-timeout-ms", 5000, 100, 600000, idle_ms, error))
    return usage_error(error);
  settings.port = static_cast<int>(port);
  settings.max_body = static_cast<std::size_t>(max_body);
  settings.max_upload = static_cast<std::size_t>(max_upload);
  settings.data_dir = data_dir();
  settings.database = store_location().database;
  settings.desk_dir = fs::path(config().getString("vanthu.desk-dir", default_dir("desk", "share/vanthu/desk").string()));
  settings.threads = static_cast<int>(threads);
  settings.max_connections = static_cast<std::size_t>(max_connections);
  settings.head_timeout_ms = static_cast<int>(head_ms);
  settings.body_timeout_ms = static_cast<int>(body_ms);
  settings.idle_timeout_ms = static_cast<int>(idle_ms);
  {
    std::string names = Poco::toLower(config().getString("vanthu.allowed-hosts", ""));
    std::size_t at = 0;
    while (at <= names.size()) {
      std::size_t comma = names.find(',', at);
      if (comma == std::string::npos) comma = names.size();
      std::string name = Poco::trim(names.substr(at, comma - at));
      if (!name.empty()) settings.allowed_hosts.push_back(name);
      at = comma + 1;
    }
  }
  // vanthu.public-read, vanthu.anonymous-render: true/false (the flag alone, "--anonymous-render", is true).
  for (auto [name, target] : {std::pair{"public-read", &settings.public_read}, std::pair{"anonymous-render", &settings.anonymous_render},
                              std::pair{"secure-cookies", &settings.secure_cookies}}) {
    const std::string key = std::string("vanthu.") + name;
    if (!config().has(key)) continue;
    const std::string text = Poco::toLower(Poco::trim(config().getString(key)));
    if (text.empty() || text == "true" || text == "1" || text == "yes") *target = true;
    else if (text == "false" || text == "0" || text == "no") *target = false;
    else return usage_error(std::string(name) + " = \"" + text + "\" không hợp lệ: cần true hoặc false");
  }
  settings.host = config().getString("vanthu.host", settings.host);
  if (settings.host.empty()) return usage_error("host không được để trống");
  {
    const std::string format = Poco::toLower(Poco::trim(config().getString("vanthu.log-format", "text")));
    if (format != "text" && format != "json")
      return usage_error("log-format = \"" + format + "\" không hợp lệ: chọn text hoặc json");
    settings.json_log = format == "json";
    if (settings.json_log) configure_logging(true, true);
  }

  block_termination_signals();
  Poco::Logger& log = Poco::Logger::get("vanthu");
  std::shared_ptr<const PluginRegistry> registry;
  try {
    registry = std::make_shared<const PluginRegistry>(PluginRegistry::load(plugins_dir(), templates_dir()));
  } catch (const std::exception& e) {
    log.fatal(std::string("Không khởi động được (cannot start): ") + e.what());
    return exit_internal;
  }
  log_plugins(*registry, log, true);
  if (registry->report_types().empty()) log.warning("Không có loại báo cáo nào được nạp từ " + plugins_dir().string());

  std::optional<HttpService> service;
  try {
    service.emplace(registry, settings, Poco::Logger::get("vanthu.http"));
  } catch (const std::runtime_error& e) {
    log.fatal(std::string("Không khởi động được (cannot start): ") + e.what());
    return exit_internal;
  }
  try {
    service->start();
  } catch (const Poco::Exception& e) {
    log.fatal("Không mở được " + settings.host + ":" + std::to_string(settings.port) + " (cannot listen): " + e.displayText());
    return exit_internal;
  }
  log.information("Vanthu " VANTHU_VERSION " đang phục vụ (listening on) http://" + settings.host + ":" +
                  std::to_string(service->port()) + " — " + std::to_string(registry->report_types().size()) +
                  " loại báo cáo, " + std::to_string(settings.threads) + " luồng, giới hạn " +
                  std::to_string(settings.max_body) + " byte; đọc công khai (public read) " +
                  (settings.public_read ? "bật" : "tắt") + ", tạo văn bản không token (anonymous render) " +
                  (settings.anonymous_render ? "bật" : "tắt") + "; " + std::to_string(settings.pdf.workers) +
                  " bộ chuyển PDF (PDF workers), hàng đợi " + std::to_string(settings.pdf.queue));
  waitForTerminationRequest();
  log.information("Nhận yêu cầu dừng (shutting down): chờ các yêu cầu đang xử lý xong");
  service->stop();
  log.information("Đã dừng (stopped)");
  return exit_ok;
}

//! The report types for a one-shot command, refused plugins logged; null (the reason already on
//! stderr) when the plugins directory cannot be read.
std::unique_ptr<PluginRegistry> VanthuApplication::load_plugins() {
  std::unique_ptr<PluginRegistry> registry;
  try {
    registry = std::make_unique<PluginRegistry>(PluginRegistry::load(plugins_dir(), templates_dir()));
  } catch (const std::exception& e) {
    std::cerr << "vanthu: " << e.what() << "\n";
    return nullptr;
  }
  log_plugins(*registry, Poco::Logger::get("vanthu"));
  return registry;
}

int VanthuApplication::render(const std::vector<std::string>& args) {
  if (args.size() < 2) return usage_error("lệnh render cần TYPE và INPUT.json");
  if (args.size() > 2) return usage_error("thừa đối số \"" + args[2] + "\"");
  auto output = given_.find("output");
  if (output == given_.end() || output->second.empty()) return usage_error("lệnh render cần -o OUT.docx");
  std::unique_ptr<PluginRegistry> registry = load_plugins();
  if (!registry) return exit_internal;
  RenderChoice choice;
  if (auto agency = given_.find("agency"); agency != given_.end()) choice.agency = agency->second;
  if (auto version = given_.find("template-version"); version != given_.end()) {
    if (choice.agency.empty()) return usage_error("--template-version chỉ dùng kèm --agency");
    const std::string& text = version->second;
    if (text.empty() || text.size() > 9 || text.find_first_not_of("0123456789") != std::string::npos || text[0] == '0')
      return usage_error("--template-version phải là số nguyên dương");
    choice.version = std::stoi(text);
  }
  choice.stores = store_location();
  std::string why;
  std::optional<OutputChoice> as = output_choice(output->second, given_, executable_dir() / "vanthu-convert", why);
  if (!as) return usage_error(why);
  return render_command(*registry, args[0], args[1], output->second, std::cout, std::cerr, choice, *as);
}

int VanthuApplication::types(const std::vector<std::string>& args) {
  if (!args.empty()) return usage_error("lệnh types không nhận đối số \"" + args[0] + "\"");
  std::unique_ptr<PluginRegistry> registry = load_plugins();
  if (!registry) return exit_internal;
  return types_command(*registry, std::cout);
}

int VanthuApplication::new_type(const std::vector<std::string>& args) {
  if (args.empty()) return usage_error("lệnh new-type cần ID (ví dụ bao-cao-thang)");
  if (args.size() > 1) return usage_error("thừa đối số \"" + args[1] + "\"");
  const std::string& id = args[0];
  auto into = given_.find("into");
  const fs::path folder = into != given_.end() && !into->second.empty() ? fs::path(into->second) : fs::path(id);
  const fs::path standard = templates_dir() / "nq57-weekly.docx";
  std::string docx;
  {
    std::ifstream in(standard, std::ios::binary);
    if (!in) {
      std::cerr << "vanthu: không có mẫu chuẩn " << standard.string() << " (--templates-dir)\n";
      return exit_internal;
    }
    docx.assign(std::istreambuf_iterator<char>(in), {});
  }
  NewTypeOutcome outcome = write_report_type_skeleton(id, folder, docx);
  if (!outcome.ok) {
    std::cerr << "vanthu: " << outcome.error << "\n";
    return exit_usage;
  }
  for (const auto& file : outcome.written) std::cout << (folder / file).string() << "\n";
  std::cerr << "Đã tạo loại báo cáo " << id << " trong " << folder.string()
            << ". Dựng: cmake -S " << folder.string() << " -B " << (folder / "build").string()
            << " -DCMAKE_PREFIX_PATH=<nơi cài Vanthu> && cmake --build " << (folder / "build").string() << "\n";
  return exit_ok;
}

//! --delimiters="A B", when given (fill and check): false, with why, when they cannot be used.
bool VanthuApplication::given_delimiters(std::optional<vanthu::Delimiters>& out, std::string& why) const {
  auto given = given_.find("delimiters");
  if (given == given_.end()) return true;
  out = vanthu::parse_delimiters(given->second, &why);
  return out.has_value();
}

int VanthuApplication::fill(const std::vector<std::string>& args) {
  if (args.size() < 2) return usage_error("lệnh fill cần TEMPLATE.docx và DATA.json");
  if (args.size() > 2) return usage_error("thừa đối số \"" + args[2] + "\"");
  auto output = given_.find("output");
  if (output == given_.end() || output->second.empty()) return usage_error("lệnh fill cần -o OUT.docx");
  std::optional<vanthu::Delimiters> delimiters;
  if (std::string why; !given_delimiters(delimiters, why)) return usage_error("--delimiters không dùng được: " + why);
  std::string why;
  std::optional<OutputChoice> as = output_choice(output->second, given_, executable_dir() / "vanthu-convert", why);
  if (!as) return usage_error(why);
  return fill_command(args[0], args[1], output->second, std::cout, std::cerr, delimiters, *as);
}

int VanthuApplication::check(const std::vector<std::string>& args) {
  if (args.empty()) return usage_error("lệnh check cần TEMPLATE.docx");
  if (args.size() > 1) return usage_error("thừa đối số \"" + args[1] + "\"");
  std::optional<vanthu::Delimiters> delimiters;
  if (std::string why; !given_delimiters(delimiters, why)) return usage_error("--delimiters không dùng được: " + why);
  std::unique_ptr<PluginRegistry> registry;
  const ReportType* type = nullptr;
  if (auto type_id = given_.find("type"); type_id != given_.end()) {
    registry = load_plugins();
    if (!registry) return exit_internal;
    type = registry->find(type_id->second);
    if (!type) {
      std::cerr << "vanthu: không có loại báo cáo \"" << type_id->second << "\"\n";
      return exit_usage;
    }
  }
  return check_command(args[0], type, delimiters, given_.count("json") > 0, std::cout, std::cerr);
}

}  // namespace vanthu::host
