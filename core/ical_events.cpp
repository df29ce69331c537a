#include "core/ical_events.hpp"

#include <algorithm>
#include <map>
#include <optional>

#include "core/event.hpp"
#include "core/ical_rrule.hpp"
#include "core/ical_timezone.hpp"
#include "core/ical_values.hpp"

namespace yeyou::ical {

namespace {

constexpr auto kDefaultTimedLength = std::chrono::hours{1};
constexpr std::size_t kMaxProblems = 50;

// One VEVENT, read and checked.
struct VEvent {
  const Component* c = nullptr;
  std::string uid;
  DateTime start;
  bool all_day = false;
  std::chrono::seconds length{0};  // timed events
  int days = 1;                    // all-day events
  std::optional<DateTime> recurrence_id;
  std::optional<Rrule> rrule;
  std::vector<DateTime> rdates, exdates;
  std::string summary, description, location;
  bool cancelled = false;
};

class Reader {
 public:
  Reader(const ExpandOptions& o, const ZoneResolver& zones, CalendarEvents& out) : o_(o), zones_(zones), out_(out) {}

  std::optional<VEvent> read(const Component& c);
  void expand(const VEvent& master, std::vector<Occurrence>& out);
  void add_single(const VEvent& e, Timestamp key, std::vector<Occurrence>& out);
  Timestamp key_of(const DateTime& dt, int line) const {
    return dt.is_date ? yeyou::from_local(dt.date, 0, zones_.floating_zone()) : zones_.instant(dt, line);
  }
  std::vector<Problem> problems;

 private:
  void problem(int line, const std::string& message) { problems.push_back({line, message}); }
  void warn(int line, const std::string& message) {
    out_.warnings.push_back("line " + std::to_string(line) + ": " + message);
  }
  std::string text(const Component& c, std::string_view name, std::size_t max_bytes, bool one_line);
  // The occurrence(s) of one start date: all-day events become one per day.
  void emit(const VEvent& e, const LocalDate& date, int seconds, const DateTime& like, Timestamp key,
            std::vector<Occurrence>& out);

  const ExpandOptions& o_;
  const ZoneResolver& zones_;
  CalendarEvents& out_;
};

std::string Reader::text(const Component& c, std::string_view name, std::size_t max_bytes, bool one_line) {
  const Property* p = c.property(name);
  if (!p) return {};
  std::string s = unescape_text(p->value);
  if (one_line) std::replace(s.begin(), s.end(), '\n', ' ');
  if (s.size() > max_bytes) {
    warn(p->line, std::string(name) + " cut to " + std::to_string(max_bytes) + " bytes");
    s = truncate_utf8(s, max_bytes);
  }
  return s;
}

std::optional<VEvent> Reader::read(const Component& c) {
  std::size_t before = problems.size();
  VEvent e;
  e.c = &c;
  auto guard = [&](auto&& f) {
    try {
      f();
    } catch (const IcalError& err) {
      problems.insert(problems.end(), err.problems().begin(), err.problems().end());
    }
  };
  const Property* uid = c.property("UID");
  const Property* start = c.property("DTSTART");
  std::string missing;
  if (!uid || uid->value.empty()) missing += "UID";
  if (!start) missing += missing.empty() ? "DTSTART" : ", DTSTART";
  if (!missing.empty()) problem(c.line, "VEVENT has no " + missing);
  if (uid) e.uid = unescape_text(uid->value);
  if (start) guard([&] {
      e.start = read_date_time(*start);
      e.all_day = e.start.is_date;
      zones_.instant(e.start, start->line);  // an unknown TZID is reported here
    });
  if (const Property* rid = c.property("RECURRENCE-ID")) guard([&] {
      e.recurrence_id = read_date_time(*rid);
      if (const std::string* range = rid->param("RANGE"))
        warn(rid->line, "RANGE=" + *range + " is not supported; only this occurrence is changed");
    });
  const Property* end = c.property("DTEND");
  const Property* duration = c.property("DURATION");
  if (end && duration) problem(duration->line, "DTEND and DURATION must not both be given");
  if (problems.size() == before && start) {
    if (end) guard([&] {
        DateTime d = read_date_time(*end);
        if (d.is_date != e.all_day) throw IcalError(end->line, "DTEND must be a DATE exactly when DTSTART is");
        if (e.all_day) {
          auto span = (local_seconds(d.date, 0) - local_seconds(e.start.date, 0)).count() / 86400;
          if (span < 0) throw IcalError(end->line, "DTEND is before DTSTART");
          e.days = std::max<int>(1, static_cast<int>(span));  // DTEND equal to DTSTART: one day
        } else {
          e.length = zones_.instant(d, end->line) - zones_.instant(e.start, start->line);
          if (e.length.count() < 0) throw IcalError(end->line, "DTEND is before DTSTART");
        }
      });
    if (duration) guard([&] {
        auto d = parse_duration(duration->value);
        if (!d || d->count() < 0) throw IcalError(duration->line, "DURATION '" + duration->value + "' is not a positive duration");
        if (e.all_day) e.days = std::max<int>(1, static_cast<int>(d->count() / 86400));
        else e.length = *d;
      });
    if (!e.all_day && e.length.count() == 0) {
      warn(c.line, "no DTEND or DURATION (or zero length); the event is taken to last one hour");
      e.length = kDefaultTimedLength;
    }
    if (!e.all_day && e.length.count() > kMaxEventSeconds)
      problem(end ? end->line : duration ? duration->line : c.line, "the event lasts more than 24 hours");
    if (e.all_day && e.days > o_.max_all_day_span_days)
      problem(end ? end->line : c.line, "an all-day event may span at most " + std::to_string(o_.max_all_day_span_days) + " days");
  }
  auto rrules = c.all("RRULE");
  if (rrules.size() > 1) problem(rrules[1]->line, "more than one RRULE");
  if (!rrules.empty()) guard([&] { e.rrule = parse_rrule(*rrules.front()); });
  for (const Property* p : c.all("RDATE"))
    guard([&] {
      for (auto dt : read_date_times(*p)) e.rdates.push_back(dt);
    });
  for (const Property* p : c.all("EXDATE"))
    guard([&] {
      for (auto dt : read_date_times(*p)) e.exdates.push_back(dt);
    });
  e.summary = text(c, "SUMMARY", o_.max_summary_bytes, true);
  e.description = text(c, "DESCRIPTION", o_.max_description_bytes, false);
  e.location = text(c, "LOCATION", o_.max_summary_bytes, true);
  if (const Property* status = c.property("STATUS")) e.cancelled = status->value == "CANCELLED";
  if (e.summary.empty() && !e.recurrence_id && problems.size() == before) problem(c.line, "VEVENT has no SUMMARY");
  if (problems.size() != before) return std::nullopt;
  return e;
}

void Reader::emit(const VEvent& e, const LocalDate& date, int seconds, const DateTime& like, Timestamp key,
                  std::vector<Occurrence>& out) {
  Occurrence o;
  o.uid = e.uid;
  o.all_day = e.all_day;
  o.cancelled = e.cancelled;
  o.summary = e.summary;
  o.description = e.description;
  o.location = e.location;
  o.line = e.c->line;
  if (!e.all_day) {
    DateTime dt = like;
    dt.date = date;
    dt.seconds = seconds;
    o.key = key;
    o.start = zones_.instant(dt, e.c->line);
    o.end = o.start + e.length;
    out.push_back(std::move(o));
    return;
  }
  for (int i = 0; i < e.days; ++i) {
    LocalDate day = date.plus_days(i);
    o.start = yeyou::from_local(day, 0, zones_.floating_zone());
    o.end = std::min(yeyou::from_local(day.plus_days(1), 0, zones_.floating_zone()),
                     o.start + std::chrono::seconds{kMaxEventSeconds});
    o.key = i == 0 ? key : o.start;
    out.push_back(o);
  }
}

void Reader::add_single(const VEvent& e, Timestamp key, std::vector<Occurrence>& out) {
  emit(e, e.start.date, e.start.seconds, e.start, key, out);
}

void Reader::expand(const VEvent& m, std::vector<Occurrence>& out) {
  Timestamp first_key = key_of(m.start, m.c->line);
  if (!m.rrule && m.rdates.empty()) {
    add_single(m, first_key, out);
    return;
  }
  const Timestamp not_before = o_.now - std::chrono::days{o_.past_days};
  const Timestamp not_after = o_.now + std::chrono::days{o_.horizon_days};
  const LocalDate horizon = to_local(not_after, zones_.floating_zone()).date.plus_days(1);
  // Start dates (with DTSTART's time) from the RRULE, plus RDATEs with their own times.
  std::vector<std::pair<DateTime, Timestamp>> starts;  // (local start, key)
  auto key_at = [&](const LocalDate& d, int secs, const DateTime& like) {
    DateTime dt = like;
    dt.date = d;
    dt.seconds = secs;
    return key_of(dt, m.c->line);
  };
  if (m.rrule) {
    const Rrule& r = *m.rrule;
    auto within = [&](const LocalDate& d) {
      if (!r.until) return true;
      if (r.until->is_date || m.all_day) return d <= r.until->date;
      if (r.until->utc) return key_at(d, m.start.seconds, m.start) <= local_seconds(r.until->date, r.until->seconds);
      return local_seconds(d, m.start.seconds) <= local_seconds(r.until->date, r.until->seconds);
    };
    for (const auto& d : expand_dates(r, m.start.date, horizon, 100'000, within)) {
      DateTime dt = m.start;
      dt.date = d;
      starts.emplace_back(dt, key_at(d, m.start.seconds, m.start));
    }
  } else {
    starts.emplace_back(m.start, first_key);
  }
  for (const auto& rd : m.rdates) {
    DateTime dt = m.start;
    dt.date = rd.date;
    if (!m.all_day && !rd.is_date) {
      dt = rd;
      if (!rd.utc && rd.tzid.empty()) dt.tzid = m.start.tzid;
    }
    starts.emplace_back(dt, key_of(dt, m.c->line));
  }
  // EXDATE: by instant, or by local date when the EXDATE (or the event) is a DATE.
  auto excluded = [&](const std::pair<DateTime, Timestamp>& s) {
    for (const auto& x : m.exdates) {
      if (x.is_date || m.all_day) {
        if (x.date == s.first.date) return true;
      } else if (key_of(x, m.c->line) == s.second) {
        return true;
      }
    }
    return false;
  };
  std::sort(starts.begin(), starts.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
  starts.erase(std::unique(starts.begin(), starts.end(), [](const auto& a, const auto& b) { return a.second == b.second; }),
               starts.end());
  std::size_t kept = 0;
  for (const auto& s : starts) {
    if (excluded(s)) continue;
    if (s.second > not_after) break;
    std::vector<Occurrence> made;
    emit(m, s.first.date, s.first.seconds, s.first, s.second, made);
    if (made.empty() || made.back().end < not_before) continue;
    if (++kept > o_.max_per_series) {
      warn(m.c->line, "UID " + m.uid + ": only the first " + std::to_string(o_.max_per_series) +
                          " occurrences are imported");
      break;
    }
    out.insert(out.end(), made.begin(), made.end());
  }
}

}  // namespace

std::string truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut));
}

CalendarEvents read_events(std::string_view text, const ExpandOptions& options, const Limits& limits) {
  CalendarEvents result;
  std::vector<Problem> problems;
  auto calendars = parse(text, limits, &problems);
  for (const auto& cal : calendars) {
    std::optional<ZoneResolver> zones;
    try {
      zones.emplace(cal, options.floating_zone);
    } catch (const IcalError& e) {
      problems.insert(problems.end(), e.problems().begin(), e.problems().end());
      continue;
    }
    Reader reader(options, *zones, result);
    // Group by UID: the master and its RECURRENCE-ID overrides, in file order.
    std::vector<std::string> order;
    std::map<std::string, std::pair<std::optional<VEvent>, std::vector<VEvent>>> groups;
    std::size_t ignored = 0;
    for (const auto& c : cal.children) {
      if (c.name != "VEVENT") {
        if (c.name != "VTIMEZONE" && c.name.rfind("X-", 0) != 0) ++ignored;
        continue;
      }
      ++result.vevents;
      auto e = reader.read(c);
      if (!e) continue;
      auto [it, fresh] = groups.try_emplace(e->uid);
      if (fresh) order.push_back(e->uid);
      auto& [master, overrides] = it->second;
      if (!e->recurrence_id) {
        if (master) reader.problems.push_back({c.line, "UID " + e->uid + " is defined twice (first at line " + std::to_string(master->c->line) + ")"});
        else master = std::move(*e);
      } else {
        for (const auto& other : overrides)
          if (other.recurrence_id == e->recurrence_id)
            reader.problems.push_back({c.line, "UID " + e->uid + " overrides the same RECURRENCE-ID twice"});
        overrides.push_back(std::move(*e));
      }
    }
    if (ignored > 0)
      result.warnings.push_back("line " + std::to_string(cal.line) + ": ignored " + std::to_string(ignored) +
                                " components other than VEVENT (VTODO, VJOURNAL, ...)");
    for (const auto& uid : order) {
      auto& [master, overrides] = groups[uid];
      std::vector<Occurrence> occ;
      try {
        if (master) reader.expand(*master, occ);
        for (auto& o : overrides) {
          Timestamp key = reader.key_of(*o.recurrence_id, o.c->line);
          occ.erase(std::remove_if(occ.begin(), occ.end(), [&](const Occurrence& x) { return x.key == key; }),
                    occ.end());
          if (master) {  // an override inherits what it does not say
            if (o.summary.empty()) o.summary = master->summary;
            if (o.description.empty()) o.description = master->description;
            if (o.location.empty()) o.location = master->location;
            if (master->cancelled) o.cancelled = true;
          }
          if (o.summary.empty()) {
            reader.problems.push_back({o.c->line, "VEVENT has no SUMMARY"});
            continue;
          }
          reader.add_single(o, key, occ);
        }
      } catch (const IcalError& e) {
        reader.problems.insert(reader.problems.end(), e.problems().begin(), e.problems().end());
      }
      std::stable_sort(occ.begin(), occ.end(), [](const Occurrence& a, const Occurrence& b) { return a.start < b.start; });
      result.occurrences.insert(result.occurrences.end(), occ.begin(), occ.end());
    }
    problems.insert(problems.end(), reader.problems.begin(), reader.problems.end());
  }
  if (result.occurrences.size() > options.max_total)
    problems.push_back({1, "the calendar expands to more than " + std::to_string(options.max_total) + " occurrences"});
  if (!problems.empty()) {
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) { return a.line < b.line; });
    if (problems.size() > kMaxProblems) {
      std::size_t more = problems.size() - kMaxProblems;
      problems.resize(kMaxProblems);
      problems.push_back({problems.back().line, "and " + std::to_string(more) + " more problems"});
    }
    throw IcalError(std::move(problems));
  }
  return result;
}

}  // namespace yeyou::ical
