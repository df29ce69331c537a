#include "kiosk/ui/app.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>

#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>
#include <imgui_internal.h>

#include "kiosk/ui/draw_data.hpp"
#include "kiosk/ui/event_wait.hpp"
#include "kiosk/ui/font_texture.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/opaque_fill.hpp"
#include "kiosk/ui/screens/complaint_done_screen.hpp"
#include "kiosk/ui/screens/complaint_screen.hpp"
#include "kiosk/ui/screens/event_detail_screen.hpp"
#include "kiosk/ui/screens/home_screen.hpp"
#include "kiosk/ui/screens/rate_screen.hpp"
#include "kiosk/ui/screens/rate_thanks_screen.hpp"
#include "kiosk/ui/screens/staff_screen.hpp"
#include "kiosk/ui/screens/status_screen.hpp"
#include "kiosk/ui/screens/tonight_screen.hpp"
#include "kiosk/ui/screens/transport_screen.hpp"
#include "kiosk/ui/screens/venue_detail_screen.hpp"
#include "kiosk/ui/screens/venues_screen.hpp"
#include "kiosk/ui/theme.hpp"

namespace yeyou::kiosk {
namespace {

// Why SDL's software renderer should draw here, or "" when the accelerated
// one may: without a GPU SDL's OpenGL renderer is Mesa's llvmpipe, which
// loads LLVM (~110 MB more peak memory) and is slower than SDL's own
// software renderer. Decided before creating a GL renderer, so that LLVM
// is never mapped.
std::string software_reason() {
  std::string driver = SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "";
  if (driver == "offscreen" || driver == "dummy") return "video driver '" + driver + "' has no GPU";
  std::error_code ec;
  bool gpu = false;
  for (const auto& e : std::filesystem::directory_iterator("/dev/dri", ec))
    gpu |= e.path().filename().string().rfind("renderD", 0) == 0 || e.path().filename().string().rfind("card", 0) == 0;
  if (!gpu) return "no GPU (no /dev/dri render node)";
  return "";
}

// The renderer's own name for what draws: "opengl" on a GPU, or the
// rasteriser behind GL when it is one in software.
std::string gl_rasteriser(SDL_Renderer* r) {
  SDL_RendererInfo info{};
  if (SDL_GetRendererInfo(r, &info) != 0 || !info.name || std::string(info.name).rfind("opengl", 0) != 0) return "";
  using GetString = const unsigned char* (*)(unsigned);
  auto get = reinterpret_cast<GetString>(SDL_GL_GetProcAddress("glGetString"));
  const unsigned char* name = get ? get(0x1F01 /* GL_RENDERER */) : nullptr;
  return name ? reinterpret_cast<const char*>(name) : "";
}

// `choice`: auto, software or accelerated (KioskConfig::renderer). Logs what it chose and why.
SDL_Renderer* create_renderer(SDL_Window* window, const std::string& choice) {
  std::string reason = choice == "software" ? "asked for" : choice == "accelerated" ? "" : software_reason();
  SDL_Renderer* r = nullptr;
  if (reason.empty()) {
    r = SDL_CreateRenderer(window, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    std::string raster = r ? gl_rasteriser(r) : "";
    bool software_raster = raster.find("llvmpipe") != std::string::npos ||
                           raster.find("softpipe") != std::string::npos || raster.find("swrast") != std::string::npos;
    if (!r) {
      reason = std::string("no accelerated renderer: ") + SDL_GetError();
    } else if (software_raster && choice == "auto") {
      SDL_DestroyRenderer(r);
      r = nullptr;
      reason = "the accelerated renderer is a software rasteriser (" + raster + ")";
    } else {
      SDL_RendererInfo info{};
      SDL_GetRendererInfo(r, &info);
      std::fprintf(stderr, "yeyou-kiosk: renderer %s%s%s (%s)\n", info.name, raster.empty() ? "" : ", ",
                   raster.c_str(), choice == "accelerated" ? "asked for" : "a GPU is present");
      return r;
    }
  }
  r = SDL_CreateRenderer(window, -1, SDL_RENDERER_SOFTWARE);
  if (r) std::fprintf(stderr, "yeyou-kiosk: renderer software (%s)\n", reason.c_str());
  return r;
}

constexpr int kExtraFrames = 3;       // frames drawn after each event (ImGui settles in 2)
// Large-text mode: running text 1.3x; headings, already large, 1.15x (they
// stay larger than the text, and the atlas stays within its 4 MiB).
constexpr float kLargeTextFactor = 1.3f;
constexpr float kLargeHeadingFactor = 1.15f;

// Characters the large and title sizes may learn beyond what the warm-up gave
// them before an idle reset makes them start over (a tour of every demo event
// and venue in three languages learns about 60).
constexpr std::size_t kMaxLearnedGlyphs = 600;

// Text the UI draws that is not in the language files: keyboard keys, arrows.
constexpr std::string_view kUiGlyphs =
    "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔㅁㄴㅇㄹㅎㅗㅓㅏㅣㅋㅌㅊㅍㅠㅜㅡㅃㅉㄸㄲㅆㅒㅖ\u2190\u2192\u00b7，";

std::int64_t unix_us() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// FNV-1a over 64-bit words (and the tail bytes): cheap next to rasterizing the frame.
std::uint64_t hash_bytes(std::uint64_t h, const void* data, std::size_t n) {
  const auto* p = static_cast<const unsigned char*>(data);
  for (; n >= 8; n -= 8, p += 8) {
    std::uint64_t w;
    std::memcpy(&w, p, 8);
    h = (h ^ w) * 0x100000001b3ULL;
  }
  for (; n > 0; --n, ++p) h = (h ^ *p) * 0x100000001b3ULL;
  return h;
}

std::uint64_t hash_draw_data(const ImDrawData& d, std::uint64_t seed) {
  std::uint64_t h = hash_bytes(0xcbf29ce484222325ULL ^ seed, &d.DisplaySize, sizeof d.DisplaySize);
  for (int i = 0; i < d.CmdListsCount; ++i) {
    const ImDrawList& l = *d.CmdLists[i];
    h = hash_bytes(h, l.VtxBuffer.Data, static_cast<std::size_t>(l.VtxBuffer.Size) * sizeof(ImDrawVert));
    h = hash_bytes(h, l.IdxBuffer.Data, static_cast<std::size_t>(l.IdxBuffer.Size) * sizeof(ImDrawIdx));
    for (const ImDrawCmd& c : l.CmdBuffer) {
      if (const OpaqueFill* f = opaque_fill_of(c)) h = hash_bytes(h, f, sizeof *f);  // its pointer changes every frame
      h = hash_bytes(h, &c.ClipRect, sizeof c.ClipRect);
      h = hash_bytes(h, &c.TextureId, sizeof c.TextureId);
      const unsigned counts[3] = {c.VtxOffset, c.IdxOffset, c.ElemCount};
      h = hash_bytes(h, counts, sizeof counts);
    }
  }
  return h | 1;  // never 0 ("unknown")
}

Fonts::Sizes font_sizes(double body) {
  auto b = static_cast<float>(body);
  return {b * 0.8f, b, b * 1.27f, b * 1.6f};
}


}  // namespace

App::App(KioskConfig cfg, std::unique_ptr<Backend> backend)
    : cfg_(std::move(cfg)), fonts_(cfg_.font_path, font_sizes(cfg_.font_size)), backend_(std::move(backend)),
      lang_(cfg_.lang) {
  screens_.push_back(std::make_unique<HomeScreen>());
  screens_.push_back(std::make_unique<TonightScreen>());
  screens_.push_back(std::make_unique<EventDetailScreen>());
  screens_.push_back(std::make_unique<VenuesScreen>());
  screens_.push_back(std::make_unique<VenueDetailScreen>());
  screens_.push_back(std::make_unique<TransportScreen>());
  screens_.push_back(std::make_unique<RateScreen>());
  screens_.push_back(std::make_unique<RateThanksScreen>());
  screens_.push_back(std::make_unique<ComplaintScreen>());
  screens_.push_back(std::make_unique<ComplaintDoneScreen>());
  screens_.push_back(std::make_unique<StatusScreen>());
  screens_.push_back(std::make_unique<StaffScreen>());
  env_.server_url = cfg_.server_url;
  env_.staff_pin_hash = cfg_.staff_pin_hash;
  const char* dbg = std::getenv("YEYOU_KIOSK_DEBUG");
  debug_ = dbg && std::string(dbg) == "1";
  if (const char* bench = std::getenv("YEYOU_KIOSK_BENCH")) bench_file_ = bench;
  ticks_ = [] { return static_cast<std::uint64_t>(SDL_GetTicks64()); };
}

App::~App() { shutdown(); }

Screen& App::screen_for(ScreenId id) {
  for (auto& s : screens_)
    if (s->screen_id() == id) return *s;
  return *screens_.front();
}

const WidgetRecord* App::widget(const std::string& id) const {
  for (const auto& w : widgets_)
    if (w.id == id) return &w;
  return nullptr;
}

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
  fonts_.add_text(kUiGlyphs);

  const bool offscreen = !cfg_.screenshot_dir.empty() || backend_ != nullptr;
  if (offscreen) {
    SDL_setenv("SDL_VIDEODRIVER", "offscreen", /*overwrite=*/0);
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  }
  // When the renderer is the software one (no GPU, or SDL_RENDER_DRIVER=software),
  // present its surface directly: SDL would otherwise upload it through a second,
  // GL renderer (Mesa's llvmpipe: ~60 MB more resident memory and CPU per frame).
  // The accelerated renderer never uses the window surface. The environment
  // variable SDL_FRAMEBUFFER_ACCELERATION still overrides this.
  SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
  SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
  SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS | SDL_INIT_TIMER) != 0) {
    std::fprintf(stderr, "yeyou-kiosk: SDL_Init failed: %s\n", SDL_GetError());
    return false;
  }
  wake_event_ = SDL_RegisterEvents(1);
  Uint32 flags = SDL_WINDOW_RESIZABLE;
  // Kiosk mode: fullscreen without window chrome and without a mouse cursor.
  if (cfg_.fullscreen && !offscreen) flags = SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  window_ = SDL_CreateWindow(strings_.get(lang_, "app.name").c_str(), SDL_WINDOWPOS_CENTERED,
                             SDL_WINDOWPOS_CENTERED, cfg_.width, cfg_.height, flags);
  if (!window_) {
    std::fprintf(stderr, "yeyou-kiosk: cannot create window: %s\n", SDL_GetError());
    return false;
  }
  if (cfg_.fullscreen && !offscreen) SDL_ShowCursor(SDL_DISABLE);
  renderer_ = create_renderer(window_, offscreen ? "software" : cfg_.renderer);
  if (!renderer_) {
    std::fprintf(stderr, "yeyou-kiosk: cannot create renderer: %s\n", SDL_GetError());
    return false;
  }
  set_opaque_fill_renderer(renderer_);
  SDL_StopTextInput();  // started only while a field is being edited

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk keeps no window layout
  io.LogFilename = nullptr;
  ImGui_ImplSDL2_InitForSDLRenderer(window_);
  ImGui_ImplSDLRenderer_Init(renderer_);
  imgui_ready_ = true;
  apply_scale();

  if (!backend_) {
    DataWorkerOptions wopts;
    wopts.poll_interval = std::chrono::seconds{cfg_.poll_seconds};
    wopts.runtime = runtime_from(cfg_);
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
    backend_ = std::make_unique<WorkerBackend>(
        std::make_unique<DataWorker>(std::move(client), wopts, notify, worker_clock));
  }
  vm_ = backend_->snapshot();
  backend_->start();
  last_input_ms_ = ticks_();
  return true;
}

void App::shutdown() {
  if (backend_) backend_->stop();
  if (imgui_ready_) {
    if (font_texture_) SDL_DestroyTexture(font_texture_);
    font_texture_ = nullptr;
    ImGui_ImplSDLRenderer_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    imgui_ready_ = false;
  }
  set_opaque_fill_renderer(nullptr);
  if (renderer_) SDL_DestroyRenderer(renderer_);
  if (window_) SDL_DestroyWindow(window_);
  if (renderer_ || window_) SDL_Quit();
  renderer_ = nullptr;
  window_ = nullptr;
}

float App::ui_scale() const {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  // Designed for 1920x1080 landscape and 1080x1920 portrait.
  const float fw = static_cast<float>(w), fh = static_cast<float>(h);
  float s = fw >= fh ? std::min(fw / 1920.0f, fh / 1080.0f) : std::min(fw / 1080.0f, fh / 1920.0f);
  return std::clamp(s, 0.5f, 4.0f);
}

void App::apply_scale() {
  scale_ = ui_scale();
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  env_.width = static_cast<float>(w);
  env_.height = static_cast<float>(h);
  applied_contrast_ = ui_.high_contrast;
  applied_large_ = ui_.large_text;
  use_high_contrast(applied_contrast_);
  apply_theme(ImGui::GetStyle(), scale_);
  build_atlas();
}

void App::apply_accessibility() {
  if (ui_.large_text != applied_large_ || ui_.high_contrast != applied_contrast_) apply_scale();
}

void App::rebuild_fonts_if_needed() {
  if (fonts_.dirty()) build_atlas();
}

void App::build_atlas() {
  const auto t0 = std::chrono::steady_clock::now();
  if (font_texture_) SDL_DestroyTexture(font_texture_);
  font_texture_ = nullptr;
  ImGui::GetIO().Fonts->SetTexID(nullptr);
  if (!fonts_.build(*ImGui::GetIO().Fonts, scale_ * (applied_large_ ? kLargeTextFactor : 1.0f),
                    scale_ * (applied_large_ ? kLargeHeadingFactor : 1.0f)))
    std::fprintf(stderr, "yeyou-kiosk: building the font atlas failed\n");
  font_texture_ = upload_font_atlas(renderer_, *ImGui::GetIO().Fonts);
  if (!font_texture_) std::fprintf(stderr, "yeyou-kiosk: uploading the font atlas failed: %s\n", SDL_GetError());
  ++atlas_builds_;
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  atlas_build_max_us_ = std::max<std::int64_t>(atlas_build_max_us_, us);
}

void App::take_snapshot() {
  auto latest = backend_->snapshot();
  if (latest == vm_) return;
  vm_ = std::move(latest);
  fonts_.add_text(content_text(*vm_));
  // Names and titles in the large sizes too; before the first frame with data
  // is on screen, the glyph warm-up adds them (one atlas build fewer at start).
  if (!glyph_warm_up_due_) fonts_.add_text(heading_text(*vm_), /*every_size=*/true);
  std::string extra;
  for (const auto& p : vm_->car_parks) extra += p.summary.zh + p.summary.en + p.summary.ko;
  for (const auto& [id, r] : vm_->receipts) extra += r.tracking_no;
  if (vm_->complaint_status) extra += vm_->complaint_status->outcome + vm_->complaint_status->tracking_no;
  fonts_.add_text(extra);
}

void App::reset_ui() {
  ui_ = UiState{};
  lang_ = cfg_.lang;
  if (SDL_WasInit(SDL_INIT_VIDEO)) SDL_StopTextInput();
  idle_warning_left_.reset();
  // Back home, straight into the attract loop.
  last_input_ms_ = ticks_() - std::min(ticks_(), kIdleWarnMs);
  attract_index_ = 0;
  // What large and title sizes learned from details visitors opened (new
  // content every night) is forgotten once it grows large; the next frame
  // relearns what it draws, and the warm-up the main screens.
  if (fonts_.learned_count() > learned_after_warm_up_ + kMaxLearnedGlyphs) {
    fonts_.forget_learned();
    glyph_warm_up_due_ = true;
  }
  if (imgui_ready_) {
    ImGui::ClearActiveID();
    apply_accessibility();
  }
}

void App::update_idle() {
  const std::uint64_t now = ticks_();
  const std::uint64_t idle = now - std::min(now, last_input_ms_);
  const bool on_home = ui_.nav.current() == ScreenId::home && ui_.nav.depth() == 1;
  const bool warnable = !on_home || ui_.has_entered_data() || ui_.focus != FieldId::none;
  if (warnable && idle >= kIdleResetMs) {
    reset_ui();
    return;
  }
  if (warnable && idle >= kIdleWarnMs) {
    idle_warning_left_ = static_cast<int>((kIdleResetMs - idle + 999) / 1000);
    attract_index_ = -1;
    return;
  }
  idle_warning_left_.reset();
  attract_index_ = (!warnable && idle >= kIdleWarnMs) ? static_cast<int>((idle - kIdleWarnMs) / kAttractStepMs) : -1;
}

int App::wait_timeout_ms() const {
  const std::uint64_t now = ticks_();
  const std::uint64_t idle = now - std::min(now, last_input_ms_);
  auto into = now_utc().time_since_epoch() % std::chrono::minutes{1};
  std::int64_t wait = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::minutes{1} - into).count() + 20;
  if (idle < kIdleWarnMs) wait = std::min<std::int64_t>(wait, static_cast<std::int64_t>(kIdleWarnMs - idle));
  else if (idle_warning_left_) wait = std::min<std::int64_t>(wait, 1000 - static_cast<std::int64_t>((idle - kIdleWarnMs) % 1000));
  else if (attract_index_ >= 0)
    wait = std::min<std::int64_t>(wait, static_cast<std::int64_t>(kAttractStepMs - (idle - kIdleWarnMs) % kAttractStepMs));
  return static_cast<int>(std::max<std::int64_t>(wait, 10));
}

void App::handle_event(const SDL_Event& ev, bool& quit) {
  if (ev.type == wake_event_) {
    take_snapshot();
    return;
  }
  bool input = false;
  switch (ev.type) {
    case SDL_QUIT: quit = true; break;
    case SDL_MOUSEMOTION:
      pointer_x_ = static_cast<float>(ev.motion.x);
      pointer_y_ = static_cast<float>(ev.motion.y);
      input = pointer_down_;
      break;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
      if (ev.button.button == SDL_BUTTON_LEFT) {
        pointer_x_ = static_cast<float>(ev.button.x);
        pointer_y_ = static_cast<float>(ev.button.y);
        pointer_down_ = ev.type == SDL_MOUSEBUTTONDOWN;
        if (pointer_down_) pointer_pressed_ = true;
      }
      input = true;
      break;
    case SDL_MOUSEWHEEL:
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION: input = true; break;
    case SDL_TEXTINPUT:
      if (TextField* f = ui_.field(ui_.focus)) {
        std::string text = ev.text.text;
        if (digits_only(ui_.focus)) {
          std::string d;
          for (char c : text)
            if (c >= '0' && c <= '9') d += c;
          text = d;
        }
        f->type(text);
      }
      input = true;
      break;
    case SDL_KEYDOWN:
      input = true;
      if (TextField* f = ui_.field(ui_.focus)) {
        if (ev.key.keysym.sym == SDLK_BACKSPACE) f->backspace();
        if (ev.key.keysym.sym == SDLK_ESCAPE || ev.key.keysym.sym == SDLK_RETURN) {
          f->commit();
          ui_.focus = FieldId::none;
        }
      }
      if (debug_ && ev.key.keysym.sym == SDLK_F12) show_demo_ = !show_demo_;
      if (debug_ && ev.key.keysym.sym == SDLK_F11) {
        bool fs = (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
        SDL_SetWindowFullscreen(window_, fs ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
      }
      break;
    case SDL_WINDOWEVENT:
      if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) apply_scale();
      drawn_hash_ = 0;  // exposed, restored, resized: draw the next frame whatever it holds
      break;
    default: break;
  }
  if (ev.type != SDL_TEXTINPUT) ImGui_ImplSDL2_ProcessEvent(&ev);
  if (input) {
    last_input_ms_ = ticks_();
    attract_index_ = -1;
    idle_warning_left_.reset();
  }
}

void App::build_frame() {
  // (No ImGui_ImplSDLRenderer_NewFrame(): all it does is create the backend's
  // own font texture, and the app uploads the atlas itself, font_texture.cpp.)
  ImGui_ImplSDL2_NewFrame();
  // Pointer from our own event tracking: works for touch, for synthetic test
  // events, and never depends on hover.
  ImGuiIO& io = ImGui::GetIO();
  io.MousePos = ImVec2(pointer_x_, pointer_y_);
  io.MouseDown[0] = pointer_pressed_ || pointer_down_;
  pointer_pressed_ = false;
  ImGui::NewFrame();
  widget_log().clear();
  begin_opaque_fills();
  UiContext ctx{*vm_, strings_, fonts_, lang_, clock(), scale_, ui_, *backend_, env_, idle_warning_left_, attract_index_};
  const FieldId focus_before = ui_.focus;
  screen_for(ui_.nav.current()).draw(ctx);
  if (debug_ && show_demo_) ImGui::ShowDemoWindow(&show_demo_);
  ImGui::Render();
  widgets_ = widget_log();
  animating_ = ctx.animating;
  if (ctx.switch_to) lang_ = *ctx.switch_to;
  if (ctx.quit) quit_requested_ = true;
  if (ctx.toggle_fullscreen && window_) {
    bool fs = (SDL_GetWindowFlags(window_) & SDL_WINDOW_FULLSCREEN_DESKTOP) != 0;
    SDL_SetWindowFullscreen(window_, fs ? 0 : SDL_WINDOW_FULLSCREEN_DESKTOP);
  }
  if (ui_.focus != focus_before) {
    // Hardware keyboards and IMEs type through SDL text input while a field is edited.
    if (ui_.focus != FieldId::none) SDL_StartTextInput();
    else SDL_StopTextInput();
  }
}

bool App::render_frame(bool skip_unchanged) {
  take_snapshot();
  apply_accessibility();
  if (TextField* f = ui_.field(ui_.focus)) fonts_.add_text(f->text());
  if (glyph_warm_up_due_ && data_drawn_) {
    glyph_warm_up_due_ = false;  // the frame with data is on screen: now, not before it
    warm_up_glyphs();
  }

  // Text drawn with a font that lacks some of its characters throws the frame
  // away: the atlas learns them and the frame is built again (never a '?').
  // New content (a dirty atlas) also goes through a first pass with the old
  // atlas, so that one rebuild covers both.
  for (int pass = 0;; ++pass) {
    glyph_misses().clear();
    build_frame();
    const bool learned = fonts_.learn(glyph_misses());
    if (pass == 2 || (!learned && !fonts_.dirty())) break;
    rebuild_fonts_if_needed();
  }
  const Rgb bg = pal().background;
  if (skip_unchanged) {
    // Data snapshots, clock checks and settling frames often produce the very
    // picture already on screen: rasterizing it again would only cost CPU.
    const std::uint64_t seed = (static_cast<std::uint64_t>(atlas_builds_) << 24) ^
                               (static_cast<std::uint64_t>(bg.r) << 16) ^ (static_cast<std::uint64_t>(bg.g) << 8) ^ bg.b;
    const std::uint64_t h = hash_draw_data(*ImGui::GetDrawData(), seed);
    if (h == drawn_hash_) return false;
    drawn_hash_ = h;
  } else {
    drawn_hash_ = 0;
  }
  SDL_SetRenderDrawColor(renderer_, bg.r, bg.g, bg.b, 255);
  SDL_RenderClear(renderer_);
  render_draw_data(renderer_, *ImGui::GetDrawData());
  data_drawn_ = data_drawn_ || vm_->sync.has_data;
  return true;
}

void App::step(int frames) {
  bool quit = false;
  SDL_Event ev;
  while (SDL_PollEvent(&ev)) handle_event(ev, quit);
  update_idle();
  for (int i = 0; i < frames; ++i) {
    render_frame();
    SDL_RenderPresent(renderer_);
  }
}

int App::run_interactive() {
  int frames = kExtraFrames;
  bool quit = false;
  std::optional<int> shown_warning;
  int shown_attract = -1;
  std::int64_t shown_minute = -1;
  while (!quit && !quit_requested_) {
    SDL_Event ev;
    bool got;
    if (frames > 0 || animating_) {
      got = SDL_PollEvent(&ev) != 0;
    } else {
      got = wait_event(ev, wait_timeout_ms());
    }
    for (; got; got = SDL_PollEvent(&ev) != 0) {
      const bool wake = ev.type == wake_event_;
      handle_event(ev, quit);
      frames = std::max(frames, wake ? 2 : kExtraFrames);
    }
    if (quit) break;
    update_idle();
    // A ticking clock, the idle countdown and the attract loop need a frame when they change.
    std::int64_t minute = std::chrono::duration_cast<std::chrono::minutes>(clock().time_since_epoch()).count();
    if (idle_warning_left_ != shown_warning || attract_index_ != shown_attract || minute != shown_minute) {
      shown_warning = idle_warning_left_;
      shown_attract = attract_index_;
      shown_minute = minute;
      frames = std::max(frames, 1);
    }
    if (frames > 0 || animating_) {
      const auto t0 = std::chrono::steady_clock::now();
      if (render_frame(/*skip_unchanged=*/true)) {
        SDL_RenderPresent(renderer_);
        if (!bench_file_.empty())
          bench_frame_presented(
              std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count());
      } else {
        ++bench_skipped_;
      }
      if (frames > 0) --frames;
    }
  }
  if (!bench_file_.empty()) write_bench_report();
  return 0;
}

void App::bench_frame_presented(std::int64_t work_us) {
  const std::int64_t now = unix_us();
  if (!bench_first_data_us_ && vm_->sync.has_data) bench_first_data_us_ = now;
  bench_max_work_us_ = std::max(bench_max_work_us_, work_us);
  if (bench_frames_us_.size() < 100'000) bench_frames_us_.push_back(now);
}

void App::write_bench_report() const {
  std::FILE* f = std::fopen(bench_file_.c_str(), "a");
  if (!f) {
    std::fprintf(stderr, "yeyou-kiosk: cannot write %s\n", bench_file_.c_str());
    return;
  }
  SDL_RendererInfo info{};
  SDL_GetRendererInfo(renderer_, &info);
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  std::fprintf(f,
               "{\"renderer\":\"%s\",\"video_driver\":\"%s\",\"width\":%d,\"height\":%d,"
               "\"first_frame_unix_us\":%lld,\"first_data_frame_unix_us\":%lld,\"max_frame_work_us\":%lld,"
               "\"atlas_width\":%d,\"atlas_height\":%d,\"atlas_rgba_bytes\":%lld,\"atlas_builds\":%d,"
               "\"atlas_codepoints\":%zu,\"atlas_glyphs\":%zu,\"atlas_build_max_us\":%lld,\"frames_unchanged_not_drawn\":%lld,\"frames\":%zu,\"frames_unix_us\":[",
               info.name ? info.name : "", SDL_GetCurrentVideoDriver() ? SDL_GetCurrentVideoDriver() : "", w, h,
               static_cast<long long>(bench_frames_us_.empty() ? 0 : bench_frames_us_.front()),
               static_cast<long long>(bench_first_data_us_), static_cast<long long>(bench_max_work_us_),
               atlas.TexWidth, atlas.TexHeight, static_cast<long long>(atlas.TexWidth) * atlas.TexHeight * 4,
               atlas_builds_, fonts_.wanted_count(), fonts_.glyph_count(), static_cast<long long>(atlas_build_max_us_),
               static_cast<long long>(bench_skipped_), bench_frames_us_.size());
  for (std::size_t i = 0; i < bench_frames_us_.size(); ++i)
    std::fprintf(f, "%s%lld", i ? "," : "", static_cast<long long>(bench_frames_us_[i]));
  std::fprintf(f, "]}\n");
  std::fclose(f);
}

}  // namespace yeyou::kiosk
