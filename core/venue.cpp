#include "core/venue.hpp"

#include <algorithm>

namespace yeyou {

Json opening_hours_json(const std::vector<OpeningRule>& rules) {
  Json arr = Json::array();
  for (const auto& r : rules)
    arr.push_back({{"days", r.days}, {"open", format_minutes(r.open)}, {"close", format_minutes(r.close)}});
  return arr;
}

std::vector<OpeningRule> read_opening_hours(FieldReader& r, const std::string& key) {
  std::vector<OpeningRule> out;
  const Json* arr = r.value(key, Json::value_t::array, true);
  if (!arr) return out;
  if (arr->size() > 28) {
    r.fail(key, "has more than 28 rules");
    return out;
  }
  for (std::size_t i = 0; i < arr->size(); ++i) {
    std::string k = key + "[" + std::to_string(i) + "]";
    FieldReader rr = r.nested((*arr)[i], k);
    OpeningRule rule;
    rule.days = rr.weekdays("days");
    auto open = rr.text("open", 5);
    auto close = rr.text("close", 5);
    if (open) {
      auto m = parse_hhmm(*open);
      if (!m || *m == 24 * 60) rr.fail("open", "must be HH:MM between 00:00 and 23:59");
      else rule.open = *m;
    }
    if (close) {
      auto m = parse_hhmm(*close);
      if (!m) rr.fail("close", "must be HH:MM between 00:00 and 24:00");
      else rule.close = *m;
    }
    rr.reject_unknown();
    out.push_back(rule);
  }
  return out;
}

Json to_json(const Venue& v) {
  return Json{{"id", v.id},
              {"name", to_json(v.name)},
              {"category", name_of(v.category)},
              {"district", v.district},
              {"address", to_json(v.address)},
              {"lat", v.lat},
              {"lon", v.lon},
              {"opening_hours", opening_hours_json(v.opening_hours)},
              {"capacity", v.capacity},
              {"phone", v.phone}};
}

Venue venue_from_json(const Json& j, bool require_id) {
  FieldErrors errors;
  FieldReader r(j, errors);
  Venue v;
  v.id = r.integer("id", 1, INT32_MAX, require_id).value_or(0);
  v.name = read_localized(r, "name", 200);
  v.category = read_enum<VenueCategory>(r, "category").value_or(VenueCategory::scenic_spot);
  v.district = r.text("district", 64, true, 1).value_or("");
  v.address = read_localized(r, "address", 400);
  v.lat = r.number("lat", -90, 90).value_or(0);
  v.lon = r.number("lon", -180, 180).value_or(0);
  v.opening_hours = read_opening_hours(r, "opening_hours");
  v.capacity = r.integer("capacity", 1, 10'000'000).value_or(0);
  v.phone = r.text("phone", 32, true, 3).value_or("");
  if (!v.phone.empty() &&
      v.phone.find_first_not_of("0123456789+- ()") != std::string::npos)
    r.fail("phone", "may contain only digits, spaces, +, -, ( and )");
  r.reject_unknown();
  throw_if_errors(errors);
  return v;
}

Json to_json(const District& d) { return Json{{"id", d.id}, {"name", to_json(d.name)}}; }

District district_from_json(const Json& j) {
  FieldErrors errors;
  FieldReader r(j, errors);
  District d;
  d.id = r.text("id", 64, true, 1).value_or("");
  d.name = read_localized(r, "name", 200);
  r.reject_unknown();
  throw_if_errors(errors);
  return d;
}

static bool has_day(const OpeningRule& r, int day) {
  return std::find(r.days.begin(), r.days.end(), day) != r.days.end();
}

bool is_open_at(const Venue& v, Timestamp t, std::string_view zone) {
  auto l = to_local(t, zone);
  int today = l.date.iso_weekday();
  int yesterday = today == 1 ? 7 : today - 1;
  for (const auto& r : v.opening_hours) {
    if (r.crosses_midnight()) {
      if (has_day(r, today) && l.minute_of_day >= r.open) return true;
      if (has_day(r, yesterday) && l.minute_of_day < r.close) return true;
    } else if (has_day(r, today) && l.minute_of_day >= r.open && l.minute_of_day < r.close) {
      return true;
    }
  }
  return false;
}

std::vector<OpeningRule> hours_on(const Venue& v, const LocalDate& d) {
  std::vector<OpeningRule> out;
  int wd = d.iso_weekday();
  for (const auto& r : v.opening_hours)
    if (has_day(r, wd)) out.push_back(r);
  return out;
}

}  // namespace yeyou
