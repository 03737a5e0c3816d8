//! Documents and the register of outgoing documents (sổ đăng ký văn bản đi, Decree 30, Art. 15–16
//! and Appendix IV): what the records office (văn thư) keeps.
//!
//! A document starts as a draft (the report type's input, checked). Issuing it gives it the next
//! number of its register book — one book per agency, issuing body (cơ quan ban hành: the UBND,
//! the Steering Committee and the HĐND of one ward number separately, Art. 15) and year; numbers
//! start at 1 on 1 January and have no gaps and no repeats — and stores the final file, immutable,
//! with its SHA-256. An issued document is never changed or deleted: withdrawing it (thu hồi) is
//! an event recorded beside it, and its number stays used.
//!
//! The interface is what a backend provides; SqliteRegister (sqlite_register.hpp) is the embedded
//! default, in the template store's database; PostgresRegister (postgres_register.hpp) is shared
//! by replicas (issue(): the counter row locked with SELECT … FOR UPDATE in the transaction that
//! stores the entry). stores.hpp builds the one the configuration names.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace vanthu::host {

//! A document in the store, whatever its state.
struct StoredDocument {
  enum class State { draft, issued, withdrawn };
  std::string id;            //!< "doc_" + 24 hex digits (random)
  std::string agency;        //!< the ward/commune whose document it is (hai-an)
  std::string report_type;   //!< nq57-weekly
  std::string input;         //!< the report type's input, JSON text as checked at creation
  State state = State::draft;
  std::string created;       //!< UTC, 2026-02-11T08:30:00Z
  std::string created_by;    //!< who made the draft (token id or account), never a secret
  std::string updated;       //!< UTC, when its input was last saved
};

//! "draft", "issued", "withdrawn".
const char* state_name(StoredDocument::State state);

//! One line of the register, with the decree's columns.
struct RegisterEntry {
  std::string agency;
  std::string issuer;        //!< cơ quan ban hành as printed (UPPER, one line): the register book
  int year = 0;
  int number = 0;            //!< số: 1, 2, … within (agency, issuer, year)
  std::string number_symbol; //!< số, ký hiệu: "01/BC-BCĐ"
  std::string date;          //!< ngày tháng văn bản: 2026-02-11
  std::string title;         //!< tên loại và trích yếu nội dung
  std::string signer;        //!< người ký
  std::string recipients;    //!< nơi nhận, "; " between them
  std::string archive;       //!< đơn vị, người nhận bản lưu
  int copies = 0;            //!< số lượng bản
  std::string document_id;
  std::string report_type;
  std::string template_label;  //!< "built-in" or "hai-an/3": the template it was made with
  std::string sha256;        //!< of the stored file, hex
  std::string file_name;
  std::string media_type;
  std::string issued_at;     //!< UTC time of issuing
  std::string issued_by;
  bool withdrawn = false;    //!< ghi chú: thu hồi
  std::string withdrawn_at, withdrawn_by, withdrawn_reason;
};

//! The issued file, exactly as stored.
struct IssuedFile {
  std::string bytes;
  std::string file_name;
  std::string media_type;
  std::string sha256;
};

//! What issuing needs from the caller once the number is known: the final file and the entry's
//! fields. Throws IssueRefused to give up without using the number.
struct IssuedDocument {
  RegisterEntry entry;  //!< number_symbol, date, title, signer, recipients, archive, copies, template_label
  IssuedFile file;      //!< bytes, file_name, media_type (sha256 is computed by the store)
};

//! Thrown by the caller's make() inside issue(): nothing is stored, the number is not used.
struct IssueRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

class DocumentRegister {
 public:
  virtual ~DocumentRegister() = default;

  //! Stores a draft; returns it with its new id and creation time.
  virtual StoredDocument create_draft(const std::string& agency, const std::string& report_type, const std::string& input,
                                      const std::string& created_by) = 0;
  virtual std::optional<StoredDocument> find(const std::string& id) = 0;
  enum class UpdateOutcome { updated, not_found, not_draft };
  //! Replaces a draft's input (the desk saves as the clerk types); an issued or withdrawn
  //! document is never changed.
  virtual UpdateOutcome update_draft(const std::string& id, const std::string& input, const std::string& by) = 0;
  //! An agency's documents, the most recently changed first, at most `limit`; of one report type
  //! when `report_type` is not empty.
  virtual std::vector<StoredDocument> documents(const std::string& agency, const std::string& report_type,
                                                std::size_t limit) = 0;

  struct IssueOutcome {
    enum class Status { issued, not_found, already_issued, withdrawn } status = Status::not_found;
    RegisterEntry entry;  //!< issued: the new entry; already_issued/withdrawn: the existing one
  };
  //! In one transaction that holds the book's counter: takes the next number of (agency,
  //! `issuer`, `year`), calls make(number) for the file and the entry, and stores both with the
  //! document's new state. make() may throw IssueRefused (or anything): nothing changes and the
  //! number stays free. `earliest_date`, when set, receives the last issued date of the book
  //! before make() is called (so make can refuse a date before it).
  virtual IssueOutcome issue(const std::string& id, const std::string& issuer, int year, const std::string& issued_by,
                             const std::function<IssuedDocument(int number, const std::string& last_date)>& make) = 0;

  struct WithdrawOutcome {
    enum class Status { withdrawn, not_found, not_issued, already_withdrawn } status = Status::not_found;
    RegisterEntry entry;
  };
  virtual WithdrawOutcome withdraw(const std::string& id, const std::string& by, const std::string& reason) = 0;

  //! The register entry of an issued (or withdrawn) document.
  virtual std::optional<RegisterEntry> entry(const std::string& id) = 0;
  virtual std::optional<IssuedFile> file(const std::string& id) = 0;
  //! The agency's register for a year, every book, by issuer then number.
  virtual std::vector<RegisterEntry> entries(const std::string& agency, int year) = 0;
};

}  // namespace vanthu::host
