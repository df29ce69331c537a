#include "core/gtfs_feed.hpp"

#include <charconv>
#include <cstdio>

#include "core/gtfs_builder.hpp"
#include "core/time.hpp"

namespace yeyou::gtfs {

namespace {

bool digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

}  // namespace

std::optional<int> parse_time(std::string_view text) {
  std::string_view s = trim(text);
  auto c1 = s.find(':');
  if (c1 == std::string_view::npos || c1 == 0 || c1 > 3) return std::nullopt;
  if (s.size() != c1 + 6 || s[c1 + 3] != ':') return std::nullopt;
  auto h = s.substr(0, c1), m = s.substr(c1 + 1, 2), sec = s.substr(c1 + 4, 2);
  if (!digits(h) || !digits(m) || !digits(sec)) return std::nullopt;
  int mm = to_int(m), ss = to_int(sec);
  if (mm > 59 || ss > 59) return std::nullopt;
  return to_int(h) * 3600 + mm * 60 + ss;
}

std::string format_time(int secs) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", secs / 3600, secs / 60 % 60, secs % 60);
  return buf;
}

std::optional<int> parse_date(std::string_view text) {
  std::string_view s = trim(text);
  if (s.size() != 8 || !digits(s)) return std::nullopt;
  int v = to_int(s);
  std::string iso = std::string(s.substr(0, 4)) + "-" + std::string(s.substr(4, 2)) + "-" + std::string(s.substr(6, 2));
  if (!yeyou::parse_date(iso)) return std::nullopt;
  return v;
}

namespace detail {

std::uint32_t Builder::intern_headsign(std::string_view text) {
  auto it = headsign_index.find(text);
  if (it != headsign_index.end()) return it->second;
  auto id = static_cast<std::uint32_t>(feed.headsigns.size());
  feed.headsigns.emplace_back(text);
  headsign_index.emplace(std::string(text), id);
  return id;
}

std::uint32_t Builder::service(std::string_view id) {
  auto it = service_index.find(id);
  if (it != service_index.end()) return it->second;
  auto idx = static_cast<std::uint32_t>(feed.service_ids.size());
  feed.service_ids.emplace_back(id);
  service_defined.push_back(false);
  service_index.emplace(std::string(id), idx);
  return idx;
}

void Builder::note_short_records(const CsvTable& t) {
  if (t.short_records() == 0) return;
  feed.warnings.push_back(t.file() + ":" + std::to_string(t.first_short_record_line()) + ": " +
                          std::to_string(t.short_records()) +
                          " rows have fewer fields than the header; the missing fields were read as empty");
}

LoadedFile load(const GtfsSource& src, const std::string& name, bool required) {
  auto text = src.read(name);
  if (!text) {
    if (required) throw GtfsError(name, 0, "is missing from the feed");
    return {};
  }
  return {std::move(*text), true};
}

std::string quoted(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 2);
  out += '\'';
  out += text;
  out += '\'';
  return out;
}

std::string_view required_value(const CsvTable& t, int col, std::string_view name) {
  std::string_view v = t.field(col);
  if (v.empty()) t.fail(std::string(name) + " is empty");
  return v;
}

int int_value(const CsvTable& t, int col, std::string_view name, int min, int max, int fallback) {
  std::string_view v = trim(t.field(col));
  if (v.empty()) return fallback;
  int out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || p != v.data() + v.size() || out < min || out > max)
    t.fail(std::string(name) + " '" + std::string(v) + "' is not an integer from " + std::to_string(min) + " to " +
           std::to_string(max));
  return out;
}

double coordinate(const CsvTable& t, int col, std::string_view name, double limit) {
  std::string_view v = trim(t.field(col));
  double out = 0;
  auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (v.empty() || ec != std::errc() || p != v.data() + v.size() || out < -limit || out > limit)
    t.fail(std::string(name) + " '" + std::string(v) + "' is not a number from -" + std::to_string(static_cast<int>(limit)) +
           " to " + std::to_string(static_cast<int>(limit)));
  return out;
}

int date_value(const CsvTable& t, int col, std::string_view name) {
  std::string_view v = t.field(col);
  auto d = parse_date(v);
  if (!d) t.fail(std::string(name) + " '" + std::string(v) + "' is not a date in the form YYYYMMDD");
  return *d;
}

}  // namespace detail

Feed load_feed(const GtfsSource& source) {
  detail::Builder b;
  detail::read_agencies(b, source);
  detail::read_stops(b, source);
  detail::read_routes(b, source);
  detail::read_calendars(b, source);
  detail::read_trips(b, source);
  detail::read_schedule(b, source);
  return std::move(b.feed);
}

}  // namespace yeyou::gtfs
