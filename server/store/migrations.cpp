#include "server/store/migrations.hpp"

#include <string>

namespace yeyou::store {

// Append new migrations at the end; never edit one that has shipped.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "content and ratings", R"SQL(
CREATE TABLE districts (
  id TEXT PRIMARY KEY,
  name_json TEXT NOT NULL
);
CREATE TABLE venues (
  id INTEGER PRIMARY KEY,
  district TEXT NOT NULL REFERENCES districts(id),
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  body TEXT NOT NULL,               -- the venue's JSON (core::to_json)
  updated_at INTEGER NOT NULL
);
CREATE INDEX venues_district ON venues(district);
CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  venue_id INTEGER NOT NULL REFERENCES venues(id),
  start_at INTEGER NOT NULL,        -- UTC seconds
  end_at INTEGER NOT NULL CHECK (end_at > start_at),
  status TEXT NOT NULL,
  body TEXT NOT NULL,               -- the event's JSON (core::to_json)
  updated_at INTEGER NOT NULL
);
CREATE INDEX events_start ON events(start_at);
CREATE INDEX events_venue ON events(venue_id, start_at);
CREATE TABLE occupancy_readings (
  id INTEGER PRIMARY KEY,
  venue_id INTEGER NOT NULL REFERENCES venues(id),
  count INTEGER NOT NULL CHECK (count >= 0),
  capacity INTEGER NOT NULL,
  taken_at INTEGER NOT NULL,
  source TEXT NOT NULL
);
CREATE INDEX occupancy_venue_time ON occupancy_readings(venue_id, taken_at);
CREATE TABLE ratings (
  id TEXT PRIMARY KEY,              -- the kiosk's UUID, the idempotency key
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  is_bad INTEGER NOT NULL,
  channel TEXT NOT NULL,
  created_at INTEGER NOT NULL,      -- the kiosk's clock
  received_at INTEGER NOT NULL,     -- the server's clock
  body TEXT NOT NULL,               -- the rating's JSON without contact
  contact_json TEXT,                -- kept apart so it can be protected separately
  payload_hash TEXT NOT NULL
);
CREATE INDEX ratings_subject ON ratings(subject_kind, subject_id, created_at);
CREATE INDEX ratings_received ON ratings(received_at);
)SQL"},
  };
  return all;
}

int schema_version(Db& db) {
  Stmt s(db, "PRAGMA user_version");
  s.step();
  return static_cast<int>(s.int64(0));
}

int migrate(Db& db) {
  int current = schema_version(db);
  const auto& all = migrations();
  int latest = all.empty() ? 0 : all.back().version;
  if (current > latest)
    throw DbError("database schema version " + std::to_string(current) + " is newer than this build (" +
                      std::to_string(latest) + ")",
                  1);
  int applied = 0;
  for (const auto& m : all) {
    if (m.version <= current) continue;
    Transaction tx(db);
    // Re-check inside the write lock: another process may have migrated meanwhile.
    if (schema_version(db) >= m.version) continue;
    db.exec(m.sql);
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
    ++applied;
  }
  return applied;
}

}  // namespace yeyou::store
