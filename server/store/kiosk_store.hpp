#pragma once
// Per-kiosk operational data: the latest heartbeat of each kiosk and the
// counters of duplicate feedback refused by the ingest.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

struct Heartbeat {
  std::string kiosk_id;
  std::string version;
  std::int64_t uptime_s = 0;
  std::int64_t outbox_depth = 0;
  std::int64_t oldest_outbox_age_s = 0;
  std::optional<Timestamp> last_sync_at;  // the kiosk's clock
  std::int64_t free_disk_bytes = 0;
  Timestamp received_at{};  // the server's clock
};

// Replaces the kiosk's latest heartbeat.
void upsert_heartbeat(Db& db, const Heartbeat& h);
std::optional<Heartbeat> find_heartbeat(Db& db, const std::string& kiosk_id);
std::vector<Heartbeat> list_heartbeats(Db& db);

// Adds one to the duplicates refused for (kiosk, kind), kind "rating" or "complaint".
void count_duplicate(Db& db, const std::string& kiosk_id, const std::string& kind);
// Adds one to the items stored from (kiosk, kind), in the same transaction as the item.
void count_stored(Db& db, const std::string& kiosk_id, const std::string& kind);

struct IngestRow {
  std::string kiosk_id;
  std::int64_t ratings = 0;
  std::int64_t complaints = 0;
  std::int64_t duplicates_refused = 0;
};
// One row per kiosk that is registered or sent anything, ordered by id.
std::vector<IngestRow> ingest_by_kiosk(Db& db);

}  // namespace yeyou::store
