//! The HTTP API over the report types and templates (Poco::Net::HTTPServer):
//!
//!   GET  /healthz                              {"status":"ok","report_types":N}
//!   GET  /v1/report-types                      {"report_types":[{"id","name","version"}]}
//!   GET  /v1/report-types/{id}                 {"id","name","version","schema","example"}
//!   POST /v1/report-types/{id}/documents       JSON in, DOCX out (attachment);
//!        ?agency=A[&template_version=N]        filled with agency A's current (or Nth) template
//!   GET  /v1/report-types/{id}/template        the built-in template (DOCX), to edit in Word
//!   PUT  /v1/report-types/{id}/templates/{agency}          a new version (DOCX body, or multipart
//!                                              field "template"), checked before it is stored
//!   GET  /v1/report-types/{id}/templates/{agency}          its versions, the current one marked
//!   GET  /v1/report-types/{id}/templates/{agency}/{n}      version n (DOCX)
//!   POST /v1/report-types/{id}/templates/{agency}:rollback {"version": n}: n becomes current
//!   POST /v1/templates:render                  multipart: template + data → DOCX (vanthu fill)
//!   POST /v1/templates:check                   multipart: template [+ report_type] → the report
//!
//! Every error is JSON {"errors":[{"path","code","message"}]} (template issues add "part",
//! "paragraph", "tag"): 400 malformed JSON or request, 404 unknown path, report type or template
//! version, 405 wrong method (with Allow), 408 body not sent in time, 411 body without a length,
//! 413 body over the limit (never more than limit + 1 bytes are read), 415 wrong media type, 422
//! invalid input or template, 500 internal (details only in the log).
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/ThreadPool.h>

#include "plugin_registry.hpp"
#include "template_store.hpp"

namespace vanthu::host {

struct HttpSettings {
  std::string host = "127.0.0.1";
  int port = 8080;                           //!< 0 = any free port (see HttpService::port)
  std::size_t max_body = std::size_t{4} << 20;  //!< request body limit in bytes (JSON requests)
  std::size_t max_upload = std::size_t{10} << 20;  //!< body limit of template uploads and multipart requests
  int threads = 16;                          //!< requests handled at once
  std::filesystem::path data_dir;            //!< the template store's directory
};

//! Creates the handler for each request. Shares the immutable registry with every thread.
class ApiRequestHandlerFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  ApiRequestHandlerFactory(std::shared_ptr<const PluginRegistry> registry, std::shared_ptr<TemplateStore> store,
                           const HttpSettings& settings, Poco::Logger& log);
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

 private:
  std::shared_ptr<const PluginRegistry> registry_;
  std::shared_ptr<TemplateStore> store_;
  std::size_t max_body_;
  std::size_t max_upload_;
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
  std::shared_ptr<TemplateStore> store_;
  std::unique_ptr<Poco::ThreadPool> pool_;
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  int port_ = 0;
};

}  // namespace vanthu::host
