#include "server/services/stats_service.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "core/feedback.hpp"
#include "core/venue.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/case_store.hpp"
#include "server/store/content_store.hpp"
#include "server/store/rating_rollup.hpp"
#include "server/store/rating_store.hpp"
#include "server/store/stats_store.hpp"

namespace yeyou::services {
namespace {

std::optional<LocalDate> month_start(const std::string& period) {
  if (period.size() != 7 || period[4] != '-') return std::nullopt;
  return parse_date(period + "-01");
}

std::string previous_period(const std::string& period) {
  auto d = *month_start(period);
  auto prev = d.plus_days(-1);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", prev.year, prev.month);
  return buf;
}

// The query's slice as the store filters it.
store::StatsFilter filter_of(store::Db& db, const StatsQuery& q) {
  store::StatsFilter f{q.district, q.venue_id, q.subject_kind, std::nullopt};
  if (q.category) {
    f.venue_ids.emplace();
    for (const auto& v : store::list_venues(db))
      if (name_of(v.category) == *q.category) f.venue_ids->push_back(v.id);
  }
  return f;
}

bool on_time(const store::CaseRow& c) {
  auto pause = std::chrono::seconds{c.paused_seconds};
  if (!c.first_callback_at || *c.first_callback_at > c.callback_due + pause) return false;
  if (c.rectify_due && c.resolved_at && *c.resolved_at > *c.rectify_due + pause) return false;
  if (c.close_due && c.closed_at && *c.closed_at > *c.close_due + pause) return false;
  return true;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

std::string html_escape(const std::string& s) {
  std::string out;
  for (char ch : s) {
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += ch;
    }
  }
  return out;
}

std::string pct(double r) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", r * 100);
  return buf;
}

}  // namespace

StatsQuery StatsService::make_query(const std::optional<std::string>& period, const std::optional<std::string>& district,
                                    const std::optional<std::string>& venue,
                                    const std::optional<std::string>& subject_kind,
                                    const std::optional<std::string>& category) {
  FieldErrors errors;
  StatsQuery q;
  if (!period || !month_start(*period)) errors["period"] = "must be a month, YYYY-MM";
  else q.period = *period;
  q.district = district;
  if (venue) {
    if (venue->empty() || venue->size() > 9 || venue->find_first_not_of("0123456789") != std::string::npos)
      errors["venue"] = "must be a venue id";
    else q.venue_id = std::stoll(*venue);
  }
  if (subject_kind && !enum_from<SubjectKind>(*subject_kind))
    errors["subject_kind"] = "must be one of: " + enum_choices<SubjectKind>();
  q.subject_kind = subject_kind;
  if (category && !enum_from<VenueCategory>(*category))
    errors["category"] = "must be one of: " + enum_choices<VenueCategory>();
  q.category = category;
  throw_if_errors(errors);
  return q;
}

Metrics StatsService::metrics(const StatsQuery& q) {
  auto& db = pool_.get();
  Metrics m;
  auto f = filter_of(db, q);
  for (const auto& c : store::rating_counts(db, q.period, f)) {
    if (c.bucket == "excluded") m.excluded += c.n;
    else if (c.bucket == "suspect") m.suspect += c.n;
    else (c.bad ? m.bad : m.good) += c.n;
  }
  m.ratings = m.good + m.bad;
  {
    std::map<std::string, std::int64_t> counts;
    for (const auto& c : store::bad_review_reasons(db, q.period, f)) {
      std::stringstream ss(c.reasons);
      std::string r;
      while (std::getline(ss, r, ',')) counts[r] += c.n;
    }
    m.top_reasons.assign(counts.begin(), counts.end());
    std::stable_sort(m.top_reasons.begin(), m.top_reasons.end(),
                     [](const auto& a, const auto& b) { return a.second > b.second; });
    if (m.top_reasons.size() > 8) m.top_reasons.resize(8);
  }
  // Cases received in the month (cases of upheld appeals are left out, like their ratings).
  auto first = *month_start(q.period);
  auto next = first.plus_days(31);  // always in the next month
  next.day = 1;
  std::vector<double> hours;
  for (const auto& c : store::case_timings(db, from_local(first, 0), from_local(next, 0), f)) {
    ++m.cases;
    if (c.kind == CaseKind::bad_review && c.named) {
      ++m.named_bad_cases;
      if (c.first_callback_at) ++m.named_bad_called_back;
      if (c.resolved_at) ++m.named_bad_rectified;
    }
    if (c.closed_at) {
      ++m.closed_cases;
      if (on_time(c)) ++m.closed_on_time;
      hours.push_back(static_cast<double>((*c.closed_at - c.received_at).count()) / 3600.0);
    }
    if (c.evaluation) {
      ++m.evaluations;
      if (*c.evaluation != "dissatisfied") ++m.evaluations_satisfied;
    }
  }
  if (!hours.empty()) {
    double sum = 0;
    for (double h : hours) sum += h;
    m.avg_handling_hours = sum / static_cast<double>(hours.size());
    auto idx = static_cast<std::size_t>(std::ceil(0.9 * static_cast<double>(hours.size()))) - 1;
    std::nth_element(hours.begin(), hours.begin() + static_cast<std::ptrdiff_t>(idx), hours.end());
    m.p90_handling_hours = hours[idx];
  }
  return m;
}

Breakdown StatsService::breakdown(const StatsQuery& q, const std::string& group_by) {
  auto& db = pool_.get();
  Breakdown out{group_by, q.period, {}, {}};
  if (group_by == "hour_weekday") {
    out.hours = store::ratings_by_hour_of_week(db, q.period, filter_of(db, q));
    return out;
  }
  auto venues = store::list_venues(db);
  std::vector<std::pair<MetricsGroup, StatsQuery>> keys;
  if (group_by == "venue") {
    for (const auto& v : venues) {
      if (q.district && v.district != *q.district) continue;
      StatsQuery k = q;
      k.venue_id = v.id;
      MetricsGroup g;
      g.venue_id = v.id;
      g.name = v.name;
      keys.push_back({std::move(g), k});
    }
  } else if (group_by == "district") {
    for (const auto& d : store::list_districts(db)) {
      StatsQuery k = q;
      k.district = d.id;
      MetricsGroup g;
      g.district = d.id;
      g.name = d.name;
      keys.push_back({std::move(g), k});
    }
  } else if (group_by == "category") {
    for (auto name : EnumNames<VenueCategory>::names) {
      StatsQuery k = q;
      k.category = std::string(name);
      MetricsGroup g;
      g.category = std::string(name);
      keys.push_back({std::move(g), k});
    }
  } else if (group_by == "subject_kind") {
    for (auto name : EnumNames<SubjectKind>::names) {
      StatsQuery k = q;
      k.subject_kind = std::string(name);
      MetricsGroup g;
      g.subject_kind = std::string(name);
      keys.push_back({std::move(g), k});
    }
  } else {
    throw ValidationError("group_by", "must be venue, district, category, subject_kind or hour_weekday");
  }
  for (auto& [g, k] : keys) {
    g.metrics = metrics(k);
    out.groups.push_back(std::move(g));
  }
  return out;
}

Ranking StatsService::ranking(const std::string& period) {
  auto rank = [&](const std::string& p) {
    auto b = breakdown(make_query(p, std::nullopt, std::nullopt, std::nullopt, std::nullopt), "venue");
    std::vector<MetricsGroup> rows;
    for (auto& g : b.groups)
      if (g.metrics.ratings > 0) rows.push_back(std::move(g));
    std::stable_sort(rows.begin(), rows.end(), [](const MetricsGroup& a, const MetricsGroup& b2) {
      return rate(a.metrics.good, a.metrics.ratings) > rate(b2.metrics.good, b2.metrics.ratings);
    });
    return rows;
  };
  auto now_rows = rank(period);
  auto prev_rows = rank(previous_period(period));
  std::optional<std::int64_t> prev_lowest;
  if (!prev_rows.empty()) prev_lowest = prev_rows.back().venue_id;
  Ranking out{period, {}};
  for (std::size_t i = 0; i < now_rows.size(); ++i) {
    bool lowest = i + 1 == now_rows.size();
    bool running = lowest && prev_lowest && *prev_lowest == now_rows[i].venue_id;
    out.venues.push_back({std::move(now_rows[i]), i + 1, running});
  }
  return out;
}

PublicResults StatsService::public_results(const std::string& period) {
  auto q = make_query(period, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
  return {period, metrics(q), breakdown(q, "venue").groups};
}

std::vector<store::SuspectRating> StatsService::suspect_ratings(int limit) {
  return store::suspect_ratings(pool_.get(), limit);
}

SuspectReview StatsService::review_suspect(const std::string& actor, const std::string& rating_id,
                                           const SuspectVerdict& verdict, Timestamp now) {
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto flags = store::rating_flags(db, rating_id);
  if (!flags || !flags->suspect || flags->excluded) throw NotFound("no suspect rating " + rating_id);
  bool genuine = verdict.genuine;
  if (genuine) store::clear_suspect(db, rating_id);
  else store::exclude_rating(db, rating_id);
  store::rollup_move(db, rating_id, "suspect", genuine ? "counted" : "excluded");
  store::append_audit(db, {0, now, actor, genuine ? "review_genuine" : "review_abusive", "rating", rating_id,
                           Json{{"suspect", true}}, Json{{"suspect", !genuine}, {"excluded", !genuine}}, verdict.note});
  tx.commit();
  return {rating_id, genuine, !genuine};
}

std::string StatsService::venues_csv(const std::string& period) {
  auto b = breakdown(make_query(period, std::nullopt, std::nullopt, std::nullopt, std::nullopt), "venue");
  std::string out =
      "period,venue_id,venue_zh,venue_en,ratings,satisfaction_rate,bad_reviews,excluded_reviews,suspect_reviews,"
      "named_bad_cases,callback_rate,rectification_rate,closed_cases,on_time_rate,avg_handling_hours\r\n";
  for (const auto& g : b.groups) {
    const auto& m = g.metrics;
    char line[512];
    std::snprintf(line, sizeof line, ",%lld,%.4f,%lld,%lld,%lld,%lld,%.4f,%.4f,%lld,%.4f,%.2f\r\n",
                  static_cast<long long>(m.ratings), rate(m.good, m.ratings), static_cast<long long>(m.bad),
                  static_cast<long long>(m.excluded), static_cast<long long>(m.suspect),
                  static_cast<long long>(m.named_bad_cases), rate(m.named_bad_called_back, m.named_bad_cases),
                  rate(m.named_bad_rectified, m.named_bad_cases), static_cast<long long>(m.closed_cases),
                  rate(m.closed_on_time, m.closed_cases), m.avg_handling_hours);
    out += period + "," + std::to_string(*g.venue_id) + "," + csv_field(g.name->zh) + "," + csv_field(g.name->en) +
           line;
  }
  return out;
}

std::string StatsService::cases_csv(const std::string& period) {
  make_query(period, std::nullopt, std::nullopt, std::nullopt, std::nullopt);  // validates
  auto& db = pool_.get();
  auto first = *month_start(period);
  auto next = first.plus_days(31);
  next.day = 1;
  auto t = [](const std::optional<Timestamp>& x) { return x ? format_iso8601(*x) : std::string(); };
  std::string out =
      "case_id,kind,state,unit,subject_kind,subject_id,district,named,level,received_at,callback_due,"
      "first_callback_at,resolved_at,closed_at,overdue,escalated,reopened,appeal,evaluation\r\n";
  auto now = now_utc();
  for (auto id : store::case_ids_received_between(db, from_local(first, 0), from_local(next, 0))) {
    auto c = *store::find_case(db, id);
    out += std::to_string(c.id) + "," + std::string(name_of(c.kind)) + "," + std::string(name_of(c.state)) + "," +
           csv_field(c.unit) + "," + csv_field(c.subject_kind) + "," + csv_field(c.subject_id) + "," +
           csv_field(c.district.value_or("")) + "," + (c.named ? "1" : "0") + "," + std::to_string(c.level) + "," +
           format_iso8601(c.received_at) + "," + format_iso8601(c.callback_due) + "," + t(c.first_callback_at) + "," +
           t(c.resolved_at) + "," + t(c.closed_at) + "," + (store::is_overdue(c, now) ? "1" : "0") + "," +
           (c.escalated ? "1" : "0") + "," + (c.reopened ? "1" : "0") + "," + c.appeal.value_or("") + "," +
           c.evaluation.value_or("") + "\r\n";
  }
  return out;
}

std::string StatsService::monthly_report_html(const std::string& district, const std::string& period) {
  auto q = make_query(period, district, std::nullopt, std::nullopt, std::nullopt);
  auto& db = pool_.get();
  std::string district_name = district;
  bool found = false;
  for (const auto& d : store::list_districts(db))
    if (d.id == district) district_name = d.name.zh, found = true;
  if (!found) throw NotFound("no district " + district);
  auto m = metrics(q);
  auto venues = breakdown(q, "venue");
  auto heat = breakdown(q, "hour_weekday");
  std::string h = "<!doctype html><html lang=\"zh\"><head><meta charset=\"utf-8\"><title>" + html_escape(district_name) +
                  " " + period + " 好差评月报</title><style>"
                  "body{font-family:'WenQuanYi Micro Hei',sans-serif;margin:2em;color:#111}h1{font-size:1.6em}"
                  "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #999;padding:4px 8px;text-align:right}"
                  "th{background:#eee}.kpi{display:inline-block;margin:0 2em 1em 0}.kpi b{display:block;font-size:1.8em}"
                  "@media print{body{margin:0}.pagebreak{page-break-before:always}}</style></head><body>";
  h += "<h1>" + html_escape(district_name) + " 夜间文旅政务服务“好差评”月报 · " + period + "</h1>";
  h += "<div class=\"kpi\">评价总数<b>" + std::to_string(m.ratings) + "</b></div>";
  h += "<div class=\"kpi\">满意率<b>" + pct(rate(m.good, m.ratings)) + "</b></div>";
  h += "<div class=\"kpi\">差评率<b>" + pct(rate(m.bad, m.ratings)) + "</b></div>";
  h += "<div class=\"kpi\">实名差评回访率<b>" + pct(rate(m.named_bad_called_back, m.named_bad_cases)) + "</b></div>";
  h += "<div class=\"kpi\">实名差评整改率<b>" + pct(rate(m.named_bad_rectified, m.named_bad_cases)) + "</b></div>";
  h += "<div class=\"kpi\">按时办结率<b>" + pct(rate(m.closed_on_time, m.closed_cases)) + "</b></div>";
  h += "<div class=\"kpi\">不予采纳（申诉成立）<b>" + std::to_string(m.excluded) + "</b></div>";
  // Bar chart of satisfaction per venue (SVG, prints as vectors).
  const auto& groups = venues.groups;
  int bar_h = 26, width = 640;
  h += "<h2>各场所满意率</h2><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width + 260) +
       "\" height=\"" + std::to_string(static_cast<int>(groups.size()) * bar_h + 10) + "\" role=\"img\">";
  int y = 0;
  for (const auto& g : groups) {
    double sr = rate(g.metrics.good, g.metrics.ratings);
    int w = static_cast<int>(sr * width);
    h += "<text x=\"0\" y=\"" + std::to_string(y + 18) + "\" font-size=\"14\">" +
         html_escape(g.name->zh) + "</text><rect x=\"200\" y=\"" + std::to_string(y + 4) +
         "\" width=\"" + std::to_string(w) + "\" height=\"18\" fill=\"#1f6feb\"/><text x=\"" +
         std::to_string(205 + w) + "\" y=\"" + std::to_string(y + 18) + "\" font-size=\"13\">" + pct(sr) + " (" +
         std::to_string(g.metrics.ratings) + ")</text>";
    y += bar_h;
  }
  h += "</svg>";
  h += "<h2>差评主要原因</h2><table><tr><th>原因</th><th>次数</th></tr>";
  for (const auto& [reason, count] : m.top_reasons)
    h += "<tr><td>" + html_escape(reason) + "</td><td>" + std::to_string(count) + "</td></tr>";
  h += "</table><h2 class=\"pagebreak\">评价时段分布（周 × 小时，评价数）</h2><table><tr><th></th>";
  for (int hour = 0; hour < 24; ++hour) h += "<th>" + std::to_string(hour) + "</th>";
  h += "</tr>";
  std::map<std::pair<int, int>, std::int64_t> cells;
  for (const auto& c : heat.hours)
    cells[{static_cast<int>(c.hour_of_week / 24 + 1), static_cast<int>(c.hour_of_week % 24)}] = c.ratings;
  const char* days[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};
  for (int d = 1; d <= 7; ++d) {
    h += "<tr><th>" + std::string(days[d - 1]) + "</th>";
    for (int hour = 0; hour < 24; ++hour) {
      auto it = cells.find({d, hour});
      h += "<td>" + (it == cells.end() ? std::string() : std::to_string(it->second)) + "</td>";
    }
    h += "</tr>";
  }
  h += "</table><p>统计口径：满意率 = 很好/好/一般（1–3级）÷ 有效评价；疑似刷评未复核和申诉成立的评价不计入，单列数量。</p>";
  h += "</body></html>";
  return h;
}

}  // namespace yeyou::services
