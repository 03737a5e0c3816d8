//! Step 4 of compiling a part: writing the prepared DOM out as literal XML chunks and
//! operations, then nesting the operations into a tree.
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "template_expression.hpp"
#include "template_images.hpp"
#include "template_model.hpp"
#include "template_program.hpp"
#include "template_xml.hpp"

namespace vanthu::engine {
namespace {

//! An operation before nesting: section boundaries are still separate begin/end events.
struct Event {
  Op op;
  bool end = false;
  std::size_t id = 0;  //!< section index, or kGuardId + n for a guard
};

constexpr std::size_t kGuardId = std::size_t{1} << 40;  //!< ids of guards, above any section index
constexpr std::size_t kNoId = static_cast<std::size_t>(-1);
constexpr const char* kDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n";

std::string prefix_of(const xmlNode* node) {
  if (node->ns && node->ns->prefix) return std::string(reinterpret_cast<const char*>(node->ns->prefix)) + ":";
  return {};
}

bool is_xml_space(const xmlAttr* attribute) {
  return attribute->ns && attribute->ns->prefix && std::string_view(reinterpret_cast<const char*>(attribute->ns->prefix)) == "xml" &&
         std::string_view(reinterpret_cast<const char*>(attribute->name)) == "space";
}

class Serializer {
 public:
  Serializer(PartModel& model, Program& program) : model_(model), program_(program) {}

  void document(xmlDoc* doc) {
    program_.pool += kDeclaration;
    for (xmlNode* n = doc->children; n; n = n->next) node(n);
    flush();
  }

  //! Nests begin/end events into ops; false (with an issue) when two sections overlap.
  bool nest() {
    std::vector<std::pair<std::size_t, std::size_t>> open;  // (op index, id)
    program_.ops.reserve(events_.size());
    for (const Event& event : events_) {
      if (!event.end) {
        if (event.op.kind == OpKind::section || event.op.kind == OpKind::inverted || event.op.kind == OpKind::guard)
          open.emplace_back(program_.ops.size(), event.id);
        program_.ops.push_back(event.op);
        continue;
      }
      if (open.empty() || open.back().second != event.id) {
        report_overlap(event.id, open.empty() ? kNoId : open.back().second);
        return false;
      }
      program_.ops[open.back().first].b = static_cast<std::uint32_t>(program_.ops.size());
      open.pop_back();
    }
    if (!open.empty()) {
      report_overlap(open.back().second, kNoId);
      return false;
    }
    return true;
  }

 private:
  void node(xmlNode* n) {
    std::string& out = program_.pool;
    switch (n->type) {
      case XML_ELEMENT_NODE: element(n); break;
      case XML_TEXT_NODE:
        if (n->content) append_text_escaped(out, reinterpret_cast<const char*>(n->content));
        break;
      case XML_CDATA_SECTION_NODE:
        out += "<![CDATA[";
        if (n->content) out += reinterpret_cast<const char*>(n->content);
        out += "]]>";
        break;
      case XML_COMMENT_NODE:
        out += "<!--";
        if (n->content) out += reinterpret_cast<const char*>(n->content);
        out += "-->";
        break;
      case XML_PI_NODE:
        out += "<?";
        out += reinterpret_cast<const char*>(n->name);
        if (n->content && *n->content) {
          out += ' ';
          out += reinterpret_cast<const char*>(n->content);
        }
        out += "?>";
        break;
      default: break;  // no DTD, so no entity references or declarations
    }
  }

  void element(xmlNode* n) {
    markers(n, model_.before);
    if (auto mark = model_.merge_marks.find(n); mark != model_.merge_marks.end()) {
      merge_op(mark->second, n);
      if (mark->second.vmerge == n) {  // a continued cell's w:vMerge: the op writes it
        markers(n, model_.after);
        return;
      }
    }
    if (model_.dropped.count(n)) {
      kept_section_break(n);
    } else if (auto raw = model_.raw_paragraphs.find(n); raw != model_.raw_paragraphs.end()) {
      value(n, model_.tags[raw->second], OpKind::raw);
    } else if (auto plan = model_.plans.find(n); plan != model_.plans.end()) {
      text_element(n, plan->second);
    } else if (model_.guarded_tables.count(n)) {
      std::size_t guard = begin_guard(n, "tr", false);
      plain_element(n);
      end(guard);
    } else {
      plain_element(n);
    }
    markers(n, model_.after);
  }

  void plain_element(xmlNode* n) {
    start_tag(n, false);
    if (!n->children) {
      program_.pool += "/>";
      return;
    }
    program_.pool += '>';
    bool guarded = model_.guarded_cells.count(n) > 0;
    std::size_t guard = guarded ? begin_guard(n, "p", true) : 0;
    for (xmlNode* c = n->children; c; c = c->next) node(c);
    if (guarded) end(guard);
    end_tag(n);
  }

  void start_tag(const xmlNode* n, bool preserve_space) {
    std::string& out = program_.pool;
    out += '<';
    out += qualified_name(n);
    for (const xmlNs* ns = n->nsDef; ns; ns = ns->next) {
      out += " xmlns";
      if (ns->prefix) {
        out += ':';
        out += reinterpret_cast<const char*>(ns->prefix);
      }
      out += "=\"";
      if (ns->href) append_attribute_escaped(out, reinterpret_cast<const char*>(ns->href));
      out += '"';
    }
    // A drawing a section may repeat: its id is chosen at render time (template_drawings.hpp).
    const bool numbered = open_sections_ > 0 && !capturing_ && n->ns && xml_name_is(n->name, "docPr");
    for (const xmlAttr* a = n->properties; a; a = a->next) {
      if (preserve_space && is_xml_space(a)) continue;
      out += ' ';
      if (a->ns && a->ns->prefix) {
        out += reinterpret_cast<const char*>(a->ns->prefix);
        out += ':';
      }
      out += reinterpret_cast<const char*>(a->name);
      out += "=\"";
      if (std::optional<std::uint64_t> id = numbered && !a->ns ? drawing_id(a) : std::nullopt) {
        flush();
        events_.push_back({{OpKind::drawing_id, static_cast<std::uint32_t>(program_.drawing_ids.size()), 0}, false, 0});
        program_.drawing_ids.push_back(*id);
        out += '"';
        continue;
      }
      for (const xmlNode* v = a->children; v; v = v->next)
        if (v->content) append_attribute_escaped(out, reinterpret_cast<const char*>(v->content));
      out += '"';
    }
    if (preserve_space) out += " xml:space=\"preserve\"";
  }

  //! The number of a wp:docPr's `id` attribute, when it is one (digits only, as Word writes it).
  static std::optional<std::uint64_t> drawing_id(const xmlAttr* a) {
    if (!xml_name_is(a->name, "id") || !a->children || a->children->next || !a->children->content) return std::nullopt;
    const std::string_view text(reinterpret_cast<const char*>(a->children->content));
    std::uint64_t id = 0;
    if (text.empty() || text.size() > 19) return std::nullopt;
    for (char c : text) {
      if (c < '0' || c > '9') return std::nullopt;
      id = id * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return id;
  }

  static bool xml_name_is(const xmlChar* name, std::string_view wanted) {
    return name && std::string_view(reinterpret_cast<const char*>(name)) == wanted;
  }

  void end_tag(const xmlNode* n) {
    program_.pool += "</";
    program_.pool += qualified_name(n);
    program_.pool += '>';
  }

  //! A w:t rewritten by tag joining: literal text around value ops and inline section bounds.
  void text_element(xmlNode* t, const TextPlan& plan) {
    start_tag(t, true);
    program_.pool += '>';
    for (const TextSegment& segment : plan.segments) {
      if (segment.tag < 0) {
        append_text_escaped(program_.pool, std::string_view(plan.text).substr(segment.begin, segment.end - segment.begin));
        continue;
      }
      const FoundTag& tag = model_.tags[static_cast<std::size_t>(segment.tag)];
      if (tag.tag.kind == TagKind::value) {
        value(t, tag);
        continue;
      }
      if (tag.tag.kind == TagKind::image) {
        image(t, tag);
        continue;
      }
      if (tag.section < 0) continue;
      const Section& section = model_.sections[static_cast<std::size_t>(tag.section)];
      if (!section.placed || (section.mode != SectionMode::inline_text && section.mode != SectionMode::spanning)) continue;
      if (tag.tag.kind == TagKind::end) end(static_cast<std::size_t>(tag.section));
      else begin(static_cast<std::size_t>(tag.section));
    }
    end_tag(t);
  }

  //! A dropped paragraph that ended a page section: its w:pPr (with the w:sectPr) stays, alone,
  //! without the numbering or page break that would make the empty paragraph show.
  void kept_section_break(xmlNode* p) {
    for (xmlNode* c = p->children; c; c = c->next) {
      if (!is_w(c, "pPr")) continue;
      bool has_break = false;
      for (xmlNode* g = c->children; g; g = g->next) has_break = has_break || is_w(g, "sectPr");
      if (!has_break) return;
      start_tag(p, false);
      program_.pool += '>';
      start_tag(c, false);
      program_.pool += '>';
      for (xmlNode* g = c->children; g; g = g->next)
        if (!is_w(g, "numPr") && !is_w(g, "pageBreakBefore")) node(g);
      end_tag(c);
      end_tag(p);
      return;
    }
  }

  //! The XML of an element holding no tags, as a string (for fillers), without keeping it.
  std::string captured(xmlNode* n) {
    std::size_t at = program_.pool.size();
    capturing_ = true;
    plain_element(n);
    capturing_ = false;
    std::string xml = program_.pool.substr(at);
    program_.pool.resize(at);
    return xml;
  }

  std::uint32_t add_filler(std::string xml) { return intern(program_.fillers, std::move(xml)); }

  void merge_op(const MergeMark& mark, xmlNode* n) {
    flush();
    MergeOp op;
    op.type = static_cast<MergeOp::Type>(mark.type);
    op.cell = static_cast<MergeOp::Cell>(mark.cell);
    op.offset = mark.offset;
    op.columns = mark.columns;
    op.column = mark.column;
    op.span = mark.span;
    if (mark.vmerge == n) {
      op.as_continue = add_filler(captured(n));
      std::string q = qualified_name(n);
      op.as_restart = add_filler("<" + q + " " + prefix_of(n) + "val=\"restart\"/>");
    }
    events_.push_back({{OpKind::merge, static_cast<std::uint32_t>(program_.merges.size()), 0}, false, 0});
    program_.merges.push_back(op);
  }

  void markers(const xmlNode* n, const std::unordered_map<const xmlNode*, std::vector<Marker>>& table) {
    auto found = table.find(n);
    if (found == table.end()) return;
    for (const Marker& marker : found->second) {
      if (marker.begin) begin(marker.section);
      else end(marker.section);
    }
  }

  void flush() {
    std::size_t size = program_.pool.size();
    if (size > literal_start_)
      events_.push_back({{OpKind::literal, static_cast<std::uint32_t>(literal_start_),
                          static_cast<std::uint32_t>(size - literal_start_)},
                         false, 0});
    literal_start_ = size;
  }

  void begin(std::size_t section_index) {
    flush();
    const Section& section = model_.sections[section_index];
    const FoundTag& open = model_.tags[section.open_tag];
    Op op{section.inverted ? OpKind::inverted : OpKind::section, add_path(open.tag.path), 0, 0};
    if (section.last_break) {
      xmlNode* properties = section.last_break->parent;  // w:pPr
      xmlNode* paragraph = properties->parent;
      std::string q = qualified_name(paragraph), pq = qualified_name(properties);
      std::string kept = "<" + q + "><" + pq + ">" + captured(section.last_break) + "</" + pq + "></" + q + ">";
      if (section.mode == SectionMode::spanning) {
        // Written inside the opening tag's w:t: the joined paragraph is split there again, the
        // second half ending the page section as the closing paragraph did.
        const xmlNode* t = open.t;
        const xmlNode* r = t->parent;
        std::string tq = qualified_name(t), rq = qualified_name(r);
        kept = "</" + tq + "></" + rq + "></" + q + "><" + q + "><" + pq + ">" + captured(section.last_break) + "</" + pq +
               "><" + rq + "><" + tq + " xml:space=\"preserve\">";
      }
      op.c = 1 + add_filler(std::move(kept));
    }
    events_.push_back({op, false, section_index});
    ++open_sections_;
  }

  void end(std::size_t id) {
    flush();
    events_.push_back({{}, true, id});
    if (id < kGuardId && open_sections_ > 0) --open_sections_;
  }

  //! Opens a guard requiring a `child` element (same prefix as `n`) in what follows; `fill`:
  //! add an empty one when missing, else drop the output.
  std::size_t begin_guard(const xmlNode* n, const char* child, bool fill) {
    flush();
    std::string element = prefix_of(n) + child;
    Guard guard{"<" + element, fill ? "<" + element + "/>" : ""};
    auto found = std::find_if(program_.guards.begin(), program_.guards.end(),
                              [&](const Guard& g) { return g.probe == guard.probe && g.filler == guard.filler; });
    auto index = static_cast<std::uint32_t>(found - program_.guards.begin());
    if (found == program_.guards.end()) program_.guards.push_back(std::move(guard));
    std::size_t id = kGuardId + guards_++;
    events_.push_back({{OpKind::guard, index, 0}, false, id});
    return id;
  }

  //! A {value} in the w:t `t`, or (kind raw) a {@raw} standing for the whole paragraph `t`.
  void value(const xmlNode* t, const FoundTag& tag, OpKind kind = OpKind::value) {
    flush();
    ValueSlot slot;
    slot.path = add_path(tag.tag.path);
    std::string shown = model_.delimiters.open + (kind == OpKind::raw ? "@" : "") + tag.tag.path.text;
    for (filters::Filter filter : tag.tag.filters) shown += std::string(" | ") + filters::name(filter);
    slot.label = intern(program_.labels, shown + model_.delimiters.close + " (" + model_.name + ")");
    slot.filter_begin = static_cast<std::uint32_t>(program_.filters.size());
    slot.filter_count = static_cast<std::uint32_t>(tag.tag.filters.size());
    program_.filters.insert(program_.filters.end(), tag.tag.filters.begin(), tag.tag.filters.end());
    std::string q = qualified_name(t);
    slot.line_break = intern(program_.line_breaks,
                             "</" + q + "><" + prefix_of(t) + "br/><" + q + " xml:space=\"preserve\">");
    if (program_.no_break_hyphens.size() < program_.line_breaks.size())
      program_.no_break_hyphens.push_back("</" + q + "><" + prefix_of(t) + "noBreakHyphen/><" + q + " xml:space=\"preserve\">");
    events_.push_back({{kind, static_cast<std::uint32_t>(program_.values.size()), 0}, false, 0});
    program_.values.push_back(slot);
  }

  //! A {%x} in the w:t `t`: the picture goes between the run's text, closed before and reopened after.
  void image(const xmlNode* t, const FoundTag& tag) {
    flush();
    ImageSlot slot;
    slot.path = add_path(tag.tag.path);
    slot.label = intern(program_.labels, model_.delimiters.open + (tag.tag.centered ? "%%" : "%") + tag.tag.path.text +
                                             model_.delimiters.close + " (" + model_.name + ")");
    slot.paragraph = intern(program_.image_paragraphs, shown_paragraph(model_.paragraphs[tag.paragraph].text));
    const std::string q = qualified_name(t);
    slot.text_end = add_filler("</" + q + ">");
    slot.text_start = add_filler("<" + q + " xml:space=\"preserve\">");
    slot.prefix = add_filler(prefix_of(t));
    slot.max_cx = cell_text_width(t);
    events_.push_back({{OpKind::image, static_cast<std::uint32_t>(program_.images.size()), 0}, false, 0});
    program_.images.push_back(slot);
  }

  std::uint32_t add_path(const Path& path) {
    program_.paths.push_back(path);
    return static_cast<std::uint32_t>(program_.paths.size() - 1);
  }

  //! Index of `text` in `table`, adding it once.
  std::uint32_t intern(std::vector<std::string>& table, std::string text) {
    auto& index = interned_[&table];
    auto [found, added] = index.try_emplace(text, static_cast<std::uint32_t>(table.size()));
    if (added) table.push_back(std::move(text));
    return found->second;
  }

  //! `closing` ends while `innermost` (opened after it) is still open: their extents cross.
  void report_overlap(std::size_t closing, std::size_t innermost) {
    auto is_section = [&](std::size_t id) { return id < model_.sections.size(); };
    auto describe = [&](std::size_t id) -> std::string {
      if (!is_section(id)) return "một ô hay một bảng";
      const Section& s = model_.sections[id];
      return "“" + model_.tags[s.open_tag].written + "”…“" + model_.tags[s.close_tag].written + "”";
    };
    std::size_t subject = is_section(closing) ? closing : innermost;
    if (!is_section(subject)) {
      model_.report("section_structure", "Các vùng lặp không lồng trọn vào nhau.", "", 0);
      return;
    }
    std::string message =
        innermost == kNoId
            ? "Vùng lặp " + describe(subject) + " không khép kín được trong cấu trúc văn bản."
            : "Vùng lặp " + describe(closing) + " chồng lên vùng lặp " + describe(innermost) +
                  ": các vùng lặp phải lồng trọn vào nhau (một đoạn văn hay một hàng không thể thuộc hai vùng "
                  "lặp cạnh nhau).";
    const FoundTag& open = model_.tags[model_.sections[subject].open_tag];
    model_.report("section_structure", std::move(message), open.written, open.paragraph);
  }

  PartModel& model_;
  Program& program_;
  std::vector<Event> events_;
  std::size_t literal_start_ = 0;
  std::size_t guards_ = 0;
  std::size_t open_sections_ = 0;  //!< sections begun and not yet ended at this point of the part
  bool capturing_ = false;         //!< writing a filler (captured()), not the pool
  std::unordered_map<const std::vector<std::string>*, std::unordered_map<std::string, std::uint32_t>> interned_;
};

}  // namespace

CompiledPart compile_part(std::string_view part, std::string_view xml, const Delimiters& delimiters,
                          std::vector<TemplateIssue>& issues, ReadBudget* budget) {
  CompiledPart compiled;
  std::vector<TemplateIssue> xml_issues;
  XmlDocument doc = parse_part(xml, part, xml_issues, budget ? budget->limits.max_elements : kMaxXmlElements);
  for (TemplateIssue& issue : xml_issues) {
    if (budget && issue.code == "too_many_elements") budget->stopped = true;
    add_capped(issues, std::move(issue));
  }
  if (!doc) return compiled;
  PartModel model;
  model.name = std::string(part);
  model.delimiters = delimiters;
  model.budget = budget;
  find_paragraph_tags(xmlDocGetRootElement(doc.get()), model);
  if (budget && budget->stopped) {
    for (TemplateIssue& issue : model.issues) add_capped(issues, std::move(issue));
    return compiled;
  }
  if (model.tags.empty() && model.issues.empty()) return compiled;
  compiled.has_tags = true;
  join_split_tags(model);
  plan_sections(model);
  plan_raw_tags(model);
  plan_centered_images(model);
  plan_merges(model);
  if (model.issues.empty()) {
    compiled.program.part = model.name;
    Serializer serializer(model, compiled.program);
    serializer.document(doc.get());
    serializer.nest();
    compiled.program.merge_columns = model.merge_columns;
  }
  for (const FoundTag& found : model.tags) {
    TagInfo info;
    info.part = model.name;
    info.tag = found.written;
    info.kind = kind_name(found.tag.kind);
    info.path = found.tag.path.text;
    if (found.tag.path.expression && found.tag.kind != TagKind::end) {
      info.expression = true;
      info.operands = operand_paths(*found.tag.path.expression);
    }
    info.closes_unreadable = found.closes_unreadable;
    info.paragraph = shown_paragraph(model.paragraphs[found.paragraph].text);
    info.paragraph_index = static_cast<int>(found.paragraph);
    info.depth = found.depth;
    for (filters::Filter filter : found.tag.filters) info.filters.emplace_back(filters::name(filter));
    if (found.section >= 0) {
      const Section& section = model.sections[static_cast<std::size_t>(found.section)];
      if (found.tag.kind == TagKind::end && info.path.empty()) info.path = model.tags[section.open_tag].tag.path.text;
      if (section.placed) {
        info.mode = section.mode == SectionMode::inline_text || section.mode == SectionMode::spanning ? "inline"
                    : section.mode == SectionMode::paragraphs ? "paragraphs"
                                                              : "rows";
      }
    }
    compiled.tags.push_back(std::move(info));
  }
  for (TemplateIssue& issue : model.issues) add_capped(issues, std::move(issue));
  return compiled;
}

}  // namespace vanthu::engine
