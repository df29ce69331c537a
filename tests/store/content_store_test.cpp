#include <doctest/doctest.h>

#include "server/services/demo_seed.hpp"
#include "server/store/content_store.hpp"
#include "server/store/db_pool.hpp"
#include "support/temp_dir.hpp"

using namespace yeyou;

TEST_CASE("the demo data set seeds a plausible Weihai night") {
  test::TempDir dir;
  store::DbPool pool(dir.file("demo.db"));
  auto now = *parse_iso8601("2026-11-29T15:00:00+08:00");
  auto sum = services::seed_demo(pool, std::string(YEYOU_SOURCE_DIR) + "/assets/demo", now);
  CHECK(sum.venues >= 12);
  CHECK(sum.events >= 40);
  CHECK(sum.districts >= 3);
  auto& db = pool.get();
  auto venues = store::list_venues(db);
  std::set<std::string> districts;
  for (const auto& v : venues) {
    districts.insert(v.district);
    CHECK_FALSE(v.name.zh.empty());
    CHECK_FALSE(v.name.en.empty());
    CHECK_FALSE(v.name.ko.empty());
  }
  CHECK(districts.size() >= 3);
  auto week = store::events_overlapping(db, tonight_window(night_of(now)).begin,
                                        tonight_window(night_of(now).plus_days(6)).end);
  CHECK(week.size() == static_cast<std::size_t>(sum.events));
  int crossing = 0, cancelled = 0;
  for (const auto& e : week) {
    if (night_of(e.start) != night_of(e.end) || to_local(e.end).date != to_local(e.start).date) ++crossing;
    if (e.status == EventStatus::cancelled) ++cancelled;
  }
  CHECK(crossing > 0);
  CHECK(cancelled > 0);
  CHECK(store::latest_occupancy(db).size() == venues.size());
  // Seeding again updates in place rather than duplicating.
  services::seed_demo(pool, std::string(YEYOU_SOURCE_DIR) + "/assets/demo", now);
  CHECK(store::list_venues(db).size() == venues.size());
}

TEST_CASE("event range queries find events that started before the window") {
  test::TempDir dir;
  store::DbPool pool(dir.file("r.db"));
  auto& db = pool.get();
  auto now = now_utc();
  store::upsert_district(db, District{"d", {"区", "D", "구"}});
  Venue v;
  v.id = 1;
  v.district = "d";
  v.capacity = 10;
  v.name = {"馆", "Hall", "관"};
  v.address = v.name;
  v.phone = "0631-1";
  store::upsert_venue(db, v, now);
  Event e;
  e.id = 5;
  e.venue_id = 1;
  e.title = e.description = {"夜场", "Night", "야간"};
  e.start = *parse_iso8601("2026-11-29T22:00:00+08:00");
  e.end = *parse_iso8601("2026-11-30T02:00:00+08:00");
  store::upsert_event(db, e, now);
  auto from = *parse_iso8601("2026-11-30T01:00:00+08:00");
  CHECK(store::events_overlapping(db, from, from + std::chrono::hours{1}).size() == 1);
  CHECK(store::events_overlapping(db, e.end, e.end + std::chrono::hours{1}).empty());
  CHECK(store::find_event(db, 5)->title.en == "Night");
}
