#pragma once
// Screen: the base of every kiosk screen (after ImHex's View). draw() draws
// the common frame -- header with back, title, clock and language buttons;
// the notice banner or connection status; the navigation bar with the
// accessibility toggles; the on-screen keyboard when a field is being
// edited; the emergency and idle-warning overlays -- and the screen's own
// drawContent() inside a drag-scrolling region that ends above the keyboard,
// so the keyboard never covers the field. Screens draw only from the
// view-model snapshot; they act through ctx.ui (navigation, forms) and
// ctx.backend (submissions); they never fetch anything.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/data/view_model.hpp"
#include "kiosk/ui/backend.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/strings.hpp"
#include "kiosk/ui/ui_state.hpp"

namespace yeyou::kiosk {

// Facts about this kiosk and the frame that screens may use.
struct UiEnv {
  std::string server_url;  // base of the public pages (complaint tracking /c/…)
  std::string staff_pin_hash;  // empty: staff access not configured
  float width = 1920, height = 1080;
  bool portrait() const { return height > width; }
};

struct UiContext {
  const ViewModel& vm;
  const Strings& strings;
  const Fonts& fonts;
  Lang lang;
  Timestamp now;  // the header clock
  float scale;    // 1.0 at 1920x1080 (landscape) or 1080x1920 (portrait)
  UiState& ui;
  Backend& backend;
  const UiEnv& env;
  std::optional<int> idle_warning_left;  // seconds until the idle reset, while warning
  int attract_index = -1;                // >= 0: home shows the attract loop
  std::optional<Lang> switch_to = std::nullopt;  // set when a language button is pressed
  bool animating = false;                        // a screen wants another frame soon
  bool quit = false;                             // staff: leave the kiosk
  bool toggle_fullscreen = false;                // staff

  const std::string& t(const std::string& key) const { return strings.get(lang, key); }
  std::string f(const std::string& key, const std::map<std::string, std::string>& args) const {
    return strings.format(lang, key, args);
  }
  float px(float v) const { return v * scale; }
};

class Screen {
 public:
  virtual ~Screen() = default;
  virtual ScreenId screen_id() const = 0;
  // Stable id used in screenshot file names, e.g. "tonight".
  virtual std::string_view id() const = 0;
  // Lang-file key of the screen's title.
  virtual std::string_view title_key() const = 0;

  // Draws the whole screen into the main viewport. Not virtual: screens
  // customise only drawContent().
  void draw(UiContext& ctx);

 protected:
  virtual void drawContent(UiContext& ctx) = 0;

 private:
  void drawHeader(UiContext& ctx, float height);
  void drawBanner(UiContext& ctx, float top, float height);
  void drawNavBar(UiContext& ctx, float top, float height);
  void drawEmergency(UiContext& ctx, const Notice& n);
  void drawIdleWarning(UiContext& ctx, int seconds_left);
};

// The most severe active notice of a severity, if any.
const Notice* active_notice(const ViewModel& vm, Severity severity, Timestamp now);

}  // namespace yeyou::kiosk
