#include "usecases/issue_document.hpp"

#include "issuing/signing_config.hpp"
#include "usecases/sign_document.hpp"

#include <chrono>
#include <ctime>

#include "render_pipeline.hpp"
#include "usecases/choose_template.hpp"
#include "vanthu/input.hpp"
#include "vanthu/schema.hpp"
#include "vanthu/text.hpp"

namespace vanthu::host {
namespace {

using nlohmann::json;

constexpr const char* kDocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

//! The problems of the report type's input, moved under /input (the draft request's member).
vanthu::Problems under_input(vanthu::Problems problems) {
  for (auto& p : problems) p.path = "/input" + p.path;
  return problems;
}

//! "ỦY BAN NHÂN DÂN\nPHƯỜNG HẢI AN" -> "ỦY BAN NHÂN DÂN PHƯỜNG HẢI AN": the book's name.
std::string one_line(const std::string& text) {
  std::string out;
  bool space = false;
  for (char c : text) {
    if (c == '\n' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

std::string joined_recipients(const json& input) {
  std::string out;
  if (auto r = input.find("recipients"); r != input.end() && r->is_array())
    for (const auto& item : *r) {
      if (!item.is_string()) continue;
      std::string t = vanthu::text::trim_end(item.get<std::string>(), ".;,");
      if (t.empty()) continue;
      out += (out.empty() ? "" : "; ") + t;
    }
  return out;
}

//! Text of the model as the register keeps it: the no-break hyphen the document prints in
//! symbols ("57\u2011NQ/TW") is a plain hyphen in the register.
std::string plain(std::string text) {
  for (std::size_t at; (at = text.find("\u2011")) != std::string::npos;) text.replace(at, 3, "-");
  return text;
}

int recipients_count(const json& input) {
  int n = 0;
  if (auto r = input.find("recipients"); r != input.end() && r->is_array())
    for (const auto& item : *r)
      if (item.is_string() && !vanthu::text::trim(item.get<std::string>()).empty()) ++n;
  return n;
}

std::string string_at(const json& object, const char* key) {
  auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

}  // namespace

bool issuable(const ReportType& type) {
  json probe = type.example;
  if (!probe.is_object()) return false;
  json& document = probe["document"];
  if (!document.is_object()) document = json::object();
  document["number"] = 1;
  document["date"] = "2026-01-01";
  return vanthu::validate(type.schema, probe).empty();
}

namespace {

//! The input read and checked exactly as rendering would check it (the built-in template).
//! `canonical`: the input as stored (NFC, cleaned), when it is at least well-formed JSON.
struct CheckedInput {
  DraftOutcome::Status status = DraftOutcome::Status::created;
  std::string canonical;
  vanthu::Problems problems;
  std::string detail;
};

CheckedInput check_input(const ReportType& type, const std::string& input) {
  CheckedInput out;
  vanthu::InputDocument read = vanthu::read_input(input);
  if (read.malformed) {
    out.status = DraftOutcome::Status::malformed;
    out.problems = under_input(std::move(read.problems));
    return out;
  }
  out.canonical = read.value.dump();
  if (!read.problems.empty()) {
    out.status = DraftOutcome::Status::invalid_input;
    out.problems = under_input(std::move(read.problems));
    return out;
  }
  RenderedDocument checked = render_document(type, out.canonical);
  switch (checked.status) {
    case RenderedDocument::Status::ok: break;
    case RenderedDocument::Status::malformed:
    case RenderedDocument::Status::invalid_input:
      out.status = DraftOutcome::Status::invalid_input;
      out.problems = under_input(std::move(checked.problems));
      break;
    case RenderedDocument::Status::internal_error:
      out.status = DraftOutcome::Status::internal_error;
      out.detail = checked.detail;
      break;
  }
  return out;
}

//! Whether the checked input is stored: when it has no problem, or (keep_invalid) only problems of
//! its content. Its problems and detail go to `out` either way; its status when it is not kept.
bool kept(CheckedInput& checked, const DraftOptions& options, DraftOutcome& out) {
  out.problems = std::move(checked.problems);
  out.detail = std::move(checked.detail);
  if (checked.status == DraftOutcome::Status::created ||
      (options.keep_invalid && checked.status == DraftOutcome::Status::invalid_input))
    return true;
  out.status = checked.status;
  return false;
}

}  // namespace

DraftOutcome create_draft(DocumentRegister& documents, const ReportType& type, const std::string& agency,
                          const std::string& input, const std::string& created_by, const DraftOptions& options) {
  DraftOutcome out;
  if (!issuable(type)) {
    out.status = DraftOutcome::Status::invalid_input;
    out.problems.push_back({"/report_type", "not_issuable",
                            "Loại báo cáo " + type.id + " không có số và ngày văn bản (document.number, document.date) nên "
                                                        "không cấp số vào sổ được."});
    return out;
  }
  CheckedInput checked = check_input(type, input);
  if (!kept(checked, options, out)) return out;
  out.document = documents.create_draft(agency, type.id, checked.canonical, created_by);
  out.status = DraftOutcome::Status::created;
  return out;
}

DraftOutcome save_draft(DocumentRegister& documents, const ReportType& type, const StoredDocument& draft,
                        const std::string& input, const std::string& by, const DraftOptions& options) {
  DraftOutcome out;
  CheckedInput checked = check_input(type, input);
  if (!kept(checked, options, out)) return out;
  switch (documents.update_draft(draft.id, checked.canonical, by)) {
    case DocumentRegister::UpdateOutcome::updated: break;
    case DocumentRegister::UpdateOutcome::not_found: out.status = DraftOutcome::Status::not_found; return out;
    case DocumentRegister::UpdateOutcome::not_draft: out.status = DraftOutcome::Status::not_draft; return out;
  }
  out.document = *documents.find(draft.id);
  out.status = DraftOutcome::Status::created;
  return out;
}

vanthu::Date today_in_vietnam() {
  const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now()) + 7 * 3600;
  std::tm utc{};
  gmtime_r(&t, &utc);
  return vanthu::Date{utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

IssueResult issue_document(DocumentRegister& documents, TemplateStore& templates, const PluginRegistry& registry,
                           const std::string& id, const IssueOptions& options) {
  IssueResult result;
  std::optional<StoredDocument> draft = documents.find(id);
  if (!draft) {
    result.status = IssueResult::Status::not_found;
    return result;
  }
  const ReportType* type = registry.find(draft->report_type);
  if (!type) {
    result.detail = "văn bản " + id + " thuộc loại " + draft->report_type + " không còn được nạp";
    return result;
  }
  json input = json::parse(draft->input);

  // The register book: the issuing body as printed, from the draft's own model.
  BuiltModel model = build_model(*type, input);
  if (model.status != BuiltModel::Status::ok) {
    result.detail = "văn bản " + id + ": " + model.detail;
    return result;
  }
  const std::string issuer = one_line(string_at(model.model["data"], "issuer_name"));
  const vanthu::Date date = options.date.value_or(today_in_vietnam());

  // The agency's current template, as rendering with ?agency= would choose it.
  TemplateChoice chosen = choose_template(templates, *type, draft->agency, std::nullopt);
  if (chosen.status != TemplateChoice::Status::ok) {
    result.detail = "văn bản " + id + ": mẫu của " + draft->agency + ": " + chosen.message + " " + chosen.detail;
    return result;
  }

  // Signing's configuration is read before a number is taken: a missing certificate is the
  // clerk's to fix, never a number used up.
  std::optional<SigningConfig> signing;
  if (options.sign) {
    if (options.format == DocumentFormat::docx) {
      result.status = IssueResult::Status::invalid;
      result.problems.push_back({"/sign", "sign_needs_pdf", "Chỉ ký số được văn bản PDF: chọn định dạng pdf hoặc pdfa."});
      return result;
    }
    SigningConfigOutcome loaded = load_signing_config(options.data_dir, draft->agency);
    if (!loaded.ok) {
      result.status = IssueResult::Status::invalid;
      result.problems = std::move(loaded.problems);
      return result;
    }
    signing = std::move(loaded.config);
  }

  vanthu::Problems refused;
  std::string failure;
  ConvertedDocument::Status conversion = ConvertedDocument::Status::ok;
  int retry_after = 0;
  DocumentRegister::IssueOutcome issued;
  try {
    issued = documents.issue(id, issuer, date.year, options.issued_by, [&](int number, const std::string& last_date) {
      if (!last_date.empty() && date.iso() < last_date) {
        refused.push_back({"/date", "date_before_last_issued",
                           "Ngày ban hành " + date.dd_mm_yyyy() + " trước ngày của văn bản vừa cấp số trong sổ (" +
                               vanthu::Date::parse_iso(last_date).value_or(date).dd_mm_yyyy() +
                               "): số văn bản phải theo thứ tự ngày ban hành."});
        throw IssueRefused("date");
      }
      json numbered = input;
      numbered["document"]["number"] = number;
      numbered["document"]["date"] = date.iso();
      RenderedDocument rendered = render_document(*type, numbered.dump(), chosen.tpl.get(), chosen.label);
      if (rendered.status != RenderedDocument::Status::ok) {
        if (rendered.status == RenderedDocument::Status::internal_error) failure = rendered.detail;
        refused = std::move(rendered.problems);
        throw IssueRefused("render");
      }
      IssuedDocument made;
      const json& data = rendered.model["data"];
      std::string number_line = string_at(data, "number_line");
      if (number_line.rfind("Số:", 0) == 0) number_line = vanthu::text::trim(number_line.substr(std::string("Số:").size()));
      made.entry.number_symbol = plain(number_line);
      made.entry.date = date.iso();
      made.entry.title = plain(string_at(rendered.model["meta"], "title"));
      made.entry.signer = plain(string_at(data, "signer"));
      made.entry.recipients = joined_recipients(input);
      made.entry.archive = vanthu::text::trim_end(string_at(input, "archive"), ".;,");
      made.entry.copies = options.copies.value_or(recipients_count(input) + 1);
      made.entry.report_type = type->id;
      made.entry.template_label = chosen.label;
      made.file.file_name = file_name_for(rendered.file_name, options.format);
      made.file.media_type = media_type(options.format);
      if (options.format == DocumentFormat::docx) {
        made.file.bytes = std::move(rendered.docx);
        return made;
      }
      ConvertedDocument pdf = convert_document(options.pdf, std::move(rendered.docx), options.format);
      if (pdf.status != ConvertedDocument::Status::ok) {
        conversion = pdf.status;
        retry_after = pdf.retry_after_s;
        failure = pdf.detail;
        throw IssueRefused("convert");
      }
      SignOutcome finished;
      if (signing) {
        SignOptions sign;
        sign.signing_time = options.signing_time;
        sign.reason = "Ban hành " + made.entry.number_symbol;
        finished = sign_pdf(pdf.bytes, *signing, sign);
      } else {
        finished = prepare_signature_field(pdf.bytes);
      }
      if (finished.status != SignOutcome::Status::ok) {
        if (finished.status == SignOutcome::Status::internal_error) failure = finished.detail;
        refused = std::move(finished.problems);
        throw IssueRefused("sign");
      }
      made.file.bytes = std::move(finished.pdf);
      return made;
    });
  } catch (const IssueRefused&) {
    if (conversion != ConvertedDocument::Status::ok) {
      result.status = IssueResult::Status::unavailable;
      result.retry_after_s = retry_after;
      result.detail = "văn bản " + id + ": " + failure;
      result.problems.push_back({"", conversion_code(conversion), conversion_message(conversion) + " Chưa cấp số."});
      return result;
    }
    if (!failure.empty()) {
      result.detail = "văn bản " + id + ": " + failure;
      return result;
    }
    result.status = IssueResult::Status::invalid;
    result.problems = std::move(refused);
    return result;
  }
  using S = DocumentRegister::IssueOutcome::Status;
  switch (issued.status) {
    case S::issued: {
      result.status = IssueResult::Status::issued;
      result.entry = std::move(issued.entry);
      std::optional<IssuedFile> file = documents.file(id);
      if (file) result.file = std::move(*file);
      return result;
    }
    case S::not_found: result.status = IssueResult::Status::not_found; return result;
    case S::already_issued: result.status = IssueResult::Status::already_issued; break;
    case S::withdrawn: result.status = IssueResult::Status::withdrawn; break;
  }
  result.entry = std::move(issued.entry);
  return result;
}

nlohmann::json entry_json(const RegisterEntry& e) {
  json j = {{"number", e.number},
            {"number_symbol", e.number_symbol},
            {"date", e.date},
            {"title", e.title},
            {"signer", e.signer},
            {"recipients", e.recipients},
            {"archive", e.archive},
            {"copies", e.copies},
            {"issuer", e.issuer},
            {"year", e.year},
            {"agency", e.agency},
            {"document_id", e.document_id},
            {"report_type", e.report_type},
            {"template", e.template_label},
            {"file_name", e.file_name},
            {"media_type", e.media_type},
            {"sha256", e.sha256},
            {"issued_at", e.issued_at},
            {"issued_by", e.issued_by},
            {"withdrawn", e.withdrawn}};
  if (e.withdrawn) j["withdrawal"] = {{"at", e.withdrawn_at}, {"by", e.withdrawn_by}, {"reason", e.withdrawn_reason}};
  return j;
}

nlohmann::json document_json(const StoredDocument& d, const std::optional<RegisterEntry>& entry) {
  json j = {{"id", d.id},
            {"agency", d.agency},
            {"report_type", d.report_type},
            {"state", state_name(d.state)},
            {"created", d.created},
            {"created_by", d.created_by},
            {"updated", d.updated},
            {"input", json::parse(d.input)}};
  if (entry) j["register_entry"] = entry_json(*entry);
  return j;
}

}  // namespace vanthu::host
