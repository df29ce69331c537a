// The ingest writer: idempotency under racing copies, and its in-memory burst
// window, exact across writers (another process, or the server before a
// restart) and rolled-back batches.
#include <doctest/doctest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "core/uuid.hpp"
#include "server/services/burst_window.hpp"
#include "server/services/service_errors.hpp"
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
    for (int i = 0; i < 4; ++i) CHECK(other.ratings.submit(rating_from_json(good_rating("7")), kiosk_id, now_utc()).created);
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

TEST_CASE("idempotency is exact when copies of one rating race into the same and later batches") {
  test::TestServer srv;
  std::string kiosk_id;
  test::kiosk_token(srv, std::string("huancui"), &kiosk_id);
  Json bad = good_rating("4");
  bad["level"] = 5;
  bad["reasons"] = Json::array({"crowding"});
  bad["contact"] = {{"name", "李女士"}, {"phone", "13912345678"}};
  std::atomic<int> created{0}, retries{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&, t] {
      Json body = bad;
      if (t == 7) body["comment"] = "a different payload";
      for (int i = 0; i < 5; ++i) {
        try {
          auto receipt = srv.hub().ratings.submit(rating_from_json(body), kiosk_id, now_utc());
          (receipt.created ? created : retries)++;
          CHECK(receipt.rating.contact->phone == "13912345678");
        } catch (const services::Conflict&) {
          conflicts++;
        }
      }
    });
  for (auto& th : threads) th.join();
  // The one with the other payload either came first (then every copy of the
  // first payload conflicts) or it conflicts all five times.
  CHECK(created == 1);
  CHECK(((retries == 34 && conflicts == 5) || (retries == 4 && conflicts == 35)));
  auto& db = srv.pool().get();
  store::Stmt s(db, "SELECT (SELECT count(*) FROM ratings), (SELECT count(*) FROM cases WHERE rating_id = ?1)");
  s.bind(1, bad["id"].get<std::string>());
  s.step();
  CHECK(s.int64(1) == 1);
}
