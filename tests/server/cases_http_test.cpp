#include <doctest/doctest.h>

#include <random>

#include "core/uuid.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/db.hpp"
#include "support/test_server.hpp"

using namespace yeyou;
using services::Role;
using test::call;

namespace {

constexpr const char* kPhone = "13912345678";

Json rating(int level, const std::string& venue = "4", bool named = true) {
  Json r{{"id", new_uuid()},
         {"subject", {{"kind", "venue"}, {"id", venue}}},
         {"level", level},
         {"reasons", level >= 4 ? Json::array({"crowding", "queueing"}) : Json::array()},
         {"comment", "排队一个小时"},
         {"channel", "kiosk"},
         {"created_at", format_iso8601(now_utc())}};
  if (named) r["contact"] = {{"name", "李女士"}, {"phone", kPhone}};
  return r;
}

struct Fixture {
  test::TestServer srv;
  std::string kiosk = test::kiosk_token(srv);
  std::string staff = test::sign_in_as(srv, "clerk4", Role::venue_staff, {4});
  std::string other = test::sign_in_as(srv, "clerk5", Role::venue_staff, {5});
  std::string bureau = test::sign_in_as(srv, "officer", Role::bureau);

  std::int64_t bad_case(int level = 5, const std::string& venue = "4", bool named = true) {
    auto [s, r] = call(srv, "POST", "/api/v1/ratings", kiosk, rating(level, venue, named));
    REQUIRE(s == 201);
    auto [s2, list] = call(srv, "GET", "/api/v1/cases", bureau);
    for (const auto& c : list["cases"])
      if (c["rating_id"] == r["id"]) return c["id"].get<std::int64_t>();
    FAIL("no case opened for the bad review");
    return 0;
  }
  std::pair<int, Json> act(std::int64_t id, const std::string& action, const Json& body, const std::string& who) {
    return call(srv, "POST", "/api/v1/cases/" + std::to_string(id) + "/" + action, who, body);
  }
  Json month_stats(const std::string& extra = "") {
    auto period = format_iso8601(now_utc()).substr(0, 7);
    return call(srv, "GET", "/api/v1/stats?period=" + period + extra, bureau).second;
  }
};

const Json kCallback{{"channel", "phone"}, {"reached", true}, {"result", "游客反映排队过长，已核实"}};

}  // namespace

TEST_CASE("bad reviews and complaints open cases routed to the responsible unit, good ones do not") {
  Fixture f;
  auto id = f.bad_case(5, "4");
  auto [s, c] = call(f.srv, "GET", "/api/v1/cases/" + std::to_string(id), f.staff);
  REQUIRE(s == 200);
  CHECK(c["unit"] == "venue:4");
  CHECK(c["state"] == "received");
  CHECK(c["named"] == true);
  CHECK(c["contact"]["phone"] == "139****5678");
  REQUIRE(call(f.srv, "POST", "/api/v1/ratings", f.kiosk, rating(1)).first == 201);
  REQUIRE(call(f.srv, "POST", "/api/v1/ratings", f.kiosk, rating(3)).first == 201);
  CHECK(call(f.srv, "GET", "/api/v1/cases", f.bureau).second["cases"].size() == 1);
  // A kiosk rated as a service goes to the bureau.
  Json service = rating(4);
  service["subject"] = {{"kind", "kiosk"}, {"id", "kiosk-1"}};
  REQUIRE(call(f.srv, "POST", "/api/v1/ratings", f.kiosk, service).first == 201);
  auto all = call(f.srv, "GET", "/api/v1/cases", f.bureau).second["cases"];
  CHECK(all.size() == 2);
  CHECK(all[0]["unit"] == "bureau");
}

TEST_CASE("venue staff see only their venue's cases") {
  Fixture f;
  auto mine = f.bad_case(5, "4");
  f.bad_case(4, "5");
  auto list = call(f.srv, "GET", "/api/v1/cases", f.staff).second["cases"];
  REQUIRE(list.size() == 1);
  CHECK(list[0]["id"] == mine);
  CHECK(call(f.srv, "GET", "/api/v1/cases/" + std::to_string(mine), f.other).first == 404);
  CHECK(f.act(mine, "assign", Json::object(), f.other).first == 404);
  CHECK(call(f.srv, "GET", "/api/v1/cases", f.kiosk).first == 403);
}

TEST_CASE("every legal transition, and illegal ones answered 409 with the allowed actions") {
  Fixture f;
  auto id = f.bad_case();
  auto [s0, e0] = f.act(id, "fix", Json::object(), f.staff);
  CHECK(s0 == 409);
  CHECK(e0["error"]["code"] == "illegal_transition");
  CHECK(e0["error"]["allowed_actions"] == Json::array({"assign", "appeal", "reveal-contact"}));
  CHECK(f.act(id, "assign", Json::object(), f.staff).second["state"] == "assigned");
  CHECK(f.act(id, "close", Json::object(), f.staff).first == 409);
  auto [s1, c1] = f.act(id, "callback", Json{{"channel", "phone"}, {"reached", false}, {"result", "无人接听"}}, f.staff);
  CHECK(c1["state"] == "verifying");
  CHECK(f.act(id, "fix", Json::object(), f.staff).first == 409);  // visitor not reached yet
  CHECK(f.act(id, "callback", kCallback, f.staff).second["callback_reached"] == true);
  CHECK(f.act(id, "fix", Json{{"result", "增开两个入口"}}, f.staff).second["state"] == "fixed");
  CHECK(f.act(id, "close", Json::object(), f.staff).first == 409);
  auto [s2, c2] = f.act(id, "feedback", Json{{"channel", "phone"}, {"outcome", "已增开入口，排队缩短"}}, f.staff);
  CHECK(c2["state"] == "feedback_given");
  auto [s3, c3] = f.act(id, "close", Json{{"note", "办结"}}, f.staff);
  CHECK(c3["state"] == "closed");
  CHECK(c3["steps"].size() == 7);  // open, assign, 2 callbacks, fix, feedback, close
  CHECK(c3["steps"][2]["details"]["reached"] == false);
  CHECK(f.act(id, "assign", Json::object(), f.staff).first == 409);
  CHECK(f.act(id, "nonsense", Json::object(), f.staff).first == 404);
  CHECK(f.act(id, "callback", Json{{"reached", true}}, f.staff).first == 409);  // closed
}

TEST_CASE("rectification with a ledger and deadline, and explanation") {
  Fixture f;
  auto a = f.bad_case();
  f.act(a, "assign", Json::object(), f.staff);
  f.act(a, "callback", kCallback, f.staff);
  CHECK(f.act(a, "rectify", Json::object(), f.staff).first == 400);  // a plan is required
  auto [s, c] = f.act(a, "rectify", Json{{"plan", "周末增派引导员"}}, f.staff);
  REQUIRE(s == 200);
  CHECK(c["state"] == "rectifying");
  CHECK(c["rectify_due"].is_string());
  CHECK(f.act(a, "fix", Json::object(), f.staff).second["state"] == "fixed");
  auto b = f.bad_case();
  f.act(b, "assign", Json::object(), f.staff);
  f.act(b, "callback", kCallback, f.staff);
  CHECK(f.act(b, "explain", Json{{"explanation", "票价由物价部门核定"}}, f.staff).second["state"] == "explained");
  CHECK(f.act(b, "feedback", Json{{"channel", "sms"}, {"outcome", "已解释票价依据"}}, f.staff).second["state"] ==
        "feedback_given");
}

TEST_CASE("a dissatisfied evaluator reopens the case once, escalated to the bureau") {
  Fixture f;
  auto id = f.bad_case();
  f.act(id, "assign", Json::object(), f.staff);
  f.act(id, "callback", kCallback, f.staff);
  f.act(id, "fix", Json::object(), f.staff);
  f.act(id, "feedback", Json{{"channel", "phone"}, {"outcome", "已整改"}}, f.staff);
  f.act(id, "close", Json::object(), f.staff);
  auto [s, c] = call(f.srv, "POST", "/api/v1/cases/" + std::to_string(id) + "/evaluation", f.staff,
                     Json{{"verdict", "dissatisfied"}});
  REQUIRE(s == 200);
  CHECK(c["state"] == "assigned");
  CHECK(c["unit"] == "bureau");
  CHECK(c["escalated"] == true);
  CHECK(call(f.srv, "GET", "/api/v1/cases/" + std::to_string(id), f.staff).first == 404);  // now the bureau's
  f.act(id, "callback", kCallback, f.bureau);
  f.act(id, "fix", Json::object(), f.bureau);
  f.act(id, "feedback", Json{{"channel", "phone"}, {"outcome", "局里督办整改"}}, f.bureau);
  auto [s2, c2] = call(f.srv, "POST", "/api/v1/cases/" + std::to_string(id) + "/evaluation", f.bureau,
                       Json{{"verdict", "dissatisfied"}});
  CHECK(c2["state"] == "feedback_given");  // only once
  CHECK(f.act(id, "reopen", Json::object(), f.bureau).first == 409);
  auto notes = call(f.srv, "GET", "/api/v1/notifications", f.bureau).second;
  CHECK(notes["unread"].get<int>() >= 1);
}

TEST_CASE("deadlines come from the working-day calendar, overdue cases queue and escalate") {
  Fixture f;
  auto id = f.bad_case();
  auto c = call(f.srv, "GET", "/api/v1/cases/" + std::to_string(id), f.bureau).second;
  auto received = *parse_iso8601(c["received_at"].get<std::string>());
  CHECK(*parse_iso8601(c["callback_due"].get<std::string>()) == f.srv.hub().cases.calendar().deadline(received, 1));
  // A case received before the National Day holiday: its callback falls after it.
  auto before_holiday = *parse_iso8601("2026-09-30T21:00:00+08:00");
  CHECK(format_iso8601(f.srv.hub().cases.calendar().deadline(before_holiday, 1)) == "2026-10-09T00:00:00+08:00");
  // Make the case old: it is overdue, listed, and escalated once.
  store::Stmt s(f.srv.pool().get(), "UPDATE cases SET received_at = received_at - 864000, callback_due = callback_due - 864000 WHERE id = ?1");
  s.bind(1, id).run();
  auto overdue = call(f.srv, "GET", "/api/v1/cases?overdue=true", f.staff).second["cases"];
  REQUIRE(overdue.size() == 1);
  CHECK(overdue[0]["overdue"] == true);
  CHECK(f.srv.hub().cases.escalate_overdue(now_utc()) == 1);
  CHECK(f.srv.hub().cases.escalate_overdue(now_utc()) == 0);
  CHECK(call(f.srv, "GET", "/api/v1/cases/" + std::to_string(id), f.bureau).second["escalated"] == true);
  // A pause is only allowed in configured states (verifying) and is recorded.
  CHECK(f.act(id, "pause", Json{{"reason", "等待游客回电"}}, f.staff).first == 409);
  f.act(id, "assign", Json::object(), f.staff);
  f.act(id, "callback", Json{{"channel", "phone"}, {"reached", false}, {"result", "未接通"}}, f.staff);
  CHECK(f.act(id, "pause", Json{{"reason", "等待游客回电"}}, f.staff).second["paused"] == true);
  CHECK(f.act(id, "resume", Json::object(), f.staff).second["paused"] == false);
  CHECK(call(f.srv, "GET", "/api/v1/cases?overdue=maybe", f.staff).first == 400);
}

TEST_CASE("appeals: upheld excludes the rating from statistics, rejected keeps it counted") {
  Fixture f;
  auto a = f.bad_case(5);
  auto b = f.bad_case(4);
  CHECK(f.month_stats()["ratings"] == 2);
  Json appeal{{"kind", "malicious"}, {"evidence", "同一号码10分钟内连续差评，监控显示未入园"}};
  CHECK(f.act(a, "appeal", appeal, f.staff).first == 200);
  CHECK(f.act(a, "appeal", appeal, f.staff).first == 409);  // once
  CHECK(f.act(a, "appeal-decision", Json{{"decision", "upheld"}}, f.staff).first == 403);
  CHECK(f.act(a, "appeal-decision", Json{{"decision", "upheld"}, {"note", "核实为恶意差评"}}, f.bureau).first == 200);
  f.act(b, "appeal", Json{{"kind", "mistaken"}, {"evidence", "游客评错场所"}}, f.staff);
  f.act(b, "appeal-decision", Json{{"decision", "rejected"}}, f.bureau);
  auto stats = f.month_stats();
  CHECK(stats["ratings"] == 1);
  CHECK(stats["excluded"] == 1);
  auto period = format_iso8601(now_utc()).substr(0, 7);
  auto pub = call(f.srv, "GET", "/api/v1/public/results?period=" + period, "").second;
  CHECK(pub["totals"]["excluded_reviews"] == 1);
  // The appeal did not stop the callback clock.
  auto c = call(f.srv, "GET", "/api/v1/cases/" + std::to_string(a), f.staff).second;
  CHECK(c["callback_seconds_left"].is_number());
}

TEST_CASE("contact data: masked everywhere, revealed only to the handler, audited") {
  Fixture f;
  auto id = f.bad_case();
  Json complaint{{"id", new_uuid()}, {"tracking_no", "K1-20261129-0007"}, {"subject", {{"kind", "venue"}, {"id", "4"}}},
                 {"category", "prices"}, {"text", "烤串价格与标价不符"}, {"contact", {{"name", "王先生"}, {"phone", kPhone}}},
                 {"created_at", format_iso8601(now_utc())}};
  std::vector<std::string> bodies;
  auto keep = [&](const std::pair<int, Json>& r) { bodies.push_back(r.second.dump()); };
  keep(call(f.srv, "POST", "/api/v1/complaints", f.kiosk, complaint));
  keep(call(f.srv, "POST", "/api/v1/ratings", f.kiosk, rating(5)));
  keep(call(f.srv, "GET", "/api/v1/cases", f.staff));
  keep(call(f.srv, "GET", "/api/v1/cases/" + std::to_string(id), f.staff));
  keep(f.act(id, "assign", Json::object(), f.staff));
  keep(call(f.srv, "GET", "/api/v1/notifications", f.staff));
  keep(call(f.srv, "GET", "/api/v1/audit", f.bureau));
  keep(call(f.srv, "GET", "/api/v1/public/complaints/K1-20261129-0007", ""));
  auto period = format_iso8601(now_utc()).substr(0, 7);
  keep(call(f.srv, "GET", "/api/v1/public/results?period=" + period, ""));
  keep(call(f.srv, "GET", "/api/v1/stats?period=" + period + "&group_by=venue", f.bureau));
  auto cli = f.srv.client();
  bodies.push_back(cli.Get(("/api/v1/reports/cases.csv?period=" + period).c_str(), test::bearer(f.bureau))->body);
  bodies.push_back(cli.Get(("/api/v1/reports/venues.csv?period=" + period).c_str(), test::bearer(f.bureau))->body);
  for (const auto& b : bodies) {
    CAPTURE(b.substr(0, 300));
    CHECK(b.find(kPhone) == std::string::npos);
    CHECK(b.find("李女士") == std::string::npos);
  }
  // Reveal: not for another venue's staff, not for the bureau on a venue's case, needs a reason.
  CHECK(f.act(id, "reveal-contact", Json{{"reason", "回访"}}, f.other).first == 404);
  CHECK(f.act(id, "reveal-contact", Json{{"reason", "回访核实"}}, f.bureau).first == 403);
  CHECK(f.act(id, "reveal-contact", Json::object(), f.staff).first == 400);
  auto [s, revealed] = f.act(id, "reveal-contact", Json{{"reason", "电话回访核实"}}, f.staff);
  REQUIRE(s == 200);
  CHECK(revealed["contact"]["phone"] == kPhone);
  auto audit = store::query_audit(f.srv.pool().get(), {"case", std::to_string(id), std::nullopt, 0, 50});
  bool found = false;
  for (const auto& e : audit)
    if (e.action == "reveal_contact" && e.note == "电话回访核实" && e.actor.find("clerk4") != std::string::npos) found = true;
  CHECK(found);
}

TEST_CASE("contact data is deleted a configured time after the case closes") {
  Fixture f;
  auto id = f.bad_case();
  f.act(id, "assign", Json::object(), f.staff);
  f.act(id, "callback", kCallback, f.staff);
  f.act(id, "fix", Json::object(), f.staff);
  f.act(id, "feedback", Json{{"channel", "phone"}, {"outcome", "已整改"}}, f.staff);
  f.act(id, "close", Json::object(), f.staff);
  CHECK(f.srv.hub().cases.purge_contacts(now_utc()) == 0);
  CHECK(f.srv.hub().cases.purge_contacts(now_utc() + std::chrono::days{181}) == 1);
  CHECK_FALSE(call(f.srv, "GET", "/api/v1/cases/" + std::to_string(id), f.staff).second.contains("contact"));
}

TEST_CASE("bursts beyond human speed are accepted but suspect until reviewed") {
  Fixture f;
  for (int i = 0; i < 12; ++i) REQUIRE(call(f.srv, "POST", "/api/v1/ratings", f.kiosk, rating(1, "6", false)).first == 201);
  auto stats = f.month_stats("&venue=6");
  CHECK(stats["ratings"] == 10);
  CHECK(stats["suspect"] == 2);
  auto suspects = call(f.srv, "GET", "/api/v1/ratings/suspect", f.bureau).second["ratings"];
  REQUIRE(suspects.size() == 2);
  CHECK(call(f.srv, "GET", "/api/v1/ratings/suspect", f.staff).first == 403);
  std::string one = suspects[0]["id"], two = suspects[1]["id"];
  CHECK(call(f.srv, "POST", "/api/v1/ratings/" + one + "/review", f.bureau, Json{{"verdict", "genuine"}}).first == 200);
  CHECK(call(f.srv, "POST", "/api/v1/ratings/" + two + "/review", f.bureau, Json{{"verdict", "abusive"}}).first == 200);
  stats = f.month_stats("&venue=6");
  CHECK(stats["ratings"] == 11);
  CHECK(stats["excluded"] == 1);
  CHECK(stats["suspect"] == 0);
}

TEST_CASE("public complaint status by tracking number, with no personal data") {
  Fixture f;
  Json complaint{{"id", new_uuid()}, {"tracking_no", "K1-20261129-0042"}, {"subject", {{"kind", "venue"}, {"id", "4"}}},
                 {"category", "service"}, {"text", "服务员态度恶劣"}, {"contact", {{"name", "赵"}, {"phone", kPhone}}},
                 {"created_at", format_iso8601(now_utc())}};
  REQUIRE(call(f.srv, "POST", "/api/v1/complaints", f.kiosk, complaint).first == 201);
  auto [s, pub] = call(f.srv, "GET", "/api/v1/public/complaints/K1-20261129-0042", "");
  REQUIRE(s == 200);
  CHECK(pub["state"] == "received");
  CHECK(pub.dump().find("服务员态度恶劣") == std::string::npos);
  CHECK(call(f.srv, "GET", "/api/v1/public/complaints/K1-NOPE-0000", "").first == 404);
}

TEST_CASE("property: statistics equal a recomputation from the raw rows") {
  Fixture f;
  std::mt19937 rng(7);
  std::vector<std::int64_t> cases;
  for (int i = 0; i < 60; ++i) {
    int level = 1 + static_cast<int>(rng() % 5);
    std::string venue = std::to_string(1 + rng() % 6);
    bool named = rng() % 2 == 0;
    auto [s, r] = call(f.srv, "POST", "/api/v1/ratings", f.kiosk, rating(level, venue, named));
    REQUIRE(s == 201);
  }
  // Drive random cases through random legal actions.
  for (const auto& c : call(f.srv, "GET", "/api/v1/cases", f.bureau).second["cases"]) {
    auto id = c["id"].get<std::int64_t>();
    int steps = static_cast<int>(rng() % 6);
    const char* path[] = {"assign", "callback", "fix", "feedback", "close"};
    for (int k = 0; k < steps && k < 5; ++k) {
      Json body = Json::object();
      if (std::string(path[k]) == "callback") body = kCallback;
      if (std::string(path[k]) == "feedback") body = Json{{"channel", "phone"}, {"outcome", "已处理"}};
      REQUIRE(f.act(id, path[k], body, f.bureau).first == 200);
    }
    if (rng() % 4 == 0) f.act(id, "appeal", Json{{"kind", "mistaken"}, {"evidence", "评错对象"}}, f.bureau);
  }
  for (const auto& c : call(f.srv, "GET", "/api/v1/cases", f.bureau).second["cases"])
    if (c["appeal"] == "pending") f.act(c["id"], "appeal-decision", Json{{"decision", rng() % 2 ? "upheld" : "rejected"}}, f.bureau);
  auto stats = f.month_stats();
  // Recompute from raw rows.
  auto& db = f.srv.pool().get();
  store::Stmt r(db, "SELECT level, excluded, suspect FROM ratings");
  std::int64_t counted = 0, good = 0, bad = 0, excluded = 0;
  while (r.step()) {
    if (r.int64(1)) { ++excluded; continue; }
    if (r.int64(2)) continue;
    ++counted;
    (r.int64(0) <= 3 ? good : bad)++;
  }
  store::Stmt cs(db, "SELECT named, kind, first_callback_at IS NOT NULL, resolved_at IS NOT NULL, closed_at IS NOT NULL, "
                     "coalesce(appeal, '') FROM cases");
  std::int64_t named_bad = 0, called = 0, rectified = 0, closed = 0;
  while (cs.step()) {
    if (cs.text(5) == "upheld") continue;
    if (cs.int64(0) && cs.text(1) == "bad_review") {
      ++named_bad;
      called += cs.int64(2);
      rectified += cs.int64(3);
    }
    closed += cs.int64(4);
  }
  CHECK(stats["ratings"] == counted);
  CHECK(stats["good"] == good);
  CHECK(stats["bad"] == bad);
  CHECK(stats["excluded"] == excluded);
  CHECK(stats["named_bad_cases"] == named_bad);
  CHECK(stats["closed_cases"] == closed);
  CHECK(stats["satisfaction_rate"].get<double>() == doctest::Approx(counted ? double(good) / double(counted) : 0));
  CHECK(stats["callback_rate"].get<double>() == doctest::Approx(named_bad ? double(called) / double(named_bad) : 0));
  CHECK(stats["rectification_rate"].get<double>() == doctest::Approx(named_bad ? double(rectified) / double(named_bad) : 0));
}
