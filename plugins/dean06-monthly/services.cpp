//! The default list of Phụ lục 2 (seed 002): the 25 essential public services (dịch vụ công
//! thiết yếu) of Đề án 06 under the city's management, with the body that leads each, in the
//! order of the city's form. The ward reports the figures of 13 of them (its police and its
//! public administration centre); the others print their lead body and blank figures.
//! The keys are the input's property names under "essential_services" (schema.json lists the
//! same keys, in the same order; a unit test checks it).
#include "rules.hpp"

namespace vanthu::dean06_monthly {

const std::vector<ServiceDefinition>& default_services() {
  static const std::vector<ServiceDefinition> services = {
      {"confirm_id_number", "Xác nhận số Chứng minh nhân dân khi đã được cấp thẻ Căn cước công dân", "CA phường", true},
      {"id_card_renewal", "Cấp lại, đổi thẻ căn cước công dân", "CA phường", true},
      {"permanent_residence", "Đăng ký thường trú", "CA phường", true},
      {"temporary_residence", "Đăng ký tạm trú", "CA phường", true},
      {"temporary_absence", "Khai báo tạm vắng", "CA phường", true},
      {"stay_notice", "Thông báo lưu trú", "CA phường", true},
      {"motorbike_registration", "Đăng ký, cấp biển số mô tô, xe gắn máy", "CA phường", true},
      {"traffic_camera_fines",
       "Thu tiền nộp phạt xử lý vi phạm hành chính trong lĩnh vực giao thông đường bộ qua thiết bị ghi hình (phạt nguội)",
       "CA phường", true},
      {"birth_registration", "Đăng ký khai sinh", "TT PVHCC phường", true},
      {"death_registration", "Đăng ký khai tử", "TT PVHCC phường", true},
      {"marriage_registration", "Đăng ký kết hôn", "TT PVHCC phường", true},
      {"passport", "Cấp, cấp lại, sửa đổi, bổ sung hộ chiếu phổ thông", "CATP", false},
      {"new_seal", "Thủ tục làm con dấu mới và cấp Giấy chứng nhận đã đăng ký mẫu dấu", "CATP", false},
      {"small_seal", "Thủ tục làm con dấu thu nhỏ, dấu nổi, dấu xi và cấp Giấy chứng nhận đã đăng ký mẫu con dấu", "CATP",
       false},
      // Seed 002 prints the death group's name on this row too (a copy slip: the two rows carry
      // different figures); the birth group is the other inter-agency service of Đề án 06.
      {"birth_linked_services",
       "Liên thông đăng ký khai sinh - Đăng ký thường trú - Cấp thẻ bảo hiểm y tế cho trẻ em dưới 6 tuổi", "TT PVHCC phường",
       true},
      {"death_linked_services", "Liên thông đăng ký khai tử - Xóa đăng ký thường trú - Trợ cấp mai táng phí",
       "TT PVHCC phường", true},
      {"health_insurance_household", "Tích hợp tính giảm trừ mức đóng trong gia hạn thẻ bảo hiểm y tế theo hộ gia đình",
       "BHXH cơ sở Hải An (BHXH TP)", false},
      {"tax_registration",
       "Đăng ký thuế lần đầu, đăng ký thay đổi thông tin đăng ký thuế đối với người nộp thuế là hộ gia đình, cá nhân",
       "Cơ quan Thuế TP (Thuế Cơ sở 1)", false},
      {"land_change_registration",
       "Đăng ký biến động về quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất do thay đổi thông tin về người được "
       "cấp Giấy chứng nhận (đổi tên hoặc giấy tờ pháp nhân, giấy tờ nhân thân, địa chỉ).",
       "Cấp Sở - UBND TP", false},
      {"driving_licence_renewal", "Cấp đổi, cấp lại giấy phép lái xe", "Cấp Sở - UBND TP", false},
      {"exam_registration", "Đăng kí dự thi tốt nghiệp THPT quốc gia và xét tuyển đại học, cao đẳng", "Cấp Sở - UBND TP",
       false},
      {"criminal_record", "Cấp Phiếu lý lịch tư pháp", "Cấp Sở - UBND TP", false},
      {"unemployment_benefit", "Giải quyết hưởng trợ cấp thất nghiệp", "Cấp Sở - UBND TP", false},
      {"new_power_connection", "Cấp điện mới từ lưới điện hạ áp (220/380V)", "Điện lực - UBND TP", false},
      {"power_contract_change", "Thay đổi chủ thể hợp đồng mua bán điện.", "Điện lực - UBND TP", false},
  };
  return services;
}

std::size_t ward_service_count() {
  std::size_t n = 0;
  for (const auto& s : default_services()) n += s.ward ? 1 : 0;
  return n;
}

}  // namespace vanthu::dean06_monthly
