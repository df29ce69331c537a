#pragma once
// Getting home: departures with minutes to go and the last-bus warning, car parks with plain fee text, a QR of the route summary.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

class TransportScreen final : public Screen {
 public:
  ScreenId screen_id() const override { return ScreenId::transport; }
  std::string_view id() const override { return "transport"; }
  std::string_view title_key() const override { return "screen.transport"; }

 protected:
  void drawContent(UiContext& ctx) override;
};

}  // namespace yeyou::kiosk
