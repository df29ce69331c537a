#pragma once
// Turns iCalendar local times into instants. A TZID names the calendar's own
// VTIMEZONE when it has one (RFC 5545: its STANDARD/DAYLIGHT observances with
// DTSTART, RDATE and RRULE give the offsets, so custom zones such as
// "MyTimezone" work); otherwise an IANA zone from the system tzdata. Floating
// times and DATE values use the venue's zone.
//
// Local times that occur twice take the first occurrence, and local times in
// a gap use the offset before the gap, as RFC 5545 section 3.3.5 says.
#include <map>
#include <string>
#include <vector>

#include "core/ical_parser.hpp"
#include "core/ical_values.hpp"

namespace yeyou::ical {

class ZoneResolver {
 public:
  // Reads the VTIMEZONE children of `calendar`; throws IcalError for a malformed one.
  ZoneResolver(const Component& calendar, std::string floating_zone);

  // The instant of a DATE-TIME (UTC, floating or with TZID); a DATE is its
  // local midnight in the floating zone. Throws IcalError(line) for an unknown TZID.
  Timestamp instant(const DateTime& dt, int line) const;
  // UTC offset in seconds of a custom zone at an instant (for tests and checks).
  std::optional<int> custom_offset(const std::string& tzid, Timestamp t) const;
  bool has_custom_zone(const std::string& tzid) const { return custom_.count(tzid) > 0; }
  const std::string& floating_zone() const { return floating_; }

 private:
  struct Transition {
    Timestamp at;
    int offset = 0;  // seconds east of UTC from `at` on
  };
  struct CustomZone {
    int initial_offset = 0;  // before the first transition
    std::vector<Transition> transitions;
    int offset_at(Timestamp t) const;
    Timestamp from_local(Timestamp local_as_utc) const;
  };
  static CustomZone read_zone(const Component& vtimezone);

  std::map<std::string, CustomZone> custom_;
  std::string floating_;
};

// The instant of a local wall time read as if it were UTC ("local seconds").
Timestamp local_seconds(const LocalDate& d, int seconds);

}  // namespace yeyou::ical
