//! vanthu::check_template: everything `vanthu check` says about a template — package checks,
//! tag issues, the tag list, the data shape the tags expect, and the tags a report type's model
//! cannot fill (docxtemplater's scope rules, walked over the model of the plugin's example).
#include <algorithm>
#include <optional>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "template_expression.hpp"
#include "template_program.hpp"
#include "vanthu/filters.hpp"
#include "vanthu/problem.hpp"
#include "vanthu/template_engine.hpp"
#include "vanthu/text.hpp"

namespace vanthu {
namespace {

using json = nlohmann::json;

std::vector<std::string> segments_of(const std::string& path) {
  std::vector<std::string> out;
  if (path.empty() || path == ".") return out;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = path.find('.', start);
    out.push_back(path.substr(start, dot == std::string::npos ? std::string::npos : dot - start));
    if (dot == std::string::npos) return out;
    start = dot + 1;
  }
}

TemplateIssue tag_issue(const TagInfo& tag, const char* code, std::string message, std::string path) {
  TemplateIssue issue;
  issue.code = code;
  issue.message = std::move(message);
  issue.part = tag.part;
  issue.tag = tag.tag;
  issue.paragraph = tag.paragraph;
  issue.path = std::move(path);
  return issue;
}

// ---------------------------------------------------------------------------------------------
// The data shape the tags expect.

//! Builds the shape while walking the tags; a section's array holds its item's fields. Sections
//! that turn out to have no field of their own become "condition" (or ["text"] when their body
//! uses {.}) only at the end, in take(): while walking, scopes point into the arrays, and
//! nothing that a scope may point into is ever replaced.
class ShapeBuilder {
 public:
  explicit ShapeBuilder(std::size_t max_fields) : max_fields_(max_fields) {}

  //! More fields than max_fields were asked for: the shape stopped growing (shape_too_large).
  bool full() const { return full_; }

  void part_begins() {
    scopes_.assign(1, &root_);
    open_.clear();
  }

  void add(const TagInfo& tag) {
    if (tag.kind == "end") return tag.closes_unreadable ? void() : close();
    if (tag.expression) {  // {#so_luong > 0}: each field it reads is a value; the scope stays
      for (const std::string& operand : tag.operands) {
        if (full_) break;
        const std::vector<std::string> segments = segments_of(operand);
        if (is_length(segments) && length_read(segments)) continue;  // {#ds.length > 0}
        json* field = segments.empty() ? nullptr : field_for(segments);
        if (field && field->is_null()) *field = "condition";
      }
      open_.push_back(kNone);
      scopes_.push_back(scopes_.back());
      return;
    }
    if (full_) return;
    const std::vector<std::string> segments = segments_of(tag.path);
    if (segments.empty()) {  // {.}, {#.}
      if (tag.kind == "value" && !open_.empty() && open_.back() != kNone) sections_[open_.back()].dot = true;
      if (tag.kind == "section" || tag.kind == "inverted") {
        open_.push_back(kNone);
        scopes_.push_back(scopes_.back());
      }
      return;
    }
    if (tag.kind == "value" && is_length(segments) && length_read(segments)) return;  // {ds.length}
    json* field = field_for(segments);
    if (!field) {  // the shape is full: nothing more is added (sections still pair up)
      if (tag.kind == "section" || tag.kind == "inverted") {
        open_.push_back(kNone);
        scopes_.push_back(scopes_.back());
      }
      return;
    }
    if (tag.kind == "value" || tag.kind == "raw" || tag.kind == "image") {
      // A field a condition only tested ("condition"), or only measured ([]: {ten.length}), is a
      // value once a tag prints it.
      if (field->is_null() || *field == "condition" || (field->is_array() && field->empty()))
        *field = tag.kind == "raw" ? "xml" : tag.kind == "image" ? "image" : value_kind(tag);
      return;
    }
    if (tag.kind == "inverted") {
      if (field->is_null()) *field = "condition";
      open_.push_back(kNone);
      scopes_.push_back(scopes_.back());
      return;
    }
    // A section: its fields go to its item.
    if (field->is_object()) {
      open_.push_back(kNone);
      scopes_.push_back(field);
      return;
    }
    if (!field->is_array() || field->empty()) *field = json::array({json::object()});  // nothing points into it
    if (!(*field)[0].is_object()) (*field)[0] = json::object();                        // nor into a non-object
    open_.push_back(sections_.size());
    sections_.push_back({field, false});
    scopes_.push_back(&(*field)[0]);
  }

  json take() {
    std::unordered_map<const json*, bool> dot;  // the same field may be opened several times
    for (const Section& section : sections_) dot[section.field] = dot[section.field] || section.dot;
    for (std::size_t i = sections_.size(); i-- > 0;) {
      json& field = *sections_[i].field;
      if (!field.is_array() || field.empty() || !field[0].is_object() || !field[0].empty()) continue;
      field = dot[sections_[i].field]        ? json::array({"text"})
              : lengths_.count(sections_[i].field) ? json::array()  // {#ds}{/ds} and {ds.length}: a list
                                                   : json("condition");
    }
    sections_.clear();
    lengths_.clear();
    scopes_.assign(1, &root_);
    return std::move(root_);
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Section {
    json* field;  //!< the section's array
    bool dot;     //!< {.} used directly inside
  };

  static std::string value_kind(const TagInfo& tag) {
    if (tag.filters.empty()) return "text";
    std::optional<filters::Filter> first = filters::find(tag.filters.front());
    return first ? filters::input_kind(*first) : "text";
  }

  static bool is_length(const std::vector<std::string>& segments) {
    return segments.size() > 1 && segments.back() == "length";
  }

  //! "ds.length", read by a condition or printed: ds is a list (its items unknown until a loop
  //! over it says more) or a text, unless it is a group of fields, where "length" is a field like
  //! any other: then false, and the caller takes the path as it is.
  bool length_read(const std::vector<std::string>& segments) {
    json* owner = field_for({segments.begin(), segments.end() - 1});
    if (!owner) return true;  // the shape is full
    if (owner->is_object()) return false;
    if (owner->is_null() || *owner == "condition") *owner = json::array();  // nothing points into either
    lengths_.insert(owner);
    return true;
  }

  void close() {
    if (open_.empty()) return;
    open_.pop_back();
    scopes_.pop_back();
  }

  //! The field a path names: the first segment belongs to the innermost scope that already has
  //! it, else to the innermost scope; the rest are nested objects (an array on the way stands
  //! for its item). Only null and text leaves are ever replaced (by objects).
  //! nullptr when that would take the shape past max_fields (then it is full).
  json* field_for(const std::vector<std::string>& segments) {
    json* owner = scopes_.back();
    for (std::size_t s = scopes_.size(); s-- > 0;) {
      if (scopes_[s]->is_object() && scopes_[s]->contains(segments[0])) {
        owner = scopes_[s];
        break;
      }
    }
    json* node = owner;
    for (std::size_t k = 0; k < segments.size(); ++k) {
      if (node->is_array() && !node->empty()) node = &(*node)[0];
      if (!node->is_object()) *node = json::object();
      auto found = node->find(segments[k]);
      if (found != node->end()) {
        node = &*found;
        continue;
      }
      if (fields_ == max_fields_) {
        full_ = true;
        return nullptr;
      }
      ++fields_;
      node = &(*node)[segments[k]];
    }
    return node;
  }

  std::size_t max_fields_;
  std::size_t fields_ = 0;
  bool full_ = false;

  json root_ = json::object();
  std::vector<json*> scopes_{&root_};
  std::vector<std::size_t> open_;  //!< index into sections_ per open section, kNone when not an array
  std::vector<Section> sections_;
  std::unordered_set<const json*> lengths_;  //!< fields whose length a tag reads (take() keeps them lists)
};

// ---------------------------------------------------------------------------------------------
// Tag paths against a report type's model.

//! Objects and arrays merged: an array's items are summed up as one item holding every key any
//! of them has (the first non-null value wins), so a field present in some items is known.
json merged_item(const json& array);

json merge(const json& a, const json& b) {
  if (a.is_null()) return b;
  if (a.is_object() && b.is_object()) {
    json out = a;
    for (auto it = b.begin(); it != b.end(); ++it) {
      auto found = out.find(it.key());
      if (found == out.end()) out[it.key()] = it.value();
      else *found = merge(*found, it.value());
    }
    return out;
  }
  if (a.is_array() && b.is_array()) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return json::array({merge(merged_item(a), merged_item(b))});
  }
  return a;
}

json merged_item(const json& array) {
  json item;
  for (const json& element : array) item = merge(item, element);
  return item;
}

class ModelChecker {
 public:
  ModelChecker(const json& data, std::vector<TemplateIssue>& issues, std::vector<TemplateIssue>& warnings)
      : data_(data), issues_(issues), warnings_(warnings) {}

  void part_begins() { scopes_.assign(1, Scope{&data_, false, ""}); }

  void add(const TagInfo& tag) {
    if (tag.kind == "end") {
      if (scopes_.size() > 1 && !tag.closes_unreadable) scopes_.pop_back();
      return;
    }
    const bool section = tag.kind == "section" || tag.kind == "inverted";
    if (tag.expression) {  // each field the condition reads must be one the report type gives
      TagInfo operand_tag = tag;
      condition_ = true;
      for (const std::string& operand : tag.operands) {
        operand_tag.path = operand;
        resolve(operand_tag, warnings_);
      }
      condition_ = false;
      scopes_.push_back(scopes_.back());
      return;
    }
    Found found = resolve(tag, section ? warnings_ : issues_);
    if (tag.kind == "section") {
      if (found.state != State::found) return scopes_.push_back(Scope{nullptr, true, found.pointer});
      const json& value = *found.value;
      if (value.is_array()) {
        if (value.empty()) return scopes_.push_back(Scope{nullptr, true, found.pointer + "/0"});
        return scopes_.push_back(Scope{&item_of(value), false, found.pointer + "/0"});
      }
      if (value.is_object()) return scopes_.push_back(Scope{&value, false, found.pointer});
      scopes_.push_back(scopes_.back());  // true, a string, a number: the same scope
      return;
    }
    if (tag.kind == "inverted") {
      scopes_.push_back(scopes_.back());
      return;
    }
    if (found.state != State::found || found.value->is_null()) return;
    const json& value = *found.value;
    if (tag.kind == "raw" || tag.kind == "image") return;  // an image is a string or an object
    if (value.is_object() || value.is_array()) {
      add_capped(issues_, tag_issue(
          tag, "not_text",
          "Thẻ “" + tag.tag + "” in ra trường “" + tag.path +
              "”, nhưng ở loại báo cáo này trường đó là một " + (value.is_array() ? "danh sách" : "nhóm trường") +
              ", không phải chữ hay số: hãy dùng thẻ mở/đóng đoạn lặp cho nó, hoặc chọn một trường con.",
          found.pointer));
      return;
    }
    if (tag.filters.empty()) return;
    std::string out, next;
    bool ok = true;
    std::string failed;
    for (std::size_t k = 0; k < tag.filters.size() && ok; ++k) {
      std::optional<filters::Filter> filter = filters::find(tag.filters[k]);
      if (!filter) return;
      ok = k == 0 ? filters::apply(*filter, value, out) : filters::apply_text(*filter, out, next);
      if (k > 0 && ok) out.swap(next);
      if (!ok) failed = tag.filters[k];
    }
    if (!ok) {
      std::string example = value.dump(-1, ' ', false, json::error_handler_t::replace);
      if (example.size() > 60) example = example.substr(0, 60) + "…";
      add_capped(issues_, tag_issue(tag, "filter_type",
                                    "Bộ lọc “" + failed + "” của thẻ “" + tag.tag + "” không dùng được với giá trị của trường “" +
                                        tag.path + "” mà loại báo cáo này đưa ra (ví dụ " + example + ").",
                                    found.pointer));
    }
  }

 private:
  enum class State { found, unknown, missing };
  struct Found {
    State state = State::missing;
    const json* value = nullptr;
    std::string pointer;
  };
  bool condition_ = false;  //!< resolving an operand of a condition ({#so_luong > 0})
  struct Scope {
    const json* value = nullptr;  //!< nullptr with unknown: anything may be there
    bool unknown = false;
    std::string pointer;          //!< where it is in the model's data
  };

  Found resolve(const TagInfo& tag, std::vector<TemplateIssue>& report_to) {
    const std::vector<std::string> segments = segments_of(tag.path);
    Found found;
    if (segments.empty()) {
      const Scope& scope = scopes_.back();
      found.state = scope.unknown ? State::unknown : State::found;
      found.value = scope.value;
      found.pointer = scope.pointer;
      return found;
    }
    const Scope* owner = nullptr;
    for (std::size_t s = scopes_.size(); s-- > 0;) {
      const Scope& scope = scopes_[s];
      if (scope.unknown) {
        found.state = State::unknown;
        return found;
      }
      if (scope.value && scope.value->is_object()) {
        auto it = scope.value->find(segments[0]);
        if (it != scope.value->end()) {
          owner = &scope;
          found.value = &*it;
          found.pointer = pointer_append(scope.pointer, segments[0]);
          // A null here lets an outer scope answer when rendering: keep looking for a value.
          if (!it->is_null()) break;
        }
      }
    }
    if (!owner) return report_missing(tag, segments, report_to);
    for (std::size_t k = 1; k < segments.size(); ++k) {
      const json& current = *found.value;
      if (current.is_null()) {
        found.state = State::unknown;
        return found;
      }
      if (current.is_object()) {
        auto it = current.find(segments[k]);
        if (it == current.end()) return report_missing(tag, segments, report_to);
        found.value = &*it;
        found.pointer = pointer_append(found.pointer, segments[k]);
        continue;
      }
      // A list's or a text's length, as conditions read it ({#ds.length > 0}).
      if (k + 1 == segments.size() && segments[k] == "length" && engine::measured_length(current)) {
        static const json kLength = 0;
        found.value = &kLength;
        found.pointer = pointer_append(found.pointer, segments[k]);
        continue;
      }
      bool index = !segments[k].empty() && segments[k].size() <= 9 &&
                   segments[k].find_first_not_of("0123456789") == std::string::npos;
      if (current.is_array() && index) {
        std::size_t i = std::stoul(segments[k]);
        if (i < current.size()) {
          found.value = &current[i];
          found.pointer = pointer_append(found.pointer, i);
          continue;
        }
        if (current.empty()) {
          found.state = State::unknown;
          return found;
        }
      }
      return report_missing(tag, segments, report_to);
    }
    found.state = State::found;
    return found;
  }

  Found report_missing(const TagInfo& tag, const std::vector<std::string>& segments, std::vector<TemplateIssue>& report_to) {
    std::string pointer = scopes_.back().pointer;
    for (const std::string& segment : segments) pointer = pointer_append(pointer, segment);
    std::string known;
    std::set<std::string> names;
    for (std::size_t s = scopes_.size(); s-- > 0;)
      if (scopes_[s].value && scopes_[s].value->is_object())
        for (auto it = scopes_[s].value->begin(); it != scopes_[s].value->end() && names.size() < 40; ++it)
          names.insert(it.key());
    for (const std::string& name : names) known += (known.empty() ? "" : ", ") + name;
    const bool section = &report_to == &warnings_;
    add_capped(report_to, tag_issue(
        tag, section ? "unknown_section" : "unknown_field",
        "Thẻ “" + tag.tag + "” dùng trường “" + tag.path + "” mà dữ liệu mẫu của loại báo cáo này không có ở chỗ đó" +
            (condition_ ? std::string(": điều kiện sẽ coi trường đó là null khi dữ liệu thật không có nó (kiểm tra lại chính tả). ")
             : section  ? std::string(": đoạn này chỉ hiện nếu dữ liệu thật có trường đó (kiểm tra lại chính tả). ")
                        : std::string(", nên văn bản sẽ bị thiếu. ")) +
            "Các trường dùng được ở đây: " + (known.empty() ? "(không có)" : known) + ".",
        pointer));
    Found found;
    found.state = State::missing;
    return found;
  }

  //! The merged item of an array of the model, made once per array: 20,000 sections over the
  //! same list must not make 20,000 copies of it.
  const json& item_of(const json& array) {
    auto found = items_.find(&array);
    if (found == items_.end()) found = items_.emplace(&array, merged_item(array)).first;
    return found->second;
  }

  const json& data_;
  std::vector<TemplateIssue>& issues_;
  std::vector<TemplateIssue>& warnings_;
  std::vector<Scope> scopes_;
  //! Merged array items the scopes point at, by the array (a node map keeps them in place).
  std::unordered_map<const json*, json> items_;
};

bool is_package_level(const TemplateIssue& issue) {
  return issue.code == "too_large" || issue.code == "zip" || issue.code == "zip_bomb" || issue.code == "unsafe_name" ||
         issue.code == "too_many_entries";
}

}  // namespace

TemplateCheck check_template(std::string_view docx, const TemplateOptions& options, const CheckOptions& check) {
  TemplateCheck result;
  TemplateOptions compile_options = options;
  if (check.package) {
    result.issues = check_package(docx, check.limits);  // capped there
    compile_options.limits = check.limits.zip;
    for (const TemplateIssue& issue : result.issues)
      if (is_package_level(issue) && issue.part.empty()) return result;  // nothing more can be read
  }
  std::vector<TemplateIssue> compile_issues;
  std::shared_ptr<const Template> tpl =
      engine::TemplateFactory::compile(docx, compile_options, compile_issues, result.tags, result.delimiters);
  std::set<std::string> parts_with_issues;
  for (const TemplateIssue& issue : result.issues)
    if (!issue.part.empty()) parts_with_issues.insert(issue.part);
  for (TemplateIssue& issue : compile_issues) {
    bool repeated = (issue.code == "xml" || issue.code == "dtd" || issue.code == "too_many_elements") &&
                    parts_with_issues.count(issue.part);
    bool repeated_package = check.package && (issue.code == "not_docx" || issue.code == "zip");
    if (!repeated && !(repeated_package && !result.issues.empty())) add_capped(result.issues, std::move(issue));
  }

  ShapeBuilder shape(options.template_limits.max_shape_fields);
  std::optional<ModelChecker> model;
  if (check.model_data) model.emplace(*check.model_data, result.issues, result.warnings);
  std::string part;
  for (std::size_t i = 0; i < result.tags.size(); ++i) {
    const TagInfo& tag = result.tags[i];
    if (i == 0 || tag.part != part) {
      part = tag.part;
      shape.part_begins();
      if (model) model->part_begins();
    }
    shape.add(tag);
    if (model) model->add(tag);
  }
  result.shape = shape.take();
  if (shape.full()) {
    TemplateIssue issue;
    issue.code = "shape_too_large";
    issue.message = "Các thẻ của mẫu đòi quá nhiều trường dữ liệu khác nhau (giới hạn " +
                    text::group_thousands(static_cast<std::int64_t>(options.template_limits.max_shape_fields)) +
                    " trường), không văn bản nào cần nhiều như vậy: hãy bỏ bớt thẻ rồi gửi lại.";
    add_capped(result.issues, std::move(issue));
  }

  if (!check.required_parts.empty()) {
    std::vector<std::string> names;
    if (tpl) {
      names = tpl->part_names();
    } else {
      try {
        for (const ZipEntry& entry : zip_read(docx, compile_options.limits)) names.push_back(entry.name);
      } catch (const ZipError&) {
      }
    }
    for (const std::string& wanted : check.required_parts) {
      if (std::find(names.begin(), names.end(), wanted) != names.end()) continue;
      TemplateIssue issue;
      issue.code = "missing_part";
      issue.part = wanted;
      issue.message = "Mẫu của loại báo cáo này phải có phần " + wanted +
                      " (mẫu gốc có; loại báo cáo điền nó khi tạo văn bản). Hãy sửa từ mẫu gốc thay vì tạo tệp mới.";
      add_capped(result.issues, std::move(issue));
    }
  }
  if (result.issues.empty()) result.parsed = std::move(tpl);
  return result;
}

}  // namespace vanthu
