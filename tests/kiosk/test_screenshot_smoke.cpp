// End-to-end smoke test: the real yeyou-server (seed-demo, then serve on a
// free loopback port) and the real yeyou-kiosk in --screenshot mode (SDL
// offscreen driver, software renderer). Checks exit codes, PNG sizes, that
// the images are not blank and that no glyph was missing.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <cstdio>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <unordered_set>
#include <vector>

#include <doctest/doctest.h>
#include <stb_image.h>

#include "support/temp_dir.hpp"

#include "child_process.hpp"

namespace {

using namespace std::chrono_literals;
using yeyou::test::Child;
using yeyou::test::free_port;
using yeyou::test::run;
using yeyou::test::slurp;

// A child process with stderr (and stdout) sent to a file; killed on scope exit.

// Starts `yeyou-server serve` on a free port and waits for "listening on http://...".
struct Server {
  yeyou::test::TempDir& dir;
  std::unique_ptr<Child> process;
  std::string url;

  explicit Server(yeyou::test::TempDir& d) : dir(d) {
    std::string db = dir.file("demo.db");
    REQUIRE(run({YEYOU_SERVER_EXE, "seed-demo", "--db", db}, dir.file("seed.log")) == 0);
    std::string listen = "127.0.0.1:" + std::to_string(free_port());
    process = std::make_unique<Child>(
        std::vector<std::string>{YEYOU_SERVER_EXE, "serve", "--db", db, "--listen", listen}, dir.file("serve.log"));
    auto deadline = std::chrono::steady_clock::now() + 10s;
    while (std::chrono::steady_clock::now() < deadline) {
      std::string log = slurp(dir.file("serve.log"));
      if (auto at = log.find("listening on http://"); at != std::string::npos) {
        auto begin = at + std::string("listening on ").size();
        auto end = log.find_first_of(" \n", begin);
        if (end != std::string::npos) {
          url = log.substr(begin, end - begin);
          return;
        }
      }
      REQUIRE_FALSE(process->wait(0ms));  // the server must not have exited
      std::this_thread::sleep_for(20ms);
    }
    FAIL("server did not report listening: " << slurp(dir.file("serve.log")));
  }
};

struct ImageStats {
  int width = 0, height = 0;
  std::size_t distinct_colours = 0;
  double non_background = 0;  // fraction of pixels not equal to the background
  std::size_t accent_pixels = 0;
};

ImageStats analyse(const std::string& path) {
  ImageStats st;
  int comp = 0;
  unsigned char* px = stbi_load(path.c_str(), &st.width, &st.height, &comp, 3);
  REQUIRE_MESSAGE(px != nullptr, "cannot read " << path);
  std::unordered_set<std::uint32_t> colours;
  std::size_t n = static_cast<std::size_t>(st.width) * static_cast<std::size_t>(st.height), other = 0;
  for (std::size_t i = 0; i < n; ++i) {
    std::uint32_t rgb = (std::uint32_t{px[3 * i]} << 16) | (std::uint32_t{px[3 * i + 1]} << 8) | px[3 * i + 2];
    colours.insert(rgb);
    if (rgb != 0x0B1222) ++other;      // palette::background
    if (rgb == 0xFFC857) ++st.accent_pixels;  // palette::accent (titles, active language)
  }
  stbi_image_free(px);
  st.distinct_colours = colours.size();
  st.non_background = static_cast<double>(other) / static_cast<double>(n);
  return st;
}

}  // namespace

// Every screen the kiosk's --screenshot mode renders (kiosk/ui/screenshot.cpp).
const std::vector<std::string> kShots = {"home",      "tonight",        "event",  "venues",      "venue",
                                         "transport", "rate",           "rate_thanks", "complaint", "complaint_done",
                                         "status",    "keyboard_ko",    "staff"};

TEST_CASE("screenshots of every screen in every language from the real server") {
  yeyou::test::TempDir dir;
  Server server(dir);
  const std::string shots = dir.file("shots");
  int rc = run({YEYOU_KIOSK_EXE, "--server", server.url, "--screenshot", shots}, dir.file("kiosk.log"));
  std::string log = slurp(dir.file("kiosk.log"));
  REQUIRE_MESSAGE(rc == 0, "kiosk exited " << rc << ": " << log);
  CHECK_MESSAGE(log.find("missing glyphs") == std::string::npos, log);
  for (const char* lang : {"zh", "en", "ko"}) {
    for (const auto& shot : kShots) {
      std::string png = shots + "/" + shot + "-" + lang + "-1920x1080.png";
      REQUIRE_MESSAGE(std::filesystem::exists(png), png << " not written; log: " << log);
      ImageStats st = analyse(png);
      CHECK(st.width == 1920);
      CHECK(st.height == 1080);
      CHECK_MESSAGE(st.distinct_colours >= 64, png << ": only " << st.distinct_colours << " colours");
      CHECK_MESSAGE(st.non_background >= 0.10, png << ": mostly background");
      CHECK_MESSAGE(st.accent_pixels >= 2000, png << ": no header/title accent drawn");
    }
  }
}

TEST_CASE("--lang and --size: every screen of that language and size, also portrait") {
  yeyou::test::TempDir dir;
  Server server(dir);
  for (const char* size : {"1280x720", "1080x1920"}) {
    const std::string shots = dir.file(std::string("shots-") + size);
    int rc = run({YEYOU_KIOSK_EXE, "--server", server.url, "--screenshot", shots, "--lang", "ko", "--size", size},
                 dir.file("kiosk.log"));
    REQUIRE_MESSAGE(rc == 0, slurp(dir.file("kiosk.log")));
    std::set<std::string> files;
    for (const auto& e : std::filesystem::directory_iterator(shots)) files.insert(e.path().filename().string());
    std::set<std::string> expected;
    for (const auto& shot : kShots) expected.insert(shot + "-ko-" + size + ".png");
    CHECK(files == expected);
    int w = 0, h = 0;
    std::sscanf(size, "%dx%d", &w, &h);
    for (const auto& f : files) {
      ImageStats st = analyse(shots + "/" + f);
      CHECK(st.width == w);
      CHECK(st.height == h);
      CHECK_MESSAGE(st.non_background >= 0.10, f << ": mostly background");
      CHECK_MESSAGE(st.distinct_colours >= 64, f << ": only " << st.distinct_colours << " colours");
    }
  }
}

TEST_CASE("an unreachable server fails the screenshot run with a clear message") {
  yeyou::test::TempDir dir;
  std::ofstream(dir.file("k.toml")) << "[screenshot]\nwait_seconds = 1\n";
  std::string url = "http://127.0.0.1:" + std::to_string(free_port());
  auto t0 = std::chrono::steady_clock::now();
  int rc = run({YEYOU_KIOSK_EXE, "--config", dir.file("k.toml"), "--server", url, "--screenshot", dir.file("shots")},
               dir.file("kiosk.log"));
  CHECK(rc != 0);
  CHECK(std::chrono::steady_clock::now() - t0 < 10s);
  std::string log = slurp(dir.file("kiosk.log"));
  CHECK_MESSAGE(log.find("cannot reach the server at " + url) != std::string::npos, log);
  CHECK_FALSE(std::filesystem::exists(dir.file("shots") + "/tonight-zh-1920x1080.png"));
}

TEST_CASE("a bad configuration file stops the kiosk with file:line") {
  yeyou::test::TempDir dir;
  std::ofstream(dir.file("bad.toml")) << "[display]\nwidth = 1920\nfulscreen = true\n";
  int rc = run({YEYOU_KIOSK_EXE, "--config", dir.file("bad.toml"), "--screenshot", dir.file("shots")},
               dir.file("kiosk.log"));
  CHECK(rc != 0);
  std::string log = slurp(dir.file("kiosk.log"));
  CHECK_MESSAGE(log.find("bad.toml:3") != std::string::npos, log);
}
