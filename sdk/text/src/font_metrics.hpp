//! Advance widths of Liberation Serif (metric-compatible with Times New Roman), generated at
//! build time by sdk/tools/gen_font_metrics.cpp from the installed TTF files. Private to
//! libvanthu-text: nd30::text_width_pt() is the public way to measure text.
#pragma once

#include <cstddef>
#include <cstdint>

namespace vanthu::detail {

enum class FontStyle { regular, bold, italic, bold_italic };

//! One mapped code point and its advance width in font units.
struct GlyphAdvance {
  char32_t code_point;
  std::uint16_t advance;
};

//! One style of the font: units per em and the advances sorted by code point.
struct FontMetrics {
  std::uint16_t units_per_em;
  const GlyphAdvance* advances;
  std::size_t count;
};

//! The generated table for a style (defined in ${build}/generated/font_metrics.cpp).
const FontMetrics& font_metrics(FontStyle style);

}  // namespace vanthu::detail
