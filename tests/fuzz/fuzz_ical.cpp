// libFuzzer dictionary: ical.dict
// iCalendar files as `yeyou-server import-ics` and POST
// /venues/{id}/calendar.ics read them: the syntax (core/ical_parser) and the
// events with their recurrences, time zones and repairs (core/ical_events).
#include "core/ical_events.hpp"
#include "core/ical_parser.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace yeyou;
  std::string_view text = fuzz::as_text(data, size);
  try {
    (void)ical::parse(text);
  } catch (const ical::IcalError&) {
  }
  try {
    ical::ExpandOptions options;
    options.now = *parse_iso8601("2026-06-01T12:00:00+08:00");
    (void)ical::read_events(text, options);
  } catch (const ical::IcalError&) {
  }
  return 0;
}
