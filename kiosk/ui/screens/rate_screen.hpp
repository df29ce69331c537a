#pragma once
// Rate (好差评): what to rate, five levels with both official label sets, reasons and detail questions after a bad review, optional comment and real-name contact with consent; a QR to rate later on the phone.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class RateScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::rate; }
  std::string_view id() const override { return "rate"; }
  std::string_view title_key() const override { return "screen.rate"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
