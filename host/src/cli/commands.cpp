#include "cli/commands.hpp"
#include "usecases/choose_template.hpp"
#include "usecases/fill_template.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <optional>
#include <sstream>

#include <Poco/Logger.h>
#include <Poco/TemporaryFile.h>

#include "atomic_file.hpp"
#include "exit_codes.hpp"
#include "messages.hpp"
#include "render_pipeline.hpp"
#include "template_report.hpp"
#include "template_store.hpp"
#include "vanthu/input.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::host {

//! The bytes of a file, or of standard input for "-"; nullopt (with a message on `err`) when
//! it cannot be read.
std::optional<std::string> read_source(const std::string& path, const char* what, std::ostream& err) {
  if (path == "-") {
    std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
    if (std::cin.bad()) {
      err << "vanthu: không đọc được " << what << " từ đầu vào chuẩn\n";
      return std::nullopt;
    }
    return bytes;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "vanthu: không đọc được " << what << " " << path << ": " << std::strerror(errno) << "\n";
    return std::nullopt;
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) {
    err << "vanthu: lỗi khi đọc " << what << " " << path << "\n";
    return std::nullopt;
  }
  return bytes.str();
}

int write_output(const std::string& output, const std::string& bytes, std::ostream& out, std::ostream& err) {
  if (output == "-") {
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) {
      err << "vanthu: không ghi được ra đầu ra chuẩn\n";
      return exit_internal;
    }
    return exit_ok;
  }
  try {
    write_file_atomically(output, bytes);
  } catch (const std::exception& e) {
    err << "vanthu: " << e.what() << "\n";
    return exit_internal;
  }
  return exit_ok;
}

std::optional<DocumentFormat> output_format(const std::string& output, const std::string* given, std::string& why) {
  if (given) {
    std::optional<DocumentFormat> format = parse_document_format(*given);
    if (!format) why = "--format=" + *given + " không dùng được: chọn docx, pdf hoặc pdfa (PDF/A-2b)";
    return format;
  }
  std::string tail = output.size() >= 4 ? output.substr(output.size() - 4) : output;
  for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tail == ".pdf" ? DocumentFormat::pdf : DocumentFormat::docx;
}

namespace {

//! The document in the chosen format, written whole (or not at all); for a PDF one worker is
//! started for this command, in a profile directory of its own that is removed after.
int write_document(const std::string& output, std::string docx, const OutputChoice& as, std::ostream& out, std::ostream& err) {
  if (as.format == DocumentFormat::docx) return write_output(output, docx, out, err);
  ConvertedDocument converted;
  {
    CommandPdfPool pool(as.worker);
    converted = convert_document(pool.get(), std::move(docx), as.format);
  }
  if (converted.status != ConvertedDocument::Status::ok) {
    err << "vanthu: " << conversion_message(converted.status) << " (" << converted.detail << ")\n";
    return exit_internal;
  }
  return write_output(output, converted.bytes, out, err);
}

}  // namespace

std::optional<OutputChoice> output_choice(const std::string& output, const std::map<std::string, std::string>& given,
                                          const std::filesystem::path& worker, std::string& why) {
  auto format = given.find("format");
  std::optional<DocumentFormat> chosen = output_format(output, format == given.end() ? nullptr : &format->second, why);
  if (!chosen) return std::nullopt;
  return OutputChoice{*chosen, worker};
}

CommandPdfPool::CommandPdfPool(const std::filesystem::path& worker) {
  std::error_code error;
  profiles_ = std::filesystem::temp_directory_path(error) / ("vanthu-pdf-" + std::to_string(::getpid()));
  PdfPoolSettings settings;
  settings.worker = worker;
  settings.profiles_dir = profiles_;
  settings.workers = 1;
  settings.queue = 1;
  settings.timeout = std::chrono::seconds(300);
  pool_ = std::make_unique<PdfPool>(settings, Poco::Logger::get("vanthu.pdf"));
  pool_->start();
}

CommandPdfPool::~CommandPdfPool() {
  pool_.reset();
  std::error_code error;
  std::filesystem::remove_all(profiles_, error);
}

std::string given_option(const std::map<std::string, std::string>& given, const std::string& name) {
  auto found = given.find(name);
  return found == given.end() ? std::string() : found->second;
}

int usage_mistake(std::ostream& err, const std::string& message) {
  err << "vanthu: " << message << "\n";
  return exit_usage;
}

void print_problems(const vanthu::Problems& problems, std::ostream& err) {
  for (const auto& problem : problems) err << problem_line(problem) << "\n";
}

int render_command(const PluginRegistry& registry, const std::string& type_id, const std::string& input,
                   const std::string& output, std::ostream& out, std::ostream& err, const RenderChoice& choice,
                   const OutputChoice& as) {
  const ReportType* type = registry.find(type_id);
  if (!type) {
    err << "vanthu: không có loại báo cáo \"" << type_id << "\"";
    if (registry.report_types().empty()) {
      err << " (chưa nạp được loại báo cáo nào)\n";
    } else {
      err << "; các loại đã nạp:";
      for (const auto& t : registry.report_types()) err << " " << t->id;
      err << "\n";
    }
    return exit_usage;
  }
  std::shared_ptr<const vanthu::Template> chosen;
  std::string label;
  if (!choice.agency.empty()) {
    TemplateChoice picked;
    try {
      Stores stores = open_stores(choice.stores);
      picked = choose_template(*stores.templates, *type, choice.agency, choice.version);
    } catch (const std::exception& e) {
      err << "vanthu: " << e.what() << "\n";
      return exit_internal;
    }
    switch (picked.status) {
      case TemplateChoice::Status::ok:
        break;
      case TemplateChoice::Status::invalid_agency:
      case TemplateChoice::Status::unknown_version:
        err << "vanthu: " << picked.message << "\n";
        return exit_usage;
      case TemplateChoice::Status::unusable:
        err << "vanthu: mẫu đã lưu không dùng được: " << picked.detail << "\n";
        return exit_internal;
    }
    if (picked.agency_without_template) err << "vanthu: cơ quan \"" << choice.agency << "\" chưa có mẫu riêng; dùng mẫu gốc\n";
    chosen = picked.tpl;
    if (chosen) label = picked.label;
  }
  std::optional<std::string> body = read_source(input, "dữ liệu vào", err);
  if (!body) return exit_invalid_input;

  RenderedDocument document = render_document(*type, *body, chosen.get(), label);
  switch (document.status) {
    case RenderedDocument::Status::ok:
      return write_document(output, std::move(document.docx), as, out, err);
    case RenderedDocument::Status::malformed:
    case RenderedDocument::Status::invalid_input:
      print_problems(document.problems, err);
      return exit_invalid_input;
    case RenderedDocument::Status::internal_error:
      break;
  }
  err << "vanthu: lỗi nội bộ, không tạo được văn bản: " << document.detail << "\n";
  return exit_internal;
}

int types_command(const PluginRegistry& registry, std::ostream& out) {
  for (const auto& type : registry.report_types()) out << type->id << '\t' << type->version << '\t' << type->name << '\n';
  out.flush();
  return exit_ok;
}

namespace {

//! The files a {%x} image of `vanthu fill` may name: those in the data file's folder (the current
//! one for "-") and below it. The engine has refused names with "..", absolute ones and
//! backslashes already; a symbolic link leading out of the folder is not followed either.
vanthu::ImageFiles files_beside(const std::string& data_path) {
  namespace fs = std::filesystem;
  std::error_code error;
  fs::path folder = data_path == "-" ? fs::current_path(error) : fs::absolute(data_path, error).parent_path();
  folder = fs::weakly_canonical(folder, error);
  return [folder](std::string_view name, std::size_t max_bytes) -> std::optional<std::string> {
    std::error_code error;
    const fs::path file = fs::weakly_canonical(folder / fs::path(std::string(name)), error);
    if (error || !fs::is_regular_file(file, error)) return std::nullopt;
    const fs::path inside = file.lexically_relative(folder);
    if (inside.empty() || *inside.begin() == "..") return std::nullopt;
    std::ifstream in(file, std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes(max_bytes + 1, '\0');  // one byte more than allowed is enough to know it is too large
    in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
  };
}

}  // namespace

int fill_command(const std::string& template_path, const std::string& data_path, const std::string& output,
                 std::ostream& out, std::ostream& err, const std::optional<vanthu::Delimiters>& delimiters,
                 const OutputChoice& as) {
  std::optional<std::string> docx = read_source(template_path, "mẫu", err);
  if (!docx) return exit_invalid_input;
  std::optional<std::string> data_text = read_source(data_path, "dữ liệu", err);
  if (!data_text) return exit_invalid_input;

  FillOutcome filled = fill_template(
      {.template_docx = *docx, .data_json = *data_text, .delimiters = delimiters, .image_files = files_beside(data_path)});
  using Status = FillOutcome::Status;
  switch (filled.status) {
    case Status::ok:
      break;
    case Status::bad_template:
    case Status::refused_value:  // a {@x} value outside the allowlist: no document, as for invalid data
      for (const auto& issue : filled.issues) err << template_issue_line(issue) << "\n";
      return exit_invalid_input;
    case Status::render_limit:
      err << "vanthu: " << filled.problems.front().message << " [render_limit]\n";
      return exit_invalid_input;
    case Status::malformed_data:
    case Status::invalid_data:
    case Status::missing_values:
      print_problems(filled.problems, err);
      return exit_invalid_input;
  }
  for (const auto& tag : filled.missing) err << "cảnh báo: thẻ " << tag << " không có giá trị, để trống\n";
  return write_document(output, std::move(filled.docx), as, out, err);
}

int check_command(const std::string& template_path, const ReportType* type,
                  const std::optional<vanthu::Delimiters>& delimiters, bool json, std::ostream& out, std::ostream& err) {
  std::optional<std::string> docx = read_source(template_path, "mẫu", err);
  if (!docx) return exit_invalid_input;
  vanthu::TemplateOptions options;
  options.delimiters = delimiters;
  vanthu::PackageLimits limits;
  limits.max_size = std::max(limits.max_size, docx->size());  // a local file: the upload size limit does not apply
  vanthu::TemplateCheck check = vanthu::check_template(*docx, options, template_check_options(type, limits));
  if (json) out << check_report_json(check, type).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  else print_check_report(check, type, template_path, out);
  out.flush();
  return check.issues.empty() ? exit_ok : exit_invalid_input;
}

}  // namespace vanthu::host
