//! Signing PDFs (issue 12), with the real tools: LibreOffice makes the PDFs of rendered samples
//! (one cold soffice run for the whole binary), OpenSSL makes a throwaway CA and the agency's
//! certificate at test time (no key is ever committed), and poppler's own pdfsig and pdftotext,
//! and qpdf, judge the output.
//!
//!   - sign-field: the field's rectangle lies between the position line and the signer's name, in
//!     the right half of the page the destination names, on every report type's sample; readers
//!     list the empty field (qpdf --json, pdfsig)
//!   - sign: pdfsig says the signature is valid and covers the whole file; the original bytes are
//!     untouched (an incremental update); PAdES B-B (ETSI.CAdES.detached, signing-certificate-v2,
//!     no signing-time); the same input, key and time give the same bytes; one byte changed after
//!     signing and pdfsig says it is not valid
//!   - the signer's image and the seal in the widget's appearance, the seal at its configured size
//!     over the left third of the signature
//!   - an appendix: the organisation's signature text (number, time) at the top right of page 1
//!   - wrong password, missing or broken configuration, unknown option: clear errors, no secret
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <zlib.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <openssl/cms.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "cli/sign_commands.hpp"
#include "issuing/sign_field.hpp"
#include "issuing/signing_config.hpp"
#include "test_support.hpp"
#include "usecases/sign_document.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using namespace vanthu::test;
using ::testing::HasSubstr;
using ::testing::Not;

namespace {

constexpr double kMm = 72.0 / 25.4;
// The claimed signing time of the tests. The throwaway certificates are made now, valid for 20
// years, and a signature may not claim a time before its certificate: so a time ahead.
constexpr const char* kTime = "2030-02-11T09:30:00+07:00";
const char* const kPassword = "mật-khẩu thử 12";

struct Sample {
  std::string type, file, signer;
};
const std::vector<Sample> kSamples = {
    {"nq57-weekly", "hai-an-2026-02-11.json", "Cao Huy Hiếu"},
    {"dean06-monthly", "hai-an-2026-04.json", "Bùi Quang Ngân"},
    {"nq57-periodic", "an-hai-2025-11.json", "Nguyễn Thế Đức"},
    {"hdnd-quarterly", "hai-an-2026-q2.json", "Vũ Văn Lăng"},
};

std::string vanthu_bin() { return (build_dir() / "bin" / "vanthu").string(); }

//! A PNG (8-bit RGBA) from a function of the pixel, written with zlib alone.
std::string png(int w, int h, const std::function<std::uint32_t(int, int)>& rgba) {
  auto be32 = [](std::uint32_t v) {
    return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  auto chunk = [&](const std::string& type, const std::string& data) {
    std::string body = type + data;
    return be32(static_cast<std::uint32_t>(data.size())) + body +
           be32(static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size()))));
  };
  std::string raw;
  for (int y = 0; y < h; ++y) {
    raw += '\0';
    for (int x = 0; x < w; ++x) raw += be32(rgba(x, y));
  }
  uLongf size = compressBound(static_cast<uLong>(raw.size()));
  std::string z(size, '\0');
  compress(reinterpret_cast<Bytef*>(z.data()), &size, reinterpret_cast<const Bytef*>(raw.data()), static_cast<uLong>(raw.size()));
  z.resize(size);
  std::string ihdr = be32(w) + be32(h) + std::string("\x08\x06\x00\x00\x00", 5);
  return std::string("\x89PNG\r\n\x1a\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", z) + chunk("IEND", "");
}

//! What the whole binary shares: the PDFs of the samples, the CA and the agency's PKCS#12, a
//! data directory with the agency "hai-an" configured (password in a file, both images).
struct Shared {
  TempDir dir;
  std::map<std::string, std::string> pdf;  // report type -> bytes
  fs::path data_dir, signing_dir, ca;
};

Shared& shared() {
  static std::unique_ptr<Shared> s = [] {
    auto s = std::make_unique<Shared>();
    const fs::path dir = s->dir.path();
    for (const auto& sample : kSamples) {
      auto r = run_process({vanthu_bin(), "render", sample.type, (source_dir() / "samples" / sample.type / sample.file).string(), "-o",
                            (dir / (sample.type + ".docx")).string()});
      if (r.exit_code != 0) throw std::runtime_error("render " + sample.type + ": " + r.err);
    }
    std::vector<std::string> argv = {"soffice", "-env:UserInstallation=file://" + (dir / "profile").string(), "--headless", "--norestore",
                                     "--convert-to",
                                     "pdf:writer_pdf_Export:{\"ExportBookmarksToPDFDestination\":{\"type\":\"boolean\",\"value\":\"true\"},"
                                     "\"SelectPdfVersion\":{\"type\":\"long\",\"value\":\"2\"}}",
                                     "--outdir", dir.string()};
    for (const auto& sample : kSamples) argv.push_back((dir / (sample.type + ".docx")).string());
    auto r = run_process(argv, {}, 600);
    if (r.exit_code != 0) throw std::runtime_error("soffice: " + r.err);
    for (const auto& sample : kSamples) s->pdf[sample.type] = read_file(dir / (sample.type + ".pdf"));

    // A throwaway CA and the agency's certificate, made now.
    s->data_dir = dir / "data";
    s->signing_dir = s->data_dir / "signing";
    fs::create_directories(s->signing_dir);
    const fs::path pki = dir / "pki";
    fs::create_directories(pki);
    write_file(pki / "signer.ext", "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,nonRepudiation\n");
    write_file(s->signing_dir / "hai-an.pass", std::string(kPassword) + "\n");
    const std::vector<std::vector<std::string>> steps = {
        {"openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", (pki / "ca.key").string(), "-out", (pki / "ca.pem").string(),
         "-days", "7300", "-utf8", "-subj", "/CN=Vanthu Test CA/O=Vanthu tests", "-addext", "basicConstraints=critical,CA:TRUE", "-addext",
         "keyUsage=critical,keyCertSign,cRLSign"},
        {"openssl", "req", "-newkey", "rsa:2048", "-nodes", "-keyout", (pki / "signer.key").string(), "-out", (pki / "signer.csr").string(),
         "-utf8", "-subj", "/CN=Ủy ban nhân dân phường Hải An/O=UBND phường Hải An/C=VN"},
        {"openssl", "x509", "-req", "-in", (pki / "signer.csr").string(), "-CA", (pki / "ca.pem").string(), "-CAkey",
         (pki / "ca.key").string(), "-set_serial", "4660", "-days", "7300", "-extfile", (pki / "signer.ext").string(), "-out",
         (pki / "signer.pem").string()},
        {"openssl", "pkcs12", "-export", "-inkey", (pki / "signer.key").string(), "-in", (pki / "signer.pem").string(), "-certfile",
         (pki / "ca.pem").string(), "-passout", "file:" + (s->signing_dir / "hai-an.pass").string(), "-out",
         (s->signing_dir / "hai-an.p12").string()},
    };
    for (const auto& step : steps) {
      auto r = run_process(step);
      if (r.exit_code != 0) throw std::runtime_error(step[1] + ": " + r.err);
    }
    s->ca = pki / "ca.pem";
    fs::remove(pki / "ca.key");
    fs::remove(pki / "signer.key");
    // The signer's signature: blue strokes on transparency; the seal: a red ring, transparent.
    write_file(s->signing_dir / "chu-ky.png", png(300, 150, [](int x, int y) -> std::uint32_t {
                 const double wave = 75 + 40 * std::sin(x / 25.0);
                 return std::abs(y - wave) < 4 ? 0x1A3FB0FFu : 0x1A3FB000u;
               }));
    write_file(s->signing_dir / "con-dau.png", png(200, 200, [](int x, int y) -> std::uint32_t {
                 const double r = std::hypot(x - 99.5, y - 99.5);
                 return (r < 98 && r > 88) || (r < 60 && r > 55) ? 0xD0101EFFu : 0xD0101E00u;
               }));
    write_file(s->signing_dir / "hai-an.json",
               R"({"p12": "hai-an.p12", "password_file": "hai-an.pass", "signer_image": "chu-ky.png", "seal_image": "con-dau.png", "seal_mm": 38})");
    return s;
  }();
  return *s;
}

ProcessResult run_vanthu(std::vector<std::string> args, std::string_view input = {}) {
  args.insert(args.begin(), vanthu_bin());
  return run_process(args, input);
}

//! The signed PDF of a sample, signed through the command line with a fixed time.
std::string signed_pdf(const std::string& type, std::vector<std::string> extra = {}) {
  std::vector<std::string> args = {"sign", "-", "--agency=hai-an", "--data-dir=" + shared().data_dir.string(), "--time=" + std::string(kTime),
                                   "-o", "-"};
  args.insert(args.end(), extra.begin(), extra.end());
  auto r = run_vanthu(args, shared().pdf.at(type));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

ProcessResult pdfsig(const std::string& pdf_bytes, const std::string& name) {
  const fs::path file = shared().dir.path() / name;
  write_file(file, pdf_bytes);
  return run_process({"pdfsig", "-nocert", file.string()});
}

struct Box {
  double x0, y0, x1, y1;  // pdftotext: points, origin top left
  std::string text;
};

//! The words of one page (0-based), by pdftotext -bbox.
std::vector<Box> words_of(const std::string& pdf_bytes, int page, const std::string& name) {
  const fs::path file = shared().dir.path() / name;
  write_file(file, pdf_bytes);
  const std::string n = std::to_string(page + 1);
  const std::string html = run_process({"pdftotext", "-f", n, "-l", n, "-bbox", file.string(), "-"}).out;
  std::vector<Box> out;
  const std::regex word(R"re(<word xMin="([^"]*)" yMin="([^"]*)" xMax="([^"]*)" yMax="([^"]*)">([^<]*)</word>)re");
  for (std::sregex_iterator it(html.begin(), html.end(), word), end; it != end; ++it)
    out.push_back({std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4]), (*it)[5]});
  return out;
}

//! A PDF parsed by qpdf, with the bytes it reads from (qpdf does not copy them).
struct Parsed : QPDF {
  std::string bytes;
};
std::unique_ptr<Parsed> parse(std::string bytes) {
  auto parsed = std::make_unique<Parsed>();
  parsed->bytes = std::move(bytes);
  parsed->setSuppressWarnings(true);
  parsed->processMemoryFile("test.pdf", parsed->bytes.data(), parsed->bytes.size());
  return parsed;
}

//! The field named `name` (top level of /AcroForm /Fields).
QPDFObjectHandle field_of(QPDF& pdf, const std::string& name) {
  for (QPDFObjectHandle f : pdf.getRoot().getKey("/AcroForm").getKey("/Fields").aitems())
    if (f.getKey("/T").isString() && f.getKey("/T").getUTF8Value() == name) return f;
  return QPDFObjectHandle::newNull();
}

int page_index_of(QPDF& pdf, QPDFObjectHandle widget) {
  auto pages = QPDFPageDocumentHelper(pdf).getAllPages();
  for (std::size_t i = 0; i < pages.size(); ++i)
    for (QPDFObjectHandle a : pages[i].getObjectHandle().getKey("/Annots").aitems())
      if (a.getObjGen() == widget.getObjGen()) return static_cast<int>(i);
  return -1;
}

std::vector<double> rect(QPDFObjectHandle widget) {
  std::vector<double> r;
  for (QPDFObjectHandle v : widget.getKey("/Rect").aitems()) r.push_back(v.getNumericValue());
  return r;
}

}  // namespace

// ---- sign-field ------------------------------------------------------------------------------

TEST(SignField, RectangleBetweenPositionLineAndSignerNameInTheRightHalf) {
  for (const auto& sample : kSamples) {
    SCOPED_TRACE(sample.type);
    const std::string& original = shared().pdf.at(sample.type);
    auto r = run_vanthu({"sign-field", "-", "-o", "-"}, original);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto pdf = parse(r.out);
    QPDFObjectHandle field = field_of(*pdf, "ChuKy");
    ASSERT_TRUE(field.isDictionary());
    EXPECT_TRUE(field.getKey("/FT").isNameAndEquals("/Sig"));
    EXPECT_TRUE(field.getKey("/V").isNull());
    EXPECT_EQ(pdf->getRoot().getKey("/AcroForm").getKey("/SigFlags").getIntValueAsInt() & 1, 1);
    EXPECT_TRUE(field.getKey("/AP").getKey("/N").isStream());  // PDF/A: every annotation has an appearance
    EXPECT_EQ(field.getKey("/F").getIntValueAsInt() & 4, 4);    // printable
    const int page = page_index_of(*pdf, field);
    ASSERT_GE(page, 0);
    auto mb = QPDFPageDocumentHelper(*pdf).getAllPages()[page].getMediaBox();
    const double page_w = mb.getArrayItem(2).getNumericValue(), page_h = mb.getArrayItem(3).getNumericValue();
    const std::vector<double> rc = rect(field);
    ASSERT_EQ(rc.size(), 4u);
    // In poppler's top-down coordinates, as pdftotext gives the words.
    const double x0 = rc[0], x1 = rc[2], top = page_h - rc[3], bottom = page_h - rc[1];
    EXPECT_GE(x0, page_w / 2 - 0.01) << "in the right half";
    EXPECT_LE(x1, page_w);
    EXPECT_GE(bottom - top, 60) << "the 30 mm signature area";
    EXPECT_GE(x1 - x0, 50 * kMm);
    // No word of the page in it; the signer's name just below, a line of the block just above.
    std::vector<Box> words = words_of(r.out, page, "field-" + sample.type + ".pdf");
    ASSERT_FALSE(words.empty());
    const Box* above = nullptr;
    const Box* below = nullptr;
    for (const Box& w : words) {
      const bool overlaps = w.x1 > x0 && w.x0 < x1 && w.y1 > top && w.y0 < bottom;
      EXPECT_FALSE(overlaps) << "word «" << w.text << "» inside the field";
      if (w.x0 + (w.x1 - w.x0) / 2 < page_w / 2) continue;
      if (w.y1 <= top + 0.01 && (!above || w.y1 > above->y1)) above = &w;
      if (w.y0 >= bottom - 0.01 && (!below || w.y0 < below->y0)) below = &w;
    }
    ASSERT_TRUE(above && below);
    EXPECT_LT(top - above->y1, 3) << "the position line «" << above->text << "» right above";
    EXPECT_LT(below->y0 - bottom, 3);
    std::string name_line;
    for (const Box& w : words)
      if (std::abs(w.y0 - below->y0) < 1) name_line += (name_line.empty() ? "" : " ") + w.text;
    EXPECT_EQ(name_line, sample.signer);
    // The destination's page.
    EXPECT_EQ(vanthu::host::measure_signature_area(original).page_index, page);
  }
}

TEST(SignField, ReadersListTheEmptyField) {
  auto r = run_vanthu({"sign-field", "-", "-o", "-"}, shared().pdf.at("nq57-weekly"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const fs::path file = shared().dir.path() / "field.pdf";
  write_file(file, r.out);
  auto q = run_process({"qpdf", "--json", "--json-key=acroform", file.string()});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  const json form = json::parse(q.out)["acroform"];
  ASSERT_EQ(form["fields"].size(), 1u);
  EXPECT_EQ(form["fields"][0]["fieldtype"], "/Sig");
  EXPECT_EQ(form["fields"][0]["fullname"], "ChuKy");
  auto check = run_process({"qpdf", "--check", file.string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  // poppler 22.12's pdfsig lists the empty field too.
  auto sig = run_process({"pdfsig", file.string()});
  EXPECT_THAT(sig.out, HasSubstr("Signature Field Name: ChuKy"));
  EXPECT_THAT(sig.out, HasSubstr("The signature form field is not signed."));
  // The PDF/A identification stays (the XMP metadata is copied as it is).
  EXPECT_THAT(r.out, HasSubstr("pdfaid:part"));
}

TEST(SignField, PdfWithoutTheDestinationIsRefused) {
  auto r = run_vanthu({"sign-field", "-", "-o", "-"}, "not a pdf at all");
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("[not_a_pdf]"));
  // A PDF without the destination (its pages copied into a new file, as a tool that drops
  // bookmarks would).
  const fs::path with = shared().dir.path() / "with-dest.pdf", without = shared().dir.path() / "without-dest.pdf";
  write_file(with, shared().pdf.at("nq57-weekly"));
  ASSERT_EQ(run_process({"qpdf", "--empty", "--pages", with.string(), "--", without.string()}).exit_code, 0);
  auto no_dest = run_vanthu({"sign-field", without.string(), "-o", (shared().dir.path() / "never.pdf").string()});
  EXPECT_EQ(no_dest.exit_code, 3);
  EXPECT_THAT(no_dest.err, HasSubstr("Tệp PDF không có đích VANTHU_CHU_KY"));
  EXPECT_THAT(no_dest.err, HasSubstr("[no_signature_bookmark]"));
  EXPECT_FALSE(fs::exists(shared().dir.path() / "never.pdf"));
  auto field = run_vanthu({"sign-field", "-", "-o", "-"}, shared().pdf.at("nq57-weekly"));
  auto twice = run_vanthu({"sign-field", "-", "-o", "-"}, field.out);
  EXPECT_EQ(twice.exit_code, 3);
  EXPECT_THAT(twice.err, HasSubstr("[signature_field_exists]"));
}

// ---- sign ------------------------------------------------------------------------------------

TEST(Sign, PdfsigReportsTheSignatureValidOverTheWholeFile) {
  const std::string& original = shared().pdf.at("nq57-weekly");
  const std::string signed_bytes = signed_pdf("nq57-weekly");
  ASSERT_FALSE(signed_bytes.empty());
  auto r = pdfsig(signed_bytes, "signed.pdf");
  EXPECT_THAT(r.out, HasSubstr("Signature Validation: Signature is Valid."));
  EXPECT_THAT(r.out, HasSubstr("Total document signed"));
  EXPECT_THAT(r.out, HasSubstr("ETSI.CAdES.detached"));
  EXPECT_THAT(r.out, HasSubstr("Ủy ban nhân dân phường Hải An"));
  // pdfsig shows the time in its own time zone (the tests run in UTC unless TZ says otherwise).
  const char* tz = std::getenv("TZ");
  if (!tz || std::string(tz) == "UTC" || std::string(tz).empty()) {
    EXPECT_THAT(r.out, HasSubstr("Signing Time: Feb 11 2030 02:30:00"));
  }
  // The field was added (a full rewrite, nothing signed yet), then the signature appended: the
  // prepared document is a prefix of the signed one.
  auto field = run_vanthu({"sign-field", "-", "-o", "-"}, original);
  ASSERT_EQ(field.exit_code, 0);
  ASSERT_GT(signed_bytes.size(), field.out.size());
  EXPECT_EQ(signed_bytes.substr(0, field.out.size()), field.out) << "an incremental update";
  auto check = run_process({"qpdf", "--check", (shared().dir.path() / "signed.pdf").string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
  EXPECT_THAT(signed_bytes, HasSubstr("pdfaid:part"));
}

TEST(Sign, AFieldAddedBeforeAndACrossReferenceStream) {
  // The two steps apart (sign-field, then sign), on a file whose cross-reference is a stream
  // (object streams, as qpdf or Acrobat may save it): the update is a cross-reference stream too.
  auto field = run_vanthu({"sign-field", "-", "-o", "-"}, shared().pdf.at("nq57-weekly"));
  ASSERT_EQ(field.exit_code, 0) << field.err;
  const fs::path plain = shared().dir.path() / "prepared.pdf", packed = shared().dir.path() / "prepared-objstm.pdf";
  write_file(plain, field.out);
  auto q = run_process({"qpdf", "--object-streams=generate", plain.string(), packed.string()});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  const std::string input = read_file(packed);
  auto r = run_vanthu({"sign", "-", "--agency=hai-an", "--data-dir=" + shared().data_dir.string(), "--time=" + std::string(kTime), "-o", "-"},
                      input);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, input.size()), input);
  EXPECT_THAT(r.out.substr(input.size()), HasSubstr("/Type /XRef"));
  auto sig = pdfsig(r.out, "signed-objstm.pdf");
  EXPECT_THAT(sig.out, HasSubstr("Signature Validation: Signature is Valid."));
  EXPECT_THAT(sig.out, HasSubstr("Total document signed"));
  auto check = run_process({"qpdf", "--check", (shared().dir.path() / "signed-objstm.pdf").string()});
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

TEST(Sign, PadesBaselineBAttributes) {
  const std::string signed_bytes = signed_pdf("nq57-weekly");
  auto pdf = parse(signed_bytes);
  QPDFObjectHandle v = field_of(*pdf, "ChuKy").getKey("/V");
  ASSERT_TRUE(v.isDictionary());
  EXPECT_TRUE(v.getKey("/SubFilter").isNameAndEquals("/ETSI.CAdES.detached"));
  EXPECT_EQ(v.getKey("/M").getStringValue(), "D:20300211093000+07'00'");
  EXPECT_EQ(pdf->getRoot().getKey("/AcroForm").getKey("/SigFlags").getIntValueAsInt(), 3);
  const std::string der = v.getKey("/Contents").getStringValue();
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  CMS_ContentInfo* cms = d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size()));
  ASSERT_NE(cms, nullptr);
  EXPECT_TRUE(CMS_is_detached(cms));
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms);
  ASSERT_EQ(sk_CMS_SignerInfo_num(infos), 1);
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  EXPECT_GE(CMS_signed_get_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, -1), 0);
  EXPECT_GE(CMS_signed_get_attr_by_NID(si, NID_pkcs9_messageDigest, -1), 0);
  EXPECT_LT(CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1), 0) << "B-B: the time is /M, not an attribute";
  X509_ALGOR* digest = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest, nullptr);
  const ASN1_OBJECT* oid = nullptr;
  X509_ALGOR_get0(&oid, nullptr, nullptr, digest);
  EXPECT_EQ(OBJ_obj2nid(oid), NID_sha256);
  CMS_ContentInfo_free(cms);
}

TEST(Sign, SameInputKeyAndTimeGiveTheSameBytes) {
  EXPECT_EQ(signed_pdf("nq57-weekly"), signed_pdf("nq57-weekly"));
}

TEST(Sign, OneByteChangedAfterSigningIsReportedInvalid) {
  std::string bytes = signed_pdf("nq57-weekly");
  ASSERT_GT(bytes.size(), 100u);
  // A byte of the binary comment on the second line: the file still parses, its digest changes.
  const std::size_t at = bytes.find('\n') + 2;
  bytes[at] = static_cast<char>(bytes[at] ^ 0x01);
  auto r = pdfsig(bytes, "tampered.pdf");
  EXPECT_THAT(r.out, Not(HasSubstr("Signature is Valid.")));
  EXPECT_THAT(r.out, HasSubstr("Digest Mismatch"));
}

TEST(Sign, SignerImageAndSealInTheAppearance) {
  auto pdf = parse(signed_pdf("nq57-weekly"));
  QPDFObjectHandle widget = field_of(*pdf, "ChuKy");
  QPDFObjectHandle ap = widget.getKey("/AP").getKey("/N");
  ASSERT_TRUE(ap.isStream());
  QPDFObjectHandle xobjects = ap.getDict().getKey("/Resources").getKey("/XObject");
  ASSERT_TRUE(xobjects.isDictionary());
  for (const char* name : {"/ChuKy", "/ConDau"}) {
    QPDFObjectHandle image = xobjects.getKey(name);
    ASSERT_TRUE(image.isStream()) << name;
    EXPECT_TRUE(image.getDict().getKey("/Subtype").isNameAndEquals("/Image"));
    EXPECT_TRUE(image.getDict().getKey("/SMask").isStream()) << name << ": transparent PNG, its alpha kept";
  }
  EXPECT_EQ(xobjects.getKey("/ConDau").getDict().getKey("/Width").getIntValueAsInt(), 200);
  // "q w 0 0 h x y cm /Name Do Q": where each image is drawn.
  std::shared_ptr<Buffer> data = ap.getStreamData();
  const std::string content(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
  const std::regex draw(R"(q ([-\d.]+) 0 0 ([-\d.]+) ([-\d.]+) ([-\d.]+) cm (/\w+) Do Q)");
  std::map<std::string, std::vector<double>> at;
  for (std::sregex_iterator it(content.begin(), content.end(), draw), end; it != end; ++it)
    at[(*it)[5]] = {std::stod((*it)[1]), std::stod((*it)[2]), std::stod((*it)[3]), std::stod((*it)[4])};
  ASSERT_TRUE(at.count("/ChuKy") && at.count("/ConDau")) << content;
  EXPECT_LT(content.find("/ChuKy Do"), content.find("/ConDau Do")) << "the seal over the signature";
  const auto& sig = at["/ChuKy"];
  const auto& seal = at["/ConDau"];
  EXPECT_NEAR(seal[0], 38 * kMm, 0.01) << "the seal at its real size";
  EXPECT_NEAR(seal[1], 38 * kMm, 0.01);
  const double overlap = seal[2] + seal[0] - sig[2];
  EXPECT_NEAR(overlap / sig[0], 1.0 / 3, 0.01) << "the seal covers the left third of the signature";
  // The signature centred in the measured area.
  const auto area = vanthu::host::measure_signature_area(shared().pdf.at("nq57-weekly"));
  const std::vector<double> rc = rect(widget);
  EXPECT_NEAR(rc[0] + sig[2] + sig[0] / 2, (area.field.llx + area.field.urx) / 2, 0.01);
  EXPECT_NEAR(rc[1] + sig[3] + sig[1] / 2, (area.field.lly + area.field.ury) / 2, 0.01);
}

TEST(Sign, AppendixGetsTheOrganisationsSignatureTextTopRight) {
  const std::string bytes = signed_pdf("dean06-monthly", {"--appendix", "--number=15/BC-HĐND"});
  auto r = pdfsig(bytes, "appendix.pdf");
  EXPECT_THAT(r.out, HasSubstr("Signature Validation: Signature is Valid."));
  EXPECT_THAT(r.out, HasSubstr("Total document signed"));
  auto pdf = parse(bytes);
  const double page_w = QPDFPageDocumentHelper(*pdf).getAllPages()[0].getMediaBox().getArrayItem(2).getNumericValue();
  std::vector<Box> words = words_of(bytes, 0, "appendix.pdf");
  const Box* number = nullptr;
  const Box* time = nullptr;
  for (const Box& w : words) {
    if (w.text == "15/BC-HĐND") number = &w;
    if (w.text == "2030-02-11T09:30:00+07:00") time = &w;
  }
  ASSERT_TRUE(number && time) << "pdftotext extracts the signature text";
  for (const Box* w : {number, time}) {
    EXPECT_GT(w->x0, page_w / 2) << w->text << " on the right";
    EXPECT_LT(w->y1, 25 * kMm) << w->text << " at the top, in the margin";
    EXPECT_NEAR(w->y1 - w->y0, 10 * 1.15, 2) << "10 pt";
  }
  EXPECT_LT(number->y0, time->y0);
  for (const Box& w : words) {
    if (&w != number && &w != time) {
      EXPECT_GT(w.y0, time->y1) << "nothing else above or beside it: «" << w.text << "»";
    }
  }
  // The font is embedded (PDF/A).
  auto fonts = run_process({"pdffonts", (shared().dir.path() / "appendix.pdf").string()});
  EXPECT_THAT(fonts.out, ::testing::ContainsRegex("LiberationSerif +CID TrueType +Identity-H +yes"));
}

// ---- errors ----------------------------------------------------------------------------------

TEST(SignErrors, WrongPasswordIsAClearErrorWithoutTheSecret) {
  const fs::path data = shared().dir.path() / "wrong-password";
  fs::create_directories(data / "signing");
  write_file(data / "signing" / "hai-an.pass", "sai-mat-khau-XYZ\n");
  write_file(data / "signing" / "hai-an.json",
             R"({"p12": ")" + (shared().signing_dir / "hai-an.p12").string() + R"(", "password_file": "hai-an.pass"})");
  auto r = run_vanthu({"sign", "-", "--agency=hai-an", "--data-dir=" + data.string(), "-o", (data / "out.pdf").string()},
                  shared().pdf.at("nq57-weekly"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("/password_file: Mật khẩu của tệp PKCS#12 không đúng"));
  EXPECT_THAT(r.err, HasSubstr("[wrong_p12_password]"));
  EXPECT_THAT(r.err + r.out, Not(HasSubstr("sai-mat-khau-XYZ")));
  EXPECT_FALSE(fs::exists(data / "out.pdf")) << "no half file";
}

TEST(SignErrors, PasswordFromTheEnvironment) {
  const fs::path data = shared().dir.path() / "env-password";
  fs::create_directories(data / "signing");
  write_file(data / "signing" / "hai-an.json", R"({"p12": ")" + (shared().signing_dir / "hai-an.p12").string() +
                                                   R"(", "password_env": "VANTHU_TEST_P12_PASSWORD"})");
  const std::vector<std::string> args = {"sign", "-", "--agency=hai-an", "--data-dir=" + data.string(), "--time=" + std::string(kTime),
                                         "-o", "-"};
  ::unsetenv("VANTHU_TEST_P12_PASSWORD");
  auto unset = run_vanthu(args, shared().pdf.at("nq57-weekly"));
  EXPECT_EQ(unset.exit_code, 3);
  EXPECT_THAT(unset.err, HasSubstr("/password_env: Biến môi trường VANTHU_TEST_P12_PASSWORD"));
  EXPECT_THAT(unset.err, HasSubstr("[password_not_set]"));
  ::setenv("VANTHU_TEST_P12_PASSWORD", kPassword, 1);
  auto r = run_vanthu(args, shared().pdf.at("nq57-weekly"));
  ::unsetenv("VANTHU_TEST_P12_PASSWORD");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_THAT(pdfsig(r.out, "env.pdf").out, HasSubstr("Signature is Valid."));
  // No images configured: an empty appearance, still a valid signature.
  auto pdf = parse(r.out);
  EXPECT_TRUE(field_of(*pdf, "ChuKy").getKey("/AP").getKey("/N").isStream());
}

TEST(SignErrors, MissingConfigurationNamesTheAgencyAndTheFile) {
  auto r = run_vanthu({"sign", "-", "--agency=le-chan", "--data-dir=" + shared().data_dir.string(), "-o", "-"}, shared().pdf.at("nq57-weekly"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("Cơ quan le-chan chưa được cấu hình ký số"));
  EXPECT_THAT(r.err, HasSubstr("signing/le-chan.json"));
  EXPECT_THAT(r.err, HasSubstr("[signing_not_configured]"));
}

TEST(SignErrors, EveryProblemOfTheConfigurationAtOnce) {
  using vanthu::host::parse_signing_config;
  auto out = parse_signing_config(R"({"p12": "none.p12", "seal_mm": 80, "colour": "red", "signer_image": 3})", shared().signing_dir, "hai-an");
  EXPECT_FALSE(out.ok);
  std::map<std::string, std::string> codes;
  for (const auto& p : out.problems) codes[p.path] = p.code;
  EXPECT_EQ(codes["/p12"], "file_not_readable");
  EXPECT_EQ(codes["/seal_mm"], "out_of_range");
  EXPECT_EQ(codes["/colour"], "unknown_field");
  EXPECT_EQ(codes["/signer_image"], "invalid_type");
  EXPECT_EQ(codes["/password_file"], "required");
  EXPECT_EQ(parse_signing_config("{", shared().signing_dir, "hai-an").problems.at(0).code, "malformed_signing_config");
  auto both = parse_signing_config(R"({"p12": "hai-an.p12", "password_file": "hai-an.pass", "password_env": "X"})", shared().signing_dir, "hai-an");
  EXPECT_EQ(both.problems.at(0).code, "conflicting_fields");
}

TEST(SignErrors, ImageThatIsNotAPng) {
  const fs::path data = shared().dir.path() / "bad-image";
  fs::create_directories(data / "signing");
  write_file(data / "signing" / "x.png", "GIF89a not a png");
  write_file(data / "signing" / "hai-an.json", R"({"p12": ")" + (shared().signing_dir / "hai-an.p12").string() + R"(", "password_file": ")" +
                                                   (shared().signing_dir / "hai-an.pass").string() + R"(", "seal_image": "x.png"})");
  auto r = run_vanthu({"sign", "-", "--agency=hai-an", "--data-dir=" + data.string(), "--time=" + std::string(kTime), "-o", "-"},
                  shared().pdf.at("nq57-weekly"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_THAT(r.err, HasSubstr("/seal_image: Trường \"seal_image\""));
  EXPECT_THAT(r.err, HasSubstr("[image_unreadable]"));
}

TEST(SignErrors, SignedTwiceAndUsageMistakes) {
  const std::string once = signed_pdf("nq57-weekly");
  auto again = run_vanthu({"sign", "-", "--agency=hai-an", "--data-dir=" + shared().data_dir.string(), "-o", "-"}, once);
  EXPECT_EQ(again.exit_code, 3);
  EXPECT_THAT(again.err, HasSubstr("[already_signed]"));
  EXPECT_EQ(run_vanthu({"sign", "in.pdf", "--agency=hai-an", "-o", "x.pdf", "--colour=red"}).exit_code, 2);
  EXPECT_EQ(run_vanthu({"sign", "in.pdf", "-o", "x.pdf"}).exit_code, 2) << "--agency required";
  EXPECT_EQ(run_vanthu({"sign", "in.pdf", "--agency=hai-an", "-o", "x.pdf", "--appendix"}).exit_code, 2) << "--number required";
  EXPECT_EQ(run_vanthu({"sign", "in.pdf", "--agency=hai-an", "-o", "x.pdf", "--time=11/02/2030"}).exit_code, 2);
  EXPECT_EQ(run_vanthu({"sign-field", "in.pdf", "-o", "x.pdf", "--agency=hai-an"}).exit_code, 2);
  // The use case, as the HTTP route will call it: a certificate not valid at the claimed time.
  auto config = vanthu::host::load_signing_config(shared().data_dir, "hai-an");
  ASSERT_TRUE(config.ok);
  vanthu::host::SignOptions options;
  options.signing_time = *vanthu::host::parse_iso_time("2001-01-01T00:00:00Z");
  auto outcome = vanthu::host::sign_pdf(shared().pdf.at("nq57-weekly"), config.config, options);
  EXPECT_EQ(outcome.status, vanthu::host::SignOutcome::Status::invalid_config);
  ASSERT_FALSE(outcome.problems.empty());
  EXPECT_EQ(outcome.problems[0].code, "certificate_not_valid");
}

namespace vanthu::test {
namespace {

// Issuing straight to a signed PDF/A: the number from the register, the PDF from a LibreOffice
// worker, the field measured and signed with the agency's certificate, all before it is stored.
TEST(IssueSigned, VanthuIssueFormatPdfaSignStoresASignedNumberedPdf) {
  const std::string data = "--data-dir=" + shared().data_dir.string();
  const fs::path out = shared().dir.path() / "issued-signed.pdf";
  const std::string input = (source_dir() / "samples/nq57-weekly/hai-an-2026-02-11.json").string();
  ProcessResult issued = run_vanthu({"issue", "nq57-weekly", input, "--agency=hai-an", data, "--format=pdfa", "--sign", "-o", out.string()});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  const std::string pdf = read_file(out);
  ProcessResult checked = pdfsig(pdf, "issued-check.pdf");
  EXPECT_THAT(checked.out, HasSubstr("Signature is Valid")) << checked.out << checked.err;
  EXPECT_THAT(checked.out, HasSubstr("Total document signed"));
  const fs::path text_file = shared().dir.path() / "issued-signed.txt";
  ASSERT_EQ(run_process({"pdftotext", out.string(), text_file.string()}).exit_code, 0);
  EXPECT_THAT(read_file(text_file), HasSubstr("Số: " + issued.out.substr(0, issued.out.find('\t'))));

  // Without --sign the PDF/A carries the empty field, for the signer's own tool.
  const fs::path ready = shared().dir.path() / "issued-ready.pdf";
  ProcessResult unsigned_issue = run_vanthu({"issue", "nq57-weekly", input, "--agency=hai-an", data, "-o", ready.string()});
  ASSERT_EQ(unsigned_issue.exit_code, 0) << unsigned_issue.err;
  EXPECT_THAT(pdfsig(read_file(ready), "ready-check.pdf").out, HasSubstr("not signed"));

  // Signing a DOCX is refused before any number is used.
  ProcessResult docx = run_vanthu({"issue", "nq57-weekly", input, "--agency=hai-an", data, "--sign", "-o",
                                   (shared().dir.path() / "x.docx").string()});
  EXPECT_EQ(docx.exit_code, 3);
  EXPECT_THAT(docx.err, HasSubstr("sign_needs_pdf"));
  EXPECT_FALSE(fs::exists(shared().dir.path() / "x.docx"));
}

}  // namespace
}  // namespace vanthu::test
