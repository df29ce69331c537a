// yeyou-kiosk: the night-tourism kiosk. Everything lives in the kiosk
// libraries; this file parses the command line and runs the app, or one of
// the headless commands (status, sync --once, simulate).
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "core/config_file.hpp"
#include "kiosk/data/api_client.hpp"
#include "kiosk/data/data_worker.hpp"
#include "kiosk/data/kiosk_commands.hpp"
#include "kiosk/data/kiosk_config.hpp"
#include "kiosk/ui/app.hpp"

int main(int argc, char** argv) {
  using namespace yeyou::kiosk;
  KioskConfig cfg;
  try {
    cfg = parse_kiosk_args(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const UsageError& e) {
    std::fprintf(stderr, "yeyou-kiosk: %s\n%s", e.what(), kiosk_usage());
    return 64;
  } catch (const yeyou::ConfigError& e) {
    std::fprintf(stderr, "yeyou-kiosk: %s\n", e.what());
    return 78;
  }
  if (cfg.help) {
    std::fputs(kiosk_usage(), stdout);
    return 0;
  }
  init_http();
  if (!cfg.command.empty()) return run_kiosk_command(cfg);

  // Screenshots without a configured data dir use a throwaway one.
  std::string temp_dir;
  if (!cfg.screenshot_dir.empty() && !cfg.data_dir_set) {
    std::string pattern = (std::filesystem::temp_directory_path() / "yeyou-kiosk-XXXXXX").string();
    if (char* made = mkdtemp(pattern.data())) temp_dir = cfg.data_dir = made;
  }
  int rc = 0;
  {
    App app(std::move(cfg));
    rc = app.run();
  }
  if (!temp_dir.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir, ec);
  }
  return rc;
}
