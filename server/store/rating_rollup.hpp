#pragma once
// Rating counts rolled up by statistics slice (see migration 5), kept in step
// with the ratings inside the same transactions, so statistics read a few
// thousand rollup rows instead of scanning ratings.
#include <cstdint>
#include <string>

#include "server/store/db.hpp"

namespace yeyou::store {

// "counted", "suspect" or "excluded".
std::string rating_bucket(const std::string& rating_id, Db& db);
// Adds the rating (after it has been annotated) to its slice in `bucket`.
void rollup_add(Db& db, const std::string& rating_id, const std::string& bucket, int delta = 1);
// Adds one rating's slice directly (ingest: the values are at hand).
void rollup_add_values(Db& db, const std::string& month, const std::string& district, std::int64_t venue_id,
                       const std::string& subject_kind, int hour_of_week, int level, const std::string& reasons,
                       const std::string& bucket);
// Moves the rating between buckets (on review or an upheld appeal).
void rollup_move(Db& db, const std::string& rating_id, const std::string& from, const std::string& to);

}  // namespace yeyou::store
