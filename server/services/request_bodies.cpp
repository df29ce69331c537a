#include "server/services/request_bodies.hpp"

#include <algorithm>

#include "core/json_reader.hpp"

namespace yeyou::services {
namespace {

// Bounds of one counter report or staff adjustment of a crowd figure.
constexpr std::int64_t kMaxStep = 100000;

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

}  // namespace

NewEventRequest decode_new_event(std::int64_t venue_id, const Json& input) {
  if (!input.is_object()) throw ValidationError("body", "must be a JSON object");
  Json body = input;
  FieldErrors errors;
  NewEventRequest out;
  bool fallback = take_bool(body, "fallback", errors);
  out.reason = take_string(body, "reason", 500, errors);
  if (body.contains("id")) errors["id"] = "is assigned by the server";
  if (body.contains("venue_id") && body["venue_id"] != venue_id) errors["venue_id"] = "must match the venue in the path";
  body["venue_id"] = venue_id;
  body["id"] = 1;  // placeholder so the decoder validates; replaced by the service
  if (body.contains("recurrence")) {
    if (body.contains("start") || body.contains("end"))
      errors["recurrence"] = "give either start/end or a recurrence, not both";
    Json holder{{"recurrence", body["recurrence"]}};
    FieldReader r(holder, errors);
    out.rule = read_weekly_rule(r, "recurrence");
    body.erase("recurrence");
    if (errors.empty()) {
      auto occurrences = expand(*out.rule);
      if (occurrences.empty()) {
        errors["recurrence"] = "produces no occurrences";
      } else {
        body["start"] = format_iso8601(occurrences[0].begin);
        body["end"] = format_iso8601(occurrences[0].end);
      }
    }
  }
  throw_if_errors(errors);
  out.proto = event_from_json(body, true, fallback);
  return out;
}

EventPatch decode_event_patch(std::int64_t event_id, const Json& input) {
  if (!input.is_object()) throw ValidationError("body", "must be a JSON object");
  EventPatch out;
  out.fields = input;
  FieldErrors errors;
  out.fallback = take_bool(out.fields, "fallback", errors);
  out.reason = take_string(out.fields, "reason", 500, errors);
  if (out.fields.contains("id") && out.fields["id"] != event_id) errors["id"] = "cannot be changed";
  throw_if_errors(errors);
  return out;
}

Event patched_event(const Event& before, const EventPatch& patch) {
  Json merged = to_json(before);
  for (auto it = patch.fields.begin(); it != patch.fields.end(); ++it) merged[it.key()] = it.value();
  return event_from_json(merged, true, patch.fallback);
}

void check_venue_patch(std::int64_t venue_id, const Json& patch) {
  if (!patch.is_object()) throw ValidationError("body", "must be a JSON object");
  if (patch.contains("id") && patch["id"] != venue_id) throw ValidationError("id", "cannot be changed");
}

Venue patched_venue(const Venue& before, const Json& patch) {
  Json merged = to_json(before);
  for (auto it = patch.begin(); it != patch.end(); ++it) merged[it.key()] = it.value();
  return venue_from_json(merged);
}

SetOrAdjust decode_count_change(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  SetOrAdjust out;
  out.value = r.integer("count", 0, 10'000'000, false);
  out.delta = r.integer("delta", -kMaxStep, kMaxStep, false);
  r.reject_unknown();
  if (errors.empty() && out.value.has_value() == out.delta.has_value())
    errors["count"] = "give exactly one of count or delta";
  throw_if_errors(errors);
  return out;
}

CounterReport decode_counter_reading(const Json& body, Timestamp now) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto seq = r.integer("seq", 1, INT64_MAX / 2);
  auto in = r.integer("in", 0, kMaxStep);
  auto out = r.integer("out", 0, kMaxStep);
  Timestamp taken_at = now;
  if (auto t = r.text("taken_at", 40, false)) {
    auto parsed = parse_iso8601(*t);
    if (!parsed) r.fail("taken_at", "must be an ISO 8601 date-time");
    // A counter's clock may drift: never accept readings from the future.
    else taken_at = std::min(*parsed, now);
  }
  r.reject_unknown();
  throw_if_errors(errors);
  return {*seq, *in, *out, taken_at};
}

CarPark decode_new_car_park(const Json& body) {
  if (body.is_object() && body.contains("id")) throw ValidationError("id", "is assigned by the server");
  return car_park_from_json(body, false);
}

CarPark decode_car_park_replacement(std::int64_t id, const Json& body) {
  if (!body.is_object()) throw ValidationError("body", "must be a JSON object");
  if (body.contains("id") && body["id"] != id) throw ValidationError("id", "must match the car park in the path");
  Json with_id = body;
  with_id["id"] = id;
  return car_park_from_json(with_id);
}

SetOrAdjust decode_spaces_change(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  SetOrAdjust out;
  out.value = r.integer("free_spaces", 0, 1'000'000, false);
  out.delta = r.integer("delta", -1'000'000, 1'000'000, false);
  r.reject_unknown();
  if (r.ok() && out.value.has_value() == out.delta.has_value())
    errors["free_spaces"] = "give either free_spaces or delta";
  throw_if_errors(errors);
  return out;
}

CounterReport decode_vehicle_count(const Json& body, Timestamp now, const std::string& zone) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto seq = r.integer("seq", 1, INT64_MAX);
  auto in = r.integer("in", 0, 100'000).value_or(0);
  auto out = r.integer("out", 0, 100'000).value_or(0);
  auto taken_text = r.text("taken_at", 40, false);
  r.reject_unknown();
  Timestamp taken_at = now;
  if (taken_text) {
    auto t = parse_iso8601(*taken_text, zone);
    if (!t) errors["taken_at"] = "must be an ISO 8601 date-time";
    else if (*t > now + std::chrono::minutes{5}) errors["taken_at"] = "is in the future";
    else taken_at = *t;
  }
  throw_if_errors(errors);
  return {*seq, in, out, taken_at};
}

CaseEvaluation decode_case_evaluation(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto verdict = r.text("verdict", 30);
  if (verdict && *verdict != "satisfied" && *verdict != "basically_satisfied" && *verdict != "dissatisfied")
    r.fail("verdict", "must be satisfied, basically_satisfied or dissatisfied");
  std::string note = r.text("note", 2000, false).value_or("");
  r.reject_unknown();
  throw_if_errors(errors);
  return {*verdict, note};
}

std::string decode_reveal_reason(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  auto reason = r.text("reason", 500, true, 4);
  r.reject_unknown();
  throw_if_errors(errors);
  return *reason;
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

NewUser decode_new_user(const Json& body) {
  FieldErrors errors;
  FieldReader r(body, errors);
  NewUser u;
  u.login = r.text("login", 64, true, 1).value_or("");
  u.display_name = r.text("display_name", 100, true, 1).value_or("");
  u.role = read_enum<Role>(r, "role").value_or(Role::venue_staff);
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

std::optional<Subject> decode_link_request(const Json& body) {
  if (!body.is_object()) throw ValidationError("body", "must be a JSON object");
  for (const auto& [k, v] : body.items())
    if (k != "subject") throw ValidationError(k, "unknown field");
  if (!body.contains("subject")) return std::nullopt;
  return subject_from(body["subject"]);
}

Json link_rating_body(const Json& body, const Subject& subject, const std::string& id, Timestamp now) {
  if (!body.is_object()) throw ValidationError("body", "must be a JSON object");
  Json rating = body;
  if (rating.contains("subject") && rating["subject"] != to_json(subject))
    throw ValidationError("subject", "must be the subject of the link (or omitted)");
  if (rating.contains("channel") && rating["channel"] != "web") throw ValidationError("channel", "must be web");
  rating["id"] = id;
  rating["subject"] = to_json(subject);
  rating["channel"] = "web";
  rating["created_at"] = format_iso8601(now);
  return rating;
}

}  // namespace yeyou::services
