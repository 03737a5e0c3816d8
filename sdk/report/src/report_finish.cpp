//! The rules the standard templates' body obeys after the template is filled (report.hpp,
//! finish_body): heading numbers from the heading styles, the closing "./.", no empty runs.
//!
//! One pass over the XML the engine wrote, no DOM: the part is read as a sequence of tags (quoted
//! attribute values, comments, CDATA and processing instructions skipped whole), the paragraphs
//! and their w:t texts located, and the changes written as edits of byte ranges, applied at the
//! end in one copy. The text of a w:t is handled as it is written (entities unexpanded): the
//! numbers and marks looked for are plain ASCII and "đ", which are never escaped. WordprocessingML
//! is expected under its usual prefix "w:" (Word, LibreOffice and the engine all write it so).
#include <algorithm>
#include <array>
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "vanthu/nd30.hpp"
#include "vanthu/report.hpp"

namespace vanthu::report {
namespace {

constexpr std::size_t npos = std::string::npos;

struct Tag {
  enum Kind { start, end, empty, other } kind = other;
  std::size_t begin = 0, end_pos = 0;  //!< [begin, end_pos) is "<…>"
  std::string_view name;
};

//! The next tag at or after `at`; false at the end of the text. Throws on a truncated tag.
bool next_tag(std::string_view xml, std::size_t at, Tag& tag) {
  std::size_t lt = xml.find('<', at);
  if (lt == npos) return false;
  auto skip_to = [&](std::string_view closing) {
    std::size_t found = xml.find(closing, lt);
    if (found == npos) throw std::runtime_error("finish_body: truncated XML");
    tag = {Tag::other, lt, found + closing.size(), {}};
    return true;
  };
  if (xml.compare(lt, 4, "<!--") == 0) return skip_to("-->");
  if (xml.compare(lt, 9, "<![CDATA[") == 0) return skip_to("]]>");
  if (xml.compare(lt, 2, "<?") == 0) return skip_to("?>");
  if (xml.compare(lt, 2, "<!") == 0) return skip_to(">");
  std::size_t i = lt + 1;
  bool closing = i < xml.size() && xml[i] == '/';
  if (closing) ++i;
  std::size_t name_begin = i;
  while (i < xml.size() && xml[i] != ' ' && xml[i] != '\t' && xml[i] != '\r' && xml[i] != '\n' && xml[i] != '/' &&
         xml[i] != '>')
    ++i;
  std::string_view name = xml.substr(name_begin, i - name_begin);
  char quote = 0;
  for (; i < xml.size(); ++i) {
    char c = xml[i];
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '>') {
      break;
    }
  }
  if (i >= xml.size()) throw std::runtime_error("finish_body: truncated XML");
  Tag::Kind kind = closing ? Tag::end : (xml[i - 1] == '/' ? Tag::empty : Tag::start);
  tag = {kind, lt, i + 1, name};
  return true;
}

//! The value of attribute `name` in a tag's text ("" when absent).
std::string attribute(std::string_view tag, std::string_view name) {
  for (std::size_t at = tag.find(name); at != npos; at = tag.find(name, at + 1)) {
    char before = at > 0 ? tag[at - 1] : ' ';
    std::size_t eq = at + name.size();
    if ((before != ' ' && before != '\t' && before != '\n' && before != '\r') || eq >= tag.size() || tag[eq] != '=') continue;
    char quote = tag[eq + 1];
    std::size_t close = tag.find(quote, eq + 2);
    if (close == npos) return {};
    return std::string(tag.substr(eq + 2, close - eq - 2));
  }
  return {};
}

struct Text {
  std::size_t tag_begin = 0, tag_end = 0;  //!< the start tag
  std::size_t content_begin = 0, content_end = 0;
  bool preserve = false;  //!< xml:space="preserve" already
  std::string content;    //!< as it will be written
  bool changed = false;
};

struct Paragraph {
  std::size_t begin = 0, end = 0, start_tag_end = 0;
  std::string style;
  std::size_t properties_begin = npos, properties_start_end = npos;  //!< <w:pPr>, its start tag's end
  bool properties_empty_tag = false;                                  //!< <w:pPr/>
  std::size_t style_end = npos;                                       //!< after <w:pStyle …/>
  bool keep_next = false;
  bool body_child = false;  //!< directly in w:body (not in a table)
  std::vector<Text> texts;  //!< non-empty w:t of the paragraph itself (not of one nested in it)

  std::string text() const {
    std::string s;
    for (const auto& t : texts) s += t.content;
    return s;
  }
};

struct RunRange {
  std::size_t begin = 0, end = 0;
  bool empty = true;
};

//! What one pass found: the paragraphs, the body's children in order (index into paragraphs,
//! or -1 for anything else), the runs left without text.
struct Outline {
  std::vector<Paragraph> paragraphs;
  std::vector<long> body_children;
  std::vector<RunRange> empty_runs;
};

bool blank(const std::string& s) { return s.find_first_not_of(" \t") == npos; }

Outline read_outline(std::string_view xml) {
  Outline outline;
  std::vector<std::string_view> stack;
  long body_depth = -1;
  long paragraph_depth = -1;  // depth of the open top paragraph (one not inside another)
  long run_depth = -1;
  Paragraph* paragraph = nullptr;
  RunRange run;
  Tag tag;
  for (std::size_t at = 0; next_tag(xml, at, tag); at = tag.end_pos) {
    if (tag.kind == Tag::other) continue;
    const long depth = static_cast<long>(stack.size());  // depth of this element if it starts here
    if (tag.kind == Tag::end) {
      if (!stack.empty()) stack.pop_back();
      const long closed = static_cast<long>(stack.size());
      if (closed == run_depth) {
        run.end = tag.end_pos;
        if (run.empty) outline.empty_runs.push_back(run);
        run_depth = -1;
      }
      if (closed == paragraph_depth && paragraph) {
        paragraph->end = tag.end_pos;
        paragraph = nullptr;
        paragraph_depth = -1;
      }
      if (closed == body_depth) body_depth = -2;  // after the body: nothing more to read
      continue;
    }
    std::string_view name = tag.name;
    if (name == "w:body" && body_depth == -1 && tag.kind == Tag::start) body_depth = depth;
    if (body_depth >= 0 && depth == body_depth + 1 && !(name == "w:p")) outline.body_children.push_back(-1);

    if (name == "w:p" && !paragraph && body_depth >= 0) {
      outline.paragraphs.emplace_back();
      Paragraph& p = outline.paragraphs.back();
      p.begin = tag.begin;
      p.start_tag_end = tag.end_pos;
      p.body_child = depth == body_depth + 1;
      if (p.body_child) outline.body_children.push_back(static_cast<long>(outline.paragraphs.size() - 1));
      if (tag.kind == Tag::empty) {
        p.end = tag.end_pos;
      } else {
        paragraph = &p;
        paragraph_depth = depth;
      }
    } else if (paragraph) {
      const std::string_view tag_text = xml.substr(tag.begin, tag.end_pos - tag.begin);
      if (depth == paragraph_depth + 1 && name == "w:pPr") {
        paragraph->properties_begin = tag.begin;
        paragraph->properties_start_end = tag.end_pos;
        paragraph->properties_empty_tag = tag.kind == Tag::empty;
      } else if (depth == paragraph_depth + 2 && paragraph->properties_begin != npos && paragraph->style_end == npos &&
                 name == "w:pStyle" && stack.back() == "w:pPr") {
        paragraph->style = attribute(tag_text, "w:val");
        paragraph->style_end = tag.end_pos;  // <w:pStyle …/> is an empty element
      } else if (depth == paragraph_depth + 2 && name == "w:keepNext" && stack.back() == "w:pPr") {
        paragraph->keep_next = attribute(tag_text, "w:val") != "0" && attribute(tag_text, "w:val") != "false";
      }
      if (name == "w:r" && run_depth < 0) {
        if (tag.kind == Tag::empty) {
          outline.empty_runs.push_back({tag.begin, tag.end_pos, true});
        } else {
          run = {tag.begin, 0, true};
          run_depth = depth;
        }
      } else if (run_depth >= 0 && depth == run_depth + 1 && name != "w:rPr" && name != "w:t") {
        run.empty = false;
      }
      // A w:t of this paragraph (a nested paragraph, in a text box, is not its text).
      bool nested = std::count(stack.begin() + paragraph_depth + 1, stack.end(), std::string_view("w:p")) > 0;
      if (name == "w:t" && !nested) {
        if (tag.kind == Tag::empty) continue;
        std::size_t close = xml.find("</w:t>", tag.end_pos);
        if (close == npos) throw std::runtime_error("finish_body: unclosed w:t");
        if (close > tag.end_pos) {
          if (run_depth >= 0) run.empty = false;
          Text t;
          t.tag_begin = tag.begin;
          t.tag_end = tag.end_pos;
          t.content_begin = tag.end_pos;
          t.content_end = close;
          t.preserve = attribute(tag_text, "xml:space") == "preserve";
          t.content = std::string(xml.substr(tag.end_pos, close - tag.end_pos));
          paragraph->texts.push_back(std::move(t));
        }
        tag.end_pos = close + 6;  // the text and </w:t> read: the element is closed
        continue;
      }
    }
    if (tag.kind == Tag::start) stack.push_back(name);
  }
  return outline;
}

//! The heading level a style gives (0 A., 1 I., 2 1., 3 1.1., 4 1.1.1., 5 a)), -1 for other
//! paragraphs.
int heading_level(const std::string& style) {
  static const std::array<std::string_view, 6> kStyles = {"VanthuPart",       "VanthuChapter",       "VanthuSection",
                                                          "VanthuSubsection", "VanthuSubsubsection", "VanthuItem"};
  for (std::size_t level = 0; level < kStyles.size(); ++level) {
    std::string_view base = kStyles[level];
    if (style.size() >= base.size() && style.compare(0, base.size(), base) == 0 &&
        (style.size() == base.size() || style.compare(base.size(), std::string::npos, "Text") == 0))
      return static_cast<int>(level);
  }
  return -1;
}

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

//! Length of a heading number at the start of `s` (after leading spaces), with the spaces after
//! it: "A. ", "IV. ", "3. ", "1.2. ", "a) ", "đ) ", "b. ". 0 when `s` starts otherwise.
std::size_t number_length(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  std::size_t start = i;
  auto finish = [&](std::size_t end) -> std::size_t {
    // The number stands alone: followed by a space or by nothing (a label-less heading).
    if (end < s.size() && s[end] != ' ' && s[end] != '\t') return 0;
    while (end < s.size() && (s[end] == ' ' || s[end] == '\t')) ++end;
    return end;
  };
  if (i < s.size() && is_digit(s[i])) {  // 3.  1.2.  1.2
    while (i < s.size() && (is_digit(s[i]) || (s[i] == '.' && i + 1 < s.size() && is_digit(s[i + 1])))) ++i;
    if (i < s.size() && (s[i] == '.' || s[i] == ')')) return finish(i + 1);
    return 0;
  }
  if (i < s.size() && is_upper_ascii(s[i])) {  // A.  IV.
    while (i < s.size() && is_upper_ascii(s[i])) ++i;
    if (i - start > 1 && s.find_first_not_of("IVXLCDM", start) < i) return 0;  // a word, not a numeral
    if (i < s.size() && s[i] == '.') return finish(i + 1);
    return 0;
  }
  std::size_t letter = 0;  // a)  b.  đ)
  if (i < s.size() && s[i] >= 'a' && s[i] <= 'z') letter = 1;
  else if (s.compare(i, 2, "\xC4\x91") == 0) letter = 2;  // đ
  if (letter && i + letter < s.size() && (s[i + letter] == ')' || s[i + letter] == '.')) return finish(i + letter + 1);
  return 0;
}

//! Replaces the heading number at the start of the paragraph's text with `number` (or puts it
//! there): the number takes the formatting of the paragraph's first run of text.
void renumber(std::vector<Text>& texts, const std::string& number) {
  std::string head;
  for (const Text& t : texts) {
    head += t.content;
    if (head.size() >= 24) break;
  }
  std::size_t drop = number_length(head);
  Text& first = texts.front();
  first.changed = true;
  if (drop <= first.content.size()) {
    first.content = number + " " + first.content.substr(drop);
    return;
  }
  // The old number runs over several w:t (Word splits runs where it likes).
  drop -= first.content.size();
  first.content = number + " ";
  for (std::size_t i = 1; i < texts.size() && drop > 0; ++i) {
    std::size_t n = std::min(drop, texts[i].content.size());
    texts[i].content.erase(0, n);
    texts[i].changed = true;
    drop -= n;
  }
}

class HeadingNumbers {
 public:
  std::string next(int level) {
    ++counts_[static_cast<std::size_t>(level)];
    for (std::size_t deeper = static_cast<std::size_t>(level) + 1; deeper < counts_.size(); ++deeper) counts_[deeper] = 0;
    int n = counts_[static_cast<std::size_t>(level)];
    switch (level) {
      case 0: return std::string(1, static_cast<char>('A' + (n - 1) % 26)) + ".";
      case 1: return nd30::roman(n) + ".";
      case 2: return std::to_string(n) + ".";
      case 3: return std::to_string(counts_[2]) + "." + std::to_string(n) + ".";
      case 4: return std::to_string(counts_[2]) + "." + std::to_string(counts_[3]) + "." + std::to_string(n) + ".";
      default: return nd30::letter(n) + ")";
    }
  }

 private:
  std::array<int, 6> counts_{};
};

struct Edit {
  std::size_t at, length;
  std::string with;
};

}  // namespace

void finish_body(std::string& xml) {
  // Nothing to do in a part without the heading styles and without a closing mark: not read.
  if (xml.find("w:val=\"Vanthu") == npos && xml.find("./.") == npos) return;
  Outline outline = read_outline(xml);
  std::vector<Paragraph>& paragraphs = outline.paragraphs;

  // Heading numbers, in document order.
  HeadingNumbers numbers;
  for (Paragraph& p : paragraphs) {
    int level = heading_level(p.style);
    if (level < 0 || p.texts.empty() || blank(p.text())) continue;  // an empty heading is not counted
    renumber(p.texts, numbers.next(level));
  }

  // Closing marks: a body paragraph "./." joins the paragraph of text before it.
  std::vector<Edit> edits;
  std::vector<bool> removed(paragraphs.size(), false);
  std::vector<bool> keep(paragraphs.size(), false);
  for (std::size_t c = 0; c < outline.body_children.size(); ++c) {
    long index = outline.body_children[c];
    if (index < 0) continue;
    Paragraph& mark = paragraphs[static_cast<std::size_t>(index)];
    std::string text = mark.text();
    std::size_t a = text.find_first_not_of(' '), b = text.find_last_not_of(' ');
    if (a == npos || text.compare(a, b - a + 1, "./.") != 0) continue;
    long before = -1;
    for (std::size_t k = c; k-- > 0;) {
      long previous = outline.body_children[k];
      if (previous < 0) break;  // after a table or anything else: the mark stays where it is
      if (removed[static_cast<std::size_t>(previous)]) continue;
      if (!blank(paragraphs[static_cast<std::size_t>(previous)].text())) {
        before = previous;
        break;
      }
    }
    if (before < 0) continue;
    Paragraph& target = paragraphs[static_cast<std::size_t>(before)];
    for (auto it = target.texts.rbegin(); it != target.texts.rend(); ++it) {
      std::string& s = it->content;
      while (!s.empty() && (s.back() == '.' || s.back() == ';' || s.back() == ',' || s.back() == ' ')) s.pop_back();
      it->changed = true;
      if (!s.empty() || std::next(it) == target.texts.rend()) {
        s += "./.";
        break;
      }
    }
    keep[static_cast<std::size_t>(before)] = true;
    removed[static_cast<std::size_t>(index)] = true;
    edits.push_back({mark.begin, mark.end - mark.begin, ""});
  }

  for (std::size_t i = 0; i < paragraphs.size(); ++i) {
    const Paragraph& p = paragraphs[i];
    if (removed[i]) continue;
    for (const Text& t : p.texts) {
      if (!t.changed) continue;
      bool spaced = !t.content.empty() && (t.content.front() == ' ' || t.content.back() == ' ');
      if (spaced && !t.preserve) edits.push_back({t.tag_begin, t.tag_end - t.tag_begin, "<w:t xml:space=\"preserve\">"});
      edits.push_back({t.content_begin, t.content_end - t.content_begin, t.content});
    }
    // w:keepNext where the schema orders it: right after w:pStyle, else first in w:pPr.
    if (keep[i] && !p.keep_next) {
      if (p.style_end != npos) edits.push_back({p.style_end, 0, "<w:keepNext/>"});
      else if (p.properties_empty_tag)
        edits.push_back({p.properties_begin, p.properties_start_end - p.properties_begin, "<w:pPr><w:keepNext/></w:pPr>"});
      else if (p.properties_begin != npos) edits.push_back({p.properties_start_end, 0, "<w:keepNext/>"});
      else edits.push_back({p.start_tag_end, 0, "<w:pPr><w:keepNext/></w:pPr>"});
    }
  }
  for (const RunRange& r : outline.empty_runs) edits.push_back({r.begin, r.end - r.begin, ""});
  if (edits.empty()) return;

  // In order; at one place an insertion goes before a removal starting there; an edit inside a
  // range already removed (a run of a paragraph that goes) gives way to it.
  std::sort(edits.begin(), edits.end(), [](const Edit& x, const Edit& y) {
    return x.at != y.at ? x.at < y.at : x.length < y.length;
  });
  std::string out;
  out.reserve(xml.size() + 256);
  std::size_t copied = 0;
  for (const Edit& e : edits) {
    if (e.at < copied) continue;  // inside one already applied
    out.append(xml, copied, e.at - copied);
    out += e.with;
    copied = e.at + e.length;
  }
  out.append(xml, copied, npos);
  xml.swap(out);
}

}  // namespace vanthu::report
