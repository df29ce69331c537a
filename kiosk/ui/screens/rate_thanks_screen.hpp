#pragma once
// After a rating: the receipt state (sending / received / not saved); a named bad review is promised a follow-up.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class RateThanksScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::rate_thanks; }
  std::string_view id() const override { return "rate_thanks"; }
  std::string_view title_key() const override { return "screen.rate_thanks"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
