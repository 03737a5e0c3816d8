//! Step 1 of compiling a part: each paragraph's text, its tags, and joining tags that Word split
//! across runs.
#include <algorithm>

#include "template_model.hpp"
#include "template_xml.hpp"
#include "vanthu/text.hpp"

namespace vanthu::engine {
namespace {

//! Wrappers inside a paragraph whose runs are part of the paragraph's visible text.
bool is_run_container(const xmlNode* node) {
  for (const char* name : {"hyperlink", "smartTag", "ins", "fldSimple", "sdt", "sdtContent", "customXml", "moveTo",
                           "dir", "bdo"})
    if (is_w(node, name)) return true;
  return false;
}

void collect_pieces(xmlNode* parent, Paragraph& paragraph) {
  for (xmlNode* child = parent->children; child; child = child->next) {
    if (is_w(child, "r")) {
      for (xmlNode* item = child->children; item; item = item->next) {
        if (!is_w(item, "t")) continue;
        std::string text = child_text(item);
        paragraph.pieces.push_back({item, paragraph.text.size(), paragraph.text.size() + text.size()});
        paragraph.text += text;
      }
    } else if (is_run_container(child)) {
      collect_pieces(child, paragraph);
    }
  }
}

//! Whether `text` opens a tag it does not close: an open delimiter after the last close one.
bool leaves_tag_open(std::string_view text, const Delimiters& d) {
  const std::size_t open = text.rfind(d.open);
  if (open == std::string_view::npos) return false;
  return text.find(d.close, open + d.open.size()) == std::string_view::npos;
}

//! Whether `text` closes a tag opened before it: a close delimiter before any open one.
bool closes_tag_before_opening(std::string_view text, const Delimiters& d) {
  const std::size_t close = text.find(d.close);
  return close != std::string_view::npos && close < text.find(d.open);
}

bool holds_section_break(const xmlNode* p) {
  for (const xmlNode* c = p->children; c; c = c->next)
    if (is_w(c, "pPr"))
      for (const xmlNode* g = c->children; g; g = g->next)
        if (is_w(g, "sectPr")) return true;
  return false;
}

//! A tag whose braces are in two paragraphs (the clerk pressed Enter inside it): as docxtemplater,
//! the paragraphs become one, the first one's properties kept and the second one's runs appended.
//! Only next paragraphs of the same container, and never one ending a page section.
void join_paragraphs_split_inside_tags(xmlNode* node, const Delimiters& d) {
  for (xmlNode* child = node; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (is_w(child, "p")) {
      Paragraph paragraph;
      collect_pieces(child, paragraph);
      while (leaves_tag_open(paragraph.text, d)) {
        xmlNode* next = child->next;
        while (next && next->type != XML_ELEMENT_NODE) next = next->next;
        if (!is_w(next, "p") || holds_section_break(next)) break;
        Paragraph following;
        collect_pieces(next, following);
        if (!closes_tag_before_opening(following.text, d)) break;
        for (xmlNode* c = next->children; c;) {
          xmlNode* after = c->next;
          if (!is_w(c, "pPr")) {
            xmlUnlinkNode(c);
            xmlAddChild(child, c);
          }
          c = after;
        }
        xmlUnlinkNode(next);
        xmlFreeNode(next);
        // The joined paragraph leaves a tag open exactly when the part joined does (it closed the
        // one left open before opening any): no need to read the whole paragraph again, which a
        // chain of "}{" paragraphs would make quadratic.
        paragraph = std::move(following);
      }
    }
    join_paragraphs_split_inside_tags(child->children, d);
  }
}

void collect_paragraphs(xmlNode* node, std::vector<Paragraph>& out) {
  for (xmlNode* child = node; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE) continue;
    if (is_w(child, "p")) {
      Paragraph paragraph;
      paragraph.p = child;
      collect_pieces(child, paragraph);
      out.push_back(std::move(paragraph));
    }
    collect_paragraphs(child->children, out);
  }
}

std::string problem_message(const TagProblem& problem, const std::string& written, const Delimiters& d) {
  const std::string& code = problem.code;
  if (code == "unknown_filter") {
    std::string known;
    for (const std::string& name : filters::names()) known += (known.empty() ? "" : ", ") + name;
    return "Thẻ “" + written + "” gọi bộ lọc “" + problem.detail + "” không có; các bộ lọc dùng được: " + known + ".";
  }
  if (code == "filter_not_allowed")
    return "Thẻ “" + written + "” dùng bộ lọc “|” nhưng bộ lọc chỉ dùng được với thẻ giá trị (ví dụ {so_tien | bang_chu}), "
           "không dùng với thẻ mở, đóng đoạn lặp, thẻ {@…} hay thẻ ảnh {%…}.";
  if (code == "unclosed_tag")
    return "Thẻ “" + written + "” mở bằng “" + d.open + "” nhưng không có “" + d.close +
           "” đóng lại trong cùng đoạn văn.";
  if (code == "unknown_target")
    return "Thẻ “" + written + "” lặp lại phần tử “" + problem.detail +
           "”, nhưng chỉ lặp được cả đoạn văn (" + d.open + "-w:p tên" + d.close + "), cả hàng bảng (" + d.open +
           "-w:tr tên" + d.close + ") hoặc cả bảng (" + d.open + "-w:tbl tên" + d.close + ").";
  if (code == "path_too_long")
    return "Thẻ “" + written + "” có đường dẫn quá dài: tên trường chỉ được có tối đa " + problem.detail +
           " phần cách nhau bằng dấu chấm.";
  if (code == "malformed_expression")
    return "Thẻ “" + written + "” có điều kiện viết sai: " + problem.detail +
           ". Điều kiện viết như " + d.open + "#so_luong > 0" + d.close + ", " + d.open + "#trang_thai == \"xong\"" + d.close +
           " hoặc " + d.open + "#a and (b or not c)" + d.close + ".";
  if (code == "expression_not_allowed")
    return "Thẻ “" + written + "” là một điều kiện, nhưng điều kiện chỉ dùng được trong thẻ mở đoạn " + d.open +
           "#…" + d.close + ", " + d.open + "^…" + d.close + " hoặc " + d.open + "-w:p …" + d.close +
           "; thẻ giá trị và thẻ " + d.open + "@…" + d.close + " chỉ nhận một tên trường (ví dụ " + d.open + "so_luong" +
           d.close + "), và bộ lọc viết sau một dấu “|” (ví dụ " + d.open + "ten | hoa" + d.close + ").";
  if (code == "unopened_tag")
    return "Có dấu đóng thẻ “" + d.close + "” mà không có dấu mở “" + d.open + "” đi trước.";
  return "Thẻ “" + written +
         "” không hợp lệ: tên trường chỉ gồm chữ cái, chữ số, “_”, “-”, các phần cách nhau bằng dấu chấm "
         "(ví dụ {ten}, {#muc}, {/muc}, {nguoi_ky.ho_ten}); bộ lọc viết sau dấu “|” (ví dụ {ngay | ngay_thang}).";
}

}  // namespace

std::string shown_paragraph(const std::string& text) {
  constexpr std::size_t kLongest = 2000;
  if (text.size() <= kLongest) return text;
  std::size_t cut = kLongest;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // not inside a character
  return text.substr(0, cut) + "…";
}

void PartModel::report(const char* code, std::string message, const std::string& tag, std::size_t paragraph) {
  TemplateIssue issue;
  issue.code = code;
  issue.message = std::move(message);
  issue.part = name;
  issue.tag = tag;
  if (paragraph < paragraphs.size()) issue.paragraph = shown_paragraph(paragraphs[paragraph].text);
  add_capped(issues, std::move(issue));
}

namespace {

std::string too_many_tags_message(std::size_t max_tags) {
  return "Mẫu có quá nhiều thẻ (hơn " + text::group_thousands(static_cast<std::int64_t>(max_tags)) +
         "), không mẫu văn bản nào cần nhiều như vậy: hãy bỏ bớt thẻ hoặc tách thành nhiều mẫu rồi gửi lại. "
         "Mẫu chưa được đọc hết nên các lỗi khác (nếu có) chưa được liệt kê.";
}

}  // namespace

namespace {

//! The paragraph that directly holds `p` (a w:p inside a w:p, not through a text box): Word and
//! LibreOffice show such a body as empty. nullptr when `p` sits where paragraphs may.
const xmlNode* holding_paragraph(const xmlNode* p) {
  for (const xmlNode* n = p->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent) {
    if (is_w(n, "p")) return n;
    if (is_w(n, "txbxContent") || is_w(n, "tc") || is_w(n, "body") || is_w(n, "footnote") || is_w(n, "endnote") ||
        is_w(n, "comment") || is_w(n, "hdr") || is_w(n, "ftr") || is_w(n, "docPartBody"))
      return nullptr;
  }
  return nullptr;
}

}  // namespace

void find_paragraph_tags(xmlNode* root, PartModel& model) {
  join_paragraphs_split_inside_tags(root, model.delimiters);
  collect_paragraphs(root, model.paragraphs);
  for (std::size_t index = 0; index < model.paragraphs.size(); ++index) {
    const xmlNode* outer = holding_paragraph(model.paragraphs[index].p);
    if (!outer) continue;
    std::string outer_text;
    for (const Paragraph& paragraph : model.paragraphs)
      if (paragraph.p == outer) outer_text = shown_paragraph(paragraph.text);
    model.report("nested_paragraph",
                 "Phần " + model.name + " có đoạn văn “" + shown_paragraph(model.paragraphs[index].text) +
                     "” nằm bên trong đoạn văn “" + outer_text +
                     "” (một w:p trong một w:p): Word và LibreOffice không hiển thị được cấu trúc này, văn bản tạo ra sẽ "
                     "mất nội dung. Hãy mở mẫu trong Word, chép toàn bộ nội dung sang một văn bản mới rồi lưu lại.",
                 {}, index);
    break;  // one is enough to refuse the part (and a hostile part may hold a million)
  }
  for (std::size_t index = 0; index < model.paragraphs.size(); ++index) {
    Paragraph& paragraph = model.paragraphs[index];
    if (paragraph.text.empty()) continue;
    ScanLimits limits;
    if (ReadBudget* budget = model.budget) {
      limits.max_found = budget->limits.max_tags - std::min(budget->found, budget->limits.max_tags);
      limits.max_path_segments = budget->limits.max_path_segments;
    }
    TagScan scan = scan_tags(paragraph.text, model.delimiters, limits);
    if (scan.stopped) {
      model.report("too_many_tags", too_many_tags_message(model.budget->limits.max_tags), {}, index);
      model.budget->stopped = true;
      return;
    }
    if (model.budget) model.budget->found += scan.tags.size() + scan.problems.size();
    for (const TagProblem& problem : scan.problems) {
      std::string written = paragraph.text.substr(problem.begin, problem.end - problem.begin);
      model.report(problem.code.c_str(), problem_message(problem, written, model.delimiters), written, index);
      if (problem.opens || problem.closes) model.unreadable.push_back({index, problem.begin, problem.opens});
    }
    for (Tag& tag : scan.tags) {
      FoundTag found;
      found.written = paragraph.text.substr(tag.begin, tag.end - tag.begin);
      found.tag = std::move(tag);
      found.paragraph = index;
      paragraph.tags.push_back(model.tags.size());
      model.tags.push_back(std::move(found));
    }
  }
}

void join_split_tags(PartModel& model) {
  for (Paragraph& paragraph : model.paragraphs) {
    if (paragraph.tags.empty()) continue;
    const std::size_t pieces = paragraph.pieces.size();
    // owner[i]: the piece whose w:t will hold byte i of the paragraph's text.
    std::vector<std::size_t> owner(paragraph.text.size());
    for (std::size_t k = 0; k < pieces; ++k)
      std::fill(owner.begin() + static_cast<std::ptrdiff_t>(paragraph.pieces[k].begin),
                owner.begin() + static_cast<std::ptrdiff_t>(paragraph.pieces[k].end), k);
    for (std::size_t index : paragraph.tags) {
      FoundTag& found = model.tags[index];
      std::size_t start_piece = owner[found.tag.begin];
      std::fill(owner.begin() + static_cast<std::ptrdiff_t>(found.tag.begin),
                owner.begin() + static_cast<std::ptrdiff_t>(found.tag.end), start_piece);
      found.t = paragraph.pieces[start_piece].t;
    }
    // Each piece now owns one contiguous range (ownership only moves backwards over whole tags).
    std::vector<std::size_t> range_begin(pieces, paragraph.text.size()), range_end(pieces, 0);
    for (std::size_t i = 0; i < owner.size(); ++i) {
      range_begin[owner[i]] = std::min(range_begin[owner[i]], i);
      range_end[owner[i]] = std::max(range_end[owner[i]], i + 1);
    }
    std::size_t next_tag = 0;
    for (std::size_t k = 0; k < pieces; ++k) {
      const TextPiece& piece = paragraph.pieces[k];
      std::size_t begin = range_begin[k], end = range_end[k];
      if (begin >= end) begin = end = piece.begin;  // emptied: every byte moved to an earlier w:t
      bool holds_tag = next_tag < paragraph.tags.size() && model.tags[paragraph.tags[next_tag]].tag.begin < end &&
                       model.tags[paragraph.tags[next_tag]].tag.begin >= begin;
      if (begin == piece.begin && end == piece.end && !holds_tag) continue;  // untouched
      TextPlan plan;
      plan.text = paragraph.text.substr(begin, end - begin);
      std::size_t at = begin;
      while (next_tag < paragraph.tags.size()) {
        const FoundTag& found = model.tags[paragraph.tags[next_tag]];
        if (found.tag.begin >= end) break;
        if (found.tag.begin > at) plan.segments.push_back({at - begin, found.tag.begin - begin, -1});
        plan.segments.push_back({found.tag.begin - begin, found.tag.end - begin, static_cast<int>(paragraph.tags[next_tag])});
        at = found.tag.end;
        ++next_tag;
      }
      if (at < end) plan.segments.push_back({at - begin, end - begin, -1});
      model.plans[piece.t] = std::move(plan);
    }
  }
}

}  // namespace vanthu::engine
