#include "kiosk/data/kiosk_config.hpp"

#include <cstdlib>
#include <filesystem>

#include "core/config_file.hpp"

namespace yeyou::kiosk {
namespace {

namespace fs = std::filesystem;

// Relative paths in a configuration file are relative to that file.
std::string resolve(const std::string& config_path, const std::string& p) {
  if (p.empty() || fs::path(p).is_absolute()) return p;
  return (fs::path(config_path).parent_path() / p).lexically_normal().string();
}

bool parse_size(const std::string& s, int& w, int& h) {
  auto x = s.find('x');
  if (x == std::string::npos) return false;
  try {
    std::size_t used = 0;
    w = std::stoi(s.substr(0, x), &used);
    if (used != x) return false;
    h = std::stoi(s.substr(x + 1), &used);
    if (used != s.size() - x - 1) return false;
  } catch (const std::exception&) {
    return false;
  }
  return w >= 320 && w <= 7680 && h >= 240 && h <= 4320;
}

bool is_http_url(const std::string& s) {
  return (s.rfind("http://", 0) == 0 && s.size() > 7) || (s.rfind("https://", 0) == 0 && s.size() > 8);
}

}  // namespace

std::string default_lang_dir() { return YEYOU_ASSETS_DIR "/lang"; }

std::string default_data_dir() {
  if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) return (fs::path(x) / "yeyou-kiosk").string();
  if (const char* h = std::getenv("HOME"); h && *h) return (fs::path(h) / ".local/state/yeyou-kiosk").string();
  return "yeyou-kiosk-data";
}

const char* kiosk_usage() {
  return "usage: yeyou-kiosk [options]                 the kiosk window\n"
         "       yeyou-kiosk status [options]          outbox, dead letters, sync cursor (JSON)\n"
         "       yeyou-kiosk sync --once [options]     one headless sync cycle; exit 1 if unreachable\n"
         "       yeyou-kiosk simulate --ratings N --complaints M [--seed S] [--timeout SECONDS] [options]\n"
         "                                             store feedback in the outbox, send until empty\n"
         "       yeyou-kiosk pin-hash < PIN            print the [staff] pin_hash for a PIN read from stdin\n"
         "  --config FILE      read options from a TOML file (see config/kiosk.toml)\n"
         "  --server URL       server base URL, e.g. http://127.0.0.1:8080\n"
         "  --lang zh|en|ko    starting language (with --screenshot: only this language)\n"
         "  --size WxH         window size in pixels, e.g. 1920x1080\n"
         "  --fullscreen       fill the screen\n"
         "  --renderer auto|software|accelerated  how to draw (auto: software without a GPU)\n"
         "  --screenshot DIR   render every screen offscreen to DIR/*.png and exit\n"
         "  --now ISO8601      freeze the clock at this instant (demos, screenshots)\n"
         "  --token T          the kiosk's device token (yeyou-server kiosk add)\n"
         "  --data-dir DIR     where cache.db and outbox.db live\n"
         "  --kiosk-id ID      this kiosk's device id (default: asked from the server)\n"
         "  --backoff-ms MS    sender retry backoff base (full jitter, 5 min cap)\n"
         "  --help             show this help\n";
}

static bool is_renderer_choice(const std::string& r) {
  return r == "auto" || r == "software" || r == "accelerated";
}

void load_kiosk_file(KioskConfig& cfg, const std::string& path) {
  ConfigFile f(path);
  cfg.config_path = path;
  cfg.server_url = f.string("server.url", cfg.server_url);
  cfg.connect_timeout_ms = static_cast<int>(f.integer("server.connect_timeout_ms", cfg.connect_timeout_ms, 100, 60'000));
  cfg.request_timeout_ms = static_cast<int>(f.integer("server.request_timeout_ms", cfg.request_timeout_ms, 500, 300'000));
  cfg.poll_seconds = static_cast<int>(f.integer("server.poll_seconds", cfg.poll_seconds, 5, 3600));
  cfg.nights_ahead = static_cast<int>(f.integer("content.nights_ahead", cfg.nights_ahead, 0, 31));
  cfg.occupancy_stale_minutes =
      static_cast<int>(f.integer("content.occupancy_stale_minutes", cfg.occupancy_stale_minutes, 1, 24 * 60));
  std::string lang = f.string("display.language", std::string(lang_code(cfg.lang)));
  cfg.width = static_cast<int>(f.integer("display.width", cfg.width, 320, 7680));
  cfg.height = static_cast<int>(f.integer("display.height", cfg.height, 240, 4320));
  cfg.fullscreen = f.boolean("display.fullscreen", cfg.fullscreen);
  cfg.renderer = f.string("display.renderer", cfg.renderer);
  if (!is_renderer_choice(cfg.renderer))
    throw ConfigError(path + ": display.renderer must be auto, software or accelerated");
  cfg.font_path = resolve(path, f.string("font.path", cfg.font_path));
  cfg.font_size = f.number("font.size", cfg.font_size, 12, 96);
  std::string lang_dir = f.string("assets.lang_dir", "");
  if (!lang_dir.empty()) cfg.lang_dir = resolve(path, lang_dir);
  cfg.screenshot_wait_seconds =
      static_cast<int>(f.integer("screenshot.wait_seconds", cfg.screenshot_wait_seconds, 1, 600));
  cfg.staff_pin_hash = f.string("staff.pin_hash", cfg.staff_pin_hash);
  if (!cfg.staff_pin_hash.empty() && cfg.staff_pin_hash.rfind("$argon2id$", 0) != 0)
    f.fail("staff.pin_hash", "must be an Argon2id hash ($argon2id$...), e.g. from `yeyou-kiosk pin-hash`");
  cfg.kiosk_id = f.string("kiosk.id", cfg.kiosk_id);
  cfg.token = f.string("kiosk.token", cfg.token);
  std::string data_dir = f.string("kiosk.data_dir", "");
  if (!data_dir.empty()) {
    cfg.data_dir = resolve(path, data_dir);
    cfg.data_dir_set = true;
  }
  cfg.backoff_base_ms = static_cast<int>(f.integer("sender.backoff_base_ms", cfg.backoff_base_ms, 10, 60'000));
  cfg.transport_seconds = static_cast<int>(f.integer("content.transport_seconds", cfg.transport_seconds, 10, 3600));
  f.finish();
  if (!parse_lang(lang, cfg.lang))
    throw ConfigError(path + ": display.language must be one of zh, en, ko (got \"" + lang + "\")");
  if (!is_http_url(cfg.server_url))
    throw ConfigError(path + ": server.url must start with http:// or https:// (got \"" + cfg.server_url + "\")");
}

KioskConfig parse_kiosk_args(const std::vector<std::string>& args) {
  KioskConfig cfg;
  cfg.lang_dir = default_lang_dir();
  cfg.data_dir = default_data_dir();
  std::size_t first = 0;
  if (!args.empty() && !args[0].empty() && args[0][0] != '-') {
    cfg.command = args[0];
    if (cfg.command != "status" && cfg.command != "sync" && cfg.command != "simulate" && cfg.command != "pin-hash")
      throw UsageError("unknown command '" + cfg.command + "' (status, sync, simulate, pin-hash)");
    first = 1;
  }
  // The file first, so that flags override it wherever they appear.
  for (std::size_t i = first; i < args.size(); ++i) {
    if (args[i] == "--config") {
      if (i + 1 >= args.size()) throw UsageError("--config needs a file name");
      load_kiosk_file(cfg, args[i + 1]);
    }
  }
  auto number = [](const std::string& flag, const std::string& v, long long lo, long long hi) {
    try {
      std::size_t used = 0;
      long long n = std::stoll(v, &used);
      if (used == v.size() && n >= lo && n <= hi) return n;
    } catch (const std::exception&) {
    }
    throw UsageError(flag + " must be a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                     " (got \"" + v + "\")");
  };
  const bool sim = cfg.command == "simulate";
  for (std::size_t i = first; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> const std::string& {
      if (i + 1 >= args.size()) throw UsageError(a + " needs a value");
      return args[++i];
    };
    if (a == "--help" || a == "-h") {
      cfg.help = true;
    } else if (a == "--config") {
      ++i;  // handled above
    } else if (a == "--server") {
      cfg.server_url = value();
      if (!is_http_url(cfg.server_url)) throw UsageError("--server must be an http:// or https:// URL");
    } else if (a == "--lang") {
      const std::string& v = value();
      if (!parse_lang(v, cfg.lang)) throw UsageError("--lang must be zh, en or ko (got \"" + v + "\")");
      cfg.lang_from_cli = true;
    } else if (a == "--size") {
      const std::string& v = value();
      if (!parse_size(v, cfg.width, cfg.height))
        throw UsageError("--size must be WxH between 320x240 and 7680x4320 (got \"" + v + "\")");
    } else if (a == "--fullscreen") {
      cfg.fullscreen = true;
    } else if (a == "--renderer") {
      cfg.renderer = value();
      if (!is_renderer_choice(cfg.renderer))
        throw UsageError("--renderer must be auto, software or accelerated (got \"" + cfg.renderer + "\")");
    } else if (a == "--screenshot") {
      cfg.screenshot_dir = value();
    } else if (a == "--now") {
      const std::string& v = value();
      cfg.fixed_now = parse_iso8601(v);
      if (!cfg.fixed_now) throw UsageError("--now must be an ISO 8601 date-time (got \"" + v + "\")");
    } else if (a == "--token") {
      cfg.token = value();
    } else if (a == "--data-dir") {
      cfg.data_dir = value();
      cfg.data_dir_set = true;
      if (cfg.data_dir.empty()) throw UsageError("--data-dir needs a directory");
    } else if (a == "--kiosk-id") {
      cfg.kiosk_id = value();
    } else if (a == "--backoff-ms") {
      cfg.backoff_base_ms = static_cast<int>(number(a, value(), 10, 60'000));
    } else if (a == "--once" && cfg.command == "sync") {
      cfg.once = true;
    } else if (a == "--ratings" && sim) {
      cfg.sim_ratings = static_cast<int>(number(a, value(), 0, 10'000'000));
    } else if (a == "--complaints" && sim) {
      cfg.sim_complaints = static_cast<int>(number(a, value(), 0, 10'000'000));
    } else if (a == "--seed" && sim) {
      cfg.seed = static_cast<std::uint64_t>(number(a, value(), 0, INT64_MAX));
    } else if (a == "--timeout" && sim) {
      cfg.timeout_seconds = static_cast<int>(number(a, value(), 0, 86'400));
    } else {
      throw UsageError("unknown option '" + a + "'" + (cfg.command.empty() ? "" : " for " + cfg.command));
    }
  }
  return cfg;
}

}  // namespace yeyou::kiosk
