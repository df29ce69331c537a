#pragma once
// App: the kiosk's SDL2 + SDL_Renderer + Dear ImGui runner. Owns the window,
// the fonts, the UI strings, the screens, the UI state and the backend (the
// data worker). The main loop draws only when something changed: it waits
// for SDL events with a timeout (the next clock minute, idle-warning second
// or attract step), draws a few extra frames after each event, and is woken
// by the data worker through an SDL user event. Idle: at most 1 frame/s.
//
// Tests drive the real app: init(), SDL_PushEvent(...), step(), then look at
// ui(), widgets() and what their fake Backend received.
//
// Benchmarks (bench/kiosk): with YEYOU_KIOSK_BENCH=FILE in the environment the
// interactive loop appends one JSON line to FILE when it ends (SIGTERM/SIGINT
// arrive as SDL_QUIT): wall-clock times of the first frame and of the first
// frame showing data, every presented frame, and the font atlas size. Nothing
// else changes.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/data/kiosk_config.hpp"
#include "kiosk/ui/backend.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/screen.hpp"
#include "kiosk/ui/strings.hpp"
#include "kiosk/ui/ui_state.hpp"
#include "kiosk/ui/widgets.hpp"

struct SDL_Window;
struct SDL_Renderer;
struct SDL_Texture;
union SDL_Event;

namespace yeyou::kiosk {

inline constexpr std::uint64_t kIdleWarnMs = 90'000;   // no input for 90 s: warn ...
inline constexpr std::uint64_t kIdleResetMs = 110'000;  // ... for 20 s, then reset
inline constexpr std::uint64_t kAttractStepMs = 8'000;  // attract loop: next highlight

class App {
 public:
  // `backend` null: the real DataWorker talking to cfg.server_url.
  explicit App(KioskConfig cfg, std::unique_ptr<Backend> backend = nullptr);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Interactive kiosk, or --screenshot mode; returns the process exit code.
  int run();

  // --- driving the app (tests) ---
  bool init();
  void shutdown();
  // Handles every queued SDL event, then renders and presents `frames` frames.
  void step(int frames = 1);
  // The millisecond clock used for idle timing (default SDL_GetTicks64).
  void set_ticks(std::function<std::uint64_t()> ticks) {
    ticks_ = std::move(ticks);
    last_input_ms_ = ticks_();
  }
  UiState& ui() { return ui_; }
  Lang lang() const { return lang_; }
  const std::vector<WidgetRecord>& widgets() const { return widgets_; }
  const WidgetRecord* widget(const std::string& id) const;
  std::optional<int> idle_warning_left() const { return idle_warning_left_; }
  int attract_index() const { return attract_index_; }
  bool save_png(const std::string& path);
  // Resets the UI as after a long idle (every field cleared, home, default language).
  void reset_ui();
  std::string missing_glyph_report() const;
  const Fonts& fonts() const { return fonts_; }
  int atlas_builds() const { return atlas_builds_; }
  std::int64_t atlas_build_max_us() const { return atlas_build_max_us_; }

 private:
  int run_interactive();
  int run_screenshots();
  Timestamp clock() const;
  float ui_scale() const;
  void take_snapshot();
  void rebuild_fonts_if_needed();
  void apply_scale();
  void apply_accessibility();
  void handle_event(const SDL_Event& ev, bool& quit);
  void update_idle();
  int wait_timeout_ms() const;
  // Builds the ImGui frame and draws it. With `skip_unchanged` (the interactive
  // loop) a frame whose draw data equals the last drawn one is not drawn again
  // and false is returned: the screen already shows it.
  bool render_frame(bool skip_unchanged = false);
  // One ImGui frame of the current screen, up to ImGui::Render().
  void build_frame();
  // Builds the font atlas and hands it to the renderer (timed for the bench).
  void build_atlas();
  // The large and title sizes learn every main screen in every language
  // (glyph_warmup.cpp); runs once data has been shown, and after forgetting.
  void warm_up_glyphs();
  void bench_frame_presented(std::int64_t work_us);
  void write_bench_report() const;
  Screen& screen_for(ScreenId id);

  KioskConfig cfg_;
  Strings strings_;
  Fonts fonts_;
  std::unique_ptr<Backend> backend_;
  std::shared_ptr<const ViewModel> vm_;
  std::vector<std::unique_ptr<Screen>> screens_;
  UiState ui_;
  UiEnv env_;
  Lang lang_;
  float scale_ = 1.0f;
  bool applied_large_ = false;
  bool applied_contrast_ = false;
  std::uint32_t wake_event_ = 0;
  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  bool imgui_ready_ = false;
  bool debug_ = false;       // YEYOU_KIOSK_DEBUG=1: F11 fullscreen, F12 ImGui demo window
  bool show_demo_ = false;
  bool quit_requested_ = false;
  bool animating_ = false;

  // Pointer state from SDL events (touch arrives as synthesized mouse events).
  float pointer_x_ = -1e9f, pointer_y_ = -1e9f;
  bool pointer_down_ = false, pointer_pressed_ = false;

  std::function<std::uint64_t()> ticks_;
  std::uint64_t last_input_ms_ = 0;
  std::optional<int> idle_warning_left_;
  int attract_index_ = -1;
  std::vector<WidgetRecord> widgets_;

  // YEYOU_KIOSK_BENCH: empty when off. Times are microseconds since the Unix epoch.
  std::string bench_file_;
  std::int64_t bench_first_data_us_ = 0;
  std::int64_t bench_max_work_us_ = 0;
  int atlas_builds_ = 0;
  SDL_Texture* font_texture_ = nullptr;  // the atlas, uploaded by font_texture.cpp
  bool glyph_warm_up_due_ = true;  // after the first frame that shows data
  bool data_drawn_ = false;
  std::size_t learned_after_warm_up_ = 0;  // Fonts::learned_count() after the warm-up
  std::int64_t atlas_build_max_us_ = 0;
  std::uint64_t drawn_hash_ = 0;  // draw data of the picture on screen; 0: unknown, draw
  std::int64_t bench_skipped_ = 0;
  std::vector<std::int64_t> bench_frames_us_;
};

}  // namespace yeyou::kiosk
