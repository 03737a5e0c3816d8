//! `vanthu account create|list|disable|enable|set-password`: the desk's accounts
//! (access/account_store.hpp) from the command line. The first administrator is made here, on
//! the server's machine; the others from the desk or POST /v1/accounts.
//!
//!   vanthu account create --user=NAME --name="HỌ TÊN" --agency=ID|* --role=clerk|records_officer|admin
//!                         --password-file=FILE|-   (the password: a file's first line, or standard input)
//!   vanthu account list [--agency=ID] [--json]
//!   vanthu account disable|enable|set-password ID [--password-file=FILE|-]
//! A password is never taken from the command line itself (it would be in ps and the shell's
//! history), nor written anywhere but as its Argon2id hash.
#pragma once

#include <filesystem>
#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

#include "stores.hpp"

namespace vanthu::host {

int account_command(const std::vector<std::string>& args, const std::map<std::string, std::string>& given,
                    const StoreLocation& where, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace vanthu::host
