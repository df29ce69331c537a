#pragma once
// What the server received per kiosk: ratings, complaints and duplicates
// refused (retries answered from the stored row, and 409s), for
// `yeyou-server report ingest`.
#include <vector>

#include "server/store/db.hpp"
#include "server/store/kiosk_store.hpp"

namespace yeyou::services {

// One row per kiosk, in kiosk id order.
std::vector<store::IngestRow> ingest_report(store::Db& db);

}  // namespace yeyou::services
