// yeyou-kiosk: the night-tourism kiosk. Everything lives in the kiosk
// libraries; this file parses the command line and runs the app.
#include <cstdio>
#include <string>
#include <vector>

#include "core/config_file.hpp"
#include "kiosk/data/api_client.hpp"
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
  App app(std::move(cfg));
  return app.run();
}
