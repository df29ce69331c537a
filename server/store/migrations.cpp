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
      {2, "accounts, devices, audit log, change feed, notices, occupancy history", R"SQL(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'bureau', 'venue_staff')),
  password_hash TEXT NOT NULL,      -- libsodium crypto_pwhash_str (Argon2id)
  created_at INTEGER NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE user_venues (
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  venue_id INTEGER NOT NULL REFERENCES venues(id),
  PRIMARY KEY (user_id, venue_id)
);
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,      -- SHA-256 of the bearer token; the token itself is never stored
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  ended_at INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);
CREATE TABLE devices (
  id TEXT PRIMARY KEY,              -- e.g. "kiosk-3", "counter-7"
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'counter')),
  name TEXT NOT NULL,
  district TEXT REFERENCES districts(id),
  venue_id INTEGER REFERENCES venues(id),
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,              -- "user:3:alice", "device:counter-7", "system"
  action TEXT NOT NULL,
  object_kind TEXT NOT NULL,
  object_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT,
  note TEXT
);
CREATE INDEX audit_object ON audit_log(object_kind, object_id, id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
-- The change feed: one row per object holding its latest state. Every content
-- write replaces the object's row, which takes the next version, so
-- "everything since N" is one range scan of the primary key.
CREATE TABLE change_log (
  version INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL,
  object_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
  body TEXT,
  changed_at INTEGER NOT NULL,
  UNIQUE (kind, object_id)
);
CREATE TABLE notices (
  id INTEGER PRIMARY KEY,
  severity TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'emergency')),
  target_kind TEXT NOT NULL CHECK (target_kind IN ('all', 'district', 'venue')),
  target_id TEXT,
  body TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX notices_active ON notices(ends_at);
ALTER TABLE occupancy_readings ADD COLUMN clamped INTEGER NOT NULL DEFAULT 0;
ALTER TABLE occupancy_readings ADD COLUMN actor TEXT;
CREATE TABLE occupancy_hourly (
  venue_id INTEGER NOT NULL REFERENCES venues(id),
  hour_start INTEGER NOT NULL,      -- UTC seconds of the local hour's start
  hour_of_week INTEGER NOT NULL CHECK (hour_of_week BETWEEN 0 AND 167),  -- Monday 00:00 local = 0
  samples INTEGER NOT NULL,
  sum_count INTEGER NOT NULL,
  max_count INTEGER NOT NULL,
  PRIMARY KEY (venue_id, hour_start)
);
CREATE INDEX occupancy_hourly_week ON occupancy_hourly(venue_id, hour_of_week);
CREATE TABLE counter_readings (
  counter_id TEXT NOT NULL REFERENCES devices(id),
  seq INTEGER NOT NULL,
  entered INTEGER NOT NULL,
  exited INTEGER NOT NULL,
  taken_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (counter_id, seq)
);
CREATE TABLE venue_alerts (
  id INTEGER PRIMARY KEY,
  venue_id INTEGER NOT NULL REFERENCES venues(id),
  level TEXT NOT NULL,
  count INTEGER NOT NULL,
  capacity INTEGER NOT NULL,
  raised_at INTEGER NOT NULL,
  notice_id INTEGER REFERENCES notices(id)
);
CREATE TABLE event_series (
  id INTEGER PRIMARY KEY,
  venue_id INTEGER NOT NULL REFERENCES venues(id),
  rule TEXT NOT NULL,               -- the recurrence rule's JSON
  created_at INTEGER NOT NULL
);
ALTER TABLE events ADD COLUMN series_id INTEGER REFERENCES event_series(id);
)SQL"},
      {3, "transport: GTFS departures, kiosk stops, car parks, iCalendar imports", R"SQL(
-- The current GTFS feed; an import replaces every transit_* row in one transaction.
CREATE TABLE transit_feed (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  agency_name TEXT NOT NULL,
  timezone TEXT NOT NULL,           -- IANA zone of the agencies
  source TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  first_date INTEGER NOT NULL,      -- yyyymmdd
  last_date INTEGER NOT NULL,
  max_departure_secs INTEGER NOT NULL,
  stops INTEGER NOT NULL,
  routes INTEGER NOT NULL,
  trips INTEGER NOT NULL,
  stop_times INTEGER NOT NULL,
  departures INTEGER NOT NULL
);
CREATE TABLE transit_stops (
  stop_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  lat REAL NOT NULL,
  lon REAL NOT NULL,
  location_type INTEGER NOT NULL,
  parent_station TEXT
) WITHOUT ROWID;
CREATE INDEX transit_stops_parent ON transit_stops(parent_station);
CREATE TABLE transit_routes (
  route_id TEXT PRIMARY KEY,
  short_name TEXT NOT NULL,
  long_name TEXT NOT NULL,
  route_type INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE transit_calendar (
  service_id TEXT PRIMARY KEY,
  weekdays INTEGER NOT NULL,        -- bit 0 = Monday .. bit 6 = Sunday
  start_date INTEGER NOT NULL,      -- yyyymmdd, inclusive
  end_date INTEGER NOT NULL
) WITHOUT ROWID;
CREATE TABLE transit_calendar_dates (
  service_date INTEGER NOT NULL,    -- yyyymmdd
  service_id TEXT NOT NULL,
  added INTEGER NOT NULL,           -- 1 adds the date, 0 removes it
  PRIMARY KEY (service_date, service_id)
) WITHOUT ROWID;
-- Boardable departures only (no pickup_type=1, no last stops), frequencies
-- expanded; the key serves "next departures at a stop for a service" as one range scan.
CREATE TABLE transit_departures (
  stop_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  departure_secs INTEGER NOT NULL,  -- since noon minus 12 h of the service day; may exceed 86400
  trip_id TEXT NOT NULL,
  stop_sequence INTEGER NOT NULL,
  route_id TEXT NOT NULL,
  headsign TEXT NOT NULL,
  PRIMARY KEY (stop_id, service_id, departure_secs, trip_id, stop_sequence)
) WITHOUT ROWID;
CREATE TABLE transit_last_departures (
  stop_id TEXT NOT NULL,
  route_id TEXT NOT NULL,
  service_id TEXT NOT NULL,
  departure_secs INTEGER NOT NULL,
  PRIMARY KEY (stop_id, route_id, service_id)
) WITHOUT ROWID;
CREATE TABLE kiosk_stops (
  kiosk_id TEXT NOT NULL,
  stop_id TEXT NOT NULL,            -- may name a parent station; kept across feed imports
  position INTEGER NOT NULL,
  PRIMARY KEY (kiosk_id, stop_id)
);
CREATE TABLE car_parks (
  id INTEGER PRIMARY KEY,
  body TEXT NOT NULL,               -- the car park's JSON (core::to_json): name, address, location, fee rules
  capacity INTEGER NOT NULL CHECK (capacity > 0),
  free_spaces INTEGER CHECK (free_spaces BETWEEN 0 AND capacity),
  spaces_taken_at INTEGER,
  spaces_source TEXT,                -- 'staff' or 'counter'
  counter_seq INTEGER,              -- the counter device's last applied sequence number
  updated_at INTEGER NOT NULL
);
-- Which events an iCalendar UID (and occurrence) became, so re-imports update them.
CREATE TABLE ics_event_map (
  venue_id INTEGER NOT NULL REFERENCES venues(id),
  uid TEXT NOT NULL,
  occurrence_at INTEGER NOT NULL,   -- UTC seconds of the occurrence's original start (RECURRENCE-ID)
  event_id INTEGER NOT NULL REFERENCES events(id),
  PRIMARY KEY (venue_id, uid, occurrence_at)
);
)SQL"},
      {4, "kiosk sync: complaints, kiosk ids on ratings, heartbeats, ingest counters", R"SQL(
-- Ratings and complaints keep their idempotency keys (id) forever: rows are
-- never deleted, so a retry after any delay gets the stored answer.
ALTER TABLE ratings ADD COLUMN kiosk_id TEXT;   -- the sending kiosk; NULL for rows from before kiosk auth
CREATE INDEX ratings_kiosk ON ratings(kiosk_id);
CREATE TABLE complaints (
  id TEXT PRIMARY KEY,              -- the kiosk's UUID, the idempotency key
  tracking_no TEXT NOT NULL UNIQUE, -- assigned on the kiosk, unique fleet-wide
  kiosk_id TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  category TEXT NOT NULL,
  created_at INTEGER NOT NULL,      -- the kiosk's clock
  received_at INTEGER NOT NULL,     -- the server's clock
  body TEXT NOT NULL,               -- the complaint's JSON without contact
  contact_json TEXT,                -- kept apart so it can be protected separately
  payload_hash TEXT NOT NULL
);
CREATE INDEX complaints_kiosk ON complaints(kiosk_id);
CREATE INDEX complaints_received ON complaints(received_at);
-- The latest heartbeat of each kiosk, with the server's receive time.
CREATE TABLE kiosk_heartbeats (
  kiosk_id TEXT PRIMARY KEY REFERENCES devices(id),
  version TEXT NOT NULL,
  uptime_s INTEGER NOT NULL,
  outbox_depth INTEGER NOT NULL,
  oldest_outbox_age_s INTEGER NOT NULL,
  last_sync_at INTEGER,             -- the kiosk's clock; NULL before its first sync
  free_disk_bytes INTEGER NOT NULL,
  received_at INTEGER NOT NULL      -- the server's clock
);
-- Duplicates refused per kiosk: retries answered from the stored row and 409s.
CREATE TABLE ingest_counters (
  kiosk_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('rating', 'complaint')),
  duplicates_refused INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (kiosk_id, kind)
);
)SQL"},
      {5, "cases, steps, rectification ledger, notifications, rating review flags", R"SQL(
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('bad_review', 'complaint')),
  rating_id TEXT UNIQUE REFERENCES ratings(id),
  complaint_id TEXT UNIQUE REFERENCES complaints(id),
  tracking_no TEXT UNIQUE,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  venue_id INTEGER REFERENCES venues(id),
  district TEXT,
  unit TEXT NOT NULL,                -- "venue:<id>" or "bureau"
  state TEXT NOT NULL,
  named INTEGER NOT NULL,            -- the evaluator left a phone number
  level INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL,
  callback_due INTEGER NOT NULL,
  rectify_due INTEGER,
  close_due INTEGER,
  paused_since INTEGER,
  paused_seconds INTEGER NOT NULL DEFAULT 0,
  callback_reached INTEGER NOT NULL DEFAULT 0,
  first_callback_at INTEGER,
  resolved_at INTEGER,
  feedback_at INTEGER,
  closed_at INTEGER,
  reopened INTEGER NOT NULL DEFAULT 0,
  escalated INTEGER NOT NULL DEFAULT 0,
  appeal TEXT CHECK (appeal IN ('pending', 'upheld', 'rejected')),
  evaluation TEXT CHECK (evaluation IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  outcome TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
CREATE INDEX cases_unit_state ON cases(unit, state, received_at);
CREATE INDEX cases_state_received ON cases(state, received_at);
CREATE INDEX cases_district_received ON cases(district, received_at);
CREATE TABLE case_steps (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  details TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_steps_case ON case_steps(case_id, id);
CREATE TABLE rectification_ledger (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  opened_at INTEGER NOT NULL,
  due_at INTEGER NOT NULL,
  plan TEXT NOT NULL,
  done_at INTEGER
);
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  unit TEXT NOT NULL,
  case_id INTEGER REFERENCES cases(id),
  at INTEGER NOT NULL,
  kind TEXT NOT NULL,
  text TEXT NOT NULL,
  read_at INTEGER
);
CREATE INDEX notifications_unit ON notifications(unit, read_at, id);
-- Statistics slices, filled at ingest: the venue and district a rating is
-- about, its local month and hour of the week; review flags.
ALTER TABLE ratings ADD COLUMN venue_id INTEGER;
ALTER TABLE ratings ADD COLUMN district TEXT;
ALTER TABLE ratings ADD COLUMN month TEXT;            -- "YYYY-MM", local time of creation
ALTER TABLE ratings ADD COLUMN hour_of_week INTEGER;  -- Monday 00:00 local = 0
ALTER TABLE ratings ADD COLUMN suspect INTEGER NOT NULL DEFAULT 0;   -- burst beyond human speed
ALTER TABLE ratings ADD COLUMN excluded INTEGER NOT NULL DEFAULT 0;  -- appeal upheld or reviewed abusive
ALTER TABLE ratings ADD COLUMN reasons TEXT NOT NULL DEFAULT '';     -- comma-separated reason codes
CREATE INDEX ratings_burst ON ratings(kiosk_id, subject_kind, subject_id, received_at);
CREATE INDEX ratings_suspect ON ratings(received_at) WHERE suspect = 1 AND excluded = 0;
-- Statistics read the rollup below, so ratings keep only the indexes ingest
-- and review need (each index costs every insert).
DROP INDEX ratings_subject;
DROP INDEX ratings_received;
DROP INDEX ratings_kiosk;  -- ratings_burst starts with kiosk_id
-- Rating counts rolled up at ingest so statistics never scan ratings: one row
-- per (month, venue, district, subject kind, hour of week, level, reasons,
-- bucket), bucket = counted | suspect | excluded.
CREATE TABLE rating_rollup (
  month TEXT NOT NULL,
  district TEXT NOT NULL DEFAULT '',
  venue_id INTEGER NOT NULL DEFAULT 0,
  subject_kind TEXT NOT NULL,
  hour_of_week INTEGER NOT NULL,
  level INTEGER NOT NULL,
  reasons TEXT NOT NULL,
  bucket TEXT NOT NULL CHECK (bucket IN ('counted', 'suspect', 'excluded')),
  n INTEGER NOT NULL,
  PRIMARY KEY (month, district, venue_id, subject_kind, hour_of_week, level, reasons, bucket)
) WITHOUT ROWID;
CREATE INDEX rating_rollup_venue ON rating_rollup(month, venue_id);
)SQL"},
      {6, "phone rating links (补充评价): one-time tokens a kiosk hands over as a QR code", R"SQL(
CREATE TABLE rating_links (
  token_hash TEXT PRIMARY KEY,       -- SHA-256 of the token; the token itself is never stored
  kiosk_id TEXT NOT NULL,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  rating_id TEXT
);
CREATE INDEX rating_links_kiosk ON rating_links(kiosk_id, created_at);
)SQL"},
      {7, "ingest: burst counts kept in memory, per-kiosk counts of what was stored", R"SQL(
-- The writer counts each kiosk's recent ratings per subject in memory
-- (services/burst_window.hpp), so ratings no longer need an index for it (one
-- more page written per rating). What each kiosk sent is counted here instead.
ALTER TABLE ingest_counters ADD COLUMN stored INTEGER NOT NULL DEFAULT 0;
INSERT INTO ingest_counters(kiosk_id, kind, stored)
  SELECT kiosk_id, 'rating', count(*) FROM ratings WHERE kiosk_id IS NOT NULL GROUP BY kiosk_id
  ON CONFLICT(kiosk_id, kind) DO UPDATE SET stored = excluded.stored;
INSERT INTO ingest_counters(kiosk_id, kind, stored)
  SELECT kiosk_id, 'complaint', count(*) FROM complaints WHERE true GROUP BY kiosk_id
  ON CONFLICT(kiosk_id, kind) DO UPDATE SET stored = excluded.stored;
DROP INDEX ratings_burst;
)SQL"},
      {8, "cases: rating, complaint and tracking number unique where present, not indexed when NULL", R"SQL(
-- A bad review's case has no complaint id or tracking number and a
-- complaint's has no rating id; the UNIQUE columns indexed those NULLs too (two
-- index entries, two pages written, per case). Partial unique indexes keep the
-- uniqueness without them. SQLite cannot drop a column constraint: the table
-- is rebuilt (with foreign keys off, see rebuilds_tables()).
CREATE TABLE cases_new (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('bad_review', 'complaint')),
  rating_id TEXT REFERENCES ratings(id),
  complaint_id TEXT REFERENCES complaints(id),
  tracking_no TEXT,
  subject_kind TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  venue_id INTEGER REFERENCES venues(id),
  district TEXT,
  unit TEXT NOT NULL,                -- "venue:<id>" or "bureau"
  state TEXT NOT NULL,
  named INTEGER NOT NULL,            -- the evaluator left a phone number
  level INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL,
  callback_due INTEGER NOT NULL,
  rectify_due INTEGER,
  close_due INTEGER,
  paused_since INTEGER,
  paused_seconds INTEGER NOT NULL DEFAULT 0,
  callback_reached INTEGER NOT NULL DEFAULT 0,
  first_callback_at INTEGER,
  resolved_at INTEGER,
  feedback_at INTEGER,
  closed_at INTEGER,
  reopened INTEGER NOT NULL DEFAULT 0,
  escalated INTEGER NOT NULL DEFAULT 0,
  appeal TEXT CHECK (appeal IN ('pending', 'upheld', 'rejected')),
  evaluation TEXT CHECK (evaluation IN ('satisfied', 'basically_satisfied', 'dissatisfied')),
  outcome TEXT NOT NULL DEFAULT '',
  updated_at INTEGER NOT NULL
);
INSERT INTO cases_new SELECT * FROM cases;
DROP TABLE cases;
ALTER TABLE cases_new RENAME TO cases;
CREATE UNIQUE INDEX cases_rating ON cases(rating_id) WHERE rating_id IS NOT NULL;
CREATE UNIQUE INDEX cases_complaint ON cases(complaint_id) WHERE complaint_id IS NOT NULL;
CREATE UNIQUE INDEX cases_tracking_no ON cases(tracking_no) WHERE tracking_no IS NOT NULL;
CREATE INDEX cases_unit_state ON cases(unit, state, received_at);
CREATE INDEX cases_state_received ON cases(state, received_at);
CREATE INDEX cases_district_received ON cases(district, received_at);
)SQL"},
      {9, "health checks: one row the server rewrites to learn that the database can write", R"SQL(
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  probed_at INTEGER NOT NULL,       -- UTC seconds of the last successful probe
  probes INTEGER NOT NULL           -- counts up, so that every probe changes the row
);
INSERT INTO health_probe(id, probed_at, probes) VALUES (1, 0, 0);
)SQL"},
  };
  return all;
}

bool rebuilds_tables(int version) { return version == 8; }

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
    // SQLite's procedure for rebuilding a table that others reference: foreign
    // keys off (outside the transaction: inside it the pragma does nothing),
    // rebuild, check every reference, commit, foreign keys back on.
    struct ForeignKeysOff {
      Db& db;
      bool active;  // false: the migration runs with foreign keys on, as usual
      ForeignKeysOff(Db& d, bool turn_off) : db(d), active(turn_off) {
        if (active) db.exec("PRAGMA foreign_keys = OFF");
      }
      ~ForeignKeysOff() {
        try {
          if (active) db.exec("PRAGMA foreign_keys = ON");
        } catch (...) {
          // Only fails on a broken connection, which then reports its own error.
        }
      }
    } fk_off(db, rebuilds_tables(m.version));
    Transaction tx(db);
    // Re-check inside the write lock: another process may have migrated meanwhile.
    if (schema_version(db) >= m.version) continue;
    db.exec(m.sql);
    if (fk_off.active) {
      Stmt check(db, "PRAGMA foreign_key_check");
      if (check.step())
        throw DbError("migration " + std::to_string(m.version) + " would break a foreign key of table " +
                          check.text(0) + "; nothing was changed",
                      1);
    }
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
    tx.commit();
    ++applied;
  }
  return applied;
}

}  // namespace yeyou::store
