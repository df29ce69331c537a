// The kiosk's local files: cache migrations and recovery, outbox durability,
// tracking numbers, backoff math, how server answers are classified.
#include <filesystem>
#include <fstream>
#include <set>

#include <doctest/doctest.h>

#include "kiosk/data/cache_store.hpp"
#include "kiosk/data/outbox.hpp"
#include "kiosk/data/sync_engine.hpp"
#include "support/temp_dir.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;

namespace {

Timestamp at(const char* iso) { return *parse_iso8601(iso); }

const Json kVenueBody = Json::parse(R"({"id":1,"name":{"zh":"刘公岛","en":"Liugong Island","ko":"류궁다오"},
  "category":"scenic_spot","district":"huancui","address":{"zh":"环翠区","en":"Huancui","ko":"환추이"},
  "lat":37.5,"lon":122.2,"opening_hours":[{"days":[1,2,3,4,5,6,7],"open":"17:00","close":"02:00"}],
  "capacity":1000,"phone":"0631-1234567"})");

SyncPageData page_with_venue(std::int64_t cursor, std::int64_t version) {
  SyncPageData p;
  p.cursor = cursor;
  p.changes.push_back({"venue", "1", version, false, kVenueBody});
  return p;
}

Rating a_rating(int level = 2) {
  Rating r;
  r.subject = {SubjectKind::venue, "1"};
  r.level = level;
  r.created_at = at("2026-11-29T21:00:00+08:00");
  return r;
}

ComplaintDraft a_complaint() {
  ComplaintDraft d;
  d.subject = {SubjectKind::venue, "1"};
  d.category = ComplaintCategory::prices;
  d.text = "夜市多收了钱";
  return d;
}

}  // namespace

TEST_CASE("cache migrations run in order and keep the data") {
  test::TempDir dir;
  const std::string path = dir.file("cache.db");
  {
    sql::Db db(path);
    migrate_cache(db, 1);  // a cache written by the first schema
    sql::Stmt(db, "INSERT INTO objects(kind, id, version, body) VALUES('venue', '1', 3, ?1)")
        .bind(1, kVenueBody.dump())
        .run();
    sql::Stmt(db, "INSERT INTO meta(key, value) VALUES('cursor', '3')").run();
  }
  CacheStore cache(path);
  CHECK_FALSE(cache.recreated());
  CHECK(cache.schema_version() == CacheStore::kSchemaVersion);
  CHECK(cache.cursor() == 3);
  auto content = cache.load(at("2026-11-29T20:00:00+08:00"));
  REQUIRE(content.venues.venues.size() == 1);
  CHECK(content.venues.venues[0].venue.name.en == "Liugong Island");
}

TEST_CASE("a corrupt cache is recreated from zero and the outbox is untouched") {
  test::TempDir dir;
  const std::string cache_path = dir.file("cache.db"), outbox_path = dir.file("outbox.db");
  {
    CacheStore cache(cache_path);
    CHECK(cache.recreated());  // there was none
    cache.apply_page(page_with_venue(42, 42), false, at("2026-11-29T20:00:00+08:00"));
    CHECK(cache.cursor() == 42);
    Outbox outbox(outbox_path);
    REQUIRE(store_rating(outbox, a_rating(), now_utc()).state == SubmissionReceipt::State::stored);
    REQUIRE(store_complaint(outbox, a_complaint(), "", "kiosk-3", now_utc()).state ==
            SubmissionReceipt::State::stored);
  }
  // Scribble over the cache file.
  {
    std::fstream f(cache_path, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(0);
    std::string junk(8192, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
  }
  CacheStore cache(cache_path);
  CHECK(cache.recreated());
  CHECK(cache.cursor() == 0);  // re-syncs from zero
  CHECK(cache.load(now_utc()).objects == 0);
  Outbox outbox(outbox_path);
  CHECK(outbox.stats(now_utc()).pending == 2);
  sql::Stmt s(outbox.db(), "PRAGMA integrity_check");
  REQUIRE(s.step());
  CHECK(s.text(0) == "ok");
}

TEST_CASE("a missing cache file is simply created") {
  test::TempDir dir;
  CacheStore cache(dir.file("cache.db"));
  CHECK(cache.cursor() == 0);
  CHECK_FALSE(cache.last_sync_at().has_value());
}

TEST_CASE("pages apply upserts, deletes, older versions and a reset") {
  test::TempDir dir;
  CacheStore cache(dir.file("cache.db"));
  Timestamp now = at("2026-11-29T20:00:00+08:00");
  cache.apply_page(page_with_venue(10, 10), false, now);
  Json renamed = kVenueBody;
  renamed["name"]["en"] = "Old name";
  SyncPageData older;
  older.cursor = 11;
  older.changes.push_back({"venue", "1", 5, false, renamed});  // an older version never wins
  cache.apply_page(older, false, now);
  CHECK(cache.load(now).venues.venues.at(0).venue.name.en == "Liugong Island");
  CHECK(cache.cursor() == 11);

  SyncPageData del;
  del.cursor = 12;
  del.changes.push_back({"venue", "1", 12, true, nullptr});
  cache.apply_page(del, false, now);
  CHECK(cache.load(now).venues.venues.empty());

  cache.apply_page(page_with_venue(13, 13), false, now);
  SyncPageData reset;
  reset.cursor = 2;
  reset.reset = true;
  cache.apply_page(reset, false, now);
  CHECK(cache.load(now).objects == 0);
  CHECK(cache.cursor() == 2);
  CHECK(cache.live_cursor() == 2);
}

TEST_CASE("decode_sync_page reads the server's shape and refuses others") {
  auto p = decode_sync_page(Json::parse(R"({"cursor":7,"more":true,"upserts":[{"kind":"venue","id":"1","version":7,
    "body":{}}],"deletes":[{"kind":"event","id":"3","version":6}],"settings":{"content_poll_s":20,"live_poll_s":4}})"));
  CHECK(p.cursor == 7);
  CHECK(p.more);
  REQUIRE(p.changes.size() == 2);
  CHECK(p.changes[0].deleted);
  CHECK(p.content_poll_s == 20);
  CHECK(p.live_poll_s == 4);
  CHECK_THROWS(decode_sync_page(Json::parse(R"({"upserts":[]})")));
  CHECK_THROWS(decode_sync_page(Json::parse(R"({"cursor":1,"upserts":{}})")));
}

// Found by tests/fuzz (kiosk_sync): nlohmann's value() throws on a field of
// another type and casts an out-of-range number to an integer with undefined
// behaviour; a page is refused as a whole, a board is read as far as it goes.
TEST_CASE("decode_sync_page refuses a version or cursor that is not an integer and clamps huge poll intervals") {
  CHECK_THROWS(decode_sync_page(Json::parse(R"({"cursor":1,"upserts":[{"kind":"venue","id":"1","version":1e300}]})")));
  CHECK_THROWS(decode_sync_page(Json::parse(R"({"cursor":1,"deletes":[{"kind":"venue","id":"1","version":"7"}]})")));
  CHECK_THROWS(decode_sync_page(Json::parse(R"({"cursor":18446744073709551615})")));
  auto p = decode_sync_page(
      Json::parse(R"({"cursor":1,"settings":{"content_poll_s":4294967301,"live_poll_s":-4294967295}})"));
  CHECK(p.content_poll_s == 3600);
  CHECK(p.live_poll_s == 1);
}

TEST_CASE("transport boards with fields of the wrong type are read without them, never thrown out of load") {
  test::TempDir dir;
  CacheStore cache(dir.file("cache.db"));
  Timestamp now = at("2026-11-29T20:00:00+08:00");
  cache.store_board("departures", Json::parse(R"({"stops":[{"stop":{"name":"码头"},"departures":[
    {"route_name":"1路","departs_at":"2026-11-29T20:10:00+08:00","last_of_day":1}]}]})"), now);
  cache.store_board("parking", Json::parse(R"({"car_parks":[{"id":3,"lat":"37.5","lon":null,"capacity":1e300,
    "free_spaces":18446744073709551615,"fee":{"known":"yes","free_now":0,"price_now_cents_per_hour":800}}]})"), now);
  CachedContent c;
  REQUIRE_NOTHROW(c = cache.load(now));
  REQUIRE(c.departures.size() == 1);
  CHECK(c.departures[0].route_name == "1路");
  CHECK_FALSE(c.departures[0].last_of_day);
  REQUIRE(c.car_parks.size() == 1);
  const CarParkItem& park = c.car_parks[0];
  CHECK(park.id == "3");
  CHECK(park.lat == 0.0);
  CHECK(park.capacity == 0);
  CHECK_FALSE(park.free_spaces.has_value());
  CHECK_FALSE(park.free_now);
  CHECK_FALSE(park.price_now_cents.has_value());
}

TEST_CASE("an /auth/me answer with a kind that is not text is not a device's") {
  CHECK_FALSE(device_id_of(Json::parse(R"({"kind":1,"id":"kiosk-3"})")).has_value());
  CHECK_FALSE(device_id_of(Json::parse(R"({"kind":"device","id":3})")).has_value());
  CHECK_FALSE(device_id_of(Json::parse(R"(["device"])")).has_value());
  CHECK(device_id_of(Json::parse(R"({"kind":"device","id":"kiosk-3","name":"码头"})")) == "kiosk-3");
}

TEST_CASE("tracking numbers: kiosk prefix, local date, daily sequence, unique") {
  CHECK(tracking_prefix("kiosk-3") == "K3");
  CHECK(tracking_prefix("kiosk-1234") == "K1234");
  CHECK(tracking_prefix("north gate #2") == "NORTHGATE2");
  CHECK(format_tracking_no("K3", LocalDate{2026, 11, 29}, 42) == "K3-20261129-0042");
  CHECK(is_tracking_no(format_tracking_no("K3", LocalDate{2026, 11, 29}, 123456)));

  test::TempDir dir;
  Outbox outbox(dir.file("outbox.db"));
  std::set<std::string> seen;
  // 23:59 and 00:01 Beijing time fall on different local dates.
  Timestamp late = at("2026-11-29T23:59:00+08:00"), early = at("2026-11-30T00:01:00+08:00");
  for (int i = 0; i < 5; ++i) {
    auto r = store_complaint(outbox, a_complaint(), "", "kiosk-3", late);
    REQUIRE(r.state == SubmissionReceipt::State::stored);
    CHECK(is_tracking_no(r.tracking_no));
    CHECK(r.tracking_no == "K3-20261129-000" + std::to_string(i + 1));
    seen.insert(r.tracking_no);
  }
  auto next_day = store_complaint(outbox, a_complaint(), "", "kiosk-3", early);
  CHECK(next_day.tracking_no == "K3-20261130-0001");
  seen.insert(next_day.tracking_no);
  auto other_kiosk = store_complaint(outbox, a_complaint(), "", "kiosk-4", late);
  CHECK(other_kiosk.tracking_no == "K4-20261129-0001");
  seen.insert(other_kiosk.tracking_no);
  CHECK(seen.size() == 7);
  // Unknown kiosk id: a provisional per-install prefix, still a valid number.
  auto provisional = store_complaint(outbox, a_complaint(), "", "", late);
  CHECK(provisional.tracking_no.rfind("U", 0) == 0);
  CHECK(is_tracking_no(provisional.tracking_no));
  CHECK(outbox.find_tracking("K3-20261129-0002").has_value());
}

TEST_CASE("invalid feedback is refused at once and nothing is stored") {
  test::TempDir dir;
  Outbox outbox(dir.file("outbox.db"));
  auto r = store_rating(outbox, a_rating(9), now_utc());
  CHECK(r.state == SubmissionReceipt::State::refused);
  CHECK(r.error.find("level") != std::string::npos);
  ComplaintDraft empty_text = a_complaint();
  empty_text.text.clear();
  CHECK(store_complaint(outbox, empty_text, "", "kiosk-1", now_utc()).state == SubmissionReceipt::State::refused);
  CHECK(outbox.stats(now_utc()).pending == 0);
}

TEST_CASE("a full disk refuses new feedback with a reason and keeps what was stored") {
  test::TempDir dir;
  Outbox outbox(dir.file("outbox.db"));
  for (int i = 0; i < 3; ++i) REQUIRE(store_rating(outbox, a_rating(), now_utc()).state == SubmissionReceipt::State::stored);
  sql::Stmt pc(outbox.db(), "PRAGMA page_count");
  REQUIRE(pc.step());
  outbox.limit_pages_for_test(pc.int64(0));
  Rating big = a_rating(4);
  big.comment = std::string(1900, 'x');
  SubmissionReceipt refused{};
  for (int i = 0; i < 50 && refused.state != SubmissionReceipt::State::refused; ++i)
    refused = store_rating(outbox, big, now_utc());
  REQUIRE(refused.state == SubmissionReceipt::State::refused);
  CHECK(refused.error.find("disk full") != std::string::npos);
  auto st = outbox.stats(now_utc());
  CHECK(st.pending >= 3);
  sql::Stmt s(outbox.db(), "PRAGMA integrity_check");
  REQUIRE(s.step());
  CHECK(s.text(0) == "ok");
}

TEST_CASE("backoff: exponential ceiling capped at 5 minutes, full jitter below it") {
  using std::chrono::milliseconds;
  CHECK(backoff_ceiling(0) == milliseconds{1000});
  CHECK(backoff_ceiling(1) == milliseconds{2000});
  CHECK(backoff_ceiling(5) == milliseconds{32000});
  CHECK(backoff_ceiling(9) == milliseconds{300000});
  CHECK(backoff_ceiling(1000) == milliseconds{300000});
  std::mt19937_64 rng(7);
  milliseconds lo{1'000'000}, hi{0};
  double sum = 0;
  for (int i = 0; i < 4000; ++i) {
    auto d = backoff_delay(12, rng);
    CHECK(d >= milliseconds{0});
    CHECK(d <= milliseconds{300000});
    lo = std::min(lo, d);
    hi = std::max(hi, d);
    sum += static_cast<double>(d.count());
  }
  CHECK(lo < milliseconds{15000});   // full jitter reaches down to ~0
  CHECK(hi > milliseconds{285000});  // and up to the cap
  CHECK(sum / 4000 == doctest::Approx(150000).epsilon(0.05));
}

TEST_CASE("server answers: delivered, dead letter, retry, retry-after, hold") {
  auto resp = [](long status, std::optional<long> retry_after = std::nullopt) {
    HttpResponse r;
    r.status = status;
    r.retry_after_s = retry_after;
    return r;
  };
  HttpResponse net;
  net.network_error = true;
  CHECK(classify_send(net) == SendVerdict::retry);
  CHECK(classify_send(resp(201)) == SendVerdict::delivered);
  CHECK(classify_send(resp(200)) == SendVerdict::delivered);
  CHECK(classify_send(resp(409)) == SendVerdict::dead);
  CHECK(classify_send(resp(400)) == SendVerdict::dead);
  CHECK(classify_send(resp(404)) == SendVerdict::dead);
  CHECK(classify_send(resp(429, 3)) == SendVerdict::retry_after);
  CHECK(classify_send(resp(500)) == SendVerdict::retry);
  CHECK(classify_send(resp(503, 2)) == SendVerdict::retry_after);
  CHECK(classify_send(resp(401)) == SendVerdict::hold);
}
