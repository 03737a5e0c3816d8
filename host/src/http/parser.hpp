//! Strict HTTP/1.1 request parsing (RFC 9110, 9112): the head, and the chunked transfer coding.
//! Anything a well-behaved client would never send is an error with a status, never a guess:
//! the same bytes must mean the same request to every server and proxy on the way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.hpp"

namespace vanthu::host::http {

//! Why a request is refused before the API sees it.
struct ParseError {
  int status = 400;
  std::string code;     //!< English, stable: "bad_request", "uri_too_long", ...
  std::string message;  //!< Vietnamese, for the person who sent it
};

struct HeadLimits {
  std::size_t max_request_line = 8192;
  std::size_t max_headers = 100;
  //! Host names (lower-case, without port) the service answers to, besides "localhost" and IP
  //! literals (which DNS rebinding cannot produce); "*" allows any.
  std::vector<std::string> allowed_host_names;
};

//! What the head says about the body and the connection.
struct HeadInfo {
  enum class Body { none, length, chunked } body = Body::none;
  std::uint64_t length = 0;     //!< Body::length; UINT64_MAX for a length too large to read
  bool expect_continue = false;
  bool keep_alive = true;       //!< HTTP/1.1 unless "Connection: close"; HTTP/1.0 only with keep-alive
};

//! Parses `head` — the request line and header lines, each ended by CRLF but the last, without
//! the blank line — into `request` (method, target, path, query, version, headers with
//! lower-case names). Returns the error when the head is not one this service accepts.
std::optional<ParseError> parse_head(std::string_view head, const HeadLimits& limits, Request& request, HeadInfo& info);

//! Decodes a chunked body as it arrives, in pieces of any size.
class ChunkedDecoder {
 public:
  enum class Status { more, done, malformed, too_large };
  //! Takes bytes from the front of `in` (`used` says how many), appends the data to `body`, which
  //! never grows past `limit`. done: the body and its trailers are complete, `in` past `used` is
  //! the next request.
  Status feed(std::string_view in, std::size_t& used, std::string& body, std::size_t limit);
  //! Why it was malformed (Vietnamese).
  const std::string& error() const { return error_; }

 private:
  Status malformed(std::string why);
  enum class State { size, data, data_end, trailer } state_ = State::size;
  std::uint64_t remaining_ = 0;
  std::string line_;
  std::size_t trailer_bytes_ = 0;
  std::string error_;
};

}  // namespace vanthu::host::http
