#include "kiosk/ui/app.hpp"

#include <algorithm>
#include <cstdio>

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include "kiosk/ui/screens/tonight_screen.hpp"
#include "kiosk/ui/theme.hpp"

namespace yeyou::kiosk {
namespace {

constexpr int kExtraFrames = 3;  // frames drawn after each event (ImGui settles in 2)

Fonts::Sizes font_sizes(double body) {
  auto b = static_cast<float>(body);
  return {b * 0.8f, b, b * 1.27f, b * 1.6f};
}

}  // namespace

App::App(KioskConfig cfg) : cfg_(std::move(cfg)), fonts_(cfg_.font_path, font_sizes(cfg_.font_size)), lang_(cfg_.lang) {
  screens_.push_back(std::make_unique<TonightScreen>());
}

App::~App() { shutdown(); }

Timestamp App::clock() const { return cfg_.fixed_now ? *cfg_.fixed_now : now_utc(); }

int App::run() {
  if (!init()) return 1;
  int rc = cfg_.screenshot_dir.empty() ? run_interactive() : run_screenshots();
  shutdown();
  return rc;
}

bool App::init() {
  try {
    strings_ = Strings::load(cfg_.lang_dir);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "yeyou-kiosk: %s\n", e.what());
    return false;
  }
  std::string error;
  if (!fonts_.load(error)) {
    std::fprintf(stderr, "yeyou-kiosk: %s\n", error.c_str());
    return false;
  }
  fonts_.add_text(strings_.all_text());

  const bool offscreen = !cfg_.screenshot_dir.empty();
  if (offscreen) {
    SDL_setenv("SDL_VIDEODRIVER", "offscreen", /*overwrite=*/0);
    // Draw straight into the window's memory surface: no GL (Mesa) needed.
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "yeyou-kiosk: SDL_Init failed: %s\n", SDL_GetError());
    return false;
  }
  wake_event_ = SDL_RegisterEvents(1);
  Uint32 flags = SDL_WINDOW_RESIZABLE;
  if (cfg_.fullscreen && !offscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
  window_ = SDL_CreateWindow(strings_.get(lang_, "app.name").c_str(), SDL_WINDOWPOS_CENTERED,
                             SDL_WINDOWPOS_CENTERED, cfg_.width, cfg_.height, flags);
  if (!window_) {
    std::fprintf(stderr, "yeyou-kiosk: cannot create window: %s\n", SDL_GetError());
    return false;
  }
  renderer_ = offscreen ? nullptr
                        : SDL_CreateRenderer(window_, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
  if (!renderer_) renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
  if (!renderer_) {
    std::fprintf(stderr, "yeyou-kiosk: cannot create renderer: %s\n", SDL_GetError());
    return false;
  }

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window layout
  io.LogFilename = nullptr;
  ImGui_ImplSDL2_InitForSDLRenderer(window_);
  ImGui_ImplSDLRenderer_Init(renderer_);
  imgui_ready_ = true;
  apply_scale();

  // The worker wakes this thread with a user event (SDL_PushEvent is thread-safe).
  DataWorkerOptions wopts;
  wopts.poll_interval = std::chrono::seconds{cfg_.poll_seconds};
  wopts.view.nights_ahead = cfg_.nights_ahead;
  wopts.view.occupancy_stale_minutes = cfg_.occupancy_stale_minutes;
  ApiClient client(cfg_.server_url, {std::chrono::milliseconds{cfg_.connect_timeout_ms},
                                     std::chrono::milliseconds{cfg_.request_timeout_ms}});
  const Uint32 wake = wake_event_;
  auto notify = [wake] {
    SDL_Event ev{};
    ev.type = wake;
    SDL_PushEvent(&ev);
  };
  DataWorker::Clock worker_clock = now_utc;
  if (cfg_.fixed_now) worker_clock = [t = *cfg_.fixed_now] { return t; };
  worker_ = std::make_unique<DataWorker>(std::move(client), wopts, notify, worker_clock);
  vm_ = worker_->snapshot();
  worker_->start();
  return true;
}

void App::shutdown() {
  if (worker_) worker_->stop();
  worker_.reset();
  if (imgui_ready_) {
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    imgui_ready_ = false;
  }
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (window_) SDL_DestroyWindow(window_);
  if (renderer_ || window_) SDL_Quit();
  renderer_ = nullptr;
  window_ = nullptr;
}

float App::ui_scale() const {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  float s = std::min(static_cast<float>(w) / 1920.0f, static_cast<float>(h) / 1080.0f);
  return std::clamp(s, 0.5f, 4.0f);
}

void App::apply_scale() {
  scale_ = ui_scale();
  apply_theme(ImGui::GetStyle(), scale_);
  ImGui_ImplSDLRenderer_DestroyFontsTexture();
  if (!fonts_.build(*ImGui::GetIO().Fonts, scale_)) std::fprintf(stderr, "yeyou-kiosk: building the font atlas failed\n");
  ImGui_ImplSDLRenderer_CreateFontsTexture();
}

void App::rebuild_fonts_if_needed() {
  if (!fonts_.dirty()) return;
  ImGui_ImplSDLRenderer_DestroyFontsTexture();
  if (!fonts_.build(*ImGui::GetIO().Fonts, scale_)) std::fprintf(stderr, "yeyou-kiosk: building the font atlas failed\n");
  ImGui_ImplSDLRenderer_CreateFontsTexture();
}

void App::take_snapshot() {
  auto latest = worker_->snapshot();
  if (latest == vm_) return;
  vm_ = std::move(latest);
  fonts_.add_text(content_text(*vm_));
  rebuild_fonts_if_needed();  // only when the character set grew
}

void App::render_frame() {
  ImGui_ImplSDLRenderer_NewFrame();
  ImGui_ImplSDL2_NewFrame();
  ImGui::NewFrame();
  UiContext ctx{*vm_, strings_, fonts_, lang_, clock(), scale_};
  screens_[current_]->draw(ctx);
  ImGui::Render();
  if (ctx.switch_to) lang_ = *ctx.switch_to;
  const Rgb bg = palette::background;
  SDL_SetRenderDrawColor(renderer_, bg.r, bg.g, bg.b, 255);
  SDL_RenderClear(renderer_);
  ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
}

int App::run_interactive() {
  int frames = kExtraFrames;
  bool quit = false;
  while (!quit) {
    SDL_Event ev;
    bool got;
    if (frames > 0) {
      got = SDL_PollEvent(&ev) != 0;
    } else {
      // Idle: sleep until an event or the next minute of the clock.
      auto into = now_utc().time_since_epoch() % std::chrono::minutes{1};
      auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::minutes{1} - into);
      got = SDL_WaitEventTimeout(&ev, static_cast<int>(wait.count()) + 20) != 0;
      if (!got) frames = 1;  // the clock ticked
    }
    for (; got; got = SDL_PollEvent(&ev) != 0) {
      if (ev.type == wake_event_) {
        take_snapshot();
        frames = std::max(frames, 2);
        continue;
      }
      ImGui_ImplSDL2_ProcessEvent(&ev);
      if (ev.type == SDL_QUIT) quit = true;
      if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED &&
          ui_scale() != scale_)
        apply_scale();
      if (ev.type == SDL_KEYDOWN && ev.key.keysym.sym == SDLK_F11) {
        bool fs = (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
        SDL_SetWindowFullscreen(window_, fs ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
      }
      frames = kExtraFrames;
    }
    if (quit) break;
    if (frames > 0) {
      render_frame();
      SDL_RenderPresent(renderer_);
      --frames;
    }
  }
  return 0;
}

}  // namespace yeyou::kiosk
