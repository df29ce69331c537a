#pragma once
// After a complaint: the tracking number from the receipt and a QR code to check its status.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class ComplaintDoneScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::complaint_done; }
  std::string_view id() const override { return "complaint_done"; }
  std::string_view title_key() const override { return "screen.complaint_done"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
