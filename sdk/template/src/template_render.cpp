//! Rendering a compiled part: walk the ops with a scope stack, copy literals, write values.
//! No XML parsing, no DOM, no per-value allocation.
#include <algorithm>
#include <charconv>
#include <cstring>

#include "template_drawings.hpp"
#include "template_expression.hpp"
#include "template_fragment.hpp"
#include "template_images.hpp"
#include "template_program.hpp"
#include "template_xml.hpp"
#include "vanthu/xml_text.hpp"

namespace vanthu::engine {
namespace {

using json = nlohmann::json;

bool truthy(const json* value) {
  if (!value) return false;
  switch (value->type()) {
    case json::value_t::null: return false;
    case json::value_t::boolean: return value->get<bool>();
    case json::value_t::string: return !value->get_ref<const std::string&>().empty();
    case json::value_t::number_integer: return value->get<std::int64_t>() != 0;
    case json::value_t::number_unsigned: return value->get<std::uint64_t>() != 0;
    case json::value_t::number_float: return value->get<double>() != 0.0;
    case json::value_t::array: return !value->empty();
    case json::value_t::object: return true;
    default: return false;
  }
}

class Renderer {
 public:
  Renderer(const Program& program, const json& data, std::string& out, std::vector<std::string>& missing,
           std::vector<TemplateIssue>& refused, RenderBudget& budget, XmlSink* sink, std::size_t chunk, ImageRender* images,
           std::size_t part, DrawingIds* drawings)
      : program_(program), out_(out), missing_(missing), refused_(refused), budget_(budget), start_(out.size()), sink_(sink),
        chunk_(sink ? std::max<std::size_t>(chunk, 4096) : 0), flush_at_(sink ? out.size() + chunk_ : SIZE_MAX),
        images_(program.images.empty() ? nullptr : images), part_(part),
        drawings_(program.drawing_ids.empty() ? nullptr : drawings) {
    scopes_.reserve(16);
    scopes_.push_back(&data);
    if (images_) pointers_.emplace_back();  // where each scope is in the data, for a refused image's path
  }

  ~Renderer() { budget_.output -= std::min(budget_.output, written()); }

  void run(std::size_t begin, std::size_t end) {
    const Op* ops = program_.ops.data();
    for (std::size_t i = begin; i < end;) {
      const Op& op = ops[i];
      if (budget_.steps-- == 0 || written() > budget_.output) over_budget();
      if (out_.size() >= flush_at_) flush();
      switch (op.kind) {
        case OpKind::literal:
          out_.append(program_.pool.data() + op.a, op.b);
          ++i;
          continue;
        case OpKind::value:
          value(program_.values[op.a]);
          ++i;
          continue;
        case OpKind::raw:
          raw(program_.values[op.a]);
          ++i;
          continue;
        case OpKind::merge:
          merge(program_.merges[op.a]);
          ++i;
          continue;
        case OpKind::image:
          image(program_.images[op.a]);
          ++i;
          continue;
        case OpKind::drawing_id: {
          const std::uint64_t own = program_.drawing_ids[op.a];
          char buffer[24];
          auto r = std::to_chars(buffer, buffer + sizeof buffer, drawings_ ? drawings_->for_template_drawing(own) : own);
          out_.append(buffer, r.ptr);
          ++i;
          continue;
        }
        case OpKind::section:
          if (!section(program_.paths[op.a], i + 1, op.b) && op.c) out_ += program_.fillers[op.c - 1];
          break;
        case OpKind::inverted:
          if (!holds(program_.paths[op.a])) run(i + 1, op.b);
          else if (op.c) out_ += program_.fillers[op.c - 1];
          break;
        case OpKind::guard: guard(program_.guards[op.a], i + 1, op.b); break;
      }
      i = op.b;
    }
  }

 private:
  //! Where a path's first segment is: the innermost scope holding it non-null, else the innermost
  //! holding it as null (a null lets an outer scope answer first); value nullptr: in none.
  struct Head {
    std::size_t scope = SIZE_MAX;
    const json* value = nullptr;
  };
  Head find_head(const std::string& name) const {
    Head null_head;
    for (std::size_t s = scopes_.size(); s-- > 0;) {
      const json& scope = *scopes_[s];
      if (!scope.is_object()) continue;
      auto it = scope.find(name);
      if (it == scope.end()) continue;
      if (!it->is_null()) return {s, &*it};
      if (!null_head.value) null_head = {s, &*it};
    }
    return null_head;
  }

  //! The first segment is looked up from the innermost scope outwards (find_head); the rest
  //! resolves inside what was found. nullptr: missing.
  const json* resolve(const Path& path) const { return resolve(path, path.segments.size()); }
  //! The same for the path's first `count` segments.
  const json* resolve(const Path& path, std::size_t count) const {
    if (count == 0) return scopes_.back();
    const json* found = find_head(path.segments.front().name).value;
    if (!found || found->is_null()) return found;
    for (std::size_t k = 1; k < count; ++k) {
      const PathSegment& segment = path.segments[k];
      if (found->is_object()) {
        auto it = found->find(segment.name);
        if (it == found->end()) return nullptr;
        found = &*it;
      } else if (found->is_array() && segment.index >= 0 && static_cast<std::size_t>(segment.index) < found->size()) {
        found = &(*found)[static_cast<std::size_t>(segment.index)];
      } else {
        return nullptr;
      }
    }
    return found;
  }

  //! Whether a section's path or condition ({#so_luong > 0}) holds.
  bool holds(const Path& path) {
    if (!path.expression) return truthy(resolve(path));
    auto resolve_in = [](const void* self, const Path& operand) { return static_cast<const Renderer*>(self)->resolve(operand); };
    std::optional<bool> value = evaluate(*path.expression, resolve_in, this, budget_.steps);
    if (!value) over_budget();
    return *value;
  }

  //! The JSON Pointer of what `path` resolves to (or would, when missing), as resolve() finds it.
  //! Only a part with image tags keeps pointers_, and only a refused image or a section asks.
  std::string pointer_of(const Path& path) const {
    if (path.segments.empty()) return pointers_.back();
    const Head head = find_head(path.segments.front().name);
    const std::size_t at = head.value ? head.scope : scopes_.size() - 1;
    std::string pointer = pointers_[at];
    for (const PathSegment& segment : path.segments) pointer = pointer_append(pointer, segment.name);
    return pointer;
  }

  //! Renders a section's body as docxtemplater does; false when the body was not rendered at all.
  bool section(const Path& path, std::size_t begin, std::size_t end) {
    if (path.expression) {  // a condition: once, in the same scope, or not at all
      if (!holds(path)) return false;
      run(begin, end);
      return true;
    }
    const json* value = resolve(path);
    if (!truthy(value)) return false;
    if (images_) return section_with_pointers(path, *value, begin, end);
    if (value->is_array()) {
      for (const json& item : *value) {
        if (budget_.steps-- == 0) over_budget();  // a repetition costs a step even when its body is empty
        scopes_.push_back(&item);
        run(begin, end);
        scopes_.pop_back();
      }
    } else if (value->is_object()) {
      scopes_.push_back(value);
      run(begin, end);
      scopes_.pop_back();
    } else {
      run(begin, end);  // true, a non-empty string, a non-zero number: once, in the same scope
    }
    return true;
  }

  //! section() in a part with image tags: the same, keeping where each scope is in the data.
  bool section_with_pointers(const Path& path, const json& value, std::size_t begin, std::size_t end) {
    const std::string pointer = pointer_of(path);
    if (value.is_array()) {
      std::size_t index = 0;
      for (const json& item : value) {
        if (budget_.steps-- == 0) over_budget();
        scopes_.push_back(&item);
        pointers_.push_back(pointer_append(pointer, index++));
        run(begin, end);
        pointers_.pop_back();
        scopes_.pop_back();
      }
    } else {
      scopes_.push_back(value.is_object() ? &value : scopes_.back());
      pointers_.push_back(value.is_object() ? pointer : pointers_.back());
      run(begin, end);
      pointers_.pop_back();
      scopes_.pop_back();
    }
    return true;
  }

  //! {%x}: the picture, between the run's text (closed, then reopened). A missing value is
  //! missing; null or "" writes nothing; a value its checks refuse writes nothing and is refused,
  //! with its JSON path.
  void image(const ImageSlot& slot) {
    if (!images_) return;  // render_program without an ImageRender: no picture (render() always gives one)
    const json* value = resolve(program_.paths[slot.path]);
    if (!value) return record_missing(slot.label);
    if (value->is_null() || (value->is_string() && value->get_ref<const std::string&>().empty())) return;
    std::string code, why;
    std::string drawing;
    const std::string& prefix = program_.fillers[slot.prefix];
    switch (images_->place(*value, part_, prefix, slot.max_cx, drawing, code, why)) {
      case ImageRender::Placed::written:
        if (written() + drawing.size() > budget_.output) over_budget();
        out_ += program_.fillers[slot.text_end];
        out_ += drawing;
        out_ += program_.fillers[slot.text_start];
        return;
      case ImageRender::Placed::refused_before: return;
      case ImageRender::Placed::refused: break;
    }
    const std::string& shown = program_.labels[slot.label];  // "{%x} (word/document.xml)"
    TemplateIssue issue;
    issue.code = code;
    issue.part = program_.part;
    issue.tag = shown.substr(0, shown.size() - std::min(shown.size(), program_.part.size() + 3));
    issue.paragraph = program_.image_paragraphs[slot.paragraph];
    issue.path = pointer_of(program_.paths[slot.path]);
    issue.message = "Ảnh " + (issue.path.empty() ? std::string("(dữ liệu)") : issue.path) + " của thẻ " + issue.tag + " (" +
                    program_.part + ") bị từ chối: " + why + ".";
    add_capped(refused_, std::move(issue));
  }

  void merge(const MergeOp& m) {
    const std::size_t columns = program_.merge_columns;
    if (merge_above_.size() != columns) {
      merge_above_.assign(columns, 0);
      merge_row_.assign(columns, 0);
    }
    auto* above = merge_above_.data() + m.offset;
    auto* row = merge_row_.data() + m.offset;
    switch (m.type) {
      case MergeOp::Type::table:
        std::memset(above, 0, m.columns);
        std::memset(row, 0, m.columns);
        return;
      case MergeOp::Type::row:
        std::memcpy(above, row, m.columns);
        std::memset(row, 0, m.columns);
        return;
      case MergeOp::Type::cell: {
        if (m.cell == MergeOp::Cell::continued)
          out_ += program_.fillers[above[m.column] ? m.as_continue : m.as_restart];
        const std::uint8_t merged = m.cell != MergeOp::Cell::none;
        for (std::uint32_t k = 0; k < m.span; ++k) row[m.column + k] = merged;
        return;
      }
    }
  }

  //! A region that must contain an element (guard.probe) or be dropped / replaced by a filler.
  //! Positions are logical (bytes written since the part began, flushed ones included).
  struct OpenGuard {
    const Guard* guard;
    std::size_t mark;      //!< where the region begins
    std::size_t searched;  //!< no element starts in [mark, searched)
    bool found = false;
  };

  void guard(const Guard& guard, std::size_t begin, std::size_t end) {
    open_guards_.push_back({&guard, flushed_ + out_.size(), flushed_ + out_.size()});
    run(begin, end);
    OpenGuard open = open_guards_.back();
    open_guards_.pop_back();
    if (open.found || element_started(open)) return;
    if (guard.filler.empty()) out_.resize(open.mark - flushed_);  // the region was never flushed
    else out_ += guard.filler;
  }

  //! Whether the guard's element starts in what its region holds so far: the probe followed by
  //! '>', ' ' or '/'. A probe at the very end (next byte unknown) does not count yet.
  bool element_started(OpenGuard& open) {
    const std::string& probe = open.guard->probe;
    for (std::size_t at = out_.find(probe, open.searched - flushed_); at != std::string::npos; at = out_.find(probe, at + 1)) {
      if (at + probe.size() >= out_.size()) {
        open.searched = flushed_ + at;
        return false;
      }
      const char next = out_[at + probe.size()];
      if (next == '>' || next == ' ' || next == '/') return open.found = true;
    }
    open.searched = flushed_ + out_.size() - std::min(out_.size(), probe.size() - 1);
    open.searched = std::max(open.searched, open.mark);
    return false;
  }

  //! Hands the output on to the sink, all but what an open guard may still take back: the region
  //! of the outermost guard whose element has not appeared. Small remainders wait for more.
  void flush() {
    std::size_t keep = out_.size();  // index in out_ from which bytes must stay
    for (OpenGuard& open : open_guards_) {
      if (open.found || element_started(open)) continue;
      keep = open.mark - flushed_;  // the outermost unsettled region; inner ones lie inside it
      break;
    }
    if (keep >= chunk_ / 2) {
      sink_->consume(std::string_view(out_.data(), keep));
      out_.erase(0, keep);
      flushed_ += keep;
    }
    flush_at_ = out_.size() + chunk_;
  }

  std::size_t written() const { return flushed_ + out_.size() - std::min(out_.size() + flushed_, start_); }

  //! The filters of `slot` applied to `value`, into filtered_; false when one does not take it.
  bool apply_filters(const ValueSlot& slot, const json& value) {
    const filters::Filter* chain = program_.filters.data() + slot.filter_begin;
    if (!filters::apply(chain[0], value, filtered_)) return false;
    for (std::uint32_t k = 1; k < slot.filter_count; ++k) {
      if (!filters::apply_text(chain[k], filtered_, spare_)) return false;
      filtered_.swap(spare_);
    }
    return true;
  }

  //! A value's text, escaped. A long one is measured first: escaped, a 4 MiB string of "\n"
  //! becomes 160 MiB of line breaks, which must not be written before the output limit is seen.
  void append_value_text(const std::string& text, const std::string& line_break, const std::string& no_break_hyphen) {
    static constexpr std::size_t kMeasuredAbove = 64u << 10;
    if (text.size() > kMeasuredAbove) {
      const std::size_t widest = std::max<std::size_t>(line_break.size(), 6);  // "&quot;"
      std::size_t bound = text.size();
      for (char c : text)
        if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\n' || c == '\r') bound += widest;
      if (written() + bound > budget_.output) over_budget();
    }
    xml::append_text(out_, text, line_break, no_break_hyphen);
  }

  //! {ds.length}: the number of items of a list or characters of a text, as conditions read it
  //! (a field named "length" is found by resolve() first). False when `path` is not such a length.
  bool length_of(const Path& path, json& out) const {
    if (path.segments.size() < 2 || path.segments.back().name != "length") return false;
    const json* owner = resolve(path, path.segments.size() - 1);
    std::optional<std::size_t> length = owner ? measured_length(*owner) : std::nullopt;
    if (length) out = *length;
    return length.has_value();
  }

  void value(const ValueSlot& slot) {
    const json* value = resolve(program_.paths[slot.path]);
    json length;
    if (!value && length_of(program_.paths[slot.path], length)) value = &length;
    if (!value) return record_missing(slot.label);
    if (slot.filter_count) {
      if (value->is_null()) return;
      if (!apply_filters(slot, *value)) return record_missing(slot.label);
      append_value_text(filtered_, program_.line_breaks[slot.line_break], program_.no_break_hyphens[slot.line_break]);
      return;
    }
    char buffer[64];
    switch (value->type()) {
      case json::value_t::string:
        append_value_text(value->get_ref<const std::string&>(), program_.line_breaks[slot.line_break], program_.no_break_hyphens[slot.line_break]);
        return;
      case json::value_t::number_integer: {
        auto r = std::to_chars(buffer, buffer + sizeof buffer, value->get<std::int64_t>());
        out_.append(buffer, r.ptr);
        return;
      }
      case json::value_t::number_unsigned: {
        auto r = std::to_chars(buffer, buffer + sizeof buffer, value->get<std::uint64_t>());
        out_.append(buffer, r.ptr);
        return;
      }
      case json::value_t::number_float: {
        auto r = std::to_chars(buffer, buffer + sizeof buffer, value->get<double>());
        out_.append(buffer, r.ptr);
        return;
      }
      case json::value_t::boolean:
        out_ += value->get<bool>() ? "true" : "false";
        return;
      case json::value_t::null: return;
      default: return record_missing(slot.label);  // arrays and objects have no text
    }
  }

  //! {@x}: the string is WordprocessingML put in place of the paragraph, only when it is
  //! well-formed (w: and r: prefixes, several elements allowed) and within the allowlist of
  //! check_fragment; "" removes the paragraph. Anything else writes nothing and is recorded as
  //! missing; a value outside the allowlist is also refused, with the reason.
  void raw(const ValueSlot& slot) {
    const json* value = resolve(program_.paths[slot.path]);
    if (!value || value->is_null()) return record_missing(slot.label);
    if (!value->is_string()) return record_missing(slot.label);
    const std::string& xml = value->get_ref<const std::string&>();
    if (xml.empty()) return;
    const FragmentVerdict verdict = check_fragment(xml);
    if (verdict.kind == FragmentVerdict::Kind::unsafe) record_refused(slot.label, verdict.reason);
    if (verdict.kind != FragmentVerdict::Kind::ok) return record_missing(slot.label);
    out_ += xml;
  }

  void record_refused(std::uint32_t label, const std::string& reason) {
    if (refused_seen_.empty()) refused_seen_.resize(program_.labels.size());
    if (refused_seen_[label]) return;
    refused_seen_[label] = true;
    const std::string& shown = program_.labels[label];  // "{@x} (word/document.xml)"
    TemplateIssue issue;
    issue.code = "unsafe_xml";
    issue.part = program_.part;
    issue.tag = shown.substr(0, shown.size() - std::min(shown.size(), program_.part.size() + 3));
    issue.message = "Giá trị của thẻ " + issue.tag + " (" + program_.part + ") bị từ chối vì chứa " + reason +
                    ". Giá trị của một thẻ {@…} chỉ được là đoạn văn (w:p) hay bảng (w:tbl) với chữ, định dạng, ngắt dòng, "
                    "tab, chú thích, liên kết tới một vị trí trong văn bản và các trường " + std::string(fragment_field_names()) +
                    "; không được có ảnh, đối tượng, tham chiếu r:id, liên kết ra ngoài hay trường lấy nội dung từ bên ngoài.";
    refused_.push_back(std::move(issue));
  }

  void record_missing(std::uint32_t label) {
    if (seen_.empty()) seen_.resize(program_.labels.size());
    if (seen_[label]) return;
    seen_[label] = true;
    missing_.push_back(program_.labels[label]);
  }

  [[noreturn]] void over_budget() {
    budget_.steps = 0;
    throw RenderLimitError(
        "Văn bản tạo ra vượt giới hạn (quá nhiều vòng lặp hoặc quá lớn): hãy kiểm tra các đoạn lặp lồng nhau trong mẫu và "
        "độ dài các danh sách trong dữ liệu.");
  }

  const Program& program_;
  std::string& out_;
  std::vector<std::string>& missing_;
  std::vector<TemplateIssue>& refused_;
  RenderBudget& budget_;
  std::size_t start_;  //!< out_'s size before this part
  XmlSink* sink_;      //!< null: the whole part stays in out_
  std::size_t chunk_;
  std::size_t flush_at_;     //!< out_'s size at which to try handing output to sink_
  std::size_t flushed_ = 0;  //!< bytes already handed to sink_
  std::vector<OpenGuard> open_guards_;  //!< outermost first
  std::vector<const json*> scopes_;
  std::vector<bool> seen_;
  std::vector<bool> refused_seen_;
  std::string filtered_, spare_;                      //!< filter output, reused
  std::vector<std::uint8_t> merge_above_, merge_row_;  //!< per grid column: merged in the row above / this row
  ImageRender* images_;                //!< null: the part has no image tag
  std::size_t part_;                   //!< the entry's index, for the images' relationships
  std::vector<std::string> pointers_;  //!< with images_: each scope's JSON Pointer in the data
  DrawingIds* drawings_;               //!< null: the part has no drawing in a section (or nobody numbers them)
};

}  // namespace

void render_program(const Program& program, const nlohmann::json& data, std::string& out,
                    std::vector<std::string>& missing, std::vector<TemplateIssue>& refused, RenderBudget& budget,
                    XmlSink* sink, std::size_t chunk, ImageRender* images, std::size_t part, DrawingIds* drawings) {
  Renderer(program, data, out, missing, refused, budget, sink, chunk, images, part, drawings).run(0, program.ops.size());
}

}  // namespace vanthu::engine
