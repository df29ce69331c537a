#pragma once
// Cases (one per bad review or complaint), their steps, the rectification
// ledger and in-app notifications.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/case_workflow.hpp"
#include "core/json_reader.hpp"
#include "core/time.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

struct CaseRow {
  std::int64_t id = 0;
  CaseKind kind = CaseKind::bad_review;
  std::optional<std::string> rating_id;
  std::optional<std::string> complaint_id;
  std::optional<std::string> tracking_no;
  std::string subject_kind;
  std::string subject_id;
  std::optional<std::int64_t> venue_id;
  std::optional<std::string> district;
  std::string unit;  // "venue:4" or "bureau": who handles it (谁办理、谁负责)
  CaseState state = CaseState::received;
  bool named = false;  // the evaluator left contact details (real-name)
  int level = 0;       // the rating's level (0 for complaints)
  Timestamp received_at{};
  Timestamp callback_due{};
  std::optional<Timestamp> rectify_due;
  std::optional<Timestamp> close_due;
  std::optional<Timestamp> paused_since;
  std::int64_t paused_seconds = 0;
  bool callback_reached = false;
  std::optional<Timestamp> first_callback_at;
  std::optional<Timestamp> resolved_at;  // fixed or explained
  std::optional<Timestamp> feedback_at;
  std::optional<Timestamp> closed_at;
  bool reopened = false;
  bool escalated = false;
  std::optional<std::string> appeal;      // pending | upheld | rejected
  std::optional<std::string> evaluation;  // satisfied | basically_satisfied | dissatisfied
  std::string outcome;                    // the published outcome, no personal data
  CaseFlags flags() const;
};

struct CaseStep {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  Timestamp at{};
  std::string actor;
  std::string action;
  std::string from_state;
  std::string to_state;
  std::string note;
  Json details;
};

struct CaseFilter {
  std::optional<std::vector<std::string>> units;  // nullopt = every unit
  std::optional<CaseState> state;
  bool overdue_only = false;
  Timestamp now{};
  int limit = 200;
};

std::int64_t insert_case(Db& db, const CaseRow& c);
void update_case(Db& db, const CaseRow& c, Timestamp now);
std::optional<CaseRow> find_case(Db& db, std::int64_t id);
std::optional<CaseRow> find_case_by_tracking(Db& db, const std::string& tracking_no);
std::optional<CaseRow> find_case_by_rating(Db& db, const std::string& rating_id);
std::vector<CaseRow> list_cases(Db& db, const CaseFilter& f);
// Ids of the cases received in [from, to), in id order.
std::vector<std::int64_t> case_ids_received_between(Db& db, Timestamp from, Timestamp to);
// The evaluator's contact as stored (sealed) on the rating or complaint the
// case came from; nullopt when none was left or it has been deleted.
std::optional<std::string> sealed_contact_of(Db& db, const CaseRow& c);
// Deletes the contacts of ratings and complaints whose cases closed before
// `cutoff`; returns how many were deleted.
int forget_contacts_closed_before(Db& db, Timestamp cutoff);
// A case is overdue when a running deadline has passed (paused time excluded).
bool is_overdue(const CaseRow& c, Timestamp now);

void add_step(Db& db, const CaseStep& s);
std::vector<CaseStep> steps_of(Db& db, std::int64_t case_id);

void add_ledger_entry(Db& db, std::int64_t case_id, Timestamp opened, Timestamp due, const std::string& plan);
void close_ledger_entries(Db& db, std::int64_t case_id, Timestamp done);

struct Notification {
  std::int64_t id = 0;
  std::string unit;
  std::int64_t case_id = 0;
  Timestamp at{};
  std::string kind;
  std::string text;
  bool read = false;
};
void add_notification(Db& db, const Notification& n);
std::vector<Notification> notifications_for(Db& db, const std::vector<std::string>& units, bool unread_only, int limit);
std::int64_t unread_count(Db& db, const std::vector<std::string>& units);
bool mark_read(Db& db, std::int64_t id, const std::vector<std::string>& units, Timestamp now);

}  // namespace yeyou::store
