//! The real `vanthu serve` as a child process on a loopback port, and small HTTP clients for it
//! (Poco's, and raw bytes for what a well-behaved client would never send).
//!
//! PDF: servers start without LibreOffice workers (--pdf-workers=0) unless the test gives --pdf-workers.
//!
//! Authentication: unless told otherwise, each server gets its own data directory (when the
//! test gives no --data-dir) and, before it starts, a real API token made there with
//! `vanthu token create --agency=* --roles=render,issue,templates,admin` (ServerProcess::token()).
//! http() sends it (Authorization: Bearer) to that server's port on every call that sets no
//! Authorization header of its own and is not marked `anonymous`; raw_http() sends only the
//! bytes it is given. So tests not about access go through the real token check, and
//! tests/integration/auth_test.cpp makes its own tokens and sends them (or none).
#pragma once

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/Timespan.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace vanthu::test {

inline std::filesystem::path vanthu_binary() { return build_dir() / "bin" / "vanthu"; }

//! One HTTP response, headers keyed by lower-case name.
struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;
  std::string body;

  std::string header(std::string name) const {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  nlohmann::json json() const { return nlohmann::json::parse(body); }
};

inline std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

struct HttpCall {
  std::string method = "GET";
  std::string path = "/";
  std::string body;
  std::string content_type;  //!< no Content-Type header when empty
  bool chunked = false;
  std::vector<std::pair<std::string, std::string>> headers;
  bool anonymous = false;  //!< never send the server's harness token
};

//! The harness token of each running server, by port (ServerProcess registers and removes it).
struct HarnessTokens {
  std::mutex mutex;
  std::map<int, std::string> by_port;
  static HarnessTokens& get() {
    static HarnessTokens tokens;
    return tokens;
  }
  std::string of(int port) {
    std::lock_guard lock(mutex);
    auto it = by_port.find(port);
    return it == by_port.end() ? std::string() : it->second;
  }
};

//! The call with `Authorization: Bearer token` (and never the harness token).
inline HttpCall with_token(HttpCall call, const std::string& token) {
  call.headers.emplace_back("Authorization", "Bearer " + token);
  call.anonymous = true;
  return call;
}
inline HttpCall anonymous(HttpCall call) {
  call.anonymous = true;
  return call;
}

inline HttpCall make_call(std::string method, std::string path, std::string body = {}, std::string content_type = {}) {
  HttpCall call;
  call.method = std::move(method);
  call.path = std::move(path);
  call.body = std::move(body);
  call.content_type = std::move(content_type);
  return call;
}

//! Sends one request with Poco's client and reads the whole response.
inline HttpReply http(int port, const HttpCall& call) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(call.method, call.path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!call.content_type.empty()) request.setContentType(call.content_type);
  bool authorization = false;
  std::vector<std::string> named;
  for (const auto& [name, value] : call.headers) {
    // A header named twice in the call is sent twice (set would keep only the last).
    if (std::find(named.begin(), named.end(), lower(name)) == named.end()) request.set(name, value);
    else request.add(name, value);
    named.push_back(lower(name));
    authorization = authorization || lower(name) == "authorization";
  }
  if (!authorization && !call.anonymous) {
    if (std::string token = HarnessTokens::get().of(port); !token.empty()) request.set("Authorization", "Bearer " + token);
  }
  const bool has_body = !call.body.empty() || call.method == "POST" || call.method == "PUT";
  if (call.chunked) request.setChunkedTransferEncoding(true);
  else if (has_body) request.setContentLength64(static_cast<Poco::Int64>(call.body.size()));
  std::ostream& out = session.sendRequest(request);
  out << call.body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpReply reply;
  reply.status = static_cast<int>(response.getStatus());
  for (const auto& [name, value] : response) reply.headers[lower(name)] = value;
  Poco::StreamCopier::copyToString(in, reply.body);
  return reply;
}

inline HttpReply http_get(int port, const std::string& path) { return http(port, make_call("GET", path)); }

//! The reply is `status` with an error body whose first problem has `code` (and `path`, a JSON
//! Pointer or "?parameter", when given).
inline void expect_error_reply(const HttpReply& r, int status, const std::string& code, const std::string& path = {}) {
  EXPECT_EQ(r.status, status) << r.body;
  const nlohmann::json body = nlohmann::json::parse(r.body, nullptr, false);
  ASSERT_TRUE(body.is_object() && body.contains("errors") && !body["errors"].empty()) << r.body;
  EXPECT_EQ(body["errors"][0]["code"], code) << r.body;
  if (!path.empty()) {
    EXPECT_EQ(body["errors"][0]["path"], path) << r.body;
  }
}

inline HttpReply http_post_json(int port, const std::string& path, const std::string& body,
                                const std::string& content_type = "application/json") {
  return http(port, make_call("POST", path, body, content_type));
}

//! Sends raw bytes on a fresh connection (going on if the server closes early, as it may on a
//! body it refuses), optionally half-closes (the client will send nothing more), then reads
//! until the server closes or `timeout_s` passes.
//! A TCP connection to 127.0.0.1:port with send and receive timeouts, or -1 when refused.
inline int connect_loopback(int port, int timeout_s = 30) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  timeval timeout{timeout_s, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
  return fd;
}

inline std::string raw_http(int port, std::string_view bytes, bool half_close = false, int timeout_s = 30) {
  int fd = connect_loopback(port, timeout_s);
  if (fd < 0) throw std::runtime_error("connect failed");
  std::size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server stopped reading and closed: its answer is what matters
    sent += static_cast<std::size_t>(n);
  }
  if (half_close) ::shutdown(fd, SHUT_WR);
  std::string answer;
  char buffer[65536];
  for (;;) {
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer;
}

//! Status, headers and body of a raw HTTP/1.1 response text (Content-Length bodies only).
inline HttpReply parse_raw_reply(const std::string& text) {
  HttpReply reply;
  std::size_t head_end = text.find("\r\n\r\n");
  if (text.rfind("HTTP/1.", 0) != 0 || head_end == std::string::npos) return reply;
  std::istringstream head(text.substr(0, head_end));
  std::string line;
  std::getline(head, line);
  reply.status = std::stoi(line.substr(9, 3));
  while (std::getline(head, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    reply.headers[lower(line.substr(0, colon))] = value;
  }
  reply.body = text.substr(head_end + 4);
  if (auto length = reply.headers.find("content-length"); length != reply.headers.end())
    reply.body = reply.body.substr(0, std::stoul(length->second));
  return reply;
}

//! `vanthu serve ...` as a child process, stderr (the log) captured in a file. The destructor
//! kills it if a test did not stop it.
class ServerProcess {
 public:
  //! Starts `vanthu serve` with `args` (which must make it listen on `port`) and waits until
  //! /healthz answers. Throws std::runtime_error, with the log, if it exits or never answers.
  //! Without a --data-dir in `args`, the server gets a directory of its own; with
  //! `harness_token`, a token for everything is made there first and sent by http().
  ServerProcess(std::vector<std::string> args, int port, bool harness_token = true) : port_(port) {
    ::signal(SIGPIPE, SIG_IGN);
    log_path_ = log_dir_.path() / "vanthu.log";
    data_dir_ = log_dir_.path() / "data";
    bool given_data_dir = false;
    for (const auto& arg : args) {
      if (arg.rfind("--data-dir=", 0) == 0) {
        data_dir_ = arg.substr(11);
        given_data_dir = true;
      }
    }
    if (!given_data_dir) args.push_back("--data-dir=" + data_dir_.string());
    // No LibreOffice workers unless a test asks for them (pdf_test.cpp): the suite starts many
    // servers, and each worker is an office starting up.
    if (std::none_of(args.begin(), args.end(), [](const std::string& a) { return a.rfind("--pdf-workers=", 0) == 0; }))
      args.push_back("--pdf-workers=0");
    if (harness_token) {
      token_ = create_token(data_dir_, {"--agency=*", "--roles=render,issue,templates,admin", "--expires=never", "--name=test-harness"});
      std::lock_guard lock(HarnessTokens::get().mutex);
      HarnessTokens::get().by_port[port_] = token_;
    }
    std::vector<std::string> argv = {vanthu_binary().string(), "serve"};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = ::fork();
    if (pid_ < 0) throw std::runtime_error("fork failed");
    if (pid_ == 0) {
      int log = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int null = ::open("/dev/null", O_RDONLY);
      ::dup2(null, 0);
      ::dup2(log, 1);
      ::dup2(log, 2);
      std::vector<char*> c_argv;
      for (auto& a : argv) c_argv.push_back(a.data());
      c_argv.push_back(nullptr);
      ::execv(c_argv[0], c_argv.data());
      ::_exit(127);
    }
    // Bounded wait for readiness: 600 tries, 50 ms apart.
    for (int attempt = 0; attempt < 600; ++attempt) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        throw std::runtime_error("vanthu serve exited with " + std::to_string(exit_code_) + ":\n" + log());
      }
      try {
        if (http_get(port_, "/healthz").status == 200) return;
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill_now();
    throw std::runtime_error("vanthu serve did not answer /healthz:\n" + log());
  }

  //! Plugins from `plugins_dir`, templates from `templates_dir`, on a free loopback port. The
  //! port is free when chosen but another test may take it before the server binds it, so a
  //! start that fails to listen is retried (3 times) on a new port.
  static std::unique_ptr<ServerProcess> start(const std::filesystem::path& plugins_dir,
                                              const std::filesystem::path& templates_dir,
                                              std::vector<std::string> extra = {}, bool harness_token = true) {
    for (int attempt = 1;; ++attempt) {
      int port = free_port();
      std::vector<std::string> args = {"--host=127.0.0.1", "--port=" + std::to_string(port),
                                       "--plugins-dir=" + plugins_dir.string(), "--templates-dir=" + templates_dir.string()};
      args.insert(args.end(), extra.begin(), extra.end());
      try {
        return std::make_unique<ServerProcess>(std::move(args), port, harness_token);
      } catch (const std::runtime_error& e) {
        if (attempt == 3 || std::string(e.what()).find("cannot listen") == std::string::npos) throw;
      }
    }
  }

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  ~ServerProcess() {
    kill_now();
    std::lock_guard lock(HarnessTokens::get().mutex);
    auto it = HarnessTokens::get().by_port.find(port_);
    if (it != HarnessTokens::get().by_port.end() && it->second == token_) HarnessTokens::get().by_port.erase(it);
  }

  //! `vanthu token create --data-dir=DIR ARGS…`: the token it prints (throws, with its output,
  //! when it fails).
  static std::string create_token(const std::filesystem::path& data_dir, std::vector<std::string> args) {
    std::vector<std::string> argv = {vanthu_binary().string(), "token", "create", "--data-dir=" + data_dir.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessResult result = run_process(argv);
    const std::size_t at = result.out.find("token: ");
    if (result.exit_code != 0 || at == std::string::npos)
      throw std::runtime_error("vanthu token create failed (" + std::to_string(result.exit_code) + "):\n" + result.out + result.err);
    const std::size_t end = result.out.find('\n', at);
    return result.out.substr(at + 7, end == std::string::npos ? std::string::npos : end - at - 7);
  }

  int port() const { return port_; }
  //! The harness token ("" without one) and the data directory the server uses.
  const std::string& token() const { return token_; }
  pid_t pid() const { return pid_; }
  const std::filesystem::path& data_dir() const { return data_dir_; }
  bool running() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      pid_ = -1;
      return false;
    }
    return true;
  }
  //! Sends SIGTERM and waits (bounded) for the exit; returns the exit code, or -1 when it had
  //! to be killed.
  int stop() {
    if (!running()) return exit_code_;
    ::kill(pid_, SIGTERM);
    for (int attempt = 0; attempt < 600; ++attempt) {
      if (!running()) return exit_code_;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    kill_now();
    return -1;
  }
  std::string log() const {
    try {
      return read_file(log_path_);
    } catch (const std::exception&) {
      return {};
    }
  }

 private:
  void kill_now() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
      pid_ = -1;
    }
  }

  TempDir log_dir_;
  std::filesystem::path log_path_;
  std::filesystem::path data_dir_;
  std::string token_;
  int port_ = 0;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

//! Waits (bounded: 200 tries, 50 ms apart) until some line of the server's log contains every
//! one of `parts`; the log line of a request is written just after its response is sent.
inline bool log_has_line(const ServerProcess& server, const std::vector<std::string>& parts) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    std::istringstream in(server.log());
    for (std::string line; std::getline(in, line);) {
      bool all = true;
      for (const auto& part : parts) all = all && line.find(part) != std::string::npos;
      if (all) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

//! Lines of `text` (without the newline).
inline std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace vanthu::test
