#include "server/services/feedback_intake.hpp"

#include <cstdio>

#include "server/services/service_errors.hpp"
#include "server/store/content_store.hpp"
#include "server/store/rating_rollup.hpp"

namespace yeyou::services {
namespace {

// A venue's or event's id: an integer, or nothing.
std::optional<std::int64_t> numeric_id(const std::string& id) {
  if (id.empty() || id.size() > 10 || id.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(id);
}

ValidationError no_such_subject(SubjectKind kind) {
  return ValidationError("subject.id", "no " + std::string(name_of(kind)) + " with this id");
}

std::optional<std::int64_t> venue_of(store::Db& db, const Subject& s) {
  auto id = numeric_id(s.id);
  if (!id) return std::nullopt;
  if (s.kind == SubjectKind::venue) return id;
  if (s.kind == SubjectKind::event) return store::event_venue(db, *id);
  return std::nullopt;
}

}  // namespace

void check_subject_exists(store::Db& db, const Subject& s) {
  if (s.kind != SubjectKind::venue && s.kind != SubjectKind::event) return;
  auto id = numeric_id(s.id);
  bool exists = id && (s.kind == SubjectKind::venue ? store::venue_district(db, *id).has_value()
                                                    : store::event_venue(db, *id).has_value());
  if (!exists) throw no_such_subject(s.kind);
}

RatingIntake FeedbackIntake::prepare(const Rating& r, Timestamp now) const {
  RatingIntake in;
  auto& a = in.annotation;
  // The visitor's time is the kiosk's clock unless it is clearly wrong.
  Timestamp when = r.created_at;
  if (when > now + std::chrono::hours{24} || when < now - std::chrono::days{30}) when = now;
  auto local = to_local(when);
  char month[16];
  std::snprintf(month, sizeof month, "%04d-%02d", local.date.year, local.date.month);
  a.month = month;
  a.hour_of_week = (local.date.iso_weekday() - 1) * 24 + local.minute_of_day / 60;
  for (auto reason : r.reasons) {
    if (!a.reasons.empty()) a.reasons += ',';
    a.reasons.append(name_of(reason));
  }
  in.case_draft = cases_.draft_for_rating(r, now);
  return in;
}

void FeedbackIntake::annotate(store::Db& db, const Rating& r, const std::optional<std::string>& kiosk_id,
                              Timestamp now, RatingIntake& in) {
  auto& a = in.annotation;
  a.venue_id = venue_of(db, r.subject);
  if (a.venue_id) a.district = store::venue_district(db, *a.venue_id);
  // The same lookups tell whether a venue or event subject exists (the writer
  // is the ingest bottleneck: no second query for the check).
  bool checked = r.subject.kind == SubjectKind::venue || r.subject.kind == SubjectKind::event;
  bool exists = r.subject.kind == SubjectKind::venue ? a.district.has_value() : a.venue_id.has_value();
  if (checked && !exists) throw no_such_subject(r.subject.kind);
  if (!a.district) a.venue_id.reset();  // no slice
  if (a.venue_id && in.case_draft) CaseService::set_venue(*in.case_draft, *a.venue_id, *a.district);
  if (kiosk_id) {
    // This rating is not stored yet: it is suspect when it would be one more than the burst allows.
    auto since = now - std::chrono::seconds{abuse_.burst_window_seconds};
    a.suspect = bursts_.count_since(*kiosk_id, r.subject, since, abuse_.burst_max + 1) + 1 > abuse_.burst_max;
  }
}

void FeedbackIntake::after_rating(store::Db& db, const Rating& r, const std::optional<std::string>& kiosk_id,
                                  std::int64_t rowid, RatingIntake& in, Timestamp now) {
  const auto& a = in.annotation;
  store::rollup_add_values(db, a.month, a.district.value_or(""), a.venue_id.value_or(0),
                           std::string(name_of(r.subject.kind)), a.hour_of_week, r.level, a.reasons,
                           a.suspect ? "suspect" : "counted");
  if (in.case_draft) cases_.open(db, *in.case_draft, now);
  if (kiosk_id) bursts_.stored(*kiosk_id, r.subject, now, rowid);  // last: nothing after it can fail
}

}  // namespace yeyou::services
