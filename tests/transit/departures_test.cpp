// Departures from the imported feed: service days, calendar exceptions,
// parent stations, night buses after midnight, last-of-day flags, atomic
// replacement, and the HTTP endpoints.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "core/gtfs_csv.hpp"
#include "server/services/gtfs_import_service.hpp"
#include "server/services/service_errors.hpp"
#include "server/services/transit_service.hpp"
#include "server/store/transit_store.hpp"
#include "support/test_server.hpp"
#include "transit/transit_fixtures.hpp"

using namespace yeyou;
using services::DepartureRequest;

namespace {

struct Fixture {
  test::TempDir dir;
  store::DbPool pool{dir.file("transit.db")};
  services::GtfsImportService importer{pool};
  services::TransitService transit{pool};

  void import_dir(const test::Files& files, const std::string& name = "feed") {
    test::write_files(dir.path() / name, files);
    importer.import((dir.path() / name).string(), now_utc());
  }
  // "HH:MM route trip stop [last]" lines of the board, local to the feed.
  std::vector<std::string> board(const std::string& stop, const std::string& at, int limit = 10) {
    auto b = transit.departures(DepartureRequest{stop, at, std::to_string(limit)}, now_utc());
    std::vector<std::string> out;
    for (const auto& d : b.departures)
      out.push_back(format_iso8601(d.departs_at, b.timezone) + " " + d.route_id + " " + d.trip_id + " " + d.stop_id +
                    (d.last_of_day ? " last" : ""));
    return out;
  }
};

}  // namespace

TEST_CASE("good feed: weekday versus weekend service and the calendar_dates removal") {
  Fixture f;
  f.importer.import(test::shared_data("gtfs/good_feed"), now_utc());
  // Tuesday 2007-06-05: only FULLW runs; AB1 is the route's only (so last) departure of the day.
  CHECK(f.board("BEATTY_AIRPORT", "2007-06-05T07:00:00", 2) ==
        std::vector<std::string>{"2007-06-05T08:00:00-07:00 AB AB1 BEATTY_AIRPORT last",
                                 "2007-06-06T08:00:00-07:00 AB AB1 BEATTY_AIRPORT last"});
  // Saturday 2007-06-09: the weekend route too; AAMV3 is AAMV's last departure, AAMV1 is not.
  CHECK(f.board("BEATTY_AIRPORT", "2007-06-09T07:00:00", 3) ==
        std::vector<std::string>{"2007-06-09T08:00:00-07:00 AAMV AAMV1 BEATTY_AIRPORT",
                                 "2007-06-09T08:00:00-07:00 AB AB1 BEATTY_AIRPORT last",
                                 "2007-06-09T13:00:00-07:00 AAMV AAMV3 BEATTY_AIRPORT last"});
  // Monday 2007-06-04 is removed from FULLW by calendar_dates: the next bus is Tuesday's.
  CHECK(f.board("BEATTY_AIRPORT", "2007-06-04T07:00:00", 1) ==
        std::vector<std::string>{"2007-06-05T08:00:00-07:00 AB AB1 BEATTY_AIRPORT last"});
  // A week later the Monday runs.
  CHECK(f.board("BEATTY_AIRPORT", "2007-06-11T07:00:00", 1) ==
        std::vector<std::string>{"2007-06-11T08:00:00-07:00 AB AB1 BEATTY_AIRPORT last"});
  // Winter: Pacific standard time.
  CHECK(f.board("BEATTY_AIRPORT", "2025-01-07T09:00:00Z", 1) ==
        std::vector<std::string>{"2025-01-07T08:00:00-08:00 AB AB1 BEATTY_AIRPORT last"});
}

TEST_CASE("good feed: a parent station serves its platforms, pickup_type=1 and last stops are not boardable") {
  Fixture f;
  f.importer.import(test::shared_data("gtfs/good_feed"), now_utc());
  auto station = f.transit.departures(DepartureRequest{"BEATTY_AIRPORT_STATION", "2007-06-09T07:00:00-07:00", "3"},
                                      now_utc());
  CHECK(station.stop.location_type == 1);
  REQUIRE(station.departures.size() == 3);
  CHECK(station.departures[0].stop_id == "BEATTY_AIRPORT");
  CHECK(station.departures[0].headsign == "to Amargosa Valley");
  // STAGECOACH: STBA's first stop has pickup_type=1; CITY2 ends here. Only CITY1 leaves, all day.
  auto stagecoach = f.transit.departures(DepartureRequest{"STAGECOACH", "2007-06-05T05:00:00", "50"}, now_utc());
  REQUIRE(stagecoach.departures.size() == 50);
  for (const auto& d : stagecoach.departures) {
    CHECK(d.trip_id == "CITY1");
    CHECK(d.route_name == "Ō");
  }
  // BULLFROG: AB1 arrives (its last stop) at 08:15 and is not offered; BFC1 leaves at 08:20.
  CHECK(f.board("BULLFROG", "2007-06-05T08:00:00", 2) ==
        std::vector<std::string>{"2007-06-05T08:20:00-07:00 BFC BFC1 BULLFROG last",
                                 "2007-06-05T12:05:00-07:00 AB AB2 BULLFROG last"});
  // Frequencies at NANAA: CITY1 every 10 minutes from 08:00 (+7 min), CITY2 from 08:00 (+21 min).
  CHECK(f.board("NANAA", "2007-06-05T08:05:00", 3) ==
        std::vector<std::string>{"2007-06-05T08:07:00-07:00 CITY CITY1 NANAA",
                                 "2007-06-05T08:17:00-07:00 CITY CITY1 NANAA",
                                 "2007-06-05T08:21:00-07:00 CITY CITY2 NANAA"});
  // The route's last departure from NANAA is CITY2 started at 21:30 (end_time 22:00 is exclusive).
  CHECK(f.board("NANAA", "2007-06-05T21:30:00", 3) ==
        std::vector<std::string>{"2007-06-05T21:37:00-07:00 CITY CITY1 NANAA",
                                 "2007-06-05T21:51:00-07:00 CITY CITY2 NANAA last",
                                 "2007-06-06T06:07:00-07:00 CITY CITY1 NANAA"});
}

TEST_CASE("night feed: yesterday's service after midnight and the last bus") {
  Fixture f;
  f.import_dir(test::night_feed());
  // Monday 2026-03-02 22:00: the three N1 buses, the 24:40 one leaving at 00:40 on Tuesday.
  CHECK(f.board("HARBOUR", "2026-03-02T22:00:00+08:00", 3) ==
        std::vector<std::string>{"2026-03-02T22:30:00+08:00 N1 N1-2230 HARBOUR",
                                 "2026-03-02T23:30:00+08:00 N1 N1-2330 HARBOUR",
                                 "2026-03-03T00:40:00+08:00 N1 N1-2440 HARBOUR last"});
  // Tuesday 00:30: Monday's 24:40 bus is still to come, and it is the last; then Tuesday night's.
  CHECK(f.board("HARBOUR", "2026-03-03T00:30:00", 2) ==
        std::vector<std::string>{"2026-03-03T00:40:00+08:00 N1 N1-2440 HARBOUR last",
                                 "2026-03-03T22:30:00+08:00 N1 N1-2230 HARBOUR"});
  // Interpolated stop: OLDTOWN at 25:00 of Friday's service is Saturday 01:00.
  CHECK(f.board("OLDTOWN", "2026-03-07T00:55:00+08:00", 1) ==
        std::vector<std::string>{"2026-03-07T01:00:00+08:00 N1 N1-2440 OLDTOWN last"});
  // Saturday night: no N1 (weekdays only); the station's platform P2 has the Saturday shuttle.
  CHECK(f.board("STN", "2026-03-07T20:00:00+08:00", 2) ==
        std::vector<std::string>{"2026-03-07T21:00:00+08:00 R2 R2-A P2 last",
                                 "2026-03-07T21:05:00+08:00 R2 R2-A MARKET last"});
  auto b = f.transit.departures(DepartureRequest{"STN", "2026-03-07T20:00:00+08:00", "1"}, now_utc());
  CHECK(b.departures[0].route_name == "Station Shuttle");  // no short name: the long one
  CHECK(b.departures[0].headsign == "Old Town \"Lantern\" Street");  // no headsign: the last stop
  // Sunday: nothing runs until Monday night.
  CHECK(f.board("HARBOUR", "2026-03-08T12:00:00+08:00", 1) ==
        std::vector<std::string>{"2026-03-09T22:30:00+08:00 N1 N1-2230 HARBOUR"});
}

TEST_CASE("service days start at noon minus 12 hours, which matters on DST days") {
  test::Files feed = test::night_feed();
  feed["agency.txt"] = "agency_name,agency_url,agency_timezone\nNY,https://example.invalid,America/New_York\n";
  feed["calendar.txt"] =
      "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
      "WK,0,0,0,0,0,1,1,20260301,20260331\nSAT,0,0,0,0,0,0,0,20260301,20260331\n";
  Fixture f;
  f.import_dir(feed);
  // Saturday 2026-03-07's 24:40 bus leaves at 00:40 EST on Sunday; clocks jump at 02:00.
  CHECK(f.board("HARBOUR", "2026-03-07T23:45:00-05:00", 1) ==
        std::vector<std::string>{"2026-03-08T00:40:00-05:00 N1 N1-2440 HARBOUR last"});
  // Sunday 2026-03-08 is 23 hours long: 22:30:00 counts from noon minus 12 h (23:00 EST the evening
  // before), so the bus leaves at 22:30 EDT, not 23:30 as counting from midnight would say.
  CHECK(f.board("HARBOUR", "2026-03-08T12:00:00-04:00", 1) ==
        std::vector<std::string>{"2026-03-08T22:30:00-04:00 N1 N1-2230 HARBOUR"});
}

TEST_CASE("a broken feed leaves the previous one in place, a new feed replaces it whole") {
  Fixture f;
  f.importer.import(test::shared_data("gtfs/good_feed"), now_utc());
  for (const char* broken : {"undefined_stop", "bad_utf8", "duplicate_stop_sequence"})
    CHECK_THROWS_AS(f.importer.import(test::shared_data(std::string("gtfs/") + broken), now_utc()), gtfs::GtfsError);
  auto info = f.transit.feed_info();
  REQUIRE(info);
  CHECK(info->timezone == "America/Los_Angeles");
  CHECK(f.board("BEATTY_AIRPORT", "2007-06-05T07:00:00", 1).size() == 1);
  f.import_dir(test::night_feed());
  CHECK(f.transit.feed_info()->timezone == "Asia/Shanghai");
  CHECK_THROWS_AS(f.board("BEATTY_AIRPORT", "2007-06-05T07:00:00"), services::NotFound);
  auto& db = f.pool.get();
  store::Stmt s(db, "SELECT count(*) FROM transit_departures WHERE stop_id = 'NANAA'");
  s.step();
  CHECK(s.int64(0) == 0);
}

TEST_CASE("readers never see half a feed while feeds are swapped") {
  Fixture f;
  test::Files night = test::night_feed();
  test::Files other = night;
  other["agency.txt"] = "agency_name,agency_url,agency_timezone\nOther,https://example.invalid,Asia/Tokyo\n";
  other["stop_times.txt"] = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
                            "N1-2230,20:00:00,20:00:00,HARBOUR,1\nN1-2230,20:30:00,20:30:00,MARKET,2\n";
  test::write_files(f.dir.path() / "a", night);
  test::write_files(f.dir.path() / "b", other);
  f.importer.import((f.dir.path() / "a").string(), now_utc());
  std::atomic<bool> done{false};
  std::atomic<int> mismatches{0}, reads{0};
  std::thread reader([&] {
    services::TransitService transit(f.pool);
    while (!done) {
      auto b = transit.departures(DepartureRequest{"HARBOUR", "2026-03-02T12:00:00+08:00", "10"}, now_utc());
      // Feed a: Monday's and Tuesday's three buses, in Asia/Shanghai; feed b: one a night, in Asia/Tokyo.
      bool consistent = (b.timezone == "Asia/Shanghai" && b.departures.size() == 6) ||
                        (b.timezone == "Asia/Tokyo" && b.departures.size() == 2);
      if (!consistent) ++mismatches;
      ++reads;
    }
  });
  while (reads == 0) std::this_thread::yield();
  for (int i = 0; i < 1000 && (i < 10 || reads < 200); ++i)
    f.importer.import((f.dir.path() / (i % 2 ? "a" : "b")).string(), now_utc());
  done = true;
  reader.join();
  CHECK(reads > 0);
  CHECK(mismatches == 0);
}

TEST_CASE("departure query validation") {
  Fixture f;
  CHECK_THROWS_AS(f.transit.departures(DepartureRequest{"X", std::nullopt, std::nullopt}, now_utc()),
                  services::NotFound);  // no feed yet
  f.import_dir(test::night_feed());
  auto fields = [&](const DepartureRequest& r) {
    try {
      f.transit.departures(r, now_utc());
    } catch (const ValidationError& e) {
      return e.fields();
    }
    return FieldErrors{};
  };
  CHECK(fields({std::nullopt, std::nullopt, std::nullopt}).count("stop"));
  CHECK(fields({"HARBOUR", "yesterday", std::nullopt}).count("at"));
  CHECK(fields({"HARBOUR", "2026-02-30T10:00:00", std::nullopt}).count("at"));
  CHECK(fields({"HARBOUR", std::nullopt, "0"}).count("limit"));
  CHECK(fields({"HARBOUR", std::nullopt, "51"}).count("limit"));
  CHECK(fields({"HARBOUR", std::nullopt, "ten"}).count("limit"));
  CHECK(fields({std::string(300, 'x'), std::nullopt, std::nullopt}).count("stop"));
  CHECK_THROWS_AS(f.transit.departures(DepartureRequest{"NOPE", std::nullopt, std::nullopt}, now_utc()),
                  services::NotFound);
}

TEST_CASE("kiosk boards list the configured stops in order") {
  Fixture f;
  f.import_dir(test::night_feed());
  auto unknown = f.transit.set_kiosk_stops("kiosk-1", {"OLDTOWN", "HARBOUR", "GONE"});
  CHECK(unknown == std::vector<std::string>{"GONE"});
  auto board = f.transit.kiosk_board("kiosk-1", std::string("2026-03-02T22:40:00"), std::string("2"), now_utc());
  REQUIRE(board.stops.size() == 3);
  CHECK(board.stops[0].stop_id == "OLDTOWN");
  REQUIRE(board.stops[0].board);
  CHECK(board.stops[0].board->departures.size() == 2);
  CHECK(board.stops[1].board->departures[0].trip_id == "N1-2330");
  CHECK_FALSE(board.stops[2].board);
  CHECK(f.transit.kiosk_board("kiosk-2", std::nullopt, std::nullopt, now_utc()).stops.empty());
  CHECK_THROWS_AS(f.transit.set_kiosk_stops("bad id!", {}), ValidationError);
  CHECK_THROWS_AS(f.transit.set_kiosk_stops("kiosk-1", {"A", "A"}), ValidationError);
}

TEST_CASE("HTTP: /api/v1/departures and the kiosk board") {
  test::TestServer srv({.seed_demo = false});
  services::GtfsImportService importer(srv.pool());
  importer.import(test::shared_data("gtfs/good_feed"), now_utc());
  auto cli = srv.client();
  auto r = cli.Get("/api/v1/departures?stop=BEATTY_AIRPORT_STATION&at=2007-06-09T07:00:00-07:00&limit=2");
  REQUIRE(r);
  CHECK(r->status == 200);
  Json j = test::body_json(r);
  CHECK(j["stop"]["stop_id"] == "BEATTY_AIRPORT_STATION");
  CHECK(j["timezone"] == "America/Los_Angeles");
  REQUIRE(j["departures"].size() == 2);
  Json d = j["departures"][0];
  CHECK(d["route_id"] == "AAMV");
  CHECK(d["route_name"] == "Airport ⇒ Amargosa Valley");
  CHECK(d["headsign"] == "to Amargosa Valley");
  CHECK(d["trip_id"] == "AAMV1");
  CHECK(d["stop_id"] == "BEATTY_AIRPORT");
  CHECK(d["departs_at"] == "2007-06-09T08:00:00-07:00");
  CHECK(d["last_of_day"] == false);
  CHECK(j["departures"][1]["last_of_day"] == true);

  auto bad = cli.Get("/api/v1/departures?stop=BEATTY_AIRPORT&at=soon&limit=0");
  REQUIRE(bad);
  CHECK(bad->status == 400);
  Json e = test::body_json(bad);
  CHECK(e["error"]["code"] == "validation_failed");
  CHECK(e["error"]["fields"].contains("at"));
  CHECK(e["error"]["fields"].contains("limit"));
  CHECK(cli.Get("/api/v1/departures")->status == 400);
  CHECK(cli.Get("/api/v1/departures?stop=NOWHERE")->status == 404);

  auto feed = test::body_json(cli.Get("/api/v1/transit/feed"));
  CHECK(feed["departures"] == 424);

  services::TransitService(srv.pool()).set_kiosk_stops("kiosk-7", {"BULLFROG"});
  auto k = cli.Get("/api/v1/kiosks/kiosk-7/departures?at=2007-06-05T08:00:00&limit=1");
  REQUIRE(k);
  CHECK(k->status == 200);
  Json kb = test::body_json(k);
  CHECK(kb["stops"][0]["stop"]["stop_id"] == "BULLFROG");
  CHECK(kb["stops"][0]["departures"][0]["trip_id"] == "BFC1");

  std::string token = test::sign_in_as(srv, "bureau1", services::Role::bureau);
  auto put = cli.Put("/api/v1/kiosks/kiosk-7/stops", test::bearer(token),
                     Json{{"stops", {"NANAA", "EMSI"}}}.dump(), "application/json");
  REQUIRE(put);
  CHECK(put->status == 200);
  CHECK(services::TransitService(srv.pool()).kiosk_board("kiosk-7", std::nullopt, std::nullopt, now_utc()).stops.size() == 2);
  auto anonymous = cli.Put("/api/v1/kiosks/kiosk-7/stops", Json{{"stops", {"NANAA"}}}.dump(), "application/json");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
}
