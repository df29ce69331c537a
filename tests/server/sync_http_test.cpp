#include <doctest/doctest.h>

#include <set>

#include "server/services/server_config.hpp"
#include "server/store/change_log.hpp"
#include "support/test_server.hpp"

using namespace yeyou;
using services::Role;
using test::call;

namespace {

Json notice(const Json& target, const std::string& severity = "warning") {
  return Json{{"severity", severity},
              {"target", target},
              {"text", {{"zh", "通知"}, {"en", "Notice"}, {"ko", "공지"}}},
              {"ends_at", format_iso8601(now_utc() + std::chrono::hours{6})}};
}

// "N" with the quotes, as an ETag.
std::string etag_of(const std::string& s) {
  std::string out(1, '"');
  out.append(s).push_back('"');
  return out;
}

std::int64_t current(test::TestServer& srv) { return store::current_version(srv.pool().get()); }

// Every upserted (kind, id) in a sync answer.
std::set<std::pair<std::string, std::string>> upserted(const Json& page) {
  std::set<std::pair<std::string, std::string>> out;
  for (const auto& u : page["upserts"]) out.insert({u["kind"].get<std::string>(), u["id"].get<std::string>()});
  return out;
}

}  // namespace

TEST_CASE("sync needs a kiosk token") {
  test::TestServer srv;
  CHECK(call(srv, "GET", "/api/v1/sync?cursor=0", "").first == 401);
  auto staff = test::sign_in_as(srv, "officer", Role::bureau);
  CHECK(call(srv, "GET", "/api/v1/sync?cursor=0", staff).first == 403);
  CHECK(call(srv, "GET", "/api/v1/sync/live?since=0", staff).first == 403);
  auto kiosk = test::kiosk_token(srv);
  CHECK(call(srv, "GET", "/api/v1/sync?cursor=-1", kiosk).first == 400);
  CHECK(call(srv, "GET", "/api/v1/sync?cursor=0&limit=0", kiosk).first == 400);
}

TEST_CASE("a first sync from 0 is paged and brings every venue, district and event") {
  test::TestServer srv;
  auto kiosk = test::kiosk_token(srv);
  std::int64_t cursor = 0;
  std::set<std::pair<std::string, std::string>> seen;
  int pages = 0;
  bool more = true;
  while (more) {
    REQUIRE(pages < 1000);
    auto [status, page] = call(srv, "GET", "/api/v1/sync?cursor=" + std::to_string(cursor) + "&limit=10", kiosk);
    REQUIRE(status == 200);
    CHECK(page["upserts"].size() + page["deletes"].size() <= 10);
    CHECK(page["cursor"].get<std::int64_t>() > cursor);
    CHECK(page["settings"]["content_poll_s"] == 30);
    CHECK(page["settings"]["live_poll_s"] == 5);
    for (const auto& u : page["upserts"]) {
      CHECK(u["version"].get<std::int64_t>() > cursor);
      CHECK(u["body"].is_object());
    }
    auto ids = upserted(page);
    seen.insert(ids.begin(), ids.end());
    cursor = page["cursor"];
    more = page["more"];
    ++pages;
  }
  CHECK(pages > 3);
  CHECK(cursor == current(srv));
  auto count = [&](const std::string& kind) {
    return std::count_if(seen.begin(), seen.end(), [&](const auto& p) { return p.first == kind; });
  };
  CHECK(count("venue") == 21);
  CHECK(count("district") == 6);
  CHECK(count("event") > 10);
  CHECK(count("occupancy") > 0);
}

TEST_CASE("nothing changed: 304 with the cursor as ETag, or a tiny body") {
  test::TestServer srv;
  auto kiosk = test::kiosk_token(srv, std::string("huancui"));
  auto cli = srv.client();
  std::string now = std::to_string(current(srv));
  auto r = cli.Get(("/api/v1/sync?cursor=" + now).c_str(), test::bearer(kiosk));
  REQUIRE(r);
  CHECK(r->status == 304);
  CHECK(r->body.empty());
  CHECK(r->get_header_value("ETag") == etag_of(now));
  // If-None-Match carries the cursor when the parameter is absent.
  auto headers = test::bearer(kiosk);
  headers.emplace("If-None-Match", etag_of(now));
  auto r2 = cli.Get("/api/v1/sync", headers);
  REQUIRE(r2);
  CHECK(r2->status == 304);
  auto r3 = cli.Get(("/api/v1/sync/live?since=" + now).c_str(), test::bearer(kiosk));
  REQUIRE(r3);
  CHECK(r3->status == 304);
  // A change this kiosk does not get (a notice for another district) moves the
  // cursor in a body under 200 bytes.
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  REQUIRE(call(srv, "POST", "/api/v1/notices", bureau, notice({{"kind", "district"}, {"id", "gaoqu"}})).first == 201);
  auto r4 = cli.Get(("/api/v1/sync?cursor=" + now).c_str(), test::bearer(kiosk));
  REQUIRE(r4);
  CHECK(r4->status == 200);
  CHECK(r4->body.size() < 200);
  auto j = test::body_json(r4);
  CHECK(j["upserts"].empty());
  CHECK(j["cursor"] == current(srv));
  CHECK(r4->get_header_value("ETag") == etag_of(std::to_string(current(srv))));
}

TEST_CASE("a staff edit appears in the next sync") {
  test::TestServer srv;
  auto kiosk = test::kiosk_token(srv);
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  std::int64_t cursor = current(srv);
  REQUIRE(call(srv, "PATCH", "/api/v1/venues/3", bureau, Json{{"capacity", 4321}}).first == 200);
  auto [status, page] = call(srv, "GET", "/api/v1/sync?cursor=" + std::to_string(cursor), kiosk);
  REQUIRE(status == 200);
  REQUIRE(page["upserts"].size() == 1);
  CHECK(page["upserts"][0]["kind"] == "venue");
  CHECK(page["upserts"][0]["id"] == "3");
  CHECK(page["upserts"][0]["body"]["capacity"] == 4321);
  CHECK(page["more"] == false);
  // Then nothing more.
  CHECK(call(srv, "GET", "/api/v1/sync?cursor=" + page["cursor"].dump(), kiosk).first == 304);
}

TEST_CASE("notices are filtered to the kiosk's district, in full and live sync") {
  test::TestServer srv;
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  auto huancui = test::kiosk_token(srv, std::string("huancui"));
  auto gaoqu = test::kiosk_token(srv, std::string("gaoqu"));
  auto nowhere = test::kiosk_token(srv, std::nullopt);
  std::int64_t cursor = current(srv);
  std::map<std::string, std::string> ids;
  auto issue = [&](const std::string& name, const Json& target, const std::string& severity = "warning") {
    auto [s, n] = call(srv, "POST", "/api/v1/notices", bureau, notice(target, severity));
    REQUIRE(s == 201);
    ids[name] = n["id"].dump();
  };
  issue("all", {{"kind", "all"}}, "emergency");
  issue("huancui", {{"kind", "district"}, {"id", "huancui"}});
  issue("gaoqu", {{"kind", "district"}, {"id", "gaoqu"}});
  issue("venue1", {{"kind", "venue"}, {"id", "1"}});    // in huancui
  issue("venue10", {{"kind", "venue"}, {"id", "10"}});  // in gaoqu
  auto notices_for = [&](const std::string& token, const std::string& path) {
    auto [s, page] = call(srv, "GET", path + std::to_string(cursor), token);
    REQUIRE(s == 200);
    std::set<std::string> out;
    for (const auto& u : page["upserts"]) {
      CHECK(u["kind"] == "notice");
      out.insert(u["id"].get<std::string>());
    }
    return out;
  };
  for (const std::string path : {"/api/v1/sync?cursor=", "/api/v1/sync/live?since="}) {
    CAPTURE(path);
    CHECK(notices_for(huancui, path) == std::set<std::string>{ids["all"], ids["huancui"], ids["venue1"]});
    CHECK(notices_for(gaoqu, path) == std::set<std::string>{ids["all"], ids["gaoqu"], ids["venue10"]});
    CHECK(notices_for(nowhere, path) == std::set<std::string>{ids["all"]});
  }
}

TEST_CASE("the live endpoint carries only occupancy and notices") {
  test::TestServer srv;
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  auto kiosk = test::kiosk_token(srv);
  std::int64_t cursor = current(srv);
  REQUIRE(call(srv, "PATCH", "/api/v1/venues/2", bureau, Json{{"capacity", 999}}).first == 200);
  REQUIRE(call(srv, "POST", "/api/v1/venues/2/occupancy", bureau, Json{{"count", 10}}).first == 200);
  auto [s, page] = call(srv, "GET", "/api/v1/sync/live?since=" + std::to_string(cursor), kiosk);
  REQUIRE(s == 200);
  REQUIRE(page["upserts"].size() == 1);
  CHECK(page["upserts"][0]["kind"] == "occupancy");
  CHECK(page["upserts"][0]["id"] == "2");
  CHECK(page["cursor"] == current(srv));
}

TEST_CASE("a cursor ahead of the server resyncs from zero") {
  test::TestServer srv;
  auto kiosk = test::kiosk_token(srv);
  auto [s, page] = call(srv, "GET", "/api/v1/sync?cursor=999999999&limit=5", kiosk);
  REQUIRE(s == 200);
  CHECK(page["reset"] == true);
  CHECK(page["upserts"].size() == 5);
  CHECK(page["more"] == true);
}

TEST_CASE("poll intervals come from the [sync] configuration") {
  services::ServerConfig cfg;
  cfg.sync.content_poll_s = 60;
  cfg.sync.live_poll_s = 2;
  test::TestServer srv({.seed_demo = true, .max_body_bytes = 64 * 1024, .config = cfg});
  auto kiosk = test::kiosk_token(srv);
  auto [s, page] = call(srv, "GET", "/api/v1/sync?cursor=0&limit=1", kiosk);
  REQUIRE(s == 200);
  CHECK(page["settings"]["content_poll_s"] == 60);
  CHECK(page["settings"]["live_poll_s"] == 2);
  // The shipped config file states the defaults.
  auto shipped = services::load_server_config(std::string(YEYOU_SOURCE_DIR) + "/config/server.toml");
  CHECK(shipped.sync.content_poll_s == 30);
  CHECK(shipped.sync.live_poll_s == 5);
  CHECK(shipped.sync.page_size == 500);
}

TEST_CASE("heartbeats: own kiosk only, validated, latest kept, offline after 3 missed intervals") {
  test::TestServer srv;
  std::string id1, id2;
  auto k1 = test::kiosk_token(srv, std::string("huancui"), &id1);
  auto k2 = test::kiosk_token(srv, std::string("gaoqu"), &id2);
  Json beat{{"version", "0.1.0"},           {"uptime_s", 3600},
            {"outbox_depth", 2},            {"oldest_outbox_age_s", 40},
            {"last_sync_at", "2026-11-29T21:00:00+08:00"}, {"free_disk_bytes", 1000000000}};
  auto [s1, j1] = call(srv, "POST", "/api/v1/kiosks/" + id1 + "/heartbeat", k1, beat);
  REQUIRE(s1 == 200);
  CHECK(j1["kiosk_id"] == id1);
  CHECK(j1["outbox_depth"] == 2);
  CHECK(j1["received_at"].is_string());
  CHECK(call(srv, "POST", "/api/v1/kiosks/" + id1 + "/heartbeat", k2, beat).first == 404);  // not its own
  CHECK(call(srv, "POST", "/api/v1/kiosks/" + id1 + "/heartbeat", "", beat).first == 401);
  Json bad = beat;
  bad["outbox_depth"] = -1;
  bad["uptime_s"] = "long";
  bad["last_sync_at"] = "yesterday";
  bad["color"] = "blue";
  auto [s2, j2] = call(srv, "POST", "/api/v1/kiosks/" + id1 + "/heartbeat", k1, bad);
  CHECK(s2 == 400);
  for (const char* f : {"outbox_depth", "uptime_s", "last_sync_at", "color"}) CHECK(j2["error"]["fields"].contains(f));
  Json never = beat;
  never["last_sync_at"] = nullptr;
  never["outbox_depth"] = 5;
  REQUIRE(call(srv, "POST", "/api/v1/kiosks/" + id1 + "/heartbeat", k1, never).first == 200);

  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  CHECK(call(srv, "GET", "/api/v1/kiosks", k1).first == 403);
  CHECK(call(srv, "GET", "/api/v1/kiosks", "").first == 401);
  auto list = [&] {
    auto [s, j] = call(srv, "GET", "/api/v1/kiosks", bureau);
    REQUIRE(s == 200);
    std::map<std::string, Json> out;
    for (const auto& k : j["kiosks"]) out[k["id"].get<std::string>()] = k;
    CHECK(j["offline_after_s"] == 15);
    return out;
  };
  auto k = list();
  REQUIRE(k.count(id1));
  REQUIRE(k.count(id2));
  CHECK(k[id1]["online"] == true);
  CHECK(k[id1]["district"] == "huancui");
  CHECK(k[id1]["last_heartbeat"]["outbox_depth"] == 5);  // the latest one
  CHECK(k[id1]["last_heartbeat"]["last_sync_at"].is_null());
  CHECK(k[id2]["online"] == false);  // never reported
  CHECK(k[id2]["last_heartbeat"].is_null());
  // 3 live intervals (15 s) without a heartbeat: offline.
  store::Stmt age(srv.pool().get(), "UPDATE kiosk_heartbeats SET received_at = received_at - 16 WHERE kiosk_id = ?1");
  age.bind(1, id1).run();
  CHECK(list()[id1]["online"] == false);
  REQUIRE(call(srv, "POST", "/api/v1/kiosks/" + id1 + "/heartbeat", k1, beat).first == 200);
  CHECK(list()[id1]["online"] == true);
}
