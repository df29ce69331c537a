#include "core/workdays.hpp"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/json_reader.hpp"

namespace yeyou {

WorkCalendar WorkCalendar::load(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read working-day calendar " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return from_json_text(ss.str(), path);
}

WorkCalendar WorkCalendar::from_json_text(const std::string& text, const std::string& origin) {
  Json j = Json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("years") || !j["years"].is_object())
    throw std::runtime_error(origin + ": expected an object with \"years\"");
  WorkCalendar cal;
  for (auto it = j["years"].begin(); it != j["years"].end(); ++it) {
    const std::string& key = it.key();
    if (key.size() != 4 || key.find_first_not_of("0123456789") != std::string::npos)
      throw std::runtime_error(origin + ": year keys must be like \"2026\", got \"" + key + "\"");
    int year = std::stoi(key);
    cal.years_.insert(year);
    auto read = [&](const char* list, std::set<LocalDate>& into) {
      if (!it->contains(list)) return;
      const Json& arr = (*it)[list];
      if (!arr.is_array()) throw std::runtime_error(origin + ": " + key + "." + list + " must be an array");
      for (const auto& v : arr) {
        auto d = v.is_string() ? parse_date(v.get<std::string>()) : std::nullopt;
        if (!d || d->year != year)
          throw std::runtime_error(origin + ": " + key + "." + list + " has a bad date " + v.dump());
        into.insert(*d);
      }
    };
    read("holidays", cal.holidays_);
    read("workdays", cal.workdays_);
  }
  for (const auto& d : cal.holidays_)
    if (cal.workdays_.count(d)) throw std::runtime_error(origin + ": " + d.to_string() + " is both a holiday and a workday");
  return cal;
}

bool WorkCalendar::is_working_day(const LocalDate& d) const {
  if (workdays_.count(d)) return true;
  if (holidays_.count(d)) return false;
  return d.iso_weekday() <= 5;
}

LocalDate WorkCalendar::add_working_days(const LocalDate& d, int n) const {
  LocalDate cur = d;
  int guard = 0;
  while (n > 0 && guard++ < 3660) {
    cur = cur.plus_days(1);
    if (is_working_day(cur)) --n;
  }
  return cur;
}

Timestamp WorkCalendar::deadline(Timestamp received, int working_days, std::string_view zone) const {
  LocalDate day = add_working_days(to_local(received, zone).date, working_days);
  return from_local(day.plus_days(1), 0, zone);
}

int WorkCalendar::working_days_between(const LocalDate& from, const LocalDate& to) const {
  int n = 0;
  for (LocalDate d = from.plus_days(1); !(to < d) && n < 100000; d = d.plus_days(1))
    if (is_working_day(d)) ++n;
  return n;
}

}  // namespace yeyou
