#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <thread>

#include <httplib.h>

#include "support/free_port.hpp"
#include "support/temp_dir.hpp"

namespace {

// Runs the real yeyou-server binary with `args`; returns its exit code.
int run(const std::string& args, const std::string& log) {
  std::string cmd = std::string(YEYOU_SERVER_BIN) + " " + args + " >" + log + " 2>&1";
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

using yeyou::test::free_port;

}  // namespace

TEST_CASE("seed-demo then serve, stopped cleanly by SIGTERM") {
  yeyou::test::TempDir dir;
  std::string db = dir.file("demo.db");
  CHECK(run("seed-demo --db " + db, dir.file("seed.log")) == 0);
  CHECK(slurp(dir.file("seed.log")).find("venues") != std::string::npos);
  int port = free_port();
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    std::string listen = "127.0.0.1:" + std::to_string(port);
    freopen(dir.file("serve.log").c_str(), "w", stderr);
    execl(YEYOU_SERVER_BIN, YEYOU_SERVER_BIN, "serve", "--db", db.c_str(), "--listen", listen.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  bool up = false;
  for (int i = 0; i < 200 && !up; ++i) {
    httplib::Client cli("127.0.0.1", port);
    cli.set_connection_timeout(1, 0);  // never the 300 s default if the port is odd
    cli.set_read_timeout(2, 0);  // closed before SIGTERM, so no keep-alive wait
    auto r = cli.Get("/api/v1/venues");
    up = r && r->status == 200;
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  CHECK(up);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
  std::string log = slurp(dir.file("serve.log"));
  CHECK(log.find("GET /api/v1/venues 200") != std::string::npos);  // one log line per request
  CHECK(log.find("ms") != std::string::npos);
}

TEST_CASE("bad command lines and configs are refused with a clear message") {
  yeyou::test::TempDir dir;
  CHECK(run("frobnicate", dir.file("a.log")) == 2);
  CHECK(run("serve --db x.db --lisen 1.2.3.4:5", dir.file("b.log")) == 2);
  CHECK(slurp(dir.file("b.log")).find("unknown option --lisen") != std::string::npos);
  std::ofstream(dir.file("bad.toml")) << "[server]\nport = 80\n";
  CHECK(run("serve --config " + dir.file("bad.toml"), dir.file("c.log")) == 2);
  CHECK(slurp(dir.file("c.log")).find("bad.toml:2") != std::string::npos);
  CHECK(run("serve --db " + dir.file("x.db") + " --listen nonsense", dir.file("d.log")) == 2);
}

TEST_CASE("serve with the shipped config file works from any working directory") {
  yeyou::test::TempDir dir;
  std::string db = dir.file("any.db");
  int port = free_port();
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    if (chdir(dir.path().c_str()) != 0) _exit(126);  // far from the source tree
    freopen(dir.file("serve.log").c_str(), "w", stderr);
    std::string config = std::string(YEYOU_SOURCE_DIR) + "/config/server.toml";
    std::string listen = "127.0.0.1:" + std::to_string(port);
    execl(YEYOU_SERVER_BIN, YEYOU_SERVER_BIN, "serve", "--config", config.c_str(), "--db", db.c_str(), "--listen",
          listen.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  bool up = false;
  for (int i = 0; i < 200 && !up; ++i) {
    httplib::Client cli("127.0.0.1", port);
    cli.set_connection_timeout(1, 0);  // never the 300 s default if the port is odd
    cli.set_read_timeout(2, 0);
    auto r = cli.Get("/api/v1/health");
    up = r && r->status == 200;
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  CHECK_MESSAGE(up, slurp(dir.file("serve.log")));
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  CHECK(WIFEXITED(status));
}

TEST_CASE("serve refuses a damaged database with a clear message, before listening") {
  yeyou::test::TempDir dir;
  std::string db = dir.file("damaged.db");
  REQUIRE(run("seed-demo --db " + db, dir.file("seed.log")) == 0);
  REQUIRE_FALSE(std::filesystem::exists(db + "-wal"));  // everything is in the database file
  constexpr std::uintmax_t kPage = 4096;
  auto pages = std::filesystem::file_size(db) / kPage;
  REQUIRE(pages >= 16);
  {
    std::fstream f(db, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(pages / 2 * kPage));
    std::string junk(4 * kPage, '\x5a');
    f.write(junk.data(), static_cast<std::streamsize>(junk.size()));
    REQUIRE(f.good());
  }
  int port = free_port();
  // `timeout`: a server that failed to refuse would otherwise serve forever.
  std::string cmd = "timeout 60 " + std::string(YEYOU_SERVER_BIN) + " serve --db " + db + " --listen 127.0.0.1:" +
                    std::to_string(port) + " >" + dir.file("serve.log") + " 2>&1";
  int rc = std::system(cmd.c_str());
  REQUIRE(WIFEXITED(rc));
  CHECK(WEXITSTATUS(rc) == 1);
  std::string log = slurp(dir.file("serve.log"));
  CHECK_MESSAGE(log.find("is damaged") != std::string::npos, log);
  CHECK(log.find("quick_check") != std::string::npos);
  CHECK(log.find("listening") == std::string::npos);
}
