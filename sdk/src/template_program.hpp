//! A compiled part: literal XML bytes and a few operations, walked once per render with no XML
//! work at all. Also the Template's private state.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "template_tags.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::engine {

enum class OpKind : std::uint8_t {
  literal,   //!< pool[a, a + b)
  value,     //!< values[a]
  section,   //!< {#paths[a]}: body is ops up to index b
  inverted,  //!< {^paths[a]}: body is ops up to index b
  guard,     //!< guards[a] over the body (ops up to b): an element a loop may leave empty
  raw,       //!< values[a] as WordprocessingML replacing a whole paragraph ({@x})
};

struct Op {
  OpKind kind = OpKind::literal;
  std::uint32_t a = 0;
  std::uint32_t b = 0;
};

//! A {value} tag: where to look, how to name it when missing, how to break a line inside it.
struct ValueSlot {
  std::uint32_t path = 0;
  std::uint32_t label = 0;       //!< index into Program::labels
  std::uint32_t line_break = 0;  //!< index into Program::line_breaks
};

//! What must be true of an element after its loops ran: a w:tc ends with a paragraph, a
//! w:tbl has a row (Word refuses either otherwise).
struct Guard {
  std::string probe;   //!< "<w:p" / "<w:tr": an element that must start somewhere in the output
  std::string filler;  //!< appended when it does not ("<w:p/>"); empty: the output is dropped
};

struct Program {
  std::string pool;  //!< every literal byte, in order
  std::vector<Op> ops;
  std::vector<Path> paths;
  std::vector<ValueSlot> values;
  std::vector<std::string> labels;       //!< "{a.b} (word/document.xml)"
  std::vector<std::string> line_breaks;  //!< "</w:t><w:br/><w:t xml:space=\"preserve\">"
  std::vector<Guard> guards;
};

//! Renders `program` against `data`, appending XML to `out` and newly missing labels to `missing`.
void render_program(const Program& program, const nlohmann::json& data, std::string& out,
                    std::vector<std::string>& missing);

//! A part compiled from its XML. has_tags false: the part is copied as stored.
struct CompiledPart {
  bool has_tags = false;
  Program program;
  std::vector<TagInfo> tags;
};

//! Steps 1-4 for one part. Issues are appended; the program is only usable when none were added.
CompiledPart compile_part(std::string_view part, std::string_view xml, const Delimiters& delimiters,
                          std::vector<TemplateIssue>& issues);

}  // namespace vanthu::engine

namespace vanthu {

struct Template::Impl {
  TemplateOptions options;
  std::vector<ZipEntry> entries;               //!< as stored in the template, in order
  std::vector<int> program_of_entry;           //!< index into programs, -1: copied as stored
  std::vector<engine::Program> programs;
  std::vector<TagInfo> tags;
  std::size_t output_hint = 0;                 //!< likely size of a rendered docx, for reserve()
  std::size_t rendered_size = 0;               //!< literal XML bytes of the templated parts
};

}  // namespace vanthu
