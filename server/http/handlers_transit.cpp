// Night transport and calendars: departures, kiosk departure boards, car
// parks with their night fees, and iCalendar export and import.
#include "core/ical_parser.hpp"
#include "server/http/decoders.hpp"
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http::handlers {
namespace {

Lang read_lang(const Request& req) {
  Lang lang = Lang::zh;
  if (auto code = req.param("lang"); code && !parse_lang(*code, lang))
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

void write_calendar_text(Response& res, const std::string& text, const std::string& filename) {
  res.status = 200;
  res.set_header("Content-Disposition", "inline; filename=\"" + filename + "\"");
  res.set_content(text, "text/calendar; charset=utf-8");
}

}  // namespace

void departures(Exchange& x) {
  services::DepartureRequest q{x.req.param("stop"), x.req.param("at"), x.req.param("limit")};
  write_json(x.res, 200, board_json(x.hub.transit.departures(q, now_utc())));
}

void kiosk_departures(Exchange& x) {
  auto board = x.hub.transit.kiosk_board(x.req.matches[1], x.req.param("at"), x.req.param("limit"), now_utc());
  Json stops = Json::array();
  for (const auto& s : board.stops) {
    if (s.board) stops.push_back(board_json(*s.board));
    else stops.push_back(Json{{"stop", {{"stop_id", s.stop_id}}}, {"departures", Json::array()}, {"unknown_stop", true}});
  }
  write_json(x.res, 200,
             Json{{"kiosk_id", board.kiosk_id},
                  {"at", format_iso8601(board.at, board.timezone)},
                  {"timezone", board.timezone},
                  {"stops", stops}});
}

void set_kiosk_stops(Exchange& x) {
  Json body = parse_body(x.req);
  if (!body.is_object() || !body.contains("stops") || !body["stops"].is_array())
    throw ValidationError("stops", "must be an array of stop_id strings");
  std::vector<std::string> stops;
  for (const auto& s : body["stops"]) {
    if (!s.is_string()) throw ValidationError("stops", "must be an array of stop_id strings");
    stops.push_back(s.get<std::string>());
  }
  auto unknown = x.hub.transit.set_kiosk_stops(x.req.matches[1], stops);
  write_json(x.res, 200, Json{{"kiosk_id", x.req.matches[1]}, {"stops", stops}, {"unknown_stops", unknown}});
}

void transit_feed(Exchange& x) {
  auto f = x.hub.transit.feed_info();
  if (!f) throw services::NotFound("no transit feed has been imported");
  write_json(x.res, 200,
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
}

void list_car_parks(Exchange& x) {
  auto& parking = x.hub.parking;
  Timestamp now = now_utc();
  Timestamp at = parking.parse_at(x.req.param("at"), now);
  Json parks = Json::array();
  for (const auto& s : parking.status(at, now)) parks.push_back(car_park_json(s, parking.zone()));
  write_json(x.res, 200, Json{{"at", format_iso8601(at, parking.zone())}, {"car_parks", parks}});
}

void get_car_park(Exchange& x) {
  auto& parking = x.hub.parking;
  Timestamp now = now_utc();
  auto status = parking.status_of(path_id(x.req), parking.parse_at(x.req.param("at"), now), now);
  write_json(x.res, 200, car_park_json(status, parking.zone()));
}

void create_car_park(Exchange& x) {
  write_json(x.res, 201, to_json(x.hub.parking.create(x.who, decode_new_car_park(parse_body(x.req)), now_utc())));
}

void replace_car_park(Exchange& x) {
  auto id = path_id(x.req);
  write_json(x.res, 200, to_json(x.hub.parking.replace(x.who, id, decode_car_park(parse_body(x.req), id), now_utc())));
}

void staff_spaces(Exchange& x) {
  auto u = x.hub.parking.staff_spaces(x.who, path_id(x.req), decode_spaces_count(parse_body(x.req)), now_utc());
  write_json(x.res, 200, spaces_update_json(u, x.hub.parking.zone()));
}

void counter_spaces(Exchange& x) {
  auto now = now_utc();
  auto count = decode_vehicle_count(parse_body(x.req), x.hub.parking.zone(), now);
  auto u = x.hub.parking.counter_spaces(x.who, path_id(x.req), count, now);
  write_json(x.res, 200, spaces_update_json(u, x.hub.parking.zone()));
}

void venue_calendar(Exchange& x) {
  auto id = path_id(x.req);
  write_calendar_text(x.res, x.hub.ics_export.venue_calendar(id, read_lang(x.req), now_utc()),
                      "venue-" + std::to_string(id) + ".ics");
}

void event_calendar(Exchange& x) {
  auto id = path_id(x.req);
  write_calendar_text(x.res, x.hub.ics_export.event_calendar(id, read_lang(x.req), now_utc()),
                      "event-" + std::to_string(id) + ".ics");
}

void import_calendar(Exchange& x) {
  auto category = EventCategory::performance;
  if (auto c = x.req.param("category")) {
    auto parsed = enum_from<EventCategory>(*c);
    if (!parsed) throw ValidationError("category", "must be one of: " + enum_choices<EventCategory>());
    category = *parsed;
  }
  try {
    auto sum = x.hub.ics_import.import(x.who, path_id(x.req), x.req.body, now_utc(), category);
    write_json(x.res, 200,
               Json{{"vevents", sum.vevents},     {"occurrences", sum.occurrences}, {"created", sum.created},
                    {"updated", sum.updated},     {"unchanged", sum.unchanged},     {"withdrawn", sum.withdrawn},
                    {"event_ids", sum.event_ids}, {"warnings", sum.warnings}});
  } catch (const ical::IcalError& e) {
    FieldErrors lines;
    for (const auto& p : e.problems()) {
      auto& slot = lines["line " + std::to_string(p.line)];
      slot += (slot.empty() ? "" : "; ") + p.message;
    }
    write_error(x.res, 400, "invalid_calendar", "the calendar was refused; nothing was imported", lines);
  }
}

}  // namespace yeyou::http::handlers
