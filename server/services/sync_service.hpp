#pragma once
// Delta sync for kiosks over the change feed: everything a kiosk needs since
// its cursor (all venues, events, districts and occupancy; notices aimed at
// all kiosks, its district or a venue in its district), paged, plus the poll
// intervals it should use. The live variant carries only occupancy and notices.
#include <cstdint>
#include <vector>

#include "server/services/principal.hpp"
#include "server/store/change_log.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

// [sync] in config/server.toml.
struct SyncSettings {
  int content_poll_s = 30;  // GET /sync
  int live_poll_s = 5;      // GET /sync/live and heartbeats; offline after 3 missed
  int page_size = 500;      // default changes per page
  int max_page_size = 5000;
};

struct SyncPage {
  std::vector<store::Change> changes;  // filtered for the kiosk, oldest first
  std::int64_t cursor = 0;             // ask from here next time
  bool more = false;                   // another page is waiting
  bool unchanged = false;              // nothing at all since the cursor (→ 304)
  bool reset = false;                  // the cursor was ahead of the server: resynced from 0
};

class SyncService {
 public:
  SyncService(store::DbPool& pool, SyncSettings settings) : pool_(pool), settings_(settings) {}
  // Everything for `kiosk` since `cursor`, at most `limit` feed entries scanned.
  SyncPage content(const Principal& kiosk, std::int64_t cursor, int limit);
  // Only occupancy and notices since `cursor`.
  SyncPage live(const Principal& kiosk, std::int64_t cursor, int limit);
  const SyncSettings& settings() const { return settings_; }

 private:
  SyncPage page(const Principal& kiosk, std::int64_t cursor, int limit, bool live_only);
  store::DbPool& pool_;
  SyncSettings settings_;
};

}  // namespace yeyou::services
