#include "kiosk/ui/format.hpp"

namespace yeyou::kiosk {

std::string format_time_range(const Strings& s, Lang l, const EventItem& item) {
  std::map<std::string, std::string> args{{"start", format_hhmm(item.event.start)},
                                          {"end", format_hhmm(item.event.end)}};
  if (item.end_day_offset > 0) return s.format(l, "time.range_next_day", args);
  if (item.start_day_offset > 0) return s.format(l, "time.range_after_midnight", args);
  return s.format(l, "time.range", args);
}

std::string format_price(const Strings& s, Lang l, std::int64_t price_cents) {
  if (price_cents <= 0) return s.get(l, "price.free");
  std::string amount = std::to_string(price_cents / 100);
  if (auto fen = price_cents % 100; fen != 0) {
    amount += '.';
    amount += static_cast<char>('0' + fen / 10);
    amount += static_cast<char>('0' + fen % 10);
  }
  return s.format(l, "price.amount", {{"amount", amount}});
}

std::string format_date(const Strings& s, Lang l, const LocalDate& d) {
  return s.format(l, "date.format",
                  {{"year", std::to_string(d.year)},
                   {"month", std::to_string(d.month)},
                   {"day", std::to_string(d.day)},
                   {"month_name", s.get(l, "month." + std::to_string(d.month))},
                   {"weekday", s.get(l, "weekday." + std::to_string(d.iso_weekday()))}});
}

std::string crowd_key(CrowdLevel level) { return "crowd." + std::string(name_of(level)); }
std::string status_key(EventStatus status) { return "status." + std::string(name_of(status)); }
std::string category_key(EventCategory category) { return "category." + std::string(name_of(category)); }

}  // namespace yeyou::kiosk
