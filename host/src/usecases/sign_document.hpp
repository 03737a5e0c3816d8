//! Use case: sign a PDF of one of our documents with its agency's certificate (issue 12).
//! Written once for `vanthu sign-field`, `vanthu sign` and (later) POST /v1/documents/{id}:sign:
//! bytes in, bytes out, every failure a problem with an English code and a Vietnamese message.
//!
//!   sign_pdf(pdf, config, options)  the document: its signature field (added first when the PDF
//!     has none, measured from the VANTHU_CHU_KY destination) signed PAdES B-B as an incremental
//!     update, the signer's image and the seal in its appearance; with options.appendix, an
//!     appendix in a file of its own, signed by the organisation at the top right of page 1.
//!   prepare_signature_field(pdf)  only the empty field (what a signing tool on the signer's
//!     desk, or a USB token, then fills).
#pragma once

#include <ctime>
#include <optional>
#include <string>
#include <string_view>

#include "issuing/signing_config.hpp"
#include "vanthu/problem.hpp"

namespace vanthu::host {

struct SignOptions {
  bool appendix = false;
  std::string number_symbol;              //!< appendix: the document's number and symbol, "15/BC-UBND"
  std::optional<std::time_t> signing_time;  //!< nothing: now (a fixed one makes the output reproducible)
  std::string reason;                     //!< /Reason, optional
};

struct SignOutcome {
  enum class Status {
    ok,              //!< pdf
    invalid_pdf,     //!< problems: not a PDF, not one of ours, no signature area, already signed (422)
    invalid_config,  //!< problems at the configuration's fields: the PKCS#12, its password, an image
    internal_error,  //!< detail for the log
  } status = Status::internal_error;
  std::string pdf;
  vanthu::Problems problems;
  std::string detail;
};

SignOutcome sign_pdf(std::string_view pdf, const SigningConfig& config, const SignOptions& options);
SignOutcome prepare_signature_field(std::string_view pdf);

}  // namespace vanthu::host
