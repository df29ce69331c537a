#include "server/services/parking_service.hpp"

#include <algorithm>

#include "server/services/request_bodies.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/audit_store.hpp"

namespace yeyou::services {

namespace {

void require_parking_staff(const Principal& who) {
  if (!who.is_user()) throw Forbidden("devices cannot change car parks");
  if (!who.has_role(Role::bureau) && !who.has_role(Role::admin))
    throw Forbidden("only bureau and admin users manage car parks");
}

store::CarParkRecord require_park(store::Db& db, std::int64_t id) {
  auto r = store::find_car_park(db, id);
  if (!r) throw NotFound("no car park " + std::to_string(id));
  return *r;
}

}  // namespace

Timestamp ParkingService::parse_at(const std::optional<std::string>& at, Timestamp now) const {
  if (!at) return now;
  auto t = at->size() <= 40 ? parse_iso8601(*at, zone_) : std::nullopt;
  if (!t) throw ValidationError("at", "must be an ISO 8601 date-time, e.g. 2026-11-29T22:40:00+08:00");
  return *t;
}

CarParkStatus ParkingService::describe(store::CarParkRecord r, Timestamp at, Timestamp now) const {
  CarParkStatus s;
  s.stale = !r.spaces_taken_at || now - *r.spaces_taken_at > stale_after_;
  s.level = space_level(r.free_spaces, r.park.capacity);
  s.fee = fee_status(r.park.fee_rules, at, zone_);
  s.record = std::move(r);
  return s;
}

std::vector<CarParkStatus> ParkingService::status(Timestamp at, Timestamp now) {
  std::vector<CarParkStatus> out;
  for (auto& r : store::list_car_parks(pool_.get())) out.push_back(describe(std::move(r), at, now));
  return out;
}

CarParkStatus ParkingService::status_of(std::int64_t id, Timestamp at, Timestamp now) {
  return describe(require_park(pool_.get(), id), at, now);
}

CarPark ParkingService::create(const Principal& who, const Json& body, Timestamp now) {
  require_parking_staff(who);
  CarPark p = decode_new_car_park(body);
  auto& db = pool_.get();
  store::Transaction tx(db);
  p.id = store::next_car_park_id(db);
  store::upsert_car_park(db, p, now);
  store::append_audit(db, {0, now, who.actor(), "create", "car_park", std::to_string(p.id), nullptr, to_json(p), ""});
  tx.commit();
  return p;
}

CarPark ParkingService::replace(const Principal& who, std::int64_t id, const Json& body, Timestamp now) {
  require_parking_staff(who);
  CarPark p = decode_car_park_replacement(id, body);
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto before = require_park(db, id);
  store::upsert_car_park(db, p, now);
  store::append_audit(db, {0, now, who.actor(), "update", "car_park", std::to_string(id), to_json(before.park),
                           to_json(p), ""});
  tx.commit();
  return p;
}

SpacesUpdate ParkingService::staff_spaces(const Principal& who, std::int64_t id, const Json& body, Timestamp now) {
  require_parking_staff(who);
  auto [free, delta] = decode_spaces_change(body);
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto park = require_park(db, id);
  if (delta && !park.free_spaces) throw Conflict("car park " + std::to_string(id) + " has no count yet; set free_spaces");
  std::int64_t wanted = free ? *free : *park.free_spaces + *delta;
  SpacesUpdate u;
  std::int64_t value = std::clamp<std::int64_t>(wanted, 0, park.park.capacity);
  u.clamped = value != wanted;
  store::set_free_spaces(db, id, value, now, "staff", std::nullopt);
  store::append_audit(db, {0, now, who.actor(), "set_free_spaces", "car_park", std::to_string(id),
                           park.free_spaces ? Json(*park.free_spaces) : Json(nullptr), Json(value),
                           u.clamped ? "clamped from " + std::to_string(wanted) : ""});
  u.status = describe(require_park(db, id), now, now);
  tx.commit();
  return u;
}

SpacesUpdate ParkingService::counter_spaces(const Principal& who, std::int64_t id, const Json& body, Timestamp now) {
  if (who.kind != Principal::Kind::counter) throw Forbidden("only a counter device reports vehicle counts");
  auto [seq, in, out, taken_at] = decode_vehicle_count(body, now, zone_);
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto park = require_park(db, id);
  if (park.park.counter_device_id.empty() || park.park.counter_device_id != who.device_id)
    throw Forbidden("this counter does not report for car park " + std::to_string(id));
  SpacesUpdate u;
  if (park.counter_seq && seq <= *park.counter_seq) {
    u.applied = false;
  } else {
    if (!park.free_spaces) throw Conflict("car park " + std::to_string(id) + " has no count yet; staff must set it");
    u.gap = park.counter_seq && seq > *park.counter_seq + 1;
    std::int64_t wanted = *park.free_spaces - in + out;
    std::int64_t value = std::clamp<std::int64_t>(wanted, 0, park.park.capacity);
    u.clamped = value != wanted;
    store::set_free_spaces(db, id, value, taken_at, "counter", seq);
  }
  u.status = describe(require_park(db, id), now, now);
  tx.commit();
  return u;
}

std::size_t ParkingService::load(const Json& car_parks, Timestamp now) {
  if (!car_parks.is_array()) throw ValidationError("body", "must be a JSON array of car parks");
  std::vector<CarPark> parks;
  FieldErrors errors;
  for (std::size_t i = 0; i < car_parks.size(); ++i) {
    try {
      parks.push_back(car_park_from_json(car_parks[i]));
    } catch (const ValidationError& e) {
      for (const auto& [k, v] : e.fields()) errors["[" + std::to_string(i) + "]." + k] = v;
    }
  }
  throw_if_errors(errors);
  auto& db = pool_.get();
  store::Transaction tx(db);
  for (const auto& p : parks) {
    auto before = store::find_car_park(db, p.id);
    store::upsert_car_park(db, p, now);
    store::append_audit(db, {0, now, "system:import-parking", before ? "update" : "create", "car_park",
                             std::to_string(p.id), before ? to_json(before->park) : Json(nullptr), to_json(p), ""});
  }
  tx.commit();
  return parks.size();
}

}  // namespace yeyou::services
