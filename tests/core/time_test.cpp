#include <doctest/doctest.h>

#include "core/event.hpp"
#include "core/time.hpp"

using namespace yeyou;

static Timestamp T(const char* s) {
  auto t = parse_iso8601(s);
  REQUIRE_MESSAGE(t.has_value(), s);
  return *t;
}

TEST_CASE("ISO 8601 parsing accepts offsets, Z and local time, and refuses garbage") {
  CHECK(format_iso8601(T("2026-11-29T19:30:00+08:00")) == "2026-11-29T19:30:00+08:00");
  CHECK(T("2026-11-29T11:30:00Z") == T("2026-11-29T19:30:00+08:00"));
  CHECK(T("2026-11-29T19:30") == T("2026-11-29T19:30:00+08:00"));  // no offset = Asia/Shanghai
  CHECK(T("2026-11-29T19:30:00.250+0800") == T("2026-11-29T19:30:00+08:00"));
  CHECK(T("2026-11-29") == T("2026-11-29T00:00:00+08:00"));
  for (const char* bad : {"", "2026-13-01", "2026-02-30T10:00", "2026-11-29T24:00", "2026-11-29T19:60",
                          "2026-11-29X19:00", "2026-11-29T19:30:00+25:00", "tonight", "2026-11-29T19:30:00+08:00junk",
                          "2025-02-29", "20261129"}) {
    CHECK_MESSAGE(!parse_iso8601(bad).has_value(), bad);
  }
  CHECK(parse_iso8601("2024-02-29").has_value());  // leap day
}

TEST_CASE("tonight runs from 17:00 to 06:00 the next day, across month and year ends") {
  auto w = tonight_window(LocalDate{2026, 12, 31});
  CHECK(format_iso8601(w.begin) == "2026-12-31T17:00:00+08:00");
  CHECK(format_iso8601(w.end) == "2027-01-01T06:00:00+08:00");
  auto feb = tonight_window(LocalDate{2028, 2, 28});
  CHECK(format_iso8601(feb.end) == "2028-02-29T06:00:00+08:00");
  auto nov = tonight_window(LocalDate{2026, 11, 30});
  CHECK(format_iso8601(nov.end) == "2026-12-01T06:00:00+08:00");
}

TEST_CASE("night_of assigns the small hours to the previous evening") {
  CHECK(night_of(T("2027-01-01T01:30:00+08:00")) == LocalDate{2026, 12, 31});
  CHECK(night_of(T("2027-01-01T05:59:59+08:00")) == LocalDate{2026, 12, 31});
  CHECK(night_of(T("2027-01-01T06:00:00+08:00")) == LocalDate{2027, 1, 1});
  CHECK(night_of(T("2026-11-29T23:59:00+08:00")) == LocalDate{2026, 11, 29});
  // UTC midnight is 08:00 in Shanghai: the local date decides, not the UTC one.
  CHECK(night_of(T("2026-11-29T20:00:00Z")) == LocalDate{2026, 11, 29});
}

TEST_CASE("local dates step across month and year ends and know their weekday") {
  CHECK(LocalDate{2026, 12, 31}.plus_days(1) == LocalDate{2027, 1, 1});
  CHECK(LocalDate{2027, 3, 1}.plus_days(-1) == LocalDate{2027, 2, 28});
  CHECK(LocalDate{2026, 11, 29}.iso_weekday() == 7);  // a Sunday
  CHECK(LocalDate{2026, 11, 30}.iso_weekday() == 1);
}

TEST_CASE("other zones use the tz database, including DST") {
  auto t = from_local(LocalDate{2026, 7, 1}, 12 * 60, "America/Los_Angeles");
  CHECK(format_iso8601(t, "America/Los_Angeles") == "2026-07-01T12:00:00-07:00");
  auto w = from_local(LocalDate{2026, 1, 1}, 12 * 60, "America/Los_Angeles");
  CHECK(format_iso8601(w, "America/Los_Angeles") == "2026-01-01T12:00:00-08:00");
}

static Event make_event(const char* start, const char* end, EventStatus status = EventStatus::scheduled) {
  Event e;
  e.id = 1;
  e.venue_id = 1;
  e.start = T(start);
  e.end = T(end);
  e.status = status;
  return e;
}

TEST_CASE("event phases across midnight") {
  auto e = make_event("2026-12-31T22:00:00+08:00", "2027-01-01T02:00:00+08:00");
  CHECK(phase_at(e, T("2026-12-31T18:00:00+08:00")) == EventPhase::later_tonight);
  CHECK(phase_at(e, T("2026-12-31T23:59:00+08:00")) == EventPhase::on_now);
  CHECK(phase_at(e, T("2027-01-01T01:59:59+08:00")) == EventPhase::on_now);
  CHECK(phase_at(e, T("2027-01-01T02:00:00+08:00")) == EventPhase::ended);
  CHECK(phase_at(e, T("2026-12-30T21:00:00+08:00")) == EventPhase::upcoming);
  // In the afternoon, tonight's events are already "later tonight".
  CHECK(phase_at(e, T("2026-12-31T14:00:00+08:00")) == EventPhase::later_tonight);
  auto late = make_event("2027-01-01T01:00:00+08:00", "2027-01-01T03:00:00+08:00");
  CHECK(phase_at(late, T("2026-12-31T23:00:00+08:00")) == EventPhase::later_tonight);
  auto c = make_event("2026-12-31T22:00:00+08:00", "2027-01-01T02:00:00+08:00", EventStatus::cancelled);
  CHECK(phase_at(c, T("2026-12-31T23:00:00+08:00")) == EventPhase::cancelled);
}

TEST_CASE("overlap with tonight's window") {
  auto w = tonight_window(LocalDate{2026, 11, 29});
  CHECK(overlaps(make_event("2026-11-29T16:00:00+08:00", "2026-11-29T18:00:00+08:00"), w));
  CHECK(!overlaps(make_event("2026-11-29T15:00:00+08:00", "2026-11-29T17:00:00+08:00"), w));
  CHECK(overlaps(make_event("2026-11-30T05:00:00+08:00", "2026-11-30T07:00:00+08:00"), w));
  CHECK(!overlaps(make_event("2026-11-30T06:00:00+08:00", "2026-11-30T07:00:00+08:00"), w));
}

TEST_CASE("format_iso8601 round-trips through parse_iso8601 in zones with odd offsets") {
  CHECK(format_iso8601(T("2026-01-15T08:05:09Z"), "America/St_Johns") == "2026-01-15T04:35:09-03:30");
  CHECK(format_iso8601(T("2026-01-15T08:05:09Z"), "Asia/Kathmandu") == "2026-01-15T13:50:09+05:45");
  CHECK(format_iso8601(T("1969-12-31T23:59:59Z"), "UTC") == "1969-12-31T23:59:59+00:00");
  for (const char* zone : {"Asia/Shanghai", "America/St_Johns", "Europe/London", "Pacific/Chatham", "UTC"})
    for (std::int64_t s = 1'600'000'000; s < 1'900'000'000; s += 7'777'777) {
      Timestamp t{std::chrono::seconds{s}};
      auto text = format_iso8601(t, zone);
      CAPTURE(text);
      CHECK(parse_iso8601(text, zone) == t);
    }
}
