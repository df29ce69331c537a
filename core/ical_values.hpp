#pragma once
// iCalendar value types: DATE and DATE-TIME (UTC, floating or with a TZID),
// DURATION, UTC offsets and TEXT escapes (RFC 5545 section 3.3).
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ical_parser.hpp"
#include "core/time.hpp"

namespace yeyou::ical {

struct DateTime {
  LocalDate date;
  int seconds = 0;      // of the day, 0..86399
  bool is_date = false; // a DATE value (all day)
  bool utc = false;     // ends in Z
  std::string tzid;     // the TZID parameter, "" when floating or UTC
  bool operator==(const DateTime&) const = default;
};

// "20240303T080000", "20240303T080000Z" or (with `date_only`) "20240303".
std::optional<DateTime> parse_date_time(std::string_view text, bool date_only);
// A DTSTART/DTEND/RECURRENCE-ID/EXDATE/RDATE property: honours VALUE=DATE and
// TZID, and reads comma-separated lists. Throws IcalError with the line.
std::vector<DateTime> read_date_times(const Property& p);
DateTime read_date_time(const Property& p);

// "PT1H30M", "P1D", "-PT15M", "P2W"; nullopt if malformed.
std::optional<std::chrono::seconds> parse_duration(std::string_view text);
// "+0800", "-0500", "+053000"; seconds east of UTC.
std::optional<int> parse_utc_offset(std::string_view text);

// TEXT values: \\ \; \, \n and \N.
std::string unescape_text(std::string_view text);
std::string escape_text(std::string_view text);

// "20261129T113000Z"
std::string format_utc(Timestamp t);

}  // namespace yeyou::ical
