// The front door over real sockets: deadlines, connection caps, 415 and 413
// before the body is read, the access order on every route family, trusted
// proxies, per-pair login throttling and a full disk answered 503.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "core/uuid.hpp"
#include "server/http/client_address.hpp"
#include "server/http/request_log.hpp"
#include "server/http/route.hpp"
#include "server/store/rating_store.hpp"
#include "support/fault_vfs.hpp"
#include "support/test_server.hpp"

namespace yeyou {
namespace {

using services::Role;
using test::call;
using Clock = std::chrono::steady_clock;

// A raw TCP connection to the test server, optionally from another loopback
// source address (all of 127.0.0.0/8 is local on Linux).
class RawClient {
 public:
  explicit RawClient(int port, const char* source = nullptr) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd_ >= 0);
    if (source) {
      sockaddr_in local{};
      local.sin_family = AF_INET;
      inet_pton(AF_INET, source, &local.sin_addr);
      REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&local), sizeof local) == 0);
    }
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<std::uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  }
  ~RawClient() { ::close(fd_); }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  // False once the server has closed (or reset) the connection.
  bool send(const std::string& bytes) { return ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(bytes.size()); }

  // Everything that arrives within `limit`, until the server closes or a
  // whole response (header + Content-Length body) is in.
  std::string read_response(std::chrono::milliseconds limit = std::chrono::seconds{5}) {
    std::string got;
    auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
      auto end = got.find("\r\n\r\n");
      if (end != std::string::npos) {
        auto cl = got.find("Content-Length: ");
        std::size_t body = cl < end ? std::stoul(got.substr(cl + 16)) : 0;
        if (got.size() >= end + 4 + body) return got;
      }
      pollfd p{fd_, POLLIN, 0};
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (::poll(&p, 1, static_cast<int>(std::max<long long>(left, 1))) <= 0) continue;
      char buf[4096];
      auto n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        closed_ = true;
        return got;
      }
      got.append(buf, static_cast<std::size_t>(n));
    }
    return got;
  }
  // True when the server closes the connection within `limit`.
  bool closed_within(std::chrono::milliseconds limit) {
    (void)read_response(limit);
    return closed_;
  }

 private:
  int fd_ = -1;
  bool closed_ = false;
};

int status_of(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0) return 0;
  return std::stoi(response.substr(9, 3));
}

std::string get(const std::string& path, const std::string& extra = "") {
  return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extra + "\r\n";
}

// /health from a fresh connection: its status and how long it took.
std::pair<int, double> timed_health(int port) {
  auto start = Clock::now();
  RawClient c(port);
  c.send(get("/api/v1/health"));
  int status = status_of(c.read_response());
  return {status, std::chrono::duration<double, std::milli>(Clock::now() - start).count()};
}

Json rating_body(const std::string& id, const std::string& venue, int level) {
  return Json{{"id", id},
              {"subject", {{"kind", "venue"}, {"id", venue}}},
              {"level", level},
              {"channel", "kiosk"},
              {"created_at", format_iso8601(now_utc())}};
}

test::TestServerOptions with_limits(int header_s, int body_s, int idle_s) {
  test::TestServerOptions o;
  o.config.header_timeout_s = header_s;
  o.config.body_timeout_s = body_s;
  o.config.idle_timeout_s = idle_s;
  return o;
}

}  // namespace

TEST_CASE("a client dribbling its header is cut off at the header deadline, and others are served meanwhile") {
  test::TestServer srv(with_limits(1, 30, 60));
  std::vector<std::unique_ptr<RawClient>> dribblers;
  for (int i = 0; i < 16; ++i) dribblers.push_back(std::make_unique<RawClient>(srv.port()));
  std::string header = get("/api/v1/health");
  auto start = Clock::now();
  bool all_cut = false;
  for (std::size_t i = 0; i < header.size() - 2 && !all_cut; ++i) {
    bool any_open = false;
    for (auto& d : dribblers) any_open |= d->send(header.substr(i, 1));
    all_cut = !any_open;
    auto [status, ms] = timed_health(srv.port());
    CHECK(status == 200);
    CHECK(ms < 1000);
    std::this_thread::sleep_for(std::chrono::milliseconds{150});
  }
  for (auto& d : dribblers) CHECK(d->closed_within(std::chrono::milliseconds{1500}));
  // Cut at the 1 s deadline counted from the start, not per byte.
  auto took = std::chrono::duration<double>(Clock::now() - start).count();
  CHECK(took < 3.5);
}

TEST_CASE("a connection that never sends a request is closed at the header deadline") {
  test::TestServer srv(with_limits(1, 30, 60));
  RawClient silent(srv.port());
  auto start = Clock::now();
  CHECK(silent.closed_within(std::chrono::seconds{3}));
  auto took = std::chrono::duration<double>(Clock::now() - start).count();
  CHECK(took > 0.8);
  CHECK(took < 2.5);
}

TEST_CASE("an idle keep-alive connection is closed at the idle deadline, not before") {
  test::TestServer srv(with_limits(10, 30, 1));
  RawClient c(srv.port());
  c.send(get("/api/v1/health"));
  CHECK(status_of(c.read_response()) == 200);
  auto start = Clock::now();
  CHECK(c.closed_within(std::chrono::seconds{3}));
  auto took = std::chrono::duration<double>(Clock::now() - start).count();
  CHECK(took > 0.8);
}

TEST_CASE("a body that stops arriving is cut off at the body deadline and nothing is stored") {
  test::TestServer srv(with_limits(10, 1, 60));
  auto token = test::kiosk_token(srv);
  RawClient c(srv.port());
  c.send("POST /api/v1/ratings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
         "\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"id\":");
  auto start = Clock::now();
  CHECK(c.closed_within(std::chrono::seconds{4}));
  auto took = std::chrono::duration<double>(Clock::now() - start).count();
  CHECK(took > 0.8);
  CHECK(took < 2.5);
  CHECK(store::count_ratings(srv.pool().get()) == 0);
}

TEST_CASE("past the per-address cap new connections get 503 with Retry-After, established ones are served") {
  test::TestServerOptions o;
  o.config.max_connections_per_address = 4;
  test::TestServer srv(o);
  std::vector<std::unique_ptr<RawClient>> held;
  for (int i = 0; i < 4; ++i) held.push_back(std::make_unique<RawClient>(srv.port(), "127.0.0.7"));
  // Each is really established and counted before the next opens.
  for (auto& h : held) {
    h->send(get("/api/v1/health"));
    CHECK(status_of(h->read_response()) == 200);
  }
  RawClient extra(srv.port(), "127.0.0.7");
  auto refused = extra.read_response();
  CHECK(status_of(refused) == 503);
  CHECK(refused.find("Retry-After: ") != std::string::npos);
  // Another address is not affected, and the established connections keep working.
  RawClient other(srv.port(), "127.0.0.8");
  other.send(get("/api/v1/health"));
  CHECK(status_of(other.read_response()) == 200);
  held[0]->send(get("/api/v1/venues"));
  CHECK(status_of(held[0]->read_response()) == 200);
}

TEST_CASE("past the total cap new connections get 503 from any address") {
  test::TestServerOptions o;
  o.config.max_connections = 3;
  test::TestServer srv(o);
  RawClient a(srv.port(), "127.0.0.11"), b(srv.port(), "127.0.0.12"), c(srv.port(), "127.0.0.13");
  for (auto* h : {&a, &b, &c}) {
    h->send(get("/api/v1/health"));
    CHECK(status_of(h->read_response()) == 200);
  }
  RawClient d(srv.port(), "127.0.0.14");
  CHECK(status_of(d.read_response()) == 503);
  a.send(get("/api/v1/health"));
  CHECK(status_of(a.read_response()) == 200);
}

TEST_CASE("an encoded body is answered 415 and an oversized one 413, both before the body is sent") {
  test::TestServer srv;
  auto token = test::kiosk_token(srv);
  for (const char* path : {"/api/v1/ratings", "/api/v1/auth/login", "/api/v1/nothing"}) {
    CAPTURE(path);
    RawClient gz(srv.port());
    // The header promises a large gzip body that never comes: the answer must not wait for it.
    gz.send(std::string("POST ") + path + " HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\n"
            "Content-Type: application/json\r\nContent-Length: 16384\r\n\r\n");
    auto r = gz.read_response(std::chrono::seconds{2});
    if (std::string(path) != "/api/v1/nothing") CHECK(status_of(r) == 415);
    else CHECK(status_of(r) == 404);
  }
  RawClient big(srv.port());
  auto start = Clock::now();
  big.send("POST /api/v1/ratings HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token +
           "\r\nContent-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n");
  auto r = big.read_response(std::chrono::seconds{2});
  CHECK(status_of(r) == 413);
  CHECK(r.find("payload_too_large") != std::string::npos);
  CHECK(std::chrono::duration<double>(Clock::now() - start).count() < 1.0);
  CHECK(big.closed_within(std::chrono::seconds{3}));
}

TEST_CASE("access is decided from the header alone: 401 before a body that never arrives") {
  test::TestServer srv;
  RawClient c(srv.port());
  c.send("POST /api/v1/venues/4/calendar.ics HTTP/1.1\r\nHost: x\r\nContent-Type: text/calendar\r\n"
         "Content-Length: 60000\r\n\r\n");
  auto r = c.read_response(std::chrono::seconds{2});
  CHECK(status_of(r) == 401);
}

TEST_CASE("the access order holds on every route family: 401, then 403, then 404, then 400") {
  test::TestServer srv;
  auto staff = test::sign_in_as(srv, "clerk", Role::venue_staff, {4});
  auto admin = test::sign_in_as(srv, "root", Role::admin);
  auto bureau = test::sign_in_as(srv, "officer", Role::bureau);
  std::string kiosk_id;
  auto kiosk = test::kiosk_token(srv, std::string("huancui"), &kiosk_id);
  std::string other_kiosk_id;
  test::kiosk_token(srv, std::string("huancui"), &other_kiosk_id);
  auto counter = srv.hub().auth.add_counter(5, "test", now_utc());
  auto own_counter = srv.hub().auth.add_counter(4, "test", now_utc());
  // A bad body: every one of these routes refuses it with 400 once access is granted.
  const Json bad = Json{{"no_such_field", true}};

  struct Case {
    std::string method, path;
    std::string wrong_role, out_of_scope, allowed;  // tokens
  };
  std::vector<Case> cases = {
      {"PATCH", "/api/v1/venues/5", admin, staff, bureau},                     // content
      {"POST", "/api/v1/venues/5/events", kiosk, staff, bureau},               // content
      {"POST", "/api/v1/venues/5/occupancy", admin, staff, bureau},            // occupancy
      {"POST", "/api/v1/counters/" + counter.id + "/readings", staff, own_counter.token, counter.token},
      {"POST", "/api/v1/kiosks/" + other_kiosk_id + "/heartbeat", staff, kiosk, ""},  // sync
      {"POST", "/api/v1/ratings", staff, "", kiosk},                           // feedback
      {"POST", "/api/v1/complaints", admin, "", kiosk},                        // feedback
      {"POST", "/api/v1/users", bureau, "", admin},                            // accounts
      {"POST", "/api/v1/notices", admin, "", bureau},                          // notices
      {"POST", "/api/v1/parking", staff, "", bureau},                          // parking
      {"POST", "/api/v1/rating-links", staff, "", kiosk},                      // rating links
      {"PUT", "/api/v1/kiosks/" + kiosk_id + "/stops", staff, "", bureau},     // transit
  };
  auto send = [&](const Case& c, const std::string& token) {
    auto cli = srv.client();
    auto headers = test::bearer(token);
    auto body = bad.dump();
    auto r = c.method == "POST"    ? cli.Post(c.path.c_str(), headers, body, "application/json")
             : c.method == "PUT"   ? cli.Put(c.path.c_str(), headers, body, "application/json")
                                   : cli.Patch(c.path.c_str(), headers, body, "application/json");
    REQUIRE(r);
    return r->status;
  };
  for (const auto& c : cases) {
    CAPTURE(c.method);
    CAPTURE(c.path);
    CHECK(send(c, "") == 401);
    CHECK(send(c, "not-a-token") == 401);
    CHECK(send(c, c.wrong_role) == 403);
    if (!c.out_of_scope.empty()) CHECK(send(c, c.out_of_scope) == 404);
    if (!c.allowed.empty()) CHECK(send(c, c.allowed) == 400);
  }
  // Cases: a bad review of venue 5 opens a case in that venue's unit, which
  // venue staff of venue 4 cannot see.
  auto review = rating_body(new_uuid(), "5", 5);  // 5: very bad
  REQUIRE(call(srv, "POST", "/api/v1/ratings", kiosk, review).first == 201);
  auto [status, listed] = call(srv, "GET", "/api/v1/cases", bureau);
  REQUIRE(status == 200);
  std::int64_t case_id = 0;
  for (const auto& k : listed["cases"])
    if (k["venue_id"] == 5) case_id = k["id"].get<std::int64_t>();
  REQUIRE(case_id > 0);
  auto path = "/api/v1/cases/" + std::to_string(case_id) + "/assign";
  CHECK(call(srv, "POST", path, "", bad).first == 401);
  CHECK(call(srv, "POST", path, kiosk, bad).first == 403);
  CHECK(call(srv, "POST", path, staff, bad).first == 404);
  CHECK(call(srv, "POST", path, bureau, bad).first == 400);
}

TEST_CASE("log lines escape control characters and never carry tokens") {
  CHECK(http::escape_for_log("/a\r\nb\x1b[31m") == "/a\\x0d\\x0ab\\x1b[31m");
  CHECK(http::escape_for_log("/venues/威海") == "/venues/威海");
  CHECK(http::escape_for_log("\xff\xfe") == "\\xff\\xfe");
  CHECK(http::escape_for_log("back\\slash") == "back\\x5cslash");
  CHECK(http::escape_for_log(std::string(2000, 'a')).size() < 600);
  // The path a log line shows: rating-link tokens by name only.
  http::RouteMatcher matcher(http::route_table());
  CHECK(matcher.find("GET", "/r/Secret_Token-123").log_path == "/r/{token}");
  CHECK(matcher.find("POST", "/api/v1/public/rating-links/Secret_Token-123/rating").log_path ==
        "/api/v1/public/rating-links/{token}/rating");
  CHECK(matcher.find("GET", "/api/v1/events/7.ics").log_path == "/api/v1/events/7.ics");
}

TEST_CASE("trusted proxies: X-Forwarded-For and -Proto are believed from them only") {
  http::TrustedProxies none({});
  CHECK(none.resolve("127.0.0.1", "203.0.113.9", "https").address == "127.0.0.1");
  CHECK_FALSE(none.resolve("127.0.0.1", "203.0.113.9", "https").secure);

  http::TrustedProxies proxies({"10.0.0.0/8", "::1"});
  auto c = proxies.resolve("10.1.2.3", "198.51.100.7, 203.0.113.9, 10.9.9.9", "https");
  CHECK(c.address == "203.0.113.9");  // the rightmost address that is not a proxy
  CHECK(c.secure);
  CHECK(proxies.resolve("11.0.0.1", "203.0.113.9", "https").address == "11.0.0.1");
  CHECK(proxies.resolve("::1", "garbage", "").address == "::1");
  CHECK(proxies.resolve("::ffff:10.0.0.5", "198.51.100.1", "").address == "198.51.100.1");
  CHECK_THROWS_AS(http::TrustedProxies({"10.0.0.0/33"}), std::invalid_argument);
  CHECK_THROWS_AS(http::TrustedProxies({"example.org"}), std::invalid_argument);

  // Over HTTP: with no trusted proxy, X-Forwarded-Proto does not make cookies Secure.
  test::TestServerOptions o;
  o.config.trusted_proxies = {};
  test::TestServer srv(o);
  test::sign_in_as(srv, "clerk", Role::venue_staff, {4});
  auto cli = srv.client();
  Json login{{"login", "clerk"}, {"password", "correct horse battery staple"}, {"cookie", true}};
  auto r = cli.Post("/api/v1/auth/login", httplib::Headers{{"X-Forwarded-Proto", "https"}}, login.dump(),
                    "application/json");
  REQUIRE(r);
  REQUIRE(r->status == 200);
  CHECK(r->get_header_value("Set-Cookie").find("Secure") == std::string::npos);
  CHECK_FALSE(test::body_json(r).contains("token"));  // a cookie login keeps the token in the cookie
}

TEST_CASE("login takes only JSON, from this server's own origin") {
  test::TestServer srv;
  test::sign_in_as(srv, "clerk", Role::venue_staff, {4});
  auto cli = srv.client();
  std::string body = Json{{"login", "clerk"}, {"password", "correct horse battery staple"}}.dump();
  CHECK(cli.Post("/api/v1/auth/login", body, "text/plain")->status == 415);
  CHECK(cli.Post("/api/v1/auth/login", "login=clerk&password=x", "application/x-www-form-urlencoded")->status == 415);
  auto evil = cli.Post("/api/v1/auth/login", httplib::Headers{{"Origin", "https://evil.example"}}, body, "application/json");
  CHECK(evil->status == 403);
  auto own = cli.Post("/api/v1/auth/login", httplib::Headers{{"Origin", "http://127.0.0.1:" + std::to_string(srv.port())}},
                      body, "application/json");
  CHECK(own->status == 200);
  CHECK(cli.Post("/api/v1/auth/login", body, "application/json; charset=utf-8")->status == 200);
}

TEST_CASE("login throttling is per account and client address: a stranger cannot lock staff out") {
  test::TestServer srv;  // loopback is a trusted proxy by default: X-Forwarded-For names the client
  test::sign_in_as(srv, "dave", Role::venue_staff, {4});
  auto cli = srv.client();
  auto attempt = [&](const std::string& client, const std::string& password) {
    auto r = cli.Post("/api/v1/auth/login", httplib::Headers{{"X-Forwarded-For", client}},
                      Json{{"login", "dave"}, {"password", password}}.dump(), "application/json");
    REQUIRE(r);
    return r->status;
  };
  int last = 0;
  for (int i = 0; i < 8; ++i) last = attempt("203.0.113.66", "guess" + std::to_string(i));
  CHECK(last == 429);
  CHECK(attempt("203.0.113.66", "correct horse battery staple") == 429);  // the stranger's pair waits
  CHECK(attempt("198.51.100.20", "correct horse battery staple") == 200);  // dave, elsewhere, does not
}

TEST_CASE("a full disk answers 503 with Retry-After, /health says so, and both recover") {
  test::TestServerOptions o;
  o.vfs = test::fault_vfs();
  test::TestServer srv(o);
  auto kiosk = test::kiosk_token(srv);
  auto rating = [](const std::string& id) { return rating_body(id, "4", 2); };
  std::string id = new_uuid();
  {
    test::WriteFault full;
    auto cli = srv.client();
    auto r = cli.Post("/api/v1/ratings", test::bearer(kiosk), rating(id).dump(), "application/json");
    REQUIRE(r);
    CHECK(r->status == 503);
    CHECK(r->has_header("Retry-After"));
    CHECK(test::body_json(r)["error"]["code"] == "unavailable");
    std::this_thread::sleep_for(std::chrono::milliseconds{1100});  // past the health probe's cache
    auto h = cli.Get("/api/v1/health");
    REQUIRE(h);
    CHECK(h->status == 503);
    CHECK(test::body_json(h)["database"]["writable"] == false);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds{1100});
  auto [status, body] = call(srv, "POST", "/api/v1/ratings", kiosk, rating(id));
  CHECK(status == 201);
  auto [hs, hb] = call(srv, "GET", "/api/v1/health", "");
  CHECK(hs == 200);
  CHECK(hb["database"]["detail"] == "ok");
}

TEST_CASE("stopping during ingest: every rating answered 201 is stored, and stop waits for the ones in flight") {
  test::TestServer srv;
  auto kiosk = test::kiosk_token(srv);
  std::atomic<bool> stopped{false};
  std::mutex mu;
  std::vector<std::string> stored;
  std::vector<std::thread> clients;
  for (int t = 0; t < 8; ++t) {
    clients.emplace_back([&] {
      auto cli = srv.client();
      cli.set_keep_alive(true);
      for (int i = 0; i < 2000; ++i) {
        std::string id = new_uuid();
        auto r = cli.Post("/api/v1/ratings", test::bearer(kiosk), rating_body(id, "4", 1 + i % 5).dump(),
                          "application/json");
        if (!r) {
          if (stopped) return;  // refused or closed by the stopping server
          continue;
        }
        if (r->status == 201) {
          std::lock_guard lock(mu);
          stored.push_back(id);
        }
      }
    });
  }
  REQUIRE(test::wait_for([&] {
    std::lock_guard lock(mu);
    return stored.size() >= 200;
  }));
  stopped = true;
  srv.stop();  // returns only once no answer is owed
  for (auto& c : clients) c.join();
  auto& db = srv.pool().get();
  for (const auto& id : stored) CHECK(store::find_rating(db, srv.hub().vault, id).has_value());
}

}  // namespace yeyou
