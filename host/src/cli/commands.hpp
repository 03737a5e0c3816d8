//! The one-shot commands of `vanthu`: render, types, fill. Each returns an exit code
//! (exit_codes.hpp) and writes problems to `err`, one per line.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <map>
#include <memory>
#include <string>

#include "plugin_registry.hpp"
#include "stores.hpp"
#include "usecases/convert_document.hpp"
#include "vanthu/problem.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::host {

//! The bytes of a file, or of standard input for "-"; nothing (with a message on `err`) when it
//! cannot be read. `what` names it in the message ("dữ liệu").
std::optional<std::string> read_source(const std::string& path, const char* what, std::ostream& err);
//! Writes `bytes` to the file atomically (never half a file), or to `out` for "-"; the exit code.
int write_output(const std::string& output, const std::string& bytes, std::ostream& out, std::ostream& err);
//! Each problem on its own line: "PATH: message [code]".
void print_problems(const vanthu::Problems& problems, std::ostream& err);
//! The value of option `name` as given on the command line ("" when absent).
std::string given_option(const std::map<std::string, std::string>& given, const std::string& name);
//! "vanthu: MESSAGE" on `err`; exit_usage.
int usage_mistake(std::ostream& err, const std::string& message);

//! What `vanthu render` and `vanthu fill` write: the DOCX, or its PDF (PDF/A-2b) made by one
//! LibreOffice worker started for the command (`worker`: the vanthu-convert executable).
struct OutputChoice {
  DocumentFormat format = DocumentFormat::docx;
  std::filesystem::path worker;
};
//! --format=docx|pdf|pdfa when given, else .pdf at the end of OUT gives pdf, anything else docx;
//! nullopt (the message in `why`) for another --format.
std::optional<DocumentFormat> output_format(const std::string& output, const std::string* given, std::string& why);

//! The OutputChoice of a command writing to `output` with the options `given` (--format): nothing,
//! with the message in `why`, for an unknown --format.
std::optional<OutputChoice> output_choice(const std::string& output, const std::map<std::string, std::string>& given,
                                          const std::filesystem::path& worker, std::string& why);

//! One PDF worker started for a command (render, fill, issue), in a profile directory of its own
//! that is removed with it.
class CommandPdfPool {
 public:
  explicit CommandPdfPool(const std::filesystem::path& worker);
  ~CommandPdfPool();
  CommandPdfPool(const CommandPdfPool&) = delete;
  CommandPdfPool& operator=(const CommandPdfPool&) = delete;
  PdfPool* get() { return pool_.get(); }

 private:
  std::filesystem::path profiles_;
  std::unique_ptr<PdfPool> pool_;
};

//! Which template `vanthu render` fills: the built-in one, or an agency's from the store.
struct RenderChoice {
  std::string agency;          //!< empty: the report type's own template
  std::optional<int> version;  //!< with agency: that version instead of the current one
  StoreLocation stores;  //!< where the agencies' templates are
};

//! `vanthu render TYPE INPUT.json -o OUT.docx`: INPUT "-" reads standard input, OUT "-" writes
//! standard output. The output file is replaced atomically and only when the document is good.
//! With an agency that has no template stored the built-in one is used (a note on `err`); an
//! unknown agency id or version is exit 2.
int render_command(const PluginRegistry& registry, const std::string& type_id, const std::string& input,
                   const std::string& output, std::ostream& out, std::ostream& err, const RenderChoice& choice = {},
                   const OutputChoice& as = {});

//! `vanthu types`: "id<TAB>version<TAB>name", one loaded report type per line, ordered by id.
int types_command(const PluginRegistry& registry, std::ostream& out);

//! `vanthu fill TEMPLATE.docx DATA.json -o OUT.docx`: the template engine alone, on any
//! template and plain JSON data. Tags without a value are warnings (stderr), not errors.
int fill_command(const std::string& template_path, const std::string& data_path, const std::string& output,
                 std::ostream& out, std::ostream& err, const std::optional<vanthu::Delimiters>& delimiters = {},
                 const OutputChoice& as = {});

//! `vanthu check TEMPLATE.docx [--type=ID] [--delimiters=...] [--json]`: every tag with where it
//! is, every issue at once, the data shape (text, or the JSON of POST /v1/templates:check).
//! Exit 0 when the template can be used (for that report type), 3 when it has issues.
int check_command(const std::string& template_path, const ReportType* type,
                  const std::optional<vanthu::Delimiters>& delimiters, bool json, std::ostream& out, std::ostream& err);

}  // namespace vanthu::host
