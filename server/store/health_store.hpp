#pragma once
// What a health check asks of the database, and the integrity check run
// before serving.
#include <cstdint>
#include <string>
#include <vector>

#include "server/store/db.hpp"

namespace yeyou::store {

// Reads the probe row: when the last probe wrote (UTC seconds).
std::int64_t read_health_probe(Db& db);
// Changes the probe row (always: SQLite writes nothing for an update that
// changes no byte); run inside a Transaction, whose commit is what shows that
// the database can write.
void write_health_probe(Db& db, std::int64_t now);

// PRAGMA quick_check: empty when the database is sound, otherwise the first
// `max_problems` problems SQLite found.
std::vector<std::string> quick_check(Db& db, int max_problems = 10);

}  // namespace yeyou::store
