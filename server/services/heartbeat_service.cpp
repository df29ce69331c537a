#include "server/services/heartbeat_service.hpp"

#include <map>

#include "server/services/service_errors.hpp"

namespace yeyou::services {

store::Heartbeat HeartbeatService::record(const Principal& kiosk, const std::string& kiosk_id, const Json& body,
                                          Timestamp now) {
  if (kiosk.kind != Principal::Kind::kiosk || kiosk.device_id != kiosk_id)
    throw Forbidden("a kiosk may only report its own heartbeat");
  FieldErrors errors;
  FieldReader r(body, errors);
  store::Heartbeat h;
  h.kiosk_id = kiosk_id;
  h.version = r.text("version", 64, true, 1).value_or("");
  constexpr std::int64_t kTenYears = 10LL * 366 * 24 * 3600;
  h.uptime_s = r.integer("uptime_s", 0, kTenYears).value_or(0);
  h.outbox_depth = r.integer("outbox_depth", 0, 100'000'000).value_or(0);
  h.oldest_outbox_age_s = r.integer("oldest_outbox_age_s", 0, kTenYears).value_or(0);
  if (auto s = r.text("last_sync_at", 40, false)) {  // null or absent: never synced
    if (auto t = parse_iso8601(*s)) h.last_sync_at = *t;
    else r.fail("last_sync_at", "must be an ISO 8601 date-time or null");
  }
  h.free_disk_bytes = r.integer("free_disk_bytes", 0, INT64_MAX).value_or(0);
  r.reject_unknown();
  throw_if_errors(errors);
  h.received_at = now;
  store::upsert_heartbeat(pool_.get(), h);
  return h;
}

std::vector<KioskStatus> HeartbeatService::kiosks(Timestamp now) {
  auto& db = pool_.get();
  std::map<std::string, store::Heartbeat> beats;
  for (auto& h : store::list_heartbeats(db)) beats[h.kiosk_id] = h;
  std::vector<KioskStatus> out;
  for (auto& d : store::list_devices(db)) {
    if (d.kind != "kiosk") continue;
    KioskStatus k{d, std::nullopt, false};
    if (auto it = beats.find(d.id); it != beats.end()) {
      k.heartbeat = it->second;
      k.online = !d.revoked && now - it->second.received_at <= std::chrono::seconds{offline_after_s()};
    }
    out.push_back(std::move(k));
  }
  return out;
}

Json to_json(const store::Heartbeat& h) {
  return Json{{"version", h.version},
              {"uptime_s", h.uptime_s},
              {"outbox_depth", h.outbox_depth},
              {"oldest_outbox_age_s", h.oldest_outbox_age_s},
              {"last_sync_at", h.last_sync_at ? Json(format_iso8601(*h.last_sync_at)) : Json(nullptr)},
              {"free_disk_bytes", h.free_disk_bytes},
              {"received_at", format_iso8601(h.received_at)}};
}

}  // namespace yeyou::services
