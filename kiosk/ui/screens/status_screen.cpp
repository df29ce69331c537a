#include "kiosk/ui/screens/status_screen.hpp"

#include <cctype>

#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/format.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {
namespace {

const char* state_key(ComplaintStatus::State s) {
  switch (s) {
    case ComplaintStatus::State::queued: return "status_lookup.queued";
    case ComplaintStatus::State::looking_up: return "status_lookup.looking_up";
    case ComplaintStatus::State::found: return "status_lookup.found";
    case ComplaintStatus::State::not_found: return "status_lookup.not_found";
    case ComplaintStatus::State::offline: return "status_lookup.offline";
    case ComplaintStatus::State::unknown: break;
  }
  return "status_lookup.unknown";
}

}  // namespace

void StatusScreen::drawContent(UiContext& ctx) {
  StatusForm& form = ctx.ui.status;
  section_title(ctx, ctx.t("status_lookup.prompt"));
  text_field(ctx, FieldId::status_tracking, "lookup.tracking", ctx.t("status_lookup.placeholder"), 1);
  ImGui::Dummy(ImVec2(0, ctx.px(8)));
  form.tracking.commit();
  std::string tn;
  for (char c : form.tracking.committed)
    if (!std::isspace(static_cast<unsigned char>(c))) tn += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const bool valid = is_tracking_no(tn);
  if (touch_button("lookup.check", ctx.t("status_lookup.check"), ImVec2(ctx.px(400), ctx.px(96)),
                   valid ? Tone::primary : Tone::quiet, ctx.fonts.large()) && valid) {
    form.looked_up = tn;
    ctx.backend.lookup_complaint(tn);
    ctx.ui.focus = FieldId::none;
  }
  if (!valid && !form.tracking.empty()) {
    ImGui::SameLine(0, ctx.px(16));
    muted_text(ctx, ctx.t("status_lookup.invalid"));
  }
  if (form.looked_up.empty()) return;
  ImGui::Dummy(ImVec2(0, ctx.px(16)));
  const auto& st = ctx.vm.complaint_status;
  if (!st || st->tracking_no != form.looked_up) {
    wrapped_text(ctx.fonts.large(), pal().text, ctx.t("status_lookup.looking_up"));
    return;
  }
  wrapped_text(ctx.fonts.large(), pal().text, ctx.t(state_key(st->state)));
  if (st->state == ComplaintStatus::State::found) {
    if (!st->server_state.empty())
      wrapped_text(ctx.fonts.title(), pal().accent, ctx.t("case_state." + st->server_state));
    if (!st->outcome.empty()) wrapped_text(ctx.fonts.body(), pal().text, st->outcome);
  }
  if (st->checked_at) muted_text(ctx, ctx.f("crowd.as_of", {{"time", format_hhmm(*st->checked_at)}}));
}

}  // namespace yeyou::kiosk
