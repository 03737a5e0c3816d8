//! The rules the standard templates' body obeys after the template is filled (report.hpp,
//! finish_body): heading numbers from the heading styles, and the closing "./.".
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <array>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "vanthu/nd30.hpp"
#include "vanthu/report.hpp"

namespace vanthu::report {
namespace {

constexpr const char* kWord = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

bool is_word(const xmlNode* node, const char* name) {
  return node && node->type == XML_ELEMENT_NODE && node->ns && node->ns->href &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->href), kWord) == 0 &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

xmlNode* child(xmlNode* node, const char* name) {
  for (xmlNode* c = node ? node->children : nullptr; c; c = c->next)
    if (is_word(c, name)) return c;
  return nullptr;
}

std::string attribute(const xmlNode* node, const char* name) {
  for (const xmlAttr* a = node ? node->properties : nullptr; a; a = a->next) {
    if (std::strcmp(reinterpret_cast<const char*>(a->name), name) != 0) continue;
    xmlChar* value = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
    std::string s = value ? reinterpret_cast<const char*>(value) : "";
    xmlFree(value);
    return s;
  }
  return {};
}

//! The paragraph's style id ("" when none).
std::string style_of(xmlNode* paragraph) {
  return attribute(child(child(paragraph, "pPr"), "pStyle"), "val");
}

//! The w:t elements of a paragraph in order, not those of a paragraph nested in it (a text box).
void collect_texts(xmlNode* node, std::vector<xmlNode*>& texts) {
  for (xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_word(c, "t")) texts.push_back(c);
    else if (!is_word(c, "p") && !is_word(c, "delText") && !is_word(c, "instrText")) collect_texts(c, texts);
  }
}

std::string content(xmlNode* node) {
  xmlChar* value = xmlNodeGetContent(node);
  std::string s = value ? reinterpret_cast<const char*>(value) : "";
  xmlFree(value);
  return s;
}

void set_content(xmlNode* text, const std::string& value) {
  xmlNodeSetContent(text, nullptr);
  xmlNodeAddContentLen(text, reinterpret_cast<const xmlChar*>(value.data()), static_cast<int>(value.size()));
  // A value that starts or ends with a space keeps it (Word drops it otherwise).
  if (!value.empty() && (value.front() == ' ' || value.back() == ' ')) xmlNodeSetSpacePreserve(text, 1);
}

std::string paragraph_text(xmlNode* paragraph) {
  std::vector<xmlNode*> texts;
  collect_texts(paragraph, texts);
  std::string s;
  for (xmlNode* t : texts) s += content(t);
  return s;
}

bool blank(const std::string& s) { return s.find_first_not_of(" \t\u00a0") == std::string::npos; }

//! The heading level a style gives (0 A., 1 I., 2 1., 3 1.1., 4 1.1.1., 5 a)), -1 for other
//! paragraphs.
int heading_level(const std::string& style) {
  static const std::array<const char*, 6> kStyles = {"VanthuPart",       "VanthuChapter",       "VanthuSection",
                                                     "VanthuSubsection", "VanthuSubsubsection", "VanthuItem"};
  for (int level = 0; level < static_cast<int>(kStyles.size()); ++level) {
    std::string base = kStyles[static_cast<std::size_t>(level)];
    if (style == base || style == base + "Text") return level;
  }
  return -1;
}

bool is_upper_ascii(char c) { return c >= 'A' && c <= 'Z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

//! Length of a heading number at the start of `s` (after `skip` leading spaces), with the spaces
//! after it: "A. ", "IV. ", "3. ", "1.2. ", "a) ", "đ) ", "b. ". 0 when `s` starts otherwise.
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
void renumber(const std::vector<xmlNode*>& texts, const std::string& number) {
  std::string head;
  for (xmlNode* t : texts) {
    head += content(t);
    if (head.size() >= 24) break;
  }
  std::size_t drop = number_length(head);
  std::string first = content(texts.front());
  if (drop <= first.size()) {
    set_content(texts.front(), number + " " + first.substr(drop));
    return;
  }
  // The old number runs over several w:t (Word splits runs where it likes).
  set_content(texts.front(), number + " ");
  drop -= first.size();
  for (std::size_t i = 1; i < texts.size() && drop > 0; ++i) {
    std::string s = content(texts[i]);
    std::size_t n = std::min(drop, s.size());
    set_content(texts[i], s.substr(n));
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

void number_headings(const std::vector<xmlNode*>& paragraphs) {
  HeadingNumbers numbers;
  for (xmlNode* p : paragraphs) {
    int level = heading_level(style_of(p));
    if (level < 0) continue;
    std::vector<xmlNode*> texts;
    collect_texts(p, texts);
    std::string text;
    for (xmlNode* t : texts) text += content(t);
    if (texts.empty() || blank(text)) continue;  // an empty heading is not counted
    renumber(texts, numbers.next(level));
  }
}

//! w:keepNext in the paragraph's properties, where the schema orders it (after w:pStyle).
void keep_with_next(xmlNode* paragraph, xmlNs* ns) {
  xmlNode* properties = child(paragraph, "pPr");
  if (!properties) {
    properties = xmlNewNode(ns, reinterpret_cast<const xmlChar*>("pPr"));
    if (paragraph->children) xmlAddPrevSibling(paragraph->children, properties);
    else xmlAddChild(paragraph, properties);
  }
  if (child(properties, "keepNext")) return;
  xmlNode* keep = xmlNewNode(ns, reinterpret_cast<const xmlChar*>("keepNext"));
  if (xmlNode* style = child(properties, "pStyle")) xmlAddNextSibling(style, keep);
  else if (properties->children) xmlAddPrevSibling(properties->children, keep);
  else xmlAddChild(properties, keep);
}

bool closing_mark_paragraph(xmlNode* p) {
  std::string text = paragraph_text(p);
  std::size_t a = text.find_first_not_of(' '), b = text.find_last_not_of(' ');
  return a != std::string::npos && text.substr(a, b - a + 1) == "./.";
}

//! A paragraph "./." joins the paragraph of text before it, whose trailing ".", ";", "," and
//! spaces give way; that paragraph then keeps with what follows (the signature block).
void join_closing_marks(xmlNode* body) {
  std::vector<xmlNode*> marks;
  for (xmlNode* c = body->children; c; c = c->next)
    if (is_word(c, "p") && closing_mark_paragraph(c)) marks.push_back(c);
  for (xmlNode* mark : marks) {
    xmlNode* before = mark->prev;
    while (before && (before->type != XML_ELEMENT_NODE || (is_word(before, "p") && blank(paragraph_text(before)))))
      before = before->prev;
    if (!is_word(before, "p")) continue;  // after a table, or first: the mark stays where it is
    std::vector<xmlNode*> texts;
    collect_texts(before, texts);
    for (auto it = texts.rbegin(); it != texts.rend(); ++it) {
      std::string s = content(*it);
      while (!s.empty() && (s.back() == '.' || s.back() == ';' || s.back() == ',' || s.back() == ' ')) s.pop_back();
      bool last_text = !s.empty() || std::next(it) == texts.rend();
      set_content(*it, last_text ? s + "./." : s);
      if (last_text) break;
    }
    keep_with_next(before, mark->ns);
    xmlUnlinkNode(mark);
    xmlFreeNode(mark);
  }
}

//! Runs left with nothing to show (their only text empty, e.g. an italic run whose condition was
//! false): Word keeps them as clutter a clerk cannot see, so they go.
void drop_empty_runs(const std::vector<xmlNode*>& paragraphs) {
  for (xmlNode* p : paragraphs) {
    for (xmlNode* r = p->children; r;) {
      xmlNode* next = r->next;
      if (is_word(r, "r")) {
        bool empty = true;
        for (xmlNode* c = r->children; c && empty; c = c->next) {
          if (c->type != XML_ELEMENT_NODE) continue;
          if (is_word(c, "rPr")) continue;
          if (!is_word(c, "t") || !content(c).empty()) empty = false;
        }
        if (empty) {
          xmlUnlinkNode(r);
          xmlFreeNode(r);
        }
      }
      r = next;
    }
  }
}

void collect_paragraphs(xmlNode* node, std::vector<xmlNode*>& out) {
  for (xmlNode* c = node->children; c; c = c->next) {
    if (c->type != XML_ELEMENT_NODE) continue;
    if (is_word(c, "p")) out.push_back(c);
    else collect_paragraphs(c, out);
  }
}

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};

}  // namespace

void finish_body(std::string& xml) {
  // Nothing to do in a part without the heading styles and without a closing mark: not parsed.
  if (xml.find("w:val=\"Vanthu") == std::string::npos && xml.find("./.") == std::string::npos) return;
  std::unique_ptr<xmlDoc, DocDeleter> doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "document.xml", "UTF-8", XML_PARSE_NONET | XML_PARSE_HUGE));
  if (!doc) throw std::runtime_error("finish_body: the rendered part is not well-formed XML");
  xmlNode* root = xmlDocGetRootElement(doc.get());
  xmlNode* body = child(root, "body");
  if (!body) return;
  std::vector<xmlNode*> paragraphs;
  collect_paragraphs(body, paragraphs);
  drop_empty_runs(paragraphs);
  number_headings(paragraphs);
  join_closing_marks(body);
  xmlChar* out = nullptr;
  int size = 0;
  xmlDocDumpMemoryEnc(doc.get(), &out, &size, "UTF-8");
  if (!out) throw std::runtime_error("finish_body: could not write the part");
  xml.assign(reinterpret_cast<const char*>(out), static_cast<std::size_t>(size));
  xmlFree(out);
}

}  // namespace vanthu::report
