#pragma once
// Statistics of the 好差评 results: satisfaction, bad reviews, callback and
// rectification rates (the policy's target for named bad reviews is 100%),
// on-time handling, handling time, the evaluators' verdicts on the handling
// and the top reasons; sliced by venue, district, category, subject kind,
// hour × weekday and month. Suspect ratings (until reviewed) and ratings
// excluded after an upheld appeal are left out, and counted.
#include <optional>
#include <string>
#include <vector>

#include "core/localized_text.hpp"
#include "core/time.hpp"
#include "server/store/db_pool.hpp"
#include "server/store/rating_store.hpp"
#include "server/store/stats_store.hpp"

namespace yeyou::services {

struct StatsQuery {
  std::string period;  // "YYYY-MM"
  std::optional<std::string> district;
  std::optional<std::int64_t> venue_id;
  std::optional<std::string> subject_kind;
  std::optional<std::string> category;  // venue category
};

struct Metrics {
  std::int64_t ratings = 0, good = 0, bad = 0, excluded = 0, suspect = 0;
  std::int64_t cases = 0, named_bad_cases = 0, named_bad_called_back = 0, named_bad_rectified = 0;
  std::int64_t closed_cases = 0, closed_on_time = 0, evaluations = 0, evaluations_satisfied = 0;
  double avg_handling_hours = 0, p90_handling_hours = 0;
  std::vector<std::pair<std::string, std::int64_t>> top_reasons;
};

// part / whole, 0 when whole is 0.
inline double rate(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

// One group of a breakdown: the key that names it (venue_id and name, district
// and name, category or subject_kind) and its metrics.
struct MetricsGroup {
  std::optional<std::int64_t> venue_id;
  std::optional<std::string> district;
  std::optional<LocalizedText> name;
  std::optional<std::string> category;
  std::optional<std::string> subject_kind;
  Metrics metrics;
};

struct Breakdown {
  std::string group_by;
  std::string period;
  std::vector<MetricsGroup> groups;               // every group_by but hour_weekday
  std::vector<store::HourOfWeekCount> hours;      // hour_weekday
};

struct RankedVenue {
  MetricsGroup venue;
  std::size_t rank = 0;  // 1 = most satisfied
  bool lowest_two_months_running = false;
};

struct Ranking {
  std::string period;
  std::vector<RankedVenue> venues;  // venues with ratings, most satisfied first
};

struct PublicResults {
  std::string period;
  Metrics totals;
  std::vector<MetricsGroup> venues;
};

// A bureau user's review of a suspect rating.
struct SuspectVerdict {
  bool genuine = false;  // counted again; otherwise excluded
  std::string note;
};

struct SuspectReview {
  std::string id;
  bool counted = false;
  bool excluded = false;
};

class StatsService {
 public:
  explicit StatsService(store::DbPool& pool) : pool_(pool) {}

  // Validates the parameters (period YYYY-MM; the rest optional) into a query.
  static StatsQuery make_query(const std::optional<std::string>& period, const std::optional<std::string>& district,
                               const std::optional<std::string>& venue, const std::optional<std::string>& subject_kind,
                               const std::optional<std::string>& category);
  Metrics metrics(const StatsQuery& q);
  // Groups: venue, district, category, subject_kind, hour_weekday.
  Breakdown breakdown(const StatsQuery& q, const std::string& group_by);
  // Venues by satisfaction, lowest last, flagging the lowest two months running.
  Ranking ranking(const std::string& period);
  // The public results of a month: per venue, no personal data.
  PublicResults public_results(const std::string& period);

  std::vector<store::SuspectRating> suspect_ratings(int limit);
  SuspectReview review_suspect(const std::string& actor, const std::string& rating_id, const SuspectVerdict& verdict,
                               Timestamp now);

  std::string venues_csv(const std::string& period);
  std::string cases_csv(const std::string& period);
  std::string monthly_report_html(const std::string& district, const std::string& period);

 private:
  store::DbPool& pool_;
};

}  // namespace yeyou::services
