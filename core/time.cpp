#include "core/time.hpp"

#include <cstdio>

#include <date/date.h>
#include <date/tz.h>

namespace yeyou {
namespace {

const date::time_zone* zone_or_throw(std::string_view zone) {
  // Nearly every call is for the default zone: look it up once.
  static const date::time_zone* const default_zone = date::locate_zone(std::string(kDefaultZone));
  return zone == kDefaultZone ? default_zone : date::locate_zone(std::string(zone));
}

bool read_digits(std::string_view s, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

date::year_month_day to_ymd(const LocalDate& d) {
  return date::year{d.year} / date::month{static_cast<unsigned>(d.month)} / date::day{static_cast<unsigned>(d.day)};
}

LocalDate from_ymd(date::year_month_day ymd) {
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace

Timestamp now_utc() { return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()); }

std::string LocalDate::to_string() const {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

LocalDate LocalDate::plus_days(int days) const {
  return from_ymd(date::year_month_day{date::sys_days{to_ymd(*this)} + date::days{days}});
}

int LocalDate::iso_weekday() const {
  return static_cast<int>(date::weekday{date::sys_days{to_ymd(*this)}}.iso_encoding());
}

std::optional<LocalDate> parse_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !read_digits(s, 0, 4, y) || !read_digits(s, 5, 2, m) ||
      !read_digits(s, 8, 2, d))
    return std::nullopt;
  LocalDate ld{y, m, d};
  if (y < 1900 || !to_ymd(ld).ok()) return std::nullopt;
  return ld;
}

std::optional<int> parse_hhmm(std::string_view s) {
  int h = 0, m = 0;
  if (s.size() != 5 || s[2] != ':' || !read_digits(s, 0, 2, h) || !read_digits(s, 3, 2, m)) return std::nullopt;
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return std::nullopt;
  return h * 60 + m;
}

std::string format_minutes(int minute_of_day) {
  char buf[24];
  std::snprintf(buf, sizeof buf, "%02d:%02d", minute_of_day / 60, minute_of_day % 60);
  return buf;
}

std::optional<Timestamp> parse_iso8601(std::string_view s, std::string_view zone) {
  if (s.size() < 10) return std::nullopt;
  auto d = parse_date(s.substr(0, 10));
  if (!d) return std::nullopt;
  if (s.size() == 10) return from_local(*d, 0, zone);
  if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') return std::nullopt;
  int hh = 0, mm = 0, ss = 0;
  if (!read_digits(s, 11, 2, hh) || s.size() < 16 || s[13] != ':' || !read_digits(s, 14, 2, mm))
    return std::nullopt;
  std::size_t pos = 16;
  if (pos < s.size() && s[pos] == ':') {
    if (!read_digits(s, pos + 1, 2, ss)) return std::nullopt;
    pos += 3;
    if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
      ++pos;
      std::size_t digits = 0;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos, ++digits;
      if (digits == 0 || digits > 9) return std::nullopt;
    }
  }
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  if (ss == 60) ss = 59;  // leap second: clamp
  if (pos == s.size()) return from_local(*d, hh * 60 + mm, zone, ss);
  int offset_min = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    if (pos + 1 != s.size()) return std::nullopt;
  } else if (s[pos] == '+' || s[pos] == '-') {
    int oh = 0, om = 0;
    int sign = s[pos] == '-' ? -1 : 1;
    if (!read_digits(s, pos + 1, 2, oh)) return std::nullopt;
    std::size_t p = pos + 3;
    if (p < s.size() && s[p] == ':') ++p;
    if (!read_digits(s, p, 2, om) || p + 2 != s.size()) return std::nullopt;
    if (oh > 18 || om > 59) return std::nullopt;
    offset_min = sign * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  auto days = date::sys_days{to_ymd(*d)};
  return Timestamp{days} + std::chrono::minutes{hh * 60 + mm - offset_min} + std::chrono::seconds{ss};
}

LocalDateTime to_local(Timestamp t, std::string_view zone) {
  auto zt = date::make_zoned(zone_or_throw(zone), t);
  auto lt = zt.get_local_time();
  auto ld = date::floor<date::days>(lt);
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(lt - ld).count();
  LocalDateTime out;
  out.date = from_ymd(date::year_month_day{date::sys_days{ld.time_since_epoch()}});
  out.minute_of_day = static_cast<int>(secs / 60);
  out.second = static_cast<int>(secs % 60);
  return out;
}

Timestamp from_local(const LocalDate& d, int minute_of_day, std::string_view zone, int second) {
  auto lt = date::local_days{to_ymd(d)} + std::chrono::minutes{minute_of_day} + std::chrono::seconds{second};
  const auto* tz = zone_or_throw(zone);
  auto info = tz->get_info(lt);
  switch (info.result) {
    case date::local_info::unique:
    case date::local_info::ambiguous:
      return std::chrono::floor<std::chrono::seconds>(date::sys_seconds{lt.time_since_epoch()} - info.first.offset);
    case date::local_info::nonexistent:
    default:
      // In a gap: use the offset before the gap, which lands after it.
      return std::chrono::floor<std::chrono::seconds>(date::sys_seconds{lt.time_since_epoch()} - info.first.offset);
  }
}

std::string format_iso8601(Timestamp t, std::string_view zone) {
  auto info = zone_or_throw(zone)->get_info(t);
  auto lt = t + info.offset;
  auto day = date::floor<date::days>(lt);
  date::year_month_day ymd{day};
  auto secs = (lt - day).count();
  auto off_min = std::chrono::duration_cast<std::chrono::minutes>(info.offset).count();
  long a = off_min < 0 ? -off_min : off_min;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02lld:%02lld:%02lld%c%02ld:%02ld", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<long long>(secs / 3600),
                static_cast<long long>(secs / 60 % 60), static_cast<long long>(secs % 60), off_min < 0 ? '-' : '+',
                a / 60, a % 60);
  return buf;
}

std::string format_hhmm(Timestamp t, std::string_view zone) { return format_minutes(to_local(t, zone).minute_of_day); }

LocalDate night_of(Timestamp t, std::string_view zone) {
  auto l = to_local(t, zone);
  return l.minute_of_day < kTonightEndMinute ? l.date.plus_days(-1) : l.date;
}

TimeWindow tonight_window(const LocalDate& d, std::string_view zone) {
  return {from_local(d, kTonightStartMinute, zone), from_local(d.plus_days(1), kTonightEndMinute, zone)};
}

}  // namespace yeyou
