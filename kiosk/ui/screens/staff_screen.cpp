#include "kiosk/ui/screens/staff_screen.hpp"

#include "kiosk/ui/controls.hpp"
#include "kiosk/data/staff_pin.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {

void StaffScreen::drawContent(UiContext& ctx) {
  StaffForm& form = ctx.ui.staff;
  const float bh = ctx.px(96);
  if (!form.unlocked) {
    section_title(ctx, ctx.t("staff.enter_pin"));
    text_field(ctx, FieldId::staff_pin, "staff.pin", ctx.t("staff.pin"), 1, /*digits=*/true, /*secret=*/true);
    if (touch_button("staff.unlock", ctx.t("staff.unlock"), ImVec2(ctx.px(400), bh), Tone::primary, ctx.fonts.large())) {
      form.pin.commit();
      form.unlocked = verify_staff_pin(ctx.env.staff_pin_hash, form.pin.committed);
      form.failed = !form.unlocked;
      form.pin.clear();
      ctx.ui.focus = FieldId::none;
    }
    if (ctx.env.staff_pin_hash.empty()) muted_text(ctx, ctx.t("staff.not_configured"));
    else if (form.failed) muted_text(ctx, ctx.t("staff.wrong_pin"));
    return;
  }
  section_title(ctx, ctx.t("staff.menu"));
  const OutboxState& o = ctx.vm.outbox;
  muted_text(ctx, ctx.f("staff.outbox", {{"pending", std::to_string(o.pending)}, {"dead", std::to_string(o.dead_letters)}}));
  if (!o.problem.empty()) muted_text(ctx, o.problem);
  if (touch_button("staff.refresh", ctx.t("staff.refresh"), ImVec2(ctx.px(480), bh), Tone::normal, ctx.fonts.body()))
    ctx.backend.refresh();
  if (touch_button("staff.fullscreen", ctx.t("staff.fullscreen"), ImVec2(ctx.px(480), bh), Tone::normal, ctx.fonts.body()))
    ctx.toggle_fullscreen = true;
  if (touch_button("staff.exit", ctx.t("staff.exit"), ImVec2(ctx.px(480), bh), Tone::danger, ctx.fonts.body()))
    ctx.quit = true;
}

}  // namespace yeyou::kiosk
