#include "http/multipart.hpp"

#include <sstream>

#include <Poco/Exception.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>

#include "http/responses.hpp"
#include "messages.hpp"

namespace vanthu::host::http {

std::optional<Response> read_form(const Request& request, std::size_t max_upload, std::map<std::string, FormPart>& parts) {
  std::string boundary;
  try {
    Poco::Net::MediaType type(request.header_or("content-type"));
    if (type.matches("multipart", "form-data") && type.hasParameter("boundary")) boundary = type.getParameter("boundary");
  } catch (const Poco::Exception&) {
  }
  if (boundary.empty())
    return error_response(415, "unsupported_media_type",
                          "Yêu cầu này gửi dạng multipart/form-data (trường \"template\" là tệp DOCX, \"data\" là JSON).");
  if (auto refused = framed_body(request)) return refused;
  if (request.body.size() > max_upload)
    return error_response(413, "body_too_large", "Dữ liệu gửi lên vượt quá giới hạn " + std::to_string(max_upload) + " byte.");
  constexpr int kMaxParts = 16;
  try {
    std::istringstream in(request.body);
    Poco::Net::MultipartReader reader(in, boundary);
    int count = 0;
    while (reader.hasNextPart()) {
      if (++count > kMaxParts) throw Poco::DataFormatException("too many parts");
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string disposition;
      Poco::Net::NameValueCollection parameters;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition, parameters);
      std::string name = parameters.get("name", "");
      FormPart part;
      part.file_name = parameters.get("filename", "");
      std::ostringstream content;
      content << reader.stream().rdbuf();
      part.content = content.str();
      if (name.empty()) continue;
      if (parts.count(name))
        return error_response(400, "bad_request", "Trường \"" + log_safe(name, 60) + "\" gửi hai lần.");
      parts.emplace(std::move(name), std::move(part));
    }
  } catch (const Poco::Exception& e) {
    return error_response(400, "bad_multipart", "Dữ liệu multipart/form-data không đọc được: " + log_safe(e.message(), 200));
  }
  return std::nullopt;
}

}  // namespace vanthu::host::http
