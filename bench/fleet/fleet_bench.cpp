// Fleet sync benchmark: N simulated kiosks against the real yeyou-server.
//
//   fleet_bench seed --db PATH --kiosks N --tokens OUT --staff-login L --staff-password P
//       Adds N kiosk tokens (districts round-robin) and one bureau account
//       through the server's own AuthService, on a database the server is not
//       running on yet. Writes "id token" lines to OUT.
//   fleet_bench run --port P --tokens FILE --server-pid PID --case NAME
//                   --staff-login L --staff-password P
//                   [--runs 3] [--window 32] [--warmup 6] [--conn cycle|keepalive] [--transport 1]
//       Simulates the kiosks in one epoll thread and prints one BENCH line per
//       measurement window.
//
// Each simulated kiosk follows the schedule of kiosk/data/data_worker.cpp
// (DataWorker::run): content sync every content_poll_s (30 s; that cycle
// replaces the live poll), live sync every live_poll_s - 1 (4 s: "a second
// early"), a heartbeat every live_poll_s (5 s), departures and car parks every
// 60 s; the next time is counted from the end of a cycle. Requests are those
// of kiosk/data/sync_engine.cpp (same paths, same Accept-Encoding as the
// kiosk's libcurl, so the server compresses as it would for a real kiosk),
// each kiosk with its own content and live cursor, applying pages (cursor,
// `more`, `reset`) as sync_changes does. The kiosk's SQLite cache is not
// modelled: what is measured is the server.
//
// Connections (--conn): `cycle` (default) opens one connection per poll cycle,
// sends that cycle's 1-4 requests on it with keep-alive and closes it;
// `keepalive` keeps the connection between cycles as libcurl's connection
// reuse does, until the server closes it (cpp-httplib: 5 s idle or 5
// requests), reconnecting and retrying once when a reused connection turns
// out to be closed (as libcurl does).
#include <arpa/inet.h>
#include <brotli/decode.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <deque>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <queue>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <httplib.h>

#include "core/url.hpp"

#include "core/json_reader.hpp"
#include "core/time.hpp"
#include "server/services/server_config.hpp"
#include "server/services/service_hub.hpp"
#include "server/store/db_pool.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::milliseconds;
using std::chrono::seconds;
using Json = nlohmann::json;

double ms_between(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double, std::milli>(b - a).count();
}

// --- arguments ---------------------------------------------------------------

struct Args {
  std::map<std::string, std::string> kv;
  Args(int argc, char** argv, int from) {
    for (int i = from; i + 1 < argc; i += 2) {
      std::string k = argv[i];
      if (k.rfind("--", 0) != 0) throw std::runtime_error("unexpected argument " + k);
      kv[k.substr(2)] = argv[i + 1];
    }
  }
  std::string str(const std::string& k, const std::string& def = "") const {
    auto it = kv.find(k);
    if (it != kv.end()) return it->second;
    if (def.empty()) throw std::runtime_error("--" + k + " is required");
    return def;
  }
  long num(const std::string& k, long def) const {
    auto it = kv.find(k);
    return it == kv.end() ? def : std::stol(it->second);
  }
};

// --- seed ----------------------------------------------------------------------

int cmd_seed(const Args& a) {
  std::string db = a.str("db");
  long n = a.num("kiosks", 0);
  yeyou::services::ServerConfig cfg;
  cfg.db_path = db;
  yeyou::store::DbPool pool(db);
  yeyou::services::ServiceHub hub(pool, cfg);
  // Benchmark setup only: the server is not running on this file yet.
  pool.get().exec("PRAGMA synchronous=OFF");
  std::vector<std::string> districts;
  {
    yeyou::store::Stmt s(pool.get(), "SELECT id FROM districts ORDER BY id");
    while (s.step()) districts.push_back(s.text(0));
  }
  auto now = yeyou::now_utc();
  std::ofstream out(a.str("tokens"));
  auto t0 = Clock::now();
  for (long i = 0; i < n; ++i) {
    std::optional<std::string> district;
    if (!districts.empty()) district = districts[static_cast<std::size_t>(i) % districts.size()];
    auto c = hub.auth.add_kiosk("fleet kiosk " + std::to_string(i + 1), district, "fleet-bench", now);
    out << c.id << ' ' << c.token << '\n';
  }
  yeyou::services::NewUser u;
  u.login = a.str("staff-login");
  u.display_name = "fleet bench bureau";
  u.role = yeyou::services::Role::bureau;
  u.password = a.str("staff-password");
  hub.auth.add_user(u, "fleet-bench", now);
  std::fprintf(stderr, "fleet_bench: %ld kiosks in %zu districts and a bureau user added in %.1f s\n", n,
               districts.size(), ms_between(t0, Clock::now()) / 1000);
  return 0;
}

// --- simulation ----------------------------------------------------------------

enum class Kind : int { content, live, heartbeat, departures, parking };
constexpr int kKinds = 5;
const char* kind_name(Kind k) {
  switch (k) {
    case Kind::content: return "content";
    case Kind::live: return "live";
    case Kind::heartbeat: return "heartbeat";
    case Kind::departures: return "departures";
    case Kind::parking: return "parking";
  }
  return "?";
}

struct Edit {
  bool live = false;  // occupancy / notice (live feed) vs venue (content feed)
  std::string kind;   // change-feed kind
  std::int64_t venue_id = 0;
  std::string marker;  // venue phone or notice text.en
  std::int64_t count = -1;
  Clock::time_point sent;
  std::vector<float> seen_ms;  // per kiosk, < 0 until seen
  bool matches(const Json& up) const {
    if (!up.is_object() || up.value("kind", "") != kind) return false;
    const Json& b = up.contains("body") ? up["body"] : Json();
    if (!b.is_object()) return false;
    if (kind == "venue") return b.value("id", std::int64_t{-1}) == venue_id && b.value("phone", "") == marker;
    if (kind == "occupancy") return b.value("venue_id", std::int64_t{-1}) == venue_id && b.value("count", std::int64_t{-2}) == count;
    if (kind == "notice") {
      const Json& t = b.contains("text") ? b["text"] : Json();
      return t.is_object() && t.value("en", "") == marker;
    }
    return false;
  }
};

struct Window {
  Clock::time_point start, end;
  std::vector<float> lat[kKinds];
  long requests = 0, errors = 0, status304 = 0, connects = 0;
  std::map<std::string, long> error_kinds;
  std::vector<std::size_t> edits;  // indexes into the edit list
  double server_cpu_s = 0, client_cpu_s = 0;
};

struct Req {
  Kind kind;
  std::string target;
  std::string body;  // POST when not empty
};

struct Kiosk {
  std::string id, token;
  std::int64_t cursor = 0, live_cursor = 0;
  Clock::time_point next_content, next_live, next_hb, next_transport, wake;
  std::int64_t uptime_base_s = 0;
  std::optional<yeyou::Timestamp> last_sync;
  int fd = -1;
  std::uint32_t gen = 0;
  bool connecting = false, busy = false, reused = false, got_bytes = false, retried = false;
  bool cyc_content = false, cyc_live = false, cyc_transport = false, cyc_hb = false, cyc_ok = true;
  int conn_requests = 0;
  std::deque<Req> queue;
  std::string out, in;
  std::size_t out_off = 0;
  Clock::time_point req_start;
};

struct Config {
  int port = 0;
  int server_pid = 0;
  std::string case_name;
  int runs = 3;
  int window_s = 32;
  int warmup_s = 6;
  bool keepalive = false;
  bool transport = true;
  std::string staff_login, staff_password;
  int live_poll_s = 5, content_poll_s = 30, transport_s = 60;
};

double proc_cpu_seconds(int pid) {
  std::ifstream f(pid > 0 ? "/proc/" + std::to_string(pid) + "/stat" : std::string("/proc/self/stat"));
  std::string line;
  std::getline(f, line);
  auto p = line.rfind(')');
  if (p == std::string::npos) return 0;
  std::istringstream ss(line.substr(p + 2));
  std::string field;
  double utime = 0, stime = 0;
  for (int i = 3; ss >> field; ++i) {
    if (i == 14) utime = std::stod(field);
    if (i == 15) {
      stime = std::stod(field);
      break;
    }
  }
  return (utime + stime) / static_cast<double>(sysconf(_SC_CLK_TCK));
}

std::string brotli_decode(const std::string& in) {
  std::string out;
  BrotliDecoderState* st = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  std::size_t avail_in = in.size();
  const auto* next_in = reinterpret_cast<const std::uint8_t*>(in.data());
  BrotliDecoderResult r = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  std::uint8_t buf[65536];
  while (r == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    std::size_t avail_out = sizeof buf;
    std::uint8_t* next_out = buf;
    r = BrotliDecoderDecompressStream(st, &avail_in, &next_in, &avail_out, &next_out, nullptr);
    out.append(reinterpret_cast<const char*>(buf), sizeof buf - avail_out);
  }
  BrotliDecoderDestroyInstance(st);
  if (r != BROTLI_DECODER_RESULT_SUCCESS) throw std::runtime_error("bad brotli body");
  return out;
}

class Fleet {
 public:
  Fleet(Config cfg, std::vector<Kiosk> kiosks) : cfg_(std::move(cfg)), k_(std::move(kiosks)) {
    ep_ = epoll_create1(EPOLL_CLOEXEC);
    addr_.sin_family = AF_INET;
    addr_.sin_port = htons(static_cast<std::uint16_t>(cfg_.port));
    addr_.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    host_ = "127.0.0.1:" + std::to_string(cfg_.port);
  }
  ~Fleet() { close(ep_); }

  std::vector<Window> windows;
  std::mutex edits_mu;
  std::deque<Edit> edits;  // stable addresses
  std::atomic<std::size_t> edit_count{0};

  void run(Clock::time_point start, Clock::time_point stop) {
    std::mt19937_64 rng(42);
    auto U = [&](int s) { return milliseconds{std::uniform_int_distribution<int>(0, s * 1000 - 1)(rng)}; };
    for (std::size_t i = 0; i < k_.size(); ++i) {
      auto& k = k_[i];
      // Steady state: kiosks running for a while, at random phases.
      k.next_live = start + U(cfg_.live_poll_s - 1);
      k.next_hb = start + U(cfg_.live_poll_s);
      k.next_content = start + U(cfg_.content_poll_s);
      k.next_transport = start + U(cfg_.transport_s);
      k.uptime_base_s = 3600 + static_cast<std::int64_t>(i);
      k.last_sync = yeyou::now_utc();
      schedule(i);
    }
    epoll_event evs[512];
    auto next_timeout_check = Clock::now();
    for (;;) {
      auto now = Clock::now();
      while (!timers_.empty() && timers_.top().first <= now) {
        auto [t, i] = timers_.top();
        timers_.pop();
        auto& k = k_[i];
        if (k.busy || k.wake != t) continue;  // stale
        if (now >= stop) continue;
        start_cycle(i, now);
      }
      if (now >= stop && in_flight_ == 0) break;
      if (now >= stop + seconds{12}) break;  // a request stuck beyond the client timeout
      if (now >= next_timeout_check) {
        check_timeouts(now);
        next_timeout_check = now + milliseconds{250};
      }
      int timeout_ms = 50;
      if (!timers_.empty()) {
        auto d = duration_cast<milliseconds>(timers_.top().first - Clock::now()).count() + 1;
        timeout_ms = static_cast<int>(std::clamp<long long>(d, 0, 50));
      }
      int n = epoll_wait(ep_, evs, 512, timeout_ms);
      if (n < 0 && errno != EINTR) throw std::runtime_error(std::string("epoll_wait: ") + std::strerror(errno));
      for (int e = 0; e < n; ++e) {
        std::size_t i = static_cast<std::size_t>(evs[e].data.u64 >> 32);
        auto gen = static_cast<std::uint32_t>(evs[e].data.u64 & 0xffffffffu);
        if (i >= k_.size() || k_[i].gen != gen || k_[i].fd < 0) continue;
        on_event(i, evs[e].events);
      }
    }
    for (std::size_t i = 0; i < k_.size(); ++i) close_conn(i);
  }

 private:
  Config cfg_;
  std::vector<Kiosk> k_;
  int ep_;
  sockaddr_in addr_{};
  std::string host_;
  long in_flight_ = 0;
  Clock::time_point started_ = Clock::now();
  std::priority_queue<std::pair<Clock::time_point, std::size_t>, std::vector<std::pair<Clock::time_point, std::size_t>>,
                      std::greater<>>
      timers_;

  Window* window_at(Clock::time_point t) {
    for (auto& w : windows)
      if (t >= w.start && t < w.end) return &w;
    return nullptr;
  }

  void schedule(std::size_t i) {
    auto& k = k_[i];
    k.wake = std::min({k.next_content, k.next_live, k.next_hb, cfg_.transport ? k.next_transport : Clock::time_point::max()});
    timers_.emplace(k.wake, i);
  }

  void start_cycle(std::size_t i, Clock::time_point now) {
    auto& k = k_[i];
    // As DataWorker::run: a content sync brings live data too.
    k.cyc_content = now >= k.next_content;
    k.cyc_live = now >= k.next_live && !k.cyc_content;
    k.cyc_transport = cfg_.transport && now >= k.next_transport;
    k.cyc_hb = now >= k.next_hb;
    k.cyc_ok = true;
    k.queue.clear();
    if (k.cyc_content) k.queue.push_back({Kind::content, "/api/v1/sync?cursor=" + std::to_string(k.cursor), ""});
    if (k.cyc_live) k.queue.push_back({Kind::live, "/api/v1/sync/live?since=" + std::to_string(k.live_cursor), ""});
    if (k.cyc_transport) {
      std::string at = yeyou::percent_encode(yeyou::format_iso8601(yeyou::now_utc()));
      k.queue.push_back({Kind::departures, "/api/v1/kiosks/" + k.id + "/departures?at=" + at + "&limit=5", ""});
      k.queue.push_back({Kind::parking, "/api/v1/parking?at=" + at, ""});
    }
    if (k.cyc_hb) k.queue.push_back({Kind::heartbeat, "/api/v1/kiosks/" + k.id + "/heartbeat", ""});
    k.busy = true;
    ++in_flight_;
    next_request(i);
  }

  std::string heartbeat_body(const Kiosk& k) {
    // The shape of kiosk/data/sync_engine.cpp heartbeat_json, with an empty outbox.
    auto up = k.uptime_base_s + duration_cast<seconds>(Clock::now() - started_).count();
    Json j{{"version", "0.1.0"},
           {"uptime_s", up},
           {"outbox_depth", 0},
           {"oldest_outbox_age_s", 0},
           {"last_sync_at", k.last_sync ? Json(yeyou::format_iso8601(*k.last_sync)) : Json(nullptr)},
           {"free_disk_bytes", 20'000'000'000LL}};
    return j.dump();
  }

  void next_request(std::size_t i) {
    auto& k = k_[i];
    if (k.queue.empty()) return end_cycle(i);
    auto& r = k.queue.front();
    if (r.kind == Kind::heartbeat) r.body = heartbeat_body(k);
    k.out.clear();
    k.out_off = 0;
    k.in.clear();
    k.got_bytes = false;
    // What the kiosk's libcurl sends (kiosk/data/http_session.cpp).
    k.out += r.body.empty() ? "GET " : "POST ";
    k.out += r.target;
    k.out += " HTTP/1.1\r\nHost: " + host_ +
             "\r\nUser-Agent: yeyou-kiosk/0.1\r\nAccept: */*\r\nAccept-Encoding: deflate, gzip, br, zstd\r\n"
             "Authorization: Bearer " +
             k.token + "\r\n";
    if (!r.body.empty())
      k.out += "Content-Type: application/json\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\n";
    k.out += "\r\n";
    k.out += r.body;
    k.req_start = Clock::now();
    if (k.fd >= 0) {
      k.reused = true;
      try_write(i);
    } else {
      k.reused = false;
      open_conn(i);
    }
  }

  void open_conn(std::size_t i) {
    auto& k = k_[i];
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) return fail(i, "socket");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    int rc = connect(fd, reinterpret_cast<sockaddr*>(&addr_), sizeof addr_);
    if (Window* w = window_at(k.req_start)) ++w->connects;
    if (rc < 0 && errno != EINPROGRESS) {
      close(fd);
      return fail(i, "connect");
    }
    k.fd = fd;
    ++k.gen;
    k.conn_requests = 0;
    k.connecting = rc < 0;
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
    ev.data.u64 = (static_cast<std::uint64_t>(i) << 32) | k.gen;
    epoll_ctl(ep_, EPOLL_CTL_ADD, fd, &ev);
    if (!k.connecting) try_write(i);
  }

  void close_conn(std::size_t i) {
    auto& k = k_[i];
    if (k.fd < 0) return;
    epoll_ctl(ep_, EPOLL_CTL_DEL, k.fd, nullptr);
    close(k.fd);
    k.fd = -1;
    ++k.gen;
    k.connecting = false;
  }

  void set_events(std::size_t i, std::uint32_t events) {
    auto& k = k_[i];
    epoll_event ev{};
    ev.events = events;
    ev.data.u64 = (static_cast<std::uint64_t>(i) << 32) | k.gen;
    epoll_ctl(ep_, EPOLL_CTL_MOD, k.fd, &ev);
  }

  void try_write(std::size_t i) {
    auto& k = k_[i];
    while (k.out_off < k.out.size()) {
      ssize_t w = ::send(k.fd, k.out.data() + k.out_off, k.out.size() - k.out_off, MSG_NOSIGNAL);
      if (w < 0) {
        if (errno == EAGAIN) {
          set_events(i, EPOLLIN | EPOLLOUT | EPOLLRDHUP);
          return;
        }
        return conn_broken(i, "send");
      }
      k.out_off += static_cast<std::size_t>(w);
    }
    set_events(i, EPOLLIN | EPOLLRDHUP);
  }

  void on_event(std::size_t i, std::uint32_t events) {
    auto& k = k_[i];
    if (!k.busy) {  // idle kept-alive connection: the server closed it (or sent something unasked)
      close_conn(i);
      return;
    }
    if (k.connecting) {
      int err = 0;
      socklen_t len = sizeof err;
      getsockopt(k.fd, SOL_SOCKET, SO_ERROR, &err, &len);
      if (err != 0) {
        close_conn(i);
        return fail(i, "connect");
      }
      if (!(events & EPOLLOUT)) return;
      k.connecting = false;
      return try_write(i);
    }
    if ((events & EPOLLOUT) && k.out_off < k.out.size()) try_write(i);
    if (!(events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR))) return;
    char buf[65536];
    for (;;) {
      ssize_t r = recv(k.fd, buf, sizeof buf, 0);
      if (r > 0) {
        k.got_bytes = true;
        k.in.append(buf, static_cast<std::size_t>(r));
        if (try_parse(i)) return;
        continue;
      }
      if (r == 0) return conn_broken(i, "closed");
      if (errno == EAGAIN) return;
      return conn_broken(i, "recv");
    }
  }

  // A reused connection that the server had closed: reconnect and resend once (as libcurl does).
  void conn_broken(std::size_t i, const char* what) {
    auto& k = k_[i];
    close_conn(i);
    if (k.reused && !k.got_bytes && !k.retried) {
      k.retried = true;
      k.out_off = 0;
      k.in.clear();
      k.reused = false;
      return open_conn(i);
    }
    fail(i, what);
  }

  static std::string lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }

  // True when the exchange finished (response handled or failed).
  bool try_parse(std::size_t i) {
    auto& k = k_[i];
    auto he = k.in.find("\r\n\r\n");
    if (he == std::string::npos) return false;
    int status = 0;
    if (k.in.size() < 12 || std::sscanf(k.in.c_str(), "HTTP/1.%*d %d", &status) != 1) {
      close_conn(i);
      fail(i, "bad_response");
      return true;
    }
    long content_length = -1;
    bool conn_close = false;
    std::string encoding;
    std::size_t pos = k.in.find("\r\n") + 2;
    while (pos < he) {
      auto eol = k.in.find("\r\n", pos);
      std::string line = k.in.substr(pos, eol - pos);
      pos = eol + 2;
      auto colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = lower(line.substr(0, colon));
      std::string value = line.substr(colon + 1);
      value.erase(0, value.find_first_not_of(' '));
      if (name == "content-length") content_length = std::stol(value);
      else if (name == "connection") conn_close = lower(value) == "close";
      else if (name == "content-encoding") encoding = lower(value);
      else if (name == "transfer-encoding") {
        close_conn(i);
        fail(i, "chunked_unsupported");
        return true;
      }
    }
    if (status == 304 || status == 204) content_length = 0;
    if (content_length < 0) {
      close_conn(i);
      fail(i, "no_content_length");
      return true;
    }
    std::size_t total = he + 4 + static_cast<std::size_t>(content_length);
    if (k.in.size() < total) return false;
    auto done = Clock::now();
    std::string body = k.in.substr(he + 4, static_cast<std::size_t>(content_length));
    Req req = std::move(k.queue.front());
    k.queue.pop_front();
    ++k.conn_requests;
    k.retried = false;
    if (conn_close || (!cfg_.keepalive && k.queue.empty())) close_conn(i);
    Window* w = window_at(k.req_start);
    if (w) {
      ++w->requests;
      w->lat[static_cast<int>(req.kind)].push_back(static_cast<float>(ms_between(k.req_start, done)));
      if (status == 304) ++w->status304;
    }
    bool ok = status == 200 || status == 201 || status == 304 || (req.kind == Kind::departures && status == 404);
    if (!ok) {
      if (w) {
        ++w->errors;
        ++w->error_kinds[std::string(kind_name(req.kind)) + "_" + std::to_string(status)];
      }
      k.cyc_ok = false;
      if (req.kind == Kind::content || req.kind == Kind::live) k.queue.clear();  // the kiosk stops this cycle's sync
    } else if (status == 200 && (req.kind == Kind::content || req.kind == Kind::live)) {
      apply_page(i, req.kind, encoding == "br" ? brotli_decode(body) : body, done);
    } else if (status == 304 && (req.kind == Kind::content || req.kind == Kind::live)) {
      k.last_sync = yeyou::now_utc();
    }
    next_request(i);
    return true;
  }

  void apply_page(std::size_t i, Kind kind, const std::string& body, Clock::time_point done) {
    auto& k = k_[i];
    Json j = Json::parse(body, nullptr, false);
    if (!j.is_object() || !j.contains("cursor")) {
      if (Window* w = window_at(k.req_start)) ++w->error_kinds["bad_sync_body"], ++w->errors;
      return;
    }
    std::int64_t c = j["cursor"].get<std::int64_t>();
    if (kind == Kind::live) k.live_cursor = c;
    else k.cursor = c;
    k.last_sync = yeyou::now_utc();
    if (j.contains("settings")) {
      // The kiosk takes its intervals from here; the benchmark checks they are the defaults it runs.
      auto& s = j["settings"];
      if (s.value("live_poll_s", cfg_.live_poll_s) != cfg_.live_poll_s ||
          s.value("content_poll_s", cfg_.content_poll_s) != cfg_.content_poll_s)
        throw std::runtime_error("server settings differ from the simulated intervals");
    }
    std::size_t ne = edit_count.load(std::memory_order_acquire);
    if (ne > 0 && j.contains("upserts")) {
      std::lock_guard lock(edits_mu);
      for (const auto& up : j["upserts"])
        for (auto& e : edits)
          if (e.seen_ms[i] < 0 && e.matches(up)) e.seen_ms[i] = static_cast<float>(ms_between(e.sent, done));
    }
    if (j.value("more", false))
      k.queue.push_front({kind, std::string(kind == Kind::live ? "/api/v1/sync/live?since=" : "/api/v1/sync?cursor=") +
                                    std::to_string(c),
                          ""});
  }

  void fail(std::size_t i, const std::string& what) {
    auto& k = k_[i];
    if (Window* w = window_at(k.req_start)) {
      ++w->requests;
      ++w->errors;
      ++w->error_kinds[what];
    }
    k.queue.clear();
    k.cyc_ok = false;
    close_conn(i);
    end_cycle(i);
  }

  void end_cycle(std::size_t i) {
    auto& k = k_[i];
    if (!cfg_.keepalive) close_conn(i);
    auto now = Clock::now();
    auto live_period = seconds{cfg_.live_poll_s - 1};
    if (k.cyc_content) {
      // DataWorker retries a failed content sync after 2 s (doubling); one retry step is enough here.
      k.next_content = now + (k.cyc_ok ? seconds{cfg_.content_poll_s} : seconds{2});
      k.next_live = now + live_period;
    }
    if (k.cyc_live) k.next_live = k.cyc_ok ? now + live_period : k.next_content;
    if (k.cyc_transport) k.next_transport = now + (k.cyc_ok ? seconds{cfg_.transport_s} : seconds{15});
    if (k.cyc_hb) k.next_hb = now + seconds{cfg_.live_poll_s};
    k.busy = false;
    --in_flight_;
    schedule(i);
  }

  void check_timeouts(Clock::time_point now) {
    for (std::size_t i = 0; i < k_.size(); ++i) {
      auto& k = k_[i];
      if (k.busy && now - k.req_start > seconds{10}) {
        close_conn(i);
        fail(i, "timeout");
      }
    }
  }
};

// --- staff -----------------------------------------------------------------------

std::string login(httplib::Client& c, const Config& cfg) {
  Json body{{"login", cfg.staff_login}, {"password", cfg.staff_password}};
  auto r = c.Post("/api/v1/auth/login", body.dump(), "application/json");
  if (!r || r->status != 200) throw std::runtime_error("staff login failed");
  return Json::parse(r->body).at("token").get<std::string>();
}

void check(const httplib::Result& r, const char* what) {
  if (!r) throw std::runtime_error(std::string(what) + ": no answer");
  if (r->status >= 300) throw std::runtime_error(std::string(what) + ": " + std::to_string(r->status) + " " + r->body);
}

// Full first sync of one kiosk (content then live, all pages): the cursors every
// simulated kiosk starts from (a fleet whose caches are up to date).
std::pair<std::int64_t, std::int64_t> template_cursors(int port, const std::string& token, std::size_t* objects) {
  httplib::Client c("127.0.0.1", port);
  c.set_bearer_token_auth(token);
  std::int64_t cursors[2] = {0, 0};
  for (int live = 0; live < 2; ++live) {
    for (;;) {
      auto r = c.Get(std::string(live ? "/api/v1/sync/live?since=" : "/api/v1/sync?cursor=") + std::to_string(cursors[live]));
      check(r, "first sync");
      if (r->status == 304) break;
      Json j = Json::parse(r->body);
      cursors[live] = j["cursor"].get<std::int64_t>();
      if (!live) *objects += j["upserts"].size();
      if (!j.value("more", false)) break;
    }
  }
  return {cursors[0], cursors[1]};
}

struct StaffTargets {
  std::int64_t venue_id = 0, occ_venue_id = 0, occ_capacity = 0;
};

StaffTargets pick_targets(httplib::Client& c) {
  auto r = c.Get("/api/v1/venues");
  check(r, "GET /venues");
  Json j = Json::parse(r->body);
  const Json& list = j.is_array() ? j : j.at("venues");
  StaffTargets t;
  for (const auto& v : list) {
    if (t.venue_id == 0) t.venue_id = v.at("id").get<std::int64_t>();
    if (v.value("capacity", std::int64_t{0}) >= 200 && t.occ_venue_id == 0) {
      t.occ_venue_id = v.at("id").get<std::int64_t>();
      t.occ_capacity = v.value("capacity", std::int64_t{0});
    }
  }
  if (t.venue_id == 0 || t.occ_venue_id == 0) throw std::runtime_error("no venue to edit");
  return t;
}

// The staff edits of window `run`: a venue change (content feed, seen through
// /sync every 30 s), an occupancy update and an emergency notice (live feed,
// seen through /sync/live every 4 s). Each is registered before it is sent.
void staff_edits(Fleet& fleet, httplib::Client& c, const StaffTargets& t, int run, std::size_t n_kiosks,
                 Window& w) {
  auto add = [&](Edit e) {
    e.seen_ms.assign(n_kiosks, -1.0f);
    e.sent = Clock::now();
    std::lock_guard lock(fleet.edits_mu);
    fleet.edits.push_back(std::move(e));
    w.edits.push_back(fleet.edits.size() - 1);
    fleet.edit_count.store(fleet.edits.size(), std::memory_order_release);
    return &fleet.edits.back();
  };
  static std::mt19937 rng(7);
  std::string tag = std::to_string(run) + std::to_string(std::uniform_int_distribution<int>(100000, 999999)(rng));
  {
    Edit e;
    e.kind = "venue";
    e.venue_id = t.venue_id;
    e.marker = "0871-" + tag;
    add(e);
    check(c.Patch("/api/v1/venues/" + std::to_string(t.venue_id), Json{{"phone", e.marker}}.dump(), "application/json"),
          "PATCH venue");
  }
  {
    Edit e;
    e.live = true;
    e.kind = "occupancy";
    e.venue_id = t.occ_venue_id;
    e.count = 1 + (run * 37 + std::uniform_int_distribution<int>(0, 50)(rng)) % std::max<std::int64_t>(1, t.occ_capacity / 3);
    add(e);
    check(c.Post("/api/v1/venues/" + std::to_string(t.occ_venue_id) + "/occupancy", Json{{"count", e.count}}.dump(),
                 "application/json"),
          "POST occupancy");
  }
  {
    Edit e;
    e.live = true;
    e.kind = "notice";
    e.marker = "fleet bench notice " + tag;
    add(e);
    Json n{{"severity", "emergency"},
           {"target", {{"kind", "all"}}},
           {"text", {{"zh", "测试通知 " + tag}, {"en", e.marker}, {"ko", "테스트 " + tag}}},
           {"ends_at", yeyou::format_iso8601(yeyou::now_utc() + std::chrono::hours{1})}};
    check(c.Post("/api/v1/notices", n.dump(), "application/json"), "POST notice");
  }
}

double pct(std::vector<float> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  auto idx = static_cast<std::size_t>(std::ceil(p / 100.0 * static_cast<double>(v.size()))) ;
  idx = std::clamp<std::size_t>(idx, 1, v.size()) - 1;
  return static_cast<double>(v[idx]);
}

double r1(double x) { return std::round(x * 10) / 10; }
double r2(double x) { return std::round(x * 100) / 100; }

int cmd_run(const Args& a) {
  Config cfg;
  cfg.port = static_cast<int>(a.num("port", 0));
  cfg.server_pid = static_cast<int>(a.num("server-pid", 0));
  cfg.case_name = a.str("case");
  cfg.runs = static_cast<int>(a.num("runs", 3));
  cfg.window_s = static_cast<int>(a.num("window", 32));
  cfg.warmup_s = static_cast<int>(a.num("warmup", 6));
  cfg.keepalive = a.str("conn", "cycle") == "keepalive";
  cfg.transport = a.num("transport", 1) != 0;
  cfg.staff_login = a.str("staff-login");
  cfg.staff_password = a.str("staff-password");
  std::vector<Kiosk> kiosks;
  {
    std::ifstream f(a.str("tokens"));
    Kiosk k;
    while (f >> k.id >> k.token) kiosks.push_back(k);
  }
  long limit = a.num("kiosks", static_cast<long>(kiosks.size()));
  if (limit < static_cast<long>(kiosks.size())) kiosks.resize(static_cast<std::size_t>(limit));
  if (kiosks.empty()) throw std::runtime_error("no kiosk tokens");

  std::size_t objects = 0;
  auto [cur, live_cur] = template_cursors(cfg.port, kiosks[0].token, &objects);
  for (auto& k : kiosks) k.cursor = cur, k.live_cursor = live_cur;
  std::fprintf(stderr, "fleet_bench: %zu kiosks start from cursor %lld / live %lld (%zu objects in a first sync)\n",
               kiosks.size(), static_cast<long long>(cur), static_cast<long long>(live_cur), objects);

  httplib::Client staff("127.0.0.1", cfg.port);
  staff.set_connection_timeout(30);
  staff.set_read_timeout(30);
  staff.set_bearer_token_auth(login(staff, cfg));
  StaffTargets targets = pick_targets(staff);

  std::size_t n = kiosks.size();
  Fleet fleet(cfg, std::move(kiosks));
  auto start = Clock::now() + milliseconds{200};
  for (int r = 0; r < cfg.runs; ++r) {
    Window w;
    w.start = start + seconds{cfg.warmup_s} + seconds{cfg.window_s} * r;
    w.end = w.start + seconds{cfg.window_s};
    fleet.windows.push_back(std::move(w));
  }
  auto stop = fleet.windows.back().end;
  std::exception_ptr staff_error;
  std::thread sampler([&] {
    try {
      for (auto& w : fleet.windows) {
        std::this_thread::sleep_until(w.start);
        double s0 = proc_cpu_seconds(cfg.server_pid), c0 = proc_cpu_seconds(0);
        std::this_thread::sleep_until(w.start + milliseconds{500});
        staff_edits(fleet, staff, targets, static_cast<int>(&w - fleet.windows.data()) + 1, n, w);
        std::this_thread::sleep_until(w.end);
        w.server_cpu_s = proc_cpu_seconds(cfg.server_pid) - s0;
        w.client_cpu_s = proc_cpu_seconds(0) - c0;
      }
    } catch (...) {
      staff_error = std::current_exception();
    }
  });
  fleet.run(start, stop);
  sampler.join();
  if (staff_error) std::rethrow_exception(staff_error);

  for (std::size_t r = 0; r < fleet.windows.size(); ++r) {
    auto& w = fleet.windows[r];
    std::vector<float> sync, all;
    for (int kd = 0; kd < kKinds; ++kd) {
      all.insert(all.end(), w.lat[kd].begin(), w.lat[kd].end());
      if (kd == static_cast<int>(Kind::content) || kd == static_cast<int>(Kind::live))
        sync.insert(sync.end(), w.lat[kd].begin(), w.lat[kd].end());
    }
    std::vector<float> fresh[2];
    long missed[2] = {0, 0};
    {
      std::lock_guard lock(fleet.edits_mu);
      for (auto ei : w.edits) {
        const auto& e = fleet.edits[ei];
        for (float s : e.seen_ms) {
          if (s < 0) ++missed[e.live];
          else fresh[e.live].push_back(s);
        }
      }
    }
    double secs = static_cast<double>(cfg.window_s);
    auto mx = [](const std::vector<float>& v) { return v.empty() ? 0.0 : static_cast<double>(*std::max_element(v.begin(), v.end())); };
    Json res{{"kiosks", n},
             {"p50_ms", r2(pct(sync, 50))},
             {"p99_ms", r2(pct(sync, 99))},
             {"max_ms", r1(mx(sync))},
             {"all_p99_ms", r2(pct(all, 99))},
             {"live_p99_ms", r2(pct(w.lat[static_cast<int>(Kind::live)], 99))},
             {"content_p99_ms", r2(pct(w.lat[static_cast<int>(Kind::content)], 99))},
             {"heartbeat_p99_ms", r2(pct(w.lat[static_cast<int>(Kind::heartbeat)], 99))},
             {"transport_p99_ms", r2(pct([&] {
                auto v = w.lat[static_cast<int>(Kind::departures)];
                v.insert(v.end(), w.lat[static_cast<int>(Kind::parking)].begin(), w.lat[static_cast<int>(Kind::parking)].end());
                return v;
              }(), 99))},
             {"requests", w.requests},
             {"requests_per_s", r1(static_cast<double>(w.requests) / secs)},
             {"not_modified_pct", r1(w.requests ? 100.0 * static_cast<double>(w.status304) / static_cast<double>(w.requests) : 0)},
             {"connections", w.connects},
             {"errors", w.errors},
             {"server_cpu_pct", r1(100.0 * w.server_cpu_s / secs)},
             {"client_cpu_pct", r1(100.0 * w.client_cpu_s / secs)},
             {"live_freshness_p50_ms", r1(pct(fresh[1], 50))},
             {"live_freshness_max_ms", r1(mx(fresh[1]))},
             {"content_freshness_p50_ms", r1(pct(fresh[0], 50))},
             {"content_freshness_max_ms", r1(mx(fresh[0]))},
             {"freshness_missed", missed[0] + missed[1]}};
    std::printf("BENCH {\"bench\":\"fleet\",\"case\":\"%s\",\"run\":%zu,\"result\":%s}\n", cfg.case_name.c_str(), r + 1,
                res.dump().c_str());
    if (!w.error_kinds.empty()) {
      std::string s;
      for (auto& [kname, cnt] : w.error_kinds) s += " " + kname + "=" + std::to_string(cnt);
      std::fprintf(stderr, "fleet_bench: %s run %zu errors:%s\n", cfg.case_name.c_str(), r + 1, s.c_str());
    }
  }
  std::fflush(stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: fleet_bench seed|run --option value ...\n");
    return 2;
  }
  try {
    std::string cmd = argv[1];
    Args a(argc, argv, 2);
    if (cmd == "seed") return cmd_seed(a);
    if (cmd == "run") return cmd_run(a);
    std::fprintf(stderr, "unknown command %s\n", cmd.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "fleet_bench: %s\n", e.what());
    return 1;
  }
}
