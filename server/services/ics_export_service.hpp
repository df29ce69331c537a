#pragma once
// Calendars for visitors: a venue's events, or one event, as iCalendar
// (RFC 5545) text in the visitor's language.
#include <string>

#include "core/localized_text.hpp"
#include "core/time.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

inline constexpr int kMaxExportedEvents = 1000;
inline constexpr int kExportPastDays = 30;

class IcsExportService {
 public:
  explicit IcsExportService(store::DbPool& pool) : pool_(pool) {}
  // Events that ended at most 30 days ago and later ones, at most 1000. NotFound for an unknown venue.
  std::string venue_calendar(std::int64_t venue_id, Lang lang, Timestamp now);
  // NotFound for an unknown event.
  std::string event_calendar(std::int64_t event_id, Lang lang, Timestamp now);

 private:
  store::DbPool& pool_;
};

}  // namespace yeyou::services
