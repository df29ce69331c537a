#include <doctest/doctest.h>

#include "server/services/health_service.hpp"
#include "support/fault_vfs.hpp"
#include "support/temp_dir.hpp"

using namespace yeyou;

TEST_CASE("health: the database is reported unwritable while writes fail, and writable again after") {
  test::TempDir dir;
  store::DbPool pool(dir.file("health.db"), store::Sync::normal, test::fault_vfs());
  services::HealthService health(pool);
  auto t = services::HealthService::Clock::now();
  auto h = health.database(t);
  CHECK(h.readable);
  CHECK(h.writable);
  CHECK(h.ok());
  CHECK(h.detail == "ok");
  {
    test::WriteFault full;
    // Within a second of the last probe: the cached result, no probe.
    long refused = test::refused_writes();
    CHECK(health.database(t + std::chrono::milliseconds{999}).ok());
    CHECK(test::refused_writes() == refused);
    h = health.database(t + std::chrono::seconds{1});
    CHECK(h.readable);
    CHECK_FALSE(h.writable);
    CHECK_FALSE(h.ok());
    CHECK(h.detail == "cannot write: disk full");
    CHECK(test::refused_writes() > refused);
  }
  CHECK_FALSE(health.database(t + std::chrono::milliseconds{1500}).ok());  // cached
  h = health.database(t + std::chrono::seconds{2});
  CHECK(h.ok());
  CHECK(h.detail == "ok");
}
