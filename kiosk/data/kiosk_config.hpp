#pragma once
// KioskConfig: the kiosk's options, from a TOML file (config/kiosk.toml
// documents every key) overridden by command-line flags. Unknown keys, wrong
// types and out-of-range values are refused at startup with file:line.
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/localized_text.hpp"
#include "core/time.hpp"

namespace yeyou::kiosk {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct KioskConfig {
  std::string config_path;  // empty: built-in defaults only

  // [server]
  std::string server_url = "http://127.0.0.1:8080";
  int connect_timeout_ms = 3000;
  int request_timeout_ms = 10000;
  int poll_seconds = 30;
  // [content]
  int nights_ahead = 7;
  int occupancy_stale_minutes = 30;
  // [display]
  Lang lang = Lang::zh;
  int width = 1920;
  int height = 1080;
  bool fullscreen = false;
  // "auto": SDL's software renderer where the accelerated one would be a
  // software rasteriser (no GPU); "software" or "accelerated" force one.
  std::string renderer = "auto";
  // [font]
  std::string font_path = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";
  double font_size = 30;  // body text in px at 1080 lines; scaled with the window height
  // [assets]
  std::string lang_dir;  // default: the source tree's assets/lang
  // [screenshot]
  int screenshot_wait_seconds = 10;
  // [staff]
  std::string staff_pin_hash;  // Argon2id (crypto_pwhash_str); empty: staff access closed
  // [kiosk]
  std::string kiosk_id;   // empty: asked from the server (GET /api/v1/auth/me) and remembered
  std::string token;      // the kiosk's device token (yeyou-server kiosk add); empty: read-only, nothing sent
  std::string data_dir;   // cache.db and outbox.db; default: default_data_dir()
  bool data_dir_set = false;  // data_dir came from the file or --data-dir
  // [sender]
  int backoff_base_ms = 1000;  // outbox retries: full jitter in [0, min(5 min, base * 2^failures)]
  int transport_seconds = 60;  // [content] transport_seconds: departures and car parks

  // Command line only: `yeyou-kiosk COMMAND …` (status, sync, simulate); empty: the window.
  std::string command;
  bool once = false;           // sync --once
  int sim_ratings = 0;         // simulate --ratings N
  int sim_complaints = 0;      // simulate --complaints M
  std::uint64_t seed = 1;      // simulate --seed S
  int timeout_seconds = 60;    // simulate --timeout SECONDS

  // Command line only.
  bool lang_from_cli = false;
  std::string screenshot_dir;        // non-empty: render PNGs and exit
  std::optional<Timestamp> fixed_now;  // --now: freeze the clock (demos, screenshots)
  bool help = false;
};

// Parses argv (without argv[0]). Throws UsageError for a bad flag and
// ConfigError (core/config_file.hpp) for a bad configuration file.
KioskConfig parse_kiosk_args(const std::vector<std::string>& args);
// Applies one configuration file on top of `cfg` (exposed for tests).
void load_kiosk_file(KioskConfig& cfg, const std::string& path);

const char* kiosk_usage();
// $XDG_STATE_HOME/yeyou-kiosk, else $HOME/.local/state/yeyou-kiosk, else ./yeyou-kiosk-data.
std::string default_data_dir();
std::string default_lang_dir();

}  // namespace yeyou::kiosk
