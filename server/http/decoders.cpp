#include "server/http/decoders.hpp"

#include <algorithm>

#include "core/feedback.hpp"
#include "core/recurrence.hpp"
#include "core/uuid.hpp"

namespace yeyou::http {
namespace {

constexpr std::int64_t kMaxOccupancyStep = 100000;
constexpr std::int64_t kTenYears = 10LL * 366 * 24 * 3600;

void require_object(const Json& body) {
  if (!body.is_object()) throw ValidationError("body", "must be a JSON object");
}

// Splits off the server-side keys the event decoder does not know.
std::string take_string(Json& body, const char* key, std::size_t max, FieldErrors& errors) {
  if (!body.is_object() || !body.contains(key)) return "";
  Json v = body[key];
  body.erase(key);
  if (!v.is_string() || v.get<std::string>().size() > max || !is_clean_utf8(v.get<std::string>())) {
    errors[key] = "must be text of at most " + std::to_string(max) + " bytes";
    return "";
  }
  return v.get<std::string>();
}

bool take_bool(Json& body, const char* key, FieldErrors& errors) {
  if (!body.is_object() || !body.contains(key)) return false;
  Json v = body[key];
  body.erase(key);
  if (!v.is_boolean()) errors[key] = "must be true or false";
  return v.is_boolean() && v.get<bool>();
}

// `patch`'s fields over `before`'s encoding, decoded again.
Json merged(Json stored, const Json& patch) {
  for (auto it = patch.begin(); it != patch.end(); ++it) stored[it.key()] = it.value();
  return stored;
}

std::optional<Subject> link_subject(const Json& j) {
  if (!j.is_object() || j.size() != 2 || !j.contains("kind") || !j.contains("id") || !j["kind"].is_string() ||
      !j["id"].is_string())
    return std::nullopt;
  auto kind = enum_from<SubjectKind>(j["kind"].get<std::string>());
  if (!kind) return std::nullopt;
  return Subject{*kind, j["id"].get<std::string>()};
}

Subject subject_from(const Json& j) {
  FieldErrors errors;
  Subject s;
  if (!j.is_object()) {
    errors["subject"] = "must be an object {\"kind\", \"id\"}";
  } else {
    auto kind = j.contains("kind") && j["kind"].is_string() ? enum_from<SubjectKind>(j["kind"].get<std::string>())
                                                            : std::nullopt;
    if (!kind) errors["subject.kind"] = "must be one of: " + enum_choices<SubjectKind>();
    else s.kind = *kind;
    if (!j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>().empty() ||
        j["id"].get<std::string>().size() > 64)
      errors["subject.id"] = "must be a non-empty string of at most 64 bytes";
    else s.id = j["id"].get<std::string>();
    for (const auto& [k, v] : j.items())
      if (k != "kind" && k != "id") errors["subject." + k] = "unknown field";
  }
  throw_if_errors(errors);
  return s;
}

// {value_key: 0..value_max} or {"delta": ±delta_max}, exactly one of them.
std::pair<std::optional<std::int64_t>, std::optional<std::int64_t>> value_or_delta(const Json& body,
                                                                                  const char* value_key,
                                                                                  std::int64_t value_max,
                                                                                  std::int64_t delta_max,
                                                                                  const char* neither_or_both) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto value = r.integer(value_key, 0, value_max, false);
  auto delta = r.integer("delta", -delta_max, delta_max, false);
  r.reject_unknown();
  if (errors.empty() && value.has_value() == delta.has_value()) errors[value_key] = neither_or_both;
  throw_if_errors(errors);
  return {value, delta};
}

std::optional<std::string> contact_channel(FieldReader& r) {
  auto channel = r.text("channel", 20);
  if (channel && *channel != "phone" && *channel != "sms" && *channel != "on_site" && *channel != "email") {
    r.fail("channel", "must be phone, sms, on_site or email");
    return std::nullopt;
  }
  return channel;
}

}  // namespace

store::Heartbeat decode_heartbeat(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  store::Heartbeat h;
  h.version = r.text("version", 64, true, 1).value_or("");
  h.uptime_s = r.integer("uptime_s", 0, kTenYears).value_or(0);
  h.outbox_depth = r.integer("outbox_depth", 0, 100'000'000).value_or(0);
  h.oldest_outbox_age_s = r.integer("oldest_outbox_age_s", 0, kTenYears).value_or(0);
  if (auto s = r.text("last_sync_at", 40, false)) {  // null or absent: never synced
    if (auto t = parse_iso8601(*s)) h.last_sync_at = *t;
    else r.fail("last_sync_at", "must be an ISO 8601 date-time or null");
  }
  h.free_disk_bytes = r.integer("free_disk_bytes", 0, INT64_MAX).value_or(0);
  r.reject_unknown();
  throw_if_errors(errors);
  return h;
}

services::StaffCount decode_staff_count(const Json& body) {
  auto [count, delta] =
      value_or_delta(body, "count", 10'000'000, kMaxOccupancyStep, "give exactly one of count or delta");
  return {count, delta};
}

services::CounterReading decode_counter_reading(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto seq = r.integer("seq", 1, INT64_MAX / 2);
  auto in = r.integer("in", 0, kMaxOccupancyStep);
  auto out = r.integer("out", 0, kMaxOccupancyStep);
  std::optional<Timestamp> taken_at;
  if (auto t = r.text("taken_at", 40, false)) {
    taken_at = parse_iso8601(*t);
    if (!taken_at) r.fail("taken_at", "must be an ISO 8601 date-time");
  }
  r.reject_unknown();
  throw_if_errors(errors);
  return {*seq, *in, *out, taken_at};
}

services::VenuePatch decode_venue_patch(const Json& body, std::int64_t venue_id) {
  require_object(body);
  if (body.contains("id") && body["id"] != venue_id) throw ValidationError("id", "cannot be changed");
  return {[body](const Venue& before) { return venue_from_json(merged(to_json(before), body)); }};
}

services::NewEvents decode_new_events(const Json& input, std::int64_t venue_id) {
  require_object(input);
  Json body = input;
  FieldErrors errors;
  bool fallback = take_bool(body, "fallback", errors);
  std::string reason = take_string(body, "reason", 500, errors);
  if (body.contains("id")) errors["id"] = "is assigned by the server";
  if (body.contains("venue_id") && body["venue_id"] != venue_id) errors["venue_id"] = "must match the venue in the path";
  body["venue_id"] = venue_id;
  body["id"] = 1;  // placeholder so the decoder validates; the service assigns ids
  std::optional<WeeklyRule> rule;
  if (body.contains("recurrence")) {
    if (body.contains("start") || body.contains("end"))
      errors["recurrence"] = "give either start/end or a recurrence, not both";
    Json holder{{"recurrence", body["recurrence"]}};
    FieldReader r(holder, errors);
    rule = read_weekly_rule(r, "recurrence");
    body.erase("recurrence");
    if (errors.empty()) {
      auto occurrences = expand(*rule);
      if (occurrences.empty()) {
        errors["recurrence"] = "produces no occurrences";
      } else {
        body["start"] = format_iso8601(occurrences[0].begin);
        body["end"] = format_iso8601(occurrences[0].end);
      }
    }
  }
  throw_if_errors(errors);
  return {event_from_json(body, true, fallback), std::move(rule), std::move(reason)};
}

services::EventPatch decode_event_patch(const Json& input, std::int64_t event_id) {
  require_object(input);
  Json patch = input;
  FieldErrors errors;
  bool fallback = take_bool(patch, "fallback", errors);
  std::string reason = take_string(patch, "reason", 500, errors);
  if (patch.contains("id") && patch["id"] != event_id) errors["id"] = "cannot be changed";
  throw_if_errors(errors);
  services::EventPatch out;
  out.reason = std::move(reason);
  out.sets_status = patch.contains("status");
  out.sets_previous_start = patch.contains("previous_start");
  out.apply = [patch = std::move(patch), fallback](const Event& before) {
    return event_from_json(merged(to_json(before), patch), true, fallback);
  };
  return out;
}

CarPark decode_new_car_park(const Json& body) {
  if (body.is_object() && body.contains("id")) throw ValidationError("id", "is assigned by the server");
  return car_park_from_json(body, false);
}

CarPark decode_car_park(const Json& body, std::int64_t id) {
  require_object(body);
  if (body.contains("id") && body["id"] != id) throw ValidationError("id", "must match the car park in the path");
  Json with_id = body;
  with_id["id"] = id;
  return car_park_from_json(with_id);
}

std::vector<CarPark> decode_car_parks(const Json& body) {
  if (!body.is_array()) throw ValidationError("body", "must be a JSON array of car parks");
  std::vector<CarPark> parks;
  FieldErrors errors;
  for (std::size_t i = 0; i < body.size(); ++i) {
    try {
      parks.push_back(car_park_from_json(body[i]));
    } catch (const ValidationError& e) {
      for (const auto& [k, v] : e.fields()) errors["[" + std::to_string(i) + "]." + k] = v;
    }
  }
  throw_if_errors(errors);
  return parks;
}

services::SpacesCount decode_spaces_count(const Json& body) {
  auto [free, delta] = value_or_delta(body, "free_spaces", 1'000'000, 1'000'000, "give either free_spaces or delta");
  return {free, delta};
}

services::VehicleCount decode_vehicle_count(const Json& body, const std::string& zone, Timestamp now) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto seq = r.integer("seq", 1, INT64_MAX);
  auto in = r.integer("in", 0, 100'000).value_or(0);
  auto out = r.integer("out", 0, 100'000).value_or(0);
  auto taken_text = r.text("taken_at", 40, false);
  r.reject_unknown();
  std::optional<Timestamp> taken_at;
  if (taken_text) {
    auto t = parse_iso8601(*taken_text, zone);
    if (!t) errors["taken_at"] = "must be an ISO 8601 date-time";
    else if (*t > now + std::chrono::minutes{5}) errors["taken_at"] = "is in the future";
    else taken_at = *t;
  }
  throw_if_errors(errors);
  return {*seq, in, out, taken_at};
}

services::RatingLinkRequest decode_rating_link_request(const Json& body) {
  require_object(body);
  for (const auto& [k, v] : body.items())
    if (k != "subject") throw ValidationError(k, "unknown field");
  if (!body.contains("subject")) return {};
  return {subject_from(body["subject"])};
}

services::LinkRating decode_link_rating(const Json& body, Timestamp now) {
  require_object(body);
  std::optional<Subject> subject;
  if (body.contains("subject")) {
    // A subject that is not even well-formed cannot be the link's.
    subject = link_subject(body["subject"]);
    if (!subject) throw ValidationError("subject", "must be the subject of the link (or omitted)");
  }
  if (body.contains("channel") && body["channel"] != "web") throw ValidationError("channel", "must be web");
  Json rating = body;
  rating["id"] = new_uuid();
  // The service stores the link's subject; this one only lets the rest decode.
  rating["subject"] = to_json(Subject{SubjectKind::kiosk, "rating-link"});
  rating["channel"] = "web";
  rating["created_at"] = format_iso8601(now);
  return {rating_from_json(rating), std::move(subject)};
}

services::CaseActionInput decode_case_action(const Json& body_in, CaseAction action, Timestamp now) {
  Json body = body_in.is_null() ? Json::object() : body_in;
  services::CaseActionInput in;
  FieldReader r(body, in.invalid);
  in.note = r.text("note", 2000, false);
  switch (action) {
    case CaseAction::assign:
      in.unit = r.text("unit", 40, false);
      break;
    case CaseAction::callback:
      in.channel = contact_channel(r);
      in.reached = r.boolean("reached");
      in.result = r.text("result", 2000, true, 1);
      in.at = r.text("at", 40, false);
      if (in.at && !parse_iso8601(*in.at)) r.fail("at", "must be an ISO 8601 date-time");
      break;
    case CaseAction::fix:
      in.result = r.text("result", 2000, false);
      break;
    case CaseAction::rectify:
      in.plan = r.text("plan", 2000, true, 1);
      in.due = r.text("due", 10, false);
      if (in.due) {
        auto date = parse_date(*in.due);
        if (!date) r.fail("due", "must be a date YYYY-MM-DD");
        else if (from_local(date->plus_days(1), 0) <= now) r.fail("due", "must not be in the past");
        else in.due_at = from_local(date->plus_days(1), 0);
      }
      break;
    case CaseAction::explain:
      in.explanation = r.text("explanation", 2000, true, 1);
      break;
    case CaseAction::feedback:
      in.channel = contact_channel(r);
      in.outcome = r.text("outcome", 1000, true, 1);
      break;
    case CaseAction::appeal:
      in.kind = r.text("kind", 20);
      if (in.kind && *in.kind != "mistaken" && *in.kind != "malicious") r.fail("kind", "must be mistaken or malicious");
      in.evidence = r.text("evidence", 4000, true, 1);
      break;
    case CaseAction::appeal_decision:
      in.decision = r.text("decision", 20);
      if (in.decision && *in.decision != "upheld" && *in.decision != "rejected") {
        r.fail("decision", "must be upheld or rejected");
        in.decision.reset();
      }
      break;
    case CaseAction::pause:
      in.reason = r.text("reason", 500, true, 1);
      break;
    case CaseAction::close:
    case CaseAction::reopen:
    case CaseAction::resume:
    case CaseAction::reveal_contact:
      break;
  }
  r.reject_unknown();
  return in;
}

services::CaseEvaluation decode_case_evaluation(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto verdict = r.text("verdict", 30);
  if (verdict && *verdict != "satisfied" && *verdict != "basically_satisfied" && *verdict != "dissatisfied")
    r.fail("verdict", "must be satisfied, basically_satisfied or dissatisfied");
  std::string note = r.text("note", 2000, false).value_or("");
  r.reject_unknown();
  throw_if_errors(errors);
  return {*verdict, std::move(note)};
}

std::string decode_reveal_reason(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto reason = r.text("reason", 500, true, 4);
  r.reject_unknown();
  throw_if_errors(errors);
  return *reason;
}

services::SuspectVerdict decode_suspect_verdict(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto verdict = r.text("verdict", 20);
  if (verdict && *verdict != "genuine" && *verdict != "abusive") r.fail("verdict", "must be genuine or abusive");
  auto note = r.text("note", 1000, false).value_or("");
  r.reject_unknown();
  throw_if_errors(errors);
  return {*verdict == "genuine", std::move(note)};
}

LoginRequest decode_login(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto login = r.text("login", 256, true, 1);
  auto password = r.text("password", 1024, true, 1);
  bool cookie = r.boolean("cookie", false).value_or(false);
  r.reject_unknown();
  throw_if_errors(errors);
  return {*login, *password, cookie};
}

services::NewUser decode_new_user(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  services::NewUser u;
  u.login = r.text("login", 64, true, 1).value_or("");
  u.display_name = r.text("display_name", 100, true, 1).value_or("");
  u.role = read_enum<services::Role>(r, "role").value_or(services::Role::venue_staff);
  u.password = r.text("password", 1024, true, 1).value_or("");
  if (const Json* venues = r.value("venues", Json::value_t::array, false)) {
    for (const auto& v : *venues) {
      if (!v.is_number_integer() || v.get<std::int64_t>() < 1 || v.get<std::int64_t>() > INT32_MAX) {
        r.fail("venues", "must be a list of venue ids");
        break;
      }
      u.venues.push_back(v.get<std::int64_t>());
    }
  }
  r.reject_unknown();
  throw_if_errors(errors);
  return u;
}

}  // namespace yeyou::http
