#include "server/services/occupancy_service.hpp"

#include <algorithm>

#include "core/notice.hpp"
#include "server/services/request_bodies.hpp"
#include "server/services/service_errors.hpp"
#include "server/services/venue_service.hpp"
#include "server/store/account_store.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/content_store.hpp"
#include "server/store/notice_store.hpp"

namespace yeyou::services {
namespace {

Notice capacity_notice(const Venue& v, CrowdLevel level, std::int64_t percent, Timestamp now) {
  Notice n;
  n.severity = Severity::warning;
  n.target = NoticeTarget::venue;
  n.target_id = std::to_string(v.id);
  n.starts_at = now;
  n.ends_at = now + std::chrono::hours{2};
  n.issued_by = "system";
  std::string pct = std::to_string(percent);
  if (level == CrowdLevel::full) {
    n.text = {v.name.zh + "已达最大承载量，暂停入场，请选择其他场所。",
              v.name.en + " is full and has stopped admitting visitors. Please choose another venue.",
              v.name.ko + " 최대 수용 인원에 도달하여 입장을 중단했습니다. 다른 장소를 이용해 주세요."};
  } else {
    n.text = {v.name.zh + "游客已达承载量的" + pct + "%，请错峰游览。",
              v.name.en + " is at " + pct + "% of capacity. Please consider visiting later.",
              v.name.ko + " 방문객이 수용 인원의 " + pct + "%에 도달했습니다. 혼잡 시간을 피해 주세요."};
  }
  return n;
}

}  // namespace

OccupancyUpdate OccupancyService::apply(store::Db& db, std::int64_t venue_id, std::int64_t count,
                                        OccupancySource source, const std::string& actor, Timestamp taken_at,
                                        Timestamp now) {
  Venue venue = *store::find_venue(db, venue_id);
  auto previous = store::latest_occupancy_of(db, venue_id);
  OccupancyUpdate u;
  std::int64_t max_count = 2 * venue.capacity;
  u.clamped = count < 0 || count > max_count;
  u.reading = {venue_id, std::clamp<std::int64_t>(count, 0, max_count), venue.capacity, taken_at, source};
  u.level = crowd_level(u.reading.count, venue.capacity, thresholds_);
  store::add_occupancy(db, u.reading, u.clamped, actor);
  CrowdLevel before = previous ? crowd_level(previous->count, venue.capacity, thresholds_) : CrowdLevel::comfortable;
  bool alert = u.level > before && (u.level == CrowdLevel::crowded || u.level == CrowdLevel::full);
  if (alert) {
    auto percent = u.reading.count * 100 / venue.capacity;
    Notice n = capacity_notice(venue, u.level, percent, now);
    u.alert_notice_id = store::insert_notice(db, n, now);
    store::add_venue_alert(db, {venue_id, u.level, u.reading.count, venue.capacity, now, *u.alert_notice_id});
    n.id = *u.alert_notice_id;
    store::append_audit(db, {0, now, "system", "capacity_alert", "notice", std::to_string(n.id), nullptr, to_json(n),
                             std::string(name_of(u.level))});
  }
  return u;
}

OccupancyUpdate OccupancyService::staff_update(const Principal& who, std::int64_t venue_id, const Json& body,
                                               Timestamp now) {
  auto [count, delta] = decode_count_change(body);
  auto& db = pool_.get();
  store::Transaction tx(db);
  require_venue_access(who, db, venue_id);
  auto previous = store::latest_occupancy_of(db, venue_id);
  std::int64_t base = previous ? previous->count : 0;
  std::int64_t target = count ? *count : base + *delta;
  auto u = apply(db, venue_id, target, OccupancySource::staff, who.actor(), now, now);
  Json before = previous ? to_json(*previous, thresholds_) : Json(nullptr);
  Json after = to_json(u.reading, thresholds_);
  after["clamped"] = u.clamped;
  store::append_audit(db, {0, now, who.actor(), count ? "set_count" : "adjust_count", "occupancy",
                           std::to_string(venue_id), before, after, ""});
  tx.commit();
  return u;
}

OccupancyUpdate OccupancyService::counter_reading(const Principal& who, const std::string& counter_id,
                                                  const Json& body, Timestamp now) {
  if (who.kind != Principal::Kind::counter || who.device_id != counter_id)
    throw Forbidden("only counter " + counter_id + " may post its readings");
  auto [seq, in, out, taken_at] = decode_counter_reading(body, now);
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto device = store::find_device(db, counter_id);
  if (!device || device->revoked || !device->venue_id) throw Forbidden("counter " + counter_id + " is not active");
  std::int64_t venue_id = *device->venue_id;
  std::int64_t max_seq = store::last_counter_seq(db, counter_id);
  if (!store::insert_counter_reading(db, {counter_id, seq, in, out, taken_at, now})) {
    // A repeat: the delta was already applied.
    OccupancyUpdate u;
    u.applied = false;
    if (auto latest = store::latest_occupancy_of(db, venue_id)) {
      u.reading = *latest;
      u.level = crowd_level(latest->count, latest->capacity, thresholds_);
    }
    tx.commit();
    return u;
  }
  auto previous = store::latest_occupancy_of(db, venue_id);
  std::int64_t base = previous ? previous->count : 0;
  // In/out deltas commute, so a late (reordered) reading is applied too;
  // its reading time is never older than the venue's latest.
  Timestamp when = previous ? std::max(taken_at, previous->taken_at) : taken_at;
  auto u = apply(db, venue_id, base + in - out, OccupancySource::counter, who.actor(), when, now);
  u.gap = seq > max_seq + 1 && max_seq > 0;
  tx.commit();
  return u;
}

}  // namespace yeyou::services
