// config/kiosk.toml as `yeyou-kiosk --config FILE` loads it
// (toml++ and the option checks of kiosk/data/kiosk_config).
#include "core/config_file.hpp"
#include "kiosk/data/kiosk_config.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace yeyou;
  std::string path = fuzz::scratch_file("kiosk.toml", fuzz::as_text(data, size));
  try {
    kiosk::KioskConfig cfg;
    kiosk::load_kiosk_file(cfg, path);
  } catch (const ConfigError&) {
  }
  return 0;
}
