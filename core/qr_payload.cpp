#include "core/qr_payload.hpp"

#include <stdexcept>

#include "core/ical_events.hpp"
#include "core/ical_writer.hpp"
#include "core/url.hpp"

namespace yeyou {

namespace {

struct Labels {
  const char* board;
  const char* next;
  const char* last;
  const char* separator;
};

Labels labels(Lang lang) {
  switch (lang) {
    case Lang::en: return {"Board at: ", "Next: ", "Last departure: ", " → "};
    case Lang::ko: return {"승차 정류장: ", "다음 차: ", "막차: ", " → "};
    case Lang::zh: break;
  }
  return {"上车站：", "下一班：", "末班车：", " → "};
}


}  // namespace

std::string event_qr_payload(const Event& e, const Venue* venue, Lang lang, Timestamp dtstamp) {
  ical::CalendarEntry entry = ical::calendar_entry(e, venue, lang);
  std::string out = ical::write_vevent(entry, dtstamp, false);
  // Cut the longest free text until the payload fits.
  while (out.size() > kMaxQrPayloadBytes && (!entry.summary.empty() || !entry.location.empty())) {
    std::string& longer = entry.summary.size() >= entry.location.size() ? entry.summary : entry.location;
    longer = ical::truncate_utf8(longer, longer.size() > 16 ? longer.size() - 16 : 0);
    out = ical::write_vevent(entry, dtstamp, false);
  }
  return out;
}

std::string route_summary_payload(const RouteSummary& r, Lang lang) {
  Labels l = labels(lang);
  std::string out = r.route_name;
  if (!r.headsign.empty()) out += l.separator + r.headsign;
  out += "\n";
  if (!r.stop_name.empty()) out += std::string(l.board) + r.stop_name + "\n";
  if (!r.next_departures.empty()) {
    out += l.next;
    for (std::size_t i = 0; i < r.next_departures.size() && i < 5; ++i) {
      if (i > 0) out += " ";
      out += format_hhmm(r.next_departures[i], r.zone);
    }
    out += "\n";
  }
  if (r.last_departure) out += std::string(l.last) + format_hhmm(*r.last_departure, r.zone) + "\n";
  return ical::truncate_utf8(out, kMaxQrPayloadBytes);
}

std::string complaint_tracking_url(std::string_view base, std::string_view case_id, Lang lang) {
  bool http = base.rfind("https://", 0) == 0 || base.rfind("http://", 0) == 0;
  if (!http || base.find_first_of("?# \t\r\n") != std::string_view::npos)
    throw std::invalid_argument("the tracking base must be an http(s) URL without query or fragment");
  if (case_id.empty() || case_id.size() > 128) throw std::invalid_argument("the case id must be 1 to 128 bytes");
  std::string out(base);
  while (!out.empty() && out.back() == '/') out.pop_back();
  out += '/';
  out += percent_encode(case_id);
  out += "?lang=";
  out += lang_code(lang);
  return out;
}

}  // namespace yeyou
