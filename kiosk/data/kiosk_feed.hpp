#pragma once
// What the kiosk shows beyond venues and events, and what it sends. This is
// the contract between the data layer (cache, outbox, sync: kiosk/data) and
// the screens (kiosk/ui): the data worker fills these into the ViewModel
// snapshot; the UI submits feedback through DataWorker's methods and learns
// the outcome from the next snapshot. Nothing here blocks the UI thread.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/feedback.hpp"
#include "core/notice.hpp"
#include "core/time.hpp"

namespace yeyou::kiosk {

// A departure on the kiosk's transport board (GET /api/v1/kiosks/{id}/departures).
struct DepartureItem {
  std::string route_id;
  std::string route_name;
  std::string headsign;
  std::string stop_id;
  std::string stop_name;
  Timestamp departs_at{};
  bool last_of_day = false;
};

// A car park with its current state (GET /api/v1/parking?at=…).
struct CarParkItem {
  std::string id;
  LocalizedText name;
  double lat = 0, lon = 0;
  std::int64_t capacity = 0;
  std::optional<std::int64_t> free_spaces;
  std::optional<Timestamp> spaces_at;
  bool free_now = false;
  std::optional<std::string> free_from;       // "22:00" when free later today/tonight
  std::optional<std::string> free_until;      // "07:00" while free
  std::optional<std::int64_t> price_now_cents;  // per hour, when not free
  LocalizedText summary;                      // the server's plain-language fee summary
};

// The outbox as the UI needs to see it.
struct OutboxState {
  std::int64_t pending = 0;
  std::int64_t dead_letters = 0;
  std::optional<std::int64_t> oldest_age_s;
  bool accepting = true;  // false when the disk is full or the outbox cannot be written
  std::string problem;    // why not accepting (for the log / staff status), empty otherwise
};

// What happened to a submission the UI made, keyed by the request id that
// DataWorker::submit_* returned.
struct SubmissionReceipt {
  enum class State { pending, stored, refused };
  State state = State::pending;  // stored = safely in the outbox: show "received"
  std::string tracking_no;       // complaints: assigned on the kiosk
  std::string error;             // refused: why (e.g. disk full), for the UI message
};

// A complaint's status as last known (GET /api/v1/public/complaints/{tracking}),
// or "queued" when it is still in this kiosk's outbox.
struct ComplaintStatus {
  std::string tracking_no;
  enum class State { unknown, queued, looking_up, found, not_found, offline };
  State state = State::unknown;
  std::string server_state;  // received, assigned, … closed
  std::string outcome;       // the published outcome, no personal data
  std::optional<Timestamp> checked_at;
};

// A one-time "rate later on your phone" link (POST /api/v1/rating-links).
struct RatingLink {
  Subject subject;
  std::string url;
  std::optional<Timestamp> expires_at;
  bool ok = false;
  std::string error;
};

// A complaint as the visitor enters it; the data layer adds id, tracking
// number and created_at.
struct ComplaintDraft {
  Subject subject;
  ComplaintCategory category = ComplaintCategory::other;
  std::string text;
  std::optional<Contact> contact;
};

}  // namespace yeyou::kiosk
