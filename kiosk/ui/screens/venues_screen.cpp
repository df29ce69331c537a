#include "kiosk/ui/screens/venues_screen.hpp"

#include <algorithm>
#include <cfloat>
#include <vector>

#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {
namespace {

void open_venue(UiContext& ctx, std::int64_t id) {
  ctx.ui.browse.venue_id = id;
  ctx.ui.nav.push(ScreenId::venue_detail);
}

// The schematic map: a drawn background (grid, a shoreline band), venues
// placed by lat/lon, each a shape + colour marker with its name, tappable.
void draw_map(UiContext& ctx, float w, float h) {
  const auto& venues = ctx.vm.venues;
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_rounded_rect(dl, p0, ImVec2(p0.x + w, p0.y + h), to_u32(pal().card), ctx.px(16));
  const ImU32 grid = to_u32(pal().button);
  for (int i = 1; i < 8; ++i) {
    float x = p0.x + w * static_cast<float>(i) / 8.0f, y = p0.y + h * static_cast<float>(i) / 8.0f;
    dl->AddLine(ImVec2(x, p0.y), ImVec2(x, p0.y + h), grid, 1.0f);
    dl->AddLine(ImVec2(p0.x, y), ImVec2(p0.x + w, y), grid, 1.0f);
  }
  dl->AddRectFilled(ImVec2(p0.x, p0.y + h * 0.86f), ImVec2(p0.x + w, p0.y + h), IM_COL32(0x14, 0x3A, 0x5A, 255), ctx.px(16),
                    ImDrawFlags_RoundCornersBottom);
  if (venues.empty()) {
    ImGui::Dummy(ImVec2(w, h));
    return;
  }
  double lat0 = 90, lat1 = -90, lon0 = 180, lon1 = -180;
  for (const auto& v : venues) {
    lat0 = std::min(lat0, v.venue.lat);
    lat1 = std::max(lat1, v.venue.lat);
    lon0 = std::min(lon0, v.venue.lon);
    lon1 = std::max(lon1, v.venue.lon);
  }
  const double dlat = std::max(lat1 - lat0, 1e-4), dlon = std::max(lon1 - lon0, 1e-4);
  const float margin = ctx.px(90);
  ImFont* small = ctx.fonts.small();
  const float r = std::max(ctx.px(18), 14.0f);
  std::vector<ImVec4> labels;
  for (const auto& v : venues) {
    float x = p0.x + margin + static_cast<float>((v.venue.lon - lon0) / dlon) * (w - 2 * margin);
    float y = p0.y + margin + static_cast<float>((lat1 - v.venue.lat) / dlat) * (h * 0.86f - 2 * margin);
    ImGui::SetCursorScreenPos(ImVec2(x - kMinTarget * 0.5f, y - kMinTarget * 0.5f));
    ImGui::PushID(static_cast<int>(v.venue.id));
    bool tapped = ImGui::InvisibleButton("##marker", ImVec2(kMinTarget, kMinTarget));
    ImGui::PopID();
    record_widget("map.venue." + std::to_string(v.venue.id), ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (tapped && ImGui::GetIO().MouseDragMaxDistanceSqr[0] < 14.0f * 14.0f) open_venue(ctx, v.venue.id);
    if (ImGui::IsItemActive()) dl->AddCircle(ImVec2(x, y), r * 1.6f, to_u32(pal().accent), 0, 4.0f);
    draw_crowd_shape(dl, ImVec2(x, y), r, v.crowd);
    // A name only where it does not overlap another one (the list below names every venue).
    std::string name = ellipsize(small, v.venue.name.in(ctx.lang), ctx.px(260));
    float tw = small->CalcTextSizeA(small->FontSize, FLT_MAX, 0, name.c_str()).x;
    float tx = std::clamp(x - tw * 0.5f, p0.x + ctx.px(8), p0.x + w - tw - ctx.px(8));
    ImVec4 box(tx, y + r + ctx.px(6), tx + tw, y + r + ctx.px(6) + small->FontSize);
    bool overlaps = false;
    for (const ImVec4& b : labels)
      overlaps = overlaps || (box.x < b.z && b.x < box.z && box.y < b.w && b.y < box.w);
    if (!overlaps) {
      labels.push_back(box);
      draw_text(dl, ImVec2(box.x, box.y), small, pal().text, name);
    }
  }
  ImGui::SetCursorScreenPos(p0);
  ImGui::Dummy(ImVec2(w, h));
}

void legend(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* body = ctx.fonts.body();
  const std::optional<CrowdLevel> levels[] = {CrowdLevel::comfortable, CrowdLevel::busy, CrowdLevel::crowded,
                                              CrowdLevel::full, std::nullopt};
  Flow flow(ctx.px(28));
  for (const auto& l : levels) {
    std::string label = l ? ctx.t(crowd_key(*l)) : ctx.t("crowd.unknown");
    float w = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, label.c_str()).x + body->FontSize + ctx.px(14);
    flow.next(w);
    ImVec2 p = ImGui::GetCursorScreenPos();
    draw_crowd_shape(dl, ImVec2(p.x + body->FontSize * 0.5f, p.y + body->FontSize * 0.5f), body->FontSize * 0.42f, l);
    draw_text(dl, ImVec2(p.x + body->FontSize + ctx.px(10), p.y), body, pal().text, label);
    ImGui::Dummy(ImVec2(w, body->FontSize));
  }
}

}  // namespace

void VenuesScreen::drawContent(UiContext& ctx) {
  const bool portrait = ctx.env.portrait();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float map_w = portrait ? avail : avail * 0.55f;
  const float map_h = portrait ? ctx.px(820) : ctx.px(600);
  ImGui::BeginGroup();
  draw_map(ctx, map_w, map_h);
  ImGui::Dummy(ImVec2(0, ctx.px(6)));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + map_w);
  legend(ctx);
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (!portrait) ImGui::SameLine(0, ctx.px(32));
  ImGui::BeginGroup();
  const float list_w = portrait ? avail : avail - map_w - ctx.px(32);
  ImFont* body = ctx.fonts.body();
  ImFont* small = ctx.fonts.small();
  for (const auto& v : ctx.vm.venues) {
    const float h = body->FontSize + small->FontSize + ctx.px(40);
    ImVec2 p = ImGui::GetCursorScreenPos();
    if (touch_button("venue." + std::to_string(v.venue.id), "", ImVec2(list_w, h), Tone::quiet)) open_venue(ctx, v.venue.id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float badge_w = ctx.px(290);
    draw_text(dl, ImVec2(p.x + ctx.px(18), p.y + ctx.px(12)), body, pal().text,
              ellipsize(body, v.venue.name.in(ctx.lang), list_w - badge_w - ctx.px(30)));
    std::string sub = ctx.t(v.open_now ? "venue.open_now" : "venue.closed_now");
    if (v.crowd && v.occupancy) sub += " \u00b7 " + ctx.f("crowd.as_of", {{"time", format_hhmm(v.occupancy->taken_at)}});
    draw_text(dl, ImVec2(p.x + ctx.px(18), p.y + ctx.px(16) + body->FontSize), small, pal().text_muted,
              ellipsize(small, sub, list_w - badge_w - ctx.px(30)));
    crowd_badge(ctx, dl, ImVec2(p.x + list_w - badge_w, p.y + (h - body->FontSize) * 0.5f - ctx.px(6)), v.crowd, body);
  }
  ImGui::Dummy(ImVec2(list_w, 0));
  ImGui::EndGroup();
}

}  // namespace yeyou::kiosk
