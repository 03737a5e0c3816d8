#include "storage/rows.hpp"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

namespace vanthu::host::storage {

std::string now_utc() { return Poco::DateTimeFormatter::format(Poco::Timestamp(), "%Y-%m-%dT%H:%M:%SZ"); }

std::string text_at(Poco::Data::RecordSet& rows, std::size_t column, std::size_t row) {
  const Poco::Dynamic::Var& v = rows.value(column, row);
  return v.isEmpty() ? std::string() : v.convert<std::string>();
}

long long integer_at(Poco::Data::RecordSet& rows, std::size_t column, std::size_t row) {
  const Poco::Dynamic::Var& v = rows.value(column, row);
  return v.isEmpty() ? 0 : v.convert<long long>();
}

bool is_null_at(Poco::Data::RecordSet& rows, std::size_t column, std::size_t row) {
  return rows.value(column, row).isEmpty();
}

}  // namespace vanthu::host::storage
