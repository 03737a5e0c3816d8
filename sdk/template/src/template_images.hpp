//! {%x} images, all in one place: reading a value (base64, a data: URL, an uploaded file),
//! checking the bytes as an upload is checked (the real PNG or JPEG signature and header, sizes,
//! dimensions), sizing the picture (the data's centimetres, else the image's DPI, within its table
//! cell and the text area), the w:drawing written in the run, and the package around it (word/media/imageN.*, the
//! owning part's relationships, [Content_Types].xml).
//!
//! Nothing here runs for a template without image tags: Template::Impl::images is null then, and
//! render() takes its usual path.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <libxml/tree.h>
#include <nlohmann/json.hpp>

#include "template_drawings.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::engine {

struct Program;

//! What an image's header says.
struct ImageFacts {
  enum class Format : unsigned char { png, jpeg } format = Format::png;
  std::uint32_t width = 0;   //!< pixels
  std::uint32_t height = 0;
  double dpi_x = 96;         //!< from PNG pHYs or JPEG JFIF; 96 when the image does not say
  double dpi_y = 96;
};

//! Reads a PNG (signature, IHDR first, chunks whole up to IEND) or a JPEG (SOI, a SOF frame
//! header, the scan ended by EOI). nullopt with `code` (unsupported_image, corrupt_image) and a
//! Vietnamese `why` otherwise. Reads headers only, never pixels.
std::optional<ImageFacts> read_image_facts(std::string_view bytes, std::string& code, std::string& why);

//! Standard base64 (RFC 4648 §4), ASCII blanks ignored, "=" padding optional. False for anything
//! else. The decoded size is known from the length before decoding: past `max_bytes`, `too_large`
//! is set and nothing is decoded.
bool decode_base64(std::string_view text, std::string& out, std::size_t max_bytes, bool& too_large);

//! Centres the paragraph `p` ({%%x}): its w:jc becomes "center", a w:pPr and a w:jc made where
//! missing, in the schema's order (Word refuses a w:pPr whose children are out of order).
void center_paragraph(xmlNode* p);

//! How wide a picture in the w:t `t` may be when `t` is in a table cell, in EMU: the innermost
//! cell whose width is known (its w:tcW in twips, else the w:gridCol widths of the columns it
//! spans), less its left and right margins (its w:tcMar, else the table's w:tblCellMar, else
//! Word's 108 twips a side). 0 when `t` is in no such cell.
std::int64_t cell_text_width(const xmlNode* t);

//! What the package holds that placing images needs, found once when the template is compiled.
struct ImagePlan {
  struct Part {  //!< a part holding {%x} tags
    std::string name;          //!< "word/header1.xml"
    std::string rels;          //!< "word/_rels/header1.xml.rels"
    bool rels_exists = false;
    std::string media_target;  //!< what a relationship's target starts with: "media/" or "/word/media/"
    std::set<std::string> ids; //!< relationship ids the part already has
    //! A strict OOXML part (its relationships', else the package's, types are under
    //! http://purl.oclc.org/ooxml/): its pictures' relationship type and namespaces are strict's.
    bool strict = false;
  };
  std::vector<Part> parts;
  std::unordered_map<std::size_t, std::size_t> part_of_entry;  //!< entry index → parts index
  std::set<std::string> names_lower;  //!< every entry's name, lower case (part names are case-insensitive)
  std::int64_t max_cx = 5'760'000;    //!< EMU: the main part's text width (16 cm without a w:sectPr)
  std::int64_t max_cy = 8'640'000;    //!< EMU: its text height (24 cm)
};

//! The plan for a compiled template, or null when no program has an image slot.
std::shared_ptr<const ImagePlan> plan_images(const std::vector<ZipEntry>& entries, const std::vector<int>& program_of_entry,
                                             const std::vector<Program>& programs, const ZipLimits& limits);

//! One render's images: each distinct value read and checked once, identical bytes sharing one
//! media part, a relationship per part and media, docPr ids unique in the document (taken from
//! `drawings`, which numbers the template's repeated drawings too).
class ImageRender {
 public:
  ImageRender(const ImagePlan& plan, const RenderOptions& options, DrawingIds& drawings);

  enum class Placed { written, refused, refused_before };
  //! Appends the w:drawing for `value` (a string or an object, not null) in part `entry`, with
  //! `prefix` the WordprocessingML prefix ("w:"), at most `max_cx` EMU wide when not 0 (a table
  //! cell's width) and never wider or taller than the text area. refused: nothing written,
  //! `code` and `why` say why (the first time this value is refused); refused_before: refused already.
  Placed place(const nlohmann::json& value, std::size_t entry, std::string_view prefix, std::int64_t max_cx, std::string& out,
               std::string& code, std::string& why);

  //! Whether the render placed any image (else the package is written as stored).
  bool used() const { return !media_.empty(); }
  //! Whether the stored part `name` is written changed: the relationships of a part that got
  //! images, [Content_Types].xml.
  bool rewrites(const std::string& name) const;
  //! `content` (the part as it would be written) with the images' relationships or content types added.
  std::string rewritten(const std::string& name, const std::string& content) const;
  //! The parts to add after the stored ones: relationship parts the template lacked, the media.
  void add_parts(ZipWriter& writer, int compression_level) const;

 private:
  struct Media {
    std::string name;  //!< "word/media/image3.png"
    std::string bytes;
    ImageFacts facts;
  };
  struct Reading {  //!< a value, read once
    bool ok = false;
    std::size_t media = 0;
    double cx = 0, cy = 0;  //!< EMU, as the data or the image's DPI says, before any bound
    std::string alt;
  };

  bool read(const nlohmann::json& value, Reading& reading, std::string& code, std::string& why);
  bool take_bytes(std::string bytes, Reading& reading, std::string& code, std::string& why);
  const std::string& relationship(std::size_t part, std::size_t media);

  const ImagePlan& plan_;
  const ImageLimits limits_;
  const ImageFiles files_;
  std::deque<Media> media_;  //!< a deque: media_by_bytes_ holds views into its strings
  std::unordered_map<std::string_view, std::size_t> media_by_bytes_;  //!< views into media_[i].bytes
  std::size_t total_bytes_ = 0;
  std::unordered_map<const nlohmann::json*, Reading> readings_;
  //! Files by name, each asked for once however many values name it (a loop of 10,000 items
  //! naming one 10 MiB upload must not copy it 10,000 times): its media, or why it was refused.
  struct FileReading {
    bool ok = false;
    std::size_t media = 0;
    std::string code, why;
  };
  std::map<std::string, FileReading, std::less<>> files_read_;
  //! Per plan part: media index → relationship id, in the order they were made.
  std::vector<std::vector<std::pair<std::size_t, std::string>>> rels_;
  DrawingIds& drawings_;
};

}  // namespace vanthu::engine
