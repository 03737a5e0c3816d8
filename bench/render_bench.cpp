//! In-process rendering benchmarks (Google Benchmark). Measured, never asserted.
//!
//!   build/bin/vanthu-bench                 # all
//!   build/bin/vanthu-bench --benchmark_filter=Report
//!
//! ReportPipeline: the whole path of `vanthu render` / POST .../documents for a sample
//!   (input checks, schema, plugin model, template, zip), ms per document.
//! TemplateOnly: the template engine alone on the model the plugin built (render + deflate).

#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "plugin_registry.hpp"
#include "render_pipeline.hpp"
#include "vanthu/template_engine.hpp"

namespace fs = std::filesystem;

namespace {

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const vanthu::host::PluginRegistry& registry() {
  static const auto r = vanthu::host::PluginRegistry::load(fs::path(VANTHU_BUILD_DIR) / "plugins",
                                                           fs::path(VANTHU_BUILD_DIR) / "templates");
  return r;
}

void ReportPipeline(benchmark::State& state, const char* type, const char* sample) {
  const auto* report = registry().find(type);
  if (!report) {
    state.SkipWithError("report type not loaded");
    return;
  }
  std::string body = read(fs::path(VANTHU_SOURCE_DIR) / "samples" / type / sample);
  std::size_t bytes = 0;
  for (auto _ : state) {
    auto doc = vanthu::host::render_document(*report, body);
    if (doc.status != vanthu::host::RenderedDocument::Status::ok) {
      state.SkipWithError("render failed");
      return;
    }
    bytes = doc.docx.size();
    benchmark::DoNotOptimize(doc.docx.data());
  }
  state.counters["docs_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
  state.counters["bytes"] = static_cast<double>(bytes);
}

void TemplateOnly(benchmark::State& state, const char* type, const char* sample) {
  const auto* report = registry().find(type);
  if (!report) {
    state.SkipWithError("report type not loaded");
    return;
  }
  std::string body = read(fs::path(VANTHU_SOURCE_DIR) / "samples" / type / sample);
  vanthu_buffer out{};
  if (report->on_build_model(vanthu_str{body.data(), body.size()}, &out) != VANTHU_OK) {
    state.SkipWithError("model failed");
    return;
  }
  nlohmann::json model = nlohmann::json::parse(std::string_view(out.ptr, out.len));
  report->on_release(out);
  for (auto _ : state) {
    auto result = vanthu::render(*report->document_template, model["data"]);
    benchmark::DoNotOptimize(result.docx.data());
  }
  state.counters["docs_per_s"] = benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(ReportPipeline, nq57_weekly, "nq57-weekly", "hai-an-2026-02-11.json")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(TemplateOnly, nq57_weekly, "nq57-weekly", "hai-an-2026-02-11.json")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
