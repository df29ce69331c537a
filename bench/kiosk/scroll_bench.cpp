// Kiosk scrolling benchmark (issue 6 "Speed", issue 9 item 4): the real App
// (SDL offscreen driver, software renderer, the real DataWorker reading the
// kiosk's cache and syncing with the server) on the Tonight screen, "next
// nights" tab, the longest event list. A scripted finger drags the list up
// 480 px at a time (40 px per frame), lets go, lets the inertia run out, and
// repeats until the end of the list (the cards stop moving). Every step while
// the list moves (SDL events handled, ImGui frame built, software-rasterized
// and presented) is timed. Between runs the list goes back to the top with a
// mouse wheel turn (not timed).
//
// Usage: kiosk_scroll_bench RUNS [yeyou-kiosk options: --data-dir D --server URL --token T --size WxH ...]
// (YEYOU_BENCH_NO_TOUR=1: scroll runs only, no atlas tour: for quick A/B of drawing changes.)
// Prints one BENCH line per run; then the font atlas after a tour of every
// screen, every event and every venue in all three languages (all the demo
// text, each in the sizes it is drawn in), in normal and large-text mode.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>
#include <vector>

#include <SDL.h>
#include <imgui.h>

#include "kiosk/data/kiosk_config.hpp"
#include "kiosk/ui/app.hpp"
#include "kiosk/ui/scripted_input.hpp"

using namespace yeyou::kiosk;
using Clock = std::chrono::steady_clock;

namespace {

bool tap(App& app, const std::string& id) {
  const WidgetRecord* w = app.widget(id);
  if (!w || !w->visible) return false;
  tap_at(app, *w);
  return true;
}

// Event cards on screen: count, and the top edge of the first one (moves as the list scrolls).
struct ListState {
  int cards = 0;
  std::string first_id;
  float first_y = 0;
};

ListState list_state(const App& app) {
  ListState s;
  for (const auto& w : app.widgets())
    if (w.id.rfind("event.", 0) == 0) {
      if (s.cards++ == 0) {
        s.first_id = w.id;
        s.first_y = w.min.y;
      }
    }
  return s;
}

// Ids of the widgets whose id starts with `prefix` ("event.", "venue.").
std::vector<std::int64_t> ids_of(const App& app, const std::string& prefix) {
  std::vector<std::int64_t> out;
  for (const auto& w : app.widgets())
    if (w.id.rfind(prefix, 0) == 0 && w.id.find_first_not_of("0123456789", prefix.size()) == std::string::npos)
      out.push_back(std::stoll(w.id.substr(prefix.size())));
  return out;
}

void show(App& app, ScreenId screen, std::int64_t event_id = 0, std::int64_t venue_id = 0) {
  UiState& ui = app.ui();
  ui.nav.home();
  ui.nav.push(screen);
  if (event_id) ui.browse.event_id = event_id;
  if (venue_id) ui.browse.venue_id = venue_id;
  app.step(2);
}

// Every screen, every event detail and every venue detail in zh, en and ko.
void tour(App& app) {
  for (const char* lang : {"lang.zh", "lang.en", "lang.ko"}) {
    show(app, ScreenId::home);
    tap(app, lang);
    std::vector<std::int64_t> events, venues;
    for (int tab = 0; tab < 3; ++tab) {
      show(app, ScreenId::tonight);
      tap(app, "tonight.tab." + std::to_string(tab));
      for (auto id : ids_of(app, "event.")) events.push_back(id);
    }
    show(app, ScreenId::venues);
    venues = ids_of(app, "venue.");
    for (auto id : events) show(app, ScreenId::event_detail, id);
    for (auto id : venues) show(app, ScreenId::venue_detail, 0, id);
    for (ScreenId s : {ScreenId::transport, ScreenId::rate, ScreenId::complaint, ScreenId::status, ScreenId::staff})
      show(app, s);
    app.ui().rating.level = 5;  // a bad review: reasons and detail questions
    show(app, ScreenId::rate);
    app.ui().rating.level = 0;
  }
  show(app, ScreenId::home);
}

// CPU time of this thread (the UI thread), in ms: frame cost without the
// time the scheduler gave other processes on a shared machine.
double thread_cpu_ms() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  std::size_t i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: kiosk_scroll_bench RUNS [yeyou-kiosk options]\n");
    return 64;
  }
  const int runs = std::max(1, std::atoi(argv[1]));
  KioskConfig cfg;
  try {
    cfg = parse_kiosk_args(std::vector<std::string>(argv + 2, argv + argc));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "kiosk_scroll_bench: %s\n", e.what());
    return 64;
  }
  // No display here; the kiosk then picks its software renderer itself.
  SDL_setenv("SDL_VIDEODRIVER", "offscreen", 0);
  App app(cfg);
  if (!app.init()) return 1;

  // Wait for the cached content, then open Tonight → next nights.
  const auto deadline = Clock::now() + std::chrono::seconds(20);
  while (Clock::now() < deadline) {
    app.step(1);
    if (app.widget("nav.tonight") && tap(app, "nav.tonight") && app.widget("tonight.tab.2")) break;
    SDL_Delay(20);
  }
  while (Clock::now() < deadline && !tap(app, "tonight.tab.2")) app.step(1);
  app.step(5);  // settle (and let an atlas rebuild for new characters happen now)
  if (list_state(app).cards == 0) {
    std::fprintf(stderr, "kiosk_scroll_bench: no event list (no cached data?)\n");
    return 1;
  }
  const int w = cfg.width, h = cfg.height;  // the offscreen window is exactly this size

  const float x = static_cast<float>(w) * 0.5f;
  constexpr int kDragFrames = 12;
  constexpr int kMaxInertiaFrames = 40;
  const float bottom = static_cast<float>(h) * 0.75f, top = bottom - 40.0f * kDragFrames * static_cast<float>(h) / 1080.0f;
  for (int run = 1; run <= runs; ++run) {
    std::vector<double> ms, cpu_ms;
    int drags = 0;
    auto timed_step = [&] {
      const double c0 = thread_cpu_ms();
      auto t0 = Clock::now();
      app.step(1);
      ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      cpu_ms.push_back(thread_cpu_ms() - c0);
    };
    const float start_y = list_state(app).first_y;
    float last_y = 1e9f;
    for (int guard = 0; guard < 400; ++guard) {
      const float step = (top - bottom) / kDragFrames;
      push_mouse(SDL_MOUSEMOTION, x, bottom);
      push_mouse(SDL_MOUSEBUTTONDOWN, x, bottom);
      timed_step();
      for (int i = 1; i <= kDragFrames; ++i) {
        push_mouse(SDL_MOUSEMOTION, x, bottom + step * static_cast<float>(i));
        timed_step();
      }
      push_mouse(SDL_MOUSEBUTTONUP, x, top);
      float y = list_state(app).first_y;
      for (int i = 0; i < kMaxInertiaFrames; ++i) {  // the flick coasts on; stop timing when it stops
        timed_step();
        float now_y = list_state(app).first_y;
        if (std::abs(now_y - y) < 0.5f) break;
        y = now_y;
      }
      ++drags;
      if (!app.widget("tonight.tab.2")) {
        std::fprintf(stderr, "kiosk_scroll_bench: a drag was taken for a tap (left the list)\n");
        return 1;
      }
      ListState s = list_state(app);
      if (std::abs(s.first_y - last_y) < 0.5f) break;  // the end of the list: nothing moved
      last_y = s.first_y;
    }
    double worst = *std::max_element(ms.begin(), ms.end());
    double sum = 0;
    for (double v : ms) sum += v;
    std::printf(
        "BENCH {\"bench\":\"kiosk\",\"case\":\"scroll\",\"run\":%d,\"result\":{\"width\":%d,\"height\":%d,"
        "\"scroll_worst_frame_ms\":%.2f,\"scroll_p99_frame_ms\":%.2f,\"scroll_p50_frame_ms\":%.2f,"
        "\"scroll_mean_frame_ms\":%.2f,\"scroll_worst_frame_cpu_ms\":%.2f,\"scroll_p50_frame_cpu_ms\":%.2f,"
        "\"frames\":%zu,\"drags\":%d,\"event_cards\":%d,\"scrolled_px\":%.0f}}\n",
        run, w, h, worst, percentile(ms, 0.99), percentile(ms, 0.5), sum / static_cast<double>(ms.size()),
        percentile(cpu_ms, 1.0), percentile(cpu_ms, 0.5), ms.size(),
        drags, list_state(app).cards, static_cast<double>(start_y - list_state(app).first_y));
    std::fflush(stdout);
    for (int i = 0; i < 200; ++i) {  // back to the top for the next run (ImGui counts one notch per event)
      SDL_Event wheel{};
      wheel.type = SDL_MOUSEWHEEL;
      wheel.wheel.y = 1;
      SDL_PushEvent(&wheel);
    }
    app.step(3);
  }

  if (std::getenv("YEYOU_BENCH_NO_TOUR")) {
    app.shutdown();
    return 0;
  }
  // The font atlas after a tour of all the demo text, in normal and large-text
  // mode (glyphs 1.3x). Dear ImGui builds it as an 8-bit coverage map; the
  // SDL_Renderer backend uploads it as RGBA32 (4 bytes a pixel).
  for (bool large : {false, true}) {
    app.ui().large_text = large;
    app.step(3);
    tour(app);
    const ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    const long long px = static_cast<long long>(atlas.TexWidth) * atlas.TexHeight;
    std::printf(
        "BENCH {\"bench\":\"kiosk\",\"case\":\"%s\",\"run\":1,\"result\":{\"atlas_bytes\":%lld,"
        "\"atlas_texture_rgba_bytes\":%lld,\"atlas_width\":%d,\"atlas_height\":%d,\"atlas_glyphs\":%zu,"
        "\"atlas_codepoints\":%zu,\"atlas_builds\":%d,\"atlas_build_max_ms\":%.1f}}\n",
        large ? "atlas_tour_large_text" : "atlas_tour", px, px * 4, atlas.TexWidth, atlas.TexHeight,
        app.fonts().glyph_count(), app.fonts().wanted_count(), app.atlas_builds(),
        static_cast<double>(app.atlas_build_max_us()) / 1000.0);
    std::fflush(stdout);
  }
  app.shutdown();
  return 0;
}
