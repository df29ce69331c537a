#pragma once
// Kiosk heartbeats: the server keeps each kiosk's latest one with its own
// receive time, and calls a kiosk offline after 3 missed live intervals.
#include <optional>
#include <string>
#include <vector>

#include "server/services/principal.hpp"
#include "server/store/account_store.hpp"
#include "server/store/db_pool.hpp"
#include "server/store/kiosk_store.hpp"

namespace yeyou::services {

struct KioskStatus {
  store::DeviceRow device;
  std::optional<store::Heartbeat> heartbeat;
  bool online = false;
};

class HeartbeatService {
 public:
  // `interval_s` is the live poll interval; offline after 3 × interval_s without a heartbeat.
  HeartbeatService(store::DbPool& pool, int interval_s) : pool_(pool), interval_s_(interval_s) {}
  // Only the kiosk itself may report for `kiosk_id` (Forbidden otherwise).
  // Stores `h` as that kiosk's latest, received at `now`.
  store::Heartbeat record(const Principal& kiosk, const std::string& kiosk_id, store::Heartbeat h, Timestamp now);
  // Every kiosk with its latest heartbeat, in id order.
  std::vector<KioskStatus> kiosks(Timestamp now);
  int offline_after_s() const { return 3 * interval_s_; }

 private:
  store::DbPool& pool_;
  int interval_s_;
};

}  // namespace yeyou::services
