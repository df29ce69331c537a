#pragma once
// The kiosk's view-model: an immutable snapshot of everything the screens
// draw. The data worker builds a new one after each fetch (and each minute,
// so "on now" follows the clock) and publishes it as shared_ptr<const>.
// Screens read it and never fetch anything themselves.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/data/api_client.hpp"
#include "kiosk/data/kiosk_feed.hpp"

namespace yeyou::kiosk {

struct VenueView {
  Venue venue;
  std::optional<OccupancyReading> occupancy;
  std::optional<CrowdLevel> crowd;  // set only when the reading is current (not stale)
  bool occupancy_stale = false;     // a reading exists but is older than the limit
  bool open_now = false;
};

struct EventItem {
  Event event;
  EventPhase phase = EventPhase::upcoming;  // phase_at(now); cancelled events say so
  // Local calendar days from `now`'s date to the start's date (-1 for an event
  // that began yesterday evening and is still on, 1 for one starting after midnight).
  int start_day_offset = 0;
  // Local calendar days from the start's date to the end's date (1 = ends after midnight).
  int end_day_offset = 0;
};

struct NightListing {
  LocalDate night;
  std::vector<EventItem> events;  // sorted by start
};

// The result of the data thread's fetching, independent of the clock.
struct SyncStatus {
  bool has_data = false;          // at least one fetch succeeded
  bool server_reachable = false;  // the latest attempt reached the server
  std::optional<Timestamp> fetched_at;       // latest successful fetch
  std::optional<Timestamp> last_attempt_at;  // latest attempt, successful or not
  std::string last_error;                    // empty after a success
  std::uint64_t attempts = 0;                // completed fetch attempts
};

struct ViewModelOptions {
  int nights_ahead = 7;            // coming_nights covers tonight+1 .. tonight+nights_ahead
  int occupancy_stale_minutes = 30;
  CrowdThresholds thresholds{};    // used only when the server sent no level
};

struct ViewModel {
  Timestamp now{};  // the clock reading this snapshot was built for
  LocalDate tonight;
  TimeWindow tonight_window{};
  std::vector<VenueView> venues;  // sorted by id
  std::vector<District> districts;
  std::vector<EventItem> on_now;         // tonight: started and not ended
  std::vector<EventItem> later_tonight;  // tonight: not yet started
  std::vector<NightListing> coming_nights;
  SyncStatus sync;
  std::uint64_t generation = 0;  // increases with every published snapshot

  // Filled by the data worker (see kiosk_feed.hpp); empty until it has them.
  std::string kiosk_id;
  std::vector<Notice> notices;               // active and relevant to this kiosk, most severe first
  std::vector<DepartureItem> departures;     // the kiosk's nearby stops, soonest first
  std::vector<CarParkItem> car_parks;
  std::optional<Timestamp> transport_fetched_at;
  OutboxState outbox;
  std::map<std::string, SubmissionReceipt> receipts;  // by request id
  std::optional<ComplaintStatus> complaint_status;    // the latest lookup
  std::optional<RatingLink> rating_link;              // the latest requested link
  std::map<std::int64_t, std::vector<double>> usual_occupancy;  // venue id → 24 hourly averages for today's weekday

  const VenueView* venue(std::int64_t id) const;
  const District* district(const std::string& id) const;
};

// Pure: builds a snapshot from fetched data and a clock reading.
ViewModel build_view_model(const VenuesPayload& venues, const std::vector<Event>& events, const SyncStatus& sync,
                           Timestamp now, const ViewModelOptions& options = {});

// The window the worker asks the server for: from the earlier of `now` and
// tonight's start, to the end of the last night shown.
TimeWindow fetch_window(Timestamp now, int nights_ahead);

// Every piece of content text in the snapshot, in all three languages
// (names, titles, descriptions, addresses, districts), concatenated; the UI
// feeds it to the font atlas builder.
std::string content_text(const ViewModel& vm);
// The id of the first event the snapshot lists (on now, later tonight, the
// coming nights), 0 if none.
std::int64_t first_event_id(const ViewModel& vm);
// The content the screens show in large type too: venue and event names,
// notices, routes and headsigns, car park names (all three languages).
std::string heading_text(const ViewModel& vm);

}  // namespace yeyou::kiosk
