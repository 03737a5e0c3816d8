#include "usecases/sign_document.hpp"

#include "issuing/pades_signer.hpp"
#include "issuing/sign_field.hpp"

namespace vanthu::host {
namespace {

SignOutcome failure(const SigningError& e) {
  SignOutcome out;
  const bool config = !e.path().empty();  // the configuration's fields are named; the document is ""
  out.status = config ? SignOutcome::Status::invalid_config : SignOutcome::Status::invalid_pdf;
  out.problems.push_back(e.problem());
  return out;
}

template <class Step>
SignOutcome guarded(Step&& step) {
  try {
    SignOutcome out;
    out.pdf = step();
    out.status = SignOutcome::Status::ok;
    return out;
  } catch (const SigningError& e) {
    return failure(e);
  } catch (const std::exception& e) {
    SignOutcome out;
    out.detail = e.what();
    return out;
  }
}

}  // namespace

SignOutcome sign_pdf(std::string_view pdf, const SigningConfig& config, const SignOptions& options) {
  if (options.appendix && options.number_symbol.empty()) {
    SignOutcome out;
    out.status = SignOutcome::Status::invalid_pdf;
    out.problems.push_back({"/number_symbol", "required",
                            "Ký phụ lục cần số, ký hiệu của văn bản (ví dụ 15/BC-UBND) để trình bày cùng thời gian ký"});
    return out;
  }
  return guarded([&] {
    PadesOptions pades;
    pades.appendix = options.appendix;
    pades.number_symbol = options.number_symbol;
    pades.reason = options.reason;
    pades.signing_time = options.signing_time ? *options.signing_time : std::time(nullptr);
    if (options.appendix) return sign_pades(pdf, config, pades);
    // A document without its field gets it first (a full rewrite: nothing is signed yet); one
    // that has it (from vanthu sign-field, or signed already) is signed, or refused, as it is.
    if (has_field(pdf)) return sign_pades(pdf, config, pades);
    const std::string prepared = add_signature_field(pdf);
    return sign_pades(prepared, config, pades);
  });
}

SignOutcome prepare_signature_field(std::string_view pdf) {
  return guarded([&] { return add_signature_field(pdf); });
}

}  // namespace vanthu::host
