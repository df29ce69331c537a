#include "server/store/stats_store.hpp"

namespace yeyou::store {
namespace {

// The filter as a WHERE clause continuation, with its values bound as text in order.
struct Where {
  std::string sql;
  std::vector<std::string> text;
};

Where where_of(const StatsFilter& f) {
  Where w;
  auto add = [&](const std::string& clause, const std::string& value) {
    w.sql += " AND " + clause;
    w.text.push_back(value);
  };
  if (f.district) add("district = ?", *f.district);
  if (f.venue_id) add("venue_id = ?", std::to_string(*f.venue_id));
  if (f.subject_kind) add("subject_kind = ?", *f.subject_kind);
  if (f.venue_ids) {
    std::string ids;
    for (auto id : *f.venue_ids) {
      if (!ids.empty()) ids += ',';
      ids += std::to_string(id);
    }
    w.sql += " AND venue_id IN (" + (ids.empty() ? std::string("NULL") : ids) + ")";
  }
  return w;
}

void bind_all(Stmt& s, int first, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) s.bind(first + static_cast<int>(i), values[i]);
}

}  // namespace

std::vector<BucketCount> rating_counts(Db& db, const std::string& month, const StatsFilter& f) {
  Where w = where_of(f);
  // One pass over the (district, month, suspect, excluded, level) index.
  Stmt s(db, "SELECT bucket, level >= 4, sum(n) FROM rating_rollup WHERE month = ?1" + w.sql + " GROUP BY 1, 2");
  s.bind(1, month);
  bind_all(s, 2, w.text);
  std::vector<BucketCount> out;
  while (s.step()) out.push_back({s.text(0), s.int64(1) != 0, s.int64(2)});
  return out;
}

std::vector<ReasonsCount> bad_review_reasons(Db& db, const std::string& month, const StatsFilter& f) {
  Where w = where_of(f);
  Stmt s(db, "SELECT reasons, sum(n) FROM rating_rollup WHERE month = ?1 AND bucket = 'counted' "
             "AND level >= 4 AND reasons <> ''" + w.sql + " GROUP BY reasons");
  s.bind(1, month);
  bind_all(s, 2, w.text);
  std::vector<ReasonsCount> out;
  while (s.step()) out.push_back({s.text(0), s.int64(1)});
  return out;
}

std::vector<HourOfWeekCount> ratings_by_hour_of_week(Db& db, const std::string& month, const StatsFilter& f) {
  Where w = where_of(f);
  Stmt s(db,
         "SELECT hour_of_week, sum(n), sum(CASE WHEN level <= 3 THEN n ELSE 0 END), "
         "sum(CASE WHEN level >= 4 THEN n ELSE 0 END) FROM rating_rollup WHERE month = ?1 "
         "AND bucket = 'counted'" + w.sql + " GROUP BY hour_of_week ORDER BY hour_of_week");
  s.bind(1, month);
  bind_all(s, 2, w.text);
  std::vector<HourOfWeekCount> out;
  while (s.step()) out.push_back({s.int64(0), s.int64(1), s.int64(2), s.int64(3)});
  return out;
}

std::vector<CaseRow> case_timings(Db& db, Timestamp from, Timestamp to, const StatsFilter& f) {
  Where w = where_of(f);
  Stmt s(db,
         "SELECT kind, named, first_callback_at, resolved_at, closed_at, received_at, callback_due, rectify_due, "
         "close_due, paused_seconds, evaluation FROM cases WHERE received_at >= ?1 AND received_at < ?2 "
         "AND coalesce(appeal, '') <> 'upheld'" + w.sql);
  s.bind(1, unix_seconds(from)).bind(2, unix_seconds(to));
  bind_all(s, 3, w.text);
  auto opt = [&](int col) -> std::optional<Timestamp> {
    if (s.is_null(col)) return std::nullopt;
    return from_unix_seconds(s.int64(col));
  };
  std::vector<CaseRow> out;
  while (s.step()) {
    CaseRow c;
    c.kind = s.text(0) == "complaint" ? CaseKind::complaint : CaseKind::bad_review;
    c.named = s.int64(1) != 0;
    c.first_callback_at = opt(2);
    c.resolved_at = opt(3);
    c.closed_at = opt(4);
    c.received_at = *opt(5);
    c.callback_due = *opt(6);
    c.rectify_due = opt(7);
    c.close_due = opt(8);
    c.paused_seconds = s.int64(9);
    if (!s.is_null(10)) c.evaluation = s.text(10);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace yeyou::store
