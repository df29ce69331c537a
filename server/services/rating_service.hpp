#pragma once
// Ingests ratings idempotently: the rating's UUID is the key. The same key
// with the same payload returns the stored rating; a different payload is a
// Conflict.
#include "core/feedback.hpp"
#include "server/services/contact_vault.hpp"
#include "server/services/feedback_intake.hpp"
#include "server/store/db_pool.hpp"
#include "server/store/group_commit.hpp"

namespace yeyou::services {

struct RatingReceipt {
  Rating rating;  // as stored
  Timestamp received_at{};
  bool created = false;  // false when this was a retry of a stored rating
};

class RatingService {
 public:
  RatingService(store::GroupCommitter& writer, const ContactVault& vault, FeedbackIntake& intake);
  // Checks that a venue or event subject exists and stores the decoded
  // rating, recording the sending kiosk. A retry or a conflict counts as a
  // duplicate refused for that kiosk (see kiosk_store.hpp).
  RatingReceipt submit(Rating r, const std::string& kiosk_id, Timestamp now);

 private:
  store::GroupCommitter& writer_;
  const ContactVault& vault_;
  FeedbackIntake& intake_;
};

// A stable hash of a rating's or complaint's canonical text, for idempotency checks.
std::string payload_hash(const std::string& canonical);

}  // namespace yeyou::services
