#pragma once
// Every bad review (level 4–5) and every complaint opens a case, routed to
// the responsible unit (谁办理、谁负责): a venue's staff for venue and event
// subjects, the bureau for services and kiosks. Cases move through the
// workflow in core/case_workflow.hpp with deadlines in working days.
#include <optional>
#include <string>
#include <vector>

#include "core/case_workflow.hpp"
#include "core/feedback.hpp"
#include "core/workdays.hpp"
#include "server/services/contact_vault.hpp"
#include "server/services/principal.hpp"
#include "server/store/case_store.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct CaseConfig {
  int callback_working_days = 1;          // named bad reviews: call back within
  int rectify_working_days = 5;           // 限期整改 default deadline
  int complaint_close_working_days = 13;  // complaints closed within
  std::vector<CaseState> pausable_states{CaseState::verifying};
  int contact_retention_days = 180;       // contact data deleted this long after closing
  std::string calendar_file;              // working-day calendar; empty = Monday–Friday
};

struct CaseView {
  store::CaseRow row;
  std::vector<store::CaseStep> steps;
  std::optional<Contact> masked_contact;
  std::vector<CaseAction> allowed;
  bool overdue = false;
};

struct CaseSource {
  std::int64_t case_id = 0;
  CaseKind kind{};
  std::string text;                         // complaint text or rating comment
  std::optional<ComplaintCategory> category;  // complaints
  std::optional<int> level;                 // ratings
  std::vector<BadReason> reasons;           // ratings
  std::optional<Channel> channel;           // ratings
  std::optional<Timestamp> created_at;      // absent when the source row is gone
};

// The fields sent with a case action, as given (each action takes its own
// subset). `invalid` holds the problems found decoding them: they are
// reported after the state checks, so an action the case cannot take now is
// refused as such whatever its body.
struct CaseActionInput {
  std::optional<std::string> note;
  std::optional<std::string> unit;         // assign
  std::optional<std::string> channel;      // callback, feedback
  std::optional<bool> reached;             // callback
  std::optional<std::string> result;       // callback, fix
  std::optional<std::string> at;           // callback
  std::optional<std::string> plan;         // rectify
  std::optional<std::string> due;          // rectify: YYYY-MM-DD
  std::optional<Timestamp> due_at;         // rectify: the end of the `due` day
  std::optional<std::string> explanation;  // explain
  std::optional<std::string> outcome;      // feedback
  std::optional<std::string> kind;         // appeal
  std::optional<std::string> evidence;     // appeal
  std::optional<std::string> decision;     // appeal_decision
  std::optional<std::string> reason;       // pause
  FieldErrors invalid;
};

// The evaluator's verdict: satisfied, basically_satisfied or dissatisfied.
struct CaseEvaluation {
  std::string verdict;
  std::string note;
};

// An action not allowed in the case's current state (409, with the allowed actions).
class IllegalTransition : public std::runtime_error {
 public:
  IllegalTransition(const std::string& message, std::vector<std::string> allowed)
      : std::runtime_error(message), allowed_(std::move(allowed)) {}
  const std::vector<std::string>& allowed() const { return allowed_; }

 private:
  std::vector<std::string> allowed_;
};

// Where notifications go; the in-app list is the one shipped, SMS or e-mail
// senders can implement the same interface.
class Notifier {
 public:
  virtual ~Notifier() = default;
  virtual void notify(store::Db& db, const store::Notification& n) = 0;
};

class InAppNotifier : public Notifier {
 public:
  void notify(store::Db& db, const store::Notification& n) override { store::add_notification(db, n); }
};

// A case to open, built before the ingest writer runs (deadlines, the
// notification's text); open() routes it if needed and stores it.
struct CaseDraft {
  store::CaseRow row;
  std::string notice;  // the notification's text
};

class CaseService {
 public:
  CaseService(store::DbPool& pool, CaseConfig config, const ContactVault& vault, Notifier& notifier);

  // Before the ingest transaction: the case a bad review (nullopt for a good
  // one) or a complaint opens.
  std::optional<CaseDraft> draft_for_rating(const Rating& r, Timestamp now) const;
  CaseDraft draft_for_complaint(const Complaint& c, Timestamp now) const;
  // Inside the ingest transaction: opens the drafted case, routed to its unit
  // unless already set, with its first step and notification. Returns its id.
  std::int64_t open(store::Db& db, CaseDraft& draft, Timestamp now);
  // Routes the draft to a venue known to exist (ingest has looked it up).
  static void set_venue(CaseDraft& draft, std::int64_t venue_id, const std::string& district);

  // The units a principal handles: "venue:N" per venue for staff, every unit
  // (nullopt) for the bureau.
  static std::optional<std::vector<std::string>> units_of(const Principal& who);

  std::vector<CaseView> list(const Principal& who, std::optional<CaseState> state, bool overdue_only, Timestamp now);
  CaseView get(const Principal& who, std::int64_t id, Timestamp now);
  CaseView act(const Principal& who, std::int64_t id, CaseAction action, const CaseActionInput& input, Timestamp now);
  // The evaluator's verdict on the handling, recorded by the handler or the
  // public tracking page. "dissatisfied" reopens the case once, escalated to the bureau.
  CaseView evaluate(const std::string& actor, std::int64_t id, const CaseEvaluation& evaluation, Timestamp now);
  // The full contact for the assigned handler; audited with the reason.
  Contact reveal_contact(const Principal& who, std::int64_t id, const std::string& reason, Timestamp now);
  // Escalates overdue cases to the bureau once each; returns how many.
  int escalate_overdue(Timestamp now);
  // Deletes contact data of cases closed longer ago than the retention period.
  int purge_contacts(Timestamp now);

  std::vector<store::Notification> notifications(const std::vector<std::string>& units, bool unread_only, int limit) {
    return store::notifications_for(pool_.get(), units, unread_only, limit);
  }
  std::int64_t unread(const std::vector<std::string>& units) { return store::unread_count(pool_.get(), units); }
  bool mark_read(std::int64_t id, const std::vector<std::string>& units, Timestamp now);
  // What the visitor wrote on a case in the caller's units: complaint text
  // or rating comment and reasons, never the contact (case_source.cpp).
  CaseSource source(const Principal& who, std::int64_t id);
  // Throws NotFound unless case `id` exists in the caller's units (one
  // lookup: no steps read, no contact decrypted).
  void check_in_scope(const Principal& who, std::int64_t id);
  // A complaint's public status by tracking number: no personal data. Throws NotFound.
  store::CaseRow public_complaint(const std::string& tracking_no);

  const WorkCalendar& calendar() const { return calendar_; }
  const ContactVault& vault() const { return vault_; }

 private:
  store::CaseRow load_for(const Principal& who, store::Db& db, std::int64_t id);
  CaseView view(store::Db& db, store::CaseRow row, Timestamp now);
  std::optional<Contact> contact_of(store::Db& db, const store::CaseRow& c);
  void notify(store::Db& db, const std::string& unit, std::int64_t case_id, const std::string& kind,
              const std::string& text, Timestamp now);

  store::DbPool& pool_;
  CaseConfig config_;
  Notifier& notifier_;
  WorkCalendar calendar_;
  const ContactVault& vault_;
};

}  // namespace yeyou::services
