#include "kiosk/ui/controls.hpp"

#include <algorithm>
#include <cfloat>

#include "kiosk/ui/format.hpp"
#include "kiosk/ui/theme.hpp"

namespace yeyou::kiosk {

float button_height(UiContext& ctx) { return std::max(ctx.px(80), ctx.fonts.body()->FontSize + ctx.px(32)); }

void section_title(UiContext& ctx, const std::string& text) {
  ImGui::Dummy(ImVec2(0, ctx.px(4)));
  wrapped_text(ctx.fonts.large(), pal().accent, text);
  ImGui::Dummy(ImVec2(0, ctx.px(2)));
}

void muted_text(UiContext& ctx, const std::string& text) { wrapped_text(ctx.fonts.body(), pal().text_muted, text); }

void text_field(UiContext& ctx, FieldId field, const std::string& id, const std::string& placeholder, int lines,
                bool digits, bool secret) {
  TextField* f = ctx.ui.field(field);
  if (!f) return;
  ImFont* font = ctx.fonts.body();
  const bool focused = ctx.ui.focus == field;
  const float width = ImGui::GetContentRegionAvail().x;
  const float height = std::max(kMinTarget, static_cast<float>(lines) * font->FontSize * 1.25f + ctx.px(36));
  ImGui::PushID(id.c_str());
  bool tapped = ImGui::InvisibleButton("##field", ImVec2(width, height));
  ImGui::PopID();
  if (tapped && ImGui::GetIO().MouseDragMaxDistanceSqr[0] > 14.0f * 14.0f) tapped = false;
  ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
  record_widget(id, a, b);
  if (tapped && !focused) {
    ctx.ui.focus = field;
    ctx.ui.keyboard.just_opened = true;
    ctx.ui.keyboard.shift = false;
    if (digits) ctx.ui.keyboard.layout = KbLayout::digits;
    else if (field == FieldId::status_tracking) ctx.ui.keyboard.layout = KbLayout::latin;
    else ctx.ui.keyboard.layout = ctx.lang == Lang::zh ? KbLayout::phrases
                                  : ctx.lang == Lang::ko ? KbLayout::korean : KbLayout::latin;
  }
  if (focused && ctx.ui.keyboard.just_opened) {
    ImGui::SetScrollHereY(0.3f);  // keep the field above the keyboard
  }
  ImDrawList* dl = ImGui::GetWindowDrawList();
  fill_framed_rect(dl, a, b, to_u32(pal().field), to_u32(focused ? pal().accent : pal().border), ctx.px(10),
                   focused ? ctx.px(4) : ctx.px(2));
  std::string text = f->text();
  if (secret) text = std::string(text.size(), '*');
  const float pad = ctx.px(18);
  dl->PushClipRect(a, b, true);
  if (text.empty()) {
    draw_text(dl, ImVec2(a.x + pad, a.y + pad), font, pal().text_muted, placeholder);
  } else {
    note_shown_text(font, text);
    dl->AddText(font, font->FontSize, ImVec2(a.x + pad, a.y + pad), to_u32(pal().text), text.data(),
                text.data() + text.size(), width - 2 * pad);
  }
  if (focused) {
    // The caret after the text (a bar; no blinking, so no extra frames).
    ImVec2 sz = font->CalcTextSizeA(font->FontSize, FLT_MAX, width - 2 * pad, text.data(), text.data() + text.size());
    float last_w = 0;
    if (!text.empty()) {
      auto nl = text.rfind('\n');
      std::string last = nl == std::string::npos ? text : text.substr(nl + 1);
      last_w = font->CalcTextSizeA(font->FontSize, FLT_MAX, width - 2 * pad, last.c_str()).x;
      if (sz.y > font->FontSize * 1.5f) last_w = std::min(last_w, width - 2 * pad);
      else last_w = sz.x;
    }
    float cy = a.y + pad + std::max(0.0f, sz.y - font->FontSize);
    dl->AddRectFilled(ImVec2(a.x + pad + last_w + ctx.px(2), cy), ImVec2(a.x + pad + last_w + ctx.px(5), cy + font->FontSize),
                      to_u32(pal().accent));
  }
  dl->PopClipRect();
}

bool toggle_button(UiContext& ctx, const std::string& id, const std::string& label, bool& value, float width) {
  ImFont* font = ctx.fonts.body();
  const float box = ctx.px(40);
  const float w = width > 0 ? width : touch_button_width(label, font, ctx.px(20)) + box + ctx.px(20);
  ImVec2 pos = ImGui::GetCursorScreenPos();
  bool clicked = touch_button(id, "", ImVec2(w, button_height(ctx)), value ? Tone::selected : Tone::normal, font);
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float h = std::max(kMinTarget, button_height(ctx));
  ImVec2 b0(pos.x + ctx.px(16), pos.y + (h - box) * 0.5f);
  Rgb fg = value ? pal().on_accent : pal().text;
  dl->AddRect(b0, ImVec2(b0.x + box, b0.y + box), to_u32(fg), ctx.px(6), 0, ctx.px(3));
  if (value) {
    dl->AddLine(ImVec2(b0.x + box * 0.2f, b0.y + box * 0.55f), ImVec2(b0.x + box * 0.42f, b0.y + box * 0.78f), to_u32(fg),
                ctx.px(5));
    dl->AddLine(ImVec2(b0.x + box * 0.42f, b0.y + box * 0.78f), ImVec2(b0.x + box * 0.82f, b0.y + box * 0.22f), to_u32(fg),
                ctx.px(5));
  }
  std::string shown = ellipsize(font, label, w - box - ctx.px(48));
  draw_text(dl, ImVec2(b0.x + box + ctx.px(16), pos.y + (h - font->FontSize) * 0.5f), font, fg, shown);
  if (clicked) value = !value;
  return clicked;
}

namespace {

const char* const kServices[] = {"transport", "parking", "info_desk", "security"};

}  // namespace

std::string subject_label(UiContext& ctx, const SubjectChoice& c) {
  if (!c.kind) return {};
  switch (*c.kind) {
    case SubjectKind::kiosk: return ctx.t("subject.this_kiosk");
    case SubjectKind::service: return ctx.t("service." + c.id);
    case SubjectKind::venue: {
      for (const auto& v : ctx.vm.venues)
        if (std::to_string(v.venue.id) == c.id) return v.venue.name.in(ctx.lang);
      return {};
    }
    case SubjectKind::event: {
      for (const auto* list : {&ctx.vm.on_now, &ctx.vm.later_tonight})
        for (const auto& e : *list)
          if (std::to_string(e.event.id) == c.id) return e.event.title.in(ctx.lang);
      return {};
    }
  }
  return {};
}

Subject to_subject(const UiContext& ctx, const SubjectChoice& c) {
  Subject s;
  s.kind = c.kind.value_or(SubjectKind::kiosk);
  s.id = c.id;
  if (s.kind == SubjectKind::kiosk && (s.id.empty() || s.id == "kiosk")) s.id = ctx.vm.kiosk_id.empty() ? "kiosk" : ctx.vm.kiosk_id;
  return s;
}

void subject_picker(UiContext& ctx, SubjectChoice& choice, const std::string& prefix) {
  ImFont* font = ctx.fonts.body();
  const float h = button_height(ctx);
  const float gap = ctx.px(14);
  {
    Flow flow(gap);
    struct K { SubjectKind kind; const char* key; };
    static constexpr K kinds[] = {{SubjectKind::venue, "subject.venue"},
                                  {SubjectKind::event, "subject.event"},
                                  {SubjectKind::service, "subject.service"},
                                  {SubjectKind::kiosk, "subject.kiosk"}};
    for (const K& k : kinds) {
      const std::string& label = ctx.t(k.key);
      flow.next(touch_button_width(label, font, ctx.px(28)));
      bool sel = choice.kind == k.kind;
      if (touch_button(prefix + ".kind." + std::string(name_of(k.kind)), label, ImVec2(0, h),
                       sel ? Tone::selected : Tone::normal, font) && !sel) {
        choice.kind = k.kind;
        choice.id = k.kind == SubjectKind::kiosk ? "kiosk" : "";
      }
    }
  }
  if (!choice.kind || *choice.kind == SubjectKind::kiosk) return;
  ImGui::Dummy(ImVec2(0, ctx.px(6)));
  Flow flow(gap);
  auto option = [&](const std::string& id, const std::string& label) {
    std::string shown = ellipsize(font, label, ctx.px(560));
    flow.next(touch_button_width(shown, font, ctx.px(28)));
    bool sel = choice.id == id;
    if (touch_button(prefix + ".option." + id, shown, ImVec2(0, h), sel ? Tone::selected : Tone::quiet, font))
      choice.id = id;
  };
  switch (*choice.kind) {
    case SubjectKind::venue:
      for (const auto& v : ctx.vm.venues) option(std::to_string(v.venue.id), v.venue.name.in(ctx.lang));
      break;
    case SubjectKind::event:
      for (const auto* list : {&ctx.vm.on_now, &ctx.vm.later_tonight})
        for (const auto& e : *list) option(std::to_string(e.event.id), e.event.title.in(ctx.lang));
      break;
    case SubjectKind::service:
      for (const char* s : kServices) option(s, ctx.t(std::string("service.") + s));
      break;
    case SubjectKind::kiosk: break;
  }
}

bool row_button(UiContext& ctx, const std::string& id, float height, ImVec2& top_left, float& width) {
  width = ImGui::GetContentRegionAvail().x;
  top_left = ImGui::GetCursorScreenPos();
  bool clicked = touch_button(id, "", ImVec2(width, height), Tone::quiet);
  ImGui::Dummy(ImVec2(0, ctx.px(2)));
  return clicked;
}

void draw_crowd_shape(ImDrawList* dl, ImVec2 c, float r, std::optional<CrowdLevel> level) {
  if (!level) {
    dl->AddCircle(c, r * 0.85f, to_u32(pal().text), 0, r * 0.3f);
    return;
  }
  const ImU32 fill = to_u32(crowd_colors(*level).background);
  const ImU32 edge = to_u32(pal().text);
  switch (*level) {
    case CrowdLevel::comfortable:
      dl->AddCircleFilled(c, r, fill);
      dl->AddCircle(c, r, edge, 0, 2.0f);
      break;
    case CrowdLevel::busy:
      dl->AddTriangleFilled(ImVec2(c.x, c.y - r), ImVec2(c.x - r, c.y + r * 0.8f), ImVec2(c.x + r, c.y + r * 0.8f), fill);
      dl->AddTriangle(ImVec2(c.x, c.y - r), ImVec2(c.x - r, c.y + r * 0.8f), ImVec2(c.x + r, c.y + r * 0.8f), edge, 2.0f);
      break;
    case CrowdLevel::crowded:
      dl->AddRectFilled(ImVec2(c.x - r * 0.85f, c.y - r * 0.85f), ImVec2(c.x + r * 0.85f, c.y + r * 0.85f), fill);
      dl->AddRect(ImVec2(c.x - r * 0.85f, c.y - r * 0.85f), ImVec2(c.x + r * 0.85f, c.y + r * 0.85f), edge, 0, 0, 2.0f);
      break;
    case CrowdLevel::full:
      dl->AddCircleFilled(c, r, fill);
      dl->AddLine(ImVec2(c.x - r * 0.5f, c.y - r * 0.5f), ImVec2(c.x + r * 0.5f, c.y + r * 0.5f), edge, r * 0.3f);
      dl->AddLine(ImVec2(c.x + r * 0.5f, c.y - r * 0.5f), ImVec2(c.x - r * 0.5f, c.y + r * 0.5f), edge, r * 0.3f);
      break;
  }
}

float crowd_badge(UiContext& ctx, ImDrawList* dl, ImVec2 pos, std::optional<CrowdLevel> level, ImFont* font) {
  const float r = font->FontSize * 0.45f;
  draw_crowd_shape(dl, ImVec2(pos.x + r, pos.y + ctx.px(6) + font->FontSize * 0.5f), r, level);
  float x = pos.x + 2 * r + ctx.px(10);
  if (!level) {
    ImVec2 s = draw_text(dl, ImVec2(x, pos.y + ctx.px(6)), font, pal().text_muted, ctx.t("crowd.unknown"));
    return x + s.x - pos.x;
  }
  std::string label = ctx.f("crowd.badge", {{"level", ctx.t(crowd_key(*level))}});
  ImVec2 s = draw_badge(dl, ImVec2(x, pos.y), font, label, crowd_colors(*level), ctx.px(14), ctx.px(6));
  return x + s.x - pos.x;
}

ImVec2 card(UiContext& ctx, float height, float width) {
  ImVec2 p = ImGui::GetCursorScreenPos();
  if (width <= 0) width = ImGui::GetContentRegionAvail().x;
  fill_rounded_rect(ImGui::GetWindowDrawList(), p, ImVec2(p.x + width, p.y + height), to_u32(pal().card), ctx.px(14));
  return p;
}

const SubmissionReceipt* stored_receipt(UiContext& ctx, std::string& request_id, ScreenId form_screen) {
  auto it = ctx.vm.receipts.find(request_id);
  if (request_id.empty() || it == ctx.vm.receipts.end() || it->second.state == SubmissionReceipt::State::pending) {
    centered_text(ctx.fonts.title(), pal().text, ctx.t("submit.sending"));
    return nullptr;
  }
  if (it->second.state == SubmissionReceipt::State::refused) {
    centered_text(ctx.fonts.title(), pal().text, ctx.t("submit.refused"));
    centered_text(ctx.fonts.body(), pal().text_muted, ctx.t("submit.refused_hint"));
    ImGui::Dummy(ImVec2(0, ctx.px(30)));
    if (touch_button("submit.retry", ctx.t("submit.retry"), ImVec2(ctx.px(480), ctx.px(100)), Tone::primary,
                     ctx.fonts.large())) {
      request_id.clear();
      ctx.ui.nav.replace(form_screen);
    }
    return nullptr;
  }
  return &it->second;
}

}  // namespace yeyou::kiosk
