#include "kiosk/ui/draw_data.hpp"

#include <algorithm>
#include <cstddef>
#include <vector>

namespace yeyou::kiosk {
namespace {

void reset_state(SDL_Renderer* renderer) {
  SDL_RenderSetViewport(renderer, nullptr);
  SDL_RenderSetClipRect(renderer, nullptr);
}

}  // namespace

void render_draw_data(SDL_Renderer* renderer, const ImDrawData& dd) {
  // As the backend: an SDL render scale replaces the framebuffer scale.
  float rsx = 1.0f, rsy = 1.0f;
  SDL_RenderGetScale(renderer, &rsx, &rsy);
  const ImVec2 scale(rsx == 1.0f ? dd.FramebufferScale.x : 1.0f, rsy == 1.0f ? dd.FramebufferScale.y : 1.0f);
  const float fb_w = dd.DisplaySize.x * scale.x, fb_h = dd.DisplaySize.y * scale.y;
  if (fb_w <= 0 || fb_h <= 0) return;

  SDL_Rect old_viewport{}, old_clip{};
  const bool old_clip_enabled = SDL_RenderIsClipEnabled(renderer) == SDL_TRUE;
  SDL_RenderGetViewport(renderer, &old_viewport);
  SDL_RenderGetClipRect(renderer, &old_clip);
  reset_state(renderer);

  static std::vector<int> indices;  // the UI thread's scratch, rebased indices of one command
  for (int n = 0; n < dd.CmdListsCount; ++n) {
    const ImDrawList* list = dd.CmdLists[n];
    const ImDrawVert* vtx = list->VtxBuffer.Data;
    const ImDrawIdx* idx = list->IdxBuffer.Data;
    for (const ImDrawCmd& cmd : list->CmdBuffer) {
      if (cmd.UserCallback) {
        if (cmd.UserCallback == ImDrawCallback_ResetRenderState) reset_state(renderer);
        else cmd.UserCallback(list, &cmd);
        continue;
      }
      if (cmd.ElemCount == 0) continue;
      const float x0 = std::max(0.0f, (cmd.ClipRect.x - dd.DisplayPos.x) * scale.x);
      const float y0 = std::max(0.0f, (cmd.ClipRect.y - dd.DisplayPos.y) * scale.y);
      const float x1 = std::min(fb_w, (cmd.ClipRect.z - dd.DisplayPos.x) * scale.x);
      const float y1 = std::min(fb_h, (cmd.ClipRect.w - dd.DisplayPos.y) * scale.y);
      if (x1 <= x0 || y1 <= y0) continue;
      const SDL_Rect clip{static_cast<int>(x0), static_cast<int>(y0), static_cast<int>(x1 - x0),
                          static_cast<int>(y1 - y0)};
      SDL_RenderSetClipRect(renderer, &clip);

      // The vertices this command uses: [lo, hi] after its vertex offset.
      const ImDrawIdx* first = idx + cmd.IdxOffset;
      const auto [lo_it, hi_it] = std::minmax_element(first, first + cmd.ElemCount);
      const unsigned lo = *lo_it, hi = *hi_it;
      indices.resize(cmd.ElemCount);
      for (unsigned i = 0; i < cmd.ElemCount; ++i) indices[i] = static_cast<int>(first[i] - lo);
      const ImDrawVert* base = vtx + cmd.VtxOffset + lo;
      SDL_RenderGeometryRaw(renderer, static_cast<SDL_Texture*>(cmd.GetTexID()),
                            reinterpret_cast<const float*>(reinterpret_cast<const char*>(base) + offsetof(ImDrawVert, pos)),
                            static_cast<int>(sizeof(ImDrawVert)),
                            reinterpret_cast<const SDL_Color*>(reinterpret_cast<const char*>(base) + offsetof(ImDrawVert, col)),
                            static_cast<int>(sizeof(ImDrawVert)),
                            reinterpret_cast<const float*>(reinterpret_cast<const char*>(base) + offsetof(ImDrawVert, uv)),
                            static_cast<int>(sizeof(ImDrawVert)), static_cast<int>(hi - lo + 1), indices.data(),
                            static_cast<int>(cmd.ElemCount), static_cast<int>(sizeof(int)));
    }
  }
  SDL_RenderSetViewport(renderer, &old_viewport);
  SDL_RenderSetClipRect(renderer, old_clip_enabled ? &old_clip : nullptr);
}

}  // namespace yeyou::kiosk
