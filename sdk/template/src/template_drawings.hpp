//! The wp:docPr ids of a rendered document, unique across all its parts (ECMA-376 Part 1,
//! 20.4.2.5: Word may call a file with two equal ids corrupt). Two kinds of drawing need an id
//! chosen at render time: the template's own drawings inside a section, which a loop repeats
//! (the serializer writes their id as an OpKind::drawing_id), and the {%x} pictures.
//!
//! A template drawing keeps its own id the first time it is written, unless the package also
//! writes that id where no section can repeat it; every other one gets a new id above all the
//! package's ids, from the same counter the pictures use. Drawings outside sections are literal
//! XML and keep their ids. The order of the parts' rendering is fixed, so the ids are too.
//!
//! Nothing here runs for a template without such drawings and without image tags:
//! Template::Impl::drawings is null then.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::engine {

struct Program;

//! Calls `found(id)` for each wp:docPr start tag of `xml` whose id attribute is a number.
template <typename Found>
void each_docpr_id(std::string_view xml, const Found& found);

//! What numbering drawings needs to know of the package, found once when the template is compiled.
struct DrawingPlan {
  //! The highest id there is: wp:docPr's id is an xsd:unsignedInt.
  static constexpr std::uint64_t kHighestId = 0xFFFF'FFFFu;
  std::uint64_t first_free = 1;  //!< above every wp:docPr id of the package
  //! The ids the package writes where no section repeats them: in parts copied as stored, and
  //! outside sections in templated parts. A template drawing in a section never reuses these.
  std::unordered_set<std::uint64_t> written_elsewhere;
  //! Every id of the package, kept only when they reach past half of kHighestId: new ids that
  //! would pass kHighestId start again from 1, between these.
  std::unordered_set<std::uint64_t> all;
};

//! The plan for a compiled template, or null when no program has a drawing id (and `images` is
//! false: {%x} pictures need new ids too).
std::shared_ptr<const DrawingPlan> plan_drawings(const std::vector<ZipEntry>& entries, const std::vector<int>& program_of_entry,
                                                 const std::vector<Program>& programs, const ZipLimits& limits, bool images);

//! One render's ids.
class DrawingIds {
 public:
  explicit DrawingIds(const DrawingPlan& plan) : plan_(plan), next_(plan.first_free) {}

  //! The id to write for a template drawing whose own id is `own`: `own` the first time, when
  //! nothing else writes it; a new one otherwise.
  std::uint64_t for_template_drawing(std::uint64_t own) {
    if (!plan_.written_elsewhere.count(own) && given_.insert(own).second) return own;
    return fresh();
  }
  //! A new id: above all the package's own, or, past kHighestId, the lowest unused from 1 on.
  std::uint64_t fresh() {
    while (true) {
      if (next_ > DrawingPlan::kHighestId) {
        next_ = 1;
        wrapped_ = true;
      }
      const std::uint64_t id = next_++;
      if (!wrapped_ || !plan_.all.count(id)) return id;
    }
  }

 private:
  const DrawingPlan& plan_;
  std::unordered_set<std::uint64_t> given_;  //!< template ids already written in this render
  std::uint64_t next_;
  bool wrapped_ = false;  //!< past kHighestId: new ids come from 1 on, around the package's
};

template <typename Found>
void each_docpr_id(std::string_view xml, const Found& found) {
  auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  for (std::size_t at = xml.find("docPr"); at != std::string_view::npos; at = xml.find("docPr", at + 5)) {
    if (at == 0 || (xml[at - 1] != ':' && xml[at - 1] != '<') || at + 5 >= xml.size() || !blank(xml[at + 5])) continue;
    const std::size_t open = xml.rfind('<', at);
    if (open == std::string_view::npos || xml.find_first_of(" \t\r\n>", open) < at) continue;  // "<wp:docPr", nothing between
    const std::size_t close = std::min(xml.find('>', at), xml.size());
    const std::string_view tag = xml.substr(at + 5, close - at - 5);
    for (std::size_t k = tag.find("id"); k != std::string_view::npos; k = tag.find("id", k + 2)) {
      if (!blank(tag[k - 1])) continue;  // tag starts with a blank, so k >= 1
      std::size_t v = k + 2;
      while (v < tag.size() && blank(tag[v])) ++v;
      if (v >= tag.size() || tag[v] != '=') continue;
      ++v;
      while (v < tag.size() && blank(tag[v])) ++v;
      if (v >= tag.size() || (tag[v] != '"' && tag[v] != '\'')) continue;
      const char quote = tag[v++];
      std::uint64_t id = 0;
      std::size_t digits = 0;
      for (; v < tag.size() && tag[v] >= '0' && tag[v] <= '9' && digits < 19; ++v, ++digits) id = id * 10 + (tag[v] - '0');
      if (digits > 0 && v < tag.size() && tag[v] == quote) found(id);
      break;
    }
  }
}

}  // namespace vanthu::engine
