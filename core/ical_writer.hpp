#pragma once
// Writing iCalendar (RFC 5545): CRLF line ends, lines folded at 75 octets
// without splitting a UTF-8 character, TEXT escaped, times in UTC, a stable
// UID per event and a DTSTAMP.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "core/venue.hpp"

namespace yeyou::ical {

inline constexpr std::size_t kMaxLineOctets = 75;

struct CalendarEntry {
  std::string uid;
  Timestamp start{};
  Timestamp end{};
  std::string summary;
  std::string description;
  std::string location;
  std::optional<std::pair<double, double>> geo;  // lat, lon
  std::string status = "CONFIRMED";              // CONFIRMED, TENTATIVE or CANCELLED
};

// "NAME;PARAMS:value" folded into CRLF-terminated lines of at most 75 octets.
std::string fold_line(std::string_view content_line);

// The stable UID of a Yeyou event: "event-42@yeyou".
std::string event_uid(std::int64_t event_id);
// An event as a calendar entry, its text in `lang` (falling back to Chinese);
// the venue, when given, supplies LOCATION and GEO.
CalendarEntry calendar_entry(const Event& e, const Venue* venue, Lang lang);

// BEGIN:VEVENT … END:VEVENT, folded, CRLF.
std::string write_vevent(const CalendarEntry& entry, Timestamp dtstamp, bool with_description = true);
// A whole VCALENDAR (METHOD:PUBLISH) with the entries in order.
std::string write_calendar(std::string_view name, const std::vector<CalendarEntry>& entries, Timestamp dtstamp);

}  // namespace yeyou::ical
