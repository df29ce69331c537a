#include "kiosk/data/cache_store.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <stdexcept>

#include "kiosk/data/meta_table.hpp"

namespace yeyou::kiosk {
namespace {

namespace fs = std::filesystem;
using sql::Db;
using sql::DbError;
using sql::Stmt;
using sql::Transaction;

// Numbered migrations: index i brings the schema from version i to i + 1.
const char* const kMigrations[] = {
    // 1: objects from the change feed, transport boards, key/value metadata.
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE objects(kind TEXT NOT NULL, id TEXT NOT NULL, version INTEGER NOT NULL, body TEXT NOT NULL,"
    "  PRIMARY KEY(kind, id)) WITHOUT ROWID;"
    "CREATE TABLE boards(name TEXT PRIMARY KEY, body TEXT NOT NULL, fetched_at INTEGER NOT NULL) WITHOUT ROWID;",
    // 2: when an object stops mattering (an event's end, a notice's end), so old ones can be pruned.
    "ALTER TABLE objects ADD COLUMN expires_at INTEGER;"
    "CREATE INDEX objects_expiry ON objects(expires_at) WHERE expires_at IS NOT NULL;",
};
static_assert(std::size(kMigrations) == CacheStore::kSchemaVersion);

int user_version(Db& db) {
  Stmt s(db, "PRAGMA user_version");
  return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

std::optional<std::int64_t> expiry_of(const std::string& kind, const Json& body) {
  if (!body.is_object()) return std::nullopt;
  const char* key = kind == "event" ? "end" : kind == "notice" ? "ends_at" : nullptr;
  if (!key || !body.contains(key) || !body[key].is_string()) return std::nullopt;
  if (auto t = parse_iso8601(body[key].get<std::string>())) return unix_seconds(*t);
  return std::nullopt;
}

std::optional<std::string> str(const Json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_string()) return j[key].get<std::string>();
  return std::nullopt;
}

// The field's value when it has the type the server sends, else `fallback`:
// a board is shown with what can be read, never refused for one odd field
// (nlohmann's value() throws on a wrong type, and casts an out-of-range
// number to an integer with undefined behaviour).
bool flag(const Json& j, const char* key, bool fallback = false) {
  if (j.is_object() && j.contains(key) && j[key].is_boolean()) return j[key].get<bool>();
  return fallback;
}

double number(const Json& j, const char* key) {
  if (j.is_object() && j.contains(key) && j[key].is_number()) return j[key].get<double>();
  return 0.0;
}

std::optional<std::int64_t> integer(const Json& j, const char* key) {
  if (!j.is_object() || !j.contains(key)) return std::nullopt;
  const Json& v = j[key];
  if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(INT64_MAX)) return std::nullopt;
  if (v.is_number_integer()) return v.get<std::int64_t>();
  return std::nullopt;
}

std::optional<Timestamp> time_of(const Json& j, const char* key) {
  if (auto s = str(j, key)) return parse_iso8601(*s);
  return std::nullopt;
}

LocalizedText localized(const Json& j) {
  LocalizedText t;
  if (!j.is_object()) return t;
  t.zh = str(j, "zh").value_or("");
  t.en = str(j, "en").value_or("");
  t.ko = str(j, "ko").value_or("");
  return t;
}

void log_skip(const char* what, const std::string& id, const std::exception& e) {
  std::fprintf(stderr, "yeyou-kiosk: cache: skipping %s %s: %s\n", what, id.c_str(), e.what());
}

}  // namespace

void migrate_cache(Db& db, int target) {
  for (;;) {
    Transaction tx(db);  // the version is read inside the transaction that migrates
    int v = user_version(db);
    if (v > CacheStore::kSchemaVersion)
      throw DbError("cache schema version " + std::to_string(v) + " is newer than this kiosk's", 1);
    if (v >= target) break;
    db.exec(kMigrations[v]);
    db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    tx.commit();
  }
}

SyncPageData decode_sync_page(const Json& body) {
  auto cursor = integer(body, "cursor");
  if (!cursor) throw std::runtime_error("sync: body has no integer \"cursor\"");
  SyncPageData p;
  p.cursor = *cursor;
  p.more = body.value("more", false);
  p.reset = body.value("reset", false);
  if (body.contains("settings") && body["settings"].is_object()) {
    const Json& s = body["settings"];
    auto seconds = [&](const char* key, int& out) {
      if (auto n = integer(s, key)) out = static_cast<int>(std::clamp<std::int64_t>(*n, 1, 3600));
    };
    seconds("content_poll_s", p.content_poll_s);
    seconds("live_poll_s", p.live_poll_s);
  }
  auto read = [&](const char* key, bool deleted) {
    if (!body.contains(key)) return;
    if (!body[key].is_array()) throw std::runtime_error(std::string("sync: \"") + key + "\" is not an array");
    for (const Json& c : body[key]) {
      auto version = integer(c, "version");
      if (!c.is_object() || !str(c, "kind") || !c.contains("id") || !version)
        throw std::runtime_error(std::string("sync: malformed entry in \"") + key + "\"");
      SyncChange ch;
      ch.kind = *str(c, "kind");
      ch.id = c["id"].is_string() ? c["id"].get<std::string>() : c["id"].dump();
      ch.version = *version;
      ch.deleted = deleted;
      if (!deleted) ch.body = c.value("body", Json());
      p.changes.push_back(std::move(ch));
    }
  };
  read("deletes", true);
  read("upserts", false);
  return p;
}

std::vector<DepartureItem> decode_departures(const Json& body) {
  std::vector<DepartureItem> out;
  if (!body.is_object() || !body.contains("stops") || !body["stops"].is_array()) return out;
  for (const Json& stop : body["stops"]) {
    if (!stop.is_object() || !stop.contains("departures") || !stop["departures"].is_array()) continue;
    std::string stop_name = stop.contains("stop") ? str(stop["stop"], "name").value_or("") : "";
    for (const Json& d : stop["departures"]) {
      auto at = time_of(d, "departs_at");
      if (!at) continue;
      DepartureItem item;
      item.route_id = str(d, "route_id").value_or("");
      item.route_name = str(d, "route_name").value_or("");
      item.headsign = str(d, "headsign").value_or("");
      item.stop_id = str(d, "stop_id").value_or("");
      item.stop_name = stop_name;
      item.departs_at = *at;
      item.last_of_day = flag(d, "last_of_day");
      out.push_back(std::move(item));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.departs_at < b.departs_at; });
  return out;
}

std::vector<CarParkItem> decode_car_parks(const Json& body) {
  std::vector<CarParkItem> out;
  if (!body.is_object() || !body.contains("car_parks") || !body["car_parks"].is_array()) return out;
  for (const Json& p : body["car_parks"]) {
    if (!p.is_object() || !p.contains("id")) continue;
    CarParkItem item;
    item.id = p["id"].is_string() ? p["id"].get<std::string>() : p["id"].dump();
    item.name = localized(p.value("name", Json::object()));
    item.lat = number(p, "lat");
    item.lon = number(p, "lon");
    item.capacity = integer(p, "capacity").value_or(0);
    item.free_spaces = integer(p, "free_spaces");
    item.spaces_at = time_of(p, "spaces_taken_at");
    if (p.contains("fee") && p["fee"].is_object()) {
      const Json& fee = p["fee"];
      item.free_now = flag(fee, "free_now");
      item.free_from = str(fee, "free_from_hhmm");
      item.free_until = str(fee, "free_until_hhmm");
      if (flag(fee, "known") && !item.free_now) item.price_now_cents = integer(fee, "price_now_cents_per_hour");
      item.summary = localized(fee.value("summary", Json::object()));
    }
    out.push_back(std::move(item));
  }
  return out;
}

CacheStore::CacheStore(const std::string& path) : path_(path) { open_or_recreate(path); }

void CacheStore::open_or_recreate(const std::string& path) {
  bool existed = fs::exists(path);
  try {
    db_ = std::make_unique<Db>(path, sql::Sync::normal);
    {
      Stmt s(*db_, "PRAGMA quick_check");
      std::string r = s.step() ? s.text(0) : "";
      if (r != "ok") throw DbError("quick_check: " + r, 11);
    }
    migrate_cache(*db_);
    if (!existed) {
      recreated_ = true;
      recreate_reason_ = "no cache yet";
    }
    return;
  } catch (const DbError& e) {
    recreate_reason_ = e.what();
  }
  db_.reset();
  std::fprintf(stderr, "yeyou-kiosk: cache %s unusable (%s): recreating it and syncing from zero\n", path.c_str(),
               recreate_reason_.c_str());
  std::error_code ec;
  fs::rename(path, path + ".corrupt", ec);
  if (ec) fs::remove(path, ec);
  fs::remove(path + "-wal", ec);
  fs::remove(path + "-shm", ec);
  db_ = std::make_unique<Db>(path, sql::Sync::normal);
  migrate_cache(*db_);
  recreated_ = true;
}

int CacheStore::schema_version() { return user_version(*db_); }

void CacheStore::apply_page(const SyncPageData& page, bool live, Timestamp now) {
  Transaction tx(*db_);
  if (page.reset) {
    db_->exec("DELETE FROM objects");
    db_->exec("DELETE FROM meta WHERE key IN ('cursor', 'live_cursor')");
  }
  for (const auto& c : page.changes) {
    if (c.deleted) {
      Stmt(*db_, "DELETE FROM objects WHERE kind = ?1 AND id = ?2 AND version <= ?3")
          .bind(1, c.kind)
          .bind(2, c.id)
          .bind(3, c.version)
          .run();
    } else {
      Stmt s(*db_,
             "INSERT INTO objects(kind, id, version, body, expires_at) VALUES(?1, ?2, ?3, ?4, ?5) "
             "ON CONFLICT(kind, id) DO UPDATE SET version = excluded.version, body = excluded.body, "
             "expires_at = excluded.expires_at WHERE excluded.version >= objects.version");
      s.bind(1, c.kind).bind(2, c.id).bind(3, c.version).bind(4, c.body.dump()).bind(5, expiry_of(c.kind, c.body));
      s.run();
    }
  }
  // Keep the cache small: events that ended two days ago and notices that ended are gone for good.
  Stmt(*db_, "DELETE FROM objects WHERE expires_at IS NOT NULL AND expires_at < ?1")
      .bind(1, unix_seconds(now) - 2 * 24 * 3600)
      .run();
  const char* key = live ? "live_cursor" : "cursor";
  Stmt(*db_, "INSERT INTO meta(key, value) VALUES(?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, key)
      .bind(2, std::to_string(page.cursor))
      .run();
  if (page.reset && !live) {
    Stmt(*db_, "INSERT INTO meta(key, value) VALUES('live_cursor', ?1) ON CONFLICT(key) DO UPDATE SET value = ?1")
        .bind(1, std::to_string(page.cursor))
        .run();
  }
  Stmt(*db_,
       "INSERT INTO meta(key, value) VALUES('last_sync_at', ?1) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .bind(1, std::to_string(unix_seconds(now)))
      .run();
  tx.commit();
}

void CacheStore::store_board(const std::string& name, const Json& body, Timestamp fetched_at) {
  Stmt(*db_,
       "INSERT INTO boards(name, body, fetched_at) VALUES(?1, ?2, ?3) ON CONFLICT(name) DO UPDATE SET "
       "body = excluded.body, fetched_at = excluded.fetched_at")
      .bind(1, name)
      .bind(2, body.dump())
      .bind(3, unix_seconds(fetched_at))
      .run();
}

void CacheStore::touch_sync(Timestamp now) { set_meta("last_sync_at", std::to_string(unix_seconds(now))); }

std::optional<std::string> CacheStore::meta(const std::string& key) { return read_meta(*db_, key); }

void CacheStore::set_meta(const std::string& key, const std::string& value) { write_meta(*db_, key, value); }

std::int64_t CacheStore::cursor() {
  auto v = meta("cursor");
  return v ? std::stoll(*v) : 0;
}

std::int64_t CacheStore::live_cursor() {
  auto v = meta("live_cursor");
  return v ? std::stoll(*v) : 0;
}

std::optional<Timestamp> CacheStore::last_sync_at() {
  auto v = meta("last_sync_at");
  if (!v) return std::nullopt;
  return from_unix_seconds(std::stoll(*v));
}

CachedContent CacheStore::load(Timestamp now) {
  CachedContent out;
  out.cursor = cursor();
  out.live_cursor = live_cursor();
  out.last_sync_at = last_sync_at();
  std::map<std::int64_t, std::pair<OccupancyReading, std::optional<CrowdLevel>>> occupancy;
  std::vector<Venue> venues;
  Stmt s(*db_, "SELECT kind, id, body FROM objects ORDER BY kind, id");
  while (s.step()) {
    ++out.objects;
    std::string kind = s.text(0), id = s.text(1);
    Json body = Json::parse(s.text(2), nullptr, false);
    try {
      if (body.is_discarded()) throw std::runtime_error("body is not JSON");
      if (kind == "venue") {
        venues.push_back(venue_from_json(body));
      } else if (kind == "district") {
        out.venues.districts.push_back(district_from_json(body));
      } else if (kind == "event") {
        Event e = event_from_json(body, true, /*allow_fallback=*/true);
        if (e.end + std::chrono::hours{24} >= now) out.events.push_back(std::move(e));
      } else if (kind == "occupancy") {
        std::optional<CrowdLevel> level;
        if (auto l = str(body, "level")) level = enum_from<CrowdLevel>(*l);
        body.erase("clamped");
        auto r = occupancy_from_json(body);
        occupancy[r.venue_id] = {r, level};
      } else if (kind == "notice") {
        Notice n = notice_from_json(body, now, /*require_id=*/true);
        n.issued_by = str(body, "issued_by").value_or("");
        if (n.ends_at > now) out.notices.push_back(std::move(n));
      }
    } catch (const std::exception& e) {
      log_skip(kind.c_str(), id, e);
      ++out.skipped;
    }
  }
  std::sort(venues.begin(), venues.end(), [](const Venue& a, const Venue& b) { return a.id < b.id; });
  for (auto& v : venues) {
    VenueWithOccupancy item;
    if (auto it = occupancy.find(v.id); it != occupancy.end()) {
      item.occupancy = it->second.first;
      item.level = it->second.second;
    }
    item.venue = std::move(v);
    out.venues.venues.push_back(std::move(item));
  }
  std::sort(out.events.begin(), out.events.end(),
            [](const Event& a, const Event& b) { return std::tie(a.start, a.id) < std::tie(b.start, b.id); });
  std::sort(out.notices.begin(), out.notices.end(), [](const Notice& a, const Notice& b) {
    return std::tuple(static_cast<int>(b.severity), b.starts_at, a.id) <
           std::tuple(static_cast<int>(a.severity), a.starts_at, b.id);
  });
  Stmt b(*db_, "SELECT name, body, fetched_at FROM boards");
  while (b.step()) {
    std::string name = b.text(0);
    Json body = Json::parse(b.text(1), nullptr, false);
    if (body.is_discarded()) continue;
    Timestamp at = from_unix_seconds(b.int64(2));
    if (name == "departures") out.departures = decode_departures(body);
    else if (name == "parking") out.car_parks = decode_car_parks(body);
    else continue;
    if (!out.transport_fetched_at || at > *out.transport_fetched_at) out.transport_fetched_at = at;
  }
  return out;
}

}  // namespace yeyou::kiosk
