#pragma once
// The font atlas as an SDL texture, uploaded straight from Dear ImGui's 8-bit
// atlas. The SDL_Renderer backend's own upload first converts the whole atlas
// to RGBA32 in memory (4 bytes a pixel) and then copies it into the texture:
// while the atlas is rebuilt, the alpha map, that RGBA copy, and the texture
// are all resident (35 MB in large-text mode). This converts a band of rows
// at a time into a small buffer instead.
#include <SDL.h>
#include <imgui.h>

namespace yeyou::kiosk {

// Creates the texture for `atlas` (built), sets it as the atlas's texture id
// and frees the atlas's CPU-side pixels. Null (with SDL_GetError()) on failure.
SDL_Texture* upload_font_atlas(SDL_Renderer* renderer, ImFontAtlas& atlas);

}  // namespace yeyou::kiosk
