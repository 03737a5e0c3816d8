#include "render_pipeline.hpp"

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "file_name.hpp"
#include "messages.hpp"
#include "vanthu/core_properties.hpp"
#include "vanthu/input.hpp"
#include "vanthu/report.hpp"
#include "vanthu/schema.hpp"
#include "vanthu/template_engine.hpp"

namespace vanthu::host {
namespace {

using Status = RenderedDocument::Status;

RenderedDocument internal_error(const ReportType& type, const std::string& what) {
  RenderedDocument result;
  result.status = Status::internal_error;
  result.detail = "plugin " + type.id + " (" + type.library.string() + "): " + what;
  return result;
}

RenderedDocument rejected(Status status, vanthu::Problems problems) {
  RenderedDocument result;
  result.status = status;
  result.problems = std::move(problems);
  return result;
}

const std::string& required_text(const nlohmann::json& meta, const char* key) {
  auto it = meta.find(key);
  if (it == meta.end() || !it->is_string() || it->get_ref<const std::string&>().empty())
    throw std::invalid_argument(std::string("model.meta.") + key + " thiếu hoặc không phải chuỗi khác rỗng");
  return it->get_ref<const std::string&>();
}

//! The model's shape: {"meta": {...}, "data": {...}}; throws std::invalid_argument.
void check_model_shape(const nlohmann::json& model) {
  if (!model.is_object()) throw std::invalid_argument("mô hình văn bản không phải đối tượng JSON");
  auto meta = model.find("meta");
  if (meta == model.end() || !meta->is_object()) throw std::invalid_argument("mô hình văn bản thiếu đối tượng \"meta\"");
  auto data = model.find("data");
  if (data == model.end() || !data->is_object()) throw std::invalid_argument("mô hình văn bản thiếu đối tượng \"data\"");
  required_text(*meta, "file_name");
}

//! The model's optional "parts": whole parts replacing the template's own (footnotes, ...).
//! Only parts the template has, never the package's skeleton, each well-formed XML.
std::vector<std::pair<std::string, std::string>> replaced_parts(const nlohmann::json& model, const vanthu::Template& tpl) {
  std::vector<std::pair<std::string, std::string>> parts;
  auto found = model.find("parts");
  if (found == model.end()) return parts;
  if (!found->is_object()) throw std::invalid_argument("\"parts\" của mô hình không phải đối tượng JSON");
  std::vector<std::string> names = tpl.part_names();
  for (const auto& [name, xml] : found->items()) {
    bool skeleton = name == "[Content_Types].xml" || name == "docProps/core.xml" || name == tpl.main_part() ||
                    (name.size() >= 5 && name.compare(name.size() - 5, 5, ".rels") == 0);
    if (skeleton || std::find(names.begin(), names.end(), name) == names.end())
      throw std::invalid_argument("mô hình thay phần \"" + log_safe(name, 100) + "\", phần mà mẫu không có hoặc không được thay");
    if (!xml.is_string()) throw std::invalid_argument("phần \"" + log_safe(name, 100) + "\" của mô hình không phải chuỗi");
    if (auto issue = vanthu::check_part_xml(name, xml.get_ref<const std::string&>()))
      throw std::invalid_argument("phần \"" + log_safe(name, 100) + "\" của mô hình không phải XML hợp lệ: " + issue->message);
    parts.emplace_back(name, xml.get<std::string>());
  }
  return parts;
}

}  // namespace

std::string core_properties_xml(const nlohmann::json& meta) {
  if (!meta.is_object()) throw std::invalid_argument("model.meta không phải đối tượng JSON");
  const std::string& title = required_text(meta, "title");
  const std::string& creator = required_text(meta, "creator");
  const std::string& created = required_text(meta, "created");
  std::optional<std::string> w3cdtf = vanthu::w3cdtf_date_time(created);
  if (!w3cdtf)
    throw std::invalid_argument("model.meta.created \"" + log_safe(created, 60) +
                                "\" không phải ngày giờ W3CDTF (ví dụ 2026-02-11T00:00:00Z)");
  return vanthu::core_properties_xml({title, creator, std::move(*w3cdtf)});
}

BuiltModel build_model(const ReportType& type, const nlohmann::json& input) {
  BuiltModel built;
  auto fail = [&](std::string detail) {
    built.status = BuiltModel::Status::internal_error;
    built.detail = std::move(detail);
    built.model = nullptr;  // whatever a failing in-process call left there
    return built;
  };
  // The plugin's callback is foreign code: an exception that escapes it (however badly
  // written), a status we do not know, or output we cannot read is contained here. A plugin
  // built with our SDK fills built.model directly (the in-process path, plugin_abi.h); others
  // get the input as JSON text and give the model as text.
  const bool native = type.on_build_model_native != nullptr;
  vanthu_buffer out{nullptr, 0};
  int32_t status = VANTHU_INTERNAL_ERROR;
  try {
    if (native) {
      status = type.on_build_model_native(&input, &built.model, &out);
    } else {
      const std::string request = input.dump();
      status = type.on_build_model(vanthu_str{request.data(), request.size()}, &out);
    }
  } catch (const std::exception& e) {
    return fail(std::string("ngoại lệ thoát khỏi on_build_model (exception escaped the plugin): ") + e.what());
  } catch (...) {
    return fail("ngoại lệ không rõ loại thoát khỏi on_build_model (unknown exception escaped the plugin)");
  }
  std::string text = out.ptr ? std::string(out.ptr, out.len) : std::string();
  if (out.ptr) {
    try {
      type.on_release(out);
    } catch (...) {
      return fail("on_release ném ngoại lệ");
    }
  }

  if (status == VANTHU_INTERNAL_ERROR) return fail("plugin báo lỗi nội bộ (VANTHU_INTERNAL_ERROR): " + log_safe(text, 2000));
  if (status == VANTHU_INVALID_INPUT) {
    try {
      vanthu::Problems problems = vanthu::problems_from_json(nlohmann::json::parse(text));
      if (problems.empty()) return fail("VANTHU_INVALID_INPUT mà không kèm vấn đề nào");
      built.status = BuiltModel::Status::invalid_input;
      built.problems = std::move(problems);
      return built;
    } catch (const std::exception& e) {
      return fail("VANTHU_INVALID_INPUT với danh sách vấn đề không đọc được: " + std::string(e.what()));
    }
  }
  if (status != VANTHU_OK) return fail("on_build_model trả về trạng thái không xác định " + std::to_string(status));
  if (!native) {
    try {
      built.model = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      return fail(std::string("mô hình văn bản không phải JSON (model is not JSON): ") + e.what());
    }
  }
  try {
    check_model_shape(built.model);
  } catch (const std::exception& e) {
    return fail(std::string("mô hình văn bản sai dạng (wrongly shaped model): ") + e.what());
  }
  built.status = BuiltModel::Status::ok;
  return built;
}

RenderedDocument render_document(const ReportType& type, std::string_view body, const vanthu::Template* chosen,
                                 const std::string& template_label) {
  const vanthu::Template& tpl = chosen ? *chosen : *type.document_template;
  const std::string tpl_name = chosen ? "mẫu " + template_label : type.template_name;
  // 1. The body: JSON, UTF-8, no control characters, normalised to NFC.
  vanthu::InputDocument input = vanthu::read_input(body);
  if (input.malformed) return rejected(Status::malformed, std::move(input.problems));
  if (!input.problems.empty()) return rejected(Status::invalid_input, std::move(input.problems));

  // 2. The report type's schema, every violation at once.
  if (auto problems = vanthu::validate(type.schema, input.value); !problems.empty())
    return rejected(Status::invalid_input, std::move(problems));

  // 3. The plugin.
  BuiltModel built = build_model(type, input.value);
  if (built.status == BuiltModel::Status::invalid_input) return rejected(Status::invalid_input, std::move(built.problems));
  if (built.status != BuiltModel::Status::ok) return internal_error(type, built.detail);
  nlohmann::json& model = built.model;
  std::string core_properties;
  std::vector<std::pair<std::string, std::string>> parts;
  try {
    core_properties = core_properties_xml(model["meta"]);
    parts = replaced_parts(model, tpl);
  } catch (const std::exception& e) {
    return internal_error(type, std::string("mô hình văn bản sai dạng (wrongly shaped model): ") + e.what());
  }

  // 4. The template, with the package's core properties taken from the model's meta.
  vanthu::RenderResult rendered;
  try {
    vanthu::RenderOptions options;
    options.parts = std::move(parts);
    options.parts.emplace_back("docProps/core.xml", std::move(core_properties));
    // Heading numbers and the closing "./." follow the body's styles, whoever wrote the template.
    // The body is the template's main part, wherever its package keeps it (word/document2.xml).
    options.finishers.push_back({tpl.main_part(), [](std::string& xml) { vanthu::report::finish_body(xml); }});
    rendered = vanthu::render(tpl, model["data"], options);
  } catch (const std::exception& e) {
    return internal_error(type, std::string("lỗi khi điền mẫu ") + tpl_name + ": " + e.what());
  }

  // A {@x} value of the model that the engine's allowlist refused (a picture, an object, an r:id,
  // a remote field): the plugin built WordprocessingML a document may not carry. Nothing of it
  // was written, but the document is not handed out with a hole either: a plugin bug, logged.
  if (!rendered.refused.empty()) {
    std::string what;
    for (const auto& issue : rendered.refused) what += (what.empty() ? "" : " ") + issue.message;
    return internal_error(type, "mô hình đưa vào mẫu " + tpl_name + " giá trị bị từ chối: " + what);
  }

  // 5. A document about to be signed must not have holes. With an agency's template, a tag the
  // model left without a value is the template's doing (its upload check saw the example's
  // model, which had the field): the clerk can fix it. With the built-in one it is a plugin bug.
  if (!rendered.missing.empty() && chosen) {
    vanthu::Problems problems;
    for (const auto& tag : rendered.missing)
      problems.push_back({"", "template_missing_value",
                          "Mẫu " + template_label + " có thẻ " + tag +
                              " mà dữ liệu của văn bản này không có giá trị, nên văn bản sẽ bị thiếu. Hãy sửa mẫu: bỏ thẻ, "
                              "hoặc đặt nó trong một đoạn điều kiện chỉ hiện khi có giá trị."});
    return rejected(Status::invalid_input, std::move(problems));
  }
  if (!rendered.missing.empty()) {
    std::string tags;
    for (const auto& tag : rendered.missing) tags += (tags.empty() ? "" : ", ") + tag;
    return internal_error(type, "mô hình thiếu giá trị cho các thẻ của mẫu " + tpl_name + ": " + tags);
  }

  RenderedDocument result;
  result.status = Status::ok;
  result.docx = std::move(rendered.docx);
  result.file_name = document_file_name(model["meta"]["file_name"].get_ref<const std::string&>());
  result.model = std::move(model);
  return result;
}

}  // namespace vanthu::host
