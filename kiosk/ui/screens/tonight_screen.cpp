#include "kiosk/ui/screens/tonight_screen.hpp"

#include <cfloat>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {
namespace {

constexpr float kCardHeight = 124;
constexpr float kTimeColumn = 440;
constexpr float kPriceColumn = 200;
constexpr float kCrowdColumn = 330;

float text_width(ImFont* font, const std::string& s) {
  return font->CalcTextSizeA(font->FontSize, FLT_MAX, 0, s.data(), s.data() + s.size()).x;
}

}  // namespace

void TonightScreen::drawContent(UiContext& ctx) {
  const ViewModel& vm = ctx.vm;
  if (!vm.sync.has_data) {
    ImGui::Dummy(ImVec2(0, ctx.px(200)));
    bool failed = vm.sync.attempts > 0 && !vm.sync.server_reachable;
    centered_text(ctx.fonts.title(), palette::text, ctx.t(failed ? "sync.unreachable" : "tonight.loading"));
    if (failed) centered_text(ctx.fonts.body(), palette::text_muted, ctx.t("sync.retrying"));
    return;
  }
  if (vm.on_now.empty() && vm.later_tonight.empty()) {
    ImGui::Dummy(ImVec2(0, ctx.px(200)));
    centered_text(ctx.fonts.title(), palette::text, ctx.t("tonight.empty"));
    return;
  }
  drawSection(ctx, "tonight.on_now", vm.on_now, "tonight.none_on_now");
  ImGui::Dummy(ImVec2(0, ctx.px(12)));
  drawSection(ctx, "tonight.later", vm.later_tonight, "tonight.none_later");
}

void TonightScreen::drawSection(UiContext& ctx, const std::string& title_key, const std::vector<EventItem>& items,
                                const std::string& empty_key) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* large = ctx.fonts.large();
  ImVec2 pos = ImGui::GetCursorScreenPos();
  ImVec2 title = draw_text(dl, ImVec2(pos.x, pos.y + ctx.px(8)), large, palette::accent, ctx.t(title_key));
  if (!items.empty()) {
    std::string count = items.size() == 1 ? ctx.t("tonight.count_one")
                                          : ctx.strings.format(ctx.lang, "tonight.count",
                                                               {{"count", std::to_string(items.size())}});
    ImFont* body = ctx.fonts.body();
    draw_text(dl, ImVec2(pos.x + title.x + ctx.px(16), pos.y + ctx.px(8) + large->FontSize - body->FontSize), body,
              palette::text_muted, count);
  }
  ImGui::Dummy(ImVec2(0, title.y + ctx.px(20)));
  if (items.empty()) {
    ImGui::PushFont(ctx.fonts.body());
    ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(palette::text_muted));
    ImGui::TextUnformatted(ctx.t(empty_key).c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
    return;
  }
  for (const auto& item : items) drawEvent(ctx, item);
}

void TonightScreen::drawEvent(UiContext& ctx, const EventItem& item) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  ImFont* small = ctx.fonts.small();
  ImFont* body = ctx.fonts.body();
  ImFont* large = ctx.fonts.large();
  const Event& e = item.event;
  const VenueView* venue = ctx.vm.venue(e.venue_id);

  const ImVec2 p0 = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = ctx.px(kCardHeight);
  dl->AddRectFilled(p0, ImVec2(p0.x + width, p0.y + height), to_u32(palette::card), ctx.px(14));

  const float pad = ctx.px(28);
  const float line1 = p0.y + ctx.px(18);
  const float line2 = line1 + large->FontSize + ctx.px(10);

  // Time (struck through when cancelled) and category.
  std::string time = format_time_range(ctx.strings, ctx.lang, item);
  ImFont* time_font = text_width(large, time) <= ctx.px(kTimeColumn - 40) ? large : body;
  ImVec2 ts = draw_text(dl, ImVec2(p0.x + pad, line1 + (large->FontSize - time_font->FontSize) * 0.5f), time_font,
                        palette::text, time);
  if (e.status == EventStatus::cancelled) {
    float y = line1 + large->FontSize * 0.55f;
    dl->AddLine(ImVec2(p0.x + pad, y), ImVec2(p0.x + pad + ts.x, y), to_u32(palette::text), ctx.px(2.5f));
  }
  draw_text(dl, ImVec2(p0.x + pad, line2 + ctx.px(4)), small, palette::text_muted, ctx.t(category_key(e.category)));

  // Title with its status tag, then venue and district.
  const float main_x = p0.x + pad + ctx.px(kTimeColumn);
  const float main_w = width - pad - ctx.px(kTimeColumn) - ctx.px(kPriceColumn + kCrowdColumn) - pad - ctx.px(32);
  std::string tag;
  if (e.status != EventStatus::scheduled) tag = ctx.t(status_key(e.status));
  const float tag_pad_x = ctx.px(14), tag_pad_y = ctx.px(4);
  float tag_w = tag.empty() ? 0 : badge_size(body, tag, tag_pad_x, tag_pad_y).x + ctx.px(16);
  std::string title = ellipsize(large, e.title.in(ctx.lang), main_w - tag_w);
  ImVec2 title_size = draw_text(dl, ImVec2(main_x, line1), large, palette::text, title);
  if (!tag.empty()) {
    float tag_h = body->FontSize + 2 * tag_pad_y;
    draw_badge(dl, ImVec2(main_x + title_size.x + ctx.px(16), line1 + (large->FontSize - tag_h) * 0.5f), body, tag,
               status_colors(e.status), tag_pad_x, tag_pad_y);
  }
  std::string where = venue ? venue->venue.name.in(ctx.lang) : ctx.t("event.unknown_venue");
  if (venue)
    if (const District* d = ctx.vm.district(venue->venue.district)) where += " \u00b7 " + d->name.in(ctx.lang);
  if (e.previous_start && e.status != EventStatus::scheduled)
    where += " \u00b7 " + ctx.strings.format(ctx.lang, "status.was", {{"time", format_hhmm(*e.previous_start)}});
  draw_text(dl, ImVec2(main_x, line2), body, palette::text_muted, ellipsize(body, where, main_w));

  // Price.
  const float price_x = p0.x + width - pad - ctx.px(kPriceColumn + kCrowdColumn);
  std::string price = format_price(ctx.strings, ctx.lang, e.price_cents);
  draw_text(dl, ImVec2(price_x, line1), large, e.is_free() ? palette::accent : palette::text,
            ellipsize(large, price, ctx.px(kPriceColumn - 20)));

  // Crowd level of the venue: text and colour, with the time of the reading.
  const float crowd_x = p0.x + width - pad - ctx.px(kCrowdColumn);
  const float bpx = ctx.px(18), bpy = ctx.px(6);
  if (venue && venue->crowd) {
    std::string label = ctx.strings.format(ctx.lang, "crowd.badge", {{"level", ctx.t(crowd_key(*venue->crowd))}});
    draw_badge(dl, ImVec2(crowd_x, line1 + (large->FontSize - body->FontSize - 2 * bpy) * 0.5f), body, label,
               crowd_colors(*venue->crowd), bpx, bpy);
    draw_text(dl, ImVec2(crowd_x, line2 + ctx.px(4)), small, palette::text_muted,
              ctx.strings.format(ctx.lang, "crowd.as_of", {{"time", format_hhmm(venue->occupancy->taken_at)}}));
  } else {
    draw_text(dl, ImVec2(crowd_x, line1 + (large->FontSize - small->FontSize) * 0.5f), small, palette::text_muted,
              ellipsize(small, ctx.t("crowd.unknown"), ctx.px(kCrowdColumn)));
  }

  ImGui::Dummy(ImVec2(width, height));
  ImGui::Dummy(ImVec2(0, ctx.px(4)));
}

}  // namespace yeyou::kiosk
