//! The API's answers, one way each: JSON (every error is {"errors":[{"path","code","message"}]}),
//! a DOCX download; and the small readings of a request every handler shares (media type,
//! query parameters, a body that says its length).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/message.hpp"
#include "usecases/convert_document.hpp"
#include "vanthu/problem.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::host::http {

inline constexpr const char* kDocxMediaType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
inline constexpr const char* kJsonMediaType = "application/json; charset=utf-8";

bool is_read_only(const std::string& method);
Response json_response(int status, const nlohmann::json& body);
Response problems_response(int status, const vanthu::Problems& problems);
Response error_response(int status, const std::string& code, const std::string& message);
Response issues_response(int status, const std::vector<vanthu::TemplateIssue>& issues);
//! The DOCX as an attachment named `file_name` (RFC 6266/5987).
Response docx_response(std::string docx, const std::string& file_name);
//! A rendered document in `format` (DOCX, PDF), named `file_name` with that format's extension.
Response document_response(std::string bytes, const std::string& file_name, DocumentFormat format);
//! ?format=docx|pdf|pdfa in `out` (left empty without one), or the 400 invalid_format to answer.
std::optional<Response> format_parameter(const std::map<std::string, std::string>& query, std::optional<DocumentFormat>& out);
//! The format a document route answers in: ?format=docx|pdf|pdfa when given (400
//! invalid_format otherwise; 406 when Accept rules it out), else the one Accept prefers (DOCX
//! on a tie or without Accept; 406 when Accept takes neither). The answer to send instead, or
//! nothing with `out` set.
std::optional<Response> choose_document_format(const Request& request, const std::map<std::string, std::string>& query,
                                               DocumentFormat& out);
//! 429 converter_busy or 503 converter_failed / converter_unavailable, with Retry-After.
Response conversion_refused(const ConvertedDocument& converted);
//! 500 with the one message users see; details belong in the log. Closes the connection.
Response internal_error();
//! 405 with Allow.
Response method_not_allowed(const Request& request, const std::string& allow);
Response unknown_report_type(const std::string& id);

bool has_media_type(const Request& request, const char* type, const char* subtype);
bool is_json_content_type(const Request& request);
//! The query's parameters (last one wins); false when they cannot be decoded.
bool query_parameters(const Request& request, std::map<std::string, std::string>& out);
//! 411 for a request that says nothing of its body's length (RFC 9112: it has none).
std::optional<Response> framed_body(const Request& request);
//! 415 with `how_to_send` unless the Content-Type says JSON; then framed_body.
std::optional<Response> json_body(const Request& request, const std::string& how_to_send);
//! The request's JSON object (strict reading: UTF-8, NFC, no duplicate keys) with only `allowed`
//! members; an empty body is {} when `may_be_empty`. Otherwise the 400/415/422 to answer.
std::optional<Response> body_object(const Request& request, const std::vector<std::string>& allowed, bool may_be_empty,
                                    nlohmann::json& out);
//! No Accept, or an Accept that takes type/subtype at a weight above 0.
bool accepts_media_type(const Request& request, const char* type, const char* subtype);
//! Delimiters from a form field or the query ("[[ ]]"), or the 422 to answer.
std::optional<Response> form_delimiters(const std::string& text, std::optional<vanthu::Delimiters>& out);

}  // namespace vanthu::host::http
