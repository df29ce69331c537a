#pragma once
// Waiting for the next SDL event without burning CPU on every video driver.
#include <SDL.h>

namespace yeyou::kiosk {

// True if SDL 2.26 can block in the operating system while waiting for events
// with this video driver (x11, wayland, windows, cocoa). Elsewhere (offscreen,
// kmsdrm, dummy) SDL_WaitEventTimeout pumps and sleeps 1 ms in a loop: about
// 1,000 wake-ups a second, 2 % of a core on the offscreen driver here.
bool video_driver_waits_natively(const char* driver);

// Like SDL_WaitEventTimeout, but on drivers without a native wait it pumps
// every `kPollIntervalMs` instead of every millisecond. Input then reaches
// the app within 10 ms — inside the frame that shows the tap (16 ms).
bool wait_event(SDL_Event& ev, int timeout_ms);

inline constexpr int kPollIntervalMs = 10;

}  // namespace yeyou::kiosk
