#pragma once
#include <optional>
#include <vector>

#include "core/notice.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

// Inserts (id 0 = assign) and publishes on the change feed; returns the id.
std::int64_t insert_notice(Db& db, Notice n, Timestamp now);
std::optional<Notice> find_notice(Db& db, std::int64_t id);
// Notices active at `now`, most severe first.
std::vector<Notice> active_notices(Db& db, Timestamp now);
// Ends a notice now (expiry); publishes the change.
void end_notice(Db& db, std::int64_t id, Timestamp now);

}  // namespace yeyou::store
