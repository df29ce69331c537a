#pragma once
// 今晚 / Tonight: on now, later tonight and the next nights, filtered by
// category and district; cancelled / postponed events are tagged. Tapping an
// event opens its detail.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class TonightScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::tonight; }
  std::string_view id() const override { return "tonight"; }
  std::string_view title_key() const override { return "screen.tonight"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

// One tappable event card (shared with the home screen).
void event_card(UiContext& ctx, const EventItem& item, const std::string& id, bool show_date = false);

}  // namespace yeyou::kiosk
