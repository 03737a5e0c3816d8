//! The clerk's desk (trang làm việc): its pages, scripts and styles, read once from a directory
//! at start-up (host/desk/ in the source tree, copied to build/desk; share/vanthu/desk when
//! installed) and served from memory. Only the files read at start exist: a request names one of
//! them or gets a 404, so no path from a URL ever reaches the file system.
//!
//! The pages hold no data and need no account: every datum comes from the API, with the desk
//! session's cookie (access/account.hpp). They load nothing from the internet (no CDN, no web
//! fonts): the Content-Security-Policy sent with them allows only this host.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace vanthu::host::desk {

struct Asset {
  std::string bytes;
  std::string media_type;  //!< "text/html; charset=utf-8", …
};

class Assets {
 public:
  //! Reads every regular file of `dir` (not below it) whose extension is one the desk uses
  //! (.html .js .css .svg .png .ico .json); an absent directory gives no assets (the desk is off).
  static Assets load(const std::filesystem::path& dir);

  //! The asset for a path below /desk/ ("" is index.html); nothing when there is none.
  const Asset* find(const std::string& name) const;
  bool empty() const { return files_.empty(); }

 private:
  std::map<std::string, Asset> files_;
};

//! The headers every desk page is sent with: CSP (self only, no inline script), no sniffing, no
//! framing by other sites, no referrer.
inline constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "frame-src 'self' blob:; object-src 'self' blob:; connect-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'self'";

}  // namespace vanthu::host::desk
