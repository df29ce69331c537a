#include "kiosk/ui/screens/event_detail_screen.hpp"

#include <algorithm>

#include "core/qr_payload.hpp"
#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/logic.hpp"
#include "kiosk/ui/qr.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {

void EventDetailScreen::drawContent(UiContext& ctx) {
  const EventItem* item = find_event(ctx.vm, ctx.ui.browse.event_id);
  if (!item) {
    muted_text(ctx, ctx.t("event.gone"));
    return;
  }
  const Event& e = item->event;
  const VenueView* venue = ctx.vm.venue(e.venue_id);
  const bool portrait = ctx.env.portrait();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float qr_side = std::max(ctx.px(360), 280.0f);
  const float text_w = portrait ? avail : avail - qr_side - ctx.px(48);

  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + text_w);
  wrapped_text(ctx.fonts.title(), pal().text, e.title.in(ctx.lang));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (e.status != EventStatus::scheduled) {
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImVec2 s = draw_badge(dl, p, ctx.fonts.large(), ctx.t(status_key(e.status)), status_colors(e.status), ctx.px(18),
                          ctx.px(6));
    ImGui::Dummy(s);
    if (e.previous_start) muted_text(ctx, ctx.f("status.was", {{"time", format_hhmm(*e.previous_start)}}));
  }
  ImGui::Dummy(ImVec2(0, ctx.px(8)));
  auto row = [&](const std::string& label, const std::string& value) {
    wrapped_text(ctx.fonts.small(), pal().text_muted, label);
    wrapped_text(ctx.fonts.large(), pal().text, value);
    ImGui::Dummy(ImVec2(0, ctx.px(6)));
  };
  LocalDate night = night_of(e.start);
  row(ctx.t("event.when"), format_date(ctx.strings, ctx.lang, night) + "  " + format_time_range(ctx.strings, ctx.lang, *item));
  std::string where = venue ? venue->venue.name.in(ctx.lang) : ctx.t("event.unknown_venue");
  if (venue) {
    if (const District* d = ctx.vm.district(venue->venue.district)) where += " \u00b7 " + d->name.in(ctx.lang);
    if (!venue->venue.address.in(ctx.lang).empty()) where += "\n" + venue->venue.address.in(ctx.lang);
  }
  row(ctx.t("event.where"), where);
  row(ctx.t("event.price"), format_price(ctx.strings, ctx.lang, e.price_cents));
  wrapped_text(ctx.fonts.small(), pal().text_muted, ctx.t("event.crowd"));
  {
    ImVec2 p = ImGui::GetCursorScreenPos();
    float w = crowd_badge(ctx, dl, p, venue ? venue->crowd : std::nullopt, ctx.fonts.body());
    ImGui::Dummy(ImVec2(w, ctx.fonts.body()->FontSize + ctx.px(14)));
    if (venue && venue->crowd && venue->occupancy)
      muted_text(ctx, ctx.f("crowd.as_of", {{"time", format_hhmm(venue->occupancy->taken_at)}}));
  }
  ImGui::Dummy(ImVec2(0, ctx.px(8)));
  if (!e.description.in(ctx.lang).empty()) wrapped_text(ctx.fonts.body(), pal().text, e.description.in(ctx.lang));
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, ctx.px(12)));
  const float bh = button_height(ctx);
  if (venue && touch_button("event.open_venue", ctx.t("event.open_venue"), ImVec2(0, bh), Tone::normal, ctx.fonts.body())) {
    ctx.ui.browse.venue_id = venue->venue.id;
    ctx.ui.nav.push(ScreenId::venue_detail);
  }
  if (venue) ImGui::SameLine(0, ctx.px(16));
  if (touch_button("event.rate", ctx.t("event.rate"), ImVec2(0, bh), Tone::normal, ctx.fonts.body())) {
    ctx.ui.rating.subject = {SubjectKind::event, std::to_string(e.id)};
    ctx.ui.nav.push(ScreenId::rate);
  }
  ImGui::EndGroup();

  if (!portrait) ImGui::SameLine(0, ctx.px(48));
  ImGui::BeginGroup();
  ImVec2 q = ImGui::GetCursorScreenPos();
  draw_qr(ImGui::GetWindowDrawList(), q, qr_side, event_qr_payload(e, venue ? &venue->venue : nullptr, ctx.lang, ctx.now));
  ImGui::Dummy(ImVec2(qr_side, qr_side));
  record_widget("qr.event", q, ImVec2(q.x + qr_side, q.y + qr_side));  // for the layout tests
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + qr_side);
  wrapped_text(ctx.fonts.body(), pal().text_muted, ctx.t("event.qr_hint"));
  ImGui::PopTextWrapPos();
  ImGui::EndGroup();
}

}  // namespace yeyou::kiosk
