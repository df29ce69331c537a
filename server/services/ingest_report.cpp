#include "server/services/ingest_report.hpp"

#include "server/store/kiosk_store.hpp"

namespace yeyou::services {

std::vector<store::IngestRow> ingest_report(store::Db& db) { return store::ingest_by_kiosk(db); }

}  // namespace yeyou::services
