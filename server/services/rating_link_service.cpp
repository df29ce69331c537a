#include "server/services/rating_link_service.hpp"

#include "core/uuid.hpp"
#include "server/services/auth_service.hpp"
#include "server/services/request_bodies.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/content_store.hpp"
#include "server/store/rating_link_store.hpp"

namespace yeyou::services {
namespace {

bool plausible_token(const std::string& token) {
  return token.size() >= 20 && token.size() <= 64 &&
         token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") ==
             std::string::npos;
}

}  // namespace

RatingLinkService::RatingLinkService(store::DbPool& pool, RatingService& ratings, int valid_days)
    : pool_(pool), ratings_(ratings), validity_(std::chrono::seconds{std::int64_t{valid_days} * 86400}) {}

IssuedRatingLink RatingLinkService::issue(const Principal& kiosk, const Json& body, Timestamp now) {
  Subject subject;
  if (auto asked = decode_link_request(body)) {
    subject = *asked;
  } else if (kiosk.device_venue) {
    subject = {SubjectKind::venue, std::to_string(*kiosk.device_venue)};
  } else {
    subject = {SubjectKind::kiosk, kiosk.device_id};
  }
  auto& db = pool_.get();
  check_subject_exists(db, subject);
  IssuedRatingLink out{new_token(), subject, now + validity_};
  store::RatingLink row;
  row.token_hash = token_hash(out.token);
  row.kiosk_id = kiosk.device_id;
  row.subject_kind = std::string(name_of(subject.kind));
  row.subject_id = subject.id;
  row.created_at = now;
  row.expires_at = out.expires_at;
  store::insert_rating_link(db, row);
  return out;
}

RatingLinkState RatingLinkService::lookup(const std::string& token, Timestamp now) {
  if (!plausible_token(token)) throw NotFound("no such rating link");
  auto& db = pool_.get();
  auto link = store::find_rating_link(db, token_hash(token));
  if (!link) throw NotFound("no such rating link");
  RatingLinkState st;
  st.subject.kind = enum_from<SubjectKind>(link->subject_kind).value_or(SubjectKind::kiosk);
  st.subject.id = link->subject_id;
  st.subject_name = nullptr;
  bool numeric = !st.subject.id.empty() && st.subject.id.size() <= 10 &&
                 st.subject.id.find_first_not_of("0123456789") == std::string::npos;
  if (numeric && st.subject.kind == SubjectKind::venue) {
    if (auto v = store::find_venue(db, std::stoll(st.subject.id))) st.subject_name = to_json(v->name);
  } else if (numeric && st.subject.kind == SubjectKind::event) {
    if (auto e = store::find_event(db, std::stoll(st.subject.id))) st.subject_name = to_json(e->title);
  }
  st.expires_at = link->expires_at;
  st.used = link->used_at.has_value();
  st.expired = now >= link->expires_at;
  return st;
}

RatingReceipt RatingLinkService::rate(const std::string& token, const Json& body, Timestamp now) {
  if (!plausible_token(token)) throw NotFound("no such rating link");
  if (!body.is_object()) throw ValidationError("body", "must be a JSON object");
  std::string hash = token_hash(token);
  auto& db = pool_.get();
  auto link = store::find_rating_link(db, hash);
  if (!link) throw NotFound("no such rating link");
  if (link->used_at) throw Conflict("this rating link has already been used");
  if (now >= link->expires_at) throw Gone("this rating link has expired");

  Subject subject{enum_from<SubjectKind>(link->subject_kind).value_or(SubjectKind::kiosk), link->subject_id};
  std::string id = new_uuid();
  Json rating = link_rating_body(body, subject, id, now);

  {
    store::Transaction tx(db);
    if (!store::claim_rating_link(db, hash, id, now)) throw Conflict("this rating link has already been used");
    tx.commit();
  }
  try {
    return ratings_.submit(rating, link->kiosk_id, now);
  } catch (...) {
    store::release_rating_link(db, hash, id);
    throw;
  }
}

}  // namespace yeyou::services
