#include "http/metrics.hpp"

#include <cstdio>

namespace vanthu::host::http {

void Metrics::observe(const std::string& route, int status, double seconds) {
  std::lock_guard lock(mutex_);
  ++requests_[{route, status}];
  Latency& l = latency_[route];
  for (std::size_t i = 0; i < kBuckets.size(); ++i)
    if (seconds <= kBuckets[i]) ++l.buckets[i];
  ++l.count;
  l.sum += seconds;
}

void Metrics::refused(int status) {
  std::lock_guard lock(mutex_);
  ++refused_[status];
}

std::string Metrics::text(const PdfPool* pdf) const {
  std::lock_guard lock(mutex_);
  std::string out;
  char number[64];
  out += "# HELP vanthu_http_requests_total Requests answered, by route and status.\n";
  out += "# TYPE vanthu_http_requests_total counter\n";
  for (const auto& [key, count] : requests_)
    out += "vanthu_http_requests_total{route=\"" + key.first + "\",status=\"" + std::to_string(key.second) + "\"} " +
           std::to_string(count) + "\n";
  out += "# HELP vanthu_http_request_duration_seconds Time to answer a request, by route.\n";
  out += "# TYPE vanthu_http_request_duration_seconds histogram\n";
  for (const auto& [route, l] : latency_) {
    for (std::size_t i = 0; i < kBuckets.size(); ++i) {
      std::snprintf(number, sizeof number, "%g", kBuckets[i]);
      out += "vanthu_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"" + number + "\"} " +
             std::to_string(l.buckets[i]) + "\n";
    }
    out += "vanthu_http_request_duration_seconds_bucket{route=\"" + route + "\",le=\"+Inf\"} " + std::to_string(l.count) + "\n";
    std::snprintf(number, sizeof number, "%.6f", l.sum);
    out += "vanthu_http_request_duration_seconds_sum{route=\"" + route + "\"} " + number + "\n";
    out += "vanthu_http_request_duration_seconds_count{route=\"" + route + "\"} " + std::to_string(l.count) + "\n";
  }
  out += "# HELP vanthu_http_refused_total Requests the front end refused before routing (malformed, too large, too slow, too busy).\n";
  out += "# TYPE vanthu_http_refused_total counter\n";
  for (const auto& [status, count] : refused_)
    out += "vanthu_http_refused_total{status=\"" + std::to_string(status) + "\"} " + std::to_string(count) + "\n";
  out += "# HELP vanthu_documents_rendered_total Documents rendered (report types and templates:render).\n";
  out += "# TYPE vanthu_documents_rendered_total counter\n";
  out += "vanthu_documents_rendered_total " + std::to_string(documents_.load(std::memory_order_relaxed)) + "\n";
  out += "# HELP vanthu_register_issued_total Documents numbered and stored in the register by this process.\n";
  out += "# TYPE vanthu_register_issued_total counter\n";
  out += "vanthu_register_issued_total " + std::to_string(issued_.load(std::memory_order_relaxed)) + "\n";
  if (pdf) {
    const PdfPool::Stats s = pdf->stats();
    auto gauge = [&](const char* name, const char* help, std::uint64_t value) {
      out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " gauge\n" + name + " " + std::to_string(value) + "\n";
    };
    gauge("vanthu_pdf_queue_length", "Conversions waiting for a PDF worker.", s.queued);
    gauge("vanthu_pdf_workers", "PDF workers configured.", static_cast<std::uint64_t>(pdf->workers()));
    gauge("vanthu_pdf_workers_ready", "PDF workers started and warm.", static_cast<std::uint64_t>(s.ready));
    gauge("vanthu_pdf_workers_busy", "PDF workers converting now.", static_cast<std::uint64_t>(s.converting));
    out += "# HELP vanthu_pdf_conversions_total Conversions by outcome (ok, failed, refused: queue full).\n";
    out += "# TYPE vanthu_pdf_conversions_total counter\n";
    out += "vanthu_pdf_conversions_total{outcome=\"ok\"} " + std::to_string(s.converted) + "\n";
    out += "vanthu_pdf_conversions_total{outcome=\"failed\"} " + std::to_string(s.failed) + "\n";
    out += "vanthu_pdf_conversions_total{outcome=\"refused\"} " + std::to_string(s.refused) + "\n";
    out += "# HELP vanthu_pdf_worker_restarts_total PDF workers started again, by reason.\n";
    out += "# TYPE vanthu_pdf_worker_restarts_total counter\n";
    out += "vanthu_pdf_worker_restarts_total{reason=\"crashed\"} " + std::to_string(s.restarts_crashed) + "\n";
    out += "vanthu_pdf_worker_restarts_total{reason=\"recycled\"} " + std::to_string(s.restarts_recycled) + "\n";
  }
  return out;
}

}  // namespace vanthu::host::http
