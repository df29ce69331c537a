#pragma once
// One event: venue, time (across midnight), price, live crowd, description and a QR code with the event as a VEVENT.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class EventDetailScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::event_detail; }
  std::string_view id() const override { return "event"; }
  std::string_view title_key() const override { return "screen.event"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
