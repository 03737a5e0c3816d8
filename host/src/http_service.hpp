//! The HTTP API over the report types and templates (Poco::Net::HTTPServer):
//!
//!   GET  /healthz                              {"status":"ok","report_types":N}
//!   GET  /v1/report-types                      {"report_types":[{"id","name","version"}]}
//!   GET  /v1/report-types/{id}                 {"id","name","version","schema","example"}
//!   POST /v1/report-types/{id}/documents       JSON in, DOCX out (attachment), or PDF / PDF/A
//!        (Accept: application/pdf, ?format=pdf|pdfa; the warm LibreOffice pool, convert/pdf_pool.hpp);
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
//! version, 405 wrong method (with Allow), 408 request not sent in time, 411 body without a
//! length, 413 body over the limit (refused from its declared length, never read), 414/431
//! request line or head too large, 415 wrong media type, 421 a Host the service does not answer
//! to, 422 invalid input or template, 429/503 too busy (Retry-After), 500 internal (details only
//! in the log), 505 HTTP version; 401/403 from the access rules (http/auth.hpp,
//! access/policy.cpp). Connections, framing and deadlines: http/server.hpp.
#pragma once

#include <cstddef>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <Poco/Logger.h>

#include "access/account_store.hpp"
#include "access/token_store.hpp"
#include "desk/assets.hpp"
#include "convert/pdf_pool.hpp"
#include "http/server.hpp"
#include "idempotency/idempotency_store.hpp"
#include "plugin_registry.hpp"
#include "stores.hpp"

namespace vanthu::host {

struct HttpSettings {
  std::string host = "127.0.0.1";
  int port = 8080;                           //!< 0 = any free port (see HttpService::port)
  std::size_t max_body = std::size_t{4} << 20;  //!< request body limit in bytes (JSON requests)
  std::size_t max_upload = std::size_t{10} << 20;  //!< body limit of template uploads and multipart requests
  int threads = 16;                          //!< requests handled at once (workers)
  std::size_t max_connections = 1024;        //!< open connections at once; 503 past that
  std::vector<std::string> allowed_hosts;    //!< Host names answered besides localhost and IP literals
  int head_timeout_ms = 10000;               //!< a request's head, from its first byte (408 after)
  int body_timeout_ms = 30000;               //!< a body, plus its length at 64 KiB/s (408 after)
  int idle_timeout_ms = 5000;                //!< a keep-alive connection between requests
  std::filesystem::path data_dir;            //!< the SQLite stores and API tokens (by default), the PDF workers' profiles
  storage::DatabaseSettings database;        //!< sqlite (in data_dir) or a PostgreSQL server shared by replicas
  bool public_read = true;                   //!< report types, schemas, built-in templates, metrics without a token
  bool anonymous_render = false;             //!< documents with built-in templates without a token
  std::filesystem::path desk_dir;            //!< the desk's files (desk/assets.hpp); absent: no desk pages
  bool json_log = false;                     //!< --log-format=json: access lines as JSON objects
  bool secure_cookies = true;                //!< the desk's session cookie is Secure (browsers still send it to localhost over http)
  PdfPoolSettings pdf;                       //!< PDF workers (workers = 0: PDF answers 503); profiles under data_dir
};

//! The listening service: bound in start(), drained and stopped in stop().
class HttpService {
 public:
  //! Opens the stores (stores.hpp): with PostgreSQL, connects and migrates now, and throws
  //! std::runtime_error when it cannot.
  HttpService(std::shared_ptr<const PluginRegistry> registry, HttpSettings settings, Poco::Logger& log);
  ~HttpService();

  //! Binds host:port and starts accepting. Throws Poco::Exception when it cannot bind.
  void start();
  //! The port actually bound (useful with port 0).
  int port() const;
  //! The PDF workers (null without any).
  std::shared_ptr<PdfPool> pdf_pool() const;
  //! Stops accepting, lets requests in progress finish, closes idle connections.
  void stop();

 private:
  std::shared_ptr<const PluginRegistry> registry_;
  HttpSettings settings_;
  Poco::Logger& log_;
  std::shared_ptr<TemplateStore> store_;
  std::shared_ptr<DocumentRegister> documents_;  //!< drafts, issued documents, the register
  std::shared_ptr<access::TokenStore> tokens_;  //!< API tokens (http/auth.hpp)
  std::shared_ptr<access::AccountStore> accounts_;  //!< the desk's accounts and sessions
  std::shared_ptr<IdempotencyStore> idempotency_;   //!< answers kept by Idempotency-Key
  std::shared_ptr<const desk::Assets> desk_;
  std::shared_ptr<PdfPool> pdf_;  //!< started with the server, ended after it
  std::unique_ptr<http::Server> server_;
};

}  // namespace vanthu::host
