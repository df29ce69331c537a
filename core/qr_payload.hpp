#pragma once
// The text a kiosk encodes in a QR code (the kiosk draws it with libqrencode):
// - an event as one VEVENT, which phone cameras offer to add to a calendar;
// - a route summary to take along: route, direction, stop, next and last departures;
// - the URL where a visitor follows a complaint or rating case.
// Payloads stay short so the code stays scannable on a kiosk screen.
#include <optional>
#include <string>
#include <vector>

#include "core/event.hpp"
#include "core/venue.hpp"

namespace yeyou {

inline constexpr std::size_t kMaxQrPayloadBytes = 1200;

// BEGIN:VEVENT … END:VEVENT (CRLF, folded) without the description, so the
// code stays small; the summary is cut to fit kMaxQrPayloadBytes.
std::string event_qr_payload(const Event& e, const Venue* venue, Lang lang, Timestamp dtstamp);

struct RouteSummary {
  std::string route_name;
  std::string headsign;
  std::string stop_name;
  std::vector<Timestamp> next_departures;  // shown as HH:MM, at most 5
  std::optional<Timestamp> last_departure;
  std::string zone = std::string(kDefaultZone);
};
// Plain UTF-8 lines in the visitor's language, e.g.
//   夜游 3 路 → 海滨公园
//   上车站：人民广场
//   下一班：22:40 23:10
//   末班车：23:10
std::string route_summary_payload(const RouteSummary& r, Lang lang);

// "<base>/<case id, percent-encoded>?lang=zh". `base` is the public tracking
// page, e.g. "https://yeyou.example/track". Throws std::invalid_argument for
// a base that is not an http(s) URL without query or fragment, or an empty id.
std::string complaint_tracking_url(std::string_view base, std::string_view case_id, Lang lang);

}  // namespace yeyou
