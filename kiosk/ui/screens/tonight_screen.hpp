#pragma once
// 今晚 / Tonight: tonight's events, "on now" first, then "later tonight",
// each with its time (correct across midnight), venue, price, a status tag
// for cancelled / postponed / rescheduled events and the venue's crowd level.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class TonightScreen final : public Screen {
 public:
  std::string_view id() const override { return "tonight"; }
  std::string_view title_key() const override { return "screen.tonight"; }

 protected:
  void drawContent(UiContext& ctx) override;

 private:
  void drawSection(UiContext& ctx, const std::string& title_key, const std::vector<EventItem>& items,
                   const std::string& empty_key);
  void drawEvent(UiContext& ctx, const EventItem& item);
};

}  // namespace yeyou::kiosk
