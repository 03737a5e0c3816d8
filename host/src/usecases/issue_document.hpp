//! Use cases of the records office (văn thư): keep a draft, issue it (number from the register,
//! date, final file), withdraw it, read the register. Written once for the HTTP API
//! (http/handlers/register.cpp) and the command line (`vanthu issue`, `vanthu register`).
//!
//! Issuing a draft:
//!   1. its report type must take a number and a date (input document.number, document.date:
//!      every built-in type does);
//!   2. the register book is the issuing body as the document prints it (issuer_name of the
//!      model, one line): the UBND, the Steering Committee and the HĐND of a ward number
//!      separately (Decree 30, Art. 15);
//!   3. the date is the one given, else today in Vietnam (UTC+7); it may not be before the last
//!      document of the same book (numbers follow the order of issue), and its year is the
//!      register's year;
//!   4. inside the register's transaction, with the next number: the input gets document.number
//!      and document.date, the document is rendered with the agency's current template (or the
//!      built-in one) exactly as POST …/documents renders it, made a PDF/PDF-A with its signature
//!      field (and signed) when asked, and stored with the entry. The number is in the file, so
//!      all of it happens while the register's lock is held: issuing is one at a time per
//!      database, a PDF's conversion included (about 0.2 s; bench/README.md).
//! A render that fails (an agency template with a hole) gives the problems and uses no number.
#pragma once

#include <ctime>
#include <filesystem>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "plugin_registry.hpp"
#include "register/document_register.hpp"
#include "usecases/convert_document.hpp"
#include "template_store.hpp"
#include "vanthu/date.hpp"
#include "vanthu/problem.hpp"

namespace vanthu::host {

struct DraftOutcome {
  enum class Status {
    created,        //!< document
    malformed,      //!< the input is not JSON (400)
    invalid_input,  //!< schema/plugin problems, or a type that cannot be issued (422)
    internal_error, //!< detail for the log (500)
    not_found,      //!< save_draft: no such document
    not_draft,      //!< save_draft: issued or withdrawn, never changed again (409)
  } status = Status::internal_error;
  StoredDocument document;
  vanthu::Problems problems;  //!< paths under /input; with keep_invalid, also beside a stored draft
  std::string detail;
};

struct DraftOptions {
  //! Keep a draft whose input has problems (the desk saves half-filled forms; issuing checks
  //! again and refuses until they are fixed). Malformed JSON is never kept.
  bool keep_invalid = false;
};

//! Checks `input` exactly as rendering would (the built-in template) and keeps it as a draft of
//! `agency`. `input` is JSON text.
DraftOutcome create_draft(DocumentRegister& documents, const ReportType& type, const std::string& agency,
                          const std::string& input, const std::string& created_by, const DraftOptions& options = {});
//! The same checks, then the draft's input replaced (only while it is a draft).
DraftOutcome save_draft(DocumentRegister& documents, const ReportType& type, const StoredDocument& draft,
                        const std::string& input, const std::string& by, const DraftOptions& options = {});

//! Whether a report type's schema takes document.number and document.date.
bool issuable(const ReportType& type);

struct IssueOptions {
  std::optional<vanthu::Date> date;  //!< ngày ban hành; nothing: today in Vietnam
  std::optional<int> copies;         //!< số lượng bản; nothing: one per recipient plus the file copy
  std::string issued_by;             //!< the token id or account, never a secret
  //! The file issued and stored: the DOCX, or a PDF / PDF/A-2b from `pdf` with the empty
  //! signature field in place (signed-ready); with `sign`, signed PAdES B-B with the agency's
  //! certificate (DATA_DIR/signing/<agency>.json, `data_dir`) before it is stored.
  DocumentFormat format = DocumentFormat::docx;
  bool sign = false;
  PdfPool* pdf = nullptr;
  std::filesystem::path data_dir;
  std::optional<std::time_t> signing_time;  //!< nothing: now
};

struct IssueResult {
  enum class Status {
    issued,          //!< entry and file
    not_found,
    already_issued,  //!< 409; entry is the existing one
    withdrawn,       //!< 409
    invalid,         //!< 422 problems (a date before the last one, an agency template's hole, signing's configuration)
    unavailable,     //!< 503: the PDF converter is busy, failed or absent; no number used (retry_after_s)
    internal_error,  //!< detail for the log
  } status = Status::internal_error;
  RegisterEntry entry;
  IssuedFile file;
  vanthu::Problems problems;
  std::string detail;
  int retry_after_s = 0;
};

IssueResult issue_document(DocumentRegister& documents, TemplateStore& templates, const PluginRegistry& registry,
                           const std::string& id, const IssueOptions& options);

//! Today's date in Vietnam (UTC+7, no daylight saving), from the system clock.
vanthu::Date today_in_vietnam();

//! The entry as JSON (the API's and `vanthu register --json`'s shape): the decree's columns by
//! English name, plus the document's id, state, file and hash.
nlohmann::json entry_json(const RegisterEntry& entry);
nlohmann::json document_json(const StoredDocument& document, const std::optional<RegisterEntry>& entry);

}  // namespace vanthu::host
