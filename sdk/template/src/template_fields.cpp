//! Reading field codes: their names, a HYPERLINK's target, and the walk over a part's fields.
#include "template_fields.hpp"

#include <cstring>
#include <vector>

#include "template_xml.hpp"

namespace vanthu::engine {
namespace {

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; }

bool blank(std::string_view text) {
  for (char c : text)
    if (!is_blank(c)) return false;
  return true;
}

std::string upper_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

//! A field instruction split as Word reads it: blanks separate, "…" quotes (a backslash in it
//! takes the next character as it is), a switch is "\" and what follows up to a blank or quote.
struct Token {
  std::string text;
  bool quoted = false;
  bool is_switch = false;
};

std::vector<Token> tokens_of(std::string_view instruction) {
  std::vector<Token> tokens;
  std::size_t at = 0;
  while (at < instruction.size()) {
    if (is_blank(instruction[at])) {
      ++at;
      continue;
    }
    Token token;
    if (instruction[at] == '"') {
      token.quoted = true;
      for (++at; at < instruction.size() && instruction[at] != '"'; ++at) {
        if (instruction[at] == '\\' && at + 1 < instruction.size()) ++at;
        token.text += instruction[at];
      }
      ++at;  // the closing quote (or the end)
    } else {
      token.is_switch = instruction[at] == '\\';
      while (at < instruction.size() && !is_blank(instruction[at]) && (instruction[at] != '"' || token.text.empty()))
        token.text += instruction[at++];
    }
    tokens.push_back(std::move(token));
  }
  return tokens;
}

constexpr const char* kRemoteFields[] = {"INCLUDEPICTURE", "INCLUDETEXT", "INCLUDE", "IMPORT", "LINK", "DDE", "DDEAUTO", "DATABASE"};

//! An open complex field while walking.
struct OpenField {
  FieldInstruction instruction;
  bool done = false;  //!< its separate came: the instruction is complete (what follows is its result)
};

struct Walker {
  const std::function<void(const FieldInstruction&)>& visit;
  std::vector<OpenField> open;
  bool balanced = true;

  void close_instruction(OpenField& field) {
    if (field.done) return;
    field.done = true;
    visit(field.instruction);
  }

  void walk(const xmlNode* node) {
    for (const xmlNode* child = node->children; child; child = child->next) {
      if (child->type != XML_ELEMENT_NODE) continue;
      if (is_w(child, "fldChar")) {
        fld_char(child);
      } else if (is_w(child, "instrText") || is_w(child, "delInstrText")) {
        if (open.empty() || open.back().done) {
          // Outside any field's instruction: read on its own, so nothing escapes the checks.
          balanced = false;
          visit(FieldInstruction{child_text(child)});
        } else {
          open.back().instruction.text += child_text(child);
        }
      } else if (is_w(child, "fldSimple")) {
        xmlChar* instr = nullptr;
        for (const xmlAttr* a = child->properties; a; a = a->next)
          if (a->ns && a->name && std::strcmp(reinterpret_cast<const char*>(a->name), "instr") == 0)
            instr = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
        FieldInstruction simple{instr ? reinterpret_cast<const char*>(instr) : ""};
        xmlFree(instr);
        walk(child);  // its result may hold fields of its own
        visit(simple);
      } else {
        walk(child);
      }
    }
  }

  void fld_char(const xmlNode* node) {
    std::string type;
    for (const xmlAttr* a = node->properties; a; a = a->next)
      if (a->name && std::strcmp(reinterpret_cast<const char*>(a->name), "fldCharType") == 0) {
        xmlChar* value = xmlNodeGetContent(reinterpret_cast<const xmlNode*>(a));
        type = value ? reinterpret_cast<const char*>(value) : "";
        xmlFree(value);
      }
    if (type == "begin") {
      if (!open.empty() && !open.back().done) {
        FieldInstruction& outer = open.back().instruction;
        outer.nested = true;
        if (blank(outer.text)) outer.name_nested = true;
      }
      open.push_back({});
    } else if (type == "separate" || type == "end") {
      if (open.empty()) {
        balanced = false;
        return;
      }
      close_instruction(open.back());
      if (type == "end") open.pop_back();
    }
  }
};

}  // namespace

std::string field_name(std::string_view instruction) {
  std::size_t at = 0;
  while (at < instruction.size() && is_blank(instruction[at])) ++at;
  if (at < instruction.size() && instruction[at] == '=') return "=";
  std::size_t end = at;
  while (end < instruction.size() && !is_blank(instruction[end]) && instruction[end] != '"' && instruction[end] != '\\') ++end;
  return upper_ascii(instruction.substr(at, end - at));
}

std::optional<std::string> hyperlink_target(std::string_view instruction) {
  std::vector<Token> tokens = tokens_of(instruction);
  for (std::size_t i = 1; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.is_switch && !token.quoted) {
      // \l bookmark, \o tooltip, \t frame and the general switches take an argument; \m, \n, \h none.
      const std::string name = upper_ascii(token.text);
      if (name == "\\L" || name == "\\O" || name == "\\T" || name == "\\*" || name == "\\#" || name == "\\@") ++i;
      continue;
    }
    return token.text;
  }
  return std::nullopt;
}

bool is_remote_field(std::string_view name) {
  for (const char* remote : kRemoteFields)
    if (name == remote) return true;
  return false;
}

const char* remote_field_names() { return "INCLUDEPICTURE, INCLUDETEXT, INCLUDE, IMPORT, LINK, DDE, DDEAUTO, DATABASE"; }

bool walk_fields(const xmlNode* root, const std::function<void(const FieldInstruction&)>& visit) {
  if (!root) return true;
  Walker walker{visit, {}, true};
  walker.walk(root);
  for (auto it = walker.open.rbegin(); it != walker.open.rend(); ++it) walker.close_instruction(*it);
  return walker.balanced && walker.open.empty();
}

}  // namespace vanthu::engine
