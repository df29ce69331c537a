#pragma once
// Venues and crowding: a schematic map from lat/lon, a legend by colour AND shape, and the list.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class VenuesScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::venues; }
  std::string_view id() const override { return "venues"; }
  std::string_view title_key() const override { return "screen.venues"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
