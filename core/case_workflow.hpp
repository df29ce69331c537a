#pragma once
// The handling of a bad review or complaint (国办发〔2019〕51号): the
// responsible unit calls back and verifies (回访核实), then fixes at once
// (立行立改), rectifies by a deadline (限期整改) or explains (解释说明);
// the evaluator is told the outcome (反馈) and the case closes. An evaluator
// dissatisfied with the handling reopens it once, escalated to the bureau.
#include <optional>
#include <string_view>
#include <vector>

#include "core/enum_names.hpp"

namespace yeyou {

enum class CaseState { received, assigned, verifying, fixed, rectifying, explained, feedback_given, closed };
template <>
struct EnumNames<CaseState> {
  static constexpr std::array<std::string_view, 8> names{"received", "assigned",  "verifying",      "fixed",
                                                         "rectifying", "explained", "feedback_given", "closed"};
};

enum class CaseAction {
  assign, callback, fix, rectify, explain, feedback, close, reopen, appeal, appeal_decision, reveal_contact, pause,
  resume
};
template <>
struct EnumNames<CaseAction> {
  static constexpr std::array<std::string_view, 13> names{
      "assign", "callback", "fix",    "rectify",         "explain",        "feedback", "close",
      "reopen", "appeal",   "appeal-decision", "reveal-contact", "pause", "resume"};
};

enum class CaseKind { bad_review, complaint };
template <>
struct EnumNames<CaseKind> {
  static constexpr std::array<std::string_view, 2> names{"bad_review", "complaint"};
};

struct CaseFlags {
  bool reopened_once = false;    // a case reopens at most once
  bool appeal_pending = false;   // an appeal awaits the bureau's decision
  bool appealed = false;         // an appeal was already filed
  bool paused = false;
  bool callback_reached = false; // the visitor was reached on a callback
};

// The state an action leads to, or nullopt when it is not allowed now.
// Actions that do not move the state (callback while verifying, appeal,
// reveal-contact, pause/resume) return the current state when allowed.
std::optional<CaseState> next_state(CaseState s, CaseAction a, const CaseFlags& f);
// Every action allowed in this state, for the 409 answer and the UI.
std::vector<CaseAction> allowed_actions(CaseState s, const CaseFlags& f);
bool is_terminal(CaseState s);

}  // namespace yeyou
