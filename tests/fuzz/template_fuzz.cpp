//! libFuzzer target over templates: the bytes are either a whole package (they start with "PK":
//! the zip reader, the upload checks, every part's XML) or one word/document.xml put in a minimal
//! package (the XML parser, tag finding, section planning, serialising). Whatever compiles is
//! rendered with data that exercises every kind of tag, and every rendered part must be
//! well-formed XML. A crash, a leak, an exception other than TemplateError/RenderLimitError, or
//! a malformed output is a finding.
#include <libxml/parser.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "fuzz_support.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace {

using nlohmann::json;

const json& data() {
  static const json value = {
      {"a", "chữ <&> \"x\"\nmới"},
      {"b", 17467000000},
      {"c", 2.5},
      {"d", true},
      {"e", nullptr},
      {"ngay", "2026-02-05"},
      {"ds", {{{"ten", "An"}, {"so", 1}, {"ds", {1, 2}}}, {{"ten", "Bình"}, {"so", 2}, {"ds", json::array()}}}},
      {"obj", {{"ten", "O"}, {"ds", {"x"}}}},
      {"rong", json::array()},
      {"raw", "<w:p><w:r><w:t>raw</w:t></w:r></w:p>"},
      {"x", {{"y", {{"z", "sâu"}}}}},
      {"anh", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="},
      {"anhs", {{{"anh", {{"data", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="},
                          {"width_cm", 3}}}},
                {{"anh", "không phải ảnh"}}}},
  };
  return value;
}

std::string package_with(std::string_view document) {
  std::string docx;
  vanthu::ZipWriter writer(docx);
  writer.add("[Content_Types].xml",
             "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
             "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>",
             1);
  writer.add("_rels/.rels",
             "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"/>", 1);
  writer.add("word/document.xml", document, 1);
  writer.finish();
  return docx;
}

using vanthu::fuzz::require_well_formed;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  xmlInitParser();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(bytes), size);
  const bool whole_package = input.substr(0, 2) == "PK";
  const std::string docx = whole_package ? std::string(input) : package_with(input);

  vanthu::PackageLimits limits;
  limits.zip.max_total_size = 32u << 20;
  limits.zip.max_entry_size = 16u << 20;
  vanthu::TemplateCheck check = vanthu::check_template(docx, {}, {true, limits, &data(), {"docProps/core.xml"}});
  (void)check.shape.dump();
  std::shared_ptr<const vanthu::Template> tpl = check.parsed;
  if (!tpl) {
    try {
      vanthu::TemplateOptions options;
      options.limits = limits.zip;
      tpl = vanthu::Template::parse(docx, options);
    } catch (const vanthu::TemplateError&) {
      return 0;
    }
  }
  vanthu::RenderOptions options;
  options.compression_level = 0;
  options.max_steps = 2'000'000;
  options.max_output = 16u << 20;
  try {
    vanthu::RenderResult result = vanthu::render(*tpl, data(), options);
    // A package that passed the upload checks has only well-formed XML parts, and rendering keeps
    // them so: images add and change parts (relationships, content types).
    if (check.parsed)
      for (const vanthu::ZipEntry& entry : vanthu::zip_read(result.docx, limits.zip))
        if (entry.name.ends_with(".xml") || entry.name.ends_with(".rels")) require_well_formed(vanthu::zip_inflate(entry, limits.zip));
    for (const std::string& part : tpl->templated_parts())
      require_well_formed(vanthu::render_part(*tpl, part, data()));
  } catch (const vanthu::RenderLimitError&) {
  }
  return 0;
}
