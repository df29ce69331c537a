#include "core/ical_writer.hpp"

#include <cstdio>

#include "core/ical_values.hpp"

namespace yeyou::ical {

namespace {

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

std::string status_of(EventStatus s) {
  switch (s) {
    case EventStatus::cancelled: return "CANCELLED";
    case EventStatus::postponed: return "TENTATIVE";
    case EventStatus::scheduled:
    case EventStatus::rescheduled: break;
  }
  return "CONFIRMED";
}

}  // namespace

std::string fold_line(std::string_view line) {
  std::string out;
  out.reserve(line.size() + line.size() / 70 * 3 + 2);
  std::size_t pos = 0;
  std::size_t room = kMaxLineOctets;  // the first line has 75 octets, the next ones 74 after the space
  while (line.size() - pos > room) {
    std::size_t cut = pos + room;
    while (cut > pos && continuation_byte(line[cut])) --cut;  // never split a UTF-8 sequence
    if (cut == pos) cut = pos + room;                         // not UTF-8 at all: split anyway
    out.append(line.substr(pos, cut - pos));
    out += "\r\n ";
    pos = cut;
    room = kMaxLineOctets - 1;
  }
  out.append(line.substr(pos));
  out += "\r\n";
  return out;
}

std::string event_uid(std::int64_t event_id) { return "event-" + std::to_string(event_id) + "@yeyou"; }

CalendarEntry calendar_entry(const Event& e, const Venue* venue, Lang lang) {
  CalendarEntry c;
  c.uid = event_uid(e.id);
  c.start = e.start;
  c.end = e.end;
  c.summary = e.title.in(lang);
  c.description = e.description.in(lang);
  c.status = status_of(e.status);
  if (venue) {
    c.location = venue->name.in(lang);
    const std::string& address = venue->address.in(lang);
    if (!address.empty()) c.location += ", " + address;
    c.geo = std::make_pair(venue->lat, venue->lon);
  }
  return c;
}

std::string write_vevent(const CalendarEntry& c, Timestamp dtstamp, bool with_description) {
  std::string out = fold_line("BEGIN:VEVENT");
  out += fold_line("UID:" + escape_text(c.uid));
  out += fold_line("DTSTAMP:" + format_utc(dtstamp));
  out += fold_line("DTSTART:" + format_utc(c.start));
  out += fold_line("DTEND:" + format_utc(c.end));
  out += fold_line("SUMMARY:" + escape_text(c.summary));
  if (with_description && !c.description.empty()) out += fold_line("DESCRIPTION:" + escape_text(c.description));
  if (!c.location.empty()) out += fold_line("LOCATION:" + escape_text(c.location));
  if (c.geo) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "GEO:%.6f;%.6f", c.geo->first, c.geo->second);
    out += fold_line(buf);
  }
  out += fold_line("STATUS:" + c.status);
  out += fold_line("END:VEVENT");
  return out;
}

std::string write_calendar(std::string_view name, const std::vector<CalendarEntry>& entries, Timestamp dtstamp) {
  std::string out = fold_line("BEGIN:VCALENDAR");
  out += fold_line("VERSION:2.0");
  out += fold_line("PRODID:-//Yeyou//Night Tourism Kiosk//ZH");
  out += fold_line("CALSCALE:GREGORIAN");
  out += fold_line("METHOD:PUBLISH");
  if (!name.empty()) out += fold_line("X-WR-CALNAME:" + escape_text(name));
  for (const auto& e : entries) out += write_vevent(e, dtstamp);
  out += fold_line("END:VCALENDAR");
  return out;
}

}  // namespace yeyou::ical
