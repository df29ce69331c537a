// App's --screenshot mode: render every screen offscreen (SDL's offscreen
// video driver + software renderer) once the first data has arrived, and
// write PNG files.
#include <cstdio>
#include <filesystem>
#include <functional>
#include <vector>

#include <SDL.h>
#include <imgui.h>
#include <stb_image_write.h>

#include "kiosk/ui/app.hpp"
#include "kiosk/ui/hangul.hpp"

namespace yeyou::kiosk {
namespace {

constexpr int kLayoutFrames = 3;  // ImGui needs a couple of frames to settle sizes and scrolling

}  // namespace

bool App::save_png(const std::string& path) {
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  std::vector<unsigned char> pixels(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 3);
  if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_RGB24, pixels.data(), w * 3) != 0) {
    std::fprintf(stderr, "yeyou-kiosk: reading pixels failed: %s\n", SDL_GetError());
    return false;
  }
  if (!stbi_write_png(path.c_str(), w, h, 3, pixels.data(), w * 3)) {
    std::fprintf(stderr, "yeyou-kiosk: cannot write %s\n", path.c_str());
    return false;
  }
  return true;
}

std::string App::missing_glyph_report() const {
  std::string report;
  const std::string text = strings_.all_text() + content_text(*vm_);
  // Large and title hold what was drawn with them (checked as it is drawn).
  for (ImFont* font : {fonts_.small(), fonts_.body()})
    for (char32_t c : Fonts::missing_glyphs(*font, text))
      if (report.find(to_utf8(c)) == std::string::npos) report += to_utf8(c);
  return report;
}

namespace {

// One screenshot: a name and how to put the UI into that state.
struct Shot {
  const char* name;
  std::function<void(UiState&, const ViewModel&, const Strings&)> setup;
};

std::int64_t busiest_venue(const ViewModel& vm) {
  const VenueView* best = nullptr;
  for (const auto& v : vm.venues)
    if (!best || v.crowd.value_or(CrowdLevel::comfortable) > best->crowd.value_or(CrowdLevel::comfortable)) best = &v;
  return best ? best->venue.id : 0;
}

std::vector<Shot> shots() {
  auto go = [](ScreenId id) {
    return [id](UiState& ui, const ViewModel&, const Strings&) { ui.nav.push(id); };
  };
  return {
      {"home", [](UiState&, const ViewModel&, const Strings&) {}},
      {"tonight", go(ScreenId::tonight)},
      {"event",
       [](UiState& ui, const ViewModel& vm, const Strings&) {
         ui.browse.event_id = first_event_id(vm);
         ui.nav.push(ScreenId::event_detail);
       }},
      {"venues", go(ScreenId::venues)},
      {"venue",
       [](UiState& ui, const ViewModel& vm, const Strings&) {
         ui.browse.venue_id = busiest_venue(vm);
         ui.nav.push(ScreenId::venues);
         ui.nav.push(ScreenId::venue_detail);
       }},
      {"transport", go(ScreenId::transport)},
      {"rate",
       [](UiState& ui, const ViewModel&, const Strings&) {
         ui.nav.push(ScreenId::rate);
         ui.rating.subject = {SubjectKind::kiosk, "kiosk"};
         ui.rating.level = 5;
         ui.rating.reasons = {BadReason::crowding, BadReason::queueing};
       }},
      {"rate_thanks",
       [](UiState& ui, const ViewModel&, const Strings&) {
         ui.nav.push(ScreenId::rate_thanks);
         ui.rating.request_id = "screenshot";
       }},
      {"complaint",
       [](UiState& ui, const ViewModel&, const Strings& s) {
         ui.nav.push(ScreenId::complaint);
         ui.complaint.category = ComplaintCategory::prices;
         ui.complaint.text.type(s.get(Lang::zh, "phrase.1"));
         ui.focus = FieldId::complaint_text;
         ui.keyboard.layout = KbLayout::latin;
         ui.keyboard.just_opened = true;
       }},
      {"complaint_done",
       [](UiState& ui, const ViewModel&, const Strings&) {
         ui.nav.push(ScreenId::complaint_done);
         ui.complaint.request_id = "screenshot";
       }},
      {"status",
       [](UiState& ui, const ViewModel&, const Strings&) {
         ui.nav.push(ScreenId::status);
         ui.focus = FieldId::status_tracking;
         ui.keyboard.layout = KbLayout::latin;
       }},
      {"keyboard_ko",
       [](UiState& ui, const ViewModel&, const Strings&) {
         ui.nav.push(ScreenId::rate);
         ui.rating.subject = {SubjectKind::kiosk, "kiosk"};
         ui.rating.level = 2;
         ui.focus = FieldId::rate_comment;
         ui.keyboard.layout = KbLayout::korean;
         ui.keyboard.just_opened = true;
         for (char32_t c : std::u32string(U"ㅈㅗㅎㅇㅡㄴ")) ui.rating.comment.type_jamo(c);
       }},
      {"staff", go(ScreenId::staff)},
  };
}

}  // namespace

int App::run_screenshots() {
  const auto deadline = SDL_GetTicks64() + static_cast<Uint64>(cfg_.screenshot_wait_seconds) * 1000;
  while (!vm_->sync.has_data && SDL_GetTicks64() < deadline) {
    SDL_Event ev;
    if (SDL_WaitEventTimeout(&ev, 100) && ev.type == wake_event_) take_snapshot();
  }
  take_snapshot();
  if (!vm_->sync.has_data) {
    std::fprintf(stderr, "yeyou-kiosk: cannot reach the server at %s within %d s: %s\n", cfg_.server_url.c_str(),
                 cfg_.screenshot_wait_seconds,
                 vm_->sync.last_error.empty() ? "no answer" : vm_->sync.last_error.c_str());
    return 2;
  }
  backend_->stop();  // freeze the snapshot while rendering

  std::error_code ec;
  std::filesystem::create_directories(cfg_.screenshot_dir, ec);
  if (ec) {
    std::fprintf(stderr, "yeyou-kiosk: cannot create %s: %s\n", cfg_.screenshot_dir.c_str(), ec.message().c_str());
    return 3;
  }
  std::vector<Lang> langs{Lang::zh, Lang::en, Lang::ko};
  if (cfg_.lang_from_cli) langs = {cfg_.lang};
  int w = 0, h = 0;
  SDL_GetRendererOutputSize(renderer_, &w, &h);
  int written = 0;
  // The idle timer never fires while taking pictures.
  ticks_ = [] { return std::uint64_t{0}; };
  last_input_ms_ = 0;
  for (const Shot& shot : shots()) {
    for (Lang l : langs) {
      ui_ = UiState{};
      shot.setup(ui_, *vm_, strings_);
      lang_ = l;
      for (int i = 0; i < kLayoutFrames; ++i) {
        render_frame();
        SDL_RenderPresent(renderer_);
      }
      render_frame();
      std::string path = cfg_.screenshot_dir + "/" + shot.name + "-" + std::string(lang_code(l)) + "-" +
                         std::to_string(w) + "x" + std::to_string(h) + ".png";
      if (!save_png(path)) return 3;
      SDL_RenderPresent(renderer_);
      std::fprintf(stderr, "yeyou-kiosk: wrote %s\n", path.c_str());
      ++written;
    }
  }
  if (std::string missing = missing_glyph_report(); !missing.empty())
    std::fprintf(stderr, "yeyou-kiosk: warning: missing glyphs: %s\n", missing.c_str());
  const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
  std::fprintf(stderr,
               "yeyou-kiosk: %d screenshot(s), %zu characters, %zu glyphs in a %dx%d atlas (%d builds), %zu on-now and "
               "%zu later-tonight events\n",
               written, fonts_.wanted_count(), fonts_.glyph_count(), atlas.TexWidth, atlas.TexHeight, atlas_builds_,
               vm_->on_now.size(), vm_->later_tonight.size());
  return 0;
}

}  // namespace yeyou::kiosk
