//! The one-shot commands of `vanthu`: render, types, fill. Each returns an exit code
//! (exit_codes.hpp) and writes problems to `err`, one per line.
#pragma once

#include <ostream>
#include <string>

#include "plugin_registry.hpp"

namespace vanthu::host {

//! `vanthu render TYPE INPUT.json -o OUT.docx`: INPUT "-" reads standard input, OUT "-" writes
//! standard output. The output file is replaced atomically and only when the document is good.
int render_command(const PluginRegistry& registry, const std::string& type_id, const std::string& input,
                   const std::string& output, std::ostream& out, std::ostream& err);

//! `vanthu types`: "id<TAB>version<TAB>name", one loaded report type per line, ordered by id.
int types_command(const PluginRegistry& registry, std::ostream& out);

//! `vanthu fill TEMPLATE.docx DATA.json -o OUT.docx`: the template engine alone, on any
//! template and plain JSON data. Tags without a value are warnings (stderr), not errors.
int fill_command(const std::string& template_path, const std::string& data_path, const std::string& output,
                 std::ostream& out, std::ostream& err);

}  // namespace vanthu::host
