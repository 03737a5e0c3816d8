//! The package around the parts: delimiters a template declares, and the checks an uploaded
//! .docx must pass before it is stored or compiled (vanthu::check_package).
#include <algorithm>
#include <cstring>
#include <string_view>

#include <libxml/tree.h>

#include "template_fields.hpp"
#include "template_program.hpp"
#include "template_xml.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/text.hpp"

namespace vanthu {
namespace {

TemplateIssue package_issue(const char* code, std::string message, std::string part = {}) {
  TemplateIssue issue;
  issue.code = code;
  issue.message = std::move(message);
  issue.part = std::move(part);
  return issue;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

using engine::ascii_lower;

//! The name's extension, lower case, without the dot ("" when none).
std::string extension_of(std::string_view name) {
  std::size_t slash = name.rfind('/');
  std::size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return {};
  return ascii_lower(name.substr(dot + 1));
}

bool is_xml_part(std::string_view name) {
  std::string ext = extension_of(name);
  return ext == "xml" || ext == "rels" || ext == "vml";
}

bool one_of(const std::string& value, std::initializer_list<const char*> list) {
  for (const char* item : list)
    if (value == item) return true;
  return false;
}

//! Whether a DOCX may hold a part of this name (see check_package). Empty: allowed; otherwise
//! why not.
std::string part_refusal(std::string_view name) {
  const std::string lower = ascii_lower(name);
  const std::string ext = extension_of(name);
  if (lower.find("vbaproject") != std::string::npos || lower.find("vbadata") != std::string::npos ||
      starts_with(lower, "word/activex/") || ext == "bin" || ext == "ocx" || ext == "exe" || ext == "dll")
    return "macro";
  if (name == "[Content_Types].xml" || name == "_rels/.rels") return {};
  if (starts_with(name, "docProps/") || starts_with(name, "customXml/")) {
    if (is_xml_part(name) || one_of(ext, {"jpeg", "jpg", "png", "emf", "wmf"})) return {};
    return "part_not_allowed";
  }
  if (starts_with(name, "word/")) {
    if (is_xml_part(name)) return {};
    if (starts_with(name, "word/media/") &&
        one_of(ext, {"png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "emf", "wmf", "svg", "jfif", "ico", "wdp"}))
      return {};
    if (starts_with(name, "word/fonts/") && one_of(ext, {"odttf", "ttf", "otf", "fntdata"})) return {};
    if (starts_with(name, "word/embeddings/") && one_of(ext, {"xlsx", "docx", "pptx", "xlsm"})) {
      if (ext == "xlsm") return "macro";
      return {};
    }
    return "part_not_allowed";
  }
  return "part_not_allowed";
}

const char* kMacroContentTypes[] = {"macroEnabled", "vbaProject"};

//! At most `limit` bytes of `text`, cut at a character boundary, "…" when something was cut.
std::string shortened(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return std::string(text);
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

//! The part whose relationships `rels` holds: "word/_rels/document.xml.rels" -> "word/document.xml",
//! "_rels/.rels" -> "" (the package itself).
std::string source_part(std::string_view rels) {
  const std::size_t folder = rels.rfind("_rels/");
  if (folder == std::string_view::npos || !ends_with(rels, ".rels")) return std::string(rels);
  std::string file(rels.substr(folder + 6, rels.size() - folder - 6 - 5));
  return std::string(rels.substr(0, folder)) + file;
}

//! Whether a relationship's target reaches outside the package whatever its TargetMode says: a
//! URI with a scheme ("https:", "file:", "mailto:"), a network path ("//host", "\\host").
bool looks_external(std::string_view target) {
  if (starts_with(target, "//") || starts_with(target, "\\\\")) return true;
  std::size_t at = 0;
  while (at < target.size() && ((target[at] >= 'a' && target[at] <= 'z') || (target[at] >= 'A' && target[at] <= 'Z') ||
                                (at > 0 && ((target[at] >= '0' && target[at] <= '9') || target[at] == '+' ||
                                            target[at] == '-' || target[at] == '.'))))
    ++at;
  return at > 0 && at < target.size() && target[at] == ':';
}

//! An external_link issue about `part` ("Phần word/document.xml" in `where`): `what` says how it
//! links out ("có liên kết ra ngoài tới “…”").
TemplateIssue link_issue(const std::string& where, const std::string& part, const std::string& what) {
  return package_issue("external_link",
                       where + " " + what +
                           ": mẫu văn bản không được chứa liên kết, vì liên kết sẽ được chép vào mọi văn bản phát hành từ "
                           "mẫu và người đọc tin đó là địa chỉ của cơ quan (có thể bị dẫn tới trang giả mạo). Hãy bỏ liên kết, "
                           "giữ lại chữ (Word: chuột phải vào liên kết › Remove Hyperlink); liên kết tới một vị trí trong "
                           "chính văn bản (bookmark) vẫn được phép.",
                       part);
}

//! Relationships that point outside the package, none allowed. Word follows most on opening (a
//! remote attachedTemplate, a linked image, a subDocument, a frame); a hyperlink it does not
//! follow, but a template's link is copied into every document issued from it, where a reader
//! trusts it as the agency's own (a phishing page). Links to a place in the document itself
//! (w:hyperlink w:anchor) need no relationship and stay allowed.
void check_relationships(std::string_view part, xmlNode* root, std::vector<TemplateIssue>& issues) {
  const std::string source = source_part(part);
  for (xmlNode* rel = root ? root->children : nullptr; rel; rel = rel->next) {
    if (rel->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(rel->name), "Relationship") != 0)
      continue;
    auto attribute = [&](const char* name) -> std::string {
      xmlChar* value = xmlGetProp(rel, reinterpret_cast<const xmlChar*>(name));
      std::string text = value ? reinterpret_cast<const char*>(value) : "";
      xmlFree(value);
      return text;
    };
    std::string target = attribute("Target");
    if (attribute("TargetMode") != "External" && !looks_external(target)) continue;
    target = shortened(target, 200);
    const std::string where = source.empty() ? "Gói tài liệu" : "Phần " + source;
    const std::string issue_part = source.empty() ? std::string(part) : source;
    if (ends_with(attribute("Type"), "/hyperlink")) {
      add_capped(issues, link_issue(where, issue_part, "có liên kết ra ngoài tới “" + target + "”"));
      continue;
    }
    add_capped(issues, package_issue(
        "external_relationship",
        where + " trỏ ra ngoài tệp (“" + target +
            "”): mẫu không được liên kết tới mẫu, ảnh hay tài liệu bên ngoài vì Word sẽ tự tải chúng khi mở văn bản. "
            "Hãy chèn trực tiếp nội dung đó vào mẫu.",
        issue_part));
  }
}

//! Field codes that reach outside the document: the remote ones (engine::is_remote_field), which
//! Word fills from a URL, file or program when it opens or updates the document, and HYPERLINK
//! to a URL or file (one to a bookmark, \l, is the document's own). A field whose name comes
//! from another field cannot be read before Word runs it, so it is refused too.
void check_fields(const std::string& part, const xmlNode* root, std::vector<TemplateIssue>& issues) {
  engine::walk_fields(root, [&](const engine::FieldInstruction& field) {
    const std::string name = engine::field_name(field.text);
    const std::string shown = shortened(text::trim(field.text), 200);
    if (field.name_nested) {
      issues.push_back(package_issue("remote_field",
                                     "Phần " + part + " có một trường mà tên của nó do một trường khác tạo ra (“" + shown +
                                         "”), nên không kiểm tra được nó làm gì; hãy bỏ trường đó khỏi mẫu.",
                                     part));
      return;
    }
    if (engine::is_remote_field(name)) {
      issues.push_back(package_issue(
          "remote_field",
          "Phần " + part + " có trường " + name + " (“" + shown +
              "”) lấy nội dung từ bên ngoài tệp: Word sẽ tải nội dung đó khi mở hoặc cập nhật văn bản. Mẫu không được chứa các "
              "trường " + engine::remote_field_names() +
              "; hãy chèn trực tiếp ảnh hay văn bản vào mẫu (Word: chọn trường rồi nhấn Ctrl+Shift+F9 để biến nó thành nội "
              "dung thường).",
          part));
      return;
    }
    if (name != "HYPERLINK") return;
    std::optional<std::string> target = engine::hyperlink_target(field.text);
    if (!target && !field.nested) return;  // \l "bookmark": a place in the document
    issues.push_back(link_issue("Phần " + part, part, "có trường HYPERLINK (“" + shown + "”) liên kết ra ngoài văn bản"));
  });
}

std::string size_text(std::uint64_t bytes) {
  if (bytes >= (1u << 20)) return std::to_string(bytes >> 20) + " MiB";
  if (bytes >= 1024) return std::to_string(bytes >> 10) + " KiB";
  return std::to_string(bytes) + " byte";
}

//! The issue code of a zip the reader refused.
const char* zip_code(const ZipError& error) {
  const std::string& code = error.code();
  if (code == "ratio") return "zip_bomb";
  if (code == "bad_name") return "unsafe_name";
  if (code == "too_many_entries") return "too_many_entries";
  if (code == "entry_too_large" || code == "archive_too_large") return "too_large";
  if (code == "header_mismatch") return "zip_header_mismatch";
  if (code == "overlap") return "zip_overlap";
  if (code == "hidden_data") return "zip_hidden_data";
  return "zip";
}

std::string zip_message(const ZipError& error) {
  const std::string& code = error.code();
  if (code == "ratio")
    return "Tệp mẫu có phần nén với tỷ lệ bất thường (dấu hiệu “bom zip”) nên bị từ chối: " + std::string(error.what());
  if (code == "too_many_entries" || code == "entry_too_large" || code == "archive_too_large")
    return "Tệp mẫu vượt giới hạn cho phép: " + std::string(error.what());
  if (code == "bad_name") return "Tệp mẫu có tên mục không an toàn: " + std::string(error.what());
  if (code == "header_mismatch" || code == "overlap" || code == "hidden_data")
    return "Tệp mẫu bị sửa đổi bất thường (gói zip bị làm giả, không phải do Word hay LibreOffice lưu): " +
           std::string(error.what()) + " Hãy mở mẫu gốc trong Word hoặc LibreOffice, lưu lại rồi tải lên tệp vừa lưu.";
  return "Tệp mẫu không phải gói DOCX đọc được (" + code + "): " + error.what();
}

}  // namespace

std::string delimiters_text(const Delimiters& delimiters) { return delimiters.open + " " + delimiters.close; }

std::optional<Delimiters> parse_delimiters(std::string_view text, std::string* why) {
  auto fail = [&](std::string reason) -> std::optional<Delimiters> {
    if (why) *why = std::move(reason);
    return std::nullopt;
  };
  if (!text::is_valid_utf8(text)) return fail("không phải UTF-8 hợp lệ.");
  std::vector<std::string_view> tokens;
  std::size_t at = 0;
  while (at < text.size()) {
    while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
    if (at >= text.size()) break;
    std::size_t end = at;
    while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
    tokens.push_back(text.substr(at, end - at));
    at = end;
  }
  if (tokens.size() != 2)
    return fail("cần đúng hai dấu cách nhau bằng dấu cách, dấu mở trước, dấu đóng sau (ví dụ “[[ ]]”).");
  for (std::string_view token : tokens) {
    if (token.size() > 8) return fail("mỗi dấu dài tối đa 8 ký tự.");
    for (unsigned char c : token) {
      if (c < 0x20 || c == 0x7f) return fail("dấu không được chứa ký tự điều khiển.");
      if (std::strchr("|.#^/@_-", c) || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
        return fail("dấu không được chứa chữ, số hay các ký tự | . # ^ / @ _ - (chúng thuộc cú pháp thẻ).");
    }
    if (token.find("\xC2\xA0") != std::string_view::npos) return fail("dấu không được chứa dấu cách.");
  }
  return Delimiters{std::string(tokens[0]), std::string(tokens[1])};
}

std::vector<TemplateIssue> check_package(std::string_view docx, const PackageLimits& limits) {
  std::vector<TemplateIssue> issues;
  if (docx.size() > limits.max_size) {
    add_capped(issues, package_issue("too_large", "Tệp mẫu nặng " + size_text(docx.size()) + ", vượt giới hạn " +
                                                      size_text(limits.max_size) + "."));
    return issues;
  }
  std::vector<ZipEntry> entries;
  try {
    entries = zip_read(docx, limits.zip);
  } catch (const ZipError& error) {
    add_capped(issues, package_issue(zip_code(error), zip_message(error)));
    return issues;
  }
  bool content_types = false, package_rels = false, document = false;
  std::uint64_t total = 0;
  for (const ZipEntry& entry : entries) {
    content_types = content_types || entry.name == "[Content_Types].xml";
    package_rels = package_rels || entry.name == "_rels/.rels";
    document = document || entry.name == "word/document.xml";
    if (ends_with(entry.name, "/") && entry.uncompressed_size == 0) continue;  // a folder entry
    std::string refusal = part_refusal(entry.name);
    if (refusal == "macro") {
      add_capped(issues, package_issue("macro",
                                       "Mẫu chứa macro, ActiveX hoặc đối tượng nhị phân (“" + entry.name +
                                           "”); hãy lưu mẫu dưới dạng “Word Document (*.docx)” không có macro.",
                                       entry.name));
      continue;
    }
    if (!refusal.empty()) {
      add_capped(issues, package_issue("part_not_allowed",
                                       "Mục “" + entry.name + "” không phải một phần của tài liệu DOCX; mẫu chỉ được chứa "
                                       "các phần của Word (XML, quan hệ, ảnh, phông chữ nhúng).",
                                       entry.name));
      continue;
    }
    std::string content;
    try {
      content = zip_inflate(entry, limits.zip);
    } catch (const ZipError& error) {
      add_capped(issues, package_issue(zip_code(error), "Phần " + entry.name + ": " + zip_message(error), entry.name));
      continue;
    }
    total += content.size();
    if (total > limits.zip.max_total_size) {
      add_capped(issues, package_issue("too_large", "Tệp mẫu giải nén ra quá " + size_text(limits.zip.max_total_size) + "."));
      return issues;
    }
    if (!is_xml_part(entry.name)) continue;
    std::vector<TemplateIssue> xml_issues;
    engine::XmlDocument doc = engine::parse_part(content, entry.name, xml_issues);
    for (TemplateIssue& issue : xml_issues) add_capped(issues, std::move(issue));
    if (!doc) continue;
    xmlNode* root = xmlDocGetRootElement(doc.get());
    if (extension_of(entry.name) == "rels") check_relationships(entry.name, root, issues);
    else if (starts_with(entry.name, "word/")) check_fields(entry.name, root, issues);
    if (entry.name == "[Content_Types].xml") {
      for (const char* marker : kMacroContentTypes)
        if (content.find(marker) != std::string::npos) {
          add_capped(issues, package_issue("macro",
                                           "Mẫu khai báo nội dung có macro hoặc đối tượng nhúng (" + std::string(marker) +
                                               "); hãy lưu mẫu dưới dạng “Word Document (*.docx)”.",
                                           entry.name));
          break;
        }
    }
  }
  auto missing = [&](bool present, const char* part) {
    if (!present)
      add_capped(issues, package_issue(std::strcmp(part, "word/document.xml") == 0 ? "not_docx" : "missing_part",
                                       std::string("Tệp mẫu không phải tài liệu DOCX hoàn chỉnh: thiếu phần ") + part + ".",
                                       part));
  };
  missing(content_types, "[Content_Types].xml");
  missing(package_rels, "_rels/.rels");
  // The main part is where _rels/.rels says (Office 365 may save word/document2.xml).
  if (engine::main_part_name(entries, limits.zip).empty()) {
    if (package_rels && document)
      add_capped(issues, package_issue("not_docx",
                                       "Tệp mẫu không phải tài liệu DOCX hoàn chỉnh: quan hệ officeDocument trong _rels/.rels "
                                       "trỏ tới một phần không có trong gói; hãy mở mẫu trong Word rồi lưu lại.",
                                       "_rels/.rels"));
    else
      missing(document, "word/document.xml");
  }
  return issues;
}

}  // namespace vanthu

namespace vanthu::engine {

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

namespace {

const ZipEntry* entry_named(const std::vector<ZipEntry>& entries, std::string_view name) {
  for (const ZipEntry& entry : entries)
    if (entry.name == name) return &entry;
  return nullptr;
}

//! (type, target) of each relationship of a .rels part; nothing when it cannot be read.
std::vector<std::pair<std::string, std::string>> relationships_of(const ZipEntry* entry, const ZipLimits& limits) {
  std::vector<std::pair<std::string, std::string>> found;
  if (!entry) return found;
  std::string xml;
  try {
    xml = zip_inflate(*entry, limits);
  } catch (const ZipError&) {
    return found;
  }
  std::vector<TemplateIssue> ignored;
  XmlDocument doc = parse_part(xml, entry->name, ignored);
  if (!doc) return found;
  for (xmlNode* rel = xmlDocGetRootElement(doc.get())->children; rel; rel = rel->next) {
    if (rel->type != XML_ELEMENT_NODE || std::strcmp(reinterpret_cast<const char*>(rel->name), "Relationship") != 0) continue;
    auto attribute = [&](const char* name) {
      xmlChar* value = xmlGetProp(rel, reinterpret_cast<const xmlChar*>(name));
      std::string text = value ? reinterpret_cast<const char*>(value) : "";
      xmlFree(value);
      return text;
    };
    if (attribute("TargetMode") == "External") continue;
    found.emplace_back(attribute("Type"), attribute("Target"));
  }
  return found;
}

//! A relationship's target as a part name: relative to the folder of its source part, "/..."
//! from the package root; "." and ".." segments resolved ("" when it leaves the package).
std::string resolve_target(std::string_view folder, std::string_view target) {
  std::string path = !target.empty() && target.front() == '/' ? std::string(target.substr(1))
                                                               : std::string(folder) + std::string(target);
  std::vector<std::string> segments;
  std::size_t at = 0;
  while (at <= path.size()) {
    std::size_t slash = path.find('/', at);
    std::string segment = path.substr(at, slash == std::string::npos ? std::string::npos : slash - at);
    if (segment == "..") {
      if (segments.empty()) return {};
      segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(std::move(segment));
    }
    if (slash == std::string::npos) break;
    at = slash + 1;
  }
  std::string name;
  for (const std::string& segment : segments) name += (name.empty() ? "" : "/") + segment;
  return name;
}

bool type_is(const std::string& type, std::string_view suffix) {
  return ends_with(type, std::string("/") + std::string(suffix));
}

//! The part names Word itself gives headers, footers, footnotes, endnotes and comments.
bool named_as_word_names_notes(std::string_view name) {
  auto xml_in_word = [&](std::string_view stem) {
    if (name.size() < stem.size() + 4 || name.substr(0, stem.size()) != stem || name.substr(name.size() - 4) != ".xml")
      return false;
    return name.find('/', stem.size()) == std::string_view::npos;
  };
  return name == "word/footnotes.xml" || name == "word/endnotes.xml" || name == "word/comments.xml" || xml_in_word("word/header") ||
         xml_in_word("word/footer");
}

}  // namespace

std::string main_part_name(const std::vector<ZipEntry>& entries, const ZipLimits& limits) {
  for (const auto& [type, target] : relationships_of(entry_named(entries, "_rels/.rels"), limits)) {
    if (!type_is(type, "officeDocument")) continue;
    std::string name = resolve_target("", target);
    return entry_named(entries, name) ? name : std::string();
  }
  return entry_named(entries, "word/document.xml") ? "word/document.xml" : std::string();
}

std::vector<std::string> templatable_parts(const std::vector<ZipEntry>& entries, const ZipLimits& limits,
                                           const std::string& main) {
  std::vector<std::string> names;
  if (main.empty()) return names;
  names.push_back(main);
  const std::size_t slash = main.rfind('/');
  const std::string folder = slash == std::string::npos ? std::string() : main.substr(0, slash + 1);
  const std::string rels = folder + "_rels/" + main.substr(folder.size()) + ".rels";
  for (const auto& [type, target] : relationships_of(entry_named(entries, rels), limits)) {
    if (!type_is(type, "header") && !type_is(type, "footer") && !type_is(type, "footnotes") && !type_is(type, "endnotes") &&
        !type_is(type, "comments"))
      continue;
    std::string name = resolve_target(folder, target);
    if (!name.empty() && entry_named(entries, name) && std::find(names.begin(), names.end(), name) == names.end())
      names.push_back(name);
  }
  for (const ZipEntry& entry : entries)
    if (named_as_word_names_notes(entry.name) && std::find(names.begin(), names.end(), entry.name) == names.end())
      names.push_back(entry.name);
  return names;
}

std::optional<std::string> delimiters_property(const std::vector<ZipEntry>& entries, const ZipLimits& limits) {
  for (const ZipEntry& entry : entries) {
    if (entry.name != "docProps/custom.xml") continue;
    std::string xml;
    try {
      xml = zip_inflate(entry, limits);
    } catch (const ZipError&) {
      return std::nullopt;
    }
    std::vector<TemplateIssue> ignored;
    XmlDocument doc = parse_part(xml, entry.name, ignored);
    if (!doc) return std::nullopt;
    for (xmlNode* property = xmlDocGetRootElement(doc.get())->children; property; property = property->next) {
      if (property->type != XML_ELEMENT_NODE) continue;
      xmlChar* name = xmlGetProp(property, reinterpret_cast<const xmlChar*>("name"));
      bool wanted = name && std::strcmp(reinterpret_cast<const char*>(name), "vanthu:delimiters") == 0;
      xmlFree(name);
      if (!wanted) continue;
      for (xmlNode* value = property->children; value; value = value->next)
        if (value->type == XML_ELEMENT_NODE) return child_text(value);
      return std::string();
    }
  }
  return std::nullopt;
}

}  // namespace vanthu::engine
