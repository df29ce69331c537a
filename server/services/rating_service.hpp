#pragma once
// Ingests ratings idempotently: the rating's UUID is the key. The same key
// with the same payload returns the stored rating; a different payload is a
// Conflict.
#include "core/feedback.hpp"
#include "server/store/db_pool.hpp"

namespace yeyou::services {

struct RatingReceipt {
  Rating rating;  // as stored
  Timestamp received_at{};
  bool created = false;  // false when this was a retry of a stored rating
};

class RatingService {
 public:
  explicit RatingService(store::DbPool& pool);
  // Validates (including that a venue or event subject exists) and stores.
  RatingReceipt submit(const Json& body, Timestamp now);

 private:
  store::DbPool& pool_;
};

// A stable hash of the rating's canonical JSON, for idempotency checks.
std::string payload_hash(const Json& canonical);

}  // namespace yeyou::services
