#include "kiosk/ui/screens/tonight_screen.hpp"

#include <algorithm>
#include <cfloat>

#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/logic.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {
namespace {

float text_width(ImFont* font, const std::string& s) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
}

}  // namespace

void event_card(UiContext& ctx, const EventItem& item, const std::string& id, bool show_date) {
  ImFont* small = ctx.fonts.small();
  ImFont* body = ctx.fonts.body();
  ImFont* large = ctx.fonts.large();
  const Event& e = item.event;
  const VenueView* venue = ctx.vm.venue(e.venue_id);
  const float height = large->FontSize + body->FontSize + ctx.px(48);
  ImVec2 p0;
  float width = 0;
  if (row_button(ctx, id, height, p0, width)) {
    ctx.ui.browse.event_id = e.id;
    ctx.ui.nav.push(ScreenId::event_detail);
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const bool narrow = width < ctx.px(1300);
  const float pad = ctx.px(24);
  const float line1 = p0.y + ctx.px(16);
  const float line2 = line1 + large->FontSize + ctx.px(8);
  const float time_col = narrow ? ctx.px(300) : ctx.px(400);
  const float crowd_col = ctx.px(330);
  const float price_col = narrow ? 0.0f : ctx.px(180);

  std::string time = format_time_range(ctx.strings, ctx.lang, item);
  if (show_date) {
    LocalDate d = to_local(e.start).date;
    time = std::to_string(d.month) + "/" + std::to_string(d.day) + " " + format_hhmm(e.start);
  }
  ImFont* time_font = text_width(large, time) <= time_col - ctx.px(20) ? large : body;
  ImVec2 ts = draw_text(dl, ImVec2(p0.x + pad, line1), time_font, pal().text, time);
  if (e.status == EventStatus::cancelled) {
    float y = line1 + time_font->FontSize * 0.55f;
    dl->AddLine(ImVec2(p0.x + pad, y), ImVec2(p0.x + pad + ts.x, y), to_u32(pal().text), ctx.px(2.5f));
  }
  draw_text(dl, ImVec2(p0.x + pad, line2 + ctx.px(4)), small, pal().text_muted,
            ellipsize(small, ctx.t(category_key(e.category)), time_col - ctx.px(20)));

  const float main_x = p0.x + pad + time_col;
  const float main_w = width - 2 * pad - time_col - price_col - crowd_col - ctx.px(16);
  std::string tag;
  if (e.status != EventStatus::scheduled) tag = ctx.t(status_key(e.status));
  const float tpx = ctx.px(14), tpy = ctx.px(4);
  float tag_w = tag.empty() ? 0 : badge_size(body, tag, tpx, tpy).x + ctx.px(12);
  ImVec2 title_size = draw_text(dl, ImVec2(main_x, line1), large, pal().text,
                                ellipsize(large, e.title.in(ctx.lang), std::max(ctx.px(80), main_w - tag_w)));
  if (!tag.empty())
    draw_badge(dl, ImVec2(main_x + title_size.x + ctx.px(12), line1 + (large->FontSize - body->FontSize - 2 * tpy) * 0.5f),
               body, tag, status_colors(e.status), tpx, tpy);
  std::string where = venue ? venue->venue.name.in(ctx.lang) : ctx.t("event.unknown_venue");
  if (venue)
    if (const District* d = ctx.vm.district(venue->venue.district)) where += " \u00b7 " + d->name.in(ctx.lang);
  if (e.previous_start && e.status != EventStatus::scheduled)
    where += " \u00b7 " + ctx.f("status.was", {{"time", format_hhmm(*e.previous_start)}});
  if (narrow) where = format_price(ctx.strings, ctx.lang, e.price_cents) + " \u00b7 " + where;
  draw_text(dl, ImVec2(main_x, line2), body, pal().text_muted, ellipsize(body, where, main_w));

  if (!narrow) {
    const float price_x = p0.x + width - pad - price_col - crowd_col;
    std::string price = format_price(ctx.strings, ctx.lang, e.price_cents);
    draw_text(dl, ImVec2(price_x, line1), large, e.is_free() ? pal().accent : pal().text,
              ellipsize(large, price, price_col - ctx.px(20)));
  }
  const float crowd_x = p0.x + width - pad - crowd_col;
  std::optional<CrowdLevel> level = venue ? venue->crowd : std::nullopt;
  crowd_badge(ctx, dl, ImVec2(crowd_x, line1), level, body);
  if (venue && venue->crowd && venue->occupancy)
    draw_text(dl, ImVec2(crowd_x, line2 + ctx.px(6)), small, pal().text_muted,
              ctx.f("crowd.as_of", {{"time", format_hhmm(venue->occupancy->taken_at)}}));
}

void TonightScreen::drawContent(UiContext& ctx) {
  const ViewModel& vm = ctx.vm;
  BrowseState& b = ctx.ui.browse;
  if (!vm.sync.has_data) {
    ImGui::Dummy(ImVec2(0, ctx.px(160)));
    bool failed = vm.sync.attempts > 0 && !vm.sync.server_reachable;
    centered_text(ctx.fonts.title(), pal().text, ctx.t(failed ? "sync.unreachable" : "tonight.loading"));
    if (failed) centered_text(ctx.fonts.body(), pal().text_muted, ctx.t("sync.retrying"));
    return;
  }
  ImFont* body = ctx.fonts.body();
  const float h = button_height(ctx);
  const float gap = ctx.px(12);
  // Tabs: now / later tonight / next nights.
  {
    static constexpr const char* tabs[] = {"tonight.on_now", "tonight.later", "tonight.next_nights"};
    for (int i = 0; i < 3; ++i) {
      if (i) ImGui::SameLine(0, gap);
      if (touch_button(std::string("tonight.tab.") + std::to_string(i), ctx.t(tabs[i]), ImVec2(ctx.px(300), h),
                       b.events_tab == i ? Tone::selected : Tone::normal, ctx.fonts.large()))
        b.events_tab = i;
    }
  }
  ImGui::Dummy(ImVec2(0, ctx.px(4)));
  // Filters: category, then district.
  std::vector<EventItem> all;
  if (b.events_tab == 0) all = vm.on_now;
  else if (b.events_tab == 1) all = vm.later_tonight;
  else
    for (const auto& n : vm.coming_nights) all.insert(all.end(), n.events.begin(), n.events.end());
  {
    Flow flow(gap);
    std::vector<EventCategory> cats;
    for (const auto& e : all)
      if (std::find(cats.begin(), cats.end(), e.event.category) == cats.end()) cats.push_back(e.event.category);
    if (b.category && std::find(cats.begin(), cats.end(), *b.category) == cats.end()) cats.push_back(*b.category);
    const std::string& all_label = ctx.t("filter.all_categories");
    flow.next(touch_button_width(all_label, body, ctx.px(20)));
    if (touch_button("filter.category.all", all_label, ImVec2(0, h), !b.category ? Tone::selected : Tone::quiet, body))
      b.category.reset();
    for (EventCategory c : cats) {
      const std::string& label = ctx.t(category_key(c));
      flow.next(touch_button_width(label, body, ctx.px(20)));
      bool sel = b.category == c;
      if (touch_button("filter.category." + std::string(name_of(c)), label, ImVec2(0, h),
                       sel ? Tone::selected : Tone::quiet, body))
        b.category = sel ? std::nullopt : std::optional<EventCategory>(c);
    }
  }
  if (!vm.districts.empty()) {
    Flow flow(gap);
    const std::string& all_label = ctx.t("filter.all_districts");
    flow.next(touch_button_width(all_label, body, ctx.px(20)));
    if (touch_button("filter.district.all", all_label, ImVec2(0, h), b.district.empty() ? Tone::selected : Tone::quiet,
                     body))
      b.district.clear();
    for (const auto& d : vm.districts) {
      const std::string& label = d.name.in(ctx.lang);
      flow.next(touch_button_width(label, body, ctx.px(20)));
      bool sel = b.district == d.id;
      if (touch_button("filter.district." + d.id, label, ImVec2(0, h), sel ? Tone::selected : Tone::quiet, body))
        b.district = sel ? std::string() : d.id;
    }
  }
  ImGui::Dummy(ImVec2(0, ctx.px(8)));
  auto shown = filter_events(vm, all, b.category, b.district);
  if (shown.empty()) {
    static constexpr const char* empty[] = {"tonight.none_on_now", "tonight.none_later", "tonight.none_next"};
    muted_text(ctx, ctx.t(all.empty() ? empty[b.events_tab] : "filter.no_match"));
    return;
  }
  std::optional<LocalDate> day;
  for (const EventItem* e : shown) {
    if (b.events_tab == 2) {
      LocalDate d = night_of(e->event.start);
      if (!day || *day != d) {
        day = d;
        section_title(ctx, format_date(ctx.strings, ctx.lang, d));
      }
    }
    event_card(ctx, *e, "event." + std::to_string(e->event.id), false);
  }
}

}  // namespace yeyou::kiosk
