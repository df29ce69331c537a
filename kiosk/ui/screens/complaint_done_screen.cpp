#include "kiosk/ui/screens/complaint_done_screen.hpp"

#include <algorithm>

#include "core/qr_payload.hpp"
#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/qr.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {

void ComplaintDoneScreen::drawContent(UiContext& ctx) {
  ComplaintForm& form = ctx.ui.complaint;
  ImGui::Dummy(ImVec2(0, ctx.px(40)));
  const float bh = ctx.px(100);
  const SubmissionReceipt* receipt = stored_receipt(ctx, form.request_id, ScreenId::complaint);
  if (!receipt) return;
  form.text.clear();
  form.name.clear();
  form.phone.clear();
  const std::string& tracking = receipt->tracking_no;
  centered_text(ctx.fonts.title(), pal().accent, ctx.t("complaint.received"));
  centered_text(ctx.fonts.large(), pal().text, ctx.t("complaint.tracking_label"));
  centered_text(ctx.fonts.title(), pal().text, tracking);
  ImGui::Dummy(ImVec2(0, ctx.px(16)));
  if (!tracking.empty()) {
    std::string url;
    try {
      url = complaint_tracking_url(ctx.env.server_url + "/c", tracking, ctx.lang);
    } catch (const std::exception&) {
      url.clear();
    }
    if (!url.empty()) {
      const float side = std::max(ctx.px(320), 260.0f);
      ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - side) * 0.5f + ImGui::GetCursorPosX());
      draw_qr(ImGui::GetWindowDrawList(), ImGui::GetCursorScreenPos(), side, url);
      ImGui::Dummy(ImVec2(side, side));
      centered_text(ctx.fonts.body(), pal().text_muted, ctx.t("complaint.qr_hint"));
    }
  }
  ImGui::Dummy(ImVec2(0, ctx.px(20)));
  ImGui::SetCursorPosX((ImGui::GetContentRegionAvail().x - ctx.px(480)) * 0.5f + ImGui::GetCursorPosX());
  if (touch_button("complaint.done", ctx.t("nav.home"), ImVec2(ctx.px(480), bh), Tone::primary, ctx.fonts.large())) {
    ctx.ui.complaint = {};
    ctx.ui.nav.home();
  }
}

}  // namespace yeyou::kiosk
