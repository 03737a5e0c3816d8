//! The `vanthu` command: a Poco ServerApplication with subcommands.
//!
//!   vanthu serve  [--port=8080] [--host=127.0.0.1] [--plugins-dir=DIR] [--templates-dir=DIR]
//!                 [--data-dir=DIR] [--max-body=BYTES] [--max-upload=BYTES] [--threads=N]
//!                 [--config=FILE.properties]
//!   vanthu render TYPE INPUT.json -o OUT.docx [--agency=ID [--template-version=N]] [--data-dir=DIR]
//!   vanthu types
//!   vanthu fill   TEMPLATE.docx DATA.json -o OUT.docx [--delimiters="[[ ]]"]
//!   vanthu check  TEMPLATE.docx [--type=ID] [--delimiters="[[ ]]"] [--json]
//!   vanthu token  create|list|revoke …  (API tokens: cli/token_command.hpp)
//!
//! Settings come from the command line, then the properties file (vanthu.port, vanthu.host,
//! vanthu.plugins-dir, vanthu.templates-dir, vanthu.data-dir, vanthu.max-body,
//! vanthu.max-upload, vanthu.threads), then the defaults (plugins, templates and the template
//! store's data next to the executable: <exe dir>/../plugins, ../templates, ../data).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <Poco/Util/ServerApplication.h>

#include "stores.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::host {

class PluginRegistry;

class VanthuApplication : public Poco::Util::ServerApplication {
 public:
  VanthuApplication();

  //! Parses the command line and runs the command; returns the process exit code. Option
  //! errors give the short usage and exit code 2 (Poco alone would log and return 78).
  int run_command_line(int argc, char** argv);

 protected:
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& args) override;

 private:
  int serve(const std::vector<std::string>& args);
  int render(const std::vector<std::string>& args);
  int types(const std::vector<std::string>& args);
  int fill(const std::vector<std::string>& args);
  int new_type(const std::vector<std::string>& args);
  bool given_delimiters(std::optional<vanthu::Delimiters>& out, std::string& why) const;
  int check(const std::vector<std::string>& args);

  //! Prints "vanthu: <message>" and the short usage on stderr; returns exit_usage.
  int usage_error(const std::string& message) const;
  std::unique_ptr<PluginRegistry> load_plugins();
  std::filesystem::path default_dir(const char* build_tree, const char* installed);
  std::filesystem::path plugins_dir();
  std::filesystem::path templates_dir();
  std::filesystem::path data_dir();
  //! The data directory and the configured database. Throws storage::DatabaseSettingsError.
  StoreLocation store_location();

  std::map<std::string, std::string> given_;  //!< options on the command line, by full name
  std::string command_;
};

}  // namespace vanthu::host
