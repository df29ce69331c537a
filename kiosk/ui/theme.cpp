#include "kiosk/ui/theme.hpp"

#include <cmath>

namespace yeyou::kiosk {
namespace {

double channel(std::uint8_t v) {
  double c = v / 255.0;
  return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

}  // namespace

BadgeColors crowd_colors(CrowdLevel level) {
  switch (level) {
    case CrowdLevel::comfortable: return {{0x2E, 0x7D, 0x32}, {0xFF, 0xFF, 0xFF}};
    case CrowdLevel::busy: return {{0xFF, 0xD5, 0x4F}, {0x1A, 0x1A, 0x1A}};
    case CrowdLevel::crowded: return {{0xEF, 0x6C, 0x00}, {0x00, 0x00, 0x00}};
    case CrowdLevel::full: return {palette::danger, palette::on_danger};
  }
  return {palette::neutral, palette::text};
}

BadgeColors status_colors(EventStatus status) {
  switch (status) {
    case EventStatus::cancelled: return {palette::danger, palette::on_danger};
    case EventStatus::postponed:
    case EventStatus::rescheduled: return {palette::warning, palette::on_warning};
    case EventStatus::scheduled: break;
  }
  return {palette::neutral, palette::text};
}

std::vector<ContrastPair> contrast_pairs() {
  using namespace palette;
  std::vector<ContrastPair> out{
      {"text on background", text, background},
      {"text on header", text, header},
      {"text on card", text, card},
      {"muted text on background", text_muted, background},
      {"muted text on header", text_muted, header},
      {"muted text on card", text_muted, card},
      {"accent on background", accent, background},
      {"accent on card", accent, card},
      {"text on active language button", on_accent, accent},
      {"text on button", text, button},
      {"text on hovered button", text, button_hover},
      {"text on pressed button", text, button_active},
      {"text on danger", on_danger, danger},
      {"text on warning", on_warning, warning},
      {"text on neutral badge", text, neutral},
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
  using namespace palette;
  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = to_vec4(text);
  c[ImGuiCol_TextDisabled] = to_vec4(text_muted);
  c[ImGuiCol_WindowBg] = to_vec4(background);
  c[ImGuiCol_ChildBg] = to_vec4(background);
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
  style.FrameRounding = 10;
  style.ChildRounding = 12;
  style.ScrollbarSize = 28;  // draggable with a finger
  style.ScrollbarRounding = 14;
  style.GrabMinSize = 64;
  style.TouchExtraPadding = ImVec2(4, 4);
  style.ScaleAllSizes(scale);
}

}  // namespace yeyou::kiosk
