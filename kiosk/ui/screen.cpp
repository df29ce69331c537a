#include "kiosk/ui/screen.hpp"

#include <algorithm>
#include <array>
#include <cfloat>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {
namespace {

constexpr float kHeaderHeight = 128;
constexpr float kStatusHeight = 64;
constexpr float kLangButtonWidth = 184;
constexpr float kLangButtonHeight = 76;
constexpr float kMinTouchTarget = 64;  // px, whatever the scale

}  // namespace

void Screen::draw(UiContext& ctx) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  constexpr ImGuiWindowFlags frame_flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                           ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoScrollbar |
                                           ImGuiWindowFlags_NoScrollWithMouse |
                                           ImGuiWindowFlags_NoBringToFrontOnFocus;
  ImGui::Begin("##screen", nullptr, frame_flags);
  ImGui::PopStyleVar();
  drawHeader(ctx);
  drawStatus(ctx);

  ImGui::SetCursorPos(ImVec2(0, ctx.px(kHeaderHeight + kStatusHeight)));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ctx.px(32), ctx.px(8)));
  ImGui::BeginChild("##content", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  drawContent(ctx);
  ImGui::Dummy(ImVec2(0, ctx.px(24)));
  drag_to_scroll();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::End();
}

void Screen::drawHeader(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetWindowPos();
  const float width = ImGui::GetWindowWidth();
  const float height = ctx.px(kHeaderHeight);
  dl->AddRectFilled(origin, ImVec2(origin.x + width, origin.y + height), to_u32(palette::header));

  // Left: the app name and the screen title.
  ImFont* title = ctx.fonts.title();
  ImFont* large = ctx.fonts.large();
  float x = origin.x + ctx.px(32);
  ImVec2 name = draw_text(dl, ImVec2(x, origin.y + (height - title->FontSize) * 0.5f), title, palette::accent,
                          ctx.t("app.name"));
  x += name.x + ctx.px(24);
  draw_text(dl, ImVec2(x, origin.y + (height - large->FontSize) * 0.5f + ctx.px(4)), large, palette::text,
            ctx.t(std::string(title_key())));

  // Centre: the clock and the date.
  std::string clock = format_hhmm(ctx.now);
  std::string date = format_date(ctx.strings, ctx.lang, to_local(ctx.now).date);
  ImVec2 clock_size = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, clock.c_str());
  ImFont* body = ctx.fonts.body();
  ImVec2 date_size = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, date.c_str());
  float block_h = clock_size.y + date_size.y;
  float top = origin.y + (height - block_h) * 0.5f;
  float centre = origin.x + width * 0.5f;
  draw_text(dl, ImVec2(centre - clock_size.x * 0.5f, top), title, palette::text, clock);
  draw_text(dl, ImVec2(centre - date_size.x * 0.5f, top + clock_size.y), body, palette::text_muted, date);

  // Right: one button per language, labelled in that language.
  static constexpr std::array<Lang, 3> langs{Lang::zh, Lang::en, Lang::ko};
  const ImVec2 button(std::max(ctx.px(kLangButtonWidth), kMinTouchTarget * 2),
                      std::max(ctx.px(kLangButtonHeight), kMinTouchTarget));
  const float gap = ctx.px(12);
  float bx = width - ctx.px(32) - 3 * button.x - 2 * gap;
  ImGui::PushFont(body);
  for (Lang l : langs) {
    bool active = l == ctx.lang;
    ImGui::SetCursorPos(ImVec2(bx, (height - button.y) * 0.5f));
    if (active) {
      ImGui::PushStyleColor(ImGuiCol_Button, to_vec4(palette::accent));
      ImGui::PushStyleColor(ImGuiCol_ButtonHovered, to_vec4(palette::accent));
      ImGui::PushStyleColor(ImGuiCol_ButtonActive, to_vec4(palette::accent));
      ImGui::PushStyleColor(ImGuiCol_Text, to_vec4(palette::on_accent));
    }
    std::string label = ctx.strings.get(l, "lang." + std::string(lang_code(l))) + "##lang-" +
                        std::string(lang_code(l));
    if (ImGui::Button(label.c_str(), button) && !active) ctx.switch_to = l;
    if (active) ImGui::PopStyleColor(4);
    bx += button.x + gap;
  }
  ImGui::PopFont();
}

void Screen::drawStatus(UiContext& ctx) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetWindowPos();
  const SyncStatus& sync = ctx.vm.sync;
  ImFont* body = ctx.fonts.body();
  const float top = origin.y + ctx.px(kHeaderHeight);
  const float pad_x = ctx.px(18), pad_y = ctx.px(6);
  const float badge_y = top + (ctx.px(kStatusHeight) - (body->FontSize + 2 * pad_y)) * 0.5f;
  float x = origin.x + ctx.px(32);

  auto muted = [&](const std::string& text) {
    draw_text(dl, ImVec2(x, top + (ctx.px(kStatusHeight) - body->FontSize) * 0.5f), body, palette::text_muted,
              text);
  };
  std::string updated;
  if (sync.fetched_at) updated = ctx.strings.format(ctx.lang, "sync.updated", {{"time", format_hhmm(*sync.fetched_at)}});

  if (sync.attempts == 0) {
    muted(ctx.t("sync.connecting"));
  } else if (!sync.server_reachable || !sync.last_error.empty()) {
    const std::string& key = sync.server_reachable ? "sync.update_failed" : "sync.unreachable";
    ImVec2 b = draw_badge(dl, ImVec2(x, badge_y), body, ctx.t(key), {palette::danger, palette::on_danger}, pad_x,
                          pad_y);
    x += b.x + ctx.px(20);
    if (sync.fetched_at)
      muted(ctx.strings.format(ctx.lang, "sync.showing_from", {{"time", format_hhmm(*sync.fetched_at)}}));
  } else {
    muted(updated);
  }
}

}  // namespace yeyou::kiosk
