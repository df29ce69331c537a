#pragma once
// Form and layout controls the screens share (they need the UiContext).
#include <string>

#include "kiosk/ui/screen.hpp"
#include "kiosk/ui/widgets.hpp"

namespace yeyou::kiosk {

// A section heading in the accent colour.
void section_title(UiContext& ctx, const std::string& text);
void muted_text(UiContext& ctx, const std::string& text);

// A tappable text field showing the field's text (or `placeholder`); tapping
// focuses it and opens the keyboard. `digits` fields get the number pad.
void text_field(UiContext& ctx, FieldId field, const std::string& id, const std::string& placeholder, int lines,
                bool digits = false, bool secret = false);

// A yes/no toggle with a drawn tick box and a label; returns true when flipped.
bool toggle_button(UiContext& ctx, const std::string& id, const std::string& label, bool& value, float width = 0);

// What is being rated / complained about: this kiosk, a venue, an event, a service.
void subject_picker(UiContext& ctx, SubjectChoice& choice, const std::string& id_prefix);
std::string subject_label(UiContext& ctx, const SubjectChoice& choice);
Subject to_subject(const UiContext& ctx, const SubjectChoice& choice);

// The receipt of the form's submission once it is safely stored; until then
// draws "sending…" or, when refused, the reason hint and a retry button
// (which clears `request_id` and returns to `form_screen`, the form still
// filled in), and returns nullptr.
const SubmissionReceipt* stored_receipt(UiContext& ctx, std::string& request_id, ScreenId form_screen);

// A full-width card background of `height` at the cursor; returns its top-left (screen coordinates).
ImVec2 card(UiContext& ctx, float height, float width = 0);

// A full-width tappable row (a card); returns true when tapped. `top_left`
// and `width` tell the caller where to draw the row's text.
bool row_button(UiContext& ctx, const std::string& id, float height, ImVec2& top_left, float& width);

// Crowd level drawn with colour AND shape (circle, triangle, square, cross;
// hollow ring for no data), so it never relies on colour alone.
void draw_crowd_shape(ImDrawList* dl, ImVec2 centre, float radius, std::optional<CrowdLevel> level);
// Shape + "Crowd: Busy" badge; returns its width.
float crowd_badge(UiContext& ctx, ImDrawList* dl, ImVec2 pos, std::optional<CrowdLevel> level, ImFont* font);

// Standard heights.
float button_height(UiContext& ctx);

}  // namespace yeyou::kiosk
