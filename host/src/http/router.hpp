//! The API's routes: which resource a request path names. One table, used by the dispatcher
//! (http_service.cpp) and by the front end's body limit.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vanthu::host::http {

//! The API's resources, from the request path.
struct Route {
  enum class Resource {
    none,
    health,
    ready,              //!< /readyz
    metrics,            //!< /metrics (Prometheus text)
    report_types,
    report_type,
    documents,
    documents_batch,    //!< /v1/report-types/{id}/documents:batch (one ZIP)
    tokens,             //!< /v1/tokens (API tokens: list, create)
    token_revoke,       //!< /v1/tokens/{id}:revoke
    builtin_template,   //!< /v1/report-types/{id}/template
    agency_templates,   //!< /v1/report-types/{id}/templates/{agency}
    agency_rollback,    //!< /v1/report-types/{id}/templates/{agency}:rollback
    agency_version,     //!< /v1/report-types/{id}/templates/{agency}/{version}
    templates_render,   //!< /v1/templates:render
    templates_check,    //!< /v1/templates:check
    drafts,             //!< /v1/documents (POST: a new draft; GET: an agency's documents)
    document,           //!< /v1/documents/{id}
    document_issue,     //!< /v1/documents/{id}:issue
    document_withdraw,  //!< /v1/documents/{id}:withdraw
    document_file,      //!< /v1/documents/{id}/file (the issued file)
    register_year,      //!< /v1/registers/{agency}/{year}
    session,            //!< /v1/session (the desk's sign-in)
    accounts,           //!< /v1/accounts
    account,            //!< /v1/accounts/{id}
    account_action,     //!< /v1/accounts/{id}:disable|:enable|:set-password (the verb in `version`)
    text_unicode,       //!< /v1/text:unicode (TCVN3/VNI text made Unicode)
    openapi,            //!< /v1/openapi.json (this API, described)
    desk,               //!< / and /desk/… (the clerk's desk; the asset's name in `id`)
  } resource = Resource::none;
  std::string id;      //!< percent-decoded {id} (a report type's or a document's)
  std::string agency;  //!< percent-decoded {agency}
  std::string version; //!< {version} as written; {year} for register_year
};

//! The route of a request path (still percent-encoded); Resource::none for a path the API lacks.
Route route(std::string_view raw_path);

//! What each resource is, for those who describe the API (openapi.cpp) and check it (the
//! dispatcher's query parameters): one row per resource but none, in the order of Resource.
struct RouteSpec {
  Route::Resource resource;
  std::vector<std::string> paths;    //!< OpenAPI path templates ("/v1/documents/{id}:issue")
  std::vector<std::string> methods;  //!< served (HEAD goes with GET)
  std::vector<std::string> query;    //!< the query parameters it takes; any other is a 400
  const char* summary;               //!< what it does, in English (the API's reference)
  bool idempotency_key = false;      //!< its POST takes Idempotency-Key (http/idempotency.hpp)
};
const std::vector<RouteSpec>& route_specs();
const RouteSpec& spec_of(Route::Resource resource);

//! A positive version number as written ("3"), or nothing.
std::optional<int> version_number(const std::string& text);

}  // namespace vanthu::host::http
