#pragma once
// One venue: crowd level with "as of HH:MM", opening hours tonight, a "usually busy" chart and a comfortable alternative when crowded.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class VenueDetailScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::venue_detail; }
  std::string_view id() const override { return "venue"; }
  std::string_view title_key() const override { return "screen.venue"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
