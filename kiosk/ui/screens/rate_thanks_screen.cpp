#include "kiosk/ui/screens/rate_thanks_screen.hpp"

#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {

void RateThanksScreen::drawContent(UiContext& ctx) {
  RatingForm& form = ctx.ui.rating;
  auto it = ctx.vm.receipts.find(form.request_id);
  ImGui::Dummy(ImVec2(0, ctx.px(60)));
  const float bh = ctx.px(100);
  if (form.request_id.empty() || it == ctx.vm.receipts.end() || it->second.state == SubmissionReceipt::State::pending) {
    centered_text(ctx.fonts.title(), pal().text, ctx.t("submit.sending"));
    return;
  }
  if (it->second.state == SubmissionReceipt::State::refused) {
    centered_text(ctx.fonts.title(), pal().text, ctx.t("submit.refused"));
    centered_text(ctx.fonts.body(), pal().text_muted, ctx.t("submit.refused_hint"));
    ImGui::Dummy(ImVec2(0, ctx.px(30)));
    if (touch_button("submit.retry", ctx.t("submit.retry"), ImVec2(ctx.px(480), bh), Tone::primary, ctx.fonts.large())) {
      form.request_id.clear();  // the form is still filled in
      ctx.ui.nav.replace(ScreenId::rate);
    }
    return;
  }
  // Stored: the entered text is no longer needed on screen.
  form.comment.clear();
  form.name.clear();
  form.phone.clear();
  centered_text(ctx.fonts.title(), pal().accent, ctx.t("rate.thanks"));
  ImGui::Dummy(ImVec2(0, ctx.px(12)));
  centered_text(ctx.fonts.large(), pal().text, ctx.t(form.submitted_named_bad ? "rate.follow_up" : "rate.thanks_body"));
  ImGui::Dummy(ImVec2(0, ctx.px(40)));
  if (touch_button("rate.done", ctx.t("nav.home"), ImVec2(ctx.px(480), bh), Tone::primary, ctx.fonts.large())) {
    ctx.ui.rating = {};
    ctx.ui.nav.home();
  }
}

}  // namespace yeyou::kiosk
