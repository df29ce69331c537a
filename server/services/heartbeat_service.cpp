#include "server/services/heartbeat_service.hpp"

#include <map>

#include "server/services/service_errors.hpp"

namespace yeyou::services {

store::Heartbeat HeartbeatService::record(const Principal& kiosk, const std::string& kiosk_id, store::Heartbeat h,
                                          Timestamp now) {
  if (kiosk.kind != Principal::Kind::kiosk || kiosk.device_id != kiosk_id)
    throw Forbidden("a kiosk may only report its own heartbeat");
  h.kiosk_id = kiosk_id;
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

}  // namespace yeyou::services
