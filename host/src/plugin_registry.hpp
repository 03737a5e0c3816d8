//! The report types the host serves: one plugin (shared library) each, loaded once at start-up.
//!
//! Every *.so in the plugins directory is opened (RTLD_LOCAL | RTLD_NOW), asked for its
//! descriptor and checked: ABI, required fields, id, schema, example, template. A plugin that
//! fails any check is refused with a sentence naming the file and the reason; the others are
//! served. Libraries are never unloaded.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "vanthu/plugin_abi.h"
#include "vanthu/template_engine.hpp"

namespace vanthu::host {

//! One report type (loại báo cáo) as the host knows it once its plugin passed every check.
//! Immutable and shared between request threads.
struct ReportType {
  std::string id;            //!< [a-z0-9-]+, unique among loaded plugins
  std::string name;          //!< Vietnamese display name
  std::string version;       //!< the plugin's own version
  std::filesystem::path library;  //!< the .so it came from (named in every log line about it)
  std::string template_name;      //!< file name inside the templates directory
  nlohmann::json schema;          //!< input JSON Schema, checked with vanthu::check_schema
  nlohmann::json example;         //!< an input valid against schema
  //! The schema and the example in the plugin's own member order, for those who show them (the
  //! desk's forms list fields in the order the report type wrote them; nlohmann::json sorts keys).
  nlohmann::ordered_json schema_as_written;
  nlohmann::ordered_json example_as_written;
  std::shared_ptr<const vanthu::Template> document_template;  //!< parsed once, shared
  std::string template_docx;      //!< its bytes (GET /v1/report-types/{id}/template)
  vanthu_on_build_model on_build_model = nullptr;
  vanthu_on_release on_release = nullptr;
  //! The in-process path (plugin_abi.h): set only when the plugin offers it and its native_key
  //! equals the host's, so build_model may hand it the parsed input; otherwise null (JSON text).
  vanthu_on_build_model_native on_build_model_native = nullptr;
  //! Why a plugin's in-process path is not used although it offers one (keys differ), for the
  //! start-up log; empty otherwise.
  std::string native_path_note;

  //! What the plugin's model of its own example input gives, computed at load: the data a
  //! template of this report type reads (templates' tag paths are checked against it) and the
  //! parts the model replaces (a template must have them). example_data is null when the plugin
  //! could not build its example's model; example_model_error then says why.
  nlohmann::json example_data;
  std::vector<std::string> required_parts;  //!< docProps/core.xml and the parts the model replaces
  std::string example_model_error;
  //! The built-in template's tags the example's model cannot fill (logged at start-up).
  std::vector<vanthu::TemplateIssue> template_warnings;
};

//! A plugin the host would not serve, and why (a Vietnamese sentence that says what to fix).
struct PluginRefusal {
  std::filesystem::path file;
  std::string reason;
};

class PluginRegistry {
 public:
  //! Scans `plugins_dir` for *.so files in name order and loads each. Templates are looked up
  //! in `templates_dir`. Problems with single plugins become refusals; only an unreadable or
  //! missing plugins directory throws (std::runtime_error), since nothing could be served.
  static PluginRegistry load(const std::filesystem::path& plugins_dir, const std::filesystem::path& templates_dir);

  //! nullptr when no loaded plugin has this id.
  const ReportType* find(std::string_view id) const;
  //! Loaded report types, ordered by id.
  const std::vector<std::shared_ptr<const ReportType>>& report_types() const { return report_types_; }
  //! Refused plugins, in the order they were tried.
  const std::vector<PluginRefusal>& refusals() const { return refusals_; }

 private:
  std::vector<std::shared_ptr<const ReportType>> report_types_;
  std::vector<PluginRefusal> refusals_;
};

}  // namespace vanthu::host
