#pragma once
// Scripted touch input for driving the real App without a person: the
// interaction tests and the scroll benchmark push the same SDL events a
// finger (as SDL's mouse emulation) would.
#include <SDL.h>

#include "kiosk/ui/app.hpp"

namespace yeyou::kiosk {

// Queues a mouse motion, button-down or button-up event at (x, y).
inline void push_mouse(Uint32 type, float x, float y) {
  SDL_Event ev{};
  ev.type = type;
  if (type == SDL_MOUSEMOTION) {
    ev.motion.x = static_cast<Sint32>(x);
    ev.motion.y = static_cast<Sint32>(y);
  } else {
    ev.button.button = SDL_BUTTON_LEFT;
    ev.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED : SDL_RELEASED;
    ev.button.clicks = 1;
    ev.button.x = static_cast<Sint32>(x);
    ev.button.y = static_cast<Sint32>(y);
  }
  SDL_PushEvent(&ev);
}

// A tap at the centre of `w`: press, one frame, release, three frames.
inline void tap_at(App& app, const WidgetRecord& w) {
  const float x = (w.min.x + w.max.x) * 0.5f, y = (w.min.y + w.max.y) * 0.5f;
  push_mouse(SDL_MOUSEMOTION, x, y);
  push_mouse(SDL_MOUSEBUTTONDOWN, x, y);
  app.step(1);
  push_mouse(SDL_MOUSEBUTTONUP, x, y);
  app.step(3);
}

}  // namespace yeyou::kiosk
