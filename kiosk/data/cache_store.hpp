#pragma once
// CacheStore: the kiosk's local content cache (<data_dir>/cache.db, SQLite,
// WAL, synchronous=NORMAL: it can always be rebuilt from the server).
//
// Holds the change-feed objects (venue, event, district, occupancy, notice)
// as the server's JSON bodies, the transport boards (departures, parking),
// the content and live cursors and the last successful sync time. A missing,
// corrupt or too-new file is moved aside and recreated empty (cursor 0), so
// the next sync starts from scratch; the outbox lives in another file and is
// never touched by this.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/data/api_client.hpp"
#include "kiosk/data/kiosk_feed.hpp"
#include "kiosk/data/sqlite_db.hpp"

namespace yeyou::kiosk {

// One object from a /sync or /sync/live page.
struct SyncChange {
  std::string kind;  // venue, event, district, occupancy, notice
  std::string id;
  std::int64_t version = 0;
  bool deleted = false;
  Json body;  // null for deletes
};

struct SyncPageData {
  std::int64_t cursor = 0;
  bool more = false;
  bool reset = false;  // the server answered from 0: drop everything cached first
  std::vector<SyncChange> changes;
  int content_poll_s = 30;
  int live_poll_s = 5;
};

// Decodes a 200 body of /sync or /sync/live; throws std::runtime_error on a wrong shape.
SyncPageData decode_sync_page(const Json& body);
// Decoders of the transport boards (bad items are skipped).
std::vector<DepartureItem> decode_departures(const Json& body);
std::vector<CarParkItem> decode_car_parks(const Json& body);

// Everything the cache holds, decoded for the view-model.
struct CachedContent {
  VenuesPayload venues;
  std::vector<Event> events;
  std::vector<Notice> notices;  // all cached notices (active or not); most severe first
  std::vector<DepartureItem> departures;
  std::vector<CarParkItem> car_parks;
  std::optional<Timestamp> transport_fetched_at;
  std::optional<Timestamp> last_sync_at;
  std::int64_t cursor = 0;
  std::int64_t live_cursor = 0;
  std::size_t objects = 0;  // rows in the object table
  std::size_t skipped = 0;  // cached bodies that failed to decode
};

class CacheStore {
 public:
  static constexpr int kSchemaVersion = 2;

  // Opens (creating, migrating or recreating) the cache at `path`.
  explicit CacheStore(const std::string& path);

  // True when the file was missing, unreadable or corrupt and was recreated.
  bool recreated() const { return recreated_; }
  const std::string& recreate_reason() const { return recreate_reason_; }
  int schema_version();

  // Applies one page in one transaction: deletes, upserts (a version older
  // than the cached one is ignored), the cursor (content or live) and, for a
  // content page, the sync time. A `reset` page drops all objects first.
  void apply_page(const SyncPageData& page, bool live, Timestamp now);
  // Stores a transport board ("departures" or "parking") as fetched.
  void store_board(const std::string& name, const Json& body, Timestamp fetched_at);
  // Records a successful sync cycle that brought nothing new (a 304).
  void touch_sync(Timestamp now);

  std::int64_t cursor();
  std::int64_t live_cursor();
  std::optional<Timestamp> last_sync_at();
  std::optional<std::string> meta(const std::string& key);
  void set_meta(const std::string& key, const std::string& value);

  // Decodes everything; events that ended more than a day before `now` and
  // expired notices are left out.
  CachedContent load(Timestamp now);

  sql::Db& db() { return *db_; }

 private:
  void open_or_recreate(const std::string& path);
  std::string path_;
  std::unique_ptr<sql::Db> db_;
  bool recreated_ = false;
  std::string recreate_reason_;
};

// Applies the cache migrations up to `target` (exposed for the migration test).
void migrate_cache(sql::Db& db, int target = CacheStore::kSchemaVersion);

}  // namespace yeyou::kiosk
