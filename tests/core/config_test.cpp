#include <doctest/doctest.h>

#include <fstream>

#include "core/config_file.hpp"
#include "server/services/server_config.hpp"
#include "support/temp_dir.hpp"

using namespace yeyou;

static std::string write(const test::TempDir& dir, const std::string& text) {
  std::string path = dir.file("c.toml");
  std::ofstream(path) << text;
  return path;
}

TEST_CASE("the shipped config/server.toml loads and matches the defaults") {
  auto cfg = services::load_server_config(std::string(YEYOU_SOURCE_DIR) + "/config/server.toml");
  services::ServerConfig def;
  CHECK(cfg.listen_port == def.listen_port);
  CHECK(cfg.max_body_bytes == def.max_body_bytes);
  CHECK(cfg.threads == def.threads);
  CHECK(cfg.keep_alive_requests == def.keep_alive_requests);
  CHECK(cfg.crowd.crowded == doctest::Approx(0.8));
}

TEST_CASE("unknown keys and wrong types are refused with file:line") {
  test::TempDir dir;
  auto path = write(dir, "[server]\nthreads = 4\n\n[crowd]\nbusy = 0.5\ncrowdd = 0.8\n");
  try {
    services::load_server_config(path);
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find(path + ":6") != std::string::npos);
    CHECK(std::string(e.what()).find("crowd.crowdd") != std::string::npos);
  }
  path = write(dir, "[server]\nthreads = \"four\"\n");
  try {
    services::load_server_config(path);
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find(":2") != std::string::npos);
  }
  path = write(dir, "[server\nthreads = 4\n");
  CHECK_THROWS_AS(services::load_server_config(path), ConfigError);
  path = write(dir, "[crowd]\nbusy = 0.9\ncrowded = 0.8\n");
  CHECK_THROWS_AS(services::load_server_config(path), ConfigError);
}

TEST_CASE("listen addresses") {
  services::ServerConfig cfg;
  services::parse_listen("0.0.0.0:9000", cfg);
  CHECK(cfg.listen_host == "0.0.0.0");
  CHECK(cfg.listen_port == 9000);
  CHECK_THROWS_AS(services::parse_listen("localhost", cfg), ConfigError);
  CHECK_THROWS_AS(services::parse_listen("localhost:99999", cfg), ConfigError);
  CHECK_THROWS_AS(services::parse_listen("localhost:http", cfg), ConfigError);
}
