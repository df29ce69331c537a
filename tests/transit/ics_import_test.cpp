// Importing calendars into a venue's events (idempotent by UID) and the
// calendar.ics endpoints.
#include <doctest/doctest.h>

#include <cstdio>

#include "core/ical_events.hpp"
#include "server/services/ics_import_service.hpp"
#include "server/store/content_store.hpp"
#include "server/services/service_errors.hpp"
#include "support/test_server.hpp"
#include "transit/transit_fixtures.hpp"

using namespace yeyou;

namespace {

const Timestamp kNow = *parse_iso8601("2026-03-01T12:00:00+08:00");

std::string series(const std::string& extra_master, const std::string& summary = "周五爵士夜") {
  return "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:venue\r\n"
         "BEGIN:VEVENT\r\nUID:jazz@venue\r\nDTSTART;TZID=Asia/Shanghai:20260306T200000\r\n"
         "DTEND;TZID=Asia/Shanghai:20260306T220000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n" +
         extra_master + "SUMMARY:" + summary + "\r\nDESCRIPTION:现场演出\\n免费入场\r\nEND:VEVENT\r\n"
         "BEGIN:VEVENT\r\nUID:market@venue\r\nDTSTART;VALUE=DATE:20260314\r\nDTEND;VALUE=DATE:20260316\r\n"
         "SUMMARY:周末夜市\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

// Tomorrow (local) as YYYYMMDD, for calendars that must lie ahead of the real clock.
std::string tomorrow() {
  LocalDate d = to_local(now_utc()).date.plus_days(1);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", d.year, d.month, d.day);
  return buf;
}

std::int64_t event_count(store::Db& db) {
  store::Stmt s(db, "SELECT count(*) FROM events");
  s.step();
  return s.int64(0);
}

services::Principal staff_of(std::int64_t venue) {
  return {services::Principal::Kind::user, 9, "s", "Staff", services::Role::venue_staff, {venue}, "", {}, {}};
}

}  // namespace

TEST_CASE("import-ics: occurrences become events, re-import is idempotent by UID") {
  test::TestServer srv;
  services::IcsImportService importer(srv.pool());
  auto first = importer.import_as_operator(1, series(""), kNow, EventCategory::performance);
  CHECK(first.vevents == 2);
  CHECK(first.occurrences == 6);  // four Fridays, and the market's two days
  CHECK(first.created == 6);
  auto& db = srv.pool().get();
  auto e = store::find_event(db, first.event_ids[0]);
  REQUIRE(e);
  CHECK(e->venue_id == 1);
  CHECK(e->title.zh == "周五爵士夜");
  CHECK(e->title.in(Lang::en) == "周五爵士夜");  // English falls back to Chinese
  CHECK(e->description.zh == "现场演出\n免费入场");
  CHECK(format_iso8601(e->start) == "2026-03-06T20:00:00+08:00");
  CHECK(format_iso8601(e->end) == "2026-03-06T22:00:00+08:00");
  auto market = store::find_event(db, first.event_ids[4]);
  CHECK(format_iso8601(market->start) == "2026-03-14T00:00:00+08:00");
  CHECK(market->description.zh == "周末夜市");  // no DESCRIPTION: the summary

  auto again = importer.import_as_operator(1, series(""), kNow);
  CHECK(again.created == 0);
  CHECK(again.updated == 0);
  CHECK(again.unchanged == 6);
  CHECK(again.event_ids == first.event_ids);

  // An EXDATE and a new title: one occurrence withdrawn (cancelled), the others updated.
  auto changed = importer.import_as_operator(1, series("EXDATE;TZID=Asia/Shanghai:20260313T200000\r\n", "爵士夜"), kNow);
  CHECK(changed.created == 0);
  CHECK(changed.updated == 3);
  CHECK(changed.unchanged == 2);
  CHECK(changed.withdrawn == 1);
  CHECK(store::find_event(db, first.event_ids[1])->status == EventStatus::cancelled);
  CHECK(store::find_event(db, first.event_ids[2])->title.zh == "爵士夜");
}

TEST_CASE("import-ics: refused files change nothing, staff of another venue may not import") {
  test::TestServer srv;
  services::IcsImportService importer(srv.pool());
  auto& db = srv.pool().get();
  auto before = event_count(db);
  CHECK_THROWS_AS(importer.import_as_operator(1, test::slurp(test::shared_data("ics/big_bad_calendar.ics")), kNow),
                  ical::IcalError);
  CHECK_THROWS_AS(importer.import_as_operator(1, test::slurp(test::shared_data("ics/broken_ical.ics")), kNow),
                  ical::IcalError);
  CHECK(event_count(db) == before);
  CHECK_THROWS_AS(importer.import(staff_of(2), 1, series(""), kNow), services::Forbidden);
  CHECK(importer.import(staff_of(1), 1, series(""), kNow).created == 6);
  CHECK_THROWS_AS(importer.import_as_operator(999, series(""), kNow), services::NotFound);
  // The sample files that are accepted import cleanly.
  auto google = importer.import_as_operator(2, test::slurp(test::shared_data("ics/alarm_google_future.ics")), kNow);
  CHECK(google.created == 1);
  auto empty = importer.import_as_operator(2, test::slurp(test::shared_data("ics/bom_calendar.ics")), kNow);
  CHECK(empty.occurrences == 0);
  auto holidays = importer.import_as_operator(2, test::slurp(test::shared_data("ics/example.ics")), kNow);
  CHECK(holidays.created == 3);
}

TEST_CASE("HTTP: calendar.ics exports and the staff upload") {
  test::TestServer srv;
  services::IcsImportService importer(srv.pool());
  std::string day = tomorrow();
  std::string upcoming = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:venue\r\nBEGIN:VEVENT\r\nUID:jazz@venue\r\n"
                         "DTSTART;TZID=Asia/Shanghai:" + day + "T200000\r\nDURATION:PT2H\r\n"
                         "RRULE:FREQ=WEEKLY;COUNT=6\r\nSUMMARY:周五爵士夜\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  auto sum = importer.import_as_operator(1, upcoming, now_utc());
  REQUIRE(sum.created == 6);
  auto cli = srv.client();
  auto r = cli.Get("/api/v1/venues/1/calendar.ics?lang=en");
  REQUIRE(r);
  CHECK(r->status == 200);
  CHECK(r->get_header_value("Content-Type") == "text/calendar; charset=utf-8");
  CHECK(r->body.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", 0) == 0);
  CHECK(r->body.find("\r\nDTSTAMP:") != std::string::npos);
  CHECK(r->body.find("UID:event-" + std::to_string(sum.event_ids[0]) + "@yeyou\r\n") != std::string::npos);
  auto parsed = ical::read_events(r->body, ical::ExpandOptions{now_utc()});
  CHECK(parsed.occurrences.size() >= 6);

  auto one = cli.Get(("/api/v1/events/" + std::to_string(sum.event_ids[0]) + ".ics").c_str());
  REQUIRE(one);
  CHECK(one->status == 200);
  CHECK(one->body.find("SUMMARY:周五爵士夜\r\n") != std::string::npos);
  // Stable UIDs: the same event exports the same UID every time.
  auto again = cli.Get(("/api/v1/events/" + std::to_string(sum.event_ids[0]) + ".ics").c_str());
  CHECK(again->body.substr(again->body.find("UID:"), 40) == one->body.substr(one->body.find("UID:"), 40));
  CHECK(cli.Get("/api/v1/venues/999/calendar.ics")->status == 404);
  CHECK(cli.Get("/api/v1/events/999999.ics")->status == 404);
  CHECK(cli.Get("/api/v1/venues/1/calendar.ics?lang=fr")->status == 400);

  std::string token = test::sign_in_as(srv, "staff1", services::Role::venue_staff, {1});
  auto up = cli.Post("/api/v1/venues/1/calendar.ics?category=festival", test::bearer(token),
                     test::slurp(test::shared_data("ics/alarm_google_future.ics")), "text/calendar");
  REQUIRE(up);
  CHECK(up->status == 200);
  Json j = test::body_json(up);
  CHECK(j["created"] == 1);
  auto bad = cli.Post("/api/v1/venues/1/calendar.ics", test::bearer(token),
                      test::slurp(test::shared_data("ics/issue_1081_invalid_rrule_freq.ics")), "text/calendar");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  Json e = test::body_json(bad);
  CHECK(e["error"]["code"] == "invalid_calendar");
  CHECK(e["error"]["fields"]["line 7"] == "RRULE: FREQ 'INVALID_TYPE_CAUSES_ERROR' is not a valid frequency");
  auto other = cli.Post("/api/v1/venues/2/calendar.ics", test::bearer(token), "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                        "text/calendar");
  CHECK(other->status == 404);  // another venue is outside the caller's scope
  CHECK(cli.Post("/api/v1/venues/1/calendar.ics", "x", "text/calendar")->status == 401);
}
