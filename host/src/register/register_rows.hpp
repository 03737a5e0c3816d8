//! What the SQLite and the PostgreSQL registers share: the columns they select, how a row
//! becomes a StoredDocument or a RegisterEntry, new document ids. The SQL here is
//! what both databases read alike.
#pragma once

#include <string>
#include <vector>

#include <Poco/Data/RecordSet.h>

#include "register/document_register.hpp"

namespace vanthu::host::register_rows {

//! "doc_" + 24 random hex digits.
std::string new_id();
StoredDocument::State state_of(const std::string& name);

//! "e.agency, … FROM register_entries e JOIN documents d ON d.id = e.document_id " (then WHERE …).
extern const char* const kEntryColumns;
std::vector<RegisterEntry> entries_of(Poco::Data::RecordSet& rows);
//! "id, agency, … FROM documents" (then WHERE …).
extern const char* const kDocumentColumns;
std::vector<StoredDocument> documents_of(Poco::Data::RecordSet& rows);

}  // namespace vanthu::host::register_rows
