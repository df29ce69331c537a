// The GTFS reader: CSV rules, the sample feeds (valid and broken), .zip
// archives and the departures it derives.
#include <doctest/doctest.h>
#include <sys/resource.h>

#include <algorithm>

#include "core/gtfs_csv.hpp"
#include "core/gtfs_feed.hpp"
#include "support/temp_dir.hpp"
#include "transit/transit_fixtures.hpp"

using namespace yeyou;
using namespace yeyou::gtfs;
using yeyou::test::Files;

namespace {

std::string refusal(const std::string& path) {
  try {
    load_feed(GtfsSource::open(path));
  } catch (const GtfsError& e) {
    return e.what();
  }
  return "accepted";
}

std::string refusal(const Files& files) {
  test::TempDir dir;
  test::write_files(dir.path() / "feed", files);
  return refusal((dir.path() / "feed").string());
}

std::vector<std::string> departures_at(const Feed& f, const std::string& stop) {
  std::vector<std::string> out;
  for (const auto& d : f.departures)
    if (f.stops[d.stop].id == stop)
      out.push_back(f.service_ids[d.service] + " " + format_time(d.secs) + " " + f.trips[d.trip].id);
  return out;
}

}  // namespace

TEST_CASE("CSV: quotes, doubled quotes, commas and line breaks inside quotes, BOM, CRLF, blank lines") {
  std::string text =
      "\xEF\xBB\xBF"
      "a, b ,c\r\n"
      "1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n"
      "\r\n"
      "2,,\n"
      "3,short\n";
  CsvTable t("t.txt", text);
  CHECK(t.column("a") == 0);
  CHECK(t.column("b") == 1);  // header names are trimmed
  CHECK(t.column("missing") == -1);
  REQUIRE(t.next());
  CHECK(t.line() == 2);
  CHECK(t.field(1) == "x, \"y\"");
  CHECK(t.field(2) == "two\nlines");
  REQUIRE(t.next());
  CHECK(t.line() == 5);  // the quoted line break and the blank line are counted
  CHECK(t.field(0) == "2");
  CHECK(t.field(2).empty());
  REQUIRE(t.next());
  CHECK(t.field(2).empty());  // a short row reads its missing fields as empty
  CHECK(t.short_records() == 1);
  CHECK_FALSE(t.next());
}

TEST_CASE("CSV: malformed text is refused with file and line") {
  auto what = [](const std::string& text) {
    try {
      CsvTable t("x.txt", text);
      while (t.next()) {
      }
    } catch (const GtfsError& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  CHECK(what("a,b\n1,\"open\n2,3\n") == "x.txt:2: a quoted field is never closed");
  CHECK(what("a,b\n1,2,3\n") == "x.txt:2: the row has 3 fields but the header has 2");
  CHECK(what("a,b\n\"1\"x,2\n") == "x.txt:2: unexpected text after a closing quote");
  CHECK(what("a,a\n") == "x.txt:1: column 'a' appears twice in the header");
  CHECK(what("") == "x.txt:1: the file is empty (no header row)");
  CHECK(what("a\n1\n\xC3\x28\n") == "x.txt:3: contains invalid UTF-8 or a control character");
  CHECK(what(std::string("a\n1\n2\0\n", 7)) == "x.txt:3: contains a NUL byte");
}

TEST_CASE("GTFS times pass 24:00:00 and dates are checked") {
  CHECK(parse_time("6:00:00") == 6 * 3600);
  CHECK(parse_time("25:10:00") == 25 * 3600 + 600);
  CHECK(parse_time(" 07:05:09 ") == 7 * 3600 + 5 * 60 + 9);
  CHECK_FALSE(parse_time("7:5:00"));
  CHECK_FALSE(parse_time("07:60:00"));
  CHECK_FALSE(parse_time("07:00"));
  CHECK(format_time(25 * 3600 + 600) == "25:10:00");
  CHECK(parse_date("20070604") == 20070604);
  CHECK_FALSE(parse_date("2007.01.01"));
  CHECK_FALSE(parse_date("20070230"));
}

TEST_CASE("the good sample feed: frequencies, parent stations, pickup_type=1 and last stops") {
  Feed f = load_feed(GtfsSource::open(test::shared_data("gtfs/good_feed")));
  CHECK(f.timezone == "America/Los_Angeles");
  CHECK(f.agency_name == "Autorité de passage de démonstration");
  CHECK(f.stops.size() == 10);
  CHECK(f.first_date == 20070101);
  CHECK(f.last_date == 20251231);
  CHECK(f.frequency_rows == 11);
  // STBA: its first stop has pickup_type=1 and its second is its last: never boardable.
  CHECK(std::none_of(f.departures.begin(), f.departures.end(),
                     [&](const Departure& d) { return f.trips[d.trip].id == "STBA"; }));
  // AB1 ends at BULLFROG and BFC2 ends there too: only BFC1 and AB2 leave from it.
  CHECK(departures_at(f, "BULLFROG") ==
        std::vector<std::string>{"FULLW 08:20:00 BFC1", "FULLW 12:05:00 AB2"});
  CHECK(departures_at(f, "BEATTY_AIRPORT") ==
        std::vector<std::string>{"FULLW 08:00:00 AB1", "WE 08:00:00 AAMV1", "WE 13:00:00 AAMV3"});
  // CITY1 starts 4 + 12 + 12 + 18 + 6 times (end_time is exclusive); EMSI is its last stop.
  CHECK(departures_at(f, "STAGECOACH").size() == 52);
  auto emsi = departures_at(f, "EMSI");
  CHECK(emsi.size() == 52);
  CHECK(std::all_of(emsi.begin(), emsi.end(), [](const std::string& s) { return s.find("CITY2") != std::string::npos; }));
  // CITY2's pattern starts at EMSI 06:30, so its first frequency start (06:00) reaches NANAA at 06:21.
  auto nanaa = departures_at(f, "NANAA");
  CHECK(nanaa[0] == "FULLW 06:07:00 CITY1");
  CHECK(nanaa[1] == "FULLW 06:21:00 CITY2");
  // Last departures per (stop, route, service).
  auto last = std::find_if(f.last_departures.begin(), f.last_departures.end(), [&](const LastDeparture& l) {
    return f.stops[l.stop].id == "NANAA" && f.routes[l.route].id == "CITY";
  });
  REQUIRE(last != f.last_departures.end());
  CHECK(format_time(last->secs) == "21:51:00");
  // stop_headsign wins; without any headsign a trip is signed with its last stop.
  for (const auto& d : f.departures) {
    if (f.stops[d.stop].id != "NANAA") continue;
    if (f.trips[d.trip].id == "CITY1") CHECK(f.headsigns[d.headsign] == "going to nadav");
    if (f.trips[d.trip].id == "CITY2") CHECK(f.headsigns[d.headsign] == "Stagecoach Hotel & Casino (Demo)");
  }
}

TEST_CASE("every broken sample feed is refused naming file, line and problem") {
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"bad_date_format", "calendar.txt:2: start_date '2007.01.01' is not a date in the form YYYYMMDD"},
      {"bad_utf8", "agency.txt:1: contains invalid UTF-8 or a control character"},
      {"contains_null", "stops.txt:9: contains a NUL byte"},
      {"duplicate_stop_sequence", "stop_times.txt:4: trip 'CITY1' has stop_sequence 10 twice (first at line 3)"},
      {"missing_column", "agency.txt:1: required column 'agency_name' is missing"},
      {"missing_departure_time", "stop_times.txt:3: departure_time is missing although arrival_time is set"},
      {"undefined_stop", "stop_times.txt:11: stop_id 'NADAR' is not defined in stops.txt"},
  };
  for (const auto& [dir, message] : expected) {
    CAPTURE(dir);
    CHECK(refusal(test::shared_data("gtfs/" + dir)) == message);
  }
  // Every folder of the sample data is covered.
  std::size_t broken = 0;
  for (const auto& e : test::fs::directory_iterator(test::shared_data("gtfs")))
    if (e.is_directory() && e.path().filename() != "good_feed") ++broken;
  CHECK(broken == expected.size());
}

TEST_CASE("more faults: references, times going back, stations in stop_times, bad zones") {
  Files base = test::night_feed();
  auto with = [&](const std::string& file, const std::string& text) {
    Files f = base;
    f[file] = text;
    return refusal(f);
  };
  CHECK(refusal(base) == "accepted");
  CHECK(with("agency.txt", "agency_name,agency_url,agency_timezone\nX,https://x,Mars/Olympus\n") ==
        "agency.txt:2: agency_timezone 'Mars/Olympus' is not an IANA time zone");
  CHECK(with("trips.txt", "route_id,service_id,trip_id\nN9,WK,T\n") ==
        "trips.txt:2: route_id 'N9' is not defined in routes.txt");
  CHECK(with("trips.txt", "route_id,service_id,trip_id\nN1,HOLIDAY,T\n") ==
        "trips.txt:2: service_id 'HOLIDAY' is not defined in calendar.txt or calendar_dates.txt");
  CHECK(with("stop_times.txt",
             "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nN1-2230,22:30:00,22:30:00,HARBOUR,1\n"
             "N1-2230,22:20:00,22:20:00,OLDTOWN,2\n") ==
        "stop_times.txt:3: arrival_time 22:20:00 is before the departure_time 22:30:00 of the previous timed stop "
        "(line 2)");
  CHECK(with("stop_times.txt",
             "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nN1-2230,22:30:00,22:30:00,STN,1\n") ==
        "stop_times.txt:2: stop_id 'STN' has location_type 1; stop times must name a stop or platform "
        "(location_type 0)");
  CHECK(with("stop_times.txt",
             "trip_id,arrival_time,departure_time,stop_id,stop_sequence\nN1-2230,22:30:00,22:30:00,HARBOUR,1\n"
             "N1-2230,,,OLDTOWN,2\n") ==
        "stop_times.txt:3: the last stop of trip 'N1-2230' has no arrival_time and departure_time");
  CHECK(with("stops.txt", "stop_id,stop_name,stop_lat,stop_lon,parent_station\nA,A,1,2,NOWHERE\n") ==
        "stops.txt:2: parent_station 'NOWHERE' is not defined in stops.txt");
  CHECK(with("stops.txt", "stop_id,stop_name,stop_lat,stop_lon\nA,A,91,2\n") ==
        "stops.txt:2: stop_lat '91' is not a number from -90 to 90");
  CHECK(with("calendar.txt", "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
                             "WK,1,1,1,1,1,0,0,20260101,20261231\nWK,1,1,1,1,1,0,0,20260101,20261231\n") ==
        "calendar.txt:3: service_id 'WK' is defined twice");
  Files no_calendar = base;
  no_calendar.erase("calendar.txt");
  CHECK(refusal(no_calendar) ==
        "calendar.txt: is missing, and so is calendar_dates.txt: the feed defines no service days");
  Files no_stop_times = base;
  no_stop_times.erase("stop_times.txt");
  CHECK(refusal(no_stop_times) == "stop_times.txt: is missing from the feed");
  Files freq = base;
  freq["frequencies.txt"] = "trip_id,start_time,end_time,headway_secs\nN1-2230,22:00:00,21:00:00,600\n";
  CHECK(refusal(freq) == "frequencies.txt:2: end_time is not after start_time");
  CHECK(refusal("/nonexistent/feed") == "/nonexistent/feed: no such folder or .zip file");
}

TEST_CASE("our night feed: times after midnight, interpolation, station platforms") {
  test::TempDir dir;
  test::write_files(dir.path() / "feed", test::night_feed());
  Feed f = load_feed(GtfsSource::open((dir.path() / "feed").string()));
  CHECK(f.timezone == "Asia/Shanghai");
  CHECK(f.max_departure_secs == 25 * 3600);  // OLDTOWN of N1-2440, interpolated between 24:40 and 25:20
  CHECK(departures_at(f, "OLDTOWN") == std::vector<std::string>{"WK 22:50:00 N1-2230", "WK 23:50:00 N1-2330",
                                                               "WK 25:00:00 N1-2440"});
  CHECK(departures_at(f, "MARKET") == std::vector<std::string>{"SAT 21:05:00 R2-A"});
  auto s = std::find_if(f.stops.begin(), f.stops.end(), [](const Stop& x) { return x.id == "OLDTOWN"; });
  CHECK(s->name == "Old Town \"Lantern\" Street");
  CHECK(f.warnings.empty());
}

TEST_CASE("a feed in a .zip, at the root or in one folder, reads like the folder") {
  test::TempDir dir;
  Files good = test::read_feed(test::shared_data("gtfs/good_feed"));
  auto root = dir.path() / "root.zip";
  auto nested = dir.path() / "nested.zip";
  test::write_stored_zip(root, good);
  test::write_stored_zip(nested, good, "google_transit/");
  Feed folder = load_feed(GtfsSource::open(test::shared_data("gtfs/good_feed")));
  for (const auto& zip : {root, nested}) {
    Feed z = load_feed(GtfsSource::open(zip.string()));
    CHECK(z.departures.size() == folder.departures.size());
    CHECK(z.departures == folder.departures);
  }
  auto broken = dir.path() / "broken.zip";
  test::write_stored_zip(broken, test::read_feed(test::shared_data("gtfs/undefined_stop")));
  CHECK(refusal(broken.string()) == "stop_times.txt:11: stop_id 'NADAR' is not defined in stops.txt");
  auto junk = dir.path() / "junk.zip";
  std::ofstream(junk) << "this is not a zip archive";
  CHECK(refusal(junk.string()).rfind(junk.string() + ": not a readable .zip archive", 0) == 0);
}

// Found by tests/fuzz (gtfs_zip): the reader allocated the size an entry's
// header claims before reading a byte, so a 200-byte archive cost 1 GiB.
TEST_CASE("a .zip entry claiming a size it does not have is damaged, and its claim costs no memory") {
  test::TempDir dir;
  auto path = dir.path() / "liar.zip";
  test::write_stored_zip(
      path, {{"agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nA,Bus,https://x,Asia/Shanghai\n"}});
  std::string zip = test::slurp(path);
  auto claim = [&](std::size_t at) {  // the uncompressed size: almost the 1 GiB limit
    for (int k = 0; k < 4; ++k) zip[at + static_cast<std::size_t>(k)] = "\xF0\xFF\xFF\x3F"[k];
  };
  claim(22);                           // in the local header
  claim(zip.find("PK\x01\x02") + 24);  // and in the central directory
  std::ofstream(path, std::ios::binary | std::ios::trunc) << zip;

  auto peak_kb = [] {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
  };
  long before = peak_kb();
  CHECK(refusal(path.string()) == "agency.txt: is damaged in the archive");
  CHECK(peak_kb() - before < 256 * 1024);
}
