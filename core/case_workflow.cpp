#include "core/case_workflow.hpp"

namespace yeyou {

std::optional<CaseState> next_state(CaseState s, CaseAction a, const CaseFlags& f) {
  using S = CaseState;
  using A = CaseAction;
  bool open = s != S::closed;
  switch (a) {
    case A::assign:  // first assignment or re-assignment between units
      if (s == S::received || s == S::assigned || s == S::verifying) return S::assigned;
      return std::nullopt;
    case A::callback:  // 回访核实: first callback moves to verifying; later attempts are recorded
      if (f.paused) return std::nullopt;
      if (s == S::assigned || s == S::verifying) return S::verifying;
      return std::nullopt;
    case A::fix:
      if ((s == S::verifying && f.callback_reached) || s == S::rectifying) return S::fixed;
      return std::nullopt;
    case A::rectify:
      if (s == S::verifying && f.callback_reached) return S::rectifying;
      return std::nullopt;
    case A::explain:
      if (s == S::verifying && f.callback_reached) return S::explained;
      return std::nullopt;
    case A::feedback:
      if (s == S::fixed || s == S::explained) return S::feedback_given;
      return std::nullopt;
    case A::close:
      if (s == S::feedback_given && !f.appeal_pending) return S::closed;
      return std::nullopt;
    case A::reopen:
      if ((s == S::feedback_given || s == S::closed) && !f.reopened_once) return S::assigned;
      return std::nullopt;
    case A::appeal:
      if (open && !f.appealed) return s;
      return std::nullopt;
    case A::appeal_decision:
      if (f.appeal_pending) return s;
      return std::nullopt;
    case A::reveal_contact:
      if (open) return s;
      return std::nullopt;
    case A::pause:
      if (!f.paused && (s == S::assigned || s == S::verifying || s == S::rectifying)) return s;
      return std::nullopt;
    case A::resume:
      if (f.paused) return s;
      return std::nullopt;
  }
  return std::nullopt;
}

std::vector<CaseAction> allowed_actions(CaseState s, const CaseFlags& f) {
  std::vector<CaseAction> out;
  for (std::size_t i = 0; i < EnumNames<CaseAction>::names.size(); ++i) {
    auto a = static_cast<CaseAction>(i);
    if (next_state(s, a, f)) out.push_back(a);
  }
  return out;
}

bool is_terminal(CaseState s) { return s == CaseState::closed; }

}  // namespace yeyou
