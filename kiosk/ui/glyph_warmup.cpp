// App::warm_up_glyphs: the large and title font sizes learn the characters of
// every main screen in every language in one go, off the visitor's path.
#include <imgui.h>

#include "kiosk/ui/app.hpp"

namespace yeyou::kiosk {
namespace {

struct WarmShot {
  ScreenId screen;
  int events_tab = 0;
  int rating_level = 0;
};

constexpr WarmShot kWarmShots[] = {
    {ScreenId::home},       {ScreenId::tonight, 0},     {ScreenId::tonight, 1},       {ScreenId::tonight, 2},
    {ScreenId::venues},     {ScreenId::event_detail},   {ScreenId::venue_detail},     {ScreenId::transport},
    {ScreenId::rate, 0, 0}, {ScreenId::rate, 0, 5},     {ScreenId::rate_thanks},      {ScreenId::complaint},        {ScreenId::complaint_done},
    {ScreenId::status},     {ScreenId::staff},
};

}  // namespace

// Draws the screens in a second ImGui context that shares the font atlas and
// is never rendered (no input reaches it, so nothing is tapped or sent);
// every character a font lacks is learned, then the atlas is built once.
// Without it, the first visit to each screen in each language would rebuild
// the atlas while a visitor waits (the frame is rebuilt before it is shown,
// so the price is time, not '?' boxes).
void App::warm_up_glyphs() {
  ImGuiContext* main = ImGui::GetCurrentContext();
  const ImGuiStyle style = ImGui::GetStyle();
  const ImVec2 display = ImGui::GetIO().DisplaySize;
  ImGuiContext* hidden = ImGui::CreateContext(ImGui::GetIO().Fonts);
  ImGui::SetCurrentContext(hidden);
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.DisplaySize = display;
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::GetStyle() = style;
  glyph_misses().clear();
  fonts_.add_text(heading_text(*vm_), /*every_size=*/true);
  const std::int64_t event_id = first_event_id(*vm_);
  const std::int64_t venue_id = vm_->venues.empty() ? 0 : vm_->venues.front().venue.id;
  for (Lang lang : {Lang::zh, Lang::en, Lang::ko}) {
    for (const WarmShot& shot : kWarmShots) {
      UiState ui;
      ui.large_text = ui_.large_text;
      ui.high_contrast = ui_.high_contrast;
      ui.nav.push(shot.screen);
      ui.browse.events_tab = shot.events_tab;
      ui.browse.event_id = event_id;
      ui.browse.venue_id = venue_id;
      ui.rating.level = shot.rating_level;
      ImGui::NewFrame();
      UiContext ctx{*vm_, strings_, fonts_, lang, clock(), scale_, ui, *backend_, env_, std::nullopt, -1};
      screen_for(shot.screen).draw(ctx);
      ImGui::EndFrame();
    }
  }
  ImGui::DestroyContext(hidden);
  ImGui::SetCurrentContext(main);
  fonts_.learn(glyph_misses());
  learned_after_warm_up_ = fonts_.learned_count();
  if (fonts_.dirty()) build_atlas();
}

}  // namespace yeyou::kiosk
