#pragma once
// Text the screens compose from the view-model: time ranges that cross
// midnight, prices, dates, and the lang-file keys for enum values. Pure
// functions of (Strings, Lang, data) so tests can check them without SDL.
#include <cstdint>
#include <string>

#include "kiosk/data/view_model.hpp"
#include "kiosk/ui/strings.hpp"

namespace yeyou::kiosk {

// "19:30–21:00"; "22:00–次日02:00" / "22:00–02:00 (+1)" when it ends after
// midnight; "次日00:30–02:00" when, seen from now, it starts after midnight.
std::string format_time_range(const Strings& s, Lang l, const EventItem& item);
// "免费" / "Free" or "¥80" / "¥80.50".
std::string format_price(const Strings& s, Lang l, std::int64_t price_cents);
// "11月29日 星期六" / "Sat 29 Nov".
std::string format_date(const Strings& s, Lang l, const LocalDate& d);

std::string crowd_key(CrowdLevel level);         // "crowd.busy"
std::string status_key(EventStatus status);      // "status.cancelled"
std::string category_key(EventCategory category);  // "category.light_show"

}  // namespace yeyou::kiosk
