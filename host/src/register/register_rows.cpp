#include "register/register_rows.hpp"

#include "digest.hpp"

#include <cstdio>
#include <random>


#include "storage/rows.hpp"

namespace vanthu::host {

const char* state_name(StoredDocument::State state) {
  switch (state) {
    case StoredDocument::State::draft: return "draft";
    case StoredDocument::State::issued: return "issued";
    case StoredDocument::State::withdrawn: return "withdrawn";
  }
  return "draft";
}

namespace register_rows {

using Poco::Data::RecordSet;
using storage::integer_at;
using storage::text_at;

std::string new_id() {
  std::random_device random;  // getrandom(2) on Linux
  std::string id = "doc_";
  char hex[9];
  for (int i = 0; i < 3; ++i) {
    std::snprintf(hex, sizeof hex, "%08x", static_cast<unsigned>(random()));
    id += hex;
  }
  return id;
}

StoredDocument::State state_of(const std::string& name) {
  if (name == "issued") return StoredDocument::State::issued;
  if (name == "withdrawn") return StoredDocument::State::withdrawn;
  return StoredDocument::State::draft;
}

const char* const kEntryColumns =
    "e.agency, e.issuer, e.year, e.number, e.number_symbol, e.date, e.title, e.signer, e.recipients, e.archive,"
    " e.copies, e.document_id, e.report_type, e.template_label, e.sha256, e.file_name, e.media_type, e.issued_at,"
    " e.issued_by, d.state,"
    " (SELECT at FROM document_events w WHERE w.document_id = e.document_id AND w.action = 'withdraw'),"
    " (SELECT actor FROM document_events w WHERE w.document_id = e.document_id AND w.action = 'withdraw'),"
    " (SELECT note FROM document_events w WHERE w.document_id = e.document_id AND w.action = 'withdraw')"
    " FROM register_entries e JOIN documents d ON d.id = e.document_id ";

std::vector<RegisterEntry> entries_of(RecordSet& rows) {
  std::vector<RegisterEntry> out;
  for (std::size_t r = 0; r < rows.rowCount(); ++r) {
    RegisterEntry e;
    e.agency = text_at(rows, 0, r);
    e.issuer = text_at(rows, 1, r);
    e.year = static_cast<int>(integer_at(rows, 2, r));
    e.number = static_cast<int>(integer_at(rows, 3, r));
    e.number_symbol = text_at(rows, 4, r);
    e.date = text_at(rows, 5, r);
    e.title = text_at(rows, 6, r);
    e.signer = text_at(rows, 7, r);
    e.recipients = text_at(rows, 8, r);
    e.archive = text_at(rows, 9, r);
    e.copies = static_cast<int>(integer_at(rows, 10, r));
    e.document_id = text_at(rows, 11, r);
    e.report_type = text_at(rows, 12, r);
    e.template_label = text_at(rows, 13, r);
    e.sha256 = text_at(rows, 14, r);
    e.file_name = text_at(rows, 15, r);
    e.media_type = text_at(rows, 16, r);
    e.issued_at = text_at(rows, 17, r);
    e.issued_by = text_at(rows, 18, r);
    e.withdrawn = text_at(rows, 19, r) == "withdrawn";
    e.withdrawn_at = text_at(rows, 20, r);
    e.withdrawn_by = text_at(rows, 21, r);
    e.withdrawn_reason = text_at(rows, 22, r);
    out.push_back(std::move(e));
  }
  return out;
}

const char* const kDocumentColumns = "id, agency, report_type, input, state, created, created_by, updated FROM documents";

std::vector<StoredDocument> documents_of(RecordSet& rows) {
  std::vector<StoredDocument> out;
  for (std::size_t r = 0; r < rows.rowCount(); ++r) {
    StoredDocument d;
    d.id = text_at(rows, 0, r);
    d.agency = text_at(rows, 1, r);
    d.report_type = text_at(rows, 2, r);
    d.input = text_at(rows, 3, r);
    d.state = state_of(text_at(rows, 4, r));
    d.created = text_at(rows, 5, r);
    d.created_by = text_at(rows, 6, r);
    d.updated = text_at(rows, 7, r);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace register_rows
}  // namespace vanthu::host
