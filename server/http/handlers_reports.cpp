// Statistics, reports and the public results (no login, no personal data).
#include "server/http/decoders.hpp"
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http::handlers {
namespace {

using services::Role;

services::StatsQuery stats_query(const Request& req) {
  return services::StatsService::make_query(query_text(req, "period", 7), query_text(req, "district", 64),
                                            query_text(req, "venue", 12), query_text(req, "subject_kind", 20),
                                            query_text(req, "category", 30));
}

using services::rate;

Json metrics_json(const services::Metrics& m) {
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

// The group's key fields and its metrics.
Json group_json(const services::MetricsGroup& g) {
  Json j = Json::object();
  if (g.venue_id) j["venue_id"] = *g.venue_id;
  if (g.district) j["district"] = *g.district;
  if (g.name) j["name"] = to_json(*g.name);
  if (g.category) j["category"] = *g.category;
  if (g.subject_kind) j["subject_kind"] = *g.subject_kind;
  j["metrics"] = metrics_json(g.metrics);
  return j;
}

Json breakdown_json(const services::Breakdown& b) {
  Json groups = Json::array();
  for (const auto& h : b.hours)
    groups.push_back({{"weekday", h.hour_of_week / 24 + 1}, {"hour", h.hour_of_week % 24}, {"ratings", h.ratings},
                      {"satisfaction_rate", rate(h.good, h.ratings)}, {"bad", h.bad}});
  for (const auto& g : b.groups) groups.push_back(group_json(g));
  return Json{{"group_by", b.group_by}, {"period", b.period}, {"groups", groups}};
}

Json ranking_json(const services::Ranking& r) {
  Json venues = Json::array();
  for (const auto& v : r.venues) {
    Json j = group_json(v.venue);
    j["rank"] = v.rank;
    j["lowest_two_months_running"] = v.lowest_two_months_running;
    venues.push_back(j);
  }
  return Json{{"period", r.period}, {"venues", venues}};
}

Json public_results_json(const services::PublicResults& p) {
  Json venues = Json::array();
  for (const auto& g : p.venues) {
    const auto& m = g.metrics;
    venues.push_back({{"venue_id", *g.venue_id},
                      {"name", to_json(*g.name)},
                      {"ratings", m.ratings},
                      {"satisfaction_rate", rate(m.good, m.ratings)},
                      {"bad_reviews", m.bad},
                      {"excluded_reviews", m.excluded},
                      {"cases", m.cases},
                      {"named_bad_cases", m.named_bad_cases},
                      {"callback_rate", rate(m.named_bad_called_back, m.named_bad_cases)},
                      {"rectification_rate", rate(m.named_bad_rectified, m.named_bad_cases)},
                      {"on_time_rate", rate(m.closed_on_time, m.closed_cases)}});
  }
  const auto& t = p.totals;
  return Json{{"period", p.period},
              {"totals", {{"ratings", t.ratings}, {"satisfaction_rate", rate(t.good, t.ratings)},
                          {"bad_reviews", t.bad}, {"excluded_reviews", t.excluded},
                          {"rectification_rate", rate(t.named_bad_rectified, t.named_bad_cases)}}},
              {"venues", venues}};
}

// Venue staff see statistics of their own venues only.
services::StatsQuery scoped(const services::Principal& who, services::StatsQuery q) {
  if (who.role != Role::venue_staff) return q;
  if (!q.venue_id || !who.may_edit_venue(*q.venue_id))
    throw services::Forbidden("venue staff may read statistics of their own venues: add venue=<id>");
  return q;
}

}  // namespace

void stats(Exchange& x) {
  auto q = scoped(x.who, stats_query(x.req));
  if (auto group = query_text(x.req, "group_by", 20)) {
    if (x.who.role == Role::venue_staff && *group != "hour_weekday")
      throw services::Forbidden("venue staff may only group their own venue by hour_weekday");
    write_json(x.res, 200, breakdown_json(x.hub.stats.breakdown(q, *group)));
    return;
  }
  Json out = metrics_json(x.hub.stats.metrics(q));
  out["period"] = q.period;
  write_json(x.res, 200, out);
}

void ranking(Exchange& x) { write_json(x.res, 200, ranking_json(x.hub.stats.ranking(stats_query(x.req).period))); }

void venues_csv(Exchange& x) {
  auto period = stats_query(x.req).period;
  x.res.set_header("Content-Disposition", "attachment; filename=\"venues-" + period + ".csv\"");
  x.res.set_content("\xEF\xBB\xBF" + x.hub.stats.venues_csv(period), "text/csv; charset=utf-8");
}

void cases_csv(Exchange& x) {
  auto period = stats_query(x.req).period;
  x.res.set_header("Content-Disposition", "attachment; filename=\"cases-" + period + ".csv\"");
  x.res.set_content("\xEF\xBB\xBF" + x.hub.stats.cases_csv(period), "text/csv; charset=utf-8");
}

void monthly_report(Exchange& x) {
  auto q = stats_query(x.req);
  if (!q.district) throw ValidationError("district", "is required");
  x.res.set_content(x.hub.stats.monthly_report_html(*q.district, q.period), "text/html; charset=utf-8");
}

void public_results(Exchange& x) {
  write_json(x.res, 200, public_results_json(x.hub.stats.public_results(stats_query(x.req).period)));
}

void public_complaint(Exchange& x) {
  auto c = x.hub.cases.public_complaint(x.req.matches[1]);
  write_json(x.res, 200,
             Json{{"tracking_no", *c.tracking_no},
                  {"state", name_of(c.state)},
                  {"received_at", format_iso8601(c.received_at)},
                  {"closed_at", c.closed_at ? Json(format_iso8601(*c.closed_at)) : Json(nullptr)},
                  {"outcome", c.outcome},
                  {"evaluation", c.evaluation ? Json(*c.evaluation) : Json(nullptr)}});
}

void public_evaluation(Exchange& x) {
  auto c = x.hub.cases.public_complaint(x.req.matches[1]);
  auto evaluation = decode_case_evaluation(parse_body(x.req));
  auto v = x.hub.cases.evaluate("evaluator:" + *c.tracking_no, c.id, evaluation, now_utc());
  write_json(x.res, 200, Json{{"tracking_no", *c.tracking_no}, {"state", name_of(v.row.state)},
                              {"evaluation", v.row.evaluation.value_or("")}});
}

}  // namespace yeyou::http::handlers
