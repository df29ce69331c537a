// Statistics, reports and the public results (no login, no personal data).
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
    write_json(x.res, 200, x.hub.stats.breakdown(q, *group));
    return;
  }
  Json out = to_json(x.hub.stats.metrics(q));
  out["period"] = q.period;
  write_json(x.res, 200, out);
}

void ranking(Exchange& x) { write_json(x.res, 200, x.hub.stats.ranking(stats_query(x.req).period)); }

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

void public_results(Exchange& x) { write_json(x.res, 200, x.hub.stats.public_results(stats_query(x.req).period)); }

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
  auto v = x.hub.cases.evaluate("evaluator:" + *c.tracking_no, c.id, parse_body(x.req), now_utc());
  write_json(x.res, 200, Json{{"tracking_no", *c.tracking_no}, {"state", name_of(v.row.state)},
                              {"evaluation", v.row.evaluation.value_or("")}});
}

}  // namespace yeyou::http::handlers
