#include "kiosk/ui/event_wait.hpp"

#include <algorithm>
#include <string_view>

namespace yeyou::kiosk {

bool video_driver_waits_natively(const char* driver) {
  if (!driver) return false;
  const std::string_view d(driver);
  return d == "x11" || d == "wayland" || d == "windows" || d == "cocoa";
}

bool wait_event(SDL_Event& ev, int timeout_ms) {
  if (video_driver_waits_natively(SDL_GetCurrentVideoDriver())) return SDL_WaitEventTimeout(&ev, timeout_ms) != 0;
  const Uint64 deadline = SDL_GetTicks64() + static_cast<Uint64>(std::max(timeout_ms, 0));
  for (;;) {
    if (SDL_PollEvent(&ev)) return true;
    const Uint64 now = SDL_GetTicks64();
    if (now >= deadline) return false;
    SDL_Delay(static_cast<Uint32>(std::min<Uint64>(deadline - now, kPollIntervalMs)));
  }
}

}  // namespace yeyou::kiosk
