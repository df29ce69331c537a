#pragma once
// The JSON bodies of the server's write requests, decoded and checked without
// the database: each service calls its decoder first, and tests/fuzz feeds
// them arbitrary bodies. Every function throws ValidationError for a bad body
// (answered 400 with the field errors).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/feedback.hpp"
#include "core/parking.hpp"
#include "core/recurrence.hpp"
#include "core/venue.hpp"
#include "server/services/principal.hpp"

namespace yeyou::services {

// --- events (EventService) ---------------------------------------------------
// An event create: the first occurrence as a prototype (the id is a
// placeholder), the weekly rule if one was given, and the audit reason.
struct NewEventRequest {
  Event proto;
  std::optional<WeeklyRule> rule;
  std::string reason;
};
NewEventRequest decode_new_event(std::int64_t venue_id, const Json& body);

// An event patch: the event's fields to apply, "fallback" and "reason" split off.
struct EventPatch {
  Json fields;
  bool fallback = false;
  std::string reason;
};
EventPatch decode_event_patch(std::int64_t event_id, const Json& body);
// `before` with the patch's fields applied, validated as a whole event.
Event patched_event(const Event& before, const EventPatch& patch);

// --- venues (VenueService) ---------------------------------------------------
// A venue patch: an object; the id, if given, is the venue's.
void check_venue_patch(std::int64_t venue_id, const Json& patch);
// `before` with the patch's fields applied, validated as a whole venue.
Venue patched_venue(const Venue& before, const Json& patch);

// --- counts: crowd figures (OccupancyService) and car park spaces (ParkingService)
// Staff: a new value or a change by ±n; exactly one is set.
struct SetOrAdjust {
  std::optional<std::int64_t> value;
  std::optional<std::int64_t> delta;
};

// A counter device: people or vehicles in and out since its previous report.
struct CounterReport {
  std::int64_t seq = 0;
  std::int64_t in = 0;
  std::int64_t out = 0;
  Timestamp taken_at{};
};

// Crowd figures: staff send {"count"} or {"delta"}; a counter's taken_at is
// never later than `now`.
SetOrAdjust decode_count_change(const Json& body);
CounterReport decode_counter_reading(const Json& body, Timestamp now);

// --- car parks (ParkingService) ----------------------------------------------
CarPark decode_new_car_park(const Json& body);                             // create: no "id"
CarPark decode_car_park_replacement(std::int64_t id, const Json& body);   // replace: "id" optional, must match
// {"free_spaces"} or {"delta"}.
SetOrAdjust decode_spaces_change(const Json& body);
// A car park counter's report; `zone`: the car park's zone for a taken_at
// without an offset, which may be at most five minutes after `now`.
CounterReport decode_vehicle_count(const Json& body, Timestamp now, const std::string& zone);

// --- cases (CaseService) -----------------------------------------------------
struct CaseEvaluation {
  std::string verdict;  // satisfied, basically_satisfied or dissatisfied
  std::string note;
};
CaseEvaluation decode_case_evaluation(const Json& body);
std::string decode_reveal_reason(const Json& body);

// --- accounts (the account routes, AuthService) ------------------------------
struct NewUser {
  std::string login;
  std::string display_name;
  Role role = Role::venue_staff;
  std::vector<std::int64_t> venues;
  std::string password;
};

// POST /auth/login and POST /users.
struct LoginRequest {
  std::string login;
  std::string password;
  bool cookie = false;  // console: also set session cookies
};
LoginRequest decode_login(const Json& body);
NewUser decode_new_user(const Json& body);

// --- phone rating links (RatingLinkService) ----------------------------------
// A link request: the subject asked for, or nullopt for the kiosk's default.
std::optional<Subject> decode_link_request(const Json& body);
// The kiosk rating a phone sends for a link, completed with the link's
// subject, channel "web", `id` and `now` for RatingService (which decodes
// it); refused when it names another subject or channel.
Json link_rating_body(const Json& body, const Subject& subject, const std::string& id, Timestamp now);

}  // namespace yeyou::services
