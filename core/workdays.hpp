#pragma once
// Working days for deadlines: Monday–Friday, minus public holidays, plus
// make-up working days (调休) from a calendar file (assets/calendar/cn-workdays.json,
// format documented in docs/operations.md). Years the file does not cover
// fall back to Monday–Friday.
#include <set>
#include <string>

#include "core/time.hpp"

namespace yeyou {

class WorkCalendar {
 public:
  // Monday–Friday only.
  WorkCalendar() = default;
  // Throws std::runtime_error naming the file and the problem.
  static WorkCalendar load(const std::string& path);
  static WorkCalendar from_json_text(const std::string& text, const std::string& origin = "calendar");

  bool is_working_day(const LocalDate& d) const;
  bool covers(int year) const { return years_.count(year) > 0; }
  // The n-th working day after `d` (n >= 1); `d` itself never counts.
  LocalDate add_working_days(const LocalDate& d, int n) const;
  // A deadline of n working days for something received at `t`: the end
  // (24:00 local) of the n-th working day after the day of receipt.
  Timestamp deadline(Timestamp received, int working_days, std::string_view zone = kDefaultZone) const;
  // Working days from `from` (exclusive) to `to` (inclusive); 0 when to <= from.
  int working_days_between(const LocalDate& from, const LocalDate& to) const;

 private:
  std::set<LocalDate> holidays_;
  std::set<LocalDate> workdays_;
  std::set<int> years_;
};

}  // namespace yeyou
