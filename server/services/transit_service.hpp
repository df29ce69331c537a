#pragma once
// Next departures at a stop (or at every platform of a station) and the
// departure boards of kiosks, from the imported GTFS feed.
//
// A departure belongs to a service day D and leaves at "noon minus 12 h" of D
// plus its GTFS time, in the feed's time zone. For an instant T the service
// days searched are those whose departures can fall after T: from D = local
// date of T minus ceil(max GTFS time / 24 h) + 1 up to the next day, so a
// 25:10:00 night bus of yesterday's service is found at 00:40 today.
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "server/store/db_pool.hpp"
#include "server/store/transit_store.hpp"

namespace yeyou::services {

inline constexpr int kDefaultDepartureLimit = 10;
inline constexpr int kMaxDepartureLimit = 50;

// Query parameters as received; departures() validates them.
struct DepartureRequest {
  std::optional<std::string> stop;
  std::optional<std::string> at;     // ISO 8601; without an offset, the feed's local time; default now
  std::optional<std::string> limit;  // 1..50, default 10
};

struct DepartureView {
  std::string route_id;
  std::string route_name;
  std::string headsign;
  std::string trip_id;
  std::string stop_id;
  Timestamp departs_at{};
  bool last_of_day = false;  // the route's last departure from this stop in its service day
};

struct StopBoard {
  store::TransitStop stop;
  std::string timezone;  // the feed's, for formatting departs_at
  Timestamp at{};
  std::vector<DepartureView> departures;
};

struct KioskStopBoard {
  std::string stop_id;
  std::optional<StopBoard> board;  // nullopt when the current feed lacks the stop
};

struct KioskBoard {
  std::string kiosk_id;
  std::string timezone;
  Timestamp at{};
  std::vector<KioskStopBoard> stops;
};

class TransitService {
 public:
  explicit TransitService(store::DbPool& pool) : pool_(pool) {}

  // Throws ValidationError for bad parameters and NotFound for an unknown stop
  // (or when no feed has been imported).
  StopBoard departures(const DepartureRequest& request, Timestamp now);
  // The board of every stop configured for the kiosk (an empty list when none are).
  KioskBoard kiosk_board(const std::string& kiosk_id, const std::optional<std::string>& at,
                         const std::optional<std::string>& limit_per_stop, Timestamp now);
  // Replaces the kiosk's stops. Stops missing from the current feed are
  // accepted (a later feed may have them) and returned so the caller can warn.
  std::vector<std::string> set_kiosk_stops(const std::string& kiosk_id, const std::vector<std::string>& stop_ids);
  std::optional<store::TransitFeedInfo> feed_info();

 private:
  std::vector<DepartureView> next_departures(store::Db& db, const store::TransitFeedInfo& feed,
                                             const std::vector<std::string>& stop_ids, Timestamp at, int limit);
  store::DbPool& pool_;
};

}  // namespace yeyou::services
