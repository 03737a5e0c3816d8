//! One HTTP/1.1 request as the front end (server.hpp) hands it to the API, body read whole, and
//! the response the API gives back. Plain values: no sockets, no streams.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "access/policy.hpp"

namespace vanthu::host::http {

struct Header {
  std::string name;   //!< a request's header names are lower-case; a response's as written
  std::string value;  //!< without the surrounding spaces
};

struct Request {
  std::string method;            //!< "GET", as sent (methods are case-sensitive)
  std::string target;            //!< the request-target as sent: "/v1/report-types?x=1"
  std::string path;              //!< the target up to "?" (still percent-encoded)
  std::string query;             //!< after "?", without it
  int minor_version = 1;         //!< HTTP/1.minor_version
  std::vector<Header> headers;   //!< in the order sent
  bool has_body_framing = false; //!< Content-Length or Transfer-Encoding: chunked was sent
  std::string body;              //!< the whole body, de-chunked, never over the route's limit
  std::string peer;              //!< the client's address, for the log
  access::Principal who;         //!< set by the access guard before the handler runs

  //! The first header of that (lower-case) name, or nullptr.
  const std::string* header(std::string_view lower_name) const {
    for (const auto& h : headers)
      if (h.name == lower_name) return &h.value;
    return nullptr;
  }
  std::string header_or(std::string_view lower_name, std::string fallback = {}) const {
    const std::string* value = header(lower_name);
    return value ? *value : fallback;
  }
};

//! A body in a file instead of in memory: an unlinked temporary file (gone when the last
//! reference closes it), written whole by the handler, then sent by the server in pieces as the
//! client reads (sendfile). A batch's ZIP is one: memory holds one document at a time, whatever
//! the batch's size.
class FileBody {
 public:
  //! A new empty file in `dir`, already unlinked. Throws std::runtime_error naming the folder.
  static std::shared_ptr<FileBody> create(const std::filesystem::path& dir);
  ~FileBody();
  FileBody(const FileBody&) = delete;
  FileBody& operator=(const FileBody&) = delete;

  //! Appends; throws std::runtime_error when the disk refuses (full).
  void append(std::string_view bytes);
  int fd() const { return fd_; }
  std::uint64_t size() const { return size_; }

 private:
  explicit FileBody(int fd) : fd_(fd) {}
  int fd_ = -1;
  std::uint64_t size_ = 0;
};

struct Response {
  int status = 200;
  std::vector<Header> headers;  //!< Content-Length, Connection and Date are the server's
  std::string body;             //!< not sent for HEAD (its length still is)
  std::shared_ptr<const FileBody> file;  //!< when set, the body is this file's bytes (and `body` is empty)
  bool close = false;           //!< close the connection once this response is sent

  //! Sets a header, replacing one of the same name (ASCII case-insensitive).
  void set(std::string name, std::string value);
  const std::string* header(std::string_view name) const;
};

//! "Not Found" for 404; "" for a status without a standard phrase.
std::string_view reason_phrase(int status);

}  // namespace vanthu::host::http
