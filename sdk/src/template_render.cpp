//! Rendering a compiled part: walk the ops with a scope stack, copy literals, write values.
//! No XML parsing, no DOM, no per-value allocation.
#include <charconv>
#include <cstring>

#include "template_program.hpp"
#include "template_xml.hpp"

namespace vanthu::engine {
namespace {

using json = nlohmann::json;

//! Bytes that need care in element content: & < > " CR LF and the C0 controls XML forbids.
struct EscapeTable {
  bool special[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) special[c] = true;
    special[static_cast<unsigned char>('&')] = true;
    special[static_cast<unsigned char>('<')] = true;
    special[static_cast<unsigned char>('>')] = true;
    special[static_cast<unsigned char>('"')] = true;
  }
};
constexpr EscapeTable kEscape;

//! Appends a value's text: XML-escaped, each line break (LF, CR LF or CR) as `line_break`,
//! other control characters (which XML 1.0 cannot hold) dropped, tabs kept.
void append_value_text(std::string& out, std::string_view text, const std::string& line_break) {
  const char* data = text.data();
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(data[i]);
    if (!kEscape.special[c]) continue;
    out.append(data + run, i - run);
    run = i + 1;
    switch (c) {
      case '&': out.append("&amp;", 5); break;
      case '<': out.append("&lt;", 4); break;
      case '>': out.append("&gt;", 4); break;
      case '"': out.append("&quot;", 6); break;
      case '\t': out.push_back('\t'); break;
      case '\r':
        if (i + 1 < text.size() && data[i + 1] == '\n') run = ++i + 1;
        out += line_break;
        break;
      case '\n': out += line_break; break;
      default: break;  // other control characters are not allowed in XML 1.0
    }
  }
  out.append(data + run, text.size() - run);
}

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
  Renderer(const Program& program, const json& data, std::string& out, std::vector<std::string>& missing)
      : program_(program), out_(out), missing_(missing) {
    scopes_.reserve(16);
    scopes_.push_back(&data);
  }

  void run(std::size_t begin, std::size_t end) {
    const Op* ops = program_.ops.data();
    for (std::size_t i = begin; i < end;) {
      const Op& op = ops[i];
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
        case OpKind::section: section(program_.paths[op.a], i + 1, op.b); break;
        case OpKind::inverted:
          if (!truthy(resolve(program_.paths[op.a]))) run(i + 1, op.b);
          break;
        case OpKind::guard: guard(program_.guards[op.a], i + 1, op.b); break;
      }
      i = op.b;
    }
  }

 private:
  //! The first segment is looked up from the innermost scope outwards (a null there lets an
  //! outer scope answer); the rest resolves inside what was found. nullptr: missing.
  const json* resolve(const Path& path) const {
    if (path.segments.empty()) return scopes_.back();
    const std::string& head = path.segments.front().name;
    const json* found = nullptr;
    const json* found_null = nullptr;
    for (std::size_t s = scopes_.size(); s-- > 0;) {
      const json& scope = *scopes_[s];
      if (!scope.is_object()) continue;
      auto it = scope.find(head);
      if (it == scope.end()) continue;
      if (it->is_null()) {
        if (!found_null) found_null = &*it;
        continue;
      }
      found = &*it;
      break;
    }
    if (!found) return found_null;
    for (std::size_t k = 1; k < path.segments.size(); ++k) {
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

  void section(const Path& path, std::size_t begin, std::size_t end) {
    const json* value = resolve(path);
    if (!truthy(value)) return;
    if (value->is_array()) {
      for (const json& item : *value) {
        scopes_.push_back(&item);
        run(begin, end);
        scopes_.pop_back();
      }
    } else if (value->is_object()) {
      scopes_.push_back(value);
      run(begin, end);
      scopes_.pop_back();
    } else {
      run(begin, end);
    }
  }

  void guard(const Guard& guard, std::size_t begin, std::size_t end) {
    std::size_t mark = out_.size();
    run(begin, end);
    const std::string& probe = guard.probe;
    for (std::size_t at = out_.find(probe, mark); at != std::string::npos; at = out_.find(probe, at + 1)) {
      char next = at + probe.size() < out_.size() ? out_[at + probe.size()] : '\0';
      if (next == '>' || next == ' ' || next == '/') return;
    }
    if (guard.filler.empty()) out_.resize(mark);
    else out_ += guard.filler;
  }

  void value(const ValueSlot& slot) {
    const json* value = resolve(program_.paths[slot.path]);
    if (!value) return record_missing(slot.label);
    char buffer[64];
    switch (value->type()) {
      case json::value_t::string:
        append_value_text(out_, value->get_ref<const std::string&>(), program_.line_breaks[slot.line_break]);
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
  //! well-formed (w: and r: prefixes, several elements allowed); "" removes the paragraph.
  //! Anything else is recorded as missing, and nothing is written.
  void raw(const ValueSlot& slot) {
    const json* value = resolve(program_.paths[slot.path]);
    if (!value || value->is_null()) return record_missing(slot.label);
    if (!value->is_string()) return record_missing(slot.label);
    const std::string& xml = value->get_ref<const std::string&>();
    if (xml.empty()) return;
    if (!is_wellformed_fragment(xml)) return record_missing(slot.label);
    out_ += xml;
  }

  void record_missing(std::uint32_t label) {
    if (seen_.empty()) seen_.resize(program_.labels.size());
    if (seen_[label]) return;
    seen_[label] = true;
    missing_.push_back(program_.labels[label]);
  }

  const Program& program_;
  std::string& out_;
  std::vector<std::string>& missing_;
  std::vector<const json*> scopes_;
  std::vector<bool> seen_;
};

}  // namespace

void render_program(const Program& program, const nlohmann::json& data, std::string& out,
                    std::vector<std::string>& missing) {
  Renderer(program, data, out, missing).run(0, program.ops.size());
}

}  // namespace vanthu::engine
