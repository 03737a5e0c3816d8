//! GET /v1/openapi.json: the API described in OpenAPI 3.1, made from the route table
//! (router.cpp: route_specs) so that a route cannot be served without being described, and with
//! every report type's own input schema (components/schemas/input-<id>). itest_openapi checks
//! both ways against the running server, and a standard validator (npm) checks the document.
#include <set>

#include "http/handlers/handlers.hpp"
#include "http/responses.hpp"

namespace vanthu::host::http {
namespace {

using ojson = nlohmann::ordered_json;
using R = Route::Resource;

constexpr const char* kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
constexpr const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

ojson ref(const std::string& name) { return {{"$ref", "#/components/schemas/" + name}}; }

ojson json_content(ojson schema) { return {{"application/json", {{"schema", std::move(schema)}}}}; }

//! "#/$defs/x" inside a report type's schema, re-addressed from the OpenAPI document's root.
void rebase_refs(ojson& node, const std::string& base) {
  if (node.is_object()) {
    for (auto& [key, value] : node.items()) {
      if (key == "$ref" && value.is_string() && value.get<std::string>().rfind("#/", 0) == 0)
        value = base + value.get<std::string>().substr(1);
      else
        rebase_refs(value, base);
    }
  } else if (node.is_array()) {
    for (auto& item : node) rebase_refs(item, base);
  }
}

std::string component_name(const std::string& type_id) { return "input-" + type_id; }

//! The query parameter's schema and description.
ojson query_parameter(const std::string& name, Route::Resource resource) {
  ojson p = {{"name", name}, {"in", "query"}, {"required", false}};
  if (name == "agency") p["schema"] = {{"type", "string"}, {"pattern", "^[a-z0-9-]{1,64}$"}};
  else if (name == "template_version" || name == "limit") p["schema"] = {{"type", "integer"}, {"minimum", 1}};
  else if (name == "strict") p["schema"] = {{"type", "boolean"}};
  else if (name == "format" && resource == R::register_year) p["schema"] = {{"type", "string"}, {"enum", {"json", "docx", "xlsx"}}};
  else if (name == "format") p["schema"] = {{"type", "string"}, {"enum", {"docx", "pdf", "pdfa"}}};
  else p["schema"] = {{"type", "string"}};
  return p;
}

//! The request body of a method on a resource, or null.
ojson request_body(const RouteSpec& spec, const std::string& method, const ojson& inputs) {
  const ojson multipart = {{"multipart/form-data", {{"schema", {{"type", "object"}}}}}};
  switch (spec.resource) {
    case R::documents: return {{"required", true}, {"content", json_content({{"anyOf", inputs}})}};
    case R::documents_batch:
      return {{"required", true},
              {"content", json_content({{"type", "object"},
                                        {"required", {"items"}},
                                        {"additionalProperties", false},
                                        {"properties", {{"items", {{"type", "array"}, {"minItems", 1}, {"items", {{"anyOf", inputs}}}}}}}})}};
    case R::agency_templates:
      if (method != "PUT") return nullptr;
      return {{"required", true}, {"content", {{kDocx, {{"schema", {{"type", "string"}, {"format", "binary"}}}}}, {"multipart/form-data", {{"schema", {{"type", "object"}}}}}}}};
    case R::templates_render: {
      const ojson binary = {{"type", "string"}, {"format", "binary"}};
      ojson image = binary;
      image["description"] = "An image file a {%x} tag's value names: {\"file\": \"<field name or file name>\"} (PNG or JPEG)";
      return {{"required", true},
              {"content",
               {{"multipart/form-data",
                 {{"schema",
                   {{"type", "object"},
                    {"required", {"template", "data"}},
                    {"properties",
                     {{"template", binary},
                      {"data", {{"type", "string"}, {"description", "The data, a JSON object"}}},
                      {"delimiters", {{"type", "string"}}},
                      {"strict", {{"type", "string"}, {"description", "true or 1: a tag without a value is an error (422)"}}}}},
                    {"additionalProperties", image}}}}}}}};
    }
    case R::templates_check: return {{"required", true}, {"content", multipart}};
    case R::drafts:
      if (method != "POST") return nullptr;
      return {{"required", true},
              {"content", json_content({{"type", "object"},
                                        {"required", {"report_type", "agency", "input"}},
                                        {"additionalProperties", false},
                                        {"properties",
                                         {{"report_type", {{"type", "string"}}},
                                          {"agency", {{"type", "string"}}},
                                          {"input", {{"anyOf", inputs}}},
                                          {"keep_invalid", {{"type", "boolean"}}}}}})}};
    case R::document:
      if (method != "PUT") return nullptr;
      return {{"required", true},
              {"content", json_content({{"type", "object"},
                                        {"required", {"input"}},
                                        {"additionalProperties", false},
                                        {"properties", {{"input", {{"anyOf", inputs}}}, {"keep_invalid", {{"type", "boolean"}}}}}})}};
    case R::session:
      if (method != "POST") return nullptr;
      return {{"required", true},
              {"content", json_content({{"type", "object"},
                                        {"required", {"username", "password"}},
                                        {"additionalProperties", false},
                                        {"properties", {{"username", {{"type", "string"}}}, {"password", {{"type", "string"}}}}}})}};
    case R::agency_rollback:
      return {{"required", true},
              {"content", json_content({{"type", "object"}, {"required", {"version"}}, {"properties", {{"version", {{"type", "integer"}}}}}})}};
    case R::document_issue:
      return {{"required", false},
              {"content", json_content({{"type", "object"},
                                        {"additionalProperties", false},
                                        {"properties", {{"date", {{"type", "string"}, {"format", "date"}}}, {"copies", {{"type", "integer"}, {"minimum", 1}}}}}})}};
    case R::document_withdraw:
      return {{"required", true},
              {"content", json_content({{"type", "object"}, {"required", {"reason"}}, {"properties", {{"reason", {{"type", "string"}}}}}})}};
    case R::accounts:
      if (method != "POST") return nullptr;
      return {{"required", true},
              {"content", json_content({{"type", "object"},
                                        {"required", {"username", "display_name", "agency", "role", "password"}},
                                        {"additionalProperties", false},
                                        {"properties",
                                         {{"username", {{"type", "string"}}},
                                          {"display_name", {{"type", "string"}}},
                                          {"agency", {{"type", "string"}}},
                                          {"role", {{"type", "string"}, {"enum", {"clerk", "records_officer", "admin"}}}},
                                          {"password", {{"type", "string"}, {"minLength", 10}}}}}})}};
    case R::account_action: return {{"required", false}, {"content", json_content({{"type", "object"}})}};
    case R::tokens:
      if (method != "POST") return nullptr;
      return {{"required", true},
              {"content", json_content({{"type", "object"},
                                        {"required", {"agencies", "roles"}},
                                        {"additionalProperties", false},
                                        {"properties",
                                         {{"name", {{"type", "string"}, {"maxLength", 200}}},
                                          {"agencies", {{"type", "array"}, {"minItems", 1}, {"items", {{"type", "string"}}}}},
                                          {"roles", {{"type", "array"}, {"minItems", 1},
                                                     {"items", {{"type", "string"}, {"enum", {"render", "issue", "templates", "admin"}}}}}},
                                          {"expires", {{"type", "string"}, {"description", "YYYY-MM-DD (end of that day, Vietnam time) or never"}}},
                                          {"days", {{"type", "integer"}, {"minimum", 0}, {"maximum", 36500}}}}}})}};
    case R::text_unicode:
      return {{"required", true},
              {"content", json_content({{"type", "object"}, {"required", {"text"}}, {"additionalProperties", false},
                                        {"properties", {{"text", {{"type", "string"}}}}}})}};
    default: return nullptr;
  }
}

//! The success answer's media types.
ojson success_content(const RouteSpec& spec, const std::string& method) {
  const ojson binary = {{"schema", {{"type", "string"}, {"format", "binary"}}}};
  switch (spec.resource) {
    case R::metrics: return {{"text/plain", binary}};
    case R::documents_batch: return {{"application/zip", binary}};
    case R::documents:
    case R::templates_render: return {{kDocx, binary}, {"application/pdf", binary}};
    case R::builtin_template:
    case R::agency_version: return {{kDocx, binary}};
    case R::document_file: return {{kDocx, binary}};
    case R::document_issue: return {{kDocx, binary}, {"application/json", {{"schema", ref("RegisterEntry")}}}};
    case R::register_year: return {{"application/json", {{"schema", {{"type", "object"}}}}}, {kDocx, binary}, {kXlsx, binary}};
    case R::desk: return {{"text/html", binary}};
    case R::agency_templates:
      if (method == "GET") break;
      break;
    default: break;
  }
  return json_content({{"type", "object"}});
}

const char* success_status(const RouteSpec& spec, const std::string& method) {
  if (method == "POST" && (spec.resource == R::drafts || spec.resource == R::accounts || spec.resource == R::tokens)) return "201";
  if (spec.resource == R::desk) return "200";
  return "200";
}

}  // namespace

Response openapi(const ApiContext& ctx) {
  ojson schemas = {
      {"Problem",
       {{"type", "object"},
        {"required", {"path", "code", "message"}},
        {"properties",
         {{"path", {{"type", "string"}, {"description", "JSON Pointer of the field (?name for a query parameter)"}}},
          {"code", {{"type", "string"}, {"description", "English code"}}},
          {"message", {{"type", "string"}, {"description", "Vietnamese message for the person who typed it"}}}}}}},
      {"Errors",
       {{"type", "object"},
        {"required", {"errors"}},
        {"properties",
         {{"errors", {{"type", "array"}, {"items", ref("Problem")}}},
          {"errors_total", {{"type", "integer"}}},
          {"errors_omitted", {{"type", "integer"}}}}}}},
      {"RegisterEntry", {{"type", "object"}, {"properties", {{"number", {{"type", "integer"}}}, {"number_symbol", {{"type", "string"}}},
                                                             {"date", {{"type", "string"}, {"format", "date"}}}, {"sha256", {{"type", "string"}}}}}}},
  };
  ojson inputs = ojson::array();
  for (const auto& type : ctx.registry->report_types()) {
    ojson schema = type->schema_as_written;
    const std::string name = component_name(type->id);
    rebase_refs(schema, "#/components/schemas/" + name);
    schema.erase("$schema");  // the document's dialect (2020-12) applies
    schemas[name] = std::move(schema);
    inputs.push_back(ref(name));
  }
  if (inputs.empty()) inputs.push_back({{"type", "object"}});

  ojson paths = ojson::object();
  for (const RouteSpec& spec : route_specs()) {
    for (const std::string& path : spec.paths) {
      ojson item = ojson::object();
      ojson path_parameters = ojson::array();
      for (std::size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at + 1)) {
        const std::string name = path.substr(at + 1, path.find('}', at) - at - 1);
        path_parameters.push_back({{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
      }
      for (const std::string& method : spec.methods) {
        ojson operation = {{"summary", spec.summary}, {"operationId", std::string(method == "GET" ? "get" : method == "POST" ? "post" : method == "PUT" ? "put" : "delete") + path}};
        ojson parameters = path_parameters;
        for (const auto& q : spec.query) parameters.push_back(query_parameter(q, spec.resource));
        if (method == "POST" && spec.idempotency_key)  // http/idempotency.hpp
          parameters.push_back({{"name", "Idempotency-Key"}, {"in", "header"}, {"required", false},
                                {"description", "Sent again with the same request: the first answer again (Idempotent-Replayed: true), "
                                                "nothing made twice; with another request: 422. Kept 24 hours, per caller."},
                                {"schema", {{"type", "string"}, {"minLength", 1}, {"maxLength", 257}}}});
        if (!parameters.empty()) operation["parameters"] = parameters;
        ojson body = request_body(spec, method, inputs);
        if (!body.is_null()) operation["requestBody"] = body;
        operation["responses"] = {{success_status(spec, method), {{"description", "Done"}, {"content", success_content(spec, method)}}},
                                  {"default", {{"description", "Every problem at once (Vietnamese messages, English codes)"},
                                               {"content", json_content(ref("Errors"))}}}};
        std::string lower = method;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        item[lower] = std::move(operation);
      }
      paths[path] = std::move(item);
    }
  }
  // operationId: letters only, unique.
  for (auto& [path, item] : paths.items())
    for (auto& [method, operation] : item.items()) {
      std::string id = operation["operationId"];
      std::string clean;
      bool upper = false;
      for (char c : id) {
        if (std::isalnum(static_cast<unsigned char>(c))) {
          clean += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
          upper = false;
        } else {
          upper = true;
        }
      }
      operation["operationId"] = clean.empty() ? "root" : clean;
    }

  ojson document = {
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Vanthu"},
        {"version", VANTHU_VERSION},
        {"description", "Vietnamese administrative reports (Decree 30/2020/NĐ-CP) rendered, issued and registered. "
                        "Errors are {\"errors\":[{path, code, message}]}: every problem at once, messages in Vietnamese."}}},
      {"security", ojson::array({{{"bearer", ojson::array()}}, {{"session", ojson::array()}}, ojson::object()})},
      {"paths", std::move(paths)},
      {"components",
       {{"schemas", std::move(schemas)},
        {"securitySchemes",
         {{"bearer", {{"type", "http"}, {"scheme", "bearer"}, {"description", "API token (vanthu token create)"}}},
          {"session", {{"type", "apiKey"}, {"in", "cookie"}, {"name", "vanthu_session"},
                       {"description", "The desk's session; writes also send X-CSRF-Token"}}}}}}}};
  Response r = json_response(200, nullptr);
  r.body = document.dump(-1, ' ', false, ojson::error_handler_t::replace);
  return r;
}

}  // namespace vanthu::host::http
