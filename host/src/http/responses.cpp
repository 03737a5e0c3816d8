#include "http/responses.hpp"

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include "file_name.hpp"
#include "messages.hpp"
#include "template_report.hpp"

namespace vanthu::host::http {

using json = nlohmann::json;

namespace {
constexpr const char* kInternalErrorMessage =
    "Đã xảy ra lỗi nội bộ khi tạo văn bản. Vui lòng thử lại sau hoặc báo cho quản trị hệ thống.";
}  // namespace

bool is_read_only(const std::string& method) { return method == "GET" || method == "HEAD"; }

Response json_response(int status, const json& body) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  r.set("Content-Type", kJsonMediaType);
  r.set("Cache-Control", "no-store");
  r.set("X-Content-Type-Options", "nosniff");
  return r;
}

Response problems_response(int status, const vanthu::Problems& problems) {
  return json_response(status, vanthu::errors_body(problems));
}

Response error_response(int status, const std::string& code, const std::string& message) {
  return problems_response(status, {vanthu::Problem{"", code, message}});
}

Response issues_response(int status, const std::vector<vanthu::TemplateIssue>& issues) {
  return json_response(status, issues_body(issues));
}

Response docx_response(std::string docx, const std::string& file_name) {
  Response r;
  r.body = std::move(docx);
  r.set("Content-Type", kDocxMediaType);
  r.set("Content-Disposition", attachment_disposition(file_name));
  r.set("Cache-Control", "no-store");
  r.set("X-Content-Type-Options", "nosniff");
  return r;
}

Response internal_error() {
  Response r = error_response(500, "internal_error", kInternalErrorMessage);
  r.close = true;
  return r;
}

bool has_media_type(const Request& request, const char* type, const char* subtype) {
  const std::string* value = request.header("content-type");
  if (!value) return false;
  try {
    return Poco::Net::MediaType(*value).matches(type, subtype);
  } catch (const Poco::Exception&) {
    return false;
  }
}

bool is_json_content_type(const Request& request) {
  const std::string* value = request.header("content-type");
  if (!value) return false;
  try {
    Poco::Net::MediaType type(*value);
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

//! The query's parameters (last one wins); false when they cannot be decoded.
bool query_parameters(const Request& request, std::map<std::string, std::string>& out) {
  try {
    for (const auto& [name, value] : Poco::URI(request.target).getQueryParameters()) out[name] = value;
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}


std::optional<Response> framed_body(const Request& request) {
  if (request.has_body_framing) return std::nullopt;
  Response r = error_response(411, "length_required", "Yêu cầu phải có Content-Length hoặc Transfer-Encoding: chunked.");
  r.close = true;
  return r;
}

std::optional<Response> json_body(const Request& request, const std::string& how_to_send) {
  if (!is_json_content_type(request)) return error_response(415, "unsupported_media_type", how_to_send);
  return framed_body(request);
}

std::optional<Response> form_delimiters(const std::string& text, std::optional<vanthu::Delimiters>& out) {
  if (text.empty()) return std::nullopt;
  std::string why;
  out = vanthu::parse_delimiters(text, &why);
  if (out) return std::nullopt;
  vanthu::TemplateIssue issue;
  issue.code = "delimiters";
  issue.message = "Dấu thẻ \"" + log_safe(text, 40) + "\" không dùng được: " + why;
  return issues_response(422, {issue});
}

Response method_not_allowed(const Request& request, const std::string& allow) {
  Response r = error_response(405, "method_not_allowed",
                              "Phương thức " + log_safe(request.method, 20) + " không dùng được với " + log_safe(request.path, 200) +
                                  "; hãy dùng " + allow + ".");
  r.set("Allow", allow);
  return r;
}

Response unknown_report_type(const std::string& id) {
  return error_response(404, "unknown_report_type",
                        "Không có loại báo cáo \"" + log_safe(id, 100) + "\". Xem danh sách tại /v1/report-types.");
}

}  // namespace vanthu::host::http
