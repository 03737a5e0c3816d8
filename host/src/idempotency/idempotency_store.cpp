#include "idempotency/idempotency_store.hpp"

#include <nlohmann/json.hpp>

namespace vanthu::host {

std::int64_t IdempotencyStore::unix_seconds(Time t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

std::string IdempotencyStore::headers_text(const KeptAnswer& answer) {
  nlohmann::json headers = nlohmann::json::array();
  for (const auto& [name, value] : answer.headers) headers.push_back({name, value});
  return headers.dump();
}

IdempotencyStore::Claim IdempotencyStore::judge(const StoredKey& row, const std::string& fingerprint, Time when) {
  Claim result;
  if (row.fingerprint != fingerprint) {
    result.status = Claim::Status::other_body;
  } else if (row.running) {
    // Still running, or its process died while running it: then run it again.
    if (row.claimed > unix_seconds(when - kAbandonedAfter)) result.status = Claim::Status::in_progress;
  } else {
    result.status = Claim::Status::replay;
    result.answer.status = row.status;
    for (const auto& h : nlohmann::json::parse(row.headers))
      result.answer.headers.emplace_back(h.at(0).get<std::string>(), h.at(1).get<std::string>());
    result.answer.body = row.body;
  }
  return result;
}

}  // namespace vanthu::host
