#pragma once
// An event at a venue. Start and end are instants (shown in Asia/Shanghai);
// an event may cross midnight but lasts at most 24 hours. Status follows
// schema.org eventStatus.
#include <cstdint>
#include <optional>

#include "core/enum_names.hpp"
#include "core/localized_text.hpp"
#include "core/time.hpp"

namespace yeyou {

enum class EventCategory {
  light_show, performance, festival, market, museum_night, food, shopping_promotion, sports, camping
};
template <>
struct EnumNames<EventCategory> {
  static constexpr std::array<std::string_view, 9> names{"light_show", "performance",        "festival",
                                                         "market",     "museum_night",       "food",
                                                         "shopping_promotion", "sports", "camping"};
};

enum class EventStatus { scheduled, cancelled, postponed, rescheduled };
template <>
struct EnumNames<EventStatus> {
  static constexpr std::array<std::string_view, 4> names{"scheduled", "cancelled", "postponed", "rescheduled"};
};

// Where an event stands relative to "now" for a visitor.
enum class EventPhase { on_now, later_tonight, upcoming, ended, cancelled };
template <>
struct EnumNames<EventPhase> {
  static constexpr std::array<std::string_view, 5> names{"on_now", "later_tonight", "upcoming", "ended",
                                                         "cancelled"};
};

inline constexpr std::int64_t kMaxEventSeconds = 24 * 3600;

struct Event {
  std::int64_t id = 0;
  std::int64_t venue_id = 0;
  LocalizedText title;
  LocalizedText description;
  EventCategory category = EventCategory::performance;
  Timestamp start{};
  Timestamp end{};
  std::int64_t price_cents = 0;  // CNY fen; 0 = free
  EventStatus status = EventStatus::scheduled;
  std::optional<Timestamp> previous_start;  // set when postponed or rescheduled
  bool is_free() const { return price_cents == 0; }
  bool operator==(const Event&) const = default;
};

Json to_json(const Event& e);
// Validates every field (end after start, at most 24 h). Titles and
// descriptions need all three languages unless `allow_fallback` is set.
Event event_from_json(const Json& j, bool require_id = true, bool allow_fallback = false);

EventPhase phase_at(const Event& e, Timestamp now, std::string_view zone = kDefaultZone);
// Does the event overlap the window [begin, end)?
bool overlaps(const Event& e, const TimeWindow& w);

}  // namespace yeyou
