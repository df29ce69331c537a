#include "kiosk/ui/logic.hpp"

#include <cmath>

namespace yeyou::kiosk {

const DepartureItem* next_last_bus(const std::vector<DepartureItem>& deps, Timestamp now) {
  const DepartureItem* best = nullptr;
  for (const auto& d : deps)
    if (d.last_of_day && d.departs_at >= now && (!best || d.departs_at < best->departs_at)) best = &d;
  return best;
}

int minutes_until(Timestamp t, Timestamp now) {
  auto s = (t - now).count();
  return s <= 0 ? 0 : static_cast<int>(s / 60);
}

double distance_m(double lat1, double lon1, double lat2, double lon2) {
  constexpr double r = 6371000.0, rad = 3.14159265358979323846 / 180.0;
  double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
  double a = std::sin(dlat / 2) * std::sin(dlat / 2) +
             std::cos(lat1 * rad) * std::cos(lat2 * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * r * std::asin(std::sqrt(a));
}

const VenueView* comfortable_alternative(const ViewModel& vm, const VenueView& v) {
  if (!v.crowd || (*v.crowd != CrowdLevel::crowded && *v.crowd != CrowdLevel::full)) return nullptr;
  const VenueView* best = nullptr;
  double best_d = 0;
  for (const auto& o : vm.venues) {
    if (o.venue.id == v.venue.id || o.venue.category != v.venue.category) continue;
    if (!o.crowd || *o.crowd != CrowdLevel::comfortable || !o.open_now) continue;
    double d = distance_m(v.venue.lat, v.venue.lon, o.venue.lat, o.venue.lon);
    if (!best || d < best_d) {
      best = &o;
      best_d = d;
    }
  }
  return best;
}

std::vector<const EventItem*> filter_events(const ViewModel& vm, const std::vector<EventItem>& items,
                                            std::optional<EventCategory> category, const std::string& district) {
  std::vector<const EventItem*> out;
  for (const auto& e : items) {
    if (category && e.event.category != *category) continue;
    if (!district.empty()) {
      const VenueView* v = vm.venue(e.event.venue_id);
      if (!v || v->venue.district != district) continue;
    }
    out.push_back(&e);
  }
  return out;
}

const EventItem* find_event(const ViewModel& vm, std::int64_t id) {
  for (const auto* list : {&vm.on_now, &vm.later_tonight})
    for (const auto& e : *list)
      if (e.event.id == id) return &e;
  for (const auto& n : vm.coming_nights)
    for (const auto& e : n.events)
      if (e.event.id == id) return &e;
  return nullptr;
}

namespace {

// 550 fen -> "5.50"; 500 -> "5".
std::string yuan(std::int64_t fen) {
  std::string out = std::to_string(fen / 100);
  if (fen % 100 != 0) {
    char buf[4] = {'.', static_cast<char>('0' + fen % 100 / 10), static_cast<char>('0' + fen % 10), 0};
    out.append(buf);
  }
  return out;
}

}  // namespace

FeeText parking_fee_text(const CarParkItem& p) {
  if (p.free_now && p.free_until) return {"parking.free_until", {{"until", *p.free_until}}};
  if (p.free_now) return {"parking.free_now", {}};
  if (p.free_from) {
    if (p.price_now_cents) {
      return {"parking.price_then_free", {{"price", yuan(*p.price_now_cents)}, {"from", *p.free_from}}};
    }
    return {"parking.free_from", {{"from", *p.free_from}}};
  }
  if (p.price_now_cents) {
    return {"parking.price_now", {{"price", yuan(*p.price_now_cents)}}};
  }
  return {"parking.fee_unknown", {}};
}

std::vector<std::string> opening_ranges_tonight(const Venue& v, const LocalDate& night) {
  std::vector<std::string> out;
  for (const auto& r : hours_on(v, night))
    out.push_back(format_minutes(r.open) + "\u2013" + format_minutes(r.close % (24 * 60)));
  return out;
}

}  // namespace yeyou::kiosk
