#include "core/ical_timezone.hpp"

#include <algorithm>
#include <set>

#include <date/tz.h>

#include "core/ical_rrule.hpp"

namespace yeyou::ical {

namespace {

const LocalDate kZoneHorizon{2100, 12, 31};
constexpr std::size_t kMaxOnsetsPerRule = 1000;

bool iana_zone(const std::string& name) {
  try {
    date::locate_zone(name);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

int offset_property(const Component& c, std::string_view name) {
  const Property* p = c.property(name);
  if (!p) throw IcalError(c.line, c.name + " has no " + std::string(name));
  auto v = parse_utc_offset(p->value);
  if (!v) throw IcalError(p->line, std::string(name) + " '" + p->value + "' is not a UTC offset such as +0800");
  return *v;
}

}  // namespace

Timestamp local_seconds(const LocalDate& d, int seconds) {
  auto days = date::sys_days{date::year{d.year} / date::month{static_cast<unsigned>(d.month)} /
                             date::day{static_cast<unsigned>(d.day)}};
  return Timestamp{days} + std::chrono::seconds{seconds};
}

int ZoneResolver::CustomZone::offset_at(Timestamp t) const {
  auto it = std::upper_bound(transitions.begin(), transitions.end(), t,
                             [](Timestamp x, const Transition& tr) { return x < tr.at; });
  return it == transitions.begin() ? initial_offset : std::prev(it)->offset;
}

Timestamp ZoneResolver::CustomZone::from_local(Timestamp local) const {
  std::set<int> offsets{initial_offset};
  for (const auto& t : transitions) offsets.insert(t.offset);
  std::optional<Timestamp> best;
  for (int off : offsets) {
    Timestamp u = local - std::chrono::seconds{off};
    if (offset_at(u) == off && (!best || u < *best)) best = u;  // the first occurrence wins
  }
  if (best) return *best;
  // In a gap: use the offset in force before the transition that opened it.
  int before = initial_offset;
  for (const auto& t : transitions) {
    if (local >= t.at + std::chrono::seconds{before} && local < t.at + std::chrono::seconds{t.offset})
      return local - std::chrono::seconds{before};
    before = t.offset;
  }
  return local - std::chrono::seconds{initial_offset};
}

ZoneResolver::CustomZone ZoneResolver::read_zone(const Component& tz) {
  CustomZone zone;
  std::vector<std::pair<Transition, int>> onsets;  // with the offset before each onset
  for (const auto& obs : tz.children) {
    if (obs.name != "STANDARD" && obs.name != "DAYLIGHT") continue;
    int from = offset_property(obs, "TZOFFSETFROM");
    int to = offset_property(obs, "TZOFFSETTO");
    const Property* start_prop = obs.property("DTSTART");
    if (!start_prop) throw IcalError(obs.line, obs.name + " has no DTSTART");
    DateTime start = read_date_time(*start_prop);
    auto add = [&](const LocalDate& d, int secs) {
      onsets.push_back({{local_seconds(d, secs) - std::chrono::seconds{from}, to}, from});
    };
    add(start.date, start.seconds);
    for (const Property* rdate : obs.all("RDATE"))
      for (const auto& dt : read_date_times(*rdate)) add(dt.date, dt.seconds);
    for (const Property* rrule_prop : obs.all("RRULE")) {
      Rrule rule = parse_rrule(*rrule_prop);
      auto within = [&](const LocalDate& d) {
        if (!rule.until) return true;
        if (rule.until->is_date) return d <= rule.until->date;
        Timestamp local = local_seconds(d, start.seconds);
        Timestamp until = local_seconds(rule.until->date, rule.until->seconds);
        return rule.until->utc ? local - std::chrono::seconds{from} <= until : local <= until;
      };
      for (const auto& d : expand_dates(rule, start.date, kZoneHorizon, kMaxOnsetsPerRule, within))
        add(d, start.seconds);
    }
  }
  if (onsets.empty()) throw IcalError(tz.line, "VTIMEZONE has no STANDARD or DAYLIGHT observance");
  std::sort(onsets.begin(), onsets.end(), [](const auto& a, const auto& b) { return a.first.at < b.first.at; });
  zone.initial_offset = onsets.front().second;
  for (const auto& [t, before] : onsets) zone.transitions.push_back(t);
  return zone;
}

ZoneResolver::ZoneResolver(const Component& calendar, std::string floating_zone)
    : floating_(std::move(floating_zone)) {
  for (const auto& c : calendar.children) {
    if (c.name != "VTIMEZONE") continue;
    const Property* id = c.property("TZID");
    if (!id || id->value.empty()) throw IcalError(c.line, "VTIMEZONE has no TZID");
    if (!custom_.emplace(id->value, read_zone(c)).second)
      throw IcalError(id->line, "VTIMEZONE " + id->value + " is defined twice");
  }
}

std::optional<int> ZoneResolver::custom_offset(const std::string& tzid, Timestamp t) const {
  auto it = custom_.find(tzid);
  if (it == custom_.end()) return std::nullopt;
  return it->second.offset_at(t);
}

Timestamp ZoneResolver::instant(const DateTime& dt, int line) const {
  if (dt.utc) return local_seconds(dt.date, dt.seconds);
  if (dt.is_date) return yeyou::from_local(dt.date, 0, floating_);
  if (dt.tzid.empty()) return yeyou::from_local(dt.date, dt.seconds / 60, floating_, dt.seconds % 60);
  if (auto it = custom_.find(dt.tzid); it != custom_.end())
    return it->second.from_local(local_seconds(dt.date, dt.seconds));
  std::string name = dt.tzid;
  if (!name.empty() && name.front() == '/') name.erase(0, 1);
  if (!iana_zone(name)) throw IcalError(line, "TZID '" + dt.tzid + "' is neither a VTIMEZONE of this calendar nor an IANA time zone");
  return yeyou::from_local(dt.date, dt.seconds / 60, name, dt.seconds % 60);
}

}  // namespace yeyou::ical
