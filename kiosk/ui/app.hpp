#pragma once
// App: the kiosk's SDL2 + SDL_Renderer + Dear ImGui runner. Owns the window,
// the fonts, the UI strings, the screens and the data worker. The main loop
// draws only when something changed: it waits for SDL events with a timeout
// (the next clock minute), draws a few extra frames after each event, and is
// woken by the data worker through an SDL user event.
#include <memory>
#include <string>
#include <vector>

#include "kiosk/data/data_worker.hpp"
#include "kiosk/data/kiosk_config.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/screen.hpp"
#include "kiosk/ui/strings.hpp"

struct SDL_Window;
struct SDL_Renderer;

namespace yeyou::kiosk {

class App {
 public:
  explicit App(KioskConfig cfg);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Interactive kiosk, or --screenshot mode; returns the process exit code.
  int run();

 private:
  bool init();
  void shutdown();
  int run_interactive();
  int run_screenshots();

  Timestamp clock() const;
  float ui_scale() const;
  // Picks up the worker's latest snapshot; rebuilds the font atlas (between
  // frames) when its content brings characters the atlas lacks.
  void take_snapshot();
  void rebuild_fonts_if_needed();
  void apply_scale();
  // One ImGui frame of the current screen, rendered but not presented.
  void render_frame();
  bool save_png(const std::string& path);
  std::string missing_glyph_report() const;

  KioskConfig cfg_;
  Strings strings_;
  Fonts fonts_;
  std::unique_ptr<DataWorker> worker_;
  std::shared_ptr<const ViewModel> vm_;
  std::vector<std::unique_ptr<Screen>> screens_;
  std::size_t current_ = 0;
  Lang lang_;
  float scale_ = 1.0f;
  std::uint32_t wake_event_ = 0;
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  bool imgui_ready_ = false;
};

}  // namespace yeyou::kiosk
