//! Writing an output file so that readers see either the old file or the whole new one.
#pragma once

#include <filesystem>
#include <string_view>

namespace vanthu::host {

//! Writes `bytes` to a temporary file in the destination's directory (".NAME-XXXXXX.docx.tmp"),
//! flushes it to disk and renames it over `path`. On any failure the temporary file is removed,
//! an existing `path` is left untouched, and std::runtime_error explains what failed. The file
//! gets `mode` less the umask (0600 for a file only its owner may read).
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes, unsigned mode = 0666);

}  // namespace vanthu::host
