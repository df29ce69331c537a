#pragma once
// Opaque rectangles filled by SDL without blending, in ImGui's draw order.
//
// Dear ImGui draws every rectangle as a textured, alpha-blended quad. SDL's
// software renderer turns an axis-aligned one-colour quad into a rectangle
// fill, but a blended one: it reads, multiplies and writes every pixel even
// when the colour is opaque (a third of a scrolling frame at 1080p). An
// opaque rectangle drawn through `fill_opaque_rect` becomes an ImGui draw
// callback that fills it with SDL_BLENDMODE_NONE (a plain memory fill),
// clipped like the surrounding commands.
#include <SDL.h>
#include <imgui.h>

namespace yeyou::kiosk {

struct OpaqueFill {
  ImVec2 min, max;
  SDL_Color color;
};

// The renderer the callbacks fill on (the App's); null: plain ImGui quads.
void set_opaque_fill_renderer(SDL_Renderer* renderer);
// Forgets the previous frame's rectangles; call before building a frame.
void begin_opaque_fills();
// An opaque `col` goes through SDL, anything translucent through ImGui.
void fill_opaque_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col);
// The rectangle a draw command fills, if it is one of ours (for hashing).
const OpaqueFill* opaque_fill_of(const ImDrawCmd& cmd);

}  // namespace yeyou::kiosk
