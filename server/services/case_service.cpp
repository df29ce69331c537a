#include "server/services/case_service.hpp"

#include <algorithm>

#include "server/services/request_bodies.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/content_store.hpp"
#include "server/store/rating_rollup.hpp"
#include "server/store/rating_store.hpp"

namespace yeyou::services {
namespace {

constexpr const char* kBureau = "bureau";

std::string unit_for_venue(std::int64_t venue_id) { return "venue:" + std::to_string(venue_id); }

std::optional<std::int64_t> numeric_id(const std::string& s) {
  if (s.empty() || s.size() > 10 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  return std::stoll(s);
}

// 谁办理、谁负责: venue and event subjects go to the venue's staff, the rest to the bureau.
void route(store::Db& db, store::CaseRow& c) {
  c.unit = kBureau;
  std::optional<std::int64_t> venue;
  if (auto id = numeric_id(c.subject_id)) {
    if (c.subject_kind == "venue") venue = id;
    if (c.subject_kind == "event") venue = store::event_venue(db, *id);
  }
  if (venue)
    if (auto district = store::venue_district(db, *venue)) {
      c.venue_id = venue;
      c.district = district;
      c.unit = unit_for_venue(*venue);
    }
}

std::vector<std::string> names(const std::vector<CaseAction>& actions) {
  std::vector<std::string> out;
  for (auto a : actions) out.emplace_back(name_of(a));
  return out;
}

Json step_details(const Json& body) { return body.is_object() ? body : Json::object(); }

}  // namespace

CaseService::CaseService(store::DbPool& pool, CaseConfig config, const ContactVault& vault, Notifier& notifier)
    : pool_(pool),
      config_(std::move(config)),
      notifier_(notifier),
      calendar_(config_.calendar_file.empty() ? WorkCalendar() : WorkCalendar::load(config_.calendar_file)),
      vault_(vault) {}

std::optional<std::vector<std::string>> CaseService::units_of(const Principal& who) {
  if (!who.is_user()) return std::vector<std::string>{};
  if (who.role == Role::bureau) return std::nullopt;
  if (who.role != Role::venue_staff) return std::vector<std::string>{};
  std::vector<std::string> out;
  for (auto v : who.venues) out.push_back(unit_for_venue(v));
  return out;
}

void CaseService::notify(store::Db& db, const std::string& unit, std::int64_t case_id, const std::string& kind,
                         const std::string& text, Timestamp now) {
  notifier_.notify(db, {0, unit, case_id, now, kind, text, false});
}

std::optional<CaseDraft> CaseService::draft_for_rating(const Rating& r, Timestamp now) const {
  if (!r.is_bad()) return std::nullopt;
  CaseDraft d;
  auto& c = d.row;
  c.kind = CaseKind::bad_review;
  c.rating_id = r.id;
  c.subject_kind = std::string(name_of(r.subject.kind));
  c.subject_id = r.subject.id;
  c.named = r.contact && !r.contact->phone.empty();
  c.level = r.level;
  c.received_at = now;
  c.callback_due = calendar_.deadline(now, config_.callback_working_days);
  d.notice = "差评待处理 (level " + std::to_string(r.level) + ")，请于 " + format_iso8601(c.callback_due) + " 前回访核实";
  return d;
}

CaseDraft CaseService::draft_for_complaint(const Complaint& cp, Timestamp now) const {
  CaseDraft d;
  auto& c = d.row;
  c.kind = CaseKind::complaint;
  c.complaint_id = cp.id;
  c.tracking_no = cp.tracking_no;
  c.subject_kind = std::string(name_of(cp.subject.kind));
  c.subject_id = cp.subject.id;
  c.named = cp.contact && !cp.contact->phone.empty();
  c.received_at = now;
  c.callback_due = calendar_.deadline(now, config_.callback_working_days);
  c.close_due = calendar_.deadline(now, config_.complaint_close_working_days);
  d.notice = "新投诉 " + cp.tracking_no + " 待处理";
  return d;
}

std::int64_t CaseService::open(store::Db& db, CaseDraft& d, Timestamp now) {
  auto& c = d.row;
  if (c.unit.empty()) route(db, c);
  c.id = store::insert_case(db, c);
  store::add_step(db, {0, c.id, now, "system", "open", "", "received", "", Json{{"unit", c.unit}}});
  notify(db, c.unit, c.id, "case_opened", d.notice, now);
  return c.id;
}

void CaseService::set_venue(CaseDraft& d, std::int64_t venue_id, const std::string& district) {
  d.row.venue_id = venue_id;
  d.row.district = district;
  d.row.unit = unit_for_venue(venue_id);
}

std::optional<Contact> CaseService::contact_of(store::Db& db, const store::CaseRow& c) {
  auto sealed = store::sealed_contact_of(db, c);
  if (!sealed) return std::nullopt;
  Json j = Json::parse(vault_.open(*sealed), nullptr, false);
  if (!j.is_object()) return std::nullopt;
  return Contact{j.value("name", ""), j.value("phone", "")};
}

CaseView CaseService::view(store::Db& db, store::CaseRow row, Timestamp now) {
  CaseView v;
  v.steps = store::steps_of(db, row.id);
  if (auto c = contact_of(db, row)) v.masked_contact = masked(*c);
  v.allowed = allowed_actions(row.state, row.flags());
  v.overdue = store::is_overdue(row, now);
  v.row = std::move(row);
  return v;
}

store::CaseRow CaseService::load_for(const Principal& who, store::Db& db, std::int64_t id) {
  auto row = store::find_case(db, id);
  auto units = units_of(who);
  // A case outside the caller's units is "not found": its existence is not revealed.
  if (!row || (units && std::find(units->begin(), units->end(), row->unit) == units->end()))
    throw NotFound("no case " + std::to_string(id));
  return *row;
}

std::vector<CaseView> CaseService::list(const Principal& who, std::optional<CaseState> state, bool overdue_only,
                                        Timestamp now) {
  auto& db = pool_.get();
  store::CaseFilter f;
  f.units = units_of(who);
  f.state = state;
  f.overdue_only = overdue_only;
  f.now = now;
  std::vector<CaseView> out;
  for (auto& row : store::list_cases(db, f)) {
    CaseView v;
    v.allowed = allowed_actions(row.state, row.flags());
    v.overdue = store::is_overdue(row, now);
    v.row = std::move(row);
    out.push_back(std::move(v));
  }
  return out;
}

CaseView CaseService::get(const Principal& who, std::int64_t id, Timestamp now) {
  auto& db = pool_.get();
  return view(db, load_for(who, db, id), now);
}

CaseView CaseService::act(const Principal& who, std::int64_t id, CaseAction action, const Json& body_in,
                          Timestamp now) {
  if (action == CaseAction::reveal_contact) throw ValidationError("action", "use reveal_contact");
  Json body = body_in.is_null() ? Json::object() : body_in;
  FieldErrors errors;
  FieldReader r(body, errors);
  std::string note = r.text("note", 2000, false).value_or("");
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto c = load_for(who, db, id);
  auto next = next_state(c.state, action, c.flags());
  bool is_bureau = who.has_role(Role::bureau);
  if (next && action == CaseAction::pause &&
      std::find(config_.pausable_states.begin(), config_.pausable_states.end(), c.state) ==
          config_.pausable_states.end())
    next = std::nullopt;
  if (!next)
    throw IllegalTransition("'" + std::string(name_of(action)) + "' is not allowed while the case is " +
                                std::string(name_of(c.state)),
                            names(allowed_actions(c.state, c.flags())));
  if ((action == CaseAction::appeal_decision || action == CaseAction::reopen) && !is_bureau)
    throw Forbidden("only the bureau may do this");
  std::string from = std::string(name_of(c.state));
  std::string unit_before = c.unit;
  switch (action) {
    case CaseAction::assign: {
      if (auto unit = r.text("unit", 40, false)) {
        bool valid = *unit == kBureau;
        if (!valid && unit->rfind("venue:", 0) == 0)
          if (auto v = numeric_id(unit->substr(6))) valid = store::find_venue(db, *v).has_value();
        if (!valid) r.fail("unit", "must be \"bureau\" or \"venue:<id>\" of an existing venue");
        else if (*unit != c.unit && !is_bureau) throw Forbidden("only the bureau re-assigns cases between units");
        else c.unit = *unit;
      }
      break;
    }
    case CaseAction::callback: {
      auto channel = r.text("channel", 20);
      if (channel && *channel != "phone" && *channel != "sms" && *channel != "on_site" && *channel != "email")
        r.fail("channel", "must be phone, sms, on_site or email");
      auto reached = r.boolean("reached");
      r.text("result", 2000, true, 1);
      if (auto at = r.text("at", 40, false); at && !parse_iso8601(*at)) r.fail("at", "must be an ISO 8601 date-time");
      if (reached.value_or(false)) c.callback_reached = true;
      if (!c.first_callback_at) c.first_callback_at = now;
      break;
    }
    case CaseAction::fix:
      r.text("result", 2000, false);
      c.resolved_at = now;
      store::close_ledger_entries(db, c.id, now);
      break;
    case CaseAction::rectify: {
      auto plan = r.text("plan", 2000, true, 1);
      Timestamp due = calendar_.deadline(now, config_.rectify_working_days);
      if (auto d = r.text("due", 10, false)) {
        auto date = parse_date(*d);
        if (!date) r.fail("due", "must be a date YYYY-MM-DD");
        else if (from_local(date->plus_days(1), 0) <= now) r.fail("due", "must not be in the past");
        else due = from_local(date->plus_days(1), 0);
      }
      c.rectify_due = due;
      if (plan && errors.empty()) store::add_ledger_entry(db, c.id, now, due, *plan);
      break;
    }
    case CaseAction::explain:
      r.text("explanation", 2000, true, 1);
      c.resolved_at = now;
      break;
    case CaseAction::feedback: {
      auto channel = r.text("channel", 20);
      if (channel && *channel != "phone" && *channel != "sms" && *channel != "on_site" && *channel != "email")
        r.fail("channel", "must be phone, sms, on_site or email");
      c.outcome = r.text("outcome", 1000, true, 1).value_or("");
      c.feedback_at = now;
      break;
    }
    case CaseAction::close:
      c.closed_at = now;
      break;
    case CaseAction::reopen:
      c.reopened = true;
      c.escalated = true;
      c.unit = kBureau;
      c.closed_at.reset();
      break;
    case CaseAction::appeal: {
      auto kind = r.text("kind", 20);
      if (kind && *kind != "mistaken" && *kind != "malicious") r.fail("kind", "must be mistaken or malicious");
      r.text("evidence", 4000, true, 1);
      if (!c.rating_id) r.fail("kind", "only ratings can be appealed");
      c.appeal = "pending";
      break;
    }
    case CaseAction::appeal_decision: {
      auto decision = r.text("decision", 20);
      if (decision && *decision != "upheld" && *decision != "rejected") r.fail("decision", "must be upheld or rejected");
      else if (decision) c.appeal = *decision;
      break;
    }
    case CaseAction::pause:
      r.text("reason", 500, true, 1);
      c.paused_since = now;
      break;
    case CaseAction::resume:
      c.paused_seconds += std::chrono::duration_cast<std::chrono::seconds>(now - *c.paused_since).count();
      c.paused_since.reset();
      break;
    case CaseAction::reveal_contact:
      break;
  }
  r.reject_unknown();
  throw_if_errors(errors);
  store::CaseRow before = store::find_case(db, id).value();
  c.state = *next;
  if (c.state == CaseState::fixed) c.rectify_due.reset();
  store::update_case(db, c, now);
  if (action == CaseAction::appeal_decision && c.appeal == "upheld" && c.rating_id) {
    // Excluded from statistics, never deleted; the exclusion is published as a count.
    auto bucket = store::rating_bucket(*c.rating_id, db);
    store::exclude_rating(db, *c.rating_id);
    store::rollup_move(db, *c.rating_id, bucket, "excluded");
  }
  Json details = step_details(body);
  if (c.unit != unit_before) details["reassigned"] = {{"from", unit_before}, {"to", c.unit}};
  store::add_step(db, {0, c.id, now, who.actor(), std::string(name_of(action)), from, std::string(name_of(c.state)),
                       note, details});
  store::append_audit(db, {0, now, who.actor(), std::string(name_of(action)), "case", std::to_string(c.id),
                           Json{{"state", from}, {"unit", unit_before}},
                           Json{{"state", name_of(c.state)}, {"unit", c.unit}}, note});
  if (c.unit != unit_before) notify(db, c.unit, c.id, "case_assigned", "案件 #" + std::to_string(c.id) + " 已转交本单位", now);
  if (action == CaseAction::appeal) notify(db, kBureau, c.id, "appeal", "案件 #" + std::to_string(c.id) + " 提出申诉复核", now);
  if (action == CaseAction::appeal_decision)
    notify(db, c.unit, c.id, "appeal_decided", "案件 #" + std::to_string(c.id) + " 申诉结果：" + c.appeal.value_or(""), now);
  tx.commit();
  return view(db, store::find_case(db, id).value(), now);
}

CaseView CaseService::evaluate(const std::string& actor, std::int64_t id, const Json& body, Timestamp now) {
  auto [verdict, note] = decode_case_evaluation(body);
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto c = store::find_case(db, id);
  if (!c) throw NotFound("no case " + std::to_string(id));
  if (c->state != CaseState::feedback_given && c->state != CaseState::closed)
    throw IllegalTransition("the handling can be evaluated once the evaluator has been told the outcome",
                            names(allowed_actions(c->state, c->flags())));
  std::string from = std::string(name_of(c->state));
  c->evaluation = verdict;
  bool reopen = verdict == "dissatisfied" && !c->reopened;
  if (reopen) {
    c->state = CaseState::assigned;
    c->reopened = true;
    c->escalated = true;
    c->unit = kBureau;
    c->closed_at.reset();
    c->callback_due = calendar_.deadline(now, config_.callback_working_days);
  }
  store::update_case(db, *c, now);
  store::add_step(db, {0, id, now, actor, reopen ? "evaluation_reopen" : "evaluation", from,
                       std::string(name_of(c->state)), note, Json{{"verdict", verdict}}});
  if (reopen) notify(db, kBureau, id, "case_reopened", "评价人不满意，案件 #" + std::to_string(id) + " 已重新打开并升级", now);
  tx.commit();
  return view(db, *store::find_case(db, id), now);
}

Contact CaseService::reveal_contact(const Principal& who, std::int64_t id, const Json& body, Timestamp now) {
  std::string reason = decode_reveal_reason(body);
  auto& db = pool_.get();
  store::Transaction tx(db);
  auto c = load_for(who, db, id);
  // Only the unit handling the case may see the evaluator's details.
  bool handler = (c.unit == kBureau && who.has_role(Role::bureau)) ||
                 (c.unit != kBureau && who.has_role(Role::venue_staff));
  if (!handler) throw Forbidden("only the handler assigned to this case may reveal the contact");
  if (c.state == CaseState::closed) throw IllegalTransition("the case is closed", {});
  auto contact = contact_of(db, c);
  if (!contact) throw NotFound("this case has no contact details (anonymous or already deleted)");
  store::append_audit(db, {0, now, who.actor(), "reveal_contact", "case", std::to_string(id), nullptr, nullptr, reason});
  store::add_step(db, {0, id, now, who.actor(), "reveal-contact", std::string(name_of(c.state)),
                       std::string(name_of(c.state)), reason, Json::object()});
  tx.commit();
  return *contact;
}

bool CaseService::mark_read(std::int64_t id, const std::vector<std::string>& units, Timestamp now) {
  auto& db = pool_.get();
  store::Transaction tx(db);
  bool ok = store::mark_read(db, id, units, now);
  tx.commit();
  return ok;
}

store::CaseRow CaseService::public_complaint(const std::string& tracking_no) {
  if (!is_tracking_no(tracking_no)) throw NotFound("no complaint with this tracking number");
  auto c = store::find_case_by_tracking(pool_.get(), tracking_no);
  if (!c) throw NotFound("no complaint with this tracking number");
  return *c;
}

int CaseService::escalate_overdue(Timestamp now) {
  auto& db = pool_.get();
  store::Transaction tx(db);
  store::CaseFilter f;
  f.overdue_only = true;
  f.now = now;
  f.limit = 100000;
  int n = 0;
  for (auto c : store::list_cases(db, f)) {
    if (c.escalated) continue;
    c.escalated = true;
    store::update_case(db, c, now);
    store::add_step(db, {0, c.id, now, "system", "escalate", std::string(name_of(c.state)),
                         std::string(name_of(c.state)), "overdue", Json::object()});
    notify(db, kBureau, c.id, "overdue", "案件 #" + std::to_string(c.id) + " 已超期，升级至文旅局", now);
    ++n;
  }
  tx.commit();
  return n;
}

int CaseService::purge_contacts(Timestamp now) {
  auto& db = pool_.get();
  store::Transaction tx(db);
  int n = store::forget_contacts_closed_before(db, now - std::chrono::days{config_.contact_retention_days});
  if (n > 0) store::append_audit(db, {0, now, "system", "purge_contacts", "contact", "*", nullptr, nullptr,
                                     std::to_string(n) + " contacts deleted after retention"});
  tx.commit();
  return n;
}

}  // namespace yeyou::services
