#pragma once
// Check a complaint's status by tracking number (on-screen keypad).
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class StatusScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::status; }
  std::string_view id() const override { return "status"; }
  std::string_view title_key() const override { return "screen.status"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
