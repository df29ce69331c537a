#include <doctest/doctest.h>

#include "core/case_workflow.hpp"
#include "core/workdays.hpp"

using namespace yeyou;

TEST_CASE("the shipped working-day calendar: holidays and make-up working days") {
  auto cal = WorkCalendar::load(std::string(YEYOU_SOURCE_DIR) + "/assets/calendar/cn-workdays.json");
  CHECK(cal.covers(2026));
  CHECK(cal.covers(2027));
  CHECK_FALSE(cal.is_working_day({2026, 10, 1}));  // National Day
  CHECK_FALSE(cal.is_working_day({2026, 10, 7}));
  CHECK(cal.is_working_day({2026, 10, 10}));       // a Saturday made a working day (调休)
  CHECK(cal.is_working_day({2026, 2, 14}));        // Saturday before the Spring Festival
  CHECK_FALSE(cal.is_working_day({2026, 2, 17}));  // Spring Festival on a Tuesday
  CHECK(cal.is_working_day({2026, 11, 30}));       // an ordinary Monday
  CHECK_FALSE(cal.is_working_day({2026, 11, 29})); // an ordinary Sunday
}

TEST_CASE("deadlines in working days skip holidays and count make-up days") {
  auto cal = WorkCalendar::load(std::string(YEYOU_SOURCE_DIR) + "/assets/calendar/cn-workdays.json");
  // Received on the evening of Wednesday 30 September 2026: the next working day is
  // Thursday 8 October (1–7 October are off); Friday 9 and Saturday 10 (调休) follow.
  auto received = *parse_iso8601("2026-09-30T21:00:00+08:00");
  CHECK(format_iso8601(cal.deadline(received, 1)) == "2026-10-09T00:00:00+08:00");
  CHECK(cal.add_working_days({2026, 9, 30}, 3) == LocalDate{2026, 10, 10});
  CHECK(cal.add_working_days({2026, 9, 30}, 4) == LocalDate{2026, 10, 12});
  // Friday evening: due at the end of Monday.
  CHECK(format_iso8601(cal.deadline(*parse_iso8601("2026-11-27T22:00:00+08:00"), 1)) == "2026-12-01T00:00:00+08:00");
  CHECK(cal.working_days_between({2026, 9, 30}, {2026, 10, 12}) == 4);
  // Outside the covered years it falls back to Monday–Friday.
  CHECK(cal.is_working_day({2030, 10, 1}));
}

TEST_CASE("bad calendar files are refused") {
  CHECK_THROWS(WorkCalendar::from_json_text("{}"));
  CHECK_THROWS(WorkCalendar::from_json_text(R"({"years": {"2026": {"holidays": ["2026-02-30"]}}})"));
  CHECK_THROWS(WorkCalendar::from_json_text(R"({"years": {"2026": {"holidays": ["2027-01-01"]}}})"));
  CHECK_THROWS(WorkCalendar::from_json_text(
      R"({"years": {"2026": {"holidays": ["2026-10-10"], "workdays": ["2026-10-10"]}}})"));
}

TEST_CASE("case lifecycle: the legal path and illegal shortcuts") {
  CaseFlags f;
  using S = CaseState;
  using A = CaseAction;
  CHECK(next_state(S::received, A::assign, f) == S::assigned);
  CHECK_FALSE(next_state(S::received, A::fix, f));       // no fix before a callback
  CHECK(next_state(S::assigned, A::callback, f) == S::verifying);
  CHECK_FALSE(next_state(S::verifying, A::fix, f));      // the visitor was not reached yet
  f.callback_reached = true;
  CHECK(next_state(S::verifying, A::fix, f) == S::fixed);
  CHECK(next_state(S::verifying, A::rectify, f) == S::rectifying);
  CHECK(next_state(S::verifying, A::explain, f) == S::explained);
  CHECK(next_state(S::rectifying, A::fix, f) == S::fixed);
  CHECK_FALSE(next_state(S::rectifying, A::feedback, f));
  CHECK(next_state(S::fixed, A::feedback, f) == S::feedback_given);
  CHECK(next_state(S::explained, A::feedback, f) == S::feedback_given);
  CHECK(next_state(S::feedback_given, A::close, f) == S::closed);
  CHECK_FALSE(next_state(S::closed, A::assign, f));
  CHECK(next_state(S::closed, A::reopen, f) == S::assigned);
  f.reopened_once = true;
  CHECK_FALSE(next_state(S::closed, A::reopen, f));      // only once
  f.appeal_pending = true;
  CHECK_FALSE(next_state(S::feedback_given, A::close, f));
  CHECK(next_state(S::verifying, A::appeal_decision, f) == S::verifying);
}

TEST_CASE("allowed actions list what the 409 answer offers") {
  auto actions = allowed_actions(CaseState::received, CaseFlags{});
  std::vector<std::string_view> names;
  for (auto a : actions) names.push_back(name_of(a));
  CHECK(std::find(names.begin(), names.end(), "assign") != names.end());
  CHECK(std::find(names.begin(), names.end(), "fix") == names.end());
  CHECK(allowed_actions(CaseState::closed, CaseFlags{.reopened_once = true}).empty());
}
