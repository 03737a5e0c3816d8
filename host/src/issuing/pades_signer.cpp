#include "issuing/pades_signer.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <memory>
#include <set>

#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/ess.h>
#include <openssl/evp.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>

#include "issuing/appearance.hpp"
#include "issuing/pdf_support.hpp"

namespace vanthu::host {
namespace {

constexpr std::size_t kContentsBytes = 16384;  // room for the CMS (a few KiB with a chain of two or three)
constexpr std::string_view kAppendixFieldName = "ChuKyToChuc";
constexpr double kMm = 72.0 / 25.4;

template <class T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using Key = std::unique_ptr<EVP_PKEY, Deleter<EVP_PKEY, EVP_PKEY_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509, X509_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using Cms = std::unique_ptr<CMS_ContentInfo, Deleter<CMS_ContentInfo, CMS_ContentInfo_free>>;
using P12 = std::unique_ptr<PKCS12, Deleter<PKCS12, PKCS12_free>>;
void free_chain(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }
using Chain = std::unique_ptr<STACK_OF(X509), Deleter<STACK_OF(X509), free_chain>>;

//! OpenSSL's reason for the last failure (never anything secret), and the queue emptied.
std::string openssl_reason() {
  unsigned long code = ERR_peek_last_error();
  char text[256] = "";
  if (code) ERR_error_string_n(code, text, sizeof text);
  ERR_clear_error();
  return text;
}

struct Credentials {
  Key key;
  Cert cert;
  Chain chain;
};

Credentials load_credentials(const SigningConfig& config) {
  std::ifstream in(config.p12, std::ios::binary);
  const std::string bytes(std::istreambuf_iterator<char>(in), {});
  Bio bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
  P12 p12(d2i_PKCS12_bio(bio.get(), nullptr));
  if (!p12) {
    openssl_reason();
    throw SigningError("p12_unreadable", "Trường \"p12\": tệp " + config.p12.string() + " không phải tệp PKCS#12 (.p12/.pfx) đọc được",
                       "/p12");
  }
  const std::string field = config.password_field.empty() ? "/password_file" : config.password_field;
  if (PKCS12_mac_present(p12.get()) && !PKCS12_verify_mac(p12.get(), config.password.c_str(), static_cast<int>(config.password.size()))) {
    ERR_clear_error();
    throw SigningError("wrong_p12_password",
                       "Mật khẩu của tệp PKCS#12 không đúng (trường \"" + field.substr(1) + "\" của cấu hình ký số cơ quan " +
                           config.agency + ")",
                       field);
  }
  EVP_PKEY* key = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* chain = nullptr;
  if (!PKCS12_parse(p12.get(), config.password.c_str(), &key, &cert, &chain)) {
    const std::string why = openssl_reason();
    throw SigningError("p12_unreadable",
                       "Trường \"p12\": không mở được tệp " + config.p12.string() + " bằng mật khẩu đã cấu hình (" + why + ")", "/p12");
  }
  Credentials out{Key(key), Cert(cert), Chain(chain)};
  if (!out.key || !out.cert)
    throw SigningError("p12_unreadable", "Trường \"p12\": tệp " + config.p12.string() + " không chứa cả chứng thư số và khóa riêng", "/p12");
  if (X509_check_private_key(out.cert.get(), out.key.get()) != 1) {
    ERR_clear_error();
    throw SigningError("p12_unreadable", "Trường \"p12\": khóa riêng trong tệp không khớp với chứng thư số", "/p12");
  }
  return out;
}

std::string subject_cn(X509* cert) {
  X509_NAME* subject = X509_get_subject_name(cert);
  const int at = X509_NAME_get_index_by_NID(subject, NID_commonName, -1);
  if (at < 0) return {};
  unsigned char* utf8 = nullptr;
  const int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, at)));
  if (n < 0) return {};
  std::string out(reinterpret_cast<char*>(utf8), n);
  OPENSSL_free(utf8);
  return out;
}

//! The DER of the signed attributes as they are signed: a SET OF in DER order (RFC 5652 5.4).
std::string signed_attributes_der(CMS_SignerInfo* si) {
  std::vector<std::string> items;
  for (int i = 0; i < CMS_signed_get_attr_count(si); ++i) {
    unsigned char* der = nullptr;
    const int n = i2d_X509_ATTRIBUTE(CMS_signed_get_attr(si, i), &der);
    if (n <= 0) throw std::runtime_error("cannot encode a signed attribute");
    items.emplace_back(reinterpret_cast<char*>(der), n);
    OPENSSL_free(der);
  }
  std::sort(items.begin(), items.end());
  std::string body;
  for (const auto& item : items) body += item;
  std::string out(1, '\x31');
  const std::size_t n = body.size();
  if (n < 0x80) out += static_cast<char>(n);
  else if (n < 0x100) out += "\x81", out += static_cast<char>(n);
  else if (n < 0x10000) out += "\x82", out += static_cast<char>(n >> 8), out += static_cast<char>(n & 0xFF);
  else throw std::runtime_error("signed attributes too long");
  return out + body;
}

//! CMS SignedData over `data`, detached, SHA-256, signed attributes content-type, message-digest
//! and signing-certificate-v2; the signer's certificate and the chain from the PKCS#12 included.
std::string cms_signature(const Credentials& creds, const std::string& data) {
  const int flags = CMS_DETACHED | CMS_BINARY | CMS_PARTIAL | CMS_NOSMIMECAP;
  auto fail = [](const char* what) { return std::runtime_error(std::string(what) + ": " + openssl_reason()); };
  Cms cms(CMS_sign(nullptr, nullptr, creds.chain.get(), nullptr, flags));
  if (!cms) throw fail("CMS_sign");
  CMS_SignerInfo* si = CMS_add1_signer(cms.get(), creds.cert.get(), creds.key.get(), EVP_sha256(), flags);
  if (!si) throw fail("CMS_add1_signer");
  ESS_SIGNING_CERT_V2* ess = OSSL_ESS_signing_cert_v2_new_init(EVP_sha256(), creds.cert.get(), nullptr, 0);
  if (!ess) throw fail("signing-certificate-v2");
  unsigned char* der = nullptr;
  const int der_len = i2d_ESS_SIGNING_CERT_V2(ess, &der);
  ESS_SIGNING_CERT_V2_free(ess);
  const int added = der_len > 0 && CMS_signed_add1_attr_by_NID(si, NID_id_smime_aa_signingCertificateV2, V_ASN1_SEQUENCE, der, der_len);
  OPENSSL_free(der);
  if (!added) throw fail("signing-certificate-v2");
  Bio in(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  if (!CMS_final(cms.get(), in.get(), nullptr, flags)) throw fail("CMS_final");
  // OpenSSL adds signing-time whenever it signs; PAdES B-B has none (the time is /M). Take it out
  // and sign the remaining attributes again.
  if (const int at = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1); at >= 0) {
    X509_ATTRIBUTE_free(CMS_signed_delete_attr(si, at));
    const std::string attrs = signed_attributes_der(si);
    std::unique_ptr<EVP_MD_CTX, Deleter<EVP_MD_CTX, EVP_MD_CTX_free>> ctx(EVP_MD_CTX_new());
    std::size_t len = 0;
    if (!EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, creds.key.get()) ||
        !EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(attrs.data()), attrs.size()))
      throw fail("EVP_DigestSign");
    std::string signature(len, '\0');
    if (!EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len,
                        reinterpret_cast<const unsigned char*>(attrs.data()), attrs.size()))
      throw fail("EVP_DigestSign");
    signature.resize(len);
    ASN1_STRING_set(CMS_SignerInfo_get0_signature(si), signature.data(), static_cast<int>(signature.size()));
  }
  unsigned char* out = nullptr;
  const int out_len = i2d_CMS_ContentInfo(cms.get(), &out);
  if (out_len <= 0) throw fail("i2d_CMS_ContentInfo");
  std::string result(reinterpret_cast<char*>(out), out_len);
  OPENSSL_free(out);
  // What was written must verify over the data (the signer's certificate not checked for trust).
  const unsigned char* p = reinterpret_cast<const unsigned char*>(result.data());
  Cms back(d2i_CMS_ContentInfo(nullptr, &p, out_len));
  Bio again(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  if (!back || CMS_verify(back.get(), nullptr, nullptr, again.get(), nullptr, CMS_DETACHED | CMS_BINARY | CMS_NO_SIGNER_CERT_VERIFY) != 1)
    throw fail("the CMS signature does not verify");
  return result;
}

std::string pdf_date(std::time_t time) {
  std::time_t local = time + 7 * 3600;
  std::tm tm{};
  gmtime_r(&local, &tm);
  char text[96];
  std::snprintf(text, sizeof text, "D:%04d%02d%02d%02d%02d%02d+07'00'", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return text;
}

//! The object's text as it is written in the update ("<< … >>", a stream with its data).
std::string object_body(QPDF& pdf, QPDFObjGen og) {
  QPDFObjectHandle object = pdf.getObjectByObjGen(og);
  if (!object.isStream()) return object.unparseResolved();
  std::shared_ptr<Buffer> raw = object.getRawStreamData();
  QPDFObjectHandle dict = object.getDict();
  dict.replaceKey("/Length", QPDFObjectHandle::newInteger(static_cast<long long>(raw->getSize())));
  return dict.unparse() + "\nstream\n" + std::string(reinterpret_cast<const char*>(raw->getBuffer()), raw->getSize()) + "\nendstream";
}

std::size_t previous_xref(const std::string& file) {
  const std::size_t at = file.rfind("startxref");
  if (at == std::string::npos) throw SigningError("not_a_pdf", "Tệp PDF không có startxref");
  const std::size_t offset = std::strtoull(file.c_str() + at + 9, nullptr, 10);
  if (offset == 0 || offset >= at) throw SigningError("not_a_pdf", "Tệp PDF có startxref không hợp lệ");
  return offset;
}

std::set<QPDFObjGen> all_objects(QPDF& pdf) {
  std::set<QPDFObjGen> out;
  for (const auto& o : pdf.getAllObjects()) out.insert(o.getObjGen());
  return out;
}

}  // namespace

std::string vietnam_time_iso(std::time_t time) {
  std::time_t local = time + 7 * 3600;
  std::tm tm{};
  gmtime_r(&local, &tm);
  char text[96];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
                tm.tm_min, tm.tm_sec);
  return text;
}

std::string sign_pades(std::string_view bytes, const SigningConfig& config, const PadesOptions& options) {
  const Credentials creds = load_credentials(config);
  const Cert& cert = creds.cert;
  if (X509_cmp_time(X509_get0_notBefore(cert.get()), const_cast<std::time_t*>(&options.signing_time)) > 0 ||
      X509_cmp_time(X509_get0_notAfter(cert.get()), const_cast<std::time_t*>(&options.signing_time)) < 0)
    throw SigningError("certificate_not_valid",
                       "Chứng thư số trong tệp \"p12\" của cơ quan " + config.agency + " không có hiệu lực vào thời điểm ký " +
                           vietnam_time_iso(options.signing_time),
                       "/p12");

  std::unique_ptr<QPDF> pdf = open_pdf(bytes);
  const std::set<QPDFObjGen> before = all_objects(*pdf);
  // The signature dictionary: its number now, its text written by hand below (not null, which
  // qpdf would drop from /V).
  QPDFObjectHandle sig = pdf->makeIndirectObject(QPDFObjectHandle::parse("<< /Type /Sig >>"));
  std::set<QPDFObjGen> changed;
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(*pdf).getAllPages();
  if (pages.empty()) throw SigningError("not_a_pdf", "Tệp PDF không có trang nào");

  if (options.appendix) {
    if (find_field(*pdf, kAppendixFieldName))
      throw SigningError("already_signed", "Phụ lục đã có chữ ký của cơ quan (trường \"" + std::string(kAppendixFieldName) + "\")");
    const PdfRect page = media_box(pages[0]);
    // Top right of the first page, in the top margin: right edge on the right margin (20 mm),
    // first line 10 mm from the top.
    Appearance look = text_appearance(*pdf, page.urx - 20 * kMm, page.ury - 10 * kMm,
                                      {options.number_symbol, vietnam_time_iso(options.signing_time)}, 10);
    QPDFObjectHandle widget = make_signature_widget(*pdf, pages[0], look.rect, kAppendixFieldName, look.stream);
    widget.replaceKey("/V", sig);
    for (const auto& og : add_field(*pdf, pages[0], widget, 3)) changed.insert(og);
  } else {
    std::optional<QPDFObjectHandle> field = find_field(*pdf, kSignatureFieldName);
    if (!field)
      throw SigningError("no_signature_field",
                         "Tệp PDF không có trường chữ ký \"" + std::string(kSignatureFieldName) + "\" (tạo bằng vanthu sign-field)");
    if (!field->getKey("/FT").isNameAndEquals("/Sig"))
      throw SigningError("no_signature_field", "Trường \"" + std::string(kSignatureFieldName) + "\" không phải trường chữ ký");
    if (!field->getKey("/V").isNull()) throw SigningError("already_signed", "Trường chữ ký \"" + std::string(kSignatureFieldName) + "\" đã được ký");
    QPDFObjectHandle widget = field->getKey("/Kids").isArray() ? field->getKey("/Kids").getArrayItem(0) : *field;
    Appearance look = image_appearance(*pdf, rect_of(widget.getKey("/Rect")), config.signer_image, config.seal_image, config.seal_mm);
    QPDFObjectHandle ap = QPDFObjectHandle::newDictionary();
    ap.replaceKey("/N", look.stream);
    widget.replaceKey("/AP", ap);
    widget.replaceKey("/Rect", rect_array(look.rect));
    field->replaceKey("/V", sig);
    changed.insert(field->getObjGen());
    changed.insert(widget.getObjGen());
    QPDFObjectHandle root = pdf->getRoot();
    QPDFObjectHandle form = root.getKey("/AcroForm");
    const int flags = form.getKey("/SigFlags").isInteger() ? form.getKey("/SigFlags").getIntValueAsInt() : 0;
    form.replaceKey("/SigFlags", QPDFObjectHandle::newInteger(flags | 3));
    changed.insert(form.isIndirect() ? form.getObjGen() : root.getObjGen());
  }
  for (const auto& og : all_objects(*pdf))
    if (!before.count(og)) changed.insert(og);
  changed.insert(sig.getObjGen());
  changed.erase(QPDFObjGen());

  // ---- the incremental update --------------------------------------------------------------
  std::string file(bytes);
  const std::size_t prev = previous_xref(file);
  const bool xref_stream = file.compare(prev, 4, "xref") != 0;
  if (file.back() != '\n') file += '\n';
  std::map<int, std::size_t> offsets;
  std::size_t contents_at = 0, byte_range_at = 0;
  const std::string byte_range_placeholder = "[0 0000000000 0000000000 0000000000]";
  for (const QPDFObjGen& og : changed) {
    offsets[og.getObj()] = file.size();
    file += std::to_string(og.getObj()) + " " + std::to_string(og.getGen()) + " obj\n";
    if (og == sig.getObjGen()) {
      std::string name = subject_cn(cert.get());
      file += "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached /ByteRange ";
      byte_range_at = file.size();
      file += byte_range_placeholder + " /Contents ";
      contents_at = file.size();
      file += "<" + std::string(2 * kContentsBytes, '0') + "> /M (" + pdf_date(options.signing_time) + ")";
      if (!name.empty()) file += " /Name " + pdf_text_hex(name);
      if (!options.reason.empty()) file += " /Reason " + pdf_text_hex(options.reason);
      file += " >>";
    } else {
      file += object_body(*pdf, og);
    }
    file += "\nendobj\n";
  }
  QPDFObjectHandle trailer = pdf->getTrailer();
  int size = trailer.getKey("/Size").isInteger() ? trailer.getKey("/Size").getIntValueAsInt() : 0;
  for (const auto& [id, at] : offsets) size = std::max(size, id + 1);
  std::string trailer_keys = "/Root " + trailer.getKey("/Root").unparse();
  if (trailer.hasKey("/Info")) trailer_keys += " /Info " + trailer.getKey("/Info").unparse();
  if (trailer.hasKey("/ID")) trailer_keys += " /ID " + trailer.getKey("/ID").unparse();
  trailer_keys += " /Prev " + std::to_string(prev);
  auto groups = [&](auto&& each_group) {  // runs of consecutive object numbers
    for (auto it = offsets.begin(); it != offsets.end();) {
      auto end = it;
      int next = it->first;
      while (end != offsets.end() && end->first == next) ++end, ++next;
      each_group(it, end);
      it = end;
    }
  };
  const std::size_t xref_at = file.size();
  if (!xref_stream) {
    file += "xref\n";
    groups([&](auto from, auto to) {
      file += std::to_string(from->first) + " " + std::to_string(std::distance(from, to)) + "\n";
      for (auto it = from; it != to; ++it) {
        char entry[24];
        std::snprintf(entry, sizeof entry, "%010zu 00000 n \n", it->second);
        file += entry;
      }
    });
    file += "trailer\n<< /Size " + std::to_string(size) + " " + trailer_keys + " >>\n";
  } else {
    const int xref_id = size++;
    offsets[xref_id] = xref_at;
    std::string index, data;
    groups([&](auto from, auto to) {
      index += std::to_string(from->first) + " " + std::to_string(std::distance(from, to)) + " ";
      for (auto it = from; it != to; ++it) {
        data += '\x01';
        for (int shift = 24; shift >= 0; shift -= 8) data += static_cast<char>((it->second >> shift) & 0xFF);
        data += std::string(2, '\0');
      }
    });
    file += std::to_string(xref_id) + " 0 obj\n<< /Type /XRef /Size " + std::to_string(size) + " /W [1 4 2] /Index [" + index + "] " +
            trailer_keys + " /Length " + std::to_string(data.size()) + " >>\nstream\n" + data + "\nendstream\nendobj\n";
  }
  file += "startxref\n" + std::to_string(xref_at) + "\n%%EOF\n";

  // ---- byte range, then the signature over it ----------------------------------------------
  const std::size_t hole_end = contents_at + 2 * kContentsBytes + 2;
  std::string range = "[0 " + std::to_string(contents_at) + " " + std::to_string(hole_end) + " " + std::to_string(file.size() - hole_end);
  range += std::string(byte_range_placeholder.size() - range.size() - 1, ' ') + "]";
  file.replace(byte_range_at, range.size(), range);
  const std::string signed_bytes = file.substr(0, contents_at) + file.substr(hole_end);
  const std::string cms = cms_signature(creds, signed_bytes);
  if (cms.size() > kContentsBytes)
    throw SigningError("signature_too_large", "Chữ ký CMS (" + std::to_string(cms.size()) + " byte) vượt chỗ dành sẵn " +
                                                  std::to_string(kContentsBytes) + " byte: chuỗi chứng thư quá dài");
  static const char* hex = "0123456789ABCDEF";
  for (std::size_t i = 0; i < cms.size(); ++i) {
    file[contents_at + 1 + 2 * i] = hex[static_cast<unsigned char>(cms[i]) >> 4];
    file[contents_at + 2 + 2 * i] = hex[static_cast<unsigned char>(cms[i]) & 0xF];
  }
  return file;
}

}  // namespace vanthu::host
