//! The API's handlers, one file per resource:
//!   report_types.cpp      GET /healthz, /v1/report-types, /v1/report-types/{id}, …/{id}/template
//!   documents.cpp         POST /v1/report-types/{id}/documents (DOCX, PDF, PDF/A)
//!   documents_batch.cpp   POST /v1/report-types/{id}/documents:batch (a ZIP of many)
//!   agency_templates.cpp  /v1/report-types/{id}/templates/{agency}[/{n}|:rollback]
//!   template_tools.cpp    POST /v1/templates:render, POST /v1/templates:check
//!   register.cpp          POST /v1/documents, GET /v1/documents/{id}[/file],
//!                         POST /v1/documents/{id}:issue|:withdraw, GET /v1/registers/{agency}/{year},
//!                         GET /v1/documents?agency=, PUT /v1/documents/{id} (a draft's input)
//!   accounts.cpp          /v1/session (the desk's sign-in), /v1/accounts[/{id}[:disable|:enable|:set-password]]
//!   tokens.cpp            GET/POST /v1/tokens, POST /v1/tokens/{id}:revoke (API tokens)
//!   desk.cpp              GET /, GET /desk/… (the desk's files), POST /v1/text:unicode
//!   openapi.cpp           GET /v1/openapi.json
//! Each translates a request into a use case (host/src/usecases/, render_pipeline.hpp,
//! template_store.hpp) and its outcome into a response; nothing else.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <filesystem>
#include <memory>
#include <string>

#include <Poco/Logger.h>

#include "convert/pdf_pool.hpp"
#include "http/auth.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "access/account_store.hpp"
#include "access/token_store.hpp"
#include "desk/assets.hpp"
#include "idempotency/idempotency_store.hpp"
#include "plugin_registry.hpp"
#include "register/document_register.hpp"
#include "template_store.hpp"

namespace vanthu::host::http {

//! What every handler may use; shared by all worker threads (the registry is immutable, the
//! store is thread-safe).
struct ApiContext {
  std::shared_ptr<const PluginRegistry> registry;
  std::shared_ptr<TemplateStore> store;
  std::shared_ptr<DocumentRegister> documents;  //!< drafts, issued documents and the register
  std::shared_ptr<AccessGuard> guard;           //!< for agencies only a handler knows
  std::shared_ptr<PdfPool> pdf;                 //!< LibreOffice workers for PDF answers (Accept, ?format=)
  std::size_t max_body;
  std::size_t max_upload;
  Poco::Logger& log;
  std::shared_ptr<access::AccountStore> accounts = nullptr;  //!< the desk's accounts; nothing: no desk sign-in
  std::shared_ptr<const desk::Assets> desk = nullptr;        //!< the desk's files
  bool secure_cookies = true;                                //!< the session cookie says Secure
  std::filesystem::path data_dir = {};                       //!< where agencies' signing configurations are (signing/<agency>.json)
  std::shared_ptr<IdempotencyStore> idempotency = nullptr;   //!< answers kept by Idempotency-Key (http/idempotency.hpp)
  std::shared_ptr<access::TokenStore> tokens = nullptr;      //!< API tokens, for their administration (tokens.cpp)
};

Response health(const ApiContext& ctx);
//! 200 when the service can do its work (report types loaded, the template store answers), 503
//! naming what is not ready otherwise.
Response ready(const ApiContext& ctx);
Response list_report_types(const ApiContext& ctx);
Response describe_report_type(const ApiContext& ctx, const std::string& id);
Response builtin_template(const ApiContext& ctx, const std::string& id);

Response create_document(const ApiContext& ctx, Request& request, const std::string& id);
//! Shared by the document routes: ?agency=A[&template_version=N] → agency A's template in
//! `chosen` and its label ("hai-an/3"); without agency the built-in one (nullptr, "built-in").
//! The answer to send instead, or nothing.
std::optional<Response> requested_template(const ApiContext& ctx, const ReportType& type,
                                           const std::map<std::string, std::string>& query,
                                           std::shared_ptr<const vanthu::Template>& chosen, std::string& template_label);
//! {"items": [input, …]} → a ZIP: one file per good item and results.json (documents_batch.cpp).
Response create_documents_batch(const ApiContext& ctx, Request& request, const std::string& id);

Response list_templates(const ApiContext& ctx, const Route& r);
Response download_version(const ApiContext& ctx, const Route& r);
Response upload_template(const ApiContext& ctx, Request& request, const Route& r);
Response rollback_template(const ApiContext& ctx, Request& request, const Route& r);

Response render_any_template(const ApiContext& ctx, Request& request);
Response check_any_template(const ApiContext& ctx, Request& request);

Response create_draft(const ApiContext& ctx, Request& request);
Response list_documents(const ApiContext& ctx, Request& request);
Response save_document(const ApiContext& ctx, Request& request, const std::string& id);
Response show_document(const ApiContext& ctx, Request& request, const std::string& id);
Response issued_file(const ApiContext& ctx, Request& request, const std::string& id);
Response issue(const ApiContext& ctx, Request& request, const std::string& id);
Response withdraw(const ApiContext& ctx, Request& request, const std::string& id);
Response show_register(const ApiContext& ctx, Request& request, const Route& r);

Response session(const ApiContext& ctx, Request& request);
Response list_api_tokens(const ApiContext& ctx, Request& request);
Response create_api_token(const ApiContext& ctx, Request& request);
Response revoke_api_token(const ApiContext& ctx, Request& request, const std::string& id);
Response list_accounts(const ApiContext& ctx, Request& request);
Response create_account(const ApiContext& ctx, Request& request);
Response show_account(const ApiContext& ctx, Request& request, const std::string& id);
Response change_account(const ApiContext& ctx, Request& request, const Route& r);

Response desk_page(const ApiContext& ctx, const Request& request, const Route& r);
Response convert_text(const ApiContext& ctx, Request& request);
//! GET /v1/openapi.json (openapi.cpp): the routes of router.cpp's table, each report type's input schema.
Response openapi(const ApiContext& ctx);

}  // namespace vanthu::host::http
