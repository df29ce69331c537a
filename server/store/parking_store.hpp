#pragma once
// Car parks and their latest free-space count. Callers own transactions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/parking.hpp"
#include "server/store/db.hpp"

namespace yeyou::store {

struct CarParkRecord {
  CarPark park;
  std::optional<std::int64_t> free_spaces;
  std::optional<Timestamp> spaces_taken_at;
  std::string spaces_source;  // "staff" or "counter"
  std::optional<std::int64_t> counter_seq;
};

std::int64_t next_car_park_id(Db& db);
// Inserts or replaces the description; a stored count above the new capacity is lowered to it.
void upsert_car_park(Db& db, const CarPark& p, Timestamp now);
std::optional<CarParkRecord> find_car_park(Db& db, std::int64_t id);
std::vector<CarParkRecord> list_car_parks(Db& db);
void set_free_spaces(Db& db, std::int64_t id, std::int64_t free_spaces, Timestamp taken_at, const std::string& source,
                     std::optional<std::int64_t> counter_seq);

}  // namespace yeyou::store
