// Kiosk sync and sending against the real API server (in-process, loopback):
// paging, 304, offline start from the cache, exactly-once delivery, 409 →
// dead letter, emergency notices within 5 s, lookups and rating links.
#include <atomic>
#include <functional>
#include <set>
#include <thread>

#include <doctest/doctest.h>

#include "fake_server.hpp"
#include "kiosk/data/cache_store.hpp"
#include "kiosk/data/data_worker.hpp"
#include "kiosk/data/outbox.hpp"
#include "kiosk/data/sync_engine.hpp"
#include "support/test_server.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;
using namespace std::chrono_literals;
using yeyou::test::wait_for;

namespace {

std::int64_t server_count(yeyou::test::TestServer& srv, const std::string& sql) {
  sql::Db db(srv.db_path());
  sql::Stmt s(db, sql);
  return s.step() ? s.int64(0) : -1;
}

ComplaintDraft draft() {
  ComplaintDraft d;
  d.subject = {SubjectKind::venue, "1"};
  d.category = ComplaintCategory::prices;
  d.text = "多收了二十元";
  d.contact = Contact{"王伟", "13800138000"};
  return d;
}

Rating rating(int level) {
  Rating r;
  r.subject = {SubjectKind::venue, "1"};
  r.level = level;
  if (level >= 4) r.reasons = {BadReason::crowding};
  return r;
}

}  // namespace

TEST_CASE("content sync pages through the feed, then answers 304") {
  yeyou::test::TestServer srv;
  std::string kiosk_id;
  std::string token = yeyou::test::kiosk_token(srv, std::string("huancui"), &kiosk_id);
  yeyou::test::TempDir dir;
  CacheStore cache(dir.file("cache.db"));
  HttpSession http(srv.url(), token);

  SyncResult first = sync_changes(http, cache, false, now_utc(), 10'000, /*page_limit=*/7);
  REQUIRE_MESSAGE(first.ok, first.error);
  CHECK(first.pages > 3);
  CHECK(first.changed);
  const std::int64_t cursor = cache.cursor();
  CHECK(cursor > 0);
  auto content = cache.load(now_utc());
  CHECK(content.venues.venues.size() >= 10);
  CHECK_FALSE(content.venues.districts.empty());

  // Unpaged, from zero, the same objects arrive.
  yeyou::test::TempDir dir2;
  CacheStore whole(dir2.file("cache.db"));
  REQUIRE(sync_changes(http, whole, false, now_utc()).ok);
  CHECK(whole.cursor() == cursor);
  CHECK(whole.load(now_utc()).objects == content.objects);

  SyncResult again = sync_changes(http, cache, false, now_utc());
  CHECK(again.ok);
  CHECK(again.unchanged);
  CHECK(again.http_status == 304);
  CHECK(cache.cursor() == cursor);
  CHECK(cache.last_sync_at().has_value());

  SyncResult live = sync_changes(http, cache, true, now_utc());
  CHECK(live.ok);
}

TEST_CASE("outbox items reach the server exactly once, retries are answered from the stored row") {
  yeyou::test::TestServer srv;
  std::string kiosk_id;
  std::string token = yeyou::test::kiosk_token(srv, std::string("huancui"), &kiosk_id);
  yeyou::test::TempDir dir;
  Outbox outbox(dir.file("outbox.db"));
  std::vector<std::string> tracking;
  for (int i = 0; i < 20; ++i) REQUIRE(store_rating(outbox, rating(1 + i % 5), now_utc()).state == SubmissionReceipt::State::stored);
  for (int i = 0; i < 5; ++i) {
    auto r = store_complaint(outbox, draft(), "", kiosk_id, now_utc());
    REQUIRE(r.state == SubmissionReceipt::State::stored);
    tracking.push_back(r.tracking_no);
  }
  HttpSession http(srv.url(), token);
  OutboxSender sender(http, outbox, 1, 10ms);
  for (int i = 0; i < 10 && !sender.step().idle; ++i) {
  }
  CHECK(outbox.stats(now_utc()).pending == 0);
  CHECK(outbox.stats(now_utc()).sent == 25);
  CHECK(server_count(srv, "SELECT count(*) FROM ratings") == 20);
  CHECK(server_count(srv, "SELECT count(*) FROM complaints") == 5);
  CHECK(server_count(srv, "SELECT count(*) FROM complaints WHERE tracking_no = '" + tracking[0] + "'") == 1);

  // Every item sent again (as after a lost answer): same payload → 200, nothing doubles.
  outbox.db().exec("UPDATE items SET state = 'pending'");
  for (int i = 0; i < 10 && !sender.step().idle; ++i) {
  }
  CHECK(outbox.stats(now_utc()).sent == 25);
  CHECK(outbox.stats(now_utc()).dead_letters == 0);
  CHECK(server_count(srv, "SELECT count(*) FROM ratings") == 20);
  CHECK(server_count(srv, "SELECT count(*) FROM complaints") == 5);
}

TEST_CASE("same key, different payload: 409 goes to the dead letters with the server's message") {
  yeyou::test::TestServer srv;
  std::string token = yeyou::test::kiosk_token(srv);
  yeyou::test::TempDir a, b;
  Outbox first(a.file("outbox.db")), second(b.file("outbox.db"));
  Rating r = rating(2);
  r.id = "0b7e2f7a-1c3d-4e5f-8a9b-0c1d2e3f4a5b";
  REQUIRE(store_rating(first, r, now_utc()).state == SubmissionReceipt::State::stored);
  r.level = 5;
  r.reasons = {BadReason::prices};
  REQUIRE(store_rating(second, r, now_utc()).state == SubmissionReceipt::State::stored);
  HttpSession http(srv.url(), token);
  OutboxSender s1(http, first, 1, 10ms), s2(http, second, 2, 10ms);
  CHECK(s1.step().delivered == 1);
  auto st = s2.step();
  CHECK(st.dead == 1);
  auto dead = second.dead_letters();
  REQUIRE(dead.size() == 1);
  CHECK(dead[0].http_status == 409);
  CHECK(dead[0].message.find("conflict") != std::string::npos);
  CHECK(second.stats(now_utc()).pending == 0);
  CHECK(server_count(srv, "SELECT level FROM ratings WHERE id = '" + r.id + "'") == 2);

  // A subject that does not exist is another 4xx: dead letter too.
  Rating ghost = rating(1);
  ghost.subject = {SubjectKind::venue, "999999"};
  REQUIRE(store_rating(first, ghost, now_utc()).state == SubmissionReceipt::State::stored);
  CHECK(s1.step().dead == 1);
  CHECK(first.dead_letters().at(0).http_status / 100 == 4);
}

TEST_CASE("offline start: the first snapshot comes from the cache, with its age") {
  yeyou::test::TempDir dir;
  Timestamp synced_at;
  {
    yeyou::test::TestServer srv;
    std::string kiosk_id;
    std::string token = yeyou::test::kiosk_token(srv, std::string("huancui"), &kiosk_id);
    CacheStore cache(dir.file("cache.db"));
    HttpSession http(srv.url(), token);
    REQUIRE(sync_changes(http, cache, false, now_utc()).ok);
    synced_at = *cache.last_sync_at();
  }
  KioskRuntime rt;
  rt.data_dir = dir.path().string();
  rt.token = "no-server-to-check-it";
  rt.kiosk_id = "kiosk-1";
  DataWorkerOptions opts;
  opts.runtime = rt;
  ApiClient client("http://127.0.0.1:" + std::to_string(yeyou::kiosk::test::closed_port()));
  DataWorker worker(std::move(client), opts, [] {});
  worker.start();
  REQUIRE(wait_for([&] { return worker.snapshot()->sync.has_data; }, 5s));
  auto vm = worker.snapshot();
  CHECK(vm->venues.size() >= 10);
  REQUIRE(vm->sync.fetched_at.has_value());
  CHECK(*vm->sync.fetched_at == synced_at);
  REQUIRE(wait_for([&] { return worker.snapshot()->sync.attempts >= 1; }, 10s));
  CHECK_FALSE(worker.snapshot()->sync.server_reachable);
  CHECK(worker.snapshot()->venues.size() >= 10);  // still showing the cache

  // Feedback is accepted offline, with a tracking number.
  auto id = worker.submit_complaint(draft());
  REQUIRE(wait_for([&] {
    auto s = worker.snapshot();
    auto it = s->receipts.find(id);
    return it != s->receipts.end() && it->second.state != SubmissionReceipt::State::pending;
  }));
  auto receipt = worker.snapshot()->receipts.at(id);
  CHECK(receipt.state == SubmissionReceipt::State::stored);
  CHECK(receipt.tracking_no.rfind("K1-", 0) == 0);
  CHECK(worker.snapshot()->outbox.pending == 1);
  worker.lookup_complaint(receipt.tracking_no);
  REQUIRE(wait_for([&] {
    auto s = worker.snapshot()->complaint_status;
    return s && s->state == ComplaintStatus::State::queued;
  }));
  worker.request_rating_link({SubjectKind::venue, "1"});
  REQUIRE(wait_for([&] { return worker.snapshot()->rating_link.has_value(); }));
  CHECK_FALSE(worker.snapshot()->rating_link->ok);
  CHECK_FALSE(worker.snapshot()->rating_link->error.empty());
  worker.stop();
}

TEST_CASE("the worker syncs, sends, looks up, links, and shows an emergency notice within 5 s") {
  yeyou::test::TestServer srv;
  std::string kiosk_id;
  std::string token = yeyou::test::kiosk_token(srv, std::string("huancui"), &kiosk_id);
  std::string bureau = yeyou::test::sign_in_as(srv, "bureau1", services::Role::bureau);
  yeyou::test::TempDir dir;
  KioskRuntime rt;
  rt.data_dir = dir.path().string();
  rt.token = token;  // the kiosk id comes from /auth/me
  rt.backoff_base = 50ms;
  DataWorkerOptions opts;
  opts.runtime = rt;
  std::atomic<int> wakes{0};
  DataWorker worker(ApiClient(srv.url()), opts, [&] { ++wakes; });
  worker.start();
  REQUIRE(wait_for([&] { return worker.snapshot()->sync.has_data && !worker.snapshot()->venues.empty(); }));
  REQUIRE(wait_for([&] { return worker.snapshot()->kiosk_id == kiosk_id; }));

  auto rid = worker.submit_rating(rating(4));
  auto cid = worker.submit_complaint(draft());
  REQUIRE(wait_for([&] {
    auto s = worker.snapshot();
    return s->receipts.count(rid) && s->receipts.at(rid).state == SubmissionReceipt::State::stored &&
           s->receipts.count(cid) && s->receipts.at(cid).state == SubmissionReceipt::State::stored;
  }, 30s));  // an fsync'd outbox write; generous for a loaded CI machine
  std::string tracking = worker.snapshot()->receipts.at(cid).tracking_no;
  CHECK(tracking.rfind(tracking_prefix(kiosk_id) + "-", 0) == 0);
  REQUIRE(wait_for([&] { return server_count(srv, "SELECT count(*) FROM complaints") == 1; }));
  REQUIRE(wait_for([&] { return worker.snapshot()->outbox.pending == 0; }));
  CHECK(server_count(srv, "SELECT count(*) FROM ratings WHERE id = '" + rid + "'") == 1);

  worker.lookup_complaint(tracking);
  REQUIRE(wait_for([&] {
    auto s = worker.snapshot()->complaint_status;
    return s && s->tracking_no == tracking && s->state == ComplaintStatus::State::found;
  }));
  CHECK_FALSE(worker.snapshot()->complaint_status->server_state.empty());
  worker.lookup_complaint("K9-20000101-0001");
  REQUIRE(wait_for([&] {
    auto s = worker.snapshot()->complaint_status;
    return s && s->state == ComplaintStatus::State::not_found;
  }));

  worker.request_rating_link({SubjectKind::venue, "1"});
  REQUIRE(wait_for([&] { return worker.snapshot()->rating_link.has_value(); }));
  CHECK_MESSAGE(worker.snapshot()->rating_link->ok, worker.snapshot()->rating_link->error);
  CHECK(worker.snapshot()->rating_link->url.find("/r/") != std::string::npos);

  // An emergency notice for everyone shows within 5 s.
  Json notice{{"severity", "emergency"},
              {"target", {{"kind", "all"}}},
              {"text", {{"zh", "台风预警，请尽快离开海滩"}, {"en", "Typhoon warning"}, {"ko", "태풍 경보"}}},
              {"ends_at", format_iso8601(now_utc() + std::chrono::hours{2})}};
  auto [status, body] = yeyou::test::call(srv, "POST", "/api/v1/notices", bureau, notice);
  REQUIRE_MESSAGE(status == 201, body.dump());
  auto issued = std::chrono::steady_clock::now();
  REQUIRE(wait_for(
      [&] {
        for (const auto& n : worker.snapshot()->notices)
          if (n.severity == Severity::emergency) return true;
        return false;
      },
      6s));
  CHECK(std::chrono::steady_clock::now() - issued < 5s);
  worker.stop();
}
