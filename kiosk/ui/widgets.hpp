#pragma once
// Small drawing helpers shared by the screens (ImGui immediate mode).
#include <string>
#include <vector>

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

// A filled rectangle with rounded corners, snapped to whole pixels. SDL's
// software renderer fills an axis-aligned one-colour quad as a rectangle but
// rasterizes any other triangle pixel by pixel; ImGui draws a rounded
// rectangle as one big triangle fan. This draws three rectangles and four
// small corner fans instead: the same picture at a fraction of the cost.
void fill_rounded_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float rounding);
// The same with a `thickness` px frame of colour `border` inside the edge:
// two fills instead of an anti-aliased outline (thin triangles, which the
// software renderer rasterizes pixel by pixel).
void fill_framed_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 fill, ImU32 border, float rounding, float thickness);

// Draws text at `pos` (screen coordinates) with `font` and colour; returns its size.
ImVec2 draw_text(ImDrawList* dl, ImVec2 pos, ImFont* font, Rgb color, const std::string& text);

// Draws `text` centred horizontally in the current window at the cursor and moves the cursor below it.
void centered_text(ImFont* font, Rgb color, const std::string& text);

// Touch: dragging anywhere in the current window scrolls it, and a flick
// keeps scrolling with inertia. Returns true while it still moves (the app
// then keeps drawing frames).
bool drag_to_scroll();

// Every interactive widget records its rectangle here during a frame (the
// layout test checks the 64 px minimum; the interaction tests tap by id).
struct WidgetRecord {
  std::string id;
  ImVec2 min, max;
  bool visible = false;  // entirely inside the window's visible area
};
std::vector<WidgetRecord>& widget_log();
void record_widget(const std::string& id, ImVec2 min, ImVec2 max);

inline constexpr float kMinTarget = 64.0f;  // px: the smallest touch target

enum class Tone { normal, selected, primary, danger, quiet };

// A touch button: at least 64x64 px; the pressed colour shows in the frame
// of the press (tap feedback); a drag that scrolls does not click. `size.x`
// 0 fits the label. Labels may hold several lines ('\n').
bool touch_button(const std::string& id, const std::string& label, ImVec2 size, Tone tone = Tone::normal,
                  ImFont* font = nullptr);
// Width touch_button would give `label` with size.x == 0.
float touch_button_width(const std::string& label, ImFont* font, float pad_x);

// Left-to-right flow of buttons that wraps at the window's right edge.
class Flow {
 public:
  explicit Flow(float gap);
  // Call before each item of width `w`.
  void next(float w);

 private:
  float gap_;
  float left_;
  float right_;
  bool first_ = true;
};

// Wrapped text in the given font and colour at the cursor.
void wrapped_text(ImFont* font, Rgb color, const std::string& text);

}  // namespace yeyou::kiosk
