//! `vanthu token create|list|revoke`: API tokens (access/token_store.hpp) from the command line,
//! as exit codes and lines.
//!
//!   vanthu token create --agency=hai-an[,le-chan|*] --roles=render[,templates,issue,admin]
//!                       [--expires=YYYY-MM-DD|never | --days=N] [--name=TEXT] [--json]
//!   vanthu token list [--json]
//!   vanthu token revoke ID
#pragma once

#include <filesystem>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "stores.hpp"

namespace vanthu::host {

//! `args`: after "token" (the subcommand first); `given`: the options by full name. Returns the
//! exit code; usage mistakes are written to `err` and give exit_usage.
int token_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given,
                  const StoreLocation& where, std::ostream& out, std::ostream& err);

}  // namespace vanthu::host
