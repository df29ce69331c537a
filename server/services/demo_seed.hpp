#pragma once
// Loads the demo data set (assets/demo/*.json) into a database. Event dates
// in the files are relative ("day": 0 is tonight), placed from `now`.
#include <string>

#include "core/time.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct SeedSummary {
  int districts = 0;
  int venues = 0;
  int events = 0;
  int readings = 0;
};

// Throws std::runtime_error naming the file and the problem on bad data;
// nothing is written unless every file is valid.
SeedSummary seed_demo(store::DbPool& pool, const std::string& demo_dir, Timestamp now);

}  // namespace yeyou::services
