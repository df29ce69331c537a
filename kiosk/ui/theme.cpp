#include "kiosk/ui/theme.hpp"
#include <cstdlib>

#include <cmath>

namespace yeyou::kiosk {
namespace {

double channel(std::uint8_t v) {
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

const Palette kNight{palette::background, palette::header, palette::card, palette::text, palette::text_muted,
                     palette::accent, palette::on_accent, palette::button, palette::button_hover,
                     palette::button_active, palette::danger, palette::on_danger, palette::warning,
                     palette::on_warning, palette::neutral, {0x2E, 0x7D, 0x32}, {0xFF, 0xFF, 0xFF},
                     {0x22, 0x30, 0x52}, {0x8F, 0xA3, 0xC8}};
const Palette kHighContrast{{0x00, 0x00, 0x00}, {0x00, 0x00, 0x00}, {0x14, 0x14, 0x14}, {0xFF, 0xFF, 0xFF},
                            {0xF0, 0xF0, 0xF0}, {0xFF, 0xEB, 0x3B}, {0x00, 0x00, 0x00}, {0x26, 0x26, 0x26},
                            {0x33, 0x33, 0x33}, {0x40, 0x40, 0x40}, {0xB7, 0x1C, 0x1C}, {0xFF, 0xFF, 0xFF},
                            {0xFF, 0xEB, 0x3B}, {0x00, 0x00, 0x00}, {0x33, 0x33, 0x33}, {0x1B, 0x5E, 0x20},
                            {0xFF, 0xFF, 0xFF}, {0x00, 0x00, 0x00}, {0xFF, 0xFF, 0xFF}};
const Palette* g_palette = &kNight;

}  // namespace

const Palette& night_palette() { return kNight; }
const Palette& high_contrast_palette() { return kHighContrast; }
const Palette& pal() { return *g_palette; }
void use_high_contrast(bool on) { g_palette = on ? &kHighContrast : &kNight; }
bool high_contrast() { return g_palette == &kHighContrast; }

BadgeColors crowd_colors(CrowdLevel level) {
  switch (level) {
    case CrowdLevel::comfortable: return {{0x2E, 0x7D, 0x32}, {0xFF, 0xFF, 0xFF}};
    case CrowdLevel::busy: return {{0xFF, 0xD5, 0x4F}, {0x1A, 0x1A, 0x1A}};
    case CrowdLevel::crowded: return {{0xEF, 0x6C, 0x00}, {0x00, 0x00, 0x00}};
    case CrowdLevel::full: return {pal().danger, pal().on_danger};
  }
  return {pal().neutral, pal().text};
}

BadgeColors status_colors(EventStatus status) {
  switch (status) {
    case EventStatus::cancelled: return {pal().danger, pal().on_danger};
    case EventStatus::postponed:
    case EventStatus::rescheduled: return {pal().warning, pal().on_warning};
    case EventStatus::scheduled: break;
  }
  return {pal().neutral, pal().text};
}

std::vector<ContrastPair> contrast_pairs() { return contrast_pairs(kNight); }

std::vector<ContrastPair> contrast_pairs(const Palette& p) {
  std::vector<ContrastPair> out{
      {"text on background", p.text, p.background},
      {"text on header", p.text, p.header},
      {"text on card", p.text, p.card},
      {"muted text on background", p.text_muted, p.background},
      {"muted text on header", p.text_muted, p.header},
      {"muted text on card", p.text_muted, p.card},
      {"accent on background", p.accent, p.background},
      {"accent on card", p.accent, p.card},
      {"accent on header", p.accent, p.header},
      {"text on active language button", p.on_accent, p.accent},
      {"text on button", p.text, p.button},
      {"text on hovered button", p.text, p.button_hover},
      {"text on pressed button", p.text, p.button_active},
      {"text on danger", p.on_danger, p.danger},
      {"text on warning", p.on_warning, p.warning},
      {"text on neutral badge", p.text, p.neutral},
      {"text on ok", p.on_ok, p.ok},
      {"text in a text field", p.text, p.field},
      {"muted text in a text field", p.text_muted, p.field},
  };
  for (CrowdLevel l : {CrowdLevel::comfortable, CrowdLevel::busy, CrowdLevel::crowded, CrowdLevel::full}) {
    BadgeColors c = crowd_colors(l);
    out.push_back({name_of(l), c.text, c.background});
  }
  return out;
}

double relative_luminance(Rgb c) {
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double contrast_ratio(Rgb a, Rgb b) {
  double la = relative_luminance(a), lb = relative_luminance(b);
  if (la < lb) std::swap(la, lb);
  return (la + 0.05) / (lb + 0.05);
}

ImVec4 to_vec4(Rgb c, float alpha) {
  return ImVec4(static_cast<float>(c.r) / 255.0f, static_cast<float>(c.g) / 255.0f,
                static_cast<float>(c.b) / 255.0f, alpha);
}

ImU32 to_u32(Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }

void apply_theme(ImGuiStyle& style, float scale) {
  style = ImGuiStyle();
  ImGui::StyleColorsDark(&style);
  const Palette& p = pal();
  const Rgb text = p.text, text_muted = p.text_muted, background = p.background, card = p.card, button = p.button,
            button_hover = p.button_hover, button_active = p.button_active, accent = p.accent;
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = to_vec4(text);
  c[ImGuiCol_TextDisabled] = to_vec4(text_muted);
  // The app clears every frame to the background colour: windows need not
  // paint it again (a full-screen fill per window on the software renderer).
  c[ImGuiCol_WindowBg] = to_vec4(background, 0.0f);
  c[ImGuiCol_ChildBg] = to_vec4(background, 0.0f);
  c[ImGuiCol_PopupBg] = to_vec4(card);
  c[ImGuiCol_Border] = to_vec4(button);
  c[ImGuiCol_Button] = to_vec4(button);
  c[ImGuiCol_ButtonHovered] = to_vec4(button_hover);
  c[ImGuiCol_ButtonActive] = to_vec4(button_active);
  c[ImGuiCol_Header] = to_vec4(card);
  c[ImGuiCol_HeaderHovered] = to_vec4(button_hover);
  c[ImGuiCol_HeaderActive] = to_vec4(button_active);
  c[ImGuiCol_Separator] = to_vec4(button);
  c[ImGuiCol_ScrollbarBg] = to_vec4(background);
  c[ImGuiCol_ScrollbarGrab] = to_vec4(button_hover);
  c[ImGuiCol_ScrollbarGrabHovered] = to_vec4(button_active);
  c[ImGuiCol_ScrollbarGrabActive] = to_vec4(accent);
  style.WindowPadding = ImVec2(24, 16);
  style.FramePadding = ImVec2(20, 12);
  style.ItemSpacing = ImVec2(16, 12);
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 0;
  style.FrameRounding = 10; if (getenv("NOAA")) { style.AntiAliasedLines = false; style.AntiAliasedFill = false; }
  style.ChildRounding = 12;
  style.ScrollbarSize = 28;  // draggable with a finger
  style.ScrollbarRounding = 14;
  style.GrabMinSize = 64;
  style.TouchExtraPadding = ImVec2(4, 4);
  style.ScaleAllSizes(scale);
}

}  // namespace yeyou::kiosk
