#include "http/server.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <ctime>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/SocketAddress.h>

#include "http/parser.hpp"

namespace vanthu::host::http {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kListenerKey = 0;
constexpr std::uint64_t kWakeKey = 1;
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kMaxLingerBytes = 32u << 20;   //!< bytes drained after a refusal, so the answer is not reset
constexpr auto kLingerTime = std::chrono::seconds(2);
constexpr auto kSweepEvery = std::chrono::milliseconds(100);

std::string peer_text(const sockaddr_storage& address) {
  char text[INET6_ADDRSTRLEN] = "?";
  int port = 0;
  if (address.ss_family == AF_INET) {
    const auto* a = reinterpret_cast<const sockaddr_in*>(&address);
    ::inet_ntop(AF_INET, &a->sin_addr, text, sizeof text);
    port = ntohs(a->sin_port);
    return std::string(text) + ":" + std::to_string(port);
  }
  if (address.ss_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(&address);
    ::inet_ntop(AF_INET6, &a->sin6_addr, text, sizeof text);
    port = ntohs(a->sin6_port);
    return "[" + std::string(text) + "]:" + std::to_string(port);
  }
  return text;
}

std::string http_date() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return text;
}

//! A header value as it may go on the wire: no CR or LF (response splitting).
std::string wire_value(const std::string& value) {
  if (value.find_first_of("\r\n") == std::string::npos) return value;
  std::string out;
  for (char c : value) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  return out;
}

struct Connection {
  enum class State {
    head,       //!< waiting for (the rest of) a request's head
    body,       //!< reading its body
    waiting,    //!< complete, with a worker (nothing read meanwhile: pipelined bytes wait)
    writing,    //!< sending the response
    lingering,  //!< answered and half-closed; what the client still sends is drained
  };

  std::uint64_t key = 0;
  int fd = -1;
  std::string peer;
  State state = State::head;
  std::uint32_t interest = 0;    //!< epoll events asked for
  bool registered = true;        //!< still in the epoll set
  std::string in;                //!< received, not yet parsed
  bool head_started = false;     //!< a byte of the next request has arrived
  std::size_t scanned = 0;       //!< bytes of `in` already searched for the head's end
  Clock::time_point deadline;
  Request request;
  HeadInfo info;
  std::size_t limit = 0;
  std::uint64_t body_left = 0;
  ChunkedDecoder chunks;
  std::size_t reserved = 0;      //!< bytes counted against max_buffered_bodies
  bool keep_alive = true;
  bool head_method = false;
  bool broken = false;           //!< the peer went away while a worker had its request
  std::size_t served = 0;
  std::string out_head;
  std::string out_body;
  std::size_t out_done = 0;
  std::shared_ptr<const FileBody> out_file;  //!< sent after out_body, from file_sent on
  std::uint64_t file_sent = 0;
  std::size_t lingered = 0;
};

struct Job {
  std::uint64_t key;
  Request request;
};

struct Done {
  std::uint64_t key;
  Response response;
};

}  // namespace

class Server::Impl {
 public:
  Impl(ServerSettings settings, std::shared_ptr<Handler> handler, Poco::Logger& log)
      : settings_(std::move(settings)), handler_(std::move(handler)), log_(log) {
    limits_.max_request_line = settings_.max_request_line;
    limits_.max_headers = settings_.max_headers;
    limits_.allowed_host_names = settings_.allowed_hosts;
  }

  ~Impl() { stop(); }

  void start() {
    listener_.bind(Poco::Net::SocketAddress(settings_.host, static_cast<Poco::UInt16>(settings_.port)), true, false);
    listener_.listen(1024);
    listener_.setBlocking(false);
    port_ = listener_.address().port();
    listen_fd_ = listener_.impl()->sockfd();
    epoll_ = ::epoll_create1(EPOLL_CLOEXEC);
    wake_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (epoll_ < 0 || wake_ < 0) throw std::system_error(errno, std::generic_category(), "epoll/eventfd");
    add(listen_fd_, EPOLLIN, kListenerKey);
    add(wake_, EPOLLIN, kWakeKey);
    running_ = true;
    for (int i = 0; i < std::max(1, settings_.workers); ++i) workers_.emplace_back([this] { work(); });
    loop_ = std::thread([this] { run(); });
  }

  int port() const { return port_; }

  void stop() {
    if (!running_.exchange(false)) return;
    stopping_ = true;
    wake();
    if (loop_.joinable()) loop_.join();
    {
      std::lock_guard lock(jobs_mutex_);
      workers_stop_ = true;
    }
    jobs_ready_.notify_all();
    for (auto& worker : workers_)
      if (worker.joinable()) worker.join();
    workers_.clear();
    if (wake_ >= 0) ::close(wake_);
    if (epoll_ >= 0) ::close(epoll_);
    wake_ = epoll_ = -1;
  }

 private:
  // --- the event loop ------------------------------------------------------------------------

  void run() {
    epoll_event events[256];
    auto next_sweep = Clock::now() + kSweepEvery;
    bool shutting_down = false;
    Clock::time_point grace_end;
    for (;;) {
      int n = ::epoll_wait(epoll_, events, 256, static_cast<int>(kSweepEvery.count()));
      if (n < 0 && errno != EINTR) {
        log_.error(std::string("epoll_wait: ") + std::strerror(errno));
        break;
      }
      for (int i = 0; i < n; ++i) {
        const std::uint64_t key = events[i].data.u64;
        if (key == kListenerKey) {
          accept_all();
        } else if (key == kWakeKey) {
          std::uint64_t ignored;
          while (::read(wake_, &ignored, sizeof ignored) > 0) {
          }
          take_done();
        } else if (auto it = connections_.find(key); it != connections_.end()) {
          on_event(*it->second, events[i].events);
        }
      }
      bury();
      const auto now = Clock::now();
      if (now >= next_sweep) {
        sweep(now);
        next_sweep = now + kSweepEvery;
      }
      if (stopping_ && !shutting_down) {
        shutting_down = true;
        grace_end = now + settings_.shutdown_grace;
        begin_shutdown();
      }
      if (shutting_down) {
        take_done();
        bury();
        if (connections_.empty() || now >= grace_end) break;
      }
    }
    for (auto& [key, c] : connections_) {
      c->state = Connection::State::head;
      close_connection(*c);
    }
    dead_.clear();
    connections_.clear();
  }

  void begin_shutdown() {
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, listen_fd_, nullptr);
    listener_.close();
    std::vector<Connection*> idle;
    for (auto& [key, c] : connections_) {
      c->keep_alive = false;
      if (c->state == Connection::State::head && !c->head_started) idle.push_back(c.get());
    }
    for (auto* c : idle) close_connection(*c);
  }

  void accept_all() {
    for (;;) {
      sockaddr_storage address{};
      socklen_t length = sizeof address;
      int fd = ::accept4(listen_fd_, reinterpret_cast<sockaddr*>(&address), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE) log_.warning("accept: hết mô tả tệp (out of file descriptors)");
        return;
      }
      int one = 1;
      ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
      if (connections_.size() >= settings_.max_connections || stopping_) {
        refuse_connection(fd, peer_text(address));
        continue;
      }
      auto c = std::make_unique<Connection>();
      c->key = next_key_++;
      c->fd = fd;
      c->peer = peer_text(address);
      c->deadline = Clock::now() + settings_.head_timeout;
      c->interest = EPOLLIN | EPOLLRDHUP;
      add(fd, c->interest, c->key);
      connections_.emplace(c->key, std::move(c));
    }
  }

  //! Past max_connections: a 503 sent at once (a new connection's buffer is empty), then closed.
  void refuse_connection(int fd, const std::string& peer) {
    if (busy_answer_.empty()) {
      Response r = handler_->error(503, "server_busy",
                                   "Máy chủ đang phục vụ quá nhiều kết nối. Vui lòng thử lại sau ít giây.");
      r.set("Retry-After", "1");
      r.close = true;
      busy_answer_ = serialize_head(r, r.body.size(), false, 1) + r.body;
    }
    [[maybe_unused]] ssize_t sent = ::send(fd, busy_answer_.data(), busy_answer_.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(fd, SHUT_WR);
    ::close(fd);
    handler_->log_refused(peer, "(kết nối thứ " + std::to_string(connections_.size() + 1) + ")", 503);
  }

  void on_event(Connection& c, std::uint32_t events) {
    using S = Connection::State;
    if (c.fd < 0) return;
    if (c.state == S::waiting) {
      // Only HUP/ERR reach a waiting connection; they repeat until the fd leaves the set.
      if (events & (EPOLLHUP | EPOLLERR)) {
        c.broken = true;
        remove(c);
      }
      return;
    }
    if (c.state == S::writing) {
      if (events & EPOLLERR) return close_connection(c);
      if (events & (EPOLLOUT | EPOLLHUP)) write_some(c);
      return;
    }
    if (events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) read_some(c);
  }

  void read_some(Connection& c) {
    using S = Connection::State;
    char buffer[kReadChunk];
    for (;;) {
      if (c.fd < 0 || (c.state != S::head && c.state != S::body && c.state != S::lingering)) return;
      // Never hold more than a head's worth of unparsed bytes.
      if (c.state == S::head && c.in.size() > settings_.max_head + kReadChunk) return;
      ssize_t n = ::recv(c.fd, buffer, sizeof buffer, 0);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) return;
        return close_connection(c);
      }
      if (n == 0) return peer_closed(c);
      if (c.state == S::lingering) {
        c.lingered += static_cast<std::size_t>(n);
        if (c.lingered > kMaxLingerBytes) return close_connection(c);
        continue;
      }
      c.in.append(buffer, static_cast<std::size_t>(n));
      if (!process(c)) return;  // closed
    }
  }

  void peer_closed(Connection& c) {
    using S = Connection::State;
    if (c.state == S::body) {
      const std::string got = std::to_string(c.request.body.size());
      const std::string of = c.info.body == HeadInfo::Body::length ? " trên " + std::to_string(c.info.length) : "";
      return refuse(c, 400, "incomplete_body",
                    "Dữ liệu gửi lên bị ngắt giữa chừng (nhận " + got + of + " byte).");
    }
    close_connection(c);
  }

  //! Parses what has arrived. Returns false when the connection was closed.
  bool process(Connection& c) {
    using S = Connection::State;
    for (;;) {
      if (c.fd < 0) return false;
      if (c.state == S::head) {
        if (!c.head_started) {
          // Empty lines before a request line are ignored (RFC 9112, 2.2).
          std::size_t skip = 0;
          while (skip + 1 < c.in.size() && c.in[skip] == '\r' && c.in[skip + 1] == '\n') skip += 2;
          if (skip) c.in.erase(0, skip);
          if (c.in.empty() || c.in == "\r") return true;
          c.head_started = true;
          c.scanned = 0;
          c.deadline = Clock::now() + settings_.head_timeout;
        }
        const std::size_t from = c.scanned > 3 ? c.scanned - 3 : 0;
        const std::size_t end = c.in.find("\r\n\r\n", from);
        if (end == std::string::npos) {
          c.scanned = c.in.size();
          if (c.in.find("\r\n") == std::string::npos && c.in.size() > settings_.max_request_line) {
            refuse(c, 414, "uri_too_long",
                   "Địa chỉ yêu cầu dài quá " + std::to_string(settings_.max_request_line) + " byte.");
            return false;
          }
          if (c.in.size() > settings_.max_head) {
            refuse(c, 431, "headers_too_large", head_too_large());
            return false;
          }
          return true;
        }
        if (end > settings_.max_head) {
          refuse(c, 431, "headers_too_large", head_too_large());
          return false;
        }
        c.request = Request{};
        c.request.peer = c.peer;
        c.info = HeadInfo{};
        std::optional<ParseError> error = parse_head(std::string_view(c.in).substr(0, end), limits_, c.request, c.info);
        c.in.erase(0, end + 4);
        c.head_started = false;
        c.head_method = c.request.method == "HEAD";
        if (error) {
          refuse(c, error->status, error->code, error->message);
          return false;
        }
        c.keep_alive = c.info.keep_alive && !stopping_ && ++c.served < settings_.max_requests_per_connection;
        c.limit = handler_->body_limit(c.request);
        c.chunks = ChunkedDecoder{};
        std::uint64_t expected = 0;
        if (c.info.body == HeadInfo::Body::length) {
          if (c.info.length > c.limit) {
            refuse(c, 413, "body_too_large", too_large(c.limit));
            return false;
          }
          expected = c.info.length;
          if (!reserve(c, static_cast<std::size_t>(expected))) return false;
          c.request.body.reserve(static_cast<std::size_t>(expected));
          c.body_left = expected;
        } else if (c.info.body == HeadInfo::Body::chunked) {
          expected = c.limit;
        }
        if (c.info.body == HeadInfo::Body::none) {
          dispatch(c);
          return c.fd >= 0;
        }
        if (c.info.expect_continue) {
          static const char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
          if (::send(c.fd, kContinue, sizeof kContinue - 1, MSG_NOSIGNAL | MSG_DONTWAIT) != sizeof kContinue - 1) {
            close_connection(c);
            return false;
          }
        }
        c.state = S::body;
        c.deadline = Clock::now() + settings_.body_timeout +
                     std::chrono::seconds(expected / std::max<std::size_t>(1, settings_.min_body_rate));
        continue;
      }
      if (c.state == S::body) {
        if (c.info.body == HeadInfo::Body::length) {
          const std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(c.body_left, c.in.size()));
          c.request.body.append(c.in, 0, take);
          c.in.erase(0, take);
          c.body_left -= take;
          if (c.body_left > 0) return true;
        } else {
          std::size_t used = 0;
          const std::size_t before = c.request.body.size();
          ChunkedDecoder::Status status = c.chunks.feed(c.in, used, c.request.body, c.limit);
          c.in.erase(0, used);
          if (status == ChunkedDecoder::Status::too_large) {
            refuse(c, 413, "body_too_large", too_large(c.limit));
            return false;
          }
          if (status == ChunkedDecoder::Status::malformed) {
            refuse(c, 400, "bad_request", "Yêu cầu HTTP sai định dạng: " + c.chunks.error());
            return false;
          }
          if (!reserve(c, c.request.body.size() - before)) return false;
          if (status == ChunkedDecoder::Status::more) return true;
        }
        dispatch(c);
        return c.fd >= 0;
      }
      return c.fd >= 0;
    }
  }

  std::string head_too_large() const {
    return "Phần đầu yêu cầu (dòng yêu cầu và các header) quá lớn: tối đa " + std::to_string(settings_.max_head) + " byte.";
  }
  static std::string too_large(std::size_t limit) {
    return "Dữ liệu gửi lên vượt quá giới hạn " + std::to_string(limit) + " byte.";
  }

  //! Counts `bytes` more of bodies held in memory; past the budget the request is refused (503).
  bool reserve(Connection& c, std::size_t bytes) {
    if (bytes == 0) return true;
    if (buffered_ + bytes > settings_.max_buffered_bodies) {
      refuse(c, 503, "server_busy", "Máy chủ đang nhận quá nhiều dữ liệu cùng lúc. Vui lòng thử lại sau ít giây.",
             /*retry_after=*/true);
      return false;
    }
    buffered_ += bytes;
    c.reserved += bytes;
    return true;
  }

  void release(Connection& c) {
    buffered_ -= c.reserved;
    c.reserved = 0;
  }

  //! The request is whole: to a worker, unless too many wait already (429).
  void dispatch(Connection& c) {
    c.state = Connection::State::waiting;
    set_interest(c, 0);
    {
      std::lock_guard lock(jobs_mutex_);
      if (jobs_.size() < settings_.max_queued) {
        jobs_.push_back({c.key, std::move(c.request)});
        c.request = Request{};
        jobs_ready_.notify_one();
        return;
      }
    }
    release(c);
    Response busy = handler_->error(429, "too_many_requests", "Máy chủ đang bận xử lý nhiều yêu cầu. Vui lòng thử lại sau ít giây.");
    busy.set("Retry-After", "1");
    handler_->log_refused(c.peer, c.request.method + " " + c.request.path, 429);
    respond(c, std::move(busy));
  }

  //! An answer from the front end itself: logged, sent, and the connection closed after it.
  void refuse(Connection& c, int status, const std::string& code, const std::string& message, bool retry_after = false) {
    release(c);
    Response r = handler_->error(status, code, message);
    if (retry_after) r.set("Retry-After", "1");
    r.close = true;
    std::string what = c.request.method.empty() ? std::string("-") : c.request.method + " " + c.request.path.substr(0, 200);
    handler_->log_refused(c.peer, what, status);
    respond(c, std::move(r));
  }

  void take_done() {
    std::deque<Done> done;
    {
      std::lock_guard lock(done_mutex_);
      done.swap(done_);
    }
    for (auto& d : done) {
      auto it = connections_.find(d.key);
      if (it == connections_.end()) continue;
      Connection& c = *it->second;
      release(c);
      if (c.broken) {
        c.state = Connection::State::head;
        close_connection(c);
        continue;
      }
      respond(c, std::move(d.response));
    }
  }

  std::string serialize_head(const Response& r, std::size_t length, bool keep_alive, int minor) const {
    std::string head;
    head.reserve(256);
    head += "HTTP/1.1 ";
    head += std::to_string(r.status);
    head += ' ';
    head += reason_phrase(r.status);
    head += "\r\n";
    for (const auto& h : r.headers) {
      if (h.name.empty()) continue;
      head += h.name;
      head += ": ";
      head += wire_value(h.value);
      head += "\r\n";
    }
    head += "Content-Length: " + std::to_string(length) + "\r\n";
    head += "Date: " + http_date() + "\r\n";
    if (!keep_alive) head += "Connection: close\r\n";
    else if (minor == 0) head += "Connection: keep-alive\r\n";
    head += "\r\n";
    return head;
  }

  void respond(Connection& c, Response r) {
    if (c.fd < 0) return;
    if (r.close) c.keep_alive = false;
    const bool no_body = c.head_method || r.status == 204 || r.status == 304;
    c.out_head = serialize_head(r, r.file ? r.file->size() : r.body.size(), c.keep_alive, c.request.minor_version);
    c.out_body = no_body ? std::string() : std::move(r.body);
    c.out_file = no_body ? nullptr : std::move(r.file);
    c.file_sent = 0;
    c.out_done = 0;
    c.state = Connection::State::writing;
    c.deadline = Clock::now() + settings_.write_timeout;
    if (!c.registered) {
      c.interest = 0;
      add(c.fd, 0, c.key);
      c.registered = true;
    }
    write_some(c);
  }

  void write_some(Connection& c) {
    const std::size_t total = c.out_head.size() + c.out_body.size();
    while (c.out_done < total) {
      iovec parts[2];
      int count = 0;
      if (c.out_done < c.out_head.size()) {
        parts[count++] = {c.out_head.data() + c.out_done, c.out_head.size() - c.out_done};
        if (!c.out_body.empty()) parts[count++] = {c.out_body.data(), c.out_body.size()};
      } else {
        const std::size_t at = c.out_done - c.out_head.size();
        parts[count++] = {c.out_body.data() + at, c.out_body.size() - at};
      }
      msghdr message{};
      message.msg_iov = parts;
      message.msg_iovlen = static_cast<std::size_t>(count);
      ssize_t n = ::sendmsg(c.fd, &message, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
          set_interest(c, EPOLLOUT);
          return;
        }
        return close_connection(c);
      }
      c.out_done += static_cast<std::size_t>(n);
      c.deadline = Clock::now() + settings_.write_timeout;
    }
    // A file body: from the page cache to the socket, a megabyte at a time as the client reads.
    while (c.out_file && c.file_sent < c.out_file->size()) {
      off_t offset = static_cast<off_t>(c.file_sent);
      const std::size_t piece = static_cast<std::size_t>(std::min<std::uint64_t>(c.out_file->size() - c.file_sent, 1u << 20));
      ssize_t n = ::sendfile(c.fd, c.out_file->fd(), &offset, piece);
      if (n < 0) {
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) {
          set_interest(c, EPOLLOUT);
          return;
        }
        return close_connection(c);
      }
      if (n == 0) return close_connection(c);  // the file is shorter than its Content-Length said
      c.file_sent += static_cast<std::uint64_t>(n);
      c.deadline = Clock::now() + settings_.write_timeout;
    }
    c.out_file.reset();
    c.out_head.clear();
    c.out_body.clear();
    c.out_body.shrink_to_fit();
    if (!c.keep_alive) {
      // Half-close and drain: closing with unread bytes would make the kernel reset the
      // connection and could destroy the answer on its way.
      ::shutdown(c.fd, SHUT_WR);
      c.state = Connection::State::lingering;
      c.deadline = Clock::now() + kLingerTime;
      c.in.clear();
      set_interest(c, EPOLLIN | EPOLLRDHUP);
      read_some(c);
      return;
    }
    c.state = Connection::State::head;
    c.request = Request{};
    c.head_started = false;
    c.deadline = Clock::now() + settings_.idle_timeout;
    set_interest(c, EPOLLIN | EPOLLRDHUP);
    // A pipelined request may be waiting in the buffer already.
    if (!c.in.empty() && !process(c)) return;
    if (c.fd >= 0 && c.state == Connection::State::head) read_some(c);
  }

  void sweep(Clock::time_point now) {
    using S = Connection::State;
    std::vector<Connection*> late;
    for (auto& [key, c] : connections_)
      if (c->state != S::waiting && now >= c->deadline) late.push_back(c.get());
    for (Connection* c : late) {
      if (c->fd < 0) continue;
      if ((c->state == S::head && c->head_started) || c->state == S::body) {
        refuse(*c, 408, "request_timeout", "Máy chủ chờ quá lâu mà chưa nhận đủ yêu cầu gửi lên.");
      } else {
        close_connection(*c);  // idle, a response nobody reads, or the drain after a refusal
      }
    }
  }

  //! Closes the socket now; the connection itself is erased at the end of the loop's turn (no
  //! caller up the stack is left holding a dangling reference), or, while a worker has its
  //! request, when the answer comes back.
  void close_connection(Connection& c) {
    release(c);
    if (c.fd >= 0) {
      if (c.registered) ::epoll_ctl(epoll_, EPOLL_CTL_DEL, c.fd, nullptr);
      c.registered = false;
      ::close(c.fd);
      c.fd = -1;
    }
    if (c.state == Connection::State::waiting) {
      c.broken = true;  // the worker's answer finds it gone
      return;
    }
    dead_.push_back(c.key);
  }

  void bury() {
    for (auto key : dead_) connections_.erase(key);
    dead_.clear();
  }

  void add(int fd, std::uint32_t events, std::uint64_t key) {
    epoll_event event{};
    event.events = events;
    event.data.u64 = key;
    ::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &event);
  }

  void remove(Connection& c) {
    if (!c.registered) return;
    ::epoll_ctl(epoll_, EPOLL_CTL_DEL, c.fd, nullptr);
    c.registered = false;
  }

  void set_interest(Connection& c, std::uint32_t events) {
    if (!c.registered || c.interest == events) return;
    c.interest = events;
    epoll_event event{};
    event.events = events;
    event.data.u64 = c.key;
    ::epoll_ctl(epoll_, EPOLL_CTL_MOD, c.fd, &event);
  }

  void wake() {
    if (wake_ < 0) return;
    std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_, &one, sizeof one);
  }

  // --- the workers ---------------------------------------------------------------------------

  void work() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(jobs_mutex_);
        jobs_ready_.wait(lock, [this] { return workers_stop_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      Response response;
      try {
        response = handler_->handle(job.request);
      } catch (const std::exception& e) {
        log_.error(job.request.method + " " + job.request.path.substr(0, 200) + ": " + std::string(e.what()).substr(0, 1000));
        response = handler_->error(500, "internal_error",
                                   "Đã xảy ra lỗi nội bộ. Vui lòng thử lại sau hoặc báo cho quản trị hệ thống.");
        response.close = true;
      } catch (...) {
        response = handler_->error(500, "internal_error",
                                   "Đã xảy ra lỗi nội bộ. Vui lòng thử lại sau hoặc báo cho quản trị hệ thống.");
        response.close = true;
      }
      job.request = Request{};  // the body is freed before the answer waits to be sent
      {
        std::lock_guard lock(done_mutex_);
        done_.push_back({job.key, std::move(response)});
      }
      wake();
    }
  }

  ServerSettings settings_;
  HeadLimits limits_;
  std::shared_ptr<Handler> handler_;
  Poco::Logger& log_;
  Poco::Net::ServerSocket listener_;
  int listen_fd_ = -1;
  int port_ = 0;
  int epoll_ = -1;
  int wake_ = -1;
  std::atomic<bool> running_{false};
  std::atomic<bool> stopping_{false};
  std::thread loop_;
  std::vector<std::thread> workers_;
  std::unordered_map<std::uint64_t, std::unique_ptr<Connection>> connections_;  // the loop's alone
  std::vector<std::uint64_t> dead_;  // closed, to erase at the end of the loop's turn
  std::uint64_t next_key_ = 2;
  std::size_t buffered_ = 0;  // the loop's alone
  std::string busy_answer_;

  std::mutex jobs_mutex_;
  std::condition_variable jobs_ready_;
  std::deque<Job> jobs_;
  bool workers_stop_ = false;
  std::mutex done_mutex_;
  std::deque<Done> done_;
};

Server::Server(ServerSettings settings, std::shared_ptr<Handler> handler, Poco::Logger& log)
    : impl_(std::make_unique<Impl>(std::move(settings), std::move(handler), log)) {}

Server::~Server() = default;

void Server::start() { impl_->start(); }
int Server::port() const { return impl_->port(); }
void Server::stop() { impl_->stop(); }

}  // namespace vanthu::host::http
