#pragma once
// RRULE (RFC 5545 section 3.3.10), the day-level subset calendars use:
// FREQ=DAILY/WEEKLY/MONTHLY/YEARLY with INTERVAL, COUNT, UNTIL, BYDAY (with
// ordinals such as 2TU or -1SU in MONTHLY and YEARLY+BYMONTH), BYMONTHDAY,
// BYMONTH and WKST. Every occurrence keeps DTSTART's time of day, so rules
// expand to dates. BYSETPOS, BYHOUR, BYMINUTE, BYSECOND, BYYEARDAY, BYWEEKNO
// and sub-daily frequencies are refused rather than guessed.
#include <functional>
#include <optional>
#include <vector>

#include "core/ical_values.hpp"

namespace yeyou::ical {

enum class Frequency { daily, weekly, monthly, yearly };

struct WeekdayNum {
  int ordinal = 0;  // 0: every such weekday; 2: the second; -1: the last
  int weekday = 1;  // ISO 1 (Monday) .. 7 (Sunday)
};

struct Rrule {
  Frequency frequency = Frequency::daily;
  int interval = 1;
  std::optional<int> count;
  std::optional<DateTime> until;
  std::vector<WeekdayNum> by_day;
  std::vector<int> by_month_day;  // 1..31 or -31..-1
  std::vector<int> by_month;      // 1..12
  int week_start = 1;             // ISO weekday
  int line = 0;
};

// Throws IcalError naming the property's line for anything malformed or unsupported.
Rrule parse_rrule(const Property& p);

// Dates of the recurrence set from `start` (always the first, as RFC 5545
// counts DTSTART), in order. Stops after COUNT, at the first date for which
// `within_until` is false, after `horizon`, or after `max_dates` dates.
std::vector<LocalDate> expand_dates(const Rrule& rule, const LocalDate& start, const LocalDate& horizon,
                                    std::size_t max_dates,
                                    const std::function<bool(const LocalDate&)>& within_until);

}  // namespace yeyou::ical
