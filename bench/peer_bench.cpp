//! The peer benchmark, our side: renders OUTDIR/template_docxtemplater.docx with OUTDIR/data.json
//! (built by ../shared/bench/peers/run) through exactly what `vanthu fill` runs — read_input on
//! the data, Template::parse once, vanthu::render with default RenderOptions — and prints one JSON
//! line with the peers' fields (engine, docs, seconds, docs_per_s, ms_per_doc, bytes, rss_mb).
//!
//!   vanthu-peer-bench OUTDIR [N] [OUT.docx] [options]
//!
//! Like the peers: the template and the data are read once, 20 warm-up renders, then N timed
//! renders (default 2000) on one thread. Extra fields: identical (every output of the run equals
//! the first, byte for byte), digest (FNV-1a 64 of the output, to compare runs), xml_bytes
//! (rendered word/document.xml), parse_ms (Template::parse, once), input_ms (read_input, once),
//! rss_growth_mb (peak RSS while rendering minus RSS before the first render: the memory a
//! render needs, with the per-thread buffers it keeps).
//!
//! Options (experiments and scale; the comparison with the peers uses none of them):
//!   --level=L         deflate level for the rendered parts instead of RenderOptions' default
//!   --rows=R          the table's rows repeated cyclically to R rows (tt renumbered)
//!   --paragraphs=P    the body paragraphs repeated cyclically to P paragraphs
//!   --phases          also time the phases apart: render_ms (the XML of the templated part,
//!                     render_part), deflate_ms (zip_compress of that XML at the level used: the
//!                     floor of the compression), copy_ms (the rest: zip of the stored parts)
//!   --min-seconds=S   repeat until at least S seconds have passed (N is then a minimum)
//!   --threads=T       T threads render at once, each N documents (docs_per_s is the total)
//!   --stream-above=B  RenderOptions::stream_above (default 1 MiB; 0: never stream, parts deflated whole)
//!   --profile         only N renders after parsing, nothing else, and no output: for
//!                     callgrind --toggle-collect (bench/profile)
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "vanthu/input.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace {

using Clock = std::chrono::steady_clock;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "vanthu-peer-bench: cannot read " << path << "\n";
    std::exit(2);
  }
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

double max_rss_mb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

double current_rss_mb() {
  std::ifstream statm("/proc/self/statm");
  long pages = 0, resident = 0;
  statm >> pages >> resident;
  return static_cast<double>(resident) * 4096.0 / 1048576.0;
}

std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

//! An array repeated cyclically to `count` items; `number_key` (if any) renumbered "1.", "2.", ...
void stretch(nlohmann::json& array, std::size_t count, const char* number_key) {
  if (!array.is_array() || array.empty()) return;
  nlohmann::json out = nlohmann::json::array();
  for (std::size_t i = 0; i < count; ++i) {
    nlohmann::json item = array[i % array.size()];
    if (number_key && item.is_object() && item.contains(number_key)) item[number_key] = std::to_string(i + 1) + ".";
    out.push_back(std::move(item));
  }
  array = std::move(out);
}

struct Args {
  std::string dir;
  long docs = 2000;
  std::string out;
  int level = -1;
  long rows = -1;
  long paragraphs = -1;
  bool phases = false;
  bool profile = false;
  double min_seconds = 0;
  int threads = 1;
  long stream_above = -1;  //!< RenderOptions::stream_above; -1: the default
};

Args parse_args(int argc, char** argv) {
  Args a;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string s = argv[i];
    auto value = [&](const char* key) -> const char* {
      std::size_t n = std::strlen(key);
      return s.compare(0, n, key) == 0 ? s.c_str() + n : nullptr;
    };
    if (const char* v = value("--level=")) a.level = std::atoi(v);
    else if (const char* v = value("--rows=")) a.rows = std::atol(v);
    else if (const char* v = value("--paragraphs=")) a.paragraphs = std::atol(v);
    else if (const char* v = value("--min-seconds=")) a.min_seconds = std::atof(v);
    else if (const char* v = value("--threads=")) a.threads = std::max(1, std::atoi(v));
    else if (const char* v = value("--stream-above=")) a.stream_above = std::max(0L, std::atol(v));
    else if (s == "--phases") a.phases = true;
    else if (s == "--profile") a.profile = true;
    else if (s.rfind("--", 0) == 0) {
      std::cerr << "vanthu-peer-bench: unknown option " << s << "\n";
      std::exit(2);
    } else positional.push_back(s);
  }
  if (positional.empty()) {
    std::cerr << "usage: vanthu-peer-bench OUTDIR [N] [OUT.docx] [--level=L] [--rows=R] [--paragraphs=P] [--phases]"
                 " [--min-seconds=S] [--threads=T] [--stream-above=BYTES]\n";
    std::exit(2);
  }
  a.dir = positional[0];
  if (positional.size() > 1) a.docs = std::max(1L, std::atol(positional[1].c_str()));
  if (positional.size() > 2) a.out = positional[2];
  return a;
}

//! Median of `repeats` timings of `work` run `inner` times each, in ms per call.
template <class F>
double median_ms(int repeats, int inner, F&& work) {
  std::vector<double> ms;
  for (int r = 0; r < repeats; ++r) {
    auto t0 = Clock::now();
    for (int i = 0; i < inner; ++i) work();
    ms.push_back(1000.0 * seconds_since(t0) / inner);
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = parse_args(argc, argv);
  const std::string docx = read_file(args.dir + "/template_docxtemplater.docx");
  const std::string data_text = read_file(args.dir + "/data.json");

  // As `vanthu fill`: the data through read_input (UTF-8, control characters, NFC), then an object.
  auto t0 = Clock::now();
  vanthu::InputDocument input = vanthu::read_input(data_text);
  const double input_ms = 1000.0 * seconds_since(t0);
  if (input.malformed || !input.problems.empty() || !input.value.is_object()) {
    std::cerr << "vanthu-peer-bench: data.json is not acceptable input\n";
    return 3;
  }
  nlohmann::json& data = input.value;
  if (args.rows >= 0) stretch(data["services"], static_cast<std::size_t>(args.rows), "tt");
  if (args.paragraphs >= 0) stretch(data["paragraphs"], static_cast<std::size_t>(args.paragraphs), nullptr);

  t0 = Clock::now();
  std::shared_ptr<const vanthu::Template> tpl = vanthu::Template::parse(docx);
  const double parse_ms = 1000.0 * seconds_since(t0);

  vanthu::RenderOptions options;  // `vanthu fill` passes none
  if (args.level >= 0) options.compression_level = args.level;
  if (args.stream_above >= 0) options.stream_above = static_cast<std::size_t>(args.stream_above);
  if (args.profile) {
    std::size_t bytes = 0;
    for (long i = 0; i < args.docs; ++i) bytes += vanthu::render(*tpl, data, options).docx.size();
    return bytes > 0 ? 0 : 1;
  }

  // Memory: the peak RSS of the renders (warm-up included) over the RSS before the first one,
  // i.e. what rendering needs: the XML being written, deflate's buffers, the output.
  const double rss_before = current_rss_mb();
  const std::string first = vanthu::render(*tpl, data, options).docx;
  bool identical = true;
  std::size_t missing = vanthu::render(*tpl, data, options).missing.size();
  const int warmup = args.rows > 1000 || args.paragraphs > 1000 ? 2 : 20;
  for (int i = 0; i < warmup; ++i) identical &= vanthu::render(*tpl, data, options).docx == first;

  std::atomic<bool> all_identical{identical};
  std::atomic<long> done{0};
  t0 = Clock::now();
  auto worker = [&] {
    long n = 0;
    std::string last;
    while (n < args.docs || seconds_since(t0) < args.min_seconds) {
      vanthu::RenderResult r = vanthu::render(*tpl, data, options);
      last = std::move(r.docx);
      ++n;
    }
    if (last != first) all_identical = false;  // the last of each thread; every one is checked below
    done += n;
  };
  if (args.threads == 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    for (int t = 0; t < args.threads; ++t) pool.emplace_back(worker);
    for (auto& t : pool) t.join();
  }
  const double seconds = seconds_since(t0);
  const double rss_growth = max_rss_mb() - rss_before;
  // Byte identity over a run, outside the timed loop: 50 more renders against the first.
  for (int i = 0; i < 50; ++i) identical &= vanthu::render(*tpl, data, options).docx == first;
  identical &= all_identical.load();

  if (!args.out.empty()) {
    std::ofstream out(args.out, std::ios::binary);
    out.write(first.data(), static_cast<std::streamsize>(first.size()));
  }

  std::string engine = "vanthu";
  if (args.level >= 0) engine += "(level=" + std::to_string(args.level) + ")";
  const long docs = done.load();
  const std::string xml = vanthu::render_part(*tpl, "word/document.xml", data);

  char line[1024];
  int n = std::snprintf(line, sizeof line,
                        "{\"engine\":\"%s\",\"docs\":%ld,\"seconds\":%.6f,\"docs_per_s\":%.2f,\"ms_per_doc\":%.5f,"
                        "\"bytes\":%zu,\"rss_mb\":%.2f,\"threads\":%d,\"level\":%d,\"identical\":%s,\"digest\":\"%016llx\","
                        "\"xml_bytes\":%zu,\"missing\":%zu,\"parse_ms\":%.3f,\"input_ms\":%.3f,\"rss_growth_mb\":%.2f",
                        engine.c_str(), docs, seconds, docs / seconds, 1000.0 * seconds * args.threads / docs, first.size(),
                        max_rss_mb(), args.threads, options.compression_level, identical ? "true" : "false",
                        static_cast<unsigned long long>(fnv1a(first)), xml.size(), missing, parse_ms, input_ms,
                        rss_growth);
  std::string json(line, static_cast<std::size_t>(n));
  if (args.rows >= 0) json += ",\"rows\":" + std::to_string(args.rows);
  if (args.paragraphs >= 0) json += ",\"paragraphs\":" + std::to_string(args.paragraphs);

  if (args.phases) {
    // Each phase alone, median of 7 batches. render_part allocates its string afresh (render()
    // reuses a per-thread one), so render_ms is an upper bound for the XML writing in render().
    const int inner = std::max(1, static_cast<int>(std::min<long>(args.docs / 7, 400)));
    const double whole_ms = median_ms(7, inner, [&] { vanthu::render(*tpl, data, options); });
    const double render_ms = median_ms(7, inner, [&] { vanthu::render_part(*tpl, "word/document.xml", data); });
    const double deflate_ms = median_ms(7, inner, [&] { vanthu::zip_compress("word/document.xml", xml, options.compression_level); });
    char more[256];
    std::snprintf(more, sizeof more, ",\"whole_ms\":%.5f,\"render_ms\":%.5f,\"deflate_ms\":%.5f,\"copy_ms\":%.5f", whole_ms,
                  render_ms, deflate_ms, std::max(0.0, whole_ms - render_ms - deflate_ms));
    json += more;
  }
  json += "}";
  std::cout << json << std::endl;
  return identical ? 0 : 1;
}
