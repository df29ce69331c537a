#include "kiosk/ui/widgets.hpp"

#include <cfloat>

namespace yeyou::kiosk {
namespace {

ImVec2 text_size(ImFont* font, const std::string& text) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size());
}

}  // namespace

std::string ellipsize(ImFont* font, const std::string& text, float max_width) {
  if (text_size(font, text).x <= max_width) return text;
  static const std::string ellipsis = "\u2026";
  float room = max_width - text_size(font, ellipsis).x;
  // Cut at code point boundaries until it fits.
  std::string cut = text;
  while (!cut.empty() && text_size(font, cut).x > room) {
    std::size_t n = cut.size() - 1;
    while (n > 0 && (static_cast<unsigned char>(cut[n]) & 0xC0) == 0x80) --n;
    cut.resize(n);
  }
  while (!cut.empty() && cut.back() == ' ') cut.pop_back();
  return cut + ellipsis;
}

ImVec2 badge_size(ImFont* font, const std::string& text, float pad_x, float pad_y) {
  ImVec2 t = text_size(font, text);
  return ImVec2(t.x + 2 * pad_x, t.y + 2 * pad_y);
}

ImVec2 draw_badge(ImDrawList* dl, ImVec2 pos, ImFont* font, const std::string& text, BadgeColors colors,
                  float pad_x, float pad_y) {
  ImVec2 size = badge_size(font, text, pad_x, pad_y);
  dl->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y), to_u32(colors.background), size.y * 0.5f);
  draw_text(dl, ImVec2(pos.x + pad_x, pos.y + pad_y), font, colors.text, text);
  return size;
}

ImVec2 draw_text(ImDrawList* dl, ImVec2 pos, ImFont* font, Rgb color, const std::string& text) {
  dl->AddText(font, font->FontSize, pos, to_u32(color), text.data(), text.data() + text.size());
  return text_size(font, text);
}

void centered_text(ImFont* font, Rgb color, const std::string& text) {
  ImVec2 size = text_size(font, text);
  float avail = ImGui::GetContentRegionAvail().x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail > size.x ? (avail - size.x) * 0.5f : 0.0f));
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(color));
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

void drag_to_scroll() {
  const ImGuiIO& io = ImGui::GetIO();
  if (ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
      ImGui::IsMouseDragging(ImGuiMouseButton_Left, 4.0f) && !ImGui::IsAnyItemActive())
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

}  // namespace yeyou::kiosk
