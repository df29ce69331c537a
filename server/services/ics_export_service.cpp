#include "server/services/ics_export_service.hpp"

#include "core/ical_writer.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/content_store.hpp"
#include "server/store/ics_store.hpp"

namespace yeyou::services {

std::string IcsExportService::venue_calendar(std::int64_t venue_id, Lang lang, Timestamp now) {
  auto& db = pool_.get();
  auto venue = store::find_venue(db, venue_id);
  if (!venue) throw NotFound("no venue " + std::to_string(venue_id));
  std::vector<ical::CalendarEntry> entries;
  for (const auto& e : store::venue_events(db, venue_id, now - std::chrono::days{kExportPastDays}, kMaxExportedEvents))
    entries.push_back(ical::calendar_entry(e, &*venue, lang));
  return ical::write_calendar(venue->name.in(lang), entries, now);
}

std::string IcsExportService::event_calendar(std::int64_t event_id, Lang lang, Timestamp now) {
  auto& db = pool_.get();
  auto event = store::find_event(db, event_id);
  if (!event) throw NotFound("no event " + std::to_string(event_id));
  auto venue = store::find_venue(db, event->venue_id);
  return ical::write_calendar(event->title.in(lang), {ical::calendar_entry(*event, venue ? &*venue : nullptr, lang)},
                              now);
}

}  // namespace yeyou::services
