// Bad-review and complaint cases, notifications and suspect-rating review.
#include "server/http/decoders.hpp"
#include "server/http/handlers.hpp"
#include "server/http/json_response.hpp"
#include "server/http/request_auth.hpp"
#include "server/services/service_errors.hpp"

namespace yeyou::http::handlers {
namespace {

using services::Role;

Json opt_time(const std::optional<Timestamp>& t) { return t ? Json(format_iso8601(*t)) : Json(nullptr); }

Json case_json(const services::CaseView& v, Timestamp now) {
  const auto& c = v.row;
  Json allowed = Json::array();
  for (auto a : v.allowed) allowed.push_back(name_of(a));
  auto seconds_left = [&](const std::optional<Timestamp>& due) -> Json {
    if (!due || c.state == CaseState::closed) return nullptr;
    return (*due - now).count();
  };
  Json j{{"id", c.id},
         {"kind", name_of(c.kind)},
         {"state", name_of(c.state)},
         {"unit", c.unit},
         {"subject", {{"kind", c.subject_kind}, {"id", c.subject_id}}},
         {"venue_id", c.venue_id ? Json(*c.venue_id) : Json(nullptr)},
         {"district", c.district ? Json(*c.district) : Json(nullptr)},
         {"named", c.named},
         {"level", c.level},
         {"rating_id", c.rating_id ? Json(*c.rating_id) : Json(nullptr)},
         {"tracking_no", c.tracking_no ? Json(*c.tracking_no) : Json(nullptr)},
         {"received_at", format_iso8601(c.received_at)},
         {"callback_due", format_iso8601(c.callback_due)},
         {"callback_seconds_left", c.first_callback_at ? Json(nullptr) : seconds_left(c.callback_due)},
         {"rectify_due", opt_time(c.rectify_due)},
         {"close_due", opt_time(c.close_due)},
         {"close_seconds_left", seconds_left(c.close_due)},
         {"paused", c.paused_since.has_value()},
         {"first_callback_at", opt_time(c.first_callback_at)},
         {"callback_reached", c.callback_reached},
         {"resolved_at", opt_time(c.resolved_at)},
         {"feedback_at", opt_time(c.feedback_at)},
         {"closed_at", opt_time(c.closed_at)},
         {"reopened", c.reopened},
         {"escalated", c.escalated},
         {"overdue", v.overdue},
         {"appeal", c.appeal ? Json(*c.appeal) : Json(nullptr)},
         {"evaluation", c.evaluation ? Json(*c.evaluation) : Json(nullptr)},
         {"outcome", c.outcome},
         {"allowed_actions", allowed}};
  if (v.masked_contact) j["contact"] = {{"name", v.masked_contact->name}, {"phone", v.masked_contact->phone}};
  if (!v.steps.empty()) {
    Json steps = Json::array();
    for (const auto& s : v.steps)
      steps.push_back({{"at", format_iso8601(s.at)}, {"actor", s.actor}, {"action", s.action}, {"from", s.from_state},
                       {"to", s.to_state}, {"note", s.note}, {"details", s.details}});
    j["steps"] = steps;
  }
  return j;
}

std::vector<std::string> notification_units(const services::Principal& who) {
  auto units = services::CaseService::units_of(who);
  if (!units) return {"bureau"};
  return *units;
}

}  // namespace

void list_cases(Exchange& x) {
  std::optional<CaseState> state;
  if (auto s = query_text(x.req, "state", 30)) {
    state = enum_from<CaseState>(*s);
    if (!state) throw ValidationError("state", "must be one of: " + enum_choices<CaseState>());
  }
  bool overdue = false;
  if (auto o = query_text(x.req, "overdue", 5)) {
    if (*o != "true" && *o != "false") throw ValidationError("overdue", "must be true or false");
    overdue = *o == "true";
  }
  auto now = now_utc();
  Json cases = Json::array();
  for (const auto& v : x.hub.cases.list(x.who, state, overdue, now)) cases.push_back(case_json(v, now));
  write_json(x.res, 200, Json{{"cases", cases}});
}

void get_case(Exchange& x) {
  auto now = now_utc();
  write_json(x.res, 200, case_json(x.hub.cases.get(x.who, path_id(x.req), now), now));
}

void evaluate_case(Exchange& x) {
  auto now = now_utc();
  auto evaluation = decode_case_evaluation(parse_body(x.req));
  write_json(x.res, 200, case_json(x.hub.cases.evaluate(x.who.actor(), path_id(x.req), evaluation, now), now));
}

void case_action(Exchange& x) {
  auto id = path_id(x.req);
  auto action = enum_from<CaseAction>(x.req.matches[2]);
  if (!action) throw services::NotFound("no case action '" + x.req.matches[2] + "'");
  Json body = parse_optional_body(x.req);
  auto now = now_utc();
  if (*action == CaseAction::reveal_contact) {
    auto c = x.hub.cases.reveal_contact(x.who, id, decode_reveal_reason(body), now);
    write_json(x.res, 200, Json{{"contact", {{"name", c.name}, {"phone", c.phone}}}});
    return;
  }
  auto input = decode_case_action(body, *action, now);
  write_json(x.res, 200, case_json(x.hub.cases.act(x.who, id, *action, input, now), now));
}

void list_notifications(Exchange& x) {
  auto units = notification_units(x.who);
  bool unread_only = query_text(x.req, "unread", 5).value_or("false") == "true";
  auto limit = static_cast<int>(query_int(x.req, "limit", 50, 1, 500));
  Json items = Json::array();
  for (const auto& n : x.hub.cases.notifications(units, unread_only, limit))
    items.push_back({{"id", n.id}, {"unit", n.unit}, {"case_id", n.case_id}, {"at", format_iso8601(n.at)},
                     {"kind", n.kind}, {"text", n.text}, {"read", n.read}});
  write_json(x.res, 200, Json{{"unread", x.hub.cases.unread(units)}, {"notifications", items}});
}

void read_notification(Exchange& x) {
  if (!x.hub.cases.mark_read(path_id(x.req), notification_units(x.who), now_utc()))
    throw services::NotFound("no unread notification with this id for you");
  x.res.status = 204;
}

void suspect_ratings(Exchange& x) {
  Json ratings = Json::array();
  for (const auto& r : x.hub.stats.suspect_ratings(static_cast<int>(query_int(x.req, "limit", 200, 1, 1000))))
    ratings.push_back({{"id", r.id},
                       {"subject", {{"kind", r.subject_kind}, {"id", r.subject_id}}},
                       {"level", r.level},
                       {"kiosk_id", r.kiosk_id ? Json(*r.kiosk_id) : Json(nullptr)},
                       {"received_at", format_iso8601(r.received_at)},
                       {"reasons", r.reasons}});
  write_json(x.res, 200, Json{{"ratings", ratings}});
}

void review_suspect(Exchange& x) {
  auto verdict = decode_suspect_verdict(parse_body(x.req));
  auto review = x.hub.stats.review_suspect(x.who.actor(), x.req.matches[1], verdict, now_utc());
  write_json(x.res, 200, Json{{"id", review.id}, {"counted", review.counted}, {"excluded", review.excluded}});
}

}  // namespace yeyou::http::handlers
