#include "server/store/parking_store.hpp"

namespace yeyou::store {

namespace {

std::int64_t secs_of(Timestamp t) { return t.time_since_epoch().count(); }

CarParkRecord record_from_row(Stmt& s) {
  CarParkRecord r;
  r.park = car_park_from_json(Json::parse(s.text(0)));
  if (!s.is_null(1)) r.free_spaces = s.int64(1);
  if (!s.is_null(2)) r.spaces_taken_at = Timestamp{std::chrono::seconds{s.int64(2)}};
  r.spaces_source = s.text(3);
  if (!s.is_null(4)) r.counter_seq = s.int64(4);
  return r;
}

constexpr const char* kSelect =
    "SELECT body, free_spaces, spaces_taken_at, spaces_source, counter_seq FROM car_parks ";

}  // namespace

std::int64_t next_car_park_id(Db& db) {
  Stmt s(db, "SELECT coalesce(max(id), 0) + 1 FROM car_parks");
  s.step();
  return s.int64(0);
}

void upsert_car_park(Db& db, const CarPark& p, Timestamp now) {
  Stmt s(db,
         "INSERT INTO car_parks(id, body, capacity, updated_at) VALUES(?1, ?2, ?3, ?4) "
         "ON CONFLICT(id) DO UPDATE SET body = excluded.body, capacity = excluded.capacity, "
         "free_spaces = min(free_spaces, excluded.capacity), updated_at = excluded.updated_at");
  s.bind(1, p.id).bind(2, to_json(p).dump()).bind(3, p.capacity).bind(4, secs_of(now)).run();
}

std::optional<CarParkRecord> find_car_park(Db& db, std::int64_t id) {
  Stmt s(db, std::string(kSelect) + "WHERE id = ?1");
  s.bind(1, id);
  if (!s.step()) return std::nullopt;
  return record_from_row(s);
}

std::vector<CarParkRecord> list_car_parks(Db& db) {
  Stmt s(db, std::string(kSelect) + "ORDER BY id");
  std::vector<CarParkRecord> out;
  while (s.step()) out.push_back(record_from_row(s));
  return out;
}

void set_free_spaces(Db& db, std::int64_t id, std::int64_t free_spaces, Timestamp taken_at, const std::string& source,
                     std::optional<std::int64_t> counter_seq) {
  Stmt s(db,
         "UPDATE car_parks SET free_spaces = ?2, spaces_taken_at = ?3, spaces_source = ?4, "
         "counter_seq = coalesce(?5, counter_seq) WHERE id = ?1");
  s.bind(1, id).bind(2, free_spaces).bind(3, secs_of(taken_at)).bind(4, source).bind(5, counter_seq).run();
}

}  // namespace yeyou::store
