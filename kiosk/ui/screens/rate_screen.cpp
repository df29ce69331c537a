#include "kiosk/ui/screens/rate_screen.hpp"

#include <algorithm>
#include <cmath>

#include "core/uuid.hpp"
#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/qr.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {
namespace {

// A face: smiling for level 1, straight for 3, frowning for 5.
void draw_face(ImDrawList* dl, ImVec2 c, float r, int level, Rgb color) {
  const ImU32 col = to_u32(color);
  dl->AddCircle(c, r, col, 0, r * 0.09f);
  dl->AddCircleFilled(ImVec2(c.x - r * 0.35f, c.y - r * 0.25f), r * 0.1f, col);
  dl->AddCircleFilled(ImVec2(c.x + r * 0.35f, c.y - r * 0.25f), r * 0.1f, col);
  const float curve = static_cast<float>(3 - level) * 0.22f * r;  // + smile, - frown
  const float y = c.y + r * 0.38f - curve * 0.3f;
  dl->AddBezierQuadratic(ImVec2(c.x - r * 0.45f, y), ImVec2(c.x, y + curve), ImVec2(c.x + r * 0.45f, y), col, r * 0.09f);
}

}  // namespace

void RateScreen::drawContent(UiContext& ctx) {
  RatingForm& form = ctx.ui.rating;
  ImFont* body = ctx.fonts.body();
  const float h = button_height(ctx);
  const float gap = ctx.px(14);
  muted_text(ctx, ctx.t("rate.voluntary"));

  section_title(ctx, ctx.t("rate.what"));
  subject_picker(ctx, form.subject, "rate.subject");

  section_title(ctx, ctx.t("rate.how"));
  {
    const float avail = ImGui::GetContentRegionAvail().x;
    const float bw = (avail - 4 * gap) / 5.0f;
    const float bh = ctx.px(290);
    for (int level = 1; level <= 5; ++level) {
      if (level > 1) ImGui::SameLine(0, gap);
      ImVec2 p = ImGui::GetCursorScreenPos();
      bool sel = form.level == level;
      Tone tone = sel ? Tone::selected : Tone::normal;
      if (touch_button("rate.level." + std::to_string(level), "", ImVec2(bw, bh), tone)) {
        form.level = level;
        if (!is_bad_review(level)) {
          form.reasons.clear();
          form.answers.clear();
        }
      }
      ImDrawList* dl = ImGui::GetWindowDrawList();
      Rgb fg = sel ? pal().on_accent : pal().text;
      const float r = ctx.px(46);
      draw_face(dl, ImVec2(p.x + bw * 0.5f, p.y + ctx.px(20) + r), r, level, fg);
      float y = p.y + ctx.px(36) + 2 * r;
      auto line = [&](ImFont* font, const std::string& text) {
        std::string s = ellipsize(font, text, bw - ctx.px(12));
        float w = font->CalcTextSizeA(font->FontSize, 1e9f, 0, s.c_str()).x;
        draw_text(dl, ImVec2(p.x + (bw - w) * 0.5f, y), font, fg, s);
        y += font->FontSize + ctx.px(4);
      };
      const std::string n = std::to_string(level);
      line(ctx.fonts.large(), ctx.t("rate.level." + n));
      line(body, ctx.t("rate.level_alt." + n));
      // The official Chinese labels stay visible in every language.
      if (ctx.lang != Lang::zh) {
        line(ctx.fonts.small(), ctx.strings.get(Lang::zh, "rate.level." + n) + " / " +
                                    ctx.strings.get(Lang::zh, "rate.level_alt." + n));
      }
    }
  }

  if (is_bad_review(form.level)) {
    section_title(ctx, ctx.t("rate.reasons"));
    Flow flow(gap);
    for (auto name : EnumNames<BadReason>::names) {
      BadReason r = *enum_from<BadReason>(name);
      const std::string& label = ctx.t("reason." + std::string(name));
      flow.next(touch_button_width(label, body, ctx.px(28)));
      bool sel = form.reasons.count(r) > 0;
      if (touch_button("rate.reason." + std::string(name), label, ImVec2(0, h), sel ? Tone::selected : Tone::quiet, body)) {
        if (sel) form.reasons.erase(r);
        else form.reasons.insert(r);
      }
    }
    section_title(ctx, ctx.t("rate.details"));
    for (auto name : EnumNames<DetailQuestion>::names) {
      DetailQuestion q = *enum_from<DetailQuestion>(name);
      wrapped_text(body, pal().text, ctx.t("question." + std::string(name)));
      auto it = form.answers.find(q);
      for (int yes = 1; yes >= 0; --yes) {
        if (yes == 0) ImGui::SameLine(0, gap);
        bool sel = it != form.answers.end() && it->second == (yes == 1);
        if (touch_button("rate.answer." + std::string(name) + (yes ? ".yes" : ".no"), ctx.t(yes ? "answer.yes" : "answer.no"),
                         ImVec2(ctx.px(200), h), sel ? Tone::selected : Tone::quiet, body)) {
          if (sel) form.answers.erase(q);
          else form.answers[q] = yes == 1;
        }
      }
    }
  }

  if (form.level != 0) {
    section_title(ctx, ctx.t("rate.comment"));
    text_field(ctx, FieldId::rate_comment, "rate.comment", ctx.t("field.optional"), 3);
    section_title(ctx, ctx.t(is_bad_review(form.level) ? "rate.contact_bad" : "rate.contact"));
    text_field(ctx, FieldId::rate_name, "rate.name", ctx.t("field.name"), 1);
    text_field(ctx, FieldId::rate_phone, "rate.phone", ctx.t("field.phone"), 1, /*digits=*/true);
    toggle_button(ctx, "rate.consent", ctx.t("rate.consent"), form.consent, ImGui::GetContentRegionAvail().x);
  }

  ImGui::Dummy(ImVec2(0, ctx.px(12)));
  const bool ready = form.subject.complete() && form.level != 0;
  const bool named = form.consent && (!form.name.empty() || !form.phone.empty());
  if (!ctx.vm.outbox.accepting) muted_text(ctx, ctx.t("rate.outbox_unavailable"));
  if (touch_button("rate.submit", ctx.t("rate.submit"), ImVec2(ctx.px(480), ctx.px(100)), ready ? Tone::primary : Tone::quiet,
                   ctx.fonts.large()) && ready) {
    Rating r;
    r.id = new_uuid();
    r.subject = to_subject(ctx, form.subject);
    r.level = form.level;
    r.reasons.assign(form.reasons.begin(), form.reasons.end());
    r.answers = form.answers;
    form.comment.commit();
    r.comment = form.comment.committed;
    if (named) {
      form.name.commit();
      r.contact = Contact{form.name.committed, form.phone.committed};
    }
    r.channel = Channel::kiosk;
    r.created_at = ctx.now;
    form.submitted_named_bad = named && r.is_bad();
    form.request_id = ctx.backend.submit_rating(std::move(r));
    ctx.ui.focus = FieldId::none;
    ctx.ui.nav.replace(ScreenId::rate_thanks);
    return;
  }
  if (!ready) {
    ImGui::SameLine(0, gap);
    muted_text(ctx, ctx.t(form.subject.complete() ? "rate.choose_level" : "rate.choose_subject"));
  }

  // 补充评价: rate later on the phone through a one-time link.
  section_title(ctx, ctx.t("rate.later"));
  if (touch_button("rate.later", ctx.t("rate.later_button"), ImVec2(0, h), Tone::normal, body)) {
    ctx.backend.request_rating_link(to_subject(ctx, form.subject));
    form.phone_link_requested = true;
  }
  if (form.phone_link_requested) {
    const auto& link = ctx.vm.rating_link;
    if (link && link->ok && !link->url.empty()) {
      const float side = std::max(ctx.px(320), 260.0f);
      draw_qr(ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), side, link->url);
      ImGui::Dummy(ImVec2(side, side));
      muted_text(ctx, ctx.t("rate.later_hint"));
    } else if (link && !link->ok && !link->error.empty()) {
      muted_text(ctx, ctx.t("rate.later_failed"));
    } else {
      muted_text(ctx, ctx.t("rate.later_waiting"));
    }
  }
}

}  // namespace yeyou::kiosk
