#pragma once
// Pure decisions the screens make from the view-model (tested without SDL).
#include <optional>
#include <string>
#include <vector>

#include "kiosk/data/view_model.hpp"

namespace yeyou::kiosk {

// The last departure of the day still to come (soonest first), if any.
const DepartureItem* next_last_bus(const std::vector<DepartureItem>& deps, Timestamp now);
// Whole minutes from now until t (0 when due or past).
int minutes_until(Timestamp t, Timestamp now);

// When `v` is crowded or full: the nearest other venue of the same category
// whose current level is comfortable (by great-circle distance); else null.
const VenueView* comfortable_alternative(const ViewModel& vm, const VenueView& v);
double distance_m(double lat1, double lon1, double lat2, double lon2);

// Events filtered by category and district (empty district = all).
std::vector<const EventItem*> filter_events(const ViewModel& vm, const std::vector<EventItem>& items,
                                            std::optional<EventCategory> category, const std::string& district);
// Finds an event by id in tonight's and the coming nights' lists.
const EventItem* find_event(const ViewModel& vm, std::int64_t id);

// Car park fee in plain words, as a lang-file key and its arguments:
// "parking.free_until" {until}, "parking.free_from" {from}, "parking.price_now" {price}, or "parking.fee_unknown".
struct FeeText {
  std::string key;
  std::map<std::string, std::string> args;
};
FeeText parking_fee_text(const CarParkItem& p);

// Opening hours tonight as "18:00–02:00" ranges; empty when closed tonight.
std::vector<std::string> opening_ranges_tonight(const Venue& v, const LocalDate& night);

}  // namespace yeyou::kiosk
