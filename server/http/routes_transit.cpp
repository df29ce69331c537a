// Night transport and calendars: departures, kiosk departure boards, car
// parks with their night fees, and iCalendar export and import.
#include <httplib.h>

#include "core/ical_parser.hpp"
#include "server/http/api_server.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/services/ics_export_service.hpp"
#include "server/services/ics_import_service.hpp"
#include "server/services/parking_service.hpp"
#include "server/services/service_errors.hpp"
#include "server/services/transit_service.hpp"

namespace yeyou::http {
namespace {

using services::Principal;
using services::Role;

std::optional<std::string> param(const httplib::Request& req, const char* key) {
  if (!req.has_param(key)) return std::nullopt;
  return req.get_param_value(key);
}

Lang read_lang(const httplib::Request& req) {
  Lang lang = Lang::zh;
  if (auto code = param(req, "lang"); code && !parse_lang(*code, lang))
    throw ValidationError("lang", "must be zh, en or ko");
  return lang;
}

Json stop_json(const store::TransitStop& s) {
  return Json{{"stop_id", s.id},
              {"name", s.name},
              {"lat", s.lat},
              {"lon", s.lon},
              {"location_type", s.location_type},
              {"parent_station", s.parent_station.empty() ? Json(nullptr) : Json(s.parent_station)}};
}

Json board_json(const services::StopBoard& b) {
  Json deps = Json::array();
  for (const auto& d : b.departures)
    deps.push_back(Json{{"route_id", d.route_id},
                        {"route_name", d.route_name},
                        {"headsign", d.headsign},
                        {"trip_id", d.trip_id},
                        {"stop_id", d.stop_id},
                        {"departs_at", format_iso8601(d.departs_at, b.timezone)},
                        {"last_of_day", d.last_of_day}});
  return Json{{"stop", stop_json(b.stop)},
              {"at", format_iso8601(b.at, b.timezone)},
              {"timezone", b.timezone},
              {"departures", deps}};
}

Json car_park_json(const services::CarParkStatus& s, const std::string& zone) {
  const auto& r = s.record;
  Json j = to_json(r.park);
  j["free_spaces"] = r.free_spaces ? Json(*r.free_spaces) : Json(nullptr);
  j["spaces_taken_at"] = r.spaces_taken_at ? Json(format_iso8601(*r.spaces_taken_at, zone)) : Json(nullptr);
  j["spaces_source"] = r.spaces_source.empty() ? Json(nullptr) : Json(r.spaces_source);
  j["stale"] = s.stale;
  j["level"] = name_of(s.level);
  j["fee"] = to_json(s.fee, zone);
  return j;
}

Json spaces_update_json(const services::SpacesUpdate& u, const std::string& zone) {
  Json j = car_park_json(u.status, zone);
  j["clamped"] = u.clamped;
  j["applied"] = u.applied;
  j["gap"] = u.gap;
  return j;
}

void write_calendar_text(httplib::Response& res, const std::string& text, const std::string& filename) {
  res.status = 200;
  res.set_header("Content-Disposition", "inline; filename=\"" + filename + "\"");
  res.set_content(text, "text/calendar; charset=utf-8");
}

}  // namespace

void register_transit_routes(httplib::Server& server, services::ServiceHub& hub) {
  server.Get("/api/v1/departures", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      services::DepartureRequest q{param(req, "stop"), param(req, "at"), param(req, "limit")};
      write_json(res, 200, board_json(hub.transit.departures(q, now_utc())));
    });
  });

  server.Get(R"(/api/v1/kiosks/([A-Za-z0-9._-]{1,64})/departures)",
             [&hub](const httplib::Request& req, httplib::Response& res) {
               guarded(res, [&] {
                 auto board = hub.transit.kiosk_board(req.matches[1], param(req, "at"), param(req, "limit"), now_utc());
                 Json stops = Json::array();
                 for (const auto& s : board.stops) {
                   if (s.board) stops.push_back(board_json(*s.board));
                   else stops.push_back(Json{{"stop", {{"stop_id", s.stop_id}}}, {"departures", Json::array()},
                                             {"unknown_stop", true}});
                 }
                 write_json(res, 200,
                            Json{{"kiosk_id", board.kiosk_id},
                                 {"at", format_iso8601(board.at, board.timezone)},
                                 {"timezone", board.timezone},
                                 {"stops", stops}});
               });
             });

  server.Put(R"(/api/v1/kiosks/([A-Za-z0-9._-]{1,64})/stops)", [&hub](const httplib::Request& req,
                                                                         httplib::Response& res) {
    guarded(res, [&] {
      require_role(hub, req, {Role::bureau, Role::admin});
      Json body = parse_body(req);
      if (!body.is_object() || !body.contains("stops") || !body["stops"].is_array())
        throw ValidationError("stops", "must be an array of stop_id strings");
      std::vector<std::string> stops;
      for (const auto& s : body["stops"]) {
        if (!s.is_string()) throw ValidationError("stops", "must be an array of stop_id strings");
        stops.push_back(s.get<std::string>());
      }
      auto unknown = hub.transit.set_kiosk_stops(req.matches[1], stops);
      write_json(res, 200, Json{{"kiosk_id", std::string(req.matches[1])}, {"stops", stops}, {"unknown_stops", unknown}});
    });
  });

  server.Get("/api/v1/transit/feed", [&hub](const httplib::Request&, httplib::Response& res) {
    guarded(res, [&] {
      auto f = hub.transit.feed_info();
      if (!f) throw services::NotFound("no transit feed has been imported");
      write_json(res, 200,
                 Json{{"agency_name", f->agency_name},
                      {"timezone", f->timezone},
                      {"imported_at", format_iso8601(f->imported_at, f->timezone)},
                      {"first_date", f->first_date},
                      {"last_date", f->last_date},
                      {"stops", f->stops},
                      {"routes", f->routes},
                      {"trips", f->trips},
                      {"stop_times", f->stop_times},
                      {"departures", f->departures}});
    });
  });

  server.Get("/api/v1/parking", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      Timestamp now = now_utc();
      Timestamp at = hub.parking.parse_at(param(req, "at"), now);
      Json parks = Json::array();
      for (const auto& s : hub.parking.status(at, now)) parks.push_back(car_park_json(s, hub.parking.zone()));
      write_json(res, 200, Json{{"at", format_iso8601(at, hub.parking.zone())}, {"car_parks", parks}});
    });
  });

  server.Get(R"(/api/v1/parking/(\d+))", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      Timestamp now = now_utc();
      auto status = hub.parking.status_of(path_id(req, 1), hub.parking.parse_at(param(req, "at"), now), now);
      write_json(res, 200, car_park_json(status, hub.parking.zone()));
    });
  });

  server.Post("/api/v1/parking", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_user(hub, req);
      write_json(res, 201, to_json(hub.parking.create(who, parse_body(req), now_utc())));
    });
  });

  server.Put(R"(/api/v1/parking/(\d+))", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_user(hub, req);
      write_json(res, 200, to_json(hub.parking.replace(who, path_id(req, 1), parse_body(req), now_utc())));
    });
  });

  server.Post(R"(/api/v1/parking/(\d+)/spaces)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_user(hub, req);
      auto u = hub.parking.staff_spaces(who, path_id(req, 1), parse_body(req), now_utc());
      write_json(res, 200, spaces_update_json(u, hub.parking.zone()));
    });
  });

  server.Post(R"(/api/v1/parking/(\d+)/counts)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_device(hub, req, Principal::Kind::counter);
      auto u = hub.parking.counter_spaces(who, path_id(req, 1), parse_body(req), now_utc());
      write_json(res, 200, spaces_update_json(u, hub.parking.zone()));
    });
  });

  server.Get(R"(/api/v1/venues/(\d+)/calendar\.ics)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto id = path_id(req, 1);
      write_calendar_text(res, hub.ics_export.venue_calendar(id, read_lang(req), now_utc()),
                          "venue-" + std::to_string(id) + ".ics");
    });
  });

  server.Get(R"(/api/v1/events/(\d+)\.ics)", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto id = path_id(req, 1);
      write_calendar_text(res, hub.ics_export.event_calendar(id, read_lang(req), now_utc()),
                          "event-" + std::to_string(id) + ".ics");
    });
  });

  server.Post(R"(/api/v1/venues/(\d+)/calendar\.ics)", [&hub](const httplib::Request& req,
                                                                  httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_user(hub, req);
      auto category = EventCategory::performance;
      if (auto c = param(req, "category")) {
        auto parsed = enum_from<EventCategory>(*c);
        if (!parsed) throw ValidationError("category", "must be one of: " + enum_choices<EventCategory>());
        category = *parsed;
      }
      try {
        auto sum = hub.ics_import.import(who, path_id(req, 1), req.body, now_utc(), category);
        write_json(res, 200,
                   Json{{"vevents", sum.vevents},     {"occurrences", sum.occurrences}, {"created", sum.created},
                        {"updated", sum.updated},     {"unchanged", sum.unchanged},     {"withdrawn", sum.withdrawn},
                        {"event_ids", sum.event_ids}, {"warnings", sum.warnings}});
      } catch (const ical::IcalError& e) {
        FieldErrors lines;
        for (const auto& p : e.problems()) {
          auto& slot = lines["line " + std::to_string(p.line)];
          slot += (slot.empty() ? "" : "; ") + p.message;
        }
        write_error(res, 400, "invalid_calendar", "the calendar was refused; nothing was imported", lines);
      }
    });
  });
}

}  // namespace yeyou::http
