// The strict HTTP/1.1 parsing of the front end (host/src/http/parser.hpp): every head a
// well-behaved client sends is read as it means, every ambiguous one is refused with its status.
#include "http/parser.hpp"

#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace vanthu::host::http {
namespace {

using ::testing::HasSubstr;

struct Parsed {
  std::optional<ParseError> error;
  Request request;
  HeadInfo info;
};

Parsed parse(std::string head, HeadLimits limits = {}) {
  Parsed p;
  p.error = parse_head(head, limits, p.request, p.info);
  return p;
}

int status_of(std::string head) {
  Parsed p = parse(std::move(head));
  return p.error ? p.error->status : 0;
}

TEST(HttpHead, ReadsMethodTargetPathQueryVersionAndHeaders) {
  Parsed p = parse("POST /v1/report-types/x/documents?agency=hai-an HTTP/1.1\r\nHost: localhost:8080\r\n"
                   "Content-Type:  application/json \r\nContent-Length: 12");
  ASSERT_FALSE(p.error) << p.error->message;
  EXPECT_EQ(p.request.method, "POST");
  EXPECT_EQ(p.request.path, "/v1/report-types/x/documents");
  EXPECT_EQ(p.request.query, "agency=hai-an");
  EXPECT_EQ(p.request.minor_version, 1);
  ASSERT_NE(p.request.header("content-type"), nullptr);
  EXPECT_EQ(*p.request.header("content-type"), "application/json");
  EXPECT_EQ(p.info.body, HeadInfo::Body::length);
  EXPECT_EQ(p.info.length, 12u);
  EXPECT_TRUE(p.info.keep_alive);
  EXPECT_TRUE(p.request.has_body_framing);
}

TEST(HttpHead, NoFramingMeansNoBody) {
  Parsed p = parse("POST /x HTTP/1.1\r\nHost: a.b.c.d");
  ASSERT_TRUE(p.error);  // a name that is not allowed
  p = parse("POST /x HTTP/1.1\r\nHost: 10.0.0.1");
  ASSERT_FALSE(p.error);
  EXPECT_EQ(p.info.body, HeadInfo::Body::none);
  EXPECT_FALSE(p.request.has_body_framing);
}

TEST(HttpHead, MalformedRequestLinesAre400) {
  for (const char* line : {"GET  / HTTP/1.1", "GET / HTTP/1.1 ", "GET /", "GET / HTTP/1", "GET / http/1.1", "G(T / HTTP/1.1",
                           "GET relative HTTP/1.1", "GET /a\x01 HTTP/1.1", "GET / HTTP/1.1\rX"}) {
    EXPECT_EQ(status_of(std::string(line) + "\r\nHost: localhost"), 400) << line;
  }
}

TEST(HttpHead, OtherHttpVersionsAre505) {
  EXPECT_EQ(status_of("GET / HTTP/9.9\r\nHost: localhost"), 505);
  EXPECT_EQ(status_of("GET / HTTP/2.0\r\nHost: localhost"), 505);
  EXPECT_EQ(status_of("GET / HTTP/1.2\r\nHost: localhost"), 505);
}

TEST(HttpHead, HttpOneZeroNeedsNoHostAndClosesByDefault) {
  Parsed p = parse("GET / HTTP/1.0");
  ASSERT_FALSE(p.error);
  EXPECT_FALSE(p.info.keep_alive);
  p = parse("GET / HTTP/1.0\r\nConnection: Keep-Alive");
  ASSERT_FALSE(p.error);
  EXPECT_TRUE(p.info.keep_alive);
  p = parse("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close");
  ASSERT_FALSE(p.error);
  EXPECT_FALSE(p.info.keep_alive);
}

TEST(HttpHead, HeaderFieldsAreStrict) {
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: localhost\r\nNo colon here"), 400);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: localhost\r\nName : value"), 400);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: localhost\r\n: value"), 400);
  EXPECT_EQ(status_of(std::string("GET / HTTP/1.1\r\nHost: localhost\r\nX: a") + '\0' + "b"), 400);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: localhost\r\nX: a\x7f"), 400);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: localhost\r\nX: a\r\n folded"), 400);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: localhost\r\nX: a\nY: b"), 400);
  // obs-text (UTF-8 bytes) in a value is allowed.
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: localhost\r\nX-Ten: Hải An"), 0);
}

TEST(HttpHead, TooManyHeadersAre431) {
  std::string head = "GET / HTTP/1.1\r\nHost: localhost";
  for (int i = 0; i < 100; ++i) head += "\r\nX-" + std::to_string(i) + ": 1";
  EXPECT_EQ(status_of(head), 431);
}

TEST(HttpHead, LongRequestLineIs414) {
  HeadLimits limits;
  limits.max_request_line = 100;
  Parsed p = parse("GET /" + std::string(100, 'a') + " HTTP/1.1\r\nHost: localhost", limits);
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->status, 414);
  EXPECT_EQ(p.error->code, "uri_too_long");
}

TEST(HttpHead, HostIsRequiredOnceForHttp11) {
  Parsed p = parse("GET / HTTP/1.1");
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->status, 400);
  EXPECT_THAT(p.error->message, HasSubstr("Host"));
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: localhost\r\nHost: localhost"), 400);
  EXPECT_EQ(status_of("GET / HTTP/1.1\r\nHost: localhost:80x"), 400);
}

TEST(HttpHead, HostNamesBesidesLocalhostAndIpLiteralsMustBeAllowed) {
  // A browser tricked by DNS rebinding sends the attacker's name: refused.
  Parsed p = parse("GET / HTTP/1.1\r\nHost: evil.example:8080");
  ASSERT_TRUE(p.error);
  EXPECT_EQ(p.error->status, 421);
  EXPECT_EQ(p.error->code, "host_not_allowed");
  for (const char* host : {"localhost", "LOCALHOST:8080", "127.0.0.1", "127.0.0.1:9", "[::1]", "[::1]:8080", "192.168.1.20"})
    EXPECT_EQ(status_of(std::string("GET / HTTP/1.1\r\nHost: ") + host), 0) << host;
  HeadLimits limits;
  limits.allowed_host_names = {"vanthu.phuong.gov.vn"};
  EXPECT_FALSE(parse("GET / HTTP/1.1\r\nHost: Vanthu.Phuong.Gov.Vn:443", limits).error);
  EXPECT_TRUE(parse("GET / HTTP/1.1\r\nHost: other.gov.vn", limits).error);
  limits.allowed_host_names = {"*"};
  EXPECT_FALSE(parse("GET / HTTP/1.1\r\nHost: other.gov.vn", limits).error);
}

TEST(HttpHead, AmbiguousFramingIsRefused) {
  // Both framings, as used to smuggle a request past a proxy.
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nTransfer-Encoding: chunked"), 400);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4\r\nContent-Length: 5"), 400);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 4, 5"), 400);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: abc"), 400);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: -1"), 400);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: +5"), 400);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: "), 400);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: gzip, chunked"), 501);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked, chunked"), 501);
  EXPECT_EQ(status_of("POST / HTTP/1.0\r\nTransfer-Encoding: chunked"), 400);
  // The same length twice is one length.
  Parsed p = parse("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 7\r\nContent-Length: 7");
  ASSERT_FALSE(p.error);
  EXPECT_EQ(p.info.length, 7u);
}

TEST(HttpHead, AHugeLengthIsReadAsTooLargeNotAsAnError) {
  Parsed p = parse("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1180591620717411303424");
  ASSERT_FALSE(p.error);
  EXPECT_EQ(p.info.length, UINT64_MAX);
  p = parse("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 999999999999999999");
  ASSERT_FALSE(p.error);
  EXPECT_EQ(p.info.length, 999999999999999999ull);
}

TEST(HttpHead, ExpectOnlyContinue) {
  Parsed p = parse("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 1\r\nExpect: 100-Continue");
  ASSERT_FALSE(p.error);
  EXPECT_TRUE(p.info.expect_continue);
  EXPECT_EQ(status_of("POST / HTTP/1.1\r\nHost: localhost\r\nExpect: something"), 417);
}

ChunkedDecoder::Status decode(const std::string& wire, std::string& body, std::size_t piece, std::size_t limit = 1 << 20,
                              std::size_t* rest = nullptr) {
  ChunkedDecoder decoder;
  std::size_t at = 0;
  ChunkedDecoder::Status status = ChunkedDecoder::Status::more;
  while (at < wire.size()) {
    std::size_t used = 0;
    std::string_view in(wire.data() + at, std::min(piece, wire.size() - at));
    status = decoder.feed(in, used, body, limit);
    at += used;
    if (status != ChunkedDecoder::Status::more) break;
  }
  if (rest) *rest = wire.size() - at;
  return status;
}

TEST(HttpChunked, DecodesInPiecesOfAnySizeAndStopsAtTheEnd) {
  const std::string wire = "5\r\nHello\r\n7;ext=1\r\n, world\r\n0\r\nTrailer: x\r\n\r\nGET /next";
  for (std::size_t piece : {1u, 2u, 3u, 7u, 64u}) {
    std::string body;
    std::size_t rest = 0;
    EXPECT_EQ(decode(wire, body, piece, 1 << 20, &rest), ChunkedDecoder::Status::done) << piece;
    EXPECT_EQ(body, "Hello, world");
    EXPECT_EQ(rest, 9u) << "the next request is left alone";
  }
}

TEST(HttpChunked, MalformedChunksAreRefused) {
  for (const char* wire : {"zz\r\nGET / HTTP/1.1\r\n", "5\r\nHelloXX", "5\nHello\r\n0\r\n\r\n", "\r\n", "-1\r\n",
                           "5 x\r\nHello\r\n", "fffffffffffffffff\r\n", "0\r\nno colon\r\n\r\n"}) {
    std::string body;
    EXPECT_EQ(decode(wire, body, 3), ChunkedDecoder::Status::malformed) << wire;
  }
}

TEST(HttpChunked, TheLimitHoldsAcrossChunks) {
  std::string body;
  EXPECT_EQ(decode("4\r\nabcd\r\n4\r\nefgh\r\n0\r\n\r\n", body, 5, 8), ChunkedDecoder::Status::done);
  body.clear();
  EXPECT_EQ(decode("4\r\nabcd\r\n5\r\nefghi\r\n0\r\n\r\n", body, 5, 8), ChunkedDecoder::Status::too_large);
  EXPECT_LE(body.size(), 8u);
  body.clear();
  EXPECT_EQ(decode("ffffffffffffff\r\n", body, 100, 8), ChunkedDecoder::Status::too_large);
}

}  // namespace
}  // namespace vanthu::host::http
