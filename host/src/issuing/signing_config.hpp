//! An agency's signing set-up (issue 12): which PKCS#12 holds its certificate and key, where the
//! password comes from, and the images of the signature block.
//!
//! One JSON file per agency, DATA_DIR/signing/<agency>.json:
//!
//!   {"p12": "hai-an.p12",                       // the agency's certificate and key (PKCS#12)
//!    "password_file": "hai-an.pass",            // or "password_env": "VANTHU_HAI_AN_P12_PASSWORD"
//!    "signer_image": "chu-ky.png",              // optional: the signer's signature (PNG, blue)
//!    "seal_image": "con-dau.png",               // optional: the seal (PNG, red)
//!    "seal_mm": 38}                             // the seal's real diameter, 20–50 mm (default 38)
//!
//! Relative paths are read from DATA_DIR/signing/. The password is read when the file is loaded,
//! kept in memory only, and never written to a log, an error or the command line.
#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

#include "vanthu/problem.hpp"

namespace vanthu::host {

//! Why signing stopped: an English code for programs, a Vietnamese sentence naming the field.
class SigningError : public std::runtime_error {
 public:
  SigningError(std::string code, const std::string& message, std::string path = {})
      : std::runtime_error(message), code_(std::move(code)), path_(std::move(path)) {}
  const std::string& code() const { return code_; }
  //! The configuration field or input it is about ("/p12", "" for the document).
  const std::string& path() const { return path_; }
  vanthu::Problem problem() const { return {path_, code_, what()}; }

 private:
  std::string code_, path_;
};

struct SigningConfig {
  std::string agency;
  std::filesystem::path p12;           //!< absolute
  std::string password;                //!< secret: never logged
  std::string password_field;          //!< "/password_file" or "/password_env": where it came from, for errors
  std::filesystem::path signer_image;  //!< empty: none configured
  std::filesystem::path seal_image;    //!< empty: none configured
  double seal_mm = 38;
};

struct SigningConfigOutcome {
  bool ok = false;
  SigningConfig config;
  vanthu::Problems problems;  //!< every problem of the file at once, paths are its JSON Pointers
};

//! DATA_DIR/signing/<agency>.json, checked whole: a missing file is `signing_not_configured`,
//! unknown keys, wrong types, files that cannot be read and a password that cannot be found are
//! problems at their fields. The PKCS#12 itself is opened only when signing.
SigningConfigOutcome load_signing_config(const std::filesystem::path& data_dir, const std::string& agency);

//! The same from JSON text, relative paths against `base_dir` (the tests and callers that keep
//! configurations elsewhere).
SigningConfigOutcome parse_signing_config(const std::string& json_text, const std::filesystem::path& base_dir,
                                          const std::string& agency);

}  // namespace vanthu::host
