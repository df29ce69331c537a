// The ingest writer's in-memory burst window: exact across writers (another
// process, or the server before a restart) and across rolled-back batches.
#include <doctest/doctest.h>

#include "core/uuid.hpp"
#include "server/services/burst_window.hpp"
#include "server/store/migrations.hpp"
#include "support/test_server.hpp"

using namespace yeyou;
using test::call;

namespace {

Json good_rating(const std::string& venue) {
  return Json{{"id", new_uuid()},
              {"subject", {{"kind", "venue"}, {"id", venue}}},
              {"level", 1},
              {"channel", "kiosk"},
              {"created_at", format_iso8601(now_utc())}};
}

}  // namespace

TEST_CASE("burst counts include ratings another writer stored, before and after this one started") {
  test::TestServer srv;
  std::string kiosk_id;
  auto token = test::kiosk_token(srv, std::string("huancui"), &kiosk_id);
  auto bureau = test::sign_in_as(srv, "officer", services::Role::bureau);
  // 6 through the running server, then 4 through a second writer (as after a
  // restart: it starts from what is stored), then 2 more through the server.
  for (int i = 0; i < 6; ++i) REQUIRE(call(srv, "POST", "/api/v1/ratings", token, good_rating("7")).first == 201);
  {
    services::ServiceHub other(srv.pool(), srv.hub().config);
    for (int i = 0; i < 4; ++i) CHECK(other.ratings.submit(good_rating("7"), kiosk_id, now_utc()).created);
  }
  for (int i = 0; i < 2; ++i) REQUIRE(call(srv, "POST", "/api/v1/ratings", token, good_rating("7")).first == 201);
  auto period = format_iso8601(now_utc()).substr(0, 7);
  auto stats = call(srv, "GET", "/api/v1/stats?period=" + period + "&venue=7", bureau).second;
  CHECK(stats["ratings"] == 10);
  CHECK(stats["suspect"] == 2);
  auto suspects = call(srv, "GET", "/api/v1/ratings/suspect", bureau).second["ratings"];
  CHECK(suspects.size() == 2);
}

TEST_CASE("burst window: a rolled-back batch's ratings do not count, a committed one's do") {
  test::TempDir dir;
  store::Db db(dir.file("b.db"));
  store::migrate(db);
  services::BurstWindow window(std::chrono::seconds{60});
  Subject venue{SubjectKind::venue, "3"};
  auto now = now_utc();
  auto since = now - std::chrono::seconds{60};
  auto batch = [&](bool commit, int ratings) {
    db.exec("BEGIN IMMEDIATE");
    window.batch_begun(db);
    for (int i = 0; i < ratings; ++i) window.stored("kiosk-1", venue, now, 100 + i);
    db.exec(commit ? "COMMIT" : "ROLLBACK");
    window.batch_ended(commit);
  };
  batch(false, 3);
  db.exec("BEGIN IMMEDIATE");
  window.batch_begun(db);
  CHECK(window.count_since("kiosk-1", venue, since, 11) == 0);
  window.stored("kiosk-1", venue, now, 1);
  CHECK(window.count_since("kiosk-1", venue, since, 11) == 1);  // counts within its own batch
  db.exec("COMMIT");
  window.batch_ended(true);
  batch(true, 2);
  CHECK(window.count_since("kiosk-1", venue, since, 11) == 3);
  CHECK(window.count_since("kiosk-1", venue, since, 2) == 2);                       // counting stops at the limit
  CHECK(window.count_since("kiosk-2", venue, since, 11) == 0);                      // per kiosk
  CHECK(window.count_since("kiosk-1", {SubjectKind::venue, "4"}, since, 11) == 0);  // per subject
  CHECK(window.count_since("kiosk-1", venue, now, 11) == 0);                        // only after `since`
}
