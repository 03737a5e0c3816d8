//! Steps 2 and 3 of compiling a part: pairing section tags, then deciding what each section
//! repeats (text inside a paragraph, whole paragraphs, or table rows) and where its boundaries
//! go in the XML.
#include <algorithm>
#include <cstdint>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "template_images.hpp"
#include "template_model.hpp"
#include "template_xml.hpp"

namespace vanthu::engine {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);
//! Deeper nesting than any report needs; the limit keeps rendering's recursion shallow.
constexpr std::size_t kMaxSectionDepth = 64;

//! The value of a w: attribute `name` of an element ("" when absent).
std::string w_val_named(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node ? node->properties : nullptr; a; a = a->next) {
    if (!a->ns || std::string_view(reinterpret_cast<const char*>(a->name)) != name) continue;
    std::string value;
    for (const xmlNode* v = a->children; v; v = v->next)
      if (v->content) value += reinterpret_cast<const char*>(v->content);
    return value;
  }
  return {};
}

std::string tag_text(const PartModel& model, char prefix, const std::string& path) {
  return model.delimiters.open + prefix + path + model.delimiters.close;
}

//! Pairs {#x}/{^x} with {/x} (or {/}); every mistake becomes an issue, matching goes on.
void match_sections(PartModel& model) {
  std::vector<std::size_t> open;                      // indexes into model.sections, innermost last
  std::unordered_map<std::string, std::size_t> open_by_path;  // how many of `open` have each path
  bool reported_depth = false;
  // An opening tag that could not be read ({#a >}) stands on `open` as kBroken: it is an issue
  // already, so the tag closing it ({/}, {/a}, or an unreadable {/a >} too) or the sections it
  // leaves open are not reported again. Placeholders are not sections: depths leave them out.
  // (A heuristic: its path is unknown, so in {#a}{#a >}{/a}{/a} the first {/a} closes the outer
  // a, and the second is unopened_section.)
  constexpr std::size_t kBroken = kNone - 1;
  static const std::string kNoPath;
  std::size_t next_unreadable = 0, broken = 0;  // broken: how many of `open` are kBroken
  auto path_of = [&](std::size_t section) -> const std::string& {
    return section == kBroken ? kNoPath : model.tags[model.sections[section].open_tag].tag.path.text;
  };
  auto pop = [&] {
    if (open.back() == kBroken) --broken;
    else if (--open_by_path[path_of(open.back())] == 0) open_by_path.erase(path_of(open.back()));
    open.pop_back();
  };
  auto depth = [&] { return static_cast<int>(open.size() - broken); };
  auto report_unclosed = [&](std::size_t section) {
    if (section == kBroken) return;
    const FoundTag& tag = model.tags[model.sections[section].open_tag];
    model.report("unclosed_section",
                 "Thẻ “" + tag.written + "” mở một đoạn lặp/điều kiện nhưng không có thẻ đóng “" +
                     tag_text(model, '/', tag.tag.path.text) + "”.",
                 tag.written, tag.paragraph);
  };
  for (std::size_t index = 0; index < model.tags.size(); ++index) {
    FoundTag& tag = model.tags[index];
    for (; next_unreadable < model.unreadable.size(); ++next_unreadable) {
      const PartModel::UnreadableTag& u = model.unreadable[next_unreadable];
      if (std::pair{u.paragraph, u.offset} > std::pair{tag.paragraph, tag.tag.begin}) break;
      if (u.opens) {
        open.push_back(kBroken);
        ++broken;
      } else if (!open.empty() && open.back() == kBroken) {
        pop();  // {#a >}…{/a >}: both already issues
      }
    }
    tag.depth = depth();
    if (tag.tag.kind == TagKind::section || tag.tag.kind == TagKind::inverted) {
      if (open.size() - broken >= kMaxSectionDepth && !reported_depth) {
        reported_depth = true;
        model.report("section_structure",
                     "Thẻ “" + tag.written + "” lồng sâu quá " + std::to_string(kMaxSectionDepth) + " đoạn lặp.",
                     tag.written, tag.paragraph);
      }
      Section section;
      section.open_tag = index;
      section.close_tag = kNone;
      section.inverted = tag.tag.kind == TagKind::inverted;
      tag.section = static_cast<int>(model.sections.size());
      open.push_back(model.sections.size());
      ++open_by_path[tag.tag.path.text];
      model.sections.push_back(section);
      continue;
    }
    if (tag.tag.kind != TagKind::end) continue;
    if (open.empty()) {
      model.report("unopened_section",
                   tag.tag.path.text.empty()  // {/}: it names no opening tag
                       ? "Thẻ đóng “" + tag.written + "” không có thẻ mở đoạn nào đi trước."
                       : "Thẻ đóng “" + tag.written + "” không có thẻ mở “" + tag_text(model, '#', tag.tag.path.text) +
                             "” hay “" + tag_text(model, '^', tag.tag.path.text) + "” nào đi trước.",
                   tag.written, tag.paragraph);
      continue;
    }
    // The innermost opener could not be read: this tag closes it, unless it names a section
    // open around it (then the broken one ends here unclosed, unreported).
    if (open.back() == kBroken && (tag.tag.path.text.empty() || !open_by_path.count(tag.tag.path.text))) {
      pop();
      tag.depth = depth();
      tag.closes_unreadable = true;
      continue;
    }
    while (open.back() == kBroken) pop();
    const bool closes_innermost = tag.tag.path.text.empty() || path_of(open.back()) == tag.tag.path.text;
    if (!closes_innermost && !open_by_path.count(tag.tag.path.text)) {
      const FoundTag& opener = model.tags[model.sections[open.back()].open_tag];
      model.report("mismatched_section",
                   "Thẻ đóng “" + tag.written + "” không khớp với thẻ mở “" + opener.written + "”; cần “" +
                       tag_text(model, '/', opener.tag.path.text) + "”.",
                   tag.written, tag.paragraph);
      pop();
      tag.depth = depth();
      continue;
    }
    // Sections opened inside the one this tag closes were left open.
    while (!closes_innermost && path_of(open.back()) != tag.tag.path.text) {
      report_unclosed(open.back());
      pop();
    }
    std::size_t section = open.back();
    pop();
    model.sections[section].close_tag = index;
    tag.section = static_cast<int>(section);
    tag.depth = depth();
  }
  for (std::size_t section : open) report_unclosed(section);
}

std::vector<xmlNode*> ancestors_from_root(xmlNode* node) {
  std::vector<xmlNode*> chain;
  for (; node && node->type == XML_ELEMENT_NODE; node = node->parent) chain.push_back(node);
  std::reverse(chain.begin(), chain.end());
  return chain;
}

//! Element names from a w:t up to (not including) its paragraph.
std::vector<std::string> chain_to_paragraph(const xmlNode* t, const xmlNode* paragraph) {
  std::vector<std::string> names;
  for (const xmlNode* n = t ? t->parent : nullptr; n && n != paragraph; n = n->parent) names.push_back(qualified_name(n));
  return names;
}

void report_structure(PartModel& model, const Section& section, const std::string& why) {
  const FoundTag& open = model.tags[section.open_tag];
  const FoundTag& close = model.tags[section.close_tag];
  model.report("section_structure", "Thẻ “" + open.written + "” và “" + close.written + "” " + why, open.written,
               open.paragraph);
}

//! Whether the tag is all its paragraph holds (no other tag, no other character, blanks
//! included): docxtemplater's condition for a paragraph loop.
bool alone_in_paragraph(const PartModel& model, const FoundTag& tag) {
  const Paragraph& paragraph = model.paragraphs[tag.paragraph];
  return paragraph.tags.size() == 1 && tag.tag.begin == 0 && tag.tag.end == paragraph.text.size();
}

//! {-w:p x}…{/x}, {-w:tr x}…{/x}, {-w:tbl x}…{/x}: the elements enclosing the two tags, and
//! the siblings between them, repeat whole.
bool place_explicit_section(PartModel& model, Section& section) {
  const FoundTag& open = model.tags[section.open_tag];
  const FoundTag& close = model.tags[section.close_tag];
  const std::string& target = open.tag.target;
  xmlNode* first = enclosing_w(model.paragraphs[open.paragraph].p, target.c_str());
  xmlNode* last = enclosing_w(model.paragraphs[close.paragraph].p, target.c_str());
  const char* shown = target == "p" ? "đoạn văn" : target == "tr" ? "hàng bảng" : "bảng";
  if (!first || !last) {
    report_structure(model, section, std::string("phải nằm trong một ") + shown + " (w:" + target + ") để lặp cả " + shown + ".");
    return false;
  }
  bool ordered = false;
  if (first->parent == last->parent)
    for (xmlNode* n = first; n; n = n->next)
      if (n == last) {
        ordered = true;
        break;
      }
  if (!ordered) {
    report_structure(model, section,
                     std::string("phải nằm trong cùng một ") + shown + " hoặc trong các " + shown +
                         " liền nhau của cùng một vùng (cùng thân văn bản, cùng ô bảng hoặc cùng bảng).");
    return false;
  }
  section.explicit_target = true;
  section.first = first;
  section.last = last;
  if (target == "tr") {
    section.mode = SectionMode::rows;
    return true;
  }
  section.mode = SectionMode::paragraphs;
  if (model.stray_section_properties.count(first->parent))
    for (xmlNode* n = first; n && n != last; n = n->next)
      if (is_w(n, "sectPr")) {
        report_structure(model, section, "bao trùm phần cài đặt trang của văn bản (w:sectPr).");
        return false;
      }
  return true;
}

//! Decides the extent of one matched section; false (with an issue) when none fits.
bool place_section(PartModel& model, Section& section) {
  const FoundTag& open = model.tags[section.open_tag];
  const FoundTag& close = model.tags[section.close_tag];
  if (!open.tag.target.empty()) return place_explicit_section(model, section);
  if (open.paragraph == close.paragraph) {
    section.mode = SectionMode::inline_text;
    xmlNode* paragraph = model.paragraphs[open.paragraph].p;
    if (open.t != close.t && chain_to_paragraph(open.t, paragraph) != chain_to_paragraph(close.t, paragraph)) {
      report_structure(model, section,
                       "nằm trong cùng một đoạn văn nhưng ở hai cấp khác nhau (ví dụ một thẻ nằm trong siêu liên kết "
                       "hoặc trường); hãy gõ lại hai thẻ ở cùng một cấp.");
      return false;
    }
    return true;
  }
  xmlNode* first_paragraph = model.paragraphs[open.paragraph].p;
  xmlNode* last_paragraph = model.paragraphs[close.paragraph].p;
  std::vector<xmlNode*> a = ancestors_from_root(first_paragraph), b = ancestors_from_root(last_paragraph);
  std::size_t common = 0;
  while (common < a.size() && common < b.size() && a[common] == b[common]) ++common;
  if (common > 0 && common < a.size() && common < b.size()) {
    xmlNode* container = a[common - 1];
    xmlNode* first = a[common];
    xmlNode* last = b[common];
    if (first == first_paragraph && last == last_paragraph && !(alone_in_paragraph(model, open) && alone_in_paragraph(model, close))) {
      // docxtemplater repeats the XML between the two tags when either shares its paragraph.
      if (chain_to_paragraph(open.t, first_paragraph) != std::vector<std::string>{qualified_name(open.t->parent)} ||
          chain_to_paragraph(close.t, last_paragraph) != std::vector<std::string>{qualified_name(close.t->parent)} ||
          !is_w(open.t->parent, "r") || !is_w(close.t->parent, "r")) {
        report_structure(model, section,
                         "nằm ở hai đoạn văn khác nhau và một thẻ nằm trong siêu liên kết, trường hay vùng nhập liệu; hãy gõ "
                         "lại thẻ đó ngoài các phần tử ấy, hoặc để mỗi thẻ đứng một mình trong đoạn văn của nó.");
        return false;
      }
      section.mode = SectionMode::spanning;
      section.first = first_paragraph;
      section.last = last_paragraph;
      return true;
    }
    if (first == first_paragraph && last == last_paragraph) {
      section.mode = SectionMode::paragraphs;
      section.first = first;
      section.last = last;
      if (model.stray_section_properties.count(container))
        for (xmlNode* n = first; n && n != last; n = n->next)
          if (is_w(n, "sectPr")) {
            report_structure(model, section, "bao trùm phần cài đặt trang của văn bản (w:sectPr).");
            return false;
          }
      return true;
    }
    if (is_w(container, "tr") && is_w(container->parent, "tbl")) {
      section.mode = SectionMode::rows;
      section.first = section.last = container;
      return true;
    }
    if (is_w(container, "tbl") && is_w(first, "tr") && is_w(last, "tr")) {
      section.mode = SectionMode::rows;
      section.first = first;
      section.last = last;
      return true;
    }
  }
  report_structure(model, section,
                   "không tạo thành một vùng lặp: hai thẻ phải ở cùng một đoạn văn, ở các đoạn văn cùng cấp (cùng "
                   "thân văn bản hoặc cùng một ô bảng), ở các ô của cùng một hàng, hoặc ở các hàng của cùng một bảng.");
  return false;
}

bool is_blank(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') continue;
    if (static_cast<unsigned char>(c) == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xA0) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

//! Content that must never disappear with a tag-only paragraph.
bool holds_objects(const xmlNode* node) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    for (const char* name : {"drawing", "pict", "object", "footnoteReference", "endnoteReference"})
      if (is_w(c, name)) return true;
    if (holds_objects(c)) return true;
  }
  return false;
}

bool is_off(const std::string& value) { return value == "0" || value == "false" || value == "off"; }

//! A page break in the paragraph: a w:br w:type="page" in one of its runs, or w:pageBreakBefore.
bool holds_page_break(const xmlNode* node) {
  for (const xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || is_w(c, "p") || is_w(c, "txbxContent")) continue;
    if (is_w(c, "br") && w_val_named(c, "type") == "page") return true;
    if (is_w(c, "pageBreakBefore") && !is_off(w_val(c))) return true;
    if (holds_page_break(c)) return true;
  }
  return false;
}

//! Whether a paragraph holds nothing but tags of paragraph-mode sections and blanks.
bool only_section_tags(const PartModel& model, const Paragraph& paragraph) {
  if (paragraph.tags.empty()) return false;
  std::string rest;
  std::size_t at = 0;
  for (std::size_t index : paragraph.tags) {
    const FoundTag& tag = model.tags[index];
    if (tag.tag.kind == TagKind::value || tag.section < 0) return false;
    const Section& section = model.sections[static_cast<std::size_t>(tag.section)];
    if (!section.placed || section.mode != SectionMode::paragraphs || section.explicit_target) return false;
    rest.append(paragraph.text, at, tag.tag.begin - at);
    at = tag.tag.end;
  }
  rest.append(paragraph.text, at);
  return is_blank(rest) && !holds_objects(paragraph.p);
}

//! A paragraph's section break (its last w:pPr/w:sectPr); nullptr when it has none.
xmlNode* section_break_of(xmlNode* p) {
  xmlNode* found = nullptr;
  for (xmlNode* c = p->children; c; c = c->next)
    if (is_w(c, "pPr"))
      for (xmlNode* g = c->children; g; g = g->next)
        if (is_w(g, "sectPr")) found = g;
  return found;
}

//! The last section break (w:pPr/w:sectPr) among the paragraphs a section repeats.
xmlNode* last_section_break(const PartModel& model, const Section& section) {
  xmlNode* found = nullptr;
  for (xmlNode* n = section.first; n; n = n->next) {
    if (is_w(n, "p") && !model.dropped.count(n) && !(n == section.last && model.break_carriers.count(n)))
      if (xmlNode* own = section_break_of(n)) found = own;
    if (n == section.last) break;
  }
  return found;
}

//! Spanning mode: the last section break among the paragraphs after the opening tag's, up to the
//! closing tag's (the opening paragraph keeps its own properties whatever the loop renders).
xmlNode* spanning_section_break(const Section& section) {
  xmlNode* found = nullptr;
  for (xmlNode* n = section.first ? section.first->next : nullptr; n; n = n->next) {
    if (is_w(n, "p"))
      if (xmlNode* own = section_break_of(n)) found = own;
    if (n == section.last) break;
  }
  return found;
}

//! Containers with a w:sectPr child that is not their last element (only in odd documents).
//! Each container is looked at once, from its first paragraph (paragraphs are in document order,
//! so a later one can find nothing the first did not): a body of a million paragraphs must not
//! be walked a million times.
void find_stray_section_properties(PartModel& model) {
  std::unordered_set<const xmlNode*> looked_at;
  for (const Paragraph& paragraph : model.paragraphs) {
    xmlNode* container = paragraph.p->parent;
    if (!container || !looked_at.insert(container).second) continue;
    for (xmlNode* n = paragraph.p->next; n; n = n->next) {
      if (!is_w(n, "sectPr")) continue;
      for (xmlNode* after = n->next; after; after = after->next)
        if (after->type == XML_ELEMENT_NODE) model.stray_section_properties.insert(container);
      break;
    }
  }
}

}  // namespace

std::string w_val(const xmlNode* node) { return w_val_named(node, "val"); }

bool needs_paragraph(const xmlNode* container) {
  for (const char* name : {"tc", "txbxContent", "footnote", "endnote", "hdr", "ftr", "comment"})
    if (is_w(container, name)) return true;
  // A block-level content control (around paragraphs, not inside one).
  return is_w(container, "sdtContent") && container->parent && container->parent->parent &&
         !is_w(container->parent->parent, "p");
}

void plan_raw_tags(PartModel& model) {
  for (std::size_t index = 0; index < model.tags.size(); ++index) {
    const FoundTag& tag = model.tags[index];
    if (tag.tag.kind != TagKind::raw) continue;
    const Paragraph& paragraph = model.paragraphs[tag.paragraph];
    std::string_view text = paragraph.text;
    bool alone = paragraph.tags.size() == 1 && is_blank(text.substr(0, tag.tag.begin)) && is_blank(text.substr(tag.tag.end)) &&
                 !holds_objects(paragraph.p);
    if (!alone) {
      model.report("raw_not_alone",
                   "Thẻ “" + tag.written + "” thay cả đoạn văn chứa nó, nên phải đứng một mình trong đoạn văn đó "
                   "(không có chữ hay thẻ nào khác).",
                   tag.written, tag.paragraph);
      continue;
    }
    model.raw_paragraphs[paragraph.p] = index;
    // An empty value removes the paragraph; a cell must still end with one.
    if (needs_paragraph(paragraph.p->parent)) model.guarded_cells.insert(paragraph.p->parent);
  }
}

void plan_centered_images(PartModel& model) {
  for (std::size_t index = 0; index < model.tags.size(); ++index) {
    const FoundTag& tag = model.tags[index];
    if (tag.tag.kind != TagKind::image || !tag.tag.centered) continue;
    const Paragraph& paragraph = model.paragraphs[tag.paragraph];
    std::string_view text = paragraph.text;
    if (paragraph.tags.size() != 1 || !is_blank(text.substr(0, tag.tag.begin)) || !is_blank(text.substr(tag.tag.end))) {
      model.report("image_not_alone",
                   "Thẻ “" + tag.written + "” (ảnh căn giữa) phải đứng một mình trong đoạn văn của nó, vì cả đoạn được căn "
                   "giữa; để ảnh nằm giữa dòng chữ, dùng thẻ “" + model.delimiters.open + "%" + tag.tag.path.text +
                       model.delimiters.close + "”.",
                   tag.written, tag.paragraph);
      continue;
    }
    center_paragraph(paragraph.p);
  }
}

void plan_sections(PartModel& model) {
  match_sections(model);
  find_stray_section_properties(model);
  for (Section& section : model.sections)
    if (section.close_tag != kNone) section.placed = place_section(model, section);
  for (const Paragraph& paragraph : model.paragraphs) {
    if (!only_section_tags(model, paragraph)) continue;
    if (holds_page_break(paragraph.p)) model.break_carriers.insert(paragraph.p);
    else model.dropped.insert(paragraph.p);
  }

  // Where each section's boundaries go. Begin markers in the order the sections open, end
  // markers in the order they close, so sections sharing a boundary element nest the way their
  // tags do; before an element, the ends of sections closing there come first.
  std::unordered_map<const xmlNode*, std::vector<Marker>> begins_before, ends_before;
  for (std::size_t index = 0; index < model.sections.size(); ++index) {
    Section& section = model.sections[index];
    if (section.placed && section.mode == SectionMode::spanning) section.last_break = spanning_section_break(section);
    if (!section.placed || section.mode == SectionMode::inline_text || section.mode == SectionMode::spanning) continue;
    bool after = section.mode == SectionMode::paragraphs && model.dropped.count(section.first);
    if (after) model.after[section.first].push_back({true, index});
    else begins_before[section.first].push_back({true, index});
    if (section.mode == SectionMode::paragraphs && needs_paragraph(section.first->parent))
      model.guarded_cells.insert(section.first->parent);
    if (section.mode == SectionMode::rows) model.guarded_tables.insert(section.first->parent);
    if (section.mode == SectionMode::paragraphs) section.last_break = last_section_break(model, section);
  }
  std::vector<std::size_t> by_close;
  for (std::size_t index = 0; index < model.sections.size(); ++index)
    if (model.sections[index].placed && model.sections[index].mode != SectionMode::inline_text &&
        model.sections[index].mode != SectionMode::spanning)
      by_close.push_back(index);
  std::sort(by_close.begin(), by_close.end(),
            [&](std::size_t x, std::size_t y) { return model.sections[x].close_tag < model.sections[y].close_tag; });
  for (std::size_t index : by_close) {
    const Section& section = model.sections[index];
    // A dropped closing paragraph, or one kept only for its page break, stays outside the block.
    bool before = section.mode == SectionMode::paragraphs &&
                  (model.dropped.count(section.last) || model.break_carriers.count(section.last));
    if (before) ends_before[section.last].push_back({false, index});
    else model.after[section.last].push_back({false, index});
  }
  for (auto& [node, markers] : ends_before) model.before[node] = std::move(markers);
  for (auto& [node, markers] : begins_before) {
    auto& list = model.before[node];
    list.insert(list.end(), markers.begin(), markers.end());
  }
}

namespace {

std::uint32_t number_attribute(const xmlNode* node, std::uint32_t fallback, std::uint32_t max) {
  std::string text = w_val(node);
  if (text.empty() || text.size() > 6) return fallback;
  std::uint32_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return fallback;
    value = value * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return std::min(value, max);
}

}  // namespace

void plan_merges(PartModel& model) {
  constexpr std::uint32_t kMaxColumns = 1000;  // Word allows 63; anything beyond is not a real table
  for (const xmlNode* table : model.guarded_tables) {
    bool has_merge = false;
    std::uint32_t columns = 0;
    if (const xmlNode* grid = w_child(table, "tblGrid"))
      for (const xmlNode* c = grid->children; c; c = c->next) columns += is_w(c, "gridCol") ? 1 : 0;
    for (const xmlNode* tr = table->children; tr; tr = tr->next) {
      if (!is_w(tr, "tr")) continue;
      const xmlNode* properties = w_child(tr, "trPr");
      std::uint32_t width = properties ? number_attribute(w_child(properties, "gridBefore"), 0, kMaxColumns) : 0;
      for (const xmlNode* tc = tr->children; tc; tc = tc->next) {
        if (!is_w(tc, "tc")) continue;
        const xmlNode* cell_properties = w_child(tc, "tcPr");
        width = std::min(kMaxColumns, width + number_attribute(w_child(cell_properties, "gridSpan"), 1, kMaxColumns));
        has_merge = has_merge || w_child(cell_properties, "vMerge");
      }
      columns = std::max(columns, width);
    }
    if (!has_merge || columns == 0) continue;
    columns = std::min(columns, kMaxColumns);
    const std::uint32_t offset = model.merge_columns;
    model.merge_columns += columns;
    MergeMark mark;
    mark.type = MergeMark::Type::table;
    mark.offset = offset;
    mark.columns = columns;
    model.merge_marks[table] = mark;
    for (const xmlNode* tr = table->children; tr; tr = tr->next) {
      if (!is_w(tr, "tr")) continue;
      mark.type = MergeMark::Type::row;
      model.merge_marks[tr] = mark;
      const xmlNode* properties = w_child(tr, "trPr");
      std::uint32_t column = properties ? number_attribute(w_child(properties, "gridBefore"), 0, kMaxColumns) : 0;
      for (const xmlNode* tc = tr->children; tc; tc = tc->next) {
        if (!is_w(tc, "tc")) continue;
        const xmlNode* cell_properties = w_child(tc, "tcPr");
        std::uint32_t span = std::max<std::uint32_t>(1, number_attribute(w_child(cell_properties, "gridSpan"), 1, kMaxColumns));
        if (column >= columns) break;
        MergeMark cell = mark;
        cell.type = MergeMark::Type::cell;
        cell.column = column;
        cell.span = std::min(span, columns - column);
        if (const xmlNode* vmerge = w_child(cell_properties, "vMerge")) {
          cell.cell = w_val(vmerge) == "restart" ? MergeMark::Cell::restart : MergeMark::Cell::continued;
          if (cell.cell == MergeMark::Cell::continued) {
            cell.vmerge = vmerge;
            model.merge_marks[vmerge] = cell;
          }
        }
        if (cell.cell != MergeMark::Cell::continued) model.merge_marks[tc] = cell;
        column += span;
      }
    }
  }
}

}  // namespace vanthu::engine
