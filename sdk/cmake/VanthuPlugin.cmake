# vanthu_add_plugin(<id> SOURCES ... SCHEMA schema.json EXAMPLE example.json [TEMPLATE name.docx])
#
# Builds a report-type plugin: a MODULE library named <id>.so in the plugins directory, hidden
# visibility (only vanthu_plugin_entry is exported), with its JSON Schema and example input
# embedded as string constants (vanthu_embedded::schema, vanthu_embedded::example).
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
    else()
      set(text "")
    endif()
    string(APPEND content "extern const std::string_view ${name};\nconst std::string_view ${name} = R\"vanthu_embedded(${text})vanthu_embedded\";\n")
  endforeach()
  string(APPEND content "}  // namespace vanthu_embedded\n")
  file(WRITE ${embedded}.new "${content}")
  configure_file(${embedded}.new ${embedded} COPYONLY)  # touches the file only when it changed
  add_library(${target} MODULE ${P_SOURCES} ${embedded})
  if(NOT P_OUTPUT_DIRECTORY)
    set(P_OUTPUT_DIRECTORY ${VANTHU_PLUGIN_DIR})
  endif()
  set_target_properties(${target} PROPERTIES
    PREFIX "" OUTPUT_NAME "${id}"
    LIBRARY_OUTPUT_DIRECTORY ${P_OUTPUT_DIRECTORY}
    CXX_VISIBILITY_PRESET hidden VISIBILITY_INLINES_HIDDEN ON
    BUILD_RPATH "\$ORIGIN/../lib")
  target_link_libraries(${target} PRIVATE vanthu::core)
  target_compile_definitions(${target} PRIVATE VANTHU_PLUGIN_ID="${id}")
  set(VANTHU_LAST_PLUGIN_TARGET ${target} PARENT_SCOPE)
endfunction()

# vanthu_add_plugin_rules(<target> SOURCES ... [UNIT_TEST <test target>])
#
# A report type's rules (its phrases, checks and model) as a static library that both the plugin
# and its unit test link, so the test exercises the very code the plugin runs. Link the plugin to
# it with target_link_libraries(${VANTHU_LAST_PLUGIN_TARGET} PRIVATE <target>).
#
# Hidden visibility, like the plugin it goes into: a rules library must not add to the plugin's
# exports (only vanthu_plugin_entry). UNIT_TEST names the test target (tests/unit/<area>_test.cpp
# -> test_<area>) that links the rules too. tests/ is configured after plugins/, so the link is
# deferred to the end of the top-level directory, when the test target exists; when the tests are
# left out of the build there is no such target and nothing is linked.
function(vanthu_add_plugin_rules target)
  cmake_parse_arguments(R "" "UNIT_TEST" "SOURCES" ${ARGN})
  add_library(${target} STATIC ${R_SOURCES})
  target_include_directories(${target} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR})
  target_link_libraries(${target} PUBLIC vanthu::core)
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
