#pragma once
// Ingests ratings idempotently: the rating's UUID is the key. The same key
// with the same payload returns the stored rating; a different payload is a
// Conflict.
#include <exception>
#include <functional>

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

// What submit() returns or throws, for a submission that did not wait.
struct RatingOutcome {
  RatingReceipt receipt;
  std::exception_ptr error;  // set instead of the receipt when the rating was not stored
};

class RatingService {
 public:
  RatingService(store::GroupCommitter& writer, const ContactVault& vault, FeedbackIntake& intake);
  // Checks that a venue or event subject exists and stores the decoded
  // rating, recording the sending kiosk. A retry or a conflict counts as a
  // duplicate refused for that kiosk (see kiosk_store.hpp).
  RatingReceipt submit(Rating r, const std::string& kiosk_id, Timestamp now);
  // The same without waiting for the durable write: what can be checked
  // without the database throws here; done then gets the outcome once the
  // writer's batch has committed, on the writer thread (see
  // GroupCommitter::submit_async: it must only hand the outcome on).
  void submit_async(Rating r, const std::string& kiosk_id, Timestamp now, std::function<void(RatingOutcome)> done);

 private:
  struct Pending;
  store::GroupCommitter& writer_;
  const ContactVault& vault_;
  FeedbackIntake& intake_;
};

// A stable hash of a rating's or complaint's canonical text, for idempotency checks.
std::string payload_hash(const std::string& canonical);

}  // namespace yeyou::services
