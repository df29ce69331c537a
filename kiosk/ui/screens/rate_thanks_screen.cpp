#include "kiosk/ui/screens/rate_thanks_screen.hpp"

#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {

void RateThanksScreen::drawContent(UiContext& ctx) {
  RatingForm& form = ctx.ui.rating;
  ImGui::Dummy(ImVec2(0, ctx.px(60)));
  const float bh = ctx.px(100);
  if (!stored_receipt(ctx, form.request_id, ScreenId::rate)) return;
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
