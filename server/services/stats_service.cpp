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

namespace yeyou::services {
namespace {

double rate(std::int64_t part, std::int64_t whole) {
  return whole == 0 ? 0.0 : static_cast<double>(part) / static_cast<double>(whole);
}

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

// A WHERE clause over ratings or cases for the query's filters, with its binds.
struct Where {
  std::string sql;
  std::vector<std::string> text;  // bound in order after any fixed parameters
};

Where filters(store::Db& db, const StatsQuery& q) {
  Where w;
  auto add = [&](const std::string& clause, const std::string& value) {
    w.sql += " AND " + clause;
    w.text.push_back(value);
  };
  if (q.district) add("district = ?", *q.district);
  if (q.venue_id) add("venue_id = ?", std::to_string(*q.venue_id));
  if (q.subject_kind) add("subject_kind = ?", *q.subject_kind);
  if (q.category) {
    std::string ids;
    for (const auto& v : store::list_venues(db))
      if (name_of(v.category) == *q.category) ids += (ids.empty() ? "" : ",") + std::to_string(v.id);
    w.sql += " AND venue_id IN (" + (ids.empty() ? std::string("NULL") : ids) + ")";
  }
  return w;
}

void bind_all(store::Stmt& s, int first, const std::vector<std::string>& values) {
  for (std::size_t i = 0; i < values.size(); ++i) s.bind(first + static_cast<int>(i), values[i]);
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

Json to_json(const Metrics& m) {
  Json reasons = Json::array();
  for (const auto& [k, v] : m.top_reasons) reasons.push_back({{"reason", k}, {"count", v}});
  return Json{{"ratings", m.ratings},
              {"good", m.good},
              {"bad", m.bad},
              {"excluded", m.excluded},
              {"suspect", m.suspect},
              {"satisfaction_rate", rate(m.good, m.ratings)},
              {"bad_review_rate", rate(m.bad, m.ratings)},
              {"cases", m.cases},
              {"named_bad_cases", m.named_bad_cases},
              {"callback_rate", rate(m.named_bad_called_back, m.named_bad_cases)},
              {"rectification_rate", rate(m.named_bad_rectified, m.named_bad_cases)},
              {"closed_cases", m.closed_cases},
              {"on_time_rate", rate(m.closed_on_time, m.closed_cases)},
              {"avg_handling_hours", m.avg_handling_hours},
              {"p90_handling_hours", m.p90_handling_hours},
              {"evaluations", m.evaluations},
              {"evaluator_satisfaction", rate(m.evaluations_satisfied, m.evaluations)},
              {"top_reasons", reasons}};
}

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
  Where w = filters(db, q);
  // One pass over the (district, month, suspect, excluded, level) index.
  {
    store::Stmt s(db, "SELECT bucket, level >= 4, sum(n) FROM rating_rollup WHERE month = ?1" + w.sql +
                          " GROUP BY 1, 2");
    s.bind(1, q.period);
    bind_all(s, 2, w.text);
    while (s.step()) {
      std::string bucket = s.text(0);
      bool bad = s.int64(1) != 0;
      auto n = s.int64(2);
      if (bucket == "excluded") m.excluded += n;
      else if (bucket == "suspect") m.suspect += n;
      else (bad ? m.bad : m.good) += n;
    }
    m.ratings = m.good + m.bad;
  }
  {
    std::map<std::string, std::int64_t> counts;
    store::Stmt s(db, "SELECT reasons, sum(n) FROM rating_rollup WHERE month = ?1 AND bucket = 'counted' "
                      "AND level >= 4 AND reasons <> ''" + w.sql + " GROUP BY reasons");
    s.bind(1, q.period);
    bind_all(s, 2, w.text);
    while (s.step()) {
      std::stringstream ss(s.text(0));
      std::string r;
      while (std::getline(ss, r, ',')) counts[r] += s.int64(1);
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
  store::Stmt s(db,
                "SELECT kind, named, first_callback_at, resolved_at, closed_at, received_at, callback_due, rectify_due, "
                "close_due, paused_seconds, evaluation FROM cases WHERE received_at >= ?1 AND received_at < ?2 "
                "AND coalesce(appeal, '') <> 'upheld'" + w.sql);
  s.bind(1, from_local(first, 0).time_since_epoch().count()).bind(2, from_local(next, 0).time_since_epoch().count());
  bind_all(s, 3, w.text);
  std::vector<double> hours;
  auto opt = [&](int col) -> std::optional<Timestamp> {
    if (s.is_null(col)) return std::nullopt;
    return Timestamp{std::chrono::seconds{s.int64(col)}};
  };
  while (s.step()) {
    store::CaseRow c;
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
    if (!s.is_null(10)) {
      ++m.evaluations;
      if (s.text(10) != "dissatisfied") ++m.evaluations_satisfied;
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

Json StatsService::breakdown(const StatsQuery& q, const std::string& group_by) {
  auto& db = pool_.get();
  Json groups = Json::array();
  if (group_by == "hour_weekday") {
    Where w = filters(db, q);
    store::Stmt s(db,
                  "SELECT hour_of_week, sum(n), sum(CASE WHEN level <= 3 THEN n ELSE 0 END), "
                  "sum(CASE WHEN level >= 4 THEN n ELSE 0 END) FROM rating_rollup WHERE month = ?1 "
                  "AND bucket = 'counted'" + w.sql + " GROUP BY hour_of_week ORDER BY hour_of_week");
    s.bind(1, q.period);
    bind_all(s, 2, w.text);
    while (s.step()) {
      auto how = s.int64(0);
      groups.push_back({{"weekday", how / 24 + 1}, {"hour", how % 24}, {"ratings", s.int64(1)},
                        {"satisfaction_rate", rate(s.int64(2), s.int64(1))}, {"bad", s.int64(3)}});
    }
    return Json{{"group_by", group_by}, {"period", q.period}, {"groups", groups}};
  }
  auto venues = store::list_venues(db);
  std::vector<std::pair<Json, StatsQuery>> keys;
  if (group_by == "venue") {
    for (const auto& v : venues) {
      if (q.district && v.district != *q.district) continue;
      StatsQuery k = q;
      k.venue_id = v.id;
      keys.push_back({Json{{"venue_id", v.id}, {"name", to_json(v.name)}}, k});
    }
  } else if (group_by == "district") {
    for (const auto& d : store::list_districts(db)) {
      StatsQuery k = q;
      k.district = d.id;
      keys.push_back({Json{{"district", d.id}, {"name", to_json(d.name)}}, k});
    }
  } else if (group_by == "category") {
    for (auto name : EnumNames<VenueCategory>::names) {
      StatsQuery k = q;
      k.category = std::string(name);
      keys.push_back({Json{{"category", name}}, k});
    }
  } else if (group_by == "subject_kind") {
    for (auto name : EnumNames<SubjectKind>::names) {
      StatsQuery k = q;
      k.subject_kind = std::string(name);
      keys.push_back({Json{{"subject_kind", name}}, k});
    }
  } else {
    throw ValidationError("group_by", "must be venue, district, category, subject_kind or hour_weekday");
  }
  for (auto& [key, k] : keys) {
    Json g = key;
    g["metrics"] = to_json(metrics(k));
    groups.push_back(g);
  }
  return Json{{"group_by", group_by}, {"period", q.period}, {"groups", groups}};
}

Json StatsService::ranking(const std::string& period) {
  auto rank = [&](const std::string& p) {
    auto b = breakdown(make_query(p, std::nullopt, std::nullopt, std::nullopt, std::nullopt), "venue");
    std::vector<Json> rows;
    for (auto& g : b["groups"])
      if (g["metrics"]["ratings"].get<std::int64_t>() > 0) rows.push_back(g);
    std::stable_sort(rows.begin(), rows.end(), [](const Json& a, const Json& b2) {
      return a["metrics"]["satisfaction_rate"].get<double>() > b2["metrics"]["satisfaction_rate"].get<double>();
    });
    return rows;
  };
  auto now_rows = rank(period);
  auto prev_rows = rank(previous_period(period));
  std::optional<std::int64_t> prev_lowest;
  if (!prev_rows.empty()) prev_lowest = prev_rows.back()["venue_id"].get<std::int64_t>();
  Json out = Json::array();
  for (std::size_t i = 0; i < now_rows.size(); ++i) {
    Json r = now_rows[i];
    r["rank"] = i + 1;
    bool lowest = i + 1 == now_rows.size();
    r["lowest_two_months_running"] = lowest && prev_lowest && *prev_lowest == r["venue_id"].get<std::int64_t>();
    out.push_back(r);
  }
  return Json{{"period", period}, {"venues", out}};
}

Json StatsService::public_results(const std::string& period) {
  auto q = make_query(period, std::nullopt, std::nullopt, std::nullopt, std::nullopt);
  auto b = breakdown(q, "venue");
  Json venues = Json::array();
  for (const auto& g : b["groups"]) {
    const auto& m = g["metrics"];
    venues.push_back({{"venue_id", g["venue_id"]},
                      {"name", g["name"]},
                      {"ratings", m["ratings"]},
                      {"satisfaction_rate", m["satisfaction_rate"]},
                      {"bad_reviews", m["bad"]},
                      {"excluded_reviews", m["excluded"]},
                      {"cases", m["cases"]},
                      {"named_bad_cases", m["named_bad_cases"]},
                      {"callback_rate", m["callback_rate"]},
                      {"rectification_rate", m["rectification_rate"]},
                      {"on_time_rate", m["on_time_rate"]}});
  }
  auto total = metrics(q);
  return Json{{"period", period},
              {"totals", {{"ratings", total.ratings}, {"satisfaction_rate", rate(total.good, total.ratings)},
                          {"bad_reviews", total.bad}, {"excluded_reviews", total.excluded},
                          {"rectification_rate", rate(total.named_bad_rectified, total.named_bad_cases)}}},
              {"venues", venues}};
}

Json StatsService::suspect_ratings(int limit) {
  auto& db = pool_.get();
  store::Stmt s(db,
                "SELECT id, subject_kind, subject_id, level, kiosk_id, received_at, reasons FROM ratings "
                "WHERE suspect = 1 AND excluded = 0 ORDER BY received_at DESC LIMIT ?1");
  s.bind(1, limit);
  Json out = Json::array();
  while (s.step())
    out.push_back({{"id", s.text(0)},
                   {"subject", {{"kind", s.text(1)}, {"id", s.text(2)}}},
                   {"level", s.int64(3)},
                   {"kiosk_id", s.is_null(4) ? Json(nullptr) : Json(s.text(4))},
                   {"received_at", format_iso8601(Timestamp{std::chrono::seconds{s.int64(5)}})},
                   {"reasons", s.text(6)}});
  return out;
}

Json StatsService::review_suspect(const std::string& actor, const std::string& rating_id, const Json& body,
                                  Timestamp now) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto verdict = r.text("verdict", 20);
  if (verdict && *verdict != "genuine" && *verdict != "abusive") r.fail("verdict", "must be genuine or abusive");
  auto note = r.text("note", 1000, false).value_or("");
  r.reject_unknown();
  throw_if_errors(errors);
  auto& db = pool_.get();
  store::Transaction tx(db);
  store::Stmt find(db, "SELECT suspect, excluded FROM ratings WHERE id = ?1");
  find.bind(1, rating_id);
  if (!find.step() || find.int64(0) == 0 || find.int64(1) != 0) throw NotFound("no suspect rating " + rating_id);
  bool genuine = *verdict == "genuine";
  store::Stmt u(db, genuine ? "UPDATE ratings SET suspect = 0 WHERE id = ?1" : "UPDATE ratings SET excluded = 1 WHERE id = ?1");
  u.bind(1, rating_id).run();
  store::rollup_move(db, rating_id, "suspect", genuine ? "counted" : "excluded");
  store::append_audit(db, {0, now, actor, genuine ? "review_genuine" : "review_abusive", "rating", rating_id,
                           Json{{"suspect", true}}, Json{{"suspect", !genuine}, {"excluded", !genuine}}, note});
  tx.commit();
  return Json{{"id", rating_id}, {"counted", genuine}, {"excluded", !genuine}};
}

std::string StatsService::venues_csv(const std::string& period) {
  auto b = breakdown(make_query(period, std::nullopt, std::nullopt, std::nullopt, std::nullopt), "venue");
  std::string out =
      "period,venue_id,venue_zh,venue_en,ratings,satisfaction_rate,bad_reviews,excluded_reviews,suspect_reviews,"
      "named_bad_cases,callback_rate,rectification_rate,closed_cases,on_time_rate,avg_handling_hours\r\n";
  for (const auto& g : b["groups"]) {
    const auto& m = g["metrics"];
    char line[512];
    std::snprintf(line, sizeof line, ",%lld,%.4f,%lld,%lld,%lld,%lld,%.4f,%.4f,%lld,%.4f,%.2f\r\n",
                  static_cast<long long>(m["ratings"].get<std::int64_t>()), m["satisfaction_rate"].get<double>(),
                  static_cast<long long>(m["bad"].get<std::int64_t>()),
                  static_cast<long long>(m["excluded"].get<std::int64_t>()),
                  static_cast<long long>(m["suspect"].get<std::int64_t>()),
                  static_cast<long long>(m["named_bad_cases"].get<std::int64_t>()), m["callback_rate"].get<double>(),
                  m["rectification_rate"].get<double>(), static_cast<long long>(m["closed_cases"].get<std::int64_t>()),
                  m["on_time_rate"].get<double>(), m["avg_handling_hours"].get<double>());
    out += period + "," + std::to_string(g["venue_id"].get<std::int64_t>()) + "," +
           csv_field(g["name"]["zh"].get<std::string>()) + "," + csv_field(g["name"]["en"].get<std::string>()) + line;
  }
  return out;
}

std::string StatsService::cases_csv(const std::string& period) {
  make_query(period, std::nullopt, std::nullopt, std::nullopt, std::nullopt);  // validates
  auto& db = pool_.get();
  auto first = *month_start(period);
  auto next = first.plus_days(31);
  next.day = 1;
  store::Stmt s(db, "SELECT id FROM cases WHERE received_at >= ?1 AND received_at < ?2 ORDER BY id");
  s.bind(1, from_local(first, 0).time_since_epoch().count()).bind(2, from_local(next, 0).time_since_epoch().count());
  auto t = [](const std::optional<Timestamp>& x) { return x ? format_iso8601(*x) : std::string(); };
  std::string out =
      "case_id,kind,state,unit,subject_kind,subject_id,district,named,level,received_at,callback_due,"
      "first_callback_at,resolved_at,closed_at,overdue,escalated,reopened,appeal,evaluation\r\n";
  auto now = now_utc();
  while (s.step()) {
    auto c = *store::find_case(db, s.int64(0));
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
  const auto& groups = venues["groups"];
  int bar_h = 26, width = 640;
  h += "<h2>各场所满意率</h2><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(width + 260) +
       "\" height=\"" + std::to_string(static_cast<int>(groups.size()) * bar_h + 10) + "\" role=\"img\">";
  int y = 0;
  for (const auto& g : groups) {
    double sr = g["metrics"]["satisfaction_rate"].get<double>();
    int w = static_cast<int>(sr * width);
    h += "<text x=\"0\" y=\"" + std::to_string(y + 18) + "\" font-size=\"14\">" +
         html_escape(g["name"]["zh"].get<std::string>()) + "</text><rect x=\"200\" y=\"" + std::to_string(y + 4) +
         "\" width=\"" + std::to_string(w) + "\" height=\"18\" fill=\"#1f6feb\"/><text x=\"" +
         std::to_string(205 + w) + "\" y=\"" + std::to_string(y + 18) + "\" font-size=\"13\">" + pct(sr) + " (" +
         std::to_string(g["metrics"]["ratings"].get<std::int64_t>()) + ")</text>";
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
  for (const auto& g : heat["groups"]) cells[{g["weekday"].get<int>(), g["hour"].get<int>()}] = g["ratings"].get<std::int64_t>();
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
