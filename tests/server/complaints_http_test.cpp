#include <doctest/doctest.h>

#include <sys/wait.h>

#include <cstdio>
#include <map>

#include "core/uuid.hpp"
#include "server/store/complaint_store.hpp"
#include "support/test_server.hpp"

using namespace yeyou;
using test::call;

namespace {

Json complaint(const std::string& id, const std::string& tracking_no, const std::string& text = "排队太久，没有人管") {
  return Json{{"id", id},
              {"tracking_no", tracking_no},
              {"subject", {{"kind", "venue"}, {"id", "1"}}},
              {"category", "crowding"},
              {"text", text},
              {"contact", {{"name", "王先生"}, {"phone", "13812345678"}}},
              {"created_at", "2026-11-29T21:15:00+08:00"}};
}

Json rating(const std::string& id, int level) {
  return Json{{"id", id},
              {"subject", {{"kind", "venue"}, {"id", "2"}}},
              {"level", level},
              {"channel", "kiosk"},
              {"created_at", "2026-11-29T21:15:00+08:00"}};
}

std::int64_t rows(test::TestServer& srv) { return store::count_complaints(srv.pool().get()); }

// Runs the real yeyou-server binary; returns its exit code and stdout.
std::pair<int, std::string> run(const std::string& args) {
  std::string cmd = std::string(YEYOU_SERVER_BIN) + " " + args + " 2>/dev/null";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p);
  std::string out;
  char buf[4096];
  while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
  int rc = pclose(p);
  return {WIFEXITED(rc) ? WEXITSTATUS(rc) : -1, out};
}

}  // namespace

TEST_CASE("a complaint is stored once, with its kiosk's tracking number and a masked phone") {
  test::TestServer srv;
  std::string kiosk_id;
  auto kiosk = test::kiosk_token(srv, std::string("huancui"), &kiosk_id);
  std::string id = new_uuid();
  auto [s1, stored] = call(srv, "POST", "/api/v1/complaints", kiosk, complaint(id, "KIOSK-1-20261129-0001"));
  REQUIRE(s1 == 201);
  CHECK(stored["id"] == id);
  CHECK(stored["tracking_no"] == "KIOSK-1-20261129-0001");
  CHECK(stored["contact"]["phone"] == "138****5678");
  CHECK(stored["kiosk_id"] == kiosk_id);
  CHECK(stored["received_at"].is_string());
  for (int i = 0; i < 3; ++i) {
    auto [s, again] = call(srv, "POST", "/api/v1/complaints", kiosk, complaint(id, "KIOSK-1-20261129-0001"));
    CHECK(s == 200);
    CHECK(again == stored);
  }
  CHECK(rows(srv) == 1);
  // The full phone is kept, encrypted, in its own column.
  store::Stmt s(srv.pool().get(), "SELECT contact_json, kiosk_id, body FROM complaints WHERE id = ?1");
  s.bind(1, id);
  REQUIRE(s.step());
  CHECK(s.text(0).find("13812345678") == std::string::npos);
  CHECK(srv.hub().vault.open(s.text(0)).find("13812345678") != std::string::npos);
  CHECK(s.text(1) == kiosk_id);
  CHECK(s.text(2).find("1381234") == std::string::npos);
}

TEST_CASE("complaints: a different payload or a taken tracking number is 409, nothing changes") {
  test::TestServer srv;
  auto kiosk = test::kiosk_token(srv);
  std::string id = new_uuid();
  REQUIRE(call(srv, "POST", "/api/v1/complaints", kiosk, complaint(id, "K1-20261129-0001")).first == 201);
  auto [s1, e1] = call(srv, "POST", "/api/v1/complaints", kiosk, complaint(id, "K1-20261129-0001", "别的内容"));
  CHECK(s1 == 409);
  CHECK(e1["error"]["code"] == "conflict");
  auto [s2, e2] = call(srv, "POST", "/api/v1/complaints", kiosk, complaint(new_uuid(), "K1-20261129-0001"));
  CHECK(s2 == 409);
  CHECK(e2["error"]["message"].get<std::string>().find("tracking") != std::string::npos);
  CHECK(rows(srv) == 1);
  CHECK(store::find_complaint(srv.pool().get(), srv.hub().vault, id)->complaint.text == "排队太久，没有人管");
}

TEST_CASE("complaints need a kiosk token and valid fields") {
  test::TestServer srv;
  CHECK(call(srv, "POST", "/api/v1/complaints", "", complaint(new_uuid(), "K1-0001")).first == 401);
  auto staff = test::sign_in_as(srv, "officer", services::Role::bureau);
  CHECK(call(srv, "POST", "/api/v1/complaints", staff, complaint(new_uuid(), "K1-0001")).first == 403);
  auto kiosk = test::kiosk_token(srv);
  Json bad = complaint("not-a-uuid", "no spaces allowed");
  bad["category"] = "ufo";
  bad["text"] = "";
  bad["subject"]["id"] = "99999";
  bad["mood"] = "angry";
  auto [s, e] = call(srv, "POST", "/api/v1/complaints", kiosk, bad);
  CHECK(s == 400);
  for (const char* f : {"id", "tracking_no", "category", "text", "mood"}) CHECK(e["error"]["fields"].contains(f));
  Json ghost = complaint(new_uuid(), "K1-0002");
  ghost["subject"]["id"] = "99999";
  auto [s2, e2] = call(srv, "POST", "/api/v1/complaints", kiosk, ghost);
  CHECK(s2 == 400);
  CHECK(e2["error"]["fields"].contains("subject.id"));
  CHECK(rows(srv) == 0);
}

TEST_CASE("report ingest prints what each kiosk sent and the duplicates refused") {
  test::TestServer srv;
  std::string id1, id2, id3;
  auto k1 = test::kiosk_token(srv, std::string("huancui"), &id1);
  auto k2 = test::kiosk_token(srv, std::string("gaoqu"), &id2);
  test::kiosk_token(srv, std::string("gaoqu"), &id3);  // sends nothing
  std::string r1 = new_uuid(), r2 = new_uuid(), c1 = new_uuid();
  REQUIRE(call(srv, "POST", "/api/v1/ratings", k1, rating(r1, 1)).first == 201);
  REQUIRE(call(srv, "POST", "/api/v1/ratings", k1, rating(r2, 5)).first == 201);
  REQUIRE(call(srv, "POST", "/api/v1/ratings", k1, rating(r2, 5)).first == 200);     // retry: duplicate
  REQUIRE(call(srv, "POST", "/api/v1/ratings", k1, rating(r2, 4)).first == 409);     // conflict: duplicate
  REQUIRE(call(srv, "POST", "/api/v1/complaints", k2, complaint(c1, "K2-0001")).first == 201);
  REQUIRE(call(srv, "POST", "/api/v1/complaints", k2, complaint(c1, "K2-0001")).first == 200);  // duplicate
  REQUIRE(call(srv, "POST", "/api/v1/complaints", k2, complaint(new_uuid(), "K2-0001")).first == 409);  // duplicate
  auto [rc, out] = run("report ingest --db " + srv.db_path() + " --json");
  REQUIRE(rc == 0);
  Json report = Json::parse(out);
  std::map<std::string, Json> by_id;
  for (const auto& k : report["kiosks"]) by_id[k["kiosk_id"].get<std::string>()] = k;
  CHECK(by_id[id1] == Json{{"kiosk_id", id1}, {"ratings", 2}, {"complaints", 0}, {"duplicates_refused", 2}});
  CHECK(by_id[id2] == Json{{"kiosk_id", id2}, {"ratings", 0}, {"complaints", 1}, {"duplicates_refused", 2}});
  CHECK(by_id[id3] == Json{{"kiosk_id", id3}, {"ratings", 0}, {"complaints", 0}, {"duplicates_refused", 0}});
  auto [rc2, text] = run("report ingest --db " + srv.db_path());
  CHECK(rc2 == 0);
  CHECK(text.find(id1) != std::string::npos);
  CHECK(run("report ingest --db /nonexistent/x.db --json").first == 1);
  CHECK(run("report frobnicate --db " + srv.db_path()).first == 2);
}
