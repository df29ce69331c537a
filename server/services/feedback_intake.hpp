#pragma once
// What happens to a rating or complaint inside its ingest transaction, after
// it is stored: the rating is annotated for statistics (venue, district,
// month, hour of week), flagged "suspect" when one kiosk sends ratings for
// one subject faster than people can, and a bad review or complaint opens a case.
#include <optional>
#include <string>

#include "core/feedback.hpp"
#include "server/services/burst_window.hpp"
#include "server/services/case_service.hpp"
#include "server/store/rating_store.hpp"

namespace yeyou::services {

struct AbuseConfig {
  int burst_max = 10;             // more than this many ratings …
  int burst_window_seconds = 60;  // … within this window, for one subject from one kiosk, are suspect
};

// What the writer needs for one rating beyond the rating, computed before it runs.
struct RatingIntake {
  store::RatingAnnotation annotation;  // venue, district and suspect are set in the writer
  std::optional<CaseDraft> case_draft;  // a bad review's case
};

// Throws ValidationError("subject.id") when a venue or event subject does not
// exist (ids of venues and events are integers). Other subjects pass.
void check_subject_exists(store::Db& db, const Subject& s);

class FeedbackIntake {
 public:
  FeedbackIntake(CaseService& cases, AbuseConfig abuse)
      : cases_(cases), abuse_(abuse), bursts_(std::chrono::seconds{abuse.burst_window_seconds}) {}
  // Before the writer (no database): the statistics slice and a bad review's case.
  RatingIntake prepare(const Rating& r, Timestamp now) const;
  CaseDraft prepare(const Complaint& c, Timestamp now) const { return cases_.draft_for_complaint(c, now); }
  // In the writer, before the insert: the rating's venue, district and suspect
  // flag. Throws ValidationError("subject.id") when its venue or event does not exist.
  void annotate(store::Db& db, const Rating& r, const std::optional<std::string>& kiosk_id, Timestamp now,
                RatingIntake& in);
  // After the insert (of ratings row `rowid`): counts the rating in the rollup
  // and the burst window, and opens a case for a bad review.
  void after_rating(store::Db& db, const Rating& r, const std::optional<std::string>& kiosk_id, std::int64_t rowid,
                    RatingIntake& in, Timestamp now);
  void on_complaint(store::Db& db, CaseDraft& draft, Timestamp now) { cases_.open(db, draft, now); }
  // To be registered with the writer (GroupCommitter::set_observer).
  BurstWindow& bursts() { return bursts_; }

 private:
  CaseService& cases_;
  AbuseConfig abuse_;
  BurstWindow bursts_;
};

}  // namespace yeyou::services
