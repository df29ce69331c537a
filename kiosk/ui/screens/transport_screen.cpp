#include "kiosk/ui/screens/transport_screen.hpp"

#include <algorithm>

#include "core/qr_payload.hpp"
#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/logic.hpp"
#include "kiosk/ui/qr.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {

void TransportScreen::drawContent(UiContext& ctx) {
  const ViewModel& vm = ctx.vm;
  ImFont* body = ctx.fonts.body();
  ImFont* large = ctx.fonts.large();
  ImFont* small = ctx.fonts.small();
  const bool portrait = ctx.env.portrait();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float qr_side = std::max(ctx.px(320), 260.0f);
  const float col = portrait ? avail : avail - qr_side - ctx.px(48);

  // Last-bus warning: the last departure of a route within 30 minutes.
  if (const DepartureItem* last = next_last_bus(vm.departures, ctx.now)) {
    int mins = minutes_until(last->departs_at, ctx.now);
    if (mins <= 30) {
      ImVec2 p = ImGui::GetCursorScreenPos();
      const float h = large->FontSize + ctx.px(28);
      fill_rounded_rect(ImGui::GetWindowDrawList(), p, ImVec2(p.x + col, p.y + h), to_u32(pal().warning), ctx.px(12));
      draw_text(ImGui::GetWindowDrawList(), ImVec2(p.x + ctx.px(20), p.y + ctx.px(14)), large, pal().on_warning,
                ellipsize(large, ctx.f("transport.last_bus_warning", {{"route", last->route_name},
                                                                      {"minutes", std::to_string(mins)},
                                                                      {"time", format_hhmm(last->departs_at)}}),
                          col - ctx.px(40)));
      ImGui::Dummy(ImVec2(col, h + ctx.px(8)));
    }
  }

  ImGui::BeginGroup();
  ImGui::Dummy(ImVec2(col, 0));
  section_title(ctx, ctx.t("transport.departures"));
  if (vm.departures.empty()) muted_text(ctx, ctx.t("transport.no_data"));
  static std::string selected_route;  // which route's summary the QR carries (not personal data)
  for (std::size_t i = 0; i < vm.departures.size() && i < 12; ++i) {
    const DepartureItem& d = vm.departures[i];
    ImVec2 p;
    float w = 0;
    const float h = large->FontSize + small->FontSize + ctx.px(36);
    ImGui::PushID(static_cast<int>(i));
    if (row_button(ctx, "transport.departure." + std::to_string(i), h, p, w)) selected_route = d.route_id;
    ImGui::PopID();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    int mins = minutes_until(d.departs_at, ctx.now);
    draw_text(dl, ImVec2(p.x + ctx.px(20), p.y + ctx.px(12)), large, pal().accent, format_hhmm(d.departs_at));
    float x = p.x + ctx.px(170);
    draw_text(dl, ImVec2(x, p.y + ctx.px(12)), large, pal().text,
              ellipsize(large, d.route_name + " \u2192 " + d.headsign, w - ctx.px(520)));
    draw_text(dl, ImVec2(x, p.y + ctx.px(18) + large->FontSize), small, pal().text_muted,
              ellipsize(small, ctx.f("transport.from_stop", {{"stop", d.stop_name}}), w - ctx.px(520)));
    std::string in = ctx.f("transport.in_minutes", {{"minutes", std::to_string(mins)}});
    draw_text(dl, ImVec2(p.x + w - ctx.px(330), p.y + ctx.px(14)), body, pal().text, in);
    if (d.last_of_day)
      draw_badge(dl, ImVec2(p.x + w - ctx.px(330), p.y + ctx.px(18) + body->FontSize), small, ctx.t("transport.last_bus"),
                 {pal().warning, pal().on_warning}, ctx.px(12), ctx.px(3));
  }
  section_title(ctx, ctx.t("transport.car_parks"));
  if (vm.car_parks.empty()) muted_text(ctx, ctx.t("transport.no_parking_data"));
  for (const auto& cp : vm.car_parks) {
    ImVec2 p = card(ctx, large->FontSize + 2 * body->FontSize + ctx.px(44));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    draw_text(dl, ImVec2(p.x + ctx.px(20), p.y + ctx.px(12)), large, pal().text, ellipsize(large, cp.name.in(ctx.lang), col - ctx.px(40)));
    std::string spaces = cp.free_spaces ? ctx.f("parking.spaces", {{"count", std::to_string(*cp.free_spaces)}})
                                        : ctx.t("parking.spaces_unknown");
    if (cp.free_spaces && cp.spaces_at) spaces += " \u00b7 " + ctx.f("crowd.as_of", {{"time", format_hhmm(*cp.spaces_at)}});
    draw_text(dl, ImVec2(p.x + ctx.px(20), p.y + ctx.px(18) + large->FontSize), body, pal().text, spaces);
    FeeText fee = parking_fee_text(cp);
    std::string fee_text = ctx.f(fee.key, fee.args);
    if (!cp.summary.in(ctx.lang).empty()) fee_text += " \u00b7 " + cp.summary.in(ctx.lang);
    draw_text(dl, ImVec2(p.x + ctx.px(20), p.y + ctx.px(24) + large->FontSize + body->FontSize), body, pal().accent,
              ellipsize(body, fee_text, col - ctx.px(40)));
    ImGui::Dummy(ImVec2(col, large->FontSize + 2 * body->FontSize + ctx.px(52)));
  }
  ImGui::EndGroup();

  // The route summary to take along.
  if (vm.departures.empty()) return;
  const DepartureItem* first = &vm.departures.front();
  for (const auto& d : vm.departures)
    if (d.route_id == selected_route) {
      first = &d;
      break;
    }
  RouteSummary rs;
  rs.route_name = first->route_name;
  rs.headsign = first->headsign;
  rs.stop_name = first->stop_name;
  for (const auto& d : vm.departures)
    if (d.route_id == first->route_id && d.stop_id == first->stop_id) {
      if (rs.next_departures.size() < 5) rs.next_departures.push_back(d.departs_at);
      if (d.last_of_day) rs.last_departure = d.departs_at;
    }
  if (!portrait) ImGui::SameLine(0, ctx.px(48));
  ImGui::BeginGroup();
  ImVec2 q = ImGui::GetCursorScreenPos();
  draw_qr(ImGui::GetWindowDrawList(), q, qr_side, route_summary_payload(rs, ctx.lang));
  ImGui::Dummy(ImVec2(qr_side, qr_side));
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + qr_side);
  wrapped_text(body, pal().text_muted, ctx.f("transport.qr_hint", {{"route", rs.route_name}}));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace yeyou::kiosk
