#pragma once
// The on-screen keyboard: digits, Latin letters, Korean jamo (2-beolsik,
// composed into syllables) and Chinese quick-phrase chips. Hardware
// keyboards and IMEs type through SDL text input instead (App). Drawn by the
// Screen base below the content region, never over the edited field.
#include "kiosk/ui/screen.hpp"

namespace yeyou::kiosk {

// Height of the keyboard area when a field is focused.
float keyboard_height(const UiContext& ctx);
// Draws the keyboard at the cursor (a child window) and edits the focused field.
void draw_keyboard(UiContext& ctx, float height);
// Digits-only fields (phone numbers, the staff PIN).
bool digits_only(FieldId f);

}  // namespace yeyou::kiosk
