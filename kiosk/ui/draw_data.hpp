#pragma once
// Draws Dear ImGui's draw data with SDL_RenderGeometryRaw, one call per draw
// command, each given only the vertices that command uses.
//
// The SDL_Renderer backend Debian ships hands every command all the vertices
// from its offset to the end of the list, and SDL 2.26 checks the texture
// coordinates of every vertex it is given: the cost grows with commands x
// vertices (a fifth of a scrolling frame at 1080p on the software renderer).
// Otherwise this does what the backend's ImGui_ImplSDLRenderer_RenderDrawData
// does: clip rectangles, user callbacks, the renderer's state restored.
#include <SDL.h>
#include <imgui.h>

namespace yeyou::kiosk {

void render_draw_data(SDL_Renderer* renderer, const ImDrawData& draw_data);

}  // namespace yeyou::kiosk
