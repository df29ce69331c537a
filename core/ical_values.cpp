#include "core/ical_values.hpp"

#include <cstdio>

namespace yeyou::ical {

namespace {

bool read_number(std::string_view s, std::size_t pos, std::size_t count, int& out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    v = v * 10 + (s[i] - '0');
  }
  out = v;
  return true;
}

}  // namespace

std::optional<DateTime> parse_date_time(std::string_view s, bool date_only) {
  int y = 0, mo = 0, d = 0;
  if (!read_number(s, 0, 4, y) || !read_number(s, 4, 2, mo) || !read_number(s, 6, 2, d)) return std::nullopt;
  static constexpr int kMonthDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > kMonthDays[mo - 1] || (mo == 2 && d == 29 && !leap))
    return std::nullopt;
  DateTime out;
  out.date = LocalDate{y, mo, d};
  if (date_only) {
    if (s.size() != 8) return std::nullopt;
    out.is_date = true;
    return out;
  }
  int h = 0, mi = 0, sec = 0;
  if (s.size() < 15 || s[8] != 'T' || !read_number(s, 9, 2, h) || !read_number(s, 11, 2, mi) ||
      !read_number(s, 13, 2, sec))
    return std::nullopt;
  if (h > 23 || mi > 59 || sec > 60) return std::nullopt;
  if (sec == 60) sec = 59;  // a leap second
  if (s.size() == 16 && s[15] == 'Z') out.utc = true;
  else if (s.size() != 15) return std::nullopt;
  out.seconds = h * 3600 + mi * 60 + sec;
  return out;
}

std::vector<DateTime> read_date_times(const Property& p) {
  const std::string* type = p.param("VALUE");
  bool date_only = false;
  if (type) {
    if (*type == "DATE") date_only = true;
    else if (*type != "DATE-TIME")
      throw IcalError(p.line, p.name + " with VALUE=" + *type + " is not supported (use DATE or DATE-TIME)");
  }
  const std::string* tzid = p.param("TZID");
  std::vector<DateTime> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t comma = p.value.find(',', start);
    std::string_view item = std::string_view(p.value).substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    // Without VALUE=DATE, a bare 8-digit value is still read as a date (common in exports).
    bool as_date = date_only || (!type && item.size() == 8);
    auto dt = parse_date_time(item, as_date);
    if (!dt)
      throw IcalError(p.line, p.name + " value '" + std::string(item) + "' is not a valid " +
                                  (as_date ? "DATE (YYYYMMDD)" : "DATE-TIME (YYYYMMDDTHHMMSS[Z])"));
    if (tzid && !dt->utc && !dt->is_date) dt->tzid = *tzid;
    out.push_back(*dt);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

DateTime read_date_time(const Property& p) {
  auto all = read_date_times(p);
  if (all.size() != 1) throw IcalError(p.line, p.name + " must hold exactly one value");
  return all.front();
}

std::optional<std::chrono::seconds> parse_duration(std::string_view s) {
  std::size_t i = 0;
  bool negative = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) negative = s[i++] == '-';
  if (i >= s.size() || s[i++] != 'P') return std::nullopt;
  long long total = 0;
  bool in_time = false, any = false;
  while (i < s.size()) {
    if (s[i] == 'T') {
      if (in_time) return std::nullopt;
      in_time = true;
      ++i;
      continue;
    }
    long long n = 0;
    std::size_t digits = 0;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9' && digits < 9) n = n * 10 + (s[i++] - '0'), ++digits;
    if (digits == 0 || i >= s.size()) return std::nullopt;
    char unit = s[i++];
    if (!in_time && unit == 'W') total += n * 7 * 86400;
    else if (!in_time && unit == 'D') total += n * 86400;
    else if (in_time && unit == 'H') total += n * 3600;
    else if (in_time && unit == 'M') total += n * 60;
    else if (in_time && unit == 'S') total += n;
    else return std::nullopt;
    any = true;
  }
  if (!any) return std::nullopt;
  return std::chrono::seconds{negative ? -total : total};
}

std::optional<int> parse_utc_offset(std::string_view s) {
  if (s.size() != 5 && s.size() != 7) return std::nullopt;
  if (s[0] != '+' && s[0] != '-') return std::nullopt;
  int h = 0, m = 0, sec = 0;
  if (!read_number(s, 1, 2, h) || !read_number(s, 3, 2, m)) return std::nullopt;
  if (s.size() == 7 && !read_number(s, 5, 2, sec)) return std::nullopt;
  if (h > 23 || m > 59 || sec > 59) return std::nullopt;
  int v = h * 3600 + m * 60 + sec;
  return s[0] == '-' ? -v : v;
}

std::string unescape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    char c = s[++i];
    if (c == 'n' || c == 'N') out += '\n';
    else out += c;  // \\ \; \, and, leniently, any other escaped character
  }
  return out;
}

std::string escape_text(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += c;
    }
  }
  return out;
}

std::string format_utc(Timestamp t) {
  auto local = to_local(t, "UTC");
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d%02d%02dT%02d%02d%02dZ", local.date.year, local.date.month, local.date.day,
                local.minute_of_day / 60, local.minute_of_day % 60, local.second);
  return buf;
}

}  // namespace yeyou::ical
