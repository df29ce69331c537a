// KioskConfig: the shipped config/kiosk.toml matches the built-in defaults,
// flags override the file, and bad files or flags are refused clearly.
#include <fstream>

#include <doctest/doctest.h>

#include "core/config_file.hpp"
#include "kiosk/data/kiosk_config.hpp"
#include "support/temp_dir.hpp"

using namespace yeyou;
using namespace yeyou::kiosk;

namespace {

std::string write(const yeyou::test::TempDir& dir, const std::string& name, const std::string& text) {
  std::string path = dir.file(name);
  std::ofstream(path) << text;
  return path;
}

std::string config_error(const std::vector<std::string>& args) {
  try {
    parse_kiosk_args(args);
  } catch (const ConfigError& e) {
    return e.what();
  }
  return "";
}

std::string usage_error(const std::vector<std::string>& args) {
  try {
    parse_kiosk_args(args);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("the shipped config/kiosk.toml loads and documents the defaults") {
  const std::string path = std::string(YEYOU_SOURCE_DIR) + "/config/kiosk.toml";
  KioskConfig file = parse_kiosk_args({"--config", path});
  KioskConfig defaults = parse_kiosk_args({});
  CHECK(file.server_url == defaults.server_url);
  CHECK(file.connect_timeout_ms == defaults.connect_timeout_ms);
  CHECK(file.request_timeout_ms == defaults.request_timeout_ms);
  CHECK(file.poll_seconds == defaults.poll_seconds);
  CHECK(file.nights_ahead == defaults.nights_ahead);
  CHECK(file.occupancy_stale_minutes == defaults.occupancy_stale_minutes);
  CHECK(file.lang == defaults.lang);
  CHECK(file.width == defaults.width);
  CHECK(file.height == defaults.height);
  CHECK(file.fullscreen == defaults.fullscreen);
  CHECK(file.renderer == defaults.renderer);
  CHECK(defaults.renderer == "auto");
  CHECK(file.font_path == defaults.font_path);
  CHECK(file.font_size == doctest::Approx(defaults.font_size));
  CHECK(file.screenshot_wait_seconds == defaults.screenshot_wait_seconds);
  // lang_dir is relative to the file: ../assets/lang from config/.
  CHECK(file.lang_dir == std::string(YEYOU_SOURCE_DIR) + "/assets/lang");
  CHECK(defaults.lang_dir == std::string(YEYOU_SOURCE_DIR) + "/assets/lang");
}

TEST_CASE("flags override the file wherever they appear") {
  yeyou::test::TempDir dir;
  std::string path = write(dir, "k.toml",
                           "[server]\nurl = \"http://10.0.0.5:9000\"\n[display]\nlanguage = \"ko\"\n"
                           "width = 1280\nheight = 720\n");
  KioskConfig only_file = parse_kiosk_args({"--config", path});
  CHECK(only_file.server_url == "http://10.0.0.5:9000");
  CHECK(only_file.lang == Lang::ko);
  CHECK_FALSE(only_file.lang_from_cli);
  CHECK(only_file.width == 1280);

  KioskConfig c = parse_kiosk_args({"--server", "http://127.0.0.1:1", "--config", path, "--lang", "en", "--size",
                                    "800x600", "--fullscreen", "--screenshot", "/tmp/x"});
  CHECK(c.server_url == "http://127.0.0.1:1");
  CHECK(c.lang == Lang::en);
  CHECK(c.lang_from_cli);
  CHECK(c.width == 800);
  CHECK(c.height == 600);
  CHECK(c.fullscreen);
  CHECK(c.screenshot_dir == "/tmp/x");
}

TEST_CASE("unknown keys and wrong types are refused with file:line") {
  yeyou::test::TempDir dir;
  std::string unknown = write(dir, "unknown.toml", "[server]\nurl = \"http://a:1\"\npoll_secs = 5\n");
  CHECK(config_error({"--config", unknown}).find("unknown.toml:3") != std::string::npos);
  CHECK(config_error({"--config", unknown}).find("server.poll_secs") != std::string::npos);

  std::string wrong_type = write(dir, "type.toml", "\n[display]\nfullscreen = \"yes\"\n");
  CHECK(config_error({"--config", wrong_type}).find("type.toml:3") != std::string::npos);

  std::string range = write(dir, "range.toml", "[server]\npoll_seconds = 0\n");
  CHECK(config_error({"--config", range}).find("range.toml:2") != std::string::npos);

  std::string syntax = write(dir, "syntax.toml", "[server\n");
  CHECK(config_error({"--config", syntax}).find("syntax.toml:1") != std::string::npos);

  std::string lang = write(dir, "lang.toml", "[display]\nlanguage = \"fr\"\n");
  CHECK(config_error({"--config", lang}).find("display.language") != std::string::npos);

  CHECK_FALSE(config_error({"--config", dir.file("missing.toml")}).empty());
}

TEST_CASE("bad flags are usage errors") {
  CHECK(usage_error({"--lang", "fr"}).find("--lang") != std::string::npos);
  CHECK(usage_error({"--size", "1920"}).find("--size") != std::string::npos);
  CHECK(usage_error({"--size", "10x10"}).find("--size") != std::string::npos);
  CHECK(usage_error({"--size", "1920x1080x2"}).find("--size") != std::string::npos);
  CHECK(usage_error({"--server", "127.0.0.1:8080"}).find("--server") != std::string::npos);
  CHECK(usage_error({"--now", "tonight"}).find("--now") != std::string::npos);
  CHECK(usage_error({"--screenshot"}).find("needs a value") != std::string::npos);
  CHECK(usage_error({"--frobnicate"}).find("unknown option") != std::string::npos);
  CHECK(usage_error({"--renderer", "vulkan"}).find("--renderer") != std::string::npos);
  CHECK(parse_kiosk_args({"--renderer", "software"}).renderer == "software");
  CHECK(parse_kiosk_args({"--help"}).help);
}
