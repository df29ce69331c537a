#pragma once
// What the server received per kiosk: ratings, complaints and duplicates
// refused (retries answered from the stored row, and 409s), for
// `yeyou-server report ingest`.
#include "core/json_reader.hpp"
#include "server/store/db.hpp"

namespace yeyou::services {

// {"kiosks": [{"kiosk_id", "ratings", "complaints", "duplicates_refused"}, …]} in kiosk id order.
Json ingest_report(store::Db& db);

}  // namespace yeyou::services
