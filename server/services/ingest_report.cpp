#include "server/services/ingest_report.hpp"

#include "server/store/kiosk_store.hpp"

namespace yeyou::services {

Json ingest_report(store::Db& db) {
  Json kiosks = Json::array();
  for (const auto& r : store::ingest_by_kiosk(db))
    kiosks.push_back(Json{{"kiosk_id", r.kiosk_id},
                          {"ratings", r.ratings},
                          {"complaints", r.complaints},
                          {"duplicates_refused", r.duplicates_refused}});
  return Json{{"kiosks", kiosks}};
}

}  // namespace yeyou::services
