#pragma once
// Car parks for drivers at night: their description (bureau and admin users),
// free spaces (set by staff, or counted by the car park's own counter device
// from vehicles in and out) and the fee situation at a given time.
//
// Counts are clamped to [0, capacity] and a clamped update is flagged. A
// counter posts a sequence number: a repeated or older number changes
// nothing, a skipped one is flagged as a gap. A count older than 30 minutes
// is shown as stale.
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "core/parking.hpp"
#include "server/services/principal.hpp"
#include "server/store/db_pool.hpp"
#include "server/store/parking_store.hpp"

namespace yeyou::services {

struct CarParkStatus {
  store::CarParkRecord record;
  bool stale = false;
  SpaceLevel level = SpaceLevel::unknown;
  FeeStatus fee;
};

struct SpacesUpdate {
  CarParkStatus status;
  bool clamped = false;
  bool applied = true;  // false for a repeated or out-of-order counter sequence number
  bool gap = false;     // the counter skipped sequence numbers
};

class ParkingService {
 public:
  explicit ParkingService(store::DbPool& pool, std::string zone = std::string(kDefaultZone),
                          std::chrono::minutes stale_after = std::chrono::minutes{30})
      : pool_(pool), zone_(std::move(zone)), stale_after_(stale_after) {}

  // The instant of an ?at= parameter (ISO 8601, local time if no offset); now when absent.
  // ValidationError for a malformed one.
  Timestamp parse_at(const std::optional<std::string>& at, Timestamp now) const;
  // Every car park: fees at `at`, staleness of the count judged at `now`.
  std::vector<CarParkStatus> status(Timestamp at, Timestamp now);
  CarParkStatus status_of(std::int64_t id, Timestamp at, Timestamp now);

  // Bureau and admin users. Body: a car park without "id".
  CarPark create(const Principal& who, const Json& body, Timestamp now);
  // Bureau and admin users. Body: the whole car park ("id", if given, must match).
  CarPark replace(const Principal& who, std::int64_t id, const Json& body, Timestamp now);
  // Bureau and admin users. Body: {"free_spaces": n} or {"delta": ±n}.
  SpacesUpdate staff_spaces(const Principal& who, std::int64_t id, const Json& body, Timestamp now);
  // Only the car park's counter device. Body: {"seq": n, "in": a, "out": b, "taken_at"?: ISO 8601}.
  SpacesUpdate counter_spaces(const Principal& who, std::int64_t id, const Json& body, Timestamp now);
  // For the console (yeyou-server import-parking): a JSON array of car parks with ids, upserted.
  std::size_t load(const Json& car_parks, Timestamp now);

  const std::string& zone() const { return zone_; }

 private:
  CarParkStatus describe(store::CarParkRecord r, Timestamp at, Timestamp now) const;
  store::DbPool& pool_;
  std::string zone_;
  std::chrono::minutes stale_after_;
};

}  // namespace yeyou::services
