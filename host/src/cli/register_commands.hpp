//! The records office on the command line (usecases/issue_document.hpp):
//!
//!   vanthu issue TYPE INPUT.json --agency=ID -o OUT.docx [--date=YYYY-MM-DD] [--copies=N] [--json]
//!       keeps INPUT as a draft of the agency, issues it with the next number of its register book,
//!       writes the issued file and prints "số, ký hiệu<TAB>ngày<TAB>mã văn bản" (or the entry as JSON)
//!   vanthu withdraw DOCUMENT-ID --reason="…"     records the withdrawal (thu hồi); nothing is deleted
//!   vanthu register AGENCY YEAR [-o FILE.docx|FILE.xlsx] [--json]
//!       the register of outgoing documents: one line per entry, or the decree's layout as a file
//!
//! They share the service's data directory (--data-dir): a number issued here is the service's.
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "plugin_registry.hpp"
#include "stores.hpp"

namespace vanthu::host {

//! `worker`: the vanthu-convert executable, for --format=pdf|pdfa (or -o OUT.pdf); --sign signs
//! the PDF with the agency's certificate (DATA_DIR/signing/<agency>.json) before it is stored.
int issue_command(const PluginRegistry& registry, const std::vector<std::string>& args,
                  const std::map<std::string, std::string>& given, const StoreLocation& where,
                  const std::filesystem::path& worker, std::ostream& out, std::ostream& err);
int withdraw_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given,
                     const StoreLocation& where, std::ostream& out, std::ostream& err);
int register_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given,
                     const StoreLocation& where, std::ostream& out, std::ostream& err);

}  // namespace vanthu::host
