#pragma once
// The kiosk's UI state, in small plain structs kept apart from the data
// (after Tracy): where the visitor is (a navigation stack), what they have
// entered on each form, and the browsing filters. An idle reset replaces the
// whole UiState with a fresh one, so nothing typed survives it.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/feedback.hpp"

namespace yeyou::kiosk {

enum class ScreenId {
  home, tonight, event_detail, venues, venue_detail, transport, rate, rate_thanks, complaint, complaint_done,
  status, staff
};

// "back" always works: the stack never becomes empty (home is at the bottom).
class Navigator {
 public:
  ScreenId current() const { return stack_.back(); }
  std::size_t depth() const { return stack_.size(); }
  void push(ScreenId id) {
    if (stack_.back() != id) stack_.push_back(id);
  }
  void back() {
    if (stack_.size() > 1) stack_.pop_back();
  }
  void home() { stack_.assign(1, ScreenId::home); }
  // Replaces the current screen (a form's "done" page replaces the form).
  void replace(ScreenId id) {
    if (stack_.size() > 1) stack_.back() = id;
    else push(id);
  }
  const std::vector<ScreenId>& stack() const { return stack_; }

 private:
  std::vector<ScreenId> stack_{ScreenId::home};
};

// A text field edited through the on-screen keyboard or a hardware keyboard:
// committed UTF-8 text plus Korean jamo still being composed.
struct TextField {
  std::string committed;
  std::u32string jamo;
  std::size_t max_bytes = 2000;

  std::string text() const;  // committed + composed jamo
  bool empty() const { return committed.empty() && jamo.empty(); }
  void clear() {
    committed.clear();
    jamo.clear();
  }
  void commit();                        // composes the jamo into committed text
  void type(const std::string& utf8);   // commits pending jamo, appends
  void type_jamo(char32_t c);
  void backspace();
};

enum class FieldId {
  none, rate_comment, rate_name, rate_phone, complaint_text, complaint_name, complaint_phone, status_tracking, staff_pin
};

enum class KbLayout { phrases, latin, korean, digits };

struct KeyboardState {
  KbLayout layout = KbLayout::latin;
  bool shift = false;
  bool just_opened = false;  // scroll the field into view on the next frame
};

struct SubjectChoice {
  std::optional<SubjectKind> kind;
  std::string id;  // venue / event id, service id, kiosk id
  bool complete() const { return kind.has_value() && !id.empty(); }
};

struct RatingForm {
  SubjectChoice subject;
  int level = 0;  // 0 = not chosen; 1 very good .. 5 very bad
  std::set<BadReason> reasons;
  std::map<DetailQuestion, bool> answers;
  TextField comment;
  TextField name;
  TextField phone;
  bool consent = false;
  std::string request_id;  // set once submitted
  bool submitted_named_bad = false;  // for the thank-you page: "we will follow up"
  bool phone_link_requested = false;
};

struct ComplaintForm {
  std::optional<ComplaintCategory> category;
  SubjectChoice subject;
  TextField text;
  TextField name;
  TextField phone;
  bool consent = false;
  std::string request_id;
};

struct StatusForm {
  TextField tracking;
  std::string looked_up;  // the number last sent to lookup_complaint
};

struct StaffForm {
  TextField pin;
  bool unlocked = false;
  bool failed = false;
};

struct BrowseState {
  int events_tab = 0;  // 0 now, 1 later tonight, 2 next nights
  std::optional<EventCategory> category;
  std::string district;  // empty = all
  std::int64_t event_id = 0;
  std::int64_t venue_id = 0;
};

struct UiState {
  Navigator nav;
  BrowseState browse;
  RatingForm rating;
  ComplaintForm complaint;
  StatusForm status;
  StaffForm staff;
  FieldId focus = FieldId::none;
  KeyboardState keyboard;
  std::set<std::int64_t> dismissed_emergencies;
  bool large_text = false;
  bool high_contrast = false;

  // Has the visitor entered anything a reset would clear?
  bool has_entered_data() const;
  TextField* field(FieldId id);
  // Every text the visitor typed, for tests ("nothing survives a reset").
  std::string typed_text() const;
};

}  // namespace yeyou::kiosk
