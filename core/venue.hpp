#pragma once
// A venue of the night-tourism district, with weekly opening hours that may
// cross midnight and a maximum instantaneous capacity (LB/T 034-2014).
#include <cstdint>
#include <string>
#include <vector>

#include "core/enum_names.hpp"
#include "core/localized_text.hpp"
#include "core/time.hpp"

namespace yeyou {

enum class VenueCategory {
  scenic_spot, museum, theatre, night_market, food_street, bar_street, shopping, park_square, sports, beach
};
template <>
struct EnumNames<VenueCategory> {
  static constexpr std::array<std::string_view, 10> names{"scenic_spot", "museum",      "theatre",  "night_market",
                                                          "food_street", "bar_street", "shopping", "park_square",
                                                          "sports",      "beach"};
};

// Open from `open` to `close` (minutes after local midnight) on each ISO
// weekday in `days`; close <= open means it closes the next morning.
struct OpeningRule {
  std::vector<int> days;  // 1 = Monday .. 7 = Sunday
  int open = 0;
  int close = 24 * 60;
  bool crosses_midnight() const { return close <= open; }
  bool operator==(const OpeningRule&) const = default;
};

struct Venue {
  std::int64_t id = 0;
  LocalizedText name;
  VenueCategory category = VenueCategory::scenic_spot;
  std::string district;  // district id, e.g. "huancui"
  LocalizedText address;
  double lat = 0, lon = 0;
  std::vector<OpeningRule> opening_hours;
  std::int64_t capacity = 0;
  std::string phone;
  bool operator==(const Venue&) const = default;
};

struct District {
  std::string id;
  LocalizedText name;
};

Json to_json(const Venue& v);
// Validates every field; `require_id` is false for a venue being created.
Venue venue_from_json(const Json& j, bool require_id = true);
Json to_json(const District& d);
District district_from_json(const Json& j);

std::vector<OpeningRule> read_opening_hours(FieldReader& r, const std::string& key);
Json opening_hours_json(const std::vector<OpeningRule>& rules);

// Is the venue open at this instant (local time in `zone`)?
bool is_open_at(const Venue& v, Timestamp t, std::string_view zone = kDefaultZone);
// Rules that apply to the night of `d` (opening on that weekday).
std::vector<OpeningRule> hours_on(const Venue& v, const LocalDate& d);

}  // namespace yeyou
