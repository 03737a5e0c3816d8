//! What the service has done, in Prometheus' text format (GET /metrics): requests by route and
//! status, their latency as a histogram, documents rendered, requests refused by the front end,
//! documents issued into the register, and the PDF pool's queue, workers and restarts.
//! Counting is a few atomic additions and one short lock per request.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <utility>

#include "convert/pdf_pool.hpp"

namespace vanthu::host::http {

class Metrics {
 public:
  //! One answered request: its route's name ("documents"), status and duration.
  void observe(const std::string& route, int status, double seconds);
  void document_rendered() { documents_.fetch_add(1, std::memory_order_relaxed); }
  void refused(int status);
  //! A document numbered and stored in the register (a new entry, not a replayed answer).
  void issued() { issued_.fetch_add(1, std::memory_order_relaxed); }
  //! The exposition text (version 0.0.4); with the pool's figures when there is one.
  std::string text(const PdfPool* pdf = nullptr) const;

 private:
  static constexpr std::array<double, 12> kBuckets = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10};
  struct Latency {
    std::array<std::uint64_t, kBuckets.size()> buckets{};
    std::uint64_t count = 0;
    double sum = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, std::uint64_t> requests_;
  std::map<std::string, Latency> latency_;
  std::map<int, std::uint64_t> refused_;
  std::atomic<std::uint64_t> documents_{0};
  std::atomic<std::uint64_t> issued_{0};
};

}  // namespace vanthu::host::http
