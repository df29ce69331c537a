#pragma once
// The two shapes of a count sent to the server, shared by crowd figures
// (occupancy_service) and car park spaces (parking_service).
#include <cstdint>
#include <optional>

#include "core/time.hpp"

namespace yeyou::services {

// Staff: a new value or a change by ±n; exactly one is set.
struct SetOrAdjust {
  std::optional<std::int64_t> value;
  std::optional<std::int64_t> delta;
};

// A counter device: people or vehicles in and out since its previous report.
struct CounterReport {
  std::int64_t seq = 0;
  std::int64_t in = 0;
  std::int64_t out = 0;
  Timestamp taken_at{};
};

}  // namespace yeyou::services
