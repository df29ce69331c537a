#include "kiosk/ui/widgets.hpp"

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/opaque_fill.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <map>

#include <imgui_internal.h>

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

void fill_rounded_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 col, float rounding) {
  a = ImVec2(std::floor(a.x + 0.5f), std::floor(a.y + 0.5f));
  b = ImVec2(std::floor(b.x + 0.5f), std::floor(b.y + 0.5f));
  if (b.x <= a.x || b.y <= a.y) return;
  const float r = std::floor(std::min(rounding, std::min(b.x - a.x, b.y - a.y) * 0.5f));
  if (r < 1.0f) {
    fill_opaque_rect(dl, a, b, col);
    return;
  }
  if ((col & IM_COL32_A_MASK) != IM_COL32_A_MASK) {
    // Translucent: overlapping parts would show; rare (a pressed overlay).
    dl->AddRectFilled(a, b, col, r);
    return;
  }
  // The rectangles reach 1 px into the corner squares: the corner fans'
  // anti-aliased straight edges then fall on the same colour (no seams).
  fill_opaque_rect(dl, ImVec2(a.x, a.y + r - 1), ImVec2(b.x, b.y - r + 1), col);
  fill_opaque_rect(dl, ImVec2(a.x + r - 1, a.y), ImVec2(b.x - r + 1, a.y + r), col);
  fill_opaque_rect(dl, ImVec2(a.x + r - 1, b.y - r), ImVec2(b.x - r + 1, b.y), col);
  // Quarter discs; angles in twelfths of a turn as ImGui's PathRect uses them.
  const struct {
    ImVec2 centre;
    int from, to;
  } corners[] = {{ImVec2(a.x + r, a.y + r), 6, 9},
                 {ImVec2(b.x - r, a.y + r), 9, 12},
                 {ImVec2(b.x - r, b.y - r), 0, 3},
                 {ImVec2(a.x + r, b.y - r), 3, 6}};
  for (const auto& c : corners) {
    dl->PathLineTo(c.centre);
    dl->PathArcToFast(c.centre, r, c.from, c.to);
    dl->PathFillConvex(col);
  }
}

void fill_framed_rect(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 fill, ImU32 border, float rounding, float thickness) {
  const float t = std::max(1.0f, std::round(thickness));
  if ((fill & IM_COL32_A_MASK) != IM_COL32_A_MASK || (border & IM_COL32_A_MASK) != IM_COL32_A_MASK) {
    fill_rounded_rect(dl, a, b, fill, rounding);
    dl->AddRect(a, b, border, rounding, 0, thickness);
    return;
  }
  fill_rounded_rect(dl, a, b, border, rounding);
  fill_rounded_rect(dl, ImVec2(a.x + t, a.y + t), ImVec2(b.x - t, b.y - t), fill, std::max(0.0f, rounding - t));
}

ImVec2 draw_badge(ImDrawList* dl, ImVec2 pos, ImFont* font, const std::string& text, BadgeColors colors,
                  float pad_x, float pad_y) {
  ImVec2 size = badge_size(font, text, pad_x, pad_y);
  fill_rounded_rect(dl, pos, ImVec2(pos.x + size.x, pos.y + size.y), to_u32(colors.background), size.y * 0.5f);
  draw_text(dl, ImVec2(pos.x + pad_x, pos.y + pad_y), font, colors.text, text);
  return size;
}

ImVec2 draw_text(ImDrawList* dl, ImVec2 pos, ImFont* font, Rgb color, const std::string& text) {
  note_shown_text(font, text);
  dl->AddText(font, font->FontSize, pos, to_u32(color), text.data(), text.data() + text.size());
  return text_size(font, text);
}

void centered_text(ImFont* font, Rgb color, const std::string& text) {
  note_shown_text(font, text);
  ImVec2 size = text_size(font, text);
  float avail = ImGui::GetContentRegionAvail().x;
  ImGui::SetCursorPosX(ImGui::GetCursorPosX() + (avail > size.x ? (avail - size.x) * 0.5f : 0.0f));
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(color));
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

namespace {
std::vector<WidgetRecord> g_widgets;
constexpr float kDragThreshold = 14.0f;  // px a finger may move and still tap
}  // namespace

std::vector<WidgetRecord>& widget_log() { return g_widgets; }

void record_widget(const std::string& id, ImVec2 min, ImVec2 max) {
  const ImVec4 clip = ImGui::GetCurrentWindow()->ClipRect.ToVec4();
  bool visible = min.x >= clip.x - 0.5f && min.y >= clip.y - 0.5f && max.x <= clip.z + 0.5f && max.y <= clip.w + 0.5f;
  g_widgets.push_back({id, min, max, visible});
}

float touch_button_width(const std::string& label, ImFont* font, float pad_x) {
  float w = 0;
  std::size_t start = 0;
  while (start <= label.size()) {
    std::size_t nl = label.find('\n', start);
    std::string line = label.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    w = std::max(w, text_size(font, line).x);
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  return std::max(w + 2 * pad_x, kMinTarget);
}

bool touch_button(const std::string& id, const std::string& label, ImVec2 size, Tone tone, ImFont* font) {
  if (!font) font = ImGui::GetFont();
  const float pad_x = ImGui::GetStyle().FramePadding.x;
  if (size.x <= 0) size.x = touch_button_width(label, font, pad_x);
  if (size.y <= 0) size.y = font->FontSize + 2 * ImGui::GetStyle().FramePadding.y;
  size.x = std::max(size.x, kMinTarget);
  size.y = std::max(size.y, kMinTarget);
  ImGui::PushID(id.c_str());
  bool clicked = ImGui::InvisibleButton("##b", size);
  ImGui::PopID();
  const ImGuiIO& io = ImGui::GetIO();
  if (clicked && io.MouseDragMaxDistanceSqr[0] > kDragThreshold * kDragThreshold) clicked = false;
  const bool pressed = ImGui::IsItemActive();
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  record_widget(id, a, b);

  const Palette& p = pal();
  Rgb bg = p.button, fg = p.text;
  switch (tone) {
    case Tone::selected: bg = p.accent; fg = p.on_accent; break;
    case Tone::primary: bg = p.ok; fg = p.on_ok; break;
    case Tone::danger: bg = p.danger; fg = p.on_danger; break;
    case Tone::quiet: bg = p.card; fg = p.text; break;
    case Tone::normal: break;
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float rounding = ImGui::GetStyle().FrameRounding;
  if (pressed) {
    // Tap feedback: a bright frame and a darker fill in the frame of the press
    // (the colour black at alpha 70 over the button gives, drawn opaque).
    const auto darker = [](unsigned char c) { return static_cast<unsigned char>(c * 185 / 255); };
    const ImU32 dark = IM_COL32(darker(bg.r), darker(bg.g), darker(bg.b), 255);
    fill_framed_rect(dl, a, b, dark, to_u32(p.accent), rounding, 4.0f);
  } else if (tone == Tone::normal || tone == Tone::quiet) {
    fill_framed_rect(dl, a, b, to_u32(bg), to_u32(p.border), rounding, 1.5f);
  } else {
    fill_rounded_rect(dl, a, b, to_u32(bg), rounding);
  }
  // Lines centred.
  std::vector<std::string> lines;
  for (std::size_t start = 0;;) {
    std::size_t nl = label.find('\n', start);
    lines.push_back(label.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  float total = static_cast<float>(lines.size()) * font->FontSize;
  float y = a.y + (size.y - total) * 0.5f;
  for (const auto& line : lines) {
    std::string shown = ellipsize(font, line, size.x - pad_x);
    float w = text_size(font, shown).x;
    draw_text(dl, ImVec2(a.x + (size.x - w) * 0.5f, y), font, fg, shown);
    y += font->FontSize;
  }
  return clicked;
}

Flow::Flow(float gap) : gap_(gap) {
  left_ = ImGui::GetCursorPosX();
  right_ = ImGui::GetWindowContentRegionMax().x;
}

void Flow::next(float w) {
  if (!first_) {
    float x = ImGui::GetItemRectMax().x - ImGui::GetWindowPos().x + ImGui::GetScrollX() + gap_;
    if (x + w <= right_) ImGui::SameLine(0, gap_);
    else ImGui::SetCursorPosX(left_);
  }
  first_ = false;
}

void wrapped_text(ImFont* font, Rgb color, const std::string& text) {
  note_shown_text(font, text);
  ImGui::PushFont(font);
  ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(color));
  // Wraps at the window's edge, or where the caller already asked (a column).
  const bool wrap_set = ImGui::GetCurrentWindow()->DC.TextWrapPos >= 0.0f;
  if (!wrap_set) ImGui::PushTextWrapPos(0.0f);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  if (!wrap_set) ImGui::PopTextWrapPos();
  ImGui::PopStyleColor();
  ImGui::PopFont();
}

bool drag_to_scroll() {
  struct Motion {
    float velocity = 0;  // px per second
    bool dragging = false;
  };
  static std::map<ImGuiID, Motion> motions;
  const ImGuiIO& io = ImGui::GetIO();
  Motion& m = motions[ImGui::GetID("##drag-scroll")];
  const float dt = std::max(io.DeltaTime, 1.0f / 240.0f);
  const bool hovered =
      ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows | ImGuiHoveredFlags_AllowWhenBlockedByActiveItem);
  if (io.MouseDown[0]) {
    if (io.MouseClicked[0]) {
      m.velocity = 0;  // a touch stops a flick
      m.dragging = hovered;
    }
    if (m.dragging && io.MouseDragMaxDistanceSqr[0] > kDragThreshold * kDragThreshold && io.MouseDelta.y != 0) {
      ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
      float v = -io.MouseDelta.y / dt;
      m.velocity = m.velocity * 0.6f + v * 0.4f;
    }
    return false;
  }
  m.dragging = false;
  if (std::fabs(m.velocity) < 30.0f) {
    m.velocity = 0;
    return false;
  }
  float y = ImGui::GetScrollY() + m.velocity * dt;
  if (y <= 0 || y >= ImGui::GetScrollMaxY()) m.velocity = 0;
  ImGui::SetScrollY(std::clamp(y, 0.0f, ImGui::GetScrollMaxY()));
  m.velocity *= std::exp(-4.0f * dt);
  return m.velocity != 0;
}

}  // namespace yeyou::kiosk
