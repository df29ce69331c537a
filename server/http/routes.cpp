// Every route of the API, in one place. Handlers parse the request, call a
// service and write JSON; rules live in the services.
#include <httplib.h>

#include "core/feedback.hpp"
#include "server/http/api_server.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"

namespace yeyou::http {
namespace {

std::optional<std::string> query(const httplib::Request& req, const char* key) {
  if (!req.has_param(key)) return std::nullopt;
  return req.get_param_value(key);
}

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

void register_routes(httplib::Server& server, services::ServiceHub& sv) {
  server.Get("/api/v1/health", [](const httplib::Request&, httplib::Response& res) {
    write_json(res, 200, Json{{"status", "ok"}, {"version", "0.1.0"}, {"time", format_iso8601(now_utc())}});
  });

  server.Get("/api/v1/venues", [&sv](const httplib::Request&, httplib::Response& res) {
    guarded(res, [&] {
      Json venues = Json::array();
      for (const auto& v : sv.content.venues()) venues.push_back(venue_json(v, sv.config.crowd));
      Json districts = Json::array();
      for (const auto& d : sv.content.districts()) districts.push_back(to_json(d));
      write_json(res, 200, Json{{"venues", venues}, {"districts", districts}});
    });
  });

  server.Get("/api/v1/events", [&sv](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto range = sv.content.parse_range(query(req, "from"), query(req, "to"), now_utc());
      Json events = Json::array();
      for (const auto& e : sv.content.events(range)) events.push_back(to_json(e));
      write_json(res, 200,
                 Json{{"from", format_iso8601(range.from)}, {"to", format_iso8601(range.to)}, {"events", events}});
    });
  });

  server.Post("/api/v1/ratings", [&sv](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto kiosk = require_device(sv, req, services::Principal::Kind::kiosk);
      auto receipt = sv.ratings.submit(parse_body(req), kiosk.device_id, now_utc());
      write_json(res, receipt.created ? 201 : 200, rating_json(receipt));
    });
  });

  register_transit_routes(server, sv);
}

}  // namespace yeyou::http
