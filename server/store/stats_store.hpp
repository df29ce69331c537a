#pragma once
// The reads behind the 好差评 statistics: rating counts from `rating_rollup`
// and the timings of cases received in a period, both narrowed by the same
// slice filter.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "server/store/case_store.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

// A statistics slice; every field set narrows it (all of them together).
struct StatsFilter {
  std::optional<std::string> district;
  std::optional<std::int64_t> venue_id;
  std::optional<std::string> subject_kind;
  std::optional<std::vector<std::int64_t>> venue_ids;  // any of these venues (empty: none)
};

// Rated levels per bucket ("counted", "suspect", "excluded") of a month.
struct BucketCount {
  std::string bucket;
  bool bad = false;  // level 4 or 5
  std::int64_t n = 0;
};
std::vector<BucketCount> rating_counts(Db& db, const std::string& month, const StatsFilter& f);

// Counted bad reviews of a month per set of reasons (comma-separated codes, never empty).
struct ReasonsCount {
  std::string reasons;
  std::int64_t n = 0;
};
std::vector<ReasonsCount> bad_review_reasons(Db& db, const std::string& month, const StatsFilter& f);

// Counted ratings of a month per local hour of the week (0 = Monday 00:00), in hour order.
struct HourOfWeekCount {
  std::int64_t hour_of_week = 0;
  std::int64_t ratings = 0, good = 0, bad = 0;
};
std::vector<HourOfWeekCount> ratings_by_hour_of_week(Db& db, const std::string& month, const StatsFilter& f);

// Cases received in [from, to), except those whose appeal was upheld. Only the
// fields statistics read are set: kind, named, received_at, the deadlines,
// paused_seconds, first_callback_at, resolved_at, closed_at and evaluation.
std::vector<CaseRow> case_timings(Db& db, Timestamp from, Timestamp to, const StatsFilter& f);

}  // namespace yeyou::store
