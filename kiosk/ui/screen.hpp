#pragma once
// Screen: the base of every kiosk screen (after ImHex's View). draw() draws
// the common frame -- header with title, clock and language buttons, and the
// connection status line -- then the screen's own drawContent() inside a
// scrolling region. Screens draw only from the view-model snapshot in the
// UiContext; they never fetch anything.
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/data/view_model.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/strings.hpp"

namespace yeyou::kiosk {

struct UiContext {
  const ViewModel& vm;
  const Strings& strings;
  const Fonts& fonts;
  Lang lang;
  Timestamp now;  // the header clock
  float scale;    // 1.0 at 1080 lines
  std::optional<Lang> switch_to = std::nullopt;  // set when a language button is pressed

  const std::string& t(const std::string& key) const { return strings.get(lang, key); }
  float px(float v) const { return v * scale; }
};

class Screen {
 public:
  virtual ~Screen() = default;
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
  void drawHeader(UiContext& ctx);
  void drawStatus(UiContext& ctx);
};

}  // namespace yeyou::kiosk
