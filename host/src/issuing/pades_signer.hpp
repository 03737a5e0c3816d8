//! Server-side signing with an agency's certificate: PAdES baseline B-B (ETSI EN 319 142-1).
//!
//! The signature is a CMS SignedData (RFC 5652), detached, SHA-256, whose signed attributes are
//! content-type, message-digest and signing-certificate-v2 (ESS, RFC 5035: the signer's
//! certificate bound to the signature) — no signing-time attribute, as B-B wants: the claimed time
//! is the signature dictionary's /M. It goes in /Contents of a /Type /Sig dictionary (/Filter
//! /Adobe.PPKLite, /SubFilter /ETSI.CAdES.detached), written as an INCREMENTAL UPDATE after the
//! document's bytes, which it leaves as they are (so PDF/A identification, earlier signatures and
//! anything else stays valid); /ByteRange covers the whole file but the /Contents hex string.
//! With a fixed signing time the output is byte-for-byte reproducible (RSA PKCS#1 v1.5 signatures
//! are deterministic).
#pragma once

#include <ctime>
#include <string>
#include <string_view>

#include "issuing/signing_config.hpp"

namespace vanthu::host {

struct PadesOptions {
  std::time_t signing_time = 0;  //!< the claimed signing time (/M), shown in Vietnam time (UTC+7)
  //! The document: sign the signature field named kSignatureFieldName (which must be there and
  //! empty), showing the configured images. An appendix in a file of its own (Decree 30: signed by
  //! the organisation only): a new field at the top right of the first page showing
  //! `number_symbol` and the signing time in Times New Roman 10.
  bool appendix = false;
  std::string number_symbol;  //!< "15/BC-UBND" (appendix)
  std::string reason;         //!< /Reason, optional
};

//! The signed PDF. Throws SigningError: p12_unreadable, wrong_p12_password (path "/password_file"
//! or "/password_env"), certificate_not_valid (at the signing time), no_signature_field,
//! already_signed, signature_too_large, and those of reading the PDF and the images.
std::string sign_pades(std::string_view pdf, const SigningConfig& config, const PadesOptions& options);

//! "2026-02-11T09:30:00+07:00": the signing time as Decree 30 shows it on an appendix (ISO 8601,
//! Vietnam's time zone).
std::string vietnam_time_iso(std::time_t time);

}  // namespace vanthu::host
