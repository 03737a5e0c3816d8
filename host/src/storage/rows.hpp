//! What the SQLite and the PostgreSQL stores share when they read a result (Poco::Data::RecordSet):
//! cells as text or integers, NULL told apart, and the time stamps they write.
#pragma once

#include <cstddef>
#include <string>

#include <Poco/Data/RecordSet.h>

namespace vanthu::host::storage {

//! Now, UTC, "2026-12-03T07:05:09Z".
std::string now_utc();

//! A cell as text ("" for NULL) or integer (0 for NULL).
std::string text_at(Poco::Data::RecordSet& rows, std::size_t column, std::size_t row = 0);
long long integer_at(Poco::Data::RecordSet& rows, std::size_t column, std::size_t row = 0);
bool is_null_at(Poco::Data::RecordSet& rows, std::size_t column, std::size_t row = 0);

}  // namespace vanthu::host::storage
