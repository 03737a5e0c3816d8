//! The HTTP API over the report types (Poco::Net::HTTPServer):
//!
//!   GET  /healthz                              {"status":"ok","report_types":N}
//!   GET  /v1/report-types                      {"report_types":[{"id","name","version"}]}
//!   GET  /v1/report-types/{id}                 {"id","name","version","schema","example"}
//!   POST /v1/report-types/{id}/documents       JSON in, DOCX out (attachment)
//!
//! Every error is JSON {"errors":[{"path","code","message"}]}: 400 malformed JSON, 404 unknown
//! path or report type, 405 wrong method (with Allow), 408 body not sent in time, 411 body
//! without a length, 413 body over the limit (never more than limit + 1 bytes are read), 415
//! not application/json, 422 invalid input, 500 internal (details only in the log).
#pragma once

#include <cstddef>
#include <memory>
#include <string>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include "plugin_registry.hpp"

namespace vanthu::host {

struct HttpSettings {
  std::string host = "127.0.0.1";
  int port = 8080;                           //!< 0 = any free port (see HttpService::port)
  std::size_t max_body = std::size_t{4} << 20;  //!< request body limit in bytes
  int threads = 16;                          //!< requests handled at once
};

//! Creates the handler for each request. Shares the immutable registry with every thread.
class ApiRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  ApiRequestHandlerFactory(std::shared_ptr<const PluginRegistry> registry, std::size_t max_body, Poco::Logger& log);
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

 private:
  std::shared_ptr<const PluginRegistry> registry_;
  std::size_t max_body_;
  Poco::Logger& log_;
};

//! The listening service: bound in start(), drained and stopped in stop().
class HttpService {
 public:
  HttpService(std::shared_ptr<const PluginRegistry> registry, HttpSettings settings, Poco::Logger& log);
  ~HttpService();

  //! Binds host:port and starts accepting. Throws Poco::Exception when it cannot bind.
  void start();
  //! The port actually bound (useful with port 0).
  int port() const;
  //! Stops accepting, lets requests in progress finish, closes idle connections.
  void stop();

 private:
  std::shared_ptr<const PluginRegistry> registry_;
  HttpSettings settings_;
  Poco::Logger& log_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  int port_ = 0;
};

}  // namespace vanthu::host
