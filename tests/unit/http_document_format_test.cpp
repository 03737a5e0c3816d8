//! Which format a document route answers in (http/responses.hpp choose_document_format): ?format=
//! first, then Accept by q and specificity, DOCX on a tie; 406 and 400 otherwise; the PDF's file
//! name (usecases/convert_document.hpp).
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>

#include "file_name.hpp"
#include "http/responses.hpp"
#include "usecases/convert_document.hpp"

using namespace vanthu::host;

namespace {

struct Chosen {
  int status = 200;  // 200: a format was chosen
  DocumentFormat format = DocumentFormat::docx;
  std::string body;
};

Chosen choose(std::optional<std::string> accept, std::map<std::string, std::string> query = {}) {
  http::Request request;
  request.method = "POST";
  request.path = "/v1/report-types/nq57-weekly/documents";
  if (accept) request.headers.push_back({"accept", *accept});
  Chosen chosen;
  if (auto refused = http::choose_document_format(request, query, chosen.format)) {
    chosen.status = refused->status;
    chosen.body = refused->body;
  }
  return chosen;
}

constexpr const char* kDocx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

}  // namespace

TEST(DocumentFormat, AcceptChoosesBetweenDocxAndPdf) {
  EXPECT_EQ(choose(std::nullopt).format, DocumentFormat::docx);
  EXPECT_EQ(choose("*/*").format, DocumentFormat::docx);
  EXPECT_EQ(choose("application/*").format, DocumentFormat::docx);
  EXPECT_EQ(choose("application/pdf").format, DocumentFormat::pdf);
  EXPECT_EQ(choose("application/pdf, */*;q=0.1").format, DocumentFormat::pdf);
  EXPECT_EQ(choose(std::string(kDocx) + ", application/pdf").format, DocumentFormat::docx);
  EXPECT_EQ(choose(std::string(kDocx) + ";q=0.5, application/pdf").format, DocumentFormat::pdf);
  EXPECT_EQ(choose("application/pdf, application/*;q=0.9").format, DocumentFormat::pdf);
  EXPECT_EQ(choose("APPLICATION/PDF").format, DocumentFormat::pdf);
}

TEST(DocumentFormat, AcceptThatTakesNeitherIs406) {
  for (const char* accept : {"text/html", "application/json", "application/pdf;q=0", "image/*", "application/pdf;q=0, text/*"}) {
    Chosen chosen = choose(accept);
    EXPECT_EQ(chosen.status, 406) << accept;
    EXPECT_NE(chosen.body.find("not_acceptable"), std::string::npos) << chosen.body;
  }
  // A wildcard with q=0 does not rule out the type it does not name more specifically.
  EXPECT_EQ(choose("*/*;q=0, application/pdf").format, DocumentFormat::pdf);
}

TEST(DocumentFormat, QueryFormatWinsAndIsChecked) {
  EXPECT_EQ(choose(std::nullopt, {{"format", "pdf"}}).format, DocumentFormat::pdf);
  EXPECT_EQ(choose(std::nullopt, {{"format", "pdfa"}}).format, DocumentFormat::pdfa);
  EXPECT_EQ(choose("application/pdf", {{"format", "docx"}}).status, 406);
  EXPECT_EQ(choose("*/*", {{"format", "pdfa"}}).format, DocumentFormat::pdfa);
  EXPECT_EQ(choose(kDocx, {{"format", "pdf"}}).status, 406);
  Chosen bad = choose(std::nullopt, {{"format", "PDF"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("\"path\":\"?format\""), std::string::npos) << bad.body;
  EXPECT_NE(bad.body.find("invalid_format"), std::string::npos) << bad.body;
}

TEST(DocumentFormat, FileNamesAndMediaTypes) {
  EXPECT_EQ(file_name_for("Báo cáo tuần.docx", DocumentFormat::pdf), "Báo cáo tuần.pdf");
  EXPECT_EQ(file_name_for("Báo cáo tuần.docx", DocumentFormat::pdfa), "Báo cáo tuần.pdf");
  EXPECT_EQ(file_name_for("Báo cáo tuần.docx", DocumentFormat::docx), "Báo cáo tuần.docx");
  EXPECT_EQ(document_file_name("bao-cao.pdf"), "bao-cao.pdf");
  EXPECT_EQ(document_file_name("bao-cao"), "bao-cao.docx");
  EXPECT_NE(attachment_disposition("Báo cáo.pdf").find("filename=\"Bao cao.pdf\""), std::string::npos);
  EXPECT_STREQ(media_type(DocumentFormat::pdfa), "application/pdf");
  EXPECT_EQ(parse_document_format("pdfa"), DocumentFormat::pdfa);
  EXPECT_FALSE(parse_document_format("xlsx"));
}
