//! test-echo: the smallest well-behaved report type. Copies the input into the template's data
//! and refuses a period that ends before it starts (a semantic rule the schema cannot say).
#include "vanthu/plugin.hpp"

namespace {

vanthu::plugin::Model build(const nlohmann::json& input) {
  const std::string office = input.at("office").get<std::string>();
  const std::string from = input.at("from").get<std::string>();
  const std::string to = input.at("to").get<std::string>();
  if (to < from) {  // ISO dates order as text
    throw vanthu::plugin::InvalidInput(
        {{"/to", "period_order", "Ngày kết thúc " + to + " sớm hơn ngày bắt đầu " + from + "."}});
  }
  nlohmann::json data = {
      {"office", office},
      {"from", from},
      {"to", to},
      {"count", input.at("count")},
      {"items", input.value("items", nlohmann::json::array())},
  };
  nlohmann::json meta = {
      {"title", "Báo cáo thử của " + office},
      {"creator", office},
      {"created", to + "T00:00:00Z"},
      {"file_name", "Báo cáo thử " + office + " đến " + to + ".docx"},
  };
  return {std::move(meta), std::move(data)};
}

}  // namespace

VANTHU_REPORT_TYPE("test-echo", "Báo cáo thử (test-echo)", "1.0.0", "test-echo.docx", build)
