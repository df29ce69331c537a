// iCalendar: the sample files, recurrence with exceptions across DST, custom
// VTIMEZONEs, folding round-trips and hostile input.
#include <doctest/doctest.h>

#include <algorithm>

#include "core/ical_events.hpp"
#include "core/ical_parser.hpp"
#include "core/ical_rrule.hpp"
#include "core/ical_timezone.hpp"
#include "core/ical_writer.hpp"
#include "transit/transit_fixtures.hpp"

using namespace yeyou;
using namespace yeyou::ical;
using namespace std::string_literals;

namespace {

ExpandOptions options_at(const char* now) {
  ExpandOptions o;
  o.now = *parse_iso8601(now);
  return o;
}

std::string utc(Timestamp t) { return format_iso8601(t, "UTC"); }

std::string refusal(const std::string& text, const char* now = "2026-03-01T00:00:00Z") {
  try {
    read_events(text, options_at(now));
  } catch (const IcalError& e) {
    return e.what();
  }
  return "accepted";
}

std::string sample(const std::string& name) { return test::slurp(test::shared_data("ics/" + name)); }

std::string calendar(const std::string& body) {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:test\r\n" + body + "END:VCALENDAR\r\n";
}

// Weekly Friday 19:00 in New York from 2026-02-27, six times; DST starts on 2026-03-08.
// 03-06 is excluded, 03-20 moved to 20:00 and renamed, 03-27 cancelled.
std::string dst_series(const std::string& tzid, const std::string& vtimezone) {
  return calendar(vtimezone +
                  "BEGIN:VEVENT\r\nUID:jazz@venue\r\nDTSTART;TZID=" + tzid + ":20260227T190000\r\n"
                  "DTEND;TZID=" + tzid + ":20260227T210000\r\nRRULE:FREQ=WEEKLY;BYDAY=FR;COUNT=6\r\n"
                  "EXDATE;TZID=" + tzid + ":20260306T190000\r\nSUMMARY:Jazz night\r\nEND:VEVENT\r\n"
                  "BEGIN:VEVENT\r\nUID:jazz@venue\r\nRECURRENCE-ID;TZID=" + tzid + ":20260320T190000\r\n"
                  "DTSTART;TZID=" + tzid + ":20260320T200000\r\nDTEND;TZID=" + tzid + ":20260320T220000\r\n"
                  "SUMMARY:Jazz night (late)\r\nEND:VEVENT\r\n"
                  "BEGIN:VEVENT\r\nUID:jazz@venue\r\nRECURRENCE-ID;TZID=" + tzid + ":20260327T190000\r\n"
                  "DTSTART;TZID=" + tzid + ":20260327T190000\r\nDURATION:PT2H\r\nSTATUS:CANCELLED\r\nEND:VEVENT\r\n");
}

const char* kEasternVtimezone =
    "BEGIN:VTIMEZONE\r\nTZID:Eastern (custom)\r\n"
    "BEGIN:STANDARD\r\nDTSTART:20071104T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n"
    "TZOFFSETFROM:-0400\r\nTZOFFSETTO:-0500\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:20070311T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n"
    "TZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400\r\nEND:DAYLIGHT\r\nEND:VTIMEZONE\r\n";

std::vector<std::string> lines_of(const CalendarEvents& c) {
  std::vector<std::string> out;
  for (const auto& o : c.occurrences)
    out.push_back(utc(o.start) + " " + utc(o.end) + " " + o.summary + (o.cancelled ? " CANCELLED" : ""));
  return out;
}

}  // namespace

TEST_CASE("sample: alarm_google_future.ics is one UTC event, its alarms are ignored") {
  auto c = read_events(sample("alarm_google_future.ics"), options_at("2024-10-01T00:00:00Z"));
  CHECK(lines_of(c) == std::vector<std::string>{"2024-10-04T18:15:00+00:00 2024-10-04T19:00:00+00:00 event with alarms"});
  CHECK(c.occurrences[0].uid == "79fs7pkqvht9m5igs0vjv1sfra@google.com");
}

TEST_CASE("sample: alarm_thunderbird_future.ics with its huge VTIMEZONE") {
  std::string text = sample("alarm_thunderbird_future.ics");
  auto c = read_events(text, options_at("2024-10-01T00:00:00Z"));
  // 15:00-16:00 Europe/London in October is British Summer Time (UTC+1).
  CHECK(lines_of(c) == std::vector<std::string>{"2024-10-23T14:00:00+00:00 2024-10-23T15:00:00+00:00 event with alarms"});
  // The file's own Europe/London definition (RDATEs and RRULEs) agrees with the tz database.
  auto roots = parse(text);
  ZoneResolver zones(roots[0], "UTC");
  REQUIRE(zones.has_custom_zone("Europe/London"));
  for (const char* when : {"1917-06-01T12:00:00Z", "1941-07-01T12:00:00Z", "1990-01-15T12:00:00Z",
                           "2024-03-31T00:59:59Z", "2024-03-31T01:00:00Z", "2024-10-27T00:59:59Z",
                           "2024-10-27T01:00:00Z", "2030-07-01T00:00:00Z"}) {
    CAPTURE(when);
    Timestamp t = *parse_iso8601(when);
    auto local = to_local(t, "Europe/London");
    auto offset = (local_seconds(local.date, local.minute_of_day * 60 + local.second) - t).count();
    CHECK(zones.custom_offset("Europe/London", t) == offset);
  }
}

TEST_CASE("sample: example.ics has three all-day events with DTEND equal to DTSTART") {
  auto c = read_events(sample("example.ics"), options_at("2022-01-01T00:00:00Z"));
  REQUIRE(c.occurrences.size() == 3);
  for (const auto& o : c.occurrences) {
    CHECK(o.all_day);
    CHECK((o.end - o.start) == std::chrono::hours{24});
  }
  // A DATE is a day in the venue's zone (Asia/Shanghai).
  CHECK(format_iso8601(c.occurrences[0].start) == "2022-01-01T00:00:00+08:00");
  CHECK(c.occurrences[2].summary == "International Women's Day");
  CHECK(c.occurrences[1].description == "It is Christmas again!");
}

TEST_CASE("sample: bom_calendar.ics is an empty calendar after a BOM") {
  auto c = read_events(sample("bom_calendar.ics"), options_at("2024-01-01T00:00:00Z"));
  CHECK(c.occurrences.empty());
  CHECK(c.vevents == 0);
}

TEST_CASE("sample: issue_722 uses the custom VTIMEZONE's own offsets around its transition") {
  auto c = read_events(sample("issue_722_timezone_transition_ambiguity.ics"), options_at("2024-01-01T00:00:00Z"));
  REQUIRE(c.occurrences.size() == 4);
  std::map<std::string, std::string> starts;
  for (const auto& o : c.occurrences) starts[o.uid] = utc(o.start);
  CHECK(starts["0"] == "2024-03-02T20:00:00+00:00");  // winter, +12
  CHECK(starts["1"] == "2024-08-02T22:00:00+00:00");  // summer, +10
  CHECK(starts["2"] == "2024-05-04T22:00:01+00:00");  // 08:00:01 exists only in summer time
  CHECK(starts["3"] == "2024-05-04T19:00:01+00:00");  // 07:00:01 happens twice: the first (winter) one
  // No DTEND: one hour is assumed, and said.
  CHECK(c.warnings.size() == 4);
}

TEST_CASE("the refused samples name their lines") {
  CHECK(refusal(sample("broken_ical.ics")) == "line 4: empty parameter in DTSTART");
  CHECK(refusal(sample("issue_1081_invalid_rrule_freq.ics")) ==
        "line 7: RRULE: FREQ 'INVALID_TYPE_CAUSES_ERROR' is not a valid frequency");
  CHECK(refusal(sample("event_with_recurrence_exdates_on_different_lines.ics")) ==
        "line 1: expected BEGIN:VCALENDAR, found BEGIN:VEVENT (not an iCalendar object)");
  try {
    read_events(sample("big_bad_calendar.ics"), options_at("2024-01-01T00:00:00Z"));
    FAIL("big_bad_calendar.ics was accepted");
  } catch (const IcalError& e) {
    const auto& p = e.problems();
    REQUIRE(p.size() == 21);  // the unclosed VCALENDAR and each of the 20 empty VEVENTs
    CHECK(p[0].line == 1);
    CHECK(p[0].message == "BEGIN:VCALENDAR is never closed by END:VCALENDAR");
    CHECK(p[1].line == 2);
    CHECK(p[1].message == "VEVENT has no UID, DTSTART");
    CHECK(p[20].line == 40);
  }
  // Every sample file is covered by a test here.
  CHECK(std::distance(test::fs::directory_iterator(test::shared_data("ics")), {}) == 10);  // 9 files + README
}

TEST_CASE("the bare VEVENT sample's recurrence, once wrapped in a calendar") {
  std::string text = sample("event_with_recurrence_exdates_on_different_lines.ics");
  text = "BEGIN:VCALENDAR\n" + text.substr(0, text.find("DTSTAMP")) + "UID:bare@test\n" + text.substr(text.find("DTSTAMP")) +
         "END:VCALENDAR\n";
  ExpandOptions o = options_at("2012-03-01T00:00:00Z");
  auto c = read_events(text, o);
  // Tuesdays from 2012-03-27 until 2012-07-03 08:00Z (10:00 Vienna) is 15 dates, five of them excluded.
  REQUIRE(c.occurrences.size() == 10);
  CHECK(utc(c.occurrences[0].start) == "2012-03-27T08:00:00+00:00");
  CHECK(utc(c.occurrences[1].start) == "2012-04-24T08:00:00+00:00");
  CHECK(utc(c.occurrences.back().start) == "2012-07-03T08:00:00+00:00");
}

TEST_CASE("a weekly series with EXDATE, a moved and a cancelled occurrence, across DST (IANA zone)") {
  auto c = read_events(dst_series("America/New_York", ""), options_at("2026-02-01T00:00:00Z"));
  CHECK(lines_of(c) == std::vector<std::string>{
                           "2026-02-28T00:00:00+00:00 2026-02-28T02:00:00+00:00 Jazz night",          // 19:00 EST
                           "2026-03-13T23:00:00+00:00 2026-03-14T01:00:00+00:00 Jazz night",          // 19:00 EDT
                           "2026-03-21T00:00:00+00:00 2026-03-21T02:00:00+00:00 Jazz night (late)",   // moved
                           "2026-03-27T23:00:00+00:00 2026-03-28T01:00:00+00:00 Jazz night CANCELLED",
                           "2026-04-03T23:00:00+00:00 2026-04-04T01:00:00+00:00 Jazz night"});
  // The moved occurrence keeps its original start as its key.
  CHECK(utc(c.occurrences[2].key) == "2026-03-20T23:00:00+00:00");
}

TEST_CASE("the same series in a custom VTIMEZONE with yearly STANDARD/DAYLIGHT rules") {
  auto iana = read_events(dst_series("America/New_York", ""), options_at("2026-02-01T00:00:00Z"));
  auto custom = read_events(dst_series("Eastern (custom)", kEasternVtimezone), options_at("2026-02-01T00:00:00Z"));
  CHECK(lines_of(custom) == lines_of(iana));
  // A time in the spring gap uses the offset before it: 02:30 -> 07:30Z (03:30 EDT).
  auto gap = read_events(calendar(std::string(kEasternVtimezone) +
                                  "BEGIN:VEVENT\r\nUID:g\r\nDTSTART;TZID=Eastern (custom):20260308T023000\r\n"
                                  "DURATION:PT30M\r\nSUMMARY:gap\r\nEND:VEVENT\r\n"),
                         options_at("2026-02-01T00:00:00Z"));
  CHECK(utc(gap.occurrences[0].start) == "2026-03-08T07:30:00+00:00");
}

TEST_CASE("RRULE expansion: monthly, yearly, interval, until and the limits") {
  auto dates = [](const std::string& rule, const std::string& start, std::size_t max = 100) {
    Property p{"RRULE", {}, rule, 1};
    Rrule r = parse_rrule(p);
    LocalDate s = *parse_date(start);
    std::vector<std::string> out;
    for (const auto& d : expand_dates(r, s, {2030, 1, 1}, max, [&](const LocalDate& d) {
           return !r.until || d <= r.until->date;
         }))
      out.push_back(d.to_string());
    return out;
  };
  CHECK(dates("FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "2026-01-30") ==
        std::vector<std::string>{"2026-01-30", "2026-02-27", "2026-03-27"});
  CHECK(dates("FREQ=MONTHLY;BYMONTHDAY=31;COUNT=4", "2026-01-31") ==
        std::vector<std::string>{"2026-01-31", "2026-03-31", "2026-05-31", "2026-07-31"});
  CHECK(dates("FREQ=DAILY;INTERVAL=2;UNTIL=20260307", "2026-03-01") ==
        std::vector<std::string>{"2026-03-01", "2026-03-03", "2026-03-05", "2026-03-07"});
  CHECK(dates("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=4", "2026-03-02") ==
        std::vector<std::string>{"2026-03-02", "2026-03-04", "2026-03-09", "2026-03-11"});
  CHECK(dates("FREQ=WEEKLY;INTERVAL=2;BYDAY=SA;COUNT=3", "2026-03-07") ==
        std::vector<std::string>{"2026-03-07", "2026-03-21", "2026-04-04"});
  CHECK(dates("FREQ=YEARLY;BYMONTH=3;BYDAY=2SU;COUNT=3", "2026-03-08") ==
        std::vector<std::string>{"2026-03-08", "2027-03-14", "2028-03-12"});
  CHECK(dates("FREQ=MONTHLY;BYMONTHDAY=1,15;BYMONTH=6;COUNT=3", "2026-06-01") ==
        std::vector<std::string>{"2026-06-01", "2026-06-15", "2027-06-01"});
  CHECK(dates("FREQ=DAILY", "2026-01-01", 5).size() == 5);
  auto refused = [](const std::string& rule) {
    try {
      parse_rrule(Property{"RRULE", {}, rule, 9});
    } catch (const IcalError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(refused("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO") == "line 9: RRULE: BYSETPOS is not supported");
  CHECK(refused("FREQ=HOURLY") == "line 9: RRULE: FREQ=HOURLY is not supported");
  CHECK(refused("BYDAY=MO") == "line 9: RRULE: FREQ is required");
  CHECK(refused("FREQ=WEEKLY;BYDAY=2MO") == "line 9: RRULE: BYDAY ordinals such as 2TU need FREQ=MONTHLY or YEARLY");
  CHECK(refused("FREQ=DAILY;COUNT=2;UNTIL=20260101") == "line 9: RRULE: COUNT and UNTIL must not both be given");
  CHECK(refused("FREQ=DAILY;FREQ=DAILY") == "line 9: RRULE: FREQ appears twice");
}

TEST_CASE("open-ended series are expanded for two years at most, and capped") {
  std::string text = calendar("BEGIN:VEVENT\r\nUID:daily\r\nDTSTART:20200101T120000Z\r\nDURATION:PT1H\r\n"
                              "RRULE:FREQ=DAILY\r\nSUMMARY:Every day\r\nEND:VEVENT\r\n");
  ExpandOptions o = options_at("2026-03-01T00:00:00Z");
  auto c = read_events(text, o);
  // From 31 days ago to 730 days ahead.
  CHECK(utc(c.occurrences.front().start) == "2026-01-29T12:00:00+00:00");
  CHECK(c.occurrences.front().start >= o.now - std::chrono::days{31});
  CHECK(c.occurrences.back().start <= o.now + std::chrono::days{730});
  CHECK(c.occurrences.size() > 750);
  o.max_per_series = 50;
  auto capped = read_events(text, o);
  CHECK(capped.occurrences.size() == 50);
  CHECK(std::any_of(capped.warnings.begin(), capped.warnings.end(),
                    [](const std::string& w) { return w.find("only the first 50") != std::string::npos; }));
}

TEST_CASE("unfolding, escapes, UTF-8 and parameters") {
  std::string text = calendar(
      "BEGIN:VEVENT\r\nUID:fold@test\r\nDTSTART:20260310T110000Z\r\nDTEND:20260310T120000Z\r\n"
      "SUMMARY:灯光秀\\, 海滨\\; 第\r\n 一场\r\n"
      "DESCRIPTION:line one\\nline two \\\\ end\r\n"
      "LOCATION;LANGUAGE=\"zh-CN\";X-A=1,2:海滨公园\r\nEND:VEVENT\r\n");
  auto c = read_events(text, options_at("2026-03-01T00:00:00Z"));
  REQUIRE(c.occurrences.size() == 1);
  CHECK(c.occurrences[0].summary == "灯光秀, 海滨; 第一场");
  CHECK(c.occurrences[0].description == "line one\nline two \\ end");
  CHECK(c.occurrences[0].location == "海滨公园");
  // A fold may split a multi-byte character; unfolding restores it.
  std::string split = "SUMMARY:\xE7\x81\r\n \xAF\xE5\x85\x89";
  auto roots = parse("BEGIN:VCALENDAR\r\n" + split + "\r\nEND:VCALENDAR\r\n");
  CHECK(roots[0].property("SUMMARY")->value == "灯光");
}

TEST_CASE("hostile input is refused with line numbers and never crashes") {
  CHECK(refusal("BEGIN:VCALENDAR\r\nX-BIG:" + std::string(100000, 'a') + "\r\nEND:VCALENDAR\r\n") ==
        "line 2: content line longer than 65536 bytes");
  std::string folded = "BEGIN:VCALENDAR\r\nX-BIG:a";
  for (int i = 0; i < 2000; ++i) folded += "\r\n " + std::string(70, 'b');
  CHECK(refusal(folded + "\r\nEND:VCALENDAR\r\n") == "line 2: content line longer than 65536 bytes");
  std::string deep = "BEGIN:VCALENDAR\r\n";
  for (int i = 0; i < 10000; ++i) deep += "BEGIN:X\r\n";
  CHECK(refusal(deep) == "line 9: components nested deeper than 8 levels");
  CHECK(refusal(calendar("BEGIN:VEVENT\r\nSUMMARY:bad \xFF byte\r\nEND:VEVENT\r\n")) == "line 5: invalid UTF-8");
  CHECK(refusal(calendar("BEGIN:VEVENT\r\nSUMMARY:overlong \xC0\xAF\r\nEND:VEVENT\r\n")) == "line 5: invalid UTF-8");
  CHECK(refusal("BEGIN:VCALENDAR\r\nX-A:a\0b\r\nEND:VCALENDAR\r\n"s) ==
        "line 2: NUL byte in a content line");
  CHECK(refusal("BEGIN:VCALENDAR\r\nEND:VEVENT\r\n") == "line 2: END:VEVENT does not close BEGIN:VCALENDAR (line 1)");
  CHECK(refusal("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\nEND:VCALENDAR\r\n") == "line 3: END:VCALENDAR without a matching BEGIN");
  CHECK(refusal(" folded first\r\n") == "line 1: a folded continuation line has no line before it");
  CHECK(refusal("") == "line 1: no BEGIN:VCALENDAR found (empty file)");
  CHECK(refusal("BEGIN:VCALENDAR\r\nNOCOLON\r\nEND:VCALENDAR\r\n") == "line 2: property NOCOLON has no ':' before its value");
  CHECK(refusal("BEGIN:VCALENDAR\r\nX;P=\"open:1\r\nEND:VCALENDAR\r\n") == "line 2: unterminated quoted value of parameter P");
  CHECK(refusal(std::string(9u << 20, 'x')) == "line 1: the file is larger than 8388608 bytes");
  // Semantic problems of several events are all listed.
  CHECK(refusal(calendar("BEGIN:VEVENT\r\nUID:a\r\nDTSTART:20260301T100000Z\r\nDTEND:20260301T090000Z\r\n"
                         "SUMMARY:x\r\nEND:VEVENT\r\n"
                         "BEGIN:VEVENT\r\nUID:b\r\nDTSTART;TZID=Mars/Base:20260301T100000\r\nSUMMARY:y\r\nEND:VEVENT\r\n"
                         "BEGIN:VEVENT\r\nUID:c\r\nDTSTART:20260301T100000Z\r\nDURATION:PT25H\r\nSUMMARY:z\r\nEND:VEVENT\r\n")) ==
        "line 7: DTEND is before DTSTART; line 12: TZID 'Mars/Base' is neither a VTIMEZONE of this calendar nor an "
        "IANA time zone; line 18: the event lasts more than 24 hours");
}

TEST_CASE("export: folding at 75 octets round-trips, never splitting a character") {
  CalendarEntry e;
  e.uid = "event-7@yeyou";
  e.start = *parse_iso8601("2026-03-10T19:30:00+08:00");
  e.end = *parse_iso8601("2026-03-10T21:00:00+08:00");
  e.summary = "海滨灯光秀, with a long English tail; and \\ backslashes 그리고 한국어도 조금 " + std::string(40, 'x');
  e.description = "第一行\n第二行 " + std::string(200, 'y') + " 끝";
  e.location = "海滨公园";
  e.geo = std::make_pair(22.5, 114.25);
  Timestamp stamp = *parse_iso8601("2026-03-01T00:00:00Z");
  std::string text = write_calendar("海滨公园", {e}, stamp);
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find("\r\n", start);
    REQUIRE(end != std::string::npos);  // every line ends in CRLF
    CHECK(end - start <= kMaxLineOctets);
    if (end + 2 < text.size() && text[end + 2] == ' ')
      CHECK((static_cast<unsigned char>(text[end + 3]) & 0xC0) != 0x80);  // a fold never splits UTF-8
    start = end + 2;
  }
  CHECK(text.find("DTSTART:20260310T113000Z\r\n") != std::string::npos);
  CHECK(text.find("DTSTAMP:20260301T000000Z\r\n") != std::string::npos);
  CHECK(text.find("UID:event-7@yeyou\r\n") != std::string::npos);
  ExpandOptions o = options_at("2026-03-01T00:00:00Z");
  auto back = read_events(text, o);
  REQUIRE(back.occurrences.size() == 1);
  CHECK(back.occurrences[0].summary == e.summary);
  CHECK(back.occurrences[0].description == e.description);
  CHECK(back.occurrences[0].start == e.start);
  CHECK(back.occurrences[0].end == e.end);
  CHECK(fold_line("short") == "short\r\n");
  CHECK(fold_line(std::string(75, 'a')) == std::string(75, 'a') + "\r\n");
  CHECK(fold_line(std::string(76, 'a')) == std::string(75, 'a') + "\r\n a\r\n");
}
