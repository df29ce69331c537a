#include "server/store/kiosk_store.hpp"

#include <map>

namespace yeyou::store {

void upsert_heartbeat(Db& db, const Heartbeat& h) {
  Stmt s(db,
         "INSERT OR REPLACE INTO kiosk_heartbeats(kiosk_id, version, uptime_s, outbox_depth, oldest_outbox_age_s, "
         "last_sync_at, free_disk_bytes, received_at) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  s.bind(1, h.kiosk_id).bind(2, h.version).bind(3, h.uptime_s).bind(4, h.outbox_depth);
  s.bind(5, h.oldest_outbox_age_s);
  if (h.last_sync_at) s.bind(6, unix_seconds(*h.last_sync_at));
  else s.bind_null(6);
  s.bind(7, h.free_disk_bytes).bind(8, unix_seconds(h.received_at)).run();
}

static constexpr const char* kHeartbeatColumns =
    "SELECT kiosk_id, version, uptime_s, outbox_depth, oldest_outbox_age_s, last_sync_at, free_disk_bytes, "
    "received_at FROM kiosk_heartbeats ";

static Heartbeat read_heartbeat(const Stmt& s) {
  Heartbeat h;
  h.kiosk_id = s.text(0);
  h.version = s.text(1);
  h.uptime_s = s.int64(2);
  h.outbox_depth = s.int64(3);
  h.oldest_outbox_age_s = s.int64(4);
  if (!s.is_null(5)) h.last_sync_at = from_unix_seconds(s.int64(5));
  h.free_disk_bytes = s.int64(6);
  h.received_at = from_unix_seconds(s.int64(7));
  return h;
}

std::optional<Heartbeat> find_heartbeat(Db& db, const std::string& kiosk_id) {
  Stmt s(db, std::string(kHeartbeatColumns) + "WHERE kiosk_id = ?1");
  s.bind(1, kiosk_id);
  if (!s.step()) return std::nullopt;
  return read_heartbeat(s);
}

std::vector<Heartbeat> list_heartbeats(Db& db) {
  Stmt s(db, std::string(kHeartbeatColumns) + "ORDER BY kiosk_id");
  std::vector<Heartbeat> out;
  while (s.step()) out.push_back(read_heartbeat(s));
  return out;
}

void count_duplicate(Db& db, const std::string& kiosk_id, const std::string& kind) {
  Stmt s(db,
         "INSERT INTO ingest_counters(kiosk_id, kind, duplicates_refused) VALUES(?1, ?2, 1) "
         "ON CONFLICT(kiosk_id, kind) DO UPDATE SET duplicates_refused = duplicates_refused + 1");
  s.bind(1, kiosk_id).bind(2, kind).run();
}

void count_stored(Db& db, const std::string& kiosk_id, const std::string& kind) {
  Stmt s(db,
         "INSERT INTO ingest_counters(kiosk_id, kind, stored) VALUES(?1, ?2, 1) "
         "ON CONFLICT(kiosk_id, kind) DO UPDATE SET stored = stored + 1");
  s.bind(1, kiosk_id).bind(2, kind).run();
}

std::vector<IngestRow> ingest_by_kiosk(Db& db) {
  std::map<std::string, IngestRow> rows;
  auto row = [&](const std::string& id) -> IngestRow& {
    auto& r = rows[id];
    r.kiosk_id = id;
    return r;
  };
  {
    Stmt s(db, "SELECT id FROM devices WHERE kind = 'kiosk'");
    while (s.step()) row(s.text(0));
  }
  {
    Stmt s(db, "SELECT kiosk_id, kind, stored, duplicates_refused FROM ingest_counters");
    while (s.step()) {
      auto& r = row(s.text(0));
      (s.text(1) == "rating" ? r.ratings : r.complaints) += s.int64(2);
      r.duplicates_refused += s.int64(3);
    }
  }
  std::vector<IngestRow> out;
  for (auto& [id, r] : rows) out.push_back(r);
  return out;
}

}  // namespace yeyou::store
