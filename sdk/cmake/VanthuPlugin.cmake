# CMake helpers for report-type plugins. The same file serves the Vanthu tree (sdk/CMakeLists.txt
# includes it) and a plugin's own project (find_package(Vanthu) includes the installed copy): it
# names only what both give, the targets Vanthu::<part> and Vanthu::pack.

# vanthu_add_plugin(<id> SOURCES ... SCHEMA schema.json EXAMPLE example.json [OUTPUT_DIRECTORY dir])
#
# Builds a report-type plugin: a MODULE library named <id>.so, hidden visibility (only
# vanthu_plugin_entry is exported), linking Vanthu::report (the report-authoring layer, with the
# input and text parts its headers include), with its JSON Schema and example input embedded as string constants (vanthu_embedded::schema, vanthu_embedded::example). The target is
# plugin_<id as a C identifier>, also left in VANTHU_LAST_PLUGIN_TARGET. It goes into
# OUTPUT_DIRECTORY, by default where CMake puts libraries (CMAKE_LIBRARY_OUTPUT_DIRECTORY, else
# the current binary directory): the directory the host's --plugins-dir names.
# The definitions every report type shares (sdk/schemas/common.json in the tree; installed beside
# this file): a schema refers to them as {"$ref": "#/$defs/signature"}.
foreach(_vanthu_defs ${CMAKE_CURRENT_LIST_DIR}/../schemas/common.json ${CMAKE_CURRENT_LIST_DIR}/common-defs.json)
  if(EXISTS ${_vanthu_defs})
    get_filename_component(_vanthu_defs ${_vanthu_defs} ABSOLUTE)
    set_property(GLOBAL PROPERTY VANTHU_COMMON_DEFS_FILE ${_vanthu_defs})
    break()
  endif()
endforeach()

# The schema text with the shared definitions it refers to ("#/$defs/<name>") copied into its
# $defs, those they refer to in turn too; a definition of the schema's own wins.
function(_vanthu_with_common_defs text out)
  get_property(defs_file GLOBAL PROPERTY VANTHU_COMMON_DEFS_FILE)
  if(NOT defs_file)
    set(${out} "${text}" PARENT_SCOPE)
    return()
  endif()
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${defs_file}")
  file(READ "${defs_file}" common)
  string(JSON count LENGTH "${common}" "$defs")
  math(EXPR last "${count} - 1")
  set(added TRUE)
  while(added)
    set(added FALSE)
    foreach(i RANGE ${last})
      string(JSON name MEMBER "${common}" "$defs" ${i})
      string(FIND "${text}" "\"#/$defs/${name}\"" used)
      if(used EQUAL -1)
        continue()
      endif()
      string(JSON own ERROR_VARIABLE missing GET "${text}" "$defs" "${name}")
      if(NOT missing)
        continue()
      endif()
      string(JSON have ERROR_VARIABLE no_defs GET "${text}" "$defs")
      if(no_defs)
        string(JSON text SET "${text}" "$defs" "{}")
      endif()
      string(JSON value GET "${common}" "$defs" "${name}")
      string(JSON text SET "${text}" "$defs" "${name}" "${value}")
      set(added TRUE)
    endforeach()
  endwhile()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

function(vanthu_add_plugin id)
  cmake_parse_arguments(P "" "SCHEMA;EXAMPLE;OUTPUT_DIRECTORY" "SOURCES" ${ARGN})
  string(MAKE_C_IDENTIFIER "${id}" target)
  set(target "plugin_${target}")
  set(embedded ${CMAKE_CURRENT_BINARY_DIR}/${target}_embedded.cpp)
  set(content "// Generated from ${P_SCHEMA} and ${P_EXAMPLE}; do not edit.\n#include <string_view>\nnamespace vanthu_embedded {\n")
  foreach(pair "schema;${P_SCHEMA}" "example;${P_EXAMPLE}")
    list(GET pair 0 name)
    list(GET pair 1 file)
    if(file)
      get_filename_component(file "${file}" ABSOLUTE)
      set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${file}")
      file(READ "${file}" text)
      if(name STREQUAL "schema")
        _vanthu_with_common_defs("${text}" text)
      endif()
    else()
      set(text "")
    endif()
    string(APPEND content "extern const std::string_view ${name};\nconst std::string_view ${name} = R\"vanthu_embedded(${text})vanthu_embedded\";\n")
  endforeach()
  string(APPEND content "}  // namespace vanthu_embedded\n")
  file(WRITE ${embedded}.new "${content}")
  configure_file(${embedded}.new ${embedded} COPYONLY)  # touches the file only when it changed
  add_library(${target} MODULE ${P_SOURCES} ${embedded})
  if(P_OUTPUT_DIRECTORY)
    set_target_properties(${target} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIRECTORY})
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX "" OUTPUT_NAME "${id}"
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  target_link_libraries(${target} PRIVATE Vanthu::report)
  target_compile_definitions(${target} PRIVATE VANTHU_PLUGIN_ID="${id}")
  set(VANTHU_LAST_PLUGIN_TARGET ${target} PARENT_SCOPE)
endfunction()

# vanthu_add_template(<name> <source dir> [OUTPUT_DIRECTORY dir])
#
# Packs a template kept as reviewable XML (the folder holds exactly the parts of the package:
# [Content_Types].xml, _rels/.rels, word/document.xml, docProps/core.xml, ...) into <name>.docx
# with vanthu-pack, which checks every part is well-formed XML and always gives the same bytes
# for the same source. The file goes into OUTPUT_DIRECTORY (default: the current binary
# directory), the directory the host's --templates-dir names; <name>.docx is what the plugin's
# VANTHU_REPORT_TYPE gives as its template. Built with `all`, by the target template_<name as a C
# identifier>, also left in VANTHU_LAST_TEMPLATE_TARGET.
function(vanthu_add_template name source_dir)
  cmake_parse_arguments(T "" "OUTPUT_DIRECTORY" "" ${ARGN})
  get_filename_component(source_dir "${source_dir}" ABSOLUTE)
  if(NOT IS_DIRECTORY "${source_dir}")
    message(FATAL_ERROR "vanthu_add_template(${name}): ${source_dir} is not a directory")
  endif()
  if(NOT T_OUTPUT_DIRECTORY)
    set(T_OUTPUT_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  string(MAKE_C_IDENTIFIER "${name}" target)
  set(target "template_${target}")
  set(out ${T_OUTPUT_DIRECTORY}/${name}.docx)
  file(GLOB_RECURSE parts CONFIGURE_DEPENDS ${source_dir}/*)
  add_custom_command(OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${T_OUTPUT_DIRECTORY}
    COMMAND Vanthu::pack ${source_dir} ${out}
    DEPENDS Vanthu::pack ${parts}
    COMMENT "Packing template ${name}.docx"
    VERBATIM)
  add_custom_target(${target} ALL DEPENDS ${out})
  set(VANTHU_LAST_TEMPLATE_TARGET ${target} PARENT_SCOPE)
endfunction()

# vanthu_add_plugin_rules(<target> SOURCES ... [UNIT_TEST <test target>])
#
# A report type's rules (its phrases, checks and model) as a static library that both the plugin
# and its unit test link, so the test exercises the very code the plugin runs. Link the plugin to
# it with target_link_libraries(${VANTHU_LAST_PLUGIN_TARGET} PRIVATE <target>).
#
# Hidden visibility, like the plugin it goes into: a rules library must not add to the plugin's
# exports (only vanthu_plugin_entry). UNIT_TEST names the test target (in the Vanthu tree,
# tests/unit/<area>_test.cpp -> test_<area>) that links the rules too. The test may be declared
# later (in the Vanthu tree tests/ is configured after plugins/), so the link is deferred to the
# end of the project's top directory, when the test target exists; when there is no such target
# (tests left out of the build) nothing is linked.
function(vanthu_add_plugin_rules target)
  cmake_parse_arguments(R "" "UNIT_TEST" "SOURCES" ${ARGN})
  add_library(${target} STATIC ${R_SOURCES})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${target} PUBLIC Vanthu::report)
  set_target_properties(${target} PROPERTIES
    POSITION_INDEPENDENT_CODE ON CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON)
  if(R_UNIT_TEST)
    # EVAL so the target names are expanded now, not when the deferred call runs.
    cmake_language(EVAL CODE
      "cmake_language(DEFER DIRECTORY [[${PROJECT_SOURCE_DIR}]] CALL _vanthu_link_rules_to_unit_test [[${R_UNIT_TEST}]] [[${target}]])")
  endif()
endfunction()

function(_vanthu_link_rules_to_unit_test test rules)
  if(TARGET ${test})
    target_link_libraries(${test} PRIVATE ${rules})
  endif()
endfunction()

# vanthu_add_report_type(<id> RULES <source>... [ENTRY plugin.cpp] [SCHEMA schema.json]
#                        [EXAMPLE <input.json>] [UNIT_TEST <test target>])
#
# One call per report type, the same in every plugins/<id>/ folder:
#   plugin.cpp   the entry (VANTHU_REPORT_TYPE), nothing else
#   rules.hpp    what the type computes, and its build()
#   rules.cpp …  the rules library (vanthu_add_plugin_rules), linked by the plugin and its unit test
#   schema.json  the input's JSON Schema
# EXAMPLE defaults to the first samples/<id>/*.json of the project, which the golden test also
# renders. The plugin target is added to vanthu_plugins when that target exists.
function(vanthu_add_report_type id)
  cmake_parse_arguments(T "" "ENTRY;SCHEMA;EXAMPLE;UNIT_TEST" "RULES" ${ARGN})
  if(NOT T_ENTRY)
    set(T_ENTRY plugin.cpp)
  endif()
  if(NOT T_SCHEMA)
    set(T_SCHEMA schema.json)
  endif()
  if(NOT T_EXAMPLE)
    file(GLOB samples CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/samples/${id}/*.json)
    list(SORT samples)
    list(GET samples 0 T_EXAMPLE)
  endif()
  string(MAKE_C_IDENTIFIER "${id}" name)
  set(rules ${name}_rules)
  if(T_UNIT_TEST)
    vanthu_add_plugin_rules(${rules} SOURCES ${T_RULES} UNIT_TEST ${T_UNIT_TEST})
  else()
    vanthu_add_plugin_rules(${rules} SOURCES ${T_RULES})
  endif()
  vanthu_add_plugin(${id} SOURCES ${T_ENTRY} SCHEMA ${T_SCHEMA} EXAMPLE ${T_EXAMPLE})
  target_link_libraries(${VANTHU_LAST_PLUGIN_TARGET} PRIVATE ${rules})
  if(TARGET vanthu_plugins)
    add_dependencies(vanthu_plugins ${VANTHU_LAST_PLUGIN_TARGET})
  endif()
  set(VANTHU_LAST_PLUGIN_TARGET ${VANTHU_LAST_PLUGIN_TARGET} PARENT_SCOPE)
endfunction()
