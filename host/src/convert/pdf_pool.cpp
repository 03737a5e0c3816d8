#include "convert/pdf_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "convert/protocol.hpp"

extern char** environ;

namespace vanthu::host {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using convert::AnswerStatus;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string seconds_text(double s) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f s", s);
  return text;
}

//! One vanthu-convert process and the two pipes to it.
class WorkerProcess {
 public:
  ~WorkerProcess() { kill(); }

  //! fork/exec; false (why in `error`) when it cannot.
  bool start(const PdfPoolSettings& settings, const fs::path& profile, std::string& error) {
    int to_child[2], from_child[2];
    if (::pipe2(to_child, O_CLOEXEC) != 0) {
      error = std::string("pipe: ") + std::strerror(errno);
      return false;
    }
    if (::pipe2(from_child, O_CLOEXEC) != 0) {
      error = std::string("pipe: ") + std::strerror(errno);
      ::close(to_child[0]);
      ::close(to_child[1]);
      return false;
    }
    // Everything the child needs is made before fork: after it, only async-signal-safe calls.
    std::vector<std::string> args = {settings.worker.string(), "--profile=" + profile.string(),
                                     "--office=" + settings.office.string()};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
      error = std::string("fork: ") + std::strerror(errno);
      for (int fd : {to_child[0], to_child[1], from_child[0], from_child[1]}) ::close(fd);
      return false;
    }
    if (pid == 0) {
      ::setpgid(0, 0);  // its own group: a kill reaches whatever LibreOffice may have started
      ::prctl(PR_SET_PDEATHSIG, SIGKILL);
      if (::getppid() != parent) ::_exit(127);
      ::dup2(to_child[0], 0);
      ::dup2(from_child[1], 1);
      ::syscall(SYS_close_range, 3u, ~0u, 0u);
      ::signal(SIGPIPE, SIG_DFL);
      sigset_t none;
      sigemptyset(&none);
      ::sigprocmask(SIG_SETMASK, &none, nullptr);  // the server blocks SIGTERM/SIGINT in its threads
      ::execve(argv[0], argv.data(), environ);
      ::_exit(127);
    }
    ::setpgid(pid, pid);
    ::close(to_child[0]);
    ::close(from_child[1]);
    pid_ = pid;
    in_ = to_child[1];
    out_ = from_child[0];
    ::fcntl(in_, F_SETFL, ::fcntl(in_, F_GETFL) | O_NONBLOCK);
    ::fcntl(out_, F_SETFL, ::fcntl(out_, F_GETFL) | O_NONBLOCK);
    return true;
  }

  enum class Outcome { answered, died, timed_out };

  //! Sends `request` (may be empty: only wait for an answer) and reads one answer before
  //! `deadline`.
  Outcome exchange(std::string_view request, Clock::time_point deadline, AnswerStatus& status, std::string& payload,
                   std::string& error, const std::atomic<bool>* cancel = nullptr) {
    std::string answer;
    std::uint64_t expected = 0;  // payload length, once the 16-byte head is in
    bool head = false;
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (cancel && *cancel) {
        error = "the PDF pool is stopping";
        return Outcome::timed_out;
      }
      if (left <= 0) {
        error = "no answer in time";
        return Outcome::timed_out;
      }
      pollfd fds[2] = {{out_, POLLIN, 0}, {in_, POLLOUT, 0}};
      const nfds_t count = request.empty() ? 1 : 2;
      int ready = ::poll(fds, count, static_cast<int>(std::min<long long>(left, 1000)));
      if (ready < 0 && errno != EINTR) {
        error = std::string("poll: ") + std::strerror(errno);
        return Outcome::died;
      }
      if (ready <= 0) continue;
      if (count == 2 && (fds[1].revents & (POLLOUT | POLLERR | POLLHUP))) {
        ssize_t n = ::write(in_, request.data(), std::min<std::size_t>(request.size(), 1 << 20));
        if (n < 0 && errno != EAGAIN && errno != EINTR) {
          error = "the worker closed its input";
          return Outcome::died;
        }
        if (n > 0) request.remove_prefix(static_cast<std::size_t>(n));
      }
      if (fds[0].revents & (POLLIN | POLLERR | POLLHUP)) {
        char buffer[65536];
        ssize_t n = ::read(out_, buffer, sizeof buffer);
        if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
        if (n <= 0) {
          error = "the worker ended its output";
          return Outcome::died;
        }
        answer.append(buffer, static_cast<std::size_t>(n));
        if (!head && answer.size() >= 16) {
          if (std::memcmp(answer.data(), convert::kAnswerMagic, 4) != 0) {
            error = "malformed answer";
            return Outcome::died;
          }
          const auto* bytes = reinterpret_cast<const unsigned char*>(answer.data());
          status = static_cast<AnswerStatus>(convert::get_le(bytes + 4, 4));
          expected = convert::get_le(bytes + 8, 8);
          if (expected > convert::kMaxBody) {
            error = "answer too large";
            return Outcome::died;
          }
          head = true;
        }
        if (head && answer.size() >= 16 + expected) {
          if (answer.size() > 16 + expected) {
            error = "bytes after the answer";
            return Outcome::died;
          }
          payload = answer.substr(16);
          return Outcome::answered;
        }
      }
    }
  }

  //! Closes its input (a worker ends at end of input) and waits up to `grace`; then kills.
  void stop(std::chrono::milliseconds grace) {
    if (pid_ <= 0) return;
    close_pipes();
    const auto until = Clock::now() + grace;
    while (Clock::now() < until) {
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = -1;
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill();
  }

  //! SIGKILL to its process group, and reaps it; returns how it ended ("signal 9", "exit 0").
  std::string kill() {
    close_pipes();
    if (pid_ <= 0) return {};
    ::kill(-pid_, SIGKILL);
    ::kill(pid_, SIGKILL);
    int status = 0;
    std::string how;
    if (::waitpid(pid_, &status, 0) == pid_)
      how = WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status)) : "exit " + std::to_string(WEXITSTATUS(status));
    pid_ = -1;
    return how;
  }

  //! How an ended process ended, reaping it ("" while it runs).
  std::string ended() {
    if (pid_ <= 0) return "gone";
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) != pid_) return {};
    pid_ = -1;
    return WIFSIGNALED(status) ? "signal " + std::to_string(WTERMSIG(status)) : "exit " + std::to_string(WEXITSTATUS(status));
  }

  pid_t pid() const { return pid_; }

 private:
  void close_pipes() {
    if (in_ >= 0) ::close(in_);
    if (out_ >= 0) ::close(out_);
    in_ = out_ = -1;
  }
  pid_t pid_ = -1;
  int in_ = -1, out_ = -1;
};

std::string request_frame(const PdfJob& job) {
  std::string header = std::string("format=") + (job.pdfa ? "pdfa" : "pdf") + "\n";
  if (!job.created.empty() && job.created.find('\n') == std::string::npos) header += "created=" + job.created + "\n";
  for (const auto& name : job.bookmarks)
    if (name.find('\n') == std::string::npos) header += "bookmark=" + name + "\n";
  if (header.size() > convert::kMaxHeader) header.resize(header.rfind('\n', convert::kMaxHeader - 1) + 1);
  std::string frame(convert::kRequestMagic, 4);
  convert::put_u32(frame, static_cast<std::uint32_t>(header.size()));
  frame += header;
  convert::put_u64(frame, job.docx.size());
  frame += job.docx;
  return frame;
}

}  // namespace

struct PdfPool::Job {
  std::string frame;
  enum class State { queued, running, done } state = State::queued;
  Conversion result;
};

struct PdfPool::Slot {
  int number = 0;
  fs::path profile;
  std::thread thread;
  WorkerProcess process;
  bool running = false;  //!< process started and warm
  int conversions = 0;
};

PdfPool::PdfPool(PdfPoolSettings settings, Poco::Logger& log) : settings_(std::move(settings)), log_(log) {}

void PdfPool::start() {
  if (settings_.workers <= 0 || !slots_.empty()) return;
  ::signal(SIGPIPE, SIG_IGN);  // a worker that dies while we write to it is an EPIPE, not our end
  remove_stale_profiles();
  for (int n = 1; n <= settings_.workers; ++n) {
    auto slot = std::make_unique<Slot>();
    slot->number = n;
    slot->profile = settings_.profiles_dir / ("worker-" + std::to_string(::getpid()) + "-" + std::to_string(n));
    slots_.push_back(std::move(slot));
  }
  for (auto& slot : slots_) slot->thread = std::thread([this, s = slot.get()] { run_slot(*s); });
}

PdfPool::~PdfPool() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    closing_ = true;
    for (auto& job : queue_) {
      job->state = Job::State::done;
      job->result.status = Conversion::Status::unavailable;
      job->result.detail = "the PDF pool is stopping";
    }
    queue_.clear();
  }
  changed_.notify_all();
  for (auto& slot : slots_)
    if (slot->thread.joinable()) slot->thread.join();
  std::error_code error;
  for (auto& slot : slots_) fs::remove_all(slot->profile, error);
}

//! worker-<pid>-<n> of a process that is gone: left by a server killed with SIGKILL.
void PdfPool::remove_stale_profiles() {
  std::error_code error;
  fs::create_directories(settings_.profiles_dir, error);
  for (fs::directory_iterator it(settings_.profiles_dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("worker-", 0) != 0) continue;
    const std::size_t dash = name.find('-', 7);
    const std::string pid_text = name.substr(7, dash == std::string::npos ? std::string::npos : dash - 7);
    if (pid_text.empty() || pid_text.find_first_not_of("0123456789") != std::string::npos || pid_text.size() > 9) continue;
    const pid_t owner = static_cast<pid_t>(std::stol(pid_text));
    if (owner != ::getpid() && ::kill(owner, 0) == 0) continue;  // a live server's (or ours, from an earlier pool)
    if (owner != ::getpid() && errno == EPERM) continue;
    std::error_code removed;
    fs::remove_all(it->path(), removed);
    log_.information("Xóa hồ sơ LibreOffice của bộ chuyển PDF đã dừng (stale PDF worker profile removed): " + it->path().string());
  }
}

int PdfPool::ready_workers() const {
  std::lock_guard lock(mutex_);
  return ready_;
}

bool PdfPool::wait_until_ready(std::chrono::milliseconds limit) const {
  std::unique_lock lock(mutex_);
  return changed_.wait_for(lock, limit, [&] { return stopping_ || ready_ >= settings_.workers; }) && !stopping_;
}

std::shared_ptr<PdfPool::Job> PdfPool::take() {
  std::unique_lock lock(mutex_);
  changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
  if (stopping_) return nullptr;
  std::shared_ptr<Job> job = queue_.front();
  queue_.pop_front();
  job->state = Job::State::running;
  ++converting_;
  changed_.notify_all();
  return job;
}

Conversion PdfPool::convert(PdfJob request) {
  Conversion refused;
  if (settings_.workers <= 0) {
    refused.detail = "no PDF workers (--pdf-workers=0)";
    return refused;
  }
  auto job = std::make_shared<Job>();
  job->frame = request_frame(request);
  std::unique_lock lock(mutex_);
  if (stopping_) {
    refused.detail = "the PDF pool is stopping";
    return refused;
  }
  // Room: one per idle warm worker, and `queue` more waiting.
  const std::size_t idle = static_cast<std::size_t>(std::max(0, ready_ - converting_));
  if (queue_.size() >= settings_.queue + idle) {
    refused.status = Conversion::Status::busy;
    ++counts_.refused;
    // About how long the queue ahead takes to drain, at a second a document per worker.
    refused.retry_after_s = 1 + static_cast<int>(queue_.size() / static_cast<std::size_t>(settings_.workers));
    refused.detail = "PDF queue full (" + std::to_string(queue_.size()) + " waiting)";
    return refused;
  }
  queue_.push_back(job);
  changed_.notify_all();
  // In the queue at most `timeout` (30 s at least, the time a restarted worker needs to start
  // again): no worker may be able to start. Then the worker's own deadline bounds the conversion.
  const auto queue_limit = std::max<std::chrono::milliseconds>(settings_.timeout, std::chrono::seconds(30));
  if (!changed_.wait_for(lock, queue_limit, [&] { return job->state != Job::State::queued; })) {
    for (auto it = queue_.begin(); it != queue_.end(); ++it) {
      if (*it == job) {
        queue_.erase(it);
        break;
      }
    }
    refused.detail = "no PDF worker free within " + seconds_text(queue_limit.count() / 1000.0);
    refused.retry_after_s = 5;
    return refused;
  }
  changed_.wait(lock, [&] { return job->state == Job::State::done; });
  return std::move(job->result);
}

PdfPool::Stats PdfPool::stats() const {
  std::lock_guard lock(mutex_);
  Stats s = counts_;
  s.queued = queue_.size();
  s.ready = ready_;
  s.converting = converting_;
  return s;
}

void PdfPool::run_slot(Slot& slot) {
  const std::string who = "Bộ chuyển PDF " + std::to_string(slot.number);
  int failed_starts = 0;
  bool wipe_profile = true;
  auto set_ready = [&](bool ready) {
    std::lock_guard lock(mutex_);
    if (ready != slot.running) ready_ += ready ? 1 : -1;
    slot.running = ready;
    changed_.notify_all();
  };
  auto stopping = [&] {
    std::lock_guard lock(mutex_);
    return stopping_;
  };
  while (!stopping()) {
    if (!slot.running) {
      if (failed_starts > 0) {
        // 1, 2, 4 … 30 s between failed starts, waking early when the pool stops.
        const auto pause = std::chrono::seconds(std::min(30, 1 << std::min(failed_starts - 1, 5)));
        std::unique_lock lock(mutex_);
        changed_.wait_for(lock, pause, [&] { return stopping_; });
        if (stopping_) break;
      }
      std::error_code error;
      if (wipe_profile) fs::remove_all(slot.profile, error);
      fs::create_directories(slot.profile, error);
      const auto started = Clock::now();
      std::string why;
      if (!slot.process.start(settings_, slot.profile, why)) {
        ++failed_starts;
        log_.error(who + " không khởi động được (cannot start " + settings_.worker.string() + "): " + why);
        continue;
      }
      AnswerStatus status{};
      std::string payload;
      bool warm = slot.process.exchange({}, started + settings_.start_timeout, status, payload, why, &closing_) ==
                      WorkerProcess::Outcome::answered && status == AnswerStatus::ok;
      if (warm && !settings_.warmup_docx.empty()) {
        PdfJob warmup;
        warmup.docx = settings_.warmup_docx;
        warm = slot.process.exchange(request_frame(warmup), started + settings_.start_timeout, status, payload, why, &closing_) ==
                   WorkerProcess::Outcome::answered && status == AnswerStatus::ok;
        if (!warm && why.empty()) why = payload;
      }
      if (!warm) {
        const std::string how = slot.process.kill();
        if (closing_) break;
        ++failed_starts;
        wipe_profile = true;
        log_.error(who + " không sẵn sàng (PDF worker failed to start): " + why + (how.empty() ? "" : " (" + how + ")"));
        continue;
      }
      failed_starts = 0;
      wipe_profile = false;
      slot.conversions = 0;
      log_.information(who + " sẵn sàng (PDF worker ready): pid=" + std::to_string(slot.process.pid()) + ", " +
                       seconds_text(seconds_since(started)));
      set_ready(true);
    }

    std::shared_ptr<Job> job = take();
    if (!job) break;
    AnswerStatus status{};
    std::string payload, why;
    const auto started = Clock::now();
    const auto outcome = slot.process.exchange(job->frame, started + settings_.timeout, status, payload, why);
    job->frame.clear();
    Conversion result;
    const pid_t pid = slot.process.pid();
    if (outcome == WorkerProcess::Outcome::answered) {
      ++slot.conversions;
      if (status == AnswerStatus::ok) {
        result.status = Conversion::Status::ok;
        result.pdf = std::move(payload);
      } else {
        result.status = Conversion::Status::failed;
        result.detail = "PDF worker pid=" + std::to_string(pid) + ": " + payload;
        if (status == AnswerStatus::bad_request) {
          slot.process.kill();
          set_ready(false);
        }
      }
    } else {
      const std::string how = slot.process.kill();
      set_ready(false);
      wipe_profile = true;
      result.status = Conversion::Status::failed;
      result.retry_after_s = 2;
      result.detail = "PDF worker pid=" + std::to_string(pid) +
                      (outcome == WorkerProcess::Outcome::timed_out ? " killed after " + seconds_text(seconds_since(started))
                                                                    : " died: " + why) +
                      (how.empty() ? "" : " (" + how + ")");
      log_.error(who + (outcome == WorkerProcess::Outcome::timed_out ? " quá thời gian, đã dừng (timed out, killed): "
                                                                     : " ngừng giữa chừng (crashed): ") +
                 result.detail + "; khởi động lại (restarting)");
    }
    {
      std::lock_guard lock(mutex_);
      ++(result.status == Conversion::Status::ok ? counts_.converted : counts_.failed);
      if (outcome != WorkerProcess::Outcome::answered) ++counts_.restarts_crashed;
      job->result = std::move(result);
      job->state = Job::State::done;
      --converting_;
    }
    changed_.notify_all();
    if (slot.running && slot.conversions >= settings_.recycle_after) {
      {
        std::lock_guard lock(mutex_);
        ++counts_.restarts_recycled;
      }
      log_.information(who + " khởi động lại sau " + std::to_string(slot.conversions) +
                       " lần chuyển (recycled): pid=" + std::to_string(slot.process.pid()));
      set_ready(false);
      slot.process.stop(std::chrono::seconds(5));
      const std::string how = slot.process.ended();
      (void)how;
    } else if (slot.running) {
      if (std::string how = slot.process.ended(); !how.empty()) {
        set_ready(false);
        wipe_profile = true;
        {
          std::lock_guard lock(mutex_);
          ++counts_.restarts_crashed;
        }
        log_.error(who + " đã dừng (PDF worker ended): " + how + "; khởi động lại (restarting)");
      }
    }
  }
  set_ready(false);
  slot.process.stop(std::chrono::seconds(5));
}

}  // namespace vanthu::host
