//! SHA-256 as lower-case hex: the register's and the template store's file hashes, a batch's
//! per-document hashes.
#pragma once

#include <string>
#include <string_view>

namespace vanthu::host {

std::string sha256_hex(std::string_view bytes);

}  // namespace vanthu::host
