#include "kiosk/ui/opaque_fill.hpp"

#include <algorithm>
#include <cmath>
#include <deque>

namespace yeyou::kiosk {
namespace {

SDL_Renderer* g_renderer = nullptr;
std::deque<OpaqueFill> g_fills;  // stable addresses until the next frame is built

void fill_callback(const ImDrawList*, const ImDrawCmd* cmd) {
  const auto* f = static_cast<const OpaqueFill*>(cmd->UserCallbackData);
  const ImDrawData* dd = ImGui::GetDrawData();
  const ImVec2 off = dd ? dd->DisplayPos : ImVec2(0, 0);
  const ImVec2 scale = dd ? dd->FramebufferScale : ImVec2(1, 1);
  // The rectangle inside the command's clip rectangle, in framebuffer pixels.
  const float x0 = (std::max(f->min.x, cmd->ClipRect.x) - off.x) * scale.x;
  const float y0 = (std::max(f->min.y, cmd->ClipRect.y) - off.y) * scale.y;
  const float x1 = (std::min(f->max.x, cmd->ClipRect.z) - off.x) * scale.x;
  const float y1 = (std::min(f->max.y, cmd->ClipRect.w) - off.y) * scale.y;
  const SDL_Rect r{static_cast<int>(std::lround(x0)), static_cast<int>(std::lround(y0)),
                   static_cast<int>(std::lround(x1)) - static_cast<int>(std::lround(x0)),
                   static_cast<int>(std::lround(y1)) - static_cast<int>(std::lround(y0))};
  if (r.w <= 0 || r.h <= 0) return;
  SDL_RenderSetClipRect(g_renderer, nullptr);  // clipped above; the next command sets its own
  SDL_SetRenderDrawBlendMode(g_renderer, SDL_BLENDMODE_NONE);
  SDL_SetRenderDrawColor(g_renderer, f->color.r, f->color.g, f->color.b, 255);
  SDL_RenderFillRect(g_renderer, &r);
}

}  // namespace

void set_opaque_fill_renderer(SDL_Renderer* renderer) {
  g_renderer = renderer;
  g_fills.clear();
}

void begin_opaque_fills() { g_fills.clear(); }

void fill_opaque_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col) {
  if (!g_renderer || (col & IM_COL32_A_MASK) != IM_COL32_A_MASK) {
    dl->AddRectFilled(a, b, col);
    return;
  }
  if (b.x <= a.x || b.y <= a.y) return;
  const auto channel = [col](int shift) { return static_cast<Uint8>((col >> shift) & 0xFF); };
  g_fills.push_back({a, b, SDL_Color{channel(IM_COL32_R_SHIFT), channel(IM_COL32_G_SHIFT), channel(IM_COL32_B_SHIFT), 255}});
  dl->AddCallback(fill_callback, &g_fills.back());
}

const OpaqueFill* opaque_fill_of(const ImDrawCmd& cmd) {
  return cmd.UserCallback == fill_callback ? static_cast<const OpaqueFill*>(cmd.UserCallbackData) : nullptr;
}

}  // namespace yeyou::kiosk
