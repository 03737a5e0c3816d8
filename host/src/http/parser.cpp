#include "http/parser.hpp"

#include <algorithm>
#include <limits>

namespace vanthu::host::http {
namespace {

//! tchar (RFC 9110, 5.6.2): the characters of a method or header name.
bool is_tchar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

bool is_token(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return is_tchar(static_cast<unsigned char>(c)); });
}

//! A field value's characters: visible, space, tab and obs-text; no control character.
bool is_field_value(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) {
    const auto c = static_cast<unsigned char>(ch);
    return c == '\t' || (c >= 0x20 && c != 0x7f);
  });
}

std::string_view trim_ows(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + ('a' - 'A'));
  return out;
}

//! The comma-separated elements of every header of that name, trimmed and lower-cased.
std::vector<std::string> list_elements(const Request& request, std::string_view name) {
  std::vector<std::string> out;
  for (const auto& h : request.headers) {
    if (h.name != name) continue;
    std::string_view rest = h.value;
    while (true) {
      std::size_t comma = rest.find(',');
      std::string_view element = trim_ows(rest.substr(0, comma));
      if (!element.empty()) out.push_back(lower(element));
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return out;
}

ParseError bad(std::string message) { return {400, "bad_request", "Yêu cầu HTTP sai định dạng: " + std::move(message)}; }

//! An IPv4 dotted quad or a bracketed IPv6 literal.
bool is_ip_literal(std::string_view host) {
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') return true;
  int dots = 0, digits = 0;
  for (char c : host) {
    if (c == '.') {
      if (digits == 0) return false;
      ++dots;
      digits = 0;
    } else if (c >= '0' && c <= '9') {
      if (++digits > 3) return false;
    } else {
      return false;
    }
  }
  return dots == 3 && digits > 0;
}

std::optional<ParseError> check_host(const Request& request, const HeadLimits& limits) {
  std::size_t count = 0;
  const std::string* value = nullptr;
  for (const auto& h : request.headers)
    if (h.name == "host") {
      ++count;
      value = &h.value;
    }
  if (count > 1) return bad("có hai header Host.");
  if (count == 0) {
    if (request.minor_version == 1) return bad("thiếu header Host (bắt buộc với HTTP/1.1).");
    return std::nullopt;
  }
  std::string host = lower(*value);
  std::string name = host;
  if (!host.empty() && host.front() == '[') {
    std::size_t close = host.find(']');
    if (close == std::string::npos) return bad("header Host không hợp lệ.");
    name = host.substr(0, close + 1);
    std::string_view rest = std::string_view(host).substr(close + 1);
    if (!rest.empty() && (rest.front() != ':' || rest.find_first_not_of("0123456789", 1) != std::string_view::npos))
      return bad("header Host không hợp lệ.");
  } else if (std::size_t colon = host.find(':'); colon != std::string::npos) {
    name = host.substr(0, colon);
    if (host.find_first_not_of("0123456789", colon + 1) != std::string::npos) return bad("header Host không hợp lệ.");
  }
  if (name.empty()) return request.minor_version == 1 ? std::optional(bad("header Host trống.")) : std::nullopt;
  if (name == "localhost" || is_ip_literal(name)) return std::nullopt;
  for (const auto& allowed : limits.allowed_host_names)
    if (allowed == "*" || allowed == name) return std::nullopt;
  return ParseError{421, "host_not_allowed",
                    "Máy chủ này không phục vụ tên \"" + name.substr(0, 100) +
                        "\". Quản trị viên thêm tên đó vào vanthu.allowed-hosts nếu đúng là địa chỉ của máy chủ."};
}

}  // namespace

std::optional<ParseError> parse_head(std::string_view head, const HeadLimits& limits, Request& request, HeadInfo& info) {
  // Lines end with CRLF; a bare CR or LF anywhere is refused (RFC 9112, 2.2: bare CR MUST be
  // rejected, and a lone LF is where parsers disagree).
  std::size_t eol = head.find("\r\n");
  std::string_view line = head.substr(0, eol);
  if (line.size() > limits.max_request_line)
    return ParseError{414, "uri_too_long", "Địa chỉ yêu cầu dài quá " + std::to_string(limits.max_request_line) + " byte."};
  if (line.find_first_of("\r\n") != std::string_view::npos) return bad("dòng yêu cầu chứa ký tự xuống dòng lẻ.");

  // request-line = method SP request-target SP HTTP-version
  std::size_t sp1 = line.find(' ');
  std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
    return bad("dòng yêu cầu phải là \"PHƯƠNG-THỨC ĐỊA-CHỈ HTTP/1.1\".");
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = line.substr(sp2 + 1);
  if (!is_token(method) || method.size() > 32) return bad("phương thức không hợp lệ.");
  if (target.empty() || !std::all_of(target.begin(), target.end(), [](char c) { return c > 0x20 && c < 0x7f; }))
    return bad("địa chỉ yêu cầu trống hoặc chứa ký tự không được phép.");
  if (target.front() != '/' && !(target == "*" && method == "OPTIONS"))
    return bad("địa chỉ yêu cầu phải bắt đầu bằng \"/\".");
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" || version[6] != '.' || version[5] < '0' || version[5] > '9' ||
      version[7] < '0' || version[7] > '9')
    return bad("phiên bản HTTP không hợp lệ.");
  if (version[5] != '1' || (version[7] != '0' && version[7] != '1'))
    return ParseError{505, "http_version_not_supported", "Máy chủ chỉ hỗ trợ HTTP/1.0 và HTTP/1.1."};
  request.method = std::string(method);
  request.target = std::string(target);
  std::size_t question = target.find('?');
  request.path = std::string(target.substr(0, question));
  request.query = question == std::string_view::npos ? std::string() : std::string(target.substr(question + 1));
  if (std::size_t hash = request.query.find('#'); hash != std::string::npos) request.query.resize(hash);
  if (std::size_t hash = request.path.find('#'); hash != std::string::npos) request.path.resize(hash);
  request.minor_version = version[7] - '0';

  // field-line = field-name ":" OWS field-value OWS
  std::size_t at = eol == std::string_view::npos ? head.size() : eol + 2;
  while (at < head.size()) {
    std::size_t end = head.find("\r\n", at);
    if (end == std::string_view::npos) end = head.size();
    std::string_view field = head.substr(at, end - at);
    at = end + 2;
    if (field.find_first_of("\r\n") != std::string_view::npos) return bad("header chứa ký tự xuống dòng lẻ.");
    if (field.empty()) return bad("dòng header trống giữa các header.");
    if (field.front() == ' ' || field.front() == '\t') return bad("header viết tiếp trên dòng mới (obs-fold) không được hỗ trợ.");
    std::size_t colon = field.find(':');
    if (colon == std::string_view::npos) return bad("dòng header không có dấu hai chấm.");
    std::string_view name = field.substr(0, colon);
    if (!is_token(name)) return bad("tên header \"" + std::string(name.substr(0, 60)) + "\" không hợp lệ.");
    std::string_view value = trim_ows(field.substr(colon + 1));
    if (!is_field_value(value)) return bad("header " + std::string(name.substr(0, 60)) + " chứa ký tự điều khiển.");
    if (request.headers.size() >= limits.max_headers)
      return ParseError{431, "headers_too_large",
                        "Yêu cầu có quá nhiều header (tối đa " + std::to_string(limits.max_headers) + ")."};
    request.headers.push_back({lower(name), std::string(value)});
  }

  if (auto host = check_host(request, limits)) return host;

  // The body's framing (RFC 9112, 6): Transfer-Encoding and Content-Length together, or two
  // different lengths, are how requests are smuggled past a proxy: refused.
  std::vector<std::string> codings = list_elements(request, "transfer-encoding");
  const bool has_te = request.header("transfer-encoding") != nullptr;
  const bool has_cl = request.header("content-length") != nullptr;
  if (has_te) {
    if (has_cl) return bad("có cả Content-Length và Transfer-Encoding.");
    if (request.minor_version == 0) return bad("Transfer-Encoding không dùng với HTTP/1.0.");
    if (codings.size() != 1 || codings[0] != "chunked")
      return ParseError{501, "unsupported_transfer_coding", "Máy chủ chỉ nhận Transfer-Encoding: chunked."};
    info.body = HeadInfo::Body::chunked;
  } else if (has_cl) {
    std::optional<std::uint64_t> length;
    for (const auto& h : request.headers) {
      if (h.name != "content-length") continue;
      std::string_view rest = h.value;
      while (true) {
        std::size_t comma = rest.find(',');
        std::string_view element = trim_ows(rest.substr(0, comma));
        if (element.empty() || element.find_first_not_of("0123456789") != std::string_view::npos)
          return bad("Content-Length phải là một số nguyên không âm.");
        std::uint64_t value = 0;
        if (element.size() > 18) {
          value = std::numeric_limits<std::uint64_t>::max();  // more than anything we would read
        } else {
          for (char c : element) value = value * 10 + static_cast<std::uint64_t>(c - '0');
        }
        if (length && *length != value) return bad("có hai Content-Length khác nhau.");
        length = value;
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
    }
    info.length = *length;
    info.body = info.length == 0 ? HeadInfo::Body::none : HeadInfo::Body::length;
  }
  request.has_body_framing = has_te || has_cl;

  if (const std::string* expect = request.header("expect")) {
    if (lower(*expect) != "100-continue")
      return ParseError{417, "expectation_failed", "Máy chủ chỉ hiểu \"Expect: 100-continue\"."};
    info.expect_continue = request.minor_version == 1;
  }

  std::vector<std::string> connection = list_elements(request, "connection");
  const bool close = std::find(connection.begin(), connection.end(), "close") != connection.end();
  const bool keep = std::find(connection.begin(), connection.end(), "keep-alive") != connection.end();
  info.keep_alive = request.minor_version == 1 ? !close : (keep && !close);
  return std::nullopt;
}

ChunkedDecoder::Status ChunkedDecoder::malformed(std::string why) {
  error_ = "khối dữ liệu (chunked) sai định dạng: " + std::move(why);
  return Status::malformed;
}

ChunkedDecoder::Status ChunkedDecoder::feed(std::string_view in, std::size_t& used, std::string& body, std::size_t limit) {
  constexpr std::size_t kMaxLine = 4096;
  constexpr std::size_t kMaxTrailers = 8192;
  used = 0;
  while (used < in.size()) {
    switch (state_) {
      case State::size:
      case State::trailer: {
        std::size_t nl = in.find('\n', used);
        std::size_t take = (nl == std::string_view::npos ? in.size() : nl + 1) - used;
        line_.append(in.substr(used, take));
        used += take;
        if (line_.size() > kMaxLine) return malformed("dòng kích thước khối quá dài.");
        if (nl == std::string_view::npos) return Status::more;
        if (line_.size() < 2 || line_[line_.size() - 2] != '\r') return malformed("dòng không kết thúc bằng CRLF.");
        std::string_view line(line_.data(), line_.size() - 2);
        if (line.find('\r') != std::string_view::npos || !is_field_value(line)) return malformed("ký tự điều khiển.");
        if (state_ == State::size) {
          std::uint64_t size = 0;
          std::size_t i = 0;
          for (; i < line.size(); ++i) {
            const char c = line[i];
            int digit = c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
            if (digit < 0) break;
            if (i >= 15) return malformed("kích thước khối quá lớn.");
            size = size * 16 + static_cast<std::uint64_t>(digit);
          }
          if (i == 0) return malformed("thiếu kích thước khối (số hệ 16).");
          std::string_view rest = trim_ows(line.substr(i));
          if (!rest.empty() && rest.front() != ';') return malformed("kích thước khối không phải số hệ 16.");
          line_.clear();
          if (size == 0) {
            state_ = State::trailer;
          } else {
            if (size > limit || body.size() > limit - size) return Status::too_large;
            remaining_ = size;
            state_ = State::data;
          }
        } else {
          trailer_bytes_ += line_.size();
          const bool end = line.empty();
          if (!end && line.find(':') == std::string_view::npos) return malformed("trailer không có dấu hai chấm.");
          line_.clear();
          if (end) return Status::done;
          if (trailer_bytes_ > kMaxTrailers) return malformed("phần trailer quá lớn.");
        }
        break;
      }
      case State::data: {
        std::size_t take = static_cast<std::size_t>(std::min<std::uint64_t>(remaining_, in.size() - used));
        body.append(in.substr(used, take));
        used += take;
        remaining_ -= take;
        if (remaining_ == 0) state_ = State::data_end;
        break;
      }
      case State::data_end: {
        line_.push_back(in[used++]);
        if (line_[0] != '\r' || (line_.size() == 2 && line_[1] != '\n')) return malformed("thiếu CRLF sau khối.");
        if (line_.size() == 2) {
          line_.clear();
          state_ = State::size;
        }
        break;
      }
    }
  }
  return Status::more;
}

}  // namespace vanthu::host::http
