#pragma once
// The night theme: dark navy surfaces with light text. Every foreground /
// background pair the screens use is listed in contrast_pairs() and tested
// for WCAG AA (4.5:1) contrast. Colour never carries meaning alone: every
// badge also has a text label.
#include <cstdint>
#include <string_view>
#include <vector>

#include <imgui.h>

#include "core/event.hpp"
#include "core/occupancy.hpp"

namespace yeyou::kiosk {

struct Rgb {
  std::uint8_t r, g, b;
  constexpr bool operator==(const Rgb&) const = default;
};

namespace palette {
inline constexpr Rgb background{0x0B, 0x12, 0x22};
inline constexpr Rgb header{0x12, 0x1B, 0x31};
inline constexpr Rgb card{0x1A, 0x25, 0x40};
inline constexpr Rgb text{0xF4, 0xF6, 0xFA};
inline constexpr Rgb text_muted{0xBC, 0xC6, 0xD9};
inline constexpr Rgb accent{0xFF, 0xC8, 0x57};     // gold: section titles, active language
inline constexpr Rgb on_accent{0x0B, 0x12, 0x22};
inline constexpr Rgb button{0x2B, 0x3B, 0x61};
inline constexpr Rgb button_hover{0x36, 0x4A, 0x78};
inline constexpr Rgb button_active{0x42, 0x58, 0x8C};
inline constexpr Rgb danger{0xC6, 0x28, 0x28};     // cancelled, unreachable server, full
inline constexpr Rgb on_danger{0xFF, 0xFF, 0xFF};
inline constexpr Rgb warning{0xFF, 0xD5, 0x4F};    // postponed, rescheduled
inline constexpr Rgb on_warning{0x1A, 0x1A, 0x1A};
inline constexpr Rgb neutral{0x3A, 0x47, 0x66};    // no current crowd data
}  // namespace palette

// The colours screens draw with at run time: the night palette above, or the
// high-contrast palette (black, white, yellow) chosen by the visitor.
struct Palette {
  Rgb background, header, card, text, text_muted, accent, on_accent, button, button_hover, button_active, danger,
      on_danger, warning, on_warning, neutral, ok, on_ok, field, border;
};
const Palette& night_palette();
const Palette& high_contrast_palette();
// The palette in use; switched by the accessibility toggle.
const Palette& pal();
void use_high_contrast(bool on);
bool high_contrast();

struct BadgeColors {
  Rgb background;
  Rgb text;
};

BadgeColors crowd_colors(CrowdLevel level);
BadgeColors status_colors(EventStatus status);

struct ContrastPair {
  std::string_view name;
  Rgb foreground;
  Rgb background;
};
std::vector<ContrastPair> contrast_pairs();  // of the night palette
std::vector<ContrastPair> contrast_pairs(const Palette& p);

// WCAG 2.x relative luminance and contrast ratio (1..21).
double relative_luminance(Rgb c);
double contrast_ratio(Rgb a, Rgb b);

ImVec4 to_vec4(Rgb c, float alpha = 1.0f);
ImU32 to_u32(Rgb c);

// Resets ImGui's style to the night theme with sizes scaled by `scale`.
void apply_theme(ImGuiStyle& style, float scale);

}  // namespace yeyou::kiosk
