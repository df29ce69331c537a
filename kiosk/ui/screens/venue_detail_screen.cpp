#include "kiosk/ui/screens/venue_detail_screen.hpp"

#include <algorithm>
#include <cfloat>
#include <cmath>

#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/logic.hpp"
#include "kiosk/ui/screens/tonight_screen.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {
namespace {

// "Usually busy": 24 bars (share of capacity by hour for today's weekday),
// the current hour marked; hours labelled every 3 h.
void usual_chart(UiContext& ctx, const std::vector<double>& hours, float w, float h) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImVec2 p0 = ImGui::GetCursorScreenPos();
  ImFont* small = ctx.fonts.small();
  fill_rounded_rect(dl, p0, ImVec2(p0.x + w, p0.y + h), to_u32(pal().card), ctx.px(12));
  const float label_h = small->FontSize + ctx.px(8);
  const float top = p0.y + ctx.px(16), bottom = p0.y + h - label_h - ctx.px(8);
  const float bw = (w - ctx.px(32)) / 24.0f;
  const int now_hour = to_local(ctx.now).minute_of_day / 60;
  double peak = 0;
  for (double v : hours) peak = std::max(peak, v);
  peak = std::max(peak, 1.0);
  for (int i = 0; i < 24 && i < static_cast<int>(hours.size()); ++i) {
    float frac = static_cast<float>(std::clamp(hours[static_cast<std::size_t>(i)] / peak, 0.0, 1.0));
    float x = p0.x + ctx.px(16) + bw * static_cast<float>(i);
    float y = bottom - (bottom - top) * frac;
    Rgb c = i == now_hour ? pal().accent : pal().button_active;
    fill_rounded_rect(dl, ImVec2(x + bw * 0.12f, y), ImVec2(x + bw * 0.88f, bottom), to_u32(c), ctx.px(3));
    if (i % 3 == 0)
      draw_text(dl, ImVec2(x, bottom + ctx.px(6)), small, pal().text_muted, std::to_string(i));
  }
  ImGui::Dummy(ImVec2(w, h));
}

}  // namespace

void VenueDetailScreen::drawContent(UiContext& ctx) {
  const VenueView* v = ctx.vm.venue(ctx.ui.browse.venue_id);
  if (!v) {
    muted_text(ctx, ctx.t("venue.gone"));
    return;
  }
  const bool portrait = ctx.env.portrait();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float col = portrait ? avail : (avail - ctx.px(48)) * 0.5f;
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + col);
  wrapped_text(ctx.fonts.title(), pal().text, v->venue.name.in(ctx.lang));
  std::string sub = ctx.t("venue_category." + std::string(name_of(v->venue.category)));
  if (const District* d = ctx.vm.district(v->venue.district)) sub += " \u00b7 " + d->name.in(ctx.lang);
  muted_text(ctx, sub);
  if (!v->venue.address.in(ctx.lang).empty()) muted_text(ctx, v->venue.address.in(ctx.lang));
  ImGui::Dummy(ImVec2(0, ctx.px(10)));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = crowd_badge(ctx, dl, p, v->crowd, ctx.fonts.large());
    ImGui::Dummy(ImVec2(w, ctx.fonts.large()->FontSize + ctx.px(14)));
  }
  if (v->occupancy) {
    std::string as_of = ctx.f("crowd.as_of", {{"time", format_hhmm(v->occupancy->taken_at)}});
    if (v->occupancy->capacity > 0) {
      long pct = std::lround(100.0 * static_cast<double>(v->occupancy->count) / static_cast<double>(v->occupancy->capacity));
      as_of += " \u00b7 " + ctx.f("venue.percent_full", {{"percent", std::to_string(pct)}});
    }
    if (v->occupancy_stale) as_of += " \u00b7 " + ctx.t("venue.stale");
    muted_text(ctx, as_of);
  }
  ImGui::Dummy(ImVec2(0, ctx.px(10)));
  wrapped_text(ctx.fonts.small(), pal().text_muted, ctx.t("venue.hours_tonight"));
  auto ranges = opening_ranges_tonight(v->venue, ctx.vm.tonight);
  std::string hours;
  for (const auto& r : ranges) hours += (hours.empty() ? "" : ", ") + r;
  wrapped_text(ctx.fonts.large(), pal().text, ranges.empty() ? ctx.t("venue.closed_tonight") : hours);
  ImGui::Dummy(ImVec2(0, ctx.px(10)));
  if (const VenueView* alt = comfortable_alternative(ctx.vm, *v)) {
    wrapped_text(ctx.fonts.body(), pal().accent, ctx.t("venue.try_instead"));
    double d = distance_m(v->venue.lat, v->venue.lon, alt->venue.lat, alt->venue.lon);
    std::string label = alt->venue.name.in(ctx.lang) + "\n" +
                        ctx.f("venue.distance", {{"metres", std::to_string(static_cast<long>(std::lround(d / 10.0) * 10))}}) +
                        " \u00b7 " + ctx.t(crowd_key(CrowdLevel::comfortable));
    if (touch_button("venue.alternative", label, ImVec2(col, ctx.px(110)), Tone::primary, ctx.fonts.body()))
      ctx.ui.browse.venue_id = alt->venue.id;
    ImGui::Dummy(ImVec2(0, ctx.px(8)));
  }
  if (touch_button("venue.rate", ctx.t("venue.rate"), ImVec2(0, button_height(ctx)), Tone::normal, ctx.fonts.body())) {
    ctx.ui.rating.subject = {SubjectKind::venue, std::to_string(v->venue.id)};
    ctx.ui.nav.push(ScreenId::rate);
  }
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
  if (!portrait) ImGui::SameLine(0, ctx.px(48));
  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(col, 0));
  section_title(ctx, ctx.t("venue.usually_busy"));
  auto it = ctx.vm.usual_occupancy.find(v->venue.id);
  if (it == ctx.vm.usual_occupancy.end() || it->second.size() < 24) muted_text(ctx, ctx.t("venue.no_history"));
  else usual_chart(ctx, it->second, col, ctx.px(300));
  section_title(ctx, ctx.t("venue.events_tonight"));
  bool any = false;
  for (const auto* list : {&ctx.vm.on_now, &ctx.vm.later_tonight})
    for (const auto& e : *list)
      if (e.event.venue_id == v->venue.id) {
        ImGui::BeginChild(("##ve" + std::to_string(e.event.id)).c_str(),
                          ImVec2(col, ctx.fonts.large()->FontSize + ctx.fonts.body()->FontSize + ctx.px(56)), false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        event_card(ctx, e, "venue.event." + std::to_string(e.event.id));
        ImGui::EndChild();
        any = true;
      }
  if (!any) muted_text(ctx, ctx.t("venue.no_events"));
  ImGui::EndGroup();
}

}  // namespace yeyou::kiosk
