#include "server/services/venue_service.hpp"

#include "server/services/request_bodies.hpp"
#include "server/services/service_errors.hpp"
#include "server/store/audit_store.hpp"
#include "server/store/content_store.hpp"

namespace yeyou::services {

void require_venue_access(const Principal& who, store::Db& db, std::int64_t venue_id) {
  if (!who.is_user()) throw Forbidden("devices cannot edit venues");
  if (!who.may_edit_venue(venue_id)) throw Forbidden("you may not change venue " + std::to_string(venue_id));
  if (!store::find_venue(db, venue_id)) throw NotFound("no venue " + std::to_string(venue_id));
}

Venue VenueService::patch(const Principal& who, std::int64_t venue_id, const Json& patch, Timestamp now) {
  check_venue_patch(venue_id, patch);
  auto& db = pool_.get();
  store::Transaction tx(db);
  require_venue_access(who, db, venue_id);
  Venue before = *store::find_venue(db, venue_id);
  Venue after = patched_venue(before, patch);
  if (after.district != before.district && !who.has_role(Role::bureau))
    throw Forbidden("only the bureau may move a venue to another district");
  store::upsert_venue(db, after, now);
  store::append_audit(db, {0, now, who.actor(), "update", "venue", std::to_string(venue_id), to_json(before),
                           to_json(after), ""});
  tx.commit();
  return after;
}

}  // namespace yeyou::services
