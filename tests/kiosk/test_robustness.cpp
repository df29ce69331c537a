// Robustness with real processes on loopback: the real yeyou-server and
// yeyou-kiosk binaries.
//  - a fault proxy (drops, delays, resets, truncates connections) between
//    `yeyou-kiosk simulate` and the server while 500 items go through;
//  - a crash loop: kill -9 the kiosk and the server at random moments over
//    50 cycles.
// Pass: every item the kiosk acknowledged (committed to its outbox) is on
// the server exactly once, the per-kiosk report agrees, and
// PRAGMA integrity_check is ok on both databases.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "core/json_reader.hpp"
#include "kiosk/data/sqlite_db.hpp"
#include "support/temp_dir.hpp"

#include "child_process.hpp"

namespace {

using namespace std::chrono_literals;
using yeyou::test::Child;
using yeyou::test::free_port;
using yeyou::test::run;
using yeyou::test::slurp;
using yeyou::Json;
namespace sql = yeyou::kiosk::sql;

std::string run_output(const std::vector<std::string>& argv, const std::string& log_path) {
  REQUIRE(run(argv, log_path) == 0);
  return slurp(log_path);
}

// yeyou-server serve on a fixed port (restartable after kill -9).
class Server {
 public:
  Server(std::string db, int port, std::string log, std::string config = "")
      : db_(std::move(db)), port_(port), log_(std::move(log)), config_(std::move(config)) {}
  void start() {
    std::vector<std::string> args{YEYOU_SERVER_EXE, "serve", "--db", db_, "--listen", "127.0.0.1:" + std::to_string(port_)};
    if (!config_.empty()) args.insert(args.end(), {"--config", config_});
    process_ = std::make_unique<Child>(args, log_);
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      if (slurp(log_).find("listening on http://") != std::string::npos) return;
      REQUIRE_FALSE(process_->wait(0ms));
      std::this_thread::sleep_for(10ms);
    }
    FAIL("server did not report listening: " << slurp(log_));
  }
  void kill9() {
    if (process_) process_->kill9();
    process_.reset();
  }
  bool running() const { return process_ != nullptr; }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  std::string db_;
  int port_;
  std::string log_;
  std::string config_;
  std::unique_ptr<Child> process_;
};

// A TCP proxy that misbehaves: per connection it passes through, delays
// every chunk, drops at once, resets after the request, or truncates the
// answer after a random number of bytes (with FIN or RST).
class FaultProxy {
 public:
  FaultProxy(int upstream_port, std::uint64_t seed) : upstream_(upstream_port), rng_(seed) {
    listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(listen_fd_ >= 0);
    int one = 1;
    setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
    REQUIRE(listen(listen_fd_, 64) == 0);
    socklen_t len = sizeof addr;
    getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  ~FaultProxy() {
    stop_ = true;
    shutdown(listen_fd_, SHUT_RDWR);
    close(listen_fd_);
    acceptor_.join();
    for (auto& t : workers_) t.join();
  }
  int port() const { return port_; }
  std::map<std::string, int> counts() {
    std::lock_guard lock(mutex_);
    return counts_;
  }

 private:
  enum class Mode { pass, delay, drop, reset, truncate };

  void accept_loop() {
    while (!stop_) {
      int c = accept(listen_fd_, nullptr, nullptr);
      if (c < 0) {
        if (stop_) return;
        continue;
      }
      Mode mode;
      std::size_t budget;
      int delay_ms;
      bool rst;
      {
        std::lock_guard lock(mutex_);
        int roll = std::uniform_int_distribution<int>(0, 99)(rng_);
        mode = roll < 25 ? Mode::pass : roll < 45 ? Mode::delay : roll < 55 ? Mode::drop : roll < 67 ? Mode::reset
                                                                                                    : Mode::truncate;
        budget = std::uniform_int_distribution<std::size_t>(50, 40000)(rng_);
        delay_ms = std::uniform_int_distribution<int>(5, 120)(rng_);
        rst = std::uniform_int_distribution<int>(0, 1)(rng_) == 1;
        const char* names[] = {"pass", "delay", "drop", "reset", "truncate"};
        ++counts_[names[static_cast<int>(mode)]];
      }
      workers_.emplace_back([=, this] { serve(c, mode, budget, delay_ms, rst); });
    }
  }

  static void abort_fd(int fd) {
    linger l{1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof l);  // close() sends RST
    close(fd);
  }

  void serve(int client, Mode mode, std::size_t budget, int delay_ms, bool rst) {
    if (mode == Mode::drop) {
      close(client);
      return;
    }
    int up = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(static_cast<std::uint16_t>(upstream_));
    if (connect(up, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(up);
      abort_fd(client);
      return;
    }
    std::size_t down_bytes = 0, up_bytes = 0;
    char buf[16384];
    bool done = false;
    while (!done && !stop_) {
      pollfd fds[2] = {{client, POLLIN, 0}, {up, POLLIN, 0}};
      int n = poll(fds, 2, 200);
      if (n < 0) break;
      if (n == 0) continue;
      for (int i = 0; i < 2 && !done; ++i) {
        if (!(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
        int from = i == 0 ? client : up, to = i == 0 ? up : client;
        ssize_t got = read(from, buf, sizeof buf);
        if (got <= 0) {
          done = true;
          break;
        }
        std::size_t len = static_cast<std::size_t>(got);
        if (mode == Mode::delay) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
        if (i == 0) {
          up_bytes += len;
          if (mode == Mode::reset && up_bytes > 0) {
            // Forward the request, then cut both sides before any answer.
            (void)!write(to, buf, len);
            std::this_thread::sleep_for(5ms);
            done = true;
            rst = true;
            break;
          }
        } else if (mode == Mode::truncate && down_bytes + len > budget) {
          std::size_t keep = budget - down_bytes;
          if (keep > 0) (void)!write(to, buf, keep);
          done = true;
          break;
        }
        if (i == 1) down_bytes += len;
        if (write(to, buf, len) != got) done = true;
      }
    }
    if (rst) {
      abort_fd(client);
      abort_fd(up);
    } else {
      close(client);
      close(up);
    }
  }

  int upstream_;
  int port_ = 0;
  int listen_fd_ = -1;
  std::atomic<bool> stop_{false};
  std::mutex mutex_;
  std::mt19937_64 rng_;
  std::map<std::string, int> counts_;
  std::thread acceptor_;
  std::vector<std::thread> workers_;
};

std::string integrity(const std::string& path) {
  sql::Db db(path);
  sql::Stmt s(db, "PRAGMA integrity_check");
  return s.step() ? s.text(0) : "";
}

// What the kiosk acknowledged: every item committed to its outbox.
struct Acknowledged {
  std::set<std::string> ratings, complaints;
  std::int64_t pending = 0, dead = 0;
};

Acknowledged read_outbox(const std::string& path) {
  Acknowledged a;
  sql::Db db(path);
  sql::Stmt s(db, "SELECT id, kind, state FROM items");
  while (s.step()) {
    (s.text(1) == "rating" ? a.ratings : a.complaints).insert(s.text(0));
    if (s.text(2) == "pending") ++a.pending;
    if (s.text(2) == "dead") ++a.dead;
  }
  return a;
}

// Checks that the server holds exactly the acknowledged items, once each.
void check_exactly_once(const Acknowledged& ack, const std::string& server_db, const std::string& kiosk_id,
                        const std::string& report_json) {
  sql::Db db(server_db);
  std::set<std::string> ratings, complaints;
  {
    sql::Stmt s(db, "SELECT id FROM ratings");
    while (s.step()) ratings.insert(s.text(0));
  }
  {
    sql::Stmt s(db, "SELECT id FROM complaints");
    while (s.step()) complaints.insert(s.text(0));
  }
  CHECK(ack.pending == 0);
  CHECK(ack.dead == 0);
  CHECK(ratings.size() == ack.ratings.size());
  CHECK(complaints.size() == ack.complaints.size());
  CHECK(ratings == ack.ratings);
  CHECK(complaints == ack.complaints);
  sql::Stmt dup(db, "SELECT count(*) - count(DISTINCT tracking_no) FROM complaints");
  REQUIRE(dup.step());
  CHECK(dup.int64(0) == 0);
  Json report = Json::parse(report_json);
  bool found = false;
  for (const auto& k : report["kiosks"]) {
    if (k["kiosk_id"] != kiosk_id) continue;
    found = true;
    CHECK(k["ratings"].get<std::size_t>() == ack.ratings.size());
    CHECK(k["complaints"].get<std::size_t>() == ack.complaints.size());
  }
  CHECK_MESSAGE(found, report_json);
}

struct Fleet {
  yeyou::test::TempDir dir;
  std::string db = dir.file("server.db");
  std::string kiosk_id, token;
  std::string data = dir.file("kiosk");

  Fleet() {
    REQUIRE(run({YEYOU_SERVER_EXE, "seed-demo", "--db", db}, dir.file("seed.log")) == 0);
    Json k = Json::parse(run_output(
        {YEYOU_SERVER_EXE, "kiosk", "add", "--db", db, "--name", "pier kiosk", "--district", "huancui", "--json"},
        dir.file("kiosk-add.log")));
    kiosk_id = k["id"].get<std::string>();
    token = k["token"].get<std::string>();
  }
  std::vector<std::string> simulate(const std::string& url, int ratings, int complaints, int seed, int timeout) {
    return {YEYOU_KIOSK_EXE, "simulate", "--server", url, "--token", token, "--kiosk-id", kiosk_id, "--data-dir",
            data, "--ratings", std::to_string(ratings), "--complaints", std::to_string(complaints), "--seed",
            std::to_string(seed), "--timeout", std::to_string(timeout), "--backoff-ms", "20"};
  }
  std::string report() {
    return run_output({YEYOU_SERVER_EXE, "report", "ingest", "--db", db, "--json"}, dir.file("report.log"));
  }
};

}  // namespace

TEST_CASE("fault proxy - 500 items through drops, delays, resets and truncation arrive exactly once") {
  auto t0 = std::chrono::steady_clock::now();
  Fleet fleet;
  // The proxy picks a fault per connection: connections closed after a few
  // requests (as by a proxy or NAT on the way) give it many to work on.
  std::string config = fleet.dir.file("server.toml");
  std::ofstream(config) << "[server]\nkeep_alive_requests = 3\n";
  Server server(fleet.db, free_port(), fleet.dir.file("serve.log"), config);
  server.start();
  FaultProxy proxy(std::stoi(server.url().substr(server.url().rfind(':') + 1)), 20261129);
  const std::string via = "http://127.0.0.1:" + std::to_string(proxy.port());

  int rc = run(fleet.simulate(via, 300, 200, 7, 60), fleet.dir.file("simulate.log"), 90s);
  // A kiosk that ran out of time keeps its outbox; a restart drains it.
  for (int i = 0; rc != 0 && i < 3; ++i) rc = run(fleet.simulate(via, 0, 0, 8 + i, 60), fleet.dir.file("drain.log"), 90s);
  REQUIRE_MESSAGE(rc == 0, slurp(fleet.dir.file("simulate.log")));
  auto counts = proxy.counts();
  MESSAGE("proxy connections: pass " << counts["pass"] << ", delay " << counts["delay"] << ", drop " << counts["drop"]
                                     << ", reset " << counts["reset"] << ", truncate " << counts["truncate"]);
  CHECK(counts["drop"] + counts["reset"] + counts["truncate"] >= 20);  // the faults really happened

  Acknowledged ack = read_outbox(fleet.data + "/outbox.db");
  CHECK(ack.ratings.size() == 300);
  CHECK(ack.complaints.size() == 200);
  server.kill9();
  check_exactly_once(ack, fleet.db, fleet.kiosk_id, fleet.report());
  CHECK(integrity(fleet.db) == "ok");
  CHECK(integrity(fleet.data + "/outbox.db") == "ok");
  MESSAGE("fault proxy test took "
          << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count()
          << " ms");
}

TEST_CASE("crash loop - kill -9 of kiosk and server at random moments over 50 cycles loses and doubles nothing") {
  auto t0 = std::chrono::steady_clock::now();
  Fleet fleet;
  Server server(fleet.db, free_port(), fleet.dir.file("serve.log"));
  std::mt19937_64 rng(50);
  int kiosk_kills = 0, server_kills = 0;
  for (int cycle = 0; cycle < 50; ++cycle) {
    if (!server.running() && std::uniform_int_distribution<int>(0, 3)(rng) != 0) server.start();
    Child kiosk(fleet.simulate(server.url(), 6, 3, 1000 + cycle, 3), fleet.dir.file("cycles.log"), true);
    auto moment = std::chrono::milliseconds(std::uniform_int_distribution<int>(0, 250)(rng));
    std::this_thread::sleep_for(moment);
    int what = std::uniform_int_distribution<int>(0, 3)(rng);
    if (what == 0 || what == 2) {
      kiosk.kill9();
      ++kiosk_kills;
    }
    if ((what == 1 || what == 2) && server.running()) {
      server.kill9();
      ++server_kills;
    }
    if (!kiosk.wait(8s)) kiosk.kill9();
  }
  MESSAGE("killed the kiosk " << kiosk_kills << " times and the server " << server_kills << " times");
  CHECK(kiosk_kills >= 10);
  CHECK(server_kills >= 10);
  if (!server.running()) server.start();
  int rc = run(fleet.simulate(server.url(), 0, 0, 1, 60), fleet.dir.file("drain.log"), 90s);
  REQUIRE_MESSAGE(rc == 0, slurp(fleet.dir.file("drain.log")));
  Acknowledged ack = read_outbox(fleet.data + "/outbox.db");
  CHECK(ack.ratings.size() + ack.complaints.size() > 100);
  server.kill9();
  check_exactly_once(ack, fleet.db, fleet.kiosk_id, fleet.report());
  CHECK(integrity(fleet.db) == "ok");
  CHECK(integrity(fleet.data + "/outbox.db") == "ok");
  MESSAGE("crash loop test took "
          << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count()
          << " ms");
}
