#include "kiosk/ui/ui_state.hpp"

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/hangul.hpp"

namespace yeyou::kiosk {

std::string TextField::text() const { return committed + to_utf8(compose_hangul(jamo)); }

void TextField::commit() {
  if (jamo.empty()) return;
  committed += to_utf8(compose_hangul(jamo));
  jamo.clear();
}

void TextField::type(const std::string& utf8) {
  commit();
  if (committed.size() + utf8.size() <= max_bytes) committed += utf8;
}

void TextField::type_jamo(char32_t c) {
  if (committed.size() + 3 * (jamo.size() + 1) <= max_bytes) jamo.push_back(c);
}

void TextField::backspace() {
  if (!jamo.empty()) {
    jamo.pop_back();
    return;
  }
  if (committed.empty()) return;
  std::size_t n = committed.size() - 1;
  while (n > 0 && (static_cast<unsigned char>(committed[n]) & 0xC0) == 0x80) --n;
  committed.resize(n);
}

bool UiState::has_entered_data() const {
  const RatingForm& r = rating;
  const ComplaintForm& c = complaint;
  return r.subject.kind || r.level != 0 || !r.reasons.empty() || !r.answers.empty() || !r.comment.empty() ||
         !r.name.empty() || !r.phone.empty() || r.consent || c.category || c.subject.kind || !c.text.empty() ||
         !c.name.empty() || !c.phone.empty() || c.consent || !status.tracking.empty() || !staff.pin.empty();
}

TextField* UiState::field(FieldId id) {
  switch (id) {
    case FieldId::rate_comment: return &rating.comment;
    case FieldId::rate_name: return &rating.name;
    case FieldId::rate_phone: return &rating.phone;
    case FieldId::complaint_text: return &complaint.text;
    case FieldId::complaint_name: return &complaint.name;
    case FieldId::complaint_phone: return &complaint.phone;
    case FieldId::status_tracking: return &status.tracking;
    case FieldId::staff_pin: return &staff.pin;
    case FieldId::none: break;
  }
  return nullptr;
}

std::string UiState::typed_text() const {
  std::string out;
  for (const TextField* f : {&rating.comment, &rating.name, &rating.phone, &complaint.text, &complaint.name,
                             &complaint.phone, &status.tracking, &staff.pin})
    out += f->text();
  out += status.looked_up;
  return out;
}

}  // namespace yeyou::kiosk
