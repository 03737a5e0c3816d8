#include "http_service.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <istream>
#include <optional>
#include <vector>

#include <Poco/Exception.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include "file_name.hpp"
#include "messages.hpp"
#include "render_pipeline.hpp"
#include "vanthu/problem.hpp"

namespace vanthu::host {
namespace {

using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;
using Poco::Net::HTTPServerRequest;
using Poco::Net::HTTPServerResponse;
using json = nlohmann::json;

constexpr const char* kDocxMediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr const char* kJsonMediaType = "application/json; charset=utf-8";
constexpr const char* kInternalErrorMessage =
    "Đã xảy ra lỗi nội bộ khi tạo văn bản. Vui lòng thử lại sau hoặc báo cho quản trị hệ thống.";

//! The API's resources, from the request path.
struct Route {
  enum class Resource { none, health, report_types, report_type, documents } resource = Resource::none;
  std::string id;  //!< percent-decoded {id} for report_type and documents
};

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1;  // after the leading "/"
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    segments.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return segments;
}

Route route(std::string_view raw_path) {
  Route r;
  if (raw_path.empty() || raw_path[0] != '/') return r;
  if (raw_path == "/healthz") return {Route::Resource::health, {}};
  auto segments = split_path(raw_path);
  if (segments.size() < 2 || segments[0] != "v1" || segments[1] != "report-types") return r;
  if (segments.size() == 2) return {Route::Resource::report_types, {}};
  std::string id;
  try {
    Poco::URI::decode(segments[2], id);
  } catch (const Poco::Exception&) {
    return r;
  }
  if (id.empty()) return r;
  if (segments.size() == 3) return {Route::Resource::report_type, id};
  if (segments.size() == 4 && segments[3] == "documents") return {Route::Resource::documents, id};
  return r;
}

std::string path_of(const std::string& uri) {
  std::size_t end = uri.find_first_of("?#");
  return uri.substr(0, end);
}

class ApiRequestHandler : public Poco::Net::HTTPRequestHandler {
 public:
  ApiRequestHandler(std::shared_ptr<const PluginRegistry> registry, std::size_t max_body, Poco::Logger& log)
      : registry_(std::move(registry)), max_body_(max_body), log_(log) {}

  void handleRequest(HTTPServerRequest& request, HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    const std::string path = path_of(request.getURI());
    int status = HTTPResponse::HTTP_INTERNAL_SERVER_ERROR;
    try {
      status = dispatch(request, response, path);
    } catch (const std::exception& e) {
      log_.error(log_safe(request.getMethod(), 20) + " " + log_safe(path) + ": " + log_safe(e.what(), 1000));
      status = internal_error(response);
    } catch (...) {
      log_.error(log_safe(request.getMethod(), 20) + " " + log_safe(path) + ": unknown exception");
      status = internal_error(response);
    }
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    char duration[32];
    std::snprintf(duration, sizeof duration, "%.2fms", ms);
    log_.information(log_safe(request.getMethod(), 20) + " " + log_safe(path) + " " + std::to_string(status) + " " + duration);
  }

 private:
  int dispatch(HTTPServerRequest& request, HTTPServerResponse& response, const std::string& path) {
    const Route r = route(path);
    const std::string& method = request.getMethod();
    const bool read_only = method == HTTPRequest::HTTP_GET || method == HTTPRequest::HTTP_HEAD;
    switch (r.resource) {
      case Route::Resource::none:
        discard_body(request, response);
        return send_error(response, HTTPResponse::HTTP_NOT_FOUND, "not_found",
                          "Không có tài nguyên " + log_safe(path, 200) + " trên máy chủ này.");
      case Route::Resource::health:
        if (!read_only) return method_not_allowed(request, response, path, "GET, HEAD");
        return send_json(response, HTTPResponse::HTTP_OK,
                         {{"status", "ok"}, {"report_types", registry_->report_types().size()}});
      case Route::Resource::report_types: {
        if (!read_only) return method_not_allowed(request, response, path, "GET, HEAD");
        json list = json::array();
        for (const auto& type : registry_->report_types())
          list.push_back({{"id", type->id}, {"name", type->name}, {"version", type->version}});
        return send_json(response, HTTPResponse::HTTP_OK, {{"report_types", std::move(list)}});
      }
      case Route::Resource::report_type: {
        if (!read_only) return method_not_allowed(request, response, path, "GET, HEAD");
        const ReportType* type = registry_->find(r.id);
        if (!type) return unknown_report_type(request, response, r.id);
        return send_json(response, HTTPResponse::HTTP_OK,
                         {{"id", type->id},
                          {"name", type->name},
                          {"version", type->version},
                          {"schema", type->schema},
                          {"example", type->example}});
      }
      case Route::Resource::documents:
        if (method != HTTPRequest::HTTP_POST) return method_not_allowed(request, response, path, "POST");
        return create_document(request, response, r.id);
    }
    return send_error(response, HTTPResponse::HTTP_NOT_FOUND, "not_found", "Không có tài nguyên " + log_safe(path, 200) + ".");
  }

  int create_document(HTTPServerRequest& request, HTTPServerResponse& response, const std::string& id) {
    const ReportType* type = registry_->find(id);
    if (!type) return unknown_report_type(request, response, id);

    if (!is_json_content_type(request)) {
      discard_body(request, response);
      return send_error(response, HTTPResponse::HTTP_UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type",
                        "Dữ liệu phải gửi với Content-Type: application/json (mã hóa UTF-8).");
    }
    std::string body;
    if (int status = read_body(request, response, body)) return status;

    RenderedDocument document = render_document(*type, body);
    switch (document.status) {
      case RenderedDocument::Status::ok:
        response.setStatusAndReason(HTTPResponse::HTTP_OK);
        response.setContentType(kDocxMediaType);
        response.set("Content-Disposition", attachment_disposition(document.file_name));
        response.set("Cache-Control", "no-store");
        response.set("X-Content-Type-Options", "nosniff");
        response.sendBuffer(document.docx.data(), document.docx.size());
        return HTTPResponse::HTTP_OK;
      case RenderedDocument::Status::malformed:
        return send_problems(response, HTTPResponse::HTTP_BAD_REQUEST, document.problems);
      case RenderedDocument::Status::invalid_input:
        return send_problems(response, HTTPResponse::HTTP_UNPROCESSABLE_ENTITY, document.problems);
      case RenderedDocument::Status::internal_error:
        log_.error("POST /v1/report-types/" + type->id + "/documents: " + log_safe(document.detail, 4000));
        return internal_error(response);
    }
    return internal_error(response);
  }

  //! Reads the whole body into `body`, never more than max_body_ + 1 bytes. Returns 0 when the
  //! body is there, or the error status already sent.
  int read_body(HTTPServerRequest& request, HTTPServerResponse& response, std::string& body) {
    const bool chunked = request.getChunkedTransferEncoding();
    std::optional<std::uint64_t> declared;
    if (!chunked) {
      if (!request.hasContentLength()) {
        response.setKeepAlive(false);
        return send_error(response, HTTPResponse::HTTP_LENGTH_REQUIRED, "length_required",
                          "Yêu cầu phải có Content-Length hoặc Transfer-Encoding: chunked.");
      }
      Poco::Int64 length = -1;
      try {
        length = request.getContentLength64();
      } catch (const Poco::Exception&) {
      }
      if (length < 0) {
        response.setKeepAlive(false);
        return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "bad_request", "Content-Length không hợp lệ.");
      }
      declared = static_cast<std::uint64_t>(length);
      if (*declared > max_body_) return body_too_large(request, response);
    }
    // Poco's chunked decoder takes a malformed chunk header for the end of the body, and what
    // follows would be read as the next request on this connection: never reuse it.
    if (chunked) response.setKeepAlive(false);
    // The client waits for "100 Continue" before sending the body only when we want it.
    if (request.getExpectContinue()) response.sendContinue();

    std::istream& in = request.stream();
    in.exceptions(std::ios::badbit);  // socket errors and timeouts surface as exceptions
    const std::size_t cap = max_body_ + 1;
    body.reserve(std::min<std::size_t>(declared.value_or(64 * 1024), cap));
    char buffer[64 * 1024];
    try {
      while (body.size() < cap) {
        in.read(buffer, static_cast<std::streamsize>(std::min(sizeof buffer, cap - body.size())));
        std::streamsize got = in.gcount();
        if (got <= 0) break;
        body.append(buffer, static_cast<std::size_t>(got));
      }
    } catch (const Poco::TimeoutException&) {
      response.setKeepAlive(false);
      return send_error(response, HTTPResponse::HTTP_REQUEST_TIMEOUT, "request_timeout",
                        "Máy chủ chờ quá lâu mà chưa nhận đủ dữ liệu gửi lên.");
    } catch (const Poco::Net::MessageException& e) {
      response.setKeepAlive(false);
      return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "bad_request",
                        std::string("Dữ liệu gửi lên sai định dạng HTTP: ") + e.message());
    }
    if (body.size() > max_body_) return body_too_large(request, response);
    if (declared && body.size() < *declared) {
      response.setKeepAlive(false);
      return send_error(response, HTTPResponse::HTTP_BAD_REQUEST, "incomplete_body",
                        "Dữ liệu gửi lên bị ngắt giữa chừng (nhận " + std::to_string(body.size()) + " trên " +
                            std::to_string(*declared) + " byte).");
    }
    return 0;
  }

  //! Reads and drops a small unwanted body so the connection can serve the next request; a
  //! body over the limit is left unread and the connection is closed after the response.
  void discard_body(HTTPServerRequest& request, HTTPServerResponse& response) {
    const bool chunked = request.getChunkedTransferEncoding();
    // Without Content-Length or chunked coding a request has no body (RFC 9112, 6.3).
    if (!chunked && !request.hasContentLength()) return;
    if (!chunked) {
      Poco::Int64 length = -1;
      try {
        length = request.getContentLength64();
      } catch (const Poco::Exception&) {
      }
      if (length == 0) return;
      if (length < 0 || length > static_cast<Poco::Int64>(max_body_)) {
        response.setKeepAlive(false);
        return;
      }
    }
    if (chunked || request.getExpectContinue()) {
      // Not sent yet (Expect) or of a length we cannot trust (see read_body): close instead.
      response.setKeepAlive(false);
      return;
    }
    try {
      std::istream& in = request.stream();
      in.exceptions(std::ios::badbit);
      char buffer[16 * 1024];
      std::size_t total = 0;
      while (total <= max_body_) {
        in.read(buffer, sizeof buffer);
        std::streamsize got = in.gcount();
        if (got <= 0) return;
        total += static_cast<std::size_t>(got);
      }
    } catch (const std::exception&) {
    }
    response.setKeepAlive(false);
  }

  int method_not_allowed(HTTPServerRequest& request, HTTPServerResponse& response, const std::string& path,
                         const std::string& allow) {
    discard_body(request, response);
    response.set("Allow", allow);
    return send_error(response, HTTPResponse::HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
                      "Phương thức " + log_safe(request.getMethod(), 20) + " không dùng được với " + log_safe(path, 200) +
                          "; hãy dùng " + allow + ".");
  }

  int unknown_report_type(HTTPServerRequest& request, HTTPServerResponse& response, const std::string& id) {
    discard_body(request, response);
    return send_error(response, HTTPResponse::HTTP_NOT_FOUND, "unknown_report_type",
                      "Không có loại báo cáo \"" + log_safe(id, 100) + "\". Xem danh sách tại /v1/report-types.");
  }

  //! 413. A client that sent its whole body before reading (most do) must still get the answer:
  //! closing a socket with unread bytes makes the kernel reset the connection, and the reset can
  //! destroy the response in flight. So a body up to kDrainLimit past the limit is read and
  //! dropped first (bounded by the server's receive timeout); a larger one, or one the client
  //! holds back for "100 Continue", is never read and the connection is closed.
  int body_too_large(HTTPServerRequest& request, HTTPServerResponse& response) {
    constexpr std::uint64_t kDrainLimit = 16ull << 20;
    response.setKeepAlive(false);
    bool drain = !request.getExpectContinue();
    if (drain && !request.getChunkedTransferEncoding() && request.hasContentLength()) {
      Poco::Int64 length = -1;
      try {
        length = request.getContentLength64();
      } catch (const Poco::Exception&) {
      }
      drain = length >= 0 && static_cast<std::uint64_t>(length) <= max_body_ + kDrainLimit;
    }
    if (drain) {
      try {
        std::istream& in = request.stream();
        in.exceptions(std::ios::badbit);
        char buffer[64 * 1024];
        for (std::uint64_t total = 0; total <= max_body_ + kDrainLimit;) {
          in.read(buffer, sizeof buffer);
          std::streamsize got = in.gcount();
          if (got <= 0) break;
          total += static_cast<std::uint64_t>(got);
        }
      } catch (const std::exception&) {  // a timeout or a broken body: answer all the same
      }
    }
    return send_error(response, HTTPResponse::HTTP_REQUEST_ENTITY_TOO_LARGE, "body_too_large",
                      "Dữ liệu gửi lên vượt quá giới hạn " + std::to_string(max_body_) + " byte.");
  }

  int internal_error(HTTPServerResponse& response) {
    if (response.sent()) return HTTPResponse::HTTP_INTERNAL_SERVER_ERROR;
    try {
      response.setKeepAlive(false);
      return send_error(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "internal_error", kInternalErrorMessage);
    } catch (...) {
      return HTTPResponse::HTTP_INTERNAL_SERVER_ERROR;
    }
  }

  static bool is_json_content_type(const HTTPServerRequest& request) {
    if (!request.has(HTTPRequest::CONTENT_TYPE)) return false;
    try {
      Poco::Net::MediaType type(request.getContentType());
      if (!type.matches("application", "json")) return false;
      if (type.hasParameter("charset")) {
        std::string charset = Poco::toLower(type.getParameter("charset"));
        if (charset != "utf-8" && charset != "utf8") return false;
      }
      return true;
    } catch (const Poco::Exception&) {
      return false;
    }
  }

  static int send_json(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const json& body) {
    const std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
    response.setStatusAndReason(status);
    response.setContentType(kJsonMediaType);
    response.set("Cache-Control", "no-store");
    response.sendBuffer(text.data(), text.size());
    return status;
  }

  static int send_problems(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const vanthu::Problems& problems) {
    return send_json(response, status, vanthu::errors_body(problems));
  }

  static int send_error(HTTPServerResponse& response, HTTPResponse::HTTPStatus status, const std::string& code,
                        const std::string& message) {
    return send_problems(response, status, {vanthu::Problem{"", code, message}});
  }

  std::shared_ptr<const PluginRegistry> registry_;
  std::size_t max_body_;
  Poco::Logger& log_;
};

}  // namespace

ApiRequestHandlerFactory::ApiRequestHandlerFactory(std::shared_ptr<const PluginRegistry> registry, std::size_t max_body,
                                                   Poco::Logger& log)
    : registry_(std::move(registry)), max_body_(max_body), log_(log) {}

Poco::Net::HTTPRequestHandler* ApiRequestHandlerFactory::createRequestHandler(const HTTPServerRequest& request) {
  // Poco answers "Expect: 100-continue" on its own while the response status is 200; the
  // handler decides instead (no "100 Continue" for a body it will refuse unread).
  if (request.getExpectContinue()) request.response().setStatus(HTTPResponse::HTTP_EXPECTATION_FAILED);
  return new ApiRequestHandler(registry_, max_body_, log_);
}

HttpService::HttpService(std::shared_ptr<const PluginRegistry> registry, HttpSettings settings, Poco::Logger& log)
    : registry_(std::move(registry)), settings_(std::move(settings)), log_(log) {}

HttpService::~HttpService() {
  try {
    stop();
  } catch (...) {
  }
}

void HttpService::start() {
  // SO_REUSEADDR for quick restarts, never SO_REUSEPORT: a second server on a busy port must
  // fail to start, not silently share the port with the first.
  Poco::Net::ServerSocket socket;
  socket.bind(Poco::Net::SocketAddress(settings_.host, static_cast<Poco::UInt16>(settings_.port)), true, false);
  socket.listen(64);
  port_ = socket.address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(settings_.threads);
  params->setMaxQueued(64);
  params->setTimeout(Poco::Timespan(30, 0));  // a client that stops sending is dropped
  params->setKeepAlive(true);
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setMaxKeepAliveRequests(100);
  params->setSoftwareVersion("vanthu/" VANTHU_VERSION);
  pool_ = std::make_unique<Poco::ThreadPool>(std::min(2, settings_.threads), settings_.threads);
  server_ = std::make_unique<Poco::Net::HTTPServer>(
      new ApiRequestHandlerFactory(registry_, settings_.max_body, log_), *pool_, socket, params);
  server_->start();
}

int HttpService::port() const { return port_; }

void HttpService::stop() {
  if (!server_) return;
  // Stops accepting; each connection finishes the request it is handling, idle keep-alive
  // connections are shut down.
  server_->stopAll(false);
  pool_->joinAll();
  server_.reset();
  pool_.reset();
}

}  // namespace vanthu::host
