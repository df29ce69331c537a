#pragma once
// Time rules. Instants are UTC seconds; local calendar arithmetic happens in
// Asia/Shanghai unless a caller names another IANA zone. "Tonight" for a local
// date D runs from D 17:00 to D+1 06:00, so it crosses midnight.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace yeyou {

using Timestamp = std::chrono::sys_seconds;

inline constexpr std::string_view kDefaultZone = "Asia/Shanghai";
inline constexpr int kTonightStartMinute = 17 * 60;  // 17:00
inline constexpr int kTonightEndMinute = 6 * 60;     // 06:00 the next day

struct LocalDate {
  int year = 1970;
  int month = 1;
  int day = 1;
  auto operator<=>(const LocalDate&) const = default;
  std::string to_string() const;  // YYYY-MM-DD
  LocalDate plus_days(int days) const;
  int iso_weekday() const;  // 1 = Monday .. 7 = Sunday
};

struct LocalDateTime {
  LocalDate date;
  int minute_of_day = 0;  // 0..1439
  int second = 0;
};

struct TimeWindow {
  Timestamp begin;  // inclusive
  Timestamp end;    // exclusive
  bool contains(Timestamp t) const { return t >= begin && t < end; }
};

Timestamp now_utc();

// Instants as stored in SQLite: whole seconds since the Unix epoch.
inline std::int64_t unix_seconds(Timestamp t) { return t.time_since_epoch().count(); }
inline Timestamp from_unix_seconds(std::int64_t s) { return Timestamp{std::chrono::seconds{s}}; }

// Parses ISO 8601 / RFC 3339: "YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|+HHMM)?" or a
// bare "YYYY-MM-DD" (local midnight). A missing offset means `zone`'s local time.
// Returns nullopt on any malformed or out-of-range component.
std::optional<Timestamp> parse_iso8601(std::string_view text, std::string_view zone = kDefaultZone);

// "2026-11-29T19:30:00+08:00" in the given zone.
std::string format_iso8601(Timestamp t, std::string_view zone = kDefaultZone);
// "19:30" local.
std::string format_hhmm(Timestamp t, std::string_view zone = kDefaultZone);

std::optional<LocalDate> parse_date(std::string_view yyyy_mm_dd);
// Parses "HH:MM" with HH 00..24 (24:00 only as an end); returns minutes.
std::optional<int> parse_hhmm(std::string_view hhmm);
std::string format_minutes(int minute_of_day);

LocalDateTime to_local(Timestamp t, std::string_view zone = kDefaultZone);
// Local wall time to an instant; nonexistent times move forward, ambiguous
// times take the earlier instant.
Timestamp from_local(const LocalDate& d, int minute_of_day, std::string_view zone = kDefaultZone,
                     int second = 0);

// The local date whose night contains `t` (before 06:00 counts as the previous date's night).
LocalDate night_of(Timestamp t, std::string_view zone = kDefaultZone);
TimeWindow tonight_window(const LocalDate& d, std::string_view zone = kDefaultZone);

}  // namespace yeyou
