#pragma once
// VEVENTs of an iCalendar file as concrete occurrences: DTSTART with DTEND or
// DURATION, UTC / floating / TZID times, all-day events, RRULE and RDATE
// expanded, EXDATE removed, RECURRENCE-ID overrides applied and
// STATUS:CANCELLED kept as cancelled occurrences. VALARMs and other
// components are ignored.
//
// Every problem of every VEVENT is collected with its line, and the file is
// refused as a whole if there is any: nothing is half imported.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/ical_parser.hpp"
#include "core/time.hpp"

namespace yeyou::ical {

struct Occurrence {
  std::string uid;
  Timestamp key{};  // the occurrence's original start (its RECURRENCE-ID): stable across re-imports
  Timestamp start{};
  Timestamp end{};
  bool all_day = false;
  bool cancelled = false;
  std::string summary;
  std::string description;
  std::string location;
  int line = 0;  // the VEVENT's BEGIN line
};

struct ExpandOptions {
  Timestamp now{};
  std::string floating_zone = std::string(kDefaultZone);  // floating times and all-day dates
  int past_days = 31;        // recurring occurrences that ended longer ago are skipped
  int horizon_days = 730;    // recurring occurrences are expanded this far ahead (2 years)
  std::size_t max_per_series = 1000;
  std::size_t max_total = 20000;
  std::size_t max_summary_bytes = 300;
  std::size_t max_description_bytes = 4000;
  int max_all_day_span_days = 62;
};

struct CalendarEvents {
  std::vector<Occurrence> occurrences;  // in file order, then by start
  std::vector<std::string> warnings;    // repairs made, each starting "line N: "
  std::size_t vevents = 0;
};

// Throws IcalError listing every problem (with lines) if the file is refused.
CalendarEvents read_events(std::string_view text, const ExpandOptions& options, const Limits& limits = {});

// Cuts UTF-8 text to at most `max_bytes` without splitting a character.
std::string truncate_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace yeyou::ical
