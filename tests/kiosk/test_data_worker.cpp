// DataWorker: fetches in the background, publishes immutable snapshots,
// wakes the UI through the callback, keeps the last good data when the
// server goes away, and stops promptly.
#include <atomic>
#include <functional>

#include <doctest/doctest.h>

#include "fake_server.hpp"
#include "kiosk/data/data_worker.hpp"
#include "support/test_server.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;
using namespace std::chrono_literals;
using yeyou::test::wait_for;

namespace {

const char* kVenues = R"({"venues":[{"id":1,"name":{"zh":"刘公岛","en":"Liugong Island","ko":"류궁다오"},
  "category":"scenic_spot","district":"huancui","address":{"zh":"环翠区","en":"Huancui","ko":"환추이"},
  "lat":37.5,"lon":122.2,"opening_hours":[{"days":[1,2,3,4,5,6,7],"open":"17:00","close":"02:00"}],
  "capacity":1000,"phone":"0631-1234567","occupancy":null}],"districts":[]})";

const char* kEvents = R"({"events":[{"id":7,"venue_id":1,"title":{"zh":"灯光秀"},"description":{"zh":"海上"},
  "category":"light_show","start":"2026-11-29T20:00:00+08:00","end":"2026-11-29T23:30:00+08:00",
  "price_cents":0,"status":"scheduled"}]})";

}  // namespace

TEST_CASE("publishes a snapshot from the real server and wakes the UI") {
  yeyou::test::TestServer server;
  std::atomic<int> wakes{0};
  DataWorker worker(ApiClient(server.url()), {}, [&] { ++wakes; });
  auto first = worker.snapshot();
  REQUIRE(first != nullptr);
  CHECK(first->sync.attempts == 0);
  CHECK_FALSE(first->sync.has_data);

  worker.start();
  REQUIRE(wait_for([&] { return worker.snapshot()->sync.has_data; }));
  auto vm = worker.snapshot();
  CHECK(vm->sync.server_reachable);
  CHECK(vm->sync.last_error.empty());
  CHECK(vm->sync.fetched_at.has_value());
  CHECK(vm->generation >= 1);
  CHECK(vm->venues.size() >= 10);
  CHECK(wakes.load() >= 1);
  CHECK(first->venues.empty());  // an old snapshot is never modified
  worker.stop();
}

TEST_CASE("an unreachable server is reported in the snapshot - stop() is prompt") {
  std::atomic<int> wakes{0};
  ApiClient client("http://127.0.0.1:" + std::to_string(yeyou::kiosk::test::closed_port()));
  DataWorker worker(std::move(client), {}, [&] { ++wakes; });
  worker.start();
  REQUIRE(wait_for([&] { return worker.snapshot()->sync.attempts >= 1; }));
  auto vm = worker.snapshot();
  CHECK_FALSE(vm->sync.has_data);
  CHECK_FALSE(vm->sync.server_reachable);
  CHECK_FALSE(vm->sync.last_error.empty());
  CHECK(wakes.load() >= 1);
  auto t0 = std::chrono::steady_clock::now();
  worker.stop();
  CHECK(std::chrono::steady_clock::now() - t0 < 1s);
}

TEST_CASE("keeps the last good data when the server goes away, and follows the clock") {
  auto fake = std::make_unique<yeyou::kiosk::test::FakeServer>();
  fake->http().Get("/api/v1/venues", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kVenues, "application/json");
  });
  fake->http().Get("/api/v1/events", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(kEvents, "application/json");
  });
  fake->start();
  std::atomic<std::int64_t> clock{parse_iso8601("2026-11-29T19:00:00+08:00")->time_since_epoch().count()};
  DataWorkerOptions options;
  options.poll_interval = 3600s;
  DataWorker worker(ApiClient(fake->url()), options, nullptr,
                    [&] { return Timestamp{std::chrono::seconds{clock.load()}}; });
  worker.start();
  REQUIRE(wait_for([&] { return worker.snapshot()->sync.has_data; }));
  CHECK(worker.snapshot()->later_tonight.size() == 1);
  CHECK(worker.snapshot()->on_now.empty());

  fake.reset();  // the server goes away
  clock = parse_iso8601("2026-11-29T21:00:00+08:00")->time_since_epoch().count();
  worker.refresh();
  REQUIRE(wait_for([&] { return worker.snapshot()->sync.attempts >= 2; }));
  auto vm = worker.snapshot();
  CHECK(vm->sync.has_data);
  CHECK_FALSE(vm->sync.server_reachable);
  CHECK(vm->sync.fetched_at == parse_iso8601("2026-11-29T19:00:00+08:00"));
  REQUIRE(vm->on_now.size() == 1);  // the cached event, now on
  CHECK(vm->on_now[0].event.id == 7);
  CHECK(vm->later_tonight.empty());
  worker.stop();
}
