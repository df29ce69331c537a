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

// Staff set the free spaces or change the current count: exactly one of the two.
struct SpacesCount {
  std::optional<std::int64_t> free_spaces;
  std::optional<std::int64_t> delta;
};

// A car park counter's report: vehicles in and out since its previous one.
struct VehicleCount {
  std::int64_t seq = 0;
  std::int64_t in = 0;
  std::int64_t out = 0;
  std::optional<Timestamp> taken_at;  // receipt time when absent
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

  // Bureau and admin users. The server assigns the id.
  CarPark create(const Principal& who, CarPark p, Timestamp now);
  // Bureau and admin users. The whole car park, stored under `id`.
  CarPark replace(const Principal& who, std::int64_t id, CarPark p, Timestamp now);
  // Bureau and admin users.
  SpacesUpdate staff_spaces(const Principal& who, std::int64_t id, const SpacesCount& update, Timestamp now);
  // Only the car park's counter device.
  SpacesUpdate counter_spaces(const Principal& who, std::int64_t id, const VehicleCount& count, Timestamp now);
  // For the console (yeyou-server import-parking): car parks with ids, upserted.
  std::size_t load(const std::vector<CarPark>& parks, Timestamp now);

  const std::string& zone() const { return zone_; }

 private:
  CarParkStatus describe(store::CarParkRecord r, Timestamp at, Timestamp now) const;
  store::DbPool& pool_;
  std::string zone_;
  std::chrono::minutes stale_after_;
};

}  // namespace yeyou::services
