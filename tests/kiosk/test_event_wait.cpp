// wait_event: SDL's native wait where the video driver has one, a 10 ms pump
// elsewhere (offscreen here). Events pushed from another thread (the data
// worker's wake-ups) arrive; with none, it returns after the timeout.
#include <doctest/doctest.h>

#include <chrono>
#include <thread>

#include "kiosk/ui/event_wait.hpp"

using namespace yeyou::kiosk;
using Clock = std::chrono::steady_clock;

TEST_CASE("drivers with and without a native event wait") {
  CHECK(video_driver_waits_natively("x11"));
  CHECK(video_driver_waits_natively("wayland"));
  CHECK_FALSE(video_driver_waits_natively("offscreen"));
  CHECK_FALSE(video_driver_waits_natively("KMSDRM"));
  CHECK_FALSE(video_driver_waits_natively(nullptr));
}

TEST_CASE("wait_event on the offscreen driver: times out, and wakes for an event from another thread") {
  SDL_setenv("SDL_VIDEODRIVER", "offscreen", 1);
  REQUIRE(SDL_InitSubSystem(SDL_INIT_VIDEO) == 0);
  SDL_Event ev;
  while (SDL_PollEvent(&ev)) {
  }
  const Uint32 wake = SDL_RegisterEvents(1);

  auto t0 = Clock::now();
  CHECK_FALSE(wait_event(ev, 60));
  // It waited (SDL's millisecond ticks may cut the last millisecond short).
  CHECK(Clock::now() - t0 >= std::chrono::milliseconds(55));

  std::thread pusher([wake] {
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    SDL_Event e{};
    e.type = wake;
    SDL_PushEvent(&e);
  });
  t0 = Clock::now();
  bool got = false;
  while (!got && Clock::now() - t0 < std::chrono::seconds(5)) got = wait_event(ev, 5000) && ev.type == wake;
  pusher.join();
  CHECK(got);
  CHECK(Clock::now() - t0 < std::chrono::seconds(2));  // not the 5 s timeout
  SDL_QuitSubSystem(SDL_INIT_VIDEO);
}
