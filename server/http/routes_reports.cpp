// Statistics, reports and the public results (no login, no personal data).
#include <httplib.h>

#include "server/http/api_server.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http {
namespace {

using services::Role;

services::StatsQuery stats_query(const httplib::Request& req) {
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

void register_report_routes(httplib::Server& server, services::ServiceHub& hub) {
  server.Get("/api/v1/stats", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      auto who = require_role(hub, req, {Role::bureau, Role::venue_staff});
      auto q = scoped(who, stats_query(req));
      if (auto group = query_text(req, "group_by", 20)) {
        if (who.role == Role::venue_staff && *group != "hour_weekday")
          throw services::Forbidden("venue staff may only group their own venue by hour_weekday");
        write_json(res, 200, hub.stats.breakdown(q, *group));
        return;
      }
      Json out = to_json(hub.stats.metrics(q));
      out["period"] = q.period;
      write_json(res, 200, out);
    });
  });

  server.Get("/api/v1/stats/ranking", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      require_role(hub, req, {Role::bureau});
      write_json(res, 200, hub.stats.ranking(stats_query(req).period));
    });
  });

  server.Get("/api/v1/reports/venues.csv", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      require_role(hub, req, {Role::bureau});
      auto period = stats_query(req).period;
      res.set_header("Content-Disposition", "attachment; filename=\"venues-" + period + ".csv\"");
      res.set_content("\xEF\xBB\xBF" + hub.stats.venues_csv(period), "text/csv; charset=utf-8");
    });
  });

  server.Get("/api/v1/reports/cases.csv", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      require_role(hub, req, {Role::bureau});
      auto period = stats_query(req).period;
      res.set_header("Content-Disposition", "attachment; filename=\"cases-" + period + ".csv\"");
      res.set_content("\xEF\xBB\xBF" + hub.stats.cases_csv(period), "text/csv; charset=utf-8");
    });
  });

  server.Get("/api/v1/reports/monthly.html", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] {
      require_role(hub, req, {Role::bureau});
      auto q = stats_query(req);
      if (!q.district) throw ValidationError("district", "is required");
      res.set_content(hub.stats.monthly_report_html(*q.district, q.period), "text/html; charset=utf-8");
    });
  });

  server.Get("/api/v1/public/results", [&hub](const httplib::Request& req, httplib::Response& res) {
    guarded(res, [&] { write_json(res, 200, hub.stats.public_results(stats_query(req).period)); });
  });

  server.Get(R"(/api/v1/public/complaints/([A-Za-z0-9-]{1,40}))", [&hub](const httplib::Request& req,
                                                                       httplib::Response& res) {
    guarded(res, [&] {
      auto c = hub.cases.public_complaint(req.matches[1]);
      write_json(res, 200,
                 Json{{"tracking_no", *c.tracking_no},
                      {"state", name_of(c.state)},
                      {"received_at", format_iso8601(c.received_at)},
                      {"closed_at", c.closed_at ? Json(format_iso8601(*c.closed_at)) : Json(nullptr)},
                      {"outcome", c.outcome},
                      {"evaluation", c.evaluation ? Json(*c.evaluation) : Json(nullptr)}});
    });
  });

  server.Post(R"(/api/v1/public/complaints/([A-Za-z0-9-]{1,40})/evaluation)",
              [&hub](const httplib::Request& req, httplib::Response& res) {
                guarded(res, [&] {
                  auto c = hub.cases.public_complaint(req.matches[1]);
                  auto v = hub.cases.evaluate("evaluator:" + *c.tracking_no, c.id, parse_body(req), now_utc());
                  write_json(res, 200, Json{{"tracking_no", *c.tracking_no}, {"state", name_of(v.row.state)},
                                            {"evaluation", v.row.evaluation.value_or("")}});
                });
              });
}

}  // namespace yeyou::http
