#include "kiosk/data/view_model.hpp"

#include <algorithm>
#include <chrono>
#include <map>

namespace yeyou::kiosk {
namespace {

int days_between(const LocalDate& a, const LocalDate& b) {
  using std::chrono::sys_days;
  auto to_days = [](const LocalDate& d) {
    return sys_days{std::chrono::year{d.year} / std::chrono::month{static_cast<unsigned>(d.month)} /
                    std::chrono::day{static_cast<unsigned>(d.day)}};
  };
  return static_cast<int>((to_days(b) - to_days(a)).count());
}

EventItem make_item(const Event& e, Timestamp now) {
  EventItem item{e, phase_at(e, now), 0, 0};
  LocalDate today = to_local(now).date;
  LocalDate start_day = to_local(e.start).date;
  // An end at exactly 00:00 belongs to the evening before it.
  LocalDate end_day = to_local(e.end - std::chrono::seconds{1}).date;
  item.start_day_offset = days_between(today, start_day);
  item.end_day_offset = days_between(start_day, end_day);
  return item;
}

bool by_start(const EventItem& a, const EventItem& b) {
  if (a.event.start != b.event.start) return a.event.start < b.event.start;
  if (a.event.end != b.event.end) return a.event.end < b.event.end;
  return a.event.id < b.event.id;
}

void append(std::string& out, const LocalizedText& t) {
  for (const std::string* s : {&t.zh, &t.en, &t.ko}) {
    out += *s;
    out += '\n';
  }
}

}  // namespace

const VenueView* ViewModel::venue(std::int64_t id) const {
  auto it = std::lower_bound(venues.begin(), venues.end(), id,
                             [](const VenueView& v, std::int64_t key) { return v.venue.id < key; });
  return it != venues.end() && it->venue.id == id ? &*it : nullptr;
}

const District* ViewModel::district(const std::string& id) const {
  for (const auto& d : districts)
    if (d.id == id) return &d;
  return nullptr;
}

TimeWindow fetch_window(Timestamp now, int nights_ahead) {
  TimeWindow tonight = tonight_window(night_of(now));
  TimeWindow last = tonight_window(night_of(now).plus_days(std::max(0, nights_ahead)));
  return {std::min(now, tonight.begin), last.end};
}

ViewModel build_view_model(const VenuesPayload& venues, const std::vector<Event>& events, const SyncStatus& sync,
                           Timestamp now, const ViewModelOptions& options) {
  ViewModel vm;
  vm.now = now;
  vm.tonight = night_of(now);
  vm.tonight_window = tonight_window(vm.tonight);
  vm.sync = sync;
  vm.districts = venues.districts;

  const auto stale_after = std::chrono::minutes{options.occupancy_stale_minutes};
  for (const auto& v : venues.venues) {
    VenueView view{v.venue, v.occupancy, std::nullopt, false, is_open_at(v.venue, now)};
    if (v.occupancy) {
      if (now - v.occupancy->taken_at > stale_after) {
        view.occupancy_stale = true;
      } else {
        view.crowd = v.level ? *v.level
                             : crowd_level(v.occupancy->count, v.occupancy->capacity, options.thresholds);
      }
    }
    vm.venues.push_back(std::move(view));
  }
  std::sort(vm.venues.begin(), vm.venues.end(),
            [](const VenueView& a, const VenueView& b) { return a.venue.id < b.venue.id; });

  std::map<LocalDate, std::vector<EventItem>> coming;
  const LocalDate last_night = vm.tonight.plus_days(options.nights_ahead);
  for (const auto& e : events) {
    if (e.end <= now) continue;  // over
    EventItem item = make_item(e, now);
    if (e.start <= now) {
      vm.on_now.push_back(std::move(item));
    } else if (vm.tonight_window.contains(e.start)) {
      vm.later_tonight.push_back(std::move(item));
    } else {
      // A later night's listing holds the events that overlap that night's
      // window; a morning or afternoon event is not a night listing.
      LocalDate night = night_of(e.start);
      if (night > vm.tonight && night <= last_night && overlaps(e, tonight_window(night)))
        coming[night].push_back(std::move(item));
    }
  }
  std::sort(vm.on_now.begin(), vm.on_now.end(), by_start);
  std::sort(vm.later_tonight.begin(), vm.later_tonight.end(), by_start);
  for (auto& [night, items] : coming) {
    std::sort(items.begin(), items.end(), by_start);
    vm.coming_nights.push_back({night, std::move(items)});
  }
  return vm;
}

std::string content_text(const ViewModel& vm) {
  std::string out;
  for (const auto& v : vm.venues) {
    append(out, v.venue.name);
    append(out, v.venue.address);
  }
  for (const auto& d : vm.districts) append(out, d.name);
  auto add_events = [&out](const std::vector<EventItem>& items) {
    for (const auto& i : items) {
      append(out, i.event.title);
      append(out, i.event.description);
    }
  };
  add_events(vm.on_now);
  add_events(vm.later_tonight);
  for (const auto& n : vm.coming_nights) add_events(n.events);
  out += vm.sync.last_error;
  return out;
}

std::int64_t first_event_id(const ViewModel& vm) {
  for (const auto* list : {&vm.on_now, &vm.later_tonight})
    if (!list->empty()) return list->front().event.id;
  for (const auto& n : vm.coming_nights)
    if (!n.events.empty()) return n.events.front().event.id;
  return 0;
}

std::string heading_text(const ViewModel& vm) {
  std::string out;
  for (const auto& v : vm.venues) append(out, v.venue.name);
  auto add_events = [&out](const std::vector<EventItem>& items) {
    for (const auto& i : items) append(out, i.event.title);
  };
  add_events(vm.on_now);
  add_events(vm.later_tonight);
  for (const auto& n : vm.coming_nights) add_events(n.events);
  for (const auto& n : vm.notices) append(out, n.text);
  for (const auto& d : vm.departures) out += d.route_name + d.headsign + d.stop_name;
  for (const auto& p : vm.car_parks) append(out, p.name);
  return out;
}

}  // namespace yeyou::kiosk
