#pragma once
// Weekly recurrence for events: on the given weekdays between two dates,
// from a local start time to an end time (an end at or before the start
// means the next morning), minus exception dates. Expanded server-side into
// ordinary events.
#include <vector>

#include "core/json_reader.hpp"
#include "core/time.hpp"

namespace yeyou {

struct WeeklyRule {
  std::vector<int> weekdays;  // ISO 1..7
  int start_minute = 0;
  int end_minute = 0;
  LocalDate from;
  LocalDate until;  // inclusive
  std::vector<LocalDate> exceptions;
};

inline constexpr int kMaxRecurrenceDays = 366;
inline constexpr std::size_t kMaxOccurrences = 400;

Json to_json(const WeeklyRule& r);
// Reads {"weekdays", "start_time", "end_time", "from", "until", "except"}.
WeeklyRule read_weekly_rule(FieldReader& parent, const std::string& key);
// (start, end) instants of every occurrence, in order.
std::vector<TimeWindow> expand(const WeeklyRule& r, std::string_view zone = kDefaultZone);

}  // namespace yeyou
