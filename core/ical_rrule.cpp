#include "core/ical_rrule.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

namespace yeyou::ical {

namespace {

constexpr std::array<std::string_view, 7> kDays{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
constexpr int kMaxPeriods = 200'000;

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t at = s.find(sep, start);
    out.push_back(s.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

std::optional<int> integer(std::string_view s) {
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  int v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

std::optional<int> weekday(std::string_view s) {
  for (std::size_t i = 0; i < kDays.size(); ++i)
    if (kDays[i] == s) return static_cast<int>(i) + 1;
  return std::nullopt;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr std::array<int, 12> days{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : days[static_cast<std::size_t>(m - 1)];
}

// The days of one month that the rule's BYDAY / BYMONTHDAY select (or `fallback_day`).
std::vector<int> month_days(const Rrule& r, int y, int m, int fallback_day) {
  int n = days_in_month(y, m);
  std::set<int> by_month_day, by_day;
  for (int d : r.by_month_day) {
    int day = d > 0 ? d : n + d + 1;
    if (day >= 1 && day <= n) by_month_day.insert(day);
  }
  int first_weekday = LocalDate{y, m, 1}.iso_weekday();
  for (const auto& wd : r.by_day) {
    int first = 1 + (wd.weekday - first_weekday + 7) % 7;
    std::vector<int> all;
    for (int day = first; day <= n; day += 7) all.push_back(day);
    if (wd.ordinal == 0) by_day.insert(all.begin(), all.end());
    else if (wd.ordinal > 0 && wd.ordinal <= static_cast<int>(all.size()))
      by_day.insert(all[static_cast<std::size_t>(wd.ordinal - 1)]);
    else if (wd.ordinal < 0 && -wd.ordinal <= static_cast<int>(all.size()))
      by_day.insert(all[all.size() - static_cast<std::size_t>(-wd.ordinal)]);
  }
  std::vector<int> out;
  if (!r.by_month_day.empty() && !r.by_day.empty()) {
    std::set_intersection(by_month_day.begin(), by_month_day.end(), by_day.begin(), by_day.end(),
                          std::back_inserter(out));
  } else if (!r.by_month_day.empty()) {
    out.assign(by_month_day.begin(), by_month_day.end());
  } else if (!r.by_day.empty()) {
    out.assign(by_day.begin(), by_day.end());
  } else if (fallback_day <= n) {
    out.push_back(fallback_day);
  }
  return out;
}

bool month_allowed(const Rrule& r, int month) {
  return r.by_month.empty() || std::find(r.by_month.begin(), r.by_month.end(), month) != r.by_month.end();
}

// Candidate dates of period k (unsorted within a period is not allowed: sorted).
std::vector<LocalDate> period_dates(const Rrule& r, const LocalDate& start, long k, LocalDate& period_begin) {
  std::vector<LocalDate> out;
  switch (r.frequency) {
    case Frequency::daily: {
      LocalDate d = start.plus_days(static_cast<int>(k * r.interval));
      period_begin = d;
      bool day_ok = r.by_day.empty() || std::any_of(r.by_day.begin(), r.by_day.end(),
                                                    [&](const WeekdayNum& w) { return w.weekday == d.iso_weekday(); });
      int n = days_in_month(d.year, d.month);
      bool month_day_ok = r.by_month_day.empty() || std::any_of(r.by_month_day.begin(), r.by_month_day.end(),
                                                                [&](int md) { return (md > 0 ? md : n + md + 1) == d.day; });
      if (day_ok && month_day_ok && month_allowed(r, d.month)) out.push_back(d);
      break;
    }
    case Frequency::weekly: {
      LocalDate week = start.plus_days(-((start.iso_weekday() - r.week_start + 7) % 7));
      week = week.plus_days(static_cast<int>(k * 7 * r.interval));
      period_begin = week;
      for (int i = 0; i < 7; ++i) {
        LocalDate d = week.plus_days(i);
        bool selected = r.by_day.empty() ? d.iso_weekday() == start.iso_weekday()
                                         : std::any_of(r.by_day.begin(), r.by_day.end(), [&](const WeekdayNum& w) {
                                             return w.weekday == d.iso_weekday();
                                           });
        if (selected && month_allowed(r, d.month)) out.push_back(d);
      }
      break;
    }
    case Frequency::monthly: {
      long index = static_cast<long>(start.year) * 12 + (start.month - 1) + k * r.interval;
      int y = static_cast<int>(index / 12), m = static_cast<int>(index % 12) + 1;
      period_begin = LocalDate{y, m, 1};
      if (!month_allowed(r, m)) break;
      for (int day : month_days(r, y, m, start.day)) out.push_back({y, m, day});
      break;
    }
    case Frequency::yearly: {
      int y = start.year + static_cast<int>(k * r.interval);
      period_begin = LocalDate{y, 1, 1};
      for (int m = 1; m <= 12; ++m) {
        bool month_selected = r.by_month.empty()
                                  ? (r.by_day.empty() && r.by_month_day.empty() ? m == start.month : true)
                                  : month_allowed(r, m);
        if (!month_selected) continue;
        for (int day : month_days(r, y, m, start.day)) out.push_back({y, m, day});
      }
      break;
    }
  }
  return out;
}

}  // namespace

Rrule parse_rrule(const Property& p) {
  Rrule r;
  r.line = p.line;
  auto fail = [&](const std::string& message) -> void { throw IcalError(p.line, "RRULE: " + message); };
  std::set<std::string> seen;
  bool has_freq = false;
  for (std::string_view part : split(p.value, ';')) {
    auto eq = part.find('=');
    if (eq == std::string_view::npos || eq == 0) fail("'" + std::string(part) + "' is not NAME=VALUE");
    std::string name(part.substr(0, eq));
    std::string_view value = part.substr(eq + 1);
    for (char& c : name)
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!seen.insert(name).second) fail(name + " appears twice");
    if (name == "FREQ") {
      has_freq = true;
      if (value == "DAILY") r.frequency = Frequency::daily;
      else if (value == "WEEKLY") r.frequency = Frequency::weekly;
      else if (value == "MONTHLY") r.frequency = Frequency::monthly;
      else if (value == "YEARLY") r.frequency = Frequency::yearly;
      else if (value == "SECONDLY" || value == "MINUTELY" || value == "HOURLY")
        fail("FREQ=" + std::string(value) + " is not supported");
      else fail("FREQ '" + std::string(value) + "' is not a valid frequency");
    } else if (name == "INTERVAL") {
      auto v = integer(value);
      if (!v || *v < 1 || *v > 1000) fail("INTERVAL must be from 1 to 1000");
      r.interval = *v;
    } else if (name == "COUNT") {
      auto v = integer(value);
      if (!v || *v < 1 || *v > 100000) fail("COUNT must be from 1 to 100000");
      r.count = *v;
    } else if (name == "UNTIL") {
      r.until = parse_date_time(value, value.size() == 8);
      if (!r.until) fail("UNTIL '" + std::string(value) + "' is not a DATE or DATE-TIME");
    } else if (name == "BYDAY") {
      for (std::string_view item : split(value, ',')) {
        if (item.size() < 2) fail("BYDAY '" + std::string(item) + "' is not a weekday");
        auto day = weekday(item.substr(item.size() - 2));
        std::string_view ord = item.substr(0, item.size() - 2);
        auto n = ord.empty() ? std::optional<int>(0) : integer(ord);
        if (!day || !n || *n < -53 || *n > 53 || (!ord.empty() && *n == 0))
          fail("BYDAY '" + std::string(item) + "' is not a weekday such as MO, 2TU or -1SU");
        r.by_day.push_back({*n, *day});
      }
    } else if (name == "BYMONTHDAY") {
      for (std::string_view item : split(value, ',')) {
        auto n = integer(item);
        if (!n || *n == 0 || *n < -31 || *n > 31) fail("BYMONTHDAY '" + std::string(item) + "' is not from 1 to 31");
        r.by_month_day.push_back(*n);
      }
    } else if (name == "BYMONTH") {
      for (std::string_view item : split(value, ',')) {
        auto n = integer(item);
        if (!n || *n < 1 || *n > 12) fail("BYMONTH '" + std::string(item) + "' is not from 1 to 12");
        r.by_month.push_back(*n);
      }
    } else if (name == "WKST") {
      auto day = weekday(value);
      if (!day) fail("WKST '" + std::string(value) + "' is not a weekday");
      r.week_start = *day;
    } else if (name == "BYSETPOS" || name == "BYHOUR" || name == "BYMINUTE" || name == "BYSECOND" ||
               name == "BYYEARDAY" || name == "BYWEEKNO") {
      fail(name + " is not supported");
    } else {
      fail("unknown part " + name);
    }
  }
  if (!has_freq) fail("FREQ is required");
  if (r.count && r.until) fail("COUNT and UNTIL must not both be given");
  bool ordinals = std::any_of(r.by_day.begin(), r.by_day.end(), [](const WeekdayNum& w) { return w.ordinal != 0; });
  if (ordinals && (r.frequency == Frequency::daily || r.frequency == Frequency::weekly))
    fail("BYDAY ordinals such as 2TU need FREQ=MONTHLY or YEARLY");
  if (ordinals && r.frequency == Frequency::yearly && r.by_month.empty())
    fail("BYDAY ordinals in a YEARLY rule need BYMONTH");
  if (!r.by_month_day.empty() && r.frequency == Frequency::weekly) fail("BYMONTHDAY cannot be used with FREQ=WEEKLY");
  return r;
}

std::vector<LocalDate> expand_dates(const Rrule& rule, const LocalDate& start, const LocalDate& horizon,
                                    std::size_t max_dates,
                                    const std::function<bool(const LocalDate&)>& within_until) {
  std::vector<LocalDate> out;
  const std::size_t count = rule.count ? static_cast<std::size_t>(*rule.count) : SIZE_MAX;
  if (start > horizon || max_dates == 0 || !within_until(start)) return out;
  out.push_back(start);
  for (long k = 0; k < kMaxPeriods; ++k) {
    if (out.size() >= count || out.size() >= max_dates) break;
    LocalDate period_begin;
    auto dates = period_dates(rule, start, k, period_begin);
    if (period_begin > horizon) break;
    for (const auto& d : dates) {
      if (d <= start) continue;
      if (d > horizon || !within_until(d)) return out;
      out.push_back(d);
      if (out.size() >= count || out.size() >= max_dates) return out;
    }
  }
  return out;
}

}  // namespace yeyou::ical
