#include "kiosk/ui/keyboard.hpp"

#include <algorithm>
#include <string_view>

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/hangul.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {
namespace {

constexpr int kPhrases = 8;

constexpr std::u32string_view kKoRows[] = {U"ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ", U"ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", U"ㅋㅌㅊㅍㅠㅜㅡ"};
constexpr std::u32string_view kKoShiftRows[] = {U"ㅃㅉㄸㄲㅆㅛㅕㅑㅒㅖ", U"ㅁㄴㅇㄹㅎㅗㅓㅏㅣ", U"ㅋㅌㅊㅍㅠㅜㅡ"};
constexpr std::string_view kLatinRows[] = {"qwertyuiop", "asdfghjkl-", "zxcvbnm"};

}  // namespace

bool digits_only(FieldId f) {
  return f == FieldId::rate_phone || f == FieldId::complaint_phone || f == FieldId::staff_pin;
}

float keyboard_height(const UiContext& ctx) {
  return 5 * std::max(kMinTarget, ctx.px(76)) + 6 * ctx.px(10);
}

void draw_keyboard(UiContext& ctx, float height) {
  TextField* field = ctx.ui.field(ctx.ui.focus);
  if (!field) return;
  KeyboardState& kb = ctx.ui.keyboard;
  const bool digits = digits_only(ctx.ui.focus);
  if (digits) kb.layout = KbLayout::digits;

  ImGui::PushStyleColor(ImGuiCol_ChildBg, to_vec4(pal().header));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(ctx.px(24), ctx.px(10)));
  ImGui::BeginChild("##keyboard", ImVec2(0, height), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar |
                        ImGuiWindowFlags_NoScrollWithMouse);
  ImGui::PushFont(ctx.fonts.large());
  const float gap = ctx.px(10);
  const float row_h = std::max(kMinTarget, ctx.px(76));
  const float avail = ImGui::GetContentRegionAvail().x;
  const float key_w = std::max(kMinTarget, std::min(ctx.px(150), (avail - 10 * gap) / 11.0f));

  auto key = [&](const std::string& id, const std::string& label, float w, Tone tone = Tone::normal) {
    return touch_button("kb." + id, label, ImVec2(w, row_h), tone, ctx.fonts.large());
  };
  auto row_start = [&](int n, float w) {
    float total = static_cast<float>(n) * w + static_cast<float>(n - 1) * gap;
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() + std::max(0.0f, (avail - total) * 0.5f));
  };

  if (kb.layout == KbLayout::digits) {
    const float w = std::max(kMinTarget, std::min(ctx.px(220), (avail - 3 * gap) / 4.0f));
    static constexpr const char* rows[4][3] = {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}, {"-", "0", ""}};
    for (int r = 0; r < 4; ++r) {
      row_start(3, w);
      for (int c = 0; c < 3; ++c) {
        std::string k = rows[r][c];
        if (c) ImGui::SameLine(0, gap);
        if (k.empty()) {
          if (key("backspace", ctx.t("kb.backspace"), w)) field->backspace();
        } else if (k == "-" && digits) {
          ImGui::Dummy(ImVec2(w, row_h));
        } else if (key(k, k, w)) {
          field->type(k);
        }
      }
    }
  } else if (kb.layout == KbLayout::phrases) {
    ImFont* body = ctx.fonts.body();
    ImGui::PushFont(body);
    Flow flow(gap);
    for (int i = 1; i <= kPhrases; ++i) {
      const std::string& p = ctx.t("phrase." + std::to_string(i));
      float w = touch_button_width(p, body, ctx.px(24));
      flow.next(w);
      if (touch_button("kb.phrase." + std::to_string(i), p, ImVec2(w, row_h), Tone::quiet, body)) {
        if (!field->empty()) field->type(ctx.lang == Lang::zh ? "，" : ", ");
        field->type(p);
      }
    }
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(0, 0));
    wrapped_text(ctx.fonts.small(), pal().text_muted, ctx.t("kb.ime_hint"));
  } else {
    // Digits row, then letters.
    static constexpr std::string_view kDigits = "1234567890";
    row_start(10, key_w);
    for (std::size_t i = 0; i < kDigits.size(); ++i) {
      if (i) ImGui::SameLine(0, gap);
      std::string k(1, kDigits[i]);
      if (key(k, k, key_w)) field->type(k);
    }
    for (int r = 0; r < 3; ++r) {
      const int n = kb.layout == KbLayout::korean ? static_cast<int>(kKoRows[r].size())
                                                  : static_cast<int>(kLatinRows[r].size());
      row_start(n + (r == 2 ? 2 : 0), key_w);
      if (r == 2) {
        if (key("shift", ctx.t("kb.shift"), key_w, kb.shift ? Tone::selected : Tone::normal)) kb.shift = !kb.shift;
        ImGui::SameLine(0, gap);
      }
      for (int i = 0; i < n; ++i) {
        if (i) ImGui::SameLine(0, gap);
        if (kb.layout == KbLayout::korean) {
          char32_t c = (kb.shift ? kKoShiftRows[r] : kKoRows[r])[static_cast<std::size_t>(i)];
          if (key(to_utf8(c), to_utf8(c), key_w)) {
            field->type_jamo(c);
            kb.shift = false;
          }
        } else {
          char c = kLatinRows[r][static_cast<std::size_t>(i)];
          if (kb.shift && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
          std::string k(1, c);
          if (key(k, k, key_w)) {
            field->type(k);
            kb.shift = false;
          }
        }
      }
      if (r == 2) {
        ImGui::SameLine(0, gap);
        if (key("backspace", ctx.t("kb.backspace"), key_w * 1.6f)) field->backspace();
      }
    }
  }
  // Bottom row: layouts, space, backspace (phrases / digits), done.
  {
    ImFont* body = ctx.fonts.body();
    ImGui::SetCursorPosY(ImGui::GetWindowHeight() - row_h - ctx.px(10));
    ImGui::SetCursorPosX(ctx.px(24));
    bool first = true;
    auto next = [&] {
      if (!first) ImGui::SameLine(0, gap);
      first = false;
    };
    const float mode_w = std::max(kMinTarget, ctx.px(150));
    if (!digits) {
      struct M { KbLayout l; const char* id; const char* key; };
      static constexpr M modes[] = {{KbLayout::phrases, "mode.phrases", "kb.phrases"},
                                    {KbLayout::latin, "mode.latin", "kb.latin"},
                                    {KbLayout::korean, "mode.korean", "kb.korean"},
                                    {KbLayout::digits, "mode.digits", "kb.digits"}};
      for (const M& m : modes) {
        if (ctx.ui.focus == FieldId::status_tracking && (m.l == KbLayout::phrases || m.l == KbLayout::korean)) continue;
        next();
        if (touch_button(std::string("kb.") + m.id, ctx.t(m.key), ImVec2(mode_w, row_h),
                         kb.layout == m.l ? Tone::selected : Tone::normal, body)) {
          field->commit();
          kb.layout = m.l;
          kb.shift = false;
        }
      }
      next();
      if (touch_button("kb.space", ctx.t("kb.space"), ImVec2(std::max(kMinTarget, ctx.px(300)), row_h), Tone::normal,
                       body))
        field->type(" ");
    }
    if (kb.layout == KbLayout::phrases) {
      next();
      if (touch_button("kb.backspace", ctx.t("kb.backspace"), ImVec2(mode_w, row_h), Tone::normal, body))
        field->backspace();
    }
    next();
    if (touch_button("kb.done", ctx.t("kb.done"), ImVec2(std::max(kMinTarget, ctx.px(200)), row_h), Tone::primary,
                     body)) {
      field->commit();
      ctx.ui.focus = FieldId::none;
    }
  }
  ImGui::PopFont();
  ImGui::EndChild();
  ImGui::PopStyleVar();
  ImGui::PopStyleColor();
}

}  // namespace yeyou::kiosk
