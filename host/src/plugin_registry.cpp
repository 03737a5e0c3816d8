#include "plugin_registry.hpp"

#include <algorithm>
#include <cstddef>
#include <cstring>
#include <fstream>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>

#include <boost/dll/shared_library.hpp>

#include "messages.hpp"
#include "render_pipeline.hpp"
#include "vanthu/plugin.hpp"
#include "vanthu/input.hpp"
#include "vanthu/schema.hpp"
#include "vanthu/text.hpp"
#include "vanthu/zip.hpp"

namespace vanthu::host {
namespace {

namespace fs = std::filesystem;

//! Thrown inside the loader for a plugin that cannot be served; the text is the reason.
struct Refused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

//! Plugins are never unloaded: a descriptor's strings and callbacks must stay valid for the
//! life of the process, and dlclose of C++ code with static objects is a source of crashes at
//! exit. So every opened library is kept here, deliberately leaked.
void keep_forever(std::unique_ptr<boost::dll::shared_library> library) {
  static std::mutex mutex;
  static auto* kept = new std::vector<std::unique_ptr<boost::dll::shared_library>>();
  std::lock_guard lock(mutex);
  kept->push_back(std::move(library));
}

std::string to_string(vanthu_str s) { return s.ptr ? std::string(s.ptr, s.len) : std::string(); }

//! A required field of the descriptor: where it ends (to check struct_size) and how to tell it
//! is there.
struct RequiredField {
  const char* name;
  std::size_t end;
  bool (*present)(const vanthu_report_type&);
};

#define VANTHU_FIELD_END(field) (offsetof(vanthu_report_type, field) + sizeof(vanthu_report_type::field))

bool text_present(vanthu_str s) { return s.ptr != nullptr && s.len > 0; }

const RequiredField kRequiredFields[] = {
    {"id", VANTHU_FIELD_END(id), [](const vanthu_report_type& d) { return text_present(d.id); }},
    {"display_name", VANTHU_FIELD_END(display_name), [](const vanthu_report_type& d) { return text_present(d.display_name); }},
    {"version", VANTHU_FIELD_END(version), [](const vanthu_report_type& d) { return text_present(d.version); }},
    {"input_schema", VANTHU_FIELD_END(input_schema), [](const vanthu_report_type& d) { return text_present(d.input_schema); }},
    {"example_input", VANTHU_FIELD_END(example_input), [](const vanthu_report_type& d) { return text_present(d.example_input); }},
    {"template_name", VANTHU_FIELD_END(template_name), [](const vanthu_report_type& d) { return text_present(d.template_name); }},
    {"on_build_model", VANTHU_FIELD_END(on_build_model), [](const vanthu_report_type& d) { return d.on_build_model != nullptr; }},
    {"on_release", VANTHU_FIELD_END(on_release), [](const vanthu_report_type& d) { return d.on_release != nullptr; }},
};

#undef VANTHU_FIELD_END

//! Copies what the plugin knows of the descriptor into a zero-filled one of the host's layout
//! (the plugin may be older — fewer fields — or newer — more fields we ignore), then checks
//! that every field this host needs is there.
vanthu_report_type copy_descriptor(const vanthu_report_type& raw, const std::string& file_name) {
  if (raw.abi_major != VANTHU_ABI_MAJOR) {
    throw Refused("plugin " + file_name + " được biên dịch cho ABI " + std::to_string(raw.abi_major) +
                  ", máy chủ dùng ABI " + std::to_string(VANTHU_ABI_MAJOR) + ": hãy biên dịch lại " + file_name +
                  " với sdk/report/include/vanthu/plugin_abi.h của phiên bản này (built for plugin ABI " +
                  std::to_string(raw.abi_major) + ", host ABI is " + std::to_string(VANTHU_ABI_MAJOR) + ")");
  }
  const std::size_t known = raw.struct_size;
  if (known < offsetof(vanthu_report_type, id)) {
    throw Refused("struct_size = " + std::to_string(known) + " nhỏ hơn cả phần đầu của vanthu_report_type: hãy biên dịch lại " +
                  file_name + " với sdk/report/include/vanthu/plugin_abi.h của phiên bản này");
  }
  vanthu_report_type descriptor;
  std::memset(&descriptor, 0, sizeof descriptor);
  std::memcpy(&descriptor, &raw, std::min(known, sizeof descriptor));
  for (const auto& field : kRequiredFields) {
    if (known < field.end) {
      throw Refused("mô tả vanthu_report_type chỉ có " + std::to_string(known) + " byte, thiếu trường bắt buộc " + field.name +
                    " (cần " + std::to_string(field.end) + " byte): hãy biên dịch lại " + file_name +
                    " với sdk/report/include/vanthu/plugin_abi.h của phiên bản này");
    }
    if (!field.present(descriptor)) throw Refused(std::string("trường bắt buộc ") + field.name + " của vanthu_report_type để trống");
  }
  return descriptor;
}

bool valid_id(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

std::string problems_text(const vanthu::Problems& problems) {
  std::string text;
  for (const auto& p : problems) {
    if (!text.empty()) text += "; ";
    text += problem_line(p);
  }
  return text;
}

std::string read_bytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("không đọc được tệp");
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) throw std::runtime_error("lỗi khi đọc tệp");
  return bytes.str();
}

//! The model of the plugin's own example: what its templates may read. A plugin that cannot build
//! it is still served (its requests may succeed); its templates are then not checked field by field.
void derive_example_model(ReportType& type) {
  type.required_parts = {"docProps/core.xml"};
  BuiltModel built = build_model(type, type.example);
  if (built.status != BuiltModel::Status::ok) {
    type.example_model_error = built.status == BuiltModel::Status::invalid_input
                                   ? "plugin từ chối chính ví dụ của nó: " + problems_text(built.problems)
                                   : built.detail;
    return;
  }
  type.example_data = built.model["data"];
  if (auto parts = built.model.find("parts"); parts != built.model.end() && parts->is_object())
    for (const auto& [name, xml] : parts->items()) type.required_parts.push_back(name);
  vanthu::CheckOptions check;
  check.package = false;
  check.model_data = &type.example_data;
  for (auto& issue : vanthu::check_template(type.template_docx, {}, check).issues)
    if (issue.code == "unknown_field" || issue.code == "not_text" || issue.code == "filter_type")
      type.template_warnings.push_back(std::move(issue));
}

//! Everything about one plugin file except dlopen: descriptor, id, schema, example, template.
std::shared_ptr<ReportType> check_plugin(const vanthu_report_type& raw, const fs::path& file, const fs::path& templates_dir,
                                         const std::vector<std::shared_ptr<const ReportType>>& loaded) {
  const std::string file_name = file.filename().string();
  vanthu_report_type d = copy_descriptor(raw, file_name);
  auto type = std::make_shared<ReportType>();
  type->library = file;
  type->id = to_string(d.id);
  type->name = to_string(d.display_name);
  type->version = to_string(d.version);
  type->template_name = to_string(d.template_name);
  type->on_build_model = d.on_build_model;
  type->on_release = d.on_release;
  if (d.on_build_model_native) {
    const std::string key = to_string(d.native_key);
    if (key == vanthu::plugin::native_key())
      type->on_build_model_native = d.on_build_model_native;
    else
      type->native_path_note = "khóa \"" + log_safe(key, 200) + "\" khác khóa của máy chủ \"" +
                               std::string(vanthu::plugin::native_key()) + "\": dùng đường JSON (native key differs, using JSON text)";
  }

  if (!valid_id(type->id)) {
    throw Refused("id \"" + log_safe(type->id, 80) + "\" không hợp lệ: chỉ dùng chữ thường a-z, chữ số và dấu gạch ngang");
  }
  for (const auto& other : loaded) {
    if (other->id == type->id) {
      throw Refused("id \"" + type->id + "\" trùng với plugin đã nạp " + other->library.filename().string() +
                    ": mỗi loại báo cáo chỉ được một plugin");
    }
  }
  if (!vanthu::text::is_valid_utf8(type->name)) throw Refused("display_name không phải UTF-8 hợp lệ");
  if (!vanthu::text::is_valid_utf8(type->version)) throw Refused("version không phải UTF-8 hợp lệ");

  const std::string schema_text = to_string(d.input_schema);
  try {
    type->schema = nlohmann::json::parse(schema_text);
    type->schema_as_written = nlohmann::ordered_json::parse(schema_text);
  } catch (const nlohmann::json::exception& e) {
    throw Refused(std::string("input_schema không phải JSON hợp lệ: ") + e.what());
  }
  if (auto problems = vanthu::check_schema(type->schema); !problems.empty()) {
    throw Refused("input_schema dùng điều JSON Schema mà máy chủ không hiểu: " + problems_text(problems));
  }

  vanthu::InputDocument example = vanthu::read_input(to_string(d.example_input));
  if (example.malformed || !example.problems.empty()) {
    throw Refused("example_input không đọc được: " + problems_text(example.problems));
  }
  if (auto problems = vanthu::validate(type->schema, example.value); !problems.empty()) {
    throw Refused("example_input không đúng với input_schema của chính plugin: " + problems_text(problems));
  }
  type->example = std::move(example.value);
  type->example_as_written = nlohmann::ordered_json::parse(to_string(d.example_input), nullptr, false);
  if (type->example_as_written.is_discarded()) type->example_as_written = nlohmann::ordered_json(nullptr);

  const fs::path template_file_name(type->template_name);
  if (template_file_name.has_parent_path() || template_file_name.filename() != template_file_name ||
      type->template_name == "." || type->template_name == "..") {
    throw Refused("template_name \"" + log_safe(type->template_name, 120) + "\" phải là tên một tệp trong thư mục mẫu");
  }
  const fs::path template_path = templates_dir / template_file_name;
  std::error_code ec;
  if (!fs::is_regular_file(template_path, ec)) {
    throw Refused("không tìm thấy mẫu văn bản " + template_path.string() + " (template_name \"" + type->template_name + "\")");
  }
  std::string docx;
  try {
    docx = read_bytes(template_path);
  } catch (const std::exception& e) {
    throw Refused("mẫu văn bản " + template_path.string() + ": " + e.what());
  }
  try {
    type->document_template = vanthu::Template::parse(docx);
  } catch (const vanthu::TemplateError& e) {
    throw Refused("mẫu văn bản " + type->template_name + " có lỗi: " + template_issues_text(e.issues()));
  } catch (const std::exception& e) {
    throw Refused("mẫu văn bản " + type->template_name + " không đọc được: " + e.what());
  }
  // The host writes docProps/core.xml from the model's metadata; the part, its content type and
  // its relationship must already be in the package, or Word reports the file as damaged.
  bool has_core_properties = false;
  try {
    for (const auto& entry : vanthu::zip_read(docx)) has_core_properties = has_core_properties || entry.name == "docProps/core.xml";
  } catch (const std::exception& e) {
    throw Refused("mẫu văn bản " + type->template_name + " không đọc được: " + e.what());
  }
  if (!has_core_properties) {
    throw Refused("mẫu văn bản " + type->template_name + " thiếu phần docProps/core.xml (thuộc tính văn bản)");
  }
  type->template_docx = std::move(docx);
  derive_example_model(*type);
  return type;
}

//! Opens one plugin file and returns its checked report type; throws Refused.
std::shared_ptr<ReportType> load_plugin(const fs::path& file, const fs::path& templates_dir,
                                        const std::vector<std::shared_ptr<const ReportType>>& loaded) {
  std::unique_ptr<boost::dll::shared_library> library;
  try {
    library = std::make_unique<boost::dll::shared_library>(
        file, boost::dll::load_mode::rtld_local | boost::dll::load_mode::rtld_now);
  } catch (const std::exception& e) {
    throw Refused(std::string("không nạp được thư viện (dlopen): ") + e.what());
  }
  const boost::dll::shared_library& lib = *library;
  keep_forever(std::move(library));

  if (!lib.has(VANTHU_PLUGIN_ENTRY_NAME)) {
    throw Refused("không có hàm " VANTHU_PLUGIN_ENTRY_NAME
                  " (plugin phải khai báo VANTHU_REPORT_TYPE, hoặc xuất hàm extern \"C\" " VANTHU_PLUGIN_ENTRY_NAME ")");
  }
  auto& entry = lib.get<std::remove_pointer_t<vanthu_plugin_entry_fn>>(VANTHU_PLUGIN_ENTRY_NAME);
  const vanthu_report_type* raw = nullptr;
  try {
    raw = entry(VANTHU_ABI_MAJOR);
  } catch (...) {
    throw Refused(VANTHU_PLUGIN_ENTRY_NAME " ném ngoại lệ thay vì trả về mô tả");
  }
  if (!raw) {
    throw Refused(VANTHU_PLUGIN_ENTRY_NAME " trả về NULL: plugin không phục vụ máy chủ dùng ABI " +
                  std::to_string(VANTHU_ABI_MAJOR));
  }
  return check_plugin(*raw, file, templates_dir, loaded);
}

}  // namespace

PluginRegistry PluginRegistry::load(const fs::path& plugins_dir, const fs::path& templates_dir) {
  std::error_code ec;
  if (!fs::is_directory(plugins_dir, ec)) {
    throw std::runtime_error("thư mục plugin không tồn tại hoặc không đọc được: " + plugins_dir.string());
  }
  std::vector<fs::path> files;
  for (fs::directory_iterator it(plugins_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    std::error_code type_ec;
    if (path.extension() == ".so" && it->is_regular_file(type_ec)) files.push_back(path);
  }
  if (ec) throw std::runtime_error("không đọc được thư mục plugin " + plugins_dir.string() + ": " + ec.message());
  std::sort(files.begin(), files.end(), [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });

  PluginRegistry registry;
  for (const auto& file : files) {
    try {
      registry.report_types_.push_back(load_plugin(file, templates_dir, registry.report_types_));
    } catch (const Refused& e) {
      registry.refusals_.push_back({file, e.what()});
    } catch (const std::exception& e) {
      registry.refusals_.push_back({file, std::string("lỗi khi kiểm tra plugin: ") + e.what()});
    }
  }
  std::sort(registry.report_types_.begin(), registry.report_types_.end(),
            [](const auto& a, const auto& b) { return a->id < b->id; });
  return registry;
}

const ReportType* PluginRegistry::find(std::string_view id) const {
  for (const auto& type : report_types_)
    if (type->id == id) return type.get();
  return nullptr;
}

}  // namespace vanthu::host
