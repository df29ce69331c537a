// libFuzzer target: any bytes through the iCalendar reader (parse, VTIMEZONE,
// RRULE expansion, occurrences). Must return or throw IcalError, nothing else.
#include <cstdint>
#include <string_view>

#include "core/ical_events.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const yeyou::Timestamp now = *yeyou::parse_iso8601("2026-03-01T00:00:00Z");
  yeyou::ical::ExpandOptions o;
  o.now = now;
  try {
    yeyou::ical::read_events(std::string_view(reinterpret_cast<const char*>(data), size), o);
  } catch (const yeyou::ical::IcalError&) {
  }
  return 0;
}
