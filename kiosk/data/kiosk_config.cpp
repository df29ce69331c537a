#include "kiosk/data/kiosk_config.hpp"

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

const char* kiosk_usage() {
  return "usage: yeyou-kiosk [options]\n"
         "  --config FILE      read options from a TOML file (see config/kiosk.toml)\n"
         "  --server URL       server base URL, e.g. http://127.0.0.1:8080\n"
         "  --lang zh|en|ko    starting language (with --screenshot: only this language)\n"
         "  --size WxH         window size in pixels, e.g. 1920x1080\n"
         "  --fullscreen       fill the screen\n"
         "  --screenshot DIR   render every screen offscreen to DIR/*.png and exit\n"
         "  --now ISO8601      freeze the clock at this instant (demos, screenshots)\n"
         "  --help             show this help\n";
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
  cfg.font_path = resolve(path, f.string("font.path", cfg.font_path));
  cfg.font_size = f.number("font.size", cfg.font_size, 12, 96);
  std::string lang_dir = f.string("assets.lang_dir", "");
  if (!lang_dir.empty()) cfg.lang_dir = resolve(path, lang_dir);
  cfg.screenshot_wait_seconds =
      static_cast<int>(f.integer("screenshot.wait_seconds", cfg.screenshot_wait_seconds, 1, 600));
  f.finish();
  if (!parse_lang(lang, cfg.lang))
    throw ConfigError(path + ": display.language must be one of zh, en, ko (got \"" + lang + "\")");
  if (!is_http_url(cfg.server_url))
    throw ConfigError(path + ": server.url must start with http:// or https:// (got \"" + cfg.server_url + "\")");
}

KioskConfig parse_kiosk_args(const std::vector<std::string>& args) {
  KioskConfig cfg;
  cfg.lang_dir = default_lang_dir();
  // The file first, so that flags override it wherever they appear.
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--config") {
      if (i + 1 >= args.size()) throw UsageError("--config needs a file name");
      load_kiosk_file(cfg, args[i + 1]);
    }
  }
  for (std::size_t i = 0; i < args.size(); ++i) {
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
    } else if (a == "--screenshot") {
      cfg.screenshot_dir = value();
    } else if (a == "--now") {
      const std::string& v = value();
      cfg.fixed_now = parse_iso8601(v);
      if (!cfg.fixed_now) throw UsageError("--now must be an ISO 8601 date-time (got \"" + v + "\")");
    } else {
      throw UsageError("unknown option '" + a + "'");
    }
  }
  return cfg;
}

}  // namespace yeyou::kiosk
