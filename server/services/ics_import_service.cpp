#include "server/services/ics_import_service.hpp"

#include <map>
#include <set>

#include "core/ical_events.hpp"
#include "server/services/service_errors.hpp"
#include "server/services/venue_service.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/content_store.hpp"
#include "server/store/ics_store.hpp"

namespace yeyou::services {

namespace {

Json event_json(const ical::Occurrence& o, std::int64_t venue_id, EventCategory category) {
  return Json{{"id", 1},  // assigned in the transaction
              {"venue_id", venue_id},
              {"title", {{"zh", o.summary}}},
              {"description", {{"zh", o.description.empty() ? o.summary : o.description}}},
              {"category", name_of(category)},
              {"start", format_iso8601(o.start)},
              {"end", format_iso8601(o.end)},
              {"price_cents", 0},
              {"status", o.cancelled ? "cancelled" : "scheduled"}};
}

}  // namespace

IcsImportSummary IcsImportService::import(const Principal& who, std::int64_t venue_id, std::string_view text,
                                          Timestamp now, EventCategory category) {
  return run(&who, venue_id, text, now, category);
}

IcsImportSummary IcsImportService::import_as_operator(std::int64_t venue_id, std::string_view text, Timestamp now,
                                                      EventCategory category) {
  return run(nullptr, venue_id, text, now, category);
}

IcsImportSummary IcsImportService::run(const Principal* who, std::int64_t venue_id, std::string_view text,
                                       Timestamp now, EventCategory category) {
  ical::ExpandOptions options;
  options.now = now;
  options.floating_zone = zone_;
  auto calendar = ical::read_events(text, options);

  // Every event is built and checked before the database is touched.
  std::vector<std::pair<const ical::Occurrence*, Event>> pending;
  std::vector<ical::Problem> problems;
  for (const auto& o : calendar.occurrences) {
    try {
      pending.emplace_back(&o, event_from_json(event_json(o, venue_id, category), true, true));
    } catch (const ValidationError& e) {
      for (const auto& [field, message] : e.fields())
        problems.push_back({o.line, "UID " + o.uid + ": event " + field + " " + message});
    }
  }
  if (!problems.empty()) throw ical::IcalError(std::move(problems));

  IcsImportSummary sum;
  sum.vevents = calendar.vevents;
  sum.occurrences = calendar.occurrences.size();
  sum.warnings = calendar.warnings;
  auto& db = pool_.get();
  store::Transaction tx(db);
  if (who) require_venue_access(*who, db, venue_id);
  else if (!store::find_venue(db, venue_id)) throw NotFound("no venue " + std::to_string(venue_id));

  std::map<std::string, std::vector<store::IcsMapping>> known;  // UID -> its imported occurrences
  std::set<std::pair<std::string, Timestamp>> seen;
  std::int64_t next_id = store::next_event_id(db);
  for (auto& [o, e] : pending) {
    if (!seen.emplace(o->uid, o->key).second) continue;  // the same occurrence twice (overlapping days)
    auto it = known.find(o->uid);
    if (it == known.end()) it = known.emplace(o->uid, store::ics_mappings(db, venue_id, o->uid)).first;
    const store::IcsMapping* existing = nullptr;
    for (const auto& m : it->second)
      if (m.occurrence_at == o->key) existing = &m;
    if (existing) {
      e.id = existing->event_id;
      auto before = store::find_event(db, e.id);
      if (before && *before == e) {
        ++sum.unchanged;
      } else {
        store::upsert_event(db, e, now);
        ++sum.updated;
      }
    } else {
      e.id = next_id++;
      store::upsert_event(db, e, now);
      store::add_ics_mapping(db, venue_id, o->uid, o->key, e.id);
      ++sum.created;
    }
    sum.event_ids.push_back(e.id);
  }
  // Upcoming occurrences of these UIDs that the calendar no longer has are cancelled.
  const Timestamp horizon_start = now - std::chrono::days{options.past_days};
  for (const auto& [uid, mappings] : known)
    for (const auto& m : mappings) {
      if (seen.count({uid, m.occurrence_at})) continue;
      auto e = store::find_event(db, m.event_id);
      if (!e || e->end < horizon_start || e->status == EventStatus::cancelled) continue;
      e->status = EventStatus::cancelled;
      store::upsert_event(db, *e, now);
      ++sum.withdrawn;
    }
  Json after{{"vevents", sum.vevents},   {"occurrences", sum.occurrences}, {"created", sum.created},
             {"updated", sum.updated},   {"unchanged", sum.unchanged},     {"withdrawn", sum.withdrawn}};
  store::append_audit(db, {0, now, who ? who->actor() : "system:import-ics", "import_ics", "venue",
                           std::to_string(venue_id), nullptr, after, ""});
  tx.commit();
  return sum;
}

}  // namespace yeyou::services
