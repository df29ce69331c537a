// The console commands, run as the real yeyou-server binary (built next to
// this test executable by scripts/build).
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "support/temp_dir.hpp"
#include "transit/transit_fixtures.hpp"

namespace {

std::string server_binary() {
  auto self = std::filesystem::read_symlink("/proc/self/exe");
  auto bin = self.parent_path() / "yeyou-server";
  if (!std::filesystem::exists(bin)) FAIL("build yeyou-server first (it is expected at " << bin.string() << ")");
  return bin.string();
}

// Runs yeyou-server with `args`; returns the exit code and stdout+stderr.
std::pair<int, std::string> run(const yeyou::test::TempDir& dir, const std::string& args) {
  std::string log = dir.file("cli.log");
  std::string cmd = server_binary() + " " + args + " >" + log + " 2>&1";
  int rc = std::system(cmd.c_str());
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, yeyou::test::slurp(log)};
}

}  // namespace

TEST_CASE("CLI: import-gtfs, kiosk stops, import-ics and import-parking") {
  yeyou::test::TempDir dir;
  std::string db = "--db " + dir.file("cli.db");
  auto [seeded, seed_log] = run(dir, "seed-demo " + db);
  REQUIRE(seeded == 0);

  auto [ok, out] = run(dir, "import-gtfs " + db + " " + yeyou::test::shared_data("gtfs/good_feed"));
  CHECK(ok == 0);
  CHECK(out.find("424 departures") != std::string::npos);
  auto [refused, why] = run(dir, "import-gtfs " + db + " " + yeyou::test::shared_data("gtfs/undefined_stop"));
  CHECK(refused == 1);
  CHECK(why.find("the previous feed stays: stop_times.txt:11: stop_id 'NADAR' is not defined in stops.txt") !=
        std::string::npos);
  auto [usage, usage_text] = run(dir, "import-gtfs " + db);
  CHECK(usage == 2);

  auto [stops, stops_out] = run(dir, "kiosk stops " + db + " --kiosk kiosk-1 --stops BEATTY_AIRPORT_STATION,GONE");
  CHECK(stops == 0);
  CHECK(stops_out.find("warning: stop GONE is not in the current transit feed") != std::string::npos);

  auto [imported, ics_out] =
      run(dir, "import-ics " + db + " --venue 1 " + yeyou::test::shared_data("ics/alarm_google_future.ics"));
  CHECK(imported == 0);
  CHECK(ics_out.find("1 created") != std::string::npos);
  auto [again, again_out] =
      run(dir, "import-ics " + db + " --venue 1 " + yeyou::test::shared_data("ics/alarm_google_future.ics"));
  CHECK(again_out.find("1 unchanged") != std::string::npos);
  auto [bad, bad_out] = run(dir, "import-ics " + db + " --venue 1 " + yeyou::test::shared_data("ics/big_bad_calendar.ics"));
  CHECK(bad == 1);
  CHECK(bad_out.find("big_bad_calendar.ics:2: VEVENT has no UID, DTSTART") != std::string::npos);

  std::ofstream(dir.file("parks.json"))
      << R"([{"id": 1, "name": {"zh": "海滨停车场"}, "address": {"zh": "滨海路1号"}, "lat": 22.5, "lon": 114.1,
             "capacity": 300, "fee_rules": [{"days": [1,2,3,4,5,6,7], "from": "22:00", "to": "07:00",
             "price_cents_per_hour": 0}]}])";
  auto [parks, parks_out] = run(dir, "import-parking " + db + " " + dir.file("parks.json"));
  CHECK(parks == 0);
  CHECK(parks_out == "loaded 1 car parks\n");
  std::ofstream(dir.file("bad.json")) << R"([{"id": 1}])";
  auto [bad_parks, bad_parks_out] = run(dir, "import-parking " + db + " " + dir.file("bad.json"));
  CHECK(bad_parks == 1);
  CHECK(bad_parks_out.find("[0].capacity: is required") != std::string::npos);
}
