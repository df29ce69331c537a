#include "server/services/feedback_intake.hpp"

#include <cstdio>

#include "server/store/content_store.hpp"
#include "server/store/rating_rollup.hpp"

namespace yeyou::services {
namespace {

std::optional<std::int64_t> venue_of(store::Db& db, const Subject& s) {
  if (s.id.empty() || s.id.size() > 10 || s.id.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  auto id = std::stoll(s.id);
  if (s.kind == SubjectKind::venue) return id;
  if (s.kind == SubjectKind::event) return store::event_venue(db, id);
  return std::nullopt;
}

}  // namespace

void FeedbackIntake::on_rating(store::Db& db, const Rating& r, const std::optional<std::string>& kiosk_id,
                               Timestamp now) {
  auto venue = venue_of(db, r.subject);
  std::optional<std::string> district;
  if (venue) district = store::venue_district(db, *venue);
  // The visitor's time is the kiosk's clock unless it is clearly wrong.
  Timestamp when = r.created_at;
  if (when > now + std::chrono::hours{24} || when < now - std::chrono::days{30}) when = now;
  auto local = to_local(when);
  char month[16];
  std::snprintf(month, sizeof month, "%04d-%02d", local.date.year, local.date.month);
  int hour_of_week = (local.date.iso_weekday() - 1) * 24 + local.minute_of_day / 60;
  std::string reasons;
  for (auto reason : r.reasons) {
    if (!reasons.empty()) reasons += ',';
    reasons.append(name_of(reason));
  }

  bool suspect = false;
  if (kiosk_id) {
    store::Stmt s(db,
                  "SELECT count(*) FROM ratings WHERE kiosk_id = ?1 AND subject_kind = ?2 AND subject_id = ?3 "
                  "AND received_at > ?4");
    s.bind(1, *kiosk_id).bind(2, name_of(r.subject.kind)).bind(3, r.subject.id);
    s.bind(4, (now - std::chrono::seconds{abuse_.burst_window_seconds}).time_since_epoch().count());
    s.step();
    suspect = s.int64(0) > abuse_.burst_max;
  }
  store::Stmt u(db,
                "UPDATE ratings SET venue_id = ?2, district = ?3, month = ?4, hour_of_week = ?5, suspect = ?6, "
                "reasons = ?7 WHERE id = ?1");
  u.bind(1, r.id).bind(2, venue).bind(3, district).bind(4, std::string(month)).bind(5, hour_of_week);
  u.bind(6, suspect ? 1 : 0).bind(7, reasons).run();
  store::rollup_add(db, r.id, suspect ? "suspect" : "counted");
  cases_.open_for_rating(db, r, now);
}

void FeedbackIntake::on_complaint(store::Db& db, const Complaint& c, Timestamp now) {
  cases_.open_for_complaint(db, c, now);
}

}  // namespace yeyou::services
