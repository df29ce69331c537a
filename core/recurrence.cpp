#include "core/recurrence.hpp"

#include <algorithm>

namespace yeyou {

Json to_json(const WeeklyRule& r) {
  Json except = Json::array();
  for (const auto& d : r.exceptions) except.push_back(d.to_string());
  return Json{{"weekdays", r.weekdays},
              {"start_time", format_minutes(r.start_minute)},
              {"end_time", format_minutes(r.end_minute)},
              {"from", r.from.to_string()},
              {"until", r.until.to_string()},
              {"except", except}};
}

WeeklyRule read_weekly_rule(FieldReader& parent, const std::string& key) {
  WeeklyRule rule;
  const Json* obj = parent.value(key, Json::value_t::object);
  if (!obj) return rule;
  FieldReader r = parent.nested(*obj, key);
  rule.weekdays = r.weekdays("weekdays");
  auto time = [&](const char* k, int& out) {
    if (auto s = r.text(k, 5)) {
      auto m = parse_hhmm(*s);
      if (!m || *m >= 24 * 60) r.fail(k, "must be HH:MM between 00:00 and 23:59");
      else out = *m;
    }
  };
  time("start_time", rule.start_minute);
  time("end_time", rule.end_minute);
  auto date = [&](const char* k, LocalDate& out) {
    if (auto s = r.text(k, 10)) {
      if (auto d = parse_date(*s)) out = *d;
      else r.fail(k, "must be a date YYYY-MM-DD");
    }
  };
  date("from", rule.from);
  date("until", rule.until);
  if (const Json* ex = r.value("except", Json::value_t::array, false)) {
    for (std::size_t i = 0; i < ex->size() && i < 400; ++i) {
      auto d = (*ex)[i].is_string() ? parse_date((*ex)[i].get<std::string>()) : std::nullopt;
      if (!d) r.fail("except[" + std::to_string(i) + "]", "must be a date YYYY-MM-DD");
      else rule.exceptions.push_back(*d);
    }
  }
  r.reject_unknown();
  if (rule.until < rule.from) r.fail("until", "must not be before from");
  else if (rule.from.plus_days(kMaxRecurrenceDays) < rule.until)
    r.fail("until", "a series may span at most " + std::to_string(kMaxRecurrenceDays) + " days");
  if (rule.start_minute == rule.end_minute) r.fail("end_time", "must differ from start_time");
  return rule;
}

std::vector<TimeWindow> expand(const WeeklyRule& r, std::string_view zone) {
  std::vector<TimeWindow> out;
  for (LocalDate d = r.from; !(r.until < d) && out.size() < kMaxOccurrences; d = d.plus_days(1)) {
    if (std::find(r.weekdays.begin(), r.weekdays.end(), d.iso_weekday()) == r.weekdays.end()) continue;
    if (std::find(r.exceptions.begin(), r.exceptions.end(), d) != r.exceptions.end()) continue;
    LocalDate end_day = r.end_minute <= r.start_minute ? d.plus_days(1) : d;
    out.push_back({from_local(d, r.start_minute, zone), from_local(end_day, r.end_minute, zone)});
  }
  return out;
}

}  // namespace yeyou
