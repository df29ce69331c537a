#include "kiosk/ui/screens/complaint_screen.hpp"

#include "kiosk/ui/controls.hpp"
#include "kiosk/ui/theme.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {

void ComplaintScreen::drawContent(UiContext& ctx) {
  ComplaintForm& form = ctx.ui.complaint;
  ImFont* body = ctx.fonts.body();
  const float h = button_height(ctx);
  const float gap = ctx.px(14);

  section_title(ctx, ctx.t("complaint.category"));
  {
    Flow flow(gap);
    for (auto name : EnumNames<ComplaintCategory>::names) {
      ComplaintCategory c = *enum_from<ComplaintCategory>(name);
      const std::string& label = ctx.t("complaint_category." + std::string(name));
      flow.next(touch_button_width(label, body, ctx.px(28)));
      bool sel = form.category == c;
      if (touch_button("complaint.category." + std::string(name), label, ImVec2(0, h), sel ? Tone::selected : Tone::quiet,
                       body))
        form.category = c;
    }
  }
  section_title(ctx, ctx.t("complaint.subject"));
  subject_picker(ctx, form.subject, "complaint.subject");

  section_title(ctx, ctx.t("complaint.text"));
  text_field(ctx, FieldId::complaint_text, "complaint.text", ctx.t("complaint.text_placeholder"), 4);
  {
    // Quick phrases (also on the keyboard's phrase page).
    Flow flow(gap);
    for (int i = 1; i <= 8; ++i) {
      const std::string& p = ctx.t("phrase." + std::to_string(i));
      flow.next(touch_button_width(p, body, ctx.px(24)));
      if (touch_button("complaint.phrase." + std::to_string(i), p, ImVec2(0, h), Tone::quiet, body)) {
        if (!form.text.empty()) form.text.type(ctx.lang == Lang::zh ? "，" : ", ");
        form.text.type(p);
      }
    }
  }
  section_title(ctx, ctx.t("complaint.contact"));
  text_field(ctx, FieldId::complaint_name, "complaint.name", ctx.t("field.name"), 1);
  text_field(ctx, FieldId::complaint_phone, "complaint.phone", ctx.t("field.phone"), 1, /*digits=*/true);
  toggle_button(ctx, "complaint.consent", ctx.t("complaint.consent"), form.consent, ImGui::GetContentRegionAvail().x);

  ImGui::Dummy(ImVec2(0, ctx.px(12)));
  const bool ready = form.category.has_value() && !form.text.empty();
  if (!ctx.vm.outbox.accepting) muted_text(ctx, ctx.t("rate.outbox_unavailable"));
  if (touch_button("complaint.submit", ctx.t("complaint.submit"), ImVec2(ctx.px(480), ctx.px(100)),
                   ready ? Tone::primary : Tone::quiet, ctx.fonts.large()) && ready) {
    ComplaintDraft d;
    SubjectChoice s = form.subject.complete() ? form.subject : SubjectChoice{SubjectKind::kiosk, "kiosk"};
    d.subject = to_subject(ctx, s);
    d.category = *form.category;
    form.text.commit();
    d.text = form.text.committed;
    if (form.consent && (!form.name.empty() || !form.phone.empty())) {
      form.name.commit();
      d.contact = Contact{form.name.committed, form.phone.committed};
    }
    form.request_id = ctx.backend.submit_complaint(std::move(d));
    ctx.ui.focus = FieldId::none;
    ctx.ui.nav.replace(ScreenId::complaint_done);
    return;
  }
  if (!ready) {
    ImGui::SameLine(0, gap);
    muted_text(ctx, ctx.t("complaint.incomplete"));
  }
}

}  // namespace yeyou::kiosk
