// config/server.toml as `yeyou-server serve --config FILE` loads it
// (toml++ and the option checks of server/services/server_config).
#include "core/config_file.hpp"
#include "server/services/server_config.hpp"
#include "tests/fuzz/fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace yeyou;
  std::string path = fuzz::scratch_file("server.toml", fuzz::as_text(data, size));
  try {
    (void)services::load_server_config(path);
  } catch (const ConfigError&) {
  }
  return 0;
}
