#pragma once
// Imports an iCalendar file into the events of one venue. Each VEVENT
// occurrence becomes an event (SUMMARY as the Chinese title, DESCRIPTION —
// or the SUMMARY — as the description, English and Korean falling back to
// Chinese). Re-importing is idempotent by UID: an occurrence already imported
// updates its event (or leaves it alone when nothing changed), and an
// upcoming occurrence that disappeared from the calendar (an EXDATE, a
// shortened RRULE) is marked cancelled. UIDs absent from the file are left
// alone. A file with any problem is refused whole (ical::IcalError, with
// line numbers) and nothing is written.
#include <string>
#include <string_view>
#include <vector>

#include "core/event.hpp"
#include "server/services/principal.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct IcsImportSummary {
  std::size_t vevents = 0;
  std::size_t occurrences = 0;
  std::size_t created = 0, updated = 0, unchanged = 0, withdrawn = 0;
  std::vector<std::int64_t> event_ids;  // of every occurrence in the file, in order
  std::vector<std::string> warnings;    // repairs, "line N: …"
};

class IcsImportService {
 public:
  explicit IcsImportService(store::DbPool& pool, std::string zone = std::string(kDefaultZone))
      : pool_(pool), zone_(std::move(zone)) {}

  // Staff of the venue or bureau users (require_venue_access).
  IcsImportSummary import(const Principal& who, std::int64_t venue_id, std::string_view text, Timestamp now,
                          EventCategory category = EventCategory::performance);
  // The console's import (yeyou-server import-ics), audited as the system.
  IcsImportSummary import_as_operator(std::int64_t venue_id, std::string_view text, Timestamp now,
                                      EventCategory category = EventCategory::performance);

 private:
  IcsImportSummary run(const Principal* who, std::int64_t venue_id, std::string_view text, Timestamp now,
                       EventCategory category);
  store::DbPool& pool_;
  std::string zone_;
};

}  // namespace yeyou::services
