#include "kiosk/ui/font_texture.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace yeyou::kiosk {

SDL_Texture* upload_font_atlas(SDL_Renderer* renderer, ImFontAtlas& atlas) {
  unsigned char* alpha = nullptr;
  int w = 0, h = 0;
  atlas.GetTexDataAsAlpha8(&alpha, &w, &h);
  if (!alpha || w <= 0 || h <= 0) return nullptr;
  SDL_Texture* texture = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC, w, h);
  if (!texture) return nullptr;
  // White with the glyph coverage as alpha, as the backend's RGBA32 upload has it.
  constexpr int kBand = 32;
  std::vector<std::uint8_t> rgba(static_cast<std::size_t>(w) * kBand * 4, 255);
  for (int y0 = 0; y0 < h; y0 += kBand) {
    const int rows = std::min(kBand, h - y0);
    const unsigned char* src = alpha + static_cast<std::size_t>(y0) * static_cast<std::size_t>(w);
    for (std::size_t i = 0, n = static_cast<std::size_t>(w) * static_cast<std::size_t>(rows); i < n; ++i)
      rgba[i * 4 + 3] = src[i];
    const SDL_Rect band{0, y0, w, rows};
    if (SDL_UpdateTexture(texture, &band, rgba.data(), w * 4) != 0) {
      SDL_DestroyTexture(texture);
      return nullptr;
    }
  }
  SDL_SetTextureBlendMode(texture, SDL_BLENDMODE_BLEND);
  atlas.SetTexID(static_cast<ImTextureID>(texture));
  atlas.ClearTexData();
  return texture;
}

}  // namespace yeyou::kiosk
