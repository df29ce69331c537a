#pragma once
// Car parks for night visitors: where they are, how many spaces are free and
// what parking costs now.
//
// Fee rules: each covers a local time window on a set of weekdays at a price
// per hour, 0 meaning free. A window whose end is at or before its start runs
// into the next morning, and its weekdays name the day it starts (as with
// venue opening hours): "Fri 22:00-07:00" covers Saturday 03:00. Equal start
// and end cover 24 hours. The first rule in the list that covers an instant
// sets the price there; where no rule applies the fee is unknown.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/enum_names.hpp"
#include "core/localized_text.hpp"
#include "core/time.hpp"

namespace yeyou {

struct FeeRule {
  std::vector<int> days{1, 2, 3, 4, 5, 6, 7};  // ISO weekdays the window starts on
  int from = 0;                                 // minutes after local midnight, 0..1439
  int to = 24 * 60;                             // 0..1440; to <= from runs into the next day
  std::int64_t cents_per_hour = 0;              // CNY fen; 0 = free
  bool is_free() const { return cents_per_hour == 0; }
  int length_minutes() const {
    int len = ((to - from) % 1440 + 1440) % 1440;
    return len == 0 ? 1440 : len;
  }
  bool operator==(const FeeRule&) const = default;
};

struct CarPark {
  std::int64_t id = 0;
  LocalizedText name;
  LocalizedText address;
  double lat = 0, lon = 0;
  std::int64_t capacity = 0;
  std::vector<FeeRule> fee_rules;
  std::string counter_device_id;  // the people/vehicle counter allowed to report its spaces, if any
  bool operator==(const CarPark&) const = default;
};

inline constexpr std::size_t kMaxFeeRules = 20;

Json to_json(const FeeRule& r);
Json to_json(const CarPark& p);
// Validates every field; `require_id` is false for a car park being created.
CarPark car_park_from_json(const Json& j, bool require_id = true);

// The fee situation at an instant. free_from and free_until look at most 7 days ahead.
struct FeeStatus {
  bool known = false;                  // some rule covers the instant
  bool free_now = false;
  std::int64_t cents_per_hour = 0;     // the price now, when known
  std::optional<Timestamp> free_from;  // when not free now: the next moment parking becomes free
  std::optional<Timestamp> free_until; // when free now: the moment it stops being free
};

// The rule in force at `t`, or nullptr.
const FeeRule* rule_at(const std::vector<FeeRule>& rules, Timestamp t, std::string_view zone = kDefaultZone);
FeeStatus fee_status(const std::vector<FeeRule>& rules, Timestamp t, std::string_view zone = kDefaultZone);
// "free_now", "price_now_cents_per_hour", "free_from"/"free_until" (ISO 8601
// and HH:MM) and a one-line summary in each kiosk language.
Json to_json(const FeeStatus& s, std::string_view zone = kDefaultZone);
// "现在免费，至 07:00" / "Free now until 07:00" / "지금 무료 (07:00까지)", …
std::string fee_summary(const FeeStatus& s, Lang lang, std::string_view zone = kDefaultZone);

enum class SpaceLevel { available, almost_full, full, unknown };
template <>
struct EnumNames<SpaceLevel> {
  static constexpr std::array<std::string_view, 4> names{"available", "almost_full", "full", "unknown"};
};
// Full at 0 free spaces, almost full under 10% of capacity, unknown without a count.
SpaceLevel space_level(std::optional<std::int64_t> free_spaces, std::int64_t capacity);

}  // namespace yeyou
