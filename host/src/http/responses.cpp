#include "http/responses.hpp"

#include <algorithm>
#include <cctype>

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include "file_name.hpp"
#include "messages.hpp"
#include "template_report.hpp"
#include "vanthu/input.hpp"

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

Response document_response(std::string bytes, const std::string& file_name, DocumentFormat format) {
  Response r = docx_response(std::move(bytes), file_name_for(file_name, format));
  r.set("Content-Type", media_type(format));
  return r;
}

namespace {

//! How much `accept` wants type/subtype: the q of the most specific range that matches it
//! (-1: none does), and how specific that range is (2 exact, 1 type/*, 0 */*).
std::pair<double, int> accept_weight(std::string_view accept, std::string_view type, std::string_view subtype) {
  double best_q = -1;
  int best_specificity = -1;
  while (!accept.empty()) {
    const std::size_t comma = accept.find(',');
    std::string range(accept.substr(0, comma));
    accept = comma == std::string_view::npos ? std::string_view() : accept.substr(comma + 1);
    double q = 1;
    std::string params;
    if (std::size_t semi = range.find(';'); semi != std::string::npos) {
      params = range.substr(semi + 1);
      range.resize(semi);
    }
    for (char& c : range) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    range.erase(0, range.find_first_not_of(" \t"));
    range.erase(range.find_last_not_of(" \t") + 1);
    std::string compact;
    for (char c : params)
      if (c != ' ' && c != '\t') compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (std::size_t at = 0; at < compact.size();) {
      const std::size_t end = std::min(compact.find(';', at), compact.size());
      if (compact.compare(at, 2, "q=") == 0) {
        try {
          q = std::stod(compact.substr(at + 2, end - at - 2));
        } catch (const std::exception&) {
          q = 0;
        }
      }
      at = end + 1;
    }
    const std::size_t slash = range.find('/');
    if (slash == std::string::npos) continue;
    const std::string t = range.substr(0, slash), s = range.substr(slash + 1);
    int specificity = -1;
    if (t == type && s == subtype) specificity = 2;
    else if (t == type && s == "*") specificity = 1;
    else if (t == "*" && s == "*") specificity = 0;
    if (specificity > best_specificity) {
      best_specificity = specificity;
      best_q = q;
    }
  }
  return {best_q, best_specificity};
}

}  // namespace

std::optional<Response> format_parameter(const std::map<std::string, std::string>& query, std::optional<DocumentFormat>& out) {
  auto given = query.find("format");
  if (given == query.end()) return std::nullopt;
  out = parse_document_format(given->second);
  if (out) return std::nullopt;
  return problems_response(400, {{"?format", "invalid_format",
                                  "Tham số format = \"" + log_safe(given->second, 40) +
                                      "\" không dùng được: chọn docx, pdf hoặc pdfa (PDF/A-2b)."}});
}

std::optional<Response> choose_document_format(const Request& request, const std::map<std::string, std::string>& query,
                                               DocumentFormat& out) {
  const std::string* accept = request.header("accept");
  constexpr const char* kDocxSubtype = "vnd.openxmlformats-officedocument.wordprocessingml.document";
  auto refuse = [&](const std::string& what) {
    return error_response(406, "not_acceptable",
                          "Địa chỉ " + log_safe(request.path, 200) + " trả về " + what + "; Accept \"" +
                              log_safe(accept ? *accept : "", 120) + "\" không nhận kiểu đó (dùng " + kDocxMediaType +
                              " hoặc application/pdf, hoặc ?format=docx|pdf|pdfa).");
  };
  if (auto given = query.find("format"); given != query.end()) {
    std::optional<DocumentFormat> format;
    if (auto refused = format_parameter(query, format)) return refused;
    if (accept) {
      const bool pdf = *format != DocumentFormat::docx;
      if (accept_weight(*accept, "application", pdf ? "pdf" : kDocxSubtype).first <= 0)
        return refuse(pdf ? "application/pdf (?format=" + given->second + ")" : std::string(kDocxMediaType) + " (?format=docx)");
    }
    out = *format;
    return std::nullopt;
  }
  out = DocumentFormat::docx;
  if (!accept) return std::nullopt;
  const auto docx = accept_weight(*accept, "application", kDocxSubtype);
  const auto pdf = accept_weight(*accept, "application", "pdf");
  if (docx.first <= 0 && pdf.first <= 0) return refuse(std::string(kDocxMediaType) + " hoặc application/pdf");
  if (pdf.first > docx.first || (pdf.first == docx.first && pdf.second > docx.second)) out = DocumentFormat::pdf;
  return std::nullopt;
}

Response conversion_refused(const ConvertedDocument& converted) {
  using Status = ConvertedDocument::Status;
  const int status = converted.status == Status::busy ? 429 : 503;
  Response r = error_response(status, conversion_code(converted.status), conversion_message(converted.status));
  r.set("Retry-After", std::to_string(std::max(1, converted.retry_after_s)));
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

//! The request's JSON object with only `allowed` members; an empty body is {} when `may_be_empty`.
//! Otherwise the 400/415 to answer.
std::optional<Response> body_object(const Request& request, const std::vector<std::string>& allowed, bool may_be_empty, nlohmann::json& out) {
  if (request.body.empty() && may_be_empty) {
    out = nlohmann::json::object();
    return std::nullopt;
  }
  if (auto refused = json_body(request, "Gửi dữ liệu dạng JSON với Content-Type: application/json (mã hóa UTF-8)."))
    return refused;
  vanthu::InputDocument read = vanthu::read_input(request.body);
  if (read.malformed) return problems_response(400, read.problems);
  if (!read.problems.empty()) return problems_response(422, read.problems);
  if (!read.value.is_object())
    return error_response(400, "invalid_body", "Dữ liệu gửi lên phải là một đối tượng JSON ({…}).");
  vanthu::Problems unknown;
  std::string takes;
  for (const auto& a : allowed) takes += (takes.empty() ? "" : ", ") + a;
  for (const auto& [key, value] : read.value.items())
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
      unknown.push_back({"/" + log_safe(key, 60), "unknown_field",
                         "Trường \"" + log_safe(key, 60) + "\" không dùng được ở đây; các trường được nhận: " + takes + "."});
  if (!unknown.empty()) return problems_response(400, unknown);
  out = std::move(read.value);
  return std::nullopt;
}

bool accepts_media_type(const Request& request, const char* type, const char* subtype) {
  const std::string* accept = request.header("accept");
  return !accept || accept_weight(*accept, type, subtype).first > 0;
}

}  // namespace vanthu::host::http
