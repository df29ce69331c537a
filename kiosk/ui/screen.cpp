#include "kiosk/ui/screen.hpp"

#include <algorithm>
#include <array>
#include <cfloat>

#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/keyboard.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/opaque_fill.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {
namespace {

constexpr float kHeaderHeight = 128;
constexpr float kBannerHeight = 64;
constexpr float kNavHeight = 104;
constexpr int kStaffTaps = 5;          // taps on the clock ...
constexpr double kStaffTapWindow = 4;  // ... within this many seconds open the staff PIN screen

struct NavItem {
  ScreenId id;
  const char* key;
};
constexpr NavItem kNav[] = {{ScreenId::home, "nav.home"},           {ScreenId::tonight, "nav.tonight"},
                            {ScreenId::venues, "nav.venues"},       {ScreenId::transport, "nav.transport"},
                            {ScreenId::rate, "nav.rate"},           {ScreenId::complaint, "nav.complaint"},
                            {ScreenId::status, "nav.status"}};

}  // namespace

const Notice* active_notice(const ViewModel& vm, Severity severity, Timestamp now) {
  for (const auto& n : vm.notices)
    if (n.severity == severity && (n.ends_at == Timestamp{} || n.active_at(now))) return &n;
  return nullptr;
}

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
  const float total_h = vp->WorkSize.y;
  const float header_h = ctx.px(kHeaderHeight);
  const float banner_h = ctx.px(kBannerHeight);
  const float nav_h = ctx.px(kNavHeight) * (ctx.env.portrait() ? 2.0f : 1.0f);
  const bool keyboard = ctx.ui.focus != FieldId::none;
  const float kb_h = keyboard ? keyboard_height(ctx) : 0.0f;

  drawHeader(ctx, header_h);
  drawBanner(ctx, header_h, banner_h);

  ImGui::SetCursorPos(ImVec2(0, header_h + banner_h));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ctx.px(32), ctx.px(12)));
  const float content_h = std::max(ctx.px(120), total_h - header_h - banner_h - nav_h - kb_h);
  ImGui::BeginChild(("##content-" + std::string(id())).c_str(), ImVec2(0, content_h), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollWithMouse);
  drawContent(ctx);
  ImGui::Dummy(ImVec2(0, ctx.px(24)));
  if (ImGui::GetIO().MouseWheel != 0) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseWheel * ctx.px(120));
  if (drag_to_scroll()) ctx.animating = true;
  if (keyboard && ctx.ui.keyboard.just_opened && !ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
    // The field scrolled itself into view this frame (SetScrollHereY).
    ctx.ui.keyboard.just_opened = false;
  }
  ImGui::EndChild();
  ImGui::PopStyleVar();

  if (keyboard) {
    ImGui::SetCursorPos(ImVec2(0, total_h - nav_h - kb_h));
    draw_keyboard(ctx, kb_h);
  }
  drawNavBar(ctx, total_h - nav_h, nav_h);
  ImGui::End();

  // Overlays on top of everything: an emergency notice until dismissed, and the idle warning.
  const Notice* emergency = active_notice(ctx.vm, Severity::emergency, ctx.now);
  if (emergency && !ctx.ui.dismissed_emergencies.count(emergency->id)) drawEmergency(ctx, *emergency);
  else if (ctx.idle_warning_left) drawIdleWarning(ctx, *ctx.idle_warning_left);
}

void Screen::drawHeader(UiContext& ctx, float height) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetWindowPos();
  const float width = ImGui::GetWindowWidth();
  fill_opaque_rect(dl, origin, ImVec2(origin.x + width, origin.y + height), to_u32(pal().header));
  const bool narrow = width < ctx.px(1500);
  ImFont* title = ctx.fonts.title();
  ImFont* large = ctx.fonts.large();
  ImFont* body = ctx.fonts.body();
  const float bh = std::max(kMinTarget, ctx.px(84));

  // Left: back (when there is somewhere to go back to), the app name and the screen title.
  float x = ctx.px(24);
  if (ctx.ui.nav.depth() > 1) {
    ImGui::SetCursorPos(ImVec2(x, (height - bh) * 0.5f));
    ImGui::PushFont(body);
    if (touch_button("nav.back", "\u2190 " + ctx.t("nav.back"), ImVec2(0, bh), Tone::normal, body)) {
      ctx.ui.focus = FieldId::none;
      ctx.ui.nav.back();
    }
    ImGui::PopFont();
    x = ImGui::GetItemRectMax().x - origin.x + ctx.px(20);
  }
  if (!narrow) {
    ImVec2 name = draw_text(dl, ImVec2(origin.x + x, origin.y + (height - title->FontSize) * 0.5f), title,
                            pal().accent, ctx.t("app.name"));
    x += name.x + ctx.px(24);
  }
  // Centre: the clock and the date. Five taps on it within 4 s open the staff PIN screen.
  std::string clock = format_hhmm(ctx.now);
  std::string date = format_date(ctx.strings, ctx.lang, to_local(ctx.now).date);
  ImVec2 clock_size = title->CalcTextSizeA(title->FontSize, FLT_MAX, 0, clock.c_str());
  ImVec2 date_size = body->CalcTextSizeA(body->FontSize, FLT_MAX, 0, date.c_str());
  float block_h = clock_size.y + date_size.y;
  float top = origin.y + (height - block_h) * 0.5f;
  float centre = origin.x + width * (narrow ? 0.40f : 0.5f);
  const float title_room = centre - origin.x - std::max(clock_size.x, date_size.x) * 0.5f - ctx.px(20) - x;
  draw_text(dl, ImVec2(origin.x + x, origin.y + (height - large->FontSize) * 0.5f + ctx.px(4)), large,
            narrow ? pal().accent : pal().text, ellipsize(large, ctx.t(std::string(title_key())), title_room));
  draw_text(dl, ImVec2(centre - clock_size.x * 0.5f, top), title, pal().text, clock);
  draw_text(dl, ImVec2(centre - date_size.x * 0.5f, top + clock_size.y), body, pal().text_muted, date);
  {
    float w = std::max({clock_size.x, date_size.x, kMinTarget});
    ImGui::SetCursorScreenPos(ImVec2(centre - w * 0.5f, origin.y));
    ImGui::InvisibleButton("##staff-gesture", ImVec2(w, height));
    static std::array<double, kStaffTaps> taps{};
    static std::size_t next = 0;
    if (ImGui::IsItemClicked()) {
      double now = ImGui::GetTime();
      taps[next % kStaffTaps] = now;
      ++next;
      if (next >= kStaffTaps && now - taps[next % kStaffTaps] <= kStaffTapWindow) {
        next = 0;
        taps.fill(-100);
        ctx.ui.staff = {};
        ctx.ui.nav.push(ScreenId::staff);
      }
    }
  }

  // Right: one button per language, labelled in that language.
  static constexpr std::array<Lang, 3> langs{Lang::zh, Lang::en, Lang::ko};
  const ImVec2 button(std::max(ctx.px(narrow ? 150.0f : 184.0f), 2 * kMinTarget), bh);
  const float gap = ctx.px(12);
  float bx = width - ctx.px(24) - 3 * button.x - 2 * gap;
  ImGui::PushFont(body);
  for (Lang l : langs) {
    bool active = l == ctx.lang;
    ImGui::SetCursorPos(ImVec2(bx, (height - button.y) * 0.5f));
    std::string label = ctx.strings.get(l, "lang." + std::string(lang_code(l)));
    if (touch_button("lang." + std::string(lang_code(l)), label, button, active ? Tone::selected : Tone::normal, body) &&
        !active)
      ctx.switch_to = l;
    bx += button.x + gap;
  }
  ImGui::PopFont();
}

void Screen::drawBanner(UiContext& ctx, float top_y, float height) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetWindowPos();
  const float width = ImGui::GetWindowWidth();
  ImFont* body = ctx.fonts.body();
  const float top = origin.y + top_y;
  const float text_y = top + (height - body->FontSize) * 0.5f;

  // A warning notice replaces the status line: a yellow banner with a sign and the text.
  if (const Notice* warn = active_notice(ctx.vm, Severity::warning, ctx.now)) {
    fill_opaque_rect(dl, ImVec2(origin.x, top), ImVec2(origin.x + width, top + height), to_u32(pal().warning));
    const float s = body->FontSize;
    const float x0 = origin.x + ctx.px(32);
    dl->AddTriangleFilled(ImVec2(x0 + s * 0.5f, text_y), ImVec2(x0, text_y + s), ImVec2(x0 + s, text_y + s),
                          to_u32(pal().on_warning));
    draw_text(dl, ImVec2(x0 + s * 0.5f - ctx.px(3), text_y + s * 0.2f), ctx.fonts.small(), pal().warning, "!");
    std::string text = ctx.t("notice.warning") + " " + warn->text.in(ctx.lang);
    draw_text(dl, ImVec2(x0 + s + ctx.px(16), text_y), body, pal().on_warning,
              ellipsize(body, text, width - s - ctx.px(96)));
    return;
  }

  const SyncStatus& sync = ctx.vm.sync;
  const float pad_x = ctx.px(18), pad_y = ctx.px(6);
  const float badge_y = top + (height - (body->FontSize + 2 * pad_y)) * 0.5f;
  float x = origin.x + ctx.px(32);
  auto muted = [&](const std::string& text) { draw_text(dl, ImVec2(x, text_y), body, pal().text_muted, text); };
  if (sync.attempts == 0) {
    muted(ctx.t("sync.connecting"));
  } else if (!sync.server_reachable || !sync.last_error.empty()) {
    const std::string& key = sync.server_reachable ? "sync.update_failed" : "sync.unreachable";
    ImVec2 b = draw_badge(dl, ImVec2(x, badge_y), body, ctx.t(key), {pal().danger, pal().on_danger}, pad_x, pad_y);
    x += b.x + ctx.px(20);
    if (sync.fetched_at) muted(ctx.f("sync.showing_from", {{"time", format_hhmm(*sync.fetched_at)}}));
  } else if (sync.fetched_at) {
    muted(ctx.f("sync.updated", {{"time", format_hhmm(*sync.fetched_at)}}));
  }
}

void Screen::drawNavBar(UiContext& ctx, float top, float height) {
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetWindowPos();
  const float width = ImGui::GetWindowWidth();
  fill_opaque_rect(dl, ImVec2(origin.x, origin.y + top), ImVec2(origin.x + width, origin.y + top + height),
                   to_u32(pal().header));
  ImFont* body = ctx.fonts.body();
  const bool portrait = ctx.env.portrait();
  const int per_row = portrait ? 5 : 9;
  const float gap = ctx.px(10);
  const float row_h = portrait ? height * 0.5f : height;
  const float bw = (width - ctx.px(48) - static_cast<float>(per_row - 1) * gap) / static_cast<float>(per_row);
  const float bh = std::max(kMinTarget, row_h - ctx.px(20));
  int i = 0;
  auto place = [&] {
    int r = i / per_row, c = i % per_row;
    ImGui::SetCursorPos(ImVec2(ctx.px(24) + static_cast<float>(c) * (bw + gap),
                               top + static_cast<float>(r) * row_h + (row_h - bh) * 0.5f));
    ++i;
  };
  ImGui::PushFont(body);
  for (const NavItem& item : kNav) {
    place();
    bool here = ctx.ui.nav.current() == item.id;
    if (touch_button(std::string(item.key), ctx.t(item.key), ImVec2(bw, bh), here ? Tone::selected : Tone::normal,
                     body) && !here) {
      ctx.ui.focus = FieldId::none;
      if (item.id == ScreenId::home) ctx.ui.nav.home();
      else ctx.ui.nav.push(item.id);
    }
  }
  place();
  if (touch_button("a11y.large_text", ctx.t("a11y.large_text"), ImVec2(bw, bh),
                   ctx.ui.large_text ? Tone::selected : Tone::normal, body))
    ctx.ui.large_text = !ctx.ui.large_text;
  place();
  if (touch_button("a11y.high_contrast", ctx.t("a11y.high_contrast"), ImVec2(bw, bh),
                   ctx.ui.high_contrast ? Tone::selected : Tone::normal, body))
    ctx.ui.high_contrast = !ctx.ui.high_contrast;
  ImGui::PopFont();
}

void Screen::drawEmergency(UiContext& ctx, const Notice& n) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, to_vec4(pal().danger));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ctx.px(80), ctx.px(80)));
  ImGui::Begin("##emergency", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
  ImGui::SetWindowFocus();
  wrapped_text(ctx.fonts.title(), pal().on_danger, ctx.t("notice.emergency"));
  ImGui::Dummy(ImVec2(0, ctx.px(24)));
  wrapped_text(ctx.fonts.title(), pal().on_danger, n.text.in(ctx.lang));
  ImGui::Dummy(ImVec2(0, ctx.px(24)));
  // The other languages, smaller: a visitor may not read the kiosk's current one.
  for (Lang l : {Lang::zh, Lang::en, Lang::ko})
    if (l != ctx.lang) wrapped_text(ctx.fonts.body(), pal().on_danger, n.text.in(l));
  ImGui::Dummy(ImVec2(0, ctx.px(40)));
  if (touch_button("notice.dismiss", ctx.t("notice.dismiss"), ImVec2(ctx.px(520), ctx.px(110)), Tone::normal,
                   ctx.fonts.large()))
    ctx.ui.dismissed_emergencies.insert(n.id);
  ImGui::End();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

void Screen::drawIdleWarning(UiContext& ctx, int seconds_left) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->WorkPos);
  ImGui::SetNextWindowSize(vp->WorkSize);
  ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0, 0, 0, 0.75f));
  ImGui::Begin("##idle", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                      ImGuiWindowFlags_NoSavedSettings);
  ImGui::SetWindowFocus();
  const float w = std::min(vp->WorkSize.x - ctx.px(80), ctx.px(1100));
  const float h = ctx.px(460);
  const ImVec2 p0(vp->WorkPos.x + (vp->WorkSize.x - w) * 0.5f, vp->WorkPos.y + (vp->WorkSize.y - h) * 0.5f);
  fill_rounded_rect(ImGui::GetWindowDrawList(), p0, ImVec2(p0.x + w, p0.y + h), to_u32(pal().card), ctx.px(20));
  ImGui::SetCursorScreenPos(ImVec2(p0.x + ctx.px(48), p0.y + ctx.px(48)));
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - ctx.px(96));
  const std::string title = ctx.t("idle.title");
  const std::string body = ctx.f("idle.body", {{"seconds", std::to_string(seconds_left)}});
  note_shown_text(ctx.fonts.title(), title);
  note_shown_text(ctx.fonts.large(), body);
  ImGui::PushFont(ctx.fonts.title());
  ImGui::TextUnformatted(title.c_str());
  ImGui::PopFont();
  ImGui::PushFont(ctx.fonts.large());
  ImGui::TextUnformatted(body.c_str());
  ImGui::PopFont();
  ImGui::PopTextWrapPos();
  ImGui::Dummy(ImVec2(0, ctx.px(30)));
  // Any touch continues; the button says so.
  touch_button("idle.continue", ctx.t("idle.continue"), ImVec2(ctx.px(480), ctx.px(110)), Tone::primary,
               ctx.fonts.large());
  ImGui::EndGroup();
  ImGui::End();
  ImGui::PopStyleColor();
}

}  // namespace yeyou::kiosk
