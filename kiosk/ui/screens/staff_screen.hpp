#pragma once
// Staff: PIN (hash in config) to leave kiosk mode or reconfigure.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class StaffScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::staff; }
  std::string_view id() const override { return "staff"; }
  std::string_view title_key() const override { return "screen.staff"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
