//! The template engine's public face: reading a DOCX template once, rendering it many times.
#include "vanthu/template_engine.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <optional>
#include <sstream>

#include "template_drawings.hpp"
#include "template_images.hpp"
#include "template_model.hpp"
#include "template_program.hpp"
#include "vanthu/part_name.hpp"
#include "vanthu/text.hpp"

namespace vanthu {
namespace {

std::string summary(const std::vector<TemplateIssue>& issues) {
  std::string text = "Mẫu DOCX có " + std::to_string(issues.size()) + " lỗi:";
  for (const TemplateIssue& issue : issues) text += "\n- " + issue.message;
  return text;
}

TemplateIssue simple_issue(const char* code, std::string message, std::string part = {}) {
  TemplateIssue issue;
  issue.code = code;
  issue.message = std::move(message);
  issue.part = std::move(part);
  return issue;
}

//! Per-thread buffers reused from render to render: a fresh 200 KB buffer per part costs more in
//! page faults than the XML walk itself. Oversized ones are given back after use.
struct RenderScratch {
  static constexpr std::size_t kKeep = 8u << 20;
  Deflater deflater;  //!< keeps its compressor and output buffer (zip.hpp)
  std::string xml;
  ZipEntry entry;  //!< the member being added; its data buffer is what gets reused

  void trim() {
    if (xml.capacity() > kKeep) std::string().swap(xml);
    if (entry.data.capacity() > kKeep) std::string().swap(entry.data);
  }

  //! Adds a member holding `content`, deflated at `level_wanted` (0: stored); the same bytes
  //! as zip_compress gives.
  void add(ZipWriter& writer, const std::string& name, std::string_view content, int level_wanted) {
    deflater.compress(entry, name, content, level_wanted);
    writer.add(entry);
  }
};

//! A rendered part that has grown past RenderOptions::stream_above: its XML goes into the
//! archive as a StreamedMember, piece by piece as the renderer hands it on.
class PartStream final : public engine::XmlSink {
 public:
  PartStream(ZipWriter& writer, const std::string& name, int level) : writer_(writer), name_(name), level_(level) {}
  void consume(std::string_view xml) override {
    if (!member_) member_.emplace(writer_, name_, level_);
    member_->write(xml);
  }
  bool started() const { return member_.has_value(); }
  //! The rest of the part (what the renderer kept), then the member's sizes and CRC.
  void finish(std::string_view rest) {
    member_->write(rest);
    member_->finish();
  }

 private:
  ZipWriter& writer_;
  const std::string& name_;
  int level_;
  std::optional<StreamedMember> member_;
};

RenderScratch& scratch() {
  thread_local RenderScratch buffers;
  return buffers;
}

}  // namespace

TemplateError::TemplateError(std::vector<TemplateIssue> issues)
    : std::runtime_error(summary(issues)), issues_(std::move(issues)) {}

Template::Template(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Template::~Template() = default;

const std::vector<TagInfo>& Template::tags() const { return impl_->tags; }

std::vector<std::string> Template::templated_parts() const {
  std::vector<std::string> names;
  for (std::size_t i = 0; i < impl_->entries.size(); ++i)
    if (impl_->program_of_entry[i] >= 0) names.push_back(impl_->entries[i].name);
  return names;
}

std::vector<std::string> Template::part_names() const {
  std::vector<std::string> names;
  names.reserve(impl_->entries.size());
  for (const auto& entry : impl_->entries) names.push_back(entry.name);
  return names;
}

const Delimiters& Template::delimiters() const { return impl_->delimiters; }

const std::string& Template::main_part() const { return impl_->main_part; }

std::string main_document_part(const std::vector<ZipEntry>& entries, const ZipLimits& limits) {
  return engine::main_part_name(entries, limits);
}

std::shared_ptr<const Template> engine::TemplateFactory::compile(std::string_view docx, const TemplateOptions& options,
                                                                 std::vector<TemplateIssue>& issues,
                                                                 std::vector<TagInfo>& tags, Delimiters& delimiters) {
  auto impl = std::make_unique<Template::Impl>();
  impl->options = options;
  try {
    impl->entries = zip_read(docx, options.limits);
  } catch (const ZipError& error) {
    issues.push_back(simple_issue("zip", "Tệp mẫu không phải gói DOCX đọc được (" + error.code() + "): " + error.what()));
    return nullptr;
  }
  const std::string main = main_part_name(impl->entries, options.limits);
  if (main.empty()) {
    issues.push_back(simple_issue("not_docx",
                                  "Tệp mẫu không phải tài liệu DOCX: không có phần thân văn bản (word/document.xml, hay "
                                  "phần mà quan hệ officeDocument của _rels/.rels chỉ tới)."));
    return nullptr;
  }
  impl->main_part = main;
  const std::vector<std::string> templatable_names = templatable_parts(impl->entries, options.limits, main);
  auto is_templatable = [&](const std::string& name) {
    return std::find(templatable_names.begin(), templatable_names.end(), name) != templatable_names.end();
  };

  if (options.delimiters) {
    delimiters = *options.delimiters;
  } else if (std::optional<std::string> declared = delimiters_property(impl->entries, options.limits)) {
    std::string why;
    if (std::optional<Delimiters> parsed = parse_delimiters(*declared, &why)) {
      delimiters = *parsed;
    } else {
      issues.push_back(simple_issue("delimiters",
                                    "Thuộc tính “vanthu:delimiters” của mẫu (“" + *declared + "”) không dùng được: " + why,
                                    "docProps/custom.xml"));
      return nullptr;
    }
  } else {
    delimiters = Delimiters{};
  }
  if (std::string why; !parse_delimiters(delimiters_text(delimiters), &why) || delimiters.open.empty()) {
    issues.push_back(simple_issue("delimiters", "Dấu mở và dấu đóng thẻ không dùng được: " + why));
    return nullptr;
  }
  impl->delimiters = delimiters;

  const std::size_t issues_before = total_count(issues);
  const TemplateLimits& limits = options.template_limits;
  const std::size_t templatable = static_cast<std::size_t>(
      std::count_if(impl->entries.begin(), impl->entries.end(), [&](const ZipEntry& e) { return is_templatable(e.name); }));
  if (templatable > limits.max_parts) {
    add_capped(issues, simple_issue("too_many_parts",
                                    "Mẫu có " + text::group_thousands(static_cast<std::int64_t>(templatable)) +
                                        " phần có thể chứa thẻ (thân văn bản, đầu trang, chân trang, chú thích), quá giới hạn " +
                                        text::group_thousands(static_cast<std::int64_t>(limits.max_parts)) +
                                        ": hãy bỏ bớt các phần đầu trang, chân trang thừa rồi gửi lại."));
    return nullptr;
  }
  engine::ReadBudget budget{limits};
  const std::size_t tags_before = tags.size();
  impl->program_of_entry.assign(impl->entries.size(), -1);
  for (std::size_t i = 0; i < impl->entries.size() && !budget.stopped; ++i) {
    const ZipEntry& entry = impl->entries[i];
    if (!is_templatable(entry.name)) continue;
    std::string xml;
    try {
      xml = zip_inflate(entry, options.limits);
    } catch (const ZipError& error) {
      add_capped(issues, simple_issue("zip", "Không đọc được phần " + entry.name + " (" + error.code() + "): " + error.what(),
                                      entry.name));
      continue;
    }
    engine::CompiledPart part = engine::compile_part(entry.name, xml, delimiters, issues, &budget);
    if (!part.has_tags) continue;
    tags.insert(tags.end(), part.tags.begin(), part.tags.end());
    impl->tags.insert(impl->tags.end(), std::make_move_iterator(part.tags.begin()), std::make_move_iterator(part.tags.end()));
    impl->program_of_entry[i] = static_cast<int>(impl->programs.size());
    impl->rendered_size += part.program.pool.size();
    impl->programs.push_back(std::move(part.program));
  }
  if (budget.stopped) {  // the issue says why; half a tag list would only mislead
    tags.resize(tags_before);
    return nullptr;
  }
  if (total_count(issues) != issues_before) return nullptr;
  impl->images = engine::plan_images(impl->entries, impl->program_of_entry, impl->programs, options.limits);
  impl->drawings = engine::plan_drawings(impl->entries, impl->program_of_entry, impl->programs, options.limits, impl->images != nullptr);
  for (std::size_t i = 0; i < impl->entries.size(); ++i) {
    const ZipEntry& entry = impl->entries[i];
    std::size_t stored = impl->program_of_entry[i] >= 0 ? entry.data.size() * 2 : entry.data.size();
    impl->output_hint += stored + entry.name.size() * 2 + 100;
  }
  return std::shared_ptr<const Template>(new Template(std::move(impl)));
}

std::shared_ptr<const Template> Template::parse(std::string_view docx, const TemplateOptions& options) {
  std::vector<TemplateIssue> issues;
  std::vector<TagInfo> tags;
  Delimiters delimiters;
  auto tpl = engine::TemplateFactory::compile(docx, options, issues, tags, delimiters);
  if (!issues.empty() || !tpl) {
    if (issues.empty()) issues.push_back(simple_issue("not_docx", "Không đọc được tệp mẫu."));
    throw TemplateError(std::move(issues));
  }
  return tpl;
}

std::shared_ptr<const Template> Template::parse_file(const std::string& path, const TemplateOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw TemplateError({simple_issue("not_docx", "Không mở được tệp mẫu “" + path + "”.")});
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return parse(bytes.str(), options);
}

RenderResult render(const Template& tpl, const nlohmann::json& data, const RenderOptions& options) {
  const Template::Impl& impl = tpl.impl();
  RenderResult result;
  result.docx.reserve(options.compression_level > 0 ? impl.output_hint : impl.output_hint + impl.rendered_size);
  ZipWriter writer(result.docx);
  auto replacement = [&](const std::string& name) -> const std::string* {
    const std::string* found = nullptr;
    for (const auto& [part, content] : options.parts)
      if (part == name) found = &content;  // the last one given wins
    return found;
  };
  RenderScratch& buffers = scratch();
  engine::RenderBudget budget{options.max_steps, options.max_output};
  auto finisher_of = [&](const std::string& name) {
    const RenderOptions::Finisher* finisher = nullptr;
    for (const auto& f : options.finishers)
      if (f.part == name && f.apply) finisher = &f;
    return finisher;
  };

  // {%x} images: the parts holding them are rendered first, whole, so that the relationships and
  // content types written in their place in the archive already know the pictures. What they
  // found missing or refused is reported at their place, so the lists keep the archive's order.
  struct Held {
    bool rendered = false;
    std::string xml;
    std::vector<std::string> missing;
    std::vector<TemplateIssue> refused;
  };
  std::optional<engine::DrawingIds> drawings;
  if (impl.drawings) drawings.emplace(*impl.drawings);
  engine::DrawingIds* drawing_ids = drawings ? &*drawings : nullptr;
  std::optional<engine::ImageRender> images;
  std::vector<Held> held;
  if (impl.images) {
    images.emplace(*impl.images, options, *drawings);
    held.resize(impl.entries.size());
    for (std::size_t i = 0; i < impl.entries.size(); ++i) {
      const int index = impl.program_of_entry[i];
      if (index < 0 || impl.programs[static_cast<std::size_t>(index)].images.empty() || replacement(impl.entries[i].name))
        continue;
      Held& part = held[i];
      engine::render_program(impl.programs[static_cast<std::size_t>(index)], data, part.xml, part.missing, part.refused, budget,
                             nullptr, 0, &*images, i, drawing_ids);
      if (const RenderOptions::Finisher* finisher = finisher_of(impl.entries[i].name)) finisher->apply(part.xml);
      part.rendered = true;
    }
  }

  for (std::size_t i = 0; i < impl.entries.size(); ++i) {
    const ZipEntry& entry = impl.entries[i];
    if (images && held[i].rendered) {
      Held& part = held[i];
      result.missing.insert(result.missing.end(), part.missing.begin(), part.missing.end());
      for (TemplateIssue& issue : part.refused) add_capped(result.refused, std::move(issue));
      buffers.add(writer, entry.name, part.xml, options.compression_level);
      std::string().swap(part.xml);
    } else if (images && images->rewrites(entry.name)) {
      const std::string* content = replacement(entry.name);
      const std::string stored = content ? std::string() : zip_inflate(entry, impl.options.limits);
      buffers.add(writer, entry.name, images->rewritten(entry.name, content ? *content : stored), options.compression_level);
    } else if (const std::string* content = replacement(entry.name)) {
      buffers.add(writer, entry.name, *content, options.compression_level);
    } else if (impl.program_of_entry[i] >= 0) {
      const engine::Program& program = impl.programs[static_cast<std::size_t>(impl.program_of_entry[i])];
      const RenderOptions::Finisher* finisher = finisher_of(entry.name);
      const bool streamed = options.stream_above && !finisher;
      buffers.xml.clear();
      buffers.xml.reserve(std::min(program.pool.size() + program.pool.size() / 2 + 4096,
                                   streamed ? options.stream_above + 4096 : SIZE_MAX));
      PartStream stream(writer, entry.name, options.compression_level);
      try {
        engine::render_program(program, data, buffers.xml, result.missing, result.refused, budget,
                               streamed ? &stream : nullptr, streamed ? options.stream_above : 0, nullptr, 0, drawing_ids);
        if (finisher) finisher->apply(buffers.xml);
      } catch (...) {
        buffers.trim();
        throw;
      }
      if (stream.started()) stream.finish(buffers.xml);
      else buffers.add(writer, entry.name, buffers.xml, options.compression_level);
    } else {
      writer.add(entry);
    }
  }
  if (images && images->used()) images->add_parts(writer, options.compression_level);
  std::vector<std::string> added;
  for (const auto& part : options.parts) {
    const std::string& name = part.first;
    bool in_template = std::any_of(impl.entries.begin(), impl.entries.end(), [&](const ZipEntry& e) { return e.name == name; });
    if (in_template || std::find(added.begin(), added.end(), name) != added.end()) continue;
    added.push_back(name);
    if (const char* why = part_name_refusal(name))
      throw ZipError("bad_name", "Tên phần thêm vào “" + name + "” không hợp lệ: " + why + ".");
    buffers.add(writer, name, *replacement(name), options.compression_level);
  }
  writer.finish();
  buffers.trim();
  return result;
}

std::string render_part(const Template& tpl, std::string_view part, const nlohmann::json& data) {
  const Template::Impl& impl = tpl.impl();
  for (std::size_t i = 0; i < impl.entries.size(); ++i) {
    if (impl.entries[i].name != part) continue;
    if (impl.program_of_entry[i] < 0) return zip_inflate(impl.entries[i], impl.options.limits);
    std::string xml;
    std::vector<std::string> missing;
    std::vector<TemplateIssue> refused;
    engine::RenderBudget budget;
    std::optional<engine::DrawingIds> drawings;
    if (impl.drawings) drawings.emplace(*impl.drawings);
    std::optional<engine::ImageRender> images;
    if (impl.images) images.emplace(*impl.images, RenderOptions{}, *drawings);
    engine::render_program(impl.programs[static_cast<std::size_t>(impl.program_of_entry[i])], data, xml, missing, refused,
                           budget, nullptr, 0, images ? &*images : nullptr, i, drawings ? &*drawings : nullptr);
    return xml;
  }
  throw std::out_of_range("the template has no part " + std::string(part));
}

}  // namespace vanthu
