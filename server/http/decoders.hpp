#pragma once
// Request bodies → the typed requests services take. Decoding checks types,
// ranges, lengths and formats, names every bad field and refuses unknown
// ones (ValidationError, answered 400); what needs the database is the
// service's to check.
#include <cstdint>
#include <string>
#include <vector>

#include "core/json_reader.hpp"
#include "core/parking.hpp"
#include "server/services/auth_service.hpp"
#include "server/services/case_service.hpp"
#include "server/services/event_service.hpp"
#include "server/services/occupancy_service.hpp"
#include "server/services/parking_service.hpp"
#include "server/services/rating_link_service.hpp"
#include "server/services/stats_service.hpp"
#include "server/services/venue_service.hpp"
#include "server/store/kiosk_store.hpp"

namespace yeyou::http {

// POST /auth/login: "cookie": true asks for a cookie session (the console).
struct LoginRequest {
  std::string login;
  std::string password;
  bool cookie = false;
};
LoginRequest decode_login(const Json& body);
// POST /users.
services::NewUser decode_new_user(const Json& body);

store::Heartbeat decode_heartbeat(const Json& body);
services::StaffCount decode_staff_count(const Json& body);
services::CounterReading decode_counter_reading(const Json& body);

// {"fields sent"}: merged into the stored venue; "id" may only repeat `venue_id`.
services::VenuePatch decode_venue_patch(const Json& body, std::int64_t venue_id);
// An event without id, with either start/end or "recurrence": {weekdays,
// start_time, end_time, from, until, except}; "fallback": true lets en/ko
// fall back to zh; "reason" goes to the audit log. "venue_id", if given, must
// be `venue_id`.
services::NewEvents decode_new_events(const Json& body, std::int64_t venue_id);
// The fields to change, with "fallback" and "reason" as above; "id" may only repeat `event_id`.
services::EventPatch decode_event_patch(const Json& body, std::int64_t event_id);

// A car park without "id" (the server assigns it).
CarPark decode_new_car_park(const Json& body);
// The whole car park; "id", if given, must be `id`.
CarPark decode_car_park(const Json& body, std::int64_t id);
// An array of car parks with ids; field errors are named "[i].field".
std::vector<CarPark> decode_car_parks(const Json& body);
services::SpacesCount decode_spaces_count(const Json& body);
// "taken_at" is read in `zone` when it has no offset, and may be at most 5 minutes after `now`.
services::VehicleCount decode_vehicle_count(const Json& body, const std::string& zone, Timestamp now);

// {} or {"subject": {"kind", "id"}}.
services::RatingLinkRequest decode_rating_link_request(const Json& body);
// The kiosk rating body without id, created_at and (unless it is the link's)
// subject; the rating gets a new id, channel "web" and `now`.
services::LinkRating decode_link_rating(const Json& body, Timestamp now);

// Never throws: problems go to the input's `invalid` (see CaseActionInput).
services::CaseActionInput decode_case_action(const Json& body, CaseAction action, Timestamp now);
services::CaseEvaluation decode_case_evaluation(const Json& body);
// {"reason": at least 4 bytes}.
std::string decode_reveal_reason(const Json& body);
services::SuspectVerdict decode_suspect_verdict(const Json& body);

}  // namespace yeyou::http
