#pragma once
// Small drawing helpers shared by the screens (ImGui immediate mode).
#include <string>

#include <imgui.h>

#include "kiosk/ui/theme.hpp"

namespace yeyou::kiosk {

// `text` shortened with "…" so that it fits in `max_width` with `font`.
std::string ellipsize(ImFont* font, const std::string& text, float max_width);

// Size of a pill badge around `text`.
ImVec2 badge_size(ImFont* font, const std::string& text, float pad_x, float pad_y);
// Draws a pill badge with its top-left corner at `pos` (screen coordinates);
// returns its size. Does not move the cursor.
ImVec2 draw_badge(ImDrawList* dl, ImVec2 pos, ImFont* font, const std::string& text, BadgeColors colors,
                  float pad_x, float pad_y);

// Draws text at `pos` (screen coordinates) with `font` and colour; returns its size.
ImVec2 draw_text(ImDrawList* dl, ImVec2 pos, ImFont* font, Rgb color, const std::string& text);

// Draws `text` centred horizontally in the current window at the cursor and moves the cursor below it.
void centered_text(ImFont* font, Rgb color, const std::string& text);

// Touch: dragging anywhere in the current window scrolls it.
void drag_to_scroll();

}  // namespace yeyou::kiosk
