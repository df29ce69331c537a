// Damaged input never crashes the readers: thousands of randomly mutated
// copies of the sample files are either read or refused with a located error.
// (A cheap, deterministic stand-in for the libFuzzer runs the guide asks for.)
#include <doctest/doctest.h>

#include <random>

#include "core/gtfs_csv.hpp"
#include "core/gtfs_feed.hpp"
#include "core/ical_events.hpp"
#include "support/temp_dir.hpp"
#include "transit/transit_fixtures.hpp"

using namespace yeyou;

namespace {

std::string mutate(std::string s, std::mt19937& rng) {
  std::uniform_int_distribution<int> op(0, 5), byte(0, 255);
  int edits = 1 + static_cast<int>(rng() % 4);
  for (int k = 0; k < edits && !s.empty(); ++k) {
    std::size_t at = rng() % s.size();
    switch (op(rng)) {
      case 0: s[at] = static_cast<char>(byte(rng)); break;
      case 1: s.erase(at, 1 + rng() % 8); break;
      case 2: s.insert(at, 1, "\r\n:;,\" \t\\"[rng() % 9]); break;
      case 3: s.insert(at, s.substr(rng() % s.size(), rng() % 40)); break;
      case 4: s.insert(at, "BEGIN:VEVENT\r\n"); break;
      default: s.insert(at, 1, static_cast<char>(0xC0 + rng() % 64)); break;
    }
  }
  return s;
}

}  // namespace

TEST_CASE("mutated iCalendar files are read or refused, never crash") {
  std::mt19937 rng(5545);
  ical::ExpandOptions o;
  o.now = *parse_iso8601("2024-10-01T00:00:00Z");
  int refused = 0, read = 0;
  for (const char* name : {"alarm_google_future.ics", "example.ics", "issue_722_timezone_transition_ambiguity.ics",
                           "alarm_thunderbird_future.ics"}) {
    std::string rel = "ics/";
    rel += name;
    std::string original = test::slurp(test::shared_data(rel));
    for (int i = 0; i < 300; ++i) {
      std::string text = mutate(original, rng);
      try {
        ical::read_events(text, o);
        ++read;
      } catch (const ical::IcalError& e) {
        CHECK(!e.problems().empty());
        CHECK(e.problems().front().line >= 1);
        ++refused;
      }
    }
  }
  CHECK(refused > 0);
  CHECK(read > 0);
}

TEST_CASE("mutated GTFS feeds are loaded or refused with file and line, never crash") {
  std::mt19937 rng(4180);
  test::TempDir dir;
  test::Files good = test::read_feed(test::shared_data("gtfs/good_feed"));
  const std::vector<std::string> names{"stops.txt", "stop_times.txt", "trips.txt", "calendar.txt", "frequencies.txt",
                                       "calendar_dates.txt", "routes.txt", "agency.txt"};
  int refused = 0, loaded = 0;
  for (int i = 0; i < 400; ++i) {
    test::Files feed = good;
    const std::string& victim = names[static_cast<std::size_t>(i) % names.size()];
    feed[victim] = mutate(feed[victim], rng);
    auto path = dir.path() / std::to_string(i);
    test::write_files(path, feed);
    try {
      gtfs::load_feed(gtfs::GtfsSource::open(path.string()));
      ++loaded;
    } catch (const gtfs::GtfsError& e) {
      // The fault may surface in another file (a damaged stop_id is missed by stop_times.txt).
      CHECK(e.file().size() > 4);
      CHECK(std::string(e.what()).rfind(e.file(), 0) == 0);
      ++refused;
    }
    test::fs::remove_all(path);
  }
  CHECK(refused > 0);
  CHECK(loaded > 0);
}
