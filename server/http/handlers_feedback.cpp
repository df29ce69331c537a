// Health, the venue and event lists kiosks and pages read, and kiosk ratings.
#include "core/feedback.hpp"
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"

namespace yeyou::http::handlers {
namespace {

Json venue_json(const services::VenueView& v, const CrowdThresholds& crowd) {
  Json j = to_json(v.venue);
  j["occupancy"] = v.occupancy ? to_json(*v.occupancy, crowd) : Json(nullptr);
  return j;
}

Json rating_json(const services::RatingReceipt& r) {
  Json j = to_json(r.rating);
  if (r.rating.contact) j["contact"] = to_json(masked(*r.rating.contact));
  j["received_at"] = format_iso8601(r.received_at);
  j["is_bad"] = r.rating.is_bad();
  return j;
}

}  // namespace

void health(Exchange& x) {
  auto db = x.hub.health.database();
  // A database that cannot write makes the server unable to take ratings: a
  // load balancer or monitor must see that, not a 200.
  if (!db.ok()) x.res.set_header("Retry-After", "5");
  write_json(x.res, db.ok() ? 200 : 503,
             Json{{"status", db.ok() ? "ok" : "failing"},
                  {"version", "0.1.0"},
                  {"time", format_iso8601(now_utc())},
                  {"database", {{"readable", db.readable}, {"writable", db.writable}, {"detail", db.detail}}}});
}

void list_venues(Exchange& x) {
  Json venues = Json::array();
  for (const auto& v : x.hub.content.venues()) venues.push_back(venue_json(v, x.hub.config.crowd));
  Json districts = Json::array();
  for (const auto& d : x.hub.content.districts()) districts.push_back(to_json(d));
  write_json(x.res, 200, Json{{"venues", venues}, {"districts", districts}});
}

void list_events(Exchange& x) {
  auto range = x.hub.content.parse_range(x.req.param("from"), x.req.param("to"), now_utc());
  Json events = Json::array();
  for (const auto& e : x.hub.content.events(range)) events.push_back(to_json(e));
  write_json(x.res, 200,
             Json{{"from", format_iso8601(range.from)}, {"to", format_iso8601(range.to)}, {"events", events}});
}

void submit_rating(Exchange& x, Reply reply) {
  x.hub.ratings.submit_async(rating_from_json(parse_body(x.req)), x.who.device_id, now_utc(),
                             [reply = std::move(reply)](services::RatingOutcome o) {
                               reply([o = std::move(o)](Response& res) {
                                 if (o.error) std::rethrow_exception(o.error);
                                 write_json(res, o.receipt.created ? 201 : 200, rating_json(o.receipt));
                               });
                             });
}

}  // namespace yeyou::http::handlers
