#pragma once
// Complaint (投诉): category, subject, text with quick phrases, optional contact.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class ComplaintScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::complaint; }
  std::string_view id() const override { return "complaint"; }
  std::string_view title_key() const override { return "screen.complaint"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
