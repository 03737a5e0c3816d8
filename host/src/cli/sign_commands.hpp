//! Signing on the command line (usecases/sign_document.hpp):
//!
//!   vanthu sign-field IN.pdf -o OUT.pdf
//!       the empty signature field "ChuKy" over the signature area (measured from the PDF)
//!   vanthu sign IN.pdf --agency=ID -o OUT.pdf [--appendix --number=SỐ/KÝ-HIỆU] [--time=ISO-8601] [--reason=…]
//!       PAdES B-B with the agency's certificate (DATA_DIR/signing/ID.json); --time fixes the
//!       claimed signing time (default now), which makes the output reproducible
//!
//! IN "-" reads standard input, OUT "-" writes standard output. Exit 0 signed, 2 usage, 3 the PDF
//! or the agency's signing configuration is not usable (one problem per line), 4 internal.
#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace vanthu::host {

int sign_field_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given, std::ostream& out,
                       std::ostream& err);
int sign_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given,
                 const std::filesystem::path& data_dir, std::ostream& out, std::ostream& err);

//! "2026-02-11T09:30:00+07:00" (or Z, or another offset) as a time; nothing when malformed.
std::optional<std::time_t> parse_iso_time(const std::string& text);

}  // namespace vanthu::host
