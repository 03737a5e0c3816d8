# Advance widths of Liberation Serif compiled into libvanthu-text (nd30::text_width_pt).
# gen_font_metrics (a standalone tool, it links no part of the SDK) reads the four TTF files
# and writes ${CMAKE_BINARY_DIR}/generated/font_metrics.cpp, which is added to vanthu_text.
# Included from fonts/CMakeLists.txt, which sets VANTHU_FONT_DIR.

set(_vanthu_font_styles Regular Bold Italic BoldItalic)
set(VANTHU_FONT_FILES "")
set(_vanthu_missing_fonts "")
foreach(_style IN LISTS _vanthu_font_styles)
  set(_file "${VANTHU_FONT_DIR}/LiberationSerif-${_style}.ttf")
  if(NOT EXISTS "${_file}")
    list(APPEND _vanthu_missing_fonts "${_file}")
  endif()
  list(APPEND VANTHU_FONT_FILES "${_file}")
endforeach()
if(_vanthu_missing_fonts)
  list(JOIN _vanthu_missing_fonts "\n  " _missing_text)
  message(FATAL_ERROR
    "Liberation Serif is needed to measure text (font metrics), but these files are missing:\n"
    "  ${_missing_text}\n"
    "Install the Debian package fonts-liberation2 (apt-get install fonts-liberation2), or point "
    "VANTHU_FONT_DIR at a directory holding LiberationSerif-{Regular,Bold,Italic,BoldItalic}.ttf.")
endif()

add_executable(vanthu-gen-font-metrics ${PROJECT_SOURCE_DIR}/sdk/tools/gen_font_metrics.cpp)

set(VANTHU_FONT_METRICS_SOURCE ${CMAKE_BINARY_DIR}/generated/font_metrics.cpp)
add_custom_command(
  OUTPUT ${VANTHU_FONT_METRICS_SOURCE}
  COMMAND vanthu-gen-font-metrics ${VANTHU_FONT_METRICS_SOURCE} ${VANTHU_FONT_FILES}
  DEPENDS vanthu-gen-font-metrics ${VANTHU_FONT_FILES}
  COMMENT "Generating Liberation Serif advance widths (font_metrics.cpp)"
  VERBATIM)
# The command lives in this directory and vanthu_text in sdk/text/: a custom target here owns the rule
# so generators build it before compiling vanthu_text (the GENERATED property is global, CMP0118).
add_custom_target(vanthu_font_metrics DEPENDS ${VANTHU_FONT_METRICS_SOURCE})
if(NOT TARGET vanthu_text)
  message(FATAL_ERROR "fonts/ must be added after sdk/ (it adds the font metrics to vanthu_text)")
endif()
target_sources(vanthu_text PRIVATE ${VANTHU_FONT_METRICS_SOURCE})
add_dependencies(vanthu_text vanthu_font_metrics)
