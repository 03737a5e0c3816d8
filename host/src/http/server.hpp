//! The HTTP/1.1 front end of `vanthu serve`: one event-loop thread (epoll) owns every connection
//! and reads each request whole — head and body, within limits and deadlines — before a worker
//! thread sees it; workers only run the API on complete requests, so slow, idle or hostile
//! clients hold a connection slot, never a worker.
//!
//! Why not Poco's HTTPServer: it keeps a thread for each keep-alive connection (a few hundred
//! idle connections starve the service), its timeout is per read (a client sending one byte
//! every 10 s holds a thread for ever), it leaves an unread body on the connection to be parsed
//! as the next request (request smuggling), and answers malformed heads with a reset or plain
//! text. Here:
//!   - the head must arrive whole within head_timeout of its first byte (408 otherwise), the
//!     body within body_timeout plus its length at min_body_rate; idle keep-alive connections
//!     are closed after idle_timeout;
//!   - every body is read exactly as its Content-Length or chunked coding frames it, whatever
//!     the route, up to the route's limit (413 beyond, without reading it); Content-Length with
//!     Transfer-Encoding, two differing lengths, a length that is not digits, any coding but
//!     "chunked", a malformed chunk: 400 and the connection is closed;
//!   - the request line and headers are parsed strictly (RFC 9110/9112): one space between the
//!     parts, HTTP/1.0 or 1.1 (505 for others), header names are tokens, no control characters
//!     (NUL included) in values, no line folding, no space before the colon, exactly one Host
//!     for HTTP/1.1 and, when allowed_hosts is set, one of those (DNS rebinding);
//!   - at most max_connections at once (a connection past that is answered 503 and closed),
//!     at most max_queued complete requests waiting for a worker (429 with Retry-After), and at
//!     most max_buffered_bodies bytes of bodies held in memory (503);
//!   - every error the front end gives is the API's JSON error (Handler::error);
//!   - stop(): stop accepting, close idle connections, finish the requests in progress and
//!     send their answers (Connection: close), within shutdown_grace.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <Poco/Logger.h>

#include "http/message.hpp"

namespace vanthu::host::http {

struct ServerSettings {
  std::string host = "127.0.0.1";
  int port = 8080;                               //!< 0: any free port (Server::port says which)
  int workers = 16;                              //!< requests handled at once
  std::size_t max_connections = 1024;            //!< open connections at once
  std::size_t max_queued = 256;                  //!< complete requests waiting for a worker
  std::size_t max_buffered_bodies = std::size_t{512} << 20;  //!< bytes of request bodies held at once
  std::size_t max_request_line = 8192;           //!< bytes; 414 beyond
  std::size_t max_head = 32768;                  //!< request line and headers, bytes; 431 beyond
  std::size_t max_headers = 100;                 //!< header fields; 431 beyond
  std::chrono::milliseconds head_timeout{10000}; //!< from a request's first byte to its blank line
  std::chrono::milliseconds idle_timeout{5000};  //!< a keep-alive connection waiting for its next request
  std::chrono::milliseconds body_timeout{30000}; //!< for the body, plus its length at min_body_rate
  std::size_t min_body_rate = 64 * 1024;         //!< bytes per second a long body must keep up
  std::chrono::milliseconds write_timeout{30000};  //!< a response that makes no progress
  std::chrono::milliseconds shutdown_grace{10000};
  std::size_t max_requests_per_connection = 1000;
  //! Host header values (without port, lower-case) the service answers to; empty: any.
  std::vector<std::string> allowed_hosts;
};

//! What the front end needs of the API.
class Handler {
 public:
  virtual ~Handler() = default;
  //! The largest body this request may carry, from its head alone (method, path, headers).
  virtual std::size_t body_limit(const Request& head) const = 0;
  //! The answer to a complete request; runs on a worker thread, concurrently with others.
  //! An exception becomes error(500, ...).
  virtual Response handle(Request& request) = 0;
  //! An error response in the API's format (JSON, Vietnamese message, English code).
  virtual Response error(int status, const std::string& code, const std::string& message) const = 0;
  //! One line per request answered by the front end itself (malformed, too large, too slow).
  virtual void log_refused(const std::string& peer, const std::string& what, int status) const = 0;
};

class Server {
 public:
  Server(ServerSettings settings, std::shared_ptr<Handler> handler, Poco::Logger& log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  //! Binds host:port and starts the event loop and the workers. Throws Poco::Exception when it
  //! cannot bind.
  void start();
  int port() const;
  //! Stops accepting, finishes the requests in progress (within shutdown_grace), closes the rest.
  void stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace vanthu::host::http
