#pragma once
// 首页 / Home: the time, what is on now and soon, crowds nearby, the last bus, notices and the way to rate; an attract loop after inactivity.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class HomeScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::home; }
  std::string_view id() const override { return "home"; }
  std::string_view title_key() const override { return "screen.home"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
