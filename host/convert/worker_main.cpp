//! vanthu-convert: one LibreOffice, started once (LibreOfficeKit, in this process), converting
//! DOCX to PDF or PDF/A-2b for as long as the host sends requests (convert/protocol.hpp).
//!
//!   vanthu-convert --profile=DIR [--office=/usr/lib/libreoffice/program]
//!
//! DIR is this worker's own: LibreOffice's user profile (DIR/lo) and the files of the document
//! being converted (DIR/work). The host (convert/pdf_pool.cpp) starts one per core, restarts
//! it after N conversions, and kills it when it crashes or takes too long.
//!
//! After LibreOffice converts, the PDF is rewritten with qpdf: bookmark destinations get back
//! the name the DOCX gives them (LibreOffice 7.4 mangles "_"), the creation date is the
//! document's own (dcterms:created) in the Info dictionary and the XMP, and the /ID is computed
//! from the content, so equal DOCX give equal PDF.
#define LOK_USE_UNSTABLE_API
#include <LibreOfficeKit/LibreOfficeKitInit.h>
#include <LibreOfficeKit/LibreOfficeKit.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#define POINTERHOLDER_TRANSITION 4  // qpdf 11: std::shared_ptr, no PointerHolder
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFObjectHandle.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>

#include "convert/protocol.hpp"

namespace fs = std::filesystem;
using namespace vanthu::convert;

namespace {

struct Request {
  bool pdfa = false;
  std::string created;                 //!< W3CDTF, or empty: LibreOffice's clock stays
  std::vector<std::string> bookmarks;  //!< names whose destination is renamed back
  std::string docx;
};

std::string file_url(const fs::path& path) {
  std::string url = "file://";
  static const char* hex = "0123456789ABCDEF";
  for (unsigned char c : path.string()) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      url += static_cast<char>(c);
    } else {
      url += '%';
      url += hex[c >> 4];
      url += hex[c & 15];
    }
  }
  return url;
}

bool read_request(int fd, Request& request, bool& clean_end) {
  clean_end = false;
  char magic[4];
  ssize_t first = 0;
  do first = ::read(fd, magic, 1);
  while (first < 0 && errno == EINTR);
  if (first == 0) {
    clean_end = true;
    return false;
  }
  if (first != 1 || !read_exact(fd, magic + 1, 3) || std::memcmp(magic, kRequestMagic, 4) != 0) return false;
  unsigned char length[8];
  if (!read_exact(fd, reinterpret_cast<char*>(length), 4)) return false;
  const std::uint64_t header_length = get_le(length, 4);
  if (header_length > kMaxHeader) return false;
  std::string header(header_length, '\0');
  if (!read_exact(fd, header.data(), header.size())) return false;
  if (!read_exact(fd, reinterpret_cast<char*>(length), 8)) return false;
  const std::uint64_t body_length = get_le(length, 8);
  if (body_length > kMaxBody) return false;
  request = Request{};
  request.docx.resize(body_length);
  if (!read_exact(fd, request.docx.data(), request.docx.size())) return false;
  std::istringstream lines(header);
  for (std::string line; std::getline(lines, line);) {
    const std::size_t eq = line.find('=');
    if (eq == std::string::npos) continue;
    const std::string key = line.substr(0, eq), value = line.substr(eq + 1);
    if (key == "format") request.pdfa = value == "pdfa";
    else if (key == "created") request.created = value;
    else if (key == "bookmark" && !value.empty()) request.bookmarks.push_back(value);
  }
  return true;
}

bool answer(int fd, AnswerStatus status, std::string_view payload) {
  std::string frame(kAnswerMagic, 4);
  put_u32(frame, static_cast<std::uint32_t>(status));
  put_u64(frame, payload.size());
  return write_all(fd, frame) && write_all(fd, payload);
}

//! "2026-02-11T00:00:00Z" → "D:20260211000000Z"; "2026-02-11T08:30:00+07:00" → "D:20260211083000+07'00'".
std::optional<std::string> pdf_date(const std::string& w3c) {
  auto digits = [&](std::size_t at, std::size_t n) {
    if (at + n > w3c.size()) return false;
    for (std::size_t i = at; i < at + n; ++i)
      if (!std::isdigit(static_cast<unsigned char>(w3c[i]))) return false;
    return true;
  };
  if (!digits(0, 4) || w3c.size() < 19 || w3c[4] != '-' || !digits(5, 2) || w3c[7] != '-' || !digits(8, 2) || w3c[10] != 'T' ||
      !digits(11, 2) || w3c[13] != ':' || !digits(14, 2) || w3c[16] != ':' || !digits(17, 2))
    return std::nullopt;
  std::string out = "D:" + w3c.substr(0, 4) + w3c.substr(5, 2) + w3c.substr(8, 2) + w3c.substr(11, 2) + w3c.substr(14, 2) +
                    w3c.substr(17, 2);
  std::size_t at = 19;
  if (at < w3c.size() && w3c[at] == '.') {
    ++at;
    while (at < w3c.size() && std::isdigit(static_cast<unsigned char>(w3c[at]))) ++at;
  }
  const std::string zone = w3c.substr(at);
  if (zone == "Z") return out + "Z";
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && digits(at + 1, 2) && zone[3] == ':' && digits(at + 4, 2))
    return out + zone.substr(0, 3) + "'" + zone.substr(4, 2) + "'";
  return std::nullopt;
}

void rename_destination(QPDFObjectHandle holder, const char* key, const std::map<std::string, std::string>& renames) {
  if (!holder.isDictionary() || !holder.hasKey(key)) return;
  QPDFObjectHandle dest = holder.getKey(key);
  if (dest.isName()) {
    if (auto it = renames.find(dest.getName()); it != renames.end()) holder.replaceKey(key, QPDFObjectHandle::newName(it->second));
  } else if (dest.isString()) {
    if (auto it = renames.find("/" + dest.getUTF8Value()); it != renames.end())
      holder.replaceKey(key, QPDFObjectHandle::newString(it->second.substr(1)));
  }
}

//! The PDF LibreOffice wrote, with its destinations' names, dates and /ID fixed (see the top).
std::string finish_pdf(const std::string& bytes, const Request& request) {
  QPDF pdf;
  pdf.processMemoryFile("converted.pdf", bytes.data(), bytes.size());
  QPDFObjectHandle root = pdf.getRoot();

  std::map<std::string, std::string> renames;  // "/VANTHU5FCHU5FKY" → "/VANTHU_CHU_KY"
  for (const auto& name : request.bookmarks) {
    const std::string mangled = "/" + libreoffice_destination_name(name);
    if (mangled != "/" + name) renames[mangled] = "/" + name;
  }
  if (!renames.empty()) {
    QPDFObjectHandle dests = root.getKey("/Dests");
    if (dests.isDictionary()) {
      for (const auto& [mangled, real] : renames) {
        if (dests.hasKey(mangled) && !dests.hasKey(real)) {
          dests.replaceKey(real, dests.getKey(mangled));
          dests.removeKey(mangled);
        }
      }
    }
    // Links and outline entries that point at a renamed destination.
    for (auto& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
      QPDFObjectHandle annots = page.getObjectHandle().getKey("/Annots");
      if (!annots.isArray()) continue;
      for (int i = 0; i < annots.getArrayNItems(); ++i) {
        QPDFObjectHandle annot = annots.getArrayItem(i);
        rename_destination(annot, "/Dest", renames);
        if (annot.isDictionary()) rename_destination(annot.getKey("/A"), "/D", renames);
      }
    }
    std::vector<QPDFObjectHandle> outline;
    if (QPDFObjectHandle outlines = root.getKey("/Outlines"); outlines.isDictionary()) outline.push_back(outlines.getKey("/First"));
    for (std::size_t guard = 0; !outline.empty() && guard < 100000; ++guard) {
      QPDFObjectHandle item = outline.back();
      outline.pop_back();
      if (!item.isDictionary()) continue;
      rename_destination(item, "/Dest", renames);
      rename_destination(item.getKey("/A"), "/D", renames);
      outline.push_back(item.getKey("/Next"));
      outline.push_back(item.getKey("/First"));
    }
  }

  if (std::optional<std::string> date = request.created.empty() ? std::nullopt : pdf_date(request.created)) {
    QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
    if (info.isDictionary()) info.replaceKey("/CreationDate", QPDFObjectHandle::newString(*date));
    QPDFObjectHandle metadata = root.getKey("/Metadata");
    if (metadata.isStream()) {
      std::shared_ptr<Buffer> data = metadata.getStreamData(qpdf_dl_all);
      std::string xmp(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
      const std::string open = "<xmp:CreateDate>", close = "</xmp:CreateDate>";
      const std::size_t from = xmp.find(open);
      const std::size_t to = from == std::string::npos ? from : xmp.find(close, from);
      if (to != std::string::npos) {
        xmp.replace(from + open.size(), to - from - open.size(), request.created);
        metadata.replaceStreamData(xmp, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
      }
    }
  }

  // PDF/A: the sRGB profile LibreOffice embeds (made by lcms at export) holds the export's
  // date and time in its header; it gets the document's date, and its profile ID (an MD5 that
  // covers the date) becomes 0, which ICC.1:2010 7.2.18 reads as "not computed".
  if (QPDFObjectHandle intents = root.getKey("/OutputIntents"); intents.isArray()) {
    for (int i = 0; i < intents.getArrayNItems(); ++i) {
      QPDFObjectHandle intent = intents.getArrayItem(i);
      QPDFObjectHandle profile = intent.isDictionary() ? intent.getKey("/DestOutputProfile") : QPDFObjectHandle::newNull();
      if (!profile.isStream()) continue;
      std::shared_ptr<Buffer> data = profile.getStreamData(qpdf_dl_all);
      std::string icc(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
      if (icc.size() < 128) continue;
      int fields[6] = {2000, 1, 1, 0, 0, 0};
      if (request.created.size() >= 19) {
        const std::string& c = request.created;
        fields[0] = std::atoi(c.substr(0, 4).c_str());
        fields[1] = std::atoi(c.substr(5, 2).c_str());
        fields[2] = std::atoi(c.substr(8, 2).c_str());
        fields[3] = std::atoi(c.substr(11, 2).c_str());
        fields[4] = std::atoi(c.substr(14, 2).c_str());
        fields[5] = std::atoi(c.substr(17, 2).c_str());
      }
      for (int f = 0; f < 6; ++f) {
        icc[24 + 2 * f] = static_cast<char>((fields[f] >> 8) & 0xff);
        icc[25 + 2 * f] = static_cast<char>(fields[f] & 0xff);
      }
      std::fill(icc.begin() + 84, icc.begin() + 100, '\0');  // profile ID: 0 is "not computed"
      profile.replaceStreamData(icc, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
    }
  }

  // LibreOffice's /ID is random and its /DocChecksum covers its clock; qpdf computes an /ID
  // from the content instead (both parts equal, as for a file never modified).
  pdf.getTrailer().removeKey("/ID");
  pdf.getTrailer().removeKey("/DocChecksum");
  QPDFWriter writer(pdf);
  writer.setOutputMemory();
  writer.setDeterministicID(true);
  writer.write();
  std::shared_ptr<Buffer> out = writer.getBufferSharedPointer();
  return std::string(reinterpret_cast<const char*>(out->getBuffer()), out->getSize());
}

std::string read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The export filter's options as JSON (LibreOffice 7.4 reads FilterOptions given as JSON into
// FilterData): PDF/A-2b on request, bookmarks as named destinations always.
std::string filter_options(bool pdfa) {
  return std::string("{\"SelectPdfVersion\":{\"type\":\"long\",\"value\":\"") + (pdfa ? "2" : "0") +
         "\"},\"ExportBookmarksToPDFDestination\":{\"type\":\"boolean\",\"value\":\"true\"}"
         ",\"ExportBookmarks\":{\"type\":\"boolean\",\"value\":\"true\"}"
         ",\"EmbedStandardFonts\":{\"type\":\"boolean\",\"value\":\"true\"}}";
}

}  // namespace

int main(int argc, char** argv) {
  std::string profile, office = "/usr/lib/libreoffice/program";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--profile=", 0) == 0) profile = arg.substr(10);
    else if (arg.rfind("--office=", 0) == 0) office = arg.substr(9);
    else {
      std::fprintf(stderr, "vanthu-convert: unknown argument %s\n", arg.c_str());
      return 2;
    }
  }
  if (profile.empty()) {
    std::fprintf(stderr, "usage: vanthu-convert --profile=DIR [--office=DIR]\n");
    return 2;
  }
  // The protocol keeps the original standard output; fd 1 becomes stderr, so whatever
  // LibreOffice prints goes to the log and never into a frame.
  const int protocol = ::fcntl(1, F_DUPFD_CLOEXEC, 3);
  if (protocol < 0 || ::dup2(2, 1) < 0) return 3;
  ::setenv("SAL_LOG", "-WARN", 0);
  ::setenv("SAL_USE_VCLPLUGIN", "svp", 0);

  const fs::path dir = fs::absolute(profile);
  const fs::path work = dir / "work";
  std::error_code error;
  fs::create_directories(work, error);
  if (error) {
    std::fprintf(stderr, "vanthu-convert: cannot create %s: %s\n", work.c_str(), error.message().c_str());
    return 3;
  }
  LibreOfficeKit* office_kit = lok_init_2(office.c_str(), file_url(dir / "lo").c_str());
  if (!office_kit) {
    std::fprintf(stderr, "vanthu-convert: LibreOfficeKit did not start from %s\n", office.c_str());
    return 3;
  }
  if (!answer(protocol, AnswerStatus::ok, {})) return 0;  // ready

  const fs::path in = work / "in.docx", out = work / "out.pdf";
  for (;;) {
    Request request;
    bool clean_end = false;
    if (!read_request(0, request, clean_end)) {
      if (!clean_end) answer(protocol, AnswerStatus::bad_request, "malformed request frame");
      fs::remove(in, error);
      fs::remove(out, error);
      std::_Exit(clean_end ? 0 : 2);  // LibreOffice's own shutdown adds nothing for a converter
    }
    fs::remove(out, error);
    {
      std::ofstream file(in, std::ios::binary | std::ios::trunc);
      file.write(request.docx.data(), static_cast<std::streamsize>(request.docx.size()));
      if (!file.flush()) {
        answer(protocol, AnswerStatus::export_failed, "cannot write " + in.string());
        continue;
      }
    }
    LibreOfficeKitDocument* document = office_kit->pClass->documentLoad(office_kit, file_url(in).c_str());
    if (!document) {
      char* why = office_kit->pClass->getError(office_kit);
      std::string message = std::string("LibreOffice could not open the DOCX: ") + (why ? why : "");
      if (why) office_kit->pClass->freeError(why);
      if (!answer(protocol, AnswerStatus::load_failed, message)) return 0;
      continue;
    }
    const int saved = document->pClass->saveAs(document, file_url(out).c_str(), "pdf", filter_options(request.pdfa).c_str());
    document->pClass->destroy(document);
    fs::remove(in, error);
    std::string pdf = saved ? read_whole(out) : std::string();
    fs::remove(out, error);
    if (pdf.size() < 8 || pdf.compare(0, 5, "%PDF-") != 0) {
      if (!answer(protocol, AnswerStatus::export_failed, "LibreOffice did not write a PDF")) return 0;
      continue;
    }
    try {
      pdf = finish_pdf(pdf, request);
    } catch (const std::exception& e) {
      if (!answer(protocol, AnswerStatus::export_failed, std::string("qpdf: ") + e.what())) return 0;
      continue;
    }
    if (!answer(protocol, AnswerStatus::ok, pdf)) return 0;
  }
}
