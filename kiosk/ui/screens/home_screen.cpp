#include "kiosk/ui/screens/home_screen.hpp"

#include <algorithm>

#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/logic.hpp"
#include "kiosk/ui/screens/tonight_screen.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {
namespace {

void last_bus_card(UiContext& ctx) {
  ImFont* body = ctx.fonts.body();
  ImFont* large = ctx.fonts.large();
  const DepartureItem* last = next_last_bus(ctx.vm.departures, ctx.now);
  ImVec2 p0;
  float w = 0;
  const float h = large->FontSize + 2 * body->FontSize + ctx.px(48);
  if (row_button(ctx, "home.last_bus", h, p0, w)) ctx.ui.nav.push(ScreenId::transport);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float pad = ctx.px(24);
  draw_text(dl, ImVec2(p0.x + pad, p0.y + ctx.px(14)), body, pal().accent, ctx.t("home.last_bus"));
  if (!last) {
    draw_text(dl, ImVec2(p0.x + pad, p0.y + ctx.px(22) + body->FontSize), body, pal().text_muted,
              ellipsize(body, ctx.t(ctx.vm.departures.empty() ? "transport.no_data" : "transport.no_last_bus"),
                        w - 2 * pad));
    return;
  }
  int mins = minutes_until(last->departs_at, ctx.now);
  std::string line = last->route_name + " \u2192 " + last->headsign;
  draw_text(dl, ImVec2(p0.x + pad, p0.y + ctx.px(20) + body->FontSize), large, pal().text,
            ellipsize(large, format_hhmm(last->departs_at) + "  " + line, w - 2 * pad));
  draw_text(dl, ImVec2(p0.x + pad, p0.y + ctx.px(28) + body->FontSize + large->FontSize), body,
            mins <= 30 ? pal().accent : pal().text_muted,
            ellipsize(body, ctx.f("transport.in_minutes", {{"minutes", std::to_string(mins)}}) + " \u00b7 " +
                                last->stop_name,
                      w - 2 * pad));
}

void crowd_overview(UiContext& ctx) {
  section_title(ctx, ctx.t("home.crowds"));
  std::vector<const VenueView*> venues;
  for (const auto& v : ctx.vm.venues)
    if (v.open_now) venues.push_back(&v);
  std::stable_sort(venues.begin(), venues.end(), [](const VenueView* a, const VenueView* b) {
    return a->crowd.value_or(CrowdLevel::comfortable) > b->crowd.value_or(CrowdLevel::comfortable);
  });
  if (venues.size() > 6) venues.resize(6);
  if (venues.empty()) muted_text(ctx, ctx.t("home.no_open_venues"));
  ImFont* body = ctx.fonts.body();
  for (const VenueView* v : venues) {
    ImVec2 p0;
    float w = 0;
    const float h = std::max(kMinTarget, body->FontSize + ctx.px(40));
    if (row_button(ctx, "home.venue." + std::to_string(v->venue.id), h, p0, w)) {
      ctx.ui.browse.venue_id = v->venue.id;
      ctx.ui.nav.push(ScreenId::venue_detail);
    }
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float badge_w = ctx.px(300);
    draw_text(dl, ImVec2(p0.x + ctx.px(20), p0.y + (h - body->FontSize) * 0.5f), body, pal().text,
              ellipsize(body, v->venue.name.in(ctx.lang), w - badge_w - ctx.px(40)));
    crowd_badge(ctx, dl, ImVec2(p0.x + w - badge_w, p0.y + (h - body->FontSize) * 0.5f - ctx.px(6)), v->crowd, body);
  }
}

void attract(UiContext& ctx) {
  // Highlights: events on now, then later tonight, then venues; one every few seconds.
  std::vector<const EventItem*> items;
  for (const auto& e : ctx.vm.on_now) items.push_back(&e);
  for (const auto& e : ctx.vm.later_tonight) items.push_back(&e);
  ImGui::Dummy(ImVec2(0, ctx.px(40)));
  centered_text(ctx.fonts.title(), pal().accent, ctx.t("home.attract_title"));
  ImGui::Dummy(ImVec2(0, ctx.px(20)));
  if (!items.empty()) {
    const EventItem& e = *items[static_cast<std::size_t>(ctx.attract_index) % items.size()];
    centered_text(ctx.fonts.large(), pal().text_muted, ctx.t(e.phase == EventPhase::on_now ? "tonight.on_now" : "tonight.later"));
    centered_text(ctx.fonts.title(), pal().text, e.event.title.in(ctx.lang));
    centered_text(ctx.fonts.large(), pal().text, format_time_range(ctx.strings, ctx.lang, e));
    if (const VenueView* v = ctx.vm.venue(e.event.venue_id)) centered_text(ctx.fonts.large(), pal().text_muted, v->venue.name.in(ctx.lang));
  }
  ImGui::Dummy(ImVec2(0, ctx.px(40)));
  centered_text(ctx.fonts.large(), pal().accent, ctx.t("home.touch_to_start"));
}

}  // namespace

void HomeScreen::drawContent(UiContext& ctx) {
  if (ctx.attract_index >= 0) {
    attract(ctx);
    return;
  }
  const ViewModel& vm = ctx.vm;
  const bool portrait = ctx.env.portrait();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float gap = ctx.px(32);
  const float left_w = portrait ? avail : (avail - gap) * 0.58f;
  const float right_w = portrait ? avail : avail - left_w - gap;

  ImGui::BeginGroup();
  ImGui::PushItemWidth(left_w);
  ImGui::Dummy(ImVec2(left_w, 0));
  section_title(ctx, ctx.t("tonight.on_now"));
  {
    // Cards need their width: draw them inside a group of the column's width.
    auto column = [&](const std::vector<EventItem>& items, const char* empty_key, const char* prefix) {
      if (items.empty()) {
        muted_text(ctx, ctx.t(empty_key));
        return;
      }
      std::size_t n = std::min<std::size_t>(items.size(), 3);
      for (std::size_t i = 0; i < n; ++i) {
        ImGui::BeginChild((std::string("##") + prefix + std::to_string(i)).c_str(),
                          ImVec2(left_w, ctx.fonts.large()->FontSize + ctx.fonts.body()->FontSize + ctx.px(56)), false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        event_card(ctx, items[i], std::string("home.") + prefix + "." + std::to_string(items[i].event.id));
        ImGui::EndChild();
      }
    };
    column(vm.on_now, "tonight.none_on_now", "now");
    section_title(ctx, ctx.t("home.starting_soon"));
    column(vm.later_tonight, "tonight.none_later", "soon");
  }
  if (!vm.on_now.empty() || !vm.later_tonight.empty()) {
    if (touch_button("home.all_events", ctx.t("home.all_events"), ImVec2(left_w, button_height(ctx)), Tone::normal,
                     ctx.fonts.body()))
      ctx.ui.nav.push(ScreenId::tonight);
  }
  ImGui::PopItemWidth();
  ImGui::EndGroup();
  if (!portrait) ImGui::SameLine(0, gap);

  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(right_w, 0));
  // The rating entry: big, friendly, never forced.
  if (touch_button("home.rate", ctx.t("home.rate") + "\n" + ctx.t("home.rate_hint"), ImVec2(right_w, ctx.px(150)),
                   Tone::primary, ctx.fonts.large())) {
    ctx.ui.nav.push(ScreenId::rate);
  }
  ImGui::Dummy(ImVec2(0, ctx.px(4)));
  ImGui::BeginChild("##home-bus", ImVec2(right_w, ctx.fonts.large()->FontSize + 2 * ctx.fonts.body()->FontSize + ctx.px(56)),
                    false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  last_bus_card(ctx);
  ImGui::EndChild();
  ImGui::BeginChild("##home-crowds", ImVec2(right_w, ctx.px(80) + 6 * (std::max(kMinTarget, ctx.fonts.body()->FontSize + ctx.px(40)) + ctx.px(14)) + ctx.fonts.large()->FontSize),
                    false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  crowd_overview(ctx);
  ImGui::EndChild();
  if (touch_button("home.complaint", ctx.t("home.complaint"), ImVec2(right_w, button_height(ctx)), Tone::normal,
                   ctx.fonts.body()))
    ctx.ui.nav.push(ScreenId::complaint);
  ImGui::EndGroup();
}

}  // namespace yeyou::kiosk
