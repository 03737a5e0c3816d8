//! A warm pool of `vanthu-convert` workers (host/convert/worker_main.cpp): LibreOffice processes
//! started once, each converting one DOCX to PDF at a time, so a request never waits for an
//! office to start.
//!
//! Each worker slot has a thread that owns its process: it starts it (fork/exec, its own
//! LibreOffice profile DIR/lo-profiles/worker-<server pid>-<n>), converts a small document to warm
//! it, then takes requests from one bounded queue. A worker is started again after
//! `recycle_after` conversions (LibreOffice's memory only grows), when it dies, and when a
//! conversion takes longer than `timeout` (the process group is killed with SIGKILL); its profile
//! is wiped then, since a killed office may leave it half written. The request that was being
//! converted gets Conversion::Status::failed and the next one a fresh worker. Profile
//! directories of servers that no longer run (a kill -9) are removed when a pool starts.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Logger.h>

namespace vanthu::host {

struct PdfPoolSettings {
  std::filesystem::path worker;          //!< the vanthu-convert executable
  std::filesystem::path profiles_dir;    //!< DATA_DIR/lo-profiles
  std::filesystem::path office = "/usr/lib/libreoffice/program";
  int workers = 2;                       //!< processes (one conversion each at a time); 0: no PDF
  std::size_t queue = 16;                //!< requests waiting for a worker; one more is refused (busy)
  std::chrono::milliseconds timeout{60000};        //!< one conversion; the worker is killed past it
  std::chrono::milliseconds start_timeout{120000}; //!< LibreOffice's start in a new worker
  int recycle_after = 200;               //!< conversions before a worker is started again
  std::string warmup_docx;               //!< converted once by each new worker (empty: none)
};

//! What a caller asks for: the DOCX and how the PDF should be made.
struct PdfJob {
  std::string docx;
  bool pdfa = false;                   //!< PDF/A-2b
  std::string created;                 //!< W3CDTF: the PDF's creation date (else the clock)
  std::vector<std::string> bookmarks;  //!< destination names to keep as the DOCX spells them
};

struct Conversion {
  enum class Status {
    ok,           //!< pdf is set
    busy,         //!< the queue is full (retry_after_s)
    failed,       //!< the worker died, timed out or could not convert (detail)
    unavailable,  //!< no worker (none configured, none could start, pool stopping)
  };
  Status status = Status::unavailable;
  std::string pdf;
  int retry_after_s = 1;
  std::string detail;  //!< for the log, never for users
};

class PdfPool {
 public:
  //! A pool that starts nothing yet: requests wait in the queue until start().
  PdfPool(PdfPoolSettings settings, Poco::Logger& log);
  //! Removes stale profiles and starts the workers' threads (they start and warm their
  //! processes in the background). Once.
  void start();
  //! Stops taking requests, fails the queued ones, ends every worker.
  ~PdfPool();
  PdfPool(const PdfPool&) = delete;
  PdfPool& operator=(const PdfPool&) = delete;

  //! Converts, waiting for a worker (at most `timeout` in the queue, then `timeout` converting).
  Conversion convert(PdfJob job);

  int workers() const { return settings_.workers; }
  //! Workers started and warm (idle or converting).
  int ready_workers() const;
  //! Blocks until every worker is warm or `limit` passes; true when all are.
  bool wait_until_ready(std::chrono::milliseconds limit) const;

  //! What the pool is doing and has done, for /metrics.
  struct Stats {
    std::size_t queued = 0;        //!< requests waiting for a worker now
    int ready = 0;                 //!< workers warm now
    int converting = 0;            //!< of those, converting now
    std::uint64_t converted = 0;   //!< conversions that gave a PDF
    std::uint64_t failed = 0;      //!< conversions that did not (the document, a crash, a timeout)
    std::uint64_t refused = 0;     //!< requests refused because the queue was full (429)
    std::uint64_t restarts_crashed = 0;   //!< workers started again after a crash, a timeout or an exit
    std::uint64_t restarts_recycled = 0;  //!< workers started again after recycle_after conversions
  };
  Stats stats() const;

 private:
  struct Job;
  struct Slot;
  void run_slot(Slot& slot);
  std::shared_ptr<Job> take();
  void remove_stale_profiles();

  PdfPoolSettings settings_;
  Poco::Logger& log_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::deque<std::shared_ptr<Job>> queue_;
  bool stopping_ = false;
  std::atomic<bool> closing_{false};  //!< stopping_, readable without the lock (a start in progress gives up)
  int ready_ = 0;       //!< workers started and warm
  int converting_ = 0;  //!< of those, converting now
  Stats counts_;        //!< the counters of stats() (under mutex_)
  std::vector<std::unique_ptr<Slot>> slots_;
};

}  // namespace vanthu::host
