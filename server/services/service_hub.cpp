#include "server/services/service_hub.hpp"

namespace yeyou::services {

ServiceHub::ServiceHub(store::DbPool& db_pool, const ServerConfig& cfg)
    : pool(db_pool),
      config(cfg),
      writer(db_pool.path()),
      vault(cfg.contact_key_path()),
      notifier(),
      cases(db_pool, cfg.cases, vault, notifier),
      intake(cases, cfg.abuse),
      auth(db_pool, cfg.auth),
      audit(db_pool),
      content(db_pool, cfg.max_event_query_days),
      ratings(writer, vault, intake),
      venues(db_pool),
      events(db_pool),
      occupancy(db_pool, cfg.crowd),
      notices(db_pool),
      complaints(writer, vault, intake),
      sync(db_pool, cfg.sync),
      heartbeats(db_pool, cfg.sync.live_poll_s),
      stats(db_pool),
      rating_links(db_pool, ratings, cfg.rating_link_days),
      transit(db_pool),
      parking(db_pool),
      ics_import(db_pool),
      ics_export(db_pool) {
  writer.set_observer(&intake.bursts());
}

}  // namespace yeyou::services
