// QR payload texts: an event's VEVENT, a route summary, a complaint tracking URL.
#include <doctest/doctest.h>

#include <stdexcept>

#include "core/ical_events.hpp"
#include "core/qr_payload.hpp"

using namespace yeyou;

namespace {

Event sample_event() {
  Event e;
  e.id = 42;
  e.venue_id = 3;
  e.title = {"海滨灯光秀", "Seaside Light Show", "해변 빛 쇼"};
  e.description = {"每晚两场", "Two shows nightly", ""};
  e.start = *parse_iso8601("2026-03-10T19:30:00+08:00");
  e.end = *parse_iso8601("2026-03-10T21:00:00+08:00");
  return e;
}

Venue sample_venue() {
  Venue v;
  v.id = 3;
  v.name = {"海滨公园", "Seaside Park", "해변 공원"};
  v.address = {"滨海路 1 号", "1 Binhai Road", ""};
  v.lat = 22.5;
  v.lon = 114.25;
  return v;
}

}  // namespace

TEST_CASE("an event's QR payload is one VEVENT in the visitor's language") {
  Venue v = sample_venue();
  std::string text = event_qr_payload(sample_event(), &v, Lang::en, *parse_iso8601("2026-03-01T00:00:00Z"));
  CHECK(text.rfind("BEGIN:VEVENT\r\n", 0) == 0);
  CHECK(text.find("END:VEVENT\r\n") == text.size() - 12);
  CHECK(text.find("UID:event-42@yeyou\r\n") != std::string::npos);
  CHECK(text.find("SUMMARY:Seaside Light Show\r\n") != std::string::npos);
  CHECK(text.find("DTSTART:20260310T113000Z\r\n") != std::string::npos);
  CHECK(text.find("LOCATION:Seaside Park\\, 1 Binhai Road\r\n") != std::string::npos);
  CHECK(text.find("DESCRIPTION") == std::string::npos);  // kept out to keep the code small
  // Korean falls back to Chinese where a translation is missing.
  std::string ko = event_qr_payload(sample_event(), &v, Lang::ko, now_utc());
  CHECK(ko.find("SUMMARY:해변 빛 쇼\r\n") != std::string::npos);
  CHECK(ko.find("LOCATION:해변 공원\\, 滨海路 1 号\r\n") != std::string::npos);
  // A huge title is cut to fit.
  Event big = sample_event();
  big.title.zh = std::string(300, 'x') + "灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀"
                 "灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀灯光秀";
  big.title.zh += big.title.zh + big.title.zh + big.title.zh;
  std::string small = event_qr_payload(big, &v, Lang::zh, now_utc());
  CHECK(small.size() <= kMaxQrPayloadBytes);
  CHECK(small.find("SUMMARY:xxx") != std::string::npos);
  // It is still a calendar object once wrapped, and reads back.
  auto back = ical::read_events("BEGIN:VCALENDAR\r\n" + text + "END:VCALENDAR\r\n",
                                ical::ExpandOptions{*parse_iso8601("2026-03-01T00:00:00Z")});
  REQUIRE(back.occurrences.size() == 1);
  CHECK(back.occurrences[0].summary == "Seaside Light Show");
}

TEST_CASE("a route summary to take along") {
  RouteSummary r;
  r.route_name = "N1";
  r.headsign = "Night Market";
  r.stop_name = "Harbour";
  r.next_departures = {*parse_iso8601("2026-03-02T22:40:00+08:00"), *parse_iso8601("2026-03-02T23:10:00+08:00")};
  r.last_departure = *parse_iso8601("2026-03-03T00:40:00+08:00");
  CHECK(route_summary_payload(r, Lang::zh) == "N1 → Night Market\n上车站：Harbour\n下一班：22:40 23:10\n末班车：00:40\n");
  CHECK(route_summary_payload(r, Lang::en) ==
        "N1 → Night Market\nBoard at: Harbour\nNext: 22:40 23:10\nLast departure: 00:40\n");
  CHECK(route_summary_payload(r, Lang::ko) == "N1 → Night Market\n승차 정류장: Harbour\n다음 차: 22:40 23:10\n막차: 00:40\n");
  r.zone = "America/Los_Angeles";
  r.next_departures.resize(1);
  r.last_departure.reset();
  CHECK(route_summary_payload(r, Lang::en) == "N1 → Night Market\nBoard at: Harbour\nNext: 06:40\n");
}

TEST_CASE("a complaint tracking URL") {
  CHECK(complaint_tracking_url("https://yeyou.example/track/", "C-2026-0012", Lang::ko) ==
        "https://yeyou.example/track/C-2026-0012?lang=ko");
  CHECK(complaint_tracking_url("http://10.0.0.5:8080/t", "a b/中", Lang::zh) ==
        "http://10.0.0.5:8080/t/a%20b%2F%E4%B8%AD?lang=zh");
  CHECK_THROWS_AS(complaint_tracking_url("javascript:alert(1)", "x", Lang::en), std::invalid_argument);
  CHECK_THROWS_AS(complaint_tracking_url("https://x.example/t?a=1", "x", Lang::en), std::invalid_argument);
  CHECK_THROWS_AS(complaint_tracking_url("https://x.example/t", "", Lang::en), std::invalid_argument);
}
