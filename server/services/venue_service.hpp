#pragma once
// Venue edits by bureau users and the venue's own staff.
#include "core/venue.hpp"
#include "server/services/principal.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

class VenueService {
 public:
  explicit VenueService(store::DbPool& pool) : pool_(pool) {}
  // Applies the fields present in `patch` (details, opening hours, capacity)
  // to the venue; the id cannot change. Audited. Throws NotFound, Forbidden,
  // ValidationError.
  Venue patch(const Principal& who, std::int64_t venue_id, const Json& patch, Timestamp now);

 private:
  store::DbPool& pool_;
};

// Throws NotFound (unknown venue) or Forbidden (not the caller's venue). A
// venue staff user asking about another venue learns only "forbidden".
void require_venue_access(const Principal& who, store::Db& db, std::int64_t venue_id);

}  // namespace yeyou::services
